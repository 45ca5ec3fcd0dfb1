"""How long a case must be kept, and whether it may be deleted now (JY12345 art. 5; RULES §5).

JY12345 art. 5: "档案保存期限自业务办结上报之日起不少于2年". TownDesk reads it so:

- The clock starts on the day the case was completed (``completed_at``, 办结) — the law's own
  word; archiving (``closed_at``) later does not restart it. A case that ended without being
  completed (不予受理, 视为撤回) starts on the day it ended (``closed_at``). A case still open
  (or completed but with a redo, return or extension still waiting for a decision) is never
  eligible. A redo that completes the case again moves ``completed_at`` and so the clock.
- "2 years" are calendar years (民法典 art. 200–202): the start day is not counted, the period's
  last day is the same date two years later, and a case may be deleted from the day after.
  Completed 2024-03-10 → kept through 2026-03-10, deletable from 2026-03-11. A start on 29
  February has no corresponding day two years later; art. 202 makes the month's last day the
  period's last day: completed 2024-02-29 → kept through 2026-02-28, deletable from 2026-03-01.
- A fire-hazard tip-off with a reward claim ("涉及举报的档案按案件处理的有关规定办理", same
  article; FIRE art. 9–12): not deletable while the claim is not ended or an objection waits
  for review, and the 2 years run from the later of the completion and the claim's last step
  (decision, notice, claim, approval, payout, objection review). The payout voucher itself is
  the finance office's record, not ours.
- A case that another retained case names as its earlier case (a repeat refusal, YJ12345
  art. 6(6)) is deleted together with that case or not at all.
- Deletion is an administrator's act, requested by one administrator with a reason and approved
  by another (issue 8, maker–checker); it is logged, and the log names only case numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.vocabulary import CaseState, Kind

ARTICLE = "JY12345 art. 5"
RETENTION_YEARS = 2
REASON_MAX = 500
LOCAL_ZONE = ZoneInfo("Asia/Shanghai")

# Cases that have ended one way or another; every other state is still being handled.
FINISHED_STATES = frozenset(
    {
        CaseState.COMPLETED,
        CaseState.EVALUATED,
        CaseState.CLOSED,
        CaseState.NOT_ACCEPTED,
        CaseState.WITHDRAWN,
    }
)


def add_years(day: date, years: int) -> date:
    """The same date ``years`` later; 29 February → 28 February when the year has none
    (民法典 art. 202: without a corresponding day, the month's last day ends the period)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retained_until(ended_on: date, years: int = RETENTION_YEARS) -> date:
    """The last day a case ended on ``ended_on`` must still be kept (JY12345 art. 5)."""
    return add_years(ended_on, years)


def deletable_from(ended_on: date, years: int = RETENTION_YEARS) -> date:
    """The first day a case ended on ``ended_on`` may be deleted: the day after the period."""
    return retained_until(ended_on, years) + timedelta(days=1)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_ZONE).date()


class DeletionState(StrEnum):
    """A deletion request: requested by one administrator, approved or rejected by another."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {"pending": "待审批", "approved": "已批准并删除", "rejected": "未批准"}[self.value]


@dataclass(frozen=True)
class CaseRetention:
    """What decides whether one case may be deleted, as the service reads it."""

    case_id: int
    number: str
    kind: Kind
    state: CaseState
    completed_at: datetime | None
    closed_at: datetime | None
    # The reward claim on a tip-off, if any: is it over, and when was its last step.
    claim_ended: bool = True
    claim_last_at: datetime | None = None
    # Redo, return or extension requests, and reward objections, still awaiting a decision.
    pending_decisions: int = 0
    # Numbers of cases that name this one as their earlier case (related_case_id).
    referenced_by: tuple[str, ...] = field(default=())

    @property
    def ended_at(self) -> datetime | None:
        """Completion (办结), or for a case never completed the moment it ended."""
        if self.state not in FINISHED_STATES:
            return None
        return self.completed_at or self.closed_at

    @property
    def retention_start(self) -> date | None:
        """The day the 2 years are counted from (the later of the end and the claim's last step)."""
        ended = self.ended_at
        if ended is None:
            return None
        start = local_day(ended)
        if self.claim_last_at is not None:
            start = max(start, local_day(self.claim_last_at))
        return start

    @property
    def deletable_from(self) -> date | None:
        start = self.retention_start
        return None if start is None else deletable_from(start)

    def refusal(self, today: date, deleting: Sequence[str] = ()) -> str | None:
        """Why the case may not be deleted today (plain Chinese), or None when it may.

        ``deleting`` are the numbers of the cases deleted together with it.
        """
        if self.state not in FINISHED_STATES or self.ended_at is None:
            return f"案件 {self.number} 尚未办结（{self.state.label}），不能删除。"
        if self.pending_decisions:
            return f"案件 {self.number} 尚有待审核的申请或申诉，审核后才能删除。"
        if not self.claim_ended:
            return f"案件 {self.number} 的举报奖励尚未办结，不能删除（FIRE art. 9–12）。"
        start = self.retention_start
        assert start is not None  # ended_at is set
        first = deletable_from(start)
        if today < first:
            return (
                f"案件 {self.number} 于{start.isoformat()}办结，档案须保存至"
                f"{retained_until(start).isoformat()}（不少于2年），"
                f"{first.isoformat()}起方可申请删除。"
            )
        others = [n for n in self.referenced_by if n not in deleting]
        if others:
            return (
                f"案件 {self.number} 是案件 {'、'.join(others)} 所关联的原案件"
                "（重复诉求不予受理的依据），须一并删除或保留。"
            )
        return None

    def eligible(self, today: date) -> bool:
        """Deletable today if every case naming it is deleted with it."""
        return self.refusal(today, self.referenced_by) is None


def check_reason(reason: str, field: str = "reason") -> str:
    """Deletion is an explicit, logged act (RULES §5): it says why."""
    text = " ".join(reason.split())
    if not text:
        raise ValidationError(
            field, "请填写删除原因（如：保存期满，按档案管理规定清理）。", article=ARTICLE
        )
    if len(text) > REASON_MAX:
        raise ValidationError(field, f"原因请控制在{REASON_MAX}字以内。")
    return text


def check_second_admin(requested_by: int, approver_id: int) -> None:
    """Maker–checker (issue 8): the administrator who asked cannot approve or reject it."""
    if requested_by == approver_id:
        raise PermissionDenied(
            "该删除申请由您本人提出，须由另一位管理员审批（两人审批）。", article=ARTICLE
        )


def check_pending(state: DeletionState) -> None:
    if state is not DeletionState.PENDING:
        raise TransitionError(f"该删除申请{state.label}，不能再审批。", article=ARTICLE)
