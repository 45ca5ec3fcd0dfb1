"""Reward claims of fire-hazard tip-offs (RULES §4, FIRE art. 4–13): one service per step.

Each step follows the ``act`` pattern of handling.py: the role is checked, the claim is loaded in
one unit of work, the domain rule runs and appends its event, and the unit commits. The claim row
is locked for the whole unit (SELECT … FOR UPDATE on PostgreSQL; SQLite write sessions already
begin immediate), so two counters acting on one claim run one after the other and the second
sees what the first did: a share is paid at most once (RULES §4.5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select

from app.documents.payloads import (
    AwardNoticeData,
    AwardStep,
    DisclosureData,
    DisclosureRow,
    DocType,
    DocumentMeta,
    NonAwardNoticeData,
    NonAwardReason,
    ObjectionResultData,
    Payload,
    PayoutReceiptData,
    PayoutShare,
)
from app.domain.cases import Case
from app.domain.deadlines import DeadlineKind
from app.domain.errors import DomainError, NotFound, TransitionError, ValidationError
from app.domain.people import mask_id, mask_name
from app.domain.reporting import day_end, day_start
from app.domain.rewards import (
    ACTION_STATES,
    AwardComputation,
    ClaimAction,
    ClaimReporter,
    ClaimState,
    DeclaredRelative,
    Eligibility,
    EligibilityFacts,
    ExclusionEntry,
    NoticeMethod,
    Objection,
    ObjectionGround,
    ObjectionState,
    PaymentMethod,
    ReporterYear,
    RewardClaim,
    RewardRules,
    ShareState,
    Verification,
    cap_window,
    check_eligibility,
    compute_award,
    match_exclusions,
)
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, Kind
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services.context import Services, UnitOfWork
from app.services.duplicates import first_of_group

ClaimStep = Callable[[RewardClaim, RewardRules, datetime], object]

# States whose shares still count against a reporter's yearly cap (FIRE art. 5).
_CAP_STATES = [s.value for s in ShareState if s.counts_against_cap]


def reward_rules(svc: Services, case: Case) -> RewardRules:
    """The reward rules of the profile that governs the case (RULES §4.3 Decisions)."""
    return _rules(svc, case.profile_key, case.number)


def _rules(svc: Services, profile_key: str, case_number: str) -> RewardRules:
    rules = svc.profiles.get(profile_key).rewards
    if rules is None:
        raise DomainError(f"案件 {case_number} 适用的规则版本未规定举报奖励，不能办理奖励。")
    return rules


def _claim_rules(svc: Services, uow: UnitOfWork, claim: RewardClaim) -> RewardRules:
    """The rules of a claim's case from its profile key alone: a claim step needs no more of
    the case, and loading the whole case with its people and history is what made steps slow."""
    key = uow.session.execute(
        select(t.cases.c.profile_key).where(t.cases.c.id == claim.case_id)
    ).scalar_one()
    return _rules(svc, key, claim.case_number)


def _load(uow: UnitOfWork, case_id: int, *, lock: bool) -> RewardClaim:
    statement = select(RewardClaim).where(t.reward_claims.c.case_id == case_id)
    if lock:
        # PostgreSQL: the second counter waits here and then reads the first one's commit.
        # SQLite ignores FOR UPDATE; its write sessions hold the write lock from BEGIN.
        statement = statement.with_for_update()
    claim = uow.session.scalars(statement).first()
    if claim is None:
        raise NotFound("该案件尚未登记举报奖励。")
    return claim


def get_claim(svc: Services, case_id: int) -> RewardClaim:
    """The claim of a tip-off case, for reading (shares and deadlines loaded)."""
    with svc.uow(write=False) as uow:
        claim = _load(uow, case_id, lock=False)
        list(claim.events)  # loaded while the session is open: screens show the timeline
        return claim


def _act(svc: Services, actor: Actor, action: Action, case_id: int, step: ClaimStep) -> None:
    """The one path every claim action takes: permission, load and lock, rule, commit."""
    actor.require(action)
    with svc.uow() as uow:
        claim = _load(uow, case_id, lock=True)
        step(claim, _claim_rules(svc, uow, claim), svc.now())
        uow.commit()


# ----- registration and verification ----------------------------------------------------------


def open_claim(svc: Services, actor: Actor, case_id: int) -> None:
    """Register a fire-hazard tip-off for a reward and send it to the brigade (FIRE art. 4, 9)."""
    actor.require(Action.OPEN_REWARD)
    now = svc.now()
    with svc.uow() as uow:
        case = uow.get_case(case_id)
        if case.kind is not Kind.TIP_OFF or case.hazard_category is None:
            raise ValidationError(
                "case",
                "只有属于十类火灾隐患的举报才能登记举报奖励。",
                article="FIRE art. 4",
            )
        reward_rules(svc, case)
        if case.state in (CaseState.NOT_ACCEPTED, CaseState.WITHDRAWN):
            raise TransitionError(
                f"案件 {case.number} 为「{case.state.label}」，未登记在案，不能登记举报奖励。",
                article="FIRE art. 9",
            )
        exists = uow.session.execute(
            select(t.reward_claims.c.id).where(t.reward_claims.c.case_id == case_id)
        ).first()
        if exists is not None:
            raise TransitionError(f"案件 {case.number} 已登记举报奖励，不能重复登记。")
        claim = new_claim(case, actor_id=actor.user_id, now=now)
        uow.session.add(claim)
        uow.commit()


def rewardable(case: Case, rules: RewardRules | None) -> bool:
    """A tip-off of one of the ten hazards under a profile with rewards (FIRE art. 4)."""
    return case.kind is Kind.TIP_OFF and case.hazard_category is not None and rules is not None


def new_claim(case: Case, *, actor_id: int, now: datetime) -> RewardClaim:
    """The claim of a tip-off, sent to the brigade to verify (FIRE art. 9); its reporters are
    the case's submitters in signing order, none for an anonymous report (FIRE art. 7)."""
    reporters = []
    if not case.anonymous:
        for submitter in sorted(case.submitters, key=lambda s: s.position):
            person = submitter.person
            assert person.id is not None  # stored with the case
            reporters.append(ClaimReporter(person.id, person.doc_number or ""))
    return RewardClaim.open(
        case_id=case.id,
        case_number=case.number,
        reporters=reporters,
        actor_id=actor_id,
        now=now,
    )


def record_verification(
    svc: Services, actor: Actor, case_id: int, verification: Verification
) -> None:
    """The brigade's filing after the penalty closed; starts the FIRE art. 9 clocks."""
    _act(
        svc,
        actor,
        Action.RECORD_VERIFICATION,
        case_id,
        lambda c, r, now: c.record_verification(
            verification, rules=r, calendar=svc.calendar, actor_id=actor.user_id, now=now
        ),
    )


# ----- decision -------------------------------------------------------------------------------


def awarded_so_far(
    uow: UnitOfWork, person_id: int, window: tuple[date, date], *, except_claim: int | None
) -> int:
    """What one reporter was awarded in the cap window (FIRE art. 5), in fen."""
    start, end = day_start(window[0]), day_end(window[1])
    s, c = t.reward_shares.c, t.reward_claims.c
    statement = (
        select(func.coalesce(func.sum(s.amount_fen), 0))
        .join_from(t.reward_shares, t.reward_claims, s.claim_id == c.id)
        .where(
            s.person_id == person_id,
            s.state.in_(_CAP_STATES),
            c.decided_at >= start,
            c.decided_at < end,
        )
    )
    if except_claim is not None:
        statement = statement.where(c.id != except_claim)
    return int(uow.session.execute(statement).scalar_one())


def _exclusion_register(uow: UnitOfWork) -> list[ExclusionEntry]:
    e = t.exclusion_entries.c
    rows = uow.session.execute(
        select(e.id_number, e.name, e.category).where(e.active.is_(True))
    ).all()
    return [ExclusionEntry(r.id_number, r.name, r.category) for r in rows]


def _declared_relatives(uow: UnitOfWork, person_id: int) -> list[DeclaredRelative]:
    r = t.reporter_relatives.c
    rows = uow.session.execute(
        select(r.relationship, r.id_number).where(r.person_id == person_id).order_by(r.id)
    ).all()
    return [DeclaredRelative(row.relationship, row.id_number) for row in rows]


@dataclass(frozen=True)
class DecisionPreview:
    """What a decision would say now, before anything is saved (FIRE art. 5–8)."""

    eligibility: Eligibility
    computation: AwardComputation | None  # None when not eligible
    lapse_warning: str | None  # the measures' validity (RULES header) does not cover today


def _assess(
    svc: Services,
    uow: UnitOfWork,
    claim: RewardClaim,
    case: Case,
    *,
    first_report: bool,
    clue_already_known: bool,
    already_under_investigation: bool,
    lock: bool,
    verification: Verification | None = None,
) -> tuple[Eligibility, AwardComputation | None]:
    """Eligibility and amount from the case, the filing, the register and the year's awards.

    The one computation behind both the preview the clerk reads and the decision that is
    stored, so that what the screen shows is what the decision says; a decision changed on
    objection (RULES §3) goes through it too, with a corrected filing when the reviewer gives one.
    """
    rules = reward_rules(svc, case)
    verification = claim.verification if verification is None else verification
    if verification is None:
        raise TransitionError("尚未登记核查结果，不能作出奖励决定。", article="FIRE art. 9")
    register = _exclusion_register(uow)
    matches = tuple(
        match
        for share in claim.shares
        for match in match_exclusions(
            share.id_number,
            _declared_relatives(uow, share.person_id),
            register,
            rules.direct_relatives,
        )
    )
    facts = EligibilityFacts(
        verified=verification.verified,
        penalty_imposed=verification.penalty_imposed,
        anonymous=not claim.shares,
        reported_unit_name=case.reported_unit_name,
        reported_unit_address=case.reported_unit_address,
        content=case.content,
        evidence=case.evidence,
        clue_already_known=clue_already_known,
        already_under_investigation=already_under_investigation,
        first_report=first_report,
        hazard_category=case.hazard_category,
        exclusion_matches=matches,
        reporters_without_id=sum(1 for s in claim.shares if not s.id_number),
    )
    eligibility = check_eligibility(facts)
    if not eligibility.eligible:
        return eligibility, None
    if lock:
        # Two decisions for the same reporter must not both read the same total so far
        # (FIRE art. 5): lock the reporters' rows, in id order so that two such decisions
        # never wait on each other. SQLite's write lock already serialises them.
        uow.session.execute(
            select(t.persons.c.id)
            .where(t.persons.c.id.in_([s.person_id for s in claim.shares]))
            .order_by(t.persons.c.id)
            .with_for_update()
        ).all()
    window = cap_window(svc.now().date(), rules)
    computation = compute_award(
        verification.fine_fen,
        [
            ReporterYear(
                s.person_id, awarded_so_far(uow, s.person_id, window, except_claim=claim.id)
            )
            for s in claim.shares
        ],
        rules,
    )
    return eligibility, computation


def preview_decision(
    svc: Services,
    actor: Actor,
    case_id: int,
    *,
    clue_already_known: bool,
    already_under_investigation: bool,
) -> DecisionPreview:
    """The decision ``decide`` would take with these answers, computed but not saved."""
    actor.require(Action.DECIDE_AWARD)
    first = first_of_group(svc, case_id) == case_id
    with svc.uow(write=False) as uow:
        claim = _load(uow, case_id, lock=False)
        case = uow.get_case(case_id)
        eligibility, computation = _assess(
            svc,
            uow,
            claim,
            case,
            first_report=first,
            clue_already_known=clue_already_known,
            already_under_investigation=already_under_investigation,
            lock=False,
        )
        rules = reward_rules(svc, case)
    return DecisionPreview(
        eligibility,
        computation,
        lapse_warning=rules.lapse_warning(svc.now().date()),
    )


def decide(
    svc: Services,
    actor: Actor,
    case_id: int,
    *,
    clue_already_known: bool,
    already_under_investigation: bool,
) -> RewardClaim:
    """Award or refuse (FIRE art. 4–8), with the amount computed step by step (FIRE art. 5, 6).

    The facts come from the case, the brigade's filing, the duplicate group and the exclusion
    register; the two answers of the brigade that the program cannot know are the clerk's.
    """
    actor.require(Action.DECIDE_AWARD)
    first = first_of_group(svc, case_id) == case_id  # FIRE art. 6: the earliest report wins
    with svc.uow() as uow:
        claim = _load(uow, case_id, lock=True)
        eligibility, computation = _assess(
            svc,
            uow,
            claim,
            uow.get_case(case_id),
            first_report=first,
            clue_already_known=clue_already_known,
            already_under_investigation=already_under_investigation,
            lock=True,
        )
        claim.decide(eligibility, computation, actor_id=actor.user_id, now=svc.now())
        uow.commit()
        return claim


# ----- notice, counter, approval, payout ----------------------------------------------------------


def notify(
    svc: Services, actor: Actor, case_id: int, method: NoticeMethod, delivered_at: datetime
) -> None:
    """Record how and when the decision reached the reporter (FIRE art. 8, 10)."""
    _act(
        svc,
        actor,
        Action.NOTIFY_AWARD,
        case_id,
        lambda c, r, now: c.notify(
            method=method,
            delivered_at=delivered_at,
            rules=r,
            calendar=svc.calendar,
            actor_id=actor.user_id,
            now=now,
        ),
    )


def claim_share(
    svc: Services, actor: Actor, case_id: int, person_id: int, presented_id_number: str
) -> None:
    """The reporter at the counter with valid ID; the checker is recorded (FIRE art. 10)."""
    _act(
        svc,
        actor,
        Action.CHECK_IDENTITY,
        case_id,
        lambda c, r, now: c.claim_share(
            person_id,
            presented_id_number=presented_id_number,
            checked_by=actor.user_id,
            now=now,
        ),
    )


def approve_share(svc: Services, actor: Actor, case_id: int, person_id: int) -> None:
    """A supervisor other than the decider approves the payout (maker–checker, FIRE art. 10)."""
    _act(
        svc,
        actor,
        Action.APPROVE_PAYOUT,
        case_id,
        lambda c, r, now: c.approve_share(person_id, actor_id=actor.user_id, now=now),
    )


def pay_share(
    svc: Services,
    actor: Actor,
    case_id: int,
    person_id: int,
    *,
    paid_on: date,
    method: PaymentMethod,
    voucher_number: str,
) -> None:
    """Pay one share, at most once even when two counters race (RULES §4.5)."""
    _act(
        svc,
        actor,
        Action.PAY_AWARD,
        case_id,
        lambda c, r, now: c.pay_share(
            person_id,
            paid_on=paid_on,
            method=method,
            voucher_number=voucher_number,
            actor_id=actor.user_id,
            now=now,
        ),
    )


def mark_fraudulent(svc: Services, actor: Actor, case_id: int, reason: str) -> None:
    """A forged claim or fabricated report: no payout, the record kept (FIRE art. 12)."""
    _act(
        svc,
        actor,
        Action.MARK_FRAUDULENT,
        case_id,
        lambda c, r, now: c.mark_fraudulent(reason, actor_id=actor.user_id, now=now),
    )


def cancel_unreachable(svc: Services, actor: Actor, case_id: int, reason: str) -> None:
    """Wrong contact details or reporter unreachable, after the period (FIRE art. 10)."""
    _act(
        svc,
        actor,
        Action.EXPIRE_AWARDS,
        case_id,
        lambda c, r, now: c.cancel_unreachable(
            reason, rules=r, calendar=svc.calendar, actor_id=actor.user_id, now=now
        ),
    )


def cancellation_period_end(svc: Services, case_id: int) -> date | None:
    """The last day of the period after which an undelivered award may be cancelled (FIRE
    art. 10); None when the claim is not one that can be cancelled."""
    with svc.uow(write=False) as uow:
        claim = _load(uow, case_id, lock=False)
        if claim.state not in ACTION_STATES[ClaimAction.CANCEL_UNREACHABLE]:
            return None
        due = claim.cancellation_due(_claim_rules(svc, uow, claim), svc.calendar)
        return due.day


# FIRE art. 10: what the program writes when it cancels on its own.
AUTO_UNREACHABLE_REASON = "结案之日起期限届满仍未能向举报人送达领奖通知（联系方式有误或无法联系）"


def _unreachable_after(claim: RewardClaim, rules: RewardRules, svc: Services) -> date:
    """The last day before the program may assume on its own that the reporter is unreachable.

    FIRE art. 10 cancels 30 days after the closing date. When the brigade filed late, that day
    can fall while the centre's own feedback period (FIRE art. 9) still runs; the program then
    waits for that period too, rather than cancelling an award nobody has yet tried to deliver.
    A clerk who did fail to reach the reporter cancels at once with ``cancel_unreachable``.
    """
    last = claim.cancellation_due(rules, svc.calendar).day
    feedback = claim.deadlines.get(DeadlineKind.REWARD_FEEDBACK)
    return last if feedback is None else max(last, feedback.due_date)


def expire_overdue(svc: Services, actor: Actor | None = None) -> list[int]:
    """Apply the two automatic ends of FIRE art. 10; returns the case ids changed.

    Run when the program starts (``actor`` None: the event has no actor) and on demand. Each
    claim is handled in its own unit of work, so one bad claim does not hold back the others.
    """
    if actor is not None:
        actor.require(Action.EXPIRE_AWARDS)
    actor_id = None if actor is None else actor.user_id
    with svc.uow(write=False) as uow:
        c = t.reward_claims.c
        candidates = uow.session.execute(
            select(c.case_id).where(
                c.state.in_(
                    [
                        ClaimState.AWARD_DECIDED.value,
                        ClaimState.NOTIFIED.value,
                        ClaimState.CLAIMED.value,
                        ClaimState.APPROVED.value,
                    ]
                )
            )
        ).scalars()
        case_ids = list(candidates)
    changed = []
    for case_id in case_ids:
        with svc.uow() as uow:
            claim = _load(uow, case_id, lock=True)
            rules = _claim_rules(svc, uow, claim)
            now = svc.now()
            if claim.state is ClaimState.AWARD_DECIDED and now.date() > _unreachable_after(
                claim, rules, svc
            ):
                claim.cancel_unreachable(
                    AUTO_UNREACHABLE_REASON,
                    rules=rules,
                    calendar=svc.calendar,
                    actor_id=actor_id,
                    now=now,
                )
            elif (
                claim.collect_by is not None
                and now.date() > claim.collect_by.day
                and any(s.state is ShareState.DECIDED for s in claim.shares)
            ):
                claim.waive_expired(actor_id=actor_id, now=now)
            else:
                continue
            uow.commit()
            changed.append(case_id)
    return changed


# ----- objections (RULES §3) ----------------------------------------------------------------------


def receive_objection(
    svc: Services, actor: Actor, case_id: int, ground: ObjectionGround, statement: str
) -> None:
    """The reporter objects to a refusal, the amount or a forfeiture, within the window and
    once per decision (RULES §3 Decision); recorded with who received it."""
    _act(
        svc,
        actor,
        Action.RECEIVE_OBJECTION,
        case_id,
        lambda c, r, now: c.receive_objection(
            ground, statement, rules=r, calendar=svc.calendar, actor_id=actor.user_id, now=now
        ),
    )


def review_objection(
    svc: Services,
    actor: Actor,
    case_id: int,
    *,
    upheld: bool,
    reasons: str,
    clue_already_known: bool | None = None,
    already_under_investigation: bool | None = None,
    corrected_verification: Verification | None = None,
) -> RewardClaim:
    """A supervisor other than the decider upholds or changes the decision (RULES §3).

    A change recomputes eligibility and amount through ``_assess``, the engine of every decision
    (the yearly cap of FIRE art. 5 included), with the reviewer's answers — by default those the
    decision was taken on — and the reviewer's corrected filing if any. The claim then waits to
    be notified again (a new collection period, FIRE art. 10).
    """
    actor.require(Action.REVIEW_OBJECTION)
    first = None if upheld else first_of_group(svc, case_id) == case_id  # FIRE art. 6
    with svc.uow() as uow:
        claim = _load(uow, case_id, lock=True)
        now = svc.now()
        if upheld:
            claim.review_objection(
                upheld=True,
                reasons=reasons,
                actor_id=actor.user_id,
                now=now,
                verification=corrected_verification,
            )
            uow.commit()
            return claim
        claim.check_reviewer(actor.user_id)  # maker–checker before anything is computed
        answers = claim.decision_answers()
        if answers is None and (clue_already_known is None or already_under_investigation is None):
            raise ValidationError(
                "clue_already_known",
                "请认定线索是否已被掌握、是否已立案查处。",
                article="FIRE art. 8",
            )
        known, investigated = answers or (False, False)
        assert first is not None
        eligibility, computation = _assess(
            svc,
            uow,
            claim,
            uow.get_case(case_id),
            first_report=first,
            clue_already_known=known if clue_already_known is None else clue_already_known,
            already_under_investigation=(
                investigated if already_under_investigation is None else already_under_investigation
            ),
            lock=True,
            verification=corrected_verification,
        )
        claim.review_objection(
            upheld=False,
            reasons=reasons,
            actor_id=actor.user_id,
            now=now,
            eligibility=eligibility,
            computation=computation,
            verification=corrected_verification,
        )
        uow.commit()
        return claim


@dataclass(frozen=True)
class ObjectionRow:
    """One pending objection as the 回访/申诉 screen lists it; reporters masked (RULES §5).

    RULES §3 sets no period for the review itself: ``window_due`` is the last day of the
    objection window the objection was received within, shown as the basis of its receipt.
    """

    case_id: int
    case_number: str
    reporters: str  # masked names in signing order; 匿名 for an anonymous report
    ground: ObjectionGround
    objected_to: str  # the decision, as the result notice will name it
    statement: str
    received_at: datetime
    window_due: date
    decided_by: int | None  # who may not review it (maker–checker); None: by the program


def objection_queue(svc: Services) -> list[ObjectionRow]:
    """The objections waiting for review, oldest first (RULES §3)."""
    o, c = t.reward_objections.c, t.reward_claims.c
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(
            select(
                c.case_id,
                c.case_number,
                c.decided_by,
                o.ground,
                o.decision_by,
                o.decision_summary,
                o.statement,
                o.received_at,
                o.window_due,
            )
            .join_from(t.reward_objections, t.reward_claims, o.claim_id == c.id)
            .where(o.state == ObjectionState.PENDING.value)
            .order_by(o.received_at, o.id)
        ).all()
        _, reporters = _recognisers(uow, [r.case_id for r in rows])
    return [
        ObjectionRow(
            case_id=r.case_id,
            case_number=r.case_number,
            reporters=reporters.get(r.case_id, ""),
            ground=r.ground,
            objected_to=r.decision_summary,
            statement=r.statement,
            received_at=r.received_at,
            window_due=r.window_due.day,
            # The award's decider, or for a forfeiture whoever recorded it if that was a person.
            decided_by=r.decision_by if r.decision_by is not None else r.decided_by,
        )
        for r in rows
    ]


def objections(svc: Services, case_id: int) -> list[Objection]:
    """Every objection of a claim, oldest first, with its review (RULES §3)."""
    with svc.uow(write=False) as uow:
        return list(_load(uow, case_id, lock=False).objections)


def _merged_articles(articles: list[str]) -> str:
    """Codes of one source merged for printing: FIRE art. 8 and FIRE art. 6 → FIRE art. 8, 6."""
    merged: dict[str, list[str]] = {}
    for code in dict.fromkeys(a.strip() for a in articles if a.strip()):
        key, sep, number = code.partition(" art. ")
        merged.setdefault(key + sep if sep else code, []).append(number)
    return "; ".join(
        head + ", ".join(numbers) if head.endswith(" art. ") else head
        for head, numbers in merged.items()
    )


def _objection_payload(case: Case, claim: RewardClaim) -> ObjectionResultData:
    """申诉复核结果告知书 of the latest reviewed objection (RULES §3)."""
    reviewed = [o for o in claim.objections if o.state is not ObjectionState.PENDING]
    if not reviewed:
        raise TransitionError("尚无复核完毕的申诉，不能出具申诉复核结果告知书。")
    objection = max(reviewed, key=lambda o: o.reviewed_at or o.received_at)
    upheld = objection.state is ObjectionState.UPHELD
    if not upheld:
        article = objection.review_article
    elif objection.ground is ObjectionGround.NOT_ELIGIBLE:
        article = _merged_articles([r.article for r in claim.ineligibility])
    elif objection.ground is ObjectionGround.AMOUNT:
        article = "FIRE art. 5"
    else:
        article = "FIRE art. 10"  # a waiver or a cancellation
    return ObjectionResultData(
        case_number=case.number,
        addressee=_addressee(case),
        objection_received=objection.received_at.astimezone(SHANGHAI).date(),
        objected_to=objection.decision_summary,
        upheld=upheld,
        reasons=objection.review_reasons,
        new_award_fen=None if upheld else objection.new_total_fen,
        article=_merged_articles(article.split(";")),
    )


# ----- queues and disclosure --------------------------------------------------------------------


class Stage(StrEnum):
    """The queues of the reward screen (issue 5); 已结束 keeps every ended claim in view."""

    AWAITING_VERIFICATION = "awaiting_verification"
    TO_DECIDE = "to_decide"
    TO_NOTIFY = "to_notify"
    NOTIFIED = "notified"
    DUE_TO_EXPIRE = "due_to_expire"
    TO_APPROVE = "to_approve"
    TO_PAY = "to_pay"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return {
            "awaiting_verification": "待核查",
            "to_decide": "待决定",
            "to_notify": "待送达",
            "notified": "已通知待领取",
            "due_to_expire": "即将逾期",
            "to_approve": "待审批",
            "to_pay": "待发放",
            "ended": "已结束",
        }[self.value]


DUE_SOON_DAYS = 7  # a notified award shows under 即将逾期 this many days before its last day
ENDED_SHOWN = 500  # the 已结束 queue shows the latest claims; older ones are in the ledgers


@dataclass(frozen=True)
class QueueRow:
    """One claim as a queue lists it, with what a clerk recognises it by; names masked (§5)."""

    case_id: int
    case_number: str
    state: ClaimState
    reported_unit: str
    reporters: str  # masked names, in signing order; 匿名 for an anonymous report
    fine_fen: int | None  # None until the brigade filed
    total_fen: int
    collect_by: date | None
    feedback_due: date | None  # FIRE art. 9: the centre's 15 working days, while open
    feedback_overdue: bool
    objection_due: date | None  # RULES §3: while a notified refusal may still be objected to


def _in_stage(claim: RewardClaim, stage: Stage, today: date) -> bool:
    shares = {s.state for s in claim.shares}
    if stage is Stage.ENDED:
        return claim.state in _ENDED or (
            claim.state is ClaimState.NOT_ELIGIBLE and claim.notified_at is not None
        )
    if stage is Stage.AWAITING_VERIFICATION:
        return claim.state is ClaimState.PENDING_VERIFICATION
    if stage is Stage.TO_DECIDE:
        return claim.state is ClaimState.VERIFICATION_RECORDED
    if stage is Stage.TO_NOTIFY:
        return (
            claim.state in (ClaimState.AWARD_DECIDED, ClaimState.NOT_ELIGIBLE)
            and claim.notified_at is None
        )
    if stage is Stage.NOTIFIED:
        return ShareState.DECIDED in shares and claim.notified_at is not None
    if stage is Stage.DUE_TO_EXPIRE:
        return (
            ShareState.DECIDED in shares
            and claim.collect_by is not None
            and claim.collect_by.day - today <= timedelta(days=DUE_SOON_DAYS)
        )
    if stage is Stage.TO_APPROVE:
        return ShareState.CLAIMED in shares and claim.state is not ClaimState.FRAUDULENT
    if stage is Stage.TO_PAY:
        return ShareState.APPROVED in shares and claim.state is not ClaimState.FRAUDULENT
    raise AssertionError(stage)


def _claims(uow: UnitOfWork, *, ended: bool) -> list[RewardClaim]:
    """Open claims oldest case first, or the latest ended ones newest first."""
    c = t.reward_claims.c
    closed = [s.value for s in _ENDED]
    statement = select(RewardClaim)
    if ended:
        statement = (
            statement.where(c.state.in_([*closed, ClaimState.NOT_ELIGIBLE.value]))
            .order_by(c.case_id.desc())
            .limit(ENDED_SHOWN)
        )
    else:
        statement = statement.where(c.state.not_in(closed)).order_by(c.case_id)
    return list(uow.session.scalars(statement).all())


def _queue_row(
    claim: RewardClaim, unit: str, reporters: str, now: datetime, today: date
) -> QueueRow:
    assert claim.case_id is not None
    feedback = claim.deadlines.get(DeadlineKind.REWARD_FEEDBACK)
    if feedback is not None and feedback.met_at is not None:
        feedback = None
    objection = claim.objection_due
    open_objection = (
        claim.state is ClaimState.NOT_ELIGIBLE and objection is not None and objection.day >= today
    )
    return QueueRow(
        case_id=claim.case_id,
        case_number=claim.case_number,
        state=claim.state,
        reported_unit=unit,
        reporters=reporters,
        fine_fen=None if claim.verification is None else claim.verification.fine_fen,
        total_fen=sum(s.amount_fen for s in claim.shares),
        collect_by=None if claim.collect_by is None else claim.collect_by.day,
        feedback_due=None if feedback is None else feedback.due_date,
        feedback_overdue=feedback is not None and feedback.is_overdue(now),
        objection_due=objection.day if open_objection and objection is not None else None,
    )


def _recognisers(uow: UnitOfWork, case_ids: list[int]) -> tuple[dict[int, str], dict[int, str]]:
    """The reported unit and the masked reporters of each case, in two queries for any count."""
    if not case_ids:
        return {}, {}
    k, cs, p = t.cases.c, t.case_submitters.c, t.persons.c
    cases = uow.session.execute(
        select(k.id, k.reported_unit_name, k.anonymous).where(k.id.in_(case_ids))
    ).all()
    names: dict[int, list[str]] = {}
    for case_id, name in uow.session.execute(
        select(cs.case_id, p.name)
        .join(t.persons, p.id == cs.person_id)
        .where(cs.case_id.in_(case_ids))
        .order_by(cs.case_id, cs.position)
    ):
        names.setdefault(case_id, []).append(mask_name(name))
    units = {row.id: row.reported_unit_name or "" for row in cases}
    reporters = {
        row.id: "匿名" if row.anonymous else "、".join(names.get(row.id, [])) for row in cases
    }
    return units, reporters


def queue(svc: Services, stage: Stage) -> list[QueueRow]:
    """The claims at one stage: open ones oldest case first, ended ones newest first."""
    now = svc.now()
    today = now.date()
    with svc.uow(write=False) as uow:
        claims = [
            c
            for c in _claims(uow, ended=stage is Stage.ENDED)
            if c.case_id is not None and _in_stage(c, stage, today)
        ]
        units, reporters = _recognisers(uow, [c.case_id for c in claims if c.case_id])
        return [
            _queue_row(c, units.get(c.case_id, ""), reporters.get(c.case_id, ""), now, today)
            for c in claims
            if c.case_id is not None
        ]


def stage_counts(svc: Services) -> dict[Stage, int]:
    """How many claims each queue holds, from one read of the open claims."""
    today = svc.now().date()
    with svc.uow(write=False) as uow:
        open_claims = _claims(uow, ended=False)
        c = t.reward_claims.c
        ended = uow.session.execute(
            select(func.count())
            .select_from(t.reward_claims)
            .where(
                c.state.in_([s.value for s in _ENDED])
                | ((c.state == ClaimState.NOT_ELIGIBLE.value) & c.notified_at.is_not(None))
            )
        ).scalar_one()
    counts: dict[Stage, int] = {
        stage: sum(1 for claim in open_claims if _in_stage(claim, stage, today))
        for stage in Stage
        if stage is not Stage.ENDED
    }
    counts[Stage.ENDED] = int(ended)
    return counts


_ENDED = (
    ClaimState.PAID,
    ClaimState.NOTHING_DUE,
    ClaimState.WAIVED_EXPIRED,
    ClaimState.CANCELLED_UNREACHABLE,
    ClaimState.FRAUDULENT,
)


def disclosure_rows(svc: Services, year: int) -> list[DisclosureRow]:
    """The rewards decided in ``year`` (FIRE art. 3), one row per reporter, names masked (RULES §5).

    Awards that came to nothing (waived, cancelled, fraudulent, capped to 0) are not rewards
    given and are left out; the Excel export reuses this list.
    """
    start = datetime(year, 1, 1, tzinfo=SHANGHAI)
    end = datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    s, c, p, k = t.reward_shares.c, t.reward_claims.c, t.persons.c, t.cases.c
    with svc.uow(write=False) as uow:
        found = uow.session.execute(
            select(p.name, k.hazard_category, s.amount_fen, c.decided_at, c.case_number)
            .join_from(t.reward_shares, t.reward_claims, s.claim_id == c.id)
            .join(t.persons, p.id == s.person_id)
            .join(t.cases, k.id == c.case_id)
            .where(
                c.decided_at >= start,
                c.decided_at < end,
                s.state.in_(_CAP_STATES),
                s.amount_fen > 0,
            )
            .order_by(c.decided_at, c.case_number, s.position)
        ).all()
    return [
        DisclosureRow(
            masked_name=mask_name(r.name),
            hazard_category_label=r.hazard_category.label,
            award_fen=r.amount_fen,
            decided_on=r.decided_at.astimezone(SHANGHAI).date(),
            case_number=r.case_number,
        )
        for r in found
    ]


# ----- documents --------------------------------------------------------------------------------

# The documents of a claim, in the order a claim meets them, with the article each rests on.
CLAIM_DOCUMENT_ARTICLES = {
    DocType.AWARD_NOTICE: "FIRE art. 10",
    DocType.NON_AWARD_NOTICE: "FIRE art. 8",
    DocType.PAYOUT_RECEIPT: "FIRE art. 10",
    DocType.OBJECTION_RESULT_NOTICE: "RULES §3",
}
# How long the yearly list stays published (the centre's practice for 政务公开 notices).
DISCLOSURE_DAYS = 7
COLLECT_BRING = ("本人有效身份证件原件", "领奖通知书")


@dataclass(frozen=True)
class RewardDocument:
    doc_type: DocType
    number_text: str
    pdf: bytes


def _addressee(case: Case) -> str:
    if case.anonymous:  # FIRE art. 7: the outcome is told by query code
        return f"匿名举报人（查询码 {case.query_code}）"
    names = [s.person.name for s in sorted(case.submitters, key=lambda s: s.position)]
    return "、".join(names) or "举报人"


def _claim_payload(
    uow: UnitOfWork, case: Case, claim: RewardClaim, doc_type: DocType, paid_by: str
) -> Payload:
    verification = claim.verification
    if doc_type is DocType.AWARD_NOTICE:
        if claim.computation is None or claim.collect_by is None or verification is None:
            raise TransitionError("尚未作出奖励决定并登记送达，不能出具领奖通知书。")
        return AwardNoticeData(
            case_number=case.number,
            addressee=_addressee(case),
            brigade=verification.brigade,
            penalty_decision=verification.decision_number,
            fine_fen=verification.fine_fen,
            steps=tuple(
                AwardStep(s.label, s.amount_fen, s.article) for s in claim.computation.steps
            ),
            award_fen=claim.computation.total_fen,
            collect_by=claim.collect_by.day,
            collect_place=uow.setting("centre_address") or uow.setting("centre_name"),
            bring=COLLECT_BRING,
        )
    if doc_type is DocType.NON_AWARD_NOTICE:
        if claim.state is not ClaimState.NOT_ELIGIBLE or claim.objection_due is None:
            raise TransitionError("尚未作出不予奖励决定并登记送达，不能出具不予奖励告知书。")
        return NonAwardNoticeData(
            case_number=case.number,
            addressee=_addressee(case),
            reasons=tuple(NonAwardReason(r.reason, r.article) for r in claim.ineligibility),
            object_by=claim.objection_due.day,
            object_where=uow.setting("centre_name"),
        )
    if doc_type is DocType.PAYOUT_RECEIPT:
        paid = [s for s in claim.shares if s.state is ShareState.PAID]
        if not paid or verification is None or claim.computation is None:
            raise TransitionError("尚无已发放的奖金，不能出具奖励领取签收单。")
        people = {s.person.id: s.person for s in case.submitters}
        last = max(paid, key=lambda s: s.paid_on or date.min)
        assert last.paid_on is not None
        return PayoutReceiptData(
            case_number=case.number,
            award_fen=claim.computation.total_fen,
            decision_number=verification.decision_number,
            shares=tuple(
                PayoutShare(people[s.person_id].name, mask_id(s.id_number), s.amount_fen)
                for s in paid
            ),
            paid_on=last.paid_on,
            paid_by=paid_by,
        )
    if doc_type is DocType.OBJECTION_RESULT_NOTICE:
        return _objection_payload(case, claim)
    raise ValidationError("doc_type", f"{doc_type.label}不是举报奖励的文书。")


def reward_document(svc: Services, actor: Actor, case_id: int, doc_type: DocType) -> RewardDocument:
    """Number, render and log a 领奖通知书, 不予奖励告知书, 奖励领取签收单 or 申诉复核结果告知书."""
    from app.documents.render import render
    from app.services.printing import fonts_for, letterhead, record_document

    actor.require(Action.PRINT_DOCUMENT)
    now = svc.now()
    with svc.uow() as uow:
        case = uow.get_case(case_id)
        claim = _load(uow, case_id, lock=False)
        payload = _claim_payload(uow, case, claim, doc_type, actor.display_name)
        sequence = uow.next_sequence(f"doc:{doc_type.value}:{now.year}")
        meta = DocumentMeta(doc_type, letterhead(uow), now.year, sequence, now.date())
        pdf = render(meta, payload, fonts=fonts_for(uow.setting("font_dir")))
        record_document(case, actor, now, meta, payload, CLAIM_DOCUMENT_ARTICLES.get(doc_type))
        uow.commit()
    return RewardDocument(doc_type, meta.number_text, pdf)


def disclosure_document(svc: Services, actor: Actor, year: int) -> RewardDocument:
    """The yearly disclosure list as PDF (FIRE art. 3), names masked (RULES §5)."""
    from app.documents.render import render
    from app.services.printing import fonts_for, letterhead

    actor.require(Action.PRINT_DOCUMENT)
    rows = disclosure_rows(svc, year)
    now = svc.now()
    with svc.uow() as uow:
        sequence = uow.next_sequence(f"doc:{DocType.DISCLOSURE_LIST.value}:{now.year}")
        meta = DocumentMeta(
            DocType.DISCLOSURE_LIST, letterhead(uow), now.year, sequence, now.date()
        )
        payload = DisclosureData(
            year,
            tuple(rows),
            publish_until=svc.calendar.add_natural_days(
                now.date(), DISCLOSURE_DAYS
            ).day,  # RULES §2.1
            objection_days=DISCLOSURE_DAYS,
            contact_phone=uow.setting("centre_phone"),
        )
        pdf = render(meta, payload, fonts=fonts_for(uow.setting("font_dir")))
        uow.commit()
    return RewardDocument(DocType.DISCLOSURE_LIST, meta.number_text, pdf)
