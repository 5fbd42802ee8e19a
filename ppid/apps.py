from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "ppid"
    verbose_name = _("PPID")

    def ready(self):
        from ppid.workdays import clear_local_holidays_cache

        for signal in (post_save, post_delete):
            signal.connect(
                clear_local_holidays_cache,
                sender="tenants.LocalHoliday",
                dispatch_uid=f"ppid_local_holidays_{signal is post_save}",
            )
            signal.connect(
                dip_changed,
                sender="ppid.PublicInformation",
                dispatch_uid=f"ppid_dip_pagecache_{signal is post_save}",
            )


def dip_changed(sender, **kwargs):
    """The cached Daftar Informasi Publik (page and CSV) is stale."""
    from portal import pagecache

    pagecache.invalidate()
