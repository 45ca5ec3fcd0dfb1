"""Who viewed which identity when (RULES §5; FIRE art. 11; YJ12345 art. 15), on SQLite and
PostgreSQL: the log lists every unmasked view with its reason and names staff, never citizens."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from app.domain.errors import PermissionDenied
from app.domain.reporting import parse_period
from app.domain.users import Role
from app.domain.vocabulary import Kind
from app.services import case_view, identity_log, ledgers, users
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

PERSON_ID = valid_resident_id("44170219800101123")
PHONE = "13812345678"
NAME = "张小三"


def complaint(world: World) -> tuple[int, str]:
    case = register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="楼下餐馆油烟直排",
            occurred="近一个月",
            place="江城区东风路",
            submitters=[
                PersonInput(name=NAME, doc_number=PERSON_ID, phone=PHONE),
                PersonInput(name="李四", phone="13912345678"),
            ],
        ),
    )
    return case.case_id, case.number


def test_rules_5_yj12345_art_15_every_unmasked_view_is_listed_with_its_reason(
    world: World,
) -> None:
    svc = world.svc
    case_id, number = complaint(world)
    world.clock.set("2025-10-09", 14, 30)
    case_view.reveal_identity(svc, world.supervisor, case_id, "回访核实联系电话")
    world.clock.set("2025-10-10", 9, 5)
    case_view.reveal_identity(svc, world.admin, case_id, "承办单位要求核实身份")
    ledgers.reward_ledger_workbook(svc, world.supervisor, parse_period("2025"))
    world.clock.set("2025-11-01")
    case_view.reveal_identity(svc, world.admin, case_id, "十一月的查看")

    views = identity_log.identity_views(svc, world.admin, parse_period("2025-10"))
    assert [(v.viewer, v.case_number, v.people, v.reason, v.article) for v in views[:2]] == [
        ("王负责", number, 2, "回访核实联系电话", "YJ12345 art. 15"),
        ("管理员", number, 2, "承办单位要求核实身份", "YJ12345 art. 15"),
    ]
    assert views[0].viewer_role == "负责人" and views[0].at.hour == 14
    export = views[2]
    assert (export.action, export.case_number, export.people, export.article) == (
        "export_reward_ledger",
        "",
        None,
        "FIRE art. 11",
    )
    assert "奖励台账" in export.reason and export.viewer == "王负责"
    assert len(views) == 3  # November's view is outside the period
    assert len(identity_log.identity_views(svc, world.admin, parse_period("2025"))) == 4


def test_rules_5_only_supervisors_admins_and_auditors_see_the_log(world: World) -> None:
    svc = world.svc
    period = parse_period("2025")
    with pytest.raises(PermissionDenied):
        identity_log.identity_views(svc, world.clerk, period)
    with pytest.raises(PermissionDenied):
        identity_log.identity_log_workbook(svc, world.clerk, period)
    auditor = users.create_user(svc, world.admin, "audit", "钱审计", Role.AUDITOR, "audit-pass-1")
    assert identity_log.identity_views(svc, auditor, period) == []
    assert identity_log.identity_views(svc, world.supervisor, period) == []


def test_rules_5_fire_art_11_the_workbook_has_the_views_and_no_citizen_identity(
    world: World,
) -> None:
    svc = world.svc
    case_id, number = complaint(world)
    case_view.reveal_identity(svc, world.supervisor, case_id, "回访核实联系电话")
    case_view.reveal_identity(svc, world.admin, case_id, "承办单位要求核实身份")
    steps: list[str] = []
    data = identity_log.identity_log_workbook(
        svc,
        world.admin,
        parse_period("2025Q3"),
        progress=lambda done, total, note: steps.append(note),
    )
    assert steps
    sheet = load_workbook(io.BytesIO(data))[identity_log.SHEET_NAME]
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert "身份信息查看记录" in str(values[1][0]) and "内部资料" in str(values[1][0])
    header = values[6]
    assert header[:6] == ("序号", "查看时间", "查看人", "角色", "方式", "案件编号")
    rows = values[7:9]
    assert [(r[0], r[2], r[5], r[6], r[8]) for r in rows] == [
        (1, "王负责", number, 2, "回访核实联系电话"),
        (2, "管理员", number, 2, "承办单位要求核实身份"),
    ]
    assert values[9][0] == "合计（2 次）"
    text = " ".join(str(cell) for row in values for cell in row if cell is not None)
    for secret in (NAME, "李四", PERSON_ID, PHONE, "13912345678", "张*三"):
        assert secret not in text
