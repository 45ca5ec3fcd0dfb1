"""The 回访/申诉 page: call-backs of completed cases, reward objections waiting for review, and
the restriction register."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import Actor
from app.services import rewards
from app.services.context import Services
from app.services.rewards import ObjectionRow
from ui.background import BackgroundTask, Failure, run_in_background
from ui.followup.callbacks import CallbackList
from ui.followup.restrictions import RestrictionRegister
from ui.formatting import format_date, format_datetime
from ui.rewards.claim import ClaimDialog
from ui.rewards.widgets import fill_table, make_table


class ObjectionQueue(QWidget):
    """Objections to reward decisions, oldest first; opening one shows its claim (RULES §3)."""

    claim_changed = Signal(int)

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.rows: list[ObjectionRow] = []
        self.task: BackgroundTask[list[ObjectionRow]] | None = None
        self.claim_dialog: ClaimDialog | None = None

        intro = QLabel(
            self.tr(
                "A reporter may object to a refusal, to the amount, or to a forfeiture within "
                "30 days, once per decision; a supervisor other than the one who decided "
                "reviews it and the reporter receives the written result (RULES §3)."
            )
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.open_button = QPushButton(self.tr("Open claim"))
        self.open_button.clicked.connect(self.open_current)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.load)
        self.table = make_table(
            [
                self.tr("Case number"),
                self.tr("Reporters"),
                self.tr("Objection to"),
                self.tr("Decision objected to"),
                self.tr("Received"),
                self.tr("Window ended"),
                self.tr("Statement"),
            ]
        )
        self.table.doubleClicked.connect(self._activated)

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        if self.task is not None:
            self.task.cancel()
        svc = self.svc
        self.status.setText(self.tr("Loading…"))
        self.task = run_in_background(
            self,
            lambda token, report: rewards.objection_queue(svc),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, rows: list[ObjectionRow]) -> None:
        self.task = None
        self.rows = rows
        fill_table(
            self.table,
            [
                (
                    r.case_number,
                    r.reporters,
                    r.ground.label,
                    r.objected_to,
                    format_datetime(r.received_at),
                    format_date(r.window_due),
                    r.statement,
                )
                for r in rows
            ],
        )
        self.status.setText(
            self.tr("{count} objections waiting for review").format(count=len(rows))
        )
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.status.setText(failure.message)

    def _activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.rows):
            self.open_claim(self.rows[index.row()].case_id)

    def open_current(self) -> None:
        self._activated(self.table.currentIndex())

    def open_claim(self, case_id: int) -> ClaimDialog:
        dialog = ClaimDialog(self.svc, self.actor, case_id, self)
        dialog.changed.connect(self.load)
        dialog.changed.connect(lambda: self.claim_changed.emit(case_id))
        self.claim_dialog = dialog
        dialog.open()
        return dialog


class FollowUpPage(QWidget):
    """Tabs: completed cases to call back, objections to review, and the persons restricted
    from the line."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.callbacks = CallbackList(svc, actor)
        self.objections = ObjectionQueue(svc, actor)
        self.restrictions = RestrictionRegister(svc, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.callbacks, self.tr("Call-backs"))
        self.tabs.addTab(self.objections, self.tr("Reward objections"))
        self.tabs.addTab(self.restrictions, self.tr("Restricted submitters"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)

    def refresh(self) -> None:
        self.callbacks.load()
        self.objections.load()
        self.restrictions.load()

    def is_loading(self) -> bool:
        return (
            self.callbacks.task is not None
            or self.objections.task is not None
            or self.restrictions.task is not None
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
