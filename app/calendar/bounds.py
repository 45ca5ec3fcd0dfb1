"""The range of years the working-day calendar supports, and the check that enforces it."""

from __future__ import annotations

from datetime import date

from app.domain.errors import DomainError

# The package's State Council data starts in 2001 and its lunar tables end in 2099.
FIRST_YEAR = 2001
LAST_YEAR = 2099


def check_year(year: int) -> None:
    """Raise a clerk-readable error for a year outside the supported range."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            f"{year}年超出工作日日历支持的范围（{FIRST_YEAR}–{LAST_YEAR}年），无法计算期限"
        )


def check_date(d: date) -> None:
    """Raise a clerk-readable error for a date outside the supported range."""
    if not FIRST_YEAR <= d.year <= LAST_YEAR:
        raise DomainError(
            f"日期 {d.isoformat()} 超出工作日日历支持的范围（{FIRST_YEAR}–{LAST_YEAR}年），"
            "无法计算期限"
        )
