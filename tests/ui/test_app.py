"""Tests for starting the GUI: font choice, URL display, and run_gui from first run to exit."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QDeadlineTimer, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.services import backup, users
from tests.ui.fixtures_data import open_services
from ui.app import (
    CJK_FONT_FAMILIES,
    GUI_SWITCH_INTERVAL_S,
    choose_cjk_family,
    configure_application,
    redact_url,
    run_gui,
)
from ui.login_dialog import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow, database_location

pytestmark = pytest.mark.ui


def test_choose_cjk_family_prefers_the_windows_font() -> None:
    assert choose_cjk_family(["Arial", "WenQuanYi Zen Hei", "Microsoft YaHei"]) == (
        "Microsoft YaHei"
    )
    assert choose_cjk_family(["DejaVu Sans", "Noto Sans CJK SC"]) == "Noto Sans CJK SC"
    assert choose_cjk_family(["DejaVu Sans"]) is None


def test_the_application_font_has_chinese_glyphs(qapp: QApplication) -> None:
    # The test machine has fonts-wqy-zenhei (make system-deps installs it).
    assert qapp.font().family() in CJK_FONT_FAMILIES
    assert qapp.font().pointSize() >= 10


def test_database_urls_are_shown_readably_and_without_passwords() -> None:
    assert database_location("sqlite:////srv/towndesk/data/towndesk.db") == (
        "/srv/towndesk/data/towndesk.db"
    )
    assert redact_url("postgresql://desk:s3cret@10.0.0.5/towndesk") == (
        "postgresql://desk:***@10.0.0.5/towndesk"
    )
    assert redact_url("sqlite:///data/towndesk.db") == "sqlite:///data/towndesk.db"


@pytest.fixture
def isolated_run_gui(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_gui installs an excepthook and a log file handler: undo both afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def drive(steps: list[Callable[[], bool]], *, give_up_after_ms: int = 10_000) -> QTimer:
    """Run each step, in order, once it reports it could act (modal dialogs block the test).

    If the steps stall, every window is closed so that run_gui returns and the test fails
    on its assertions instead of hanging.
    """
    timer = QTimer()
    timer.setInterval(30)
    deadline = QDeadlineTimer(give_up_after_ms)

    def tick() -> None:
        if steps and steps[0]():
            steps.pop(0)
        if deadline.hasExpired():
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog):
                    widget.reject()
                elif widget.isVisible():
                    widget.close()
        if not steps or deadline.hasExpired():
            timer.stop()

    timer.timeout.connect(tick)
    timer.start()
    return timer


W = TypeVar("W", bound=QWidget)


def visible(kind: type[W]) -> W | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None
    )


@pytest.mark.usefixtures("isolated_run_gui")
def test_run_gui_from_first_run_to_quit(tmp_path: Path, qtbot: QtBot) -> None:
    url = f"sqlite:///{tmp_path}/towndesk.db"
    seen: list[str] = []

    def create_admin() -> bool:
        dialog = visible(FirstRunDialog)
        if dialog is None:
            return False
        seen.append("first run")
        dialog.display_name.setText("周主任")
        dialog.password.setText("counter-2026")
        dialog.confirm.setText("counter-2026")
        dialog.accept()
        return True

    def sign_in() -> bool:
        dialog = visible(LoginDialog)
        if dialog is None:
            return False
        seen.append(f"login as {dialog.username.text()}")
        dialog.password.setText("counter-2026")
        dialog.accept()
        return True

    def close_main_window() -> bool:
        window = visible(MainWindow)
        if window is None:
            return False
        seen.append(window.user_label.text())
        window.close()
        return True

    timer = drive([create_admin, sign_in, close_main_window])
    assert run_gui(url, tmp_path) == 0
    timer.stop()
    assert seen == ["first run", "login as admin", "用户：周主任（管理员）"]
    assert (tmp_path / "logs" / "towndesk.log").exists()
    # Checked before the first opening, and ended cleanly: the next start checks nothing first.
    assert backup.start_check(url, tmp_path) == backup.START_CHECK_NONE
    svc = open_services(url, tmp_path)
    try:
        assert users.has_users(svc)
    finally:
        svc.close()


@pytest.mark.usefixtures("isolated_run_gui")
def test_run_gui_cancelled_at_login_exits_cleanly(tmp_path: Path, qtbot: QtBot) -> None:
    svc = open_services(f"sqlite:///{tmp_path}/towndesk.db", tmp_path)
    users.create_first_admin(svc, "admin", "", "counter-2026")
    svc.close()

    def cancel() -> bool:
        dialog = visible(LoginDialog)
        if dialog is None:
            return False
        dialog.reject()
        return True

    timer = drive([cancel])
    assert run_gui(f"sqlite:///{tmp_path}/towndesk.db", tmp_path) == 0
    timer.stop()


@pytest.mark.usefixtures("isolated_run_gui")
def test_run_gui_explains_a_database_it_cannot_open(tmp_path: Path, qtbot: QtBot) -> None:
    messages: list[str] = []

    def read_and_close() -> bool:
        box = visible(QMessageBox)
        if box is None:
            return False
        messages.append(box.text())
        box.close()
        return True

    timer = drive([read_and_close])
    # A file where the database's folder should be: neither folder nor database can be made.
    (tmp_path / "blocked").write_text("not a folder")
    assert run_gui(f"sqlite:///{tmp_path}/blocked/towndesk.db", tmp_path) == 1
    timer.stop()
    assert messages and "无法打开或升级数据库" in messages[0]


def test_issue_9_workers_hand_the_interpreter_to_the_window_within_a_millisecond(
    qtbot: QtBot,
) -> None:
    before = sys.getswitchinterval()
    try:
        configure_application(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]
        assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL_S)
        assert GUI_SWITCH_INTERVAL_S <= 0.001
    finally:
        sys.setswitchinterval(before)
