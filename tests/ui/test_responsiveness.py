"""The main window keeps the GUI thread responsive (issue 9): no stall over the limit while it
searches, loads the list, writes a report, imports, batch prints reminders and backs up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.reporting import ReportKind, parse_period
from app.services import imports, printing
from tests.ui.fixtures_data import DemoData, resident_id
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.watchdog import StallWatchdog

pytestmark = pytest.mark.ui

# Issue 9 asks for 100 ms. The measurement is one wall-clock maximum on a shared machine, so a
# busy CI runner can add its own scheduling delay to an otherwise quick step: this guard catches
# real blocking work (a query or a render on the GUI thread), not jitter. If it is flaky on CI,
# raise it to 250 ms rather than retrying (docs/performance.md measures the real figure).
LIMIT_MS = 100
TIMEOUT_MS = 30_000


@pytest.fixture
def window(demo: DemoData, qtbot: QtBot) -> Iterator[MainWindow]:
    window = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window


@pytest.fixture
def watchdog(qtbot: QtBot) -> Iterator[StallWatchdog]:
    dog = StallWatchdog()
    dog.start()
    yield dog
    dog.stop()


def measure(qtbot: QtBot, dog: StallWatchdog, action: Callable[[], None]) -> float:
    """The longest stall while ``action`` runs and until its result is shown."""
    # Settle first: whatever the window did before is not this action's stall.
    qtbot.wait(50)
    dog.reset()
    action()
    # The stall is measured at the next firing: let the event loop run once more.
    qtbot.wait(50)
    return dog.longest_stall_ms


def order(number: str, index: int) -> dict[str, object]:
    return {
        "工单编号": number,
        "工单时间": datetime(2026, 1, 20, 9, 30),
        "诉求类型": "反映",
        "诉求人姓名": "张三丰",
        "证件号码": resident_id(900 + index),
        "联系电话": "13812345678",
        "发生时间": "近一周",
        "发生地点": "江城区东风路",
        "诉求内容": f"东风路{index}号路灯不亮已一周",
    }


def test_issue_9_no_gui_stall_over_100_ms_in_the_long_operations(
    window: MainWindow, demo: DemoData, qtbot: QtBot, watchdog: StallWatchdog, tmp_path: Path
) -> None:
    stalls: dict[str, float] = {}
    cases = window.case_list

    def search() -> None:
        before = cases.model.rowCount()
        cases.search_box.setText("李秀英")
        cases.apply_filter()
        qtbot.waitUntil(lambda: cases.model.rowCount() != before, timeout=TIMEOUT_MS)
        # Showing the first page fetches its rows: part of what the clerk waits for.
        cases.table.viewport().repaint()

    def load_list() -> None:
        cases.search_box.clear()
        cases.apply_filter()
        cases.refresh()
        cases.table.viewport().repaint()

    report_path = tmp_path / "月报.xlsx"
    reports = window.reports_page.reports

    def report() -> None:
        reports.generate_to(ReportKind.MONTHLY, parse_period("2025-12"), report_path)
        qtbot.waitUntil(lambda: reports.job.task is not None and reports.job.task.finished)
        assert report_path.stat().st_size > 0

    source = tmp_path / "工单.xlsx"
    source.write_bytes(imports.template_workbook([order(f"YJ-{i}", i) for i in range(5)]))
    panel = window.reports_page.imports

    def import_orders() -> None:
        with qtbot.waitSignal(panel.cases_created, timeout=TIMEOUT_MS):
            panel.import_file(source)
        qtbot.waitUntil(lambda: panel.job.task is not None and panel.job.task.finished)
        assert panel.outcome is not None and len(panel.outcome.created) == 5

    overdue = printing.overdue_reminders(demo.svc, demo.admin)
    assert overdue

    def batch_print() -> None:
        dialog = window.start_reminder_batch(overdue, [str(i) for i in overdue])
        with qtbot.waitSignal(dialog.batch_finished, timeout=TIMEOUT_MS) as finished:
            pass
        assert finished.args[0] is not None
        assert len(finished.args[0].documents) == len(overdue)

    assert window.settings_page is not None
    tab = window.settings_page.backup

    def back_up() -> None:
        with qtbot.waitSignal(tab.backed_up, timeout=TIMEOUT_MS) as made:
            tab.back_up_now()
        assert made.args[0].verified

    for name, action in (
        ("search", search),
        ("list", load_list),
        ("report", report),
        ("import", import_orders),
        ("batch print", batch_print),
        ("backup", back_up),
    ):
        stalls[name] = measure(qtbot, watchdog, action)

    slow = {name: round(ms) for name, ms in stalls.items() if ms >= LIMIT_MS}
    assert not slow, f"GUI thread stalled ≥ {LIMIT_MS} ms: {slow} (all: {stalls})"
