"""Loading an official holiday schedule: provisional deadlines become firm, every move is an event."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.vocabulary import Kind
from app.services import calendar_admin, handling, queries
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World


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
