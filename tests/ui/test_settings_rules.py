"""The 规则配置, 打印 and 备份 tabs: profile schedule, urgent list, font folder, backup location."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.vocabulary import Kind
from app.services import admin, settings
from app.services.registration import RegistrationForm, register
from tests.ui.fixtures_data import DemoData
from ui.settings.printing import PrintingTab
from ui.settings.rules import RulesTab, ScheduleEntryDialog

pytestmark = pytest.mark.ui


@pytest.fixture
def rules(demo: DemoData, qtbot: QtBot) -> RulesTab:
    tab = RulesTab(demo.svc, demo.admin)
    qtbot.addWidget(tab)
    tab.resize(1200, 640)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_profiles_show_their_validity_and_the_lapse_warning(
    rules: RulesTab, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(rules.profile_model)
    qtmodeltester.check(rules.schedule_model)
    by_key = {p.key: row for row, p in enumerate(rules.profile_model.records)}
    row = by_key["yangjiang-2022"]
    model = rules.profile_model
    assert model.data(model.index(row, 2)) == "2022-12-10 至 2025-12-09"
    assert model.data(model.index(row, 3)).startswith("⚠ 已失效")
    assert "2025-12-09" in model.data(model.index(row, 3), Qt.ItemDataRole.ToolTipRole)
    assert "已于 2025-12-09 失效" in rules.lapse_note.text()
    schedule = rules.schedule_model
    assert schedule.data(schedule.index(0, 1)) == "阳江市（2022）（今日适用）"


def test_adding_a_profile_from_a_date_and_saving(
    rules: RulesTab, demo: DemoData, qtbot: QtBot
) -> None:
    click(qtbot, rules.add_button)
    dialog = rules.dialog
    assert isinstance(dialog, ScheduleEntryDialog)
    dialog.start.setDate(QDate(2026, 2, 1))
    dialog.profile.setCurrentIndex(dialog.profile.findData("jieyang-2015"))
    click(qtbot, dialog.ok_button)
    assert rules.schedule_model.rowCount() == 2
    assert "保存安排" in rules.schedule_message.text()
    # Not saved until 保存安排.
    assert admin.profile_schedule(demo.svc) == [(date(2001, 1, 1), "yangjiang-2022")]
    with qtbot.waitSignal(rules.saved):
        click(qtbot, rules.save_schedule_button)
    assert admin.profile_schedule(demo.svc) == [
        (date(2001, 1, 1), "yangjiang-2022"),
        (date(2026, 2, 1), "jieyang-2015"),
    ]
    # A case registered on or after that date takes the new profile.
    clock = demo.svc.clock
    demo.svc.clock = lambda: clock().replace(month=2, day=2)
    case_id = register(
        demo.svc, demo.admin, RegistrationForm(kind=Kind.CONSULTATION, content="咨询")
    ).case_id
    with demo.svc.uow(write=False) as uow:
        assert uow.get_case(case_id).profile_key == "jieyang-2015"


def test_the_same_date_twice_is_refused_in_the_dialog(rules: RulesTab, qtbot: QtBot) -> None:
    click(qtbot, rules.add_button)
    dialog = rules.dialog
    assert isinstance(dialog, ScheduleEntryDialog)
    dialog.start.setDate(QDate(2001, 1, 1))
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "已有一项安排" in dialog.error.text()
    dialog.reject()


def test_removing_the_only_line_cannot_be_saved(
    rules: RulesTab, demo: DemoData, qtbot: QtBot
) -> None:
    rules.schedule_table.selectRow(0)
    click(qtbot, rules.remove_button)
    assert rules.schedule_model.rowCount() == 0
    click(qtbot, rules.save_schedule_button)
    assert rules.schedule_message.text().startswith("✗")
    assert admin.profile_schedule(demo.svc) == [(date(2001, 1, 1), "yangjiang-2022")]


def test_the_urgent_list_is_edited_one_item_a_line(
    rules: RulesTab, demo: DemoData, qtbot: QtBot
) -> None:
    rules.urgent.setFocus()
    cursor = rules.urgent.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    rules.urgent.setTextCursor(cursor)
    qtbot.keyClick(rules.urgent, Qt.Key.Key_Return)
    # Chinese through the input method, as a clerk's keyboard delivers it.
    for char in "台风期间的险情":
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(rules.urgent, event)
    click(qtbot, rules.save_urgent_button)
    saved = admin.urgent_list(demo.svc)
    assert saved[-1] == "台风期间的险情" and len(saved) == 5
    assert "已保存" in rules.urgent_message.text()

    rules.urgent.clear()
    click(qtbot, rules.save_urgent_button)
    assert "不能为空" in rules.urgent_message.text()
    assert len(admin.urgent_list(demo.svc)) == 5


# ----- 打印 -------------------------------------------------------------------------------------


def test_the_font_folder_is_saved_and_the_fonts_found_are_listed(
    demo: DemoData, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = PrintingTab(demo.svc, demo.admin)
    qtbot.addWidget(tab)
    tab.show()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path))
    )
    click(qtbot, tab.folder.choose_button)
    assert tab.folder.text() == str(tmp_path)
    click(qtbot, tab.save_button)
    assert settings.get_setting(demo.svc, "font_dir") == str(tmp_path)
    qtbot.waitUntil(lambda: tab.report is not None, timeout=20_000)
    assert tab.report is not None and tab.report.error is None
    text = tab.fonts.text()
    assert "所选文件夹中没有可用的中文 TrueType 字体" in text
    assert "正文：" in text and "系统字体" in text

    click(qtbot, tab.folder.clear_button)
    click(qtbot, tab.save_button)
    assert settings.get_setting(demo.svc, "font_dir") == ""


def test_a_missing_font_folder_is_refused(demo: DemoData, qtbot: QtBot, tmp_path: Path) -> None:
    tab = PrintingTab(demo.svc, demo.admin)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.keyClicks(tab.folder.path, str(tmp_path / "nowhere"))
    click(qtbot, tab.save_button)
    assert tab.message.text().startswith("✗") and "文件夹不存在" in tab.message.text()
    assert settings.get_setting(demo.svc, "font_dir") == ""
