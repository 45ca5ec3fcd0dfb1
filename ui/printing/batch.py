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
from ui.i18n import translate
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
            parts.append(
                translate(
                    "Printing", "Cancelled: {total} in all, {done} issued before cancelling."
                ).format(total=self.total, done=done)
            )
        elif self.stopped_by_error:
            parts.append(
                translate(
                    "Printing",
                    "An internal error stopped the batch: {total} in all, {done} issued (the "
                    "details are in the log; please give it to the administrator).",
                ).format(total=self.total, done=done)
            )
        elif self.skipped:
            parts.append(
                translate(
                    "Printing", "{total} in all, {done} issued, {skipped} not issued."
                ).format(total=self.total, done=done, skipped=len(self.skipped))
            )
        else:
            return ""
        parts.extend(
            translate("Printing", "Not issued “{label}”: {reason}").format(
                label=s.label, reason=s.reason
            )
            for s in self.skipped
        )
        if done:
            parts.append(
                translate(
                    "Printing",
                    "The documents issued are numbered and recorded in their cases; print or "
                    "save them here.",
                )
            )
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
        report(
            index,
            total,
            translate("Printing", "Issuing {number}/{total}: {label} …").format(
                number=index + 1, total=total, label=labels[index]
            ),
        )
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
        report(
            total,
            total,
            translate("Printing", "Combining {count} documents…").format(count=len(documents)),
        )
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
        super().__init__(
            translate("Printing", "Preparing…"),
            translate("Printing", "Cancel"),
            0,
            max(len(producers), 1),
            parent,
        )
        if labels is not None and len(labels) != len(producers):
            raise ValueError("one label per producer")
        self.title = title
        self.producers = list(producers)
        self.labels = list(
            labels
            or (self.tr("Document {number}").format(number=i + 1) for i in range(len(producers)))
        )
        self.open_preview = open_preview
        self.batch_result: BatchResult | None = None
        self.preview: PdfPreviewDialog | None = None
        self.task: BackgroundTask[BatchResult] | None = None
        self.setWindowTitle(self.tr("Batch print — {title}").format(title=title))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Shown at once: a batch is always long enough to want a progress bar.
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(
                translate("Printing", "Issuing {number}/{total}: {label} …").format(
                    number=100, total=100, label=""
                )
            )
            * 3
        )

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
            title = self.tr("{title} ({count} documents)").format(
                title=self.title, count=len(result.documents)
            )
            preview = PdfPreviewDialog(
                self.parentWidget(), title, result.pdf, note=result.summary()
            )
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.open()
            self.preview = preview
        elif result.pdf is None:
            reason = result.summary() or self.tr("There is no document to print.")
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.windowTitle(),
                self.tr("No document was issued.\n{reason}").format(reason=reason),
                QMessageBox.StandardButton.Ok,
                self.parentWidget(),
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.batch_finished.emit(result)
        self.deleteLater()

    def _failed(self, failure: Failure) -> None:
        self.close()
        show_failure(self.parentWidget(), failure, self.tr("Batch printing failed"))
        self.batch_finished.emit(None)
        self.deleteLater()
