"""Unit tests of the reward claim: its states, clocks, maker–checker and at-most-once payout (RULES §4.4, §4.5)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.calendar import DueDate, WorkCalendar, YearSchedule
from app.domain.deadlines import Deadline, DeadlineKind
from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.profiles import ProfileRegistry
from app.domain.rewards import (
    ClaimAction,
    ClaimReporter,
    ClaimState,
    EligibilityFacts,
    NoticeMethod,
    PaymentMethod,
    ReporterYear,
    RewardClaim,
    ShareState,
    Verification,
    check_eligibility,
    compute_award,
)
from app.domain.vocabulary import HazardCategory
from resources import PROFILES_DIR

_RULES = ProfileRegistry.from_directory(PROFILES_DIR).get("yangjiang-2022").rewards
assert _RULES is not None
RULES = _RULES
CALENDAR = WorkCalendar()
# The domain tests build their own zone rather than import the persistence layer.
SHANGHAI = ZoneInfo("Asia/Shanghai")
CLERK, SUPERVISOR, OTHER_SUPERVISOR = 1, 2, 3
ID_A, ID_B = "44170219900101001X", "441702199202020028"


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), SHANGHAI).replace(
        hour=hour
    )


def verification(**overrides: object) -> Verification:
    values: dict[str, object] = {
        "verified": True,
        "penalty_imposed": True,
        "decision_number": "阳江消行罚决字〔2025〕第0012号",
        "decision_date": date(2025, 8, 15),
        "fine_fen": 5_000_000,
        "brigade": "江城区消防救援大队",
        "closing_date": date(2025, 8, 20),
        "filed_on": date(2025, 8, 25),
    }
    values.update(overrides)
    return Verification(**values)  # type: ignore[arg-type]


def facts(claim: RewardClaim, **overrides: object) -> EligibilityFacts:
    assert claim.verification is not None
    values: dict[str, object] = {
        "verified": claim.verification.verified,
        "penalty_imposed": claim.verification.penalty_imposed,
        "anonymous": not claim.shares,
        "reported_unit_name": "好再来餐馆",
        "reported_unit_address": "东风路8号",
        "content": "安全出口堵塞",
        "evidence": "照片",
        "clue_already_known": False,
        "already_under_investigation": False,
        "first_report": True,
        "hazard_category": HazardCategory.EVACUATION_BLOCKED,
    }
    values.update(overrides)
    return EligibilityFacts(**values)  # type: ignore[arg-type]


def opened(joint: bool = False) -> RewardClaim:
    reporters = [ClaimReporter(10, ID_A)] + ([ClaimReporter(20, ID_B)] if joint else [])
    return RewardClaim.open(
        case_id=5,
        case_number="TD01-20250901-0001",
        reporters=reporters,
        actor_id=CLERK,
        now=at("2025-09-01"),
    )


def verified(joint: bool = False, **overrides: object) -> RewardClaim:
    claim = opened(joint)
    filed = verification(**overrides)
    claim.record_verification(
        filed,
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at(filed.filed_on.isoformat(), 15),
    )
    return claim


def decided(joint: bool = False, so_far: int = 0, **overrides: object) -> RewardClaim:
    claim = verified(joint, **overrides)
    assert claim.verification is not None
    reporters = [ReporterYear(s.person_id, so_far) for s in claim.shares]
    computation = compute_award(5_000_000, reporters, RULES)
    decided_at = at(claim.verification.filed_on.isoformat(), 16)
    claim.decide(check_eligibility(facts(claim)), computation, actor_id=SUPERVISOR, now=decided_at)
    return claim


def notified(joint: bool = False, day: str = "2025-09-01") -> RewardClaim:
    claim = decided(joint)
    claim.notify(
        method=NoticeMethod.IN_PERSON,
        delivered_at=at(day),
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at(day, 11),
    )
    return claim


def paid_through(
    claim: RewardClaim, person_id: int, id_number: str, day: str = "2025-09-05"
) -> None:
    claim.claim_share(person_id, presented_id_number=id_number, checked_by=CLERK, now=at(day))
    claim.approve_share(person_id, actor_id=OTHER_SUPERVISOR, now=at(day, 11))
    claim.pay_share(
        person_id,
        paid_on=date.fromisoformat(day),
        method=PaymentMethod.CASH,
        voucher_number=f"PZ-{person_id}",
        actor_id=CLERK,
        now=at(day, 12),
    )


# ----- registration and verification ---------------------------------------------------------


def test_fire_art9_tip_off_is_registered_and_sent_to_verify() -> None:
    claim = opened()
    assert claim.state is ClaimState.PENDING_VERIFICATION
    assert claim.events[-1].article == "FIRE art. 9" and claim.events[-1].case_id == 5


def test_fire_art8_real_name_reporter_without_id_is_registered_but_not_paid() -> None:
    """FIRE art. 9: every tip-off is registered and its outcome fed back; FIRE art. 8: the
    reward needs the reporter's ID, so without it the decision says so."""
    claim = RewardClaim.open(
        case_id=1,
        case_number="N",
        reporters=[ClaimReporter(1, " ")],
        actor_id=CLERK,
        now=at("2025-09-01"),
    )
    assert claim.state is ClaimState.PENDING_VERIFICATION
    claim.record_verification(
        verification(), rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-08-25", 15)
    )
    with pytest.raises(ValidationError):  # the count must match the claim's reporters
        claim.decide(
            check_eligibility(facts(claim)), None, actor_id=SUPERVISOR, now=at("2025-08-26")
        )
    without_id = check_eligibility(facts(claim, reporters_without_id=1))
    assert [r.article for r in without_id.reasons] == ["FIRE art. 8"]
    assert "身份证件" in without_id.reasons[0].reason
    claim.decide(without_id, None, actor_id=SUPERVISOR, now=at("2025-08-26"))
    assert claim.state is ClaimState.NOT_ELIGIBLE


def test_fire_art9_filing_clock_runs_15_working_days_from_the_closing_date() -> None:
    claim = verified(closing_date=date(2025, 9, 26), filed_on=date(2025, 10, 20))
    filing = claim.deadlines[DeadlineKind.REWARD_FILING]
    assert isinstance(filing, Deadline) and filing.article == "FIRE art. 9"
    # RULES §2.1: 15 working days after Fri 2025-09-26, over the National Day holiday.
    assert filing.due_date == date(2025, 10, 23)
    assert filing.was_met_in_time() is True


def test_fire_art9_late_filing_is_kept_as_missed() -> None:
    claim = verified(closing_date=date(2025, 9, 26), filed_on=date(2025, 10, 24))
    assert claim.deadlines[DeadlineKind.REWARD_FILING].was_met_in_time() is False
    assert claim.events[-1].details["filed_in_time"] is False


def test_fire_art9_feedback_clock_runs_15_working_days_from_the_filing() -> None:
    claim = verified(closing_date=date(2025, 9, 20), filed_on=date(2025, 9, 26))
    feedback = claim.deadlines[DeadlineKind.REWARD_FEEDBACK]
    assert feedback.due_date == date(2025, 10, 23)
    assert feedback.is_overdue(at("2025-10-24")) and not feedback.is_overdue(at("2025-10-23"))


def test_fire_art9_filing_cannot_be_dated_in_the_future_or_before_the_closing() -> None:
    claim = opened()
    for bad in (
        verification(filed_on=date(2025, 9, 20)),
        verification(closing_date=date(2025, 9, 18), filed_on=date(2025, 9, 17)),
    ):
        with pytest.raises(ValidationError) as info:
            claim.record_verification(
                bad, rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-09-19")
            )
        assert info.value.article == "FIRE art. 9"
    assert claim.state is ClaimState.PENDING_VERIFICATION


def test_fire_art5_penalty_needs_decision_number_and_date() -> None:
    with pytest.raises(ValidationError) as info:
        verified(decision_number="", decision_date=None)
    assert info.value.article == "FIRE art. 5"


def test_fire_art5_no_penalty_means_no_fine() -> None:
    with pytest.raises(ValidationError):
        verified(penalty_imposed=False, fine_fen=100)


def test_rules_4_3_decision_verification_fine_is_integer_fen() -> None:
    with pytest.raises(TypeError):
        verified(fine_fen=50_000.0)


def test_rules_4_5_verification_is_recorded_once() -> None:
    claim = verified()
    with pytest.raises(TransitionError, match="已备案待决定"):
        claim.record_verification(
            verification(), rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-09-20")
        )


# ----- decision ------------------------------------------------------------------------------


def test_fire_art5_award_decided_with_its_computation() -> None:
    claim = decided()
    assert claim.state is ClaimState.AWARD_DECIDED
    assert claim.shares[0].amount_fen == 500_000 and claim.shares[0].state is ShareState.DECIDED
    assert claim.decided_by == SUPERVISOR
    assert claim.events[-1].details["total_fen"] == 500_000


def test_fire_art8_not_eligible_keeps_every_reason_with_its_article() -> None:
    claim = verified()
    result = check_eligibility(facts(claim, clue_already_known=True, first_report=False))
    claim.decide(result, None, actor_id=SUPERVISOR, now=at("2025-08-28"))
    assert claim.state is ClaimState.NOT_ELIGIBLE and claim.is_closed
    assert [r.article for r in claim.ineligibility] == ["FIRE art. 8", "FIRE art. 6"]
    assert len(claim.events[-1].details["reasons"]) == 2
    assert all(s.state is ShareState.VOID for s in claim.shares)


def test_fire_art5_negative_verification_goes_to_not_eligible_through_a_decision() -> None:
    claim = verified(
        verified=False, penalty_imposed=False, fine_fen=0, decision_number="", decision_date=None
    )
    claim.decide(check_eligibility(facts(claim)), None, actor_id=SUPERVISOR, now=at("2025-08-28"))
    assert claim.state is ClaimState.NOT_ELIGIBLE


def test_fire_art5_decision_must_match_the_filed_verification() -> None:
    claim = verified()
    with pytest.raises(ValidationError):
        claim.decide(
            check_eligibility(facts(claim, verified=False)),
            None,
            actor_id=SUPERVISOR,
            now=at("2025-08-28"),
        )
    with pytest.raises(ValidationError):
        claim.decide(
            check_eligibility(facts(claim)),
            compute_award(1, [ReporterYear(10, 0)], RULES),
            actor_id=SUPERVISOR,
            now=at("2025-08-28"),
        )


def test_fire_art7_anonymous_claim_cannot_be_awarded_and_is_told_by_query_code() -> None:
    claim = RewardClaim.open(
        case_id=1, case_number="N", reporters=[], actor_id=CLERK, now=at("2025-09-01")
    )
    claim.record_verification(
        verification(), rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-09-19")
    )
    claim.decide(check_eligibility(facts(claim)), None, actor_id=SUPERVISOR, now=at("2025-08-28"))
    assert claim.state is ClaimState.NOT_ELIGIBLE
    assert claim.ineligibility[0].article == "FIRE art. 7"
    claim.notify(
        method=NoticeMethod.QUERY_CODE,
        delivered_at=at("2025-09-23"),
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at("2025-09-23"),
    )
    assert claim.deadlines[DeadlineKind.REWARD_FEEDBACK].met_at == at("2025-09-23")


def test_fire_art5_reporter_at_the_cap_is_decided_with_nothing_due() -> None:
    claim = decided(so_far=3_000_000)
    assert claim.shares[0].state is ShareState.NOTHING_DUE
    claim.notify(
        method=NoticeMethod.PHONE,
        delivered_at=at("2025-09-23"),
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at("2025-09-23"),
    )
    assert claim.state is ClaimState.NOTHING_DUE


# ----- notice and collection -----------------------------------------------------------------


def test_fire_art10_collect_by_is_30_days_from_the_notice_rolled_past_holidays() -> None:
    claim = notified(day="2025-09-01")
    assert claim.state is ClaimState.NOTIFIED
    # RULES §2.1: day 30 is 2025-10-01 (National Day) → the next working day, 2025-10-09.
    assert claim.collect_by is not None and claim.collect_by.day == date(2025, 10, 9)
    assert claim.events[-1].article == "FIRE art. 10"


def test_fire_art9_notice_meets_the_feedback_clock() -> None:
    claim = notified(day="2025-09-15")  # filed Mon 2025-08-25: 15 working days → Mon 09-15
    assert claim.deadlines[DeadlineKind.REWARD_FEEDBACK].due_date == date(2025, 9, 15)
    assert claim.deadlines[DeadlineKind.REWARD_FEEDBACK].was_met_in_time() is True


def test_rules_3_decision_objection_window_is_30_natural_days_from_the_notice() -> None:
    claim = verified()
    claim.decide(
        check_eligibility(facts(claim, evidence="")),
        None,
        actor_id=SUPERVISOR,
        now=at("2025-08-28"),
    )
    claim.notify(
        method=NoticeMethod.POST,
        delivered_at=at("2025-09-01"),
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at("2025-09-24"),
    )
    assert claim.objection_due is not None and claim.objection_due.day == date(2025, 10, 9)
    assert claim.state is ClaimState.NOT_ELIGIBLE and claim.events[-1].article == "FIRE art. 8"


def test_fire_art10_notice_cannot_precede_the_decision() -> None:
    claim = decided()
    with pytest.raises(ValidationError, match="早于作出决定"):
        claim.notify(
            method=NoticeMethod.PHONE,
            delivered_at=at("2025-08-25", 9),
            rules=RULES,
            calendar=CALENDAR,
            actor_id=CLERK,
            now=at("2025-08-26"),
        )


def test_fire_art10_notice_is_recorded_once() -> None:
    claim = notified()
    with pytest.raises(TransitionError):
        claim.notify(
            method=NoticeMethod.SMS,
            delivered_at=at("2025-09-02"),
            rules=RULES,
            calendar=CALENDAR,
            actor_id=CLERK,
            now=at("2025-09-02"),
        )


# ----- claim, approval, payout ---------------------------------------------------------------


def test_fire_art10_full_path_to_payout() -> None:
    claim = notified()
    claim.claim_share(10, presented_id_number=ID_A.lower(), checked_by=CLERK, now=at("2025-09-05"))
    assert claim.state is ClaimState.CLAIMED and claim.shares[0].identity_checked_by == CLERK
    claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-09-05", 11))
    assert claim.state is ClaimState.APPROVED
    claim.pay_share(
        10,
        paid_on=date(2025, 9, 5),
        method=PaymentMethod.BANK_TRANSFER,
        voucher_number="PZ-1",
        actor_id=CLERK,
        now=at("2025-09-05", 12),
    )
    assert claim.state is ClaimState.PAID and claim.is_closed
    share = claim.shares[0]
    assert (share.paid_on, share.voucher_number, share.payment_method) == (
        date(2025, 9, 5),
        "PZ-1",
        PaymentMethod.BANK_TRANSFER,
    )
    assert [e.action for e in claim.events][-3:] == [
        "reward_claimed",
        "reward_approved",
        "reward_paid",
    ]
    assert all(e.article for e in claim.events)


def test_fire_art10_presented_id_must_match_the_reporters() -> None:
    claim = notified()
    with pytest.raises(ValidationError) as info:
        claim.claim_share(10, presented_id_number=ID_B, checked_by=CLERK, now=at("2025-09-05"))
    assert info.value.article == "FIRE art. 10"
    assert claim.shares[0].state is ShareState.DECIDED


def test_fire_art10_claim_on_the_last_day_is_in_time_the_next_day_is_not() -> None:
    claim = notified(day="2025-09-01")
    with pytest.raises(TransitionError, match="视为自动放弃"):
        claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-10-10"))
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-10-09", 16))


def test_rules_4_5_maker_checker_the_decider_cannot_approve() -> None:
    claim = notified()
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    with pytest.raises(PermissionDenied, match="另一名负责人"):
        claim.approve_share(10, actor_id=SUPERVISOR, now=at("2025-09-05"))
    assert claim.shares[0].state is ShareState.CLAIMED


def test_rules_4_5_a_share_is_paid_at_most_once() -> None:
    claim = notified()
    paid_through(claim, 10, ID_A)
    with pytest.raises(TransitionError, match="不能重复发放"):
        claim.pay_share(
            10,
            paid_on=date(2025, 9, 6),
            method=PaymentMethod.CASH,
            voucher_number="PZ-2",
            actor_id=CLERK,
            now=at("2025-09-06"),
        )
    assert claim.shares[0].voucher_number == "PZ-10"
    assert [e.action for e in claim.events].count("reward_paid") == 1


def test_rules_4_5_no_payout_without_approval_and_no_approval_without_claim() -> None:
    claim = notified()
    with pytest.raises(TransitionError):
        claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-09-05"))
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    with pytest.raises(TransitionError, match="待审批"):
        claim.pay_share(
            10,
            paid_on=date(2025, 9, 5),
            method=PaymentMethod.CASH,
            voucher_number="PZ",
            actor_id=CLERK,
            now=at("2025-09-05"),
        )


def test_rules_4_5_payout_needs_a_voucher_number() -> None:
    claim = notified()
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-09-05"))
    with pytest.raises(ValidationError):
        claim.pay_share(
            10,
            paid_on=date(2025, 9, 5),
            method=PaymentMethod.CASH,
            voucher_number=" ",
            actor_id=CLERK,
            now=at("2025-09-05"),
        )


def test_fire_art6_joint_shares_are_claimed_and_paid_separately() -> None:
    claim = notified(joint=True)
    assert [s.amount_fen for s in claim.shares] == [250_000, 250_000]
    paid_through(claim, 20, ID_B)
    assert claim.state is ClaimState.NOTIFIED  # the first-named has not come yet
    paid_through(claim, 10, ID_A)
    assert claim.state is ClaimState.PAID


def test_fire_art6_a_co_reporter_cannot_claim_the_other_share() -> None:
    claim = notified(joint=True)
    with pytest.raises(ValidationError):
        claim.claim_share(20, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    with pytest.raises(ValidationError, match="不是本案的举报人"):
        claim.claim_share(99, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))


# ----- the other ends ------------------------------------------------------------------------


def test_fire_art10_not_collected_in_time_is_waived_only_after_collect_by() -> None:
    claim = notified(day="2025-09-01")
    with pytest.raises(TransitionError, match="尚未届满"):
        claim.waive_expired(actor_id=None, now=at("2025-10-09", 23))
    claim.waive_expired(actor_id=None, now=at("2025-10-10"))
    assert claim.state is ClaimState.WAIVED_EXPIRED
    assert claim.events[-1].actor_id is None and claim.events[-1].article == "FIRE art. 10"
    assert not claim.shares[0].state.counts_against_cap


def test_fire_art10_joint_share_claimed_in_time_survives_the_waiver_of_the_other() -> None:
    claim = notified(joint=True, day="2025-09-01")
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    claim.waive_expired(actor_id=None, now=at("2025-10-10"))
    assert [s.state for s in claim.shares] == [ShareState.CLAIMED, ShareState.WAIVED]
    assert claim.state is ClaimState.CLAIMED
    claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-10-10"))
    claim.pay_share(
        10,
        paid_on=date(2025, 10, 10),
        method=PaymentMethod.CASH,
        voucher_number="PZ",
        actor_id=CLERK,
        now=at("2025-10-10"),
    )
    assert claim.state is ClaimState.PAID


def test_fire_art10_unreachable_reporter_cancelled_30_days_after_closing_date() -> None:
    # RULES §2.1: closing Fri 2025-09-12 → day 30 is Sun 2025-10-12 → the next working day.
    claim = decided(closing_date=date(2025, 9, 12), filed_on=date(2025, 9, 19))
    assert claim.cancellation_due(RULES, CALENDAR).day == date(2025, 10, 13)
    with pytest.raises(TransitionError, match="尚未届满"):
        claim.cancel_unreachable(
            "电话空号", rules=RULES, calendar=CALENDAR, actor_id=None, now=at("2025-10-13")
        )
    claim.cancel_unreachable(
        "电话空号", rules=RULES, calendar=CALENDAR, actor_id=None, now=at("2025-10-14")
    )
    assert claim.state is ClaimState.CANCELLED_UNREACHABLE and claim.end_reason == "电话空号"
    assert all(s.state is ShareState.VOID for s in claim.shares)


def test_fire_art10_cancellation_needs_the_reason() -> None:
    claim = decided()
    with pytest.raises(ValidationError):
        claim.cancel_unreachable(
            " ", rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-12-01")
        )


def test_fire_art10_a_notified_reporter_is_not_cancelled_as_unreachable() -> None:
    claim = notified()
    with pytest.raises(TransitionError):
        claim.cancel_unreachable(
            "联系不上", rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-12-01")
        )


def test_fire_art12_fraud_stops_every_payout_and_keeps_the_record() -> None:
    claim = notified()
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    claim.mark_fraudulent("冒用他人身份证件领奖", actor_id=SUPERVISOR, now=at("2025-09-05", 11))
    assert claim.state is ClaimState.FRAUDULENT and claim.shares[0].state is ShareState.VOID
    assert claim.events[-1].article == "FIRE art. 12"
    assert claim.events[-1].details["previous_state"] == "claimed"
    with pytest.raises(TransitionError, match="弄虚作假"):
        claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-09-06"))
    with pytest.raises(TransitionError):
        claim.mark_fraudulent("again", actor_id=SUPERVISOR, now=at("2025-09-06"))
    assert len(claim.events) >= 5  # nothing is removed


def test_fire_art12_fraud_found_after_payout_keeps_the_paid_share_on_record() -> None:
    claim = notified()
    paid_through(claim, 10, ID_A)
    claim.mark_fraudulent("举报材料系伪造", actor_id=SUPERVISOR, now=at("2025-11-01"))
    assert claim.shares[0].state is ShareState.PAID


@pytest.mark.parametrize(
    "action",
    ["verify", "decide", "notify", "claim", "waive", "cancel"],
)
def test_rules_4_5_illegal_transitions_raise_clerk_readable_errors(action: str) -> None:
    claim = opened() if action != "verify" else verified()
    with pytest.raises(TransitionError) as info:
        if action == "verify":
            claim.record_verification(
                verification(), rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-09-20")
            )
        elif action == "decide":
            claim.decide(
                check_eligibility(facts(verified())),
                None,
                actor_id=SUPERVISOR,
                now=at("2025-08-28"),
            )
        elif action == "notify":
            claim.notify(
                method=NoticeMethod.PHONE,
                delivered_at=at("2025-08-28"),
                rules=RULES,
                calendar=CALENDAR,
                actor_id=CLERK,
                now=at("2025-08-28"),
            )
        elif action == "claim":
            claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-08-28"))
        elif action == "waive":
            claim.waive_expired(actor_id=None, now=at("2026-09-22"))
        else:
            claim.cancel_unreachable(
                "x", rules=RULES, calendar=CALENDAR, actor_id=None, now=at("2026-09-22")
            )
    message = str(info.value)
    assert "不能" in message and "TD01-20250901-0001" in message


# ----- the action table the screens read ------------------------------------------------------


def _not_eligible(notify: bool) -> RewardClaim:
    claim = verified()
    claim.decide(
        check_eligibility(facts(claim, first_report=False)),
        None,
        actor_id=SUPERVISOR,
        now=at("2025-08-28"),
    )
    if notify:
        claim.notify(
            method=NoticeMethod.POST,
            delivered_at=at("2025-09-01"),
            rules=RULES,
            calendar=CALENDAR,
            actor_id=CLERK,
            now=at("2025-09-01"),
        )
    return claim


def _at_share(step: str) -> RewardClaim:
    claim = notified()
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    if step in ("approved", "paid"):
        claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-09-05"))
    if step == "paid":
        claim.pay_share(
            10,
            paid_on=date(2025, 9, 5),
            method=PaymentMethod.CASH,
            voucher_number="PZ",
            actor_id=CLERK,
            now=at("2025-09-05"),
        )
    return claim


def _ended(how: str) -> RewardClaim:
    if how == "waived":
        claim = notified()
        claim.waive_expired(actor_id=None, now=at("2025-12-01"))
    elif how == "cancelled":
        claim = decided()
        claim.cancel_unreachable(
            "空号", rules=RULES, calendar=CALENDAR, actor_id=None, now=at("2025-12-01")
        )
    elif how == "nothing_due":
        claim = decided(so_far=3_000_000)
        claim.notify(
            method=NoticeMethod.PHONE,
            delivered_at=at("2025-09-01"),
            rules=RULES,
            calendar=CALENDAR,
            actor_id=CLERK,
            now=at("2025-09-01"),
        )
    else:
        claim = notified()
        claim.mark_fraudulent("伪造", actor_id=SUPERVISOR, now=at("2025-09-02"))
    return claim


STATE_FIXTURES = {
    "opened": opened,
    "verified": verified,
    "decided": decided,
    "not_eligible": lambda: _not_eligible(False),
    "not_eligible_notified": lambda: _not_eligible(True),
    "notified": notified,
    "claimed": lambda: _at_share("claimed"),
    "approved": lambda: _at_share("approved"),
    "paid": lambda: _at_share("paid"),
    "waived": lambda: _ended("waived"),
    "cancelled": lambda: _ended("cancelled"),
    "nothing_due": lambda: _ended("nothing_due"),
    "fraudulent": lambda: _ended("fraudulent"),
}

PLAIN_FACTS = EligibilityFacts(
    verified=True,
    penalty_imposed=True,
    anonymous=False,
    reported_unit_name="好再来餐馆",
    reported_unit_address="东风路8号",
    content="安全出口堵塞",
    evidence="照片",
    clue_already_known=False,
    already_under_investigation=False,
    first_report=True,
    hazard_category=HazardCategory.EVACUATION_BLOCKED,
)


def _act(claim: RewardClaim, action: ClaimAction) -> None:
    """Each action with values that meet its time limits, so only the state decides."""
    if action is ClaimAction.RECORD_VERIFICATION:
        claim.record_verification(
            verification(), rules=RULES, calendar=CALENDAR, actor_id=CLERK, now=at("2025-09-19")
        )
    elif action is ClaimAction.DECIDE:
        claim.decide(
            check_eligibility(PLAIN_FACTS),
            compute_award(5_000_000, [ReporterYear(10, 0)], RULES),
            actor_id=SUPERVISOR,
            now=at("2025-08-28"),
        )
    elif action is ClaimAction.NOTIFY:
        claim.notify(
            method=NoticeMethod.PHONE,
            delivered_at=at("2025-09-01"),
            rules=RULES,
            calendar=CALENDAR,
            actor_id=CLERK,
            now=at("2025-09-02"),
        )
    elif action is ClaimAction.CLAIM_SHARE:
        claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2025-09-05"))
    elif action is ClaimAction.APPROVE_SHARE:
        claim.approve_share(10, actor_id=OTHER_SUPERVISOR, now=at("2025-09-05"))
    elif action is ClaimAction.PAY_SHARE:
        claim.pay_share(
            10,
            paid_on=date(2025, 9, 6),
            method=PaymentMethod.CASH,
            voucher_number="PZ-9",
            actor_id=CLERK,
            now=at("2025-09-06"),
        )
    elif action is ClaimAction.WAIVE_EXPIRED:
        claim.waive_expired(actor_id=None, now=at("2025-12-01"))
    elif action is ClaimAction.CANCEL_UNREACHABLE:
        claim.cancel_unreachable(
            "空号", rules=RULES, calendar=CALENDAR, actor_id=None, now=at("2025-12-01")
        )
    else:
        claim.mark_fraudulent("伪造", actor_id=SUPERVISOR, now=at("2025-12-01"))


@pytest.mark.parametrize("fixture", sorted(STATE_FIXTURES))
def test_rules_4_5_allowed_actions_are_exactly_what_the_claim_accepts(fixture: str) -> None:
    allowed = STATE_FIXTURES[fixture]().allowed_actions()
    for action in ClaimAction:
        claim = STATE_FIXTURES[fixture]()
        if action in allowed:
            _act(claim, action)
        else:
            with pytest.raises(TransitionError):
                _act(claim, action)


# ----- the calendar changes (RULES §2.1) ---------------------------------------------------------

# 2027 is provisional in the package: the Spring Festival days off end on Wed 2027-02-10. The
# official schedule (as a test loads it) gives Thu 02-11 and Fri 02-12 off as well.
OFFICIAL_2027 = WorkCalendar(
    [
        YearSchedule(
            year=2027,
            holidays=frozenset([date(2027, 1, 1)] + [date(2027, 2, d) for d in (8, 9, 10, 11, 12)]),
            workdays=frozenset(),
            source="国办发明电〔2026〕测试号",
        )
    ]
)
LATE_2026 = {
    "decision_date": date(2026, 12, 18),
    "closing_date": date(2026, 12, 21),
    "filed_on": date(2026, 12, 28),
}


def notified_2027(*, eligible: bool = True) -> RewardClaim:
    """Decided at the end of 2026 and notified on Tue 2027-01-12, counted provisionally."""
    claim = verified(**LATE_2026)
    claim.decide(
        check_eligibility(facts(claim, clue_already_known=not eligible)),
        compute_award(5_000_000, [ReporterYear(10, 0)], RULES) if eligible else None,
        actor_id=SUPERVISOR,
        now=at("2026-12-28", 16),
    )
    claim.notify(
        method=NoticeMethod.PHONE,
        delivered_at=at("2027-01-12"),
        rules=RULES,
        calendar=CALENDAR,
        actor_id=CLERK,
        now=at("2027-01-12", 11),
    )
    return claim


def test_rules_2_1_loaded_schedule_recounts_collection_and_objection_days_of_a_claim() -> None:
    claim = notified_2027()
    # 30 natural days after 2027-01-12 is Thu 02-11, a working day in the provisional count.
    assert claim.collect_by == DueDate(date(2027, 2, 11), provisional=True)
    assert claim.objection_due == DueDate(date(2027, 2, 11), provisional=True)
    events = len(claim.events)

    assert claim.recompute_deadlines(OFFICIAL_2027, RULES, now=at("2027-01-20"), reason="更新")
    # 民法典 art. 203: 02-11 is now a holiday, the period ends on Mon 02-15, no longer provisional.
    assert claim.collect_by == DueDate(date(2027, 2, 15), provisional=False)
    assert claim.objection_due == DueDate(date(2027, 2, 15), provisional=False)
    (event,) = claim.events[events:]
    assert (event.action, event.article, event.actor_id) == (
        "recompute_deadlines",
        "RULES §2.1",
        None,
    )
    assert event.case_id == 5
    assert "领奖期限 2027-02-11（暂定） → 2027-02-15" in event.summary
    assert "申诉期限 2027-02-11（暂定） → 2027-02-15" in event.summary
    assert "provisional" not in event.summary
    # The feedback clock was met by the notice: it is not counted again.
    assert "反馈举报人期限" not in event.summary

    # Counting again with the same calendar moves nothing and logs nothing.
    assert not claim.recompute_deadlines(OFFICIAL_2027, RULES, now=at("2027-01-21"), reason="x")
    assert len(claim.events) == events + 1


def test_rules_2_1_recount_leaves_the_collection_day_of_a_share_already_claimed() -> None:
    claim = notified_2027()
    claim.claim_share(10, presented_id_number=ID_A, checked_by=CLERK, now=at("2027-01-15"))
    assert claim.recompute_deadlines(OFFICIAL_2027, RULES, now=at("2027-01-20"), reason="更新")
    assert claim.collect_by == DueDate(date(2027, 2, 11), provisional=True)
    assert claim.objection_due == DueDate(date(2027, 2, 15), provisional=False)
    assert "领奖期限" not in claim.events[-1].summary


def test_rules_2_1_recount_of_a_refusal_moves_its_objection_day_only() -> None:
    claim = notified_2027(eligible=False)
    assert claim.state is ClaimState.NOT_ELIGIBLE and claim.collect_by is None
    assert claim.recompute_deadlines(OFFICIAL_2027, RULES, now=at("2027-01-20"), reason="更新")
    assert claim.objection_due == DueDate(date(2027, 2, 15), provisional=False)
    assert claim.collect_by is None


def test_rules_2_1_recount_of_an_open_feedback_clock_firms_it_up() -> None:
    claim = verified(**LATE_2026)
    feedback = claim.deadlines[DeadlineKind.REWARD_FEEDBACK]
    assert feedback.provisional  # 15 working days after 2026-12-28 run into 2027
    assert claim.recompute_deadlines(OFFICIAL_2027, RULES, now=at("2027-01-05"), reason="更新")
    assert not feedback.provisional
    assert "反馈举报人期限" in claim.events[-1].summary
    # The filing clock was met when the filing was recorded: never counted again.
    assert "处罚结案备案期限" not in claim.events[-1].summary


def test_rules_2_1_an_ended_claim_keeps_its_days() -> None:
    claim = notified_2027()
    claim.mark_fraudulent("伪造", actor_id=SUPERVISOR, now=at("2027-01-15"))
    assert not claim.recompute_deadlines(OFFICIAL_2027, RULES, now=at("2027-01-20"), reason="x")
    assert claim.collect_by == DueDate(date(2027, 2, 11), provisional=True)


def test_rules_4_3_decision_a_penalty_without_a_fine_is_logged_as_such() -> None:
    claim = verified(fine_fen=0)
    (logged,) = [e for e in claim.events if e.action == "reward_verification"]
    assert "未处罚款" in logged.summary and "0.00" not in logged.summary
    assert "罚款50,000.00元" in next(
        e.summary for e in verified().events if e.action == "reward_verification"
    )


def test_issue_8_whoever_recorded_the_filing_cannot_also_decide_the_award() -> None:
    claim = verified()
    with pytest.raises(PermissionDenied, match="另一名负责人"):
        claim.decide(check_eligibility(facts(claim)), None, actor_id=CLERK, now=at("2025-08-30"))
    assert claim.state is ClaimState.VERIFICATION_RECORDED
