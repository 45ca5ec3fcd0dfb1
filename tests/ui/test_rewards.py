"""The 奖励 page: queues by stage, the claim screen and its action dialogs (RULES §4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event as sa_event
from sqlalchemy import select

from app.documents.payloads import DocType
from app.domain.people import mask_id
from app.domain.rewards import (
    ClaimState,
    ExclusionCategory,
    NoticeMethod,
    ShareState,
    Verification,
)
from app.domain.users import Action, Actor, Role
from app.domain.vocabulary import HazardCategory, Kind
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services import exclusions, queries, rewards, users
from app.services.registration import PersonInput, RegistrationForm, register
from app.services.rewards import Stage
from tests.ui.fixtures_data import DemoData, resident_id
from tests.ui.test_case_list import type_through_ime
from ui.app import build_main_window
from ui.followup.page import FollowUpPage
from ui.navigation import REWARDS
from ui.rewards.actions import (
    ApproveDialog,
    CancelUnreachableDialog,
    ClaimShareDialog,
    DecideDialog,
    DeclareRelativeDialog,
    FraudDialog,
    NotifyDialog,
    PayDialog,
    ReceiveObjectionDialog,
    ReviewObjectionDialog,
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
    amounts = [row[1] for row in table_texts(form.steps)]
    assert "5,000.00" in amounts
    assert "5,000.00" in form.outcome.text()
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


# ----- decision preview, refusal, relatives, expiries, disclosure, queue, history -------------


def row_of(page: RewardsPage, case_id: int) -> int:
    return next(
        r
        for r in range(page.model.rowCount())
        if page.model.index(r, 0).data(CASE_ID_ROLE) == case_id
    )


def table_texts(table: QTableWidget) -> list[list[str]]:
    return [
        [
            item.text() if (item := table.item(r, c)) is not None else ""
            for c in range(table.columnCount())
        ]
        for r in range(table.rowCount())
    ]


def preview_of(form: DecideDialog) -> rewards.DecisionPreview | None:
    return form.preview


def decide_only(c: Claim) -> None:
    verify(c)
    rewards.decide(
        c.demo.svc,
        c.supervisor,
        c.case_id,
        clue_already_known=False,
        already_under_investigation=False,
    )


def make_clerk(c: Claim) -> Actor:
    return users.create_user(
        c.demo.svc, c.demo.admin, "clerk", "李窗口", Role.CLERK, "clerk-pass-1"
    )


def move_clock(c: Claim, day: date) -> None:
    c.demo.svc.clock.now = datetime.combine(day, time(10, 0), SHANGHAI)  # type: ignore[attr-defined]


def test_fire_art_8_preview_follows_the_answers_and_the_refusal_is_noticed_with_objection_date(
    claim: Claim, qtbot: QtBot
) -> None:
    verify(claim, 5_000_000)
    page = open_page(qtbot, claim, claim.supervisor)
    dialog = open_claim(qtbot, page, claim.case_id)
    form = dialog.start_action("decide")
    assert isinstance(form, DecideDialog)
    qtbot.waitUntil(lambda: form.preview is not None)
    # Default answers (No, No): the award with its steps (FIRE art. 5).
    assert "5,000.00" in form.outcome.text()
    assert form.steps.rowCount() >= 1
    assert form.steps.isVisibleTo(form)
    assert form.ok_button.isEnabled()
    assert form.ok_button.text() == "作出决定"

    # "Already under investigation: Yes" runs the preview again; OK waits for it.
    form.investigating.setCurrentIndex(1)
    assert preview_of(form) is None
    assert not form.ok_button.isEnabled()
    qtbot.waitUntil(lambda: form.preview is not None)
    assert form.ok_button.isEnabled()
    refusal = preview_of(form)
    assert refusal is not None and refusal.computation is None
    assert "不予奖励" in form.outcome.text()
    assert "FIRE art. 8" in form.outcome.text()
    assert "已被立案查处" in form.outcome.text()
    assert "5,000.00" not in form.outcome.text()
    assert not form.steps.isVisibleTo(form)
    assert form.steps.rowCount() == 0
    assert form.ok_button.text() == "作出不予奖励决定"  # the button says what it will do

    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.state is ClaimState.NOT_ELIGIBLE
    assert [r.article for r in stored.ineligibility] == ["FIRE art. 8"]
    qtbot.waitUntil(lambda: dialog.buttons["notify"].isVisibleTo(dialog))
    assert not dialog.print_buttons[DocType.NON_AWARD_NOTICE].isVisibleTo(dialog)

    notify = dialog.start_action("notify")
    assert isinstance(notify, NotifyDialog)
    notify.method.setCurrentIndex(list(NoticeMethod).index(NoticeMethod.PHONE))
    notify.accept()
    qtbot.waitUntil(lambda: notify.result() == 1)
    button = dialog.print_buttons[DocType.NON_AWARD_NOTICE]
    qtbot.waitUntil(lambda: button.isVisibleTo(dialog))
    assert not dialog.buttons["notify"].isVisibleTo(dialog)
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.objection_due is not None
    objection_day = stored.objection_due.day
    assert objection_day > claim.demo.svc.now().date()
    # RULES §3: the reporter may object until this day; the claim screen says so.
    assert objection_day.isoformat() in dialog.outcome.text()
    assert "申诉" in dialog.outcome.text()

    button.click()
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=15000
    )
    assert dialog.preview is not None
    assert DocType.NON_AWARD_NOTICE.label in dialog.preview.windowTitle()
    dialog.preview.close()

    qtbot.waitUntil(lambda: not page.is_loading())
    assert claim.case_id in show_stage(qtbot, page, Stage.ENDED)
    row = row_of(page, claim.case_id)
    assert page.model.index(row, 1).data() == ClaimState.NOT_ELIGIBLE.label
    assert page.model.index(row, 6).data() == objection_day.isoformat()
    assert claim.case_id not in show_stage(qtbot, page, Stage.TO_NOTIFY)


def declare_parent(qtbot: QtBot, dialog: ClaimDialog, id_number: str) -> None:
    form = dialog.start_action("relatives")
    assert isinstance(form, DeclareRelativeDialog)
    assert form.share.currentIndex() == 0  # the only reporter is chosen already
    assert not form.ok_button.isEnabled()
    type_through_ime(qtbot, form.relationship, "父母")
    form.id_number.setText(id_number)
    assert form.ok_button.isEnabled()
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    wait_done(qtbot, dialog)


def test_fire_art_13_a_declared_parent_on_the_register_blocks_and_flags_the_claim(
    claim: Claim, qtbot: QtBot
) -> None:
    relative_id = resident_id(403)
    verify(claim)
    page = open_page(qtbot, claim, claim.supervisor)
    dialog = open_claim(qtbot, page, claim.case_id)
    assert dialog.buttons["relatives"].isVisibleTo(dialog)
    declare_parent(qtbot, dialog, relative_id)
    exclusions.add_entry(
        claim.demo.svc, claim.demo.admin, relative_id, "张大山", ExclusionCategory.FIREFIGHTER
    )

    form = dialog.start_action("decide")
    assert isinstance(form, DecideDialog)
    qtbot.waitUntil(lambda: form.preview is not None)
    assert form.warning.isVisibleTo(form)
    assert "FIRE art. 13" in form.warning.text()
    assert "不予奖励" in form.outcome.text()
    assert ExclusionCategory.FIREFIGHTER.article in form.outcome.text()
    assert "父母" in form.outcome.text()
    assert not form.steps.isVisibleTo(form)
    assert form.ok_button.isEnabled()
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)

    qtbot.waitUntil(lambda: dialog.task is None and dialog.flag.isVisibleTo(dialog))
    assert "FIRE art. 13" in dialog.flag.text()
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.state is ClaimState.NOT_ELIGIBLE
    assert stored.review_flag
    dialog.tabs.setCurrentIndex(1)
    assert dialog.tabs.currentWidget() is dialog.shares
    declared = table_texts(dialog.shares)[0][4]
    assert "父母" in declared
    assert mask_id(relative_id) in declared
    # RULES §5: neither the relative's nor the reporter's full ID number is on the screen.
    shown = [cell for row in table_texts(dialog.shares) for cell in row]
    assert not any(relative_id in cell or REPORTER_ID in cell for cell in shown)


def test_declaring_a_relative_is_on_the_audit_trail(claim: Claim, qtbot: QtBot) -> None:
    relative_id = resident_id(404)
    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    declare_parent(qtbot, dialog, relative_id)
    with claim.demo.svc.uow(write=False) as uow:
        logged = uow.session.execute(
            select(t.events.c.summary, t.events.c.article).where(
                t.events.c.action == "relative_declared"
            )
        ).all()
    # RULES §5: the event names the relative's ID masked only.
    assert [tuple(row) for row in logged] == [
        (f"举报人申报亲属：父母（{mask_id(relative_id)}）", "FIRE art. 6")
    ]
    shares = [cell for row in table_texts(dialog.shares) for cell in row]
    assert any("父母" in cell and mask_id(relative_id) in cell for cell in shares)


def test_the_claim_history_shows_the_declared_relative(claim: Claim, qtbot: QtBot) -> None:
    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    declare_parent(qtbot, dialog, resident_id(404))
    assert any("申报亲属" in e.summary for e in queries.timeline(claim.demo.svc, claim.case_id))
    history = [cell for row in table_texts(dialog.history) for cell in row]
    assert any("申报亲属" in cell for cell in history)


def test_fire_art_10_cancel_unreachable_only_after_the_period(claim: Claim, qtbot: QtBot) -> None:
    decide_only(claim)
    closing = claim.demo.svc.now().date()
    clerk = make_clerk(claim)
    # The cancel button follows the EXPIRE_AWARDS permission (app/domain/users.py).
    clerk_page = open_page(qtbot, claim, clerk)
    clerk_dialog = open_claim(qtbot, clerk_page, claim.case_id)
    assert clerk_dialog.buttons["cancel"].isVisibleTo(clerk_dialog) is clerk.can(
        Action.EXPIRE_AWARDS
    )

    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    assert dialog.buttons["cancel"].isVisibleTo(dialog)
    assert dialog.view is not None and dialog.view.cancel_after is not None
    period_end = dialog.view.cancel_after
    assert period_end >= closing + timedelta(days=30)
    form = dialog.start_action("cancel")
    assert isinstance(form, CancelUnreachableDialog)
    assert period_end.isoformat() in form.intro.text()
    assert not form.ok_button.isEnabled()
    type_through_ime(qtbot, form.reason, "电话停机")
    form.accept()
    qtbot.waitUntil(lambda: form.task is None and form.error_label.text() != "")
    assert "尚未届满" in form.error_label.text()
    assert period_end.isoformat() in form.error_label.text()
    assert form.isVisible()
    assert rewards.get_claim(claim.demo.svc, claim.case_id).state is ClaimState.AWARD_DECIDED

    move_clock(claim, period_end)  # the last day itself is still within the period
    form.accept()
    qtbot.waitUntil(lambda: form.task is None and form.ok_button.isEnabled())
    assert form.isVisible()
    assert rewards.get_claim(claim.demo.svc, claim.case_id).state is ClaimState.AWARD_DECIDED

    move_clock(claim, period_end + timedelta(days=1))
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.state is ClaimState.CANCELLED_UNREACHABLE
    assert stored.end_reason == "电话停机"
    qtbot.waitUntil(
        lambda: dialog.task is None and not dialog.buttons["cancel"].isVisibleTo(dialog)
    )
    assert "电话停机" in dialog.outcome.text()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert claim.case_id in show_stage(qtbot, page, Stage.ENDED)
    row = row_of(page, claim.case_id)
    assert page.model.index(row, 1).data() == ClaimState.CANCELLED_UNREACHABLE.label
    assert claim.case_id not in show_stage(qtbot, page, Stage.TO_NOTIFY)


def test_fire_art_10_apply_expiries_now_waives_an_uncollected_award(
    claim: Claim, qtbot: QtBot
) -> None:
    decide_and_notify(claim)
    stored = rewards.get_claim(claim.demo.svc, claim.case_id)
    assert stored.collect_by is not None
    collect_by = stored.collect_by.day
    page = open_page(qtbot, claim, claim.demo.admin)
    assert page.expire_button.isVisibleTo(page)

    # On the last day nothing expires yet.
    move_clock(claim, collect_by)
    page.expire_button.click()
    qtbot.waitUntil(lambda: page.expire_task is None and page.notice.text() != "")
    qtbot.waitUntil(lambda: not page.is_loading())
    assert "0" in page.notice.text()
    assert rewards.get_claim(claim.demo.svc, claim.case_id).state is ClaimState.NOTIFIED

    move_clock(claim, collect_by + timedelta(days=1))
    changed: list[int] = []
    page.claim_changed.connect(changed.append)
    page.expire_button.click()
    qtbot.waitUntil(lambda: page.expire_task is None and "1" in page.notice.text())
    assert page.expire_button.isEnabled()
    assert changed == [claim.case_id]
    assert rewards.get_claim(claim.demo.svc, claim.case_id).state is ClaimState.WAIVED_EXPIRED
    qtbot.waitUntil(lambda: not page.is_loading())
    assert claim.case_id in show_stage(qtbot, page, Stage.ENDED)
    assert page.model.index(row_of(page, claim.case_id), 1).data() == (
        ClaimState.WAIVED_EXPIRED.label
    )
    assert page.notice.text() != ""  # kept across the reload

    clerk = make_clerk(claim)
    clerk_page = open_page(qtbot, claim, clerk)
    assert clerk_page.expire_button.isVisibleTo(clerk_page) is clerk.can(Action.EXPIRE_AWARDS)


def test_fire_art_3_disclosure_lists_the_award_with_the_name_masked(
    claim: Claim, qtbot: QtBot
) -> None:
    decide_and_notify(claim)
    year = claim.demo.svc.now().year
    page = open_page(qtbot, claim, claim.demo.admin)
    assert page.disclosure_button.isVisibleTo(page)
    dialog = page.open_disclosure()
    qtbot.waitUntil(lambda: dialog.task is None)
    assert dialog.year.value() == year
    rows = table_texts(dialog.table)
    number = rewards.get_claim(claim.demo.svc, claim.case_id).case_number
    mine = [r for r in rows if r[4] == number]
    assert len(mine) == 1
    assert mine[0][0] == "张*三"
    assert mine[0][2] == "5,000.00"
    assert HazardCategory.FIRE_ACCESS_BLOCKED.label == mine[0][1]
    assert not any("张小三" in cell for row in rows for cell in row)  # RULES §5
    assert "5,000.00" in dialog.summary.text()

    dialog.year.setValue(year - 1)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 0)
    dialog.year.setValue(year)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == len(rows))
    assert dialog.print_button.isEnabled()
    dialog.print_list()
    assert not dialog.print_button.isEnabled()  # waits for the document
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=15000
    )
    assert dialog.preview is not None
    assert DocType.DISCLOSURE_LIST.label in dialog.preview.windowTitle()
    assert dialog.print_button.isEnabled()
    dialog.preview.close()


def test_the_queue_rows_carry_fine_and_reporters_without_reads_per_row(
    claim: Claim, qtbot: QtBot
) -> None:
    verify(claim, 5_000_000)
    page = open_page(qtbot, claim, claim.demo.admin)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engines = {claim.demo.svc.database.read_engine, claim.demo.svc.database.write_engine}
    for engine in engines:
        sa_event.listen(engine, "before_cursor_execute", count)
    try:
        assert show_stage(qtbot, page, Stage.TO_DECIDE) == [claim.case_id]
        one_claim = len(statements)
        row = row_of(page, claim.case_id)
        statements.clear()
        values = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
        assert statements == []  # the model shows what the row carries
        assert values[4] == "50,000.00"
        assert values[3] == "张*三"
        assert values[5] == "0.00"

        second = register(
            claim.demo.svc,
            claim.demo.admin,
            RegistrationForm(
                kind=Kind.TIP_OFF,
                content="疏散通道堆放杂物",
                occurred="昨天",
                place="江城区南恩路8号",
                reported_unit_name="利民超市",
                reported_unit_address="江城区南恩路8号",
                hazard_category=HazardCategory.EVACUATION_BLOCKED,
                evidence="现场照片2张",
                submitters=[
                    PersonInput(name="欧阳娜娜", doc_number=resident_id(405), phone="13912345678")
                ],
            ),
        ).case_id
        rewards.open_claim(claim.demo.svc, claim.demo.admin, second)
        verify(Claim(claim.demo, claim.supervisor, second), 1_000_000)
        show_stage(qtbot, page, Stage.AWAITING_VERIFICATION)
        statements.clear()
        assert show_stage(qtbot, page, Stage.TO_DECIDE) == [claim.case_id, second]
        # Two claims are read with as many statements as one.
        assert len(statements) == one_claim
    finally:
        for engine in engines:
            sa_event.remove(engine, "before_cursor_execute", count)
    other = page.model.index(row_of(page, second), 3).data()
    assert other == "欧**娜"
    assert page.model.index(row_of(page, second), 4).data() == "10,000.00"


def test_the_history_tab_lists_the_decision_and_the_notice_with_their_articles(
    claim: Claim, qtbot: QtBot
) -> None:
    decide_and_notify(claim)
    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    dialog.tabs.setCurrentIndex(2)
    assert dialog.tabs.currentWidget() is dialog.history
    rows = table_texts(dialog.history)
    decided = [r for r in rows if r[2].startswith("决定奖励")]
    notified = [r for r in rows if r[2].startswith("领奖通知已")]
    assert len(decided) == 1 and len(notified) == 1
    assert decided[0][3] == "FIRE art. 5"
    assert "5,000.00" in decided[0][2] or "5000" in decided[0][2].replace(",", "")
    assert decided[0][1] == "王负责"
    assert notified[0][3] == "FIRE art. 10"
    assert notified[0][1] == claim.demo.admin.display_name
    # Oldest first: the decision comes before its notice.
    assert rows.index(decided[0]) < rows.index(notified[0])


def test_rules_4_2_a_relationship_not_in_the_list_is_recorded_as_typed(
    claim: Claim, qtbot: QtBot
) -> None:
    page = open_page(qtbot, claim, claim.demo.admin)
    dialog = open_claim(qtbot, page, claim.case_id)
    form = dialog.start_action("relatives")
    assert isinstance(form, DeclareRelativeDialog)
    type_through_ime(qtbot, form.relationship, "外甥")
    form.id_number.setText(resident_id(405))
    assert form.ok_button.isEnabled()
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    wait_done(qtbot, dialog)
    (person,) = [s.person_id for s in rewards.get_claim(claim.demo.svc, claim.case_id).shares]
    (declared,) = exclusions.declared_relatives(claim.demo.svc, claim.demo.admin, person)
    assert declared.relationship == "外甥"


def test_rules_3_an_objection_is_received_listed_reviewed_by_another_and_answered(
    claim: Claim, qtbot: QtBot
) -> None:
    svc = claim.demo.svc
    verify(claim)
    rewards.decide(
        svc,
        claim.supervisor,
        claim.case_id,
        clue_already_known=True,
        already_under_investigation=False,
    )
    rewards.notify(svc, claim.demo.admin, claim.case_id, NoticeMethod.PHONE, svc.now())
    clerk = make_clerk(claim)
    page = open_page(qtbot, claim, clerk)
    dialog = open_claim(qtbot, page, claim.case_id)
    assert dialog.buttons["object"].isVisibleTo(dialog)
    assert not dialog.buttons["review"].isVisibleTo(dialog)  # a clerk receives, never reviews
    form = dialog.start_action("object")
    assert isinstance(form, ReceiveObjectionDialog)
    assert form.ground.currentIndex() == 0  # the only ground a refusal allows
    type_through_ime(qtbot, form.statement, "线索系本人首先发现，请求复核")
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    qtbot.waitUntil(lambda: dialog.view is not None and "等待复核" in dialog.outcome.text())
    assert not dialog.buttons["object"].isVisibleTo(dialog)  # one at a time

    follow_up = FollowUpPage(svc, claim.supervisor)
    qtbot.addWidget(follow_up)
    follow_up.show()
    qtbot.waitUntil(lambda: not follow_up.is_loading())
    queue = follow_up.objections
    assert [r.case_id for r in queue.rows] == [claim.case_id]
    assert table_texts(queue.table)[0][1] == "张*三"  # RULES §5
    # The supervisor who decided may open it but is refused the review (maker–checker).
    review = queue.open_claim(claim.case_id)
    qtbot.waitUntil(lambda: review.view is not None)
    form = review.start_action("review")
    assert isinstance(form, ReviewObjectionDialog)
    form.outcome.setCurrentIndex(1)  # change
    assert form.known.isEnabled() and form.known.currentIndex() == 1  # the decision's answer
    form.known.setCurrentIndex(0)
    type_through_ime(qtbot, form.reasons, "经核实线索此前未被掌握")
    form.accept()
    qtbot.waitUntil(lambda: form.task is None and form.error_label.text() != "")
    assert form.isVisible()
    form.reject()
    review.close()

    other = users.create_user(
        svc, claim.demo.admin, "lead2", "赵复核", Role.SUPERVISOR, "lead-pass-2"
    )
    reviewer = FollowUpPage(svc, other)
    qtbot.addWidget(reviewer)
    reviewer.show()
    qtbot.waitUntil(lambda: not reviewer.is_loading())
    dialog = reviewer.objections.open_claim(claim.case_id)
    qtbot.waitUntil(lambda: dialog.view is not None)
    form = dialog.start_action("review")
    assert isinstance(form, ReviewObjectionDialog)
    form.outcome.setCurrentIndex(1)
    form.known.setCurrentIndex(0)
    type_through_ime(qtbot, form.reasons, "经核实线索此前未被掌握")
    form.accept()
    qtbot.waitUntil(lambda: form.result() == 1)
    # RULES §3, FIRE art. 5: recomputed by the engine, to be notified again.
    stored = rewards.get_claim(svc, claim.case_id)
    assert stored.state is ClaimState.AWARD_DECIDED
    assert stored.computation is not None and stored.computation.total_fen == 500_000
    qtbot.waitUntil(
        lambda: dialog.print_buttons[DocType.OBJECTION_RESULT_NOTICE].isVisibleTo(dialog)
    )
    dialog.print_buttons[DocType.OBJECTION_RESULT_NOTICE].click()
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=15000
    )
    assert dialog.preview is not None
    dialog.preview.close()
    reviewer.refresh()
    qtbot.waitUntil(lambda: not reviewer.is_loading())
    assert reviewer.objections.rows == []
