"""Unit tests of the case aggregate: every rule of RULES §1–§2 it implements, named after its article."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from app.calendar import WorkCalendar
from app.domain.cases import Case, CaseRules, EvaluationStage, RequestStatus
from app.domain.deadlines import DeadlineKind
from app.domain.errors import TransitionError, ValidationError
from app.domain.persons import Person
from app.domain.profiles import ProfileRegistry
from app.domain.vocabulary import (
    CaseState,
    Channel,
    ContactMethod,
    HazardCategory,
    Kind,
    Priority,
    RefusalGround,
    Satisfaction,
)
from app.persistence.types import SHANGHAI
from resources import PROFILES_DIR

PROFILES = ProfileRegistry.from_directory(PROFILES_DIR)
CALENDAR = WorkCalendar()
YJ = CaseRules(PROFILES.get("yangjiang-2022"), CALENDAR)
JY = CaseRules(PROFILES.get("jieyang-2015"), CALENDAR)
CLERK, SUPERVISOR = 1, 2


def at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), SHANGHAI).replace(
        hour=hour, minute=minute
    )


def person(name: str = "张三丰", phone: str | None = "13812345678") -> Person:
    return Person(name=name, phone=phone)


def new_case(
    kind: Kind = Kind.COMPLAINT,
    *,
    rules: CaseRules = YJ,
    now: datetime | None = None,
    priority: Priority = Priority.NORMAL,
    **overrides: Any,
) -> Case:
    fields: dict[str, Any] = {
        "number": "TD01-20250926-0001",
        "query_code": "ABCDEF",
        "kind": kind,
        "priority": priority,
        "channel": Channel.WALK_IN,
        "profile_key": rules.profile.key,
        "occurred": "2025年9月25日晚",
        "place": "东风路",
        "content": "路灯不亮已一周",
        "submitters": [person()],
    }
    if kind is Kind.TIP_OFF:
        fields |= {
            "reported_unit_name": "兴旺五金店",
            "reported_unit_address": "江城区东风路12号",
            "hazard_category": HazardCategory.EVACUATION_BLOCKED,
        }
    fields |= overrides
    return Case.register(rules=rules, actor_id=CLERK, now=now or at("2025-09-26"), **fields)


def dispatched(
    kind: Kind = Kind.COMPLAINT,
    *,
    rules: CaseRules = YJ,
    day: str = "2025-09-26",
    priority: Priority = Priority.NORMAL,
) -> Case:
    case = new_case(kind, rules=rules, now=at(day, 9), priority=priority)
    case.accept(rules=rules, actor_id=CLERK, now=at(day, 9, 5))
    case.dispatch(7, rules=rules, actor_id=CLERK, now=at(day, 10))
    return case


def completion(case: Case) -> date:
    return case.deadlines[DeadlineKind.COMPLETION].due_date


# --- RULES §1: what a submission must carry (YJ12345 art. 7; FIRE art. 7, 8) ----------------------


@pytest.mark.parametrize("missing", ["occurred", "place", "content"])
def test_rules_1_yj12345_art7_complaint_needs_time_place_facts(missing: str) -> None:
    with pytest.raises(ValidationError) as error:
        new_case(Kind.COMPLAINT, **{missing: "  "})
    assert error.value.field == missing
    assert error.value.article == "YJ12345 art. 7"
    assert "不予受理" in error.value.message


def test_rules_1_yj12345_art7_complaint_needs_a_contact() -> None:
    with pytest.raises(ValidationError, match="联系方式"):
        new_case(Kind.COMPLAINT, submitters=[])
    with pytest.raises(ValidationError, match="联系电话"):
        new_case(Kind.COMPLAINT, submitters=[person(phone=None)])


def test_rules_1_fire_art8_tip_off_needs_reported_unit_address() -> None:
    with pytest.raises(ValidationError) as error:
        new_case(Kind.TIP_OFF, reported_unit_address="")
    assert error.value.field == "reported_unit_address"
    assert error.value.article == "FIRE art. 8"


def test_rules_1_fire_art7_anonymous_tip_off_is_registered() -> None:
    case = new_case(Kind.TIP_OFF, submitters=[], place="")
    assert case.anonymous
    assert case.place == "江城区东风路12号"
    assert case.hazard_key is not None
    assert case.state is CaseState.REGISTERED


def test_rules_1_hazard_category_only_on_tip_offs() -> None:
    with pytest.raises(ValidationError):
        new_case(Kind.COMPLAINT, hazard_category=HazardCategory.EVACUATION_BLOCKED)


@pytest.mark.parametrize("ground", list(RefusalGround))
def test_rules_1_yj12345_art6_each_ground_refuses(ground: RefusalGround) -> None:
    case = new_case()
    related = 99 if ground is RefusalGround.REPEAT else None
    case.refuse(
        ground, "理由如下", actor_id=CLERK, now=at("2025-09-26", 11), related_case_id=related
    )
    assert case.state is CaseState.NOT_ACCEPTED
    assert case.refusal_ground is ground
    assert case.events[-1].article == f"YJ12345 art. 6({ground.value})"
    assert ground.label in case.events[-1].summary
    assert case.due_date is None


def test_rules_1_yj12345_art6_ground_6_links_the_earlier_case() -> None:
    with pytest.raises(ValidationError, match="关联"):
        new_case().refuse(RefusalGround.REPEAT, "同一事实", actor_id=CLERK, now=at("2025-09-26"))


def test_rules_1_yj12345_art6_refusal_needs_a_reason() -> None:
    with pytest.raises(ValidationError):
        new_case().refuse(
            RefusalGround.OUTSIDE_JURISDICTION, " ", actor_id=CLERK, now=at("2025-09-26")
        )


def test_rules_1_std_item6_materials_told_once_with_deadline() -> None:
    case = new_case(now=at("2025-09-26"))
    case.request_materials(
        ["身份证复印件", "", "现场照片"], rules=YJ, actor_id=CLERK, now=at("2025-09-26")
    )
    assert case.state is CaseState.AWAITING_MATERIALS
    assert case.missing_materials == ["身份证复印件", "现场照片"]
    # 5 working days after Fri 2025-09-26: Sun 09-28 works, 10-01…10-08 are off.
    assert case.deadlines[DeadlineKind.MATERIALS].due_date == date(2025, 10, 10)
    with pytest.raises(TransitionError):
        case.request_materials(["另一份"], rules=YJ, actor_id=CLERK, now=at("2025-09-27"))


def test_rules_1_std_item6_late_notice_counts_as_accepted() -> None:
    case = new_case(now=at("2025-09-26"))
    with pytest.raises(TransitionError, match="视为自收到之日起受理") as error:
        case.request_materials(["照片"], rules=YJ, actor_id=CLERK, now=at("2025-10-20"))
    assert error.value.article == "STD item 6"


def test_rules_1_std_item6_supplied_is_accepted_late_is_withdrawn() -> None:
    supplied = new_case()
    supplied.request_materials(["照片"], rules=YJ, actor_id=CLERK, now=at("2025-09-26"))
    supplied.supply_materials("已补交", rules=YJ, actor_id=CLERK, now=at("2025-09-29"))
    assert supplied.state is CaseState.ACCEPTED

    late = new_case()
    late.request_materials(["照片"], rules=YJ, actor_id=CLERK, now=at("2025-09-26"))
    with pytest.raises(TransitionError, match="尚未届满"):
        late.withdraw_for_missing_materials(actor_id=CLERK, now=at("2025-10-10", 17))
    late.withdraw_for_missing_materials(actor_id=CLERK, now=at("2025-10-11"))
    assert late.state is CaseState.WITHDRAWN


# --- RULES §2.2: limits by profile -----------------------------------------------------------------


def test_rules_2_1_ten_working_days_after_2025_09_26_is_2025_10_16() -> None:
    assert completion(dispatched(Kind.COMPLAINT)) == date(2025, 10, 16)


@pytest.mark.parametrize(
    ("kind", "rules", "expected"),
    [
        (Kind.CONSULTATION, YJ, date(2025, 9, 29)),  # 2 wd (YJ12345 art. 9(1)1)
        (Kind.HELP_REQUEST, YJ, date(2025, 10, 10)),  # 5 wd (YJ12345 art. 9(1)2)
        (Kind.TIP_OFF, YJ, date(2025, 10, 16)),  # 10 wd
        (Kind.HELP_REQUEST, JY, date(2025, 10, 10)),  # 5 wd (JY12345 art. 20)
        (Kind.SUGGESTION, JY, date(2025, 11, 13)),  # 30 wd (JY12345 art. 20)
    ],
)
def test_rules_2_2_completion_limit_by_kind_and_profile(
    kind: Kind, rules: CaseRules, expected: date
) -> None:
    case = dispatched(kind, rules=rules)
    assert completion(case) == expected
    assert (
        case.deadlines[DeadlineKind.COMPLETION].article
        == rules.profile.completion[kind].period.article
    )


def test_rules_2_2_yj12345_art9_dispatch_within_one_working_day() -> None:
    case = new_case(now=at("2025-09-26", 16))
    deadline = case.deadlines[DeadlineKind.DISPATCH]
    assert deadline.due_date == date(2025, 9, 28)  # a swapped working Sunday
    assert case.due_kind is DeadlineKind.DISPATCH


def test_rules_2_2_yj12345_art9_urgent_10_minutes_1_hour_2_hours_3_days() -> None:
    case = new_case(priority=Priority.URGENT, now=at("2025-09-26", 23, 55))
    assert case.deadlines[DeadlineKind.DISPATCH].due_at == at("2025-09-27", 0, 5)
    case.accept(rules=YJ, actor_id=CLERK, now=at("2025-09-26", 23, 56))
    case.dispatch(7, rules=YJ, actor_id=CLERK, now=at("2025-09-26", 23, 58))
    assert case.deadlines[DeadlineKind.FIRST_CONTACT].due_at == at("2025-09-27", 0, 58)
    assert case.deadlines[DeadlineKind.ON_SITE].due_at == at("2025-09-27", 1, 58)
    assert completion(case) == date(2025, 9, 30)


def test_rules_2_2_jieyang_has_no_dispatch_limit() -> None:
    assert DeadlineKind.DISPATCH not in new_case(rules=JY).deadlines


def test_rules_2_1_deadline_in_2027_is_provisional() -> None:
    case = dispatched(Kind.COMPLAINT, day="2026-12-24")
    deadline = case.deadlines[DeadlineKind.COMPLETION]
    assert deadline.due_date.year == 2027
    assert deadline.provisional and case.due_provisional
    assert "暂定" in deadline.describe_due()
    assert not dispatched(Kind.COMPLAINT, day="2026-06-01").due_provisional


# --- extensions (YJ12345 art. 9; JY12345 art. 21) ---------------------------------------------------


def extend(case: Case, days: int, now: datetime, rules: CaseRules = YJ) -> None:
    case.request_extension(
        days, "需现场检测", "《某规定》第5条", rules=rules, actor_id=CLERK, now=now
    )
    case.decide_extension(True, "", rules=rules, actor_id=SUPERVISOR, now=now)


def test_rules_2_2_yj12345_art9_extension_moves_completion() -> None:
    case = dispatched(Kind.COMPLAINT)
    extend(case, 3, at("2025-10-09"))
    assert completion(case) == date(2025, 10, 21)
    assert case.extension_requests[0].status is RequestStatus.APPROVED
    assert case.due_date == date(2025, 10, 21)


def test_rules_2_2_yj12345_art9_third_extension_refused() -> None:
    case = dispatched(Kind.COMPLAINT)
    extend(case, 2, at("2025-10-09"))
    extend(case, 2, at("2025-10-10"))
    with pytest.raises(TransitionError, match="不得超过2次") as error:
        case.request_extension(1, "再延", "依据", rules=YJ, actor_id=CLERK, now=at("2025-10-13"))
    assert error.value.article == "YJ12345 art. 9"


def test_rules_2_2_yj12345_art9_extension_beyond_kind_maximum_refused() -> None:
    case = dispatched(Kind.HELP_REQUEST)  # 5 wd, at most 10
    with pytest.raises(TransitionError, match="最长时限 10"):
        case.request_extension(6, "复杂", "依据", rules=YJ, actor_id=CLERK, now=at("2025-09-29"))
    extend(case, 5, at("2025-09-29"))
    assert completion(case) == date(2025, 10, 16)


def test_rules_2_2_yj12345_art9_no_extension_for_urgent_items() -> None:
    case = dispatched(Kind.COMPLAINT, priority=Priority.URGENT)
    with pytest.raises(TransitionError, match="紧急项"):
        case.request_extension(1, "复杂", "依据", rules=YJ, actor_id=CLERK, now=at("2025-09-27"))


def test_rules_2_2_extension_only_before_expiry() -> None:
    case = dispatched(Kind.COMPLAINT)
    with pytest.raises(TransitionError, match="届满前"):
        case.request_extension(2, "复杂", "依据", rules=YJ, actor_id=CLERK, now=at("2025-10-17"))


def test_rules_2_2_jy12345_art21_centre_decides_without_count_limit() -> None:
    case = dispatched(Kind.COMPLAINT, rules=JY)
    for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
        extend(case, 1, at(day), rules=JY)
    assert len(case.extension_requests) == 3
    refused = dispatched(Kind.COMPLAINT, rules=JY)
    refused.request_extension(5, "复杂", "依据", rules=JY, actor_id=CLERK, now=at("2025-10-09"))
    with pytest.raises(ValidationError):
        refused.decide_extension(False, "", rules=JY, actor_id=SUPERVISOR, now=at("2025-10-09"))
    refused.decide_extension(False, "理由不足", rules=JY, actor_id=SUPERVISOR, now=at("2025-10-09"))
    assert completion(refused) == date(2025, 11, 13)


# --- RULES §2.3: routing events and the clock (YJ12345 art. 10, 14) ----------------------------------


def test_rules_2_3_return_approved_restarts_the_clock() -> None:
    case = dispatched(Kind.COMPLAINT, day="2025-09-22")
    first_due = completion(case)
    case.request_return(
        "不属本单位职责", "三定方案", rules=YJ, actor_id=CLERK, now=at("2025-09-23")
    )
    assert case.state is CaseState.RETURN_REQUESTED
    case.approve_return(8, "改派", rules=YJ, actor_id=SUPERVISOR, now=at("2025-09-24"))
    assert case.state is CaseState.DISPATCHED
    assert case.unit_id == 8
    assert completion(case) == YJ.calendar.add_working_days(date(2025, 9, 24), 10).day
    assert completion(case) > first_due


def test_rules_2_3_return_refused_keeps_the_first_receipt() -> None:
    case = dispatched(Kind.COMPLAINT, day="2025-09-22")
    first_due = completion(case)
    case.request_return(
        "不属本单位职责", "三定方案", rules=YJ, actor_id=CLERK, now=at("2025-09-23")
    )
    case.refuse_return("属本单位职责", actor_id=SUPERVISOR, now=at("2025-09-24"))
    assert case.state is CaseState.DISPATCHED and case.unit_id == 7
    assert completion(case) == first_due
    with pytest.raises(TransitionError):  # the window was used up by the first request
        case.request_return("再次", "依据", rules=YJ, actor_id=CLERK, now=at("2025-09-24"))


def test_rules_2_2_return_only_within_the_window() -> None:
    case = dispatched(Kind.COMPLAINT, day="2025-09-22")  # window: 2 wd → 2025-09-24
    with pytest.raises(TransitionError, match="已逾期"):
        case.request_return("不属", "依据", rules=YJ, actor_id=CLERK, now=at("2025-09-25"))
    jy = dispatched(Kind.COMPLAINT, rules=JY, day="2025-09-22")  # JY12345 art. 13(3): 1 wd
    with pytest.raises(TransitionError) as error:
        jy.request_return("不属", "依据", rules=JY, actor_id=CLERK, now=at("2025-09-24"))
    assert error.value.article == "JY12345 art. 13(3)"


def test_rules_2_3_designated_items_cannot_be_returned() -> None:
    case = new_case()
    case.accept(rules=YJ, actor_id=CLERK, now=at("2025-09-26"))
    case.dispatch(7, rules=YJ, actor_id=CLERK, now=at("2025-09-26"), designated=True)
    with pytest.raises(TransitionError, match="不得退回"):
        case.request_return("不属", "依据", rules=YJ, actor_id=CLERK, now=at("2025-09-26", 11))


def submit(case: Case, now: datetime, **overrides: str) -> None:
    values = {"method": "现场核查并维修", "outcome": "路灯已修复", "basis": "《城市照明管理规定》"}
    values |= overrides
    case.submit_result(handled_at=now - timedelta(hours=1), actor_id=CLERK, now=now, **values)


@pytest.mark.parametrize("missing", ["method", "outcome", "basis"])
def test_rules_2_3_yj12345_art14_result_states_how_outcome_and_basis(missing: str) -> None:
    case = dispatched()
    with pytest.raises(ValidationError) as error:
        submit(case, at("2025-10-01"), **{missing: ""})
    assert error.value.field == missing
    assert error.value.article == "YJ12345 art. 14"


def test_rules_2_3_sent_back_keeps_first_receipt_then_completes() -> None:
    case = dispatched()
    due = completion(case)
    case.record_contact(ContactMethod.PHONE, "已电话联系", actor_id=CLERK, now=at("2025-09-26", 15))
    assert case.deadlines[DeadlineKind.FIRST_CONTACT].was_met_in_time()
    submit(case, at("2025-10-09"))
    case.review(False, "未答复诉求人", actor_id=SUPERVISOR, now=at("2025-10-09", 15))
    assert case.state is CaseState.SENT_BACK
    assert completion(case) == due
    submit(case, at("2025-10-20"))
    case.review(True, "", actor_id=SUPERVISOR, now=at("2025-10-20", 15))
    assert case.state is CaseState.COMPLETED
    assert case.deadlines[DeadlineKind.COMPLETION].was_met_in_time() is False
    assert case.due_date is None


def test_rules_3_yj12345_art20_evaluation_after_handling_then_close() -> None:
    case = dispatched()
    submit(case, at("2025-10-09"))
    case.review(True, "", actor_id=SUPERVISOR, now=at("2025-10-09", 15))
    case.record_evaluation(
        Satisfaction.BASICALLY_SATISFIED,
        stage=EvaluationStage.AFTER_HANDLING,
        method=ContactMethod.PHONE,
        comment="",
        actor_id=CLERK,
        now=at("2025-10-10"),
    )
    assert case.state is CaseState.EVALUATED
    assert case.satisfaction is Satisfaction.BASICALLY_SATISFIED
    case.close(actor_id=CLERK, now=at("2025-10-11"))
    assert case.state is CaseState.CLOSED


def test_consultation_answered_at_once_is_completed() -> None:
    case = new_case(Kind.CONSULTATION)
    case.answer_at_once("办理时间为工作日 8:30–17:30", actor_id=CLERK, now=at("2025-09-26", 10, 5))
    assert case.state is CaseState.COMPLETED
    with pytest.raises(TransitionError):
        new_case(Kind.COMPLAINT).answer_at_once("答复", actor_id=CLERK, now=at("2025-09-26"))


@pytest.mark.parametrize(
    "action",
    [
        lambda c: c.dispatch(7, rules=YJ, actor_id=CLERK, now=at("2025-09-26")),
        lambda c: c.review(True, "", actor_id=SUPERVISOR, now=at("2025-09-26")),
        lambda c: c.close(actor_id=CLERK, now=at("2025-09-26")),
        lambda c: c.record_contact(ContactMethod.PHONE, "", actor_id=CLERK, now=at("2025-09-26")),
    ],
)
def test_illegal_transitions_raise_a_clerk_readable_error(action: Any) -> None:
    case = new_case()
    with pytest.raises(TransitionError) as error:
        action(case)
    assert "当前状态为「已登记」" in error.value.message
    assert case.state is CaseState.REGISTERED


def test_every_change_is_an_event_with_its_article() -> None:
    case = dispatched()
    assert [e.action for e in case.events] == ["register", "accept", "dispatch"]
    assert all(e.article for e in case.events)
    assert case.events[-1].details == {"unit_id": 7, "designated": False}


def test_overdue_and_current_deadline_follow_the_state() -> None:
    case = dispatched()
    assert case.current_deadline() is case.deadlines[DeadlineKind.COMPLETION]
    assert not case.is_overdue(at("2025-10-16", 23, 59))
    assert case.is_overdue(at("2025-10-17", 0, 1))
