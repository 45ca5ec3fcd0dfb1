"""The 中心信息 tab: name, code, address, phone and document prefix, with what they will print."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import admin
from app.services.admin import CentreInfo
from app.services.context import Services
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.settings.common import Message, note_label

FIELD_LABELS = {
    "centre_name": QT_TRANSLATE_NOOP("Settings", "Centre name"),
    "centre_code": QT_TRANSLATE_NOOP("Settings", "Centre code"),
    "centre_address": QT_TRANSLATE_NOOP("Settings", "Address"),
    "centre_phone": QT_TRANSLATE_NOOP("Settings", "Phone"),
    "document_prefix": QT_TRANSLATE_NOOP("Settings", "Document number prefix"),
}


class CentreTab(QWidget):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.name = QLineEdit()
        self.name.setPlaceholderText(
            self.tr("e.g. Service Centre of X Town, Jiangcheng District, Yangjiang")
        )
        self.code = QLineEdit()
        self.code.setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9]{0,12}"), self.code)
        )
        self.code.setPlaceholderText(self.tr("2–12 letters or digits, e.g. JCZ01"))
        self.code.setMaximumWidth(self.code.fontMetrics().horizontalAdvance("M" * 14) + 16)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setMaximumWidth(self.phone.fontMetrics().horizontalAdvance("0" * 18) + 16)
        self.prefix = QLineEdit()
        self.prefix.setPlaceholderText(self.tr("e.g. 江城便民"))
        self.prefix.setMaximumWidth(self.prefix.fontMetrics().horizontalAdvance("中" * 12) + 16)
        self.fields = {
            "centre_name": self.name,
            "centre_code": self.code,
            "centre_address": self.address,
            "centre_phone": self.phone,
            "document_prefix": self.prefix,
        }

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, widget in self.fields.items():
            form.addRow(
                self.tr("{label}:").format(label=translate("Settings", FIELD_LABELS[key])), widget
            )

        self.document_example = QLabel()
        self.case_example = QLabel()
        for label in (self.document_example, self.case_example):
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            label.setFont(font)
        # The previews sit in the same form, so every field starts at the same x.
        form.addRow(self.tr("Receipt number preview:"), self.document_example)
        form.addRow(self.tr("Case number preview:"), self.case_example)
        form.addRow(
            note_label(
                self.tr(
                    "The centre's name, address and phone are printed in the heading and the "
                    "signature of every document; the document number prefix goes before the "
                    "document class character (受, 转, 催…); the centre code starts every case "
                    "number, and a change applies only to cases registered afterwards."
                )
            )
        )

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        self.message = Message()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.message, 1)

        # A form, not a spreadsheet: kept to a readable width on a wide screen.
        column = QWidget()
        column.setMaximumWidth(880)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(column)
        layout.addStretch(1)

        for widget in self.fields.values():
            widget.textChanged.connect(self.update_preview)
        self.load()

    def current(self) -> CentreInfo:
        return CentreInfo(**{key: widget.text() for key, widget in self.fields.items()})

    def load(self) -> None:
        info = admin.centre_info(self.svc)
        for key, widget in self.fields.items():
            widget.setText(getattr(info, key))
        self.message.clear()
        self.update_preview()

    def update_preview(self) -> None:
        today = self.svc.today()
        self.document_example.setText(admin.document_number_example(self.prefix.text(), today.year))
        try:
            self.case_example.setText(admin.case_number_example(self.code.text(), today))
            self.case_example.setStyleSheet("")
        except DomainError as exc:
            self.case_example.setText(str(exc))
            self.case_example.setStyleSheet("color: #842029;")

    def save(self) -> None:
        try:
            changed = admin.save_centre_info(self.svc, self.actor, self.current())
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.load()
        if changed:
            names = self.tr(", ").join(translate("Settings", FIELD_LABELS[key]) for key in changed)
            self.message.ok(self.tr("Saved: {names}.").format(names=names))
            self.saved.emit()
        else:
            self.message.note(self.tr("Nothing changed."))
