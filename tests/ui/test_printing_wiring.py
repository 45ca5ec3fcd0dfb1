"""Printing from the window: a case's 打印 menu and 补打, and 文件 → 批量打印催办通知书, for real."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.documents.payloads import DocType
from app.services import printing, queries
from tests.ui.fixtures_data import DemoData
from ui.app import build_main_window
from ui.case_detail import CaseDetailDialog
from ui.main_window import MainWindow
from ui.printing.preview import PdfPreviewDialog

pytestmark = pytest.mark.ui

# The first document loads and subsets the CJK fonts; later ones are quicker.
TIMEOUT_MS = 60_000


def visible_previews(parent: QWidget) -> list[PdfPreviewDialog]:
    return [p for p in parent.findChildren(PdfPreviewDialog) if p.isVisible()]


def visible_boxes(parent: QWidget) -> list[QMessageBox]:
    return [b for b in parent.findChildren(QMessageBox) if b.isVisible()]


def case_with(demo: DemoData, doc_type: DocType) -> int:
    return next(i for i in demo.case_ids if doc_type in printing.available_documents(demo.svc, i))


@pytest.fixture
def detail(demo: DemoData, qtbot: QtBot) -> CaseDetailDialog:
    dialog = CaseDetailDialog(demo.svc, case_with(demo, DocType.RECEIPT), actor=demo.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_print_menu_lists_what_the_case_can_print_now(
    detail: CaseDetailDialog, demo: DemoData
) -> None:
    detail.fill_print_menu()
    texts = [a.text() for a in detail.print_menu.actions() if not a.isSeparator()]
    available = printing.available_documents(demo.svc, detail.case_id)
    assert texts == [f"{d.label}…" for d in available] + ["补打受理回执…"]
    assert detail.print_button.text() == "打印(&P)"


def test_without_a_signed_in_user_there_is_nothing_to_print(demo: DemoData, qtbot: QtBot) -> None:
    dialog = CaseDetailDialog(demo.svc, demo.case_ids[0])
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "print_button")
    assert dialog.print_document(DocType.RECEIPT) is None


def test_printing_a_receipt_opens_its_preview_and_records_the_issue(
    detail: CaseDetailDialog, demo: DemoData, qtbot: QtBot
) -> None:
    events_before = detail.timeline_model.rowCount()
    detail.fill_print_menu()
    [receipt] = [a for a in detail.print_menu.actions() if a.data() == DocType.RECEIPT.value]
    receipt.trigger()
    task = detail.print_task
    assert task is not None
    assert not detail.print_button.isEnabled()
    assert detail.status_label.text() == "正在生成受理回执…"
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    [preview] = visible_previews(detail)
    number = queries.case_rows(demo.svc, [detail.case_id])[0].number
    assert preview.windowTitle().startswith(f"打印预览 — 受理回执 {number}（")
    assert preview.page_count >= 1
    assert detail.print_button.isEnabled()
    # The issue is an event of the case, shown at once in the timeline.
    assert detail.timeline_model.rowCount() == events_before + 1
    last = detail.timeline_model.index(events_before, 2).data()
    assert last.startswith("出具受理回执")
    preview.close()


def test_reprint_keeps_the_number_and_is_recorded(detail: CaseDetailDialog, qtbot: QtBot) -> None:
    first = detail.print_document(DocType.RECEIPT)
    assert first is not None
    qtbot.waitUntil(lambda: first.finished, timeout=TIMEOUT_MS)
    [preview] = visible_previews(detail)
    number_text = preview.windowTitle().rsplit("（", 1)[1]
    preview.close()

    again = detail.print_document(DocType.RECEIPT, reprint=True)
    assert again is not None
    assert detail.status_label.text() == "正在补打受理回执…"
    qtbot.waitUntil(lambda: again.finished, timeout=TIMEOUT_MS)
    [reprinted] = visible_previews(detail)
    assert reprinted.windowTitle().endswith(number_text)
    rows = detail.timeline_model.rowCount()
    assert detail.timeline_model.index(rows - 1, 2).data().startswith("补打受理回执")
    reprinted.close()


def test_reprint_before_any_print_is_explained(detail: CaseDetailDialog, qtbot: QtBot) -> None:
    task = detail.print_document(DocType.RECEIPT, reprint=True)
    assert task is not None
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    assert visible_previews(detail) == []
    [box] = visible_boxes(detail)
    assert "尚未出具过，不能补打" in box.text()
    box.close()


@pytest.fixture
def window(demo: DemoData, qtbot: QtBot) -> MainWindow:
    window = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_file_menu_offers_batch_reminders(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts[0] == "批量打印催办通知书(&B)…"
    assert texts[-1] == "退出(&X)"


def wait_for_confirmation(window: MainWindow, qtbot: QtBot) -> QMessageBox:
    window.batch_reminders_action.trigger()
    assert not window.batch_reminders_action.isEnabled()
    qtbot.waitUntil(lambda: window.reminder_confirm is not None, timeout=TIMEOUT_MS)
    assert window.reminder_confirm is not None
    return window.reminder_confirm


def test_batch_reminders_issue_one_notice_per_overdue_case(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    overdue = printing.overdue_reminders(demo.svc, demo.admin)
    assert len(overdue) >= 2
    box = wait_for_confirmation(window, qtbot)
    assert box.text() == (f"有 {len(overdue)} 件案件已超过办结期限，将为每件生成一份催办通知书。")
    box.button(QMessageBox.StandardButton.Yes).click()
    dialog = window.batch_dialog
    assert dialog is not None
    assert dialog.labels[0] == f"催办通知书 {queries.case_rows(demo.svc, overdue[:1])[0].number}"
    with qtbot.waitSignal(dialog.batch_finished, timeout=TIMEOUT_MS) as finished:
        pass
    result = finished.args[0]
    assert len(result.documents) == len(overdue)
    assert all(d.doc_type is DocType.REMINDER_NOTICE for d in result.documents)
    [preview] = visible_previews(window)
    assert preview.windowTitle() == f"打印预览 — 催办通知书（{len(overdue)} 份）"
    assert preview.page_count >= len(overdue)
    assert window.batch_reminders_action.isEnabled()
    summaries = [e.summary for e in queries.timeline(demo.svc, overdue[0])]
    assert any(s.startswith("出具催办通知书") for s in summaries)
    preview.close()


def test_declining_the_batch_issues_nothing(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    overdue = printing.overdue_reminders(demo.svc, demo.admin)
    box = wait_for_confirmation(window, qtbot)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.batch_dialog is None
    assert window.batch_reminders_action.isEnabled()
    summaries = [e.summary for e in queries.timeline(demo.svc, overdue[0])]
    assert not any(s.startswith("出具催办通知书") for s in summaries)
