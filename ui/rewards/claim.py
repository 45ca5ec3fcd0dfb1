"""The claim screen: verification, computation, shares, and the actions the claim's state allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.documents.payloads import DocType
from app.domain.people import mask_id
from app.domain.rewards import ClaimState, RewardClaim, ShareState
from app.domain.rewards.claims import ACTION_STATES, ClaimAction
from app.domain.users import Action, Actor
from app.services import case_view, exclusions, queries, rewards
from app.services.case_view import CaseDetail
from app.services.context import Services
from app.services.exclusions import DeclaredRelativeRow
from app.services.queries import TimelineEntry
from ui.actions.base import ActionDialog
from ui.background import BackgroundTask, Failure, run_in_background
from ui.formatting import NO_VALUE, WARNING_STYLE, format_date, format_datetime
from ui.login_dialog import ErrorLabel
from ui.printing.preview import PdfPreviewDialog
from ui.rewards.actions import (
    ApproveDialog,
    CancelUnreachableDialog,
    ClaimShareDialog,
    DecideDialog,
    DeclareRelativeDialog,
    FraudDialog,
    NotifyDialog,
    PayDialog,
    ReceiveObjectionDialog,
    ReviewObjectionDialog,
    VerificationDialog,
)
from ui.rewards.model import COLLECTING_STATES, yuan
from ui.rewards.widgets import fill_table, make_table, print_with_preview


@dataclass(frozen=True)
class ClaimView:
    """What the claim screen needs, read together in the background."""

    claim: RewardClaim
    detail: CaseDetail
    names: dict[int, str]  # person id → masked name (RULES §5)
    relatives: dict[int, list[DeclaredRelativeRow]]  # empty without the permission
    history: list[TimelineEntry]  # the claim's own events and printed documents
    cancel_after: date | None  # FIRE art. 10: the period's last day, when it can be cancelled


REWARD_DOCUMENTS = {d.value for d in rewards.CLAIM_DOCUMENT_ARTICLES}


def _is_reward_event(entry: TimelineEntry) -> bool:
    return entry.action.startswith(("reward", "relative")) or (
        entry.details.get("doc_type") in REWARD_DOCUMENTS
    )


def load_claim(svc: Services, actor: Actor, case_id: int) -> ClaimView:
    detail = case_view.case_detail(svc, actor, case_id)
    claim = rewards.get_claim(svc, case_id)
    masked = [s.name for s in sorted(detail.submitters, key=lambda s: s.position)]
    names = {
        share.person_id: masked[share.position] if share.position < len(masked) else NO_VALUE
        for share in claim.shares
    }
    relatives = (
        {s.person_id: exclusions.declared_relatives(svc, actor, s.person_id) for s in claim.shares}
        if actor.can(Action.DECLARE_RELATIVES)
        else {}
    )
    history = [e for e in queries.timeline(svc, case_id) if _is_reward_event(e)]
    return ClaimView(
        claim, detail, names, relatives, history, rewards.cancellation_period_end(svc, case_id)
    )


class ClaimDialog(QDialog):
    """One claim; every action runs through an ActionDialog and the screen reloads after it."""

    changed = Signal()

    def __init__(
        self, svc: Services, actor: Actor, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.case_id = case_id
        self.view: ClaimView | None = None
        self.task: BackgroundTask[ClaimView] | None = None
        self.print_task: BackgroundTask[rewards.RewardDocument] | None = None
        self.action_dialog: ActionDialog | None = None
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle(self.tr("Tip-off reward"))
        self.setMinimumSize(760, 600)

        self.header = QLabel(self.tr("Loading…"))
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setWordWrap(True)
        self.error_label = ErrorLabel()

        verification_box = QGroupBox(self.tr("Brigade's verification"))
        self.verification_form = QFormLayout(verification_box)
        self.verification_label = QLabel(NO_VALUE)
        self.verification_label.setWordWrap(True)
        self.verification_form.addRow(self.verification_label)

        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setObjectName("claimOutcome")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flag = QLabel()
        self.flag.setWordWrap(True)
        self.flag.setStyleSheet(f"{WARNING_STYLE} padding: 6px 8px;")
        self.flag.hide()

        self.steps = make_table(
            [self.tr("Step"), self.tr("Amount (yuan)"), self.tr("Article")], right_aligned=(1,)
        )
        self.shares = make_table(
            [
                self.tr("Reporter"),
                self.tr("ID number"),
                self.tr("Award (yuan)"),
                self.tr("State"),
                self.tr("Declared relatives"),
            ],
            right_aligned=(2,),
        )
        self.history = make_table(
            [self.tr("Time"), self.tr("By"), self.tr("What"), self.tr("Article")]
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.steps, self.tr("Computation of the award"))
        self.tabs.addTab(self.shares, self.tr("Reporters' shares"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.action_bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("verify", self.tr("Record verification…")),
            ("decide", self.tr("Decide the reward…")),
            ("notify", self.tr("Record notice…")),
            ("claim", self.tr("Check identity at counter…")),
            ("approve", self.tr("Approve payout…")),
            ("pay", self.tr("Pay…")),
            ("relatives", self.tr("Declare a relative…")),
            ("cancel", self.tr("Cancel: unreachable…")),
            ("object", self.tr("Receive objection…")),
            ("review", self.tr("Review objection…")),
            ("fraud", self.tr("Mark fraudulent…")),
        ):
            button = QPushButton(text)
            button.hide()
            button.clicked.connect(lambda _checked=False, k=key: self.start_action(k))
            self.buttons[key] = button
            self.action_bar.addWidget(button)
        self.action_bar.addStretch(1)

        self.print_bar = QHBoxLayout()
        self.print_buttons: dict[DocType, QPushButton] = {}
        for doc_type in rewards.CLAIM_DOCUMENT_ARTICLES:
            button = QPushButton(self.tr("Print {document}…").format(document=doc_type.label))
            button.hide()
            button.clicked.connect(lambda _checked=False, d=doc_type: self.print_document(d))
            self.print_buttons[doc_type] = button
            self.print_bar.addWidget(button)
        self.print_bar.addStretch(1)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.error_label)
        layout.addWidget(verification_box)
        layout.addWidget(self.outcome)
        layout.addWidget(self.flag)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self.action_bar)
        layout.addLayout(self.print_bar)
        layout.addWidget(close)
        self.reload()

    # ----- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        svc, actor, case_id = self.svc, self.actor, self.case_id
        self.task = run_in_background(
            self,
            lambda token, report: load_claim(svc, actor, case_id),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.error_label.show_message(failure.message)

    def _loaded(self, view: ClaimView) -> None:
        self.task = None
        self.view = view
        claim, detail = view.claim, view.detail
        self.setWindowTitle(self.tr("Tip-off reward — case {number}").format(number=detail.number))
        self.header.setText(
            self.tr("Case {number} · {unit} · state: {state}").format(
                number=detail.number,
                unit=detail.reported_unit_name or NO_VALUE,
                state=claim.state.label,
            )
        )
        v = claim.verification
        if v is None:
            self.verification_label.setText(self.tr("Not filed by the brigade yet."))
        else:
            found = self.tr("verified") if v.verified else self.tr("not verified")
            if v.penalty_imposed:
                penalty = self.tr("penalty decision {number} of {date}, fine {fine} yuan").format(
                    number=v.decision_number or NO_VALUE,
                    date=NO_VALUE if v.decision_date is None else format_date(v.decision_date),
                    fine=yuan(v.fine_fen),
                )
            else:
                penalty = self.tr("no penalty imposed")
            self.verification_label.setText(
                self.tr(
                    "{found}; {penalty}; {brigade}; closed on {closing}; filed on {filed}"
                ).format(
                    found=found,
                    penalty=penalty,
                    brigade=v.brigade,
                    closing=format_date(v.closing_date),
                    filed=format_date(v.filed_on),
                )
            )
        computation = claim.computation
        lines = []
        if computation is not None:
            fill_table(
                self.steps,
                [(s.label, yuan(s.amount_fen), s.article) for s in computation.steps],
            )
            lines.append(self.tr("Award: {total} yuan").format(total=yuan(computation.total_fen)))
        else:
            fill_table(self.steps, [])
            reasons = "；".join(f"{r.reason}（{r.article}）" for r in claim.ineligibility)
            lines.append(
                self.tr("Not eligible: {reasons}").format(reasons=reasons)
                if claim.state is ClaimState.NOT_ELIGIBLE
                else self.tr("Not decided yet.")
            )
        extra = []
        if claim.notified_at is not None:
            extra.append(self.tr("Notified on {at}").format(at=format_datetime(claim.notified_at)))
        if claim.collect_by is not None and claim.state in COLLECTING_STATES:
            extra.append(self.tr("collect by {day}").format(day=format_date(claim.collect_by.day)))
        if claim.objection_due is not None and claim.state is ClaimState.NOT_ELIGIBLE:
            extra.append(
                self.tr("objection possible until {day} (RULES §3)").format(
                    day=format_date(claim.objection_due.day)
                )
            )
        if extra:
            lines.append("；".join(extra))
        pending = claim.pending_objection
        if pending is not None:
            lines.append(
                self.tr("Objection received {at} against {what}, waiting for review").format(
                    at=format_datetime(pending.received_at), what=pending.decision_summary
                )
            )
        if claim.end_reason:
            lines.append(
                self.tr("Ended: {state} — {reason}").format(
                    state=claim.state.label, reason=claim.end_reason
                )
            )
        self.outcome.setText("\n".join(lines))
        self.flag.setText(
            self.tr(
                "A reporter or a declared relative is on the exclusion register: flagged for "
                "review (FIRE art. 13)."
            )
        )
        self.flag.setVisible(claim.review_flag)
        if computation is None and self.tabs.currentWidget() is self.steps:
            # Nothing was computed (not decided, or refused): what happened is the useful page.
            self.tabs.setCurrentWidget(self.history)
        fill_table(
            self.shares,
            [
                (
                    view.names.get(s.person_id, NO_VALUE),
                    mask_id(s.id_number) or NO_VALUE,
                    yuan(s.amount_fen),
                    s.state.label,
                    "；".join(
                        f"{r.relationship} {r.masked_id}"
                        for r in view.relatives.get(s.person_id, [])
                    )
                    or NO_VALUE,
                )
                for s in claim.shares
            ],
        )
        fill_table(
            self.history,
            [
                (format_datetime(e.at), e.actor or NO_VALUE, e.summary, e.article or NO_VALUE)
                for e in view.history
            ],
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        assert self.view is not None
        claim = self.view.claim
        shares = {s.state for s in claim.shares}
        after_notice = claim.state in ACTION_STATES[ClaimAction.CLAIM_SHARE]
        allowed = {
            "verify": claim.state in ACTION_STATES[ClaimAction.RECORD_VERIFICATION]
            and self.actor.can(Action.RECORD_VERIFICATION),
            "decide": claim.state in ACTION_STATES[ClaimAction.DECIDE]
            and self.actor.can(Action.DECIDE_AWARD),
            "notify": claim.state in ACTION_STATES[ClaimAction.NOTIFY]
            and claim.notified_at is None
            and self.actor.can(Action.NOTIFY_AWARD),
            "claim": after_notice
            and ShareState.DECIDED in shares
            and self.actor.can(Action.CHECK_IDENTITY),
            "approve": after_notice
            and ShareState.CLAIMED in shares
            and self.actor.can(Action.APPROVE_PAYOUT),
            "pay": after_notice
            and ShareState.APPROVED in shares
            and self.actor.can(Action.PAY_AWARD),
            "relatives": claim.state
            in (ClaimState.PENDING_VERIFICATION, ClaimState.VERIFICATION_RECORDED)
            and bool(claim.shares)
            and self.actor.can(Action.DECLARE_RELATIVES),
            "cancel": self.view.cancel_after is not None and self.actor.can(Action.EXPIRE_AWARDS),
            "object": bool(claim.objection_grounds()) and self.actor.can(Action.RECEIVE_OBJECTION),
            "review": claim.pending_objection is not None
            and self.actor.can(Action.REVIEW_OBJECTION),
            "fraud": claim.state in ACTION_STATES[ClaimAction.MARK_FRAUDULENT]
            and claim.state is not ClaimState.PAID
            and self.actor.can(Action.MARK_FRAUDULENT),
        }
        for key, button in self.buttons.items():
            button.setVisible(allowed[key])
        printable = {
            DocType.AWARD_NOTICE: claim.computation is not None and claim.collect_by is not None,
            DocType.NON_AWARD_NOTICE: claim.state is ClaimState.NOT_ELIGIBLE
            and claim.objection_due is not None,
            DocType.PAYOUT_RECEIPT: ShareState.PAID in shares,
            DocType.OBJECTION_RESULT_NOTICE: any(not o.is_pending for o in claim.objections),
        }
        for doc_type, button in self.print_buttons.items():
            button.setVisible(printable[doc_type] and self.actor.can(Action.PRINT_DOCUMENT))

    def print_buttons_visible(self) -> bool:
        return any(button.isVisibleTo(self) for button in self.print_buttons.values())

    # ----- actions --------------------------------------------------------------------------

    def shares_in(self, state: ShareState) -> list[tuple[str, int]]:
        assert self.view is not None
        return [
            (self.view.names.get(s.person_id, NO_VALUE), s.person_id)
            for s in self.view.claim.shares
            if s.state is state
        ]

    def start_action(self, key: str) -> ActionDialog | None:
        if self.view is None:
            return None
        svc, actor, detail = self.svc, self.actor, self.view.detail
        dialog: ActionDialog
        if key == "verify":
            dialog = VerificationDialog(svc, actor, detail, self)
        elif key == "decide":
            dialog = DecideDialog(svc, actor, detail, self)
        elif key == "notify":
            dialog = NotifyDialog(svc, actor, detail, self)
        elif key == "claim":
            dialog = ClaimShareDialog(
                svc, actor, detail, self, shares=self.shares_in(ShareState.DECIDED)
            )
        elif key == "approve":
            dialog = ApproveDialog(
                svc, actor, detail, self, shares=self.shares_in(ShareState.CLAIMED)
            )
        elif key == "pay":
            dialog = PayDialog(svc, actor, detail, self, shares=self.shares_in(ShareState.APPROVED))
        elif key == "relatives":
            dialog = DeclareRelativeDialog(
                svc,
                actor,
                detail,
                self,
                shares=[
                    (self.view.names.get(s.person_id, NO_VALUE), s.person_id)
                    for s in self.view.claim.shares
                ],
            )
        elif key == "object":
            dialog = ReceiveObjectionDialog(
                svc, actor, detail, self, grounds=self.view.claim.objection_grounds()
            )
        elif key == "review":
            pending = self.view.claim.pending_objection
            assert pending is not None
            dialog = ReviewObjectionDialog(
                svc,
                actor,
                detail,
                self,
                objection=pending,
                answers=self.view.claim.decision_answers(),
            )
        elif key == "cancel":
            assert self.view.cancel_after is not None
            dialog = CancelUnreachableDialog(
                svc, actor, detail, self, period_end=self.view.cancel_after
            )
        else:
            dialog = FraudDialog(svc, actor, detail, self)
        dialog.succeeded.connect(self._action_done)
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def _action_done(self, _value: object) -> None:
        self.changed.emit()
        self.reload()

    def print_document(self, doc_type: DocType) -> None:
        svc, actor, case_id = self.svc, self.actor, self.case_id
        self.print_task = print_with_preview(
            self,
            self.print_buttons[doc_type],
            lambda: rewards.reward_document(svc, actor, case_id, doc_type),
        )
