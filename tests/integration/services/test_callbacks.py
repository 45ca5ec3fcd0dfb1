"""Call-backs after completion through the services, on SQLite and PostgreSQL (RULES §2.2)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from app.domain.callbacks import DEEMED_LABEL, CallbackOutcome
from app.domain.errors import TransitionError, ValidationError
from app.domain.vocabulary import ContactMethod, Kind, Satisfaction
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services import callbacks, handling, queries, settings
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

FAILED = CallbackOutcome.UNREACHABLE
REACHED = CallbackOutcome.REACHED


def use_profile(world: World, key: str) -> None:
    settings.set_setting(world.svc, world.admin, "profile_schedule", [["2001-01-01", key]])


def completed_complaint(world: World, *, name: str = "陈美玲", on: str = "2025-09-29") -> int:
    """Registered on the world's first day, completed (result passed review) on ``on`` at 10:00."""
    svc, clerk = world.svc, world.clerk
    world.clock.set("2025-09-26", 9)
    case_id = register(
        svc,
        clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="小区垃圾三天未清运",
            occurred="本周一至周三",
            place="江城区幸福小区",
            submitters=[
                PersonInput(
                    name=name,
                    doc_number=valid_resident_id("44170419880215004"),
                    phone="13712345678",
                )
            ],
        ),
    ).case_id
    handling.accept(svc, clerk, case_id)
    handling.dispatch(svc, clerk, case_id, world.unit_a.id)
    world.clock.set(on, 9)
    handling.submit_result(
        svc,
        clerk,
        case_id,
        handled_at=world.clock.now,
        method="协调环卫公司增加清运频次，并电话答复诉求人",
        outcome="垃圾已清运",
        basis="《城市市容和环境卫生管理条例》第二十八条",
    )
    world.clock.set(on, 10)
    handling.review(svc, world.supervisor, case_id, passed=True)
    return case_id


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour), SHANGHAI)


def listed(world: World) -> dict[int, callbacks.CallbackRow]:
    return {row.case_id: row for row in callbacks.work_list(world.svc)}


def log(world: World, case_id: int, day: str, outcome: CallbackOutcome = FAILED, **kw: object):
    world.clock.set(day, 18)
    return callbacks.record_attempt(
        world.svc, world.clerk, case_id, outcome=outcome, at=at(day), **kw
    )


def test_jy12345_art_15_callback_due_within_3_working_days_of_completion(world: World) -> None:
    use_profile(world, "jieyang-2015")
    case_id = completed_complaint(world)  # Mon 2025-09-29
    row = listed(world)[case_id]
    # Tue 09-30, then the National Day holiday (10-01…10-08), Thu 10-09, Fri 10-10.
    assert row.call_by == date(2025, 10, 10)
    assert row.article == "JY12345 art. 15" and "3个工作日内回访" in row.rule_text
    assert row.submitter == "陈*玲" and row.phone == "137****5678"
    assert (row.attempts, row.overdue, row.days_needed) == (0, False, 3)
    world.clock.set("2025-10-09")
    assert listed(world)[case_id].due_soon
    world.clock.set("2025-10-11")
    assert listed(world)[case_id].overdue


def test_jy12345_art_15_a_late_attempt_says_so_in_the_history(world: World) -> None:
    use_profile(world, "jieyang-2015")
    case_id = completed_complaint(world)
    log(world, case_id, "2025-10-13", REACHED)
    last = queries.timeline(world.svc, case_id)[-1]
    assert last.action == "callback_attempt" and "已超过回访期限 2025-10-10" in last.summary


def test_jy12345_art_14_three_consecutive_days_unreachable_counts_as_answered(
    world: World,
) -> None:
    use_profile(world, "jieyang-2015")
    case_id = completed_complaint(world)
    first = log(world, case_id, "2025-09-30", note="无人接听")
    assert not first.deemed_answered and "已连续 1 日" in first.message
    assert listed(world)[case_id].failed_days == 1
    log(world, case_id, "2025-10-01", note="关机")
    result = log(world, case_id, "2025-10-02", note="无人接听")
    assert result.deemed_answered and DEEMED_LABEL in result.message
    assert case_id not in listed(world)
    history = queries.timeline(world.svc, case_id)
    deemed = history[-1]
    assert deemed.action == "callback_deemed_answered"
    assert deemed.summary.startswith(DEEMED_LABEL) and deemed.article == "JY12345 art. 14"
    assert "2025-09-30至2025-10-02连续3日" in deemed.summary
    attempts = [e for e in history if e.action == "callback_attempt"]
    assert [e.article for e in attempts] == ["JY12345 art. 15"] * 3
    assert callbacks.case_attempts(world.svc, case_id)[-1].deems_answered
    with pytest.raises(TransitionError, match="已视为已回访"):
        log(world, case_id, "2025-10-03")


def test_jy12345_art_14_two_days_or_days_with_a_gap_do_not_count(world: World) -> None:
    use_profile(world, "jieyang-2015")
    case_id = completed_complaint(world)
    log(world, case_id, "2025-09-30")
    log(world, case_id, "2025-10-01")
    assert listed(world)[case_id].failed_days == 2
    # No call on 10-02: the run is broken; 10-03 and 10-04 make only two days again.
    log(world, case_id, "2025-10-03")
    result = log(world, case_id, "2025-10-04")
    assert not result.deemed_answered and result.failed_days == 2
    row = listed(world)[case_id]
    assert (row.attempts, row.failed_days, row.last_outcome) == (4, 2, FAILED)


def test_yj12345_art_8_callback_after_the_result_has_no_day_limit(world: World) -> None:
    case_id = completed_complaint(world)  # yangjiang-2022, the default
    row = listed(world)[case_id]
    assert row.call_by is None and not row.overdue and row.days_needed is None
    assert row.article == "YJ12345 art. 8"
    for day in ("2025-09-30", "2025-10-01", "2025-10-02", "2025-10-03"):
        assert not log(world, case_id, day).deemed_answered
    world.clock.set("2026-01-05")
    row = listed(world)[case_id]
    assert row.attempts == 4 and not row.overdue
    events = [e for e in queries.timeline(world.svc, case_id) if e.action.startswith("callback")]
    assert {e.article for e in events} == {"YJ12345 art. 8"}


def test_rules_5_attempts_are_events_and_never_deleted(world: World) -> None:
    case_id = completed_complaint(world)
    log(world, case_id, "2025-09-30", note="关机")
    reached = log(world, case_id, "2025-10-01", REACHED, method=ContactMethod.PHONE)
    assert "请登记办结后评价" in reached.message
    row = listed(world)[case_id]
    assert row.reached and row.attempts == 2  # reached, but no evaluation yet: still listed
    handling.record_evaluation(world.svc, world.clerk, case_id, Satisfaction.SATISFIED)
    assert case_id not in listed(world)
    handling.close(world.svc, world.clerk, case_id)
    attempts = callbacks.case_attempts(world.svc, case_id)
    assert [(a.outcome, a.note, a.recorded_by) for a in attempts] == [
        (FAILED, "关机", "李窗口"),
        (REACHED, "", "李窗口"),
    ]
    history = queries.timeline(world.svc, case_id)
    summaries = [e.summary for e in history if e.action == "callback_attempt"]
    assert summaries == ["回访（电话）：未接通；关机", "回访（电话）：已接通"]
    with world.svc.uow(write=False) as uow:
        stored = uow.session.execute(select(t.callback_attempts.c.id)).all()
    assert len(stored) == 2


def test_only_completed_cases_with_a_unit_result_are_called_back(world: World) -> None:
    case_id = completed_complaint(world)
    world.clock.set("2025-09-29", 11)
    open_case = register(
        world.svc,
        world.clerk,
        RegistrationForm(kind=Kind.CONSULTATION, content="咨询居住证办理", submitters=[]),
    ).case_id
    handling.answer_at_once(world.svc, world.clerk, open_case, "已当场告知")
    # Named, but answered in person at the counter (YJ12345 art. 9): nobody to call about.
    named = register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.CONSULTATION,
            content="咨询社保卡补办",
            submitters=[PersonInput(name="周小红", phone="13912345678")],
        ),
    ).case_id
    handling.answer_at_once(world.svc, world.clerk, named, "已当场告知补办流程")
    assert set(listed(world)) == {case_id}
    for answered in (open_case, named):
        with pytest.raises(TransitionError, match="无需回访"):
            callbacks.record_attempt(world.svc, world.clerk, answered, outcome=REACHED)


def test_an_attempt_cannot_be_before_completion_or_in_the_future(world: World) -> None:
    case_id = completed_complaint(world)
    world.clock.set("2025-09-30", 10)
    with pytest.raises(ValidationError, match="不能早于办结时间"):
        callbacks.record_attempt(
            world.svc, world.clerk, case_id, outcome=FAILED, at=at("2025-09-29", 9)
        )
    with pytest.raises(ValidationError, match="不能晚于现在"):
        callbacks.record_attempt(
            world.svc, world.clerk, case_id, outcome=FAILED, at=at("2025-09-30", 11)
        )
    assert callbacks.case_attempts(world.svc, case_id) == []
