"""Deleting cases after their retention period, by two administrators (JY12345 art. 5; RULES §5).

``eligible_cases`` lists what may be deleted on a day (the rules are app/domain/retention.py).
One administrator requests the deletion of some of them with a reason (``request_deletion``);
another approves (``approve_deletion``) — which deletes — or rejects (``reject_deletion``). The
same administrator never does both. Approving checks every case again, then in one transaction
writes the events (by case number and request, never content), deletes the case rows through
SQLAlchemy Core so the database's ON DELETE rules do the rest — submitters links, deadlines,
attachment rows, requests, results, evaluations, call-backs, the reward claim with its shares and
objections, imported-order links; restrictions and the request's own list keep the row with the
case emptied — and the persons no longer named by any case or reward share. The case's events
are kept (the audit trail; events.case_id is ON DELETE SET NULL). After the commit, attachment
files no other case uses are removed from the data folder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import aliased

from app.domain.cases import RequestStatus
from app.domain.errors import NotFound, TransitionError, ValidationError
from app.domain.reporting import day_end, day_start
from app.domain.retention import (
    ARTICLE,
    FINISHED_STATES,
    CaseRetention,
    DeletionState,
    add_years,
    check_pending,
    check_reason,
    check_second_admin,
)
from app.domain.rewards import ClaimState, ObjectionState
from app.domain.users import Action, Actor
from app.domain.vocabulary import Kind
from app.persistence import tables as t
from app.persistence.batches import in_batches
from app.services.case_view import stored_path
from app.services.context import Services, UnitOfWork

# Ids go to the database in IN lists of at most this many (SQLite's bound-parameter limit).

_c = t.cases.c
_q = t.deletion_requests.c
_i = t.deletion_request_cases.c


@dataclass(frozen=True)
class EligibleCase:
    """A case whose retention period is over (JY12345 art. 5): number, kind, end, since when."""

    case_id: int
    number: str
    kind: Kind
    state_label: str
    completed_on: date
    deletable_from: date
    # A deletion request waiting for approval that already names it.
    pending_request_id: int | None = None


@dataclass(frozen=True)
class DeletionRequestRow:
    id: int
    reason: str
    requested_at: datetime
    requested_by: str
    requested_by_id: int
    state: DeletionState
    decided_at: datetime | None
    decided_by: str
    decision_note: str
    case_numbers: tuple[str, ...]

    def may_decide(self, actor: Actor) -> bool:
        """Approve or reject: pending, someone else's, by an administrator."""
        return (
            self.state is DeletionState.PENDING
            and actor.can(Action.APPROVE_DELETION)
            and actor.user_id != self.requested_by_id
        )


@dataclass(frozen=True)
class DeletionOutcome:
    request_id: int
    case_numbers: tuple[str, ...]
    persons_deleted: int
    files_deleted: int


def _facts(uow: UnitOfWork, ids: Sequence[int]) -> dict[int, CaseRetention]:
    """What decides each case's retention (domain ``CaseRetention``), by case id."""
    session = uow.session
    claim_last: dict[int, datetime] = {}
    claim_open: set[int] = set()
    pending: dict[int, int] = defaultdict(int)
    referenced: dict[int, list[str]] = defaultdict(list)
    base: list[tuple[object, ...]] = []

    def later(case_id: int, moment: datetime | None) -> None:
        if moment is not None and (case_id not in claim_last or moment > claim_last[case_id]):
            claim_last[case_id] = moment

    for chunk in in_batches(ids):
        base.extend(
            session.execute(
                select(_c.id, _c.number, _c.kind, _c.state, _c.completed_at, _c.closed_at).where(
                    _c.id.in_(chunk)
                )
            ).all()
        )
        rc = t.reward_claims.c
        for claim in session.execute(
            select(rc.id, rc.case_id, rc.state, rc.decided_at, rc.notified_at).where(
                rc.case_id.in_(chunk)
            )
        ):
            if not ClaimState(claim.state).is_terminal:
                claim_open.add(claim.case_id)
            later(claim.case_id, claim.decided_at)
            later(claim.case_id, claim.notified_at)
        rs = t.reward_shares.c
        for share in session.execute(
            select(rc.case_id, rs.claimed_at, rs.approved_at, rs.paid_on)
            .join(t.reward_claims, rc.id == rs.claim_id)
            .where(rc.case_id.in_(chunk))
        ):
            later(share.case_id, share.claimed_at)
            later(share.case_id, share.approved_at)
            if share.paid_on is not None:
                later(share.case_id, day_start(share.paid_on))
        ro = t.reward_objections.c
        for objection in session.execute(
            select(rc.case_id, ro.state, ro.received_at, ro.reviewed_at)
            .join(t.reward_claims, rc.id == ro.claim_id)
            .where(rc.case_id.in_(chunk))
        ):
            later(objection.case_id, objection.received_at)
            later(objection.case_id, objection.reviewed_at)
            if objection.state is ObjectionState.PENDING:
                pending[objection.case_id] += 1
        for table in (t.return_requests, t.extension_requests, t.redo_requests):
            for case_id, count in session.execute(
                select(table.c.case_id, func.count())
                .where(table.c.case_id.in_(chunk), table.c.status == RequestStatus.PENDING)
                .group_by(table.c.case_id)
            ):
                pending[case_id] += count
        other = aliased(t.cases)
        for related_id, number in session.execute(
            select(other.c.related_case_id, other.c.number).where(
                other.c.related_case_id.in_(chunk), other.c.id != other.c.related_case_id
            )
        ):
            referenced[related_id].append(number)
    result = {}
    for row in base:
        case_id, number, kind, state, completed_at, closed_at = row
        assert isinstance(case_id, int)
        result[case_id] = CaseRetention(
            case_id=case_id,
            number=str(number),
            kind=kind,  # type: ignore[arg-type]
            state=state,  # type: ignore[arg-type]
            completed_at=completed_at,  # type: ignore[arg-type]
            closed_at=closed_at,  # type: ignore[arg-type]
            claim_ended=case_id not in claim_open,
            claim_last_at=claim_last.get(case_id),
            pending_decisions=pending.get(case_id, 0),
            referenced_by=tuple(sorted(referenced.get(case_id, []))),
        )
    return result


def _pending_requests(uow: UnitOfWork, ids: Sequence[int]) -> dict[int, int]:
    """Case id → the pending deletion request that names it."""
    found: dict[int, int] = {}
    for chunk in in_batches(ids):
        for case_id, request_id in uow.session.execute(
            select(_i.case_id, _i.request_id)
            .join(t.deletion_requests, _q.id == _i.request_id)
            .where(_i.case_id.in_(chunk), _q.state == DeletionState.PENDING)
        ):
            found[case_id] = request_id
    return found


def eligible_cases(svc: Services, as_of: date | None = None) -> list[EligibleCase]:
    """The cases that may be deleted on ``as_of`` (default today), oldest first (JY12345 art. 5).

    A case named as the earlier case of a repeat refusal is listed only when the case naming it
    is listed too (they go together).
    """
    today = as_of or svc.today()
    # Nothing that ended after this moment can be past its period; the exact check is the
    # domain's, on each candidate.
    latest = day_end(add_years(today, -2))
    ended = func.coalesce(_c.completed_at, _c.closed_at)
    with svc.uow(write=False) as uow:
        candidates = list(
            uow.session.execute(
                select(_c.id).where(_c.state.in_(list(FINISHED_STATES)), ended < latest)
            ).scalars()
        )
        facts = _facts(uow, candidates)
        pending = _pending_requests(uow, candidates)
    numbers = {f.number: f.case_id for f in facts.values()}
    eligible = {f.case_id for f in facts.values() if f.refusal(today, f.referenced_by) is None}
    # A case goes only with every case naming it: drop those whose referrers cannot go.
    changed = True
    while changed:
        changed = False
        for case_id in list(eligible):
            if any(numbers.get(n) not in eligible for n in facts[case_id].referenced_by):
                eligible.discard(case_id)
                changed = True
    result = []
    for case_id in eligible:
        fact = facts[case_id]
        start = fact.retention_start
        first = fact.deletable_from
        assert start is not None and first is not None
        result.append(
            EligibleCase(
                case_id=case_id,
                number=fact.number,
                kind=fact.kind,
                state_label=fact.state.label,
                completed_on=start,
                deletable_from=first,
                pending_request_id=pending.get(case_id),
            )
        )
    result.sort(key=lambda c: (c.completed_on, c.number))
    return result


def _check_cases(uow: UnitOfWork, case_ids: Sequence[int], today: date) -> dict[int, CaseRetention]:
    facts = _facts(uow, case_ids)
    missing = sorted(set(case_ids) - set(facts))
    if missing:
        raise NotFound(f"找不到案件（编号 {missing[0]}），可能已被删除。")
    numbers = {f.number for f in facts.values()}
    for fact in sorted(facts.values(), key=lambda f: f.number):
        refusal = fact.refusal(today, tuple(numbers))
        if refusal is not None:
            raise ValidationError("case_ids", refusal, article=ARTICLE)
    return facts


def request_deletion(svc: Services, actor: Actor, case_ids: Sequence[int], reason: str) -> int:
    """Ask for these cases to be deleted (JY12345 art. 5); another administrator approves.

    Refused, with the day it becomes possible, for any case still within its 2 years.
    Returns the request's id.
    """
    actor.require(Action.REQUEST_DELETION)
    reason = check_reason(reason)
    ids = sorted(set(case_ids))
    if not ids:
        raise ValidationError("case_ids", "请选择要删除的案件。", article=ARTICLE)
    now = svc.now()
    with svc.uow() as uow:
        facts = _check_cases(uow, ids, now.date())
        already = _pending_requests(uow, ids)
        if already:
            case_id, request_id = sorted(already.items())[0]
            raise ValidationError(
                "case_ids",
                f"案件 {facts[case_id].number} 已在待审批的删除申请（第{request_id}号）中。",
                article=ARTICLE,
            )
        request_id = uow.session.execute(
            insert(t.deletion_requests)
            .values(
                reason=reason,
                requested_at=now,
                requested_by=actor.user_id,
                state=DeletionState.PENDING,
                decision_note="",
            )
            .returning(_q.id)
        ).scalar_one()
        ordered = sorted(facts.values(), key=lambda f: f.number)
        uow.session.execute(
            insert(t.deletion_request_cases),
            [
                {
                    "request_id": request_id,
                    "case_id": f.case_id,
                    "case_number": f.number,
                    "retention_start": f.retention_start,
                }
                for f in ordered
            ],
        )
        numbers = [f.number for f in ordered]
        uow.log(
            actor,
            now,
            "deletion_requested",
            f"申请删除保存期满的案件 {_numbers_text(numbers)}（第{request_id}号申请，"
            f"待另一位管理员审批）；原因：{reason}",
            ARTICLE,
            request_id=request_id,
            case_numbers=numbers,
        )
        uow.commit()
    return int(request_id)


def _numbers_text(numbers: Sequence[str], most: int = 20) -> str:
    shown = "、".join(numbers[:most])
    return shown + (f" 等{len(numbers)}件" if len(numbers) > most else f"（{len(numbers)}件）")


def _load_request(uow: UnitOfWork, request_id: int) -> tuple[DeletionState, int]:
    row = uow.session.execute(select(_q.state, _q.requested_by).where(_q.id == request_id)).first()
    if row is None:
        raise NotFound(f"找不到第{request_id}号删除申请。")
    return row.state, row.requested_by


def _claim(uow: UnitOfWork, actor: Actor, request_id: int, **values: object) -> None:
    """Decide the request if still pending and not the actor's own (the rule, in the statement)."""
    done = uow.session.execute(
        update(t.deletion_requests)
        .where(
            _q.id == request_id,
            _q.state == DeletionState.PENDING,
            _q.requested_by != actor.user_id,
        )
        .values(decided_at=values.pop("now"), decided_by=actor.user_id, **values)
        .returning(_q.id)
    ).scalar_one_or_none()
    if done is None:
        raise TransitionError("该删除申请已被他人审批。", article=ARTICLE)


def approve_deletion(svc: Services, actor: Actor, request_id: int) -> DeletionOutcome:
    """Approve another administrator's request: the cases are deleted now (JY12345 art. 5)."""
    actor.require(Action.APPROVE_DELETION)
    now = svc.now()
    with svc.uow() as uow:
        state, requested_by = _load_request(uow, request_id)
        check_pending(state)
        check_second_admin(requested_by, actor.user_id)
        items = uow.session.execute(
            select(_i.case_id, _i.case_number).where(_i.request_id == request_id).order_by(_i.id)
        ).all()
        gone = [row.case_number for row in items if row.case_id is None]
        if gone:
            raise TransitionError(
                f"申请中的案件 {'、'.join(gone)} 已不存在，请审批不同意后重新申请。",
                article=ARTICLE,
            )
        ids = [row.case_id for row in items]
        try:
            facts = _check_cases(uow, ids, now.date())
        except ValidationError as exc:
            raise TransitionError(
                f"{exc.message}请审批不同意，待条件满足后重新申请。", article=ARTICLE
            ) from exc
        numbers = [f.number for f in sorted(facts.values(), key=lambda f: f.number)]
        hashes: set[str] = set()
        persons: set[int] = set()
        rc = t.reward_claims.c
        for chunk in in_batches(ids):
            hashes.update(
                uow.session.execute(
                    select(t.attachments.c.sha256).where(t.attachments.c.case_id.in_(chunk))
                ).scalars()
            )
            persons.update(
                uow.session.execute(
                    select(t.case_submitters.c.person_id).where(
                        t.case_submitters.c.case_id.in_(chunk)
                    )
                ).scalars()
            )
            persons.update(
                uow.session.execute(
                    select(t.reward_shares.c.person_id)
                    .join(t.reward_claims, rc.id == t.reward_shares.c.claim_id)
                    .where(rc.case_id.in_(chunk))
                ).scalars()
            )
        _claim(uow, actor, request_id, now=now, state=DeletionState.APPROVED)
        uow.log(
            actor,
            now,
            "deletion_approved",
            f"审批同意第{request_id}号删除申请，删除保存期满的案件 {_numbers_text(numbers)}",
            ARTICLE,
            request_id=request_id,
            requested_by=requested_by,
            case_numbers=numbers,
        )
        # One event per case on the trail, naming it by number only: the content goes.
        for fact in sorted(facts.values(), key=lambda f: f.number):
            start = fact.retention_start
            uow.log(
                actor,
                now,
                "case_deleted",
                f"删除案件 {fact.number}（{start}办结，保存期满；第{request_id}号申请）",
                ARTICLE,
                request_id=request_id,
                case_number=fact.number,
                retention_start=start.isoformat() if start else None,
            )
        # Core, not the ORM: the database's ON DELETE rules decide what goes with the case, and
        # the ORM's own cascade (which would delete the events) is not involved.
        for chunk in in_batches(ids):
            uow.session.execute(delete(t.cases).where(_c.id.in_(chunk)))
        persons_deleted = 0
        for chunk in in_batches(persons):
            persons_deleted += len(
                uow.session.execute(
                    delete(t.persons)
                    .where(
                        t.persons.c.id.in_(chunk),
                        ~exists().where(t.case_submitters.c.person_id == t.persons.c.id),
                        ~exists().where(t.reward_shares.c.person_id == t.persons.c.id),
                    )
                    .returning(t.persons.c.id)
                ).all()
            )
        uow.commit()
    # After the commit: a rolled-back deletion must still find its files.
    files_deleted = _remove_unused_files(svc, hashes)
    return DeletionOutcome(request_id, tuple(numbers), persons_deleted, files_deleted)


def _remove_unused_files(svc: Services, hashes: set[str]) -> int:
    """Remove each stored attachment file that no remaining case uses (files are kept by hash,
    once, for every case that attached the same content)."""
    if not hashes:
        return 0
    with svc.uow(write=False) as uow:
        used = set(
            uow.session.execute(
                select(t.attachments.c.sha256).where(t.attachments.c.sha256.in_(sorted(hashes)))
            ).scalars()
        )
    removed = 0
    for sha in sorted(hashes - used):
        path = stored_path(svc, sha)
        if path.exists():
            path.unlink()
            removed += 1
    return removed


def reject_deletion(svc: Services, actor: Actor, request_id: int, reason: str) -> None:
    """Reject another administrator's request with a reason: nothing is deleted."""
    actor.require(Action.APPROVE_DELETION)
    reason = check_reason(reason, "decision_note")
    now = svc.now()
    with svc.uow() as uow:
        state, requested_by = _load_request(uow, request_id)
        check_pending(state)
        check_second_admin(requested_by, actor.user_id)
        numbers = list(
            uow.session.execute(
                select(_i.case_number).where(_i.request_id == request_id).order_by(_i.id)
            ).scalars()
        )
        _claim(uow, actor, request_id, now=now, state=DeletionState.REJECTED, decision_note=reason)
        uow.log(
            actor,
            now,
            "deletion_rejected",
            f"审批不同意第{request_id}号删除申请（案件 {_numbers_text(numbers)}）；原因：{reason}",
            ARTICLE,
            request_id=request_id,
            requested_by=requested_by,
            case_numbers=numbers,
        )
        uow.commit()


def list_deletion_requests(
    svc: Services, actor: Actor, *, include_decided: bool = False
) -> list[DeletionRequestRow]:
    """Pending deletion requests (and with ``include_decided`` the decided ones), newest first."""
    actor.require(Action.REQUEST_DELETION)
    requester = aliased(t.users)
    decider = aliased(t.users)
    statement = (
        select(
            t.deletion_requests,
            requester.c.display_name.label("requester"),
            decider.c.display_name.label("decider"),
        )
        .join(requester, requester.c.id == _q.requested_by)
        .outerjoin(decider, decider.c.id == _q.decided_by)
        .order_by(_q.requested_at.desc(), _q.id.desc())
    )
    if not include_decided:
        statement = statement.where(_q.state == DeletionState.PENDING)
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(statement).all()
        numbers: dict[int, list[str]] = defaultdict(list)
        for chunk in in_batches(row.id for row in rows):
            for request_id, number in uow.session.execute(
                select(_i.request_id, _i.case_number)
                .where(_i.request_id.in_(chunk))
                .order_by(_i.request_id, _i.case_number)
            ):
                numbers[request_id].append(number)
    return [
        DeletionRequestRow(
            id=row.id,
            reason=row.reason,
            requested_at=row.requested_at,
            requested_by=row.requester,
            requested_by_id=row.requested_by,
            state=row.state,
            decided_at=row.decided_at,
            decided_by=row.decider or "",
            decision_note=row.decision_note,
            case_numbers=tuple(numbers[row.id]),
        )
        for row in rows
    ]
