"""A background file job on a page: its progress bar and 取消, then the file it wrote, to open or show.

The reports and the import of work orders both run a service in a worker and end with a file
on disk; this panel is the part of the screen they share.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QDir, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.reporting import Progress
from ui.background import BackgroundTask, Failure, cancellable, run_in_background
from ui.formatting import WARNING_STYLE
from ui.i18n import translate
from ui.preferences import app_settings

T = TypeVar("T")

LAST_FOLDER_KEY = "reports/last_folder"


def last_folder() -> str:
    """Where the previous workbook was saved, else the user's documents folder."""
    saved = app_settings().value(LAST_FOLDER_KEY)
    if isinstance(saved, str) and Path(saved).is_dir():
        return saved
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents or QDir.homePath()


def remember_folder(path: Path) -> None:
    app_settings().setValue(LAST_FOLDER_KEY, str(path.parent))


AskPath = Callable[[QWidget, str], Path | None]


def ask_save_path(parent: QWidget, proposed: str) -> Path | None:
    """The save dialog, starting in the last folder used; None when the clerk cancels."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        translate("JobPanel", "Save workbook"),
        str(Path(last_folder()) / proposed),
        translate("JobPanel", "Excel workbook (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


class JobPanel(QWidget):
    """Progress and 取消 while a job runs; afterwards what happened, and the file to open."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: BackgroundTask[object] | None = None
        self.file: Path | None = None
        # The desktop's "open this" (a replaceable attribute: tests record instead of launching).
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl

        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open file"))
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.folder_button.clicked.connect(self.open_folder)

        running = QHBoxLayout()
        running.setContentsMargins(0, 0, 0, 0)
        running.addWidget(self.bar, 1)
        running.addWidget(self.cancel_button)
        done = QHBoxLayout()
        done.setContentsMargins(0, 0, 0, 0)
        done.addWidget(self.status, 1)
        done.addWidget(self.open_button)
        done.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(running)
        layout.addLayout(done)
        self._show_running(False)
        self._show_file(None)

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.finished

    def start(
        self,
        fn: Callable[[Progress], T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[Failure], None],
        note: str,
    ) -> BackgroundTask[T]:
        """Run ``fn(progress)`` in a worker; the callbacks run on the GUI thread afterwards."""
        self._show_file(None)
        self._set_status(note)
        self.bar.setRange(0, 0)  # busy until the first report says how much there is
        self._show_running(True)

        def succeeded(result: T) -> None:
            self._show_running(False)
            on_success(result)
            self.finished.emit()

        def failed(failure: Failure) -> None:
            self._show_running(False)
            self._set_status("")
            on_failure(failure)
            self.finished.emit()

        def cancelled() -> None:
            self._show_running(False)
            self._set_status(self.tr("Cancelled: nothing was written."))
            self.finished.emit()

        task = run_in_background(
            self,
            lambda token, report: fn(cancellable(token, report)),
            on_success=succeeded,
            on_failure=failed,
            on_progress=self._progress,
            on_cancelled=cancelled,
        )
        self.task = task  # type: ignore[assignment]
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.cancel_button.setEnabled(False)
            self._set_status(self.tr("Cancelling…"))
            self.task.cancel()

    def show_file(self, path: Path, message: str, *, warning: bool = False) -> None:
        self._set_status(message, warning=warning)
        self._show_file(path)

    def show_message(self, message: str, *, warning: bool = False) -> None:
        self._set_status(message, warning=warning)
        self._show_file(None)

    def open_file(self) -> None:
        if self.file is not None:
            self.open_url(QUrl.fromLocalFile(str(self.file)))

    def open_folder(self) -> None:
        if self.file is not None:
            self.open_url(QUrl.fromLocalFile(str(self.file.parent)))

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if text:
            self.status.setText(text)

    def _set_status(self, text: str, *, warning: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(WARNING_STYLE if warning else "")
        self._fit()

    def _show_running(self, running: bool) -> None:
        self.bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self._fit()

    def _show_file(self, path: Path | None) -> None:
        self.file = path
        self.open_button.setVisible(path is not None)
        self.folder_button.setVisible(path is not None)
        self._fit()

    def _fit(self) -> None:
        """Take no room on the page while there is nothing to show."""
        self.setVisible(
            bool(self.status.text()) or self.bar.isVisibleTo(self) or self.file is not None
        )
