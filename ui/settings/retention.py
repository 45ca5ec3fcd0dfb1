"""The administrator's 档案保存 tab: cases past their 2 years, deletion requests, approvals (JY12345 art. 5).

One administrator selects cases whose retention period is over and requests their deletion with a
reason; another administrator approves (the cases are deleted then) or rejects with a reason. The
buttons show only what the signed-in administrator may do; the service checks it again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.retention import ARTICLE
from app.domain.users import Action, Actor
from app.services import retention
from app.services.context import Services
from app.services.retention import DeletionRequestRow, EligibleCase
from ui.formatting import format_date, format_datetime
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

ELIGIBLE_FIELDS: tuple[Field[EligibleCase], ...] = (
    Field(QT_TRANSLATE_NOOP("Settings", "Case number"), lambda c: c.number),
    Field(QT_TRANSLATE_NOOP("Settings", "Kind"), lambda c: c.kind.label),
    Field(QT_TRANSLATE_NOOP("Settings", "Completed on"), lambda c: format_date(c.completed_on)),
    Field(QT_TRANSLATE_NOOP("Settings", "Deletable from"), lambda c: format_date(c.deletable_from)),
    Field(
        QT_TRANSLATE_NOOP("Settings", "Status"),
        lambda c: (
            translate("Settings", "In request no. {id}").format(id=c.pending_request_id)
            if c.pending_request_id is not None
            else c.state_label
        ),
    ),
)

REQUEST_FIELDS: tuple[Field[DeletionRequestRow], ...] = (
    Field(QT_TRANSLATE_NOOP("Settings", "No."), lambda r: str(r.id)),
    Field(QT_TRANSLATE_NOOP("Settings", "Requested"), lambda r: format_datetime(r.requested_at)),
    Field(QT_TRANSLATE_NOOP("Settings", "Requested by"), lambda r: r.requested_by),
    Field(
        QT_TRANSLATE_NOOP("Settings", "Cases"),
        lambda r: "、".join(r.case_numbers),
        tooltip=lambda r: "\n".join(r.case_numbers),
    ),
    Field(QT_TRANSLATE_NOOP("Settings", "Status"), lambda r: r.state.label),
    Field(
        QT_TRANSLATE_NOOP("Settings", "Reason"),
        lambda r: r.reason + (f"（{r.decision_note}）" if r.decision_note else ""),
    ),
)


class RequestDeletionDialog(FormDialog):
    """The reason for deleting the selected cases (required; it goes on the audit trail)."""

    def __init__(
        self,
        svc: Services,
        actor: Actor,
        cases: list[EligibleCase],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("Settings", "Request deletion of {count} cases").format(count=len(cases)),
            parent,
            ok_text=translate("Settings", "Request"),
        )
        self.svc, self.actor, self.cases = svc, actor, cases
        self.request_id: int | None = None
        numbers = "、".join(c.number for c in cases[:10])
        if len(cases) > 10:
            numbers += translate("Settings", " and {more} more").format(more=len(cases) - 10)
        self.form.addRow(note_label(numbers))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Settings", "Why these cases are deleted"))
        self.form.addRow(translate("Settings", "Reason:"), self.reason)
        self.form.addRow(
            note_label(
                translate(
                    "Settings",
                    "Another administrator must approve; nothing is deleted until then.",
                )
            )
        )

    def submit(self) -> None:
        self.request_id = retention.request_deletion(
            self.svc, self.actor, [c.case_id for c in self.cases], self.reason.text()
        )


class DecideDeletionDialog(FormDialog):
    """Approve (deletes now, for good) or reject (with a reason) another administrator's request."""

    def __init__(
        self,
        svc: Services,
        actor: Actor,
        request: DeletionRequestRow,
        *,
        approve: bool,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            translate("Settings", "Approve deletion request no. {id}")
            if approve
            else translate("Settings", "Reject deletion request no. {id}")
        )
        super().__init__(
            title.format(id=request.id),
            parent,
            ok_text=translate("Settings", "Delete now")
            if approve
            else translate("Settings", "Reject"),
        )
        self.svc, self.actor, self.request, self.approve = svc, actor, request, approve
        self.outcome: retention.DeletionOutcome | None = None
        self.form.addRow(
            note_label(
                translate("Settings", "Requested by {who}: {reason}").format(
                    who=request.requested_by, reason=request.reason
                )
            )
        )
        self.form.addRow(note_label("、".join(request.case_numbers)))
        self.reason = QLineEdit()
        if approve:
            self.form.addRow(
                note_label(
                    translate(
                        "Settings",
                        "The cases, their attachments and the people no other case names are "
                        "deleted for good; the audit trail keeps their events.",
                    )
                )
            )
        else:
            self.reason.setPlaceholderText(translate("Settings", "Why not (required)"))
            self.form.addRow(translate("Settings", "Reason:"), self.reason)

    def submit(self) -> None:
        if self.approve:
            self.outcome = retention.approve_deletion(self.svc, self.actor, self.request.id)
        else:
            retention.reject_deletion(self.svc, self.actor, self.request.id, self.reason.text())


class RetentionTab(QWidget, FormHost):
    """Settings › 档案保存: what may be deleted, and the requests to delete (administrators)."""

    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.eligible_model: RecordTableModel[EligibleCase] = RecordTableModel(
            ELIGIBLE_FIELDS, dimmed=lambda c: c.pending_request_id is not None, parent=self
        )
        self.eligible_table = record_table(self.eligible_model)
        # Several cases go into one request.
        self.eligible_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.request_model: RecordTableModel[DeletionRequestRow] = RecordTableModel(
            REQUEST_FIELDS, parent=self
        )
        self.request_table = record_table(self.request_model)
        self.request_button = QPushButton(self.tr("Request deletion of selected…"))
        self.approve_button = QPushButton(self.tr("Approve and delete…"))
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.request_button.clicked.connect(self.request_selected)
        self.approve_button.clicked.connect(lambda: self.decide_selected(approve=True))
        self.reject_button.clicked.connect(lambda: self.decide_selected(approve=False))
        self.request_button.setVisible(actor.can(Action.REQUEST_DELETION))
        for button in (self.approve_button, self.reject_button):
            button.setVisible(actor.can(Action.APPROVE_DELETION))
        self.eligible_table.selectionModel().selectionChanged.connect(self._refresh)
        self.request_table.selectionModel().selectionChanged.connect(self._refresh)
        self.message = Message()

        eligible_buttons = QHBoxLayout()
        eligible_buttons.addWidget(self.request_button)
        eligible_buttons.addStretch(1)
        request_buttons = QHBoxLayout()
        request_buttons.addWidget(self.approve_button)
        request_buttons.addWidget(self.reject_button)
        request_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr(
                    "Case records are kept at least 2 years after completion ({article}): a "
                    "case completed on 10 March 2024 may be deleted from 11 March 2026 (29 "
                    "February: from 1 March). One administrator requests the deletion with a "
                    "reason, another approves it. A tip-off's reward must be over too."
                ).format(article=ARTICLE)
            )
        )
        layout.addWidget(QLabel(self.tr("Cases past their retention period")))
        layout.addWidget(self.eligible_table, 2)
        layout.addLayout(eligible_buttons)
        layout.addWidget(QLabel(self.tr("Deletion requests waiting for approval")))
        layout.addWidget(self.request_table, 1)
        layout.addLayout(request_buttons)
        layout.addWidget(self.message)
        self.load()

    def load(self) -> None:
        try:
            eligible = retention.eligible_cases(self.svc)
            requests = retention.list_deletion_requests(self.svc, self.actor)
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.eligible_model.set_records(eligible)
        self.request_model.set_records(requests)
        fit_columns(self.eligible_table)
        fit_columns(self.request_table)
        self._refresh()

    def selected_cases(self) -> list[EligibleCase]:
        rows = sorted(
            {index.row() for index in self.eligible_table.selectionModel().selectedRows()}
        )
        cases = [self.eligible_model.record(row) for row in rows]
        return [c for c in cases if c.pending_request_id is None]

    def selected_request(self) -> DeletionRequestRow | None:
        row = selected_row(self.request_table)
        return None if row is None else self.request_model.record(row)

    def _refresh(self) -> None:
        self.request_button.setEnabled(bool(self.selected_cases()))
        request = self.selected_request()
        decidable = request is not None and request.may_decide(self.actor)
        self.approve_button.setEnabled(decidable)
        self.reject_button.setEnabled(decidable)
        if request is not None and not decidable and request.requested_by_id == self.actor.user_id:
            self.message.note(self.tr("Your own request: another administrator approves it."))

    def request_selected(self) -> RequestDeletionDialog | None:
        cases = self.selected_cases()
        if not cases:
            return None
        dialog = RequestDeletionDialog(self.svc, self.actor, cases, self)

        def done() -> None:
            self.message.ok(
                self.tr("Deletion request no. {id} is waiting for another administrator.").format(
                    id=dialog.request_id
                )
            )
            self._changed()

        self._open(dialog, done)
        return dialog

    def decide_selected(self, *, approve: bool) -> DecideDeletionDialog | None:
        request = self.selected_request()
        if request is None or not request.may_decide(self.actor):
            return None
        dialog = DecideDeletionDialog(self.svc, self.actor, request, approve=approve, parent=self)

        def done() -> None:
            if dialog.outcome is not None:
                self.message.ok(
                    self.tr("{count} cases deleted.").format(count=len(dialog.outcome.case_numbers))
                )
            else:
                self.message.ok(self.tr("Request rejected; nothing was deleted."))
            self._changed()

        self._open(dialog, done)
        return dialog

    def _changed(self) -> None:
        self.load()
        self.saved.emit()
