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
from ui.registration.widgets import _t


class EmergencyTransferDialog(QDialog):
    """Which line took it and a one-line summary; the service writes the event."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.recorded: Transfer | None = None
        self.setWindowTitle(_t("记录紧急转接"))
        self.line = QComboBox()
        for line in EmergencyLine:
            self.line.addItem(line.label, line)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(_t("如：东风路仓库冒烟，已转119，来电人在现场"))
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
        form.addRow(_t("转接至"), self.line)
        form.addRow(_t("情况摘要"), self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_t("危及生命财产安全的紧急情况应立即转 110、119 或 120（JY12345 第6条）。"))
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
