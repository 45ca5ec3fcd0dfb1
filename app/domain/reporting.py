"""Reporting periods as the upstream offices name them: a year, a quarter or a month."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.errors import ValidationError

# Periods are the centre's days: a moment belongs to the Beijing-time day it falls on.
LOCAL_ZONE = ZoneInfo("Asia/Shanghai")

PERIOD_FORMS = "2026（全年）、2026-03（月）或 2026Q1（季度）"

Progress = Callable[[int, int, str], None]
"""``progress(done, total, note)``: how far a long service call has got.

The caller's callback may raise to stop the call (the GUI's 取消); a service calls it only where
stopping leaves nothing written, so a cancelled report or import changes nothing.
"""


def no_progress(done: int, total: int, note: str) -> None:
    """The default ``Progress``: nobody is watching."""


class ReportKind(StrEnum):
    """``towndesk report KIND``: the workbooks upstream and the centre ask for (RULES §6)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    REMINDERS = "reminders"
    REWARDS = "rewards"
    DISCLOSURE = "disclosure"
    CASES = "cases"
    IDENTITY_LOG = "identity-log"

    @property
    def label(self) -> str:
        return _REPORT_TITLES[self]


_REPORT_TITLES = {
    ReportKind.MONTHLY: "月度统计",
    ReportKind.QUARTERLY: "季度统计",
    ReportKind.YEARLY: "年度统计",
    ReportKind.REMINDERS: "催办台账",
    ReportKind.REWARDS: "奖励台账",
    ReportKind.DISCLOSURE: "年度奖励公示",
    ReportKind.CASES: "案件清单",
    ReportKind.IDENTITY_LOG: "身份信息查看记录",
}


class Span(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {"month": "月度", "quarter": "季度", "year": "年度"}[self.value]


@dataclass(frozen=True)
class ReportPeriod:
    """A reporting period: the calendar days from ``first`` to ``last``, both included."""

    first: date
    last: date
    label: str
    span: Span

    @property
    def year(self) -> int | None:
        """The year, when the period is exactly one calendar year (the disclosure's unit)."""
        return self.first.year if self.span is Span.YEAR else None

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month in the period, in order."""
        found = []
        year, month = self.first.year, self.first.month
        while date(year, month, 1) <= self.last:
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    @property
    def dates(self) -> str:
        """``2026-10-01 至 2026-10-31``: row 3 of every workbook (docs/excel-layouts.md)."""
        return f"{self.first.isoformat()} 至 {self.last.isoformat()}"

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as instants: its first day's midnight, and the midnight after its last day."""
        return day_start(self.first), day_end(self.last)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, LOCAL_ZONE)


def day_end(day: date) -> datetime:
    """The first moment after ``day`` (a calendar step, not a deadline: no calendar involved)."""
    return day_start(date.fromordinal(day.toordinal() + 1))


def parse_period(text: str) -> ReportPeriod:
    """``2026``, ``2026-03`` or ``2026Q1`` (also ``2026-Q1``), as the upstream offices name them."""
    cleaned = text.strip().upper().replace("-Q", "Q")
    try:
        if cleaned.isdigit() and len(cleaned) == 4:
            year = int(cleaned)
            return ReportPeriod(date(year, 1, 1), date(year, 12, 31), f"{year}年", Span.YEAR)
        if "Q" in cleaned:
            year_text, quarter_text = cleaned.split("Q")
            year, quarter = int(year_text), int(quarter_text)
            if not 1 <= quarter <= 4:
                raise ValueError
            first = date(year, 3 * quarter - 2, 1)
            return ReportPeriod(
                first, end_of_month(year, 3 * quarter), f"{year}年第{quarter}季度", Span.QUARTER
            )
        year_text, month_text = cleaned.split("-")
        year, month = int(year_text), int(month_text)
        return ReportPeriod(
            date(year, month, 1), end_of_month(year, month), f"{year}年{month}月", Span.MONTH
        )
    except ValueError:
        raise ValidationError(
            "period", f"统计期间「{text}」无法识别，请写作 {PERIOD_FORMS}。"
        ) from None


def end_of_month(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
