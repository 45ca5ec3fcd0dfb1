"""One realistic sample of every printed document, for tests, `towndesk print-samples` and the gallery.

Dates are worked out from ``today`` with the working-day calendar (RULES §2.1), so a sample printed
on any day looks like a document of that day. The people, units and places are invented; the
centre is a made-up town of 江城区, Yangjiang.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.calendar import WorkCalendar
from app.documents.payloads import (
    AwardNoticeData,
    AwardStep,
    DeadlineLine,
    DisclosureData,
    DisclosureRow,
    DispatchOrderData,
    DocType,
    DocumentMeta,
    ExtensionNoticeData,
    Letterhead,
    MaterialsData,
    NonAwardNoticeData,
    NonAwardReason,
    ObjectionResultData,
    Payload,
    PayoutReceiptData,
    PayoutShare,
    ReceiptData,
    RedoNoticeData,
    RefusalData,
    ReminderData,
    ResultNoticeData,
)
from app.documents.text import plain_date
from app.domain.people import mask_id, mask_name, mask_phone
from app.domain.vocabulary import HazardCategory, RefusalGround

LETTERHEAD = Letterhead(
    centre_name="阳江市江城区某镇便民服务中心",
    address="阳江市江城区某镇人民路1号",
    phone="0662-3312345",
    number_prefix="江城便民",
)
CENTRE_CODE = "JCZ01"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# The sample reporter: tests check that no unit-facing document carries any of these.
REPORTER_NAME = "陈志强"
REPORTER_PHONE = "13923456781"
REPORTER_ID = "441702198506154314"
SECOND_REPORTER_NAME = "林秀梅"
SECOND_REPORTER_ID = "441702199003022520"

UNIT_NAME = "某镇综合行政执法办公室"
BRIGADE = "阳江市江城区消防救援大队"
REPORTED_UNIT = "江城区某镇好运来百货商行"
REPORTED_ADDRESS = "阳江市江城区某镇新市街28号"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI)


def _due(day: date) -> str:
    return f"{plain_date(day)}前"


def sample_documents(today: date) -> list[tuple[DocumentMeta, Payload]]:
    """One sample per DocType, plus an anonymous receipt and a reprint (补打) of a receipt."""
    cal = WorkCalendar()
    # Received two working days ago, so that deadlines, reminders and results make sense today.
    received_day = today - timedelta(days=3)
    received = _at(received_day, 9, 35)
    dispatched = _at(received_day, 15, 20)
    dispatch_due = cal.add_working_days(received_day, 1)
    completion_due = cal.add_working_days(received_day, 10)
    year = today.year
    number = f"{CENTRE_CODE}-{received_day:%Y%m%d}-0012"
    query = "7KQ2MX"

    def meta(doc_type: DocType, sequence: int, *, reprint: bool = False) -> DocumentMeta:
        return DocumentMeta(doc_type, LETTERHEAD, year, sequence, today, reprint=reprint)

    fire_deadlines = (
        DeadlineLine(
            "转至承办单位",
            _due(dispatch_due.day),
            "YJ12345 art. 9(1)2",
            dispatch_due.provisional,
        ),
        DeadlineLine(
            "承办单位办结",
            f"{plain_date(completion_due.day)}前（确需延期的，最长不超过15个工作日）",
            "YJ12345 art. 9(1)2",
            completion_due.provisional,
        ),
        DeadlineLine(
            "查处结果反馈",
            "消防救援机构处罚结案备案后15个工作日内",
            "FIRE art. 9",
        ),
    )
    summary = (
        f"反映{REPORTED_UNIT}（{REPORTED_ADDRESS}）将二楼安全出口用货架堵塞，"
        "楼梯间堆放大量纸箱等可燃物，疏散通道宽度不足半米，存在火灾隐患。"
    )
    receipt = ReceiptData(
        case_number=number,
        query_code=query,
        kind_label="举报",
        priority_label="普通",
        channel_label="来访",
        received_at=received,
        submitter_names=(REPORTER_NAME,),
        submitter_phone_masked=mask_phone(REPORTER_PHONE),
        summary=summary,
        deadlines=fire_deadlines,
        fire_tip_off=True,
        clerk_name="黄丽娟",
        profile_name="阳江市（2022）",
    )
    anon_number = f"{CENTRE_CODE}-{received_day:%Y%m%d}-0013"
    anonymous_receipt = ReceiptData(
        case_number=anon_number,
        query_code="H3WT9P",
        kind_label="投诉",
        priority_label="普通",
        channel_label="来电",
        received_at=_at(received_day, 10, 12),
        submitter_names=(),
        submitter_phone_masked="",
        summary="反映某镇新市街夜市大排档每晚营业至凌晨二时，油烟直排、噪声扰民，要求依法整治。",
        deadlines=(
            DeadlineLine(
                "转至承办单位",
                _due(dispatch_due.day),
                "YJ12345 art. 9(1)2",
                dispatch_due.provisional,
            ),
            DeadlineLine(
                "承办单位办结",
                f"{plain_date(completion_due.day)}前（确需延期的，最长不超过15个工作日）",
                "YJ12345 art. 9(1)2",
                completion_due.provisional,
            ),
        ),
        fire_tip_off=False,
        clerk_name="黄丽娟",
        profile_name="阳江市（2022）",
    )
    refusal = RefusalData(
        case_number=f"{CENTRE_CODE}-{received_day:%Y%m%d}-0015",
        addressee="李国华",
        received_at=_at(received_day, 14, 5),
        summary="要求本中心责令其前雇主支付拖欠的工资及经济补偿金。",
        ground_number=int(RefusalGround.OTHER_PROCEDURE),
        ground_label=RefusalGround.OTHER_PROCEDURE.label,
        ground_article=RefusalGround.OTHER_PROCEDURE.article,
        reason="该劳动争议已由江城区劳动人事争议仲裁委员会立案受理（江劳人仲案字〔2026〕第318号），正在仲裁程序中。",
    )
    supply_by = cal.add_working_days(today, 5)
    materials = MaterialsData(
        case_number=f"{CENTRE_CODE}-{received_day:%Y%m%d}-0016",
        query_code="P8FN4C",
        addressee="王美玲",
        received_at=_at(received_day, 11, 20),
        summary="申请临时救助",
        items=(
            "申请人居民身份证复印件（正反面），提交的复印件字迹模糊，请重新复印",
            "户口簿复印件（户主页及本人页）",
            "近6个月家庭收入情况说明，须由村（居）民委员会签署意见并加盖公章",
            "医疗费用票据原件及出院小结（因病申请救助的）",
        ),
        supply_by=supply_by.day,
        supply_period_text="5个工作日",
        article="STD item 6",
    )
    dispatch = DispatchOrderData(
        case_number=number,
        unit_name=UNIT_NAME,
        kind_label="举报",
        priority_label="普通",
        channel_label="来访",
        received_at=received,
        dispatched_at=dispatched,
        occurred=f"{plain_date(received_day - timedelta(days=1))}下午起持续至今",
        place=REPORTED_ADDRESS,
        content=summary,
        request="要求依法查处，督促该商行立即清理安全出口和疏散通道。",
        reported_unit_name=REPORTED_UNIT,
        reported_unit_address=REPORTED_ADDRESS,
        hazard_category_label=HazardCategory.EVACUATION_BLOCKED.label,
        deadlines=(
            DeadlineLine(
                "申请退回",
                f"{plain_date(cal.add_working_days(received_day, 2).day)}前",
                "YJ12345 art. 10",
            ),
            DeadlineLine(
                "首次联系诉求人", "收到本单后1个工作日内（经本中心联系）", "YJ12345 art. 11(1)"
            ),
            fire_deadlines[1],
        ),
        designated=False,
        anonymous=False,
    )
    extension = ExtensionNoticeData(
        case_number=f"{CENTRE_CODE}-{received_day - timedelta(days=14):%Y%m%d}-0007",
        addressee="张丽华",
        unit_name="某镇农业农村办公室",
        original_due=plain_date(cal.add_working_days(received_day - timedelta(days=14), 5).day),
        new_due=plain_date(cal.add_working_days(received_day - timedelta(days=14), 10).day),
        extra_working_days=5,
        reason="需委托有资质的检测机构对灌溉水渠渗漏段进行现场检测，检测报告出具时间较长。",
        basis="诉求涉及现场鉴定检测，属于确因特殊情况不能在原定期限内办结的情形，延期后未超过该类事项的最长办理时限",
        article="YJ12345 art. 9",
    )
    result = ResultNoticeData(
        case_number=f"{CENTRE_CODE}-{received_day - timedelta(days=10):%Y%m%d}-0004",
        query_code="M5RB2K",
        addressee="周建明",
        summary="反映某镇红星村至新圩路段路灯已损坏一个多月，夜间出行不便，要求尽快修复。",
        unit_name="某镇规划建设办公室",
        handled_at=_at(received_day, 16, 30),
        method="现场核查，组织维修单位更换损坏灯具，并电话回复诉求人",
        outcome="经现场核查，该路段共有7盏路灯因线路老化损坏。我办已于当日组织维修单位更换灯具和老化线路，现已全部恢复照明，并将该路段纳入每月巡查范围。",
        basis="《城市道路照明设施管理规定》及镇人民政府路灯管理维护工作职责分工",
    )
    redo = RedoNoticeData(
        case_number=f"{CENTRE_CODE}-{received_day - timedelta(days=20):%Y%m%d}-0009",
        unit_name="某镇市场监督管理所",
        summary="反映某镇墟市一肉档使用未经检定的电子秤，短斤少两。",
        previous_outcome="已电话联系商户，要求其规范经营。",
        reason="诉求人反映承办单位未到现场核查，未对电子秤进行检定，办理结果未回应诉求。",
        instructions="到现场核查该肉档计量器具，依法组织检定；查实违法的依法处理，并将核查情况和处理依据书面反馈。",
        new_due=plain_date(cal.add_working_days(today, 10).day),
        article="YJ12345 art. 20",
    )
    reminder_received = today - timedelta(days=21)
    reminder_due = cal.add_working_days(reminder_received, 10)
    reminder = ReminderData(
        case_number=f"{CENTRE_CODE}-{reminder_received:%Y%m%d}-0003",
        unit_name="某镇生态环境办公室",
        unit_leader="吴振华",
        summary="反映某镇工业园一家石材加工厂将污水直排入漠阳江支流，河水浑浊发白。",
        received_by_unit=reminder_received,
        due=plain_date(reminder_due.day),
        working_days_overdue=cal.working_days_between(reminder_due.day, today),
        reminders_before=2,
        accountability_after=plain_date(cal.add_working_days(reminder_due.day, 5).day),
    )
    collect_by = cal.add_natural_days(today, 30)
    award = AwardNoticeData(
        case_number=number,
        addressee=REPORTER_NAME,
        brigade=BRIGADE,
        penalty_decision="阳江城消行罚决字〔2026〕第0158号",
        fine_fen=50_000_00,
        steps=(
            AwardStep("罚款金额", 50_000_00, "FIRE art. 5"),
            AwardStep("按罚款金额的10%计算", 5_000_00, "FIRE art. 5"),
            AwardStep("每个案件最低奖励100元（已高于最低额）", 5_000_00, "FIRE art. 5"),
            AwardStep("本年度已获奖励1,200.00元，累计不超过30,000元", 5_000_00, "FIRE art. 5"),
        ),
        award_fen=5_000_00,
        collect_by=collect_by.day,
        collect_place=f"{BRIGADE}（阳江市江城区东风二路66号）",
        bring=(
            "本人有效居民身份证原件",
            "本通知书",
            "本人名下银行卡或存折（用于转账发放）",
        ),
    )
    non_award = NonAwardNoticeData(
        case_number=f"{CENTRE_CODE}-{received_day - timedelta(days=40):%Y%m%d}-0021",
        addressee="梁伟东",
        reasons=(
            NonAwardReason(
                "经核查，被举报单位在你举报前已被消防救援机构立案查处，尚未结案，该线索事先已被掌握。",
                "FIRE art. 8",
            ),
            NonAwardReason("同一火灾隐患已有他人先于你举报，奖励第一举报人。", "FIRE art. 6"),
        ),
        object_by=cal.add_natural_days(today, 30).day,
        object_where="本中心窗口（或书面寄送本中心）",
    )
    payout = PayoutReceiptData(
        case_number=f"{CENTRE_CODE}-{received_day - timedelta(days=60):%Y%m%d}-0030",
        award_fen=1_250_01,
        decision_number="江城便民奖〔2026〕5号",
        shares=(
            PayoutShare(REPORTER_NAME, mask_id(REPORTER_ID), 625_01),
            PayoutShare(SECOND_REPORTER_NAME, mask_id(SECOND_REPORTER_ID), 625_00),
        ),
        paid_on=today,
        paid_by="黄丽娟",
    )
    objection = ObjectionResultData(
        case_number=f"{CENTRE_CODE}-{received_day - timedelta(days=50):%Y%m%d}-0026",
        addressee="欧阳建华",
        objection_received=today - timedelta(days=9),
        objected_to="本中心作出的奖励金额决定（江城便民奖〔2026〕3号，核定奖励100.00元）",
        upheld=False,
        reasons=(
            "原决定按罚款金额1,000元的10%核定奖励，但同一案件另有一份罚款金额为8,000元的处罚决定"
            "（阳江城消行罚决字〔2026〕第0121号）未计入。两份决定所涉罚款合计9,000元，"
            "应按其10%核定奖励900元。"
        ),
        new_award_fen=900_00,
        article="FIRE art. 5",
        reviewer_title="中心副主任",
    )
    disclosure = DisclosureData(
        year=year - 1 if today.month < 3 else year,
        rows=tuple(
            DisclosureRow(mask_name(name), category.label, amount, decided, case)
            for name, category, amount, decided, case in (
                (
                    REPORTER_NAME,
                    HazardCategory.EVACUATION_BLOCKED,
                    5_000_00,
                    date(year, 3, 12),
                    f"{CENTRE_CODE}-{year}0218-0006",
                ),
                (
                    "林秀梅",
                    HazardCategory.FIRE_ACCESS_BLOCKED,
                    100_00,
                    date(year, 4, 2),
                    f"{CENTRE_CODE}-{year}0311-0014",
                ),
                (
                    "欧阳建华",
                    HazardCategory.DANGEROUS_GOODS_WITH_DWELLINGS,
                    900_00,
                    date(year, 6, 20),
                    f"{CENTRE_CODE}-{year}0512-0026",
                ),
                (
                    "黄小梅",
                    HazardCategory.FIRE_SYSTEMS_NOT_WORKING,
                    2_350_00,
                    date(year, 8, 7),
                    f"{CENTRE_CODE}-{year}0703-0009",
                ),
                (
                    "梁明",
                    HazardCategory.CONTROL_ROOM_UNSTAFFED,
                    300_00,
                    date(year, 9, 25),
                    f"{CENTRE_CODE}-{year}0822-0031",
                ),
            )
        ),
        publish_until=today + timedelta(days=7),  # a sample: no calendar behind it
        objection_days=7,
        contact_phone=LETTERHEAD.phone,
    )
    return [
        (meta(DocType.RECEIPT, 12), receipt),
        (meta(DocType.RECEIPT, 13), anonymous_receipt),
        (meta(DocType.RECEIPT, 12, reprint=True), receipt),
        (meta(DocType.REFUSAL_NOTICE, 3), refusal),
        (meta(DocType.MATERIALS_NOTICE, 8), materials),
        (meta(DocType.DISPATCH_ORDER, 41), dispatch),
        (meta(DocType.EXTENSION_NOTICE, 5), extension),
        (meta(DocType.RESULT_NOTICE, 27), result),
        (meta(DocType.REDO_NOTICE, 2), redo),
        (meta(DocType.REMINDER_NOTICE, 6), reminder),
        (meta(DocType.AWARD_NOTICE, 9), award),
        (meta(DocType.NON_AWARD_NOTICE, 4), non_award),
        (meta(DocType.PAYOUT_RECEIPT, 7), payout),
        (meta(DocType.OBJECTION_RESULT_NOTICE, 1), objection),
        (meta(DocType.DISCLOSURE_LIST, 1), disclosure),
    ]


def sample_name(meta: DocumentMeta, payload: Payload) -> str:
    """A file name for a sample: the doc type, plus what makes a variant different."""
    name = meta.doc_type.value
    if isinstance(payload, ReceiptData) and not payload.submitter_names:
        name += "_anonymous"
    if meta.reprint:
        name += "_reprint"
    return name
