"""Working-day arithmetic against dates worked out by hand from the 2025–2027 SKB calendars
(national holidays and cuti bersama as the `holidays` package lists them)."""

from datetime import date

import pytest

from workdays.counting import add_working_days, is_working_day, working_days_between
from workdays.models import LocalHoliday

pytestmark = pytest.mark.django_db


def test_weekends_are_not_working_days():
    assert is_working_day(date(2026, 6, 5))  # Friday
    assert not is_working_day(date(2026, 6, 6))  # Saturday
    assert not is_working_day(date(2026, 6, 7))  # Sunday


def test_national_holidays_and_cuti_bersama_are_not_working_days():
    assert not is_working_day(date(2026, 3, 19))  # Nyepi
    assert not is_working_day(date(2026, 3, 18))  # cuti bersama Nyepi
    assert not is_working_day(date(2026, 3, 23))  # cuti bersama Idul Fitri
    assert not is_working_day(date(2025, 12, 26))  # cuti bersama Natal
    assert not is_working_day(date(2027, 1, 1))  # Tahun Baru


def test_ten_working_days_across_nyepi_and_idul_fitri_2026():
    # Received Tue 17 March 2026. 18 (cuti Nyepi), 19 (Nyepi), 20 (cuti Idul Fitri), 21-22
    # (weekend, Idul Fitri), 23-24 (cuti Idul Fitri) are off; then 25, 26, 27, 30, 31 March,
    # 1, 2 April, 3 April is Good Friday, 6, 7, 8 April -> day 10 is Wed 8 April.
    assert add_working_days(date(2026, 3, 17), 10) == date(2026, 4, 8)


def test_ten_working_days_across_christmas_and_new_year():
    # Received Mon 22 Dec 2025: 23, 24 Dec; 25 (Natal), 26 (cuti Natal), weekend; 29, 30, 31
    # Dec; 1 Jan (Tahun Baru); 2, 5, 6, 7, 8 Jan -> Thu 8 January 2026.
    assert add_working_days(date(2025, 12, 22), 10) == date(2026, 1, 8)


def test_ten_working_days_across_the_2026_year_end():
    # Received Wed 23 Dec 2026: 24 (cuti Natal), 25 (Natal), weekend; 28, 29, 30, 31 Dec;
    # 1 Jan 2027 (Tahun Baru); 4 Jan; 5 Jan (Isra Mikraj); 6, 7, 8, 11, 12 Jan -> Tue 12 Jan 2027.
    assert add_working_days(date(2026, 12, 23), 10) == date(2027, 1, 12)


def test_extension_of_seven_working_days():
    # From Wed 8 April 2026: 9, 10, 13, 14, 15, 16, 17 April -> Fri 17 April.
    assert add_working_days(date(2026, 4, 8), 7) == date(2026, 4, 17)


def test_a_request_received_on_saturday_starts_counting_on_monday():
    assert add_working_days(date(2026, 6, 6), 1) == date(2026, 6, 8)
    # Mon 1 June 2026 is Hari Lahir Pancasila: from Fri 29 May the first working day is 2 June.
    assert add_working_days(date(2026, 5, 29), 1) == date(2026, 6, 2)


def test_thirty_working_days_for_objections():
    # From Wed 1 July 2026: 22 working days in July (2-31), then 3-7 Aug (27), 10, 11, 12 Aug.
    assert add_working_days(date(2026, 7, 1), 30) == date(2026, 8, 12)


def test_working_days_between_counts_forwards_and_backwards():
    assert working_days_between(date(2026, 3, 17), date(2026, 4, 8)) == 10
    assert working_days_between(date(2026, 4, 8), date(2026, 4, 8)) == 0
    assert working_days_between(date(2026, 4, 10), date(2026, 4, 8)) == -2


def test_local_holidays_added_by_kominfo_are_skipped():
    assert add_working_days(date(2026, 4, 8), 7) == date(2026, 4, 17)
    LocalHoliday.objects.create(date=date(2026, 4, 9), name="Hari jadi kota")
    assert not is_working_day(date(2026, 4, 9))
    assert add_working_days(date(2026, 4, 8), 7) == date(2026, 4, 20)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1)
