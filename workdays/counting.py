"""Working days for the PPID legal clock (UU 14/2008, Perki 1/2021).

A working day is Monday to Friday, except Indonesian national holidays and cuti bersama (the
`holidays` package's "public" and "government" categories) and the local dates Kominfo adds in
the console (`workdays.LocalHoliday`, a public-schema table every tenant schema can read).
"""

import datetime
import threading
import time
from functools import lru_cache

import holidays

from workdays.models import LocalHoliday

# How long a worker trusts its copy of Kominfo's local dates; saving one clears it at once in
# the saving process (workdays.receivers) and the other workers pick it up within this delay.
LOCAL_HOLIDAYS_TTL_SECONDS = 300

_local_lock = threading.Lock()
_local_cache: dict = {"expires": 0.0, "dates": frozenset()}


@lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[datetime.date]:
    """National holidays and cuti bersama of `year`."""
    calendar = holidays.country_holidays(
        "ID", years=year, categories=(holidays.PUBLIC, holidays.GOVERNMENT)
    )
    return frozenset(calendar)


def local_holidays() -> frozenset[datetime.date]:
    """The local non-working days Kominfo added, cached per process."""
    with _local_lock:
        if time.monotonic() >= _local_cache["expires"]:
            _local_cache["dates"] = frozenset(LocalHoliday.objects.values_list("date", flat=True))
            _local_cache["expires"] = time.monotonic() + LOCAL_HOLIDAYS_TTL_SECONDS
        return _local_cache["dates"]


def clear_local_holidays_cache(**kwargs) -> None:
    """Forget the cached local dates (a post_save/post_delete receiver for LocalHoliday)."""
    with _local_lock:
        _local_cache["expires"] = 0.0


def is_working_day(day: datetime.date) -> bool:
    return (
        day.weekday() < 5 and day not in national_holidays(day.year) and day not in local_holidays()
    )


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`; `start` itself is never counted, so a
    request received on a Saturday starts its clock on Monday."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
