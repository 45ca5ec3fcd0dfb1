"""The 备份 tab and the automatic backups of the GUI: list, back up now, restore, daily and exit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.services import admin, backup
from tests.ui.conftest import close_after_workers
from tests.ui.fixtures_data import DemoData, open_services
from ui.app import (
    AutomaticBackups,
    DatabaseCheck,
    _next_midnight,
    _offer_newest_backup,
    back_up_on_exit,
)
from ui.settings.backup import BackupTab, reason_name

pytestmark = pytest.mark.ui


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def make_tab(demo: DemoData, qtbot: QtBot) -> BackupTab:
    tab = BackupTab(demo.svc, demo.admin)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_the_tab_lists_backups_and_back_up_now_adds_a_verified_one(
    demo: DemoData, qtbot: QtBot
) -> None:
    first = backup.backup_now(demo.svc, None, reason=backup.DAILY)
    tab = make_tab(demo, qtbot)
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 1)) == reason_name("daily")
    assert "towndesk.db" in tab.notice.text()
    with qtbot.waitSignal(tab.backed_up, timeout=20_000) as signal:
        click(qtbot, tab.backup_button)
    made = signal.args[0]
    assert isinstance(made, backup.BackupInfo) and made.verified and made.reason == "manual"
    assert tab.model.rowCount() == 2
    assert [tab.model.record(r).path for r in range(2)] == [made.path, first.path]
    assert tab.model.data(tab.model.index(0, 3)).startswith("✓")
    assert tab.model.data(tab.model.index(0, 4)) == demo.admin.display_name
    assert tab.job_message.text().startswith("✓") and str(made.path) in tab.job_message.text()
    assert tab.backup_button.isEnabled() and not tab.progress.isVisible()


def test_folder_and_generations_are_saved(demo: DemoData, qtbot: QtBot, tmp_path: Path) -> None:
    tab = make_tab(demo, qtbot)
    folder = tmp_path / "usb"
    folder.mkdir()
    tab.folder.path.setText(str(folder))
    tab.generations.setValue(4)
    with qtbot.waitSignal(tab.saved):
        click(qtbot, tab.save_button)
    assert admin.backup_dir(demo.svc) == str(folder)
    assert backup.generations(demo.svc) == 4
    again = BackupTab(demo.svc, demo.admin)
    qtbot.addWidget(again)
    assert again.folder.text() == str(folder) and again.generations.value() == 4
    tab.folder.path.setText(str(tmp_path / "nowhere"))
    click(qtbot, tab.save_button)
    assert tab.message.text().startswith("✗") and "文件夹不存在" in tab.message.text()


def test_a_failed_backup_says_why(demo: DemoData, qtbot: QtBot, tmp_path: Path) -> None:
    tab = make_tab(demo, qtbot)
    blocked = tmp_path / "gone"
    blocked.mkdir()
    admin.set_backup_dir(demo.svc, demo.admin, str(blocked))
    blocked.rmdir()
    blocked.write_text("a file where the folder was")
    click(qtbot, tab.backup_button)
    qtbot.waitUntil(lambda: tab.task is None, timeout=20_000)
    assert tab.job_message.text().startswith("✗") and "无法创建备份文件夹" in tab.job_message.text()


def test_restore_asks_with_the_time_restores_and_closes_the_program(
    demo: DemoData, qtbot: QtBot
) -> None:
    made = backup.backup_now(demo.svc, demo.admin, reason=backup.MANUAL)
    original = demo.svc.data_dir / "towndesk.db"
    tab = make_tab(demo, qtbot)
    closed: list[bool] = []
    tab.after_restore = lambda: closed.append(True)
    tab.table.selectRow(0)
    click(qtbot, tab.restore_button)
    box = tab.confirm
    assert box is not None
    when = made.created_at.strftime("%Y-%m-%d %H:%M")
    assert when in box.text()
    with qtbot.waitSignal(tab.restored, timeout=30_000) as signal:
        box.button(QMessageBox.StandardButton.Yes).click()
    result = signal.args[0]
    assert result.restored.path == made.path
    assert result.before_restore is not None and result.before_restore.reason == "before-restore"
    done = tab.done_box
    assert (done is not None and "重新启动" in done.text()) or "start it again" in done.text()
    assert not tab.backup_button.isEnabled() and not tab.restore_button.isEnabled()
    done.button(QMessageBox.StandardButton.Ok).click()
    assert closed == [True]
    assert backup.check_database(f"sqlite:///{original}") == []


def test_a_corrupted_backup_is_refused_in_the_tab(demo: DemoData, qtbot: QtBot) -> None:
    made = backup.backup_now(demo.svc, demo.admin, reason=backup.MANUAL)
    with made.path.open("r+b") as file:
        file.seek(made.size // 2)
        file.write(os.urandom(64))
    tab = make_tab(demo, qtbot)
    tab.after_restore = lambda: pytest.fail("nothing was restored")
    tab.restore(made.path)
    qtbot.waitUntil(lambda: tab.task is None, timeout=20_000)
    assert tab.job_message.text().startswith("✗") and "校验值不符" in tab.job_message.text()
    assert tab.restore_button.isEnabled()
    assert [b.reason for b in backup.list_backups(demo.svc)] == ["manual"]


def test_daily_backup_at_start_when_due_and_armed_for_midnight(
    demo: DemoData, qtbot: QtBot
) -> None:
    parent = make_tab(demo, qtbot)
    automatic = AutomaticBackups(demo.svc, parent)
    automatic.start()
    assert automatic.task is not None
    qtbot.waitUntil(lambda: automatic.task is None, timeout=20_000)
    assert [b.reason for b in backup.list_backups(demo.svc)] == ["daily"]
    assert automatic.timer.isActive()
    now = demo.svc.now()
    assert (
        0
        < automatic.timer.remainingTime()
        <= (_next_midnight(now) - now).total_seconds() * 1000 + 61_000
    )
    # Not due again the same day.
    automatic.start()
    assert automatic.task is None
    automatic.timer.stop()


def test_backup_on_exit(demo: DemoData, qtbot: QtBot) -> None:
    info = back_up_on_exit(demo.svc)
    assert info is not None and info.reason == "exit" and info.verified
    assert QApplication.activeModalWidget() is None


def damage(path: Path) -> None:
    """Garbage over every other page, past the page header: what a failing disk leaves."""
    with path.open("r+b") as file:
        for number in range(1, path.stat().st_size // 4096, 2):
            file.seek(number * 4096 + 64)
            file.write(os.urandom(1024))


def answer_when_asked(role: QMessageBox.ButtonRole, seen: list[str]) -> QTimer:
    """Click the button of ``role`` in the modal message box once it shows (it blocks)."""
    timer = QTimer()
    timer.setInterval(30)

    def tick() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            button = next(b for b in box.buttons() if box.buttonRole(b) == role)
            timer.stop()
            button.click()

    timer.timeout.connect(tick)
    timer.start()
    return timer


@pytest.mark.parametrize("choice", ["restore", "quit"])
def test_a_damaged_database_at_start_offers_the_newest_good_backup(
    demo: DemoData, tmp_path: Path, qtbot: QtBot, choice: str
) -> None:
    good = backup.backup_now(demo.svc, None, reason=backup.DAILY)
    other = tmp_path / "other"
    other.mkdir()
    live = other / "towndesk.db"
    shutil.copyfile(good.path, live)
    url = f"sqlite:///{live}"
    svc = open_services(url, other)
    newest = backup.backup_now(svc, None, reason=backup.ON_EXIT)
    close_after_workers(svc)
    damage(live)
    problems = backup.check_database(url)
    assert problems
    seen: list[str] = []
    role = (
        QMessageBox.ButtonRole.AcceptRole
        if choice == "restore"
        else QMessageBox.ButtonRole.RejectRole
    )
    timer = answer_when_asked(role, seen)
    restored = _offer_newest_backup(url, other, problems)
    timer.stop()
    assert newest.created_at.strftime("%Y-%m-%d %H:%M") in seen[0]
    if choice == "restore":
        assert restored and backup.check_database(url) == []
        kept = [b.reason for b in backup.list_backups_in(other / "backups")]
        assert "damaged" in kept and "exit" in kept
    else:
        assert not restored and backup.check_database(url) == problems


def test_issue_9_the_background_check_records_a_sound_database(
    demo: DemoData, qtbot: QtBot
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    data_dir = Path(demo.svc.data_dir)
    url = f"sqlite:///{data_dir}/towndesk.db"
    assert backup.start_check(url, data_dir) == backup.START_CHECK_NOW  # never checked
    check = DatabaseCheck(url, data_dir, parent)
    check.start()
    qtbot.waitUntil(lambda: check.task is None, timeout=20_000)
    assert check.problems == [] and check.box is None
    assert backup.start_check(url, data_dir) == backup.START_CHECK_NONE


def test_issue_9_damage_found_in_the_background_is_told_in_chinese(
    demo: DemoData, tmp_path: Path, qtbot: QtBot
) -> None:
    good = backup.backup_now(demo.svc, None, reason=backup.DAILY)
    other = tmp_path / "other"
    other.mkdir()
    live = other / "towndesk.db"
    shutil.copyfile(good.path, live)
    damage(live)
    parent = QWidget()
    qtbot.addWidget(parent)
    url = f"sqlite:///{live}"
    check = DatabaseCheck(url, other, parent)
    check.start()
    qtbot.waitUntil(lambda: check.task is None, timeout=20_000)
    assert check.problems
    assert check.box is not None and check.box.isVisible()
    assert "数据库检查发现损坏" in check.box.text() and "恢复" in check.box.text()
    assert check.problems[0] in check.box.detailedText()
    check.box.close()
    # Not recorded as checked: the next start checks before opening and offers the backup.
    assert backup.start_check(url, other) == backup.START_CHECK_NOW
