"""Tests for print preview, printing to a real (PDF) printer, and batch printing in the background."""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QRectF, QSizeF, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from app.documents.payloads import DocType
from app.domain.errors import DomainError, TransitionError
from app.services import printing, queries
from tests.ui.fixtures_data import DemoData
from ui.background import CancelToken
from ui.printing.batch import (
    BatchPrintDialog,
    BatchResult,
    combine_pdfs,
    produce_all,
    reminder_work,
)
from ui.printing.preview import PdfPreviewDialog, file_name_for
from ui.printing.printer import (
    PdfUnreadable,
    configure_printer,
    fitted_rect,
    load_pdf,
    print_pdf,
)

pytestmark = pytest.mark.ui

TIMEOUT_MS = 10_000
A4_POINTS = (595.0, 842.0)


def make_pdf(pages: int, *, landscape_pages: tuple[int, ...] = (), label: str = "Page") -> bytes:
    """An N-page A4 PDF (reportlab), each page saying which it is."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        size = landscape(A4) if page in landscape_pages else A4
        pdf.setPageSize(size)
        pdf.setFont("Helvetica-Bold", 36)
        pdf.drawString(80, size[1] - 140, f"{label} {page + 1} / {pages}")
        pdf.rect(40, 40, size[0] - 80, size[1] - 80)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Page sizes in points, read back with QtPdf."""
    document, _buffer = load_pdf(data)
    sizes = [document.pagePointSize(i) for i in range(document.pageCount())]
    return [(round(s.width()), round(s.height())) for s in sizes]


def pdf_printer(path: Path, title: str = "测试文书") -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, title)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@dataclass(frozen=True)
class Document:
    """Stands in for app.services.printing.PrintedDocument: what the batch needs of it."""

    title: str
    pdf: bytes


@pytest.fixture
def preview(qtbot: QtBot) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(None, "受理回执 TD01-20260121-0001", make_pdf(3))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# ----- preview -------------------------------------------------------------------------------


def test_preview_shows_every_page_fitted_to_the_width(preview: PdfPreviewDialog) -> None:
    assert preview.page_count == 3
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.page_label.text() == "第 1 页 / 共 3 页"
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.zoom_label.text() == f"{round(preview.effective_zoom() * 100)}%"
    assert not preview.fit_width_button.isEnabled()
    assert preview.windowTitle() == "打印预览 — 受理回执 TD01-20260121-0001"


def test_zoom_in_and_out_then_back_to_the_width(preview: PdfPreviewDialog) -> None:
    fitted = preview.effective_zoom()
    preview.zoom_in()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    assert preview.zoom_label.text() == f"{round(fitted * 125)}%"
    preview.zoom_out()
    preview.zoom_out()
    assert preview.view.zoomFactor() == pytest.approx(fitted / 1.25)
    assert preview.fit_width_button.isEnabled()
    preview.fit_width()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert not preview.fit_width_button.isEnabled()
    assert preview.zoom_label.text() == f"{round(fitted * 100)}%"


def test_shortcuts_are_the_usual_ones(preview: PdfPreviewDialog) -> None:
    shortcuts = {a.shortcut().toString() for a in preview.actions()}
    assert {"Ctrl+P", "Ctrl+S", "Ctrl+-", "Ctrl++", "Ctrl+0"} <= shortcuts
    assert preview.print_button.isDefault()


def test_a_broken_pdf_is_a_user_facing_error(qtbot: QtBot) -> None:
    with pytest.raises(PdfUnreadable):
        PdfPreviewDialog(None, "坏文件", b"%PDF-1.4 not really")


def test_save_writes_the_pdf_as_issued(preview: PdfPreviewDialog, tmp_path: Path) -> None:
    assert preview.save_to(tmp_path / "回执")
    assert (tmp_path / "回执.pdf").read_bytes() == preview.pdf
    assert preview.status_label.text().startswith("已保存：")


def test_save_to_an_unwritable_place_says_what_to_do(
    preview: PdfPreviewDialog, tmp_path: Path, qtbot: QtBot
) -> None:
    assert not preview.save_to(tmp_path / "no-such-folder" / "回执.pdf")
    [box] = [b for b in preview.findChildren(QMessageBox) if b.isVisible()]
    assert "请换一个文件夹或文件名后重试" in box.text()
    box.close()


def test_file_names_leave_out_what_windows_forbids() -> None:
    assert file_name_for("受理回执 TD01-20260121-0001") == "受理回执_TD01-20260121-0001.pdf"
    assert file_name_for('a/b:c*?"<>|') == "a_b_c.pdf"
    assert file_name_for("...") == "文书.pdf"


# ----- printing ------------------------------------------------------------------------------


def test_print_pdf_prints_every_page_on_a4(tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    reports: list[tuple[int, int, str]] = []
    printed = print_pdf(pdf_printer(out), make_pdf(3), report=lambda *r: reports.append(r))
    assert printed == 3
    assert pdf_pages(out.read_bytes()) == [A4_POINTS] * 3
    assert reports == [(i, 3, f"正在打印第 {i}/3 页") for i in (1, 2, 3)]


def test_print_pdf_prints_the_chosen_range_only(tmp_path: Path) -> None:
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    printer.setFromTo(2, 3)
    assert print_pdf(printer, make_pdf(4)) == 2
    assert len(pdf_pages(out.read_bytes())) == 2


def test_a_landscape_page_is_turned_not_shrunk(tmp_path: Path) -> None:
    out = tmp_path / "mixed.pdf"
    assert print_pdf(pdf_printer(out), make_pdf(2, landscape_pages=(1,))) == 2
    assert pdf_pages(out.read_bytes()) == [A4_POINTS] * 2
    paper = QRectF(0, 0, 2480, 3508)
    target, rotate = fitted_rect(QSizeF(842, 595), paper)
    assert rotate
    # Turned, a landscape A4 page fills portrait A4 paper (to within a pixel of rounding).
    assert target.width() == pytest.approx(2480, abs=2)
    assert target.height() == pytest.approx(3508, abs=2)
    target, rotate = fitted_rect(QSizeF(595.28, 841.89), paper)
    assert not rotate
    assert target.topLeft().x() == pytest.approx(0, abs=1)
    assert target.width() == pytest.approx(2480, abs=1)


def test_print_pdf_cancelled_before_the_first_page_prints_nothing(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    assert print_pdf(pdf_printer(tmp_path / "none.pdf"), make_pdf(3), token) == 0


def test_print_pdf_cancelled_after_a_page_aborts_the_job(tmp_path: Path) -> None:
    token = CancelToken()

    def report(done: int, total: int, text: str) -> None:
        token.cancel()

    out = tmp_path / "aborted.pdf"
    assert print_pdf(pdf_printer(out), make_pdf(3), token, report) == 1
    # Aborted, not finished: no half document is left to be printed by mistake.
    assert not out.exists()


def test_printing_to_a_folder_instead_of_a_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="PDF 文件名"):
        print_pdf(pdf_printer(tmp_path), make_pdf(1))


def test_print_from_the_preview_runs_in_the_background(
    preview: PdfPreviewDialog, tmp_path: Path, qtbot: QtBot
) -> None:
    out = tmp_path / "from-preview.pdf"
    task = preview.start_printing(pdf_printer(out))
    assert not preview.print_button.isEnabled()
    # Esc while the worker paints would abort the job: the preview stays open until it is done.
    preview.reject()
    assert preview.isVisible()
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    assert preview.print_button.isEnabled()
    assert preview.status_label.text() == f"已打印到文件（3 页）：{out}"
    assert len(pdf_pages(out.read_bytes())) == 3


def test_cancel_in_the_progress_dialog_stops_printing(
    preview: PdfPreviewDialog, tmp_path: Path, qtbot: QtBot
) -> None:
    out = tmp_path / "cancelled.pdf"
    task = preview.start_printing(pdf_printer(out))
    assert preview.progress is not None
    preview.progress.cancel()
    preview.progress.canceled.emit()  # what the 取消 button does after cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    assert preview.status_label.text() == "已取消打印，未送出的页面不会打印。"
    assert not out.exists()
    assert preview.print_button.isEnabled()


def test_ctrl_p_opens_the_system_print_dialog_without_blocking(
    preview: PdfPreviewDialog, tmp_path: Path, qtbot: QtBot
) -> None:
    preview.print_document()
    dialog = preview.print_dialog
    assert isinstance(dialog, QPrintDialog)
    assert dialog.isVisible() and dialog.isModal()
    # No printer on the test machine: Qt's own dialog offers "print to file" and suggests a
    # file named after the document (its line edit is called "filename" inside Qt).
    filename = dialog.findChild(QLineEdit, "filename")
    assert isinstance(filename, QLineEdit)
    assert filename.text().endswith("受理回执_TD01-20260121-0001.pdf")
    out = tmp_path / "dialog.pdf"
    filename.setText(str(out))
    dialog.accept()
    task = preview.print_task
    assert task is not None
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    assert len(pdf_pages(out.read_bytes())) == 3


def test_cancelling_the_print_dialog_prints_nothing(preview: PdfPreviewDialog) -> None:
    preview.print_document()
    assert preview.print_dialog is not None
    preview.print_dialog.reject()
    assert preview.print_task is None
    assert preview.print_button.isEnabled()


def test_printing_runs_in_a_worker_thread(tmp_path: Path, qtbot: QtBot) -> None:
    """print_pdf paints on the QPrinter in the worker; only the callbacks come back."""
    from ui.background import run_in_background

    threads: list[threading.Thread] = []

    def work(token: CancelToken, report: Any) -> int:
        threads.append(threading.current_thread())
        return print_pdf(pdf_printer(tmp_path / "thread.pdf"), make_pdf(2), token, report)

    results: list[int] = []
    task = run_in_background(None, work, on_success=results.append, on_failure=print)
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)
    assert results == [2]
    assert threads[0] is not threading.current_thread()


# ----- batches -------------------------------------------------------------------------------


def producers(count: int, *, delay: float = 0.0) -> list[Any]:
    def make(index: int) -> Any:
        def produce() -> Document:
            time.sleep(delay)
            return Document(f"催办通知书 {index}", make_pdf(1, label=f"Doc {index}"))

        return produce

    return [make(i) for i in range(1, count + 1)]


def test_combine_keeps_every_page_in_order() -> None:
    combined = combine_pdfs([make_pdf(1), make_pdf(2), make_pdf(1, landscape_pages=(0,))])
    assert pdf_pages(combined) == [A4_POINTS, A4_POINTS, A4_POINTS, (842, 595)]


def test_produce_all_skips_a_document_the_rules_refuse() -> None:
    def refused() -> Document:
        raise TransitionError("案件已办结，不能再催办。")

    work = [*producers(2), refused, *producers(1)]
    labels = ["甲", "乙", "丙", "丁"]
    result = produce_all(work, labels, CancelToken(), lambda *r: None)
    assert len(result.documents) == 3
    assert [(s.label, s.reason) for s in result.skipped] == [("丙", "案件已办结，不能再催办。")]
    assert result.pdf is not None and len(pdf_pages(result.pdf)) == 3
    assert "未生成「丙」：案件已办结，不能再催办。" in result.summary()


def test_produce_all_keeps_what_was_made_when_a_bug_stops_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> Document:
        raise ZeroDivisionError

    result = produce_all(
        [*producers(2), broken, *producers(2)], list("abcde"), CancelToken(), lambda *r: None
    )
    assert result.stopped_by_error and len(result.documents) == 2
    assert "内部错误" in result.summary()
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def run_batch(
    qtbot: QtBot, parent: QWidget, dialog: BatchPrintDialog, cancel_after: int | None = None
) -> BatchResult:
    results: list[BatchResult] = []
    dialog.batch_finished.connect(results.append)
    if cancel_after is not None:

        def maybe_cancel(done: int, total: int, text: str) -> None:
            if done >= cancel_after:
                # What the clerk does: the 取消 button (Esc does the same).
                dialog.findChild(QPushButton).click()

        dialog.task_progress.connect(maybe_cancel)
    dialog.start()
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT_MS)
    return results[0]


def test_a_batch_of_five_ends_in_one_preview_of_five_documents(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    labels = [f"催办通知书 TD01-20260121-000{i}" for i in range(1, 6)]
    dialog = BatchPrintDialog(parent, "催办通知书", producers(5), labels)
    texts: list[str] = []
    dialog.task_progress.connect(lambda done, total, text: texts.append(text))
    result = run_batch(qtbot, parent, dialog)
    assert not result.cancelled
    assert [d.title for d in result.documents] == [f"催办通知书 {i}" for i in range(1, 6)]
    assert result.pdf is not None and len(pdf_pages(result.pdf)) == 5
    assert texts[-1] == "正在合并 5 份文书…"
    [preview] = [p for p in parent.findChildren(PdfPreviewDialog) if p.isVisible()]
    assert preview.page_count == 5
    assert preview.windowTitle() == "打印预览 — 催办通知书（5 份）"
    preview.close()


def test_progress_names_the_document_being_made(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    labels = [f"催办通知书 TD01-{i}" for i in range(1, 4)]
    dialog = BatchPrintDialog(parent, "催办通知书", producers(3, delay=0.05), labels)
    texts: list[str] = []
    dialog.task_progress.connect(lambda done, total, text: texts.append(text))
    run_batch(qtbot, parent, dialog)
    assert texts[:3] == [f"正在生成 {i}/3：催办通知书 TD01-{i} …" for i in range(1, 4)]


def test_cancel_mid_batch_keeps_and_reports_what_was_done(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = BatchPrintDialog(parent, "催办通知书", producers(12, delay=0.03))
    result = run_batch(qtbot, parent, dialog, cancel_after=3)
    print(f"\ncancelled after 3 of 12: {len(result.documents)} documents were made")
    assert result.cancelled
    assert 3 <= len(result.documents) < 12
    assert result.summary().startswith(
        f"已取消：共 12 份，取消前已生成 {len(result.documents)} 份。"
    )
    [preview] = [p for p in parent.findChildren(PdfPreviewDialog) if p.isVisible()]
    assert preview.page_count == len(result.documents)
    assert preview.note_label.text() == result.summary()
    preview.close()


def test_a_batch_with_nothing_made_says_so(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def refused() -> Document:
        raise TransitionError("案件已办结，不能再催办。")

    result = run_batch(qtbot, parent, BatchPrintDialog(parent, "催办通知书", [refused], ["甲"]))
    assert result.pdf is None
    [box] = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert box.text().startswith("没有生成任何文书。")
    box.close()


def test_the_gui_keeps_ticking_during_a_batch(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ticks: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    timer.start()
    dialog = BatchPrintDialog(parent, "催办通知书", producers(10, delay=0.03))
    run_batch(qtbot, parent, dialog)
    timer.stop()
    elapsed = clock.elapsed()
    gaps = [b - a for a, b in pairwise(ticks)]
    print(
        f"\nGUI timer during a 10-document batch: {len(ticks)} ticks in {elapsed} ms,"
        f" longest gap {max(gaps, default=0)} ms"
    )
    assert len(ticks) >= 3
    for preview in parent.findChildren(PdfPreviewDialog):
        preview.close()


# ----- reminders through the batch path of the printing service ------------------------------


def reminder_dialog(parent: QWidget, demo: DemoData) -> tuple[BatchPrintDialog, list[int]]:
    overdue = printing.overdue_reminders(demo.svc, demo.admin)
    assert len(overdue) >= 2
    labels = [f"催办通知书 {row.number}" for row in queries.case_rows(demo.svc, overdue)]
    work = reminder_work(demo.svc, demo.admin, overdue, labels)
    return BatchPrintDialog(parent, "催办通知书", [], labels, work=work), overdue


def test_reminders_in_one_pdf_with_progress_and_preview(qtbot: QtBot, demo: DemoData) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog, overdue = reminder_dialog(parent, demo)
    texts: list[str] = []
    dialog.task_progress.connect(lambda done, total, text: texts.append(text))
    result = run_batch(qtbot, parent, dialog)
    assert not result.cancelled and not result.stopped_by_error and result.skipped == []
    assert len(result.documents) == len(overdue)
    assert [d.title for d in result.documents] == dialog.labels
    assert texts[0] == f"正在生成 1/{len(overdue)}：{dialog.labels[0]} …"
    assert texts[-1] == f"正在合并 {len(overdue)} 份文书…"
    assert result.pdf is not None and len(pdf_pages(result.pdf)) >= len(overdue)
    [preview] = [p for p in parent.findChildren(PdfPreviewDialog) if p.isVisible()]
    assert preview.windowTitle() == f"打印预览 — 催办通知书（{len(overdue)} 份）"
    preview.close()
    for case_id in overdue:
        assert printing.printed_count(demo.svc, case_id, DocType.REMINDER_NOTICE) == (1, 0)


def test_cancelling_reminders_keeps_what_was_issued(qtbot: QtBot, demo: DemoData) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog, overdue = reminder_dialog(parent, demo)
    result = run_batch(qtbot, parent, dialog, cancel_after=1)
    assert result.cancelled
    assert 1 <= len(result.documents) < len(overdue)
    issued = [printing.printed_count(demo.svc, c, DocType.REMINDER_NOTICE)[0] for c in overdue]
    assert issued == [1] * len(result.documents) + [0] * (len(overdue) - len(result.documents))
    [preview] = [p for p in parent.findChildren(PdfPreviewDialog) if p.isVisible()]
    assert preview.page_count >= len(result.documents)
    assert preview.note_label.text().startswith(f"已取消：共 {len(overdue)} 份")
    preview.close()
