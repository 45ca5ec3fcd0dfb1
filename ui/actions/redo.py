"""Redo (重办): the citizen's request after a dissatisfied evaluation, and the centre's review.

YJ12345 art. 20 (one redo, the same period again from the redo dispatch); JY12345 art. 16, 17
(for the unit's fault; a further redo only when the unit did not follow the redo instructions).
The rules themselves live in the domain; these dialogs show what applies and collect the values.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel

from app.domain.vocabulary import ContactMethod
from app.services import handling
from app.services.case_view import RedoView
from ui.actions.base import REQUIRED_MARK, ActionDialog, ServiceCall, text_of
from ui.formatting import format_datetime
from ui.i18n import QT_TRANSLATE_NOOP


def _limits_text(dialog: ActionDialog) -> str:
    redo = dialog.detail.redo
    if redo is None:
        return "—"
    return dialog.tr("{granted} of {max} granted ({article})").format(
        granted=redo.granted, max=redo.max_count, article=redo.next_article
    )


class RequestRedoDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Request redo")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Submit for review")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "After a rating of dissatisfied or very dissatisfied the requester may ask for a "
                "redo. The centre reviews the request; if approved, the order goes back to the "
                "handling unit with a new deadline as long as the original one, counted from the "
                "redo dispatch ({article})."
            ).format(article=self.detail.redo.article if self.detail.redo else "YJ12345 art. 20")
        )
        last = self.detail.last_evaluation
        if last is not None:
            rating = f"{last.level}（{format_datetime(last.at)}，{last.method}）"
            if last.tags:
                rating += "\n" + "、".join(last.tags)
            if last.comment:
                rating += "\n" + last.comment
            self.add_info(self.tr("Rating after handling"), rating)
        self.add_info(self.tr("Redos"), _limits_text(self))
        self.method = self.add_combo(
            self.tr("Asked by"), [(m.label, m) for m in ContactMethod], current=0
        )
        self.reason = self.add_text(
            self.tr("Requester's reason"),
            placeholder=self.tr("What the requester says is still wrong"),
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        method: ContactMethod = self.chosen(self.method)
        reason = text_of(self.reason)
        return lambda: handling.request_redo(svc, actor, case_id, reason, method=method)


class DecideRedoDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Decide redo")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Save decision")

    def build(self) -> None:
        redo = self.detail.redo
        self.set_intro(
            self.tr(
                "Approve to send the order back to the same handling unit with your redo "
                "instructions; refuse with the reason the requester will be told ({article})."
            ).format(article=redo.next_article if redo else "YJ12345 art. 20")
        )
        request: RedoView | None = self.detail.pending_redo
        if request is not None:
            self.add_info(
                self.tr("Requested"),
                f"{format_datetime(request.requested_at)}，{request.requested_by}"
                f"（{request.method}，{request.level}）",
            )
            self.add_info(self.tr("Requester's reason"), request.reason)
        self.add_info(self.tr("Redos"), _limits_text(self))
        if redo is not None:
            self.add_info(
                self.tr("Deadline if approved now"),
                self.tr("{due} ({period} from the redo dispatch)").format(
                    due=redo.due_if_approved_text, period=redo.original_period_text
                ),
            )
        self.choice = self.add_choice(
            self.tr("Decision"),
            [self.tr("Approve: send back to the unit for a redo"), self.tr("Refuse the redo")],
        )
        self.unit_fault: QCheckBox | None = None
        self.not_followed: QCheckBox | None = None
        if redo is not None and redo.unit_fault_required:
            self.unit_fault = QCheckBox(
                self.tr("The dissatisfaction was caused by the handling unit")
            )
            self.add_row(self.tr("Confirmed"), self.unit_fault)
            self.unit_fault.toggled.connect(self.revalidate)
        if redo is not None and redo.needs_instructions_not_followed:
            self.not_followed = QCheckBox(
                self.tr("The handling unit did not follow the redo instructions")
            )
            self.add_row(self.tr("Confirmed"), self.not_followed)
            self.not_followed.toggled.connect(self.revalidate)
        self.note = self.add_text(self.tr("Redo instructions"), required=False)
        self.choice.idToggled.connect(self._choice_changed)
        self._choice_changed()

    @property
    def approving(self) -> bool:
        return self.choice.checkedId() == 0

    def _choice_changed(self) -> None:
        label = self.form.labelForField(self.note)
        caption = self.tr("Redo instructions") if self.approving else self.tr("Reason for refusing")
        if isinstance(label, QLabel):
            label.setText(f"{REQUIRED_MARK}{caption}：")
        self.note.setPlaceholderText(
            self.tr("What the unit must do this time")
            if self.approving
            else self.tr("The reason the requester will be told")
        )
        for box in (self.unit_fault, self.not_followed):
            if box is not None:
                box.setEnabled(self.approving)
        self.revalidate()

    def is_complete(self) -> bool:
        if not self.note.toPlainText().strip():
            return False
        if not self.approving:
            return True
        return all(box is None or box.isChecked() for box in (self.unit_fault, self.not_followed))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        approve, note = self.approving, self.note.toPlainText()
        unit_fault = self.unit_fault is not None and self.unit_fault.isChecked()
        not_followed = self.not_followed is not None and self.not_followed.isChecked()
        return lambda: handling.decide_redo(
            svc,
            actor,
            case_id,
            approve=approve,
            note=note,
            unit_fault=unit_fault,
            instructions_not_followed=not_followed,
        )
