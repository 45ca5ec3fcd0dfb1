"""The 设置 page: centre details, handling units and users, each saved through its service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.users import Role
from app.persistence import tables as t
from app.services import admin, units, users
from tests.ui.fixtures_data import ADMIN_PASSWORD, DemoData
from ui.settings import SettingsPage
from ui.settings.units import AddUnitDialog, EditUnitDialog
from ui.settings.users import AddUserDialog, PasswordDialog, RoleDialog

pytestmark = pytest.mark.ui


@pytest.fixture
def page(demo: DemoData, qtbot: QtBot) -> Iterator[SettingsPage]:
    page = SettingsPage(demo.svc, demo.admin)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    yield page


def type_through_ime(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Chinese arrives through the input method, one committed character at a time.

    (QTest.keyClicks only sends Latin-1 key events and aborts on other characters.)
    """
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)
    qtbot.wait(10)


def replace_text(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select all and type over it, the way an administrator edits a field."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        type_through_ime(qtbot, field, text)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def events(demo: DemoData, action: str) -> int:
    with demo.svc.uow(write=False) as uow:
        query = select(t.events.c.id).where(t.events.c.action == action)
        return len(uow.session.execute(query).all())


def test_the_page_has_one_tab_per_area(page: SettingsPage) -> None:
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == [
        "中心信息",
        "承办单位",
        "用户",
        "节假日",
        "规则配置",
        "打印",
        "备份",
        "保存期限",
    ]


# ----- 中心信息 ---------------------------------------------------------------------------------


def test_centre_details_preview_the_numbers_as_they_are_typed(
    page: SettingsPage, qtbot: QtBot
) -> None:
    tab = page.centre
    page.tabs.setCurrentWidget(tab)
    assert tab.document_example.text() == "受〔2026〕1号"
    assert tab.case_example.text() == "TD01-20260121-0001"
    type_through_ime(qtbot, tab.prefix, "江城便民")
    assert tab.document_example.text() == "江城便民受〔2026〕1号"
    replace_text(qtbot, tab.code, "jcz01")
    assert tab.case_example.text() == "JCZ01-20260121-0001"
    replace_text(qtbot, tab.code, "J")
    assert "中心代码" in tab.case_example.text()


def test_centre_details_are_saved_through_the_service(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    tab = page.centre
    page.tabs.setCurrentWidget(tab)
    replace_text(qtbot, tab.name, "江城区某镇便民服务中心")
    replace_text(qtbot, tab.code, "JCZ01")
    replace_text(qtbot, tab.phone, "0662-3312345")
    type_through_ime(qtbot, tab.prefix, "江城便民")
    with qtbot.waitSignal(page.settings_changed):
        click(qtbot, tab.save_button)
    assert "已保存" in tab.message.text()
    saved = admin.centre_info(demo.svc)
    assert (saved.centre_name, saved.centre_code, saved.centre_phone, saved.document_prefix) == (
        "江城区某镇便民服务中心",
        "JCZ01",
        "0662-3312345",
        "江城便民",
    )
    # A fresh page reads the same back.
    again = SettingsPage(demo.svc, demo.admin)
    qtbot.addWidget(again)
    assert again.centre.name.text() == "江城区某镇便民服务中心"
    assert again.centre.document_example.text() == "江城便民受〔2026〕1号"


def test_a_refused_centre_form_says_why_and_saves_nothing(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    tab = page.centre
    page.tabs.setCurrentWidget(tab)
    replace_text(qtbot, tab.name, "")
    click(qtbot, tab.save_button)
    assert "中心名称" in tab.message.text() and tab.message.text().startswith("✗")
    assert admin.centre_info(demo.svc).centre_name == "便民服务中心"
    click(qtbot, tab.revert_button)
    assert tab.name.text() == "便民服务中心"


# ----- 承办单位 ---------------------------------------------------------------------------------


def test_units_table_passes_the_model_tester(
    page: SettingsPage, qtmodeltester: ModelTester
) -> None:
    assert page.units.model.rowCount() == 3
    qtmodeltester.check(page.units.model)


def test_adding_a_unit(page: SettingsPage, demo: DemoData, qtbot: QtBot) -> None:
    tab = page.units
    page.tabs.setCurrentWidget(tab)
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, AddUnitDialog)
    qtbot.keyClicks(dialog.code, "yjb")
    type_through_ime(qtbot, dialog.name, "镇应急管理办")
    type_through_ime(qtbot, dialog.leader, "林主任")
    qtbot.keyClicks(dialog.phone, "0662-3300001")
    click(qtbot, dialog.ok_button)
    assert tab.dialog is None
    added = next(u for u in units.list_units(demo.svc) if u.code == "YJB")
    assert (added.name, added.leader, added.phone) == ("镇应急管理办", "林主任", "0662-3300001")
    assert tab.model.rowCount() == 4
    assert tab.selected() == added
    assert "镇应急管理办" in tab.message.text()


def test_a_duplicate_unit_keeps_the_dialog_open_with_the_reason(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    tab = page.units
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, AddUnitDialog)
    qtbot.keyClicks(dialog.code, "ZHB")
    type_through_ime(qtbot, dialog.name, "另一个名字")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "已存在" in dialog.error.text()
    dialog.reject()
    assert len(units.list_units(demo.svc)) == 3


def test_editing_a_units_leader_and_phone(page: SettingsPage, demo: DemoData, qtbot: QtBot) -> None:
    tab = page.units
    page.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    unit = tab.selected()
    assert unit is not None
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert isinstance(dialog, EditUnitDialog)
    replace_text(qtbot, dialog.leader, "黄主任")
    replace_text(qtbot, dialog.phone, "0662-3399999")
    click(qtbot, dialog.ok_button)
    stored = next(u for u in units.list_units(demo.svc) if u.id == unit.id)
    assert (stored.leader, stored.phone) == ("黄主任", "0662-3399999")
    assert tab.model.record(0).leader == "黄主任"
    assert events(demo, "update_unit") == 1


def test_deactivating_and_reactivating_a_unit(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    tab = page.units
    page.tabs.setCurrentWidget(tab)
    row = next(i for i, u in enumerate(tab.model.records) if u.name == "镇城建办")
    tab.table.selectRow(row)
    held = admin.open_cases_at_unit(demo.svc, tab.model.record(row).id)
    assert held > 0 and tab.toggle_button.text() == "停用"
    click(qtbot, tab.toggle_button)
    assert "镇城建办" not in [u.name for u in units.list_units(demo.svc)]
    assert f"它手上 {held} 件未办结案件仍由它办理" in tab.message.text()
    assert tab.model.data(tab.model.index(row, 4)) == "已停用"
    assert tab.model.data(tab.model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert tab.toggle_button.text() == "恢复启用"
    click(qtbot, tab.toggle_button)
    assert "镇城建办" in [u.name for u in units.list_units(demo.svc)]
    assert tab.toggle_button.text() == "停用"


# ----- 用户 -------------------------------------------------------------------------------------


def test_users_table_passes_the_model_tester_and_shows_no_hash(
    page: SettingsPage, qtmodeltester: ModelTester
) -> None:
    model = page.users.model
    qtmodeltester.check(model)
    cells = [
        str(model.data(model.index(r, c)))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    assert "admin" in cells and not any(cell.startswith("$argon2") for cell in cells)


def test_adding_a_user_with_a_role(page: SettingsPage, demo: DemoData, qtbot: QtBot) -> None:
    tab = page.users
    page.tabs.setCurrentWidget(tab)
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, AddUserDialog)
    qtbot.keyClicks(dialog.username, "zhang.lead")
    type_through_ime(qtbot, dialog.display_name, "张志强")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPERVISOR.value))
    qtbot.keyClicks(dialog.password, "lead-pass-1")
    qtbot.keyClicks(dialog.again, "lead-pass-2")
    click(qtbot, dialog.ok_button)
    assert "不一致" in dialog.error.text()
    replace_text(qtbot, dialog.again, "lead-pass-1")
    click(qtbot, dialog.ok_button)
    assert tab.dialog is None
    signed_in = users.authenticate(demo.svc, "zhang.lead", "lead-pass-1")
    assert signed_in.role is Role.SUPERVISOR and signed_in.display_name == "张志强"
    assert "张志强" in tab.message.text()


def test_changing_a_role_and_resetting_a_password(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    clerk = users.create_user(demo.svc, demo.admin, "li", "李晓敏", Role.CLERK, "clerk-pass-1")
    tab = page.users
    tab.load()
    row = next(i for i, u in enumerate(tab.model.records) if u.id == clerk.user_id)
    tab.table.selectRow(row)

    click(qtbot, tab.role_button)
    dialog = tab.dialog
    assert isinstance(dialog, RoleDialog)
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPERVISOR.value))
    click(qtbot, dialog.ok_button)
    assert users.authenticate(demo.svc, "li", "clerk-pass-1").role is Role.SUPERVISOR
    assert "下次登录时生效" in tab.message.text()

    click(qtbot, tab.password_button)
    reset = tab.dialog
    assert isinstance(reset, PasswordDialog)
    assert reset.password.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(reset.password, "new-pass-123")
    qtbot.keyClicks(reset.again, "new-pass-123")
    click(qtbot, reset.ok_button)
    assert users.authenticate(demo.svc, "li", "new-pass-123").user_id == clerk.user_id
    assert events(demo, "reset_password") == 1


def test_deactivating_a_user_and_refusing_to_deactivate_oneself(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    clerk = users.create_user(demo.svc, demo.admin, "li", "李晓敏", Role.CLERK, "clerk-pass-1")
    tab = page.users
    tab.load(clerk.user_id)
    click(qtbot, tab.toggle_button)
    assert not next(u for u in admin.list_users(demo.svc) if u.id == clerk.user_id).active
    assert tab.toggle_button.text() == "恢复启用"

    tab.load(demo.admin.user_id)
    click(qtbot, tab.toggle_button)
    assert tab.message.text().startswith("✗") and "自己" in tab.message.text()
    assert users.authenticate(demo.svc, "admin", ADMIN_PASSWORD).user_id == demo.admin.user_id


def test_an_auditor_is_created_like_any_other_role(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    tab = page.users
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, AddUserDialog)
    assert [dialog.role.itemData(i) for i in range(dialog.role.count())] == [r.value for r in Role]
    index = dialog.role.findData(Role.AUDITOR.value)
    assert dialog.role.itemText(index).startswith("审计员（")
    dialog.role.setCurrentIndex(index)
    qtbot.keyClicks(dialog.username, "zhou.audit")
    qtbot.keyClicks(dialog.password, "audit-pass-1")
    qtbot.keyClicks(dialog.again, "audit-pass-1")
    click(qtbot, dialog.ok_button)
    assert users.authenticate(demo.svc, "zhou.audit", "audit-pass-1").role is Role.AUDITOR


def test_a_locked_user_is_shown_and_unlocked(
    page: SettingsPage, demo: DemoData, qtbot: QtBot
) -> None:
    clerk = users.create_user(demo.svc, demo.admin, "li", "李晓敏", Role.CLERK, "clerk-pass-1")
    tab = page.users
    tab.load(clerk.user_id)
    assert not tab.unlock_button.isEnabled()
    for _ in range(users.MAX_FAILED_SIGN_INS):
        with pytest.raises(DomainError):
            users.authenticate(demo.svc, "li", "wrong-pass")
    tab.load(clerk.user_id)
    row = next(i for i, u in enumerate(tab.model.records) if u.id == clerk.user_id)
    status = tab.model.data(tab.model.index(row, 3))
    locked = tab.model.records[row].locked_until
    assert locked is not None and locked.strftime("%H:%M") in str(status)
    assert tab.unlock_button.isEnabled()
    click(qtbot, tab.unlock_button)
    assert tab.message.text().startswith("✓")
    assert not tab.unlock_button.isEnabled()
    assert users.authenticate(demo.svc, "li", "clerk-pass-1").user_id == clerk.user_id
    assert events(demo, "unlock_user") == 1


def test_buttons_wait_for_a_selection(page: SettingsPage) -> None:
    page.users.table.selectRow(0)
    page.users.table.clearSelection()
    assert not page.users.role_button.isEnabled()
    assert not page.users.password_button.isEnabled()
    assert not page.users.unlock_button.isEnabled()
    assert page.users.add_button.isEnabled()
    page.units.table.selectRow(0)
    assert page.units.edit_button.isEnabled()
    page.units.table.clearSelection()
    assert not page.units.edit_button.isEnabled()
