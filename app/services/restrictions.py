"""The register of restricted submitters (YJ12345 art. 7; RULES §1 "Abuse"; issue 8 two-person rule).

A supervisor proposes to restrict a person who harassed or threatened staff, by phone and/or
document number, with a reason (``restrict``); another supervisor or an administrator approves it
(``approve``) — from that day the person is restricted for 30 natural days: registration is
refused until the end day and works again the day after — or rejects it with a reason
(``reject``). The same user never both proposes and decides. Only approved restrictions refuse a
registration. Restrictions end by themselves (computed from today), may be lifted early by one
supervisor with a reason, and are never deleted (RULES §5). Every step is an event citing the
article. Lists carry masked identities only (RULES §5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Row, insert, or_, select, update
from sqlalchemy.orm import aliased

from app.domain.errors import NotFound, TransitionError, ValidationError
from app.domain.people import DocumentType
from app.domain.restrictions import (
    ARTICLE,
    Identity,
    Restriction,
    RestrictionState,
    RestrictionStatus,
    check_reason,
    check_second_person,
    identity_of,
    refusal_for,
    restriction_end,
)
from app.domain.users import Action, Actor
from app.persistence import tables as t
from app.services.context import Services, UnitOfWork

_r = t.restrictions.c


@dataclass(frozen=True)
class RestrictionRow:
    """One line of the register, as the screen shows it (identity masked, RULES §5).

    ``decided_*`` is the approval (or the rejection); a pending proposal has neither it nor a
    period.
    """

    id: int
    masked_identity: str
    reason: str
    starts_on: date | None
    ends_on: date | None
    status: RestrictionStatus
    case_id: int | None
    case_number: str
    decided_at: datetime | None
    decided_by: str
    lifted_at: datetime | None
    lift_reason: str
    proposed_at: datetime | None = None
    proposed_by: str = ""
    proposed_by_id: int | None = None
    reject_reason: str = ""

    def may_decide(self, actor: Actor) -> bool:
        """Approve or reject: a pending proposal, someone else's, by a user who may approve."""
        return (
            self.status is RestrictionStatus.PENDING
            and actor.can(Action.APPROVE_RESTRICTION)
            and actor.user_id != self.proposed_by_id
        )


def _restriction(row: Row[tuple[object, ...]]) -> Restriction:
    m = row._mapping
    return Restriction(
        id=m["id"],
        identity=Identity(m["phone"], m["doc_type"], m["doc_number"]),
        reason=m["reason"],
        starts_on=m["starts_on"],
        ends_on=m["ends_on"],
        decided_at=m["decided_at"],
        decided_by=m["decided_by"],
        case_id=m["case_id"],
        lifted_at=m["lifted_at"],
        lifted_by=m["lifted_by"],
        lift_reason=m["lift_reason"],
        state=m["state"],
        proposed_at=m["proposed_at"],
        proposed_by=m["proposed_by"],
        reject_reason=m["reject_reason"],
    )


def _identity_match(phones: Sequence[str], numbers: Sequence[str]) -> list[object]:
    matches: list[object] = []
    if phones:
        matches.append(_r.phone.in_(list(phones)))
    if numbers:
        matches.append(_r.doc_number.in_(list(numbers)))
    return matches


def _in_force_for(
    uow: UnitOfWork, today: date, phones: Sequence[str], numbers: Sequence[str]
) -> list[Restriction]:
    """Approved restrictions not lifted, not yet ended, naming one of these phones or numbers.
    A proposal awaiting its second person restricts nobody (issue 8)."""
    matches = _identity_match(phones, numbers)
    if not matches:
        return []
    rows = uow.session.execute(
        select(t.restrictions)
        .where(
            or_(*matches),  # type: ignore[arg-type]
            _r.state == RestrictionState.APPROVED,
            _r.lifted_at.is_(None),
            _r.starts_on <= today,
            _r.ends_on >= today,
        )
        .order_by(_r.ends_on.desc(), _r.id)
    ).all()
    return [_restriction(row) for row in rows]


def _pending_for(uow: UnitOfWork, identity: Identity) -> list[Restriction]:
    matches = _identity_match(
        [identity.phone] if identity.phone else [],
        [identity.doc_number] if identity.doc_number else [],
    )
    rows = uow.session.execute(
        select(t.restrictions)
        .where(or_(*matches), _r.state == RestrictionState.PENDING)  # type: ignore[arg-type]
        .order_by(_r.id)
    ).all()
    return [_restriction(row) for row in rows]


def check_submitters(
    uow: UnitOfWork, today: date, submitters: Sequence[tuple[str, str | None, str | None]]
) -> None:
    """Raise ``RestrictedSubmitter`` when a submitter (name, phone, number; all normalised) is
    under an approved restriction in force today (YJ12345 art. 7). Reads only."""
    phones = [p for _n, p, _d in submitters if p]
    numbers = [d for _n, _p, d in submitters if d]
    refusal = refusal_for(_in_force_for(uow, today, phones, numbers), today, list(submitters))
    if refusal is not None:
        raise refusal


def _already_restricted(identity: Identity, current: Restriction) -> ValidationError:
    assert current.starts_on is not None and current.ends_on is not None
    return ValidationError(
        "phone" if identity.phone else "document_number",
        f"该诉求人已在限制期内（{current.starts_on.isoformat()}起至"
        f"{current.ends_on.isoformat()}止），无需重复限制。",
        article=ARTICLE,
    )


def _current_for(uow: UnitOfWork, today: date, identity: Identity) -> list[Restriction]:
    return _in_force_for(
        uow,
        today,
        [identity.phone] if identity.phone else [],
        [identity.doc_number] if identity.doc_number else [],
    )


def restrict(
    svc: Services,
    actor: Actor,
    *,
    reason: str,
    phone: str = "",
    doc_number: str = "",
    doc_type: DocumentType | None = DocumentType.RESIDENT_ID,
    case_number: str = "",
) -> int:
    """Propose restricting a person's use of the line for 30 natural days (YJ12345 art. 7).

    The restriction takes effect only when another user approves it (``approve``; issue 8).
    ``case_number`` optionally names the case in which the harassment or threat happened.
    A person already restricted, or already proposed (by the same phone or number), is not
    proposed twice. Returns the restriction's id.
    """
    actor.require(Action.RESTRICT_PERSON)
    reason = check_reason(reason)
    identity = identity_of(phone, doc_number, doc_type)
    now = svc.now()
    today = now.date()
    with svc.uow() as uow:
        case_id = uow.case_by_number(case_number.strip()).id if case_number.strip() else None
        current = _current_for(uow, today, identity)
        if current:
            raise _already_restricted(identity, current[0])
        if _pending_for(uow, identity):
            raise ValidationError(
                "phone" if identity.phone else "document_number",
                "已有针对该诉求人的限制提议在等待审批，请勿重复提出。",
                article=ARTICLE,
            )
        new_id = uow.session.execute(
            insert(t.restrictions)
            .values(
                phone=identity.phone,
                doc_type=identity.doc_type,
                doc_number=identity.doc_number,
                reason=reason,
                case_id=case_id,
                state=RestrictionState.PENDING,
                proposed_at=now,
                proposed_by=actor.user_id,
                reject_reason="",
                lift_reason="",
            )
            .returning(_r.id)
        ).scalar_one()
        uow.log(
            actor,
            now,
            "restriction_proposed",
            f"提议限制 {identity.masked} 使用本热线 30 日（待另一位负责人或管理员审批）；"
            f"原因：{reason}",
            ARTICLE,
            case_id=case_id,
            restriction_id=new_id,
        )
        uow.commit()
    return int(new_id)


def _load(uow: UnitOfWork, restriction_id: int) -> Restriction:
    row = uow.session.execute(select(t.restrictions).where(_r.id == restriction_id)).first()
    if row is None:
        raise NotFound("限制名单中没有这条记录。")
    return _restriction(row)


def _check_pending(restriction: Restriction, today: date) -> None:
    status = restriction.status(today)
    if status is not RestrictionStatus.PENDING:
        raise TransitionError(f"该限制{status.label}，不在待审批状态。", article=ARTICLE)


def approve(svc: Services, actor: Actor, restriction_id: int) -> None:
    """Approve another user's proposal: the person is restricted from today for 30 natural days
    (YJ12345 art. 7; issue 8: never by the one who proposed it)."""
    actor.require(Action.APPROVE_RESTRICTION)
    now = svc.now()
    today = now.date()
    ends_on = restriction_end(today)
    with svc.uow() as uow:
        restriction = _load(uow, restriction_id)
        _check_pending(restriction, today)
        assert restriction.proposed_by is not None
        check_second_person(restriction.proposed_by, actor.user_id)
        current = _current_for(uow, today, restriction.identity)
        if current:
            raise _already_restricted(restriction.identity, current[0])
        # The proposer check is repeated in the statement: it is the rule, not only the screen's.
        done = uow.session.execute(
            update(t.restrictions)
            .where(
                _r.id == restriction_id,
                _r.state == RestrictionState.PENDING,
                _r.proposed_by != actor.user_id,
            )
            .values(
                state=RestrictionState.APPROVED,
                starts_on=today,
                ends_on=ends_on,
                decided_at=now,
                decided_by=actor.user_id,
            )
            .returning(_r.id)
        ).scalar_one_or_none()
        if done is None:  # another user decided it a moment ago
            raise TransitionError("该限制提议已被他人审批。", article=ARTICLE)
        uow.log(
            actor,
            now,
            "restriction_added",
            f"审批同意限制 {restriction.identity.masked} 使用本热线 30 日，{today.isoformat()}起至"
            f"{ends_on.isoformat()}止；原因：{restriction.reason}",
            ARTICLE,
            case_id=restriction.case_id,
            restriction_id=restriction_id,
            proposed_by=restriction.proposed_by,
            starts_on=today.isoformat(),
            ends_on=ends_on.isoformat(),
        )
        uow.commit()


def reject(svc: Services, actor: Actor, restriction_id: int, reason: str) -> None:
    """Reject another user's proposal with a reason; the person is not restricted."""
    actor.require(Action.APPROVE_RESTRICTION)
    reason = check_reason(reason, "reject_reason")
    now = svc.now()
    with svc.uow() as uow:
        restriction = _load(uow, restriction_id)
        _check_pending(restriction, now.date())
        assert restriction.proposed_by is not None
        check_second_person(restriction.proposed_by, actor.user_id)
        done = uow.session.execute(
            update(t.restrictions)
            .where(
                _r.id == restriction_id,
                _r.state == RestrictionState.PENDING,
                _r.proposed_by != actor.user_id,
            )
            .values(
                state=RestrictionState.REJECTED,
                decided_at=now,
                decided_by=actor.user_id,
                reject_reason=reason,
            )
            .returning(_r.id)
        ).scalar_one_or_none()
        if done is None:
            raise TransitionError("该限制提议已被他人审批。", article=ARTICLE)
        uow.log(
            actor,
            now,
            "restriction_rejected",
            f"审批不同意限制 {restriction.identity.masked} 使用本热线；原因：{reason}",
            ARTICLE,
            case_id=restriction.case_id,
            restriction_id=restriction_id,
            proposed_by=restriction.proposed_by,
        )
        uow.commit()


def lift(svc: Services, actor: Actor, restriction_id: int, reason: str) -> None:
    """End a restriction in force before its end day, with the reason; the row is kept.

    One supervisor decides: lifting restores the citizen's access, and a second signature
    would only keep them restricted longer than the centre thinks right.
    """
    actor.require(Action.RESTRICT_PERSON)
    reason = check_reason(reason, "lift_reason")
    now = svc.now()
    with svc.uow() as uow:
        restriction = _load(uow, restriction_id)
        status = restriction.status(now.date())
        if status is RestrictionStatus.PENDING:
            raise TransitionError(
                "该限制尚待审批，未生效，无需解除；请由另一位负责人或管理员审批不同意。",
                article=ARTICLE,
            )
        if status is not RestrictionStatus.ACTIVE:
            raise TransitionError(f"该限制{status.label}，无需解除。", article=ARTICLE)
        done = uow.session.execute(
            update(t.restrictions)
            .where(_r.id == restriction_id, _r.lifted_at.is_(None))
            .values(lifted_at=now, lifted_by=actor.user_id, lift_reason=reason)
            .returning(_r.id)
        ).scalar_one_or_none()
        if done is None:  # another supervisor lifted it a moment ago
            raise TransitionError("该限制已被提前解除。", article=ARTICLE)
        ends = restriction.ends_on.isoformat() if restriction.ends_on else ""
        uow.log(
            actor,
            now,
            "restriction_lifted",
            f"提前解除对 {restriction.identity.masked} 的热线使用限制（原定至{ends}止）；"
            f"原因：{reason}",
            ARTICLE,
            case_id=restriction.case_id,
            restriction_id=restriction_id,
            ends_on=ends,
        )
        uow.commit()


def list_restrictions(
    svc: Services, actor: Actor, *, include_ended: bool = False
) -> list[RestrictionRow]:
    """The register: proposals awaiting approval and restrictions in force (newest first), and
    with ``include_ended`` also those that ended by themselves, were lifted, or were rejected.
    "Ended" is computed from today; nothing expires them.
    """
    actor.require(Action.LIST_RESTRICTIONS)
    today = svc.today()
    decider = aliased(t.users)
    proposer = aliased(t.users)
    statement = (
        select(
            t.restrictions,
            t.cases.c.number.label("case_number"),
            decider.c.display_name.label("decider_name"),
            proposer.c.display_name.label("proposer_name"),
        )
        .outerjoin(t.cases, t.cases.c.id == _r.case_id)
        .outerjoin(decider, decider.c.id == _r.decided_by)
        .join(proposer, proposer.c.id == _r.proposed_by)
        .order_by(_r.proposed_at.desc(), _r.id.desc())
    )
    if not include_ended:
        statement = statement.where(
            or_(
                _r.state == RestrictionState.PENDING,
                (_r.state == RestrictionState.APPROVED)
                & _r.lifted_at.is_(None)
                & (_r.ends_on >= today),
            )
        )
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(statement).all()
    result = []
    for row in rows:
        restriction = _restriction(row)
        result.append(
            RestrictionRow(
                id=restriction.id,
                masked_identity=restriction.identity.masked,
                reason=restriction.reason,
                starts_on=restriction.starts_on,
                ends_on=restriction.ends_on,
                status=restriction.status(today),
                case_id=restriction.case_id,
                case_number=row.case_number or "",
                decided_at=restriction.decided_at,
                decided_by=row.decider_name or "",
                lifted_at=restriction.lifted_at,
                lift_reason=restriction.lift_reason,
                proposed_at=restriction.proposed_at,
                proposed_by=row.proposer_name,
                proposed_by_id=restriction.proposed_by,
                reject_reason=restriction.reject_reason,
            )
        )
    return result
