"""What the `holidays` package knows of China's official calendar, read once per year and cached."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from holidays import HolidayBase
from holidays.countries.china import China, ChinaStaticHolidays

from app.calendar.bounds import check_year


@cache
def last_package_year() -> int:
    """The last year whose State Council schedule (with its swapped weekends) the package holds.

    Derived from the package's own table so that upgrading `holidays` moves the boundary without
    a code change (RULES §2.1: the calendar is data).
    """
    return max(ChinaStaticHolidays.special_public_holidays)


@cache
def _package_calendar(year: int) -> HolidayBase:
    # China.__init__ is unannotated in the package; going through a typed callable keeps the
    # call checked the same way under the project's mypy settings and under --strict.
    make: Callable[..., HolidayBase] = China
    return make(years=year)


@cache
def package_off_days(year: int) -> frozenset[date]:
    """Every day off the package lists for ``year``.

    That is the statutory holidays, the substituted days off (调休) and, for a year without a
    published schedule, the statutory 补假 of holidays that fall on a weekend.
    """
    check_year(year)
    return frozenset(d for d in _package_calendar(year) if d.year == year)


@cache
def package_weekend_workdays(year: int) -> frozenset[date]:
    """The weekend days of ``year`` the State Council made working days (调休上班).

    A swapped working day can be announced with the *next* year's schedule (e.g. Sat 2001-12-29
    for New Year 2002), so both years' package data are consulted. Empty for provisional years:
    nobody can know a swap before it is announced.
    """
    check_year(year)
    last = last_package_year()
    if year > last:
        return frozenset()
    found = set(_package_calendar(year).weekend_workdays)
    if year + 1 <= last:
        found |= _package_calendar(year + 1).weekend_workdays
    return frozenset(d for d in found if d.year == year and d.weekday() >= 5)
