"""催办台账 and 奖励台账 workbooks reopened with openpyxl (JY12345 art. 19; FIRE art. 5–12; RULES §5)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from app.documents.payloads import DocType
from app.documents.workbook import FIRST_DATA_ROW, HEADER_ROW
from app.domain.errors import PermissionDenied
from app.domain.reporting import ReportPeriod, parse_period
from app.domain.rewards import ObjectionGround, PaymentMethod
from app.persistence import tables as t
from app.services import handling, ledgers, printing, rewards
from tests.conftest import World
from tests.integration.services.test_printing import REPORTER_ID, REPORTER_PHONE
from tests.integration.services.test_printing import tip_off as complaint_tip_off
from tests.integration.services.test_rewards import (
    LI_ID,
    QIAN_ID,
    SUN_ID,
    WANG_ID,
    ZHANG_ID,
    ZHOU_ID,
    decided,
    filing,
    notified,
    person_ids,
    tip_off,
)

PHONE = "13812345678"  # the reporters' phone in test_rewards.tip_off


def book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def sheet(data: bytes, name: str) -> Worksheet:
    ws = book(data)[name]
    assert isinstance(ws, Worksheet)
    return ws


def data_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)]


def xml_text(data: bytes) -> str:
    """Every part of the .xlsx, so a secret cannot hide in a style, a name or a comment."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def column(name: str, columns: tuple[Any, ...]) -> int:
    """0-based index of a header, so the tests read like the layout page."""
    return [c.header for c in columns].index(name)


R = ledgers.REMINDER_COLUMNS
D = ledgers.REWARD_DETAIL_COLUMNS
Y = ledgers.REWARD_YEAR_COLUMNS


# ----- 催办台账 ------------------------------------------------------------------------------------


def dispatched(world: World) -> int:
    """Received and dispatched on Fri 2025-09-26: 10 working days → due Thu 2025-10-16."""
    case_id = complaint_tip_off(world)
    handling.accept(world.svc, world.clerk, case_id)
    handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    return case_id


def case_number(world: World, case_id: int) -> str:
    with world.svc.uow(write=False) as uow:
        return uow.get_case(case_id).number


def reminders(world: World, period: str, today: str = "2025-11-23") -> bytes:
    world.clock.set(today)
    return ledgers.reminder_ledger_workbook(world.svc, world.clerk, parse_period(period))


def test_jy12345_art_19_reminder_ledger_lists_overdue_cases_with_reminders(world: World) -> None:
    svc = world.svc
    case_id = dispatched(world)
    world.clock.set("2025-10-20", 9)
    first = printing.issue_reminder(svc, world.clerk, case_id)
    world.clock.set("2025-10-21", 15, 30)
    second = printing.issue_reminder(svc, world.clerk, case_id)
    printing.issue(svc, world.clerk, DocType.REMINDER_NOTICE, case_id, reprint=True)  # not counted

    data = reminders(world, "2025-10")
    ws = sheet(data, ledgers.REMINDER_SHEET)
    assert ws["A2"].value == "2025年10月催办台账"
    assert ws["B3"].value == "2025-10-01 至 2025-10-31"
    assert [c.value for c in ws[HEADER_ROW]] == [c.header for c in R]
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"
    rows = data_rows(ws)
    assert len(rows) == 2
    row = rows[0]
    assert row[column("案件编号", R)] == case_number(world, case_id)
    assert row[column("类型", R)] == "举报"
    assert row[column("承办单位", R)] == "镇城建办"
    assert row[column("受理时间", R)] == datetime(2025, 9, 26, 9, 0)
    assert row[column("办结期限", R)] == datetime(2025, 10, 16)
    assert row[column("办结时间", R)] is None
    # Still open: counted to the period's end, 10-17 … 10-31 on the work calendar (RULES §2.1).
    assert row[column("超期工作日", R)] == 11
    assert row[column("超过问责期限", R)] == "是"  # JY12345 art. 19: more than 5 working days
    assert row[column("本期催办次数", R)] == 2
    assert row[column("累计催办次数", R)] == 2
    assert row[column("最近催办日期", R)] == datetime(2025, 10, 21)
    assert row[column("催办通知书文号", R)] == f"{first.number_text}、{second.number_text}"
    assert row[column("状态", R)] == "已转办"
    assert rows[1][0] == "合计（1 件）"
    assert rows[1][column("本期催办次数", R)] == 2
    assert rows[1][column("累计催办次数", R)] == 2

    due = ws.cell(FIRST_DATA_ROW, column("办结期限", R) + 1)
    assert due.number_format == "yyyy-mm-dd"
    received = ws.cell(FIRST_DATA_ROW, column("受理时间", R) + 1)
    assert received.number_format == "yyyy-mm-dd hh:mm"
    days = ws.cell(FIRST_DATA_ROW, column("超期工作日", R) + 1)
    assert days.data_type == "n" and days.number_format == "0"


def test_jy12345_art_19_days_overdue_stop_when_the_unit_submitted_its_result(
    world: World,
) -> None:
    svc = world.svc
    case_id = dispatched(world)
    world.clock.set("2025-10-22", 10)
    handling.submit_result(
        svc,
        world.clerk,
        case_id,
        handled_at=world.clock.now,
        method="现场检查",
        outcome="已清理通道",
        basis="《消防法》第二十八条",
    )
    world.clock.set("2025-10-23", 11)
    handling.review(svc, world.supervisor, case_id, passed=True)

    (row, _) = data_rows(sheet(reminders(world, "2025-10"), ledgers.REMINDER_SHEET))
    assert row[column("办结时间", R)] == datetime(2025, 10, 23, 11, 0)
    # 10-17, 10-20, 10-21, 10-22: counted to the day the accepted result was submitted.
    assert row[column("超期工作日", R)] == 4
    assert row[column("超过问责期限", R)] is None
    assert row[column("累计催办次数", R)] == 0
    assert row[column("状态", R)] == "已办结"
    # Finished before November began: not in November's ledger.
    assert data_rows(sheet(reminders(world, "2025-11"), ledgers.REMINDER_SHEET)) == [
        ("合计（0 件）", None, None, None, None, None, None, None, None, 0, 0, None, None, None)
    ]


def test_jy12345_art_19_period_boundaries_of_overdue_and_of_reminders(world: World) -> None:
    svc = world.svc
    case_id = dispatched(world)  # due 2025-10-16: overdue from 10-17
    # September ends before the deadline; the period that ends on the last day is not overdue.
    assert len(data_rows(sheet(reminders(world, "2025-09"), ledgers.REMINDER_SHEET))) == 1
    world.clock.set("2025-10-31", 23, 59)
    printing.issue_reminder(svc, world.clerk, case_id)
    world.clock.set("2025-11-01", 0, 0)
    printing.issue_reminder(svc, world.clerk, case_id)

    october = data_rows(sheet(reminders(world, "2025-10"), ledgers.REMINDER_SHEET))
    assert october[0][column("本期催办次数", R)] == 1  # 10-31 23:59 is October's
    assert october[0][column("累计催办次数", R)] == 1  # counted to the period's end
    assert october[0][column("最近催办日期", R)] == datetime(2025, 10, 31)
    november = data_rows(sheet(reminders(world, "2025-11"), ledgers.REMINDER_SHEET))
    assert november[0][column("本期催办次数", R)] == 1  # 11-01 00:00 is November's
    assert november[0][column("累计催办次数", R)] == 2
    # Open at the ledger's date (2025-11-23, a Sunday): counted to today, not to 11-30.
    assert november[0][column("超期工作日", R)] == 26
    q4 = data_rows(sheet(reminders(world, "2025Q4"), ledgers.REMINDER_SHEET))
    assert q4[0][column("本期催办次数", R)] == 2


def test_jy12345_art_19_the_last_day_itself_is_not_overdue(world: World) -> None:
    dispatched(world)  # due 2025-10-16
    world.clock.set("2025-10-16", 23, 59)
    period = ReportPeriod(
        date(2025, 10, 1), date(2025, 10, 16), "至10月16日", parse_period("2025-10").span
    )
    ws = sheet(
        ledgers.reminder_ledger_workbook(world.svc, world.clerk, period), ledgers.REMINDER_SHEET
    )
    assert data_rows(ws)[0][0] == "合计（0 件）"
    world.clock.set("2025-10-17", 0, 1)
    period = ReportPeriod(date(2025, 10, 1), date(2025, 10, 17), "至10月17日", period.span)
    ws = sheet(
        ledgers.reminder_ledger_workbook(world.svc, world.clerk, period), ledgers.REMINDER_SHEET
    )
    rows = data_rows(ws)
    assert rows[-1][0] == "合计（1 件）"
    assert rows[0][column("超期工作日", R)] == 1


def test_rules_5_fire_art_11_reminder_ledger_names_no_submitter(world: World) -> None:
    case_id = dispatched(world)
    world.clock.set("2025-10-20")
    printing.issue_reminder(world.svc, world.clerk, case_id)
    text = xml_text(reminders(world, "2025-10"))
    for secret in ("黄志明", "黄*明", REPORTER_ID, REPORTER_PHONE, REPORTER_ID[-4:]):
        assert secret not in text


def test_rules_6_reminder_ledger_of_an_empty_period_is_a_valid_workbook(world: World) -> None:
    data = reminders(world, "2024")
    ws = sheet(data, ledgers.REMINDER_SHEET)
    assert ws["A2"].value == "2024年催办台账"
    assert [c.value for c in ws[HEADER_ROW]] == [c.header for c in R]
    (totals,) = data_rows(ws)
    assert totals[0] == "合计（0 件）" and totals[column("本期催办次数", R)] == 0
    assert ws.page_setup.orientation == "landscape"


# ----- 奖励台账 ------------------------------------------------------------------------------------


def rewards_ledger(world: World, period: str, today: str = "2025-11-23") -> bytes:
    world.clock.set(today)
    return ledgers.reward_ledger_workbook(world.svc, world.supervisor, parse_period(period))


def paid(world: World) -> tuple[int, str, str]:
    """张小三's 5,000 yuan: decided 10-28, notified 10-29, collected and paid on 11-03.

    Returns the case and the numbers of the award notice and the payout receipt."""
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)
    notice = rewards.reward_document(svc, world.clerk, case_id, DocType.AWARD_NOTICE)
    (person,) = person_ids(world, case_id)
    world.clock.set("2025-11-03")
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID)
    rewards.approve_share(svc, world.admin, case_id, person)
    rewards.pay_share(
        svc,
        world.clerk,
        case_id,
        person,
        paid_on=date(2025, 11, 3),
        method=PaymentMethod.BANK_TRANSFER,
        voucher_number="JL-2025-0007",
    )
    receipt = rewards.reward_document(svc, world.clerk, case_id, DocType.PAYOUT_RECEIPT)
    return case_id, notice.number_text, receipt.number_text


def by_case(world: World, rows: list[tuple[Any, ...]], case_id: int) -> list[tuple[Any, ...]]:
    number = case_number(world, case_id)
    return [r for r in rows if r[column("案件编号", D)] == number]


def test_fire_art_5_10_reward_ledger_row_carries_decision_computation_notice_and_payout(
    world: World,
) -> None:
    case_id, notice_number, receipt_number = paid(world)
    data = rewards_ledger(world, "2025")
    ws = sheet(data, ledgers.REWARD_DETAIL_SHEET)
    assert [c.value for c in ws[HEADER_ROW]] == [c.header for c in D]
    rows = data_rows(ws)
    (row,) = by_case(world, rows, case_id)
    assert row[0] == 1
    assert row[column("隐患类别", D)] == "占用、堵塞、封闭消防车通道"
    assert row[column("被举报单位", D)] == "兴旺五金店"
    assert row[column("举报人", D)] == "张小三"
    assert row[column("证件号码", D)] == ZHANG_ID[:4] + "*" * 10 + ZHANG_ID[-4:]
    assert row[column("署名顺序", D)] == 1
    assert row[column("处罚决定书文号", D)] == "阳江消行罚决字〔2025〕0101号"
    # FIRE art. 5: 10 % of the 50,000-yuan fine.
    assert row[column("罚款金额（元）", D)] == 50_000
    assert row[column("按比例计（元）", D)] == 5_000
    assert row[column("本案奖励（元）", D)] == 5_000
    assert row[column("应分金额（元）", D)] == 5_000
    assert row[column("核定金额（元）", D)] == 5_000
    assert row[column("年度上限核减", D)] is None
    steps = row[column("计算过程", D)]
    assert "按罚款的10%计" in steps and "FIRE art. 5" in steps and "5,000.00" in steps
    assert row[column("决定结果", D)].startswith("奖励")
    assert row[column("决定人", D)] == world.supervisor.display_name
    assert row[column("决定时间", D)] == datetime(2025, 10, 28, 10, 0)
    assert row[column("送达时间", D)] == datetime(2025, 10, 29, 10, 0)
    assert row[column("送达方式", D)] == "电话通知"
    assert row[column("通知书文号", D)] == notice_number
    assert row[column("领取期限", D)] == datetime(2025, 11, 28)
    assert row[column("领取时间", D)] == datetime(2025, 11, 3, 10, 0)
    assert row[column("身份核验人", D)] == world.clerk.display_name
    assert row[column("审批人", D)] == world.admin.display_name
    assert row[column("审批时间", D)] == datetime(2025, 11, 3, 10, 0)
    assert row[column("发放日期", D)] == datetime(2025, 11, 3)
    assert row[column("发放人", D)] == world.clerk.display_name
    assert row[column("发放方式", D)] == "银行转账"
    assert row[column("发放凭证号", D)] == "JL-2025-0007"
    assert row[column("签收单文号", D)] == receipt_number
    assert row[column("已发放金额（元）", D)] == 5_000
    assert row[column("计入年度上限", D)] == "是"
    assert row[column("奖金状态", D)] == "已发放"
    assert row[column("奖励状态", D)] == "已发放"
    assert row[column("终止原因", D)] is None
    assert row[column("申诉", D)] is None
    assert rows[-1][0] == "合计（1 条）"

    fine = ws.cell(FIRST_DATA_ROW, column("罚款金额（元）", D) + 1)
    assert fine.data_type == "n" and fine.number_format == "#,##0.00"
    paid_on = ws.cell(FIRST_DATA_ROW, column("发放日期", D) + 1)
    assert paid_on.number_format == "yyyy-mm-dd"
    decided_at = ws.cell(FIRST_DATA_ROW, column("决定时间", D) + 1)
    assert decided_at.number_format == "yyyy-mm-dd hh:mm"


def test_fire_art_6_joint_report_one_row_per_share_and_totals(world: World) -> None:
    paid(world)
    world.clock.set("2025-10-28")
    joint = decided(
        world, 1_000_010, unit="金沙湾酒店", reporters=(("李小四", LI_ID), ("王五六", WANG_ID))
    )
    rows = data_rows(sheet(rewards_ledger(world, "2025"), ledgers.REWARD_DETAIL_SHEET))
    shares = by_case(world, rows, joint)
    assert [r[column("举报人", D)] for r in shares] == ["李小四", "王五六"]
    assert [r[column("署名顺序", D)] for r in shares] == [1, 2]
    # RULES §4.3: 100,001 fen split equally, the remainder fen to the first-named.
    assert [r[column("应分金额（元）", D)] for r in shares] == pytest.approx([500.01, 500.0])
    assert [r[column("本案奖励（元）", D)] for r in shares] == pytest.approx([1000.01, 1000.01])
    assert "联名举报2人平均分配" in shares[0][column("计算过程", D)]
    assert [r[column("奖金状态", D)] for r in shares] == ["待领取", "待领取"]
    totals = rows[-1]
    assert totals[0] == "合计（3 条）"
    assert totals[column("核定金额（元）", D)] == pytest.approx(6000.01)
    assert totals[column("已发放金额（元）", D)] == pytest.approx(5000.0)


def test_fire_art_8_10_12_refused_waived_cancelled_fraudulent_and_anonymous_rows(
    world: World,
) -> None:
    svc = world.svc
    waived = decided(world, unit="海景酒楼", reporters=(("赵大七", LI_ID),))
    cancelled = decided(world, unit="利民超市", reporters=(("钱老八", QIAN_ID),))
    fraudulent = decided(world, unit="百佳商场", reporters=(("孙小九", SUN_ID),))
    refused = tip_off(world, unit="东方KTV", reporters=(("吴十二", WANG_ID),))
    rewards.open_claim(svc, world.clerk, refused)
    rewards.record_verification(svc, world.clerk, refused, filing(5_000_000))
    rewards.decide(
        svc, world.supervisor, refused, clue_already_known=True, already_under_investigation=False
    )
    anonymous = tip_off(world, unit="南山网吧", reporters=())
    rewards.open_claim(svc, world.clerk, anonymous)
    rewards.record_verification(svc, world.clerk, anonymous, filing(5_000_000))
    rewards.decide(
        svc,
        world.supervisor,
        anonymous,
        clue_already_known=False,
        already_under_investigation=False,
    )
    notified(world, waived)
    notified(world, refused)
    world.clock.set("2025-11-05")
    rewards.receive_objection(
        svc, world.clerk, refused, ObjectionGround.NOT_ELIGIBLE, "线索此前未被掌握"
    )
    rewards.mark_fraudulent(svc, world.supervisor, fraudulent, "举报材料系伪造")
    world.clock.set("2025-11-29")
    assert sorted(rewards.expire_overdue(svc, world.clerk)) == sorted([waived, cancelled])

    rows = data_rows(sheet(rewards_ledger(world, "2025"), ledgers.REWARD_DETAIL_SHEET))

    def one(case_id: int) -> tuple[Any, ...]:
        (row,) = by_case(world, rows, case_id)
        return row

    row = one(waived)
    assert (row[column("奖金状态", D)], row[column("奖励状态", D)]) == (
        "视为放弃",
        "逾期未领视为放弃",
    )
    assert row[column("核定金额（元）", D)] == 5_000 and row[column("计入年度上限", D)] is None
    assert row[column("已发放金额（元）", D)] is None
    row = one(cancelled)
    assert (row[column("奖金状态", D)], row[column("奖励状态", D)]) == ("作废", "无法联系已取消")
    assert row[column("终止原因", D)]  # the reason recorded (FIRE art. 10)
    row = one(fraudulent)
    assert row[column("奖励状态", D)] == "弄虚作假不予发放"
    assert row[column("终止原因", D)] == "举报材料系伪造"
    row = one(refused)
    assert row[column("奖励状态", D)] == "不予奖励"
    assert (
        row[column("决定结果", D)].startswith("不予奖励：")
        and "FIRE art. 8" in row[column("决定结果", D)]
    )
    assert row[column("核定金额（元）", D)] == 0
    assert row[column("申诉", D)] == "2025-11-05 对不予奖励决定申诉：待复核"
    row = one(anonymous)
    assert row[column("举报人", D)] == "（匿名）" and row[column("证件号码", D)] is None
    assert "FIRE art. 7" in row[column("决定结果", D)]


def test_fire_art_5_totals_per_reporter_and_year_against_the_profile_cap(world: World) -> None:
    svc = world.svc
    paid(world)
    world.clock.set("2025-10-28")
    capped = decided(world, 30_000_000, unit="南华宾馆", reporters=(("周十一", ZHOU_ID),))
    nothing = decided(world, 5_000_000, unit="新城网吧", reporters=(("周十一", ZHOU_ID),))
    assert rewards.get_claim(svc, nothing).shares[0].amount_fen == 0  # FIRE art. 5: cut to 0
    # An award decided in 2026 belongs to 张小三's 2026 row.
    world.clock.set("2026-01-05")
    next_year = tip_off(world, unit="海滨酒店")
    rewards.open_claim(svc, world.clerk, next_year)
    world.clock.set("2026-01-06")
    rewards.record_verification(
        svc, world.clerk, next_year, filing(2_000_000, closing="2025-12-29", filed="2026-01-05")
    )
    rewards.decide(
        svc,
        world.supervisor,
        next_year,
        clue_already_known=False,
        already_under_investigation=False,
    )
    assert capped

    rules = svc.profiles.get("yangjiang-2022").rewards
    assert rules is not None
    cap = rules.yearly_cap_fen.value / 100

    data = rewards_ledger(world, "2025", today="2026-02-01")
    ws = sheet(data, ledgers.REWARD_YEAR_SHEET)
    assert [c.value for c in ws[HEADER_ROW]] == [c.header for c in Y]
    rows = data_rows(ws)
    got = {(r[1], r[3]): r for r in rows[:-1]}
    assert set(got) == {("周十一", 2025), ("张小三", 2025)}
    zhang = got[("张小三", 2025)]
    assert zhang[2] == ZHANG_ID[:4] + "*" * 10 + ZHANG_ID[-4:]
    # 2025 counted up to the period's end: the 2026 award is not in it.
    assert zhang[4:] == (1, 5_000, 5_000, cap, cap - 5_000)
    zhou = got[("周十一", 2025)]
    assert zhou[4:] == (1, 30_000, 0, cap, 0)  # his second award came to nothing
    assert rows[-1][0] == "合计（2 人次）"
    assert rows[-1][4:7] == (2, 35_000, 5_000)
    assert ws.cell(FIRST_DATA_ROW, 8).number_format == "#,##0.00"

    # 2026's ledger: 张小三's 2026 award, 10 % of 20,000 yuan, against a fresh cap.
    rows = data_rows(
        sheet(rewards_ledger(world, "2026", today="2026-02-01"), ledgers.REWARD_YEAR_SHEET)
    )
    assert [r[1:] for r in rows[:-1]] == [
        ("张小三", ZHANG_ID[:4] + "*" * 10 + ZHANG_ID[-4:], 2026, 1, 2_000, 0, cap, cap - 2_000)
    ]


def test_fire_art_5_10_period_boundaries_decision_in_later_step_in(world: World) -> None:
    case_id, _, _ = paid(world)  # decided 10-28, notified 10-29, paid 11-03
    world.clock.set("2025-10-28")
    later = decided(world, unit="金沙湾酒店", reporters=(("李小四", LI_ID),))  # nothing after

    def listed(period: str) -> set[str]:
        rows = data_rows(sheet(rewards_ledger(world, period), ledgers.REWARD_DETAIL_SHEET))
        return {r[column("案件编号", D)] for r in rows[:-1]}

    paid_number, later_number = case_number(world, case_id), case_number(world, later)
    assert listed("2025-09") == set()  # before the decision: nothing
    assert listed("2025-10") == {paid_number, later_number}
    assert listed("2025-11") == {paid_number}  # a later step (the payout) brings it in
    assert listed("2025-12") == set()


def test_rules_5_reward_ledger_is_internal_and_shows_no_full_id_number(world: World) -> None:
    paid(world)
    world.clock.set("2025-10-28")
    decided(world, 1_000_010, unit="金沙湾酒店", reporters=(("李小四", LI_ID), ("王五六", WANG_ID)))
    data = rewards_ledger(world, "2025")
    workbook = book(data)
    assert workbook.sheetnames == [ledgers.REWARD_DETAIL_SHEET, ledgers.REWARD_YEAR_SHEET]
    for ws in workbook.worksheets:
        assert isinstance(ws, Worksheet)
        assert str(ws["A2"].value).endswith("（内部资料 不得外传）")
        assert ws.oddHeader.center.text == ledgers.INTERNAL_MARKING
    assert workbook[ledgers.REWARD_DETAIL_SHEET]["A2"].value == (
        "2025年火灾隐患举报奖励台账（内部资料 不得外传）"
    )
    text = xml_text(data)
    for secret in (ZHANG_ID, LI_ID, WANG_ID, PHONE):
        assert secret not in text
    assert "张小三" in text  # internal: the full name, as decided (RULES §5)
    # RULES §5: the unmasked export is logged.
    with world.svc.uow(write=False) as uow:
        logged = uow.session.execute(
            select(t.events.c.actor_id, t.events.c.article, t.events.c.case_id).where(
                t.events.c.action == ledgers.EXPORT_EVENT
            )
        ).all()
    assert [tuple(r) for r in logged] == [(world.supervisor.user_id, "FIRE art. 11", None)]


def test_rules_5_clerk_is_refused_the_reward_ledger(world: World) -> None:
    period = parse_period("2025")
    with pytest.raises(PermissionDenied):
        ledgers.reward_ledger_workbook(world.svc, world.clerk, period)
    ledgers.reward_ledger_workbook(world.svc, world.admin, period)  # admins may
    with world.svc.uow(write=False) as uow:
        actors = uow.session.execute(
            select(t.events.c.actor_id).where(t.events.c.action == ledgers.EXPORT_EVENT)
        ).scalars()
        assert list(actors) == [world.admin.user_id]


def test_rules_6_reward_ledger_of_an_empty_period_is_a_valid_workbook(world: World) -> None:
    data = rewards_ledger(world, "2024")
    detail = sheet(data, ledgers.REWARD_DETAIL_SHEET)
    (totals,) = data_rows(detail)
    assert totals[0] == "合计（0 条）"
    assert totals[column("核定金额（元）", D)] == 0
    yearly = sheet(data, ledgers.REWARD_YEAR_SHEET)
    assert data_rows(yearly) == [("合计（0 人次）", None, None, None, 0, 0, 0, None, None)]


def test_reward_ledger_progress_is_reported_and_a_cancel_writes_nothing(world: World) -> None:
    paid(world)
    seen: list[tuple[int, int]] = []

    def watch(done: int, total: int, note: str) -> None:
        seen.append((done, total))

    rewards_ledger(world, "2025")  # the default: nobody watching
    ledgers.reward_ledger_workbook(
        world.svc, world.supervisor, parse_period("2025"), progress=watch
    )
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] - 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int, note: str) -> None:
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        ledgers.reward_ledger_workbook(
            world.svc, world.supervisor, parse_period("2025"), progress=cancel
        )
    with world.svc.uow(write=False) as uow:
        count = len(
            uow.session.execute(
                select(t.events.c.id).where(t.events.c.action == ledgers.EXPORT_EVENT)
            ).all()
        )
    assert count == 2  # the two finished exports, not the cancelled one
