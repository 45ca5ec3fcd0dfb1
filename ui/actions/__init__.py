"""The case action dialogs: one small dialog per action, all on one skeleton (``ActionDialog``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from app.domain.users import Action
from ui.actions.base import CONTEXT, ActionDialog
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
from ui.actions.redo import DecideRedoDialog, RequestRedoDialog
from ui.actions.routing import (
    DecideExtensionDialog,
    DecideReturnDialog,
    DispatchDialog,
    RequestExtensionDialog,
    RequestReturnDialog,
)
from ui.i18n import QT_TRANSLATE_NOOP, translate

# The action bar's buttons: the Alt letter follows the pinyin or English word where it can,
# and no two share one (打印 keeps P, 显示身份信息 I, 打开附件 O, 添加附件 F; the redo pair
# takes U and Y, free in both languages: 申请重办(&U), 审核重办(&Y)).


class _Labelled(Mapping[Action, tuple[str, type[ActionDialog]]]):
    """The action bar's entries, each label in the chosen language when it is read."""

    def __init__(self, entries: dict[Action, tuple[str, type[ActionDialog]]]) -> None:
        self._entries = entries

    def __getitem__(self, action: Action) -> tuple[str, type[ActionDialog]]:
        label, dialog = self._entries[action]
        return translate(CONTEXT, label), dialog

    def __iter__(self) -> Iterator[Action]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


ACTION_DIALOGS: Mapping[Action, tuple[str, type[ActionDialog]]] = _Labelled(
    {
        Action.ACCEPT: (QT_TRANSLATE_NOOP("Actions", "&Accept…"), AcceptDialog),
        Action.ANSWER_AT_ONCE: (QT_TRANSLATE_NOOP("Actions", "&Quick answer…"), AnswerAtOnceDialog),
        Action.REQUEST_MATERIALS: (
            QT_TRANSLATE_NOOP("Actions", "Request &materials…"),
            RequestMaterialsDialog,
        ),
        Action.SUPPLY_MATERIALS: (
            QT_TRANSLATE_NOOP("Actions", "Materials &supplied…"),
            SupplyMaterialsDialog,
        ),
        Action.WITHDRAW: (QT_TRANSLATE_NOOP("Actions", "Treat as &withdrawn…"), WithdrawDialog),
        Action.REFUSE: (QT_TRANSLATE_NOOP("Actions", "Decli&ne…"), RefuseDialog),
        Action.DISPATCH: (QT_TRANSLATE_NOOP("Actions", "&Dispatch…"), DispatchDialog),
        Action.RECORD_CONTACT: (
            QT_TRANSLATE_NOOP("Actions", "Record &contact…"),
            RecordContactDialog,
        ),
        Action.REQUEST_EXTENSION: (
            QT_TRANSLATE_NOOP("Actions", "Request &extension…"),
            RequestExtensionDialog,
        ),
        Action.DECIDE_EXTENSION: (
            QT_TRANSLATE_NOOP("Actions", "Decide e&xtension…"),
            DecideExtensionDialog,
        ),
        Action.REQUEST_RETURN: (
            QT_TRANSLATE_NOOP("Actions", "Reques&t return…"),
            RequestReturnDialog,
        ),
        Action.DECIDE_RETURN: (QT_TRANSLATE_NOOP("Actions", "Decide &return…"), DecideReturnDialog),
        Action.SUBMIT_RESULT: (QT_TRANSLATE_NOOP("Actions", "Su&bmit result…"), SubmitResultDialog),
        Action.REVIEW: (QT_TRANSLATE_NOOP("Actions", "Re&view…"), ReviewDialog),
        Action.RECORD_EVALUATION: (QT_TRANSLATE_NOOP("Actions", "Eva&luation…"), EvaluationDialog),
        Action.REQUEST_REDO: (QT_TRANSLATE_NOOP("Actions", "Req&uest redo…"), RequestRedoDialog),
        Action.DECIDE_REDO: (
            QT_TRANSLATE_NOOP("Actions", "Approve or den&y redo…"),
            DecideRedoDialog,
        ),
        Action.CLOSE: (QT_TRANSLATE_NOOP("Actions", "Arc&hive…"), CloseDialog),
    }
)

__all__ = ["ACTION_DIALOGS", "ActionDialog", "RevealIdentityDialog"]
