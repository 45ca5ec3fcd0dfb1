"""Events: every change is one row saying who did what, when, and which article allowed it."""

from __future__ import annotations

from datetime import datetime
from typing import Any


class Event:
    """One entry of a case's timeline and of the audit trail."""

    def __init__(
        self,
        *,
        action: str,
        at: datetime,
        actor_id: int | None,
        summary: str,
        article: str | None = None,
        details: dict[str, Any] | None = None,
        case_id: int | None = None,
    ) -> None:
        self.id: int | None = None
        self.case_id = case_id
        self.action = action
        self.at = at
        self.actor_id = actor_id
        self.summary = summary
        self.article = article
        self.details = details or {}

    def __repr__(self) -> str:
        return f"Event({self.action!r}, at={self.at.isoformat()}, article={self.article!r})"


def append_event(
    events: list[Event],
    action: str,
    now: datetime,
    actor_id: int | None,
    summary: str,
    article: str | None,
    *,
    case_id: int | None = None,
    **details: Any,
) -> Event:
    """How every aggregate records a change; details that are None are left out."""
    event = Event(
        action=action,
        at=now,
        actor_id=actor_id,
        summary=summary,
        article=article,
        details={k: v for k, v in details.items() if v is not None},
        case_id=case_id,
    )
    events.append(event)
    return event
