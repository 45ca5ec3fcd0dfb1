"""Routing a case: dispatch to a unit, the unit's return request and extension request, and their decisions."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox

from app.domain.deadlines import DeadlineKind
from app.services import handling
from ui.actions.base import ActionDialog, ServiceCall, text_of
from ui.formatting import format_datetime
from ui.i18n import QT_TRANSLATE_NOOP

# JY12345 sets no maximum: the spin box still needs a ceiling; no real extension comes near it.
UNBOUNDED_EXTENSION_DAYS = 60


class DispatchDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Dispatch")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Dispatch")

    def build(self) -> None:
        deadline = next((d for d in self.detail.deadlines if d.kind is DeadlineKind.DISPATCH), None)
        due = self.tr(", dispatch deadline {due}").format(due=deadline.due_text) if deadline else ""
        self.set_intro(
            self.tr(
                "Choose the handling unit{due}. The unit's deadlines for closing, first contact "
                "and requesting a return run from the dispatch (YJ12345 art. 9, art. 10)."
            ).format(due=due)
        )
        self.unit = self.add_unit_combo(self.tr("Handling unit"))
        self.designated = QCheckBox(
            self.tr("Designated by the centre (the unit may not return it)")
        )
        self.designated.setToolTip(
            self.tr(
                "Disputed matters or matters involving several units are assigned by the centre and cannot be returned (YJ12345 art. 10)"
            )
        )
        self.add_row(self.tr("Designated"), self.designated)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        unit_id: int = self.unit.currentData()
        designated = self.designated.isChecked()
        return lambda: handling.dispatch(svc, actor, case_id, unit_id, designated=designated)


class RequestReturnDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Request return")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Request return")

    def build(self) -> None:
        window = next(
            (d for d in self.detail.deadlines if d.kind is DeadlineKind.RETURN_WINDOW), None
        )
        self.set_intro(
            self.tr(
                "A handling unit that finds the work order outside its duties must request a "
                "return within the deadline, stating the reason and the basis; the centre "
                "decides ({article})."
            ).format(article=window.article if window else "YJ12345 art. 10")
        )
        self.add_info(self.tr("Handling unit"), self.detail.unit_name)
        if window is not None:
            self.add_info(
                self.tr("Deadline for returning"),
                self.tr("{due} ({status})").format(due=window.due_text, status=window.status.label),
            )
        self.reason = self.add_text(
            self.tr("Reason for return"),
            placeholder=self.tr("Why this is not the unit's responsibility"),
        )
        self.basis = self.add_line(
            self.tr("Basis for return"),
            placeholder=self.tr("e.g. the town's rules on the duties of its bodies"),
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        reason, basis = text_of(self.reason), text_of(self.basis)
        return lambda: handling.request_return(svc, actor, case_id, reason, basis)


class DecideReturnDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Decide return")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Approving a return means assigning another handling unit; its deadline starts "
                "again when it receives the case. If refused, the original unit carries on, with "
                "the deadline counted from when it first received the case (YJ12345 art. 10)."
            )
        )
        request = self.detail.pending_return
        if request is not None:
            self.add_info(self.tr("Requesting unit"), request.unit_name)
            self.add_info(self.tr("Requested at"), format_datetime(request.requested_at))
            self.add_info(self.tr("Reason for return"), request.reason)
            self.add_info(self.tr("Basis for return"), request.basis)
        self.choice = self.add_choice(
            self.tr("Decision"),
            [self.tr("Approve and assign another unit"), self.tr("Refuse the return")],
        )
        self.unit = self.add_unit_combo(self.tr("Assign to"), exclude=self.detail.unit_id)
        self.note = self.add_text(self.tr("Notes"), required=False, lines=2)
        self.choice.idToggled.connect(self._choice_changed)

    @property
    def approving(self) -> bool:
        return self.choice.checkedId() == 0

    def _choice_changed(self) -> None:
        self.unit.setEnabled(self.approving and self.unit.count() > 0)
        self.note.setPlaceholderText(
            "" if self.approving else self.tr("State why the return is refused (required)")
        )
        self.revalidate()

    def units_loaded(self) -> None:
        self._choice_changed()

    def is_complete(self) -> bool:
        if self.approving:
            return self.unit.currentData() is not None
        return bool(self.note.toPlainText().strip())

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        note = self.note.toPlainText()
        if self.approving:
            unit_id: int = self.unit.currentData()
            return lambda: handling.approve_return(svc, actor, case_id, unit_id, note)
        return lambda: handling.refuse_return(svc, actor, case_id, note)


class RequestExtensionDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Request extension")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Request extension")

    def build(self) -> None:
        limits = self.detail.extension
        article = limits.article if limits else "YJ12345 art. 9"
        self.set_intro(
            self.tr(
                "An extension must be requested before the time limit runs out, with the reason "
                "and the basis, and the requester must be told why; the total may not exceed the "
                "longest time limit for this kind of request ({article})."
            ).format(article=article)
        )
        most = UNBOUNDED_EXTENSION_DAYS
        if limits is not None:
            self.add_info(
                self.tr("Current deadline"),
                self.tr("{due} ({days} working days)").format(
                    due=limits.current_due_text, days=limits.current_working_days
                ),
            )
            if limits.max_working_days is None:
                self.add_info(
                    self.tr("Longest time limit"), self.tr("Not set by this rule profile")
                )
            else:
                self.add_info(
                    self.tr("Longest time limit"),
                    self.tr(
                        "At most {most} working days for a {kind}; {left} more working days "
                        "possible"
                    ).format(
                        kind=self.detail.kind_label,
                        most=limits.max_working_days,
                        left=limits.days_left,
                    ),
                )
                most = max(limits.days_left or 0, 1)
            if limits.max_count is not None:
                self.add_info(
                    self.tr("Extensions"),
                    self.tr("Extended {granted} times, at most {most}").format(
                        granted=limits.granted, most=limits.max_count
                    ),
                )
        self.days = QSpinBox()
        self.days.setRange(1, most)
        self.days.setSuffix(self.tr(" working days"))
        self.add_row(self.tr("Extend by"), self.days, required=True)
        self.reason = self.add_text(
            self.tr("Reason for extension"), placeholder=self.tr("Why it cannot be closed in time")
        )
        self.basis = self.add_line(
            self.tr("Basis for extension"), placeholder=self.tr("Legal or policy basis")
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        days = self.days.value()
        reason, basis = text_of(self.reason), text_of(self.basis)
        return lambda: handling.request_extension(svc, actor, case_id, days, reason, basis)


class DecideExtensionDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Decide extension")

    def build(self) -> None:
        limits = self.detail.extension
        self.set_intro(
            self.tr(
                "If approved, the deadline moves and the requester must be told why; a refusal "
                "must state its reason ({article})."
            ).format(article=limits.article if limits else "YJ12345 art. 9")
        )
        request = self.detail.pending_extension
        if request is not None:
            self.add_info(
                self.tr("Requested by"),
                self.tr("{who}, {when}").format(
                    who=request.requested_by, when=format_datetime(request.requested_at)
                ),
            )
            self.add_info(
                self.tr("Extend by"),
                self.tr("{days} working days").format(days=request.extra_working_days),
            )
            if limits is not None:
                self.add_info(
                    self.tr("Deadline"),
                    self.tr("{due} → {proposed} (if approved)").format(
                        due=limits.current_due_text, proposed=request.proposed_due_text
                    ),
                )
            self.add_info(self.tr("Reason for extension"), request.reason)
            self.add_info(self.tr("Basis for extension"), request.basis)
        self.choice = self.add_choice(
            self.tr("Decision"), [self.tr("Approve the extension"), self.tr("Refuse the extension")]
        )
        self.note = self.add_text(self.tr("Notes"), required=False, lines=2)
        self.choice.idToggled.connect(self._choice_changed)

    @property
    def approving(self) -> bool:
        return self.choice.checkedId() == 0

    def _choice_changed(self) -> None:
        self.note.setPlaceholderText(
            "" if self.approving else self.tr("State why the extension is refused (required)")
        )
        self.revalidate()

    def is_complete(self) -> bool:
        return self.approving or bool(self.note.toPlainText().strip())

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        approve, note = self.approving, self.note.toPlainText()
        return lambda: handling.decide_extension(svc, actor, case_id, approve=approve, note=note)
