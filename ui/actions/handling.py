"""Handling and after: record a contact, submit the result, review it, record an evaluation, archive."""

from __future__ import annotations

from app.domain.cases import EvaluationStage
from app.domain.vocabulary import ContactMethod, Satisfaction
from app.services import handling
from ui.actions.base import ActionDialog, ServiceCall, from_qdatetime, text_of
from ui.formatting import format_datetime

# YJ12345 art. 14: what every result must state, cited where the clerk types it.
RESULT_ARTICLE = "YJ12345 art. 14"


def _methods() -> list[tuple[str, ContactMethod]]:
    return [(m.label, m) for m in ContactMethod]


class RecordContactDialog(ActionDialog):
    title = "登记联系"
    ok_text = "登记"

    def build(self) -> None:
        self.set_intro(
            "承办单位联系诉求人后登记；首次联系的时间用于响应率统计（YJ12345 art. 11(1)）。"
        )
        now = self.svc.now()
        self.method = self.add_combo("联系方式", _methods(), current=0)
        self.at = self.add_datetime("联系时间", now, not_after=now)
        self.note = self.add_text("联系情况", required=False, lines=2)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        method: ContactMethod = self.chosen(self.method)
        at, note = from_qdatetime(self.at.dateTime()), self.note.toPlainText()
        return lambda: handling.record_contact(svc, actor, case_id, method, note, at)


class SubmitResultDialog(ActionDialog):
    title = "提交办理结果"
    ok_text = "提交审核"

    def build(self) -> None:
        self.set_intro(
            "办理结果须直接回应诉求，写明办理时间、办理方式、办理结果和法律或政策依据，"
            f"四项缺一不可（{RESULT_ARTICLE}）。提交后由负责人审核。"
        )
        if self.detail.request:
            self.add_info("诉求", self.detail.request)
        now = self.svc.now()
        self.handled_at = self.add_datetime("办理时间", now, not_after=now)
        self.method = self.add_line("办理方式", placeholder="如：现场核查并约谈责任人")
        self.outcome = self.add_text("办理结果", placeholder="办理的结果，是否已答复诉求人")
        self.basis = self.add_line("依据", placeholder="法律、法规或政策依据")

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        handled_at = from_qdatetime(self.handled_at.dateTime())
        method, outcome, basis = text_of(self.method), text_of(self.outcome), text_of(self.basis)
        return lambda: handling.submit_result(
            svc, actor, case_id, handled_at=handled_at, method=method, outcome=outcome, basis=basis
        )


class ReviewDialog(ActionDialog):
    title = "审核"

    def build(self) -> None:
        self.set_intro(
            "核对办理结果是否直接回应诉求，并写明办理时间、方式、结果和依据；"
            f"发回重新办理的，期限仍自首次接单起计算（{RESULT_ARTICLE}）。"
        )
        result = self.detail.last_result
        if result is not None:
            self.add_info("办理时间", format_datetime(result.handled_at))
            self.add_info("办理方式", result.method)
            self.add_info("办理结果", result.outcome)
            self.add_info("依据", result.basis)
        self.choice = self.add_choice("审核意见", ["审核通过，办结", "发回重新办理"])
        self.comment = self.add_text("审核说明", required=False, lines=2)
        self.choice.idToggled.connect(self._choice_changed)

    @property
    def passing(self) -> bool:
        return self.choice.checkedId() == 0

    def _choice_changed(self) -> None:
        self.comment.setPlaceholderText("" if self.passing else "请写明不符合要求之处（必填）")
        self.revalidate()

    def is_complete(self) -> bool:
        return self.passing or bool(self.comment.toPlainText().strip())

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        passed, comment = self.passing, self.comment.toPlainText()
        return lambda: handling.review(svc, actor, case_id, passed=passed, comment=comment)


class EvaluationDialog(ActionDialog):
    title = "登记评价"
    ok_text = "登记评价"

    def build(self) -> None:
        self.set_intro(
            "好差评分五级，受理时和办结后均可登记；办结后评价为不满意或非常不满意的，"
            "中心应回访（YJ12345 art. 20）。"
        )
        self.level = self.add_combo(
            "评价", [(s.label, s) for s in Satisfaction], placeholder="请选择评价等级"
        )
        stages = self.detail.evaluation_stages
        self.stage = self.add_combo("阶段", [(s.label, s) for s in stages], current=0)
        self.method = self.add_combo("方式", _methods(), current=0)
        self.comment = self.add_text("诉求人意见", required=False, lines=2)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        level: Satisfaction = self.chosen(self.level)
        stage: EvaluationStage = self.chosen(self.stage)
        method: ContactMethod = self.chosen(self.method)
        comment = self.comment.toPlainText()
        return lambda: handling.record_evaluation(
            svc, actor, case_id, level, stage=stage, method=method, comment=comment
        )


class CloseDialog(ActionDialog):
    title = "归档"
    ok_text = "归档"

    def build(self) -> None:
        self.set_intro(
            "归档后案件终结，不能再登记办理信息；记录自办结起至少保存 2 年（JY12345 art. 5、art. 18）。"
        )
        self.add_info(
            "办结时间",
            format_datetime(self.detail.completed_at) if self.detail.completed_at else "",
        )
        self.add_info("评价", "、".join(e.level for e in self.detail.evaluations) or "未评价")

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        return lambda: handling.close(svc, actor, case_id)
