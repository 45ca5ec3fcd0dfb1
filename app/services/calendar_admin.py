"""The holiday calendar as data: loading an official schedule and recounting the open deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, insert, select

from app.calendar import DueDate, YearSchedule, load_schedule_file
from app.domain.cases import Case
from app.domain.events import Event
from app.domain.rewards import ClaimState, RewardClaim, RewardRules
from app.domain.users import Action, Actor
from app.domain.vocabulary import OPEN_STATES
from app.persistence import tables as t
from app.services.context import Services, UnitOfWork


@dataclass(frozen=True)
class ScheduleLoaded:
    year: int
    cases_recomputed: int
    claims_recomputed: int = 0  # reward claims (FIRE art. 9, 10) whose days moved


def due(svc: Services, start: date, n: int, *, natural: bool = False) -> DueDate:
    """RULES §2.1: N working days, or N natural days rolled to the next working day."""
    calendar = svc.calendar
    return calendar.add_natural_days(start, n) if natural else calendar.add_working_days(start, n)


def load_schedule(svc: Services, actor: Actor, path: Path) -> ScheduleLoaded:
    """Load a year's official schedule from a file; every open deadline is counted again."""
    actor.require(Action.MANAGE_CALENDAR)
    return store_schedule(svc, actor, load_schedule_file(path))


def store_schedule(svc: Services, actor: Actor, schedule: YearSchedule) -> ScheduleLoaded:
    actor.require(Action.MANAGE_CALENDAR)
    now = svc.now()
    with svc.uow() as uow:
        uow.session.execute(
            delete(t.calendar_schedules).where(t.calendar_schedules.c.year == schedule.year)
        )
        uow.session.execute(
            insert(t.calendar_schedules).values(
                year=schedule.year,
                holidays=sorted(d.isoformat() for d in schedule.holidays),
                workdays=sorted(d.isoformat() for d in schedule.workdays),
                source=schedule.source,
                loaded_at=now,
                loaded_by=actor.user_id,
            )
        )
        uow.session.add(
            Event(
                action="load_calendar",
                at=now,
                actor_id=actor.user_id,
                summary=f"载入{schedule.year}年节假日安排（{schedule.source}）",
                article="RULES §2.1",
                details={"year": schedule.year},
            )
        )
        uow.session.flush()
        svc.forget_calendar()
        calendar = svc.calendar_from(uow)
        # Only cases with an open clock that ends in or after the year before can move.
        affected = uow.session.scalars(
            select(Case)
            .where(t.cases.c.state.in_([s.value for s in OPEN_STATES]))
            .where(
                t.cases.c.id.in_(
                    select(t.deadlines.c.case_id).where(
                        t.deadlines.c.met_at.is_(None),
                        t.deadlines.c.due_date >= date(schedule.year - 1, 1, 1),
                    )
                )
            )
        ).all()
        reason = f"{schedule.year}年节假日安排更新"
        moved = sum(case.recompute_deadlines(calendar, now=now, reason=reason) for case in affected)
        claims_moved = sum(
            claim.recompute_deadlines(calendar, rules, now=now, reason=reason)
            for claim, rules in _claims_to_recount(svc, uow, schedule.year)
        )
        uow.commit()
    svc.forget_calendar()
    return ScheduleLoaded(schedule.year, moved, claims_moved)


def _claims_to_recount(
    svc: Services, uow: UnitOfWork, year: int
) -> list[tuple[RewardClaim, RewardRules]]:
    """The reward claims whose days can still move, each with the reward rules of its case.

    Every claim not yet at an end; and a refusal (不予奖励) whose objection window ends in or
    after the year before the loaded one (RULES §3), as the cases' clocks above.
    """
    c = t.reward_claims.c
    ended = [s.value for s in ClaimState if s.is_terminal]
    refusals = [
        claim_id
        for claim_id, due in uow.session.execute(
            select(c.id, c.objection_due).where(
                c.state == ClaimState.NOT_ELIGIBLE.value, c.objection_due.is_not(None)
            )
        )
        if due.day >= date(year - 1, 1, 1)
    ]
    claims = uow.session.scalars(
        select(RewardClaim).where(c.state.not_in(ended) | c.id.in_(refusals)).order_by(c.case_id)
    ).all()
    if not claims:
        return []
    profile_keys = {
        case_id: key
        for case_id, key in uow.session.execute(
            select(t.cases.c.id, t.cases.c.profile_key).where(
                t.cases.c.id.in_([claim.case_id for claim in claims])
            )
        )
    }
    found = []
    for claim in claims:
        # As rewards.reward_rules: the profile that governs the case. A profile without reward
        # rules cannot have opened a claim; such a claim is left as it is rather than stop the load.
        rules = svc.profiles.get(profile_keys[claim.case_id]).rewards
        if rules is not None:
            found.append((claim, rules))
    return found
