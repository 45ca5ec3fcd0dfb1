"""Case handling after registration: intake decisions, routing, results, review, evaluation, closing.

Each function takes the acting user and plain values, checks the role, runs the domain rule in one
transaction and commits; the domain appends the event that says which article allowed it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.domain.cases import Case, CaseRules, EvaluationStage
from app.domain.errors import ValidationError
from app.domain.users import Action, Actor
from app.domain.vocabulary import ContactMethod, EvaluationTag, RefusalGround, Satisfaction
from app.persistence import tables as t
from app.services.context import Services, UnitOfWork
from app.services.registration import check_attachment, store_attachment
from app.services.units import require_active_unit

Step = Callable[[Case, CaseRules, datetime], None]


def act(svc: Services, actor: Actor, action: Action, case_id: int, step: Step) -> None:
    """The one path every case action takes: permission, load, rule, commit."""
    actor.require(action)
    with svc.uow() as uow:
        case = uow.get_case(case_id)
        step(case, svc.rules_for(case), svc.now())
        uow.commit()


def repeat_note(uow: UnitOfWork, ground: RefusalGround, related_case_id: int | None) -> str:
    """Ground (6) names an earlier case being handled or confirmed complete (YJ12345 art. 6(6);
    JY12345 art. 17); says which of the two, for the refusal's event. "" for other grounds."""
    if ground is not RefusalGround.REPEAT or related_case_id is None:
        return ""
    return uow.get_case(related_case_id).repeat_basis()


def refuse(
    svc: Services,
    actor: Actor,
    case_id: int,
    ground: RefusalGround,
    reason: str,
    related_case_id: int | None = None,
) -> None:
    actor.require(Action.REFUSE)
    if related_case_id == case_id:
        raise ValidationError("related_case", "不能把案件与其自身关联。")
    with svc.uow() as uow:
        case = uow.get_case(case_id)
        note = repeat_note(uow, ground, related_case_id)
        case.refuse(
            ground,
            reason,
            actor_id=actor.user_id,
            now=svc.now(),
            related_case_id=related_case_id,
            related_note=note,
        )
        uow.commit()


def request_materials(svc: Services, actor: Actor, case_id: int, items: list[str]) -> None:
    act(
        svc,
        actor,
        Action.REQUEST_MATERIALS,
        case_id,
        lambda c, r, now: c.request_materials(items, rules=r, actor_id=actor.user_id, now=now),
    )


def supply_materials(svc: Services, actor: Actor, case_id: int, note: str = "") -> None:
    act(
        svc,
        actor,
        Action.SUPPLY_MATERIALS,
        case_id,
        lambda c, r, now: c.supply_materials(note, rules=r, actor_id=actor.user_id, now=now),
    )


def withdraw_for_missing_materials(svc: Services, actor: Actor, case_id: int) -> None:
    act(
        svc,
        actor,
        Action.WITHDRAW,
        case_id,
        lambda c, r, now: c.withdraw_for_missing_materials(actor_id=actor.user_id, now=now),
    )


def accept(svc: Services, actor: Actor, case_id: int) -> None:
    act(
        svc,
        actor,
        Action.ACCEPT,
        case_id,
        lambda c, r, now: c.accept(rules=r, actor_id=actor.user_id, now=now),
    )


def answer_at_once(svc: Services, actor: Actor, case_id: int, answer: str) -> None:
    act(
        svc,
        actor,
        Action.ANSWER_AT_ONCE,
        case_id,
        lambda c, r, now: c.answer_at_once(answer, actor_id=actor.user_id, now=now),
    )


def dispatch(
    svc: Services, actor: Actor, case_id: int, unit_id: int, *, designated: bool = False
) -> None:
    unit = require_active_unit(svc, unit_id)
    act(
        svc,
        actor,
        Action.DISPATCH,
        case_id,
        lambda c, r, now: c.dispatch(
            unit_id,
            rules=r,
            actor_id=actor.user_id,
            now=now,
            designated=designated,
            unit_name=unit.name,
        ),
    )


def request_return(svc: Services, actor: Actor, case_id: int, reason: str, basis: str) -> None:
    act(
        svc,
        actor,
        Action.REQUEST_RETURN,
        case_id,
        lambda c, r, now: c.request_return(reason, basis, rules=r, actor_id=actor.user_id, now=now),
    )


def approve_return(
    svc: Services, actor: Actor, case_id: int, new_unit_id: int, note: str = ""
) -> None:
    unit = require_active_unit(svc, new_unit_id)
    act(
        svc,
        actor,
        Action.DECIDE_RETURN,
        case_id,
        lambda c, r, now: c.approve_return(
            new_unit_id, note, rules=r, actor_id=actor.user_id, now=now, unit_name=unit.name
        ),
    )


def refuse_return(svc: Services, actor: Actor, case_id: int, note: str) -> None:
    act(
        svc,
        actor,
        Action.DECIDE_RETURN,
        case_id,
        lambda c, r, now: c.refuse_return(note, actor_id=actor.user_id, now=now),
    )


def request_extension(
    svc: Services, actor: Actor, case_id: int, extra_working_days: int, reason: str, basis: str
) -> None:
    act(
        svc,
        actor,
        Action.REQUEST_EXTENSION,
        case_id,
        lambda c, r, now: c.request_extension(
            extra_working_days, reason, basis, rules=r, actor_id=actor.user_id, now=now
        ),
    )


def decide_extension(
    svc: Services, actor: Actor, case_id: int, *, approve: bool, note: str = ""
) -> None:
    act(
        svc,
        actor,
        Action.DECIDE_EXTENSION,
        case_id,
        lambda c, r, now: c.decide_extension(
            approve, note, rules=r, actor_id=actor.user_id, now=now
        ),
    )


def record_contact(
    svc: Services,
    actor: Actor,
    case_id: int,
    method: ContactMethod,
    note: str = "",
    at: datetime | None = None,
) -> None:
    act(
        svc,
        actor,
        Action.RECORD_CONTACT,
        case_id,
        lambda c, r, now: c.record_contact(method, note, actor_id=actor.user_id, now=now, at=at),
    )


def submit_result(
    svc: Services,
    actor: Actor,
    case_id: int,
    *,
    handled_at: datetime,
    method: str,
    outcome: str,
    basis: str,
) -> None:
    act(
        svc,
        actor,
        Action.SUBMIT_RESULT,
        case_id,
        lambda c, r, now: c.submit_result(
            handled_at=handled_at,
            method=method,
            outcome=outcome,
            basis=basis,
            actor_id=actor.user_id,
            now=now,
        ),
    )


def review(svc: Services, actor: Actor, case_id: int, *, passed: bool, comment: str = "") -> None:
    act(
        svc,
        actor,
        Action.REVIEW,
        case_id,
        lambda c, r, now: c.review(passed, comment, actor_id=actor.user_id, now=now),
    )


def record_evaluation(
    svc: Services,
    actor: Actor,
    case_id: int,
    level: Satisfaction,
    *,
    stage: EvaluationStage = EvaluationStage.AFTER_HANDLING,
    method: ContactMethod = ContactMethod.PHONE,
    comment: str = "",
    tags: Iterable[EvaluationTag] = (),
) -> None:
    chosen = tuple(tags)
    act(
        svc,
        actor,
        Action.RECORD_EVALUATION,
        case_id,
        lambda c, r, now: c.record_evaluation(
            level,
            stage=stage,
            method=method,
            comment=comment,
            actor_id=actor.user_id,
            now=now,
            tags=chosen,
        ),
    )


def request_redo(
    svc: Services,
    actor: Actor,
    case_id: int,
    reason: str,
    *,
    method: ContactMethod = ContactMethod.PHONE,
) -> None:
    """The citizen asks for a redo after a dissatisfied evaluation (YJ12345 art. 20)."""
    act(
        svc,
        actor,
        Action.REQUEST_REDO,
        case_id,
        lambda c, r, now: c.request_redo(
            reason, method=method, rules=r, actor_id=actor.user_id, now=now
        ),
    )


def decide_redo(
    svc: Services,
    actor: Actor,
    case_id: int,
    *,
    approve: bool,
    note: str,
    unit_fault: bool = False,
    instructions_not_followed: bool = False,
) -> None:
    """The centre's review (a supervisor): back to the unit with instructions, or refused."""
    actor.require(Action.DECIDE_REDO)
    with svc.uow() as uow:
        case = uow.get_case(case_id)
        # The redo goes back to the unit that handled it (YJ12345 art. 20), by name in the event.
        unit_name = ""
        if case.unit_id is not None:
            unit_name = (
                uow.session.execute(
                    select(t.units.c.name).where(t.units.c.id == case.unit_id)
                ).scalar_one_or_none()
                or ""
            )
        case.decide_redo(
            approve,
            note,
            rules=svc.rules_for(case),
            actor_id=actor.user_id,
            now=svc.now(),
            unit_fault=unit_fault,
            instructions_not_followed=instructions_not_followed,
            unit_name=unit_name,
        )
        uow.commit()


def close(svc: Services, actor: Actor, case_id: int) -> None:
    act(
        svc,
        actor,
        Action.CLOSE,
        case_id,
        lambda c, r, now: c.close(actor_id=actor.user_id, now=now),
    )


def add_attachment(svc: Services, actor: Actor, case_id: int, path: Path) -> None:
    """Evidence brought later; the file is copied in and the addition logged."""
    actor.require(Action.ADD_ATTACHMENT)  # before looking at the file: a refusal says so first
    check_attachment(path)
    act(
        svc,
        actor,
        Action.ADD_ATTACHMENT,
        case_id,
        lambda c, r, now: c.add_attachment(
            store_attachment(svc, path, actor_id=actor.user_id, now=now), now=now
        ),
    )
