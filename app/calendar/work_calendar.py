"""Counting statutory periods: working days, natural days and wall-clock time (RULES §2.1)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.calendar.bounds import FIRST_YEAR, LAST_YEAR, check_date, check_year
from app.calendar.package_data import (
    last_package_year,
    package_off_days,
    package_weekend_workdays,
)
from app.calendar.schedule import YearSchedule
from app.domain.errors import DomainError, ValidationError

_ONE_DAY = timedelta(days=1)


def nth_day_after(start: date, n: int) -> date:
    """The n-th calendar day after ``start``, the start day not counted (民法典 art. 201), with
    no roll-forward: for periods that run against a person rather than give them time to act
    (a restriction, YJ12345 art. 7). ``add_natural_days`` is this plus the roll of art. 203."""
    _check_count(n)
    check_date(start)
    try:
        day = start + timedelta(days=n)
    except OverflowError:
        day = date.max
    check_date(day)
    return day


@dataclass(frozen=True)
class DueDate:
    """A computed last day of a period.

    ``provisional`` is True when a counted day lies in a year whose official schedule is not
    published yet: the date may move once the administrator loads that schedule.
    """

    day: date
    provisional: bool

    def __str__(self) -> str:
        text = self.day.isoformat()
        return f"{text} provisional" if self.provisional else text


@dataclass(frozen=True)
class _YearDays:
    # Ordinals rather than dates: bisect and set lookups on ints are what keeps counting
    # 1000 working days in the microseconds range.
    working: tuple[int, ...]
    working_set: frozenset[int]


class WorkCalendar:
    """The official working-day calendar (RULES §2.1).

    It is the `holidays` package's China data, replaced year by year by the schedules the
    administrator loaded.
    """

    def __init__(self, schedules: Iterable[YearSchedule] = ()) -> None:
        self._schedules: dict[int, YearSchedule] = {}
        for schedule in schedules:
            if schedule.year in self._schedules:
                raise DomainError(f"{schedule.year}年的节假日安排提供了两份，请只保留一份")
            self._schedules[schedule.year] = schedule
        self._years: dict[int, _YearDays] = {}

    # --- what the calendar knows -------------------------------------------------------------

    def is_provisional_year(self, year: int) -> bool:
        """True when neither the package nor a loaded schedule has ``year``'s official swaps."""
        check_year(year)
        return year not in self._schedules and year > last_package_year()

    def official_years(self) -> list[int]:
        """The years whose official schedule is known, ascending."""
        package_years = range(FIRST_YEAR, last_package_year() + 1)
        return sorted(set(package_years) | set(self._schedules))

    def is_working_day(self, d: date) -> bool:
        """True when ``d`` is a working day, swapped working weekends (调休上班) included."""
        check_date(d)
        return d.toordinal() in self._year_days(d.year).working_set

    def warnings(self, today: date) -> list[str]:
        """Plain-Chinese warnings for the status bar about years still computed provisionally.

        RULES §2.1: a date beyond the known calendar must warn, never silently assume
        "Saturday and Sunday only".
        """
        messages: list[str] = []
        if not FIRST_YEAR <= today.year <= LAST_YEAR:
            messages.append(
                f"当前日期超出工作日日历支持的范围（{FIRST_YEAR}–{LAST_YEAR}年），期限无法计算"
            )
            return messages
        for year in (today.year, today.year + 1):
            if year <= LAST_YEAR and self.is_provisional_year(year):
                messages.append(
                    f"{year}年节假日安排尚未发布，涉及该年的期限为暂定"
                    "（按法定节假日推算，不含调休），请管理员导入国务院办公厅公布的放假安排"
                )
        return messages

    # --- counting ------------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> DueDate:
        """The n-th working day after ``start``; ``n == 0`` gives ``start`` itself.

        RULES §2.1, 民法典 art. 201: the start day is not counted.
        """
        _check_count(n)
        check_date(start)
        if n == 0:
            # No day is counted, so no unpublished year can move the result.
            return DueDate(start, provisional=False)
        year = start.year
        days = self._year_days(year)
        # RULES §2.1, 民法典 art. 201: counting begins with the first working day after start.
        index = bisect_right(days.working, start.toordinal())
        remaining = n
        while remaining > len(days.working) - index:
            remaining -= len(days.working) - index
            year += 1
            if year > LAST_YEAR:
                raise DomainError(
                    f"从 {start.isoformat()} 起算 {n} 个工作日，期限超出工作日日历支持的范围"
                    f"（{FIRST_YEAR}–{LAST_YEAR}年）"
                )
            days = self._year_days(year)
            index = 0
        result = date.fromordinal(days.working[index + remaining - 1])
        return DueDate(result, self._touches_provisional(start, result))

    def add_natural_days(self, start: date, n: int) -> DueDate:
        """The n-th calendar day after ``start``, moved on past rest days and holidays.

        ``n == 0`` gives ``start`` itself.

        RULES §2.1, 民法典 art. 201 (start day not counted) and art. 203 (roll forward).
        """
        day = nth_day_after(start, n)
        if n == 0:
            return DueDate(start, provisional=False)
        # RULES §2.1, 民法典 art. 203: a period ending on a rest day ends on the next working day.
        while not self.is_working_day(day):
            day += _ONE_DAY
            check_date(day)
        return DueDate(day, self._touches_provisional(start, day))

    def add_wall_clock(self, start: datetime, *, hours: int = 0, minutes: int = 0) -> datetime:
        """``start`` plus the given hours and minutes on the clock, holidays ignored.

        RULES §2.1: hours and minutes (urgent items, YJ12345 art. 9) are wall-clock.
        """
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError("add_wall_clock needs a timezone-aware datetime")
        for field, value in (("hours", hours), ("minutes", minutes)):
            if value < 0:
                raise ValidationError(field, "时限的小时数和分钟数不能为负数")
        return start + timedelta(hours=hours, minutes=minutes)

    def working_days_overdue(self, due: date, as_of: date) -> int:
        """Working days past the last day ``due`` on ``as_of``; 0 until then (RULES §2.1: the
        last day itself is not overdue). The 催办通知书 and the 催办台账 both count this way."""
        return max(0, self.working_days_between(due, as_of))

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days d with start < d <= end.

        Negative (minus the working days end < d <= start) when ``end`` is earlier. Gives
        "working days left" and "days overdue" on the same start-day-not-counted footing as
        :meth:`add_working_days`.
        """
        check_date(start)
        check_date(end)
        if end < start:
            return -self._count_after(end, start)
        return self._count_after(start, end)

    # --- internals -----------------------------------------------------------------------------

    def _count_after(self, start: date, end: date) -> int:
        lo, hi = start.toordinal(), end.toordinal()
        total = 0
        for year in range(start.year, end.year + 1):
            working = self._year_days(year).working
            total += bisect_right(working, hi) - bisect_right(working, lo)
        return total

    def _touches_provisional(self, start: date, last: date) -> bool:
        first_counted = start + _ONE_DAY
        return any(
            self.is_provisional_year(year) for year in range(first_counted.year, last.year + 1)
        )

    def _year_days(self, year: int) -> _YearDays:
        cached = self._years.get(year)
        if cached is None:
            cached = self._build_year(year)
            self._years[year] = cached
        return cached

    def _build_year(self, year: int) -> _YearDays:
        check_year(year)
        schedule = self._schedules.get(year)
        if schedule is not None:
            # A loaded schedule replaces the package's data for its year entirely.
            off, swapped = schedule.holidays, schedule.workdays
        else:
            off, swapped = package_off_days(year), package_weekend_workdays(year)
        working: list[int] = []
        day = date(year, 1, 1)
        while day.year == year:
            if (day.weekday() < 5 and day not in off) or day in swapped:
                working.append(day.toordinal())
            day += _ONE_DAY
        return _YearDays(tuple(working), frozenset(working))


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValidationError("n", "期限天数必须是整数")
    if n < 0:
        raise ValidationError("n", "期限天数不能为负数")
