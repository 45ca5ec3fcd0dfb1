"""The 承办单位 tab: the handling units, adding one, its contact details, deactivating it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import admin, units
from app.services.context import Services
from app.services.units import Unit
from ui.settings.common import (
    Field,
    FormDialog,
    Message,
    RecordTableModel,
    fit_columns,
    note_label,
    record_table,
    selected_row,
)

UNIT_FIELDS: tuple[Field[Unit], ...] = (
    Field("代码", lambda u: u.code),
    Field("名称", lambda u: u.name),
    Field("负责人", lambda u: u.leader),
    Field("联系电话", lambda u: u.phone),
    Field("状态", lambda u: "在用" if u.active else "已停用"),
)


class AddUnitDialog(FormDialog):
    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("新增承办单位", parent, ok_text="新增")
        self.svc, self.actor = svc, actor
        self.created: Unit | None = None
        self.code = QLineEdit()
        self.code.setPlaceholderText("字母或数字，例如 CJB")
        self.name = QLineEdit()
        self.leader = QLineEdit()
        self.phone = QLineEdit()
        self.form.addRow("代码：", self.code)
        self.form.addRow("名称：", self.name)
        self.form.addRow("负责人：", self.leader)
        self.form.addRow("联系电话：", self.phone)

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
        super().__init__(f"修改承办单位：{unit.name}", parent)
        self.svc, self.actor, self.unit = svc, actor, unit
        self.leader = QLineEdit(unit.leader)
        self.phone = QLineEdit(unit.phone)
        self.form.addRow("负责人：", self.leader)
        self.form.addRow("联系电话：", self.phone)
        self.form.addRow(note_label("单位代码和名称已记入案件的办理过程，不能修改。"))

    def submit(self) -> None:
        admin.update_unit(
            self.svc, self.actor, self.unit.id, leader=self.leader.text(), phone=self.phone.text()
        )


class UnitsTab(QWidget):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.dialog: FormDialog | None = None
        self.model: RecordTableModel[Unit] = RecordTableModel(
            UNIT_FIELDS, dimmed=lambda u: not u.active, parent=self
        )
        self.table = record_table(self.model)
        self.add_button = QPushButton("新增单位…")
        self.edit_button = QPushButton("修改负责人/电话…")
        self.toggle_button = QPushButton("停用")
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
                "停用的单位不能再接收新转办的案件；它手上尚未办结的案件仍由它办理，"
                "在案件详情中可以照常处理。停用可以随时恢复。"
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
        self.toggle_button.setText("恢复启用" if unit is not None and not unit.active else "停用")

    def _open(self, dialog: FormDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    def _forget_dialog(self) -> None:
        self.dialog = None

    def add_unit(self) -> None:
        dialog = AddUnitDialog(self.svc, self.actor, self)

        def added() -> None:
            assert dialog.created is not None
            self.load(dialog.created.id)
            self.message.ok(f"已新增承办单位“{dialog.created.name}”。")
            self.saved.emit()

        self._open(dialog, added)

    def edit_unit(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        dialog = EditUnitDialog(self.svc, self.actor, unit, self)

        def edited() -> None:
            self.load(unit.id)
            self.message.ok(f"已修改“{unit.name}”的负责人和联系电话。")
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
            still = f"它手上 {held} 件未办结案件仍由它办理。" if held else ""
            self.message.ok(f"已停用“{unit.name}”，新案件不能再转办给它。{still}")
        else:
            self.message.ok(f"已恢复启用“{unit.name}”。")
        self.saved.emit()
