"""The 承办单位 tab: the handling units, adding one, its contact details, deactivating it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import admin, units
from app.services.context import Services
from app.services.units import Unit
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.settings.common import (
    Field,
    FormDialog,
    FormHost,
    Message,
    RecordTableModel,
    fit_columns,
    note_label,
    record_table,
    selected_row,
)

UNIT_FIELDS: tuple[Field[Unit], ...] = (
    Field(QT_TRANSLATE_NOOP("Settings", "Code"), lambda u: u.code),
    Field(QT_TRANSLATE_NOOP("Settings", "Unit name"), lambda u: u.name),
    Field(QT_TRANSLATE_NOOP("Settings", "Head"), lambda u: u.leader),
    Field(QT_TRANSLATE_NOOP("Settings", "Phone"), lambda u: u.phone),
    Field(
        QT_TRANSLATE_NOOP("Settings", "Status"),
        lambda u: (
            translate("Settings", "Active") if u.active else translate("Settings", "Deactivated")
        ),
    ),
)


class AddUnitDialog(FormDialog):
    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add handling unit"), parent, ok_text=self.tr("Add"))
        self.svc, self.actor = svc, actor
        self.created: Unit | None = None
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Letters or digits, e.g. CJB"))
        self.name = QLineEdit()
        self.leader = QLineEdit()
        self.phone = QLineEdit()
        self.form.addRow(self.tr("Code:"), self.code)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Head:"), self.leader)
        self.form.addRow(self.tr("Phone:"), self.phone)

    def submit(self) -> None:
        self.created = units.add_unit(
            self.svc,
            self.actor,
            self.code.text(),
            self.name.text(),
            self.leader.text(),
            self.phone.text(),
        )


class EditUnitDialog(FormDialog):
    def __init__(
        self, svc: Services, actor: Actor, unit: Unit, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("Settings", "Edit handling unit: {name}").format(name=unit.name), parent
        )
        self.svc, self.actor, self.unit = svc, actor, unit
        self.leader = QLineEdit(unit.leader)
        self.phone = QLineEdit(unit.phone)
        self.form.addRow(translate("Settings", "Head:"), self.leader)
        self.form.addRow(translate("Settings", "Phone:"), self.phone)
        self.form.addRow(
            note_label(
                translate(
                    "Settings",
                    "The unit's code and name are recorded in case histories and cannot be changed.",
                )
            )
        )

    def submit(self) -> None:
        admin.update_unit(
            self.svc, self.actor, self.unit.id, leader=self.leader.text(), phone=self.phone.text()
        )


class UnitsTab(QWidget, FormHost):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.model: RecordTableModel[Unit] = RecordTableModel(
            UNIT_FIELDS, dimmed=lambda u: not u.active, parent=self
        )
        self.table = record_table(self.model)
        self.add_button = QPushButton(self.tr("Add unit…"))
        self.edit_button = QPushButton(self.tr("Change head/phone…"))
        self.toggle_button = QPushButton(self.tr("Deactivate"))
        self.add_button.clicked.connect(self.add_unit)
        self.edit_button.clicked.connect(self.edit_unit)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.table.activated.connect(lambda _index: self.edit_unit())
        self.message = Message()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr(
                    "A deactivated unit receives no new cases; the cases it still holds stay "
                    "with it and can be handled as usual in the case details. A unit can be "
                    "reactivated at any time."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.load()

    def load(self, select_id: int | None = None) -> None:
        self.model.set_records(units.list_units(self.svc, include_inactive=True))
        fit_columns(self.table)
        if select_id is not None:
            for row, unit in enumerate(self.model.records):
                if unit.id == select_id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Unit | None:
        row = selected_row(self.table)
        return self.model.record(row) if row is not None else None

    def _update_buttons(self) -> None:
        unit = self.selected()
        self.edit_button.setEnabled(unit is not None)
        self.toggle_button.setEnabled(unit is not None)
        self.toggle_button.setText(
            self.tr("Reactivate") if unit is not None and not unit.active else self.tr("Deactivate")
        )

    def add_unit(self) -> None:
        dialog = AddUnitDialog(self.svc, self.actor, self)

        def added() -> None:
            assert dialog.created is not None
            self.load(dialog.created.id)
            self.message.ok(
                self.tr("Handling unit “{name}” added.").format(name=dialog.created.name)
            )
            self.saved.emit()

        self._open(dialog, added)

    def edit_unit(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        dialog = EditUnitDialog(self.svc, self.actor, unit, self)

        def edited() -> None:
            self.load(unit.id)
            self.message.ok(self.tr("Head and phone of “{name}” changed.").format(name=unit.name))
            self.saved.emit()

        self._open(dialog, edited)

    def toggle_active(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        try:
            admin.set_unit_active(self.svc, self.actor, unit.id, not unit.active)
            held = admin.open_cases_at_unit(self.svc, unit.id)
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.load(unit.id)
        if unit.active:
            still = (
                self.tr("The {count} open cases it holds stay with it.").format(count=held)
                if held
                else ""
            )
            self.message.ok(
                self.tr("“{name}” deactivated; no new case can be dispatched to it.{still}").format(
                    name=unit.name, still=still
                )
            )
        else:
            self.message.ok(self.tr("“{name}” reactivated.").format(name=unit.name))
        self.saved.emit()
