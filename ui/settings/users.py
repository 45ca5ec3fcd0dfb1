"""The 用户 tab: accounts and roles; add, change role, deactivate, reset a password (never a hash)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import DomainError, ValidationError
from app.domain.users import Actor, Role
from app.services import admin, users
from app.services.admin import UserInfo
from app.services.context import Services
from app.services.users import LOCKOUT, MAX_FAILED_SIGN_INS, MIN_PASSWORD_LENGTH
from ui.formatting import format_datetime
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

ROLE_NOTES = {
    Role.CLERK: QT_TRANSLATE_NOOP(
        "Settings", "Register, accept, dispatch, record handling, print documents"
    ),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP(
        "Settings", "Also review results and decide returns and extensions"
    ),
    Role.ADMIN: QT_TRANSLATE_NOOP(
        "Settings", "Also manage users, handling units, holidays, rule profiles and centre settings"
    ),
    Role.AUDITOR: QT_TRANSLATE_NOOP(
        "Settings",
        "Reads everything and changes nothing: checks the audit trail, sees who viewed identities, "
        "exports the statistics",
    ),
}


def _status(user: UserInfo) -> str:
    if not user.active:
        return translate("Settings", "Deactivated")
    if user.locked_until is not None:
        return translate("Settings", "Locked until {time}").format(
            time=format_datetime(user.locked_until)
        )
    return translate("Settings", "Active")


USER_FIELDS: tuple[Field[UserInfo], ...] = (
    Field(QT_TRANSLATE_NOOP("Settings", "User name"), lambda u: u.username),
    Field(QT_TRANSLATE_NOOP("Settings", "Name"), lambda u: u.display_name),
    Field(
        QT_TRANSLATE_NOOP("Settings", "Role"),
        lambda u: u.role.label,
        lambda u: translate("Settings", ROLE_NOTES[u.role]),
    ),
    Field(QT_TRANSLATE_NOOP("Settings", "Status"), _status),
    Field(QT_TRANSLATE_NOOP("Settings", "Created"), lambda u: format_datetime(u.created_at)),
)


def role_combo(current: Role = Role.CLERK) -> QComboBox:
    combo = QComboBox()
    for role in Role:
        combo.addItem(f"{role.label}（{translate('Settings', ROLE_NOTES[role])}）", role.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(
        translate("Settings", "At least {count} characters").format(count=MIN_PASSWORD_LENGTH)
    )
    return field


def check_repeated(password: QLineEdit, again: QLineEdit) -> str:
    if password.text() != again.text():
        raise ValidationError(
            "password", translate("Settings", "The two passwords differ; please enter them again.")
        )
    return password.text()


class AddUserDialog(FormDialog):
    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add user"), parent, ok_text=self.tr("Add"))
        self.svc, self.actor = svc, actor
        self.created: Actor | None = None
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("For signing in, e.g. li.clerk"))
        self.display_name = QLineEdit()
        self.role = role_combo()
        self.password = password_field()
        self.again = password_field()
        self.form.addRow(self.tr("User name:"), self.username)
        self.form.addRow(self.tr("Name:"), self.display_name)
        self.form.addRow(self.tr("Role:"), self.role)
        self.form.addRow(self.tr("Initial password:"), self.password)
        self.form.addRow(self.tr("Again:"), self.again)
        self.form.addRow(note_label(self.tr("Tell the user the initial password in person.")))

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
        super().__init__(
            translate("Settings", "Change role: {name}").format(name=user.display_name), parent
        )
        self.svc, self.actor, self.user = svc, actor, user
        self.role = role_combo(user.role)
        self.form.addRow(translate("Settings", "Role:"), self.role)
        self.form.addRow(
            note_label(translate("Settings", "The new role applies from the user's next sign-in."))
        )

    def submit(self) -> None:
        admin.set_user_role(self.svc, self.actor, self.user.id, Role(self.role.currentData()))


class PasswordDialog(FormDialog):
    def __init__(
        self, svc: Services, actor: Actor, user: UserInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("Settings", "Reset password: {name}").format(name=user.display_name),
            parent,
            ok_text=translate("Settings", "Reset"),
        )
        self.svc, self.actor, self.user = svc, actor, user
        self.password = password_field()
        self.again = password_field()
        self.form.addRow(translate("Settings", "New password:"), self.password)
        self.form.addRow(translate("Settings", "Again:"), self.again)
        self.form.addRow(
            note_label(
                translate(
                    "Settings",
                    "The old password cannot be seen and is never shown; tell the user the new password in person.",
                )
            )
        )

    def submit(self) -> None:
        admin.reset_password(
            self.svc, self.actor, self.user.id, check_repeated(self.password, self.again)
        )


class UsersTab(QWidget, FormHost):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.model: RecordTableModel[UserInfo] = RecordTableModel(
            USER_FIELDS, dimmed=lambda u: not u.active, parent=self
        )
        self.table = record_table(self.model)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.role_button = QPushButton(self.tr("Change role…"))
        self.toggle_button = QPushButton(self.tr("Deactivate"))
        self.password_button = QPushButton(self.tr("Reset password…"))
        # Issue 8: a lock after repeated failed sign-ins ends by itself or here.
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.change_role)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.message = Message()
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.role_button,
            self.toggle_button,
            self.password_button,
            self.unlock_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr(
                    "A deactivated user can no longer sign in; their records are kept. You "
                    "cannot deactivate or change your own account, nor deactivate the last "
                    "active administrator. After {count} failed sign-ins in a row a user name is "
                    "locked for {minutes} minutes; unlock it here, or reset the password (which "
                    "also unlocks)."
                ).format(count=MAX_FAILED_SIGN_INS, minutes=int(LOCKOUT.total_seconds()) // 60)
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
        self.toggle_button.setText(
            self.tr("Reactivate") if user is not None and not user.active else self.tr("Deactivate")
        )
        self.unlock_button.setEnabled(user is not None and user.locked_until is not None)

    def add_user(self) -> None:
        dialog = AddUserDialog(self.svc, self.actor, self)

        def added() -> None:
            assert dialog.created is not None
            self.load(dialog.created.user_id)
            created = dialog.created
            self.message.ok(
                self.tr("User “{name}” ({role}) added.").format(
                    name=created.display_name, role=created.role.label
                )
            )
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
            self.message.ok(
                self.tr(
                    "The role of “{name}” is now {role}; it applies from the next sign-in."
                ).format(name=user.display_name, role=role.label)
            )
            self.saved.emit()

        self._open(dialog, changed)

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = PasswordDialog(self.svc, self.actor, user, self)

        def reset() -> None:
            self.message.ok(self.tr("Password of “{name}” reset.").format(name=user.display_name))
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
        done = (
            self.tr("User “{name}” deactivated.")
            if user.active
            else self.tr("User “{name}” reactivated.")
        )
        self.message.ok(done.format(name=user.display_name))
        self.saved.emit()

    def unlock(self) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            admin.unlock_user(self.svc, self.actor, user.id)
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.load(user.id)
        self.message.ok(
            self.tr("“{name}” unlocked; they can sign in again.").format(name=user.display_name)
        )
        self.saved.emit()
