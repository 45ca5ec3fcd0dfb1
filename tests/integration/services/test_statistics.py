"""The statistics workbook from a real database, reopened with openpyxl (RULES §6; issue 7)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.workbook import FIRST_DATA_ROW, HEADER_ROW, Ratio
from app.domain import statistics as st
from app.domain.cases import EvaluationStage
from app.domain.reporting import parse_period
from app.domain.vocabulary import ContactMethod, Kind, RefusalGround, Satisfaction
from app.services import handling, printing
from app.services import statistics as stats
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World
from tests.integration.services.test_handling import new_complaint

OCTOBER = parse_period("2025-10")
SHEETS = ["总表", "按单位", "按类型", "按渠道", "按隐患类别", "不予受理", "按日受理", "口径说明"]


def on(world: World, day: str, hour: int = 10) -> None:
    world.clock.set(day, hour)


def complete(world: World, case_id: int, day: str) -> None:
    on(world, day)
    handling.submit_result(
        world.svc,
        world.clerk,
        case_id,
        handled_at=world.clock.now,
        method="现场处理并电话答复诉求人",
        outcome="已处理",
        basis="《城市市容和环境卫生管理条例》",
    )
    handling.review(world.svc, world.supervisor, case_id, passed=True)


def october(world: World) -> dict[str, int]:
    """Five cases around October 2025 (10-01…10-08 holidays, Sat 10-11 a working day).

    By hand, for October:
      A  complaint, 09-30 dispatched to 城建办, done 10-20 (due 10-21), 满意 10-22
      B  complaint, 10-09 to 城建办, contact 10-13 (due 10-10: late), due 10-22, still open:
         overdue; 催办通知书 10-27; an intake evaluation (not counted)
      C  feedback, 10-10, not accepted on ground (1)
      D  consultation, 10-13, answered at the counter
      E  complaint, 10-14 to 城建办, returned 10-15 to 应急管理办, contact 10-16 (due 10-16),
         extended 3 wd (due 10-29 → 11-03), done 10-30, 不满意 10-31, redo approved 10-31
    """
    svc, clerk, lead = world.svc, world.clerk, world.supervisor
    on(world, "2025-09-30")
    a = new_complaint(world)
    handling.accept(svc, clerk, a)
    handling.dispatch(svc, clerk, a, world.unit_a.id)
    on(world, "2025-10-09", 9)
    handling.record_contact(svc, clerk, a, ContactMethod.PHONE, "已联系")

    b = new_complaint(world)
    handling.accept(svc, clerk, b)
    handling.dispatch(svc, clerk, b, world.unit_a.id)
    handling.record_evaluation(
        svc, clerk, b, Satisfaction.VERY_SATISFIED, stage=EvaluationStage.INTAKE
    )
    on(world, "2025-10-10")
    c = register(
        svc,
        clerk,
        RegistrationForm(
            kind=Kind.FEEDBACK,
            content="外市道路破损",
            occurred="上周",
            place="外市某路",
            submitters=[PersonInput(name="周文", phone="13912345678")],
        ),
    ).case_id
    handling.refuse(svc, clerk, c, RefusalGround.OUTSIDE_JURISDICTION, "不属本市管辖")
    on(world, "2025-10-13")
    handling.record_contact(svc, clerk, b, ContactMethod.PHONE, "已联系")
    d = register(
        svc, clerk, RegistrationForm(kind=Kind.CONSULTATION, content="社保卡怎么办")
    ).case_id
    handling.answer_at_once(svc, clerk, d, "携带身份证到社保窗口办理")

    on(world, "2025-10-14")
    e = new_complaint(world)
    handling.accept(svc, clerk, e)
    handling.dispatch(svc, clerk, e, world.unit_a.id)
    on(world, "2025-10-15")
    handling.request_return(svc, clerk, e, "不属本单位职责", "镇机构职能规定")
    handling.approve_return(svc, lead, e, world.unit_b.id, "改派应急办")
    on(world, "2025-10-16")
    handling.record_contact(svc, clerk, e, ContactMethod.PHONE, "已联系")

    complete(world, a, "2025-10-20")
    on(world, "2025-10-20", 15)
    handling.request_extension(svc, clerk, e, 3, "需协调多部门", "YJ12345 第九条")
    handling.decide_extension(svc, lead, e, approve=True, note="同意")
    on(world, "2025-10-22")
    handling.record_evaluation(svc, clerk, a, Satisfaction.SATISFIED)
    on(world, "2025-10-27")
    printing.issue_reminder(svc, clerk, b)
    complete(world, e, "2025-10-30")
    on(world, "2025-10-31", 9)
    handling.record_evaluation(svc, clerk, e, Satisfaction.DISSATISFIED)
    handling.request_redo(svc, clerk, e, "问题仍未解决")
    on(world, "2025-10-31", 11)
    handling.decide_redo(svc, lead, e, approve=True, note="重新协调")
    on(world, "2025-11-05")
    return {"A": a, "B": b, "C": c, "D": d, "E": e}


# Column order of the dimension sheets: name, the 16 counts, the four rates.
#                 登 受 不 转 退 延 办 按 超 重 催 联 应 已 评 满
EXPECTED_TOTAL = (4, 3, 1, 2, 1, 1, 3, 3, 1, 1, 1, 1, 3, 2, 2, 1)
EXPECTED_RATES = (1 / 2, 2 / 3, 3 / 3, 1 / 2)  # 响应率, 办结率, 按期办结率, 满意率
EXPECTED_UNITS = {
    # 城建办: A (done, due, 满意), B (everything open), E's return.
    "镇城建办": (1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 2, 1, 1, 1),
    # 应急管理办: E.
    "镇应急管理办": (1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0),
    # C refused, D answered at the counter.
    stats.NOT_DISPATCHED: (2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0),
}


def book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def sheet(wb: Workbook, name: str) -> Worksheet:
    ws = wb[name]
    assert isinstance(ws, Worksheet)
    return ws


def data_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)]


def test_rules_6_compute_statistics_gives_the_hand_computed_figures(world: World) -> None:
    october(world)
    report = stats.compute_statistics(world.svc, OCTOBER)
    total = report.total
    counts = tuple(getattr(total, attr) for _, attr in stats.COUNT_COLUMNS)
    assert counts == EXPECTED_TOTAL
    assert total.refused_on(RefusalGround.OUTSIDE_JURISDICTION) == 1
    assert stats.rates(total) == {
        "响应率": Ratio(1, 2),
        "办结率": Ratio(2, 3),
        "按期办结率": Ratio(3, 3),
        "满意率": Ratio(1, 2),
    }
    by_unit = {
        name: tuple(getattr(m, a) for _, a in stats.COUNT_COLUMNS) for name, m in report.by_unit
    }
    assert by_unit == EXPECTED_UNITS
    assert report.over and report.as_of.isoformat() == "2025-11-01T00:00:00+08:00"
    assert [p.key for p in report.profiles] == ["yangjiang-2022"]
    assert report.case_profile_keys == ("yangjiang-2022",)
    assert report.calendar_years == (stats.CalendarYear(2025, False),)


def test_rules_6_statistics_workbook_sheets_counts_rates_and_totals(world: World) -> None:
    october(world)
    wb = book(stats.statistics_workbook(world.svc, world.supervisor, OCTOBER))
    assert wb.sheetnames == SHEETS

    summary = sheet(wb, "总表")
    assert summary["A2"].value == "2025年10月受理办理情况统计（月度）"
    assert summary["B3"].value == "2025-10-01 至 2025-10-31"
    assert summary["B5"].value == world.supervisor.display_name
    assert [c.value for c in summary[HEADER_ROW]] == [c.header for c in stats.SUMMARY_COLUMNS]
    rows = data_rows(summary)
    assert [r[2] for r in rows[:11]] == list(EXPECTED_TOTAL[:11])
    assert [r[1] for r in rows[11:]] == ["响应率", "办结率", "按期办结率", "满意率"]
    assert [(r[3], r[4]) for r in rows[11:]] == [(1, 2), (2, 3), (3, 3), (1, 2)]
    assert [r[5] for r in rows[11:]] == [pytest.approx(x, abs=1e-4) for x in EXPECTED_RATES]
    assert summary.cell(FIRST_DATA_ROW + 11, 6).number_format == "0.0%"

    units = sheet(wb, "按单位")
    assert units["A2"].value == "2025年10月受理办理情况统计（月度）——按单位"
    assert [c.value for c in units[HEADER_ROW]] == [c.header for c in stats.UNIT_COLUMNS]
    rows = data_rows(units)
    assert [r[0] for r in rows] == ["镇城建办", "镇应急管理办", stats.NOT_DISPATCHED, "合计"]
    for row in rows[:3]:
        assert row[1:17] == EXPECTED_UNITS[row[0]]
    assert rows[3][1:17] == EXPECTED_TOTAL
    # 城建办: 响应率 0/1, 办结率 1/2, 按期 1/1, 满意 1/1; 应急管理办: 满意 0/1.
    assert rows[0][17:] == (0, 0.5, 1, 1)
    assert rows[1][17:] == (1, None, 1, 0)  # nothing due there: no 办结率, not 0 %
    # The totals row's rates are over all rows, not the average of the rows' rates.
    assert rows[3][17:] == tuple(pytest.approx(x, abs=1e-4) for x in EXPECTED_RATES)
    totals_row = FIRST_DATA_ROW + 3
    for column in range(18, 22):
        assert units.cell(totals_row, column).number_format == "0.0%"
        assert units.cell(FIRST_DATA_ROW, column).number_format == "0.0%"
    assert units.cell(FIRST_DATA_ROW, 2).number_format == "0"

    kinds = data_rows(sheet(wb, "按类型"))
    assert [r[0] for r in kinds] == [k.label for k in Kind] + ["合计"]
    by_kind = {r[0]: r for r in kinds}
    assert by_kind["投诉"][1:5] == (2, 2, 0, 2)  # B and E received, accepted, dispatched
    assert by_kind["咨询"][7] == 1 and by_kind["反映"][3] == 1
    assert kinds[-1][1:17] == EXPECTED_TOTAL
    channels = data_rows(sheet(wb, "按渠道"))
    assert len(channels) == 8 + 1 and channels[-1][1:17] == EXPECTED_TOTAL
    hazards = data_rows(sheet(wb, "按隐患类别"))
    assert len(hazards) == 10 + 1 and hazards[-1][1:17] == (0,) * 16
    assert hazards[-1][17:] == (None,) * 4

    refusals = data_rows(sheet(wb, "不予受理"))
    assert [r[0] for r in refusals[:7]] == list(range(1, 8))
    assert refusals[0][1:] == (
        RefusalGround.OUTSIDE_JURISDICTION.label,
        "YJ12345 art. 6(1)",
        1,
    )
    assert refusals[-1] == ("合计", None, None, 1)

    daily = sheet(wb, "按日受理")
    rows = data_rows(daily)
    assert len(rows) == 31 + 1
    assert [c.value for c in daily[HEADER_ROW]] == ["日期", *(k.label for k in Kind), "登记合计"]
    assert daily.cell(FIRST_DATA_ROW, 1).number_format == "yyyy-mm-dd"
    by_day = {r[0].day: r for r in rows[:-1]}
    assert by_day[9][-1] == 1 and by_day[10][-1] == 1 and by_day[13][-1] == 1
    assert by_day[14][1 + list(Kind).index(Kind.COMPLAINT)] == 1
    assert rows[-1][0] == "合计" and rows[-1][-1] == 4


def test_rules_6_charts_are_native_and_read_the_data_rows(world: World) -> None:
    october(world)
    wb = book(stats.statistics_workbook(world.svc, world.supervisor, OCTOBER))
    (bar,) = sheet(wb, "按单位")._charts
    assert type(bar).__name__ == "BarChart"
    last = FIRST_DATA_ROW + 2  # three unit rows; the totals row is not charted
    assert [s.val.numRef.f for s in bar.series] == [
        f"'按单位'!${col}${FIRST_DATA_ROW}:${col}${last}" for col in ("S", "T", "U")
    ]
    assert [s.tx.strRef.f for s in bar.series] == [
        f"'按单位'!{col}{HEADER_ROW}" for col in ("S", "T", "U")
    ]
    assert bar.y_axis.numFmt.formatCode == "0%"
    (line,) = sheet(wb, "按日受理")._charts
    assert type(line).__name__ == "LineChart"
    (series,) = line.series
    assert series.val.numRef.f == f"'按日受理'!$H${FIRST_DATA_ROW}:$H${FIRST_DATA_ROW + 30}"


def definitions(wb: Workbook) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in data_rows(sheet(wb, "口径说明")):
        found.setdefault(row[0], []).append(row[1])
    return found


def test_rules_6_definitions_sheet_states_rates_decisions_profile_and_calendar(
    world: World,
) -> None:
    october(world)
    wb = book(stats.statistics_workbook(world.svc, world.supervisor, OCTOBER))
    ws = sheet(wb, "口径说明")
    assert [c.value for c in ws[HEADER_ROW]] == ["项目", "说明", "依据"]
    found = definitions(wb)
    for rate in st.RATE_DEFINITIONS:
        (text,) = found[rate.name]
        assert rate.text in text and rate.rules_text in text
    for decision in st.COUNTING_DECISIONS:
        assert decision.text in found[decision.name]
    (profile,) = found["规则配置"]
    assert "yangjiang-2022" in profile and "阳江市（2022）" in profile
    assert "失效" not in profile  # October 2025: YJ12345 still in force (to 2025-12-09)
    assert found["节假日日历"] == ["2025年：正式（国务院办公厅公布的放假安排）"]
    assert "暂定日历" not in found


def test_rules_2_1_a_provisional_calendar_year_is_said_and_a_lapsed_profile_warned(
    world: World,
) -> None:
    # 2027's holiday schedule is not known to the calendar yet.
    wb = book(stats.statistics_workbook(world.svc, world.clerk, parse_period("2027Q1")))
    found = definitions(wb)
    assert found["节假日日历"] == [
        "2027年：暂定（国务院办公厅放假安排尚未导入，按法定节假日推算，不含调休）"
    ]
    assert found["暂定日历"] == ["含暂定日历年份：2027年，期限可能变动"]
    (profile,) = found["规则配置"]
    assert "已于 2025-12-09 失效" in profile
    assert wb.sheetnames[6] == "按月受理"
    months = data_rows(sheet(wb, "按月受理"))
    assert [r[0] for r in months] == ["2027年1月", "2027年2月", "2027年3月", "合计"]


def test_rules_6_an_empty_period_gives_a_valid_workbook_with_zero_counts_and_no_rates(
    world: World,
) -> None:
    october(world)
    wb = book(stats.statistics_workbook(world.svc, world.clerk, parse_period("2024-06")))
    assert wb.sheetnames == SHEETS
    rows = data_rows(sheet(wb, "总表"))
    assert [r[2] for r in rows[:11]] == [0] * 11
    assert [(r[3], r[4], r[5]) for r in rows[11:]] == [(0, 0, None)] * 4
    units = data_rows(sheet(wb, "按单位"))
    # Every active unit is listed even without figures; nobody is "not dispatched".
    assert [r[0] for r in units] == ["镇城建办", "镇应急管理办", "合计"]
    assert units[-1][1:] == (0,) * 16 + (None,) * 4
    assert data_rows(sheet(wb, "不予受理"))[-1] == ("合计", None, None, 0)


def test_rules_6_a_period_not_over_is_judged_at_generation_time(world: World) -> None:
    october(world)
    on(world, "2025-10-21", 12)
    # Judged at 10-21 noon: A (10-20) and D (10-13) done, B not overdue yet (due 10-22), E extended (10-20);
    # A's evaluation, the reminder and E's completion and redo come later.
    report = stats.compute_statistics(world.svc, OCTOBER)
    assert not report.over
    total = report.total
    assert (total.received, total.completed, total.overdue, total.extended) == (4, 2, 0, 1)
    assert (total.evaluated, total.reminders, total.redone) == (0, 0, 0)
    assert (total.due, total.due_completed) == (3, 2)  # A, B, D due in October; B not done
    assert stats.period_text(report) == (
        "2025-10-01 至 2025-10-31（期间未结束，统计截至 2025-10-21 12:00）"
    )


def test_rules_6_progress_is_reported_and_may_cancel(world: World) -> None:
    seen: list[tuple[int, int, str]] = []
    stats.statistics_workbook(
        world.svc, world.clerk, OCTOBER, progress=lambda *args: seen.append(args)
    )
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert all(note for _, _, note in seen)

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int, note: str) -> None:
        if done == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        stats.statistics_workbook(world.svc, world.clerk, OCTOBER, progress=cancel)
