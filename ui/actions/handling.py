"""Handling and after: record a contact, submit the result, review it, record an evaluation, archive."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from app.domain.cases import EvaluationStage
from app.domain.vocabulary import ContactMethod, EvaluationTag, Satisfaction
from app.services import handling
from ui.actions.base import ActionDialog, ServiceCall, from_qdatetime, text_of
from ui.formatting import format_datetime
from ui.i18n import QT_TRANSLATE_NOOP

# YJ12345 art. 14: what every result must state, cited where the clerk types it.
RESULT_ARTICLE = "YJ12345 art. 14"


def _methods() -> list[tuple[str, ContactMethod]]:
    return [(m.label, m) for m in ContactMethod]


class RecordContactDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Record contact")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Record")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Record it once the handling unit has contacted the requester; the time of the first contact counts for the response rate (YJ12345 art. 11(1))."
            )
        )
        now = self.svc.now()
        self.method = self.add_combo(self.tr("Contact method"), _methods(), current=0)
        self.at = self.add_datetime(self.tr("Contact time"), now, not_after=now)
        self.note = self.add_text(self.tr("Contact notes"), required=False, lines=2)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        method: ContactMethod = self.chosen(self.method)
        at, note = from_qdatetime(self.at.dateTime()), self.note.toPlainText()
        return lambda: handling.record_contact(svc, actor, case_id, method, note, at)


class SubmitResultDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Submit result")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Submit for review")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "The result must answer the request directly and state when and how it was "
                "handled, the outcome, and the legal or policy basis; all four are required "
                "({article}). A supervisor reviews it after submission."
            ).format(article=RESULT_ARTICLE)
        )
        if self.detail.request:
            self.add_info(self.tr("Request"), self.detail.request)
        now = self.svc.now()
        self.handled_at = self.add_datetime(self.tr("Handled at"), now, not_after=now)
        self.method = self.add_line(
            self.tr("Handling method"),
            placeholder=self.tr("e.g. on-site inspection and a talk with the person responsible"),
        )
        self.outcome = self.add_text(
            self.tr("Result"),
            placeholder=self.tr("The result, and whether the requester has been answered"),
        )
        self.basis = self.add_line(
            self.tr("Basis"), placeholder=self.tr("Legal, regulatory or policy basis")
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        handled_at = from_qdatetime(self.handled_at.dateTime())
        method, outcome, basis = text_of(self.method), text_of(self.outcome), text_of(self.basis)
        return lambda: handling.submit_result(
            svc, actor, case_id, handled_at=handled_at, method=method, outcome=outcome, basis=basis
        )


class ReviewDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Review")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Check that the result answers the request directly and states the time, method, "
                "outcome and basis; if sent back, the deadline still runs from when the case was "
                "first received ({article})."
            ).format(article=RESULT_ARTICLE)
        )
        result = self.detail.last_result
        if result is not None:
            self.add_info(self.tr("Handled at"), format_datetime(result.handled_at))
            self.add_info(self.tr("Handling method"), result.method)
            self.add_info(self.tr("Result"), result.outcome)
            self.add_info(self.tr("Basis"), result.basis)
        self.choice = self.add_choice(
            self.tr("Review decision"),
            [self.tr("Approve and close"), self.tr("Send back for rework")],
        )
        self.comment = self.add_text(self.tr("Review notes"), required=False, lines=2)
        self.choice.idToggled.connect(self._choice_changed)

    @property
    def passing(self) -> bool:
        return self.choice.checkedId() == 0

    def _choice_changed(self) -> None:
        self.comment.setPlaceholderText(
            "" if self.passing else self.tr("State what does not meet the requirements (required)")
        )
        self.revalidate()

    def is_complete(self) -> bool:
        return self.passing or bool(self.comment.toPlainText().strip())

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        passed, comment = self.passing, self.comment.toPlainText()
        return lambda: handling.review(svc, actor, case_id, passed=passed, comment=comment)


class EvaluationDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Record evaluation")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Record evaluation")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Ratings have five levels and can be recorded on acceptance and after closing; "
                "after a closing rating of dissatisfied or very dissatisfied, the centre must "
                "follow up (YJ12345 art. 20)."
            )
        )
        self.level = self.add_combo(
            self.tr("Rating"),
            [(s.label, s) for s in Satisfaction],
            placeholder=self.tr("Please choose a rating"),
        )
        stages = self.detail.evaluation_stages
        self.stage = self.add_combo(self.tr("Stage"), [(s.label, s) for s in stages], current=0)
        self.method = self.add_combo(self.tr("Method"), _methods(), current=0)
        # Optional reasons (STD item 17), the good ones in the first column, the bad ones in
        # the second, so a clerk on the phone finds them where the rating points.
        tags = QWidget()
        grid = QGridLayout(tags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.tag_boxes: dict[EvaluationTag, QCheckBox] = {}
        rows = {False: 0, True: 0}
        for tag in EvaluationTag:
            box = QCheckBox(tag.label)
            grid.addWidget(box, rows[tag.is_negative], int(tag.is_negative))
            rows[tag.is_negative] += 1
            self.tag_boxes[tag] = box
        self.add_row(self.tr("Reasons"), tags)
        self.comment = self.add_text(self.tr("Requester's comments"), required=False, lines=2)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        level: Satisfaction = self.chosen(self.level)
        stage: EvaluationStage = self.chosen(self.stage)
        method: ContactMethod = self.chosen(self.method)
        comment = self.comment.toPlainText()
        tags = tuple(tag for tag, box in self.tag_boxes.items() if box.isChecked())
        return lambda: handling.record_evaluation(
            svc, actor, case_id, level, stage=stage, method=method, comment=comment, tags=tags
        )


class CloseDialog(ActionDialog):
    title = QT_TRANSLATE_NOOP("Actions", "Archive")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Archive")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Archiving ends the case: no more handling can be recorded; records are kept at least 2 years after closing (JY12345 art. 5, art. 18)."
            )
        )
        self.add_info(
            self.tr("Closed at"),
            format_datetime(self.detail.completed_at) if self.detail.completed_at else "",
        )
        self.add_info(
            self.tr("Rating"),
            self.tr(", ").join(e.level for e in self.detail.evaluations) or self.tr("Not rated"),
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        return lambda: handling.close(svc, actor, case_id)
