"""The 奖励 page: queues by stage, the claim screen and its action dialogs (RULES §4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.documents.payloads import DocType
from app.domain.rewards import ClaimState, NoticeMethod, ShareState, Verification
from app.domain.users import Actor, Role
from app.domain.vocabulary import HazardCategory, Kind
from app.services import rewards, users
from app.services.registration import PersonInput, RegistrationForm, register
from app.services.rewards import Stage
from tests.ui.fixtures_data import DemoData, resident_id
from tests.ui.test_case_list import type_through_ime
from ui.app import build_main_window
from ui.navigation import REWARDS
from ui.rewards.actions import (
    ApproveDialog,
    ClaimShareDialog,
    DecideDialog,
    FraudDialog,
    NotifyDialog,
    PayDialog,
    VerificationDialog,
    parse_yuan,
)
from ui.rewards.claim import ClaimDialog
from ui.rewards.model import CASE_ID_ROLE, RewardQueueModel
from ui.rewards.page import RewardsPage

pytestmark = pytest.mark.ui

REPORTER_ID = resident_id(401)


@dataclass
class Claim:
    demo: DemoData
    supervisor: Actor
    case_id: int


@pytest.fixture
def claim(demo: DemoData) -> Claim:
    """A fire-hazard tip-off registered for a reward, awaiting the brigade's verification."""
    svc, admin = demo.svc, demo.admin
    supervisor = users.create_user(svc, admin, "lead", "王负责", Role.SUPERVISOR, "lead-pass-1")
    case_id = register(
        svc,
        admin,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防车通道被货物堵塞",
            occurred="近一周",
            place="江城区东风路12号",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
            evidence="现场照片3张",
            submitters=[PersonInput(name="张小三", doc_number=REPORTER_ID, phone="13812345678")],
        ),
    ).case_id
    rewards.open_claim(svc, admin, case_id)
    return Claim(demo, supervisor, case_id)


def verify(c: Claim, fine_fen: int = 5_000_000) -> None:
    today = c.demo.svc.now().date()
    rewards.record_verification(
        c.demo.svc,
        c.demo.admin,
        c.case_id,
        Verification(
            verified=True,
            penalty_imposed=True,
            decision_number="阳江消行罚决字〔2026〕0101号",
            decision_date=today,
            fine_fen=fine_fen,
            brigade="江城区消防救援大队",
            closing_date=today,
            filed_on=today,
        ),
    )


def decide_and_notify(c: Claim) -> None:
    svc = c.demo.svc
    verify(c)
    rewards.decide(
        svc, c.supervisor, c.case_id, clue_already_known=False, already_under_investigation=False
    )
    rewards.notify(svc, c.demo.admin, c.case_id, NoticeMethod.PHONE, svc.now())


def open_page(qtbot: QtBot, c: Claim, actor: Actor) -> RewardsPage:
    page = RewardsPage(c.demo.svc, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading())
    return page


def show_stage(qtbot: QtBot, page: RewardsPage, stage: Stage) -> list[int]:
    page.select_stage(stage)
    qtbot.waitUntil(lambda: not page.is_loading())
    return [page.model.index(r, 0).data(CASE_ID_ROLE) for r in range(page.model.rowCount())]


def open_claim(qtbot: QtBot, page: RewardsPage, case_id: int) -> ClaimDialog:
    dialog = page.open_claim(case_id)
    qtbot.waitUntil(lambda: dialog.view is not None)
    return dialog


def wait_done(qtbot: QtBot, dialog: ClaimDialog) -> None:
    qtbot.waitUntil(lambda: dialog.task is None and dialog.view is not None)


def test_yuan_is_parsed_to_fen_exactly() -> None:
    assert parse_yuan("50000") == 5_000_000
    assert parse_yuan("1,234.56") == 123_456
    assert parse_yuan("0.1") == 10
    assert parse_yuan("0.105") is None
    assert parse_yuan("-1") is None
    assert parse_yuan("abc") is None


def test_the_page_lists_a_claim_in_its_stage_with_counts(claim: Claim, qtbot: QtBot) -> None:
    page = open_page(qtbot, claim, claim.demo.admin)
    assert page.current_stage() is Stage.AWAITING_VERIFICATION
    assert claim.case_id in show_stage(qtbot, page, Stage.AWAITING_VERIFICATION)
    row = next(
        r
        for r in range(page.model.rowCount())
        if page.model.index(r, 0).data(CASE_ID_ROLE) == claim.case_id
    )
    assert page.model.index(row, 2).data() == "兴旺五金店"
    assert page.model.index(row, 3).data() != "张小三"  # masked (RULES §5)
    assert page.stages.item(0).text().endswith("（1）")
    assert claim.case_id not in show_stage(qtbot, page, Stage.TO_DECIDE)


def test_verification_through_the_dialog_stores_the_fine_in_fen(claim: Claim, qtbot: QtBot) -> None:
    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    assert dialog.buttons["verify"].isVisibleTo(dialog)
    form = dialog.start_action("verify")
    assert isinstance(form, VerificationDialog)
    form.decision_number.setText("2026-0101")
    form.fine.setText("12345.67")
    type_through_ime(qtbot, form.brigade, "江城区消防救援大队")
    assert form.ok_button.isEnabled()
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    wait_done(qtbot, dialog)
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.verification is not None
    assert stored.verification.fine_fen == 1_234_567
    assert stored.verification.brigade == "江城区消防救援大队"
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.claim.verification is not None)
    assert dialog.buttons["decide"].isVisibleTo(dialog)


def test_deciding_shows_the_computation_and_moves_the_stage(claim: Claim, qtbot: QtBot) -> None:
    verify(claim, 5_000_000)
    page = open_page(qtbot, claim, claim.supervisor)
    assert claim.case_id in show_stage(qtbot, page, Stage.TO_DECIDE)
    dialog = open_claim(qtbot, page, claim.case_id)
    form = dialog.start_action("decide")
    assert isinstance(form, DecideDialog)
    qtbot.waitUntil(lambda: form.preview is not None)
    # FIRE art. 5: 10 % of a 50,000-yuan fine, shown before the clerk confirms.
    assert "5,000.00" in form.computation.text()
    assert form.ok_button.isEnabled()
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.claim.computation is not None)
    assert dialog.steps.rowCount() >= 1
    assert "5,000.00" in dialog.outcome.text()
    assert rewards.get_claim(claim.demo.svc, claim.case_id).state is ClaimState.AWARD_DECIDED
    qtbot.waitUntil(lambda: not page.is_loading())
    assert claim.case_id in show_stage(qtbot, page, Stage.TO_NOTIFY)
    assert claim.case_id not in show_stage(qtbot, page, Stage.TO_DECIDE)


def claim_at_counter(qtbot: QtBot, dialog: ClaimDialog) -> None:
    form = dialog.start_action("claim")
    assert isinstance(form, ClaimShareDialog)
    form.id_number.setText(REPORTER_ID)
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    qtbot.waitUntil(lambda: dialog.buttons["approve"].isVisibleTo(dialog))


def test_the_decider_cannot_approve_and_is_told_why(claim: Claim, qtbot: QtBot) -> None:
    decide_and_notify(claim)
    page = open_page(qtbot, claim, claim.supervisor)
    dialog = open_claim(qtbot, page, claim.case_id)
    claim_at_counter(qtbot, dialog)
    form = dialog.start_action("approve")
    assert isinstance(form, ApproveDialog)
    form.accept()
    qtbot.waitUntil(lambda: form.task is None and form.error_label.text() != "")
    assert "作出奖励决定的人员不能审批" in form.error_label.text()
    assert form.isVisible()
    shares = rewards.get_claim(claim.demo.svc, claim.case_id).shares
    assert shares[0].state is ShareState.CLAIMED


def test_approval_by_another_and_payout_through_the_dialogs(claim: Claim, qtbot: QtBot) -> None:
    decide_and_notify(claim)
    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    claim_at_counter(qtbot, dialog)
    approve = dialog.start_action("approve")
    assert approve is not None
    approve.accept()
    qtbot.waitUntil(lambda: approve.result() == 1)
    qtbot.waitUntil(lambda: dialog.buttons["pay"].isVisibleTo(dialog))
    assert claim.case_id in show_stage(qtbot, page, Stage.TO_PAY)
    pay = dialog.start_action("pay")
    assert isinstance(pay, PayDialog)
    pay.method.setCurrentIndex(0)
    pay.voucher.setText("PZ-2026-001")
    assert pay.ok_button.isEnabled()
    pay.accept()
    qtbot.waitUntil(lambda: pay.result() == 1)
    qtbot.waitUntil(lambda: dialog.print_buttons_visible())
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.state is ClaimState.PAID
    assert stored.shares[0].voucher_number == "PZ-2026-001"
    assert stored.shares[0].paid_on == date.fromisoformat(claim.demo.svc.now().date().isoformat())


def test_the_queue_model_passes_the_model_tester(claim: Claim, qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, claim, claim.demo.admin)
    show_stage(qtbot, page, Stage.AWAITING_VERIFICATION)
    assert page.model.rowCount() >= 1
    qtmodeltester.check(page.model)
    qtmodeltester.check(RewardQueueModel())
    assert page.model.headerData(0, Qt.Orientation.Horizontal) is not None


def test_the_exclusion_register_adds_and_deactivates(claim: Claim, qtbot: QtBot) -> None:
    page = open_page(qtbot, claim, claim.demo.admin)
    assert page.exclusions_button.isVisibleTo(page)
    editor = page.open_exclusions()
    qtbot.waitUntil(lambda: editor.task is None)
    editor.id_number.setText(resident_id(402))
    type_through_ime(qtbot, editor.name, "赵消防")
    editor.add()
    qtbot.waitUntil(lambda: editor.task is None and editor.table.rowCount() == 1)
    assert editor.table.item(0, 1).text() == "赵消防"
    editor.table.selectRow(0)
    editor.deactivate_selected()
    qtbot.waitUntil(lambda: editor.task is None and editor.table.rowCount() == 0)


def test_notice_through_the_dialog_moves_the_claim_to_notified(claim: Claim, qtbot: QtBot) -> None:
    verify(claim)
    rewards.decide(
        claim.demo.svc,
        claim.supervisor,
        claim.case_id,
        clue_already_known=False,
        already_under_investigation=False,
    )
    page = open_page(qtbot, claim, claim.demo.admin)
    assert claim.case_id in show_stage(qtbot, page, Stage.TO_NOTIFY)
    dialog = open_claim(qtbot, page, claim.case_id)
    form = dialog.start_action("notify")
    assert isinstance(form, NotifyDialog)
    form.method.setCurrentIndex(list(NoticeMethod).index(NoticeMethod.PHONE))
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    qtbot.waitUntil(lambda: dialog.buttons["claim"].isVisibleTo(dialog))
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.notice_method is NoticeMethod.PHONE
    qtbot.waitUntil(lambda: not page.is_loading())
    assert claim.case_id in show_stage(qtbot, page, Stage.NOTIFIED)


def test_double_click_opens_the_claim_and_the_award_notice_previews(
    claim: Claim, qtbot: QtBot
) -> None:
    decide_and_notify(claim)
    page = open_page(qtbot, claim, claim.demo.admin)
    show_stage(qtbot, page, Stage.NOTIFIED)
    row = next(
        r
        for r in range(page.model.rowCount())
        if page.model.index(r, 0).data(CASE_ID_ROLE) == claim.case_id
    )
    rect = page.table.visualRect(page.model.index(row, 0))
    # A real double-click is a click followed by a double-click event at the same place.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.claim_dialog is not None and page.claim_dialog.view is not None)
    dialog = page.claim_dialog
    assert dialog is not None and dialog.case_id == claim.case_id
    button = dialog.print_buttons[DocType.AWARD_NOTICE]
    assert button.isVisibleTo(dialog)
    button.click()
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=15000
    )
    assert dialog.preview is not None
    dialog.preview.close()


def test_the_main_window_shows_the_rewards_page(claim: Claim, qtbot: QtBot) -> None:
    window = build_main_window(claim.demo.svc, claim.demo.admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    item = window.navigation.item_for(REWARDS)
    assert item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled
    window.show_place(REWARDS)
    assert window.pages.currentWidget() is window.rewards_page
    qtbot.waitUntil(lambda: not window.rewards_page.is_loading())
    assert claim.case_id in show_stage(qtbot, window.rewards_page, Stage.AWAITING_VERIFICATION)
    window.refresh()
    qtbot.waitUntil(lambda: not window.rewards_page.is_loading())


def test_marking_fraudulent_ends_the_claim_and_clerks_see_no_register(
    claim: Claim, qtbot: QtBot
) -> None:
    clerk = users.create_user(
        claim.demo.svc, claim.demo.admin, "clerk", "李窗口", Role.CLERK, "clerk-pass-1"
    )
    clerk_page = open_page(qtbot, claim, clerk)
    assert not clerk_page.exclusions_button.isVisibleTo(clerk_page)
    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    form = dialog.start_action("fraud")
    assert isinstance(form, FraudDialog)
    assert not form.ok_button.isEnabled()
    type_through_ime(qtbot, form.reason, "举报内容系捏造")
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    assert rewards.get_claim(claim.demo.svc, claim.case_id).state is ClaimState.FRAUDULENT
    qtbot.waitUntil(lambda: not dialog.buttons["fraud"].isVisibleTo(dialog))
    qtbot.waitUntil(lambda: not page.is_loading())
    assert claim.case_id not in show_stage(qtbot, page, Stage.AWAITING_VERIFICATION)
