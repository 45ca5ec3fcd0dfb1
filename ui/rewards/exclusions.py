"""The administrator's editor of the exclusion register (FIRE art. 6): list, add, deactivate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.rewards import ExclusionCategory
from app.domain.users import Actor
from app.services import exclusions
from app.services.context import Services
from app.services.exclusions import RegisterEntry
from ui.background import BackgroundTask, Failure, run_in_background
from ui.formatting import format_datetime
from ui.login_dialog import ErrorLabel

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole


class ExclusionRegisterDialog(QDialog):
    """Persons with fire supervision duties, who are not rewarded (nor their relatives)."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.task: BackgroundTask[Any] | None = None
        self.entries: list[RegisterEntry] = []
        self.setWindowTitle(self.tr("Exclusion register"))
        self.setMinimumSize(720, 460)

        self.show_inactive = QCheckBox(self.tr("Show deactivated entries"))
        self.show_inactive.toggled.connect(lambda _on: self.load())
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("ID number"),
                self.tr("Name"),
                self.tr("Category"),
                self.tr("Added"),
                self.tr("Active"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.deactivate_button = QPushButton(self.tr("Deactivate selected"))
        self.deactivate_button.clicked.connect(self.deactivate_selected)

        self.id_number = QLineEdit()
        self.name = QLineEdit()
        self.category = QComboBox()
        for category in ExclusionCategory:
            self.category.addItem(category.label, category.value)
        self.note = QLineEdit()
        self.add_button = QPushButton(self.tr("Add to register"))
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Note"), self.note)

        self.error_label = ErrorLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.show_inactive)
        top.addStretch(1)
        top.addWidget(self.deactivate_button)
        bottom = QHBoxLayout()
        bottom.addLayout(form, 1)
        bottom.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.error_label)
        layout.addWidget(close)
        self.load()

    def load(self) -> None:
        svc, actor, inactive = self.svc, self.actor, self.show_inactive.isChecked()
        self.task = run_in_background(
            self,
            lambda token, report: exclusions.list_entries(svc, actor, include_inactive=inactive),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, entries: list[RegisterEntry]) -> None:
        self.task = None
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = (
                entry.id_number,
                entry.name,
                entry.category.label,
                format_datetime(entry.added_at),
                self.tr("yes") if entry.active else self.tr("no"),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(ENTRY_ID_ROLE, entry.id)
                self.table.setItem(row, column, item)

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.error_label.show_message(failure.message)

    def _changed(self, _value: object) -> None:
        self.task = None
        self.error_label.clear_message()
        self.load()

    def add(self) -> None:
        svc, actor = self.svc, self.actor
        id_number, name, note = self.id_number.text(), self.name.text(), self.note.text()
        category = ExclusionCategory(self.category.currentData())

        def added(value: object) -> None:
            self.id_number.clear()
            self.name.clear()
            self.note.clear()
            self._changed(value)

        self.task = run_in_background(
            self,
            lambda token, report: exclusions.add_entry(svc, actor, id_number, name, category, note),
            on_success=added,
            on_failure=self._failed,
        )

    def deactivate_selected(self) -> None:
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return
        svc, actor, entry_id = self.svc, self.actor, int(item.data(ENTRY_ID_ROLE))
        self.task = run_in_background(
            self,
            lambda token, report: exclusions.deactivate_entry(svc, actor, entry_id),
            on_success=self._changed,
            on_failure=self._failed,
        )
