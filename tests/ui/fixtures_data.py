"""Builds a small, realistic TownDesk database through the services, for UI tests and screenshots."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from stdnum.cn import ric

from app.domain.users import Actor
from app.domain.vocabulary import (
    Channel,
    ContactMethod,
    HazardCategory,
    Kind,
    Priority,
    RefusalGround,
)
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI
from app.services import handling, users
from app.services.context import Services
from app.services.registration import PersonInput, RegistrationForm, register
from app.services.units import Unit, add_unit

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ui.case_list import CaseListPage
    from ui.main_window import MainWindow

# A Wednesday in 2026: yangjiang-2022 (lapsed 2025-12-09) is still in force with its warning,
# and 2027's holiday schedule is not yet published, so the calendar warns as well.
DEMO_NOW = datetime(2026, 1, 21, 10, 30, tzinfo=SHANGHAI)

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "towndesk-admin"
ADMIN_DISPLAY_NAME = "陈管理员"

# Fixed lists rather than Faker: tests search for these names and must find the same rows.
# Thirteen names against six kinds, so that every name turns up with every kind.
NAMES = [
    "李秀英",
    "王建国",
    "张伟",
    "陈美玲",
    "黄志强",
    "林晓燕",
    "吴海涛",
    "梁丽华",
    "欧阳娜娜",
    "冯家豪",
    "郑小红",
    "何振华",
    "蔡文静",
]
PLACES = ["江城区东门路", "城东街道石湾村", "南恩路菜市场", "金山路12号", "鸳鸯湖公园东门"]
CONTENTS = {
    Kind.CONSULTATION: "咨询办理居住证需要准备哪些材料，在哪个窗口办理。",
    Kind.HELP_REQUEST: "家中老人独居，近日行动不便，请求社区上门协助办理高龄津贴。",
    Kind.FEEDBACK: "路灯连续一周不亮，夜间行人经过存在安全隐患，希望尽快维修。",
    Kind.COMPLAINT: "楼下餐馆油烟直排，晚上十点后仍有噪音，影响休息，多次沟通未果。",
    Kind.TIP_OFF: "商场三楼安全出口被货物堵塞，消防通道无法通行。",
    Kind.SUGGESTION: "建议在便民服务中心增设老年人休息座椅和爱心窗口。",
}
UNITS = [
    ("ZHB", "镇综合治理办公室", "周主任", "0662-3312345"),
    ("CJB", "镇城建办", "刘主任", "0662-3312346"),
    ("SB", "镇社会事务办", "许主任", "0662-3312347"),
]


class FixedClock:
    """A clock the builder moves forward; the services read it through ``svc.clock``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class DemoData:
    svc: Services
    admin: Actor
    units: list[Unit]
    case_ids: list[int] = field(default_factory=list)


def resident_id(index: int) -> str:
    """A valid resident ID number for a person born in Yangjiang (441702) in the 1950s–1990s."""
    year = 1950 + (index * 7) % 45
    body = f"441702{year:04d}{index % 12 + 1:02d}{index % 27 + 1:02d}{index % 1000:03d}"
    # calc_check_digit ignores the last character it is given.
    return body + ric.calc_check_digit(body + "0")


def mobile(index: int) -> str:
    return f"139{index * 7919 % 100_000_000:08d}"


def open_services(url: str, data_dir: Path, now: datetime = DEMO_NOW) -> Services:
    """A migrated database whose services read a fixed clock (``svc.clock``)."""
    svc = Services.open(url, data_dir, clock=FixedClock(now))
    upgrade(svc.database)
    return svc


def create_admin(svc: Services) -> Actor:
    return users.create_first_admin(svc, ADMIN_USERNAME, ADMIN_DISPLAY_NAME, ADMIN_PASSWORD)


def _form(index: int, kind: Kind) -> RegistrationForm:
    name = NAMES[index % len(NAMES)]
    person = PersonInput(
        name=name,
        doc_number=resident_id(NAMES.index(name)),
        phone=mobile(NAMES.index(name)),
        address=f"阳江市{PLACES[index % len(PLACES)]}",
    )
    # Tip-offs and consultations come anonymously now and then (allowed for those kinds).
    anonymous = kind in (Kind.TIP_OFF, Kind.CONSULTATION) and index % 3 == 0
    form = RegistrationForm(
        kind=kind,
        content=CONTENTS[kind],
        priority=Priority.URGENT if index % 11 == 5 else Priority.NORMAL,
        channel=(Channel.WALK_IN, Channel.PHONE, Channel.WECHAT)[index % 3],
        submitters=[] if anonymous else [person],
        occurred="近一周",
        place=PLACES[index % len(PLACES)],
    )
    if kind is Kind.TIP_OFF:
        form.reported_unit_name = f"阳江市{'东南西北'[index % 4]}城商贸有限公司"
        form.reported_unit_address = f"阳江市{PLACES[(index + 1) % len(PLACES)]}"
        form.hazard_category = HazardCategory.EVACUATION_BLOCKED
    return form


def _complete(svc: Services, admin: Actor, case_id: int, received: datetime) -> None:
    """The unit calls the citizen, handles the item and the supervisor passes the result."""
    clock = svc.clock
    assert isinstance(clock, FixedClock)
    clock.now = received + timedelta(hours=2)
    handling.record_contact(
        svc, admin, case_id, ContactMethod.PHONE, "已电话联系诉求人，约定现场查看。"
    )
    clock.now = received + timedelta(days=2)
    handling.submit_result(
        svc,
        admin,
        case_id,
        handled_at=received + timedelta(days=1, hours=3),
        method="现场核查并约谈相关责任人",
        outcome="问题已整改完毕，已向诉求人反馈。",
        basis="《阳江市12345政务服务便民热线接诉即办管理办法》第十四条",
    )
    clock.now = received + timedelta(days=2, hours=1)
    handling.review(svc, admin, case_id, passed=True, comment="办理结果符合要求。")


def build_cases(
    svc: Services, admin: Actor, units: list[Unit], count: int, now: datetime = DEMO_NOW
) -> list[int]:
    """``count`` cases received over the last ~6 weeks before ``now``, in a mix of states.

    Old cases still at registration or with a unit are overdue by ``now``; recent ones are due
    soon; some are answered at the counter or handled and reviewed (done); some are refused.
    """
    clock = svc.clock
    assert isinstance(clock, FixedClock)
    kinds = list(Kind)
    ids: list[int] = []
    first_day = now.date() - timedelta(days=45)
    received = now
    for index in range(count):
        kind = kinds[index % len(kinds)]
        # Spread over the 45 days before today, in order, from 08:30 on each day: case numbers
        # then follow the receipt times as they do at a real counter.
        day = first_day + timedelta(days=45 * index // count)
        opening = datetime.combine(day, time(8, 30), SHANGHAI)
        received = (
            max(opening, received + timedelta(minutes=7)) if day == received.date() else opening
        )
        received = min(received, now - timedelta(minutes=30))
        clock.now = received
        registered = register(svc, admin, _form(index, kind))
        case_id = registered.case_id
        ids.append(case_id)
        clock.now = received + timedelta(minutes=20)
        # Seven steps against six kinds, so that every kind turns up in every state.
        step = index % 7
        if kind is Kind.CONSULTATION and step in (0, 2, 4):
            handling.answer_at_once(svc, admin, case_id, "已当场告知所需材料及办理窗口。")
        elif step == 1:
            handling.refuse(
                svc,
                admin,
                case_id,
                RefusalGround.OUTSIDE_JURISDICTION,
                "该事项属市级部门职责，已告知诉求人向市12345热线反映。",
            )
        elif step != 5:
            # step 5 stays at registration, waiting for the clerk's intake decision.
            handling.accept(svc, admin, case_id)
            handling.dispatch(svc, admin, case_id, units[index % len(units)].id)
            if step == 3 and received + timedelta(days=3) < now:
                _complete(svc, admin, case_id, received)
    clock.now = now
    return ids


def build_demo_data(
    url: str, data_dir: Path, *, cases: int = 30, now: datetime = DEMO_NOW
) -> DemoData:
    """A fresh database with an administrator, the handling units and ``cases`` cases."""
    svc = open_services(url, data_dir, now)
    admin = create_admin(svc)
    units = [add_unit(svc, admin, *unit) for unit in UNITS]
    data = DemoData(svc, admin, units)
    data.case_ids = build_cases(svc, admin, units, cases, now)
    return data


def listed(qtbot: QtBot, window: MainWindow) -> CaseListPage:
    """The main window's case list once its ids are in: the window reads them in a worker."""
    page = window.case_list
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
    return page
