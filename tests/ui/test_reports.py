"""The 报表 page and the case list's export: workbooks built in the background, saved, opened."""

from __future__ import annotations

import io
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.documents.workbook import FIRST_DATA_ROW
from app.domain.reporting import Progress, ReportKind, Span, parse_period
from app.domain.users import Role
from app.domain.vocabulary import Kind
from app.services import imports, queries, users
from tests.ui.fixtures_data import DemoData, resident_id
from ui.case_list import CaseListPage
from ui.reports.imports import ImportPanel
from ui.reports.jobs import JobPanel
from ui.reports.page import ReportPanel
from ui.reports.period import previous_period

pytestmark = pytest.mark.ui


@pytest.fixture
def panel(demo: DemoData, qtbot: QtBot) -> ReportPanel:
    panel = ReportPanel(demo.svc, demo.admin)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def wait_idle(qtbot: QtBot, job: JobPanel) -> None:
    qtbot.waitUntil(lambda: job.task is not None and job.task.finished, timeout=30_000)


def test_rules_6_the_last_finished_period_is_proposed() -> None:
    today = date(2026, 1, 21)
    assert previous_period(Span.MONTH, today) == "2025-12"
    assert previous_period(Span.QUARTER, today) == "2025Q4"
    assert previous_period(Span.YEAR, today) == "2025"
    assert previous_period(Span.QUARTER, date(2026, 11, 23)) == "2026Q3"
    assert previous_period(Span.MONTH, date(2026, 11, 23)) == "2026-10"


def test_a_report_made_for_one_length_of_period_fixes_the_picker(panel: ReportPanel) -> None:
    panel.select(ReportKind.DISCLOSURE)
    assert panel.period.current_span() is Span.YEAR
    assert not panel.period.span.isEnabled()
    assert panel.period.period() == parse_period("2025")
    assert "2025-01-01" in panel.period_label.text()
    panel.select(ReportKind.CASES)
    assert panel.period.span.isEnabled()
    panel.period.set_period(parse_period("2026Q1"))
    assert panel.period.period().label == "2026年第1季度"


def test_generating_writes_the_workbook_and_offers_to_open_it(
    panel: ReportPanel, qtbot: QtBot, tmp_path: Path
) -> None:
    opened: list[QUrl] = []
    panel.job.open_url = lambda url: opened.append(url) or True
    target = tmp_path / "out" / "公示.xlsx"
    target.parent.mkdir()
    panel.ask_path = lambda parent, proposed: target
    panel.select(ReportKind.CASES)
    panel.period.set_period(parse_period("2026-01"))
    panel.generate()
    assert not panel.generate_button.isEnabled()  # one job at a time
    wait_idle(qtbot, panel.job)
    assert panel.generate_button.isEnabled()
    sheet = load_workbook(io.BytesIO(target.read_bytes())).active
    assert sheet is not None and sheet["A2"].value == "案件清单"
    assert str(target) in panel.job.status.text()
    assert panel.job.open_button.isVisible() and panel.job.folder_button.isVisible()
    panel.job.open_button.click()
    panel.job.folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(target), str(target.parent)]
    assert not list(target.parent.glob("*.part"))


def test_a_failure_writes_nothing_and_says_why(
    panel: ReportPanel, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.reports.page.show_failure",
        lambda parent, failure, title=None: shown.append(failure.message),
    )
    missing = tmp_path / "no-such-folder" / "x.xlsx"
    panel.select(ReportKind.CASES)
    panel.generate_to(ReportKind.CASES, parse_period("2026-01"), missing)
    wait_idle(qtbot, panel.job)
    assert len(shown) == 1 and "无法写入文件" in shown[0]
    assert not missing.parent.exists()
    assert not panel.job.open_button.isVisible()


def test_cancel_stops_the_job_before_anything_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    job = JobPanel()
    qtbot.addWidget(job)
    job.show()
    release = threading.Event()
    target = tmp_path / "never.xlsx"

    def work(progress: Progress) -> Path:
        release.wait(10)
        progress(1, 2, "")  # the first step after 取消 raises
        target.write_bytes(b"x")
        return target

    job.start(work, on_success=lambda path: None, on_failure=lambda failure: None, note="…")
    assert job.cancel_button.isVisible()
    job.cancel()
    release.set()
    wait_idle(qtbot, job)
    assert not target.exists()
    assert job.status.text() == "已取消，未写入任何文件。"
    assert not job.bar.isVisible()


def test_rules_5_the_reward_ledger_is_offered_to_supervisors_only(
    demo: DemoData, qtbot: QtBot
) -> None:
    clerk = users.create_user(demo.svc, demo.admin, "c1", "窗口", Role.CLERK, "password-123")
    clerk_panel = ReportPanel(demo.svc, clerk)
    admin_panel = ReportPanel(demo.svc, demo.admin)
    for p in (clerk_panel, admin_panel):
        qtbot.addWidget(p)
    assert ReportKind.REWARDS not in clerk_panel.infos
    assert ReportKind.IDENTITY_LOG not in clerk_panel.infos
    assert ReportKind.REWARDS in admin_panel.infos
    admin_panel.show()
    admin_panel.select(ReportKind.REWARDS)
    assert admin_panel.internal_note.isVisible()
    admin_panel.select(ReportKind.MONTHLY)
    assert not admin_panel.internal_note.isVisible()
    assert list(admin_panel.infos) == list(ReportKind)


def test_the_case_list_exports_its_current_filter_in_its_order(
    demo: DemoData, qtbot: QtBot, tmp_path: Path
) -> None:
    page = CaseListPage(demo.svc, actor=demo.admin)
    qtbot.addWidget(page)
    page.show()
    page.load()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(Kind.COMPLAINT.value))
    qtbot.waitUntil(lambda: page.model.case_filter.kinds == frozenset({Kind.COMPLAINT}))
    expected = queries.case_ids(
        demo.svc,
        page.current_filter(),
        sort=page.model.sort_key,
        descending=page.model.descending,
    )
    assert expected
    target = tmp_path / "list.xlsx"
    page.ask_path = lambda parent, proposed: target
    page.export_button.click()
    wait_idle(qtbot, page.export_job)
    sheet = load_workbook(io.BytesIO(target.read_bytes())).active
    assert sheet is not None
    numbers = [
        sheet.cell(row, 2).value for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(expected))
    ]
    assert numbers == [r.number for r in queries.case_rows(demo.svc, expected)]
    assert {
        sheet.cell(row, 3).value for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(expected))
    } == {"投诉"}


def test_the_export_button_is_not_there_without_a_user(demo: DemoData, qtbot: QtBot) -> None:
    page = CaseListPage(demo.svc)
    qtbot.addWidget(page)
    page.show()
    assert not page.export_button.isVisible()
    assert isinstance(page.export_job, QWidget)


# ----- import of work orders ------------------------------------------------------------------


def order(number: str, id_number: str, content: str = "东风路路灯不亮已一周") -> dict[str, object]:
    return {
        "工单编号": number,
        "工单时间": datetime(2026, 1, 20, 9, 30),
        "诉求类型": "反映",
        "诉求人姓名": "张三丰",
        "证件号码": id_number,
        "联系电话": "13812345678",
        "发生时间": "近一周",
        "发生地点": "江城区东风路",
        "诉求内容": content,
    }


def test_yj12345_art_10_import_from_the_page_shows_what_was_refused_and_keeps_a_history(
    demo: DemoData, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = ImportPanel(demo.svc, demo.admin)
    qtbot.addWidget(panel)
    panel.show()
    template = tmp_path / "模板.xlsx"
    panel.ask_save = lambda parent, proposed: template
    panel.template_button.click()
    assert load_workbook(template).sheetnames[0] == "工单"

    source = tmp_path / "工单.xlsx"
    source.write_bytes(
        imports.template_workbook(
            [order("YJ-1", resident_id(907)), order("YJ-2", "441702199003071235")]
        )
    )
    with qtbot.waitSignal(panel.cases_created) as created:
        panel.import_file(source)
        assert not panel.import_button.isEnabled()
    assert created.args == [1]
    wait_idle(qtbot, panel.job)
    assert panel.outcome is not None and len(panel.outcome.created) == 1
    assert "新建 1 件" in panel.job.status.text() and "未导入 1 行" in panel.job.status.text()
    assert panel.problems.rowCount() == 1
    assert panel.problems.item(0, 1).text() == "YJ-2"
    assert "校验" in panel.problems.item(0, 3).text()
    assert panel.errors_button.isVisible()
    qtbot.waitUntil(lambda: panel.history.rowCount() == 1)
    assert panel.history.item(0, 1).text() == "工单.xlsx"

    errors = tmp_path / "未导入.xlsx"
    panel.ask_save = lambda parent, proposed: errors
    panel.errors_button.click()
    assert errors.exists() and str(errors) in panel.job.status.text()

    panel.import_file(source)  # again: nothing new
    wait_idle(qtbot, panel.job)
    assert panel.outcome is not None and not panel.outcome.created
    assert len(panel.outcome.already) == 1
    qtbot.waitUntil(lambda: panel.history.rowCount() == 2)


def test_a_file_that_is_not_a_workbook_imports_nothing_and_says_why(
    demo: DemoData, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.reports.imports.show_failure",
        lambda parent, failure, title=None: shown.append(failure.message),
    )
    panel = ImportPanel(demo.svc, demo.admin)
    qtbot.addWidget(panel)
    fake = tmp_path / "工单.xlsx"
    fake.write_text("not a workbook")
    panel.import_file(fake)
    wait_idle(qtbot, panel.job)
    assert len(shown) == 1 and "xlsx" in shown[0]
    assert panel.outcome is None


def test_closing_the_window_during_a_job_asks_first_and_can_be_refused(
    demo: DemoData, qtbot: QtBot, tmp_path: Path
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(demo.svc, demo.admin)
    qtbot.addWidget(window)
    window.show()
    release = threading.Event()
    asked: list[bool] = []
    window.confirm_stop_jobs = lambda: asked.append(True) or False  # type: ignore[method-assign]
    window.reports_page.reports.job.start(
        lambda progress: release.wait(10),
        on_success=lambda _: None,
        on_failure=lambda _: None,
        note="",
    )
    window.close()
    assert asked == [True] and window.isVisible()
    release.set()
    wait_idle(qtbot, window.reports_page.reports.job)
    window.close()
    assert asked == [True] and not window.isVisible()  # nothing running: no question
