"""Redo (重办) and the evaluation that opens it: RULES §3, YJ12345 art. 20, JY12345 art. 16, 17."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.cases import Case, CaseRules, EvaluationStage, RequestStatus
from app.domain.deadlines import DeadlineKind
from app.domain.errors import TransitionError, ValidationError
from app.domain.users import Action
from app.domain.vocabulary import CaseState, ContactMethod, EvaluationTag, Kind, Satisfaction
from tests.unit.domain.test_cases import CLERK, JY, SUPERVISOR, YJ, at, completion, dispatched

BAD = Satisfaction.DISSATISFIED


def complete(case: Case, now: datetime) -> None:
    case.submit_result(
        handled_at=now,
        method="现场核查",
        outcome="已处理",
        basis="《城市照明管理规定》",
        actor_id=CLERK,
        now=now,
    )
    case.review(True, "", actor_id=SUPERVISOR, now=now)


def evaluate(case: Case, level: Satisfaction, now: datetime, **kw: object) -> None:
    case.record_evaluation(
        level,
        stage=EvaluationStage.AFTER_HANDLING,
        method=ContactMethod.PHONE,
        comment="",
        actor_id=CLERK,
        now=now,
        **kw,  # type: ignore[arg-type]
    )


def evaluated(
    level: Satisfaction = BAD, *, rules: CaseRules = YJ, kind: Kind = Kind.COMPLAINT
) -> Case:
    """A complaint dispatched Fri 2025-09-26, completed 10-09, evaluated 10-10."""
    case = dispatched(kind, rules=rules)
    complete(case, at("2025-10-09"))
    evaluate(case, level, at("2025-10-10"))
    return case


def redo(
    case: Case,
    day: str,
    *,
    rules: CaseRules = YJ,
    unit_fault: bool = True,
    instructions_not_followed: bool = False,
) -> None:
    case.request_redo(
        "路灯仍然不亮", method=ContactMethod.PHONE, rules=rules, actor_id=CLERK, now=at(day, 9)
    )
    case.decide_redo(
        True,
        "请于重办期限内更换灯具并答复诉求人",
        rules=rules,
        actor_id=SUPERVISOR,
        now=at(day, 10),
        unit_fault=unit_fault,
        instructions_not_followed=instructions_not_followed,
    )


def redone_and_evaluated(case: Case, day: str, level: Satisfaction, **kw: object) -> None:
    redo(case, day, **kw)  # type: ignore[arg-type]
    complete(case, at(day, 15))
    evaluate(case, level, at(day, 16))


# --- who may ask, and when -----------------------------------------------------------------------


@pytest.mark.parametrize("level", list(Satisfaction), ids=lambda s: s.value)
def test_yj12345_art_20_redo_needs_dissatisfaction(level: Satisfaction) -> None:
    case = evaluated(level)
    assert (Action.REQUEST_REDO in case.allowed_actions(YJ)) is level.allows_redo
    if level.allows_redo:
        case.request_redo(
            "仍未解决",
            method=ContactMethod.PHONE,
            rules=YJ,
            actor_id=CLERK,
            now=at("2025-10-10", 11),
        )
        assert case.pending_redo() is not None
    else:
        with pytest.raises(TransitionError, match="不满意或非常不满意") as error:
            case.request_redo(
                "想再办一次",
                method=ContactMethod.PHONE,
                rules=YJ,
                actor_id=CLERK,
                now=at("2025-10-10", 11),
            )
        assert error.value.article == "YJ12345 art. 20"


def test_yj12345_art_20_a_redo_answers_an_evaluation_after_handling() -> None:
    case = dispatched()
    complete(case, at("2025-10-09"))
    case.record_evaluation(
        BAD,
        stage=EvaluationStage.INTAKE,
        method=ContactMethod.COUNTER,
        comment="",
        actor_id=CLERK,
        now=at("2025-10-09", 11),
    )
    # Completed, not evaluated after handling: no redo yet.
    assert Action.REQUEST_REDO not in case.allowed_actions(YJ)
    with pytest.raises(TransitionError, match="当前状态为「已办结」"):
        case.request_redo(
            "x", method=ContactMethod.PHONE, rules=YJ, actor_id=CLERK, now=at("2025-10-10")
        )


def test_yj12345_art_20_the_request_needs_the_citizens_reason() -> None:
    case = evaluated()
    with pytest.raises(ValidationError) as error:
        case.request_redo(
            "  ", method=ContactMethod.PHONE, rules=YJ, actor_id=CLERK, now=at("2025-10-10")
        )
    assert error.value.field == "reason"


def test_yj12345_art_20_a_pending_request_is_reviewed_before_anything_else() -> None:
    case = evaluated()
    case.request_redo(
        "仍未解决", method=ContactMethod.SMS, rules=YJ, actor_id=CLERK, now=at("2025-10-10", 11)
    )
    allowed = case.allowed_actions(YJ)
    assert Action.DECIDE_REDO in allowed
    assert Action.REQUEST_REDO not in allowed and Action.CLOSE not in allowed
    assert EvaluationStage.AFTER_HANDLING not in case.evaluation_stages()
    assert not case.confirmed_complete
    with pytest.raises(TransitionError, match="待审核的重办申请"):
        case.close(actor_id=CLERK, now=at("2025-10-10", 12))
    with pytest.raises(TransitionError, match="待审核"):
        evaluate(case, Satisfaction.SATISFIED, at("2025-10-10", 12))
    event = case.events[-1]
    assert event.action == "request_redo" and event.article == "YJ12345 art. 20"


# --- the decision ----------------------------------------------------------------------------------


def test_yj12345_art_20_redo_deadline_has_the_original_length_from_the_redo_dispatch() -> None:
    case = dispatched()
    # An extension granted the first time round does not carry over into the redo.
    case.request_extension(3, "需协调", "依据", rules=YJ, actor_id=CLERK, now=at("2025-09-29"))
    case.decide_extension(True, "", rules=YJ, actor_id=SUPERVISOR, now=at("2025-09-29", 11))
    assert case.deadlines[DeadlineKind.COMPLETION].amount == 13
    complete(case, at("2025-10-09"))
    evaluate(case, BAD, at("2025-10-10"))
    case.request_redo(
        "仍未解决", method=ContactMethod.PHONE, rules=YJ, actor_id=CLERK, now=at("2025-10-10", 11)
    )
    case.decide_redo(True, "更换灯具", rules=YJ, actor_id=SUPERVISOR, now=at("2025-10-13", 10))
    # Mon 2025-10-13 + 10 working days, the start day not counted (RULES §2.1) → Mon 10-27.
    assert completion(case) == date(2025, 10, 27)
    deadline = case.deadlines[DeadlineKind.COMPLETION]
    assert (deadline.amount, deadline.starts_at) == (10, at("2025-10-13", 10))
    assert case.state is CaseState.DISPATCHED and case.unit_id == 7
    assert case.due_date == date(2025, 10, 27) and case.completed_at is None
    request = case.redo_requests[-1]
    assert request.status is RequestStatus.APPROVED
    assert (request.previous_due_date, request.new_due_date) == (
        date(2025, 10, 21),  # 13 working days from 09-26
        date(2025, 10, 27),
    )
    event = case.events[-1]
    assert event.action == "approve_redo" and event.article == "YJ12345 art. 20"
    assert "2025-10-27" in event.summary and "10个工作日" in event.summary


def test_jy12345_art_16_redo_deadline_counts_on_the_jieyang_limit() -> None:
    case = evaluated(rules=JY, kind=Kind.HELP_REQUEST)
    redo(case, "2025-10-13", rules=JY)
    assert completion(case) == date(2025, 10, 20)  # help request: 5 working days (JY art. 20)


def test_yj12345_art_20_only_a_supervisor_decides_a_redo() -> None:
    from app.domain.users import PERMISSIONS, Role

    assert Action.DECIDE_REDO not in PERMISSIONS[Role.CLERK]
    assert Action.REQUEST_REDO in PERMISSIONS[Role.CLERK]
    assert Action.DECIDE_REDO in PERMISSIONS[Role.SUPERVISOR]


def test_yj12345_art_20_refusal_needs_a_reason_and_keeps_the_case_evaluated() -> None:
    case = evaluated()
    case.request_redo(
        "仍未解决", method=ContactMethod.PHONE, rules=YJ, actor_id=CLERK, now=at("2025-10-10", 11)
    )
    with pytest.raises(ValidationError):
        case.decide_redo(False, "", rules=YJ, actor_id=SUPERVISOR, now=at("2025-10-10", 12))
    case.decide_redo(
        False, "已按政策答复，诉求超出职能", rules=YJ, actor_id=SUPERVISOR, now=at("2025-10-10", 12)
    )
    assert case.state is CaseState.EVALUATED and case.redo_count == 0
    assert case.redo_requests[-1].status is RequestStatus.REFUSED
    assert case.confirmed_complete
    assert case.events[-1].action == "refuse_redo"
    # Refused is not granted: the citizen may ask again, and the case may be archived.
    assert {Action.REQUEST_REDO, Action.CLOSE} <= case.allowed_actions(YJ)


def test_yj12345_art_20_approval_needs_instructions_for_the_unit() -> None:
    case = evaluated()
    case.request_redo(
        "仍未解决", method=ContactMethod.PHONE, rules=YJ, actor_id=CLERK, now=at("2025-10-10", 11)
    )
    with pytest.raises(ValidationError) as error:
        case.decide_redo(True, " ", rules=YJ, actor_id=SUPERVISOR, now=at("2025-10-10", 12))
    assert error.value.field == "note"


def test_decide_redo_without_a_request_is_refused() -> None:
    with pytest.raises(TransitionError, match="没有待审核的重办申请"):
        evaluated().decide_redo(True, "x", rules=YJ, actor_id=SUPERVISOR, now=at("2025-10-10"))


def test_yj12345_art_20_a_redo_order_goes_to_the_same_unit_and_cannot_be_returned() -> None:
    case = evaluated()
    redo(case, "2025-10-13")
    assert Action.REQUEST_RETURN not in case.allowed_actions(YJ)
    with pytest.raises(TransitionError, match="不得退回"):
        case.request_return("非本单位", "职能", rules=YJ, actor_id=CLERK, now=at("2025-10-13", 11))
    # The unit then handles it as before: contact, result, review.
    case.record_contact(ContactMethod.PHONE, "", actor_id=CLERK, now=at("2025-10-13", 14))
    assert case.state is CaseState.IN_PROGRESS
    complete(case, at("2025-10-14"))
    assert case.state is CaseState.COMPLETED and case.completed_at == at("2025-10-14")
    assert case.deadlines[DeadlineKind.COMPLETION].was_met_in_time()


# --- how many --------------------------------------------------------------------------------------


def test_yj12345_art_20_one_redo_only() -> None:
    case = evaluated()
    redone_and_evaluated(case, "2025-10-13", Satisfaction.VERY_DISSATISFIED)
    assert case.redo_count == 1
    assert Action.REQUEST_REDO not in case.allowed_actions(YJ)
    with pytest.raises(TransitionError, match="重办以1次为限") as error:
        case.request_redo(
            "还是不亮", method=ContactMethod.PHONE, rules=YJ, actor_id=CLERK, now=at("2025-10-14")
        )
    assert error.value.article == "YJ12345 art. 20"
    assert case.confirmed_complete


def test_jy12345_art_16_a_redo_only_for_the_units_fault() -> None:
    case = evaluated(rules=JY)
    case.request_redo(
        "仍未解决", method=ContactMethod.PHONE, rules=JY, actor_id=CLERK, now=at("2025-10-10", 11)
    )
    assert case.events[-1].article == "JY12345 art. 16"
    with pytest.raises(TransitionError, match="主观原因") as error:
        case.decide_redo(True, "重办", rules=JY, actor_id=SUPERVISOR, now=at("2025-10-10", 12))
    assert error.value.article == "JY12345 art. 16"
    case.decide_redo(
        True, "重办", rules=JY, actor_id=SUPERVISOR, now=at("2025-10-10", 12), unit_fault=True
    )
    assert case.redo_requests[-1].unit_fault is True
    # yangjiang-2022 asks no such confirmation, and records none.
    yj = evaluated()
    redo(yj, "2025-10-13", unit_fault=False)
    assert yj.redo_requests[-1].unit_fault is None


def test_jy12345_art_17_second_redo_only_when_instructions_not_followed() -> None:
    case = evaluated(rules=JY)
    redone_and_evaluated(case, "2025-10-13", BAD, rules=JY)
    assert Action.REQUEST_REDO in case.allowed_actions(JY)
    case.request_redo(
        "仍未按要求处理",
        method=ContactMethod.COUNTER,
        rules=JY,
        actor_id=CLERK,
        now=at("2025-10-14", 9),
    )
    assert case.events[-1].article == "JY12345 art. 17"
    with pytest.raises(TransitionError, match="没有按重办要求办理") as error:
        case.decide_redo(
            True,
            "再次重办",
            rules=JY,
            actor_id=SUPERVISOR,
            now=at("2025-10-14", 10),
            unit_fault=True,
        )
    assert error.value.article == "JY12345 art. 17"
    case.decide_redo(
        True,
        "再次重办",
        rules=JY,
        actor_id=SUPERVISOR,
        now=at("2025-10-14", 10),
        instructions_not_followed=True,
    )
    assert case.redo_count == 2 and case.redo_requests[-1].instructions_not_followed is True
    assert case.events[-1].article == "JY12345 art. 17"
    complete(case, at("2025-10-15"))
    evaluate(case, Satisfaction.VERY_DISSATISFIED, at("2025-10-15", 11))
    # After the second redo and a confirmed completion, no more (JY12345 art. 17).
    assert Action.REQUEST_REDO not in case.allowed_actions(JY)
    with pytest.raises(TransitionError, match="重办以2次为限"):
        case.request_redo(
            "再来", method=ContactMethod.PHONE, rules=JY, actor_id=CLERK, now=at("2025-10-16")
        )


def test_jy12345_art_17_a_second_request_may_still_be_refused() -> None:
    case = evaluated(rules=JY)
    redone_and_evaluated(case, "2025-10-13", BAD, rules=JY)
    case.request_redo(
        "仍未解决", method=ContactMethod.PHONE, rules=JY, actor_id=CLERK, now=at("2025-10-14", 9)
    )
    case.decide_redo(
        False,
        "经核实承办单位已按重办要求办理",
        rules=JY,
        actor_id=SUPERVISOR,
        now=at("2025-10-14", 10),
    )
    assert case.redo_count == 1 and case.state is CaseState.EVALUATED


# --- satisfaction ----------------------------------------------------------------------------------


def test_yj12345_art_20_satisfaction_is_the_last_evaluation() -> None:
    case = evaluated(Satisfaction.VERY_DISSATISFIED)
    assert case.satisfaction is Satisfaction.VERY_DISSATISFIED
    redo(case, "2025-10-13")
    # While the unit redoes it, the last evaluation still stands.
    assert case.satisfaction is Satisfaction.VERY_DISSATISFIED
    complete(case, at("2025-10-14"))
    evaluate(case, Satisfaction.BASICALLY_SATISFIED, at("2025-10-14", 11))
    # An intake evaluation afterwards does not count (only evaluations after handling do).
    case.record_evaluation(
        Satisfaction.VERY_DISSATISFIED,
        stage=EvaluationStage.INTAKE,
        method=ContactMethod.COUNTER,
        comment="",
        actor_id=CLERK,
        now=at("2025-10-14", 12),
    )
    assert case.satisfaction is Satisfaction.BASICALLY_SATISFIED
    assert case.satisfaction.counts_as_satisfied


# --- evaluation details ----------------------------------------------------------------------------


def test_stdi17_evaluation_keeps_tags_method_and_recorder() -> None:
    case = dispatched()
    complete(case, at("2025-10-09"))
    case.record_evaluation(
        BAD,
        stage=EvaluationStage.AFTER_HANDLING,
        method=ContactMethod.SMS,
        comment="没人联系我",
        actor_id=CLERK,
        now=at("2025-10-10"),
        tags=[EvaluationTag.TOO_SLOW, EvaluationTag.NOT_CONTACTED, EvaluationTag.TOO_SLOW],
    )
    evaluation = case.evaluations[-1]
    # Each tag once, in the list's order.
    assert evaluation.tags == (EvaluationTag.TOO_SLOW, EvaluationTag.NOT_CONTACTED)
    assert (evaluation.method, evaluation.recorded_by) == (ContactMethod.SMS, CLERK)
    event = case.events[-1]
    assert "办理拖延、未联系诉求人" in event.summary and "短信" in event.summary
    assert event.details["tags"] == ["too_slow", "not_contacted"]


# --- ground (6) ------------------------------------------------------------------------------------


def test_jy12345_art_17_confirmed_completion_grounds_a_repeat_refusal() -> None:
    case = evaluated()
    assert case.confirmed_complete
    assert "已确认办结" in case.repeat_basis()
    open_case = dispatched()
    assert not open_case.confirmed_complete
    assert "正在办理" in open_case.repeat_basis()


def test_yj12345_art_6_ground_6_needs_an_earlier_case_that_was_accepted() -> None:
    from app.domain.vocabulary import RefusalGround

    refused = dispatched()
    refused.state = CaseState.REGISTERED
    refused.refuse(
        RefusalGround.OUTSIDE_JURISDICTION, "不属本市", actor_id=CLERK, now=at("2025-10-10")
    )
    with pytest.raises(ValidationError) as error:
        refused.repeat_basis()
    assert error.value.field == "related_case"
    assert error.value.article == "YJ12345 art. 6(6)"


def test_rules_3_the_shipped_profiles_carry_their_redo_rules() -> None:
    yj, jy = YJ.profile.redo, JY.profile.redo
    assert yj is not None and jy is not None
    assert (yj.max_count, yj.article, yj.unit_fault_required) == (1, "YJ12345 art. 20", False)
    assert (jy.max_count, jy.unit_fault_required, jy.further_needs_instructions_not_followed) == (
        2,
        True,
        True,
    )
    assert (jy.article_for(1), jy.article_for(2)) == ("JY12345 art. 16", "JY12345 art. 17")
    assert yj.article_for(2) == "YJ12345 art. 20"
