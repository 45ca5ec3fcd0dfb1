"""The 登记 page end to end: keyboard-only walk-in, live checks, kinds, joint and anonymous tip-offs,
attachments by drop, duplicates, refusal and materials flows, errors that write nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from stdnum.cn import ric

from app.documents.payloads import DocType
from app.domain.cases import Case
from app.domain.errors import ValidationError
from app.domain.people import normalise_phone
from app.domain.vocabulary import CaseState, Kind, RefusalGround
from app.services import duplicates, queries
from tests.ui.fixtures_data import NAMES, DemoData, resident_id
from tests.ui.test_case_list import type_through_ime
from ui.registration import RegistrationPage
from ui.registration.dialogs import MaterialsDialog, RefusalDialog
from ui.registration.widgets import Tone

pytestmark = pytest.mark.ui

# The first document of a session loads and subsets the CJK fonts; later ones are quicker.
TIMEOUT_MS = 60_000
BODY = "44170219900307123"  # Jiangcheng district, born 1990-03-07, a man
VALID_ID = BODY + ric.calc_check_digit(BODY + "0")


# ----- helpers -----------------------------------------------------------------------------------


@pytest.fixture
def page(demo: DemoData, qtbot: QtBot) -> Iterator[RegistrationPage]:
    page = RegistrationPage(demo.svc, demo.admin)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    yield page
    # pytest-qt has deleted the page by now (its dialogs with it); its Python attributes remain.
    # Nothing may still be running against the database when the demo fixture closes it.
    for task in (page.task, page.duplicate_panel.task):
        if task is not None:
            assert task.wait(TIMEOUT_MS / 1000)


W = TypeVar("W", bound=QWidget)


def visible(kind: type[W]) -> list[W]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab(qtbot: QtBot) -> QWidget:
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick a combo item with the arrow keys, as a clerk does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into the field and type: ASCII as keys, Chinese through the input method."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        type_through_ime(qtbot, widget, text)


def fill_complaint(qtbot: QtBot, page: RegistrationPage, *, phone: str = "13812345678") -> None:
    choose(qtbot, page.kind_combo, "投诉")
    type_into(qtbot, page.lead.name_edit, "张三丰")
    type_into(qtbot, page.lead.doc_number_edit, VALID_ID)
    type_into(qtbot, page.lead.phone_edit, phone)
    type_into(qtbot, page.occurred_edit, "近一周")
    type_into(qtbot, page.place_edit, "东风路")
    type_into(qtbot, page.content_edit, "路灯不亮")


def fill_tip_off(qtbot: QtBot, page: RegistrationPage, unit: str = "兴旺五金店") -> None:
    choose(qtbot, page.kind_combo, "举报")
    type_into(qtbot, page.occurred_edit, "昨天")
    type_into(qtbot, page.content_edit, "安全出口堵塞")
    type_into(qtbot, page.unit_name_edit, unit)
    type_into(qtbot, page.unit_address_edit, "东风路12号")


def save_and_wait(qtbot: QtBot, page: RegistrationPage) -> int:
    with qtbot.waitSignal(page.registered, timeout=TIMEOUT_MS) as signal:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return int(signal.args[0])


def close_preview(page: RegistrationPage, title_start: str) -> None:
    preview = page.last_preview
    assert preview is not None and preview.isVisible()
    assert preview.windowTitle().startswith(f"打印预览 — {title_start}")
    assert preview.page_count >= 1
    preview.close()


def load_case(demo: DemoData, case_id: int) -> Case:
    with demo.svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        # Touch what the tests read while the session is open.
        _ = [s.person.name for s in case.submitters], list(case.attachments)
        return case


def case_count(demo: DemoData) -> int:
    return queries.count_cases(demo.svc)


# ----- the walk-in complaint, keyboard only ------------------------------------------------------


def test_a_walk_in_complaint_with_the_keyboard_alone(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    assert focused() is page.kind_combo
    for _ in range(3):
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert page.kind is Kind.COMPLAINT
    assert tab(qtbot) is page.priority_combo
    assert tab(qtbot) is page.channel_combo
    # Anonymous is not allowed for a complaint: its switch is disabled and skipped.
    assert not page.anonymous_check.isEnabled()
    assert tab(qtbot) is page.lead.name_edit
    type_through_ime(qtbot, focused(), "张三丰")
    assert tab(qtbot) is page.lead.doc_type_combo
    assert tab(qtbot) is page.lead.doc_number_edit
    qtbot.keyClicks(focused(), VALID_ID)
    assert tab(qtbot) is page.lead.phone_edit
    qtbot.keyClicks(focused(), "138 1234 5678")
    assert tab(qtbot) is page.lead.address_edit
    type_through_ime(qtbot, focused(), "江城区东风路8号")
    assert tab(qtbot) is page.add_joint_button
    assert tab(qtbot) is page.occurred_edit
    type_through_ime(qtbot, focused(), "近一周每晚")
    assert tab(qtbot) is page.place_edit
    type_through_ime(qtbot, focused(), "东风路")
    assert tab(qtbot) is page.content_edit
    type_through_ime(qtbot, focused(), "路灯不亮")
    assert tab(qtbot) is page.request_edit
    type_through_ime(qtbot, focused(), "尽快维修")
    assert page.save_button.isEnabled()
    count = case_count(demo)

    with qtbot.waitSignal(page.registered, timeout=TIMEOUT_MS) as signal:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    case_id = int(signal.args[0])

    assert case_count(demo) == count + 1
    [row] = queries.case_rows(demo.svc, [case_id])
    assert row.kind is Kind.COMPLAINT and row.state is CaseState.REGISTERED
    assert row.due_date is not None  # the dispatch deadline runs from registration
    assert row.submitter == "张*丰"
    outcome = page.last_outcome
    assert outcome is not None and outcome.registered.case_id == case_id
    assert outcome.document is not None and outcome.document.doc_type is DocType.RECEIPT
    number = outcome.registered.number
    close_preview(page, f"受理回执 {number}（{outcome.document.number_text}）")
    case = load_case(demo, case_id)
    assert case.content == "路灯不亮" and case.request == "尽快维修"
    assert case.submitters[0].person.phone == "13812345678"
    # Cleared for the next citizen, the cursor back on the first field.
    assert page.lead.name_edit.text() == "" and page.content_edit.toPlainText() == ""
    assert page.kind is Kind.CONSULTATION
    assert page.focusWidget() is page.kind_combo  # where the cursor is once the preview closes
    assert number in page.result_label.text()


def test_ctrl_enter_in_the_content_saves_and_enter_makes_a_new_line(
    page: RegistrationPage, qtbot: QtBot
) -> None:
    fill_complaint(qtbot, page)
    qtbot.keyClick(page.content_edit, Qt.Key.Key_Return)
    assert page.content_edit.toPlainText() == "路灯不亮\n"
    assert page.last_outcome is None
    with qtbot.waitSignal(page.registered, timeout=TIMEOUT_MS):
        qtbot.keyClick(page.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    close_preview(page, "受理回执")


def test_enter_on_an_incomplete_form_saves_nothing_and_goes_to_the_gap(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    choose(qtbot, page.kind_combo, "投诉")
    type_into(qtbot, page.lead.name_edit, "张三丰")
    count = case_count(demo)
    assert not page.save_button.isEnabled()
    assert page.status_label.text().startswith("还不能保存：请填写诉求人联系电话")
    qtbot.keyClick(page.lead.name_edit, Qt.Key.Key_Return)
    assert page.task is None and case_count(demo) == count
    assert focused() is page.lead.phone_edit


# ----- live checks -------------------------------------------------------------------------------


def test_the_id_check_fills_birth_date_sex_and_region(page: RegistrationPage, qtbot: QtBot) -> None:
    lead = page.lead
    type_into(qtbot, lead.doc_number_edit, VALID_ID[:15])
    assert lead.doc_message.text() == "还差 3 位" and lead.doc_message.tone is Tone.HINT
    assert lead.birth_value.text() == "—"
    qtbot.keyClicks(lead.doc_number_edit, VALID_ID[15:])
    assert lead.doc_message.tone is Tone.OK
    assert lead.birth_value.text() == "1990-03-07"
    assert lead.sex_value.text() == "男"
    assert lead.region_value.text() == "广东省阳江市江城区"


def test_a_wrong_check_character_is_shown_and_blocks_saving(
    page: RegistrationPage, qtbot: QtBot
) -> None:
    wrong = BODY + ("0" if VALID_ID[-1] != "0" else "1")
    fill_complaint(qtbot, page)
    lead = page.lead
    lead.doc_number_edit.setFocus()
    qtbot.keyClick(lead.doc_number_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(lead.doc_number_edit, wrong[-1])
    assert lead.doc_message.tone is Tone.ERROR
    assert "校验位不正确" in lead.doc_message.text()
    assert lead.birth_value.text() == lead.sex_value.text() == "—"
    assert not page.save_button.isEnabled()
    assert "证件号码" in page.status_label.text()


def test_a_bad_phone_shows_the_services_message_and_writes_nothing(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    fill_complaint(qtbot, page, phone="12345")
    # Leaving the field: the check is final and says what the service would say.
    qtbot.keyClick(page.lead.phone_edit, Qt.Key.Key_Tab)
    with pytest.raises(ValidationError) as caught:
        normalise_phone("12345")
    message = page.lead.phone_message
    assert message.tone is Tone.ERROR and message.text() == f"⚠ {caught.value.message}"
    count = case_count(demo)
    qtbot.keyClick(page.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.task is None and case_count(demo) == count
    assert focused() is page.lead.phone_edit


def test_an_error_from_the_service_is_shown_at_its_field(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    # The demo registered 李秀英 with this ID number: another name with it is refused.
    fill_complaint(qtbot, page)
    page.lead.doc_number_edit.clear()
    type_into(qtbot, page.lead.doc_number_edit, resident_id(NAMES.index("李秀英")))
    count = case_count(demo)
    qtbot.keyClick(page.lead.phone_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT_MS)
    assert case_count(demo) == count
    assert page.lead.name_message.is_error
    assert "该证件号码已登记为「李*英」" in page.lead.name_message.text()
    assert page.status_label.text().startswith("未保存：")
    assert focused() is page.lead.name_edit
    assert page.lead.name_edit.text() == "张三丰"  # nothing typed is lost


# ----- kinds, anonymous, joint -------------------------------------------------------------------


def test_required_marks_follow_the_kind(page: RegistrationPage, qtbot: QtBot) -> None:
    labels = page.fact_labels
    choose(qtbot, page.kind_combo, "投诉")
    assert labels["place"].required and labels["occurred"].required
    assert page.lead.phone_label.required and page.lead.name_label.required
    assert not page.tip_off_box.isVisible()
    assert "<b>地点</b>" in labels["place"].text() and "*" in labels["place"].text()

    choose(qtbot, page.kind_combo, "举报")
    assert page.tip_off_box.isVisible() and page.duplicate_panel.isVisible()
    assert labels["reported_unit_name"].required and labels["reported_unit_address"].required
    assert not labels["place"].required and "<b>" not in labels["place"].text()
    assert not page.lead.phone_label.required
    assert page.anonymous_check.isEnabled()
    assert page.checklist_box.title() == "举报须填写"

    choose(qtbot, page.kind_combo, "咨询")
    assert not labels["occurred"].required and labels["content"].required
    assert not page.tip_off_box.isVisible()


def test_an_anonymous_tip_off_registers_without_a_name(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    fill_tip_off(qtbot, page)
    assert not page.save_button.isEnabled()  # a named reporter needs a name
    page.anonymous_check.setFocus()
    qtbot.keyClick(page.anonymous_check, Qt.Key.Key_Space)
    assert page.anonymous and not page.lead.isEnabled()
    assert not page.lead.name_label.required
    case_id = save_and_wait(qtbot, page)
    close_preview(page, "受理回执")
    case = load_case(demo, case_id)
    assert case.anonymous and case.submitters == []
    assert case.reported_unit_name == "兴旺五金店" and case.kind is Kind.TIP_OFF


def test_a_joint_tip_off_with_two_reporters(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    fill_tip_off(qtbot, page)
    type_into(qtbot, page.lead.name_edit, "张三丰")
    type_into(qtbot, page.lead.phone_edit, "13812345678")
    page.add_joint_button.setFocus()
    qtbot.keyClick(page.add_joint_button, Qt.Key.Key_Return)  # Enter on the button presses it
    [joint] = page.joint_editors
    assert focused() is joint.name_edit
    assert joint.title.text() == "联名人 2" and joint.name_label.required
    assert not page.save_button.isEnabled()
    type_through_ime(qtbot, joint.name_edit, "李四")
    assert tab(qtbot) is joint.doc_type_combo
    case_id = save_and_wait(qtbot, page)
    close_preview(page, "受理回执")
    case = load_case(demo, case_id)
    assert [s.person.name for s in case.submitters] == ["张三丰", "李四"]
    assert page.joint_editors == []  # cleared for the next citizen


def test_a_co_reporter_can_be_removed(page: RegistrationPage, qtbot: QtBot) -> None:
    choose(qtbot, page.kind_combo, "举报")
    qtbot.mouseClick(page.add_joint_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.add_joint_button, Qt.MouseButton.LeftButton)
    first, second = page.joint_editors
    qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)
    assert page.joint_editors == [second]
    assert second.title.text() == "联名人 2"


# ----- attachments -------------------------------------------------------------------------------


def drop_files(page: RegistrationPage, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = page.attachments.mapTo(page, QPoint(20, 20))
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, drop)
    return drop.isAccepted()


def test_a_dropped_file_is_attached_and_stored(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot, tmp_path: Path
) -> None:
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo bytes")
    assert drop_files(page, [photo])
    assert page.attachments.paths == [photo]
    assert page.attachments.list.item(0).text().startswith("现场照片.jpg（")
    assert drop_files(page, [photo])  # the same file twice is kept once
    assert page.attachments.paths == [photo]
    fill_complaint(qtbot, page)
    case_id = save_and_wait(qtbot, page)
    close_preview(page, "受理回执")
    [attachment] = load_case(demo, case_id).attachments
    assert attachment.file_name == "现场照片.jpg"
    stored = demo.svc.attachments_dir / attachment.sha256[:2] / attachment.sha256
    assert stored.read_bytes() == photo.read_bytes()
    assert page.attachments.paths == []


def test_a_folder_dropped_is_refused_with_a_reason(
    page: RegistrationPage, qtbot: QtBot, tmp_path: Path
) -> None:
    assert drop_files(page, [tmp_path])
    assert page.attachments.paths == []
    assert page.attachments.message.is_error
    assert "找不到附件文件" in page.attachments.message.text()


def test_an_attachment_is_removed_with_the_delete_key(
    page: RegistrationPage, qtbot: QtBot, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("证据")
    drop_files(page, [note])
    page.attachments.list.setFocus()
    assert page.attachments.remove_button.isEnabled()
    qtbot.keyClick(page.attachments.list, Qt.Key.Key_Delete)
    assert page.attachments.paths == []


# ----- duplicates --------------------------------------------------------------------------------


def demo_tip_offs(demo: DemoData, unit: str) -> list[int]:
    rows = queries.case_rows(demo.svc, demo.case_ids)
    ids = [r.id for r in rows if r.kind is Kind.TIP_OFF]
    with demo.svc.uow(write=False) as uow:
        return [i for i in ids if uow.get_case(i).reported_unit_name == unit]


def test_earlier_reports_of_the_same_unit_are_listed_and_linked(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    unit = "阳江市东城商贸有限公司"
    earlier = demo_tip_offs(demo, unit)
    assert earlier  # the demo data reports this unit several times
    choose(qtbot, page.kind_combo, "举报")
    choose(qtbot, page.hazard_combo, "（二）占用、堵塞、封闭疏散通道、安全出口")
    type_into(qtbot, page.unit_name_edit, unit)
    type_into(qtbot, page.unit_address_edit, "阳江市江城区东门路")
    panel = page.duplicate_panel
    qtbot.waitUntil(lambda: panel.list.count() > 0 and not panel.searching, timeout=5000)
    listed = [panel.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(panel.list.count())]
    assert sorted(listed) == sorted(earlier)
    # The one with the same unit, address and category comes first, bold and marked.
    same = panel.candidates[0]
    assert same.same_key and not any(c.same_key for c in panel.candidates[1:])
    first_item = panel.list.item(0)
    assert "【同一隐患】" in first_item.text() and first_item.font().bold()
    assert "【同一单位】" in panel.list.item(1).text()

    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert panel.checked_case_ids() == [same.case_id]
    type_into(qtbot, page.occurred_edit, "昨天")
    type_into(qtbot, page.content_edit, "安全出口堵塞")
    page.anonymous_check.setFocus()
    qtbot.keyClick(page.anonymous_check, Qt.Key.Key_Space)
    case_id = save_and_wait(qtbot, page)
    close_preview(page, "受理回执")
    assert duplicates.linked_cases(demo.svc, case_id) == [same.case_id]
    assert case_id in duplicates.linked_cases(demo.svc, same.case_id)
    assert panel.list.count() == 0  # cleared with the form


def test_the_search_waits_for_a_pause_in_typing(page: RegistrationPage, qtbot: QtBot) -> None:
    choose(qtbot, page.kind_combo, "举报")
    type_into(qtbot, page.unit_name_edit, "阳江市东城")
    assert page.duplicate_panel.task is None  # debounced: nothing ran while typing
    qtbot.waitUntil(lambda: page.duplicate_panel.task is not None, timeout=2000)


# ----- refusal and materials ---------------------------------------------------------------------


def open_dialog(qtbot: QtBot, page: RegistrationPage, button: QWidget) -> QWidget:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.decision_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_refusal_in_one_step_prints_the_notice(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    fill_complaint(qtbot, page)
    dialog = open_dialog(qtbot, page, page.refuse_button)
    assert isinstance(dialog, RefusalDialog)
    assert not dialog.ok_button.isEnabled()
    # The cursor starts on the first ground without choosing it; Space chooses it.
    assert dialog.ground is None
    qtbot.keyClick(dialog.ground_list, Qt.Key.Key_Space)
    assert dialog.ground is RefusalGround.OUTSIDE_JURISDICTION
    assert not dialog.related_combo.isEnabled()
    type_into(qtbot, dialog.reason_edit, "属市级部门职责")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.registered, timeout=TIMEOUT_MS) as signal:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    case = load_case(demo, int(signal.args[0]))
    assert case.state is CaseState.NOT_ACCEPTED
    assert case.refusal_ground is RefusalGround.OUTSIDE_JURISDICTION
    assert case.refusal_reason == "属市级部门职责"
    close_preview(page, "不予受理告知书")


def test_a_repeat_refusal_names_the_earlier_case(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    earlier = queries.case_rows(demo.svc, demo.case_ids[:1])[0]
    fill_complaint(qtbot, page)
    dialog = open_dialog(qtbot, page, page.refuse_button)
    assert isinstance(dialog, RefusalDialog)
    for _ in range(5):
        qtbot.keyClick(dialog.ground_list, Qt.Key.Key_Down)
    assert dialog.ground is RefusalGround.REPEAT
    type_into(qtbot, dialog.reason_edit, "同一事实重复反映")
    assert dialog.related_combo.isEnabled() and dialog.related_label.required
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.related_combo, earlier.number.lower())
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.registered, timeout=TIMEOUT_MS) as signal:
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case = load_case(demo, int(signal.args[0]))
    assert case.state is CaseState.NOT_ACCEPTED and case.related_case_id == earlier.id
    close_preview(page, "不予受理告知书")


def test_a_repeat_refusal_of_an_unknown_case_writes_nothing(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    fill_complaint(qtbot, page)
    count = case_count(demo)
    dialog = open_dialog(qtbot, page, page.refuse_button)
    assert isinstance(dialog, RefusalDialog)
    for _ in range(5):
        qtbot.keyClick(dialog.ground_list, Qt.Key.Key_Down)
    type_into(qtbot, dialog.reason_edit, "同一事实重复反映")
    type_into(qtbot, dialog.related_combo, "TD01-20000101-0001")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT_MS)
    assert case_count(demo) == count
    [box] = visible(QMessageBox)
    assert "找不到案件 TD01-20000101-0001" in box.text()
    box.close()
    assert page.lead.name_edit.text() == "张三丰"  # the form is kept


def test_materials_missing_in_one_step_prints_the_one_time_notice(
    page: RegistrationPage, demo: DemoData, qtbot: QtBot
) -> None:
    fill_complaint(qtbot, page)
    dialog = open_dialog(qtbot, page, page.materials_button)
    assert isinstance(dialog, MaterialsDialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.checklist, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.checklist, Qt.Key.Key_Space)
    type_into(qtbot, dialog.other_edit, "现场平面图")
    with qtbot.waitSignal(page.registered, timeout=TIMEOUT_MS) as signal:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    case = load_case(demo, int(signal.args[0]))
    assert case.state is CaseState.AWAITING_MATERIALS
    assert case.missing_materials == ["委托他人代办的授权委托书及代办人身份证件", "现场平面图"]
    close_preview(page, "补正材料一次性告知书")


# ----- clearing ----------------------------------------------------------------------------------


def test_esc_asks_before_clearing_what_was_typed(page: RegistrationPage, qtbot: QtBot) -> None:
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Escape)
    assert page.clear_confirm is None  # nothing typed: nothing to ask
    type_into(qtbot, page.lead.name_edit, "张三丰")
    qtbot.keyClick(page.lead.name_edit, Qt.Key.Key_Escape)
    box = page.clear_confirm
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert page.lead.name_edit.text() == "张三丰"
    qtbot.keyClick(page.lead.name_edit, Qt.Key.Key_Escape)
    box = page.clear_confirm
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert page.lead.name_edit.text() == ""


def test_the_urgent_list_is_shown_when_urgent_is_chosen(
    page: RegistrationPage, qtbot: QtBot
) -> None:
    assert not page.urgent_hint.isVisible()
    choose(qtbot, page.priority_combo, "紧急")
    assert page.urgent_hint.isVisible()
    assert "燃气泄漏" in page.urgent_hint.text()


def test_the_emergency_hint_is_on_the_page(page: RegistrationPage) -> None:
    text = page.emergency_label.text()
    assert all(number in text for number in ("110", "119", "120"))


def test_jy12345_art6_emergency_transfer_is_recorded_from_the_page(
    qtbot: QtBot, page: RegistrationPage, demo: DemoData
) -> None:
    from app.services.emergencies import EmergencyLine, transfers
    from ui.registration.emergency import EmergencyTransferDialog

    qtbot.mouseClick(page.emergency_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(EmergencyTransferDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.line.setCurrentIndex(dialog.line.findData(EmergencyLine.FIRE))
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)  # empty summary: refused inline
    assert dialog.error.isVisible() and dialog.isVisible()
    type_through_ime(qtbot, dialog.summary, "仓库冒烟，已转119")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (latest,) = transfers(demo.svc)
    assert latest.line is EmergencyLine.FIRE and latest.summary == "仓库冒烟，已转119"
    assert "119" in page.status_label.text()
