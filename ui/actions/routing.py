"""Routing a case: dispatch to a unit, the unit's return request and extension request, and their decisions."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox

from app.domain.deadlines import DeadlineKind
from app.services import handling
from ui.actions.base import ActionDialog, ServiceCall, text_of
from ui.formatting import format_datetime

# JY12345 sets no maximum: the spin box still needs a ceiling; no real extension comes near it.
UNBOUNDED_EXTENSION_DAYS = 60


class DispatchDialog(ActionDialog):
    title = "转办"
    ok_text = "转办"

    def build(self) -> None:
        deadline = next((d for d in self.detail.deadlines if d.kind is DeadlineKind.DISPATCH), None)
        due = f"，转办期限 {deadline.due_text}" if deadline else ""
        self.set_intro(
            f"选择承办单位{due}。承办单位的办结、首次联系和申请退回期限自转办时起算"
            "（YJ12345 art. 9、art. 10）。"
        )
        self.unit = self.add_unit_combo("承办单位")
        self.designated = QCheckBox("中心协调指定（承办单位不得退回）")
        self.designated.setToolTip(
            "有争议或涉及多个单位的事项由中心指定承办，不得再退回（YJ12345 art. 10）"
        )
        self.add_row("中心指定", self.designated)

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        unit_id: int = self.unit.currentData()
        designated = self.designated.isChecked()
        return lambda: handling.dispatch(svc, actor, case_id, unit_id, designated=designated)


class RequestReturnDialog(ActionDialog):
    title = "申请退回"
    ok_text = "申请退回"

    def build(self) -> None:
        window = next(
            (d for d in self.detail.deadlines if d.kind is DeadlineKind.RETURN_WINDOW), None
        )
        self.set_intro(
            "承办单位认为工单不属本单位职责的，须在期限内写明理由和依据申请退回，由中心审批"
            f"（{window.article if window else 'YJ12345 art. 10'}）。"
        )
        self.add_info("承办单位", self.detail.unit_name)
        if window is not None:
            self.add_info("申请退回期限", f"{window.due_text}（{window.status.label}）")
        self.reason = self.add_text("退回理由", placeholder="为何不属本单位职责")
        self.basis = self.add_line("退回依据", placeholder="如：镇机构职能配置规定")

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        reason, basis = text_of(self.reason), text_of(self.basis)
        return lambda: handling.request_return(svc, actor, case_id, reason, basis)


class DecideReturnDialog(ActionDialog):
    title = "审批退回"

    def build(self) -> None:
        self.set_intro(
            "同意退回须改派其他承办单位，办理期限自新单位收到时重新计算；不同意退回的，"
            "原单位继续办理，期限自首次接单起计算（YJ12345 art. 10）。"
        )
        request = self.detail.pending_return
        if request is not None:
            self.add_info("申请单位", request.unit_name)
            self.add_info("申请时间", format_datetime(request.requested_at))
            self.add_info("退回理由", request.reason)
            self.add_info("退回依据", request.basis)
        self.choice = self.add_choice("审批意见", ["同意退回，改派其他承办单位", "不同意退回"])
        self.unit = self.add_unit_combo("改派至", exclude=self.detail.unit_id)
        self.note = self.add_text("说明", required=False, lines=2)
        self.choice.idToggled.connect(self._choice_changed)

    @property
    def approving(self) -> bool:
        return self.choice.checkedId() == 0

    def _choice_changed(self) -> None:
        self.unit.setEnabled(self.approving and self.unit.count() > 0)
        self.note.setPlaceholderText("" if self.approving else "请写明不同意退回的理由（必填）")
        self.revalidate()

    def units_loaded(self) -> None:
        self._choice_changed()

    def is_complete(self) -> bool:
        if self.approving:
            return self.unit.currentData() is not None
        return bool(self.note.toPlainText().strip())

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        note = self.note.toPlainText()
        if self.approving:
            unit_id: int = self.unit.currentData()
            return lambda: handling.approve_return(svc, actor, case_id, unit_id, note)
        return lambda: handling.refuse_return(svc, actor, case_id, note)


class RequestExtensionDialog(ActionDialog):
    title = "申请延期"
    ok_text = "申请延期"

    def build(self) -> None:
        limits = self.detail.extension
        article = limits.article if limits else "YJ12345 art. 9"
        self.set_intro(
            "延期须在办理时限届满前申请，写明理由和依据，并告知诉求人延期理由；"
            f"总时限不得超过本类诉求的最长时限（{article}）。"
        )
        most = UNBOUNDED_EXTENSION_DAYS
        if limits is not None:
            self.add_info(
                "当前办结期限",
                f"{limits.current_due_text}（{limits.current_working_days} 个工作日）",
            )
            if limits.max_working_days is None:
                self.add_info("最长时限", "本规则配置未规定")
            else:
                self.add_info(
                    "最长时限",
                    f"{self.detail.kind_label}类最长 {limits.max_working_days} 个工作日，"
                    f"还可延长 {limits.days_left} 个工作日",
                )
                most = max(limits.days_left or 0, 1)
            if limits.max_count is not None:
                self.add_info("延期次数", f"已延期 {limits.granted} 次，最多 {limits.max_count} 次")
        self.days = QSpinBox()
        self.days.setRange(1, most)
        self.days.setSuffix(" 个工作日")
        self.add_row("延长", self.days, required=True)
        self.reason = self.add_text("延期理由", placeholder="为何不能按期办结")
        self.basis = self.add_line("延期依据", placeholder="法律、政策依据")

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        days = self.days.value()
        reason, basis = text_of(self.reason), text_of(self.basis)
        return lambda: handling.request_extension(svc, actor, case_id, days, reason, basis)


class DecideExtensionDialog(ActionDialog):
    title = "审批延期"

    def build(self) -> None:
        limits = self.detail.extension
        self.set_intro(
            "同意后办结期限顺延，须告知诉求人延期理由；不同意的须写明理由"
            f"（{limits.article if limits else 'YJ12345 art. 9'}）。"
        )
        request = self.detail.pending_extension
        if request is not None:
            self.add_info(
                "申请人", f"{request.requested_by}，{format_datetime(request.requested_at)}"
            )
            self.add_info("延长", f"{request.extra_working_days} 个工作日")
            if limits is not None:
                self.add_info(
                    "办结期限", f"{limits.current_due_text} → {request.proposed_due_text}（同意后）"
                )
            self.add_info("延期理由", request.reason)
            self.add_info("延期依据", request.basis)
        self.choice = self.add_choice("审批意见", ["同意延期", "不同意延期"])
        self.note = self.add_text("说明", required=False, lines=2)
        self.choice.idToggled.connect(self._choice_changed)

    @property
    def approving(self) -> bool:
        return self.choice.checkedId() == 0

    def _choice_changed(self) -> None:
        self.note.setPlaceholderText("" if self.approving else "请写明不同意延期的理由（必填）")
        self.revalidate()

    def is_complete(self) -> bool:
        return self.approving or bool(self.note.toPlainText().strip())

    def make_call(self) -> ServiceCall:
        svc, actor, case_id = self.svc, self.actor, self.detail.id
        approve, note = self.approving, self.note.toPlainText()
        return lambda: handling.decide_extension(svc, actor, case_id, approve=approve, note=note)
