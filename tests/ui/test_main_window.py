"""Tests for the main window: title, status bar warnings, shortcuts, opening a case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services import queries
from app.services.settings import status
from tests.ui.fixtures_data import DemoData, listed
from ui.account import ChangePasswordDialog
from ui.app import build_main_window
from ui.case_detail import CaseDetailDialog
from ui.main_window import MainWindow, database_location

pytestmark = pytest.mark.ui


@pytest.fixture
def window(demo: DemoData, qtbot: QtBot) -> MainWindow:
    window = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_dialogs(window: MainWindow) -> list[CaseDetailDialog]:
    return [d for d in window.findChildren(CaseDetailDialog) if d.isVisible()]


def test_title_names_the_program_and_the_centre(window: MainWindow) -> None:
    assert window.windowTitle() == "TownDesk 便民服务中心窗口系统 — 便民服务中心"


def test_menus_show_their_shortcuts(window: MainWindow) -> None:
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "视图(&V)", "账户(&A)", "帮助(&H)"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.refresh_action.shortcut().toString() == "F5"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_status_bar_shows_user_profile_and_its_lapse_warning(
    window: MainWindow, demo: DemoData
) -> None:
    # yangjiang-2022 lapsed on 2025-12-09; the demo clock is in January 2026.
    assert demo.svc.now().year == 2026
    assert window.user_label.text() == "用户：陈管理员（管理员）"
    assert window.profile_label.text() == "规则配置：阳江市（2022）"
    assert window.profile_warning_label.isVisible()
    assert window.profile_warning_label.text().startswith("⚠")
    assert "2025-12-09" in window.profile_warning_label.toolTip()
    # The full sentence is in the banner above the list until the clerk dismisses it.
    assert window.banner.isVisible()
    assert "已于 2025-12-09 失效" in window.banner.text.text()


def test_status_bar_shows_calendar_warning_database_and_count(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    info = status(demo.svc)
    assert info.calendar_warnings  # 2027's holidays are not published in January 2026
    assert window.calendar_label.isVisible()
    assert "2027年" in window.calendar_label.toolTip()
    assert "2027年节假日安排尚未发布" in window.banner.text.text()
    assert window.database_label.text() == f"数据库：{database_location(info.database)}"
    assert window.database_label.text().endswith("towndesk.db")
    # The count belongs to the case list, which is built (and counts) when first shown.
    window.find_case()
    listed(qtbot, window)
    assert window.count_label.isVisible()
    assert window.count_label.text() == "共 30 件"


def test_dismissing_the_banner_keeps_the_status_bar_reminder(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.mouseClick(window.banner.dismiss, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    window.refresh()
    assert not window.banner.isVisible()
    assert window.profile_warning_label.isVisible()


def test_no_warning_while_the_profile_is_in_force(demo: DemoData, qtbot: QtBot) -> None:
    clock = demo.svc.clock
    demo.svc.clock = lambda: clock().replace(year=2025, month=6)
    window = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(window)
    window.show()
    assert window.profile_label.text() == "规则配置：阳江市（2022）"
    assert not window.profile_warning_label.isVisible()


def test_ctrl_f_focuses_the_search_box(window: MainWindow, qtbot: QtBot) -> None:
    window.case_list.search_box.setText("张")
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.case_list.search_box
    assert window.case_list.search_box.selectedText() == "张"


def test_search_box_filters_and_the_count_follows(window: MainWindow, qtbot: QtBot) -> None:
    window.find_case()
    listed(qtbot, window)
    qtbot.keyClicks(window.case_list.search_box, "TD01-2025")
    qtbot.waitUntil(lambda: window.count_label.text() != "共 30 件", timeout=2000)
    count = window.case_list.model.rowCount()
    assert 0 < count < 30
    assert window.count_label.text() == f"共 {count} 件"


def test_enter_on_a_row_opens_its_timeline(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    table = listed(qtbot, window).table
    table.setFocus()
    table.setCurrentIndex(window.case_list.model.index(2, 0))
    case_id = window.case_list.model.case_id(2)
    qtbot.keyClick(table, Qt.Key.Key_Return)

    dialogs = open_dialogs(window)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.case_id == case_id
    timeline = queries.timeline(demo.svc, case_id)
    assert dialog.timeline_model.rowCount() == len(timeline)
    first = dialog.timeline_model.index(0, 2).data()
    assert first.startswith("登记")
    assert dialog.timeline_model.index(0, 3).data() == "YJ12345 art. 7"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not open_dialogs(window)


def test_double_click_opens_the_case(window: MainWindow, qtbot: QtBot) -> None:
    window.find_case()
    table = listed(qtbot, window).table
    index = window.case_list.model.index(0, 0)
    rect = table.visualRect(index)
    # A real double-click is a click followed by a double-click event at the same place.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialogs = open_dialogs(window)
    assert [d.case_id for d in dialogs] == [window.case_list.model.case_id(0)]
    dialogs[0].close()


def test_f5_re_reads_the_list_and_keeps_the_selection(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    window.find_case()
    page = listed(qtbot, window)
    page.table.selectRow(5)
    selected = page.selected_case_id()
    demo.svc.database.dispose()  # nothing cached in the engine either
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    listed(qtbot, window)
    assert page.selected_case_id() == selected
    assert window.count_label.text() == "共 30 件"


def test_closing_remembers_the_column_layout(demo: DemoData, qtbot: QtBot) -> None:
    first = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(first)
    first.case_list.table.horizontalHeader().resizeSection(4, 321)
    first.close()
    second = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(second)
    assert second.case_list.table.horizontalHeader().sectionSize(4) == 321


def test_ctrl_q_closes_the_window(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_saving_the_centre_name_in_settings_retitles_the_window(
    window: MainWindow, qtbot: QtBot
) -> None:
    settings_page = window.settings_page
    assert settings_page is not None
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    name = settings_page.centre.name
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name, "Jiangcheng Centre")
    qtbot.mouseClick(settings_page.centre.save_button, Qt.MouseButton.LeftButton)
    assert window.windowTitle() == "TownDesk 便民服务中心窗口系统 — Jiangcheng Centre"


def test_fire_art10_automatic_ends_run_in_the_background_at_start(
    qtbot: QtBot, demo: DemoData
) -> None:
    window = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(window)
    finished: list[list[int]] = []
    window._automatic_ends_applied = finished.append  # type: ignore[method-assign]
    window.apply_automatic_ends()
    qtbot.waitUntil(lambda: finished == [[]])


def test_issue_8_account_menu_opens_the_change_password_dialog(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.change_password_action.trigger()
    dialog = window.findChild(ChangePasswordDialog)
    assert dialog is not None and dialog.isVisible()
    assert window.actor.display_name in dialog.windowTitle()
    dialog.reject()


def test_issue_8_the_audit_trail_is_verified_from_the_file_menu(
    window: MainWindow, qtbot: QtBot, demo: DemoData
) -> None:
    import sqlite3
    from pathlib import Path

    assert window.verify_audit_action.isVisible()
    window.verify_audit_action.trigger()
    qtbot.waitUntil(lambda: window.audit_box is not None, timeout=20_000)
    assert window.audit_box is not None
    assert "审计链完整" in window.audit_box.text()
    window.audit_box.close()
    window.audit_box = None

    database = Path(str(demo.svc.database.write_engine.url.database))
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE events SET summary = '被改动' WHERE seq = 3")
    window.verify_audit_action.trigger()
    qtbot.waitUntil(lambda: window.audit_box is not None, timeout=20_000)
    assert window.audit_box is not None
    assert "第 3 条" in window.audit_box.text() and "被直接修改" in window.audit_box.text()
    window.audit_box.close()
