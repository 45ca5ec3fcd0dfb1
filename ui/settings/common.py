"""Pieces every settings tab uses: a read-only table model over records, form dialogs, messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from ui.i18n import translate

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex

DIMMED = QColor("#8a9096")
ERROR_STYLE = "color: #842029;"
OK_STYLE = "color: #0f5132;"
NOTE_STYLE = "color: #495057;"
WARNING_STYLE = "color: #664d03; background: #fff0c2; padding: 6px; border: 1px solid #e0c060;"


@dataclass(frozen=True)
class Field(Generic[R]):
    """One column: its title and how a record reads in it.

    ``name`` is the English source text (marked with QT_TRANSLATE_NOOP("Settings", ...));
    ``title`` gives it in the chosen language.
    """

    name: str
    text: Callable[[R], str]
    tooltip: Callable[[R], str | None] | None = None

    @property
    def title(self) -> str:
        return translate("Settings", self.name)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A short list of records (units, users, profiles), held in full and shown read-only.

    ``dimmed`` greys out rows that no longer count (a deactivated unit or user) — the status
    column says so in words as well.
    """

    def __init__(
        self,
        fields: Sequence[Field[R]],
        records: Sequence[R] = (),
        *,
        dimmed: Callable[[R], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fields = list(fields)
        self._records = list(records)
        self._dimmed = dimmed

    @property
    def records(self) -> list[R]:
        return list(self._records)

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self._records[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._fields)
        ):
            return self._fields[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        if not 0 <= index.column() < len(self._fields):
            return None
        record, field = self._records[index.row()], self._fields[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return field.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and field.tooltip is not None:
            return field.tooltip(record)
        if role == Qt.ItemDataRole.ForegroundRole and self._dimmed and self._dimmed(record):
            return DIMMED
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def record_table(model: QAbstractTableModel) -> QTableView:
    """A row-selecting, read-only table the way every settings list looks."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def fit_columns(table: QTableView) -> None:
    """Columns as wide as their contents plus breathing room (the last one takes the rest)."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, header.sectionSize(column) + 24)


def selected_row(table: QTableView) -> int | None:
    index = table.currentIndex()
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows or not index.isValid():
        return None
    return index.row()


class Message(QLabel):
    """One line under a form saying what happened: saved (green) or why not (red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def ok(self, text: str) -> None:
        self.setStyleSheet(OK_STYLE)
        self.setText(f"✓ {text}")

    def error(self, text: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(f"✗ {text}")

    def warn(self, text: str) -> None:
        self.setStyleSheet(WARNING_STYLE)
        self.setText(f"⚠ {text}")

    def note(self, text: str) -> None:
        self.setStyleSheet(NOTE_STYLE)
        self.setText(text)


def note_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class FormDialog(QDialog):
    """A small form; OK calls ``submit``. A clerk-readable error keeps it open with the message."""

    def __init__(
        self, title: str, parent: QWidget | None = None, ok_text: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if ok_text is None else ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("Settings", "Cancel")
        )
        self.buttons.accepted.connect(self._try_submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        """Call the service; raise DomainError to keep the dialog open with its message."""
        raise NotImplementedError

    def _try_submit(self) -> None:
        try:
            self.submit()
        except DomainError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class FormHost:
    """Mixed into a tab: opens its forms window-modal without blocking, remembers the open one."""

    dialog: FormDialog | None = None

    def _open(self, dialog: FormDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    def _forget_dialog(self) -> None:
        self.dialog = None
