"""The claim's action dialogs, each one service call on the house's ActionDialog skeleton."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QSize
from PySide6.QtWidgets import QCompleter, QDateEdit, QLabel, QPlainTextEdit, QWidget

from app.domain.rewards import (
    DECLARABLE_RELATIONSHIPS,
    NoticeMethod,
    Objection,
    ObjectionGround,
    PaymentMethod,
    Verification,
)
from app.domain.users import Actor
from app.services import exclusions, rewards
from app.services.case_view import CaseDetail
from app.services.context import Services
from ui.actions.base import ActionDialog, ServiceCall, from_qdatetime, text_of
from ui.background import BackgroundTask, Failure, run_in_background
from ui.formatting import NO_VALUE, WARNING_STYLE, format_date
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.rewards.model import yuan
from ui.rewards.widgets import fill_table, make_table

DATE_FORMAT = "yyyy-MM-dd"


def parse_yuan(text: str) -> int | None:
    """Yuan as typed (``1,234.5``) to integer fen, exactly; None when it is not an amount."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    fen = amount * 100
    if fen != fen.to_integral_value():
        return None  # more than two decimals: no rounding behind the clerk's back
    return int(fen)


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


def _date_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class VerificationDialog(ActionDialog):
    """The brigade's filing: outcome, penalty, decision, fine, brigade, closing date (FIRE art. 9)."""

    title = QT_TRANSLATE_NOOP("Actions", "Record verification result")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Record")

    def build(self) -> None:
        today = self.svc.now().date()
        self.set_intro(
            self.tr(
                "Enter the fire brigade's filing after the penalty case was closed "
                "(FIRE art. 9). The fine is in yuan, with at most two decimals."
            )
        )
        yes_no = [(self.tr("Yes"), True), (self.tr("No"), False)]
        self.verified = self.add_combo(self.tr("Report verified"), yes_no, current=0)
        self.penalty = self.add_combo(self.tr("Penalty imposed"), yes_no, current=0)
        self.decision_number = self.add_line(self.tr("Penalty decision number"), required=False)
        self.decision_date = _date_edit(today)
        self.add_row(self.tr("Decision date"), self.decision_date)
        self.fine = self.add_line(self.tr("Fine (yuan)"), placeholder="50000.00")
        self.brigade = self.add_line(self.tr("Fire brigade"))
        self.closing_date = _date_edit(today)
        self.add_row(self.tr("Closing date"), self.closing_date, required=True)
        self.filed_on = _date_edit(today)
        self.add_row(self.tr("Filed on"), self.filed_on, required=True)
        self.fine_hint = QLabel()
        self.form.addRow("", self.fine_hint)
        self.fine.textChanged.connect(self._show_fine)

    def _show_fine(self) -> None:
        fen = parse_yuan(self.fine.text())
        self.fine_hint.setText(
            self.tr("= {fen} fen").format(fen=fen)
            if fen is not None
            else self.tr("Enter an amount in yuan with at most two decimals")
            if self.fine.text().strip()
            else ""
        )

    def is_complete(self) -> bool:
        return parse_yuan(self.fine.text()) is not None

    def make_call(self) -> ServiceCall:
        fen = parse_yuan(self.fine.text())
        assert fen is not None
        penalty = bool(self.chosen(self.penalty))
        verification = Verification(
            verified=bool(self.chosen(self.verified)),
            penalty_imposed=penalty,
            decision_number=text_of(self.decision_number),
            decision_date=_date_of(self.decision_date) if penalty else None,
            fine_fen=fen,
            brigade=text_of(self.brigade),
            closing_date=_date_of(self.closing_date),
            filed_on=_date_of(self.filed_on),
        )
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        return lambda: rewards.record_verification(svc, actor, case_id, verification)


class DecideDialog(ActionDialog):
    """The clerk's two answers; the decision they lead to is shown before OK (FIRE art. 5–8).

    The preview is ``rewards.preview_decision``, the same computation the decision stores, run
    again whenever an answer changes; OK waits for the preview of the answers shown.
    """

    title = QT_TRANSLATE_NOOP("Actions", "Decide the reward")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Decide")

    def __init__(
        self, svc: Services, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        self.preview_task: BackgroundTask[rewards.DecisionPreview] | None = None
        self.preview: rewards.DecisionPreview | None = None
        super().__init__(svc, actor, detail, parent)

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "The program checks eligibility (FIRE art. 6–7) from the case, the brigade's "
                "filing, the duplicate reports and the exclusion register. Answer the two "
                "questions only the brigade can know, check the outcome, then decide."
            )
        )
        yes_no = [(self.tr("No"), False), (self.tr("Yes"), True)]
        self.known = self.add_combo(self.tr("Clue already known to the brigade"), yes_no, current=0)
        self.investigating = self.add_combo(
            self.tr("Already under investigation"), yes_no, current=0
        )
        self.outcome = self.add_info(self.tr("Outcome"), self.tr("Computing…"))
        self.steps = make_table(
            [self.tr("Step"), self.tr("Amount (yuan)"), self.tr("Article")], right_aligned=(1,)
        )
        self.steps.setMinimumHeight(self.steps.verticalHeader().defaultSectionSize() * 9)
        self.form.addRow(self.steps)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"{WARNING_STYLE} padding: 6px 8px;")
        self.warning.hide()
        self.form.addRow(self.warning)
        self._checks.append(lambda: self.preview is not None)
        self.known.currentIndexChanged.connect(self.refresh_preview)
        self.investigating.currentIndexChanged.connect(self.refresh_preview)
        self.refresh_preview()

    def sizeHint(self) -> QSize:
        return QSize(680, 560)

    def refresh_preview(self) -> None:
        if self.preview_task is not None:
            self.preview_task.cancel()
        self.preview = None
        self.revalidate()
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        known = bool(self.chosen(self.known))
        investigating = bool(self.chosen(self.investigating))
        self.preview_task = run_in_background(
            self,
            lambda token, report: rewards.preview_decision(
                svc,
                actor,
                case_id,
                clue_already_known=known,
                already_under_investigation=investigating,
            ),
            on_success=self._previewed,
            on_failure=self._preview_failed,
        )

    def _previewed(self, preview: rewards.DecisionPreview) -> None:
        self.preview_task = None
        self.preview = preview
        computation = preview.computation
        if computation is None:
            reasons = "\n".join(f"· {r.reason}（{r.article}）" for r in preview.eligibility.reasons)
            self.outcome.setText(self.tr("Not eligible:") + "\n" + reasons)
            fill_table(self.steps, [])
            self.steps.hide()
            self.ok_button.setText(self.tr("Decide not to award"))
        else:
            self.outcome.setText(
                self.tr("Award {total} yuan").format(total=yuan(computation.total_fen))
            )
            fill_table(
                self.steps,
                [(s.label, yuan(s.amount_fen), s.article) for s in computation.steps],
            )
            self.steps.show()
            self.ok_button.setText(self.ok_text)
        warnings = []
        if preview.eligibility.review_flag:
            warnings.append(
                self.tr(
                    "A reporter matches the exclusion register: the case will be flagged "
                    "for review (FIRE art. 13)."
                )
            )
        if preview.lapse_warning:
            warnings.append(preview.lapse_warning)
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.revalidate()

    def _preview_failed(self, failure: Failure) -> None:
        self.preview_task = None
        self.outcome.setText(NO_VALUE)
        self.error_label.show_message(failure.message)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        known = bool(self.chosen(self.known))
        investigating = bool(self.chosen(self.investigating))
        return lambda: rewards.decide(
            svc,
            actor,
            case_id,
            clue_already_known=known,
            already_under_investigation=investigating,
        )


class NotifyDialog(ActionDialog):
    """How and when the decision reached the reporter (FIRE art. 8, 10)."""

    title = QT_TRANSLATE_NOOP("Actions", "Record notice")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Record")

    def build(self) -> None:
        now = self.svc.now()
        self.method = self.add_combo(self.tr("Method"), [(m.label, m) for m in NoticeMethod])
        self.delivered = self.add_datetime(self.tr("Delivered at"), now, not_after=now)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        method = self.chosen(self.method)
        delivered = from_qdatetime(self.delivered.dateTime())
        return lambda: rewards.notify(svc, actor, case_id, method, delivered)


class _ShareDialog(ActionDialog):
    """An action on one reporter's share; the reporter is chosen first."""

    def __init__(
        self,
        svc: Services,
        actor: Actor,
        detail: CaseDetail,
        parent: QWidget | None = None,
        *,
        shares: list[tuple[str, int]],
    ) -> None:
        self.share_items = shares
        super().__init__(svc, actor, detail, parent)

    def add_share_combo(self) -> None:
        self.share = self.add_combo(
            # The subclasses' tr() context would be their own name: a fixed one here.
            translate("RewardShareDialog", "Reporter"),
            self.share_items,
            current=0 if len(self.share_items) == 1 else -1,
        )

    def person_id(self) -> Any:
        return self.chosen(self.share)


class ClaimShareDialog(_ShareDialog):
    """The reporter at the counter: the ID presented must match the one on the report."""

    title = QT_TRANSLATE_NOOP("Actions", "Check identity at the counter")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Confirm")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "The reporter collects in person with the original of a valid ID (FIRE art. 10). "
                "Type the number on the ID presented."
            )
        )
        self.add_share_combo()
        self.id_number = self.add_line(self.tr("ID number presented"))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        person_id, presented = self.person_id(), text_of(self.id_number)
        return lambda: rewards.claim_share(svc, actor, case_id, person_id, presented)


class ApproveDialog(_ShareDialog):
    """Maker–checker: a supervisor other than the decider approves (FIRE art. 10)."""

    title = QT_TRANSLATE_NOOP("Actions", "Approve payout")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Approve")

    def build(self) -> None:
        self.set_intro(
            self.tr("The payout is approved by a supervisor other than the one who decided it.")
        )
        self.add_share_combo()

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        person_id = self.person_id()
        return lambda: rewards.approve_share(svc, actor, case_id, person_id)


class PayDialog(_ShareDialog):
    """Pay one approved share, once (RULES §4.5)."""

    title = QT_TRANSLATE_NOOP("Actions", "Pay the award")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Pay")

    def build(self) -> None:
        self.add_share_combo()
        self.paid_on = _date_edit(self.svc.now().date())
        self.add_row(self.tr("Paid on"), self.paid_on, required=True)
        self.method = self.add_combo(
            self.tr("Payment method"), [(m.label, m) for m in PaymentMethod]
        )
        self.voucher = self.add_line(self.tr("Voucher number"))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        person_id, paid_on = self.person_id(), _date_of(self.paid_on)
        method, voucher = self.chosen(self.method), text_of(self.voucher)
        return lambda: rewards.pay_share(
            svc, actor, case_id, person_id, paid_on=paid_on, method=method, voucher_number=voucher
        )


class _EndDialog(ActionDialog):
    """An end of the claim that needs only its reason: ``end(svc, actor, case_id, reason)``."""

    end: Callable[[Services, Actor, int, str], None]
    reason: QPlainTextEdit

    def make_call(self) -> ServiceCall:
        svc, actor, case_id, end = self.svc, self.actor, self.detail.id, self.end
        reason = text_of(self.reason)
        return lambda: end(svc, actor, case_id, reason)


class FraudDialog(_EndDialog):
    """A forged claim or a fabricated report: no payout, the record kept (FIRE art. 12)."""

    title = QT_TRANSLATE_NOOP("Actions", "Mark fraudulent")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Mark fraudulent")

    end = staticmethod(rewards.mark_fraudulent)

    def build(self) -> None:
        self.reason = self.add_text(self.tr("Facts found"))


class CancelUnreachableDialog(_EndDialog):
    """Contact details wrong or the reporter unreachable: cancel after the period (FIRE art. 10)."""

    title = QT_TRANSLATE_NOOP("Actions", "Cancel: reporter unreachable")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Cancel the award")
    end = staticmethod(rewards.cancel_unreachable)

    def __init__(
        self,
        svc: Services,
        actor: Actor,
        detail: CaseDetail,
        parent: QWidget | None = None,
        *,
        period_end: date,
    ) -> None:
        self.period_end = period_end
        super().__init__(svc, actor, detail, parent)

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "An award whose notice could not be delivered is cancelled once 30 days have "
                "passed after the case's closing date (FIRE art. 10), that is after {day}. "
                "Say what was tried."
            ).format(day=format_date(self.period_end))
        )
        self.reason = self.add_text(self.tr("Attempts and outcome"))


class DeclareRelativeDialog(_ShareDialog):
    """A reporter declares a relative (RULES §4.2); the decision matches it to the register."""

    title = QT_TRANSLATE_NOOP("Actions", "Declare a relative")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Record")

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "Before the decision, record the relatives the reporter declares. A direct "
                "relative on the exclusion register blocks the award (FIRE art. 6, 13)."
            )
        )
        self.add_share_combo()
        # Free text with the usual answers offered: a relationship the list lacks is still
        # recorded as the reporter put it.
        self.relationship = self.add_line(
            self.tr("Relationship"), placeholder="、".join(DECLARABLE_RELATIONSHIPS[:4]) + "…"
        )
        completer = QCompleter(list(DECLARABLE_RELATIONSHIPS), self.relationship)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.relationship.setCompleter(completer)
        self.id_number = self.add_line(self.tr("Relative's ID number"))

    def make_call(self) -> ServiceCall:
        svc, actor = self.svc, self.actor
        person_id = self.person_id()
        relationship, id_number = text_of(self.relationship), text_of(self.id_number)
        case_id = self.detail.id
        return lambda: exclusions.declare_relative(
            svc, actor, person_id, relationship, id_number, case_id=case_id
        )


class ReceiveObjectionDialog(ActionDialog):
    """The reporter objects to a decision: within the window, once per decision (RULES §3)."""

    title = QT_TRANSLATE_NOOP("Actions", "Receive an objection")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Receive")

    def __init__(
        self,
        svc: Services,
        actor: Actor,
        detail: CaseDetail,
        parent: QWidget | None = None,
        *,
        grounds: tuple[ObjectionGround, ...],
    ) -> None:
        self.grounds = grounds
        super().__init__(svc, actor, detail, parent)

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "A reporter may object within 30 days of the notice, once per decision; a "
                "supervisor other than the one who decided reviews it (RULES §3)."
            )
        )
        self.ground = self.add_combo(
            self.tr("Objection to"),
            [(g.label, g) for g in self.grounds],
            current=0 if len(self.grounds) == 1 else -1,
        )
        self.statement = self.add_text(self.tr("The reporter's request and reasons"))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        ground, statement = self.chosen(self.ground), text_of(self.statement)
        return lambda: rewards.receive_objection(svc, actor, case_id, ground, statement)


class ReviewObjectionDialog(ActionDialog):
    """Uphold, or change and recompute through the rewards engine (RULES §3, FIRE art. 5)."""

    title = QT_TRANSLATE_NOOP("Actions", "Review the objection")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Record the review")

    def __init__(
        self,
        svc: Services,
        actor: Actor,
        detail: CaseDetail,
        parent: QWidget | None = None,
        *,
        objection: Objection,
        answers: tuple[bool, bool] | None,
    ) -> None:
        self.objection = objection
        self.answers = answers or (False, False)
        super().__init__(svc, actor, detail, parent)

    def build(self) -> None:
        self.set_intro(
            self.tr(
                "A supervisor other than the one who decided reviews the objection. Changing "
                "the decision computes it again with the answers below and the yearly cap "
                "(FIRE art. 5); the new decision is then notified again."
            )
        )
        self.add_info(self.tr("Objection to"), self.objection.decision_summary)
        self.add_info(self.tr("Reporter's statement"), self.objection.statement)
        self.outcome = self.add_combo(
            self.tr("Review outcome"),
            [(self.tr("Uphold the decision"), True), (self.tr("Change the decision"), False)],
        )
        yes_no = [(self.tr("No"), False), (self.tr("Yes"), True)]
        known, investigating = self.answers
        self.known = self.add_combo(
            self.tr("Clue already known to the brigade"), yes_no, current=int(known)
        )
        self.investigating = self.add_combo(
            self.tr("Already under investigation"), yes_no, current=int(investigating)
        )
        self.reasons = self.add_text(self.tr("Reasons of the review"))
        self.outcome.currentIndexChanged.connect(self._show_change)
        self._show_change()

    def _show_change(self) -> None:
        changing = self.chosen(self.outcome) is False
        for combo in (self.known, self.investigating):
            combo.setEnabled(changing)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        upheld, reasons = bool(self.chosen(self.outcome)), text_of(self.reasons)
        known = bool(self.chosen(self.known))
        investigating = bool(self.chosen(self.investigating))
        return lambda: rewards.review_objection(
            svc,
            actor,
            case_id,
            upheld=upheld,
            reasons=reasons,
            clue_already_known=None if upheld else known,
            already_under_investigation=None if upheld else investigating,
        )


__all__ = [
    "ApproveDialog",
    "CancelUnreachableDialog",
    "ClaimShareDialog",
    "DecideDialog",
    "DeclareRelativeDialog",
    "FraudDialog",
    "NotifyDialog",
    "PayDialog",
    "ReceiveObjectionDialog",
    "ReviewObjectionDialog",
    "VerificationDialog",
]
