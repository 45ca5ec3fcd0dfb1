"""Duplicate tip-offs: candidates for the same hazard, links both ways, and which report came first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from app.domain.duplicates import first_report, hazard_key, normalise_text
from app.domain.errors import ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor
from app.domain.vocabulary import HazardCategory, Kind
from app.persistence import tables as t
from app.services.context import Services

c = t.cases.c
DUPLICATE = "duplicate"


@dataclass(frozen=True)
class DuplicateCandidate:
    case_id: int
    number: str
    received_at: datetime
    reported_unit_name: str
    reported_unit_address: str
    same_key: bool


def candidates(
    svc: Services,
    reported_unit_name: str,
    reported_unit_address: str,
    category: HazardCategory | None,
    *,
    exclude_case_id: int | None = None,
    limit: int = 20,
) -> list[DuplicateCandidate]:
    """Earlier tip-offs that may be the same hazard: the same key first, then the same unit name."""
    if not reported_unit_name.strip():
        return []
    key = hazard_key(reported_unit_name, reported_unit_address, category)
    name = normalise_text(reported_unit_name)
    query = (
        select(
            c.id,
            c.number,
            c.received_at,
            c.reported_unit_name,
            c.reported_unit_address,
            c.hazard_key,
        )
        .where(c.kind == Kind.TIP_OFF)
        .where((c.hazard_key == key) | (c.hazard_key.like(f"%|{name}|%")))
        .order_by(c.received_at)
        .limit(limit)
    )
    if exclude_case_id is not None:
        query = query.where(c.id != exclude_case_id)
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(query).mappings().all()
    found = [
        DuplicateCandidate(
            r["id"],
            r["number"],
            r["received_at"],
            r["reported_unit_name"],
            r["reported_unit_address"],
            r["hazard_key"] == key,
        )
        for r in rows
    ]
    return sorted(found, key=lambda d: (not d.same_key, d.received_at))


def link_duplicate(svc: Services, actor: Actor, case_id: int, other_case_id: int) -> None:
    """A clerk confirms two tip-offs report the same hazard; the link is stored both ways (FIRE art. 6)."""
    actor.require(Action.LINK_DUPLICATE)
    if case_id == other_case_id:
        raise ValidationError("other_case", "不能把案件与其自身关联。")
    now = svc.now()
    with svc.uow() as uow:
        case, other = uow.get_case(case_id), uow.get_case(other_case_id)
        if case.kind is not Kind.TIP_OFF or other.kind is not Kind.TIP_OFF:
            raise ValidationError("other_case", "只有举报类案件之间才能关联为同一隐患的重复举报。")
        already = uow.session.execute(
            select(t.case_links.c.case_id).where(
                t.case_links.c.case_id == case_id, t.case_links.c.other_case_id == other_case_id
            )
        ).first()
        if already:
            raise ValidationError("other_case", f"{case.number} 与 {other.number} 已经关联。")
        for a, b in ((case_id, other_case_id), (other_case_id, case_id)):
            uow.session.execute(
                insert(t.case_links).values(
                    case_id=a,
                    other_case_id=b,
                    kind=DUPLICATE,
                    confirmed_by=actor.user_id,
                    confirmed_at=now,
                )
            )
        first = first_report([case, other])
        for this, that in ((case, other), (other, case)):
            this.events.append(
                Event(
                    action="link_duplicate",
                    at=now,
                    actor_id=actor.user_id,
                    summary=f"确认与 {that.number} 为同一火灾隐患的举报；首次举报为 {first.number}",
                    article="FIRE art. 6",
                    details={"other_case_id": that.id, "first_case_id": first.id},
                )
            )
        uow.commit()


def linked_cases(svc: Services, case_id: int) -> list[int]:
    with svc.uow(write=False) as uow:
        return list(
            uow.session.execute(
                select(t.case_links.c.other_case_id)
                .where(t.case_links.c.case_id == case_id)
                .order_by(t.case_links.c.other_case_id)
            ).scalars()
        )


def first_of_group(svc: Services, case_id: int) -> int:
    """FIRE art. 6: among a case and everything linked to it (transitively), the earliest report."""
    seen, todo = {case_id}, [case_id]
    while todo:
        for other in linked_cases(svc, todo.pop()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(
            select(c.id, c.received_at, c.number).where(c.id.in_(seen))
        ).all()
    return first_report(rows).id
