"""The small dialog that records an emergency handed on to 110/119/120 (JY12345 art. 6)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services.context import Services
from app.services.emergencies import EmergencyLine, Transfer, record_transfer


class EmergencyTransferDialog(QDialog):
    """Which line took it and a one-line summary; the service writes the event."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.recorded: Transfer | None = None
        self.setWindowTitle(self.tr("Record emergency transfer"))
        self.line = QComboBox()
        for line in EmergencyLine:
            self.line.addItem(line.label, line)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(
            self.tr(
                "e.g. smoke from the Dongfeng Road warehouse, transferred to 119, caller on site"
            )
        )
        self.summary.setMinimumWidth(360)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._record)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Transferred to"), self.line)
        form.addRow(self.tr("Summary"), self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Emergencies that endanger life or property must be transferred to 110, 119 or 120 at once (JY12345 art. 6)."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _record(self) -> None:
        try:
            self.recorded = record_transfer(
                self.svc, self.actor, EmergencyLine(self.line.currentData()), self.summary.text()
            )
        except DomainError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
