"""Objections (申诉) of a reporter against a reward decision (RULES §3, §4.5; FIRE art. 5, 8, 10).

RULES §3 Decision: an objection is received within 30 natural days of the notice (RULES §2.1),
one per decision; a supervisor other than the one who decided reviews it and upholds or changes
the decision; the reporter gets a written result (申诉复核结果告知书). The rules themselves live
on the claim (``RewardClaim.receive_objection`` / ``review_objection``): this module holds the
record and its vocabulary.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from app.calendar import DueDate


class ObjectionGround(StrEnum):
    """What the reporter objects to (RULES §3: a non-award, the amount, or a forfeiture)."""

    NOT_ELIGIBLE = "not_eligible"
    AMOUNT = "amount"
    WAIVER = "waiver"  # deemed waived: not collected in time (FIRE art. 10)
    CANCELLATION = "cancellation"  # cancelled: reporter unreachable (FIRE art. 10)

    @property
    def label(self) -> str:
        return {
            "not_eligible": "不予奖励决定",
            "amount": "奖励金额决定",
            "waiver": "逾期未领视为放弃的认定",
            "cancellation": "无法联系取消奖励的决定",
        }[self.value]

    @property
    def is_forfeiture(self) -> bool:
        """A waiver or a cancellation: the decision objected to is the forfeiture, not the award."""
        return self in (ObjectionGround.WAIVER, ObjectionGround.CANCELLATION)


class ObjectionState(StrEnum):
    """pending → upheld | changed (RULES §4.5)."""

    PENDING = "pending"
    UPHELD = "upheld"
    CHANGED = "changed"

    @property
    def label(self) -> str:
        return {"pending": "待复核", "upheld": "维持原决定", "changed": "变更原决定"}[self.value]


class Objection:
    """One objection as received and, later, as reviewed."""

    id: int | None

    def __init__(
        self,
        *,
        ground: ObjectionGround,
        statement: str,
        decision_at: datetime,
        decision_by: int | None,
        decision_summary: str,
        window_due: DueDate,
        received_at: datetime,
        received_by: int,
    ) -> None:
        self.id = None
        self.ground = ground
        self.statement = statement  # the reporter's request and reasons, as recorded
        # The decision objected to: when and by whom it was taken (None: applied by the
        # program), and how the result notice names it. "One per decision" counts on decision_at.
        self.decision_at = decision_at
        self.decision_by = decision_by
        self.decision_summary = decision_summary
        self.window_due = window_due  # the last day the objection could be received
        self.received_at = received_at
        self.received_by = received_by
        self.state = ObjectionState.PENDING
        self.reviewed_at: datetime | None = None
        self.reviewed_by: int | None = None
        self.review_reasons = ""
        # After a change: the new total (None when the changed decision is a refusal) and the
        # articles the new decision rests on, "; "-separated as the result notice cites them.
        self.new_total_fen: int | None = None
        self.review_article = ""

    @property
    def is_pending(self) -> bool:
        return self.state is ObjectionState.PENDING

    def __repr__(self) -> str:
        return f"Objection({self.ground.value}, {self.state.value})"
