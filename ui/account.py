"""The signed-in user's own account: changing one's password (issue 8)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.errors import ValidationError
from app.domain.users import Actor
from app.services import users
from app.services.context import Services
from ui.i18n import translate
from ui.settings.common import FormDialog, note_label


def _password_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class ChangePasswordDialog(FormDialog):
    """Old password, new password twice; Enter saves, Esc cancels, a refusal stays in the dialog."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Change my password — {name}").format(name=actor.display_name),
            parent,
            ok_text=self.tr("Change password"),
        )
        self.svc, self.actor = svc, actor
        self.old = _password_field()
        self.new = _password_field(
            # Shared with the user tab's forms (context "Settings"): translated once.
            translate("Settings", "At least {count} characters").format(
                count=users.MIN_PASSWORD_LENGTH
            )
        )
        self.again = _password_field()
        self.form.addRow(self.tr("Current password:"), self.old)
        self.form.addRow(translate("Settings", "New password:"), self.new)
        self.form.addRow(translate("Settings", "Again:"), self.again)
        self.form.addRow(
            note_label(
                self.tr("The new password applies from your next sign-in; keep it to yourself.")
            )
        )
        self.old.setFocus()

    def submit(self) -> None:
        """Check what only the form knows (the repeat), then let the service decide the rest."""
        try:
            if self.new.text() != self.again.text():
                raise ValidationError(
                    "again",
                    translate("Settings", "The two passwords differ; please enter them again."),
                )
            users.change_own_password(self.svc, self.actor, self.old.text(), self.new.text())
        except ValidationError as exc:
            field = {"old_password": self.old, "new_password": self.new}.get(exc.field, self.again)
            if field is not self.old:
                self.again.clear()
            field.selectAll()
            field.setFocus()
            raise
