"""Unit tests of objections (申诉) against reward decisions (RULES §3, §4.5; FIRE art. 5, 8, 10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.rewards import (
    ClaimState,
    NoticeMethod,
    ObjectionGround,
    ObjectionState,
    PaymentMethod,
    ReporterYear,
    RewardClaim,
    ShareState,
    check_eligibility,
    compute_award,
)
from tests.unit.domain.test_rewards_claims import (
    CALENDAR,
    CLERK,
    ID_A,
    OTHER_SUPERVISOR,
    RULES,
    SUPERVISOR,
    at,
    decided,
    facts,
    notified,
    paid_through,
    verified,
)


def refused_notified() -> RewardClaim:
    """Refused (clue already known, FIRE art. 8) on 2025-08-25, told on 2025-09-01."""
    claim = verified()
    claim.decide(
        check_eligibility(facts(claim, clue_already_known=True)),
        None,
        actor_id=SUPERVISOR,
        now=at("2025-08-25", 16),
    )
    claim.notify(
        method=NoticeMethod.PHONE,
        delivered_at=at("2025-09-01"),
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at("2025-09-01", 11),
    )
    return claim


def receive(
    claim: RewardClaim, ground: ObjectionGround, day: str = "2025-09-10", statement: str = "不服"
) -> None:
    claim.receive_objection(
        ground, statement, rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at(day)
    )


def uphold(claim: RewardClaim, day: str = "2025-09-15", actor: int = OTHER_SUPERVISOR) -> None:
    claim.review_objection(upheld=True, reasons="原决定认定事实清楚", actor_id=actor, now=at(day))


def change_to_award(claim: RewardClaim, day: str = "2025-09-15", so_far: int = 0) -> None:
    claim.review_objection(
        upheld=False,
        reasons="该线索事先未被消防救援机构掌握",
        actor_id=OTHER_SUPERVISOR,
        now=at(day),
        eligibility=check_eligibility(facts(claim)),
        computation=compute_award(
            5_000_000, [ReporterYear(s.person_id, so_far) for s in claim.shares], RULES
        ),
    )


def test_rules_3_objection_is_received_with_its_window_and_logged() -> None:
    claim = notified()
    receive(claim, ObjectionGround.AMOUNT, statement="认为奖励金额计算有误")
    (objection,) = claim.objections
    assert objection.state is ObjectionState.PENDING and claim.pending_objection is objection
    assert (objection.received_by, objection.decision_by) == (CLERK, SUPERVISOR)
    assert "奖励金额决定" in objection.decision_summary and "5,000.00" in objection.decision_summary
    event = claim.events[-1]
    assert (event.action, event.article) == ("reward_objection_received", "RULES §3")
    assert "认为奖励金额计算有误" in event.summary


def test_rules_2_1_3_objection_window_is_30_natural_days_from_the_notice_rolled_forward() -> None:
    # Told 2025-09-01: the 30th day, 10-01, is National Day; the period ends on 10-09.
    claim = refused_notified()
    assert claim.objection_due is not None and claim.objection_due.day == date(2025, 10, 9)
    receive(claim, ObjectionGround.NOT_ELIGIBLE, day="2025-10-09")
    late = refused_notified()
    with pytest.raises(TransitionError, match=r"申诉期限.*2025-10-09 届满") as refused:
        receive(late, ObjectionGround.NOT_ELIGIBLE, day="2025-10-10")
    assert refused.value.article == RULES.objection_window.article
    assert late.objections == []


def test_rules_3_objection_outside_the_window_is_refused() -> None:
    claim = notified()
    with pytest.raises(TransitionError, match="届满"):
        receive(claim, ObjectionGround.AMOUNT, day="2025-10-10")


def test_rules_3_objection_must_fit_the_decision_and_follow_its_notice() -> None:
    with pytest.raises(TransitionError, match="不能对不予奖励决定提出申诉"):
        receive(notified(), ObjectionGround.NOT_ELIGIBLE)
    with pytest.raises(TransitionError, match="不能对奖励金额决定提出申诉"):
        receive(decided(), ObjectionGround.AMOUNT)  # decided but not yet notified
    with pytest.raises(ValidationError, match="申诉请求和理由"):
        receive(notified(), ObjectionGround.AMOUNT, statement="  ")


def test_rules_3_one_objection_per_decision() -> None:
    claim = refused_notified()
    receive(claim, ObjectionGround.NOT_ELIGIBLE)
    uphold(claim)
    with pytest.raises(TransitionError, match="以1次为限") as refused:
        receive(claim, ObjectionGround.NOT_ELIGIBLE, day="2025-09-20")
    assert refused.value.article == RULES.objections_per_decision.article


def test_rules_3_a_second_objection_waits_for_the_pending_one() -> None:
    claim = notified()
    receive(claim, ObjectionGround.AMOUNT)
    with pytest.raises(TransitionError, match="尚在复核"):
        receive(claim, ObjectionGround.AMOUNT, day="2025-09-11")


def test_rules_3_reviewer_is_not_the_decider() -> None:
    claim = refused_notified()
    receive(claim, ObjectionGround.NOT_ELIGIBLE)
    with pytest.raises(PermissionDenied, match="作出原决定的人员不能复核"):
        uphold(claim, actor=SUPERVISOR)
    with pytest.raises(PermissionDenied):
        claim.check_reviewer(SUPERVISOR)
    assert claim.pending_objection is not None
    uphold(claim)
    with pytest.raises(TransitionError, match="没有待复核"):
        uphold(claim, day="2025-09-16")


def test_rules_3_upheld_leaves_the_decision() -> None:
    claim = refused_notified()
    before = (claim.state, claim.decided_by, claim.decided_at, claim.ineligibility)
    receive(claim, ObjectionGround.NOT_ELIGIBLE)
    uphold(claim)
    assert (claim.state, claim.decided_by, claim.decided_at, claim.ineligibility) == before
    (objection,) = claim.objections
    assert objection.state is ObjectionState.UPHELD
    assert (objection.reviewed_by, objection.review_reasons) == (
        OTHER_SUPERVISOR,
        "原决定认定事实清楚",
    )
    assert (claim.events[-1].action, claim.events[-1].article) == (
        "reward_objection_upheld",
        "RULES §3",
    )
    with pytest.raises(ValidationError, match="复核理由"):
        other = refused_notified()
        receive(other, ObjectionGround.NOT_ELIGIBLE)
        other.review_objection(
            upheld=True, reasons=" ", actor_id=OTHER_SUPERVISOR, now=at("2025-09-15")
        )


def test_rules_3_fire_art_5_changed_refusal_becomes_an_award_to_be_notified_again() -> None:
    claim = refused_notified()
    receive(claim, ObjectionGround.NOT_ELIGIBLE)
    change_to_award(claim)
    assert claim.state is ClaimState.AWARD_DECIDED
    assert (claim.decided_by, claim.decided_at) == (OTHER_SUPERVISOR, at("2025-09-15"))
    assert claim.ineligibility == () and claim.computation is not None
    assert [(s.amount_fen, s.state) for s in claim.shares] == [(500_000, ShareState.DECIDED)]
    assert (claim.notified_at, claim.collect_by, claim.objection_due) == (None, None, None)
    (objection,) = claim.objections
    assert (objection.state, objection.new_total_fen, objection.review_article) == (
        ObjectionState.CHANGED,
        500_000,
        "FIRE art. 5",
    )
    event = claim.events[-1]
    assert (event.action, event.article) == ("reward_objection_changed", "RULES §3、FIRE art. 5")
    assert event.details["previous"]["state"] == "not_eligible"
    assert event.details["previous"]["decided_by"] == SUPERVISOR
    assert event.details["previous"]["reasons"][0]["article"] == "FIRE art. 8"
    # The new decision is delivered again: a new collection period and objection window.
    claim.notify(
        method=NoticeMethod.PHONE,
        delivered_at=at("2025-09-16"),
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at("2025-09-16", 11),
    )
    assert claim.state is ClaimState.NOTIFIED
    assert claim.collect_by is not None and claim.collect_by.day == date(2025, 10, 16)
    # A changed decision is a decision of its own: it may be objected to once.
    receive(claim, ObjectionGround.AMOUNT, day="2025-09-20")


def test_fire_art_5_a_changed_amount_keeps_the_cap_given_by_the_engine() -> None:
    claim = notified()
    receive(claim, ObjectionGround.AMOUNT)
    # The reviewer corrects the fine to 300,000 yuan; 25,000 already awarded this year.
    assert claim.verification is not None
    corrected = replace(claim.verification, fine_fen=30_000_000)
    claim.review_objection(
        upheld=False,
        reasons="罚款金额应为30万元",
        actor_id=OTHER_SUPERVISOR,
        now=at("2025-09-15"),
        eligibility=check_eligibility(facts(claim)),
        computation=compute_award(30_000_000, [ReporterYear(10, 2_500_000)], RULES),
        verification=corrected,
    )
    share = claim.shares[0]
    assert (share.amount_fen, share.capped) == (500_000, True)
    assert claim.verification == corrected
    assert claim.events[-1].details["previous"]["fine_fen"] == 5_000_000


def test_rules_3_a_change_must_rest_on_the_filing_and_differ_from_the_decision() -> None:
    claim = notified()
    receive(claim, ObjectionGround.AMOUNT)
    with pytest.raises(ValidationError, match="与原决定相同"):
        change_to_award(claim)
    with pytest.raises(ValidationError, match="重新认定奖励条件"):
        claim.review_objection(
            upheld=False, reasons="理由", actor_id=OTHER_SUPERVISOR, now=at("2025-09-15")
        )
    assert claim.verification is not None
    with pytest.raises(ValidationError, match="结案日期和备案日期不能更改"):
        claim.review_objection(
            upheld=False,
            reasons="理由",
            actor_id=OTHER_SUPERVISOR,
            now=at("2025-09-15"),
            eligibility=check_eligibility(facts(claim)),
            computation=compute_award(6_000_000, [ReporterYear(10, 0)], RULES),
            verification=replace(
                claim.verification, fine_fen=6_000_000, closing_date=date(2025, 8, 19)
            ),
        )
    with pytest.raises(ValidationError, match="罚款金额不一致"):
        claim.review_objection(
            upheld=False,
            reasons="理由",
            actor_id=OTHER_SUPERVISOR,
            now=at("2025-09-15"),
            eligibility=check_eligibility(facts(claim)),
            computation=compute_award(6_000_000, [ReporterYear(10, 0)], RULES),
        )
    assert claim.pending_objection is not None and claim.state is ClaimState.NOTIFIED


def test_rules_4_5_a_paid_share_cannot_be_changed_by_an_objection() -> None:
    claim = notified()
    paid_through(claim, 10, ID_A)
    with pytest.raises(TransitionError, match="已发放的奖金不能因申诉变更") as refused:
        receive(claim, ObjectionGround.AMOUNT, day="2025-09-06")
    assert refused.value.article == "RULES §4.5"


def test_rules_3_nothing_is_paid_while_an_objection_is_pending() -> None:
    claim = notified()
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-09-05", 11))
    receive(claim, ObjectionGround.AMOUNT, day="2025-09-05")
    assert "pay_share" not in claim.allowed_actions()
    with pytest.raises(TransitionError, match="复核完毕前不能发放"):
        paid_through_pay(claim)
    uphold(claim, day="2025-09-06")
    paid_through_pay(claim)
    assert claim.state is ClaimState.PAID


def paid_through_pay(claim: RewardClaim) -> None:
    claim.pay_share(
        10,
        paid_on=date(2025, 9, 6),
        method=PaymentMethod.CASH,
        voucher_number="PZ-10",
        actor_id=CLERK,
        now=at("2025-09-06", 12),
    )


def test_rules_3_fire_art_10_objection_to_a_waiver_counts_from_the_waiver() -> None:
    claim = notified()
    claim.waive_expired(actor_id=None, now=at("2025-12-01"))
    with pytest.raises(TransitionError, match="不能对奖励金额决定提出申诉"):
        receive(claim, ObjectionGround.AMOUNT, day="2025-12-02")
    late = notified()
    late.waive_expired(actor_id=None, now=at("2025-12-01"))
    with pytest.raises(TransitionError, match="2025-12-31 届满"):
        receive(late, ObjectionGround.WAIVER, day="2026-01-02")
    # Waived 2025-12-01: 30 natural days end on Wed 2025-12-31.
    receive(claim, ObjectionGround.WAIVER, day="2025-12-31", statement="通知未送达本人")
    objection = claim.objections[0]
    assert objection.window_due.day == date(2025, 12, 31)
    assert objection.decision_by is None  # applied by the program: only the decider is barred
    with pytest.raises(PermissionDenied):
        uphold(claim, day="2026-01-05", actor=SUPERVISOR)
    change_to_award(claim, day="2026-01-05")
    assert claim.state is ClaimState.AWARD_DECIDED
    assert claim.shares[0].state is ShareState.DECIDED


def test_fire_art_10_a_changed_decision_is_cancellable_only_from_the_day_of_the_change() -> None:
    claim = refused_notified()
    receive(claim, ObjectionGround.NOT_ELIGIBLE)
    change_to_award(claim, day="2025-09-30")
    # Closed 2025-08-20; changed 2025-09-30: 30 natural days from the change end on 10-30.
    assert claim.cancellation_due(RULES, CALENDAR).day == date(2025, 10, 30)
    with pytest.raises(TransitionError, match="申诉复核变更决定之日起"):
        claim.cancel_unreachable(
            "空号", rules=RULES, calendar=CALENDAR, actor_id=None, now=at("2025-10-30")
        )


def test_rules_3_decision_answers_come_from_the_standing_decision() -> None:
    claim = refused_notified()
    assert claim.decision_answers() == (True, False)
    receive(claim, ObjectionGround.NOT_ELIGIBLE)
    change_to_award(claim)
    assert claim.decision_answers() == (False, False)
    assert verified().decision_answers() is None


def test_rules_3_objection_grounds_follow_the_state_and_stop_while_one_is_pending() -> None:
    claim = refused_notified()
    assert claim.objection_grounds() == (ObjectionGround.NOT_ELIGIBLE,)
    assert verified().objection_grounds() == ()  # nothing decided yet
    receive(claim, ObjectionGround.NOT_ELIGIBLE)
    assert claim.objection_grounds() == ()
