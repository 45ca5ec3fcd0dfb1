"""Tests for the case detail: its models, sections, role-based actions, identity, files, a whole life."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import TypeVar, overload

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.errors import NotFound
from app.domain.rewards import ClaimState
from app.domain.users import Action, Actor, Role
from app.domain.vocabulary import (
    CaseState,
    EvaluationTag,
    HazardCategory,
    Kind,
    RefusalGround,
    Satisfaction,
)
from app.services import case_view, duplicates, handling, queries, rewards, users
from app.services.registration import PersonInput, RefuseAtIntake, RegistrationForm, register
from tests.ui.fixtures_data import DemoData, FixedClock, resident_id
from ui.actions import ACTION_DIALOGS, ActionDialog
from ui.actions.handling import EvaluationDialog, SubmitResultDialog
from ui.actions.redo import DecideRedoDialog, RequestRedoDialog
from ui.actions.routing import DecideReturnDialog, RequestExtensionDialog, RequestReturnDialog
from ui.case_detail import (
    AttachmentModel,
    CaseDetailDialog,
    CaseDetailView,
    DeadlineModel,
    TimelineModel,
)
from ui.formatting import DueState, due_state

pytestmark = pytest.mark.ui

# A service call in a worker and the reload after it; generous for a loaded CI machine.
TIMEOUT_MS = 10_000


# ----- fixtures and helpers (tests/ui/test_actions.py uses them too) -----------------------------


@dataclass
class Staff:
    demo: DemoData
    clerk: Actor
    lead: Actor
    # qtbot holds widgets weakly: the dialogs a test opens live as long as the test.
    windows: list[QWidget] = field(default_factory=list)

    @property
    def clock(self) -> FixedClock:
        clock = self.demo.svc.clock
        assert isinstance(clock, FixedClock)
        return clock


@pytest.fixture
def staff(demo: DemoData) -> Iterator[Staff]:
    """The demo database with a window clerk and a supervisor besides the administrator."""
    svc, admin = demo.svc, demo.admin
    clerk = users.create_user(svc, admin, "clerk", "李窗口", Role.CLERK, "clerk-pass-1")
    lead = users.create_user(svc, admin, "lead", "王负责", Role.SUPERVISOR, "lead-pass-1")
    start = svc.clock()
    yield Staff(demo, clerk, lead)
    # The demo clock is a plain object shared by nothing else, but leave it as found.
    clock = svc.clock
    assert isinstance(clock, FixedClock)
    clock.now = start


def new_complaint(staff: Staff) -> int:
    return register(
        staff.demo.svc,
        staff.clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="小区垃圾三天未清运，气味很大。",
            request="尽快清运并增加清运频次",
            occurred="本周一至周三",
            place="江城区幸福小区",
            submitters=[
                PersonInput(
                    name="陈美玲",
                    doc_number=resident_id(3),
                    phone="13712345678",
                    address="阳江市江城区幸福小区5栋",
                )
            ],
        ),
    ).case_id


def dispatched_complaint(staff: Staff) -> int:
    svc = staff.demo.svc
    case_id = new_complaint(staff)
    handling.accept(svc, staff.clerk, case_id)
    handling.dispatch(svc, staff.clerk, case_id, staff.demo.units[0].id)
    return case_id


def open_detail(qtbot: QtBot, staff: Staff, case_id: int, actor: Actor | None) -> CaseDetailDialog:
    dialog = CaseDetailDialog(staff.demo.svc, case_id, actor=actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    staff.windows.append(dialog)
    return dialog


def type_text(widget: QWidget, text: str) -> None:
    """Chinese arrives through the input method (QTest.keyClicks aborts on it)."""
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


W = TypeVar("W", bound=QWidget)


def child(parent: QWidget, kind: type[W]) -> W:
    """The first child widget of ``kind`` (the dialogs build a handful each)."""
    found = parent.findChild(kind)
    assert found is not None, kind
    return found


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_option(qtbot: QtBot, dialog: ActionDialog, text: str) -> None:
    """Click a radio button on its indicator (a click right of its text does not count)."""
    button = next(b for b in dialog.findChildren(QRadioButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def choose(combo: QComboBox, data: object) -> None:
    """Pick an entry the way the keyboard does: open the list, move to it, Enter."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setFocus()
    combo.setCurrentIndex(index)


D = TypeVar("D", bound=ActionDialog)


@overload
def start_action(qtbot: QtBot, view: CaseDetailView, action: Action) -> ActionDialog: ...
@overload
def start_action(qtbot: QtBot, view: CaseDetailView, action: Action, kind: type[D]) -> D: ...
def start_action(
    qtbot: QtBot, view: CaseDetailView, action: Action, kind: type[ActionDialog] = ActionDialog
) -> ActionDialog:
    """Click the action's button in the bar; its dialog (of class ``kind``) opens."""
    click(qtbot, view.action_buttons[action])
    dialog = view.action_dialog
    assert isinstance(dialog, kind)
    qtbot.waitExposed(dialog)
    return dialog


def confirm(qtbot: QtBot, view: CaseDetailView, dialog: ActionDialog) -> None:
    """OK: the service runs, the dialog closes and the page reloads."""
    assert dialog.ok_button.isEnabled(), dialog.error_label.text()
    with qtbot.waitSignal(view.refreshed, timeout=TIMEOUT_MS):
        click(qtbot, dialog.ok_button)
    assert view.action_dialog is None or not view.action_dialog.isVisible()


def refused(qtbot: QtBot, dialog: ActionDialog) -> str:
    """OK, and the service says no: the message shows in the dialog, which stays open."""
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(
        lambda: dialog.task is None and dialog.error_label.isVisible(), timeout=TIMEOUT_MS
    )
    assert dialog.isVisible()
    return dialog.error_label.text()


def wait_for_units(qtbot: QtBot, dialog: ActionDialog) -> None:
    qtbot.waitUntil(lambda: dialog.units_task is None, timeout=TIMEOUT_MS)


def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def timeline_actions(staff: Staff, case_id: int) -> list[str]:
    return [e.action for e in queries.timeline(staff.demo.svc, case_id)]


# ----- models --------------------------------------------------------------------------------------


def test_every_model_passes_qt_model_tester(
    staff: Staff, qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    evidence = tmp_path / "照片.jpg"
    evidence.write_bytes(b"jpeg")
    case_id = dispatched_complaint(staff)
    handling.add_attachment(staff.demo.svc, staff.clerk, case_id, evidence)
    detail = case_view.case_detail(staff.demo.svc, staff.clerk, case_id)
    assert detail.deadlines and detail.attachments
    qtmodeltester.check(TimelineModel(queries.timeline(staff.demo.svc, case_id)))
    qtmodeltester.check(TimelineModel([]))
    qtmodeltester.check(DeadlineModel(detail.deadlines))
    qtmodeltester.check(DeadlineModel(()))
    qtmodeltester.check(AttachmentModel(detail.attachments))
    qtmodeltester.check(AttachmentModel(()))


def test_deadline_model_says_each_status_in_words_and_colours_the_late_ones(staff: Staff) -> None:
    case_id = dispatched_complaint(staff)
    staff.clock.now += timedelta(days=30)
    model = DeadlineModel(case_view.case_detail(staff.demo.svc, None, case_id).deadlines)
    rows = {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(5)]
        for r in range(model.rowCount())
    }
    assert rows["办结期限"][3] == "已超期"
    assert rows["转办期限"][3] == "按期完成"
    overdue_row = list(rows).index("办结期限")
    background = model.index(overdue_row, 3).data(Qt.ItemDataRole.BackgroundRole)
    assert background == DueState.OVERDUE.background
    assert model.index(overdue_row, 0).data(Qt.ItemDataRole.FontRole).bold()


# ----- the page ------------------------------------------------------------------------------------


def test_dialog_shows_who_did_what_when_and_under_which_article(
    demo: DemoData, qtbot: QtBot
) -> None:
    case_id = demo.case_ids[0]
    dialog = CaseDetailDialog(demo.svc, case_id)
    qtbot.addWidget(dialog)
    model = dialog.timeline_model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    entries = queries.timeline(demo.svc, case_id)
    assert [r[1] for r in rows] == [e.actor for e in entries]
    assert [r[2] for r in rows] == [e.summary for e in entries]
    assert rows[0][0] == entries[0].at.strftime("%Y-%m-%d %H:%M")
    assert rows[0][3] == "YJ12345 art. 7"
    assert dialog.windowTitle().startswith("案件 TD01-")


def test_an_overdue_case_says_so_in_its_summary(demo: DemoData, qtbot: QtBot) -> None:
    rows = queries.case_rows(demo.svc, demo.case_ids)
    overdue = next(r for r in rows if due_state(r) is DueState.OVERDUE)
    dialog = CaseDetailDialog(demo.svc, overdue.id)
    qtbot.addWidget(dialog)
    labels = texts(dialog)
    assert any(text.startswith("已超期 ") for text in labels)


def test_a_missing_case_is_a_user_facing_error(demo: DemoData) -> None:
    with pytest.raises(NotFound):
        CaseDetailDialog(demo.svc, 999_999)


def test_the_page_shows_summary_facts_and_masked_identity(staff: Staff, qtbot: QtBot) -> None:
    case_id = dispatched_complaint(staff)
    dialog = open_detail(qtbot, staff, case_id, staff.clerk)
    view = dialog.view
    labels = texts(dialog)
    assert view.number_label.text() == view.detail.number
    assert view.state_badge.text() == "已转办"
    assert view.kind_label.text() == "投诉 · 普通 · 来访"
    for shown in ("陈*玲", "137****5678", "阳江市江城区****", "小区垃圾三天未清运，气味很大。"):
        assert shown in labels
    assert "陈美玲" not in labels and "13712345678" not in " ".join(labels)
    assert any(text.startswith("居民身份证 4417**********") for text in labels)
    assert view.deadline_model.rowCount() == 4
    assert "暂无附件" in labels


def test_esc_closes_the_dialog(staff: Staff, qtbot: QtBot) -> None:
    dialog = open_detail(qtbot, staff, new_complaint(staff), staff.clerk)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_action_buttons_carry_distinct_alt_keys(staff: Staff, qtbot: QtBot) -> None:
    # QTest cannot press a shortcut (its key events are not spontaneous, pytest-qt #254), so
    # this checks what Qt binds: each action button's Alt key, and no key used twice.
    case_id = new_complaint(staff)
    dialog = open_detail(qtbot, staff, case_id, staff.lead)
    buttons = dialog.findChildren(QPushButton)
    keys = [b.shortcut().toString() for b in buttons if not b.shortcut().isEmpty()]
    keys += [
        QKeySequence.mnemonic(label.text()).toString()
        for label in dialog.findChildren(QLabel)
        if "&" in label.text()
    ]
    assert len(keys) == len(set(keys)), keys
    assert dialog.view.action_buttons[Action.ACCEPT].shortcut() == QKeySequence("Alt+A")
    all_keys = [QKeySequence.mnemonic(text).toString() for text, _ in ACTION_DIALOGS.values()]
    assert len(all_keys) == len(set(all_keys)) and all(all_keys)


# ----- roles ---------------------------------------------------------------------------------------


def test_a_clerk_sees_no_approval_or_review_buttons_and_a_supervisor_does(
    staff: Staff, qtbot: QtBot
) -> None:
    svc = staff.demo.svc
    case_id = dispatched_complaint(staff)
    handling.request_extension(svc, staff.clerk, case_id, 2, "需协调环卫公司", "管理条例")
    clerk = open_detail(qtbot, staff, case_id, staff.clerk).view
    lead = open_detail(qtbot, staff, case_id, staff.lead).view
    assert Action.DECIDE_EXTENSION not in clerk.action_buttons
    assert Action.REQUEST_EXTENSION not in clerk.action_buttons  # one pending at a time
    assert Action.DECIDE_EXTENSION in lead.action_buttons
    assert lead.action_buttons[Action.DECIDE_EXTENSION].text() == "审批延期(&X)…"

    handling.decide_extension(svc, staff.lead, case_id, approve=True)
    handling.submit_result(
        svc,
        staff.clerk,
        case_id,
        handled_at=svc.now(),
        method="协调环卫公司清运",
        outcome="已清运",
        basis="管理条例",
    )
    for view in (clerk, lead):
        with qtbot.waitSignal(view.refreshed, timeout=TIMEOUT_MS):
            view.refresh()
    assert list(clerk.action_buttons) == [Action.RECORD_EVALUATION]
    assert Action.REVIEW in lead.action_buttons
    assert "审核(&V)…" in [b.text() for b in lead.action_buttons.values()]


def test_without_a_user_the_page_is_read_only(staff: Staff, qtbot: QtBot) -> None:
    view = open_detail(qtbot, staff, new_complaint(staff), None).view
    assert view.action_buttons == {}
    assert not view.reveal_button.isEnabled()
    assert not view.add_attachment_button.isEnabled()
    assert view.open_action(Action.ACCEPT) is None


# ----- identity ------------------------------------------------------------------------------------


def test_show_identity_asks_a_reason_then_unmasks_in_place_and_logs_it(
    staff: Staff, qtbot: QtBot
) -> None:
    case_id = new_complaint(staff)
    clerk = open_detail(qtbot, staff, case_id, staff.clerk).view
    assert not clerk.reveal_button.isEnabled()
    assert "仅负责人和管理员" in clerk.reveal_button.toolTip()

    view = open_detail(qtbot, staff, case_id, staff.lead).view
    assert view.reveal_button.isEnabled()
    click(qtbot, view.reveal_button)
    dialog = view.action_dialog
    assert dialog is not None and dialog.windowTitle().startswith("显示身份信息")
    assert "YJ12345 art. 15" in dialog.intro.text()
    assert not dialog.ok_button.isEnabled()  # no reason, no identity
    reason = child(dialog, QLineEdit)
    assert reason is not None
    type_text(reason, "   ")
    assert not dialog.ok_button.isEnabled()
    reason.clear()
    type_text(reason, "回访核对电话")
    confirm(qtbot, view, dialog)

    labels = texts(view)
    assert "陈美玲" in labels and "137 1234 5678" in labels
    assert "阳江市江城区幸福小区5栋" in labels
    assert any(t.startswith("居民身份证 441702") for t in labels)
    assert not view.reveal_button.isEnabled()
    last = view.timeline_model.rowCount() - 1
    assert view.timeline_model.index(last, 2).data() == "查看诉求人身份信息（事由：回访核对电话）"
    assert view.timeline_model.index(last, 1).data() == "王负责"
    assert timeline_actions(staff, case_id)[-1] == "reveal_identity"


# ----- attachments ---------------------------------------------------------------------------------


def test_add_an_attachment_later_and_open_it(
    staff: Staff, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence = tmp_path / "整改前照片.jpg"
    evidence.write_bytes(b"\xff\xd8 photo")
    # The copy for the viewer goes to the system's temporary folder: this test's own here.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(evidence)], "")
    )
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    case_id = dispatched_complaint(staff)
    dialog = open_detail(qtbot, staff, case_id, staff.clerk)
    view = dialog.view
    changed: list[int] = []
    dialog.case_changed.connect(changed.append)
    with qtbot.waitSignal(view.refreshed, timeout=TIMEOUT_MS):
        click(qtbot, view.add_attachment_button)
    assert changed == [case_id]
    assert view.attachment_model.rowCount() == 1
    assert view.attachment_model.index(0, 0).data() == "整改前照片.jpg"
    assert timeline_actions(staff, case_id)[-1] == "add_attachment"

    view.attachment_table.selectRow(0)
    click(qtbot, view.open_attachment_button)
    task = view.file_task
    assert task is not None
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    (url,) = opened
    assert Path(url.toLocalFile()).name == "整改前照片.jpg"
    assert Path(url.toLocalFile()).is_relative_to(tmp_path)
    assert Path(url.toLocalFile()).read_bytes() == evidence.read_bytes()


# ----- tip-offs ------------------------------------------------------------------------------------


def test_a_tip_off_lists_its_linked_duplicates_and_the_first_report(
    staff: Staff, qtbot: QtBot
) -> None:
    svc = staff.demo.svc
    ids = []
    for name in ("林晓燕", "吴海涛"):
        ids.append(
            register(
                svc,
                staff.clerk,
                RegistrationForm(
                    kind=Kind.TIP_OFF,
                    content="安全出口被货物堵塞",
                    occurred="本周",
                    reported_unit_name="兴旺五金店",
                    reported_unit_address="江城区东风路12号",
                    hazard_category=HazardCategory.EVACUATION_BLOCKED,
                    submitters=[PersonInput(name=name, phone="13712345670")],
                ),
            ).case_id
        )
        staff.clock.now += timedelta(hours=1)
    duplicates.link_duplicate(svc, staff.clerk, ids[1], ids[0])
    view = open_detail(qtbot, staff, ids[1], staff.clerk).view
    first_number = queries.case_rows(svc, ids[:1])[0].number
    labels = texts(view)
    assert "兴旺五金店" in labels
    assert "占用、堵塞、封闭疏散通道、安全出口" in labels
    (linked,) = [t for t in labels if t.startswith(first_number)]
    assert "首次举报" in linked and f"首次举报为 {first_number}" in linked
    assert "FIRE art. 6" in linked
    assert "举报人" in [box.title() for box in view.findChildren(QGroupBox)]


def test_fire_art_9_a_hazard_tip_off_is_registered_for_a_reward_from_its_page(
    staff: Staff, qtbot: QtBot
) -> None:
    svc = staff.demo.svc
    case_id = register(
        svc,
        staff.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防车通道被货物堵塞",
            occurred="本周",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
            evidence="现场照片2张",
            submitters=[
                PersonInput(name="林晓燕", doc_number=resident_id(31), phone="13712345670")
            ],
        ),
    ).case_id
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    assert "未登记举报奖励" in texts(view)
    button = view.reward_button
    assert button is not None and button.text() == "登记举报奖励…"
    click(qtbot, button)
    # The claim is registered, sent to the brigade (FIRE art. 9), and its screen opens.
    qtbot.waitUntil(lambda: view.claim_dialog is not None and view.claim_dialog.view is not None)
    assert rewards.get_claim(svc, case_id).state is ClaimState.PENDING_VERIFICATION
    assert "reward_open" in timeline_actions(staff, case_id)
    qtbot.waitUntil(lambda: "待核查" in texts(view))
    assert view.reward_button is not None and view.reward_button.text() == "打开举报奖励…"
    assert view.claim_dialog is not None
    view.claim_dialog.close()


def test_fire_art_9_a_refused_tip_off_cannot_be_registered_for_a_reward(
    staff: Staff, qtbot: QtBot
) -> None:
    svc = staff.demo.svc
    case_id = register(
        svc,
        staff.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="安全出口被堵",
            occurred="本周",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.EVACUATION_BLOCKED,
            submitters=[
                PersonInput(name="吴海涛", doc_number=resident_id(32), phone="13712345671")
            ],
        ),
        intake=RefuseAtIntake(RefusalGround.OUTSIDE_JURISDICTION, "不在本市管辖范围"),
    ).case_id
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    assert view.reward_button is not None
    click(qtbot, view.reward_button)
    qtbot.waitUntil(lambda: view.reward_task is None)
    (box,) = [b for b in view.findChildren(QMessageBox) if b.isVisible()]
    assert "不予受理" in box.text() and "不能登记举报奖励" in box.text()
    box.close()
    assert view.reward_button.isEnabled()
    with pytest.raises(NotFound):
        rewards.get_claim(svc, case_id)


# ----- a whole life, from the GUI ------------------------------------------------------------------


def test_one_case_from_registered_to_closed_through_the_gui(staff: Staff, qtbot: QtBot) -> None:
    svc, clock = staff.demo.svc, staff.clock
    case_id = new_complaint(staff)
    clerk_dialog = open_detail(qtbot, staff, case_id, staff.clerk)
    clerk = clerk_dialog.view
    changes: list[int] = []
    clerk_dialog.case_changed.connect(changes.append)

    confirm(qtbot, clerk, start_action(qtbot, clerk, Action.ACCEPT))
    assert clerk.state_badge.text() == "已受理"

    dispatch = start_action(qtbot, clerk, Action.DISPATCH)
    assert not dispatch.ok_button.isEnabled()  # no unit chosen yet
    wait_for_units(qtbot, dispatch)
    unit = staff.demo.units[1]
    choose(child(dispatch, QComboBox), unit.id)
    confirm(qtbot, clerk, dispatch)
    assert clerk.state_badge.text() == "已转办"
    assert unit.name in texts(clerk)

    clock.now += timedelta(hours=2)
    contact = start_action(qtbot, clerk, Action.RECORD_CONTACT)
    assert contact.ok_button.isEnabled()  # phone, now: the common case needs no typing
    type_text(child(contact, QPlainTextEdit), "已电话联系诉求人")
    confirm(qtbot, clerk, contact)
    assert clerk.state_badge.text() == "办理中"

    clock.now += timedelta(days=1)
    extension = start_action(qtbot, clerk, Action.REQUEST_EXTENSION, RequestExtensionDialog)
    assert "最长 15 个工作日，还可延长 5 个工作日" in " ".join(texts(extension))
    assert not extension.ok_button.isEnabled()
    extension.days.selectAll()
    qtbot.keyClicks(extension.days, "3")
    type_text(extension.reason, "需协调环卫公司")
    assert not extension.ok_button.isEnabled()  # the basis is still missing
    type_text(extension.basis, "城市市容和环境卫生管理条例")
    confirm(qtbot, clerk, extension)
    assert Action.DECIDE_EXTENSION not in clerk.action_buttons

    lead = open_detail(qtbot, staff, case_id, staff.lead).view
    decide = start_action(qtbot, lead, Action.DECIDE_EXTENSION)
    assert "3 个工作日" in texts(decide)
    confirm(qtbot, lead, decide)
    assert "已同意" in " ".join(texts(lead))

    clock.now += timedelta(days=2)
    with qtbot.waitSignal(clerk.refreshed, timeout=TIMEOUT_MS):
        clerk.refresh()
    submit_result(qtbot, clerk, "协调环卫公司增加清运频次", "垃圾已清运")

    with qtbot.waitSignal(lead.refreshed, timeout=TIMEOUT_MS):
        lead.refresh()
    review = start_action(qtbot, lead, Action.REVIEW)
    assert "垃圾已清运" in texts(review)
    click_option(qtbot, review, "发回重新办理")
    assert not review.ok_button.isEnabled()  # sending back needs the reason
    type_text(child(review, QPlainTextEdit), "未写明是否答复诉求人")
    confirm(qtbot, lead, review)
    assert lead.state_badge.text() == "已发回"

    clock.now += timedelta(hours=3)
    with qtbot.waitSignal(clerk.refreshed, timeout=TIMEOUT_MS):
        clerk.refresh()
    submit_result(qtbot, clerk, "协调环卫公司清运并电话答复诉求人", "垃圾已清运，已答复")

    with qtbot.waitSignal(lead.refreshed, timeout=TIMEOUT_MS):
        lead.refresh()
    confirm(qtbot, lead, start_action(qtbot, lead, Action.REVIEW))  # 审核通过 is the default
    assert lead.state_badge.text() == "已办结"

    with qtbot.waitSignal(clerk.refreshed, timeout=TIMEOUT_MS):
        clerk.refresh()
    evaluation = start_action(qtbot, clerk, Action.RECORD_EVALUATION)
    assert not evaluation.ok_button.isEnabled()  # the level must be chosen
    level, stage = evaluation.findChildren(QComboBox)[:2]
    assert stage.currentText() == "办结后评价"
    choose(level, level.itemData(1))
    confirm(qtbot, clerk, evaluation)
    assert clerk.state_badge.text() == "已评价"

    confirm(qtbot, clerk, start_action(qtbot, clerk, Action.CLOSE))
    assert clerk.state_badge.text() == "已归档"
    assert clerk.action_buttons == {}

    assert timeline_actions(staff, case_id) == [
        "register",
        "accept",
        "dispatch",
        "contact",
        "request_extension",
        "approve_extension",
        "submit_result",
        "send_back",
        "submit_result",
        "review_pass",
        "evaluate",
        "close",
    ]
    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        assert case.state is CaseState.CLOSED and case.unit_id == staff.demo.units[1].id
    assert clerk.timeline_model.rowCount() == 12
    assert set(changes) == {case_id}


def submit_result(qtbot: QtBot, view: CaseDetailView, method: str, outcome: str) -> None:
    dialog = start_action(qtbot, view, Action.SUBMIT_RESULT, SubmitResultDialog)
    assert "YJ12345 art. 14" in dialog.intro.text()
    fields = [dialog.method, dialog.outcome, dialog.basis]
    for widget, text in zip(fields, (method, outcome, "城市市容和环境卫生管理条例"), strict=True):
        assert not dialog.ok_button.isEnabled()  # all four are required
        type_text(widget, text)
    confirm(qtbot, view, dialog)
    assert view.state_badge.text() == "待审核"


def test_return_requested_by_the_unit_and_approved_with_a_new_unit(
    staff: Staff, qtbot: QtBot
) -> None:
    case_id = dispatched_complaint(staff)
    clerk = open_detail(qtbot, staff, case_id, staff.clerk).view
    request = start_action(qtbot, clerk, Action.REQUEST_RETURN, RequestReturnDialog)
    assert "申请退回期限" in " ".join(texts(request))
    type_text(request.reason, "不属本单位职责")
    type_text(request.basis, "镇机构职能规定")
    confirm(qtbot, clerk, request)
    assert clerk.state_badge.text() == "申请退回"
    assert Action.DECIDE_RETURN not in clerk.action_buttons

    lead = open_detail(qtbot, staff, case_id, staff.lead).view
    decide = start_action(qtbot, lead, Action.DECIDE_RETURN, DecideReturnDialog)
    assert "不属本单位职责" in texts(decide)
    wait_for_units(qtbot, decide)
    combo = decide.unit
    old_unit = staff.demo.units[0]
    assert combo.findData(old_unit.id) < 0  # approval must move it elsewhere
    assert not decide.ok_button.isEnabled()
    choose(combo, staff.demo.units[2].id)
    confirm(qtbot, lead, decide)
    assert lead.state_badge.text() == "已转办"
    assert staff.demo.units[2].name in texts(lead)
    assert "已同意" in " ".join(texts(lead))
    assert timeline_actions(staff, case_id)[-1] == "approve_return"


def test_a_return_refused_needs_a_reason(staff: Staff, qtbot: QtBot) -> None:
    case_id = dispatched_complaint(staff)
    handling.request_return(staff.demo.svc, staff.clerk, case_id, "不属本单位", "职能规定")
    lead = open_detail(qtbot, staff, case_id, staff.lead).view
    decide = start_action(qtbot, lead, Action.DECIDE_RETURN, DecideReturnDialog)
    # The choice may come before the unit list arrives: either way the combo stays off.
    click_option(qtbot, decide, "不同意退回")
    wait_for_units(qtbot, decide)
    assert not decide.unit.isEnabled()
    assert not decide.ok_button.isEnabled()
    type_text(decide.note, "属本单位职责范围")
    confirm(qtbot, lead, decide)
    assert lead.state_badge.text() == "已转办"
    assert timeline_actions(staff, case_id)[-1] == "refuse_return"


def test_an_extension_asked_after_expiry_shows_the_refusal_in_the_dialog(
    staff: Staff, qtbot: QtBot
) -> None:
    case_id = dispatched_complaint(staff)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.REQUEST_EXTENSION, RequestExtensionDialog)
    type_text(dialog.reason, "需协调")
    type_text(dialog.basis, "条例")
    # The page was opened in time; the period ran out while the clerk was typing.
    staff.clock.now += timedelta(days=30)
    message = refused(qtbot, dialog)
    assert "延期须在办理时限届满前申请" in message and "YJ12345 art. 9" in message
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "申请延期"
    assert timeline_actions(staff, case_id)[-1] == "dispatch"  # nothing was saved
    click(qtbot, dialog.cancel_button)
    assert not dialog.isVisible()


# ----- redo (重办) and evaluation details ---------------------------------------------------------

SHOTS = Path(tempfile.gettempdir()) / "towndesk-redo-shots"


def shot(widget: QWidget, name: str) -> None:
    """Rendered offscreen for a look by eye (not compared)."""
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def completed_complaint(staff: Staff) -> int:
    svc = staff.demo.svc
    case_id = dispatched_complaint(staff)
    staff.clock.now += timedelta(days=1)
    handling.submit_result(
        svc,
        staff.clerk,
        case_id,
        handled_at=svc.now(),
        method="协调环卫公司清运",
        outcome="垃圾已清运，已答复诉求人",
        basis="《城市市容和环境卫生管理条例》",
    )
    handling.review(svc, staff.lead, case_id, passed=True)
    return case_id


def test_stdi17_evaluation_tags_and_method_are_recorded_and_shown(
    staff: Staff, qtbot: QtBot
) -> None:
    case_id = completed_complaint(staff)
    clerk = open_detail(qtbot, staff, case_id, staff.clerk).view
    evaluation = start_action(qtbot, clerk, Action.RECORD_EVALUATION, EvaluationDialog)
    assert [b.text() for b in evaluation.tag_boxes.values()] == [t.label for t in EvaluationTag]
    level = evaluation.findChildren(QComboBox)[0]
    level.setCurrentIndex(level.findText("不满意"))
    evaluation.method.setCurrentIndex(evaluation.method.findText("短信"))
    for tag in (EvaluationTag.NOT_RESOLVED, EvaluationTag.TOO_SLOW):
        box = evaluation.tag_boxes[tag]
        # On the indicator, as a clerk clicks (right of the text does not count).
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert box.isChecked()
    type_text(evaluation.comment, "垃圾又堆起来了")
    shot(evaluation, "evaluation_dialog")
    confirm(qtbot, clerk, evaluation)
    assert clerk.state_badge.text() == "已评价"
    page = " ".join(texts(clerk))
    assert "办结后评价：不满意（短信，李窗口）" in page
    assert "问题未解决、办理拖延" in page and "垃圾又堆起来了" in page
    (stored,) = case_view.case_detail(staff.demo.svc, staff.clerk, case_id).evaluations
    assert stored.tags == ("问题未解决", "办理拖延")


def test_yj12345_art_20_redo_request_then_decision_through_the_gui(
    staff: Staff, qtbot: QtBot
) -> None:
    svc = staff.demo.svc
    case_id = completed_complaint(staff)
    handling.record_evaluation(
        svc, staff.clerk, case_id, Satisfaction.VERY_DISSATISFIED, tags=[EvaluationTag.NOT_RESOLVED]
    )
    clerk = open_detail(qtbot, staff, case_id, staff.clerk).view
    assert {Action.REQUEST_REDO, Action.CLOSE} <= set(clerk.action_buttons)
    assert Action.DECIDE_REDO not in clerk.action_buttons

    request = start_action(qtbot, clerk, Action.REQUEST_REDO, RequestRedoDialog)
    assert not request.ok_button.isEnabled()  # the requester's reason is required
    shown = " ".join(texts(request))
    assert "非常不满意" in shown and "问题未解决" in shown and "YJ12345 art. 20" in shown
    type_text(request.reason, "垃圾仍未清运干净")
    shot(request, "redo_request_dialog")
    confirm(qtbot, clerk, request)
    # Pending: nothing else until the centre decides; a clerk cannot decide.
    assert Action.REQUEST_REDO not in clerk.action_buttons
    assert Action.CLOSE not in clerk.action_buttons
    assert Action.DECIDE_REDO not in clerk.action_buttons
    assert "垃圾仍未清运干净" in " ".join(texts(clerk))

    lead = open_detail(qtbot, staff, case_id, staff.lead).view
    decide = start_action(qtbot, lead, Action.DECIDE_REDO, DecideRedoDialog)
    assert "垃圾仍未清运干净" in texts(decide)
    assert decide.unit_fault is None and decide.not_followed is None  # yangjiang-2022
    detail = case_view.case_detail(svc, staff.lead, case_id)
    assert detail.redo is not None
    assert detail.redo.due_if_approved_text in " ".join(texts(decide))
    assert not decide.ok_button.isEnabled()  # the instructions to the unit are required
    type_text(decide.note, "每日清运并拍照反馈")
    shot(decide, "redo_decision_dialog")
    confirm(qtbot, lead, decide)
    assert lead.state_badge.text() == "已转办"
    assert timeline_actions(staff, case_id)[-2:] == ["request_redo", "approve_redo"]
    (redo,) = case_view.case_detail(svc, staff.lead, case_id).redo_requests
    assert redo.status.label == "已同意" and redo.new_due_text
    page = " ".join(texts(lead))
    assert "每日清运并拍照反馈" in page and redo.new_due_text in page
    lead.window().resize(1300, 1500)
    qtbot.wait(50)  # let the old action buttons go (deleteLater) before the picture
    shot(lead.window(), "case_detail_after_redo")


def test_yj12345_art_20_a_refused_redo_needs_the_reason(staff: Staff, qtbot: QtBot) -> None:
    svc = staff.demo.svc
    case_id = completed_complaint(staff)
    handling.record_evaluation(svc, staff.clerk, case_id, Satisfaction.DISSATISFIED)
    handling.request_redo(svc, staff.clerk, case_id, "仍未解决")
    lead = open_detail(qtbot, staff, case_id, staff.lead).view
    decide = start_action(qtbot, lead, Action.DECIDE_REDO, DecideRedoDialog)
    button = decide.choice.button(1)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert decide.choice.checkedId() == 1
    assert not decide.ok_button.isEnabled()
    type_text(decide.note, "已依政策答复，诉求超出职能范围")
    confirm(qtbot, lead, decide)
    assert lead.state_badge.text() == "已评价"
    assert timeline_actions(staff, case_id)[-1] == "refuse_redo"
    assert Action.CLOSE in lead.action_buttons


def test_jy12345_art_16_17_the_decision_asks_for_the_confirmation_the_profile_needs(
    staff: Staff, qtbot: QtBot
) -> None:
    svc = staff.demo.svc
    case_id = completed_complaint(staff)
    handling.record_evaluation(svc, staff.clerk, case_id, Satisfaction.DISSATISFIED)
    handling.request_redo(svc, staff.clerk, case_id, "仍未解决")
    detail = case_view.case_detail(svc, staff.lead, case_id)
    assert detail.redo is not None
    # As jieyang-2015 shows it for a second redo: the unit's fault was settled the first time.
    second = replace(
        detail,
        redo=replace(
            detail.redo,
            granted=1,
            next_article="JY12345 art. 17",
            needs_instructions_not_followed=True,
        ),
    )
    dialog = DecideRedoDialog(svc, staff.lead, second)
    qtbot.addWidget(dialog)
    assert dialog.unit_fault is None and dialog.not_followed is not None
    type_text(dialog.note, "再次重办")
    assert not dialog.ok_button.isEnabled()  # approving needs the confirmation
    dialog.not_followed.setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.not_followed.setChecked(False)
    dialog.choice.button(1).setChecked(True)
    assert dialog.ok_button.isEnabled()  # refusing does not
    first = replace(detail, redo=replace(detail.redo, unit_fault_required=True))
    dialog = DecideRedoDialog(svc, staff.lead, first)
    qtbot.addWidget(dialog)
    assert dialog.unit_fault is not None and dialog.not_followed is None
    dialog.show()
    shot(dialog, "redo_decision_dialog_jieyang")
