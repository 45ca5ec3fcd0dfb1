"""Emergencies sent on to 110/119/120 (JY12345 art. 6): the counter records each transfer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select

from app.domain.errors import ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor
from app.persistence import tables as t
from app.services.context import Services

ARTICLE = "JY12345 art. 6"
TRANSFER_EVENT = "emergency_transfer"


class EmergencyLine(StrEnum):
    POLICE = "110"
    FIRE = "119"
    AMBULANCE = "120"

    @property
    def label(self) -> str:
        return {"110": "110 报警", "119": "119 火警", "120": "120 急救"}[self.value]


@dataclass(frozen=True)
class Transfer:
    at: datetime
    line: EmergencyLine
    summary: str
    recorded_by: int | None


def record_transfer(svc: Services, actor: Actor, line: EmergencyLine, summary: str) -> Transfer:
    """Log that an emergency was handed to 110/119/120 instead of being registered as a case."""
    actor.require(Action.REGISTER)
    summary = " ".join(summary.split())
    if not summary:
        raise ValidationError("summary", "请简要写明紧急情况和转接结果（如：已转119，地点某某）。")
    now = svc.now()
    with svc.uow() as uow:
        uow.session.add(
            Event(
                action=TRANSFER_EVENT,
                at=now,
                actor_id=actor.user_id,
                summary=f"紧急情况转{line.label}：{summary}",
                article=ARTICLE,
                details={"line": line.value, "summary": summary},
            )
        )
        uow.commit()
    return Transfer(now, line, summary, actor.user_id)


def transfers(svc: Services, *, limit: int = 100) -> list[Transfer]:
    """The latest transfers, newest first."""
    query = (
        select(t.events.c.at, t.events.c.details, t.events.c.actor_id)
        .where(t.events.c.action == TRANSFER_EVENT)
        .order_by(t.events.c.id.desc())
        .limit(limit)
    )
    with svc.uow(write=False) as uow:
        return [
            Transfer(
                row.at, EmergencyLine(row.details["line"]), row.details["summary"], row.actor_id
            )
            for row in uow.session.execute(query)
        ]
