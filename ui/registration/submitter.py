"""One submitter on the registration form: name, document with its live check, phone, address.

The lead submitter and each co-reporter of a joint report use the same editor; the ID check
fills birth date, sex and region as soon as the number is complete and right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.people import DocumentType
from app.services.forms import FieldCheck, check_document, check_phone
from app.services.registration import PersonInput
from ui.formatting import NO_VALUE
from ui.i18n import QT_TRANSLATE_NOOP
from ui.registration.widgets import FieldLabel, FieldMessage, _t

LEAD_TITLE = QT_TRANSLATE_NOOP("Registration", "Requester")
JOINT_TITLE = QT_TRANSLATE_NOOP("Registration", "Co-signer {position}")
DERIVED_STYLE = "color: #212529; background: #f1f3f5; padding: 2px 6px; border-radius: 2px;"


class SubmitterEditor(QFrame):
    """The fields of one person; ``position`` 0 is the lead submitter (cannot be removed)."""

    changed = Signal()
    remove_requested = Signal(object)  # the editor itself

    def __init__(self, position: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position = position
        self.name_required = False
        self.phone_required = False

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("As on the identity document"))
        self.doc_type_combo = QComboBox()
        for doc_type in DocumentType:
            self.doc_type_combo.addItem(doc_type.label, doc_type.value)
        self.doc_number_edit = QLineEdit()
        self.doc_number_edit.setMaxLength(24)
        self.doc_number_edit.setPlaceholderText(self.tr("18 characters, checked as you type"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(24)
        self.phone_edit.setPlaceholderText(self.tr("Mobile, or landline with area code"))
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("Current home or work address"))

        self.name_label = FieldLabel(self.tr("Name"), self.name_edit)
        self.doc_type_label = FieldLabel(self.tr("Document type"), self.doc_type_combo)
        self.doc_number_label = FieldLabel(self.tr("Document number"), self.doc_number_edit)
        self.phone_label = FieldLabel(self.tr("Phone"), self.phone_edit)
        self.address_label = FieldLabel(self.tr("Address"), self.address_edit)
        self.name_message = FieldMessage()
        self.doc_message = FieldMessage()
        self.phone_message = FieldMessage()

        self.birth_value = self._derived()
        self.sex_value = self._derived()
        self.region_value = self._derived()

        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.remove_button = QPushButton(self.tr("Remove this co-signer"))
        self.remove_button.setAutoDefault(True)  # Enter on the focused button presses it
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

        self._build_layout()
        self.set_position(position)

        self.name_edit.textChanged.connect(self._name_edited)
        self.doc_type_combo.currentIndexChanged.connect(self._doc_edited)
        self.doc_number_edit.textChanged.connect(self._doc_typed)
        self.doc_number_edit.editingFinished.connect(self._doc_edited)
        self.phone_edit.textChanged.connect(self._phone_edited)
        self.phone_edit.editingFinished.connect(self._phone_edited)
        self.address_edit.textChanged.connect(self.changed)

    @staticmethod
    def _derived() -> QLabel:
        label = QLabel(NO_VALUE)
        label.setStyleSheet(DERIVED_STYLE)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def set_label_width(self, width: int) -> None:
        """Line the captions up with the other boxes of the form."""
        self.grid.setColumnMinimumWidth(0, width)

    def _build_layout(self) -> None:
        grid = QGridLayout(self)
        self.grid = grid
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.remove_button)
        self.header = QWidget()
        self.header.setLayout(header)
        header.setContentsMargins(0, 6, 0, 0)
        grid.addWidget(self.header, 0, 0, 1, 6)

        grid.addWidget(self.name_label, 1, 0)
        grid.addWidget(self.name_edit, 1, 1)
        grid.addWidget(self.doc_type_label, 1, 2)
        grid.addWidget(self.doc_type_combo, 1, 3)
        grid.addWidget(self.doc_number_label, 1, 4)
        grid.addWidget(self.doc_number_edit, 1, 5)
        grid.addWidget(self.name_message, 2, 1)
        grid.addWidget(self.doc_message, 2, 3, 1, 3)

        for column, (caption, value) in enumerate(
            ((self.tr("Date of birth"), self.birth_value), (self.tr("Sex"), self.sex_value)),
        ):
            label = FieldLabel(caption)
            grid.addWidget(label, 3, column * 2)
            grid.addWidget(value, 3, column * 2 + 1)
        grid.addWidget(FieldLabel(self.tr("Registered residence")), 3, 4)
        grid.addWidget(self.region_value, 3, 5)

        grid.addWidget(self.phone_label, 4, 0)
        grid.addWidget(self.phone_edit, 4, 1)
        grid.addWidget(self.address_label, 4, 2)
        grid.addWidget(self.address_edit, 4, 3, 1, 3)
        grid.addWidget(self.phone_message, 5, 1, 1, 5)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

    # ----- state ----------------------------------------------------------------------------

    @property
    def is_lead(self) -> bool:
        return self.position == 0

    @property
    def who(self) -> str:
        """How messages name this person: 诉求人, 联名人 2…"""
        return (
            _t(LEAD_TITLE) if self.is_lead else _t(JOINT_TITLE).format(position=self.position + 1)
        )

    def set_position(self, position: int) -> None:
        self.position = position
        self.title.setText(self.who)
        # The lead's box already says 诉求人; a header line only for co-reporters.
        self.header.setVisible(not self.is_lead)

    def set_required(self, *, name: bool, phone: bool) -> None:
        self.name_required = name
        self.phone_required = phone
        self.name_label.set_required(name)
        self.phone_label.set_required(phone)

    @property
    def doc_type(self) -> DocumentType:
        return DocumentType(self.doc_type_combo.currentData())

    def doc_check(self) -> FieldCheck:
        finished = not self.doc_number_edit.hasFocus()
        return check_document(self.doc_type, self.doc_number_edit.text(), finished=finished)

    def phone_check(self) -> FieldCheck:
        return check_phone(self.phone_edit.text(), finished=not self.phone_edit.hasFocus())

    def has_input(self) -> bool:
        return any(
            edit.text().strip()
            for edit in (self.name_edit, self.doc_number_edit, self.phone_edit, self.address_edit)
        )

    def problems(self) -> list[tuple[QWidget, str]]:
        """What stops saving, each with the field to put the cursor in."""
        found: list[tuple[QWidget, str]] = []
        if self.name_required and not self.name_edit.text().strip():
            found.append(
                (self.name_edit, self.tr("Please fill in the {who}'s name").format(who=self.who))
            )
        if self.name_message.is_error:
            found.append(
                (
                    self.name_edit,
                    self.tr("{who} name: {message}").format(
                        who=self.who, message=self.name_message_text()
                    ),
                )
            )
        doc = self.doc_check()
        if not doc.ok and not doc.empty:
            found.append(
                (
                    self.doc_number_edit,
                    self.tr("{who} document number: {message}").format(
                        who=self.who, message=doc.message
                    ),
                )
            )
        phone = self.phone_check()
        if phone.empty and self.phone_required:
            found.append(
                (self.phone_edit, self.tr("Please fill in the {who}'s phone").format(who=self.who))
            )
        elif not phone.ok and not phone.empty:
            found.append(
                (
                    self.phone_edit,
                    self.tr("{who} phone: {message}").format(who=self.who, message=phone.message),
                )
            )
        return found

    def name_message_text(self) -> str:
        return self.name_message.text().removeprefix("⚠ ")

    def person(self) -> PersonInput:
        number = self.doc_number_edit.text().strip()
        return PersonInput(
            name=self.name_edit.text().strip(),
            doc_type=self.doc_type if number else None,
            doc_number=number,
            phone=self.phone_edit.text().strip(),
            address=self.address_edit.text().strip(),
        )

    def focus_order(self) -> list[QWidget]:
        widgets: list[QWidget] = [
            self.name_edit,
            self.doc_type_combo,
            self.doc_number_edit,
            self.phone_edit,
            self.address_edit,
        ]
        return widgets if self.is_lead else [*widgets, self.remove_button]

    def clear(self) -> None:
        for edit in (self.name_edit, self.doc_number_edit, self.phone_edit, self.address_edit):
            edit.clear()
        self.doc_type_combo.setCurrentIndex(0)
        for message in (self.name_message, self.doc_message, self.phone_message):
            message.reset()

    def show_service_error(self, field: str, message: str) -> QWidget:
        """Put the service's message under the field it names; returns the field."""
        if field.endswith("name"):
            self.name_message.show_error(message)
            return self.name_edit
        if field == "phone":
            self.phone_message.show_error(message)
            return self.phone_edit
        self.doc_message.show_error(message)
        return self.doc_number_edit

    # ----- live checks ------------------------------------------------------------------------

    def _name_edited(self) -> None:
        # A message from the service was about the name as it was; the new one is unchecked.
        self.name_message.reset()
        self.changed.emit()

    def _doc_typed(self) -> None:
        # "This number is registered under another name" may be fixed in either field.
        self.name_message.reset()
        self._doc_edited()

    def _doc_edited(self) -> None:
        self._refresh_doc()
        self.changed.emit()

    def _phone_edited(self) -> None:
        self._refresh_phone()
        self.changed.emit()

    def _refresh_doc(self) -> None:
        check = self.doc_check()
        self.doc_message.show_check(check)
        resident = self.doc_type is DocumentType.RESIDENT_ID
        self.doc_number_edit.setPlaceholderText(
            self.tr("18 characters, checked as you type")
            if resident
            else self.tr("As on the document")
        )
        if check.ok and check.birth_date is not None:
            self.birth_value.setText(check.birth_date.isoformat())
            self.sex_value.setText(check.sex_label)
            self.region_value.setText(check.region_name or self.tr("(not in the code table)"))
        else:
            for label in (self.birth_value, self.sex_value, self.region_value):
                label.setText(NO_VALUE)
        # Fixed-width rows: the derived facts mean something for resident IDs only.
        for label in (self.birth_value, self.sex_value, self.region_value):
            label.setEnabled(resident)

    def _refresh_phone(self) -> None:
        self.phone_message.show_check(self.phone_check())
