"""``Case.allowed_actions``: the action table agrees with every method's own state guard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from app.domain.cases import (
    ACTION_STATES,
    Attachment,
    Case,
    EvaluationStage,
    ReturnRequest,
)
from app.domain.errors import DomainError, TransitionError
from app.domain.users import Action
from app.domain.vocabulary import (
    CaseState,
    ContactMethod,
    Kind,
    Priority,
    RefusalGround,
    Satisfaction,
    StateGroup,
)
from tests.unit.domain.test_cases import CLERK, JY, YJ, at, dispatched, new_case

NOW = at("2025-09-29", 11)

# One call per action with valid values; the state guard (``_expect``) runs first in each.
CALLS: dict[str, Callable[[Case], None]] = {
    "accept": lambda c: c.accept(rules=YJ, actor_id=CLERK, now=NOW),
    "refuse": lambda c: c.refuse(
        RefusalGround.OUTSIDE_JURISDICTION, "不属本市", actor_id=CLERK, now=NOW
    ),
    "request_materials": lambda c: c.request_materials(["照片"], rules=YJ, actor_id=CLERK, now=NOW),
    "supply_materials": lambda c: c.supply_materials("已补", rules=YJ, actor_id=CLERK, now=NOW),
    "withdraw": lambda c: c.withdraw_for_missing_materials(actor_id=CLERK, now=NOW),
    "answer_at_once": lambda c: c.answer_at_once("已答复", actor_id=CLERK, now=NOW),
    "dispatch": lambda c: c.dispatch(8, rules=YJ, actor_id=CLERK, now=NOW),
    "request_return": lambda c: c.request_return(
        "非本单位", "职能", rules=YJ, actor_id=CLERK, now=NOW
    ),
    "approve_return": lambda c: c.approve_return(9, "", rules=YJ, actor_id=CLERK, now=NOW),
    "refuse_return": lambda c: c.refuse_return("继续办理", actor_id=CLERK, now=NOW),
    "request_extension": lambda c: c.request_extension(
        1, "理由", "依据", rules=YJ, actor_id=CLERK, now=NOW
    ),
    "record_contact": lambda c: c.record_contact(ContactMethod.PHONE, "", actor_id=CLERK, now=NOW),
    "submit_result": lambda c: c.submit_result(
        handled_at=NOW, method="方式", outcome="结果", basis="依据", actor_id=CLERK, now=NOW
    ),
    "review": lambda c: c.review(True, "", actor_id=CLERK, now=NOW),
    "evaluate_after": lambda c: c.record_evaluation(
        Satisfaction.SATISFIED,
        stage=EvaluationStage.AFTER_HANDLING,
        method=ContactMethod.PHONE,
        comment="",
        actor_id=CLERK,
        now=NOW,
    ),
    "evaluate_intake": lambda c: c.record_evaluation(
        Satisfaction.SATISFIED,
        stage=EvaluationStage.INTAKE,
        method=ContactMethod.PHONE,
        comment="",
        actor_id=CLERK,
        now=NOW,
    ),
    "close": lambda c: c.close(actor_id=CLERK, now=NOW),
    "add_attachment": lambda c: c.add_attachment(
        Attachment(file_name="a.jpg", sha256="0" * 64, size=1, added_at=NOW, added_by=CLERK),
        now=NOW,
    ),
}
CALL_ACTIONS = {
    "accept": Action.ACCEPT,
    "refuse": Action.REFUSE,
    "request_materials": Action.REQUEST_MATERIALS,
    "supply_materials": Action.SUPPLY_MATERIALS,
    "withdraw": Action.WITHDRAW,
    "answer_at_once": Action.ANSWER_AT_ONCE,
    "dispatch": Action.DISPATCH,
    "request_return": Action.REQUEST_RETURN,
    "approve_return": Action.DECIDE_RETURN,
    "refuse_return": Action.DECIDE_RETURN,
    "request_extension": Action.REQUEST_EXTENSION,
    "record_contact": Action.RECORD_CONTACT,
    "submit_result": Action.SUBMIT_RESULT,
    "review": Action.REVIEW,
    "close": Action.CLOSE,
}


def loaded_case(state: CaseState) -> Case:
    """A case carrying everything any method looks at (clocks, a result, a return request),
    then put in ``state``: only the state guard can tell the calls apart."""
    case = new_case(Kind.CONSULTATION, now=at("2025-09-15", 9))
    case.request_materials(["照片"], rules=YJ, actor_id=CLERK, now=at("2025-09-15", 10))
    case.supply_materials("", rules=YJ, actor_id=CLERK, now=at("2025-09-16", 9))
    case.dispatch(7, rules=YJ, actor_id=CLERK, now=at("2025-09-26", 9))
    case.submit_result(
        handled_at=at("2025-09-26", 10),
        method="方式",
        outcome="结果",
        basis="依据",
        actor_id=CLERK,
        now=at("2025-09-26", 11),
    )
    case.return_requests.append(
        ReturnRequest(
            unit_id=7, requested_at=at("2025-09-26", 12), reason="r", basis="b", recorded_by=1
        )
    )
    case.state = state
    return case


def refused_by_state_guard(call: Callable[[Case], None], case: Case) -> bool:
    try:
        call(case)
    except TransitionError as error:
        return "当前状态为" in error.message or "已终结" in error.message
    except DomainError:
        return False
    return False


@pytest.mark.parametrize("state", list(CaseState), ids=lambda s: s.value)
@pytest.mark.parametrize("name", list(CALL_ACTIONS))
def test_the_action_table_is_the_state_guard_of_each_method(name: str, state: CaseState) -> None:
    allowed = state in ACTION_STATES[CALL_ACTIONS[name]]
    assert refused_by_state_guard(CALLS[name], loaded_case(state)) is not allowed


@pytest.mark.parametrize("state", list(CaseState), ids=lambda s: s.value)
def test_evaluation_stages_are_what_record_evaluation_accepts(state: CaseState) -> None:
    stages = loaded_case(state).evaluation_stages()
    for name, stage in (
        ("evaluate_after", EvaluationStage.AFTER_HANDLING),
        ("evaluate_intake", EvaluationStage.INTAKE),
    ):
        assert refused_by_state_guard(CALLS[name], loaded_case(state)) is (stage not in stages)
    allowed = loaded_case(state).allowed_actions()
    assert (Action.RECORD_EVALUATION in allowed) is bool(stages)


@pytest.mark.parametrize("state", list(CaseState), ids=lambda s: s.value)
def test_attachments_until_the_case_is_closed(state: CaseState) -> None:
    refused = refused_by_state_guard(CALLS["add_attachment"], loaded_case(state))
    assert refused is (state.group is StateGroup.CLOSED)
    assert (Action.ADD_ATTACHMENT in loaded_case(state).allowed_actions()) is not refused


def test_a_new_complaint_offers_intake_actions_only() -> None:
    assert new_case().allowed_actions() == {
        Action.ACCEPT,
        Action.REFUSE,
        Action.REQUEST_MATERIALS,
        Action.RECORD_EVALUATION,
        Action.ADD_ATTACHMENT,
    }


def test_stdi6_materials_are_asked_for_once() -> None:
    case = new_case()
    case.request_materials(["照片"], rules=YJ, actor_id=CLERK, now=at("2025-09-26", 11))
    case.state = CaseState.REGISTERED
    assert Action.REQUEST_MATERIALS not in case.allowed_actions()


def test_yj12345_art9_only_a_consultation_is_answered_at_once() -> None:
    assert Action.ANSWER_AT_ONCE in new_case(Kind.CONSULTATION).allowed_actions()
    assert Action.ANSWER_AT_ONCE not in new_case(Kind.COMPLAINT).allowed_actions()


def test_yj12345_art10_a_designated_order_cannot_be_returned() -> None:
    case = new_case(now=at("2025-09-26", 9))
    case.accept(rules=YJ, actor_id=CLERK, now=at("2025-09-26", 9, 5))
    case.dispatch(7, rules=YJ, actor_id=CLERK, now=at("2025-09-26", 10), designated=True)
    assert Action.REQUEST_RETURN not in case.allowed_actions()
    assert Action.REQUEST_RETURN in dispatched().allowed_actions()


def test_yj12345_art9_a_pending_extension_is_decided_before_another_is_asked() -> None:
    case = dispatched()
    assert Action.DECIDE_EXTENSION not in case.allowed_actions(YJ)
    case.request_extension(3, "理由", "依据", rules=YJ, actor_id=CLERK, now=at("2025-09-29"))
    allowed = case.allowed_actions(YJ)
    assert Action.DECIDE_EXTENSION in allowed and Action.REQUEST_EXTENSION not in allowed


def test_yj12345_art9_extension_limits_with_the_rules() -> None:
    case = dispatched()
    assert case.extension_days_left(YJ) == 5  # complaint: 10 wd, at most 15
    urgent = dispatched(priority=Priority.URGENT)
    assert urgent.extension_days_left(YJ) == 0
    assert Action.REQUEST_EXTENSION not in urgent.allowed_actions(YJ)
    # Without the rules only the state and the pending request count.
    assert Action.REQUEST_EXTENSION in urgent.allowed_actions()
    for day in ("2025-09-29", "2025-09-30"):
        case.request_extension(2, "理由", "依据", rules=YJ, actor_id=CLERK, now=at(day))
        case.decide_extension(True, "", rules=YJ, actor_id=2, now=at(day, 11))
    assert case.extension_days_left(YJ) == 0  # two extensions used (YJ12345 art. 9)
    assert Action.REQUEST_EXTENSION not in case.allowed_actions(YJ)


def test_jy12345_art21_no_maximum_in_the_profile() -> None:
    assert dispatched(rules=JY).extension_days_left(JY) is None
    assert Action.REQUEST_EXTENSION in dispatched(rules=JY).allowed_actions(JY)


def test_time_runs_out_but_the_action_stays_offered_to_explain_why() -> None:
    case = dispatched()
    assert Action.REQUEST_EXTENSION in case.allowed_actions(YJ)
    late = at("2025-09-26") + timedelta(days=40)
    with pytest.raises(TransitionError, match="届满前申请"):
        case.request_extension(1, "理由", "依据", rules=YJ, actor_id=CLERK, now=late)


@pytest.mark.parametrize("state", list(CaseState), ids=lambda s: s.value)
def test_the_action_table_is_the_state_guard_of_request_redo(state: CaseState) -> None:
    def call(c: Case) -> None:
        c.request_redo("仍未解决", method=ContactMethod.PHONE, rules=YJ, actor_id=CLERK, now=NOW)

    allowed = state in ACTION_STATES[Action.REQUEST_REDO]
    assert refused_by_state_guard(call, loaded_case(state)) is not allowed
    # Offered only where the guard lets it through (and, here, never: nobody is dissatisfied).
    assert Action.REQUEST_REDO not in loaded_case(state).allowed_actions(YJ)
