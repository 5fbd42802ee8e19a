"""A changed local holiday moves PPID deadlines: the saving process forgets its copy at once."""

from django.db.models.signals import post_delete, post_save

from workdays.counting import clear_local_holidays_cache
from workdays.models import LocalHoliday


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            clear_local_holidays_cache,
            sender=LocalHoliday,
            dispatch_uid=f"local-holidays-{signal is post_save}",
        )
