"""One case as the detail screen shows it: masked identity, deadlines, requests, what may be done now.

Reading is open to every signed-in user, with identity masked (RULES §5). Seeing a submitter's
identity unmasked is an act of its own: only roles that need it may, a reason is required, and
each view is written into the case's timeline (FIRE art. 11; YJ12345 art. 15).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Table, select

from app.domain.cases import Case, CaseRules, EvaluationStage, RequestStatus
from app.domain.deadlines import Deadline, DeadlineKind, compute_due
from app.domain.errors import NotFound, PermissionDenied, ValidationError
from app.domain.events import Event
from app.domain.people import format_phone, mask_name, mask_phone
from app.domain.persons import Person
from app.domain.rewards import ClaimState
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, Kind, Priority, StateGroup
from app.persistence import tables as t
from app.services import duplicates
from app.services.context import Services, UnitOfWork
from app.services.queries import due_soon_limit

# The order of the action bar: the order a case meets them in its life.
ACTION_ORDER: tuple[Action, ...] = (
    Action.ACCEPT,
    Action.ANSWER_AT_ONCE,
    Action.REQUEST_MATERIALS,
    Action.SUPPLY_MATERIALS,
    Action.WITHDRAW,
    Action.REFUSE,
    Action.DISPATCH,
    Action.RECORD_CONTACT,
    Action.REQUEST_EXTENSION,
    Action.DECIDE_EXTENSION,
    Action.REQUEST_RETURN,
    Action.DECIDE_RETURN,
    Action.SUBMIT_RESULT,
    Action.REVIEW,
    Action.RECORD_EVALUATION,
    Action.REQUEST_REDO,
    Action.DECIDE_REDO,
    Action.CLOSE,
    Action.ADD_ATTACHMENT,
)

# The order deadlines are listed in: the order their clocks start.
_DEADLINE_ORDER = (
    DeadlineKind.DISPATCH,
    DeadlineKind.MATERIALS,
    DeadlineKind.FIRST_CONTACT,
    DeadlineKind.ON_SITE,
    DeadlineKind.RETURN_WINDOW,
    DeadlineKind.COMPLETION,
)

REVEAL_EVENT = "reveal_identity"


def may_reveal_identity(actor: Actor) -> bool:
    """RULES §5: only roles that need it see identity unmasked."""
    return actor.can(Action.REVEAL_IDENTITY)


def reveal_article(kind: Kind) -> str:
    """Reporters of tip-offs are protected by FIRE art. 11; every other submitter by YJ12345 art. 15."""
    return "FIRE art. 11" if kind is Kind.TIP_OFF else "YJ12345 art. 15"


def mask_address(address: str) -> str:
    """Keep the district part (at most six characters, at most half), hide the rest.

    RULES §5 gives no address convention; this keeps what says which area a case is in and
    hides what finds the door.
    """
    address = address.strip()
    if not address:
        return ""
    keep = min(6, len(address) // 2)
    return address[:keep] + "****"


class DeadlineStatus(StrEnum):
    """Where one deadline stands; each has a word, so colour is never the only sign."""

    MET = "met"
    MET_LATE = "met_late"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    RUNNING = "running"
    WINDOW_CLOSED = "window_closed"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return {
            "met": "按期完成",
            "met_late": "逾期完成",
            "overdue": "已超期",
            "due_soon": "即将到期",
            "running": "计时中",
            "window_closed": "已届满",
            "stopped": "未计时",
        }[self.value]


@dataclass(frozen=True)
class DeadlineView:
    kind: DeadlineKind
    label: str
    period_text: str
    due_text: str
    article: str
    provisional: bool
    status: DeadlineStatus
    met_at: datetime | None
    current: bool


@dataclass(frozen=True)
class SubmitterView:
    """A submitter as anyone may see them: masked, no birth date (RULES §5)."""

    position: int
    name: str
    doc_type: str
    doc_number: str
    phone: str
    address: str


@dataclass(frozen=True)
class RevealedPerson:
    """A submitter unmasked, for a permitted role that gave a reason (the view is logged)."""

    position: int
    name: str
    doc_type: str
    doc_number: str
    phone: str
    address: str
    birth_date: date | None
    sex: str
    region_name: str


@dataclass(frozen=True)
class ExtensionLimits:
    """What an extension request may still ask for (YJ12345 art. 9; JY12345 art. 21)."""

    current_due_text: str
    current_working_days: int
    max_working_days: int | None
    days_left: int | None
    granted: int
    max_count: int | None
    allowed_for_kind: bool
    article: str


@dataclass(frozen=True)
class ExtensionView:
    requested_at: datetime
    extra_working_days: int
    reason: str
    basis: str
    status: RequestStatus
    requested_by: str
    decided_by: str
    decided_at: datetime | None
    note: str
    proposed_due_text: str


@dataclass(frozen=True)
class ReturnView:
    requested_at: datetime
    unit_id: int
    unit_name: str
    reason: str
    basis: str
    status: RequestStatus
    decided_by: str
    decided_at: datetime | None
    note: str
    new_unit_name: str


@dataclass(frozen=True)
class ContactView:
    at: datetime
    method: str
    note: str
    recorded_by: str


@dataclass(frozen=True)
class ResultView:
    submitted_at: datetime
    handled_at: datetime
    method: str
    outcome: str
    basis: str
    recorded_by: str
    review_passed: bool | None
    review_comment: str
    reviewed_by: str
    reviewed_at: datetime | None

    @property
    def review_label(self) -> str:
        return {None: "待审核", True: "审核通过", False: "发回重办"}[self.review_passed]


@dataclass(frozen=True)
class EvaluationView:
    at: datetime
    level: str
    stage: str
    method: str
    comment: str
    recorded_by: str
    tags: tuple[str, ...] = ()
    after_handling: bool = False


@dataclass(frozen=True)
class RedoLimits:
    """What the profile allows for a redo of this case (YJ12345 art. 20; JY12345 art. 16, 17)."""

    max_count: int
    granted: int
    article: str
    next_article: str
    original_period_text: str
    unit_fault_required: bool
    needs_instructions_not_followed: bool
    due_if_approved_text: str


@dataclass(frozen=True)
class RedoView:
    sequence: int
    requested_at: datetime
    level: str
    method: str
    reason: str
    requested_by: str
    status: RequestStatus
    decided_by: str
    decided_at: datetime | None
    note: str
    unit_fault: bool | None
    instructions_not_followed: bool | None
    unit_name: str
    previous_due_text: str
    new_due_text: str


@dataclass(frozen=True)
class AttachmentView:
    file_name: str
    size: int
    sha256: str
    path: Path
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class LinkedCase:
    """A tip-off of the same hazard; ``is_first`` per FIRE art. 6.

    ``direct`` when the link was confirmed with this case; otherwise it came through another
    report of the group (A–B and B–C make A, B and C one hazard).
    """

    case_id: int
    number: str
    received_at: datetime
    is_first: bool
    direct: bool


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case detail screen shows, identity masked; plain values only."""

    id: int
    number: str
    query_code: str
    kind: Kind
    kind_label: str
    priority: Priority
    priority_label: str
    channel_label: str
    state: CaseState
    state_label: str
    state_group: StateGroup
    profile_name: str
    received_at: datetime
    registered_by: str
    anonymous: bool
    designated: bool
    submitters: tuple[SubmitterView, ...]
    occurred: str
    place: str
    content: str
    request: str
    reported_unit_name: str
    reported_unit_address: str
    hazard_category_label: str
    evidence: str
    unit_id: int | None
    unit_name: str
    refusal_ground_label: str
    refusal_reason: str
    missing_materials: tuple[str, ...]
    completed_at: datetime | None
    closed_at: datetime | None
    deadlines: tuple[DeadlineView, ...]
    extension: ExtensionLimits | None
    extension_requests: tuple[ExtensionView, ...]
    return_requests: tuple[ReturnView, ...]
    contacts: tuple[ContactView, ...]
    results: tuple[ResultView, ...]
    evaluations: tuple[EvaluationView, ...]
    attachments: tuple[AttachmentView, ...]
    linked: tuple[LinkedCase, ...]
    first_case_number: str
    actions: tuple[Action, ...]
    evaluation_stages: tuple[EvaluationStage, ...]
    can_reveal_identity: bool
    # RULES §3: redo requests with their decisions, and what the profile allows.
    redo_requests: tuple[RedoView, ...] = ()
    redo: RedoLimits | None = None
    # FIRE art. 4, 9: a hazard tip-off's reward claim ("" while none is registered).
    reward_state_label: str = ""
    reward_possible: bool = False

    @property
    def is_tip_off(self) -> bool:
        return self.kind is Kind.TIP_OFF

    @property
    def current_deadline(self) -> DeadlineView | None:
        return next((d for d in self.deadlines if d.current), None)

    @property
    def pending_extension(self) -> ExtensionView | None:
        pending = [r for r in self.extension_requests if r.status is RequestStatus.PENDING]
        return pending[-1] if pending else None

    @property
    def pending_return(self) -> ReturnView | None:
        pending = [r for r in self.return_requests if r.status is RequestStatus.PENDING]
        return pending[-1] if pending else None

    @property
    def last_result(self) -> ResultView | None:
        return self.results[-1] if self.results else None

    @property
    def pending_redo(self) -> RedoView | None:
        pending = [r for r in self.redo_requests if r.status is RequestStatus.PENDING]
        return pending[-1] if pending else None

    @property
    def last_evaluation(self) -> EvaluationView | None:
        after = [e for e in self.evaluations if e.after_handling]
        return after[-1] if after else None


# ----- reading ----------------------------------------------------------------------------------


def _names(uow: UnitOfWork, table: Table, ids: Iterable[int | None], column: str) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = uow.session.execute(
        select(table.c.id, table.c[column]).where(table.c.id.in_(wanted))
    ).all()
    return {row[0]: row[1] for row in rows}


def _due_text(deadline: Deadline) -> str:
    return deadline.describe_due()


def _deadline_status(deadline: Deadline, case: Case, now: datetime, soon: date) -> DeadlineStatus:
    if deadline.kind is DeadlineKind.RETURN_WINDOW:
        # A window to ask for something, not a duty: its end is not a failure.
        if deadline.met_at is None and not deadline.is_overdue(now):
            return DeadlineStatus.RUNNING
        return DeadlineStatus.WINDOW_CLOSED
    met = deadline.was_met_in_time()
    if met is not None:
        return DeadlineStatus.MET if met else DeadlineStatus.MET_LATE
    if deadline.is_overdue(now):
        return DeadlineStatus.OVERDUE
    if case.state.group is not StateGroup.OPEN:
        return DeadlineStatus.STOPPED
    if deadline.due_date <= soon:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.RUNNING


def _deadlines(case: Case, now: datetime, soon: date) -> tuple[DeadlineView, ...]:
    current = case.current_deadline()
    views = []
    for kind in _DEADLINE_ORDER:
        deadline = case.deadlines.get(kind)
        if deadline is None:
            continue
        views.append(
            DeadlineView(
                kind=kind,
                label=kind.label,
                period_text=deadline.period.describe(),
                due_text=_due_text(deadline),
                article=deadline.article,
                provisional=deadline.provisional,
                status=_deadline_status(deadline, case, now, soon),
                met_at=deadline.met_at,
                current=deadline is current and deadline.met_at is None,
            )
        )
    return tuple(views)


def _extension_limits(case: Case, rules: CaseRules) -> ExtensionLimits | None:
    deadline = case.deadlines.get(DeadlineKind.COMPLETION)
    if deadline is None:
        return None
    rule = rules.profile.completion_rule(case.kind, case.priority)
    return ExtensionLimits(
        current_due_text=_due_text(deadline),
        current_working_days=deadline.amount,
        max_working_days=rule.max_working_days,
        days_left=case.extension_days_left(rules),
        granted=sum(r.status is RequestStatus.APPROVED for r in case.extension_requests),
        max_count=rules.profile.extension_max_count,
        allowed_for_kind=rule.extension_allowed,
        article=rules.profile.extension_article,
    )


def _proposed_due(case: Case, rules: CaseRules, extra: int) -> str:
    """The completion date if this extension were granted now: what the approver decides on."""
    deadline = case.deadlines.get(DeadlineKind.COMPLETION)
    if deadline is None:
        return ""
    due = compute_due(rules.calendar, deadline.starts_at, deadline.amount + extra, deadline.unit)
    text = due.instant.strftime("%Y-%m-%d %H:%M") if due.instant else due.day.isoformat()
    return text + ("（暂定）" if due.provisional else "")


def _redo_limits(case: Case, rules: CaseRules, now: datetime) -> RedoLimits | None:
    """The profile's redo rule for this case, and the completion date a redo approved now gets
    (the original period counted from today's redo dispatch, RULES §3)."""
    rule = rules.profile.redo
    if rule is None or case.unit_id is None:
        return None
    period = rules.profile.completion_rule(case.kind, case.priority).period
    due = compute_due(rules.calendar, now, period.amount, period.unit)
    text = due.instant.strftime("%Y-%m-%d %H:%M") if due.instant else due.day.isoformat()
    granted = case.redo_count
    return RedoLimits(
        max_count=rule.max_count,
        granted=granted,
        article=rule.article,
        next_article=rule.article_for(granted + 1),
        original_period_text=period.describe(),
        unit_fault_required=rule.unit_fault_required and granted == 0,
        needs_instructions_not_followed=granted > 0
        and rule.further_needs_instructions_not_followed,
        due_if_approved_text=text + ("（暂定）" if due.provisional else ""),
    )


def _masked(submitter_person: Person, position: int) -> SubmitterView:
    return SubmitterView(
        position=position,
        name=mask_name(submitter_person.name),
        doc_type=submitter_person.doc_type.label if submitter_person.doc_type else "",
        doc_number=submitter_person.masked_doc_number,
        phone=mask_phone(submitter_person.phone) if submitter_person.phone else "",
        address=mask_address(submitter_person.address),
    )


def _linked(svc: Services, case: Case) -> tuple[tuple[LinkedCase, ...], str]:
    """The case's duplicate group, earliest first, and the number of the first report."""
    assert case.id is not None
    direct = set(duplicates.linked_cases(svc, case.id))
    if not direct:
        return (), ""
    group, todo = {case.id} | direct, list(direct)
    while todo:
        for other in duplicates.linked_cases(svc, todo.pop()):
            if other not in group:
                group.add(other)
                todo.append(other)
    first_id = duplicates.first_of_group(svc, case.id)
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(
            select(t.cases.c.id, t.cases.c.number, t.cases.c.received_at).where(
                t.cases.c.id.in_(group)
            )
        ).all()
    ordered = sorted(rows, key=lambda r: (r.received_at, r.number))
    linked = tuple(
        LinkedCase(r.id, r.number, r.received_at, r.id == first_id, r.id in direct)
        for r in ordered
        if r.id != case.id
    )
    first_number = next(r.number for r in rows if r.id == first_id)
    return linked, first_number


def _actions_for(case: Case, rules: CaseRules, actor: Actor | None) -> tuple[Action, ...]:
    if actor is None:
        return ()
    # A decision the user's own request waits for is not offered (the service would refuse it).
    allowed = case.allowed_actions(rules) - case.left_to_another(actor.user_id)
    return tuple(a for a in ACTION_ORDER if a in allowed and actor.can(a))


def case_detail(svc: Services, actor: Actor | None, case_id: int) -> CaseDetail:
    """The case for the detail screen; ``actor`` decides ``actions`` and ``can_reveal_identity``.

    Without a signed-in user (a read-only view) no action is offered.
    """
    now = svc.now()
    soon = due_soon_limit(svc)
    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        rules = svc.rules_for(case)
        user_ids: list[int | None] = [case.registered_by]
        for request in case.extension_requests:
            user_ids += [request.recorded_by, request.decided_by]
        for back in case.return_requests:
            user_ids += [back.recorded_by, back.decided_by]
        for result in case.results:
            user_ids += [result.recorded_by, result.reviewed_by]
        user_ids += [c.recorded_by for c in case.contacts]
        user_ids += [e.recorded_by for e in case.evaluations]
        for redo in case.redo_requests:
            user_ids += [redo.recorded_by, redo.decided_by]
        user_ids += [a.added_by for a in case.attachments]
        people = _names(uow, t.users, user_ids, "display_name")
        unit_ids = [case.unit_id]
        for back in case.return_requests:
            unit_ids += [back.unit_id, back.new_unit_id]
        unit_ids += [redo.unit_id for redo in case.redo_requests]
        unit_names = _names(uow, t.units, unit_ids, "name")

        def who(user_id: int | None) -> str:
            return people.get(user_id, "") if user_id is not None else ""

        def unit(unit_id: int | None) -> str:
            return unit_names.get(unit_id, "") if unit_id is not None else ""

        detail = CaseDetail(
            id=case_id,
            number=case.number,
            query_code=case.query_code,
            kind=case.kind,
            kind_label=case.kind.label,
            priority=case.priority,
            priority_label=case.priority.label,
            channel_label=case.channel.label,
            state=case.state,
            state_label=case.state.label,
            state_group=case.state.group,
            profile_name=rules.profile.name,
            received_at=case.received_at,
            registered_by=who(case.registered_by),
            anonymous=case.anonymous,
            designated=case.designated,
            submitters=tuple(_masked(s.person, s.position) for s in case.submitters),
            occurred=case.occurred,
            place=case.place,
            content=case.content,
            request=case.request,
            reported_unit_name=case.reported_unit_name,
            reported_unit_address=case.reported_unit_address,
            hazard_category_label=case.hazard_category.label if case.hazard_category else "",
            evidence=case.evidence,
            unit_id=case.unit_id,
            unit_name=unit(case.unit_id),
            refusal_ground_label=case.refusal_ground.label if case.refusal_ground else "",
            refusal_reason=case.refusal_reason,
            missing_materials=tuple(case.missing_materials),
            completed_at=case.completed_at,
            closed_at=case.closed_at,
            deadlines=_deadlines(case, now, soon),
            extension=_extension_limits(case, rules),
            extension_requests=tuple(
                ExtensionView(
                    requested_at=r.requested_at,
                    extra_working_days=r.extra_working_days,
                    reason=r.reason,
                    basis=r.basis,
                    status=r.status,
                    requested_by=who(r.recorded_by),
                    decided_by=who(r.decided_by),
                    decided_at=r.decided_at,
                    note=r.decision_note,
                    proposed_due_text=(
                        _proposed_due(case, rules, r.extra_working_days)
                        if r.status is RequestStatus.PENDING
                        else ""
                    ),
                )
                for r in case.extension_requests
            ),
            return_requests=tuple(
                ReturnView(
                    requested_at=r.requested_at,
                    unit_id=r.unit_id,
                    unit_name=unit(r.unit_id),
                    reason=r.reason,
                    basis=r.basis,
                    status=r.status,
                    decided_by=who(r.decided_by),
                    decided_at=r.decided_at,
                    note=r.decision_note,
                    new_unit_name=unit(r.new_unit_id),
                )
                for r in case.return_requests
            ),
            contacts=tuple(
                ContactView(c.at, c.method.label, c.note, who(c.recorded_by)) for c in case.contacts
            ),
            results=tuple(
                ResultView(
                    submitted_at=r.submitted_at,
                    handled_at=r.handled_at,
                    method=r.method,
                    outcome=r.outcome,
                    basis=r.basis,
                    recorded_by=who(r.recorded_by),
                    review_passed=r.review_passed,
                    review_comment=r.review_comment,
                    reviewed_by=who(r.reviewed_by),
                    reviewed_at=r.reviewed_at,
                )
                for r in case.results
            ),
            evaluations=tuple(
                EvaluationView(
                    e.at,
                    e.level.label,
                    e.stage.label,
                    e.method.label,
                    e.comment,
                    who(e.recorded_by),
                    tuple(tag.label for tag in e.tags),
                    e.stage is EvaluationStage.AFTER_HANDLING,
                )
                for e in case.evaluations
            ),
            redo_requests=tuple(
                RedoView(
                    sequence=r.sequence,
                    requested_at=r.requested_at,
                    level=r.level.label,
                    method=r.method.label,
                    reason=r.reason,
                    requested_by=who(r.recorded_by),
                    status=r.status,
                    decided_by=who(r.decided_by),
                    decided_at=r.decided_at,
                    note=r.decision_note,
                    unit_fault=r.unit_fault,
                    instructions_not_followed=r.instructions_not_followed,
                    unit_name=unit(r.unit_id),
                    previous_due_text=r.previous_due_date.isoformat()
                    if r.previous_due_date
                    else "",
                    new_due_text=r.new_due_date.isoformat() if r.new_due_date else "",
                )
                for r in case.redo_requests
            ),
            redo=_redo_limits(case, rules, now),
            attachments=tuple(
                AttachmentView(
                    file_name=a.file_name,
                    size=a.size,
                    sha256=a.sha256,
                    path=stored_path(svc, a.sha256),
                    added_at=a.added_at,
                    added_by=who(a.added_by),
                )
                for a in case.attachments
            ),
            linked=(),
            first_case_number="",
            actions=_actions_for(case, rules, actor),
            evaluation_stages=case.evaluation_stages(),
            can_reveal_identity=(
                actor is not None and may_reveal_identity(actor) and not case.anonymous
            ),
        )
        if case.kind is not Kind.TIP_OFF:
            return detail
    # FIRE art. 6: the duplicates service knows the links and which report came first.
    linked, first_number = _linked(svc, case)
    with svc.uow(write=False) as uow:
        claim_state = uow.session.execute(
            select(t.reward_claims.c.state).where(t.reward_claims.c.case_id == case.id)
        ).scalar_one_or_none()
    return replace(
        detail,
        linked=linked,
        first_case_number=first_number,
        reward_state_label="" if claim_state is None else ClaimState(claim_state).label,
        reward_possible=case.hazard_category is not None
        and svc.profiles.get(case.profile_key).rewards is not None,
    )


def allowed_actions(svc: Services, actor: Actor, case_id: int) -> list[Action]:
    """What the case's state AND the actor's role allow now, in the order of the action bar."""
    with svc.uow(write=False) as uow:
        case = uow.get_case(case_id)
        return list(_actions_for(case, svc.rules_for(case), actor))


def find_case_id(svc: Services, number: str) -> int:
    """A case's id from the number a clerk types (e.g. the earlier case of a repeat refusal)."""
    number = number.strip().upper()
    if not number:
        raise ValidationError("number", "请填写案件编号。")
    with svc.uow(write=False) as uow:
        case = uow.case_by_number(number)
        assert case.id is not None
        return case.id


# ----- identity ---------------------------------------------------------------------------------


def reveal_identity(svc: Services, actor: Actor, case_id: int, reason: str) -> list[RevealedPerson]:
    """Unmasked submitters for a permitted role with a reason; the view is logged on the case."""
    with svc.uow(write=False) as uow:
        kind = uow.get_case(case_id).kind
    article = reveal_article(kind)
    if not may_reveal_identity(actor):
        raise PermissionDenied(
            f"{actor.role.label}「{actor.display_name}」无权查看诉求人身份信息，"
            "请由负责人或管理员查看。",
            article=article,
        )
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(
            "reason", "请填写查看身份信息的事由；每次查看都会记入办理过程。", article=article
        )
    now = svc.now()
    with svc.uow() as uow:
        case = uow.get_case(case_id)
        if case.anonymous:
            raise ValidationError("reason", "本件为匿名诉求，没有可显示的身份信息。")
        revealed = [
            RevealedPerson(
                position=s.position,
                name=s.person.name,
                doc_type=s.person.doc_type.label if s.person.doc_type else "",
                doc_number=s.person.doc_number or "",
                phone=format_phone(s.person.phone) if s.person.phone else "",
                address=s.person.address,
                birth_date=s.person.birth_date,
                sex=s.person.sex.label if s.person.sex else "",
                region_name=s.person.region_name,
            )
            for s in case.submitters
        ]
        case.events.append(
            Event(
                action=REVEAL_EVENT,
                at=now,
                actor_id=actor.user_id,
                # The reason, never the identity: the timeline is shown to every role.
                summary=f"查看诉求人身份信息（事由：{reason}）",
                article=article,
                details={"reason": reason, "people": len(revealed)},
            )
        )
        uow.commit()
    return revealed


# ----- attachments ------------------------------------------------------------------------------


def stored_path(svc: Services, sha256: str) -> Path:
    """Where the store keeps a file (named by its hash; see registration.store_attachment)."""
    return svc.attachments_dir / sha256[:2] / sha256


def copy_for_opening(svc: Services, attachment: AttachmentView) -> Path:
    """A copy under the file's own name in a temporary folder, for the system viewer.

    The store names files by their hash, without an extension, which no viewer recognises;
    a copy also keeps the stored evidence from being edited in place.
    """
    source = attachment.path
    if not source.is_file():
        raise NotFound(
            f"附件「{attachment.file_name}」的文件在存储中找不到，请管理员从备份中恢复数据文件夹。"
        )
    folder = Path(tempfile.gettempdir()) / "towndesk-attachments" / attachment.sha256[:16]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(attachment.file_name).name
    if not target.exists() or target.stat().st_size != attachment.size:
        shutil.copyfile(source, target)
    return target
