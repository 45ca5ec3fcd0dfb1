"""The 工作台 figures and charts, on both databases, against the case list's own filters."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.vocabulary import ContactMethod, HazardCategory, Kind
from app.persistence.types import SHANGHAI
from app.services import dashboard, handling, queries
from app.services.dashboard import NOT_DISPATCHED, CaseSelection
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

WANG_ID = valid_resident_id("44178119750101567")
NOW = "2025-11-17"  # a Monday; the week before has no holiday


def _register(world: World, kind: Kind, content: str = "诉求内容") -> int:
    person = PersonInput(name="王建国", doc_number=WANG_ID, phone="13600001234")
    form = RegistrationForm(
        kind=kind, content=content, occurred="近日", place="城南", submitters=[person]
    )
    if kind is Kind.TIP_OFF:
        form.reported_unit_name = "金沙湾酒店"
        form.reported_unit_address = "江城区金沙路1号"
        form.hazard_category = HazardCategory.EVACUATION_BLOCKED
    return register(world.svc, world.clerk, form).case_id


def _at(world: World, day: str, hour: int, minute: int = 0) -> None:
    world.clock.set(day, hour, minute)


def populate(world: World) -> dict[str, int]:
    """Cases whose deadlines put each figure at a known value at NOW 10:00."""
    svc, clerk, ids = world.svc, world.clerk, {}
    # Either side of the chart's first day (2025-10-19 for 30 days up to 11-17), answered at
    # once so that they do not run a clock.
    for name, day, hour, minute in (
        ("before_window", "2025-10-18", 23, 50),
        ("first_day", "2025-10-19", 0, 10),
    ):
        _at(world, day, hour, minute)
        ids[name] = _register(world, Kind.CONSULTATION)
        handling.answer_at_once(svc, clerk, ids[name], "已当场答复。")

    _at(world, "2025-11-10", 9)
    ids["not_dispatched"] = _register(world, Kind.CONSULTATION)  # dispatch due 11-11
    ids["consult_a"] = _register(world, Kind.CONSULTATION)  # completion due 11-12
    ids["complaint"] = _register(world, Kind.COMPLAINT)  # completion due 11-24
    ids["feedback"] = _register(world, Kind.FEEDBACK)  # completion due 11-17
    for name, unit in (("consult_a", world.unit_a), ("complaint", world.unit_a)):
        handling.accept(svc, clerk, ids[name])
        handling.dispatch(svc, clerk, ids[name], unit.id)
    handling.accept(svc, clerk, ids["feedback"])
    handling.dispatch(svc, clerk, ids["feedback"], world.unit_b.id)

    _at(world, "2025-11-12", 10)
    handling.record_contact(svc, clerk, ids["complaint"], ContactMethod.PHONE, "已联系")
    handling.submit_result(
        svc,
        clerk,
        ids["complaint"],
        handled_at=world.clock.now,
        method="现场核查",
        outcome="已整改",
        basis="管理办法第十四条",
    )

    _at(world, "2025-11-14", 9)
    ids["tip_off"] = _register(world, Kind.TIP_OFF)
    handling.accept(svc, clerk, ids["tip_off"])
    handling.dispatch(svc, clerk, ids["tip_off"], world.unit_b.id)

    # 00:30 in Shanghai is still the day before in UTC: the chart counts it on the 15th.
    _at(world, "2025-11-15", 0, 30)
    ids["night"] = _register(world, Kind.CONSULTATION)
    handling.answer_at_once(svc, clerk, ids["night"], "已当场答复。")

    _at(world, NOW, 8, 30)
    handling.request_return(svc, clerk, ids["tip_off"], "不属本单位职责", "三定方案")
    handling.request_extension(svc, clerk, ids["feedback"], 3, "需现场测量", "管理办法第九条")
    ids["today_help"] = _register(world, Kind.HELP_REQUEST)
    _at(world, NOW, 9)
    ids["today_suggestion"] = _register(world, Kind.SUGGESTION)
    _at(world, NOW, 10)
    return ids


def _listed_by_filter(world: World, selection: CaseSelection) -> list[int]:
    assert selection.case_filter is not None
    return queries.case_ids(world.svc, selection.case_filter)


def test_figures_count_what_the_case_list_shows(world: World) -> None:
    ids = populate(world)
    data = dashboard.dashboard(world.svc, world.supervisor)

    assert list(data.intake_today.case_ids) == [ids["today_suggestion"], ids["today_help"]]
    assert list(data.due_today.case_ids) == [ids["feedback"]]
    assert set(data.due_soon.case_ids) == {
        ids["feedback"],
        ids["today_help"],
        ids["today_suggestion"],
    }
    assert set(data.overdue.case_ids) == {ids["not_dispatched"], ids["consult_a"]}
    assert set(data.waiting.case_ids) == {ids["complaint"], ids["tip_off"], ids["feedback"]}
    assert (data.waiting_results, data.waiting_returns, data.waiting_extensions) == (1, 1, 1)

    # A figure with a filter opens exactly its cases in the case list.
    for selection in (data.intake_today, data.due_soon, data.overdue):
        assert sorted(_listed_by_filter(world, selection)) == sorted(selection.case_ids)
        assert queries.count_cases(world.svc, selection.case_filter or queries.CaseFilter()) == (
            selection.count
        )
    # The others have no CaseFilter that says the same: their ids are the list.
    assert data.due_today.case_filter is None and data.waiting.case_filter is None
    assert [f.key for f in data.figures] == [
        "intake_today",
        "due_today",
        "due_soon",
        "overdue",
        "waiting",
    ]


def test_the_figures_follow_the_clock(world: World) -> None:
    ids = populate(world)
    # Next day: the feedback is overdue; today's intake is empty; yesterday's new cases are due.
    _at(world, "2025-11-18", 10)
    data = dashboard.dashboard(world.svc, world.supervisor)
    assert data.intake_today.count == 0
    assert ids["feedback"] in data.overdue.case_ids
    assert set(data.due_today.case_ids) == {ids["today_help"], ids["today_suggestion"]}


def test_waiting_is_mine_for_a_supervisor_and_the_supervisors_for_a_clerk(world: World) -> None:
    populate(world)
    lead = dashboard.dashboard(world.svc, world.supervisor)
    clerk = dashboard.dashboard(world.svc, world.clerk)
    admin = dashboard.dashboard(world.svc, world.admin)
    assert lead.waiting_is_mine and lead.waiting.label == "待我审核/审批"
    assert admin.waiting_is_mine
    assert not clerk.waiting_is_mine and clerk.waiting.label == "待负责人处理"
    assert clerk.waiting.case_ids == lead.waiting.case_ids


def test_decisions_leave_the_waiting_figure(world: World) -> None:
    ids = populate(world)
    svc, lead = world.svc, world.supervisor
    handling.review(svc, lead, ids["complaint"], passed=True, comment="符合要求")
    handling.decide_extension(svc, lead, ids["feedback"], approve=True)
    data = dashboard.dashboard(svc, lead)
    assert list(data.waiting.case_ids) == [ids["tip_off"]]
    assert (data.waiting_results, data.waiting_returns, data.waiting_extensions) == (0, 1, 0)


def test_intake_by_kind_counts_shanghai_calendar_days(world: World) -> None:
    populate(world)
    chart = dashboard.intake_by_kind(world.svc, days=30)
    assert chart.days[0] == date(2025, 10, 19) and chart.days[-1] == date(2025, 11, 17)
    assert len(chart.days) == 30
    by_day = {
        day: {kind: chart.counts[kind][i] for kind in Kind if chart.counts[kind][i]}
        for i, day in enumerate(chart.days)
    }
    assert by_day[date(2025, 10, 19)] == {Kind.CONSULTATION: 1}  # 00:10, the first day
    assert by_day[date(2025, 11, 10)] == {
        Kind.CONSULTATION: 2,
        Kind.COMPLAINT: 1,
        Kind.FEEDBACK: 1,
    }
    assert by_day[date(2025, 11, 14)] == {Kind.TIP_OFF: 1}
    assert by_day[date(2025, 11, 15)] == {Kind.CONSULTATION: 1}  # 00:30 Shanghai
    assert by_day[date(2025, 11, 17)] == {Kind.HELP_REQUEST: 1, Kind.SUGGESTION: 1}
    # Everything but the case at 23:50 the evening before the first day.
    assert chart.total() == 9
    assert chart.total(Kind.CONSULTATION) == 4
    assert dashboard.intake_by_kind(world.svc, days=1).total() == 2


def test_intake_by_kind_rejects_an_empty_window(world: World) -> None:
    with pytest.raises(ValueError):
        dashboard.intake_by_kind(world.svc, days=0)


def test_overdue_by_unit_lists_units_and_the_cases_no_unit_holds_yet(world: World) -> None:
    ids = populate(world)
    bars = dashboard.overdue_by_unit(world.svc)
    assert [(b.unit_id, b.unit_name, b.count) for b in bars] == [
        (world.unit_a.id, "镇城建办", 1),
        (None, NOT_DISPATCHED, 1),
    ]
    assert bars[0].selection.case_ids == (ids["consult_a"],)
    assert _listed_by_filter(world, bars[0].selection) == [ids["consult_a"]]
    assert bars[1].selection.case_ids == (ids["not_dispatched"],)
    assert bars[1].selection.case_filter is None
    assert sum(b.count for b in bars) == dashboard.dashboard(world.svc, world.clerk).overdue.count


def test_an_empty_centre_has_zero_everywhere(world: World) -> None:
    data = dashboard.dashboard(world.svc, world.clerk)
    assert [f.count for f in data.figures] == [0, 0, 0, 0, 0]
    assert dashboard.intake_by_kind(world.svc).total() == 0
    assert dashboard.overdue_by_unit(world.svc) == []
    assert data.as_of == datetime(2025, 9, 26, 9, 0, tzinfo=SHANGHAI) == world.svc.now()
