"""The register of restricted submitters (YJ12345 art. 7): list, propose, approve or reject, lift.

Everyone sees the list (a clerk needs to know why a registration was refused); a supervisor
proposes a restriction and another supervisor or an administrator approves or rejects it (issue 8,
two people; the buttons appear only for a proposal someone else made — the service checks it
too); a supervisor lifts early. Identities are shown masked (RULES §5); the service never returns
them whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.people import DocumentType
from app.domain.restrictions import ARTICLE, RESTRICTION_DAYS, RestrictionStatus, restriction_end
from app.domain.users import Action, Actor
from app.services import restrictions
from app.services.context import Services
from app.services.restrictions import RestrictionRow
from ui.background import BackgroundTask, Failure, run_in_background
from ui.formatting import format_date, format_datetime
from ui.login_dialog import ErrorLabel

RESTRICTION_ID_ROLE = Qt.ItemDataRole.UserRole
NO_VALUE = "—"


def _day(day: date | None) -> str:
    return format_date(day) if day is not None else NO_VALUE


class LiftRestrictionDialog(QDialog):
    """Ends a restriction before its end day; the reason is required and recorded."""

    def __init__(
        self, svc: Services, actor: Actor, row: RestrictionRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.row = row
        self.task: BackgroundTask[Any] | None = None
        self.setWindowTitle(self.window_title())
        self.setMinimumWidth(460)
        summary = QLabel(self.summary_text())
        summary.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.reason_placeholder())
        self.reason.textChanged.connect(self._refresh)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        self.error_label = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.ok_text())
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._refresh()

    # The texts and the service call; the reject dialog below says and does the other thing.
    def window_title(self) -> str:
        return self.tr("Lift a restriction early")

    def summary_text(self) -> str:
        return self.tr("{person}: restricted until {end}.").format(
            person=self.row.masked_identity, end=_day(self.row.ends_on)
        )

    def reason_placeholder(self) -> str:
        return self.tr("Why the restriction ends early (required)")

    def ok_text(self) -> str:
        return self.tr("Lift")

    def call(self) -> Callable[[Services, Actor, int, str], None]:
        return restrictions.lift

    def _refresh(self) -> None:
        self.ok_button.setEnabled(bool(self.reason.text().strip()) and self.task is None)

    def accept(self) -> None:
        if self.task is not None or not self.reason.text().strip():
            return
        svc, actor, restriction_id, reason, call = (
            self.svc,
            self.actor,
            self.row.id,
            self.reason.text(),
            self.call(),
        )
        self.task = run_in_background(
            self,
            lambda token, report: call(svc, actor, restriction_id, reason),
            on_success=self._done,
            on_failure=self._failed,
        )
        self._refresh()

    def _done(self, _value: object) -> None:
        self.task = None
        super().accept()

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.error_label.show_message(failure.message)
        self._refresh()


class RejectRestrictionDialog(LiftRestrictionDialog):
    """Rejects another user's proposal (issue 8); the reason is required and recorded."""

    def window_title(self) -> str:
        return self.tr("Reject a proposed restriction")

    def summary_text(self) -> str:
        return self.tr("{person}: proposed by {who}. Reason given: {reason}").format(
            person=self.row.masked_identity, who=self.row.proposed_by, reason=self.row.reason
        )

    def reason_placeholder(self) -> str:
        return self.tr("Why the person is not restricted (required)")

    def ok_text(self) -> str:
        return self.tr("Reject")

    def call(self) -> Callable[[Services, Actor, int, str], None]:
        return restrictions.reject


class RestrictionRegister(QWidget):
    """Persons whose use of the line is restricted for harassing or threatening staff: the
    回访/申诉 page's 限制名单 tab."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.task: BackgroundTask[Any] | None = None
        self.rows: list[RestrictionRow] = []
        self.lift_dialog: LiftRestrictionDialog | None = None
        can_restrict = actor.can(Action.RESTRICT_PERSON)
        can_approve = actor.can(Action.APPROVE_RESTRICTION)

        intro = QLabel(
            self.tr(
                "A person who harasses or threatens staff may be restricted from using the "
                "line for {days} natural days ({article}). A supervisor proposes it and another "
                "supervisor or administrator approves it; from the approval, registration by "
                "the person is refused until the end day. Restrictions end by themselves."
            ).format(days=RESTRICTION_DAYS, article=ARTICLE)
        )
        intro.setWordWrap(True)

        self.show_ended = QCheckBox(self.tr("Show ended, lifted and rejected restrictions"))
        self.show_ended.toggled.connect(lambda _on: self.load())
        self.lift_button = QPushButton(self.tr("Lift selected early…"))
        self.lift_button.clicked.connect(self.lift_selected)
        self.lift_button.setVisible(can_restrict)
        self.lift_button.setEnabled(False)
        self.approve_button = QPushButton(self.tr("Approve selected"))
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("Reject selected…"))
        self.reject_button.clicked.connect(self.reject_selected)
        for button in (self.approve_button, self.reject_button):
            button.setVisible(can_approve)
            button.setEnabled(False)

        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Person"),
                self.tr("From"),
                self.tr("Until"),
                self.tr("Status"),
                self.tr("Case"),
                self.tr("Proposed by"),
                self.tr("Approved by"),
                self.tr("Reason"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(self.tr("No restriction in force or proposed."))
        self.empty_label.setStyleSheet("color: #6c757d;")

        # ----- a new restriction (supervisors only) ---------------------------------------
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Mobile or landline with area code"))
        self.doc_type = QComboBox()
        for doc_type in DocumentType:
            self.doc_type.addItem(doc_type.label, doc_type.value)
        self.doc_number = QLineEdit()
        self.doc_number.setPlaceholderText(self.tr("Document number"))
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.doc_type)
        identity_row.addWidget(self.doc_number, 1)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("What happened: when, to whom, what was said or done (required)")
        )
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText(self.tr("Optional: the case where it happened"))
        self.period_label = QLabel()  # one short line: wrapping it in the form column cut it up
        self.add_button = QPushButton(
            self.tr("Propose restriction for {days} days").format(days=RESTRICTION_DAYS)
        )
        self.add_button.clicked.connect(self.add)
        for edit in (self.phone, self.doc_number):
            edit.textChanged.connect(self._refresh_add)
        self.reason.textChanged.connect(self._refresh_add)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Document"), identity_row)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Case number"), self.case_number)
        form.addRow("", self.period_label)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        add_layout = QVBoxLayout()
        add_layout.addLayout(form)
        add_layout.addLayout(add_row)
        self.add_box = QGroupBox(self.tr("Propose restricting a person"))
        self.add_box.setLayout(add_layout)
        self.add_box.setVisible(can_restrict)

        self.error_label = ErrorLabel()

        top = QHBoxLayout()
        top.addWidget(self.show_ended)
        top.addStretch(1)
        top.addWidget(self.approve_button)
        top.addWidget(self.reject_button)
        top.addWidget(self.lift_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.add_box)
        layout.addWidget(self.error_label)
        self._refresh_add()
        self.load()

    # ----- the list ---------------------------------------------------------------------------

    def load(self) -> None:
        svc, actor, ended = self.svc, self.actor, self.show_ended.isChecked()
        self.task = run_in_background(
            self,
            lambda token, report: restrictions.list_restrictions(svc, actor, include_ended=ended),
            on_success=self._loaded,
            on_failure=self._failed,
        )
        self._refresh_add()

    def _loaded(self, rows: list[RestrictionRow]) -> None:
        self.task = None
        self.rows = rows
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            status = row.status.label
            if row.status is RestrictionStatus.LIFTED and row.lifted_at is not None:
                status = self.tr("{status} {when}").format(
                    status=status, when=format_datetime(row.lifted_at)
                )
            reason = row.reason
            if row.lift_reason:
                reason = self.tr("{reason} (lifted: {lift_reason})").format(
                    reason=row.reason, lift_reason=row.lift_reason
                )
            if row.reject_reason:
                reason = self.tr("{reason} (rejected: {reject_reason})").format(
                    reason=row.reason, reject_reason=row.reject_reason
                )
            approved_by = (
                row.decided_by if row.status is not RestrictionStatus.REJECTED else NO_VALUE
            )
            values = (
                row.masked_identity,
                _day(row.starts_on),
                _day(row.ends_on),
                status,
                row.case_number or NO_VALUE,
                row.proposed_by,
                approved_by or NO_VALUE,
                reason,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(RESTRICTION_ID_ROLE, row.id)
                item.setToolTip(value)
                if row.status is RestrictionStatus.PENDING:
                    # Waiting for a second person: amber, and the status word says so too.
                    item.setForeground(Qt.GlobalColor.darkYellow)
                elif row.status is not RestrictionStatus.ACTIVE:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(index, column, item)
        self.empty_label.setVisible(not rows)
        self._selection_changed()
        self._refresh_add()

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.error_label.show_message(failure.message)
        self._refresh_add()

    def selected_row(self) -> RestrictionRow | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        item = self.table.item(selected[0].row(), 0)
        if item is None:
            return None
        restriction_id = item.data(RESTRICTION_ID_ROLE)
        return next((row for row in self.rows if row.id == restriction_id), None)

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.lift_button.setEnabled(row is not None and row.status is RestrictionStatus.ACTIVE)
        decidable = row is not None and row.may_decide(self.actor) and self.task is None
        self.approve_button.setEnabled(decidable)
        self.reject_button.setEnabled(decidable)

    # ----- restrict -------------------------------------------------------------------------

    def _refresh_add(self) -> None:
        end = restriction_end(self.svc.today())
        self.period_label.setText(
            self.tr(
                "Takes effect when another supervisor or administrator approves it; "
                "approved today, until {end} inclusive."
            ).format(end=format_date(end))
        )
        has_identity = bool(self.phone.text().strip() or self.doc_number.text().strip())
        has_reason = bool(self.reason.toPlainText().strip())
        self.add_button.setEnabled(has_identity and has_reason and self.task is None)

    def add(self) -> None:
        if self.task is not None:
            return
        svc, actor = self.svc, self.actor
        phone, doc_number = self.phone.text(), self.doc_number.text()
        doc_type = DocumentType(self.doc_type.currentData())
        reason, case_number = self.reason.toPlainText(), self.case_number.text()

        def added(_value: object) -> None:
            self.phone.clear()
            self.doc_number.clear()
            self.reason.clear()
            self.case_number.clear()
            self._changed()

        self.task = run_in_background(
            self,
            lambda token, report: restrictions.restrict(
                svc,
                actor,
                reason=reason,
                phone=phone,
                doc_number=doc_number,
                doc_type=doc_type,
                case_number=case_number,
            ),
            on_success=added,
            on_failure=self._failed,
        )
        self._refresh_add()

    def _changed(self) -> None:
        self.task = None
        self.error_label.clear_message()
        self.load()

    # ----- lift -------------------------------------------------------------------------------

    def lift_selected(self) -> LiftRestrictionDialog | None:
        row = self.selected_row()
        if row is None or row.status is not RestrictionStatus.ACTIVE:
            return None
        dialog = LiftRestrictionDialog(self.svc, self.actor, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._changed)
        self.lift_dialog = dialog
        dialog.open()
        return dialog

    # ----- approve or reject (another user's proposal) ---------------------------------------

    def approve_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.may_decide(self.actor) or self.task is not None:
            return
        svc, actor, restriction_id = self.svc, self.actor, row.id
        self.task = run_in_background(
            self,
            lambda token, report: restrictions.approve(svc, actor, restriction_id),
            on_success=lambda _value: self._changed(),
            on_failure=self._failed,
        )
        self._selection_changed()

    def reject_selected(self) -> RejectRestrictionDialog | None:
        row = self.selected_row()
        if row is None or not row.may_decide(self.actor):
            return None
        dialog = RejectRestrictionDialog(self.svc, self.actor, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._changed)
        self.lift_dialog = dialog
        dialog.open()
        return dialog
