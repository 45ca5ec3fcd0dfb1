"""The 用户 tab: accounts and roles; add, change role, deactivate, reset a password (never a hash)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import DomainError, ValidationError
from app.domain.users import Actor, Role
from app.services import admin, users
from app.services.admin import UserInfo
from app.services.context import Services
from app.services.users import MIN_PASSWORD_LENGTH
from ui.formatting import format_datetime
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

ROLE_NOTES = {
    Role.CLERK: "登记、受理、转办、记录办理情况、打印文书",
    Role.SUPERVISOR: "另可审核办理结果、审批退回和延期",
    Role.ADMIN: "另可管理用户、承办单位、节假日、规则配置和中心设置",
}

USER_FIELDS: tuple[Field[UserInfo], ...] = (
    Field("用户名", lambda u: u.username),
    Field("姓名", lambda u: u.display_name),
    Field("角色", lambda u: u.role.label, lambda u: ROLE_NOTES[u.role]),
    Field("状态", lambda u: "在用" if u.active else "已停用"),
    Field("创建时间", lambda u: format_datetime(u.created_at)),
)


def role_combo(current: Role = Role.CLERK) -> QComboBox:
    combo = QComboBox()
    for role in Role:
        combo.addItem(f"{role.label}（{ROLE_NOTES[role]}）", role.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(f"至少 {MIN_PASSWORD_LENGTH} 位")
    return field


def check_repeated(password: QLineEdit, again: QLineEdit) -> str:
    if password.text() != again.text():
        raise ValidationError("password", "两次输入的密码不一致，请重新输入。")
    return password.text()


class AddUserDialog(FormDialog):
    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("新增用户", parent, ok_text="新增")
        self.svc, self.actor = svc, actor
        self.created: Actor | None = None
        self.username = QLineEdit()
        self.username.setPlaceholderText("登录用，例如 li.clerk")
        self.display_name = QLineEdit()
        self.role = role_combo()
        self.password = password_field()
        self.again = password_field()
        self.form.addRow("用户名：", self.username)
        self.form.addRow("姓名：", self.display_name)
        self.form.addRow("角色：", self.role)
        self.form.addRow("初始密码：", self.password)
        self.form.addRow("再次输入：", self.again)
        self.form.addRow(note_label("请把初始密码当面告知本人。"))

    def submit(self) -> None:
        password = check_repeated(self.password, self.again)
        self.created = users.create_user(
            self.svc,
            self.actor,
            self.username.text(),
            self.display_name.text(),
            Role(self.role.currentData()),
            password,
        )


class RoleDialog(FormDialog):
    def __init__(
        self, svc: Services, actor: Actor, user: UserInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"更改角色：{user.display_name}", parent)
        self.svc, self.actor, self.user = svc, actor, user
        self.role = role_combo(user.role)
        self.form.addRow("角色：", self.role)
        self.form.addRow(note_label("新角色在该用户下次登录时生效。"))

    def submit(self) -> None:
        admin.set_user_role(self.svc, self.actor, self.user.id, Role(self.role.currentData()))


class PasswordDialog(FormDialog):
    def __init__(
        self, svc: Services, actor: Actor, user: UserInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"重置密码：{user.display_name}", parent, ok_text="重置")
        self.svc, self.actor, self.user = svc, actor, user
        self.password = password_field()
        self.again = password_field()
        self.form.addRow("新密码：", self.password)
        self.form.addRow("再次输入：", self.again)
        self.form.addRow(note_label("原密码无法查看，也不会显示；请把新密码当面告知本人。"))

    def submit(self) -> None:
        admin.reset_password(
            self.svc, self.actor, self.user.id, check_repeated(self.password, self.again)
        )


class UsersTab(QWidget):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.dialog: FormDialog | None = None
        self.model: RecordTableModel[UserInfo] = RecordTableModel(
            USER_FIELDS, dimmed=lambda u: not u.active, parent=self
        )
        self.table = record_table(self.model)
        self.add_button = QPushButton("新增用户…")
        self.role_button = QPushButton("更改角色…")
        self.toggle_button = QPushButton("停用")
        self.password_button = QPushButton("重置密码…")
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.change_role)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        self.message = Message()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.toggle_button, self.password_button):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "停用的用户不能再登录，其经办记录保留。不能停用或更改自己的账号，"
                "也不能停用最后一位在用的管理员。"
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.load()

    def load(self, select_id: int | None = None) -> None:
        self.model.set_records(admin.list_users(self.svc))
        fit_columns(self.table)
        if select_id is not None:
            for row, user in enumerate(self.model.records):
                if user.id == select_id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        row = selected_row(self.table)
        return self.model.record(row) if row is not None else None

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.role_button, self.toggle_button, self.password_button):
            button.setEnabled(user is not None)
        self.toggle_button.setText("恢复启用" if user is not None and not user.active else "停用")

    def _open(self, dialog: FormDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    def _forget_dialog(self) -> None:
        self.dialog = None

    def add_user(self) -> None:
        dialog = AddUserDialog(self.svc, self.actor, self)

        def added() -> None:
            assert dialog.created is not None
            self.load(dialog.created.user_id)
            created = dialog.created
            self.message.ok(f"已新增用户“{created.display_name}”（{created.role.label}）。")
            self.saved.emit()

        self._open(dialog, added)

    def change_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = RoleDialog(self.svc, self.actor, user, self)

        def changed() -> None:
            self.load(user.id)
            role = Role(dialog.role.currentData())
            self.message.ok(f"“{user.display_name}”的角色已改为{role.label}，下次登录时生效。")
            self.saved.emit()

        self._open(dialog, changed)

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = PasswordDialog(self.svc, self.actor, user, self)

        def reset() -> None:
            self.message.ok(f"已重置“{user.display_name}”的密码。")
            self.saved.emit()

        self._open(dialog, reset)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            admin.set_user_active(self.svc, self.actor, user.id, not user.active)
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.load(user.id)
        verb = "停用" if user.active else "恢复启用"
        self.message.ok(f"已{verb}用户“{user.display_name}”。")
        self.saved.emit()
