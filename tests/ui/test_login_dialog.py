"""Tests for signing in and for creating the administrator on the first run."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.domain.users import Role
from app.services import users
from app.services.context import Services
from tests.ui.fixtures_data import ADMIN_PASSWORD, ADMIN_USERNAME, DemoData
from ui.login_dialog import FirstRunDialog, LoginDialog

pytestmark = pytest.mark.ui


def show(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)


def test_wrong_password_is_refused_inline_and_the_dialog_stays(
    demo: DemoData, qtbot: QtBot
) -> None:
    dialog = LoginDialog(demo.svc)
    show(qtbot, dialog)
    assert not dialog.error.isVisible()
    qtbot.keyClicks(dialog.username, ADMIN_USERNAME)
    qtbot.keyClicks(dialog.password, "not-the-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.actor is None
    assert dialog.error.isVisible()
    assert "用户名或密码不正确" in dialog.error.text()
    assert dialog.password.text() == ""  # ready for the next try


def test_right_password_signs_in_with_enter(demo: DemoData, qtbot: QtBot) -> None:
    dialog = LoginDialog(demo.svc, username=ADMIN_USERNAME)
    show(qtbot, dialog)
    assert dialog.username.text() == ADMIN_USERNAME
    qtbot.keyClicks(dialog.password, "wrong-one")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.isVisible()

    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    assert dialog.actor.username == ADMIN_USERNAME
    assert dialog.actor.role is Role.ADMIN


def test_repeated_failures_lock_the_name_and_say_until_when(demo: DemoData, qtbot: QtBot) -> None:
    dialog = LoginDialog(demo.svc, username=ADMIN_USERNAME)
    show(qtbot, dialog)
    for _ in range(users.MAX_FAILED_SIGN_INS):
        qtbot.keyClicks(dialog.password, "wrong-one")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "暂停登录至" in dialog.error.text() and "管理员解除锁定" in dialog.error.text()
    # The right password does not get through a lock.
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is None and dialog.isVisible()
    assert "暂停登录至" in dialog.error.text()


def test_an_unknown_name_reads_exactly_like_a_wrong_password(demo: DemoData, qtbot: QtBot) -> None:
    seen = []
    for name in (ADMIN_USERNAME, "nobody"):
        dialog = LoginDialog(demo.svc, username=name)
        show(qtbot, dialog)
        texts = []
        for _ in range(users.MAX_FAILED_SIGN_INS):
            qtbot.keyClicks(dialog.password, "wrong-one")
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
            texts.append(dialog.error.text())
        seen.append(texts)
    assert seen[0] == seen[1]


def test_an_empty_user_name_is_asked_for(demo: DemoData, qtbot: QtBot) -> None:
    dialog = LoginDialog(demo.svc)
    show(qtbot, dialog)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "请输入用户名" in dialog.error.text()


def test_first_run_creates_the_administrator(empty_svc: Services, qtbot: QtBot) -> None:
    assert not users.has_users(empty_svc)
    dialog = FirstRunDialog(empty_svc)
    show(qtbot, dialog)
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "zhanglei")
    qtbot.keyClicks(dialog.password, "counter-2026")
    qtbot.keyClicks(dialog.confirm, "counter-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)

    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert users.has_users(empty_svc)
    signed_in = users.authenticate(empty_svc, "zhanglei", "counter-2026")
    assert signed_in.display_name == "zhanglei"  # no name given: the user name is used


def test_first_run_checks_the_repeated_password(empty_svc: Services, qtbot: QtBot) -> None:
    dialog = FirstRunDialog(empty_svc)
    show(qtbot, dialog)
    qtbot.keyClicks(dialog.password, "counter-2026")
    qtbot.keyClicks(dialog.confirm, "counter-2062")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "两次输入的密码不一致" in dialog.error.text()
    assert not users.has_users(empty_svc)


def test_first_run_shows_the_services_refusal_inline(empty_svc: Services, qtbot: QtBot) -> None:
    dialog = FirstRunDialog(empty_svc)
    show(qtbot, dialog)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.confirm, "short")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert f"密码至少 {users.MIN_PASSWORD_LENGTH} 位" in dialog.error.text()
    assert dialog.focusWidget() is dialog.password
    assert not users.has_users(empty_svc)

    dialog.username.setText("有 空格")
    dialog.password.setText("counter-2026")
    dialog.confirm.setText("counter-2026")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert "用户名不能为空、不能含空格" in dialog.error.text()
    assert not users.has_users(empty_svc)
