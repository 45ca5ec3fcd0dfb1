"""Centre settings kept in the database: centre code and name, and which rule profile is in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, insert

from app.domain.codes import validate_centre_code
from app.domain.errors import ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor
from app.persistence import tables as t
from app.services.context import Services


@dataclass(frozen=True)
class StatusInfo:
    """What the status bar and start screen show about the rules in force."""

    centre_name: str
    profile_key: str
    profile_name: str
    profile_warning: str | None
    calendar_warnings: list[str]
    database: str


def get_setting(svc: Services, key: str) -> Any:
    with svc.uow(write=False) as uow:
        return uow.setting(key)


def set_setting(svc: Services, actor: Actor, key: str, value: Any) -> None:
    actor.require(Action.MANAGE_SETTINGS)
    if key == "centre_code":
        value = validate_centre_code(str(value))
    if key == "urgent_list":
        value = [str(item).strip() for item in value if str(item).strip()]
        if not value:
            raise ValidationError("urgent_list", "紧急项清单不能为空，请至少保留一项。")
    if key == "profile_schedule":
        for start, profile_key in value:
            date.fromisoformat(start)
            svc.profiles.get(profile_key)
    with svc.uow() as uow:
        before = uow.setting(key)
        uow.session.execute(delete(t.settings).where(t.settings.c.key == key))
        uow.session.execute(insert(t.settings).values(key=key, value=value))
        uow.session.add(
            Event(
                action="change_setting",
                at=svc.now(),
                actor_id=actor.user_id,
                summary=f"修改设置 {key}",
                details={"key": key, "before": before, "after": value},
            )
        )
        uow.commit()


def status(svc: Services) -> StatusInfo:
    today = svc.today()
    with svc.uow(write=False) as uow:
        profile = svc.profile_in_force(uow, today)
        centre_name = uow.setting("centre_name")
    url = svc.database.write_engine.url
    return StatusInfo(
        centre_name=centre_name,
        profile_key=profile.key,
        profile_name=profile.name,
        profile_warning=profile.lapse_warning(today),
        calendar_warnings=svc.calendar.warnings(today),
        database=url.render_as_string(hide_password=True),
    )
