"""The attachments of a registration: files chosen in a dialog or dropped on the page, removable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.registration import check_attachment
from ui.i18n import QT_TRANSLATE_NOOP
from ui.registration.widgets import FieldMessage, _t

PATH_ROLE = Qt.ItemDataRole.UserRole
LIST_ROWS = 3  # enough to see what was added without taking the form's height
EMPTY_HINT = QT_TRANSLATE_NOOP(
    "Registration",
    "No attachments yet. Click “Add files…” to choose some, or drag files onto this page (at most 50 MB each).",
)


def local_files(mime: QMimeData) -> list[Path]:
    """The local files in a drag (a file manager's urls); anything else is not ours."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class AttachmentList(QListWidget):
    """The list of files; says how to add one while it is empty, rather than showing a blank box."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(8, 4, -8, -4)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), _t(EMPTY_HINT))
            painter.end()


class AttachmentBox(QWidget):
    """A short list of files with 添加文件… and 移除; the files are copied in only on saving."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = AttachmentList()
        self.list.setAlternatingRowColors(True)
        row_height = self.list.fontMetrics().height() + 8
        self.list.setFixedHeight(row_height * LIST_ROWS + 6)
        self.list.setToolTip(self.tr("Delete removes the selected attachments"))
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.setAutoDefault(True)  # Enter on the focused button opens the dialog
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAutoDefault(True)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = FieldMessage()

        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)

        self.list.itemSelectionChanged.connect(self._selection_changed)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)

    @property
    def paths(self) -> list[Path]:
        return [Path(self.list.item(row).data(PATH_ROLE)) for row in range(self.list.count())]

    def add_paths(self, paths: list[Path]) -> int:
        """Add the files that can be attached; says under the list why any others were not."""
        present = set(self.paths)
        refused: list[str] = []
        added = 0
        for path in paths:
            if path in present:
                continue
            try:
                check_attachment(path)
            except ValidationError as exc:
                refused.append(exc.message)
                continue
            item = QListWidgetItem(f"{path.name}（{size_text(path.stat().st_size)}）")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
            present.add(path)
            added += 1
        self._selection_changed()
        if refused:
            self.message.show_error("；".join(refused))
        else:
            self.message.reset()
        if added:
            self.changed.emit()
        return added

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose attachments"),
            "",
            self.tr("All files (*);;Images (*.jpg *.jpeg *.png);;PDF (*.pdf)"),
        )
        if paths:
            self.add_paths([Path(p) for p in paths])

    def remove_selected(self) -> None:
        """移除 / Delete: the selected files, or the one under the keyboard cursor."""
        items = self.list.selectedItems() or [self.list.currentItem()]
        for item in items:
            if item is not None:
                self.list.takeItem(self.list.row(item))
        self.message.reset()
        self._selection_changed()
        self.changed.emit()

    def clear(self) -> None:
        self.list.clear()
        self.message.reset()
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.list.count() > 0)
