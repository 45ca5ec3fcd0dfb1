"""Batch printing: issue many documents in the background, then one combined preview to print.

Generic on purpose: it takes a list of producers (each issues one document and returns it), so
overdue reminders, award notices and objection results all batch the same way. Every producer
runs in the worker, one after another, with 取消 checked between them; the combined PDF is built
in the worker too. The GUI thread only moves the progress bar and opens the preview at the end.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.domain.errors import DomainError
from ui.background import (
    BackgroundTask,
    CancelToken,
    Failure,
    Report,
    run_in_background,
    show_failure,
)
from ui.printing.preview import PdfPreviewDialog

log = logging.getLogger(__name__)


class Printable(Protocol):
    """What a producer returns: app.services.printing.PrintedDocument has these and more."""

    @property
    def title(self) -> str: ...

    @property
    def pdf(self) -> bytes: ...


Producer = Callable[[], Printable]


@dataclass(frozen=True)
class Skipped:
    """A document the batch could not produce, and why (in the clerk's words)."""

    label: str
    reason: str


@dataclass(frozen=True)
class BatchResult:
    total: int
    documents: list[Printable] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    cancelled: bool = False
    stopped_by_error: bool = False
    pdf: bytes | None = None
    """All documents in one PDF, in order; None when none was produced."""

    def summary(self) -> str:
        """One or two sentences for the preview's note: what happened, what to do."""
        done = len(self.documents)
        parts: list[str] = []
        if self.cancelled:
            parts.append(f"已取消：共 {self.total} 份，取消前已生成 {done} 份。")
        elif self.stopped_by_error:
            parts.append(
                f"发生内部错误，批量生成已停止：共 {self.total} 份，已生成 {done} 份"
                "（错误详情已记录在日志中，请交给管理员）。"
            )
        elif self.skipped:
            parts.append(f"共 {self.total} 份，已生成 {done} 份，{len(self.skipped)} 份未生成。")
        else:
            return ""
        parts.extend(f"未生成「{s.label}」：{s.reason}" for s in self.skipped)
        if done:
            parts.append("已生成的文书均已编号并记入案件，请在此打印或保存。")
        return "\n".join(parts)


def combine_pdfs(pdfs: Sequence[bytes]) -> bytes:
    """One PDF with all pages of ``pdfs`` in order (fonts stay embedded per document)."""
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def produce_all(
    producers: Sequence[Producer],
    labels: Sequence[str],
    token: CancelToken,
    report: Report,
) -> BatchResult:
    """Run the producers in order until done or cancelled; runs in the worker, no widgets.

    A producer's DomainError (e.g. the case was completed meanwhile) skips that one document;
    a bug stops the batch but keeps what was produced, since those documents are already
    numbered and recorded and must still reach paper.
    """
    total = len(producers)
    documents: list[Printable] = []
    skipped: list[Skipped] = []
    cancelled = stopped = False
    for index, produce in enumerate(producers):
        if token.cancelled:
            cancelled = True
            break
        report(index, total, f"正在生成 {index + 1}/{total}：{labels[index]} …")
        try:
            documents.append(produce())
        except DomainError as exc:
            skipped.append(Skipped(labels[index], str(exc)))
        except Exception:
            log.exception("batch printing: producer %d (%s) failed", index, labels[index])
            stopped = True
            break
    else:
        # Cancelling during the last producer still counts: the clerk asked to stop.
        cancelled = token.cancelled
    pdf = None
    if documents:
        report(total, total, f"正在合并 {len(documents)} 份文书…")
        pdf = combine_pdfs([d.pdf for d in documents])
    return BatchResult(total, documents, skipped, cancelled, stopped, pdf)


class BatchPrintDialog(QProgressDialog):
    """Progress of a batch (正在生成 3/12：催办通知书 …, 取消), then the combined preview.

    ``batch_finished`` carries the BatchResult; ``preview`` is the dialog opened afterwards.
    """

    batch_finished = Signal(object)
    task_progress = Signal(int, int, str)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        producers: Sequence[Producer],
        labels: Sequence[str] | None = None,
        *,
        open_preview: bool = True,
    ) -> None:
        super().__init__("正在准备…", "取消", 0, max(len(producers), 1), parent)
        if labels is not None and len(labels) != len(producers):
            raise ValueError("one label per producer")
        self.title = title
        self.producers = list(producers)
        self.labels = list(labels or (f"第 {i + 1} 份" for i in range(len(producers))))
        self.open_preview = open_preview
        self.batch_result: BatchResult | None = None
        self.preview: PdfPreviewDialog | None = None
        self.task: BackgroundTask[BatchResult] | None = None
        self.setWindowTitle(f"批量打印 — {title}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Shown at once: a batch is always long enough to want a progress bar.
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("正在生成 100/100：") * 3)

    def start(self) -> BackgroundTask[BatchResult]:
        producers, labels = self.producers, self.labels
        self.task = run_in_background(
            self,
            lambda token, report: produce_all(producers, labels, token, report),
            on_success=self._finished,
            on_failure=self._failed,
            on_progress=self._progress,
        )
        self.canceled.connect(self._cancel)
        self.setValue(0)
        return self.task

    def _cancel(self) -> None:
        if self.task is not None:
            # The producer under way finishes (it is one transaction); the rest are not started.
            self.task.cancel()

    def _progress(self, done: int, total: int, text: str) -> None:
        if not self.wasCanceled():
            self.setMaximum(max(total, 1))
            self.setValue(done)
            self.setLabelText(text)
        self.task_progress.emit(done, total, text)

    def _finished(self, result: BatchResult) -> None:
        self.batch_result = result
        self.close()
        if result.pdf is not None and self.open_preview:
            title = f"{self.title}（{len(result.documents)} 份）"
            preview = PdfPreviewDialog(
                self.parentWidget(), title, result.pdf, note=result.summary()
            )
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.open()
            self.preview = preview
        elif result.pdf is None:
            reason = result.summary() or "没有需要打印的文书。"
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.windowTitle(),
                f"没有生成任何文书。\n{reason}",
                QMessageBox.StandardButton.Ok,
                self.parentWidget(),
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.batch_finished.emit(result)
        self.deleteLater()

    def _failed(self, failure: Failure) -> None:
        self.close()
        show_failure(self.parentWidget(), failure, "批量打印失败")
        self.batch_finished.emit(None)
        self.deleteLater()
