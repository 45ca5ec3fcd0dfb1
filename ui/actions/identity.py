"""Showing a submitter's identity unmasked: a reason first, and the view is logged (RULES §5)."""

from __future__ import annotations

from app.services import case_view
from ui.actions.base import ActionDialog, ServiceCall, text_of


class RevealIdentityDialog(ActionDialog):
    """Succeeds with the unmasked people (``list[RevealedPerson]``)."""

    title = "显示身份信息"
    ok_text = "显示"

    def build(self) -> None:
        article = case_view.reveal_article(self.detail.kind)
        self.set_intro(
            f"诉求人的姓名、证件号码、电话和住址依规保密（{article}），仅因工作需要方可查看。"
            "请写明查看事由；查看人、时间和事由将记入办理过程。"
        )
        self.reason = self.add_line("查看事由", placeholder="如：回访需核对联系电话")

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        reason = text_of(self.reason)
        return lambda: case_view.reveal_identity(svc, actor, case_id, reason)
