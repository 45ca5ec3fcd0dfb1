"""The case action dialogs: one small dialog per action, all on one skeleton (``ActionDialog``)."""

from __future__ import annotations

from app.domain.users import Action
from ui.actions.base import ActionDialog
from ui.actions.handling import (
    CloseDialog,
    EvaluationDialog,
    RecordContactDialog,
    ReviewDialog,
    SubmitResultDialog,
)
from ui.actions.identity import RevealIdentityDialog
from ui.actions.intake import (
    AcceptDialog,
    AnswerAtOnceDialog,
    RefuseDialog,
    RequestMaterialsDialog,
    SupplyMaterialsDialog,
    WithdrawDialog,
)
from ui.actions.routing import (
    DecideExtensionDialog,
    DecideReturnDialog,
    DispatchDialog,
    RequestExtensionDialog,
    RequestReturnDialog,
)

# The action bar's buttons: the Alt letter follows the pinyin or English word where it can,
# and no two share one (打印 keeps P, 显示身份信息 I, 打开附件 O, 添加附件 F).
ACTION_DIALOGS: dict[Action, tuple[str, type[ActionDialog]]] = {
    Action.ACCEPT: ("受理(&A)…", AcceptDialog),
    Action.ANSWER_AT_ONCE: ("即时答复(&Q)…", AnswerAtOnceDialog),
    Action.REQUEST_MATERIALS: ("一次性告知补正(&M)…", RequestMaterialsDialog),
    Action.SUPPLY_MATERIALS: ("补正完成(&S)…", SupplyMaterialsDialog),
    Action.WITHDRAW: ("视为撤回(&W)…", WithdrawDialog),
    Action.REFUSE: ("不予受理(&N)…", RefuseDialog),
    Action.DISPATCH: ("转办(&D)…", DispatchDialog),
    Action.RECORD_CONTACT: ("登记联系(&C)…", RecordContactDialog),
    Action.REQUEST_EXTENSION: ("申请延期(&E)…", RequestExtensionDialog),
    Action.DECIDE_EXTENSION: ("审批延期(&X)…", DecideExtensionDialog),
    Action.REQUEST_RETURN: ("申请退回(&T)…", RequestReturnDialog),
    Action.DECIDE_RETURN: ("审批退回(&R)…", DecideReturnDialog),
    Action.SUBMIT_RESULT: ("提交办理结果(&B)…", SubmitResultDialog),
    Action.REVIEW: ("审核(&V)…", ReviewDialog),
    Action.RECORD_EVALUATION: ("评价(&J)…", EvaluationDialog),
    Action.CLOSE: ("归档(&G)…", CloseDialog),
}

__all__ = ["ACTION_DIALOGS", "ActionDialog", "RevealIdentityDialog"]
