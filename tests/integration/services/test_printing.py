"""Issuing a case's documents: what applies when, numbering, 补打, and no identity for units."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents.payloads import DocType
from app.domain.errors import DomainError, NotFound
from app.domain.vocabulary import HazardCategory, Kind, RefusalGround
from app.services import handling, printing, settings
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

REPORTER_ID = valid_resident_id("44170219800808451")
REPORTER_PHONE = "13712349876"


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def tip_off(world: World, *, anonymous: bool = False) -> int:
    submitters = (
        []
        if anonymous
        else [PersonInput(name="黄志明", doc_number=REPORTER_ID, phone=REPORTER_PHONE)]
    )
    return register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="商场三楼安全出口被货物堵塞，消防通道无法通行",
            occurred="2025年9月25日下午",
            reported_unit_name="金辉百货商场",
            reported_unit_address="江城区东风三路88号",
            hazard_category=HazardCategory.EVACUATION_BLOCKED,
            submitters=submitters,
        ),
    ).case_id


def test_documents_follow_the_case(world: World) -> None:
    case_id = tip_off(world)
    assert printing.available_documents(world.svc, case_id) == [DocType.RECEIPT]
    handling.accept(world.svc, world.clerk, case_id)
    handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    assert printing.available_documents(world.svc, case_id) == [
        DocType.RECEIPT,
        DocType.DISPATCH_ORDER,
    ]
    with pytest.raises(DomainError, match="不能出具不予受理告知书"):
        printing.issue(world.svc, world.clerk, DocType.REFUSAL_NOTICE, case_id)


def test_receipt_numbers_per_type_and_year_and_reprint_keeps_the_number(world: World) -> None:
    first = tip_off(world)
    second = tip_off(world)
    one = printing.issue(world.svc, world.clerk, DocType.RECEIPT, first)
    two = printing.issue(world.svc, world.clerk, DocType.RECEIPT, second)
    assert one.number_text.endswith("受〔2025〕1号") and two.number_text.endswith("受〔2025〕2号")
    with world.svc.uow(write=False) as uow:
        number, code = uow.get_case(first).number, uow.get_case(first).query_code
    text = pdf_text(one.pdf)
    assert number in text and code in text and "黄志明" in text
    assert "第十一条" in text  # FIRE art. 11 confidentiality statement on a fire tip-off

    with pytest.raises(NotFound, match="尚未出具过"):
        printing.issue(world.svc, world.clerk, DocType.DISPATCH_ORDER, first, reprint=True)
    again = printing.issue(world.svc, world.clerk, DocType.RECEIPT, first, reprint=True)
    assert again.number_text == one.number_text
    assert "补打" in pdf_text(again.pdf)
    assert printing.printed_count(world.svc, first, DocType.RECEIPT) == (1, 1)


def test_anonymous_receipt_has_the_query_code_and_no_name(world: World) -> None:
    case_id = tip_off(world, anonymous=True)
    text = pdf_text(printing.issue(world.svc, world.clerk, DocType.RECEIPT, case_id).pdf)
    with world.svc.uow(write=False) as uow:
        assert uow.get_case(case_id).query_code in text
    assert "匿名" in text and "黄志明" not in text


def test_rules_5_fire_art11_dispatch_order_carries_no_reporter_identity(world: World) -> None:
    case_id = tip_off(world)
    handling.accept(world.svc, world.clerk, case_id)
    handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    text = pdf_text(printing.issue(world.svc, world.clerk, DocType.DISPATCH_ORDER, case_id).pdf)
    assert "金辉百货商场" in text and "镇城建办" in text
    for secret in ("黄志明", "黄*明", REPORTER_PHONE, REPORTER_ID, REPORTER_ID[-4:]):
        assert secret not in text
    assert "2025年10月16日" in text  # completion: 10 working days after 2025-09-26


def test_refusal_notice_names_the_ground_and_article(world: World) -> None:
    case_id = tip_off(world)
    handling.refuse(
        world.svc, world.clerk, case_id, RefusalGround.PETITION_CHANNEL, "已在信访渠道办理"
    )
    text = pdf_text(printing.issue(world.svc, world.clerk, DocType.REFUSAL_NOTICE, case_id).pdf)
    assert "已进入信访渠道" in text and "第六条" in text


def test_rules_2_2_jy12345_art19_reminders_for_overdue_items(world: World) -> None:
    case_id = tip_off(world)
    handling.accept(world.svc, world.clerk, case_id)
    handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    assert printing.overdue_reminders(world.svc, world.clerk) == []
    world.clock.set("2025-10-20")
    assert printing.overdue_reminders(world.svc, world.clerk) == [case_id]
    text = pdf_text(printing.issue_reminder(world.svc, world.clerk, case_id).pdf)
    assert "陈主任" in text and "镇城建办" in text
    assert "黄志明" not in text
    printing.issue_reminder(world.svc, world.clerk, case_id)
    assert printing.printed_count(world.svc, case_id, DocType.REMINDER_NOTICE) == (2, 0)


def test_a_configured_font_folder_comes_first(world: World, tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy("/usr/share/fonts/truetype/arphic/ukai.ttc", fonts / "ukai.ttc")
    settings.set_setting(world.svc, world.admin, "font_dir", str(fonts))
    pdf = printing.issue(world.svc, world.clerk, DocType.RECEIPT, tip_off(world)).pdf
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    names = {str(font["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert any("UKai" in name for name in names), names
