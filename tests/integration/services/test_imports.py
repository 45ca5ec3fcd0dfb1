"""Importing the county hotline's work orders (YJ12345 art. 10) on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from app.documents.workbook import DATETIME_FORMAT, FIRST_DATA_ROW, HEADER_ROW
from app.domain import orders as o
from app.domain.errors import DomainError
from app.domain.persons import Person
from app.domain.vocabulary import Channel, HazardCategory, Kind, Priority
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services import imports, reports
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

ZHANG_ID = valid_resident_id("44170219900307123")
LI_ID = valid_resident_id("44170219851111002")
HEADERS = [c.header for c in o.COLUMNS]


def order(**overrides: object) -> dict[str, object]:
    """One row of the template, header → value (the world's clock stands at 2025-09-26 09:00)."""
    row: dict[str, object] = {
        "工单编号": "YJ20250925000001",
        "工单时间": datetime(2025, 9, 25, 16, 45),
        "诉求类型": "投诉",
        "紧急程度": "普通",
        "诉求人姓名": "张三丰",
        "证件号码": ZHANG_ID,
        "联系电话": "13812345678",
        "发生时间": "2025年9月20日起",
        "发生地点": "江城区东风路",
        "诉求内容": "东风路路灯不亮已一周，夜间行人摔倒",
        "诉求人要求": "尽快修复",
    }
    row.update(overrides)
    return row


def three_orders() -> list[dict[str, object]]:
    return [
        order(),
        order(
            **{
                "工单编号": "YJ20250925000002",
                "诉求类型": "建议",
                "诉求人姓名": None,
                "证件号码": None,
                "联系电话": None,
                "诉求内容": "建议在镇文化广场增设公共厕所",
            }
        ),
        order(
            **{
                "工单编号": "YJ20250925000003",
                "工单时间": datetime(2025, 9, 26, 8, 10),
                "诉求类型": "举报",
                "紧急程度": "紧急",
                "诉求人姓名": "李四",
                "证件号码": LI_ID,
                "联系电话": "0662-3312345",
                "发生地点": None,
                "诉求内容": "某酒店安全出口被杂物堵死",
                "被举报单位名称": "江城某酒店",
                "被举报单位地址": "江城区东风路2号",
                "火灾隐患类别": "2",
                "证据说明": "现场照片3张",
            }
        ),
    ]


def write(folder: Path, rows: Sequence[dict[str, object]], name: str = "工单.xlsx") -> Path:
    path = folder / name
    path.write_bytes(imports.template_workbook(rows))
    return path


def book_from(folder: Path, lines: Sequence[Sequence[Any]], name: str = "手工.xlsx") -> Path:
    """A workbook built cell by cell, the way other programs and people make them."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    for line in lines:
        sheet.append(list(line))
    path = folder / name
    book.save(path)
    return path


def counts(world: World) -> dict[str, int]:
    with world.svc.uow(write=False) as uow:
        return {
            table.name: uow.session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.cases, t.persons, t.events, t.import_batches, t.upstream_orders)
        }


def nothing_written(world: World, before: dict[str, int]) -> None:
    assert counts(world) == before
    assert not (world.svc.data_dir / imports.ARCHIVE_FOLDER).exists()


def test_template_written_and_read_back(tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(imports.template_workbook()))
    assert book.sheetnames == [o.ORDER_SHEET, o.HELP_SHEET]
    sheet = book[o.ORDER_SHEET]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1  # no example row to import by mistake
    assert sheet.column_dimensions["B"].number_format == DATETIME_FORMAT
    assert sheet.column_dimensions["A"].number_format == "@"  # order numbers kept as text
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["C2:C20001"] == '"咨询,求助,反映,投诉,举报,建议"'

    help_sheet = book[o.HELP_SHEET]
    assert [c.value for c in help_sheet[1]] == ["列名", "必填", "类型", "示例", "说明"]
    explained = {r[0]: r for r in help_sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert explained["工单编号"][1] == "必填" and explained["联系电话"][1] == "选填"
    assert explained["诉求类型"][4].startswith("填写其中之一：咨询、求助")
    time_cell = help_sheet.cell(row=HEADERS.index("工单时间") + 2, column=4)
    assert isinstance(time_cell.value, datetime) and time_cell.number_format == DATETIME_FORMAT
    assert explained[2][1] == HazardCategory.EVACUATION_BLOCKED.label

    # Filled in through the same writer: real date-times, and numbers kept as text.
    filled = load_workbook(io.BytesIO(imports.template_workbook([order()])))[o.ORDER_SHEET]
    assert filled["B2"].value == datetime(2025, 9, 25, 16, 45)
    assert filled["B2"].number_format == DATETIME_FORMAT
    assert filled["G2"].value == ZHANG_ID and filled["G2"].data_type == "s"


def test_yj12345_art_10_good_file_registers_upstream_cases_and_archives_it(
    world: World, tmp_path: Path
) -> None:
    path = write(tmp_path, three_orders())
    outcome = imports.import_orders(world.svc, world.clerk, path)

    assert outcome.summary() == "共 3 行：新建 3 件，已导入 0 行，内容有变化 0 行，未导入 0 行"
    assert outcome.rejected == () and outcome.error_workbook is None
    assert [(c.row, c.order_number) for c in outcome.created] == [
        (2, "YJ20250925000001"),
        (3, "YJ20250925000002"),
        (4, "YJ20250925000003"),
    ]
    assert outcome.created[0].case_number == "TD01-20250926-0001"

    with world.svc.uow(write=False) as uow:
        complaint = uow.get_case(outcome.created[0].case_id)
        assert complaint.channel is Channel.UPSTREAM
        assert complaint.kind is Kind.COMPLAINT
        # YJ12345 art. 14: the clock runs from the order's own time, not the import's.
        assert complaint.received_at == datetime(2025, 9, 25, 16, 45, tzinfo=SHANGHAI)
        assert complaint.registered_by == world.clerk.user_id
        assert complaint.place == "江城区东风路" and complaint.request == "尽快修复"
        assert [s.person.doc_number for s in complaint.submitters] == [ZHANG_ID]
        assert {e.action: e.article for e in complaint.events}["register"] == "YJ12345 art. 7"
        imported = [e for e in complaint.events if e.action == "import_order"]
        assert len(imported) == 1 and imported[0].article == o.ARTICLE
        assert imported[0].details["order_number"] == "YJ20250925000001"
        assert imported[0].details["batch_id"] == outcome.batch_id
        assert imported[0].at == world.clock.now

        suggestion = uow.get_case(outcome.created[1].case_id)
        assert suggestion.anonymous and suggestion.submitters == []

        tip_off = uow.get_case(outcome.created[2].case_id)
        assert tip_off.priority is Priority.URGENT
        assert tip_off.hazard_category is HazardCategory.EVACUATION_BLOCKED
        assert tip_off.place == "江城区东风路2号"  # FIRE art. 8: the reported unit's address
        assert tip_off.submitters[0].person.phone == "06623312345"

        links = uow.session.execute(
            select(t.upstream_orders.c.order_number, t.upstream_orders.c.case_id).order_by(
                t.upstream_orders.c.row_number
            )
        ).all()
    assert [tuple(r) for r in links] == [(c.order_number, c.case_id) for c in outcome.created]

    raw = path.read_bytes()
    assert outcome.sha256 == hashlib.sha256(raw).hexdigest()
    [batch] = imports.import_batches(world.svc)
    assert (batch.id, batch.file_name, batch.sha256, batch.size) == (
        outcome.batch_id,
        "工单.xlsx",
        outcome.sha256,
        len(raw),
    )
    assert batch.imported_by == "李窗口" and batch.imported_at == world.clock.now
    assert (batch.rows_total, batch.created, batch.already, batch.changed, batch.rejected) == (
        3,
        3,
        0,
        0,
        0,
    )
    assert batch.archived_file.read_bytes() == raw
    assert batch.archived_file.name == f"{outcome.sha256}.xlsx"
    assert imports.batch_cases(world.svc, batch.id)[0] == (
        2,
        "YJ20250925000001",
        "TD01-20250926-0001",
    )


def test_columns_in_another_order_extra_columns_and_a_title_block_above(
    world: World, tmp_path: Path
) -> None:
    headers = ["备注", "诉求内容", "诉求 类型", "工单号", "派单时间", "联系电话", "诉求人姓名"]
    path = book_from(
        tmp_path,
        [
            ["县12345热线转办工单"],
            [],
            headers,
            ["不导入", "路灯不亮", "咨询", "YJ-1", "2025-09-25 10:00", None, None],
            [],  # an empty line in the middle is skipped
            ["也不导入", "噪音扰民", "建议", 20250925002, datetime(2025, 9, 25, 11, 0), None, None],
        ],
    )
    outcome = imports.import_orders(world.svc, world.clerk, path)
    assert outcome.rejected == ()
    assert [(c.row, c.order_number) for c in outcome.created] == [(4, "YJ-1"), (6, "20250925002")]
    with world.svc.uow(write=False) as uow:
        first = uow.get_case(outcome.created[0].case_id)
    assert first.kind is Kind.CONSULTATION and first.content == "路灯不亮"
    assert first.received_at == datetime(2025, 9, 25, 10, 0, tzinfo=SHANGHAI)


def test_importing_the_same_file_again_creates_nothing_and_says_already_imported(
    world: World, tmp_path: Path
) -> None:
    path = write(tmp_path, three_orders())
    first = imports.import_orders(world.svc, world.clerk, path)
    before = counts(world)
    again = imports.import_orders(world.svc, world.clerk, path)
    assert again.created == ()
    assert [(a.row, a.case_number) for a in again.already] == [
        (c.row, c.case_number) for c in first.created
    ]
    assert again.summary() == "共 3 行：新建 0 件，已导入 3 行，内容有变化 0 行，未导入 0 行"
    assert "已导入（案件编号 TD01-20250926-0001）" in again.lines()[0]
    after = counts(world)
    assert after["cases"] == before["cases"] and after["upstream_orders"] == 3
    assert after["import_batches"] == 2  # every import is on record, and the file kept once
    assert len(list((world.svc.data_dir / imports.ARCHIVE_FOLDER).rglob("*.xlsx"))) == 1


def test_a_changed_row_is_reported_with_its_fields_and_not_overwritten(
    world: World, tmp_path: Path
) -> None:
    first = imports.import_orders(world.svc, world.clerk, write(tmp_path, three_orders()))
    rows = three_orders()
    rows[0]["诉求内容"] = "路灯修了一半又坏了"
    rows[0]["联系电话"] = "13900001111"
    rows[1]["联系电话"] = None  # unchanged: it was empty before too
    outcome = imports.import_orders(world.svc, world.clerk, write(tmp_path, rows, "第二次.xlsx"))
    assert [(c.row, c.case_number, c.fields) for c in outcome.changed] == [
        (2, first.created[0].case_number, ("联系电话", "诉求内容"))
    ]
    assert len(outcome.already) == 2 and outcome.created == ()
    with world.svc.uow(write=False) as uow:
        case = uow.get_case(first.created[0].case_id)
        assert case.content == "东风路路灯不亮已一周，夜间行人摔倒"
        assert case.submitters[0].person.phone == "13812345678"
        noted = [e for e in case.events if e.action == "import_order_changed"]
    assert len(noted) == 1 and "诉求内容" in noted[0].summary


def test_missing_required_headers_import_nothing(world: World, tmp_path: Path) -> None:
    before = counts(world)
    path = book_from(
        tmp_path, [["工单编号", "诉求内容", "联系电话"], ["A-1", "路灯", "13812345678"]]
    )
    with pytest.raises(DomainError, match="缺少必填列：「工单时间」、「诉求类型」"):
        imports.import_orders(world.svc, world.clerk, path)
    nothing_written(world, before)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "是空的（0 字节）"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "不是有效的 Excel 工作簿"),  # .xls
        ("工单编号,工单时间\nA-1,2025-09-25".encode(), "不是有效的 Excel 工作簿"),  # a CSV
    ],
    ids=["empty", "xls-renamed", "csv-renamed"],
)
def test_files_that_are_not_workbooks_import_nothing(
    world: World, tmp_path: Path, data: bytes, fragment: str
) -> None:
    before = counts(world)
    path = tmp_path / "工单.xlsx"
    path.write_bytes(data)
    with pytest.raises(DomainError, match=fragment):
        imports.import_orders(world.svc, world.clerk, path)
    nothing_written(world, before)


def test_a_template_with_no_rows_imports_nothing(world: World, tmp_path: Path) -> None:
    before = counts(world)
    with pytest.raises(DomainError, match="只有表头，没有工单数据"):
        imports.import_orders(world.svc, world.clerk, write(tmp_path, []))
    nothing_written(world, before)


def test_over_the_row_limit_refused_before_anything_is_written(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    before = counts(world)
    with pytest.raises(DomainError, match="超过 2 行"):
        imports.import_orders(world.svc, world.clerk, write(tmp_path, three_orders()))
    nothing_written(world, before)


def test_over_the_size_limit_refused_before_reading(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "大文件.xlsx"
    path.write_bytes(b"x" * (1024 * 1024 + 1))  # not even a workbook: the size is checked first
    before = counts(world)
    with pytest.raises(DomainError, match="超过 1 MB 的上限"):
        imports.import_orders(world.svc, world.clerk, path)
    nothing_written(world, before)


def test_bad_rows_are_refused_whole_and_good_rows_still_import(
    world: World, tmp_path: Path
) -> None:
    rows = [
        order(),  # row 2: good
        order(**{"工单编号": "B-3", "工单时间": "2025-02-30 10:00"}),  # bad date
        order(
            **{"工单编号": "B-4", "证件号码": ZHANG_ID[:-1] + ("1" if ZHANG_ID[-1] == "0" else "0")}
        ),
        order(**{"工单编号": "B-5", "诉求内容": "重复一"}),
        order(**{"工单编号": "B-5", "诉求内容": "重复二"}),
        order(**{"工单编号": "B-7", "诉求类型": "投诉", "联系电话": None, "证件号码": None}),
        order(**{"工单编号": "B-8", "诉求人姓名": "张三", "发生地点": "镇政府门口"}),
    ]
    path = write(tmp_path, rows)
    # A real formula, as Excel stores one, in row 9.
    book = load_workbook(path)
    sheet = book[o.ORDER_SHEET]
    for index, value in enumerate(order(**{"工单编号": "B-9"}).values(), start=0):
        sheet.cell(row=9, column=HEADERS.index(list(order())[index]) + 1, value=value)
    sheet.cell(row=9, column=HEADERS.index("诉求内容") + 1, value="=CONCATENATE(A2,A3)")
    book.save(path)

    outcome = imports.import_orders(world.svc, world.clerk, path)
    assert [c.row for c in outcome.created] == [2]
    problems = {(r.row, r.column): r.problem for r in outcome.rejected}
    assert "不是有效的日期" in problems[(3, "工单时间")]
    assert "校验位" in problems[(4, "证件号码")]
    assert "第 6 行" in problems[(5, "工单编号")] and "第 5 行" in problems[(6, "工单编号")]
    # The counter's rules, applied by registration itself: a complaint needs a phone
    # (YJ12345 art. 7), and one ID number is one person (RULES §5).
    assert "联系电话" in problems[(7, "联系电话")] and "YJ12345 art. 7" in problems[(7, "联系电话")]
    assert "姓名不一致" in problems[(8, "诉求人姓名")]
    assert problems[(9, "诉求内容")] == o.FORMULA_PROBLEM
    assert outcome.rejected_rows == 7
    assert outcome.summary() == "共 8 行：新建 1 件，已导入 0 行，内容有变化 0 行，未导入 7 行"
    after = counts(world)
    assert (after["cases"], after["upstream_orders"], after["persons"]) == (1, 1, 1)
    assert imports.import_batches(world.svc)[0].rejected == 7

    # The error workbook: one line per refused row, its problems, and what the row said.
    assert outcome.error_workbook is not None
    errors = load_workbook(io.BytesIO(outcome.error_workbook))[imports.ERROR_SHEET]
    header = [c.value for c in errors[HEADER_ROW]]
    assert header[:3] == ["行号", "列", "问题"] and header[3:] == HEADERS
    lines = {
        r[0]: r
        for r in errors.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)
        if isinstance(r[0], int)
    }
    assert sorted(lines) == [3, 4, 5, 6, 7, 8, 9]
    assert (
        lines[3][1] == "工单时间" and lines[3][3 + HEADERS.index("工单时间")] == "2025-02-30 10:00"
    )
    assert lines[8][3 + HEADERS.index("证件号码")] == ZHANG_ID
    formula = errors.cell(
        row=FIRST_DATA_ROW + sorted(lines).index(9), column=4 + HEADERS.index("诉求内容")
    )
    assert formula.value == "=CONCATENATE(A2,A3)" and formula.data_type == "s"  # text, inert


def test_the_error_workbook_corrected_imports_as_it_is(world: World, tmp_path: Path) -> None:
    rows = [
        order(**{"工单时间": "2025年9月31日"}),
        order(**{"工单编号": "C-2", "联系电话": "12345"}),
    ]
    outcome = imports.import_orders(world.svc, world.clerk, write(tmp_path, rows))
    assert outcome.created == () and outcome.error_workbook is not None
    book = load_workbook(io.BytesIO(outcome.error_workbook))
    sheet = book[imports.ERROR_SHEET]
    column = {c.value: c.column for c in sheet[HEADER_ROW]}
    sheet.cell(row=FIRST_DATA_ROW, column=column["工单时间"], value="2025-09-25 08:00")
    sheet.cell(row=FIRST_DATA_ROW + 1, column=column["联系电话"], value="13812345678")
    # The totals line stays: it has nothing under the template's headers, so it is skipped.
    fixed = tmp_path / "改正后.xlsx"
    book.save(fixed)
    again = imports.import_orders(world.svc, world.clerk, fixed)
    assert again.rejected == ()
    assert [c.order_number for c in again.created] == ["YJ20250925000001", "C-2"]


def test_round_trip_template_import_then_case_list_export(world: World, tmp_path: Path) -> None:
    outcome = imports.import_orders(world.svc, world.clerk, write(tmp_path, three_orders()))
    exported = load_workbook(io.BytesIO(reports.case_list_workbook(world.svc, world.clerk)))
    sheet = exported.active
    assert isinstance(sheet, Worksheet)
    header = [c.value for c in sheet[HEADER_ROW]]
    numbers = {
        r[header.index("案件编号")]
        for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)
    }
    assert {c.case_number for c in outcome.created} <= numbers


def test_same_person_on_two_rows_is_one_person(world: World, tmp_path: Path) -> None:
    register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.CONSULTATION,
            content="问路",
            submitters=[PersonInput(name="张三丰", doc_number=ZHANG_ID, phone="13812345678")],
        ),
    )
    rows = [order(), order(**{"工单编号": "D-2", "联系电话": "13900001111"})]
    outcome = imports.import_orders(world.svc, world.clerk, write(tmp_path, rows))
    assert len(outcome.created) == 2
    with world.svc.uow(write=False) as uow:
        people = uow.session.scalars(select(Person)).all()
    assert len(people) == 1 and people[0].phone == "13900001111"  # refreshed, as at the counter


def test_a_cancel_during_the_import_writes_nothing(world: World, tmp_path: Path) -> None:
    rows = [order(**{"工单编号": f"E-{i}"}) for i in range(250)]
    path = write(tmp_path, rows)
    before = counts(world)
    seen: list[tuple[int, int, str]] = []

    class Cancelled(Exception):
        pass

    def progress(done: int, total: int, note: str) -> None:
        seen.append((done, total, note))
        if done > total // 2 + 100:  # well into the writing: some cases already flushed
            raise Cancelled

    with pytest.raises(Cancelled):
        imports.import_orders(world.svc, world.clerk, path, progress=progress)
    nothing_written(world, before)
    assert seen[0] == (0, 500, "正在检查第 1/250 行")
    assert any("正在登记" in note for _d, _t, note in seen)

    # Left alone it reports up to the end and saves.
    seen.clear()
    outcome = imports.import_orders(
        world.svc, world.clerk, path, progress=lambda d, t_, n: seen.append((d, t_, n))
    )
    assert len(outcome.created) == 250 and seen[-1] == (500, 500, "正在保存")


def test_history_lists_imports_newest_first(world: World, tmp_path: Path) -> None:
    imports.import_orders(world.svc, world.clerk, write(tmp_path, three_orders()))
    world.clock.set("2025-09-27", 11)
    later = imports.import_orders(
        world.svc, world.supervisor, write(tmp_path, [order()], "二.xlsx")
    )
    history = imports.import_batches(world.svc)
    assert [(b.id, b.file_name, b.imported_by) for b in history] == [
        (later.batch_id, "二.xlsx", "王负责"),
        (history[1].id, "工单.xlsx", "李窗口"),
    ]
    assert (history[0].already, history[1].created) == (1, 3)
