"""The import's batch registration against the counter's: the same case, read back the same way."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.people import DocumentType
from app.domain.vocabulary import Channel, HazardCategory, Kind, Priority
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services import case_view, imports, queries
from app.services.audit import verify_chain
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

RECEIVED = datetime(2025, 9, 25, 16, 45, tzinfo=SHANGHAI)
# Pairs of IDs that differ only in the sequence digits: same birth date, sex and region.
COUNTER_IDS = (valid_resident_id("44170219900307123"), valid_resident_id("44170219851111002"))
IMPORT_IDS = (valid_resident_id("44170219900307153"), valid_resident_id("44170219851111022"))


def forms(ids: tuple[str, str]) -> list[RegistrationForm]:
    return [
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="东风路路灯不亮已一周，夜间行人摔倒",
            channel=Channel.UPSTREAM,
            submitters=[
                PersonInput(
                    name="张三丰", doc_number=ids[0], phone="13812345678", address="东风路1号"
                )
            ],
            occurred="2025年9月20日起",
            place="江城区东风路",
            request="尽快修复",
        ),
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="某酒店安全出口被杂物堵死",
            priority=Priority.URGENT,
            channel=Channel.UPSTREAM,
            submitters=[PersonInput(name="李四", doc_number=ids[1], phone="0662-3312345")],
            occurred="昨晚",
            reported_unit_name="江城某酒店",
            reported_unit_address="江城区东风路2号",
            hazard_category=HazardCategory.EVACUATION_BLOCKED,
            evidence="现场照片3张",
        ),
        RegistrationForm(
            kind=Kind.SUGGESTION, content="建议在镇文化广场增设公共厕所", channel=Channel.UPSTREAM
        ),
    ]


def as_order(number: str, form: RegistrationForm) -> dict[str, object]:
    person = form.submitters[0] if form.submitters else None
    return {
        "工单编号": number,
        "工单时间": RECEIVED.replace(tzinfo=None),
        "诉求类型": form.kind.label,
        "紧急程度": form.priority.label,
        "诉求人姓名": person.name if person else None,
        "证件号码": person.doc_number if person else None,
        "联系电话": person.phone if person else None,
        "联系地址": person.address if person and person.address else None,
        "发生时间": form.occurred or None,
        "发生地点": form.place or None,
        "诉求内容": form.content,
        "诉求人要求": form.request or None,
        "被举报单位名称": form.reported_unit_name or None,
        "被举报单位地址": form.reported_unit_address or None,
        "火灾隐患类别": str(form.hazard_category.value) if form.hazard_category else None,
        "证据说明": form.evidence or None,
    }


def without(value: Any, *names: str) -> dict[str, Any]:
    data = dataclasses.asdict(value) if dataclasses.is_dataclass(value) else dict(value)
    return {k: v for k, v in data.items() if k not in names}


def stored(world: World, table: Any, column: Any, value: object) -> list[dict[str, Any]]:
    with world.svc.uow(write=False) as uow:
        return [
            dict(r) for r in uow.session.execute(select(table).where(column == value)).mappings()
        ]


def test_a_batch_registered_case_reads_back_as_the_counters(world: World, tmp_path: Path) -> None:
    # At the counter, when the hotline's orders were received …
    world.clock.set("2025-09-25", 16, 45)
    counter = [register(world.svc, world.clerk, form) for form in forms(COUNTER_IDS)]
    # … and the same orders imported the next morning (YJ12345 art. 14: received when sent).
    world.clock.set("2025-09-26", 9)
    path = tmp_path / "工单.xlsx"
    path.write_bytes(
        imports.template_workbook(
            [as_order(f"YJ-{i}", form) for i, form in enumerate(forms(IMPORT_IDS), start=1)]
        )
    )
    outcome = imports.import_orders(world.svc, world.clerk, path)
    assert outcome.rejected == () and len(outcome.created) == 3
    assert [c.case_number for c in outcome.created] == [
        "TD01-20250926-0001",
        "TD01-20250926-0002",
        "TD01-20250926-0003",
    ]

    for registered, created in zip(counter, outcome.created, strict=True):
        at_counter = case_view.case_detail(world.svc, world.supervisor, registered.case_id)
        imported = case_view.case_detail(world.svc, world.supervisor, created.case_id)
        different = ("id", "number", "query_code", "submitters", "linked", "first_case_number")
        assert without(imported, *different) == without(at_counter, *different)
        assert [without(s, "doc_number") for s in imported.submitters] == [
            without(s, "doc_number") for s in at_counter.submitters
        ]
        assert len(imported.query_code) == len(at_counter.query_code)

        [row_counter, row_imported] = queries.case_rows(
            world.svc, [registered.case_id, created.case_id]
        )
        assert without(row_imported, "id", "number") == without(row_counter, "id", "number")

        # The timeline: the counter's registration, then the import's own note.
        counter_timeline = queries.timeline(world.svc, registered.case_id)
        imported_timeline = queries.timeline(world.svc, created.case_id)
        assert imported_timeline[:-1] == counter_timeline
        assert imported_timeline[-1].action == "import_order"
        assert imported_timeline[-1].details["order_number"] == created.order_number

        # The stored clocks and people, column by column.
        clocks = [
            stored(world, t.deadlines, t.deadlines.c.case_id, case_id)
            for case_id in (registered.case_id, created.case_id)
        ]
        assert [without(d, "id", "case_id") for d in clocks[1]] == [
            without(d, "id", "case_id") for d in clocks[0]
        ]
        cases = [
            stored(world, t.cases, t.cases.c.id, case_id)[0]
            for case_id in (registered.case_id, created.case_id)
        ]
        assert without(cases[1], "id", "number", "query_code") == without(
            cases[0], "id", "number", "query_code"
        )

    for counter_id, import_id in zip(COUNTER_IDS, IMPORT_IDS, strict=True):
        [person_counter] = stored(world, t.persons, t.persons.c.doc_number, counter_id)
        [person_imported] = stored(world, t.persons, t.persons.c.doc_number, import_id)
        assert person_imported["doc_type"] is DocumentType.RESIDENT_ID
        assert without(person_imported, "id", "doc_number") == without(
            person_counter, "id", "doc_number"
        )
    assert verify_chain(world.svc, world.admin).ok


def test_the_counter_numbers_on_after_an_import(world: World, tmp_path: Path) -> None:
    path = tmp_path / "工单.xlsx"
    path.write_bytes(
        imports.template_workbook([as_order(f"YJ-{i}", f) for i, f in enumerate(forms(IMPORT_IDS))])
    )
    register(world.svc, world.clerk, forms(COUNTER_IDS)[2])
    outcome = imports.import_orders(world.svc, world.clerk, path)
    after = register(world.svc, world.clerk, forms(COUNTER_IDS)[0])
    assert [c.case_number[-4:] for c in outcome.created] == ["0002", "0003", "0004"]
    assert after.number == "TD01-20250926-0005"
    with world.svc.uow(write=False) as uow:
        codes = uow.session.execute(select(t.cases.c.query_code)).scalars().all()
    assert len(set(codes)) == len(codes) == 5
