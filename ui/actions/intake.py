"""Intake decisions on a registered case: accept, refuse, one-time materials notice, answer at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from app.domain.deadlines import DeadlineKind
from app.domain.vocabulary import RefusalGround
from app.services import case_view, handling
from ui.actions.base import ActionDialog, ServiceCall, text_of
from ui.i18n import QT_TRANSLATE_NOOP


def _due(dialog: ActionDialog, kind: DeadlineKind) -> str:
    deadline = next((d for d in dialog.detail.deadlines if d.kind is kind), None)
    return f"{deadline.due_text}（{deadline.status.label}）" if deadline else ""


class AcceptDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Accept")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Accept")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Confirm that this request is accepted. It is then dispatched to a handling unit, "
                "whose deadline runs from when it receives the work order "
                "(YJ12345 art. 8, art. 10)."
            )
        )
        self.add_info(self.tr("Dispatch deadline"), _due(self, DeadlineKind.DISPATCH))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        return lambda: handling.accept(svc, actor, case_id)


class RefuseDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Decline")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Decline")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Declining needs one of the grounds listed in YJ12345 art. 6 and a specific reason; the Notice of Refusal can be printed after saving."
            )
        )
        self.ground: QComboBox = self.add_combo(
            self.tr("Ground for declining"),
            [(f"（{g.value}）{g.label}", g) for g in RefusalGround],
            placeholder=self.tr("Please choose a ground"),
        )
        # The seven grounds are long sentences: the combo stays narrow, the chosen one reads
        # in full below it.
        self.ground.setMinimumContentsLength(24)
        self.ground.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ground_text = self.add_info(self.tr("Basis"), "")
        self.reason: QPlainTextEdit = self.add_text(
            self.tr("Reason"), placeholder=self.tr("The reason given to the requester")
        )
        self.related: QLineEdit = self.add_line(
            self.tr("Earlier case number"), placeholder=self.tr("e.g. TD01-20260105-0003")
        )
        self.related.setEnabled(False)
        self.ground.currentIndexChanged.connect(self._ground_changed)

    def _ground_changed(self) -> None:
        ground = self.chosen(self.ground)
        self.ground_text.setText(f"{ground.label}（{ground.article}）" if ground else "—")
        # Ground (6) — the same fact again — must name the earlier case (YJ12345 art. 6(6)).
        self.related.setEnabled(ground is RefusalGround.REPEAT)
        self.revalidate()

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        ground: RefusalGround = self.chosen(self.ground)
        reason = text_of(self.reason)
        number = self.related.text() if self.related.isEnabled() else ""

        def call() -> None:
            related = case_view.find_case_id(svc, number) if number else None
            handling.refuse(svc, actor, case_id, ground, reason, related)

        return call


class RequestMaterialsDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Request materials")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Issue notice")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "The notice must list every material to supplement (one per line) and can be "
                "given only once; after saving, print the one-time notice for the requester "
                "(STD item 6)."
            )
        )
        self.items = self.add_text(
            self.tr("Materials to supplement"),
            placeholder=self.tr(
                "One per line, e.g.:\nphotos of the site\ncopy of the property management contract"
            ),
            lines=4,
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        items = [line.strip() for line in self.items.toPlainText().splitlines() if line.strip()]
        return lambda: handling.request_materials(svc, actor, case_id, items)


class SupplyMaterialsDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Materials supplied")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Materials supplied, accept")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Once the requester has supplied all the materials, the request is accepted (STD item 6)."
            )
        )
        self.add_info(self.tr("Materials to supplement"), "\n".join(self.detail.missing_materials))
        self.add_info(self.tr("Deadline for materials"), _due(self, DeadlineKind.MATERIALS))
        self.note = self.add_text(
            self.tr("Notes on the materials"),
            required=False,
            placeholder=self.tr("(optional)"),
            lines=2,
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        note = self.note.toPlainText()
        return lambda: handling.supply_materials(svc, actor, case_id, note)


class WithdrawDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Treat as withdrawn")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Treat as withdrawn")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "If the materials are still missing when the deadline has passed, the request counts as withdrawn and the case ends (STD item 6). Not before the deadline has passed."
            )
        )
        self.add_info(self.tr("Deadline for materials"), _due(self, DeadlineKind.MATERIALS))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        return lambda: handling.withdraw_for_missing_materials(svc, actor, case_id)


class AnswerAtOnceDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Quick answer")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Answer and close")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "An enquiry can be answered on the spot and closed; the answer is recorded as the result (YJ12345 art. 9(1)1)."
            )
        )
        self.add_info(self.tr("Enquiry"), self.detail.content)
        self.answer = self.add_text(
            self.tr("Answer"), placeholder=self.tr("The answer given to the requester")
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        answer = self.answer.toPlainText()
        return lambda: handling.answer_at_once(svc, actor, case_id, answer)
