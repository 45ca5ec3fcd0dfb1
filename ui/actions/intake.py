"""Intake decisions on a registered case: accept, refuse, one-time materials notice, answer at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from app.domain.deadlines import DeadlineKind
from app.domain.vocabulary import RefusalGround
from app.services import case_view, handling
from ui.actions.base import ActionDialog, ServiceCall, text_of


def _due(dialog: ActionDialog, kind: DeadlineKind) -> str:
    deadline = next((d for d in dialog.detail.deadlines if d.kind is kind), None)
    return f"{deadline.due_text}（{deadline.status.label}）" if deadline else ""


class AcceptDialog(ActionDialog):
    title = "受理"
    ok_text = "受理"

    def build(self) -> None:
        self.set_intro(
            "确认受理此件诉求。受理后转办承办单位，承办单位的办理期限自其收到工单时起算"
            "（YJ12345 art. 8、art. 10）。"
        )
        self.add_info("转办期限", _due(self, DeadlineKind.DISPATCH))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        return lambda: handling.accept(svc, actor, case_id)


class RefuseDialog(ActionDialog):
    title = "不予受理"
    ok_text = "不予受理"

    def build(self) -> None:
        self.set_intro(
            "不予受理须选定 YJ12345 第六条所列情形并写明具体理由，保存后可打印不予受理告知书。"
        )
        self.ground: QComboBox = self.add_combo(
            "不予受理情形",
            [(f"（{g.value}）{g.label}", g) for g in RefusalGround],
            placeholder="请选择情形",
        )
        # The seven grounds are long sentences: the combo stays narrow, the chosen one reads
        # in full below it.
        self.ground.setMinimumContentsLength(24)
        self.ground.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ground_text = self.add_info("依据", "")
        self.reason: QPlainTextEdit = self.add_text("具体理由", placeholder="告知诉求人的理由")
        self.related: QLineEdit = self.add_line("此前案件编号", placeholder="如 TD01-20260105-0003")
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
    title = "一次性告知补正"
    ok_text = "告知补正"

    def build(self) -> None:
        self.set_intro(
            "一次性告知须逐项列出全部需补正的材料（每行一项），只能告知一次；"
            "保存后打印一次性告知书交诉求人（STD item 6）。"
        )
        self.items = self.add_text(
            "需补正材料", placeholder="每行一项，如：\n现场照片\n物业管理合同复印件", lines=4
        )

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        items = [line.strip() for line in self.items.toPlainText().splitlines() if line.strip()]
        return lambda: handling.request_materials(svc, actor, case_id, items)


class SupplyMaterialsDialog(ActionDialog):
    title = "补正完成"
    ok_text = "补正完成并受理"

    def build(self) -> None:
        self.set_intro("诉求人已补正全部材料的，即予受理（STD item 6）。")
        self.add_info("需补正材料", "\n".join(self.detail.missing_materials))
        self.add_info("补正期限", _due(self, DeadlineKind.MATERIALS))
        self.note = self.add_text("补正情况", required=False, placeholder="（可选）", lines=2)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        note = self.note.toPlainText()
        return lambda: handling.supply_materials(svc, actor, case_id, note)


class WithdrawDialog(ActionDialog):
    title = "视为撤回"
    ok_text = "视为撤回"

    def build(self) -> None:
        self.set_intro(
            "补正期限届满仍未补正材料的，诉求视为撤回，案件终结（STD item 6）。期限未满的不能视为撤回。"
        )
        self.add_info("补正期限", _due(self, DeadlineKind.MATERIALS))

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        return lambda: handling.withdraw_for_missing_materials(svc, actor, case_id)


class AnswerAtOnceDialog(ActionDialog):
    title = "即时答复"
    ok_text = "答复并办结"

    def build(self) -> None:
        self.set_intro("咨询类诉求可当场答复并办结；答复内容记入办理结果（YJ12345 art. 9(1)1）。")
        self.add_info("咨询内容", self.detail.content)
        self.answer = self.add_text("答复内容", placeholder="告知诉求人的答复")

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        answer = self.answer.toPlainText()
        return lambda: handling.answer_at_once(svc, actor, case_id, answer)
