"""The register of restricted submitters (YJ12345 art. 7; RULES §1 "Abuse").

A supervisor restricts a person who harassed or threatened staff, by phone and/or document
number, for 30 natural days with a reason; registration by that person is refused until the end
day and works again the day after. Restrictions end by themselves (computed from today), may be
lifted early with a reason, and are never deleted (RULES §5). Every restriction and lift is an
event citing the article. Lists carry masked identities only (RULES §5).
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
    RestrictionStatus,
    check_reason,
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
    """One line of the register, as the screen shows it (identity masked, RULES §5)."""

    id: int
    masked_identity: str
    reason: str
    starts_on: date
    ends_on: date
    status: RestrictionStatus
    case_id: int | None
    case_number: str
    decided_at: datetime
    decided_by: str
    lifted_at: datetime | None
    lift_reason: str


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
    )


def _in_force_for(
    uow: UnitOfWork, today: date, phones: Sequence[str], numbers: Sequence[str]
) -> list[Restriction]:
    """Restrictions not lifted, not yet ended, and naming one of these phones or numbers."""
    matches = []
    if phones:
        matches.append(_r.phone.in_(list(phones)))
    if numbers:
        matches.append(_r.doc_number.in_(list(numbers)))
    if not matches:
        return []
    rows = uow.session.execute(
        select(t.restrictions)
        .where(
            or_(*matches),
            _r.lifted_at.is_(None),
            _r.starts_on <= today,
            _r.ends_on >= today,
        )
        .order_by(_r.ends_on.desc(), _r.id)
    ).all()
    return [_restriction(row) for row in rows]


def check_submitters(
    uow: UnitOfWork, today: date, submitters: Sequence[tuple[str, str | None, str | None]]
) -> None:
    """Raise ``RestrictedSubmitter`` when a submitter (name, phone, number; all normalised) is
    under a restriction in force today (YJ12345 art. 7). Reads only."""
    phones = [p for _n, p, _d in submitters if p]
    numbers = [d for _n, _p, d in submitters if d]
    refusal = refusal_for(_in_force_for(uow, today, phones, numbers), today, list(submitters))
    if refusal is not None:
        raise refusal


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
    """Restrict a person's use of the line for 30 natural days from today (YJ12345 art. 7).

    ``case_number`` optionally names the case in which the harassment or threat happened.
    A person already restricted (by the same phone or number) is not restricted twice.
    """
    actor.require(Action.RESTRICT_PERSON)
    reason = check_reason(reason)
    identity = identity_of(phone, doc_number, doc_type)
    now = svc.now()
    today = now.date()
    ends_on = restriction_end(today)
    with svc.uow() as uow:
        case_id = uow.case_by_number(case_number.strip()).id if case_number.strip() else None
        current = _in_force_for(
            uow,
            today,
            [identity.phone] if identity.phone else [],
            [identity.doc_number] if identity.doc_number else [],
        )
        if current:
            raise ValidationError(
                "phone" if identity.phone else "document_number",
                f"该诉求人已在限制期内（{current[0].starts_on.isoformat()}起至"
                f"{current[0].ends_on.isoformat()}止），无需重复限制。",
                article=ARTICLE,
            )
        new_id = uow.session.execute(
            insert(t.restrictions)
            .values(
                phone=identity.phone,
                doc_type=identity.doc_type,
                doc_number=identity.doc_number,
                reason=reason,
                starts_on=today,
                ends_on=ends_on,
                case_id=case_id,
                decided_at=now,
                decided_by=actor.user_id,
                lift_reason="",
            )
            .returning(_r.id)
        ).scalar_one()
        uow.log(
            actor,
            now,
            "restriction_added",
            f"限制 {identity.masked} 使用本热线 30 日，{today.isoformat()}起至"
            f"{ends_on.isoformat()}止；原因：{reason}",
            ARTICLE,
            case_id=case_id,
            restriction_id=new_id,
            starts_on=today.isoformat(),
            ends_on=ends_on.isoformat(),
        )
        uow.commit()
    return int(new_id)


def lift(svc: Services, actor: Actor, restriction_id: int, reason: str) -> None:
    """End a restriction in force before its end day, with the reason; the row is kept."""
    actor.require(Action.RESTRICT_PERSON)
    reason = check_reason(reason, "lift_reason")
    now = svc.now()
    with svc.uow() as uow:
        row = uow.session.execute(select(t.restrictions).where(_r.id == restriction_id)).first()
        if row is None:
            raise NotFound("限制名单中没有这条记录。")
        restriction = _restriction(row)
        status = restriction.status(now.date())
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
        uow.log(
            actor,
            now,
            "restriction_lifted",
            f"提前解除对 {restriction.identity.masked} 的热线使用限制"
            f"（原定至{restriction.ends_on.isoformat()}止）；原因：{reason}",
            ARTICLE,
            case_id=restriction.case_id,
            restriction_id=restriction_id,
            ends_on=restriction.ends_on.isoformat(),
        )
        uow.commit()


def list_restrictions(
    svc: Services, actor: Actor, *, include_ended: bool = False
) -> list[RestrictionRow]:
    """The register: restrictions in force (newest first), and with ``include_ended`` also those
    that ended by themselves or were lifted. "Ended" is computed from today; nothing expires them.
    """
    actor.require(Action.LIST_RESTRICTIONS)
    today = svc.today()
    decider = aliased(t.users)
    statement = (
        select(t.restrictions, t.cases.c.number.label("case_number"), decider.c.display_name)
        .outerjoin(t.cases, t.cases.c.id == _r.case_id)
        .join(decider, decider.c.id == _r.decided_by)
        .order_by(_r.decided_at.desc(), _r.id.desc())
    )
    if not include_ended:
        statement = statement.where(_r.lifted_at.is_(None), _r.ends_on >= today)
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
                decided_by=row.display_name,
                lifted_at=restriction.lifted_at,
                lift_reason=restriction.lift_reason,
            )
        )
    return result
