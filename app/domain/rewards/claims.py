"""The reward claim of one tip-off: verification, decision, notice, claim, approval and payout.

RULES §4.4, §4.5 (FIRE art. 5–12). One claim per case, one share per reporter (a joint report is
one case, FIRE art. 6); each share is claimed, approved and paid on its own, and at most once.
Every change appends an Event with who, when and the article that allowed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from app.calendar import DueDate, WorkCalendar
from app.domain.deadlines import Deadline, DeadlineKind, Period
from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.events import Event, append_event
from app.domain.money import format_yuan
from app.domain.rewards.amount import AwardComputation
from app.domain.rewards.eligibility import Eligibility, Ineligibility
from app.domain.rewards.exclusions import normalise_id_number
from app.domain.rewards.objections import Objection, ObjectionGround, ObjectionState
from app.domain.rewards.rules import RewardRules


class ClaimState(StrEnum):
    """Where a claim stands (RULES §4.5)."""

    PENDING_VERIFICATION = "pending_verification"
    # The brigade's filing is recorded, whatever it found: a negative outcome still needs a
    # decision that lists every reason (FIRE art. 8), so both outcomes share this state.
    VERIFICATION_RECORDED = "verification_recorded"
    NOT_ELIGIBLE = "not_eligible"
    AWARD_DECIDED = "award_decided"
    NOTIFIED = "notified"
    CLAIMED = "claimed"
    APPROVED = "approved"
    PAID = "paid"
    NOTHING_DUE = "nothing_due"
    WAIVED_EXPIRED = "waived_expired"
    CANCELLED_UNREACHABLE = "cancelled_unreachable"
    FRAUDULENT = "fraudulent"

    @property
    def label(self) -> str:
        return _CLAIM_LABELS[self]

    @property
    def is_terminal(self) -> bool:
        """Nothing more happens to the claim itself (a refusal may still be objected to)."""
        return self in _TERMINAL


_CLAIM_LABELS = {
    ClaimState.PENDING_VERIFICATION: "待核查",
    ClaimState.VERIFICATION_RECORDED: "已备案待决定",
    ClaimState.NOT_ELIGIBLE: "不予奖励",
    ClaimState.AWARD_DECIDED: "已决定奖励",
    ClaimState.NOTIFIED: "已通知领奖",
    ClaimState.CLAIMED: "已核实身份待审批",
    ClaimState.APPROVED: "已审批待发放",
    ClaimState.PAID: "已发放",
    ClaimState.NOTHING_DUE: "已达年度上限无奖金",
    ClaimState.WAIVED_EXPIRED: "逾期未领视为放弃",
    ClaimState.CANCELLED_UNREACHABLE: "无法联系已取消",
    ClaimState.FRAUDULENT: "弄虚作假不予发放",
}


class ShareState(StrEnum):
    """Where one reporter's share stands."""

    PENDING = "pending"  # before the decision
    DECIDED = "decided"
    CLAIMED = "claimed"
    APPROVED = "approved"
    PAID = "paid"
    NOTHING_DUE = "nothing_due"  # cut to 0 by the yearly cap (FIRE art. 5)
    WAIVED = "waived"  # not collected in time (FIRE art. 10)
    VOID = "void"  # claim cancelled, not eligible, or fraudulent

    @property
    def label(self) -> str:
        return {
            "pending": "待决定",
            "decided": "待领取",
            "claimed": "待审批",
            "approved": "待发放",
            "paid": "已发放",
            "nothing_due": "无奖金",
            "waived": "视为放弃",
            "void": "作废",
        }[self.value]

    @property
    def counts_against_cap(self) -> bool:
        """Whether this share's amount is part of the reporter's yearly total (FIRE art. 5)."""
        return self in (
            ShareState.DECIDED,
            ShareState.CLAIMED,
            ShareState.APPROVED,
            ShareState.PAID,
        )


# A share that still moves; the claim's state follows the least advanced of them.
_OPEN_SHARES = (ShareState.DECIDED, ShareState.CLAIMED, ShareState.APPROVED)
_SHARE_TO_CLAIM = {
    ShareState.DECIDED: ClaimState.NOTIFIED,
    ShareState.CLAIMED: ClaimState.CLAIMED,
    ShareState.APPROVED: ClaimState.APPROVED,
}
_TERMINAL = frozenset(
    {
        ClaimState.NOT_ELIGIBLE,
        ClaimState.PAID,
        ClaimState.NOTHING_DUE,
        ClaimState.WAIVED_EXPIRED,
        ClaimState.CANCELLED_UNREACHABLE,
        ClaimState.FRAUDULENT,
    }
)

# Ended claims whose objection window no longer needs counting (RULES §3). A refusal
# (NOT_ELIGIBLE) is final as a claim but stays open to objection until its window ends.
_ENDED = _TERMINAL - {ClaimState.NOT_ELIGIBLE}


class ClaimAction(StrEnum):
    """What can be done to a claim; screens offer only what ``RewardClaim.allowed_actions`` gives."""

    RECORD_VERIFICATION = "record_verification"
    DECIDE = "decide"
    NOTIFY = "notify"
    CLAIM_SHARE = "claim_share"
    APPROVE_SHARE = "approve_share"
    PAY_SHARE = "pay_share"
    WAIVE_EXPIRED = "waive_expired"
    CANCEL_UNREACHABLE = "cancel_unreachable"
    MARK_FRAUDULENT = "mark_fraudulent"


_AFTER_NOTICE = frozenset({ClaimState.NOTIFIED, ClaimState.CLAIMED, ClaimState.APPROVED})
# The claim states each claim-level action may start from: the one table that the methods'
# guards and the screens both read. Share-level actions also need a share in the right state.
ACTION_STATES: dict[ClaimAction, frozenset[ClaimState]] = {
    ClaimAction.RECORD_VERIFICATION: frozenset({ClaimState.PENDING_VERIFICATION}),
    ClaimAction.DECIDE: frozenset({ClaimState.VERIFICATION_RECORDED}),
    ClaimAction.NOTIFY: frozenset({ClaimState.AWARD_DECIDED, ClaimState.NOT_ELIGIBLE}),
    ClaimAction.CLAIM_SHARE: _AFTER_NOTICE,
    ClaimAction.APPROVE_SHARE: _AFTER_NOTICE,
    ClaimAction.PAY_SHARE: _AFTER_NOTICE,
    ClaimAction.WAIVE_EXPIRED: _AFTER_NOTICE,
    ClaimAction.CANCEL_UNREACHABLE: frozenset({ClaimState.AWARD_DECIDED}),
    ClaimAction.MARK_FRAUDULENT: frozenset(ClaimState) - {ClaimState.FRAUDULENT},
}
# The share state a share-level action needs.
_SHARE_ACTION_STATE = {
    ClaimAction.CLAIM_SHARE: ShareState.DECIDED,
    ClaimAction.APPROVE_SHARE: ShareState.CLAIMED,
    ClaimAction.PAY_SHARE: ShareState.APPROVED,
    ClaimAction.WAIVE_EXPIRED: ShareState.DECIDED,
}


class NoticeMethod(StrEnum):
    """How a 领奖通知 or a 不予奖励告知书 reached the reporter."""

    IN_PERSON = "in_person"
    POST = "post"
    PHONE = "phone"
    SMS = "sms"
    QUERY_CODE = "query_code"  # anonymous reporters learn the outcome by query code (FIRE art. 7)

    @property
    def label(self) -> str:
        return {
            "in_person": "当面送达",
            "post": "邮寄送达",
            "phone": "电话通知",
            "sms": "短信通知",
            "query_code": "凭查询码查询",
        }[self.value]


class PaymentMethod(StrEnum):
    CASH = "cash"
    BANK_TRANSFER = "bank_transfer"

    @property
    def label(self) -> str:
        return {"cash": "现金", "bank_transfer": "银行转账"}[self.value]


@dataclass(frozen=True)
class ClaimReporter:
    """A reporter named on the tip-off, in the order named, with the ID number given (FIRE art. 9)."""

    person_id: int
    id_number: str


@dataclass(frozen=True)
class Verification:
    """What the brigade filed with the centre after closing the penalty (FIRE art. 9)."""

    verified: bool
    penalty_imposed: bool
    decision_number: str  # 行政处罚决定书文号
    decision_date: date | None
    fine_fen: int
    brigade: str
    closing_date: date  # 结案日: starts the filing clock and the unreachable cancellation
    filed_on: date  # the day the brigade's filing reached the centre


class RewardShare:
    """One reporter's part of the award; claimed, approved and paid once (RULES §4.5)."""

    def __init__(self, *, person_id: int, id_number: str, position: int) -> None:
        self.person_id = person_id
        self.id_number = normalise_id_number(id_number)
        self.position = position
        self.amount_fen = 0
        self.capped = False
        self.state = ShareState.PENDING
        self.claimed_at: datetime | None = None
        self.identity_checked_by: int | None = None
        self.approved_at: datetime | None = None
        self.approved_by: int | None = None
        self.paid_on: date | None = None
        self.paid_by: int | None = None
        self.payment_method: PaymentMethod | None = None
        self.voucher_number = ""


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _day_start(day: date, like: datetime) -> datetime:
    """Midnight of ``day`` in the zone of ``like``: a clock that starts on a date, not an instant."""
    return datetime.combine(day, time.min, like.tzinfo)


def _describe(due: DueDate) -> str:
    """A due day as the timeline and the messages show it: 2027-02-15, or 2027-02-11（暂定）."""
    return due.day.isoformat() + ("（暂定）" if due.provisional else "")


def _facts_record(eligibility: Eligibility) -> dict[str, Any]:
    """The facts a decision rested on, as plain values for the event row (the audit trail)."""
    facts = eligibility.facts
    return {
        "verified": facts.verified,
        "penalty_imposed": facts.penalty_imposed,
        "anonymous": facts.anonymous,
        "hazard_category": None if facts.hazard_category is None else int(facts.hazard_category),
        "clue_already_known": facts.clue_already_known,
        "already_under_investigation": facts.already_under_investigation,
        "first_report": facts.first_report,
        "exclusion_matches": [
            {"entry_id_number": m.entry.id_number, "relationship": m.relationship}
            for m in facts.exclusion_matches
        ],
    }


def _check_verification(verification: Verification, now: datetime) -> None:
    """A filing that is consistent in itself (FIRE art. 5, 9, 10): recorded or corrected."""
    if not isinstance(verification.fine_fen, int) or isinstance(verification.fine_fen, bool):
        raise TypeError("fine_fen must be integer fen")
    if verification.fine_fen < 0:
        raise ValidationError("fine_fen", "罚款金额不能为负数。")
    if not _clean(verification.brigade):
        raise ValidationError("brigade", "请填写作出处理的消防救援机构。", article="FIRE art. 10")
    if verification.penalty_imposed:
        if not verification.verified:
            raise ValidationError(
                "penalty_imposed",
                "核查不属实的举报不应有行政处罚，请核对。",
                article="FIRE art. 5",
            )
        if not _clean(verification.decision_number) or verification.decision_date is None:
            raise ValidationError(
                "decision_number",
                "已实施行政处罚的，请填写处罚决定书文号和日期。",
                article="FIRE art. 5",
            )
    elif verification.fine_fen:
        raise ValidationError(
            "fine_fen", "未实施行政处罚的，罚款金额应为0。", article="FIRE art. 5"
        )
    if verification.filed_on > now.date():
        raise ValidationError("filed_on", "备案日期不能晚于今天。", article="FIRE art. 9")
    if verification.filed_on < verification.closing_date:
        raise ValidationError("filed_on", "备案日期不能早于结案日期。", article="FIRE art. 9")


def _decision_article(eligibility: Eligibility) -> str:
    """The articles a decision rests on: every reason's for a refusal, FIRE art. 5 for an award."""
    if eligibility.eligible:
        return "FIRE art. 5"
    return "、".join(dict.fromkeys(r.article for r in eligibility.reasons))


def _chinese_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# RULES §3 Decision: what each ground may be raised against. A refusal or an award is
# objected to once its notice was delivered; a forfeiture once it was recorded.
_OBJECTION_STATES: dict[ObjectionGround, frozenset[ClaimState]] = {
    ObjectionGround.NOT_ELIGIBLE: frozenset({ClaimState.NOT_ELIGIBLE}),
    ObjectionGround.AMOUNT: frozenset(
        {ClaimState.NOTIFIED, ClaimState.CLAIMED, ClaimState.APPROVED, ClaimState.NOTHING_DUE}
    ),
    ObjectionGround.WAIVER: frozenset({ClaimState.WAIVED_EXPIRED}),
    ObjectionGround.CANCELLATION: frozenset({ClaimState.CANCELLED_UNREACHABLE}),
}
_FORFEITURE_EVENTS = {
    ObjectionGround.WAIVER: "reward_waived",
    ObjectionGround.CANCELLATION: "reward_cancelled",
}
# Event article fields hold at most this many characters (tables.events.article).
_ARTICLE_WIDTH = 60


def _within(article: str) -> str:
    """An article list cut at a whole item to fit the event's article column."""
    while len(article) > _ARTICLE_WIDTH and "、" in article:
        article = article.rsplit("、", 1)[0]
    return article[:_ARTICLE_WIDTH]


class RewardClaim:
    """The reward of one tip-off case from registration to payout or to one of its other ends."""

    id: int | None
    events: list[Event]
    objections: list[Objection]
    shares: list[RewardShare]
    deadlines: dict[DeadlineKind, Deadline]

    def __init__(
        self, *, case_id: int | None, case_number: str, reporters: Sequence[ClaimReporter]
    ) -> None:
        self.id = None
        self.case_id = case_id
        self.case_number = case_number
        self.state = ClaimState.PENDING_VERIFICATION
        self.shares = [
            RewardShare(person_id=r.person_id, id_number=r.id_number, position=i)
            for i, r in enumerate(reporters)
        ]
        self.verification: Verification | None = None
        self.deadlines = {}
        self.ineligibility: tuple[Ineligibility, ...] = ()
        self.review_flag = False
        self.computation: AwardComputation | None = None
        self.decided_by: int | None = None
        self.decided_at: datetime | None = None
        self.notified_at: datetime | None = None
        self.notice_method: NoticeMethod | None = None
        self.collect_by: DueDate | None = None
        self.objection_due: DueDate | None = None
        self.end_reason = ""
        self.events = []
        self.objections = []

    # ----- registration and verification ------------------------------------------------------

    @classmethod
    def open(
        cls,
        *,
        case_id: int | None,
        case_number: str,
        reporters: Sequence[ClaimReporter],
        actor_id: int,
        now: datetime,
    ) -> RewardClaim:
        """The tip-off is registered and sent to the brigade to verify (FIRE art. 9)."""
        ids = [r.person_id for r in reporters]
        if len(set(ids)) != len(ids):
            raise ValidationError(
                "reporters", "联名举报人中有重复的人员，请核对。", article="FIRE art. 6"
            )
        claim = cls(case_id=case_id, case_number=case_number, reporters=reporters)
        who = "匿名举报" if not reporters else f"举报人 {len(reporters)} 人"
        claim._log(
            "reward_open",
            now,
            actor_id,
            f"举报奖励登记在案，转消防救援机构核查（{who}）",
            "FIRE art. 9",
        )
        return claim

    def record_verification(
        self,
        verification: Verification,
        *,
        rules: RewardRules,
        calendar: WorkCalendar,
        actor_id: int,
        now: datetime,
    ) -> None:
        """The brigade's filing: outcome, penalty and closing date; starts the FIRE art. 9 clocks."""
        self._expect("登记核查结果", ClaimAction.RECORD_VERIFICATION)
        _check_verification(verification, now)
        self.verification = verification
        # FIRE art. 9: the brigade files within the period after the penalty closes; the clock
        # is kept (met on the filing day) so late filings show in the statistics.
        filing = self._start(
            DeadlineKind.REWARD_FILING,
            _day_start(verification.closing_date, now),
            rules.filing,
            calendar,
        )
        filing.met_at = _day_start(verification.filed_on, now)
        # FIRE art. 9: the centre feeds back to the reporter within the period after the filing.
        feedback = self._start(
            DeadlineKind.REWARD_FEEDBACK,
            _day_start(verification.filed_on, now),
            rules.feedback,
            calendar,
        )
        self.state = ClaimState.VERIFICATION_RECORDED
        outcome = "查证属实" if verification.verified else "查证不属实"
        if verification.penalty_imposed:
            # A penalty without a fine (a warning) is said as such, not as "a fine of 0.00 yuan".
            fine = (
                f"罚款{format_yuan(verification.fine_fen)}" if verification.fine_fen else "未处罚款"
            )
            outcome += f"，已处罚（{verification.decision_number}，{fine}）"
        self._log(
            "reward_verification",
            now,
            actor_id,
            f"核查结果备案：{outcome}；反馈举报人期限 {feedback.describe_due()}",
            rules.filing.article,
            verified=verification.verified,
            penalty_imposed=verification.penalty_imposed,
            fine_fen=verification.fine_fen,
            closing_date=verification.closing_date.isoformat(),
            filed_on=verification.filed_on.isoformat(),
            filed_in_time=filing.was_met_in_time(),
        )

    # ----- decision and notice ----------------------------------------------------------------

    def decide(
        self,
        eligibility: Eligibility,
        computation: AwardComputation | None,
        *,
        actor_id: int,
        now: datetime,
    ) -> None:
        """Award (with its computation) or not eligible (with every reason).

        Two people (issue 8): whoever recorded the brigade's filing prepared the decision and
        cannot also make it; the payout then needs a third signature (``approve_share``).
        """
        self._expect("作出奖励决定", ClaimAction.DECIDE)
        verification = self._verification()
        recorded_by = self._verification_recorded_by()
        if recorded_by is not None and recorded_by == actor_id:
            raise PermissionDenied(
                "核查结果是您本人登记的，奖励决定须由另一名负责人作出（一人登记、另一人决定）。"
            )
        self._check_decision(eligibility, computation, verification)
        self._apply_decision(eligibility, computation, actor_id=actor_id, now=now)
        if not eligibility.eligible:
            self._log(
                "reward_not_eligible",
                now,
                actor_id,
                "不予奖励："
                + "；".join(r.reason for r in eligibility.reasons)
                + ("（已标记复核）" if self.review_flag else ""),
                _decision_article(eligibility),
                reasons=[{"reason": r.reason, "article": r.article} for r in eligibility.reasons],
                review_flag=self.review_flag,
                facts=_facts_record(eligibility),
            )
            return
        assert computation is not None  # checked above
        self._log(
            "reward_decided",
            now,
            actor_id,
            f"决定奖励{format_yuan(computation.total_fen)}"
            + (f"（联名{len(self.shares)}人）" if len(self.shares) > 1 else ""),
            "FIRE art. 5",
            total_fen=computation.total_fen,
            case_award_fen=computation.case_award_fen,
            shares={str(s.person_id): s.amount_fen for s in self.shares},
            facts=_facts_record(eligibility),
        )

    def _verification_recorded_by(self) -> int | None:
        """Who recorded the filing now in force (the latest ``reward_verification`` event)."""
        for event in reversed(self.events):
            if event.action == "reward_verification":
                return event.actor_id
        return None

    def _check_decision(
        self,
        eligibility: Eligibility,
        computation: AwardComputation | None,
        verification: Verification,
    ) -> None:
        """A decision must rest on the filing and the reporters registered (FIRE art. 5–8)."""
        facts = eligibility.facts
        if (facts.verified, facts.penalty_imposed) != (
            verification.verified,
            verification.penalty_imposed,
        ):
            raise ValidationError(
                "eligibility", "认定条件与备案的核查结果不一致，请核对。", article="FIRE art. 5"
            )
        if facts.anonymous != (not self.shares):
            raise ValidationError(
                "eligibility",
                "认定条件中的实名/匿名与登记的举报人不一致，请核对。",
                article="FIRE art. 7",
            )
        if facts.reporters_without_id != sum(1 for s in self.shares if not s.id_number):
            raise ValidationError(
                "eligibility",
                "认定条件中缺少证件号码的举报人数与登记的不一致，请核对。",
                article="FIRE art. 8",
            )
        if not eligibility.eligible:
            return
        if computation is None:
            raise ValidationError(
                "computation", "符合奖励条件的，请先计算奖励金额。", article="FIRE art. 5"
            )
        if computation.fine_fen != verification.fine_fen:
            raise ValidationError(
                "computation", "奖励计算所用罚款金额与备案的罚款金额不一致。", article="FIRE art. 5"
            )
        if [s.person_id for s in computation.shares] != [s.person_id for s in self.shares]:
            raise ValidationError(
                "computation", "奖励计算中的举报人与登记的举报人不一致。", article="FIRE art. 6"
            )

    def _apply_decision(
        self,
        eligibility: Eligibility,
        computation: AwardComputation | None,
        *,
        actor_id: int,
        now: datetime,
    ) -> None:
        """The decision's effect on the claim and its shares (checked by ``_check_decision``)."""
        self.decided_by, self.decided_at = actor_id, now
        self.review_flag = eligibility.review_flag
        if not eligibility.eligible:
            self.ineligibility = eligibility.reasons
            self.computation = None
            self.state = ClaimState.NOT_ELIGIBLE
            for share in self.shares:
                share.amount_fen, share.capped = 0, False
                share.state = ShareState.VOID
            return
        assert computation is not None
        self.ineligibility = ()
        for share, part in zip(self.shares, computation.shares, strict=True):
            share.amount_fen = part.award_fen
            share.capped = part.capped
            share.state = ShareState.DECIDED if part.award_fen else ShareState.NOTHING_DUE
        self.computation = computation
        self.state = ClaimState.AWARD_DECIDED

    def notify(
        self,
        *,
        method: NoticeMethod,
        delivered_at: datetime,
        rules: RewardRules,
        calendar: WorkCalendar,
        actor_id: int,
        now: datetime,
    ) -> None:
        """The decision reached the reporter: 领奖通知 (FIRE art. 10) or 不予奖励告知 (FIRE art. 8).

        Meets the feedback clock (FIRE art. 9) and opens the objection window (RULES §3); an
        award notice also starts the collection period (FIRE art. 10, RULES §2.1 roll-forward).
        """
        self._expect("登记通知送达", ClaimAction.NOTIFY)
        if self.notified_at is not None:
            raise TransitionError("该决定已登记送达，不能重复登记。")
        if method is NoticeMethod.QUERY_CODE and self.shares:
            raise ValidationError(
                "method", "实名举报人应直接通知，查询码仅用于匿名举报。", article="FIRE art. 7"
            )
        if delivered_at > now:
            raise ValidationError("delivered_at", "送达时间不能晚于当前时间。")
        if self.decided_at is not None and delivered_at < self.decided_at:
            raise ValidationError("delivered_at", "送达时间不能早于作出决定的时间。")
        self.notified_at, self.notice_method = delivered_at, method
        feedback = self.deadlines.get(DeadlineKind.REWARD_FEEDBACK)
        if feedback is not None and feedback.met_at is None:
            feedback.met_at = delivered_at
        self.objection_due = self._objection_due(rules, calendar)
        if self.state is ClaimState.NOT_ELIGIBLE:
            self._log(
                "reward_refusal_notified",
                now,
                actor_id,
                f"不予奖励告知已{method.label}，申诉期限至 {_describe(self.objection_due)}",
                "FIRE art. 8",
                method=method.value,
                delivered_at=delivered_at.isoformat(),
            )
            return
        self.collect_by = self._collection_due(rules, calendar)
        self._refresh_state()
        self._log(
            "reward_notified",
            now,
            actor_id,
            f"领奖通知已{method.label}，须于 {_describe(self.collect_by)} 前领取",
            rules.collection.article,
            method=method.value,
            delivered_at=delivered_at.isoformat(),
            collect_by=self.collect_by.day.isoformat(),
        )

    # ----- at the counter -----------------------------------------------------------------------

    def claim_share(
        self, person_id: int, *, presented_id_number: str, checked_by: int, now: datetime
    ) -> None:
        """The reporter comes with valid ID; the number must match the one registered (FIRE art. 10)."""
        share = self._share(person_id)
        self._expect_share("领取", share, ClaimAction.CLAIM_SHARE)
        assert self.collect_by is not None  # set by notify, the only way into DECIDED-and-open
        if now.date() > self.collect_by.day:
            raise TransitionError(
                f"领取期限已于 {_describe(self.collect_by)} 届满，视为自动放弃，不能领取。",
                article="FIRE art. 10",
            )
        if normalise_id_number(presented_id_number) != share.id_number:
            raise ValidationError(
                "presented_id_number",
                "出示的证件号码与登记的举报人证件号码不一致，不能领取。",
                article="FIRE art. 10",
            )
        share.state = ShareState.CLAIMED
        share.claimed_at, share.identity_checked_by = now, checked_by
        self._refresh_state()
        self._log(
            "reward_claimed",
            now,
            checked_by,
            f"第{share.position + 1}署名人到场领奖，已核实身份",
            "FIRE art. 10",
            person_id=person_id,
        )

    def approve_share(self, person_id: int, *, actor_id: int, now: datetime) -> None:
        """Approval of the payout by someone other than the one who decided (maker–checker)."""
        share = self._share(person_id)
        self._expect_share("审批", share, ClaimAction.APPROVE_SHARE)
        if actor_id == self.decided_by:
            raise PermissionDenied("作出奖励决定的人员不能审批同一笔奖金，请由另一名负责人审批。")
        share.state = ShareState.APPROVED
        share.approved_at, share.approved_by = now, actor_id
        self._refresh_state()
        self._log(
            "reward_approved",
            now,
            actor_id,
            f"审批同意发放第{share.position + 1}署名人奖金{format_yuan(share.amount_fen)}",
            "FIRE art. 10",
            person_id=person_id,
        )

    def pay_share(
        self,
        person_id: int,
        *,
        paid_on: date,
        method: PaymentMethod,
        voucher_number: str,
        actor_id: int,
        now: datetime,
    ) -> None:
        """Payout of one share, once (RULES §4.5)."""
        share = self._share(person_id)
        if share.state is ShareState.PAID:
            raise TransitionError(
                f"该份奖金已于 {share.paid_on} 发放（凭证号 {share.voucher_number}），不能重复发放。",
                article="FIRE art. 10",
            )
        self._expect_share("发放", share, ClaimAction.PAY_SHARE)
        pending = self.pending_objection
        if pending is not None:
            # RULES §3: a paid share can no longer be changed, so nothing is paid while the
            # decision is under review.
            raise TransitionError(
                f"举报人对{pending.ground.label}的申诉正在复核，复核完毕前不能发放奖金。",
                article="RULES §3",
            )
        voucher_number = _clean(voucher_number)
        if not voucher_number:
            raise ValidationError("voucher_number", "请填写发放凭证号。")
        share.state = ShareState.PAID
        share.paid_on, share.paid_by = paid_on, actor_id
        share.payment_method, share.voucher_number = method, voucher_number
        self._refresh_state()
        self._log(
            "reward_paid",
            now,
            actor_id,
            f"已{method.label}发放第{share.position + 1}署名人奖金{format_yuan(share.amount_fen)}，凭证号 {voucher_number}",
            "FIRE art. 10",
            person_id=person_id,
            amount_fen=share.amount_fen,
            paid_on=paid_on.isoformat(),
        )

    # ----- the other ends -----------------------------------------------------------------------

    def waive_expired(self, *, actor_id: int | None, now: datetime) -> None:
        """Not collected within the period of the notice: deemed waived (FIRE art. 10).

        ``actor_id`` is None when the program applies it on start. Shares already claimed in
        time go on to approval and payout.
        """
        self._expect("视为放弃", ClaimAction.WAIVE_EXPIRED)
        assert self.collect_by is not None
        if now.date() <= self.collect_by.day:
            raise TransitionError(
                f"领取期限 {_describe(self.collect_by)} 尚未届满，不能视为放弃。",
                article="FIRE art. 10",
            )
        waived = [s for s in self.shares if s.state is ShareState.DECIDED]
        if not waived:
            raise TransitionError("没有逾期未领的奖金。")
        for share in waived:
            share.state = ShareState.WAIVED
        self._refresh_state()
        self._log(
            "reward_waived",
            now,
            actor_id,
            f"逾期未领取（期限 {_describe(self.collect_by)}），{len(waived)} 份奖金视为自动放弃",
            "FIRE art. 10",
            person_ids=[s.person_id for s in waived],
        )

    def cancellation_due(self, rules: RewardRules, calendar: WorkCalendar) -> DueDate:
        """The end of the period after the case's closing date (FIRE art. 10, RULES §2.1).

        A decision changed on objection (RULES §3) is a new decision still to be delivered: its
        period counts from the day of the change, not from a closing date long past, so that
        the award is not cancelled as undeliverable before anyone tried to deliver it.
        """
        return calendar.add_natural_days(self._cancellation_start(), rules.cancellation.amount)

    def _cancellation_start(self) -> date:
        start = self._verification().closing_date
        changed = [
            o.reviewed_at.date()
            for o in self.objections
            if o.state is ObjectionState.CHANGED and o.reviewed_at is not None
        ]
        return max([start, *changed])

    def cancel_unreachable(
        self,
        reason: str,
        *,
        rules: RewardRules,
        calendar: WorkCalendar,
        actor_id: int | None,
        now: datetime,
    ) -> None:
        """Wrong contact details or reporter unreachable: cancelled after the period (FIRE art. 10)."""
        self._expect("取消奖励", ClaimAction.CANCEL_UNREACHABLE)
        reason = _clean(reason)
        if not reason:
            raise ValidationError("reason", "请说明无法联系举报人的情况。", article="FIRE art. 10")
        due = self.cancellation_due(rules, calendar)
        if now.date() <= due.day:
            basis = (
                "结案之日"
                if self._cancellation_start() == self._verification().closing_date
                else "申诉复核变更决定之日"
            )
            raise TransitionError(
                f"{basis}起{rules.cancellation.describe()}（至 {due}）尚未届满，不能取消奖励。",
                article=rules.cancellation.article,
            )
        for share in self.shares:
            share.state = ShareState.VOID
        self.state = ClaimState.CANCELLED_UNREACHABLE
        self.end_reason = reason
        self._log(
            "reward_cancelled",
            now,
            actor_id,
            f"无法联系举报人，取消奖励：{reason}",
            rules.cancellation.article,
        )

    def mark_fraudulent(self, reason: str, *, actor_id: int, now: datetime) -> None:
        """A forged claim or a fabricated report: no payout, the record kept (FIRE art. 12).

        Shares already paid stay recorded as paid: recovering the money is a matter for the
        law (FIRE art. 12), not for this record.
        """
        if self.state not in ACTION_STATES[ClaimAction.MARK_FRAUDULENT]:
            raise TransitionError("该奖励已标记为弄虚作假。", article="FIRE art. 12")
        reason = _clean(reason)
        if not reason:
            raise ValidationError("reason", "请写明认定弄虚作假的事实。", article="FIRE art. 12")
        for share in self.shares:
            if share.state is not ShareState.PAID:
                share.state = ShareState.VOID
        previous = self.state
        self.state = ClaimState.FRAUDULENT
        self.end_reason = reason
        self._log(
            "reward_fraudulent",
            now,
            actor_id,
            f"认定弄虚作假，不予发放：{reason}",
            "FIRE art. 12",
            previous_state=previous.value,
        )

    # ----- objections (RULES §3) ----------------------------------------------------------------

    @property
    def pending_objection(self) -> Objection | None:
        """The objection received and not yet reviewed; there is at most one at a time."""
        return next((o for o in self.objections if o.is_pending), None)

    def objection_grounds(self) -> tuple[ObjectionGround, ...]:
        """What an objection could be raised against now, by state alone: the window and the
        one-per-decision rule are checked when it is received (RULES §3)."""
        if self.pending_objection is not None or any(
            s.state is ShareState.PAID for s in self.shares
        ):
            return ()
        return tuple(g for g in ObjectionGround if self.state in _OBJECTION_STATES[g])

    def objection_window(
        self, ground: ObjectionGround, rules: RewardRules, calendar: WorkCalendar
    ) -> tuple[datetime, int | None, DueDate, str]:
        """The decision an objection on ``ground`` is against: when it was taken, by whom (None:
        by the program), the last day of the objection window, and how the notice names it.

        RULES §3 Decision: 30 natural days (RULES §2.1) from the notice, for a refusal or an
        award. A forfeiture (a waiver, FIRE art. 10, or a cancellation for an unreachable
        reporter) has no notice of its own: the program records it when a period ends. TownDesk's
        rule, in the spirit of the same Decision: its window is the same 30 natural days counted
        from the day the waiver or cancellation was recorded.
        """
        states = _OBJECTION_STATES[ground]
        if self.state not in states:
            allowed = "、".join(s.label for s in ClaimState if s in states)
            raise TransitionError(
                f"案件 {self.case_number} 的举报奖励当前为「{self.state.label}」，"
                f"不能对{ground.label}提出申诉（仅限「{allowed}」）。",
                article="RULES §3",
            )
        if ground.is_forfeiture:
            action = _FORFEITURE_EVENTS[ground]
            event = next((e for e in reversed(self.events) if e.action == action), None)
            if event is None:  # pragma: no cover - the state is only reached through the event
                raise TransitionError(f"未找到{ground.label}的记录，不能受理申诉。")
            due = calendar.add_natural_days(event.at.date(), rules.objection_window.amount)
            summary = f"本中心{_chinese_day(event.at.date())}作出的{ground.label}"
            return event.at, event.actor_id, due, summary
        if self.decided_at is None or self.notified_at is None or self.objection_due is None:
            raise TransitionError("该决定尚未送达举报人，送达后方可提出申诉。", article="RULES §3")
        summary = f"本中心{_chinese_day(self.decided_at.date())}作出的{ground.label}"
        if ground is ObjectionGround.AMOUNT:
            total = sum(s.amount_fen for s in self.shares)
            summary += f"（核定奖励{format_yuan(total)}）"
        return self.decided_at, self.decided_by, self.objection_due, summary

    def receive_objection(
        self,
        ground: ObjectionGround,
        statement: str,
        *,
        rules: RewardRules,
        calendar: WorkCalendar,
        actor_id: int,
        now: datetime,
    ) -> Objection:
        """The reporter objects to a refusal, an amount or a forfeiture (RULES §3 Decision).

        Refused outside the window, when the decision was already objected to (one objection
        per decision), while another objection is under review, and once any share was paid:
        a paid share is never changed (RULES §4.5).
        """
        statement = _clean(statement)
        if not statement:
            raise ValidationError("statement", "请记录举报人的申诉请求和理由。", article="RULES §3")
        self._refuse_if_paid()
        decision_at, decision_by, due, summary = self.objection_window(ground, rules, calendar)
        pending = self.pending_objection
        if pending is not None:
            raise TransitionError(
                f"举报人于 {pending.received_at.date()} 对{pending.ground.label}提出的申诉尚在复核，"
                "复核完毕前不能再受理申诉。",
                article="RULES §3",
            )
        earlier = [o for o in self.objections if o.decision_at == decision_at]
        if len(earlier) >= rules.objections_per_decision.value:
            last = earlier[-1]
            raise TransitionError(
                f"对同一决定的申诉以{rules.objections_per_decision.value}次为限：举报人已于 "
                f"{last.received_at.date()} 对{summary}提出申诉（复核结果：{last.state.label}），"
                "不能再次申诉。",
                article=rules.objections_per_decision.article,
            )
        if now.date() > due.day:
            raise TransitionError(
                f"申诉期限（{rules.objection_window.describe()}）已于 {_describe(due)} 届满，"
                f"不能再对{summary}提出申诉。",
                article=rules.objection_window.article,
            )
        objection = Objection(
            ground=ground,
            statement=statement,
            decision_at=decision_at,
            decision_by=decision_by,
            decision_summary=summary,
            window_due=due,
            received_at=now,
            received_by=actor_id,
        )
        self.objections.append(objection)
        self._log(
            "reward_objection_received",
            now,
            actor_id,
            f"收到举报人对{summary}的申诉（申诉期限至 {_describe(due)}）：{statement}",
            "RULES §3",
            ground=ground.value,
            decision_at=decision_at.isoformat(),
            window_due=due.day.isoformat(),
        )
        return objection

    def check_reviewer(self, actor_id: int) -> Objection:
        """The pending objection, if ``actor_id`` may review it: not the one who decided."""
        objection = self.pending_objection
        if objection is None:
            raise TransitionError(
                f"案件 {self.case_number} 没有待复核的奖励申诉。", article="RULES §3"
            )
        if actor_id in (self.decided_by, objection.decision_by):
            raise PermissionDenied(
                "作出原决定的人员不能复核对该决定的申诉，请由另一名负责人复核。",
                article="RULES §3",
            )
        return objection

    def review_objection(
        self,
        *,
        upheld: bool,
        reasons: str,
        actor_id: int,
        now: datetime,
        eligibility: Eligibility | None = None,
        computation: AwardComputation | None = None,
        verification: Verification | None = None,
    ) -> Objection:
        """Uphold, or change the decision to the one recomputed by the reviewer (RULES §3).

        A change is a new decision by the reviewer (FIRE art. 5, 8): eligibility and amount come
        from the same engine as any decision (caps included), the claim goes back to 已决定奖励
        or 不予奖励 and is notified again, with a new collection period and a new objection
        window of its own. The old decision is kept in the event's details.
        """
        objection = self.check_reviewer(actor_id)
        reasons = _clean(reasons)
        if not reasons:
            raise ValidationError("reasons", "请写明复核理由。", article="RULES §3")
        if upheld:
            if verification is not None or eligibility is not None:
                raise ValidationError(
                    "upheld", "维持原决定的，不能更正核查结果或重新认定。", article="RULES §3"
                )
            objection.state = ObjectionState.UPHELD
            objection.reviewed_at, objection.reviewed_by = now, actor_id
            objection.review_reasons = reasons
            self._log(
                "reward_objection_upheld",
                now,
                actor_id,
                f"申诉复核：维持{objection.decision_summary}。理由：{reasons}",
                "RULES §3",
                ground=objection.ground.value,
            )
            return objection
        if eligibility is None:
            raise ValidationError(
                "eligibility", "变更原决定的，请重新认定奖励条件并计算金额。", article="RULES §3"
            )
        self._refuse_if_paid()
        current = self._verification()
        filing = current if verification is None else verification
        if verification is not None:
            _check_verification(verification, now)
            if (verification.closing_date, verification.filed_on) != (
                current.closing_date,
                current.filed_on,
            ):
                raise ValidationError(
                    "verification",
                    "复核只能更正核查结论和处罚内容，结案日期和备案日期不能更改。",
                    article="FIRE art. 9",
                )
        self._check_decision(eligibility, computation, filing)
        if not objection.ground.is_forfeiture and filing == current:
            if eligibility.eligible:
                assert computation is not None
                same = self.state is not ClaimState.NOT_ELIGIBLE and [
                    p.award_fen for p in computation.shares
                ] == [s.amount_fen for s in self.shares]
            else:
                same = (
                    self.state is ClaimState.NOT_ELIGIBLE
                    and eligibility.reasons == self.ineligibility
                )
            if same:
                raise ValidationError(
                    "upheld",
                    "重新认定的结果与原决定相同，请选择维持原决定。",
                    article="RULES §3",
                )
        previous = self._decision_record()
        self.verification = filing
        for share in self.shares:
            share.claimed_at, share.identity_checked_by = None, None
            share.approved_at, share.approved_by = None, None
        self.notified_at, self.notice_method = None, None
        self.collect_by, self.objection_due = None, None
        self.end_reason = ""
        self._apply_decision(eligibility, computation, actor_id=actor_id, now=now)
        article = _decision_article(eligibility)
        objection.state = ObjectionState.CHANGED
        objection.reviewed_at, objection.reviewed_by = now, actor_id
        objection.review_reasons = reasons
        objection.new_total_fen = computation.total_fen if computation is not None else None
        objection.review_article = article.replace("、", "; ")  # as documents cite lists
        if eligibility.eligible:
            assert computation is not None
            outcome = f"改为奖励{format_yuan(computation.total_fen)}"
        else:
            outcome = "改为不予奖励：" + "；".join(r.reason for r in eligibility.reasons)
        self._log(
            "reward_objection_changed",
            now,
            actor_id,
            f"申诉复核：变更{objection.decision_summary}，{outcome}，待重新送达。理由：{reasons}",
            _within(f"RULES §3、{article}"),
            ground=objection.ground.value,
            previous=previous,
            total_fen=None if computation is None else computation.total_fen,
            shares={str(s.person_id): s.amount_fen for s in self.shares},
            reasons=[{"reason": r.reason, "article": r.article} for r in eligibility.reasons],
            fine_fen=filing.fine_fen,
            facts=_facts_record(eligibility),
        )
        return objection

    def decision_answers(self) -> tuple[bool, bool] | None:
        """The two answers of the brigade (clue already known, already under investigation) the
        standing decision was taken on, from its event; None when the claim is not decided."""
        decisions = ("reward_decided", "reward_not_eligible", "reward_objection_changed")
        for event in reversed(self.events):
            if event.action in decisions and "facts" in event.details:
                facts = event.details["facts"]
                return bool(facts["clue_already_known"]), bool(facts["already_under_investigation"])
        return None

    def _refuse_if_paid(self) -> None:
        """RULES §4.5: a share is paid at most once, so an objection cannot change a paid one."""
        paid = next((s for s in self.shares if s.state is ShareState.PAID), None)
        if paid is not None:
            raise TransitionError(
                f"本案第{paid.position + 1}署名人的奖金已于 {paid.paid_on} 发放，"
                "已发放的奖金不能因申诉变更，不能受理或变更。",
                article="RULES §4.5",
            )

    def _decision_record(self) -> dict[str, Any]:
        """The decision as it stood before a change on objection, for the event (the audit trail)."""
        verification = self._verification()
        return {
            "state": self.state.value,
            "decided_by": self.decided_by,
            "decided_at": None if self.decided_at is None else self.decided_at.isoformat(),
            "notified_at": None if self.notified_at is None else self.notified_at.isoformat(),
            "fine_fen": verification.fine_fen,
            "total_fen": sum(s.amount_fen for s in self.shares),
            "shares": {str(s.person_id): [s.amount_fen, s.state.value] for s in self.shares},
            "reasons": [{"reason": r.reason, "article": r.article} for r in self.ineligibility],
            "collect_by": None if self.collect_by is None else self.collect_by.day.isoformat(),
            "end_reason": self.end_reason,
        }

    # ----- calendar -----------------------------------------------------------------------------

    def recompute_deadlines(
        self, calendar: WorkCalendar, rules: RewardRules, *, now: datetime, reason: str
    ) -> bool:
        """Count the open periods again after the calendar changed (RULES §2.1).

        The FIRE art. 9 clocks not yet met; the collection day (FIRE art. 10) while a share is
        still to be collected; the objection day (RULES §3) while the claim has not ended.
        Logs one event listing what moved and returns whether anything did.
        """
        moved = []
        for deadline in self.deadlines.values():
            before = deadline.describe_due()
            if deadline.met_at is None and deadline.recompute(calendar):
                moved.append(f"{deadline.kind.label} {before} → {deadline.describe_due()}")
        if self.collect_by is not None and any(s.state is ShareState.DECIDED for s in self.shares):
            collect_by = self._collection_due(rules, calendar)
            if collect_by != self.collect_by:
                moved.append(f"领奖期限 {_describe(self.collect_by)} → {_describe(collect_by)}")
                self.collect_by = collect_by
        if self.objection_due is not None and self.state not in _ENDED:
            objection_due = self._objection_due(rules, calendar)
            if objection_due != self.objection_due:
                moved.append(
                    f"申诉期限 {_describe(self.objection_due)} → {_describe(objection_due)}"
                )
                self.objection_due = objection_due
        if moved:
            self._log(
                "recompute_deadlines", now, None, f"{reason}：" + "；".join(moved), "RULES §2.1"
            )
        return bool(moved)

    def _collection_due(self, rules: RewardRules, calendar: WorkCalendar) -> DueDate:
        """FIRE art. 10: N natural days from the notice, rolled to a working day (RULES §2.1)."""
        assert self.notified_at is not None
        return calendar.add_natural_days(self.notified_at.date(), rules.collection.amount)

    def _objection_due(self, rules: RewardRules, calendar: WorkCalendar) -> DueDate:
        """RULES §3 Decision: N natural days from the notice, rolled to a working day."""
        assert self.notified_at is not None
        return calendar.add_natural_days(self.notified_at.date(), rules.objection_window.amount)

    # ----- helpers ------------------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self.state in _TERMINAL

    def _verification(self) -> Verification:
        if self.verification is None:
            raise TransitionError("尚未登记核查结果。", article="FIRE art. 9")
        return self.verification

    def _share(self, person_id: int) -> RewardShare:
        for share in self.shares:
            if share.person_id == person_id:
                return share
        raise ValidationError("person_id", "该人员不是本案的举报人。")

    def _start(
        self, kind: DeadlineKind, start: datetime, period: Period, calendar: WorkCalendar
    ) -> Deadline:
        deadline = Deadline(kind, start, period.amount, period.unit, period.article, calendar)
        self.deadlines[kind] = deadline
        return deadline

    def _refresh_state(self) -> None:
        """After the notice the claim stands where its least advanced open share stands."""
        open_shares = [s for s in self.shares if s.state in _OPEN_SHARES]
        if open_shares:
            least = min(_OPEN_SHARES.index(s.state) for s in open_shares)
            self.state = _SHARE_TO_CLAIM[_OPEN_SHARES[least]]
        elif any(s.state is ShareState.PAID for s in self.shares):
            self.state = ClaimState.PAID
        elif any(s.state is ShareState.WAIVED for s in self.shares):
            self.state = ClaimState.WAIVED_EXPIRED
        else:
            self.state = ClaimState.NOTHING_DUE

    def allowed_actions(self) -> frozenset[ClaimAction]:
        """The actions the claim accepts now (time limits aside: those are checked on the act)."""
        allowed = set()
        for action, states in ACTION_STATES.items():
            if self.state not in states:
                continue
            if action is ClaimAction.NOTIFY and self.notified_at is not None:
                continue  # a decision is delivered once
            if action is ClaimAction.PAY_SHARE and self.pending_objection is not None:
                continue  # RULES §3: nothing is paid while the decision is under review
            needed = _SHARE_ACTION_STATE.get(action)
            if needed is None or any(s.state is needed for s in self.shares):
                allowed.add(action)
        return frozenset(allowed)

    def _expect(self, action_label: str, action: ClaimAction) -> None:
        states = ACTION_STATES[action]
        if self.state not in states:
            allowed = "、".join(s.label for s in ClaimState if s in states)
            raise TransitionError(
                f"案件 {self.case_number} 的举报奖励当前为「{self.state.label}」，不能{action_label}"
                f"（仅限「{allowed}」）。"
            )

    def _expect_share(self, action_label: str, share: RewardShare, action: ClaimAction) -> None:
        if self.state is ClaimState.FRAUDULENT:
            raise TransitionError("该奖励已认定弄虚作假，不予发放。", article="FIRE art. 12")
        self._expect(action_label, action)
        needed = _SHARE_ACTION_STATE[action]
        if share.state is not needed:
            raise TransitionError(
                f"案件 {self.case_number} 第{share.position + 1}署名人的奖金当前为"
                f"「{share.state.label}」，不能{action_label}（仅限「{needed.label}」）。"
            )

    def _log(
        self,
        action: str,
        now: datetime,
        actor_id: int | None,
        summary: str,
        article: str | None,
        **details: Any,
    ) -> None:
        append_event(
            self.events, action, now, actor_id, summary, article, case_id=self.case_id, **details
        )

    def __repr__(self) -> str:
        return f"RewardClaim({self.case_number}, {self.state.value})"
