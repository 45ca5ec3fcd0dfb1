"""The 节假日 tab: the year grid, the provisional warning, exporting and importing a schedule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.calendar import load_schedule_file, schedule_from_package
from app.services import queries
from app.services.queries import CaseFilter
from tests.ui.fixtures_data import DemoData
from ui.settings.holidays import HolidaysTab

pytestmark = pytest.mark.ui


@pytest.fixture
def tab(demo: DemoData, qtbot: QtBot) -> HolidaysTab:
    tab = HolidaysTab(demo.svc, demo.admin)
    qtbot.addWidget(tab)
    tab.resize(1200, 640)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def cell(tab: HolidaysTab, day: date, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> str:
    return tab.model.data(tab.model.index(day.month - 1, day.day - 1), role)


def choose_file(monkeypatch: pytest.MonkeyPatch, method: str, path: Path) -> None:
    """The administrator picks ``path`` in the file dialog (no native dialog in tests)."""
    monkeypatch.setattr(QFileDialog, method, staticmethod(lambda *args, **kwargs: (str(path), "")))


def test_the_year_grid_marks_rest_days_and_swapped_working_days(
    tab: HolidaysTab, qtmodeltester: ModelTester
) -> None:
    assert tab.year.value() == 2026
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 12 and tab.model.columnCount() == 31
    assert cell(tab, date(2026, 10, 1)) == "休"  # National Day
    assert cell(tab, date(2026, 1, 4)) == "班"  # a Sunday worked
    assert "星期日" in cell(tab, date(2026, 1, 4), Qt.ItemDataRole.ToolTipRole)
    assert cell(tab, date(2026, 1, 21)) == "21"
    # 30 February is no day at all.
    assert tab.model.flags(tab.model.index(1, 29)) == Qt.ItemFlag.NoItemFlags
    assert not tab.warning.isVisible()
    assert "holidays" in tab.source.text()
    assert "调休上班 6 天" in tab.summary.text()


def test_an_unpublished_year_warns_that_its_dates_are_provisional(
    tab: HolidaysTab, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tab.year.setFocus()
    qtbot.keyClick(tab.year, Qt.Key.Key_Up)
    assert tab.year.value() == 2027
    assert tab.warning.isVisible()
    assert "2027年节假日安排尚未发布" in tab.warning.text()
    assert "暂定" in tab.source.text()
    assert "调休上班 0 天（无）" in tab.summary.text()
    qtmodeltester.check(tab.model)


def test_exporting_a_template_through_the_dialog(
    tab: HolidaysTab, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "2026.json"
    choose_file(monkeypatch, "getSaveFileName", target)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    official = schedule_from_package(2026)
    assert official is not None
    assert load_schedule_file(target).holidays == official.holidays
    assert "已导出 2026 年放假安排" in tab.message.text()


def test_cancelling_the_file_dialog_changes_nothing(
    tab: HolidaysTab, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert tab.task is None and tab.message.text() == ""


def test_importing_a_schedule_recounts_open_deadlines(
    tab: HolidaysTab,
    demo: DemoData,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A day off added on Friday 23 January 2026 moves every open deadline running over it.
    official = schedule_from_package(2026)
    assert official is not None
    data = {
        "year": 2026,
        "source": "国办发明电〔2025〕7号（含本地调整）",
        "holidays": sorted(d.isoformat() for d in official.holidays | {date(2026, 1, 23)}),
        "workdays": sorted(d.isoformat() for d in official.workdays),
    }
    path = tmp_path / "2026.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    running = queries.case_rows(demo.svc, queries.case_ids(demo.svc, CaseFilter(open_only=True)))
    over_the_23rd = [r for r in running if r.due_date and r.due_date >= date(2026, 1, 23)]
    assert over_the_23rd

    choose_file(monkeypatch, "getOpenFileName", path)
    with qtbot.waitSignal(tab.saved, timeout=10_000):
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    message = tab.message.text()
    assert message.startswith("✓ 已导入 2026 年节假日安排")
    recomputed = int(message.split("重新计算了 ")[1].split(" 件")[0])
    assert recomputed >= len(over_the_23rd)
    assert cell(tab, date(2026, 1, 23)) == "休"
    assert "国办发明电〔2025〕7号（含本地调整）" in tab.source.text()
    # The deadlines moved in the database as well.
    moved = {r.id: r for r in queries.case_rows(demo.svc, [r.id for r in over_the_23rd])}
    for before in over_the_23rd:
        assert before.due_date is not None
        after = moved[before.id].due_date
        assert after is not None and after > before.due_date


def test_a_bad_file_is_refused_with_its_reason(
    tab: HolidaysTab, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"year": 2027, "source": "", "holidays": [], "workdays": []}', "utf-8")
    choose_file(monkeypatch, "getOpenFileName", path)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.task is None)
    assert tab.message.text().startswith("✗ 没有导入")
    assert "source" in tab.message.text()
    assert tab.import_button.isEnabled()
