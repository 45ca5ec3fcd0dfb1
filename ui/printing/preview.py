"""Print preview of one of our PDFs (QtPdf), printing through the system dialog, saving a copy.

What runs where: the preview renders its pages in QPdfView's own render thread; the print dialog
runs on the GUI thread (it is the system's dialog); ``print_pdf`` runs in a background worker and
paints straight onto the QPrinter there, reporting each page; the GUI thread only updates the
progress dialog and the status line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.background import BackgroundTask, Failure, run_in_background, show_failure
from ui.i18n import translate
from ui.printing.printer import configure_printer, load_pdf, print_pdf

ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 4.0
# The progress dialog appears only for jobs longer than this, so a one-page receipt does not flash.
PROGRESS_DELAY_MS = 400
PREFERRED_SIZE = QSize(820, 900)
NOTE_STYLE = "color: #664d03; background: #fff0c2; padding: 4px 8px;"


def file_name_for(title: str) -> str:
    """A file name from a document title, without characters Windows forbids."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("._")
    return (cleaned or translate("Printing", "document")) + ".pdf"


def default_folder() -> Path:
    """Where saved and printed-to-file PDFs go unless the clerk picks another folder."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


class PdfPreviewDialog(QDialog):
    """Shows every page of a PDF, fitted to the width; 打印… / 另存为 PDF… / 关闭."""

    def __init__(
        self, parent: QWidget | None, document_title: str, pdf: bytes, *, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.document_title = document_title
        self.pdf = pdf
        self.print_task: BackgroundTask[int] | None = None
        self.print_dialog: QPrintDialog | None = None
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Print preview — {title}").format(title=document_title))

        self.document = QPdfDocument(self)
        # The buffer must outlive the document's use of it: keep it on the dialog.
        _, self._buffer = load_pdf(pdf, self.document)
        self._buffer.setParent(self)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)

        layout = QVBoxLayout(self)
        if note:
            self.note_label = QLabel(note)
            self.note_label.setWordWrap(True)
            self.note_label.setStyleSheet(NOTE_STYLE)
            layout.addWidget(self.note_label)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.view, 1)
        layout.addLayout(self._buttons())
        # After the zoom label exists: the filter updates it whenever the view changes width.
        self.view.viewport().installEventFilter(self)

        self._show_page(0)
        self._show_zoom()
        # Tall enough for most of an A4 page, but never taller than a 1366×768 counter screen.
        available = self.screen().availableGeometry().size() - QSize(0, 60)
        self.resize(PREFERRED_SIZE.boundedTo(available) if available.isValid() else PREFERRED_SIZE)

    # ----- construction -------------------------------------------------------------------

    def _tool(
        self, text: str, tip: str, shortcuts: list[str], slot: Callable[[], None]
    ) -> QToolButton:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setToolTip(
            self.tr("{tip} ({shortcut})").format(
                tip=tip, shortcut=QKeySequence(shortcuts[0]).toString()
            )
        )
        action.triggered.connect(slot)
        self.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        return button

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.zoom_out_button = self._tool("－", self.tr("Zoom out"), ["Ctrl+-"], self.zoom_out)
        self.zoom_in_button = self._tool(
            "＋", self.tr("Zoom in"), ["Ctrl++", "Ctrl+="], self.zoom_in
        )
        self.fit_width_button = self._tool(
            self.tr("Fit width"),
            self.tr("Fit the page width to the window"),
            ["Ctrl+0"],
            self.fit_width,
        )
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400%") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label = QLabel()
        row.addWidget(self.zoom_out_button)
        row.addWidget(self.zoom_label)
        row.addWidget(self.zoom_in_button)
        row.addWidget(self.fit_width_button)
        row.addStretch(1)
        row.addWidget(self.page_label)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_label = QLabel()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Choose a printer and print every page (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setToolTip(self.tr("Save this document as a PDF file (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_as)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the preview (Esc)"))
        self.close_button.clicked.connect(self.reject)
        for shortcut, slot in (("Ctrl+P", self.print_document), ("Ctrl+S", self.save_as)):
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            self.addAction(action)
        # Enter prints: printing is what the clerk opened the preview for.
        self.print_button.setDefault(True)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        return row

    # ----- viewing ------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _show_page(self, page: int) -> None:
        self.page_label.setText(
            self.tr("Page {page} of {count}").format(page=page + 1, count=self.page_count)
        )

    def effective_zoom(self) -> float:
        """The zoom factor on screen, also while QPdfView fits the page to the width."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        available = self.view.viewport().width() - margins.left() - margins.right()
        page_width = self.document.pagePointSize(0).width() * self.logicalDpiX() / 72.0
        return max(available / page_width, ZOOM_MIN) if page_width > 0 else 1.0

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, ZOOM_MIN), ZOOM_MAX))

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _show_zoom(self, *_: object) -> None:
        # The percentage in every mode; a greyed 适合宽度 button says the page is fitted now.
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)}%")
        fitted = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.fit_width_button.defaultAction().setEnabled(not fitted)

    # ----- printing -----------------------------------------------------------------------

    def print_document(self) -> None:
        """Ctrl+P: the system's print dialog (window-modal, not blocking), then print in the background."""
        if self.print_task is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, self.document_title)
        printer.setFromTo(1, self.page_count)
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            # No system printer (Qt offers "print to file" only): suggest a file, not a folder.
            printer.setOutputFileName(str(default_folder() / file_name_for(self.document_title)))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print — {title}").format(title=self.document_title))
        dialog.setMinMax(1, self.page_count)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        # The dialog keeps a reference to the printer only in C++: keep ours until it is done.
        dialog.accepted.connect(lambda: self.start_printing(printer))
        dialog.finished.connect(self._forget_print_dialog)
        self.print_dialog = dialog
        # QDialog.open: PySide's stub only knows QPrintDialog.open(receiver, member); Qt keeps
        # the plain open() (on Windows it shows the native dialog modally all the same).
        QDialog.open(dialog)

    def _forget_print_dialog(self) -> None:
        if self.print_dialog is not None:
            self.print_dialog.deleteLater()
            self.print_dialog = None

    def start_printing(self, printer: QPrinter) -> BackgroundTask[int]:
        """Print on ``printer`` (already chosen) in a worker; a progress dialog offers 取消."""
        self.print_button.setEnabled(False)
        self.status_label.setText(self.tr("Printing…"))
        progress = QProgressDialog(
            self.tr("Preparing to print…"), self.tr("Cancel"), 0, self.page_count, self
        )
        progress.setWindowTitle(self.tr("Print"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        self.progress = progress
        pdf = self.pdf
        task = run_in_background(
            self,
            lambda token, report: print_pdf(printer, pdf, token, report),
            on_success=lambda pages: self._printed(pages, printer),
            on_failure=self._print_failed,
            on_progress=self._print_progress,
        )
        progress.canceled.connect(task.cancel)
        self.print_task = task
        return task

    def _print_progress(self, done: int, total: int, text: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(text)

    def _end_printing(self) -> bool:
        """Close the progress dialog; True if the clerk cancelled."""
        cancelled = self.print_task is not None and self.print_task.token.cancelled
        self.print_task = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.print_button.setEnabled(True)
        return cancelled

    def _printed(self, pages: int, printer: QPrinter) -> None:
        if self._end_printing():
            self.status_label.setText(
                self.tr("Printing cancelled; pages not yet sent will not be printed.")
            )
        elif printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            self.status_label.setText(
                self.tr("Printed to a file ({pages} pages): {file}").format(
                    pages=pages, file=printer.outputFileName()
                )
            )
        else:
            self.status_label.setText(
                self.tr("Sent to the printer {printer} ({pages} pages).").format(
                    printer=printer.printerName(), pages=pages
                )
            )

    def _print_failed(self, failure: Failure) -> None:
        self._end_printing()
        self.status_label.setText(self.tr("Printing failed."))
        show_failure(self, failure, self.tr("Cannot print"))

    # ----- saving -------------------------------------------------------------------------

    def save_as(self) -> None:
        """Ctrl+S: ask where, then write the PDF exactly as issued."""
        suggested = str(default_folder() / file_name_for(self.document_title))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            # A few hundred kilobytes: written on the GUI thread in well under the 100 ms budget.
            path.write_bytes(self.pdf)
        except OSError as exc:
            message = self.tr(
                "Cannot write the file:\n{path}\n\n{error}\n"
                "Please try again with another folder or file name."
            ).format(path=path, error=exc.strerror or exc)
            show_failure(self, Failure(message, exc, internal=False), self.tr("Cannot save"))
            return False
        self.status_label.setText(self.tr("Saved: {path}").format(path=path))
        return True

    # ----- Qt overrides -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            # Fitted to the width, the zoom changes with the view's width.
            self._show_zoom()
        return super().eventFilter(watched, event)

    def reject(self) -> None:
        # While the worker paints on the printer, closing would cancel the job half-way:
        # the progress dialog's 取消 is the one way to stop it.
        if self.print_task is not None:
            self.status_label.setText(
                self.tr(
                    "Printing; please wait until it finishes, or click “Cancel” in the progress window."
                )
            )
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.print_task is not None:
            event.ignore()
            return
        super().closeEvent(event)
