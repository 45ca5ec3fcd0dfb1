"""Tests for the action dialogs the detail page opens: intake, materials, refusal, decisions, skeleton."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.domain.users import Action
from app.domain.vocabulary import CaseState, Kind, RefusalGround, Satisfaction
from app.services import case_view, handling, queries
from app.services.registration import RegistrationForm, register
from tests.ui.test_case_detail import (
    Staff,
    child,
    click,
    click_option,
    confirm,
    dispatched_complaint,
    new_complaint,
    open_detail,
    refused,
    staff,
    start_action,
    texts,
    timeline_actions,
    type_text,
    wait_for_units,
)
from ui.actions import ACTION_DIALOGS, ActionDialog
from ui.actions.handling import SubmitResultDialog
from ui.actions.intake import RefuseDialog

pytestmark = pytest.mark.ui

__all__ = ["staff"]  # the fixture, imported for the tests below


def state_of(staff: Staff, case_id: int) -> CaseState:
    return queries.case_rows(staff.demo.svc, [case_id])[0].state


def test_every_action_has_a_dialog_titled_after_it(staff: Staff, qtbot: QtBot) -> None:
    detail = case_view.case_detail(staff.demo.svc, staff.lead, new_complaint(staff))
    for action, (text, dialog_class) in ACTION_DIALOGS.items():
        dialog = dialog_class(staff.demo.svc, staff.lead, detail)
        qtbot.addWidget(dialog)
        assert isinstance(dialog, ActionDialog)
        assert dialog.windowTitle() == f"{dialog_class.title} — 案件 {detail.number}"
        assert text.endswith("…") and "(&" in text, action
        assert dialog.intro.text(), f"{action}: the dialog must say what it does and why"
    assert set(ACTION_DIALOGS) == set(case_view.ACTION_ORDER) - {Action.ADD_ATTACHMENT}


def test_refuse_on_a_ground_with_its_reason(staff: Staff, qtbot: QtBot) -> None:
    case_id = new_complaint(staff)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.REFUSE, RefuseDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.ground.setFocus()
    dialog.ground.setCurrentIndex(dialog.ground.findText("（3）", Qt.MatchFlag.MatchStartsWith))
    assert "已进入信访渠道的事项（YJ12345 art. 6(3)）" in texts(dialog)
    assert not dialog.ok_button.isEnabled()  # the reason is still missing
    type_text(dialog.reason, "已进入信访渠道办理")
    assert not dialog.related.isEnabled()
    confirm(qtbot, view, dialog)
    assert view.state_badge.text() == "不予受理"
    assert "已进入信访渠道的事项\n理由：已进入信访渠道办理" in texts(view)
    assert view.action_buttons == {}


def test_a_repeat_refusal_must_name_the_earlier_case(staff: Staff, qtbot: QtBot) -> None:
    earlier = new_complaint(staff)
    earlier_number = queries.case_rows(staff.demo.svc, [earlier])[0].number
    case_id = new_complaint(staff)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.REFUSE, RefuseDialog)
    dialog.ground.setCurrentIndex(len(RefusalGround) - 2)  # (6) the same fact again
    type_text(dialog.reason, "同一事实正在办理")
    assert dialog.related.isEnabled() and not dialog.ok_button.isEnabled()
    type_text(dialog.related, "TD01-20000101-0001")
    assert "找不到案件 TD01-20000101-0001" in refused(qtbot, dialog)
    dialog.related.clear()
    type_text(dialog.related, earlier_number.lower())
    confirm(qtbot, view, dialog)
    with staff.demo.svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        assert (case.refusal_ground, case.related_case_id) == (RefusalGround.REPEAT, earlier)


def test_materials_notice_then_supplied(staff: Staff, qtbot: QtBot) -> None:
    case_id = new_complaint(staff)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    notice = start_action(qtbot, view, Action.REQUEST_MATERIALS)
    assert "STD item 6" in notice.intro.text()
    assert not notice.ok_button.isEnabled()
    items = child(notice, QPlainTextEdit)
    type_text(items, "现场照片")
    items.appendPlainText("物业联系方式")
    confirm(qtbot, view, notice)
    assert view.state_badge.text() == "待补正"
    assert Action.REQUEST_MATERIALS not in view.action_buttons  # told once only
    assert "现场照片\n物业联系方式" in texts(view)

    staff.clock.now += timedelta(days=2)
    supply = start_action(qtbot, view, Action.SUPPLY_MATERIALS)
    assert "现场照片\n物业联系方式" in texts(supply)
    assert supply.ok_button.isEnabled()  # the note is optional
    confirm(qtbot, view, supply)
    assert view.state_badge.text() == "已受理"
    assert timeline_actions(staff, case_id)[-2:] == ["supply_materials", "accept"]


def test_withdraw_is_refused_before_the_supply_period_ends(staff: Staff, qtbot: QtBot) -> None:
    case_id = new_complaint(staff)
    handling.request_materials(staff.demo.svc, staff.clerk, case_id, ["现场照片"])
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.WITHDRAW)
    message = refused(qtbot, dialog)
    assert "尚未届满，不能视为撤回" in message and "STD item 6" in message
    click(qtbot, dialog.cancel_button)

    staff.clock.now += timedelta(days=20)
    confirm(qtbot, view, start_action(qtbot, view, Action.WITHDRAW))
    assert view.state_badge.text() == "视为撤回"
    assert state_of(staff, case_id) is CaseState.WITHDRAWN


def test_a_consultation_is_answered_at_once(staff: Staff, qtbot: QtBot) -> None:
    case_id = register(
        staff.demo.svc,
        staff.clerk,
        RegistrationForm(kind=Kind.CONSULTATION, content="居住证在哪个窗口办理？"),
    ).case_id
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.ANSWER_AT_ONCE)
    assert "居住证在哪个窗口办理？" in texts(dialog)
    assert not dialog.ok_button.isEnabled()
    type_text(child(dialog, QPlainTextEdit), "三号窗口")
    confirm(qtbot, view, dialog)
    assert view.state_badge.text() == "已办结"
    assert Action.CLOSE in view.action_buttons


def test_a_complaint_cannot_be_answered_at_once(staff: Staff, qtbot: QtBot) -> None:
    view = open_detail(qtbot, staff, new_complaint(staff), staff.clerk).view
    assert Action.ANSWER_AT_ONCE not in view.action_buttons


def test_a_designated_dispatch_offers_no_return(staff: Staff, qtbot: QtBot) -> None:
    case_id = new_complaint(staff)
    handling.accept(staff.demo.svc, staff.clerk, case_id)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.DISPATCH)
    wait_for_units(qtbot, dialog)
    combo = child(dialog, QComboBox)
    # Ordered by unit code, as list_units gives them.
    units = sorted(staff.demo.units, key=lambda u: u.code)
    assert [combo.itemText(i) for i in range(combo.count())] == [u.name for u in units]
    combo.setCurrentIndex(0)
    click(qtbot, child(dialog, QCheckBox))
    confirm(qtbot, view, dialog)
    assert Action.RECORD_CONTACT in view.action_buttons
    assert Action.REQUEST_RETURN not in view.action_buttons
    assert any("（中心指定，不得退回）" in t for t in texts(view))


def test_an_extension_refused_needs_the_reason(staff: Staff, qtbot: QtBot) -> None:
    case_id = dispatched_complaint(staff)
    handling.request_extension(staff.demo.svc, staff.clerk, case_id, 2, "需协调", "条例")
    view = open_detail(qtbot, staff, case_id, staff.lead).view
    dialog = start_action(qtbot, view, Action.DECIDE_EXTENSION)
    assert dialog.ok_button.isEnabled()  # approving needs no note
    click_option(qtbot, dialog, "不同意延期")
    assert not dialog.ok_button.isEnabled()
    type_text(child(dialog, QPlainTextEdit), "理由不充分")
    confirm(qtbot, view, dialog)
    assert "不同意" in " ".join(texts(view))
    assert Action.DECIDE_EXTENSION not in view.action_buttons
    assert timeline_actions(staff, case_id)[-1] == "refuse_extension"


def test_an_evaluation_at_intake(staff: Staff, qtbot: QtBot) -> None:
    case_id = new_complaint(staff)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.RECORD_EVALUATION)
    level, stage, method = dialog.findChildren(QComboBox)
    assert [stage.itemText(i) for i in range(stage.count())] == ["受理时评价"]
    assert [level.itemText(i) for i in range(level.count())] == [s.label for s in Satisfaction]
    level.setCurrentIndex(0)
    method.setCurrentIndex(method.findText("窗口"))
    confirm(qtbot, view, dialog)
    assert view.state_badge.text() == "已登记"  # an intake evaluation changes no state
    assert any(t.endswith("受理时评价：非常满意（窗口，李窗口）") for t in texts(view))


def test_a_result_before_the_unit_received_the_order_is_refused(staff: Staff, qtbot: QtBot) -> None:
    case_id = dispatched_complaint(staff)
    staff.clock.now += timedelta(hours=5)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.SUBMIT_RESULT, SubmitResultDialog)
    for field, text in zip(
        (dialog.method, dialog.outcome, dialog.basis),
        ("现场核查", "已处理", "条例"),
        strict=True,
    ):
        type_text(field, text)
    edit = dialog.handled_at
    edit.setFocus()
    edit.setDateTime(edit.dateTime().addDays(-3))
    assert "办理时间不能早于承办单位收到工单的时间" in refused(qtbot, dialog)
    assert state_of(staff, case_id) is CaseState.DISPATCHED


def test_a_running_call_keeps_the_dialog_open(staff: Staff, qtbot: QtBot) -> None:
    view = open_detail(qtbot, staff, new_complaint(staff), staff.clerk).view
    dialog = start_action(qtbot, view, Action.ACCEPT)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        click(qtbot, dialog.ok_button)
        # While the service runs: no second OK, and Esc does not hide the outcome.
        assert dialog.task is not None and not dialog.ok_button.isEnabled()
        assert dialog.ok_button.text() == "正在保存…"
        dialog.reject()
        assert dialog.isVisible()
    assert view.state_badge.text() == "已受理"


def test_required_lines_ignore_blank_input(staff: Staff, qtbot: QtBot) -> None:
    case_id = dispatched_complaint(staff)
    view = open_detail(qtbot, staff, case_id, staff.clerk).view
    dialog = start_action(qtbot, view, Action.REQUEST_RETURN)
    reason = child(dialog, QPlainTextEdit)
    basis = child(dialog, QLineEdit)
    type_text(reason, "  ")
    type_text(basis, "  ")
    assert not dialog.ok_button.isEnabled()
    type_text(reason, "不属本单位")
    type_text(basis, "规定")
    assert dialog.ok_button.isEnabled()
