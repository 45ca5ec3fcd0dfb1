"""Loading an official holiday schedule: provisional deadlines become firm, every move is an event."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest

from app.calendar import DueDate
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.rewards import ClaimState, NoticeMethod, Verification
from app.domain.vocabulary import HazardCategory, Kind
from app.persistence.types import SHANGHAI
from app.services import calendar_admin, handling, queries, rewards
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id


def test_rules_2_1_due_counts_working_and_natural_days(world: World) -> None:
    assert str(calendar_admin.due(world.svc, date(2025, 9, 26), 10)) == "2025-10-16"
    assert str(calendar_admin.due(world.svc, date(2025, 12, 31), 5)) == "2026-01-08"
    # 30 natural days after 2025-09-01 is 10-01, a holiday: rolls to 10-09 (民法典 art. 203).
    assert calendar_admin.due(world.svc, date(2025, 9, 1), 30, natural=True).day == date(
        2025, 10, 9
    )
    assert calendar_admin.due(world.svc, date(2026, 12, 28), 5).provisional


def write_2027(tmp_path: Path, workdays: list[str]) -> Path:
    path = tmp_path / "2027.json"
    path.write_text(
        json.dumps(
            {
                "year": 2027,
                "source": "国办发明电〔2026〕测试号",
                "holidays": [
                    "2027-01-01",
                    "2027-02-08",
                    "2027-02-09",
                    "2027-02-10",
                    "2027-02-11",
                    "2027-02-12",
                ],
                "workdays": workdays,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def test_rules_2_1_loading_2027_recomputes_provisional_deadlines(
    world: World, tmp_path: Path
) -> None:
    svc = world.svc
    world.clock.set("2026-12-24")
    case_id = register(
        svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="路面塌陷",
            occurred="12月23日",
            place="人民路",
            submitters=[PersonInput(name="赵六", doc_type=None, phone="13500001111")],
        ),
    ).case_id
    handling.accept(svc, world.clerk, case_id)
    handling.dispatch(svc, world.clerk, case_id, world.unit_a.id)
    (row,) = queries.case_rows(svc, [case_id])
    assert row.due_provisional

    with pytest.raises(PermissionDenied):
        calendar_admin.load_schedule(svc, world.clerk, write_2027(tmp_path, []))
    # Make Sunday 2027-01-03 a working day: the 10 working days end one day earlier.
    loaded = calendar_admin.load_schedule(svc, world.admin, write_2027(tmp_path, ["2027-01-03"]))
    assert loaded.cases_recomputed == 1
    (row,) = queries.case_rows(svc, [case_id])
    assert not row.due_provisional
    assert not svc.calendar.is_provisional_year(2027)
    last = queries.timeline(svc, case_id)[-1]
    assert last.action == "recompute_deadlines" and "2027年节假日安排更新" in last.summary


def test_bad_schedule_file_is_refused_and_nothing_changes(world: World, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        calendar_admin.load_schedule(world.svc, world.admin, write_2027(tmp_path, ["2027-03-03"]))
    assert world.svc.calendar.is_provisional_year(2027)


def notified_tip_off(world: World, *, verified: bool, notice: str) -> int:
    """A fire tip-off decided at the end of 2026 whose decision reached the reporter on ``notice``."""
    svc = world.svc
    world.clock.set("2026-11-02")
    case_id = register(
        svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防车通道被货物堵塞",
            occurred="2026-11-01",
            place="江城区东风路12号",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
            evidence="现场照片3张",
            submitters=[
                PersonInput(
                    name="张小三",
                    doc_number=valid_resident_id("44170219900101123"),
                    phone="13812345678",
                )
            ],
        ),
    ).case_id
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2026-12-28")
    rewards.record_verification(
        svc,
        world.clerk,
        case_id,
        Verification(
            verified=verified,
            penalty_imposed=verified,
            decision_number="阳江消行罚决字〔2026〕0101号" if verified else "",
            decision_date=date(2026, 12, 18) if verified else None,
            fine_fen=5_000_000 if verified else 0,
            brigade="江城区消防救援大队",
            closing_date=date(2026, 12, 21),
            filed_on=date(2026, 12, 28),
        ),
    )
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=False, already_under_investigation=False
    )
    world.clock.set(notice, 11)
    rewards.notify(
        svc,
        world.clerk,
        case_id,
        NoticeMethod.PHONE,
        datetime.combine(date.fromisoformat(notice), time(10), SHANGHAI),
    )
    return case_id


def test_rules_2_1_loading_2027_recounts_the_collection_and_objection_days_of_reward_claims(
    world: World, tmp_path: Path
) -> None:
    svc = world.svc
    award = notified_tip_off(world, verified=True, notice="2027-01-12")
    refusal = notified_tip_off(world, verified=False, notice="2027-01-12")
    claim = rewards.get_claim(svc, award)
    assert claim.state is ClaimState.NOTIFIED
    # FIRE art. 10: 30 days after Tue 2027-01-12 is Thu 02-11, a working day while 2027 is
    # provisional (the package's Spring Festival days off end on 02-10).
    assert claim.collect_by == DueDate(date(2027, 2, 11), provisional=True)
    assert rewards.get_claim(svc, refusal).objection_due == DueDate(date(2027, 2, 11), True)

    world.clock.set("2027-01-20")
    # The official schedule gives 02-08 to 02-12 off: the period ends on Mon 02-15.
    loaded = calendar_admin.load_schedule(svc, world.admin, write_2027(tmp_path, []))
    assert loaded.claims_recomputed == 2
    claim = rewards.get_claim(svc, award)
    assert claim.collect_by == DueDate(date(2027, 2, 15), provisional=False)
    assert claim.objection_due == DueDate(date(2027, 2, 15), provisional=False)
    refused = rewards.get_claim(svc, refusal)
    assert refused.objection_due == DueDate(date(2027, 2, 15), provisional=False)
    assert refused.collect_by is None
    last = queries.timeline(svc, award)[-1]
    assert (last.action, last.article) == ("recompute_deadlines", "RULES §2.1")
    assert "2027年节假日安排更新" in last.summary
    assert "领奖期限 2027-02-11（暂定） → 2027-02-15" in last.summary
    # The collection queue at the counter shows the new day.
    (row,) = rewards.queue(svc, rewards.Stage.NOTIFIED)
    assert row.collect_by == date(2027, 2, 15)

    # Loading the same schedule again moves nothing.
    assert calendar_admin.load_schedule(svc, world.admin, write_2027(tmp_path, [])) == (
        calendar_admin.ScheduleLoaded(2027, 0, 0)
    )
