"""The staff-exclusion register and reporters' declared relatives (FIRE art. 6, 13; RULES §4.2).

The register is kept by the administrator, by ID number; entries are deactivated, never deleted,
so a past decision's match stays traceable. A clerk records the relatives a reporter declares;
the reward decision matches both against the register (app/services/rewards.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from app.domain.errors import NotFound, ValidationError
from app.domain.people import mask_id
from app.domain.rewards import ExclusionCategory, normalise_id_number
from app.domain.users import Action, Actor
from app.persistence import tables as t
from app.services.context import Services

ARTICLE = "FIRE art. 6"  # the register and the declarations exist for its exclusions


@dataclass(frozen=True)
class RegisterEntry:
    id: int
    id_number: str
    name: str
    category: ExclusionCategory
    active: bool
    added_at: datetime
    note: str


def add_entry(
    svc: Services,
    actor: Actor,
    id_number: str,
    name: str,
    category: ExclusionCategory,
    note: str = "",
) -> int:
    """Put a person with fire supervision duties on the register (FIRE art. 6)."""
    actor.require(Action.MANAGE_EXCLUSIONS)
    key = normalise_id_number(id_number)
    if not key:
        raise ValidationError("id_number", "请填写证件号码。", article="FIRE art. 6")
    if not name.strip():
        raise ValidationError("name", "请填写姓名。")
    with svc.uow() as uow:
        e = t.exclusion_entries.c
        existing = uow.session.execute(select(e.id, e.active).where(e.id_number == key)).first()
        if existing is not None:
            if existing.active:
                raise ValidationError("id_number", "该证件号码已在排除名单中。")
            # Back on the register: the same row, so its history stays in one place.
            uow.session.execute(
                update(t.exclusion_entries)
                .where(e.id == existing.id)
                .values(
                    active=True,
                    name=name.strip(),
                    category=category,
                    note=note.strip(),
                    deactivated_at=None,
                    deactivated_by=None,
                )
            )
            uow.log(
                actor,
                svc.now(),
                "exclusion_added",
                f"排除名单重新登记 {name.strip()}（{mask_id(key)}，{category.label}）",
                ARTICLE,
                entry_id=existing.id,
            )
            uow.commit()
            return int(existing.id)
        try:
            new_id = uow.session.execute(
                insert(t.exclusion_entries)
                .values(
                    id_number=key,
                    name=name.strip(),
                    category=category,
                    active=True,
                    added_at=svc.now(),
                    added_by=actor.user_id,
                    note=note.strip(),
                )
                .returning(e.id)
            ).scalar_one()
            uow.log(
                actor,
                svc.now(),
                "exclusion_added",
                f"排除名单登记 {name.strip()}（{mask_id(key)}，{category.label}）",
                ARTICLE,
                entry_id=new_id,
            )
            uow.commit()
        except IntegrityError as exc:  # another administrator added it a moment ago
            raise ValidationError("id_number", "该证件号码已在排除名单中。") from exc
    return int(new_id)


def list_entries(
    svc: Services, actor: Actor, *, include_inactive: bool = False
) -> list[RegisterEntry]:
    """The register for the administrator's editor (ID numbers are shown: it is their list)."""
    actor.require(Action.MANAGE_EXCLUSIONS)
    e = t.exclusion_entries.c
    statement = select(
        e.id, e.id_number, e.name, e.category, e.active, e.added_at, e.note
    ).order_by(e.id)
    if not include_inactive:
        statement = statement.where(e.active.is_(True))
    with svc.uow(write=False) as uow:
        return [RegisterEntry(*row) for row in uow.session.execute(statement).all()]


def deactivate_entry(svc: Services, actor: Actor, entry_id: int) -> None:
    """Take a person off the register (left the service); the row is kept (RULES §5)."""
    actor.require(Action.MANAGE_EXCLUSIONS)
    e = t.exclusion_entries.c
    with svc.uow() as uow:
        done = uow.session.execute(
            update(t.exclusion_entries)
            .where(e.id == entry_id, e.active.is_(True))
            .values(active=False, deactivated_at=svc.now(), deactivated_by=actor.user_id)
            .returning(e.id)
        ).scalar_one_or_none()
        if done is None:
            raise NotFound("排除名单中没有该条有效记录。")
        uow.log(
            actor, svc.now(), "exclusion_removed", "排除名单停用一条记录", ARTICLE, entry_id=done
        )
        uow.commit()


def declare_relative(
    svc: Services,
    actor: Actor,
    person_id: int,
    relationship: str,
    id_number: str,
    *,
    case_id: int | None = None,
) -> None:
    """Record a relationship the reporter declared (RULES §4.2), matched at the decision."""
    actor.require(Action.DECLARE_RELATIVES)
    relationship, key = relationship.strip(), normalise_id_number(id_number)
    if not relationship or not key:
        raise ValidationError(
            "relationship", "请填写亲属关系和亲属的证件号码。", article="FIRE art. 6"
        )
    r = t.reporter_relatives.c
    with svc.uow() as uow:
        if (
            uow.session.execute(select(t.persons.c.id).where(t.persons.c.id == person_id)).first()
            is None
        ):
            raise NotFound("找不到该举报人。")
        if (
            uow.session.execute(
                select(r.id).where(r.person_id == person_id, r.id_number == key)
            ).first()
            is not None
        ):
            raise ValidationError("id_number", "该亲属已登记。")
        uow.session.execute(
            insert(t.reporter_relatives).values(
                person_id=person_id,
                relationship=relationship,
                id_number=key,
                declared_at=svc.now(),
                recorded_by=actor.user_id,
            )
        )
        uow.log(
            actor,
            svc.now(),
            "relative_declared",
            f"举报人申报亲属：{relationship}（{mask_id(key)}）",
            ARTICLE,
            case_id=case_id,
            person_id=person_id,
        )
        uow.commit()


@dataclass(frozen=True)
class DeclaredRelativeRow:
    relationship: str
    masked_id: str  # RULES §5: the screen needs to recognise the entry, not to read the number
    declared_at: datetime


def declared_relatives(svc: Services, actor: Actor, person_id: int) -> list[DeclaredRelativeRow]:
    """What a reporter has declared so far, oldest first."""
    actor.require(Action.DECLARE_RELATIVES)
    r = t.reporter_relatives.c
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(
            select(r.relationship, r.id_number, r.declared_at)
            .where(r.person_id == person_id)
            .order_by(r.id)
        ).all()
    return [
        DeclaredRelativeRow(row.relationship, mask_id(row.id_number), row.declared_at)
        for row in rows
    ]
