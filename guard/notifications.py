"""The e-mails about a hold: to the OPD's admins and to Kominfo."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from accounts import roles
from accounts.models import OperatorAccount
from core.links import portal_url
from guard.models import ContentHold
from tenants.models import Opd

logger = logging.getLogger(__name__)


def kominfo_recipients() -> list[str]:
    """KOMINFO_ALERT_EMAIL, or else the e-mail of every active Kominfo superuser."""
    if settings.KOMINFO_ALERT_EMAILS:
        return list(settings.KOMINFO_ALERT_EMAILS)
    with schema_context(get_public_schema_name()):
        return list(
            get_user_model()
            .objects.filter(is_superuser=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )


def opd_admin_recipients(opd: Opd) -> list[str]:
    return list(
        OperatorAccount.objects.filter(opd=opd, is_active=True, roles__contains=roles.ADMIN_OPD)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def notify_hold(hold_id: int) -> None:
    """E-mail the OPD's admins and Kominfo about a hold (after the save commits)."""
    with schema_context(get_public_schema_name()):
        hold = ContentHold.objects.select_related("opd").filter(pk=hold_id).first()
        if hold is None:
            return
        reasons = "\n".join(f"- {finding['message']}" for finding in hold.findings)
        context = {
            "opd": hold.opd.name,
            "kind": hold.get_kind_display(),
            "title": hold.title,
            "reasons": reasons,
        }
        console_path = reverse(
            "console:guard_contenthold_change",
            args=[hold.pk],
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
        )
        messages_to_send = [
            (
                opd_admin_recipients(hold.opd),
                _(
                    "Yth. Admin %(opd)s,\n\n%(kind)s “%(title)s” tidak diterbitkan karena "
                    "penjaga konten menemukan:\n%(reasons)s\n\nIsinya tersimpan sebagai draf. "
                    "Bila Anda tidak menulis bagian tersebut, akun operator Anda mungkin "
                    "disalahgunakan: ganti kata sandi dan hubungi Kominfo. Bila isinya benar, "
                    "Kominfo akan memeriksa dan menerbitkannya.\n\nPortal OPD Terpadu"
                )
                % context,
            ),
            (
                kominfo_recipients(),
                _(
                    "%(kind)s “%(title)s” dari %(opd)s ditahan oleh penjaga konten:\n"
                    "%(reasons)s\n\nPeriksa dan lepaskan atau tolak di konsol: %(url)s\n"
                )
                % {**context, "url": portal_url(console_path)},
            ),
        ]
    subject = _("Konten ditahan: %(title)s") % {"title": Truncator(hold.title).chars(60)}
    for recipients, body in messages_to_send:
        if not recipients:
            continue
        try:
            send_mail(subject, body, None, recipients)
        except OSError:
            logger.exception("Could not e-mail the content hold notice to %s", recipients)
