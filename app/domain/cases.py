"""The case aggregate: intake, routing, handling and closing of one submission (RULES §1–§2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.calendar import WorkCalendar
from app.domain.deadlines import Deadline, DeadlineKind, Period
from app.domain.duplicates import hazard_key
from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.events import Event, append_event
from app.domain.persons import Person
from app.domain.profiles import CompletionRule, RuleProfile
from app.domain.users import Action
from app.domain.vocabulary import (
    CaseState,
    Channel,
    ContactMethod,
    EvaluationTag,
    HazardCategory,
    Kind,
    Priority,
    RefusalGround,
    Satisfaction,
    StateGroup,
)

S = CaseState

# The clock that matters in each open state (Case.current_deadline): what the list shows and
# sorts by, and what due-soon and overdue are judged on.
CURRENT_DEADLINE = {
    S.REGISTERED: DeadlineKind.DISPATCH,
    S.ACCEPTED: DeadlineKind.DISPATCH,
    S.AWAITING_MATERIALS: DeadlineKind.MATERIALS,
    S.DISPATCHED: DeadlineKind.COMPLETION,
    S.RETURN_REQUESTED: DeadlineKind.COMPLETION,
    S.IN_PROGRESS: DeadlineKind.COMPLETION,
    S.RESULT_SUBMITTED: DeadlineKind.COMPLETION,
    S.SENT_BACK: DeadlineKind.COMPLETION,
}

# YJ12345 art. 7: time, place, facts and contact; FIRE art. 8, 9: a tip-off names the reported
# unit and its address. Anonymous items are allowed where the rules foresee them (FIRE art. 7).
REQUIRED_FACTS: dict[Kind, tuple[str, ...]] = {
    Kind.CONSULTATION: ("content",),
    Kind.SUGGESTION: ("content",),
    Kind.HELP_REQUEST: ("occurred", "place", "content"),
    Kind.FEEDBACK: ("occurred", "place", "content"),
    Kind.COMPLAINT: ("occurred", "place", "content"),
    Kind.TIP_OFF: ("occurred", "content", "reported_unit_name", "reported_unit_address"),
}
# The texts a case is registered with, cleaned by Case.register (blank when not given).
FACT_FIELDS = (
    "occurred",
    "place",
    "content",
    "request",
    "reported_unit_name",
    "reported_unit_address",
    "evidence",
)
ANONYMOUS_ALLOWED = frozenset({Kind.CONSULTATION, Kind.SUGGESTION, Kind.TIP_OFF})
FIELD_LABELS = {
    "occurred": "发生时间",
    "place": "地点",
    "content": "诉求内容（事实）",
    "reported_unit_name": "被举报单位名称",
    "reported_unit_address": "被举报单位地址",
}


# The states each case action may start from: the same lists as the ``_expect`` guard of each
# method below, kept here once so that screens offer only what the case will accept
# (tests/unit/domain/test_case_actions.py drives every method in every state to keep them equal).
# Not listed: DECIDE_EXTENSION and DECIDE_REDO (whenever a request is pending), RECORD_EVALUATION
# and ADD_ATTACHMENT (until the case is closed), see ``Case.allowed_actions``.
_HANDLING = frozenset({S.DISPATCHED, S.IN_PROGRESS, S.SENT_BACK})
ACTION_STATES: dict[Action, frozenset[CaseState]] = {
    Action.ACCEPT: frozenset({S.REGISTERED}),
    Action.REFUSE: frozenset({S.REGISTERED, S.AWAITING_MATERIALS}),
    Action.REQUEST_MATERIALS: frozenset({S.REGISTERED}),
    Action.SUPPLY_MATERIALS: frozenset({S.AWAITING_MATERIALS}),
    Action.WITHDRAW: frozenset({S.AWAITING_MATERIALS}),
    Action.ANSWER_AT_ONCE: frozenset({S.REGISTERED, S.ACCEPTED}),
    Action.DISPATCH: frozenset({S.ACCEPTED}),
    Action.REQUEST_RETURN: frozenset({S.DISPATCHED, S.IN_PROGRESS}),
    Action.DECIDE_RETURN: frozenset({S.RETURN_REQUESTED}),
    Action.REQUEST_EXTENSION: _HANDLING,
    Action.RECORD_CONTACT: _HANDLING,
    Action.SUBMIT_RESULT: _HANDLING,
    Action.REVIEW: frozenset({S.RESULT_SUBMITTED}),
    Action.CLOSE: frozenset({S.COMPLETED, S.EVALUATED}),
    # YJ12345 art. 20: a redo answers an evaluation after handling, so the case is evaluated.
    Action.REQUEST_REDO: frozenset({S.EVALUATED}),
}


@dataclass(frozen=True)
class CaseRules:
    """The profile that governs a case and the calendar its periods are counted on."""

    profile: RuleProfile
    calendar: WorkCalendar


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {"pending": "待审批", "approved": "已同意", "refused": "不同意"}[self.value]


class EvaluationStage(StrEnum):
    INTAKE = "intake"
    AFTER_HANDLING = "after_handling"

    @property
    def label(self) -> str:
        return "受理时评价" if self is EvaluationStage.INTAKE else "办结后评价"


class CaseSubmitter:
    """A person named on a case, in the order named (the first-named leads a joint report)."""

    def __init__(self, person: Person, position: int) -> None:
        self.person = person
        self.position = position


class Attachment:
    """A file brought as evidence, copied into the store and known by its content hash."""

    def __init__(
        self, *, file_name: str, sha256: str, size: int, added_at: datetime, added_by: int
    ) -> None:
        self.file_name = file_name
        self.sha256 = sha256
        self.size = size
        self.added_at = added_at
        self.added_by = added_by


def _second_person(recorded_by: int, actor_id: int, what: str) -> None:
    """Maker–checker (issue 8): who recorded a request never decides it, administrators too."""
    if recorded_by == actor_id:
        raise PermissionDenied(
            f"这项{what}申请是您本人登记的，不能由您审批；请由另一名负责人审批。"
        )


class ReturnRequest:
    """A unit's request to hand back a wrongly routed order (YJ12345 art. 10)."""

    def __init__(
        self, *, unit_id: int, requested_at: datetime, reason: str, basis: str, recorded_by: int
    ) -> None:
        self.unit_id = unit_id
        self.requested_at = requested_at
        self.reason = reason
        self.basis = basis
        self.recorded_by = recorded_by
        self.status = RequestStatus.PENDING
        self.decided_by: int | None = None
        self.decided_at: datetime | None = None
        self.decision_note = ""
        self.new_unit_id: int | None = None


class ExtensionRequest:
    """A unit's request for more time, asked before the deadline (YJ12345 art. 9; JY12345 art. 21)."""

    def __init__(
        self,
        *,
        requested_at: datetime,
        extra_working_days: int,
        reason: str,
        basis: str,
        recorded_by: int,
    ) -> None:
        self.requested_at = requested_at
        self.extra_working_days = extra_working_days
        self.reason = reason
        self.basis = basis
        self.recorded_by = recorded_by
        self.status = RequestStatus.PENDING
        self.decided_by: int | None = None
        self.decided_at: datetime | None = None
        self.decision_note = ""


class Contact:
    """A contact between the handling unit and the submitter."""

    def __init__(self, *, at: datetime, method: ContactMethod, note: str, recorded_by: int) -> None:
        self.at = at
        self.method = method
        self.note = note
        self.recorded_by = recorded_by


class Result:
    """What the unit reports back; it must say when, how, the outcome and the basis (YJ12345 art. 14)."""

    def __init__(
        self,
        *,
        submitted_at: datetime,
        handled_at: datetime,
        method: str,
        outcome: str,
        basis: str,
        recorded_by: int,
    ) -> None:
        self.submitted_at = submitted_at
        self.handled_at = handled_at
        self.method = method
        self.outcome = outcome
        self.basis = basis
        self.recorded_by = recorded_by
        self.review_passed: bool | None = None
        self.review_comment = ""
        self.reviewed_by: int | None = None
        self.reviewed_at: datetime | None = None


class Evaluation:
    """One 好差评 (YJ12345 art. 20; STD item 17): the level, optional reason tags and comment,
    how it was given (phone, counter, SMS reply) and who recorded it."""

    # Stored as a JSON list of the tags' values (the mapper maps the column onto this).
    tag_values: list[str]

    def __init__(
        self,
        *,
        at: datetime,
        level: Satisfaction,
        stage: EvaluationStage,
        method: ContactMethod,
        comment: str,
        recorded_by: int,
        tags: Iterable[EvaluationTag] = (),
    ) -> None:
        self.at = at
        self.level = level
        self.stage = stage
        self.method = method
        self.comment = comment
        self.recorded_by = recorded_by
        chosen = set(tags)
        # Kept in the list's own order, each once, whatever order they were ticked in.
        self.tag_values = [t.value for t in EvaluationTag if t in chosen]

    @property
    def tags(self) -> tuple[EvaluationTag, ...]:
        return tuple(EvaluationTag(v) for v in self.tag_values or ())


class RedoRequest:
    """A citizen's request to have a dissatisfying result redone, and the centre's decision
    (YJ12345 art. 20; JY12345 art. 16, 17). ``sequence`` counts the requests of the case."""

    def __init__(
        self,
        *,
        sequence: int,
        requested_at: datetime,
        level: Satisfaction,
        method: ContactMethod,
        reason: str,
        recorded_by: int,
    ) -> None:
        self.sequence = sequence
        self.requested_at = requested_at
        self.level = level
        self.method = method
        self.reason = reason
        self.recorded_by = recorded_by
        self.status = RequestStatus.PENDING
        self.decided_by: int | None = None
        self.decided_at: datetime | None = None
        # Approved: the redo instructions to the unit; refused: the reason told to the citizen.
        self.decision_note = ""
        # JY12345 art. 16: the dissatisfaction is the unit's fault (None: not asked).
        self.unit_fault: bool | None = None
        # JY12345 art. 17: the unit did not follow the previous redo instructions.
        self.instructions_not_followed: bool | None = None
        # Approved: the unit it went back to and the new completion date (RULES §3).
        self.unit_id: int | None = None
        self.previous_due_date: date | None = None
        self.new_due_date: date | None = None


def clean_text(value: str | None) -> str:
    """A text as stored: stripped, blank when not given."""
    return (value or "").strip()


def _require_text(field: str, value: str, label: str, article: str | None = None) -> str:
    value = clean_text(value)
    if not value:
        raise ValidationError(field, f"请填写{label}。", article=article)
    return value


class Case:
    """One submission from registration to archive; every change appends an Event."""

    # Set by the mapper; declared here so the domain reads the same without it.
    id: int | None
    unit_id: int | None
    events: list[Event]
    submitters: list[CaseSubmitter]
    attachments: list[Attachment]
    deadlines: dict[DeadlineKind, Deadline]
    return_requests: list[ReturnRequest]
    extension_requests: list[ExtensionRequest]
    contacts: list[Contact]
    results: list[Result]
    evaluations: list[Evaluation]
    redo_requests: list[RedoRequest]

    def __init__(
        self,
        *,
        number: str,
        query_code: str,
        kind: Kind,
        priority: Priority,
        channel: Channel,
        profile_key: str,
        received_at: datetime,
        registered_by: int,
        occurred: str,
        place: str,
        content: str,
        request: str = "",
        submitters: list[Person] | None = None,
        reported_unit_name: str = "",
        reported_unit_address: str = "",
        hazard_category: HazardCategory | None = None,
        evidence: str = "",
    ) -> None:
        self.id = None
        self.number = number
        self.query_code = query_code
        self.kind = kind
        self.priority = priority
        self.channel = channel
        self.profile_key = profile_key
        self.received_at = received_at
        self.registered_by = registered_by
        self.occurred = occurred
        self.place = place
        self.content = content
        self.request = request
        self.reported_unit_name = reported_unit_name
        self.reported_unit_address = reported_unit_address
        self.hazard_category = hazard_category
        self.evidence = evidence
        self.hazard_key = (
            hazard_key(reported_unit_name, reported_unit_address, hazard_category)
            if kind is Kind.TIP_OFF
            else None
        )
        self.state = S.REGISTERED
        self.anonymous = not submitters
        self.unit_id = None
        self.designated = False
        self.first_received_at: datetime | None = None
        self.received_by_unit_at: datetime | None = None
        self.first_contact_at: datetime | None = None
        self.completed_at: datetime | None = None
        self.closed_at: datetime | None = None
        self.refusal_ground: RefusalGround | None = None
        self.refusal_reason = ""
        self.related_case_id: int | None = None
        self.missing_materials: list[str] = []
        self.materials_requested_at: datetime | None = None
        self.due_date: date | None = None
        self.due_at: datetime | None = None
        self.due_kind: DeadlineKind | None = None
        self.due_provisional = False
        self.events = []
        self.submitters = [CaseSubmitter(p, i) for i, p in enumerate(submitters or [])]
        self.attachments = []
        self.deadlines = {}
        self.return_requests = []
        self.extension_requests = []
        self.contacts = []
        self.results = []
        self.evaluations = []
        self.redo_requests = []

    # ----- intake ---------------------------------------------------------------------------

    @classmethod
    def register(cls, *, rules: CaseRules, actor_id: int, now: datetime, **fields: Any) -> Case:
        """Check what the kind requires (YJ12345 art. 7; FIRE art. 8) and open the case."""
        kind: Kind = fields["kind"]
        submitters: list[Person] = fields.get("submitters") or []
        for key in FACT_FIELDS:
            fields[key] = clean_text(fields.get(key))
        for name in REQUIRED_FACTS[kind]:
            if not fields[name]:
                article = "FIRE art. 8" if name.startswith("reported_unit") else "YJ12345 art. 7"
                raise ValidationError(
                    name,
                    f"{kind.label}须填写{FIELD_LABELS[name]}；诉求人拒绝提供的，应不予受理并告知理由。",
                    article=article,
                )
        if kind is Kind.TIP_OFF and not fields["place"]:
            fields["place"] = fields["reported_unit_address"]
        if fields.get("hazard_category") is not None and kind is not Kind.TIP_OFF:
            raise ValidationError("hazard_category", "只有举报类诉求才能选择火灾隐患类别。")
        if not submitters and kind not in ANONYMOUS_ALLOWED:
            raise ValidationError(
                "submitters",
                f"{kind.label}须留下诉求人及联系方式；诉求人拒绝提供的，应不予受理并告知理由。",
                article="YJ12345 art. 7",
            )
        if submitters and not any(p.phone for p in submitters) and kind not in ANONYMOUS_ALLOWED:
            raise ValidationError(
                "phone",
                "请填写诉求人的联系电话（手机或带区号的固定电话）。",
                article="YJ12345 art. 7",
            )
        case = cls(received_at=now, registered_by=actor_id, **fields)
        case._log(
            "register",
            now,
            actor_id,
            f"登记{case.priority.label}{case.kind.label}，渠道：{case.channel.label}"
            + ("（匿名）" if case.anonymous else f"，诉求人 {len(submitters)} 人"),
            "YJ12345 art. 7",
        )
        dispatch = rules.profile.dispatch[case.priority]
        if dispatch is not None:
            case._start(DeadlineKind.DISPATCH, now, dispatch, rules.calendar)
        case._refresh_due()
        return case

    def refuse(
        self,
        ground: RefusalGround,
        reason: str,
        *,
        actor_id: int,
        now: datetime,
        related_case_id: int | None = None,
        related_note: str = "",
    ) -> None:
        """Not accepted on one of the seven grounds, with the reason told (YJ12345 art. 6).

        ``related_note`` says where the earlier case of a repeat stands (``repeat_basis``).
        """
        self._expect("不予受理", Action.REFUSE)
        reason = _require_text("reason", reason, "不予受理的具体理由", ground.article)
        if ground is RefusalGround.REPEAT and related_case_id is None:
            raise ValidationError(
                "related_case",
                "以重复诉求为由不予受理时，请关联此前的案件。",
                article=ground.article,
            )
        self.state = S.NOT_ACCEPTED
        self.refusal_ground = ground
        self.refusal_reason = reason
        self.related_case_id = related_case_id
        self.closed_at = now
        self._stop_all(now)
        self._refresh_due()
        self._log(
            "refuse",
            now,
            actor_id,
            f"不予受理：{ground.label}" + (f"（{related_note}）" if related_note else ""),
            ground.article,
            ground=ground.value,
            reason=reason,
            related_case_id=related_case_id,
        )

    def request_materials(
        self, items: list[str], *, rules: CaseRules, actor_id: int, now: datetime
    ) -> None:
        """One-time notice of every missing item, with a date to supply them (STD item 6)."""
        self._expect("一次性告知补正", Action.REQUEST_MATERIALS)
        article = rules.profile.materials_notice.article
        if self.materials_requested_at is not None:
            raise TransitionError("补正材料只能一次性告知，不能再次要求补正。", article=article)
        items = [i.strip() for i in items if i and i.strip()]
        if not items:
            raise ValidationError("missing_materials", "请逐项列出需补正的材料。", article=article)
        notice_due = Deadline(
            DeadlineKind.MATERIALS,
            self.received_at,
            rules.profile.materials_notice.amount,
            rules.profile.materials_notice.unit,
            article,
            rules.calendar,
        )
        if notice_due.is_overdue(now):
            raise TransitionError(
                f"收到诉求已超过{rules.profile.materials_notice.describe()}未告知补正，"
                f"依规视为自收到之日起受理，请直接受理。",
                article=article,
            )
        self.state = S.AWAITING_MATERIALS
        self.missing_materials = items
        self.materials_requested_at = now
        deadline = self._start(
            DeadlineKind.MATERIALS, now, rules.profile.materials_supply, rules.calendar
        )
        self._log(
            "request_materials",
            now,
            actor_id,
            f"一次性告知补正 {len(items)} 项，补正期限 {deadline.describe_due()}",
            article,
            items=items,
        )
        self._refresh_due()

    def supply_materials(
        self, note: str, *, rules: CaseRules, actor_id: int, now: datetime
    ) -> None:
        """Materials supplied: the item is accepted."""
        self._expect("补正材料", Action.SUPPLY_MATERIALS)
        self._meet(DeadlineKind.MATERIALS, now)
        self._log(
            "supply_materials", now, actor_id, "已补正材料", "STD item 6", note=clean_text(note)
        )
        self._do_accept(rules=rules, actor_id=actor_id, now=now)

    def withdraw_for_missing_materials(self, *, actor_id: int, now: datetime) -> None:
        """Not supplied in time: treated as withdrawn (STD item 6)."""
        self._expect("视为撤回", Action.WITHDRAW)
        deadline = self.deadlines[DeadlineKind.MATERIALS]
        if not deadline.is_overdue(now):
            raise TransitionError(
                f"补正期限 {deadline.describe_due()} 尚未届满，不能视为撤回。", article="STD item 6"
            )
        self.state = S.WITHDRAWN
        self.closed_at = now
        self._stop_all(now)
        self._log("withdraw", now, actor_id, "逾期未补正，视为撤回", "STD item 6")
        self._refresh_due()

    def accept(self, *, rules: CaseRules, actor_id: int, now: datetime) -> None:
        self._expect("受理", Action.ACCEPT)
        self._do_accept(rules=rules, actor_id=actor_id, now=now)

    def _do_accept(self, *, rules: CaseRules, actor_id: int, now: datetime) -> None:
        self.state = S.ACCEPTED
        self._log("accept", now, actor_id, "受理", "YJ12345 art. 8")
        self._refresh_due()

    def answer_at_once(self, answer: str, *, actor_id: int, now: datetime) -> None:
        """A consultation answered at the counter (YJ12345 art. 8, 9(1)1)."""
        self._expect("即时答复", Action.ANSWER_AT_ONCE)
        if self.kind is not Kind.CONSULTATION:
            raise TransitionError("只有咨询类诉求可以即时答复，其他诉求须转办。")
        answer = _require_text("answer", answer, "答复内容", "YJ12345 art. 9(1)1")
        self.results.append(
            Result(
                submitted_at=now,
                handled_at=now,
                method="窗口即时答复",
                outcome=answer,
                basis="YJ12345 art. 8",
                recorded_by=actor_id,
            )
        )
        self.results[-1].review_passed = True
        self.state = S.COMPLETED
        self.completed_at = now
        self._stop_all(now)
        self._log("answer_at_once", now, actor_id, "咨询即时答复并办结", "YJ12345 art. 9(1)1")
        self._refresh_due()

    # ----- routing ----------------------------------------------------------------------------

    def dispatch(
        self,
        unit_id: int,
        *,
        rules: CaseRules,
        actor_id: int,
        now: datetime,
        designated: bool = False,
        unit_name: str = "",
    ) -> None:
        """Send to the handling unit; the unit's periods start at its receipt (YJ12345 art. 9, 10)."""
        self._expect("转办", Action.DISPATCH)
        self._meet(DeadlineKind.DISPATCH, now)
        self.designated = designated
        self._receive(unit_id, now, rules)
        self._log(
            "dispatch",
            now,
            actor_id,
            f"转办至承办单位{unit_name}" + ("（中心指定，不得退回）" if designated else ""),
            "YJ12345 art. 10",
            unit_id=unit_id,
            designated=designated,
        )
        self._refresh_due()

    def _receive(self, unit_id: int, now: datetime, rules: CaseRules) -> None:
        """A unit receives the order: completion, contact and return clocks start now."""
        self.state = S.DISPATCHED
        self.unit_id = unit_id
        self.first_received_at = now
        self.received_by_unit_at = now
        profile = rules.profile
        completion = profile.completion_rule(self.kind, self.priority)
        self._start(DeadlineKind.COMPLETION, now, completion.period, rules.calendar)
        contact = profile.first_contact[self.priority]
        if contact is not None and self.first_contact_at is None:
            self._start(DeadlineKind.FIRST_CONTACT, now, contact, rules.calendar)
        if self.priority is Priority.URGENT and profile.on_site_urgent is not None:
            self._start(DeadlineKind.ON_SITE, now, profile.on_site_urgent, rules.calendar)
        if not self.designated:
            self._start(DeadlineKind.RETURN_WINDOW, now, profile.return_window, rules.calendar)

    def request_return(
        self, reason: str, basis: str, *, rules: CaseRules, actor_id: int, now: datetime
    ) -> None:
        """The unit asks to hand the order back, with reasons and basis, in time (YJ12345 art. 10)."""
        article = rules.profile.return_window.article
        self._expect("申请退回", Action.REQUEST_RETURN)
        if self.redo_count:
            raise TransitionError(
                "重办工单发回原承办单位重新办理，不得退回。", article="YJ12345 art. 20"
            )
        if self.designated:
            raise TransitionError(
                "此件由中心协调指定承办单位，不得退回。", article="YJ12345 art. 10"
            )
        window = self.deadlines.get(DeadlineKind.RETURN_WINDOW)
        if window is None or window.met_at is not None or window.is_overdue(now):
            due = window.describe_due() if window else ""
            raise TransitionError(
                f"申请退回须在收到工单后{rules.profile.return_window.describe()}内提出"
                f"（期限 {due}），已逾期，承办单位须继续办理。",
                article=article,
            )
        reason = _require_text("reason", reason, "退回理由", article)
        basis = _require_text("basis", basis, "退回依据", article)
        assert self.unit_id is not None
        self.return_requests.append(
            ReturnRequest(
                unit_id=self.unit_id,
                requested_at=now,
                reason=reason,
                basis=basis,
                recorded_by=actor_id,
            )
        )
        self.state = S.RETURN_REQUESTED
        self._meet(DeadlineKind.RETURN_WINDOW, now)
        self._log("request_return", now, actor_id, f"承办单位申请退回：{reason}", article)
        self._refresh_due()

    def approve_return(
        self,
        new_unit_id: int,
        note: str,
        *,
        rules: CaseRules,
        actor_id: int,
        now: datetime,
        unit_name: str = "",
    ) -> None:
        """Return approved: re-dispatched, and the period restarts at the new receipt (RULES §2.3)."""
        self._expect("审批退回", Action.DECIDE_RETURN)
        request = self.return_requests[-1]
        _second_person(request.recorded_by, actor_id, "退回")
        if new_unit_id == request.unit_id:
            raise ValidationError("unit", "同意退回后须改派其他承办单位。")
        request.status = RequestStatus.APPROVED
        request.decided_by, request.decided_at = actor_id, now
        request.decision_note = clean_text(note)
        request.new_unit_id = new_unit_id
        self._receive(new_unit_id, now, rules)
        self._log(
            "approve_return",
            now,
            actor_id,
            f"同意退回并改派至{unit_name or '其他承办单位'}，办理期限重新计算",
            "YJ12345 art. 10",
            old_unit_id=request.unit_id,
            unit_id=new_unit_id,
        )
        self._refresh_due()

    def refuse_return(self, note: str, *, actor_id: int, now: datetime) -> None:
        """Return refused: the unit keeps it and the period runs from the first receipt (RULES §2.3)."""
        self._expect("审批退回", Action.DECIDE_RETURN)
        request = self.return_requests[-1]
        _second_person(request.recorded_by, actor_id, "退回")
        note = _require_text("note", note, "不同意退回的理由", "YJ12345 art. 10")
        request.status = RequestStatus.REFUSED
        request.decided_by, request.decided_at = actor_id, now
        request.decision_note = note
        self.state = S.IN_PROGRESS if self.first_contact_at else S.DISPATCHED
        self._log(
            "refuse_return",
            now,
            actor_id,
            "不同意退回，承办单位继续办理，时限自首次接单起计算",
            "YJ12345 art. 10",
            note=note,
        )
        self._refresh_due()

    # ----- handling ---------------------------------------------------------------------------

    def record_contact(
        self,
        method: ContactMethod,
        note: str,
        *,
        actor_id: int,
        now: datetime,
        at: datetime | None = None,
    ) -> None:
        """The unit contacted the submitter (YJ12345 art. 11(1))."""
        self._expect("登记联系", Action.RECORD_CONTACT)
        at = at or now
        if at > now:
            raise ValidationError("at", "联系时间不能晚于现在。")
        self.contacts.append(
            Contact(at=at, method=method, note=clean_text(note), recorded_by=actor_id)
        )
        first = self.first_contact_at is None
        if first:
            self.first_contact_at = at
            self._meet(DeadlineKind.FIRST_CONTACT, at)
        if self.state is S.DISPATCHED:
            self.state = S.IN_PROGRESS
        self._log(
            "contact",
            now,
            actor_id,
            ("首次联系诉求人" if first else "联系诉求人") + f"（{method.label}）",
            "YJ12345 art. 11(1)",
        )
        self._refresh_due()

    def request_extension(
        self,
        extra_working_days: int,
        reason: str,
        basis: str,
        *,
        rules: CaseRules,
        actor_id: int,
        now: datetime,
    ) -> None:
        """Ask for more time before expiry; never for urgent items, ≤ max count, ≤ the kind's maximum."""
        article = rules.profile.extension_article
        self._expect("申请延期", Action.REQUEST_EXTENSION)
        completion_rule = rules.profile.completion_rule(self.kind, self.priority)
        if not completion_rule.extension_allowed:
            raise TransitionError("紧急项诉求不允许延期。", article=article)
        if any(r.status is RequestStatus.PENDING for r in self.extension_requests):
            raise TransitionError("已有一项延期申请待审批，请先审批。", article=article)
        granted = [r for r in self.extension_requests if r.status is RequestStatus.APPROVED]
        max_count = rules.profile.extension_max_count
        if max_count is not None and len(granted) >= max_count:
            raise TransitionError(
                f"延期次数不得超过{max_count}次，本件已延期{len(granted)}次。", article=article
            )
        deadline = self.deadlines[DeadlineKind.COMPLETION]
        if deadline.is_overdue(now):
            raise TransitionError(
                f"延期须在办理时限届满前申请，本件已于 {deadline.describe_due()} 到期。",
                article=article,
            )
        if extra_working_days < 1:
            raise ValidationError("extra_working_days", "请填写延长的工作日数（至少 1 天）。")
        self._check_extension_limit(deadline.amount + extra_working_days, completion_rule, article)
        reason = _require_text("reason", reason, "延期理由", article)
        basis = _require_text("basis", basis, "延期依据", article)
        self.extension_requests.append(
            ExtensionRequest(
                requested_at=now,
                extra_working_days=extra_working_days,
                reason=reason,
                basis=basis,
                recorded_by=actor_id,
            )
        )
        self._log(
            "request_extension",
            now,
            actor_id,
            f"申请延期 {extra_working_days} 个工作日：{reason}",
            article,
            extra_working_days=extra_working_days,
        )

    def _check_extension_limit(self, total: int, rule: CompletionRule, article: str) -> None:
        if rule.max_working_days is not None and total > rule.max_working_days:
            raise TransitionError(
                f"延期后总时限 {total} 个工作日超过{self.kind.label}类最长时限"
                f" {rule.max_working_days} 个工作日。",
                article=article,
            )

    def decide_extension(
        self, approve: bool, note: str, *, rules: CaseRules, actor_id: int, now: datetime
    ) -> None:
        """The centre approves or refuses the pending extension; approval moves the completion date."""
        article = rules.profile.extension_article
        pending = [r for r in self.extension_requests if r.status is RequestStatus.PENDING]
        if not pending:
            raise TransitionError("本件没有待审批的延期申请。", article=article)
        request = pending[-1]
        _second_person(request.recorded_by, actor_id, "延期")
        note = clean_text(note)
        if not approve and not note:
            raise ValidationError("note", "请填写不同意延期的理由。", article=article)
        request.decided_by, request.decided_at, request.decision_note = actor_id, now, note
        if not approve:
            request.status = RequestStatus.REFUSED
            self._log("refuse_extension", now, actor_id, "不同意延期", article, note=note)
            return
        deadline = self.deadlines[DeadlineKind.COMPLETION]
        rule = rules.profile.completion_rule(self.kind, self.priority)
        self._check_extension_limit(deadline.amount + request.extra_working_days, rule, article)
        request.status = RequestStatus.APPROVED
        before = deadline.describe_due()
        deadline.amount += request.extra_working_days
        deadline.recompute(rules.calendar)
        self._log(
            "approve_extension",
            now,
            actor_id,
            f"同意延期：办结期限由 {before} 延至 {deadline.describe_due()}，须告知诉求人延期理由",
            article,
            new_due=deadline.due_date.isoformat(),
        )
        self._refresh_due()

    def submit_result(
        self,
        *,
        handled_at: datetime,
        method: str,
        outcome: str,
        basis: str,
        actor_id: int,
        now: datetime,
    ) -> None:
        """The unit's result: when and how it was handled, the outcome and the basis (YJ12345 art. 14)."""
        article = "YJ12345 art. 14"
        self._expect("提交办理结果", Action.SUBMIT_RESULT)
        method = _require_text("method", method, "办理方式（如何办理）", article)
        outcome = _require_text("outcome", outcome, "办理结果", article)
        basis = _require_text("basis", basis, "法律或政策依据", article)
        if handled_at > now:
            raise ValidationError("handled_at", "办理时间不能晚于现在。", article=article)
        if self.first_received_at and handled_at < self.first_received_at:
            raise ValidationError(
                "handled_at", "办理时间不能早于承办单位收到工单的时间。", article=article
            )
        self.results.append(
            Result(
                submitted_at=now,
                handled_at=handled_at,
                method=method,
                outcome=outcome,
                basis=basis,
                recorded_by=actor_id,
            )
        )
        self.state = S.RESULT_SUBMITTED
        self._log("submit_result", now, actor_id, "承办单位提交办理结果，待审核", article)
        self._refresh_due()

    def review(self, passed: bool, comment: str, *, actor_id: int, now: datetime) -> None:
        """Pass the result (completed) or send it back; the period keeps the first receipt (RULES §2.3)."""
        article = "YJ12345 art. 14"
        self._expect("审核", Action.REVIEW)
        result = self.results[-1]
        comment = clean_text(comment)
        if not passed and not comment:
            raise ValidationError(
                "comment", "发回重新办理时，请写明不符合要求之处。", article=article
            )
        missing = [
            label
            for label, value in (
                ("办理方式", result.method),
                ("办理结果", result.outcome),
                ("依据", result.basis),
            )
            if not value
        ]
        if passed and missing:
            raise TransitionError(
                f"办理结果缺少{'、'.join(missing)}，不能审核通过。", article=article
            )
        result.review_passed = passed
        result.review_comment = comment
        result.reviewed_by, result.reviewed_at = actor_id, now
        if passed:
            self.state = S.COMPLETED
            self.completed_at = now
            self._meet(DeadlineKind.COMPLETION, result.submitted_at)
            self._stop_all(now)
            self._log("review_pass", now, actor_id, "审核通过，办结", article)
        else:
            self.state = S.SENT_BACK
            self._log(
                "send_back",
                now,
                actor_id,
                f"审核不通过，发回重新办理：{comment}（时限仍自首次接单起计算）",
                article,
                comment=comment,
            )
        self._refresh_due()

    # ----- after handling ---------------------------------------------------------------------

    def record_evaluation(
        self,
        level: Satisfaction,
        *,
        stage: EvaluationStage,
        method: ContactMethod,
        comment: str,
        actor_id: int,
        now: datetime,
        tags: Iterable[EvaluationTag] = (),
    ) -> None:
        """好差评 at intake or after handling, with optional reason tags (YJ12345 art. 20; STD item 17)."""
        article = "YJ12345 art. 20"
        if stage is EvaluationStage.AFTER_HANDLING:
            self._expect_states("办结后评价", S.COMPLETED, S.EVALUATED)
            if self.pending_redo() is not None:
                raise TransitionError(
                    "本件有待审核的重办申请，请先审核；重办办结后再登记评价。", article=article
                )
        elif self.state.group is StateGroup.CLOSED:
            raise TransitionError("案件已终结，不能再登记受理时评价。", article=article)
        self.evaluations.append(
            Evaluation(
                at=now,
                level=level,
                stage=stage,
                method=method,
                comment=clean_text(comment),
                recorded_by=actor_id,
                tags=tags,
            )
        )
        if stage is EvaluationStage.AFTER_HANDLING:
            self.state = S.EVALUATED
        self._log(
            "evaluate",
            now,
            actor_id,
            f"{stage.label}：{level.label}（{method.label}）"
            + ("，" + "、".join(t.label for t in self.evaluations[-1].tags) if tags else ""),
            article,
            level=level.value,
            stage=stage.value,
            tags=list(self.evaluations[-1].tag_values),
        )

    @property
    def satisfaction(self) -> Satisfaction | None:
        """The case's satisfaction is its last evaluation after handling: after a redo, the
        evaluation of the redone result (YJ12345 art. 20)."""
        last = self.last_evaluation()
        return last.level if last else None

    def last_evaluation(self) -> Evaluation | None:
        after = [e for e in self.evaluations if e.stage is EvaluationStage.AFTER_HANDLING]
        return after[-1] if after else None

    # ----- redo (重办) ---------------------------------------------------------------------------

    @property
    def redo_count(self) -> int:
        """Redos granted so far (each one sent the order back to the unit)."""
        return sum(r.status is RequestStatus.APPROVED for r in self.redo_requests)

    def redo_under_way(self) -> RedoRequest | None:
        """The redo the unit is working on (YJ12345 art. 20): approved, not completed again."""
        approved = [r for r in self.redo_requests if r.status is RequestStatus.APPROVED]
        if not approved or self.completed_at is not None or self.unit_id is None:
            return None
        return approved[-1]

    def pending_redo(self) -> RedoRequest | None:
        pending = [r for r in self.redo_requests if r.status is RequestStatus.PENDING]
        return pending[-1] if pending else None

    @property
    def confirmed_complete(self) -> bool:
        """Completed (and perhaps archived) with no redo waiting for the centre's review: the
        point after which the same fact and reason is not accepted again (JY12345 art. 17)."""
        finished = self.state in (S.COMPLETED, S.EVALUATED) or (
            self.state is S.CLOSED and self.completed_at is not None
        )
        return finished and self.pending_redo() is None

    def redo_refusal(self, rules: CaseRules | None = None) -> TransitionError | None:
        """Why a redo cannot be asked for now (None: it can). Without ``rules`` only what does
        not depend on the profile is checked (state, pending request, dissatisfaction)."""
        article = rules.profile.redo.article if rules and rules.profile.redo else "YJ12345 art. 20"
        if self.state not in ACTION_STATES[Action.REQUEST_REDO]:
            allowed = "、".join(
                s.label for s in CaseState if s in ACTION_STATES[Action.REQUEST_REDO]
            )
            return TransitionError(
                f"案件 {self.number} 当前状态为「{self.state.label}」，不能申请重办"
                f"（仅限「{allowed}」状态）。"
            )
        if self.pending_redo() is not None:
            return TransitionError("已有一项重办申请待审核，请先审核。", article=article)
        level = self.satisfaction
        if level is None or not level.allows_redo:
            shown = level.label if level else "未评价"
            return TransitionError(
                f"办结后评价为「{shown}」：只有评价为不满意或非常不满意的，诉求人才可以要求重办。",
                article=article,
            )
        if rules is None:
            return None
        rule = rules.profile.redo
        if rule is None:
            return TransitionError(f"规则配置「{rules.profile.name}」未规定重办，不能重办。")
        if self.redo_count >= rule.max_count:
            return TransitionError(
                f"重办以{rule.max_count}次为限，本件已重办{self.redo_count}次；"
                "经确认办结后，同一事实和理由不再受理。",
                article=rule.article_for(self.redo_count),
            )
        return None

    def request_redo(
        self,
        reason: str,
        *,
        method: ContactMethod,
        rules: CaseRules,
        actor_id: int,
        now: datetime,
    ) -> None:
        """The citizen, dissatisfied with the result, asks for a redo (YJ12345 art. 20; JY12345
        art. 16, 17); the centre's review decides (``decide_redo``)."""
        self._expect("申请重办", Action.REQUEST_REDO)
        refusal = self.redo_refusal(rules)
        if refusal is not None:
            raise refusal
        assert rules.profile.redo is not None
        sequence = len(self.redo_requests) + 1
        article = rules.profile.redo.article_for(self.redo_count + 1)
        reason = _require_text("reason", reason, "诉求人要求重办的理由", article)
        level = self.satisfaction
        assert level is not None
        self.redo_requests.append(
            RedoRequest(
                sequence=sequence,
                requested_at=now,
                level=level,
                method=method,
                reason=reason,
                recorded_by=actor_id,
            )
        )
        self._log(
            "request_redo",
            now,
            actor_id,
            f"诉求人对办理结果{level.label}，要求重办（{method.label}）：{reason}",
            article,
            level=level.value,
        )

    def decide_redo(
        self,
        approve: bool,
        note: str,
        *,
        rules: CaseRules,
        actor_id: int,
        now: datetime,
        unit_fault: bool = False,
        instructions_not_followed: bool = False,
        unit_name: str = "",
    ) -> None:
        """The centre's review of the pending redo request.

        Approved: the order goes back to the same unit with the redo instructions, and a new
        completion period as long as the original one starts at this redo dispatch (YJ12345
        art. 20). jieyang-2015: only for a dissatisfaction the unit caused (JY12345 art. 16);
        a further redo only when the unit did not follow the redo instructions (art. 17).
        """
        rule = rules.profile.redo
        request = self.pending_redo()
        if request is None:
            raise TransitionError(
                "本件没有待审核的重办申请。", article=rule.article if rule else "YJ12345 art. 20"
            )
        if rule is None:
            raise TransitionError(f"规则配置「{rules.profile.name}」未规定重办，不能重办。")
        sequence = self.redo_count + 1
        article = rule.article_for(sequence)
        note = clean_text(note)
        if not approve:
            note = _require_text("note", note, "不同意重办的理由（将告知诉求人）", article)
            request.status = RequestStatus.REFUSED
            request.decided_by, request.decided_at, request.decision_note = actor_id, now, note
            self._log("refuse_redo", now, actor_id, f"审核不同意重办：{note}", article, note=note)
            return
        note = _require_text("note", note, "重办要求（发给承办单位）", article)
        if self.redo_count >= rule.max_count:
            raise TransitionError(
                f"重办以{rule.max_count}次为限，本件已重办{self.redo_count}次。",
                article=rule.article_for(self.redo_count),
            )
        if rule.unit_fault_required and sequence == 1 and not unit_fault:
            raise TransitionError(
                "只有因承办单位主观原因造成诉求人不满意的，才发回重办；"
                "请确认原因，或选择不同意重办。",
                article=rule.article,
            )
        further_needs_confirmation = sequence > 1 and rule.further_needs_instructions_not_followed
        if further_needs_confirmation and not instructions_not_followed:
            raise TransitionError(
                "已重办的事项再次发回重办，须经中心确认承办单位没有按重办要求办理；"
                "请确认，或选择不同意重办。",
                article=article,
            )
        if self.unit_id is None:
            raise TransitionError("本件没有承办单位，不能发回重办。", article=article)
        request.status = RequestStatus.APPROVED
        request.decided_by, request.decided_at, request.decision_note = actor_id, now, note
        request.unit_fault = unit_fault if rule.unit_fault_required else None
        request.instructions_not_followed = (
            instructions_not_followed if further_needs_confirmation else None
        )
        request.unit_id = self.unit_id
        # RULES §3: the redo period equals the original one, counted from this redo dispatch
        # (the start day not counted, RULES §2.1); extensions granted before do not carry over.
        original = rules.profile.completion_rule(self.kind, self.priority).period
        previous = self.deadlines.get(DeadlineKind.COMPLETION)
        request.previous_due_date = previous.due_date if previous else None
        before = previous.describe_due() if previous else ""
        deadline = self._start(DeadlineKind.COMPLETION, now, original, rules.calendar)
        request.new_due_date = deadline.due_date
        completed_before = self.completed_at
        self.state = S.DISPATCHED
        self.received_by_unit_at = now
        self.completed_at = None
        self._log(
            "approve_redo",
            now,
            actor_id,
            f"审核同意，发回承办单位{unit_name}第{sequence}次重办：{note.rstrip('。；;.')}；"
            f"重办时限与原时限一致（{original.describe()}），自重办转办起计算，"
            f"办结期限 {deadline.describe_due()}" + (f"（原期限 {before}）" if before else ""),
            article,
            sequence=sequence,
            unit_id=self.unit_id,
            new_due=deadline.due_date.isoformat(),
            previous_due=request.previous_due_date.isoformat()
            if request.previous_due_date
            else None,
            previously_completed_at=completed_before.isoformat() if completed_before else None,
            unit_fault=request.unit_fault,
            instructions_not_followed=request.instructions_not_followed,
        )
        self._refresh_due()

    def repeat_basis(self) -> str:
        """Where this case stands as the earlier case of a repeat refusal (YJ12345 art. 6(6)):
        being handled, or confirmed complete; a case never accepted cannot ground one."""
        article = RefusalGround.REPEAT.article
        if self.state in (S.NOT_ACCEPTED, S.WITHDRAWN) or (
            self.state is S.CLOSED and self.completed_at is None
        ):
            hint = ""
            if self.related_case_id is not None:
                hint = "；如它本身因重复不予受理，请关联它所关联的原案件"
            raise ValidationError(
                "related_case",
                f"案件 {self.number} 为「{self.state.label}」，未经受理办理，"
                f"不能作为重复诉求不予受理的依据{hint}。",
                article=article,
            )
        if self.confirmed_complete:
            return f"与案件 {self.number} 同一事实和理由，该案已确认办结"
        return f"与案件 {self.number} 同一事实和理由，该案正在办理"

    def close(self, *, actor_id: int, now: datetime) -> None:
        """Archive a completed case (JY12345 art. 18)."""
        self._expect("归档", Action.CLOSE)
        if self.pending_redo() is not None:
            raise TransitionError(
                "本件有待审核的重办申请，审核后才能归档。", article="JY12345 art. 18"
            )
        self.state = S.CLOSED
        self.closed_at = now
        self._log("close", now, actor_id, "归档", "JY12345 art. 18")
        self._refresh_due()

    def add_attachment(self, attachment: Attachment, *, now: datetime) -> None:
        """Evidence can be added while the case lives; the file itself is kept by the store."""
        if self.state.group is StateGroup.CLOSED:
            raise TransitionError("案件已终结，不能再添加附件。")
        self.attachments.append(attachment)
        self._log(
            "add_attachment", now, attachment.added_by, f"添加附件「{attachment.file_name}」", None
        )

    # ----- calendar -----------------------------------------------------------------------------

    def recompute_deadlines(self, calendar: WorkCalendar, *, now: datetime, reason: str) -> bool:
        """Count open periods again after the calendar changed; logs and returns whether any moved."""
        moved = []
        for deadline in self.deadlines.values():
            before = deadline.describe_due()
            if deadline.met_at is None and deadline.recompute(calendar):
                moved.append(f"{deadline.kind.label} {before} → {deadline.describe_due()}")
        if moved:
            self._log(
                "recompute_deadlines", now, None, f"{reason}：" + "；".join(moved), "RULES §2.1"
            )
            self._refresh_due()
        return bool(moved)

    # ----- what can be done now ---------------------------------------------------------------

    def left_to_another(self, actor_id: int) -> frozenset[Action]:
        """Decisions this user may not take on this case: they recorded the request (issue 8)."""
        reserved = set()
        extension = self.pending_extension()
        if extension is not None and extension.recorded_by == actor_id:
            reserved.add(Action.DECIDE_EXTENSION)
        if (
            self.state is CaseState.RETURN_REQUESTED
            and self.return_requests
            and self.return_requests[-1].recorded_by == actor_id
        ):
            reserved.add(Action.DECIDE_RETURN)
        return frozenset(reserved)

    def allowed_actions(self, rules: CaseRules | None = None) -> frozenset[Action]:
        """The case actions the state allows now; whether the user's role may is the caller's part.

        Besides the state, the conditions that do not depend on the clock are applied (one
        materials notice, consultations only for 即时答复, no return of a designated order, one
        pending extension, and with ``rules`` the kind's extension limits). A period that has run
        out is left to the action itself, which refuses with the reason and the article.
        """
        allowed = {action for action, states in ACTION_STATES.items() if self.state in states}
        if self.materials_requested_at is not None:
            allowed.discard(Action.REQUEST_MATERIALS)
        if self.kind is not Kind.CONSULTATION:
            allowed.discard(Action.ANSWER_AT_ONCE)
        if self.designated or self.redo_count:
            allowed.discard(Action.REQUEST_RETURN)
        if Action.REQUEST_REDO in allowed and self.redo_refusal(rules) is not None:
            allowed.discard(Action.REQUEST_REDO)
        if self.pending_redo() is not None:
            allowed.discard(Action.CLOSE)
            allowed.add(Action.DECIDE_REDO)
        if self.pending_extension() is not None:
            allowed.discard(Action.REQUEST_EXTENSION)
            allowed.add(Action.DECIDE_EXTENSION)
        if rules is not None and self.extension_days_left(rules) == 0:
            allowed.discard(Action.REQUEST_EXTENSION)
        if self.state.group is not StateGroup.CLOSED:
            allowed |= {Action.RECORD_EVALUATION, Action.ADD_ATTACHMENT}
        return frozenset(allowed)

    def evaluation_stages(self) -> tuple[EvaluationStage, ...]:
        """The 好差评 stages ``record_evaluation`` accepts now, the one after handling first."""
        stages: list[EvaluationStage] = []
        if self.state in (S.COMPLETED, S.EVALUATED) and self.pending_redo() is None:
            stages.append(EvaluationStage.AFTER_HANDLING)
        if self.state.group is not StateGroup.CLOSED:
            stages.append(EvaluationStage.INTAKE)
        return tuple(stages)

    def pending_extension(self) -> ExtensionRequest | None:
        pending = [r for r in self.extension_requests if r.status is RequestStatus.PENDING]
        return pending[-1] if pending else None

    def extension_days_left(self, rules: CaseRules) -> int | None:
        """Working days an extension may still add (YJ12345 art. 9; JY12345 art. 21).

        0 when no extension is allowed (urgent item, count used up, maximum reached); None when
        the profile sets no maximum for the kind.
        """
        rule = rules.profile.completion_rule(self.kind, self.priority)
        deadline = self.deadlines.get(DeadlineKind.COMPLETION)
        if not rule.extension_allowed or deadline is None:
            return 0
        granted = sum(r.status is RequestStatus.APPROVED for r in self.extension_requests)
        max_count = rules.profile.extension_max_count
        if max_count is not None and granted >= max_count:
            return 0
        if rule.max_working_days is None:
            return None
        return max(rule.max_working_days - deadline.amount, 0)

    # ----- helpers ------------------------------------------------------------------------------

    def current_deadline(self) -> Deadline | None:
        """The clock that matters now, shown in the list and used for due-soon and overdue."""
        kind = CURRENT_DEADLINE.get(self.state)
        return self.deadlines.get(kind) if kind else None

    def _refresh_due(self) -> None:
        deadline = self.current_deadline()
        if deadline is None or deadline.met_at is not None:
            self.due_date, self.due_at, self.due_kind, self.due_provisional = (
                None,
                None,
                None,
                False,
            )
        else:
            self.due_date, self.due_at = deadline.due_date, deadline.due_at
            self.due_kind, self.due_provisional = deadline.kind, deadline.provisional

    def is_overdue(self, now: datetime) -> bool:
        deadline = self.current_deadline()
        return deadline is not None and deadline.is_overdue(now)

    def _start(
        self, kind: DeadlineKind, start: datetime, period: Period, calendar: WorkCalendar
    ) -> Deadline:
        deadline = self.deadlines.get(kind)
        if deadline is None:
            deadline = Deadline(kind, start, period.amount, period.unit, period.article, calendar)
            self.deadlines[kind] = deadline
        else:
            # A restarted clock (return approved, RULES §2.3) replaces the old one in place;
            # the old dates stay in the event that restarted it.
            deadline.restart(start, period, calendar)
        return deadline

    def _meet(self, kind: DeadlineKind, at: datetime) -> None:
        deadline = self.deadlines.get(kind)
        if deadline is not None and deadline.met_at is None:
            deadline.met_at = at

    def _stop_all(self, now: datetime) -> None:
        """A finished case leaves no clock running; unmet ones keep met_at empty for statistics."""
        for kind in (DeadlineKind.RETURN_WINDOW, DeadlineKind.DISPATCH):
            self._meet(kind, now)

    def _expect(self, action_label: str, action: Action) -> None:
        """The state rule of ``action`` (ACTION_STATES, the one table the screens read too)."""
        self._expect_states(action_label, *(s for s in CaseState if s in ACTION_STATES[action]))

    def _expect_states(self, action_label: str, *states: CaseState) -> None:
        if self.state not in states:
            allowed = "、".join(s.label for s in states)
            raise TransitionError(
                f"案件 {self.number} 当前状态为「{self.state.label}」，不能{action_label}"
                f"（仅限「{allowed}」状态）。"
            )

    def _log(
        self,
        action: str,
        now: datetime,
        actor_id: int | None,
        summary: str,
        article: str | None,
        **details: Any,
    ) -> None:
        append_event(self.events, action, now, actor_id, summary, article, **details)

    @property
    def lead_submitter(self) -> Person | None:
        return self.submitters[0].person if self.submitters else None

    def __repr__(self) -> str:
        return f"Case({self.number}, {self.kind.value}, {self.state.value})"
