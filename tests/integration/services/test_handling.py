"""A case's whole life through the services, stored and read back, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.domain.deadlines import DeadlineKind
from app.domain.errors import TransitionError
from app.domain.vocabulary import CaseState, ContactMethod, Kind, RefusalGround, Satisfaction
from app.persistence import tables as t
from app.services import handling, queries
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id


def new_complaint(world: World) -> int:
    return register(
        world.svc,
        world.clerk,
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
    ).case_id


def state_of(world: World, case_id: int) -> CaseState:
    with world.svc.uow(write=False) as uow:
        return uow.get_case(case_id).state


def test_whole_life_is_stored_with_events_and_articles(world: World) -> None:
    svc, clerk, lead = world.svc, world.clerk, world.supervisor
    case_id = new_complaint(world)
    handling.accept(svc, clerk, case_id)
    handling.dispatch(svc, clerk, case_id, world.unit_a.id)
    world.clock.set("2025-09-26", 15)
    handling.record_contact(svc, clerk, case_id, ContactMethod.PHONE, "已电话联系诉求人")
    world.clock.set("2025-10-09")
    handling.request_extension(
        svc, clerk, case_id, 3, "需协调环卫公司", "《城市市容和环境卫生管理条例》"
    )
    handling.decide_extension(svc, lead, case_id, approve=True, note="同意")
    world.clock.set("2025-10-20")
    handling.submit_result(
        svc,
        clerk,
        case_id,
        handled_at=world.clock.now,
        method="协调环卫公司增加清运频次",
        outcome="垃圾已清运，每日清运两次",
        basis="《城市市容和环境卫生管理条例》第二十八条",
    )
    handling.review(svc, lead, case_id, passed=False, comment="未写明是否答复诉求人")
    world.clock.set("2025-10-21")
    handling.submit_result(
        svc,
        clerk,
        case_id,
        handled_at=world.clock.now,
        method="协调环卫公司增加清运频次，并电话答复诉求人",
        outcome="垃圾已清运",
        basis="《城市市容和环境卫生管理条例》第二十八条",
    )
    handling.review(svc, lead, case_id, passed=True)
    handling.record_evaluation(svc, clerk, case_id, Satisfaction.SATISFIED)
    handling.close(svc, clerk, case_id)

    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        completion = case.deadlines[DeadlineKind.COMPLETION]
        assert completion.due_date == date(2025, 10, 21)  # 10 wd + 3 wd of extension
        assert completion.was_met_in_time() is True
        assert case.deadlines[DeadlineKind.FIRST_CONTACT].was_met_in_time() is True
        assert [r.review_passed for r in case.results] == [False, True]
        assert case.state is CaseState.CLOSED
        assert case.satisfaction is Satisfaction.SATISFIED
    entries = queries.timeline(svc, case_id)
    assert [e.action for e in entries] == [
        "register",
        "accept",
        "dispatch",
        "contact",
        "request_extension",
        "approve_extension",
        "submit_result",
        "send_back",
        "submit_result",
        "review_pass",
        "evaluate",
        "close",
    ]
    assert all(e.article for e in entries)
    assert {e.actor for e in entries} == {"李窗口", "王负责"}
    assert "镇城建办" in entries[2].summary


def test_rules_2_3_return_approved_restarts_clock_in_the_store(world: World) -> None:
    svc = world.svc
    case_id = new_complaint(world)
    handling.accept(svc, world.clerk, case_id)
    handling.dispatch(svc, world.clerk, case_id, world.unit_a.id)
    world.clock.set("2025-09-28")
    handling.request_return(svc, world.clerk, case_id, "不属本单位职责", "镇机构职能规定")
    world.clock.set("2025-09-29")
    handling.approve_return(svc, world.supervisor, case_id, world.unit_b.id, "改派应急办")
    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        assert case.unit_id == world.unit_b.id
        assert case.deadlines[DeadlineKind.COMPLETION].starts_at.date() == date(2025, 9, 29)
        assert case.due_date == svc.calendar.add_working_days(date(2025, 9, 29), 10).day
        (request,) = case.return_requests
        assert (
            request.new_unit_id == world.unit_b.id
            and request.decided_by == world.supervisor.user_id
        )


def test_refusal_and_a_failed_action_leave_the_store_as_it_was(world: World) -> None:
    svc = world.svc
    case_id = new_complaint(world)
    handling.refuse(svc, world.clerk, case_id, RefusalGround.PETITION_CHANNEL, "已进入信访渠道办理")
    with svc.uow(write=False) as uow:
        events_before = len(uow.session.execute(select(t.events.c.id)).all())
    with pytest.raises(TransitionError, match="不予受理"):
        handling.dispatch(svc, world.clerk, case_id, world.unit_a.id)
    with svc.uow(write=False) as uow:
        assert len(uow.session.execute(select(t.events.c.id)).all()) == events_before
        case = uow.get_case(case_id)
        assert case.state is CaseState.NOT_ACCEPTED
        assert case.refusal_ground is RefusalGround.PETITION_CHANNEL


def test_materials_notice_then_supplied(world: World) -> None:
    svc = world.svc
    case_id = new_complaint(world)
    handling.request_materials(svc, world.clerk, case_id, ["小区物业联系方式", "现场照片"])
    assert state_of(world, case_id) is CaseState.AWAITING_MATERIALS
    world.clock.set("2025-09-30")
    handling.supply_materials(svc, world.clerk, case_id, "已补交照片")
    assert state_of(world, case_id) is CaseState.ACCEPTED


def test_dispatch_to_an_unknown_unit_is_refused(world: World) -> None:
    from app.domain.errors import ValidationError

    case_id = new_complaint(world)
    handling.accept(world.svc, world.clerk, case_id)
    with pytest.raises(ValidationError, match="承办单位"):
        handling.dispatch(world.svc, world.clerk, case_id, 9999)
    assert state_of(world, case_id) is CaseState.ACCEPTED
