"""Call-backs after completion (回访): the work list, and logging each attempt (RULES §2.2).

jieyang-2015: every completed case is called back within 3 working days of completion
(JY12345 art. 15); 3 consecutive days of failed calls count as answered (JY12345 art. 14).
yangjiang-2022: a call-back after the result comes back, with no day limit (YJ12345 art. 8).
The rules themselves are in ``app.domain.callbacks``.

The work list holds the completed cases (a unit's result passed review) not yet evaluated after
handling and not treated as answered; anonymous cases cannot be called and are left out. Each
attempt is a row (never deleted, RULES §5) and an event on the case citing the article; the
attempt that meets the unreachable rule is marked and adds a "视为已回访" event. A case completed
again after a redo starts a new round: only the attempts after its latest completion count.
The list is read in two queries (the cases, then their attempts); identities are masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, exists, insert, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import Exists

from app.domain.callbacks import (
    Attempt,
    CallbackOutcome,
    article_of,
    attempt_summary,
    call_by,
    check_attempt,
    deemed_answered,
    deemed_summary,
    rule_text,
    unreachable_run,
)
from app.domain.errors import NotFound, TransitionError
from app.domain.people import mask_name, mask_phone
from app.domain.profiles import CallbackRule
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, ContactMethod, Kind
from app.persistence import tables as t
from app.services.context import Services, UnitOfWork
from app.services.queries import due_soon_limit

_a = t.callback_attempts.c
_c = t.cases.c


@dataclass(frozen=True)
class CallbackRow:
    """One line of the work list: a completed case to call, the submitter masked (RULES §5)."""

    case_id: int
    number: str
    kind: Kind
    submitter: str
    phone: str
    unit: str
    completed_at: datetime
    call_by: date | None
    call_by_provisional: bool
    overdue: bool
    due_soon: bool
    attempts: int
    last_attempt_at: datetime | None
    last_method: ContactMethod | None
    last_outcome: CallbackOutcome | None
    # Consecutive days of failed calls so far, and how many make it count as answered (None:
    # the profile has no unreachable rule).
    failed_days: int
    days_needed: int | None
    # Reached on a call, but the evaluation after handling is not recorded yet.
    reached: bool
    article: str
    rule_text: str


@dataclass(frozen=True)
class AttemptRow:
    """One recorded attempt of a case, oldest first."""

    id: int
    at: datetime
    method: ContactMethod
    outcome: CallbackOutcome
    note: str
    article: str
    deems_answered: bool
    recorded_by: str
    completed_at: datetime


@dataclass(frozen=True)
class AttemptResult:
    """What logging an attempt came to; ``message`` is shown to the clerk as it is."""

    attempt_id: int
    deemed_answered: bool
    failed_days: int
    message: str


def _rule(svc: Services, profile_key: str) -> CallbackRule | None:
    return svc.profiles.get(profile_key).callback


def _passed_result() -> Exists:
    """A unit's result passed review. An answer given at the counter (即时答复, YJ12345 art. 9)
    is also recorded as a passed result, but without a unit: the citizen heard it in person and
    there is nobody to call about."""
    return exists().where(
        t.results.c.case_id == _c.id, t.results.c.review_passed.is_(True), _c.unit_id.is_not(None)
    )


def _deemed_in_round() -> Exists:
    return exists().where(
        _a.case_id == _c.id, _a.completed_at == _c.completed_at, _a.deems_answered.is_(True)
    )


def _round_attempts(uow: UnitOfWork, ids: list[int]) -> dict[int, list[dict[str, object]]]:
    """The attempts of these cases since their latest completion, oldest first, by case."""
    rows = uow.session.execute(
        select(t.callback_attempts)
        .join(t.cases, _c.id == _a.case_id)
        .where(_a.case_id.in_(ids), _a.completed_at == _c.completed_at)
        .order_by(_a.at, _a.id)
    ).mappings()
    found: dict[int, list[dict[str, object]]] = {}
    for row in rows:
        found.setdefault(row["case_id"], []).append(dict(row))
    return found


def _attempt(row: dict[str, object]) -> Attempt:
    at, method, outcome = row["at"], row["method"], row["outcome"]
    assert isinstance(at, datetime)
    assert isinstance(method, ContactMethod) and isinstance(outcome, CallbackOutcome)
    return Attempt(at, method, outcome)


def work_list(svc: Services) -> list[CallbackRow]:
    """Completed cases still to be called back, those to call first at the top: the overdue and
    the soonest call-by dates, then (no limit) the longest completed."""
    lead = aliased(t.case_submitters)
    person = aliased(t.persons)
    statement = (
        select(
            _c.id,
            _c.number,
            _c.kind,
            _c.profile_key,
            _c.completed_at,
            person.c.name,
            person.c.phone,
            t.units.c.name.label("unit_name"),
        )
        .outerjoin(lead, and_(lead.c.case_id == _c.id, lead.c.position == 0))
        .outerjoin(person, person.c.id == lead.c.person_id)
        .outerjoin(t.units, t.units.c.id == _c.unit_id)
        .where(
            _c.state == CaseState.COMPLETED,
            _c.anonymous.is_(False),
            _c.completed_at.is_not(None),
            _passed_result(),
            ~_deemed_in_round(),
        )
        .order_by(_c.completed_at, _c.id)
    )
    today = svc.today()
    soon = due_soon_limit(svc)
    calendar = svc.calendar
    with svc.uow(write=False) as uow:
        cases = uow.session.execute(statement).mappings().all()
        attempts = _round_attempts(uow, [row["id"] for row in cases])
    result = []
    for row in cases:
        rule = _rule(svc, row["profile_key"])
        due = call_by(rule, row["completed_at"], calendar)
        tried = [_attempt(a) for a in attempts.get(row["id"], [])]
        last = tried[-1] if tried else None
        overdue = due is not None and today > due.day
        result.append(
            CallbackRow(
                case_id=row["id"],
                number=row["number"],
                kind=row["kind"],
                submitter=mask_name(row["name"]) if row["name"] else "（匿名）",
                phone=mask_phone(row["phone"]) if row["phone"] else "",
                unit=row["unit_name"] or "",
                completed_at=row["completed_at"],
                call_by=due.day if due else None,
                call_by_provisional=bool(due and due.provisional),
                overdue=overdue,
                due_soon=due is not None and not overdue and due.day <= soon,
                attempts=len(tried),
                last_attempt_at=last.at if last else None,
                last_method=last.method if last else None,
                last_outcome=last.outcome if last else None,
                failed_days=len(unreachable_run(tried)),
                days_needed=rule.unreachable_days if rule else None,
                reached=any(a.outcome is CallbackOutcome.REACHED for a in tried),
                article=article_of(rule),
                rule_text=rule_text(rule),
            )
        )
    result.sort(
        key=lambda r: (
            not r.overdue,
            r.call_by is None,
            r.call_by or date.max,
            r.completed_at,
            r.case_id,
        )
    )
    return result


def record_attempt(
    svc: Services,
    actor: Actor,
    case_id: int,
    *,
    outcome: CallbackOutcome,
    method: ContactMethod = ContactMethod.PHONE,
    at: datetime | None = None,
    note: str = "",
) -> AttemptResult:
    """Log one call-back attempt (JY12345 art. 15: every call-back is recorded) and apply the
    unreachable rule (JY12345 art. 14) to the attempts since the latest completion."""
    actor.require(Action.RECORD_CALLBACK)
    now = svc.now()
    at = at or now
    with svc.uow() as uow:
        case = (
            uow.session.execute(
                select(
                    _c.number,
                    _c.state,
                    _c.profile_key,
                    _c.completed_at,
                    _c.anonymous,
                    _passed_result().label("has_result"),
                    _deemed_in_round().label("deemed"),
                )
                .where(_c.id == case_id)
                .with_for_update(of=t.cases)
            )
            .mappings()
            .first()
        )
        if case is None:
            raise NotFound(f"找不到案件（编号 {case_id}），可能已被删除或输入有误。")
        rule = _rule(svc, case["profile_key"])
        article = article_of(rule)
        completed_at = case["completed_at"]
        if case["state"] is not CaseState.COMPLETED or completed_at is None:
            raise TransitionError(
                f"案件 {case['number']} 当前状态为「{case['state'].label}」，不在回访范围内"
                "（仅限已办结、尚未办结后评价的案件）。",
                article=article,
            )
        if not case["has_result"] or case["anonymous"]:
            raise TransitionError(
                f"案件 {case['number']} 为即时答复或匿名诉求，无需回访。", article=article
            )
        if case["deemed"]:
            raise TransitionError(
                f"案件 {case['number']} 已视为已回访，不再回访。", article=article
            )
        note = check_attempt(at=at, now=now, completed_at=completed_at, note=note, article=article)
        attempt_id = uow.session.execute(
            insert(t.callback_attempts)
            .values(
                case_id=case_id,
                completed_at=completed_at,
                at=at,
                method=method,
                outcome=outcome,
                note=note,
                article=article,
                deems_answered=False,
                recorded_by=actor.user_id,
                recorded_at=now,
            )
            .returning(_a.id)
        ).scalar_one()
        due = call_by(rule, completed_at, svc.calendar)
        late = due is not None and Attempt(at, method, outcome).day > due.day
        summary = attempt_summary(method, outcome, note)
        if late and due is not None:
            summary += f"（已超过回访期限 {due.day.isoformat()}）"
        uow.log(
            actor,
            now,
            "callback_attempt",
            summary,
            article,
            case_id=case_id,
            attempt_id=attempt_id,
            at=at.isoformat(),
            method=method.value,
            outcome=outcome.value,
        )
        tried = [_attempt(a) for a in _round_attempts(uow, [case_id]).get(case_id, [])]
        days = deemed_answered(rule, tried)
        failed_days = len(unreachable_run(tried))
        if days is not None and rule is not None:
            uow.session.execute(
                update(t.callback_attempts).where(_a.id == attempt_id).values(deems_answered=True)
            )
            message = deemed_summary(days, rule)
            uow.log(
                actor,
                now,
                "callback_deemed_answered",
                message,
                rule.unreachable_article,
                case_id=case_id,
                attempt_id=attempt_id,
                first_day=days[0].isoformat(),
                last_day=days[-1].isoformat(),
            )
            message = f"案件 {case['number']} {message}。"
        elif outcome is CallbackOutcome.REACHED:
            message = f"案件 {case['number']} 已回访接通，请登记办结后评价。"
        else:
            message = f"案件 {case['number']} 回访未接通，已记录。"
            if rule is not None and rule.unreachable_days is not None and failed_days:
                message += (
                    f"已连续 {failed_days} 日电话未接通（满 {rule.unreachable_days} 日视为已答复，"
                    f"{rule.unreachable_article}）。"
                )
        uow.commit()
    return AttemptResult(int(attempt_id), days is not None, failed_days, message)


def case_attempts(svc: Services, case_id: int) -> list[AttemptRow]:
    """Every attempt on a case, all rounds, oldest first, with who recorded it."""
    statement = (
        select(t.callback_attempts, t.users.c.display_name)
        .join(t.users, t.users.c.id == _a.recorded_by)
        .where(_a.case_id == case_id)
        .order_by(_a.at, _a.id)
    )
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(statement).mappings().all()
    return [
        AttemptRow(
            id=row["id"],
            at=row["at"],
            method=row["method"],
            outcome=row["outcome"],
            note=row["note"],
            article=row["article"],
            deems_answered=row["deems_answered"],
            recorded_by=row["display_name"],
            completed_at=row["completed_at"],
        )
        for row in rows
    ]
