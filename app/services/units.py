"""Handling units (承办单位): data the administrator keeps, not code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select

from app.domain.errors import ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor
from app.persistence import tables as t
from app.services.context import Services


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    leader: str
    phone: str
    active: bool


def add_unit(
    svc: Services, actor: Actor, code: str, name: str, leader: str = "", phone: str = ""
) -> Unit:
    actor.require(Action.MANAGE_UNITS)
    code, name = code.strip().upper(), name.strip()
    if not code or not name:
        raise ValidationError("name", "请填写承办单位的代码和名称。")
    with svc.uow() as uow:
        clash = uow.session.execute(
            select(t.units.c.id).where((t.units.c.code == code) | (t.units.c.name == name))
        ).first()
        if clash:
            raise ValidationError("name", f"承办单位代码「{code}」或名称「{name}」已存在。")
        unit_id = uow.session.execute(
            insert(t.units)
            .values(code=code, name=name, leader=leader.strip(), phone=phone.strip(), active=True)
            .returning(t.units.c.id)
        ).scalar_one()
        uow.session.add(
            Event(
                action="add_unit",
                at=svc.now(),
                actor_id=actor.user_id,
                summary=f"新增承办单位「{name}」",
                details={"unit_id": unit_id},
            )
        )
        uow.commit()
    return Unit(unit_id, code, name, leader.strip(), phone.strip(), True)


def list_units(svc: Services, *, include_inactive: bool = False) -> list[Unit]:
    query = select(t.units).order_by(t.units.c.code)
    if not include_inactive:
        query = query.where(t.units.c.active.is_(True))
    with svc.uow(write=False) as uow:
        return [Unit(**row) for row in uow.session.execute(query).mappings()]


def require_active_unit(svc: Services, unit_id: int) -> Unit:
    for unit in list_units(svc):
        if unit.id == unit_id:
            return unit
    raise ValidationError("unit", "所选承办单位不存在或已停用，请重新选择。")
