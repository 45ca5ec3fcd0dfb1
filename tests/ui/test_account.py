"""Tests for changing one's own password: Enter saves, Esc cancels, refusals stay in the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.domain.errors import DomainError
from app.services import users
from tests.ui.fixtures_data import ADMIN_PASSWORD, ADMIN_USERNAME, DemoData
from ui.account import ChangePasswordDialog

pytestmark = pytest.mark.ui

NEW_PASSWORD = "counter-2027"


@pytest.fixture
def dialog(demo: DemoData, qtbot: QtBot) -> ChangePasswordDialog:
    dialog = ChangePasswordDialog(demo.svc, demo.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(qtbot: QtBot, dialog: ChangePasswordDialog, old: str, new: str, again: str) -> None:
    for field, text in ((dialog.old, old), (dialog.new, new), (dialog.again, again)):
        field.clear()
        qtbot.keyClicks(field, text)


def test_enter_saves_the_new_password(
    dialog: ChangePasswordDialog, demo: DemoData, qtbot: QtBot
) -> None:
    assert dialog.focusWidget() is dialog.old
    fill(qtbot, dialog, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert users.authenticate(demo.svc, ADMIN_USERNAME, NEW_PASSWORD).user_id == demo.admin.user_id
    with pytest.raises(DomainError):
        users.authenticate(demo.svc, ADMIN_USERNAME, ADMIN_PASSWORD)


def test_a_wrong_current_password_is_said_in_the_dialog(
    dialog: ChangePasswordDialog, demo: DemoData, qtbot: QtBot
) -> None:
    fill(qtbot, dialog, "not-my-password", NEW_PASSWORD, NEW_PASSWORD)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and "原密码不正确" in dialog.error.text()
    assert dialog.focusWidget() is dialog.old
    assert users.authenticate(demo.svc, ADMIN_USERNAME, ADMIN_PASSWORD).username == ADMIN_USERNAME


def test_the_repeat_and_the_length_are_checked(
    dialog: ChangePasswordDialog, demo: DemoData, qtbot: QtBot
) -> None:
    fill(qtbot, dialog, ADMIN_PASSWORD, NEW_PASSWORD, "counter-2028")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "两次输入的密码不一致" in dialog.error.text()
    assert dialog.again.text() == "" and dialog.focusWidget() is dialog.again

    fill(qtbot, dialog, ADMIN_PASSWORD, "short", "short")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert f"密码至少 {users.MIN_PASSWORD_LENGTH} 位" in dialog.error.text()
    assert dialog.focusWidget() is dialog.new
    assert users.authenticate(demo.svc, ADMIN_USERNAME, ADMIN_PASSWORD).username == ADMIN_USERNAME


def test_escape_cancels_and_changes_nothing(
    dialog: ChangePasswordDialog, demo: DemoData, qtbot: QtBot
) -> None:
    fill(qtbot, dialog, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    with qtbot.waitSignal(dialog.rejected, timeout=3000):
        qtbot.keyClick(dialog.again, Qt.Key.Key_Escape)
    assert users.authenticate(demo.svc, ADMIN_USERNAME, ADMIN_PASSWORD).username == ADMIN_USERNAME
