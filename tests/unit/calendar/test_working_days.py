"""Tests of period counting on the official working-day calendar (RULES §2.1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar import (
    DueDate,
    WorkCalendar,
    YearSchedule,
    last_package_year,
    nth_day_after,
    schedule_from_package,
)
from app.domain.errors import DomainError, ValidationError

SHANGHAI = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar()


def _schedule_2027() -> YearSchedule:
    # A made-up 2027 notice: Spring Festival 02-05..02-11 off, Sun 02-07 and Sat 02-20 worked.
    return YearSchedule(
        year=2027,
        holidays=frozenset(
            {date(2027, 1, 1), date(2027, 2, 5)} | {date(2027, 2, d) for d in range(8, 12)}
        ),
        workdays=frozenset({date(2027, 2, 7), date(2027, 2, 20)}),
        source="国办发明电〔2026〕测试号",
    )


# --- RULES §2.1, 民法典 art. 201: working days, start day not counted -------------------------


def test_rules_2_1_working_days_start_day_not_counted() -> None:
    # Mon 2025-03-03 is a plain working day: one working day later is Tue, not Mon itself.
    assert CAL.add_working_days(date(2025, 3, 3), 1) == DueDate(date(2025, 3, 4), False)
    assert CAL.add_working_days(date(2025, 3, 3), 0) == DueDate(date(2025, 3, 3), False)


def test_rules_2_1_working_days_national_day_2025_with_swapped_weekends() -> None:
    # RULES §2.1 example: Sun 09-28 and Sat 10-11 were working days; 10-01..10-08 off.
    due = CAL.add_working_days(date(2025, 9, 26), 10)
    assert due == DueDate(date(2025, 10, 16), provisional=False)
    assert str(due) == "2025-10-16"
    assert CAL.is_working_day(date(2025, 9, 28))
    assert CAL.is_working_day(date(2025, 10, 11))
    assert not any(CAL.is_working_day(date(2025, 10, d)) for d in range(1, 9))


def test_rules_2_1_working_days_across_new_year_2026() -> None:
    # 2026-01-01..03 off; Sun 2026-01-04 is a swapped working day.
    assert CAL.is_working_day(date(2026, 1, 4))
    assert not CAL.is_working_day(date(2026, 1, 2))
    assert CAL.add_working_days(date(2025, 12, 31), 5) == DueDate(date(2026, 1, 8), False)


def test_rules_2_1_working_days_swap_announced_with_next_year() -> None:
    # Sat 2001-12-29 was made a working day by the notice for New Year 2002.
    assert CAL.is_working_day(date(2001, 12, 29))
    assert not CAL.is_working_day(date(2002, 1, 2))


def test_rules_2_1_working_days_deadline_in_2027_is_provisional() -> None:
    due = CAL.add_working_days(date(2026, 12, 28), 5)
    assert due.provisional
    assert due.day.year == 2027
    assert str(due) == f"{due.day.isoformat()} provisional"


def test_rules_2_1_working_days_deadline_in_2026_is_not_provisional() -> None:
    due = CAL.add_working_days(date(2026, 11, 2), 20)
    assert due.day.year == 2026
    assert not due.provisional


def test_rules_2_1_working_days_provisional_year_uses_statutory_holidays_only() -> None:
    # Without a published 2027 schedule: Spring Festival days off (with the statutory 补假 for
    # the ones on the weekend), no swapped working weekend.
    assert CAL.is_provisional_year(2027)
    assert not CAL.is_working_day(date(2027, 1, 1))
    assert not CAL.is_working_day(date(2027, 2, 8))
    assert not CAL.is_working_day(date(2027, 2, 7))
    assert CAL.is_working_day(date(2027, 2, 12))


def test_rules_2_1_working_days_official_years_derived_from_package() -> None:
    last = last_package_year()
    assert last >= 2026
    assert CAL.official_years() == list(range(2001, last + 1))
    assert not CAL.is_provisional_year(last)
    assert CAL.is_provisional_year(last + 1)


def test_rules_2_1_working_days_loaded_schedule_makes_year_official() -> None:
    cal = WorkCalendar([_schedule_2027()])
    assert not cal.is_provisional_year(2027)
    assert cal.is_provisional_year(2028)
    assert 2027 in cal.official_years()
    assert cal.is_working_day(date(2027, 2, 7))
    # Provisional: 02-05, 02-08..02-10 off, so Thu 02-11 is the next working day after Thu 02-04.
    assert CAL.add_working_days(date(2027, 2, 4), 1) == DueDate(date(2027, 2, 11), True)
    # Official: Fri 02-05 off, Sun 02-07 worked.
    assert cal.add_working_days(date(2027, 2, 4), 1) == DueDate(date(2027, 2, 7), False)
    # The loaded schedule replaces the package's data: 2027-10-04 (补假) is now a working day.
    assert not CAL.is_working_day(date(2027, 10, 4))
    assert cal.is_working_day(date(2027, 10, 4))


def test_rules_2_1_working_days_schedule_replaces_package_year_entirely() -> None:
    bare = YearSchedule(2025, frozenset(), frozenset(), source="测试：无节假日")
    cal = WorkCalendar([bare])
    assert cal.is_working_day(date(2025, 10, 1))
    assert not cal.is_working_day(date(2025, 9, 28))
    assert cal.add_working_days(date(2025, 9, 26), 10) == DueDate(date(2025, 10, 10), False)


def test_rules_2_1_working_days_package_template_reproduces_package() -> None:
    for year in (2001, 2002, 2020, 2025, last_package_year()):
        schedule = schedule_from_package(year)
        assert schedule is not None
        cal = WorkCalendar([schedule])
        day = date(year, 1, 1)
        while day.year == year:
            assert cal.is_working_day(day) == CAL.is_working_day(day), day
            day += timedelta(days=1)
    assert schedule_from_package(last_package_year() + 1) is None


def test_rules_2_1_working_days_two_schedules_for_one_year_refused() -> None:
    with pytest.raises(DomainError, match="两份"):
        WorkCalendar([_schedule_2027(), _schedule_2027()])


def test_rules_2_1_working_days_negative_count_refused() -> None:
    with pytest.raises(ValidationError, match="负数"):
        CAL.add_working_days(date(2025, 1, 1), -1)
    with pytest.raises(ValidationError, match="负数"):
        CAL.add_natural_days(date(2025, 1, 1), -1)


def test_rules_2_1_working_days_outside_supported_years_refused() -> None:
    with pytest.raises(DomainError, match="2001–2099"):
        CAL.add_working_days(date(2000, 12, 1), 1)
    with pytest.raises(DomainError, match="2001–2099"):
        CAL.add_working_days(date(2099, 12, 1), 100)
    with pytest.raises(DomainError, match="2001–2099"):
        CAL.is_working_day(date(2100, 1, 1))
    with pytest.raises(DomainError, match="2001–2099"):
        CAL.add_natural_days(date(2099, 12, 30), 5)
    with pytest.raises(DomainError, match="2001–2099"):
        CAL.working_days_between(date(2025, 1, 1), date(2100, 1, 1))
    with pytest.raises(DomainError, match="2001–2099"):
        schedule_from_package(2100)


# --- RULES §2.1, 民法典 art. 203: natural days roll forward ------------------------------------


def test_rules_2_1_natural_days_roll_forward_from_holiday_art_203() -> None:
    # 30 days after 2025-09-01 is 2025-10-01 (National Day): the period ends on 10-09.
    assert CAL.add_natural_days(date(2025, 9, 1), 30) == DueDate(date(2025, 10, 9), False)


def test_rules_2_1_natural_days_roll_forward_from_weekend_art_203() -> None:
    # 30 days after 2025-07-06 is Tue 08-05 (no roll); after 2025-07-05 is Mon 08-04;
    # after 2025-07-03 is Sat 08-02, rolled to Mon 08-04.
    assert CAL.add_natural_days(date(2025, 7, 6), 30).day == date(2025, 8, 5)
    assert CAL.add_natural_days(date(2025, 7, 3), 30).day == date(2025, 8, 4)


def test_rules_2_1_natural_days_swapped_working_weekend_is_not_rolled_art_203() -> None:
    # Sun 2025-09-28 was a working day: a period ending on it ends that day.
    assert CAL.add_natural_days(date(2025, 8, 29), 30) == DueDate(date(2025, 9, 28), False)


def test_rules_2_1_natural_days_start_day_not_counted_art_201() -> None:
    assert CAL.add_natural_days(date(2025, 3, 3), 1) == DueDate(date(2025, 3, 4), False)


def test_rules_2_1_natural_days_roll_into_provisional_year() -> None:
    # 2026-12-31 + 1 = 2027-01-01 (New Year, provisional year): rolled to Mon 2027-01-04.
    assert CAL.add_natural_days(date(2026, 12, 31), 1) == DueDate(date(2027, 1, 4), True)


# --- RULES §2.1: hours and minutes are wall-clock -----------------------------------------------


def test_rules_2_1_wall_clock_minutes_across_midnight() -> None:
    start = datetime(2025, 9, 30, 23, 55, tzinfo=SHANGHAI)
    assert CAL.add_wall_clock(start, minutes=10) == datetime(2025, 10, 1, 0, 5, tzinfo=SHANGHAI)


def test_rules_2_1_wall_clock_hours_across_midnight_into_holiday() -> None:
    start = datetime(2025, 9, 30, 23, 30, tzinfo=SHANGHAI)
    assert CAL.add_wall_clock(start, hours=1) == datetime(2025, 10, 1, 0, 30, tzinfo=SHANGHAI)
    assert CAL.add_wall_clock(start, hours=2, minutes=15) == datetime(
        2025, 10, 1, 1, 45, tzinfo=SHANGHAI
    )


def test_rules_2_1_wall_clock_needs_aware_datetime() -> None:
    with pytest.raises(ValueError):
        CAL.add_wall_clock(datetime(2025, 9, 30, 23, 30), hours=1)


# --- RULES §2.1: working days left / overdue ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 9, 26), date(2025, 10, 16), 10),
        (date(2025, 9, 26), date(2025, 9, 26), 0),
        (date(2025, 9, 30), date(2025, 10, 8), 0),
        (date(2025, 10, 16), date(2025, 9, 26), -10),
        (date(2025, 10, 8), date(2025, 9, 30), 0),
        (date(2025, 10, 9), date(2025, 9, 30), -1),
        (date(2025, 12, 31), date(2026, 1, 8), 5),
        (date(2026, 1, 8), date(2025, 12, 31), -5),
    ],
)
def test_rules_2_1_working_days_between(start: date, end: date, expected: int) -> None:
    assert CAL.working_days_between(start, end) == expected


def test_rules_2_1_working_days_between_many_years() -> None:
    due = CAL.add_working_days(date(2003, 5, 6), 5000)
    assert CAL.working_days_between(date(2003, 5, 6), due.day) == 5000
    assert CAL.working_days_between(due.day, date(2003, 5, 6)) == -5000


# --- RULES §2.1: the calendar warns about unpublished years ------------------------------------


def test_rules_2_1_warnings_for_unpublished_years() -> None:
    last = last_package_year()
    assert CAL.warnings(date(last - 1, 6, 1)) == []
    (only,) = CAL.warnings(date(last, 11, 20))
    assert only.startswith(f"{last + 1}年节假日安排尚未发布，涉及该年的期限为暂定")
    both = CAL.warnings(date(last + 1, 3, 1))
    assert [w[:4] for w in both] == [str(last + 1), str(last + 2)]
    loaded = WorkCalendar([_schedule_2027()]).warnings(date(2026, 11, 20))
    assert not any(w.startswith("2027年") for w in loaded)


# --- properties ---------------------------------------------------------------------------------

starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=1, max_value=300)


@settings(max_examples=300, deadline=None)
@given(start=starts, n=counts)
def test_rules_2_1_property_nth_working_day(start: date, n: int) -> None:
    due = CAL.add_working_days(start, n)
    assert CAL.is_working_day(due.day)
    assert due.day > start
    assert CAL.add_working_days(start, n + 1).day > due.day
    assert CAL.working_days_between(start, due.day) == n
    assert CAL.working_days_between(due.day, start) == -n
    years = range((start + timedelta(days=1)).year, due.day.year + 1)
    assert due.provisional == any(CAL.is_provisional_year(y) for y in years)


@settings(max_examples=300, deadline=None)
@given(start=starts, n=counts)
def test_rules_2_1_property_natural_days(start: date, n: int) -> None:
    due = CAL.add_natural_days(start, n)
    assert CAL.is_working_day(due.day)
    assert due.day >= start + timedelta(days=n)
    # Rolled only across days that are not working days (民法典 art. 203).
    day = start + timedelta(days=n)
    while day < due.day:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)


def test_rules_2_1_nth_day_after_counts_from_the_next_day_and_does_not_roll() -> None:
    # Fri 2025-09-26 + 30 = Sun 2025-10-26: a restriction ends then (YJ12345 art. 7), whereas a
    # period to act would roll to the next working day (民法典 art. 203).
    assert nth_day_after(date(2025, 9, 26), 30) == date(2025, 10, 26)
    assert WorkCalendar().add_natural_days(date(2025, 9, 26), 30).day == date(2025, 10, 27)
    assert nth_day_after(date(2025, 9, 26), 0) == date(2025, 9, 26)


def test_rules_2_1_days_overdue_start_after_the_last_day_and_skip_rest_days() -> None:
    # Due Thursday 2025-09-25: not overdue that day; Friday is the first day over; Sunday
    # 09-28 is a make-up working day, Monday and Tuesday follow, National Day (10-01..10-08)
    # does not count, so 10-09 is the fifth.
    assert CAL.working_days_overdue(date(2025, 9, 25), date(2025, 9, 25)) == 0
    assert CAL.working_days_overdue(date(2025, 9, 25), date(2025, 9, 20)) == 0
    assert CAL.working_days_overdue(date(2025, 9, 25), date(2025, 9, 26)) == 1
    assert CAL.working_days_overdue(date(2025, 9, 25), date(2025, 9, 28)) == 2
    assert CAL.working_days_overdue(date(2025, 9, 25), date(2025, 10, 9)) == 5
