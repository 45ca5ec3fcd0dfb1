"""Redo (重办), evaluation details and repeat refusals through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.documents.payloads import DocType
from app.domain.cases import EvaluationStage, RequestStatus
from app.domain.deadlines import DeadlineKind
from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.users import Action
from app.domain.vocabulary import (
    CaseState,
    ContactMethod,
    EvaluationTag,
    Kind,
    RefusalGround,
    Satisfaction,
)
from app.persistence import tables as t
from app.services import case_view, handling, printing, settings
from app.services.registration import PersonInput, RefuseAtIntake, RegistrationForm, register
from tests.conftest import World, valid_resident_id
from tests.integration.services.test_handling import new_complaint


def completed(world: World, case_id: int, day: str = "2025-10-09") -> None:
    svc, clerk, lead = world.svc, world.clerk, world.supervisor
    world.clock.set(day, 10)
    handling.submit_result(
        svc,
        clerk,
        case_id,
        handled_at=world.clock.now,
        method="协调环卫公司清运",
        outcome="垃圾已清运并答复诉求人",
        basis="《城市市容和环境卫生管理条例》",
    )
    handling.review(svc, lead, case_id, passed=True)


def evaluated_complaint(world: World, level: Satisfaction = Satisfaction.DISSATISFIED) -> int:
    """Dispatched Fri 2025-09-26 to unit A, completed 10-09, evaluated 10-10."""
    case_id = new_complaint(world)
    handling.accept(world.svc, world.clerk, case_id)
    handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    completed(world, case_id)
    world.clock.set("2025-10-10", 9)
    handling.record_evaluation(
        world.svc,
        world.clerk,
        case_id,
        level,
        method=ContactMethod.SMS,
        comment="垃圾又堆起来了",
        tags=[EvaluationTag.NOT_RESOLVED, EvaluationTag.TOO_SLOW],
    )
    return case_id


def test_stdi17_evaluation_tags_and_method_are_stored_and_shown(world: World) -> None:
    case_id = evaluated_complaint(world)
    with world.svc.uow(write=False) as uow:
        row = uow.session.execute(
            select(t.evaluations.c.tags, t.evaluations.c.method, t.evaluations.c.recorded_by)
        ).one()
    assert row.tags == ["not_resolved", "too_slow"]
    assert (row.method, row.recorded_by) == ("sms", world.clerk.user_id)
    detail = case_view.case_detail(world.svc, world.clerk, case_id)
    shown = detail.evaluations[-1]
    assert shown.tags == ("问题未解决", "办理拖延")
    assert (shown.method, shown.recorded_by, shown.level) == ("短信", "李窗口", "不满意")


def test_yj12345_art_20_redo_request_and_approval_through_the_services(world: World) -> None:
    svc, clerk, lead = world.svc, world.clerk, world.supervisor
    case_id = evaluated_complaint(world)
    detail = case_view.case_detail(svc, clerk, case_id)
    assert Action.REQUEST_REDO in detail.actions and detail.redo is not None
    assert (detail.redo.max_count, detail.redo.granted, detail.redo.article) == (
        1,
        0,
        "YJ12345 art. 20",
    )
    world.clock.set("2025-10-10", 10)
    handling.request_redo(svc, clerk, case_id, "垃圾仍未清运干净", method=ContactMethod.PHONE)
    with pytest.raises(PermissionDenied):
        handling.decide_redo(svc, clerk, case_id, approve=True, note="重办")
    world.clock.set("2025-10-13", 10)
    handling.decide_redo(svc, lead, case_id, approve=True, note="每日清运并拍照反馈")
    detail = case_view.case_detail(svc, clerk, case_id)
    assert detail.state is CaseState.DISPATCHED and detail.unit_name == "镇城建办"
    (redo,) = detail.redo_requests
    assert redo.status is RequestStatus.APPROVED
    assert (redo.requested_by, redo.decided_by, redo.unit_name) == ("李窗口", "王负责", "镇城建办")
    assert (redo.previous_due_text, redo.new_due_text) == ("2025-10-16", "2025-10-27")
    assert detail.current_deadline is not None
    assert detail.current_deadline.due_text == "2025-10-27"
    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        assert case.deadlines[DeadlineKind.COMPLETION].due_date == date(2025, 10, 27)
        assert case.due_date == date(2025, 10, 27)
        actions = [(e.action, e.article) for e in case.events]
    assert ("request_redo", "YJ12345 art. 20") in actions
    assert ("approve_redo", "YJ12345 art. 20") in actions


def test_yj12345_art_20_only_a_supervisor_decides_a_redo(world: World) -> None:
    case_id = evaluated_complaint(world)
    handling.request_redo(world.svc, world.clerk, case_id, "仍未解决")
    assert Action.DECIDE_REDO not in case_view.case_detail(world.svc, world.clerk, case_id).actions
    assert Action.DECIDE_REDO in case_view.case_detail(world.svc, world.supervisor, case_id).actions
    with pytest.raises(PermissionDenied):
        handling.decide_redo(world.svc, world.clerk, case_id, approve=False, note="不同意")
    handling.decide_redo(world.svc, world.supervisor, case_id, approve=False, note="已依政策答复")
    detail = case_view.case_detail(world.svc, world.clerk, case_id)
    assert detail.state is CaseState.EVALUATED
    assert detail.redo_requests[-1].status is RequestStatus.REFUSED


def test_yj12345_art_20_one_redo_only_and_satisfaction_is_the_last_evaluation(
    world: World,
) -> None:
    svc, clerk, lead = world.svc, world.clerk, world.supervisor
    case_id = evaluated_complaint(world, Satisfaction.VERY_DISSATISFIED)
    handling.request_redo(svc, clerk, case_id, "仍未解决")
    handling.decide_redo(svc, lead, case_id, approve=True, note="重新清运")
    completed(world, case_id, "2025-10-14")
    world.clock.set("2025-10-15")
    handling.record_evaluation(svc, clerk, case_id, Satisfaction.DISSATISFIED)
    with pytest.raises(TransitionError, match="重办以1次为限"):
        handling.request_redo(svc, clerk, case_id, "还是不满意")
    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        assert case.satisfaction is Satisfaction.DISSATISFIED
        assert [e.level for e in case.evaluations] == [
            Satisfaction.VERY_DISSATISFIED,
            Satisfaction.DISSATISFIED,
        ]
    handling.close(svc, clerk, case_id)


def test_jy12345_art_17_second_redo_only_when_instructions_not_followed(world: World) -> None:
    svc, clerk, lead = world.svc, world.clerk, world.supervisor
    settings.set_setting(svc, world.admin, "profile_schedule", [["2001-01-01", "jieyang-2015"]])
    case_id = evaluated_complaint(world)
    handling.request_redo(svc, clerk, case_id, "仍未解决")
    with pytest.raises(TransitionError, match="主观原因"):
        handling.decide_redo(svc, lead, case_id, approve=True, note="重办")
    handling.decide_redo(svc, lead, case_id, approve=True, note="重办", unit_fault=True)
    completed(world, case_id, "2025-10-14")
    handling.record_evaluation(svc, clerk, case_id, Satisfaction.DISSATISFIED)
    handling.request_redo(svc, clerk, case_id, "承办单位没有按要求办理")
    detail = case_view.case_detail(svc, lead, case_id)
    assert detail.redo is not None and detail.redo.needs_instructions_not_followed
    assert detail.redo.next_article == "JY12345 art. 17"
    with pytest.raises(TransitionError, match="没有按重办要求办理"):
        handling.decide_redo(svc, lead, case_id, approve=True, note="再次重办")
    handling.decide_redo(
        svc, lead, case_id, approve=True, note="再次重办", instructions_not_followed=True
    )
    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        assert case.redo_count == 2
        assert case.events[-1].article == "JY12345 art. 17"
        # complaint under jieyang-2015: 30 working days from the redo dispatch (10-14 10:00).
        assert case.deadlines[DeadlineKind.COMPLETION].amount == 30


def test_yj12345_art_6_ground_6_same_fact_after_completion_is_refused_and_linked(
    world: World,
) -> None:
    svc, clerk = world.svc, world.clerk
    earlier = evaluated_complaint(world, Satisfaction.SATISFIED)
    handling.close(svc, clerk, earlier)
    world.clock.set("2025-10-20")
    again = register(
        svc,
        clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="小区垃圾三天未清运",
            occurred="本周一至周三",
            place="江城区幸福小区",
            submitters=[
                PersonInput(
                    name="陈美玲",
                    doc_number=valid_resident_id("44170419880215004"),
                    phone="13712345678",
                )
            ],
        ),
        intake=RefuseAtIntake(
            RefusalGround.REPEAT, "同一事实和理由，已确认办结", related_case_id=earlier
        ),
    )
    detail = case_view.case_detail(svc, clerk, again.case_id)
    assert detail.state is CaseState.NOT_ACCEPTED
    assert detail.refusal_ground_label == RefusalGround.REPEAT.label
    with svc.uow(write=False) as uow:
        case = uow.get_case(again.case_id)
        earlier_number = uow.get_case(earlier).number
        assert case.related_case_id == earlier
        event = case.events[-1]
    assert event.article == "YJ12345 art. 6(6)"
    assert earlier_number in event.summary and "已确认办结" in event.summary


def test_yj12345_art_6_ground_6_while_a_redo_is_pending_the_earlier_case_is_being_handled(
    world: World,
) -> None:
    earlier = evaluated_complaint(world)
    handling.request_redo(world.svc, world.clerk, earlier, "仍未解决")
    later = new_complaint(world)
    handling.refuse(world.svc, world.clerk, later, RefusalGround.REPEAT, "重复反映", earlier)
    with world.svc.uow(write=False) as uow:
        assert "正在办理" in uow.get_case(later).events[-1].summary


def test_yj12345_art_6_ground_6_cannot_lean_on_a_case_never_accepted(world: World) -> None:
    svc, clerk = world.svc, world.clerk
    refused = new_complaint(world)
    handling.refuse(svc, clerk, refused, RefusalGround.OUTSIDE_JURISDICTION, "不属本市")
    later = new_complaint(world)
    with pytest.raises(ValidationError, match="不能作为重复诉求") as error:
        handling.refuse(svc, clerk, later, RefusalGround.REPEAT, "重复反映", refused)
    assert error.value.field == "related_case"
    with pytest.raises(ValidationError, match="自身"):
        handling.refuse(svc, clerk, later, RefusalGround.REPEAT, "重复反映", later)
    with svc.uow(write=False) as uow:
        assert uow.get_case(later).state is CaseState.REGISTERED


def test_stage_of_an_evaluation_during_redo_is_intake_only(world: World) -> None:
    case_id = evaluated_complaint(world)
    handling.request_redo(world.svc, world.clerk, case_id, "仍未解决")
    detail = case_view.case_detail(world.svc, world.clerk, case_id)
    assert detail.evaluation_stages == (EvaluationStage.INTAKE,)
    assert detail.pending_redo is not None and detail.pending_redo.reason == "仍未解决"


def test_yj12345_art_20_the_unit_gets_a_redo_notice_with_the_new_deadline(world: World) -> None:
    svc, clerk, lead = world.svc, world.clerk, world.supervisor
    case_id = evaluated_complaint(world)
    assert DocType.REDO_NOTICE not in printing.available_documents(svc, case_id)
    world.clock.set("2025-10-10", 10)
    handling.request_redo(svc, clerk, case_id, "垃圾仍未清运干净", method=ContactMethod.PHONE)
    world.clock.set("2025-10-13", 10)
    handling.decide_redo(svc, lead, case_id, approve=True, note="每日清运并拍照反馈")
    assert DocType.REDO_NOTICE in printing.available_documents(svc, case_id)
    printed = printing.issue(svc, clerk, DocType.REDO_NOTICE, case_id)
    text = "".join(
        (page.extract_text() or "").replace("\n", "").replace(" ", "")
        for page in PdfReader(io.BytesIO(printed.pdf)).pages
    )
    assert "不满意" in text and "垃圾仍未清运干净" in text
    assert "每日清运并拍照反馈" in text  # the supervisor's instructions
    assert "自重办转办起计算" in text and "第一次重办" in text
    assert "2025年10月27日" in text or "2025-10-27" in text
    # Completed again: the notice is no longer offered.
    completed(world, case_id, "2025-10-20")
    assert DocType.REDO_NOTICE not in printing.available_documents(svc, case_id)
