"""How dates, deadlines and times read on screen, and the colours that go with a deadline's state."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from PySide6.QtGui import QColor

from app.domain.vocabulary import StateGroup
from app.services.queries import CaseRow
from ui.i18n import translate

# The centre works on Beijing time whatever zone the counter PC is set to.
LOCAL_ZONE = ZoneInfo("Asia/Shanghai")

NO_VALUE = "—"
# A warning the clerk must read before going on (banner, lapsed rules, review flags).
WARNING_STYLE = "color: #664d03; background: #fff0c2;"


class DueState(Enum):
    """Where a case stands against its current deadline; each has a colour AND a word."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    RUNNING = "running"
    INACTIVE = "inactive"  # done, closed, or no deadline running

    @property
    def word(self) -> str:
        return {
            "overdue": translate("Formatting", "Overdue"),
            "due_soon": translate("Formatting", "Due soon"),
        }.get(self.value, "")

    @property
    def background(self) -> QColor | None:
        # Light tints with dark text of the same hue stay readable for eight hours a day.
        return {"overdue": QColor("#f8d7da"), "due_soon": QColor("#fff0c2")}.get(self.value)

    @property
    def foreground(self) -> QColor | None:
        return {
            "overdue": QColor("#842029"),
            "due_soon": QColor("#664d03"),
            "inactive": QColor("#6c757d"),
        }.get(self.value)


def due_state(row: CaseRow) -> DueState:
    if row.state.group is not StateGroup.OPEN or row.due_date is None:
        return DueState.INACTIVE
    if row.overdue:
        return DueState.OVERDUE
    if row.due_soon:
        return DueState.DUE_SOON
    return DueState.RUNNING


def format_date(value: date) -> str:
    return value.isoformat()


def format_datetime(value: datetime) -> str:
    return value.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M")


def due_text(row: CaseRow) -> str:
    """E.g. ``已超期 2026-01-05``, ``即将到期 01-22 17:30`` (urgent), ``2027-01-08（暂定）``."""
    if row.due_date is None:
        return NO_VALUE
    # Urgent items run on wall-clock minutes (RULES §2.1): the hour matters, so show it.
    when = format_datetime(row.due_at) if row.due_at else format_date(row.due_date)
    if row.due_provisional:
        when += translate("Formatting", " (provisional)")
    word = due_state(row).word
    return f"{word} {when}" if word else when


def due_tooltip(row: CaseRow) -> str:
    if row.due_date is None:
        return translate("Formatting", "No deadline is running at the moment")
    kind = row.due_kind.label if row.due_kind else translate("Formatting", "Deadline")
    lines = [f"{kind}：{due_text(row)}"]
    if row.due_provisional:
        lines.append(
            translate(
                "Formatting",
                "That year's holiday schedule is not published yet; the deadline is worked out from the statutory holidays and is provisional.",
            )
        )
    return "\n".join(lines)


def working_days_text(row: CaseRow) -> str:
    """Working days left: ``3``, ``今日到期``, or ``超 2`` once overdue."""
    left = row.working_days_left
    if left is None or due_state(row) is DueState.INACTIVE:
        return NO_VALUE
    if left < 0 or (row.overdue and left == 0):
        return (
            translate("Formatting", "{days} over").format(days=abs(left))
            if left
            else translate("Formatting", "Overdue")
        )
    if left == 0:
        return translate("Formatting", "Due today")
    return str(left)
