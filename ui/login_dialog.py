"""Signing in, and on the very first run creating the administrator account."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationError
from app.domain.users import Actor
from app.services import users
from app.services.context import Services
from ui.i18n import QT_TRANSLATE_NOOP, translate

APP_TITLE = QT_TRANSLATE_NOOP("LoginDialog", "TownDesk Service Centre Counter System")


def app_title() -> str:
    """The program's name in the chosen language (window titles, the about box)."""
    return translate("LoginDialog", APP_TITLE)


ERROR_STYLE = "color: #842029; background: #f8d7da; padding: 4px 6px; border-radius: 3px;"


class ErrorLabel(QLabel):
    """An inline message under a form: hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str) -> None:
        # The word and the sign carry the meaning as well as the colour.
        self.setText(f"⚠ {message}")
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


def _heading(subtitle: str) -> QLabel:
    label = QLabel(f"<b style='font-size: 15pt'>{app_title()}</b><br>{subtitle}")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(0, 0, 0, 8)
    return label


def _buttons(ok_text: str, cancel_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    return buttons


class LoginDialog(QDialog):
    """User name and password; Enter signs in; a wrong password keeps the dialog open."""

    def __init__(
        self,
        svc: Services,
        *,
        username: str = "",
        centre_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._svc = svc
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Sign in — {title}").format(title=app_title()))

        self.username = QLineEdit(username)
        self.username.setMaxLength(40)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()

        form = QFormLayout()
        form.addRow(translate("LoginDialog", "User name:"), self.username)
        form.addRow(translate("LoginDialog", "Password:"), self.password)
        self.buttons = _buttons(
            translate("LoginDialog", "Sign in"), translate("LoginDialog", "Exit")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(centre_name or translate("LoginDialog", "Please sign in")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password if username else self.username).setFocus()

    def accept(self) -> None:
        """Sign in through the service; on failure say why and stay open."""
        if not self.username.text().strip():
            self.error.show_message(self.tr("Please enter the user name."))
            self.username.setFocus()
            return
        try:
            self.actor = users.authenticate(self._svc, self.username.text(), self.password.text())
        except DomainError as exc:
            self.error.show_message(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()


class FirstRunDialog(QDialog):
    """The first start on an empty database: create the administrator."""

    def __init__(self, svc: Services, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = svc
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("First-time setup — {title}").format(title=app_title()))

        self.username = QLineEdit("admin")
        self.username.setMaxLength(40)
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(
            self.tr("e.g. Director Chen (optional; the user name if left empty)")
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("At least {count} characters").format(count=users.MIN_PASSWORD_LENGTH)
        )
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()

        intro = QLabel(
            self.tr(
                "This is the system's first start and the database has no users yet.\n"
                "Please create the administrator account; once signed in, the administrator can "
                "add counter staff and supervisors under user management."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Administrator user name:"), self.username)
        form.addRow(self.tr("Name:"), self.display_name)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Password again:"), self.confirm)
        self.buttons = _buttons(self.tr("Create administrator"), self.tr("Exit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("First-time setup")))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.username.selectAll()

    def accept(self) -> None:
        """Check what only the form knows (the repeat), then let the service decide the rest."""
        if self.password.text() != self.confirm.text():
            self.error.show_message(self.tr("The two passwords differ; please enter them again."))
            self.confirm.clear()
            self.confirm.setFocus()
            return
        try:
            self.actor = users.create_first_admin(
                self._svc, self.username.text(), self.display_name.text(), self.password.text()
            )
        except DomainError as exc:
            self.error.show_message(str(exc))
            if isinstance(exc, ValidationError):
                {"username": self.username, "password": self.password}.get(
                    exc.field, self.username
                ).setFocus()
            return
        super().accept()
