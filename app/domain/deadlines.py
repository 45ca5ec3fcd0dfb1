"""Deadlines of a case: how each is counted (RULES §2) and whether it is met, due soon or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.calendar import WorkCalendar


class DeadlineKind(StrEnum):
    """The clocks a case can run (RULES §2.2)."""

    DISPATCH = "dispatch"
    FIRST_CONTACT = "first_contact"
    ON_SITE = "on_site"
    COMPLETION = "completion"
    RETURN_WINDOW = "return_window"
    MATERIALS = "materials"
    # FIRE art. 9: the brigade files the closed penalty, the centre feeds back to the reporter.
    REWARD_FILING = "reward_filing"
    REWARD_FEEDBACK = "reward_feedback"

    @property
    def label(self) -> str:
        return {
            "dispatch": "转办期限",
            "first_contact": "首次联系期限",
            "on_site": "到达现场期限",
            "completion": "办结期限",
            "return_window": "申请退回期限",
            "materials": "补正期限",
            "reward_filing": "处罚结案备案期限",
            "reward_feedback": "反馈举报人期限",
        }[self.value]


class PeriodUnit(StrEnum):
    """How a period is counted (RULES §2.1)."""

    WORKING_DAYS = "working_days"
    NATURAL_DAYS = "natural_days"
    MINUTES = "minutes"

    @property
    def label(self) -> str:
        return {"working_days": "个工作日", "natural_days": "日", "minutes": "分钟"}[self.value]


@dataclass(frozen=True)
class Period:
    """A length of time and the article that sets it."""

    amount: int
    unit: PeriodUnit
    article: str

    def describe(self) -> str:
        if self.unit is PeriodUnit.MINUTES and self.amount % 60 == 0:
            return f"{self.amount // 60}小时"
        return f"{self.amount}{self.unit.label}"


@dataclass(frozen=True)
class DueAt:
    """When a period ends: a day (end of that day) or, for wall-clock periods, an instant."""

    day: date
    instant: datetime | None
    provisional: bool


def compute_due(calendar: WorkCalendar, start: datetime, amount: int, unit: PeriodUnit) -> DueAt:
    """End of a period that starts at ``start`` — the only place periods are turned into dates."""
    if unit is PeriodUnit.MINUTES:
        # RULES §2.1: hours and minutes (urgent items) are wall-clock.
        instant = calendar.add_wall_clock(start, minutes=amount)
        return DueAt(instant.date(), instant, calendar.is_provisional_year(instant.year))
    if unit is PeriodUnit.WORKING_DAYS:
        # RULES §2.1, 民法典 art. 201: the start day is not counted.
        due = calendar.add_working_days(start.date(), amount)
    else:
        # RULES §2.1, 民法典 art. 203: a period ending on a rest day rolls to the next working day.
        due = calendar.add_natural_days(start.date(), amount)
    return DueAt(due.day, None, due.provisional)


class Deadline:
    """One running clock of a case; recomputable from its start when the calendar changes."""

    def __init__(
        self,
        kind: DeadlineKind,
        starts_at: datetime,
        amount: int,
        unit: PeriodUnit,
        article: str,
        calendar: WorkCalendar,
    ) -> None:
        self.kind = kind
        self.starts_at = starts_at
        self.amount = amount
        self.unit = unit
        self.article = article
        self.met_at: datetime | None = None
        self.due_date: date
        self.due_at: datetime | None
        self.provisional: bool
        self.recompute(calendar)

    def restart(self, starts_at: datetime, period: Period, calendar: WorkCalendar) -> None:
        self.starts_at = starts_at
        self.amount, self.unit, self.article = period.amount, period.unit, period.article
        self.met_at = None
        self.recompute(calendar)

    def recompute(self, calendar: WorkCalendar) -> bool:
        """Count the period again; True when the due date moved or its provisional flag changed."""
        due = compute_due(calendar, self.starts_at, self.amount, self.unit)
        before = (getattr(self, "due_date", None), getattr(self, "due_at", None))
        before_provisional = getattr(self, "provisional", None)
        self.due_date, self.due_at, self.provisional = due.day, due.instant, due.provisional
        return before != (self.due_date, self.due_at) or before_provisional != self.provisional

    @property
    def period(self) -> Period:
        return Period(self.amount, self.unit, self.article)

    def is_overdue(self, now: datetime) -> bool:
        if self.met_at is not None:
            return False
        if self.due_at is not None:
            return now > self.due_at
        return now.date() > self.due_date

    def was_met_in_time(self) -> bool | None:
        """None while open; otherwise whether it was met by the end of its due day/instant."""
        if self.met_at is None:
            return None
        if self.due_at is not None:
            return self.met_at <= self.due_at
        return self.met_at.date() <= self.due_date

    def describe_due(self) -> str:
        text = self.due_at.strftime("%Y-%m-%d %H:%M") if self.due_at else self.due_date.isoformat()
        return text + ("（暂定）" if self.provisional else "")

    def __repr__(self) -> str:
        return f"Deadline({self.kind.value}, due={self.describe_due()}, met={self.met_at})"
