"""Batch printing: issue many documents in the background, then one combined preview to print.

Generic on purpose: it takes a list of producers (each issues one document and returns it), so
award notices and objection results all batch the same way. Every producer runs in the worker,
one after another, with 取消 checked between them; the combined PDF is built in the worker too.
Overdue reminders, the big batch, go through the printing service's batch path instead
(``reminder_work``): a few transactions and one PDF with each font embedded once. The GUI thread
only moves the progress bar and opens the preview at the end.
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
from app.domain.users import Actor
from app.services import printing
from app.services.context import Services
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
# A whole batch done at once in the worker (reporting progress, checking 取消 as it goes).
BatchWork = Callable[[CancelToken, Report], "BatchResult"]


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


def reminder_work(
    svc: Services, actor: Actor, case_ids: Sequence[int], labels: Sequence[str]
) -> BatchWork:
    """Overdue reminders (JY12345 art. 19) issued through the batch path of the printing
    service: a few transactions and one PDF whose fonts are embedded once, instead of a PDF per
    notice joined afterwards. Progress, 取消 and skipping work as for producers."""
    if len(labels) != len(case_ids):
        raise ValueError("one label per case")

    def work(token: CancelToken, report: Report) -> BatchResult:
        label_of = dict(zip(case_ids, labels, strict=True))
        total = len(case_ids)

        def progress(done: int, total: int, case_id: int | None) -> None:
            if case_id is None:
                text = translate("Printing", "Combining {count} documents…").format(count=done)
            else:
                text = translate("Printing", "Issuing {number}/{total}: {label} …").format(
                    number=done + 1, total=total, label=label_of[case_id]
                )
            report(done if case_id is not None else total, total, text)

        issued = printing.issue_reminders(
            svc, actor, case_ids, progress=progress, cancelled=lambda: token.cancelled
        )
        skipped = [Skipped(label_of[case_id], reason) for case_id, reason in issued.skipped]
        bug = issued.error is not None and not isinstance(issued.error, DomainError)
        if issued.error is not None and not bug and issued.stopped_at is not None:
            # e.g. the database stayed busy: said in the clerk's words, like a refused case.
            skipped.append(Skipped(label_of[issued.stopped_at], str(issued.error)))
        if bug and issued.error is not None:
            log.error(
                "batch printing of reminders stopped by an error",
                exc_info=(type(issued.error), issued.error, issued.error.__traceback__),
            )
        return BatchResult(
            total,
            list(issued.documents),
            skipped,
            issued.cancelled,
            bug,
            issued.pdf,
        )

    return work


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
        work: BatchWork | None = None,
    ) -> None:
        # With ``work`` (e.g. reminder_work) the batch is done by it, and ``labels`` name its
        # documents; otherwise the producers run one after another (produce_all).
        count = len(labels) if work is not None and labels is not None else len(producers)
        super().__init__(
            translate("Printing", "Preparing…"),
            translate("Printing", "Cancel"),
            0,
            max(count, 1),
            parent,
        )
        if work is not None and (labels is None or producers):
            raise ValueError("a batch done by work has labels and no producers")
        if labels is not None and len(labels) != count:
            raise ValueError("one label per producer")
        self.title = title
        self.producers = list(producers)
        self.work = work
        self.labels = list(
            labels or (self.tr("Document {number}").format(number=i + 1) for i in range(count))
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
        work: BatchWork = self.work or (
            lambda token, report: produce_all(producers, labels, token, report)
        )
        self.task = run_in_background(
            self,
            work,
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
