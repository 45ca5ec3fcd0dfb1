"""Showing a submitter's identity unmasked: a reason first, and the view is logged (RULES §5)."""

from __future__ import annotations

from app.services import case_view
from ui.actions.base import ActionDialog, ServiceCall, text_of
from ui.i18n import QT_TRANSLATE_NOOP


class RevealIdentityDialog(ActionDialog):
    """Succeeds with the unmasked people (``list[RevealedPerson]``)."""

    title = QT_TRANSLATE_NOOP("Actions", "Show identity")
    ok_text = QT_TRANSLATE_NOOP("Actions", "Show")

    def build(self) -> None:
        article = case_view.reveal_article(self.detail.kind)
        self.set_intro(
            self.tr(
                "The requester's name, ID number, phone and address are confidential "
                "({article}) and may be viewed only when the work requires it. Please state "
                "the reason; who viewed them, when and why is recorded in the case history."
            ).format(article=article)
        )
        self.reason = self.add_line(
            self.tr("Reason for viewing"),
            placeholder=self.tr("e.g. checking the phone number for a follow-up call"),
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        reason = text_of(self.reason)
        return lambda: case_view.reveal_identity(svc, actor, case_id, reason)
