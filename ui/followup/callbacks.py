"""The call-back work list (回访): completed cases to call, and the dialog that logs one attempt.

jieyang-2015 calls back within 3 working days of completion (JY12345 art. 15) and treats 3
consecutive days of failed calls as answered (JY12345 art. 14); yangjiang-2022 calls back after
the result, with no day limit (YJ12345 art. 8). The rules and their texts come from the service;
submitters are shown masked (RULES §5). When the submitter is reached, the clerk can go straight
on to the evaluation after handling (the case's own evaluation dialog).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.callbacks import CallbackOutcome
from app.domain.users import Action, Actor
from app.domain.vocabulary import ContactMethod
from app.services import callbacks, case_view
from app.services.callbacks import AttemptResult, AttemptRow, CallbackRow
from app.services.case_view import CaseDetail
from app.services.context import Services
from ui.actions import ACTION_DIALOGS, ActionDialog
from ui.actions.base import DATETIME_FORMAT, SHANGHAI_ZONE, from_qdatetime, to_qdatetime
from ui.background import BackgroundTask, Failure, run_in_background
from ui.formatting import NO_VALUE, DueState, format_date, format_datetime
from ui.login_dialog import ErrorLabel
from ui.rewards.widgets import make_table

CALL_BY_COLUMN = 6
INTRO_STYLE = "color: #41464b; background: #f1f3f5; padding: 6px 8px; border-radius: 3px;"


def call_by_state(row: CallbackRow) -> DueState:
    if row.call_by is None:
        return DueState.INACTIVE
    if row.overdue:
        return DueState.OVERDUE
    if row.due_soon:
        return DueState.DUE_SOON
    return DueState.RUNNING


class CallbackAttemptDialog(QDialog):
    """Logs one call-back attempt: when, how, reached or not, and a note."""

    recorded = Signal(object)
    """Emitted with the service's ``AttemptResult`` just before the dialog closes."""

    def __init__(
        self, svc: Services, actor: Actor, row: CallbackRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.row = row
        self.task: BackgroundTask[Any] | None = None
        self.history_task: BackgroundTask[list[AttemptRow]] | None = None
        self.attempt_result: AttemptResult | None = None
        self.setWindowTitle(self.tr("Call-back — case {number}").format(number=row.number))
        self.setMinimumWidth(520)

        intro = QLabel(row.rule_text)
        intro.setWordWrap(True)
        intro.setStyleSheet(INTRO_STYLE)
        who = f"{row.submitter}  {row.phone}" if row.phone else row.submitter
        call_by = (
            format_date(row.call_by) if row.call_by else self.tr("No limit ({article})")
        ).format(article=row.article)
        self.history = QLabel(self.tr("Loading earlier attempts…"))
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)

        now = svc.now()
        self.at = QDateTimeEdit()
        self.at.setTimeZone(SHANGHAI_ZONE)
        self.at.setDisplayFormat(DATETIME_FORMAT)
        self.at.setCalendarPopup(True)
        self.at.setMinimumDateTime(to_qdatetime(row.completed_at))
        self.at.setMaximumDateTime(to_qdatetime(now))
        self.at.setDateTime(to_qdatetime(now))
        self.method = QComboBox()
        for method in ContactMethod:
            self.method.addItem(method.label, method.value)
        self.outcomes = QButtonGroup(self)
        outcome_row = QWidget()
        outcome_box = QHBoxLayout(outcome_row)
        outcome_box.setContentsMargins(0, 0, 0, 0)
        self.reached_button = QRadioButton(self.tr("Reached"))
        self.unreachable_button = QRadioButton(self.tr("Not reached"))
        for index, button in enumerate((self.reached_button, self.unreachable_button)):
            self.outcomes.addButton(button, index)
            outcome_box.addWidget(button)
        outcome_box.addStretch(1)
        self.outcomes.idToggled.connect(lambda _id, _on: self._refresh())
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(
            self.tr("e.g. no answer, phone switched off, asked to call later")
        )
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 2 + 14)
        self.evaluate = QCheckBox(self.tr("Record the evaluation after handling now"))
        self.evaluate.setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("Case"), QLabel(row.number))
        form.addRow(self.tr("Submitter"), QLabel(who))
        form.addRow(self.tr("Completed"), QLabel(format_datetime(row.completed_at)))
        form.addRow(self.tr("Call back by"), QLabel(call_by))
        form.addRow(self.tr("Earlier attempts"), self.history)
        form.addRow(self.tr("Time of the call"), self.at)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Outcome"), outcome_row)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.evaluate)
        self.error_label = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record attempt"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._refresh()
        self._load_history()
        self.method.setFocus()

    def _load_history(self) -> None:
        svc, case_id = self.svc, self.row.case_id

        def loaded(rows: list[AttemptRow]) -> None:
            self.history_task = None
            lines = [
                f"{format_datetime(a.at)}  {a.method.label}  {a.outcome.label}"
                + (f"  {a.note}" if a.note else "")
                for a in rows
                if a.completed_at == self.row.completed_at
            ]
            self.history.setText("\n".join(lines) if lines else self.tr("None yet"))

        def failed(failure: Failure) -> None:
            self.history_task = None
            self.history.setText(failure.message)

        self.history_task = run_in_background(
            self,
            lambda token, report: callbacks.case_attempts(svc, case_id),
            on_success=loaded,
            on_failure=failed,
        )

    @property
    def outcome(self) -> CallbackOutcome | None:
        return {0: CallbackOutcome.REACHED, 1: CallbackOutcome.UNREACHABLE}.get(
            self.outcomes.checkedId()
        )

    def _refresh(self) -> None:
        reached = self.outcome is CallbackOutcome.REACHED
        self.evaluate.setEnabled(reached and self.actor.can(Action.RECORD_EVALUATION))
        self.ok_button.setEnabled(self.outcome is not None and self.task is None)

    def wants_evaluation(self) -> bool:
        return self.evaluate.isEnabled() and self.evaluate.isChecked()

    def accept(self) -> None:
        outcome = self.outcome
        if self.task is not None or outcome is None:
            return
        svc, actor, case_id = self.svc, self.actor, self.row.case_id
        at = from_qdatetime(self.at.dateTime())
        method = ContactMethod(self.method.currentData())
        note = self.note.toPlainText()
        self.error_label.clear_message()
        self.task = run_in_background(
            self,
            lambda token, report: callbacks.record_attempt(
                svc, actor, case_id, outcome=outcome, method=method, at=at, note=note
            ),
            on_success=self._done,
            on_failure=self._failed,
        )
        self._refresh()

    def _done(self, result: AttemptResult) -> None:
        self.task = None
        self.attempt_result = result
        self.recorded.emit(result)
        super().accept()

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.error_label.show_message(failure.message)
        self._refresh()

    def reject(self) -> None:
        if self.task is None:
            super().reject()


class CallbackList(QWidget):
    """Completed cases to call back, the most urgent first: the 回访/申诉 page's first tab."""

    case_changed = Signal(int)

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.rows: list[CallbackRow] = []
        self.task: BackgroundTask[Any] | None = None
        self.attempt_dialog: CallbackAttemptDialog | None = None
        self.evaluation_dialog: ActionDialog | None = None

        intro = QLabel(
            self.tr(
                "Completed cases whose submitter has not yet been called back and asked for "
                "an evaluation. Every attempt is recorded with its time and outcome; under "
                "rules that set one, the call-by date is coloured when due soon or overdue, and "
                "a submitter unreachable by phone on consecutive days counts as answered."
            )
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.log_button = QPushButton(self.tr("Log attempt…"))
        self.log_button.clicked.connect(self.log_current)
        self.log_button.setEnabled(False)
        self.log_button.setVisible(actor.can(Action.RECORD_CALLBACK))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.load)
        self.table = make_table(
            [
                self.tr("Case number"),
                self.tr("Kind"),
                self.tr("Submitter"),
                self.tr("Phone"),
                self.tr("Handling unit"),
                self.tr("Completed"),
                self.tr("Call back by"),
                self.tr("Attempts"),
                self.tr("Last attempt"),
            ],
            right_aligned=[7],
        )
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._activated)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(self.tr("No completed case is waiting for a call-back."))
        self.empty_label.setStyleSheet("color: #6c757d;")
        self.empty_label.hide()

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.log_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

    # ----- the list ---------------------------------------------------------------------------

    def load(self) -> None:
        if self.task is not None:
            self.task.cancel()
        svc = self.svc
        self.task = run_in_background(
            self,
            lambda token, report: callbacks.work_list(svc),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _attempts_text(self, row: CallbackRow) -> str:
        if row.days_needed is not None and row.failed_days:
            return self.tr("{count} ({days}/{needed} days not reached)").format(
                count=row.attempts, days=row.failed_days, needed=row.days_needed
            )
        return str(row.attempts)

    def _last_text(self, row: CallbackRow) -> str:
        if row.last_attempt_at is None or row.last_outcome is None or row.last_method is None:
            return NO_VALUE
        text = f"{format_datetime(row.last_attempt_at)} {row.last_method.label} {row.last_outcome.label}"
        if row.reached:
            text += self.tr(" — evaluation not recorded yet")
        return text

    def _call_by_text(self, row: CallbackRow) -> str:
        if row.call_by is None:
            return self.tr("No limit")
        text = format_date(row.call_by)
        if row.call_by_provisional:
            text += self.tr(" (provisional)")
        word = call_by_state(row).word
        return f"{word} {text}" if word else text

    def _loaded(self, rows: list[CallbackRow]) -> None:
        self.task = None
        self.rows = rows
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            values = (
                row.number,
                row.kind.label,
                row.submitter,
                row.phone or NO_VALUE,
                row.unit or NO_VALUE,
                format_date(row.completed_at.date()),
                self._call_by_text(row),
                self._attempts_text(row),
                self._last_text(row),
            )
            state = call_by_state(row)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(row.rule_text if column == CALL_BY_COLUMN else value)
                if column == 7:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == CALL_BY_COLUMN and state.background is not None:
                    item.setBackground(state.background)
                if column == CALL_BY_COLUMN and state.foreground is not None:
                    item.setForeground(state.foreground)
                self.table.setItem(index, column, item)
        overdue = sum(r.overdue for r in rows)
        text = self.tr("{count} cases to call back").format(count=len(rows))
        if overdue:
            text += self.tr(", {overdue} overdue").format(overdue=overdue)
        if not self.status.property("result"):
            self.status.setText(text)
        self.status.setProperty("result", "")
        self.empty_label.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._selection_changed()

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.status.setText(failure.message)

    def selected_row(self) -> CallbackRow | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected or not 0 <= selected[0].row() < len(self.rows):
            return None
        return self.rows[selected[0].row()]

    def _selection_changed(self) -> None:
        self.log_button.setEnabled(self.selected_row() is not None)

    def _activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.rows) and self.actor.can(Action.RECORD_CALLBACK):
            self.log_attempt(self.rows[index.row()])

    def log_current(self) -> CallbackAttemptDialog | None:
        row = self.selected_row()
        return self.log_attempt(row) if row is not None else None

    # ----- an attempt, then perhaps the evaluation --------------------------------------------

    def log_attempt(self, row: CallbackRow) -> CallbackAttemptDialog:
        dialog = CallbackAttemptDialog(self.svc, self.actor, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda result: self._recorded(dialog, row, result))
        self.attempt_dialog = dialog
        dialog.open()
        return dialog

    def _recorded(
        self, dialog: CallbackAttemptDialog, row: CallbackRow, result: AttemptResult
    ) -> None:
        # The service's message says what happened (e.g. 视为已回访), above the refreshed list.
        self.status.setText(result.message)
        self.status.setProperty("result", "1")
        self.case_changed.emit(row.case_id)
        if dialog.wants_evaluation():
            self.open_evaluation(row.case_id)
        self.load()

    def open_evaluation(self, case_id: int) -> None:
        """The case's own evaluation dialog (EVALUATE, handling.record_evaluation)."""
        svc, actor = self.svc, self.actor
        run_in_background(
            self,
            lambda token, report: case_view.case_detail(svc, actor, case_id),
            on_success=self._show_evaluation,
            on_failure=self._failed,
        )

    def _show_evaluation(self, detail: CaseDetail) -> None:
        _label, dialog_class = ACTION_DIALOGS[Action.RECORD_EVALUATION]
        dialog = dialog_class(self.svc, self.actor, detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(lambda _value: self.load())
        dialog.succeeded.connect(lambda _value: self.case_changed.emit(detail.id))
        self.evaluation_dialog = dialog
        dialog.open()
