"""The reward queue's table model and the rows it shows (plain values read in the background)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.rewards import ACTION_STATES, ClaimAction
from app.services import rewards
from app.services.context import Services
from app.services.rewards import DUE_SOON_DAYS, QueueRow, Stage
from ui.formatting import NO_VALUE, format_date
from ui.i18n import QT_TRANSLATE_NOOP, translate

AnyIndex = QModelIndex | QPersistentModelIndex
CONTEXT = "RewardQueueModel"
CASE_ID_ROLE = Qt.ItemDataRole.UserRole


def yuan(fen: int | None) -> str:
    """Fen as yuan with two decimals, exactly (no float on the way)."""
    if fen is None:
        return NO_VALUE
    return f"{Decimal(fen) / 100:,.2f}"


class Urgency(StrEnum):
    NONE = "none"
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


URGENCY_WORDS = {
    Urgency.NONE: "",
    Urgency.ON_TIME: QT_TRANSLATE_NOOP("RewardQueueModel", "On time"),
    Urgency.DUE_SOON: QT_TRANSLATE_NOOP("RewardQueueModel", "Due soon"),
    Urgency.OVERDUE: QT_TRANSLATE_NOOP("RewardQueueModel", "Overdue"),
}
URGENCY_COLOURS = {
    Urgency.ON_TIME: "#d1e7dd",
    Urgency.DUE_SOON: "#fff0c2",
    Urgency.OVERDUE: "#f8d7da",
}


@dataclass(frozen=True)
class RewardRow:
    """One claim of a queue as the table shows it; reporters masked (RULES §5)."""

    case_id: int
    case_number: str
    state_label: str
    reported_unit: str
    reporters: str
    fine_fen: int | None
    award_fen: int
    key_date: date | None
    urgency: Urgency


def urgency_of(row: QueueRow, today: date) -> tuple[date | None, Urgency]:
    """The date that matters next: the feedback period, the collection deadline, or the
    objection window of a refusal (RULES §3)."""
    if row.feedback_due is not None:
        if row.feedback_overdue:
            return row.feedback_due, Urgency.OVERDUE
        soon = row.feedback_due - today <= timedelta(days=DUE_SOON_DAYS)
        return row.feedback_due, Urgency.DUE_SOON if soon else Urgency.ON_TIME
    if row.collect_by is not None and row.state in COLLECTING_STATES:
        if row.collect_by < today:
            return row.collect_by, Urgency.OVERDUE
        soon = row.collect_by - today <= timedelta(days=DUE_SOON_DAYS)
        return row.collect_by, Urgency.DUE_SOON if soon else Urgency.ON_TIME
    if row.objection_due is not None:
        return row.objection_due, Urgency.ON_TIME
    return None, Urgency.NONE


# The states in which a notified award is being collected: those that accept a claim at the
# counter (the domain's one table of what each state allows).
COLLECTING_STATES = ACTION_STATES[ClaimAction.CLAIM_SHARE]


def stage_rows(svc: Services, stage: Stage) -> list[RewardRow]:
    """The rows of one queue with what the clerk recognises a claim by (runs in a worker)."""
    today = svc.now().date()
    rows = []
    for row in rewards.queue(svc, stage):
        key_date, urgency = urgency_of(row, today)
        rows.append(
            RewardRow(
                case_id=row.case_id,
                case_number=row.case_number,
                state_label=row.state.label,
                reported_unit=row.reported_unit,
                reporters=row.reporters,
                fine_fen=row.fine_fen,
                award_fen=row.total_fen,
                key_date=key_date,
                urgency=urgency,
            )
        )
    return rows


HEADERS = (
    QT_TRANSLATE_NOOP("RewardQueueModel", "Case number"),
    QT_TRANSLATE_NOOP("RewardQueueModel", "State"),
    QT_TRANSLATE_NOOP("RewardQueueModel", "Reported unit"),
    QT_TRANSLATE_NOOP("RewardQueueModel", "Reporters"),
    QT_TRANSLATE_NOOP("RewardQueueModel", "Fine (yuan)"),
    QT_TRANSLATE_NOOP("RewardQueueModel", "Award (yuan)"),
    QT_TRANSLATE_NOOP("RewardQueueModel", "Key date"),
    QT_TRANSLATE_NOOP("RewardQueueModel", "Deadline"),
)
RIGHT_ALIGNED = (4, 5)


class RewardQueueModel(QAbstractTableModel):
    """The claims of the chosen stage."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RewardRow] = []

    def set_rows(self, rows: list[RewardRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return translate(CONTEXT, HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                row.case_number,
                row.state_label,
                row.reported_unit or NO_VALUE,
                row.reporters or NO_VALUE,
                yuan(row.fine_fen),
                yuan(row.award_fen),
                NO_VALUE if row.key_date is None else format_date(row.key_date),
                translate(CONTEXT, URGENCY_WORDS[row.urgency])
                if row.urgency is not Urgency.NONE
                else NO_VALUE,
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.BackgroundRole and column == 7:
            colour = URGENCY_COLOURS.get(row.urgency)
            return None if colour is None else QBrush(QColor(colour))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CASE_ID_ROLE:
            return row.case_id
        return None
