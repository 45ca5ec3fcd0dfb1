"""Excel workbooks from the services, reopened with openpyxl (RULES §5 masking, §6 layout; issue 7)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.workbook import FIRST_DATA_ROW, HEADER_ROW
from app.domain.vocabulary import HazardCategory, Kind
from app.services import queries, reports
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World
from tests.integration.services.test_rewards import (
    LI_ID,
    WANG_ID,
    ZHANG_ID,
    decided,
    tip_off,
)

PHONE = "13812345678"


def reopen(data: bytes) -> Worksheet:
    sheet = load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def data_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)]


def xml_text(data: bytes) -> str:
    """Every part of the .xlsx, so a secret cannot hide in a style, a name or a comment."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def register_with(world: World, content: str, name: str = "陈大文") -> int:
    return register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content=content,
            occurred="2025-09-25",
            place="江城区东风路12号",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
            evidence="现场照片3张",
            submitters=[PersonInput(name=name, doc_number=ZHANG_ID, phone=PHONE)],
        ),
    ).case_id


def test_rules_5_fire_art_3_disclosure_sheet_has_masked_names_only(world: World) -> None:
    decided(world)  # 张小三: 5,000.00 yuan
    decided(world, 1_000_010, unit="金沙湾酒店", reporters=(("李小四", LI_ID), ("王五六", WANG_ID)))
    data = reports.disclosure_workbook(world.svc, world.supervisor, 2025)
    ws = reopen(data)
    rows = data_rows(ws)
    expected = sorted(
        (r.masked_name, r.award_fen) for r in reports.rewards.disclosure_rows(world.svc, 2025)
    )
    assert sorted((r[1], round(r[3] * 100)) for r in rows[:-1]) == expected
    assert sorted(r[1] for r in rows[:-1]) == sorted(["张*三", "李*四", "王*六"])
    assert [r[0] for r in rows[:-1]] == [1, 2, 3]
    text = xml_text(data)
    for secret in ("张小三", "李小四", "王五六", ZHANG_ID, LI_ID, WANG_ID, PHONE, ZHANG_ID[-4:]):
        assert secret not in text


def test_rules_6_disclosure_sheet_title_block_money_and_totals(world: World) -> None:
    decided(world)
    decided(world, 1_000_010, unit="金沙湾酒店", reporters=(("李小四", LI_ID), ("王五六", WANG_ID)))
    world.clock.set("2026-01-05", 9, 30)
    ws = reopen(reports.disclosure_workbook(world.svc, world.clerk, 2025))
    assert ws.title == reports.DISCLOSURE_SHEET
    assert ws["A1"].value == "便民服务中心"  # the default centre name
    assert ws["A2"].value == "2025年度火灾隐患举报奖励公示"
    assert ws["B3"].value == "2025-01-01 至 2025-12-31"
    assert ws["B4"].value == datetime(2026, 1, 5, 9, 30)
    assert ws["B5"].value == world.clerk.display_name
    assert [c.value for c in ws[HEADER_ROW]] == [c.header for c in reports.DISCLOSURE_COLUMNS]
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"
    rows = data_rows(ws)
    amounts = sorted(r[3] for r in rows[:-1])
    assert amounts == pytest.approx([500.0, 500.01, 5000.0])
    money = ws.cell(FIRST_DATA_ROW, 4)
    assert money.data_type == "n" and money.number_format == "#,##0.00"
    decided_on = ws.cell(FIRST_DATA_ROW, 5)
    assert decided_on.value == datetime(2025, 10, 28) and decided_on.number_format == "yyyy-mm-dd"
    assert rows[-1][0] == "合计（3 人次）"
    assert rows[-1][3] == pytest.approx(6000.01)
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_fire_art_3_disclosure_of_a_year_without_rewards_is_an_empty_list_with_zero_total(
    world: World,
) -> None:
    ws = reopen(reports.disclosure_workbook(world.svc, world.clerk, 2024))
    assert data_rows(ws) == [("合计（0 人次）", None, None, 0, None, None)]


def test_rules_5_case_list_sheet_masks_identities_as_the_list_shows_them(world: World) -> None:
    first = tip_off(world)  # 张小三
    world.clock.set("2025-09-29")
    second = tip_off(world, unit="金沙湾酒店", reporters=(("李小四", LI_ID),))
    data = reports.case_list_workbook(world.svc, world.clerk, queries.CaseFilter())
    ws = reopen(data)
    assert ws.title == reports.CASE_LIST_SHEET
    assert ws["A2"].value == "案件清单"
    assert ws["B3"].value == "全部"
    assert [c.value for c in ws[HEADER_ROW]] == [c.header for c in reports.CASE_LIST_COLUMNS]
    listed = queries.case_rows(world.svc, [second, first])  # newest first, as the list
    rows = data_rows(ws)
    assert [r[1] for r in rows[:-1]] == [row.number for row in listed]
    assert [r[5] for r in rows[:-1]] == ["李*四", "张*三"]
    assert [r[5] for r in rows[:-1]] == [row.submitter for row in listed]
    assert rows[0][2] == "举报"
    assert rows[0][7] == listed[0].received_at.replace(tzinfo=None, second=0, microsecond=0)
    assert ws.cell(FIRST_DATA_ROW, 8).number_format == "yyyy-mm-dd hh:mm"
    assert rows[-1][0] == "合计（2 件）"
    text = xml_text(data)
    for secret in ("张小三", "李小四", ZHANG_ID, LI_ID, PHONE):
        assert secret not in text


def test_case_list_follows_the_filter_and_states_the_period(world: World) -> None:
    tip_off(world)
    world.clock.set("2025-10-08")
    later = tip_off(world, unit="金沙湾酒店")
    case_filter = queries.CaseFilter(received_from=date(2025, 10, 1))
    ws = reopen(reports.case_list_workbook(world.svc, world.clerk, case_filter))
    assert ws["B3"].value == "2025-10-01 至 不限"
    (number,) = [r[1] for r in data_rows(ws)[:-1]]
    assert number == queries.case_rows(world.svc, [later])[0].number


def test_rules_5_case_list_user_text_that_looks_like_a_formula_stays_text(world: World) -> None:
    register_with(world, '=HYPERLINK("http://evil.example","消防通道被堵")')
    ws = reopen(reports.case_list_workbook(world.svc, world.clerk))
    summary = ws.cell(FIRST_DATA_ROW, 12)
    assert summary.value.startswith("=HYPERLINK(")
    assert summary.data_type == "s"


def test_case_list_streamed_in_write_only_mode_is_the_same(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    for unit in ("兴旺五金店", "金沙湾酒店", "海景酒楼"):
        tip_off(world, unit=unit)
    normal = reopen(reports.case_list_workbook(world.svc, world.clerk))
    monkeypatch.setattr(reports, "LARGE_SHEET_ROWS", 1)
    monkeypatch.setattr(reports, "CASE_PAGE", 2)  # and read in pages
    streamed = reopen(reports.case_list_workbook(world.svc, world.clerk))
    assert [tuple(r) for r in streamed.iter_rows(values_only=True)] == [
        tuple(r) for r in normal.iter_rows(values_only=True)
    ]
    assert streamed.freeze_panes == normal.freeze_panes
