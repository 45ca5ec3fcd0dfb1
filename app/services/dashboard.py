"""The 工作台 figures: today's intake, what is due and overdue, what waits for a decision, two charts.

Each figure is a ``CaseSelection``: the ids it counts and, where ``CaseFilter`` can say exactly
the same thing, the filter that opens the same cases in the case list. Where it cannot (due
today, waiting for a decision, overdue cases not yet dispatched) the ids are the only truth and
``case_filter`` is None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.domain.cases import RequestStatus
from app.domain.users import Action, Actor
from app.domain.vocabulary import OPEN_STATES, CaseState, Kind
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services import queries, units
from app.services.context import Services
from app.services.queries import CaseFilter, DueFilter, SortKey

c = t.cases.c

INTAKE_DAYS = 30
NOT_DISPATCHED = "（尚未转办）"


@dataclass(frozen=True)
class CaseSelection:
    """A counted set of cases: what the figure says, and how to list exactly those cases."""

    key: str
    label: str
    case_ids: tuple[int, ...]
    case_filter: CaseFilter | None = None
    hint: str = ""

    @property
    def count(self) -> int:
        return len(self.case_ids)


@dataclass(frozen=True)
class DashboardData:
    """The five figures of the 工作台, as of ``as_of``."""

    as_of: datetime
    intake_today: CaseSelection
    due_today: CaseSelection
    due_soon: CaseSelection
    overdue: CaseSelection
    waiting: CaseSelection
    waiting_results: int
    waiting_returns: int
    waiting_extensions: int
    # True when the signed-in user is the one who decides (supervisor, administrator); a clerk
    # sees the same cases labelled as waiting for the supervisor.
    waiting_is_mine: bool

    @property
    def figures(self) -> tuple[CaseSelection, ...]:
        return (self.intake_today, self.due_today, self.due_soon, self.overdue, self.waiting)


@dataclass(frozen=True)
class IntakeByKind:
    """Cases received per calendar day (Asia/Shanghai) and kind, oldest day first."""

    days: tuple[date, ...]
    counts: dict[Kind, tuple[int, ...]] = field(default_factory=dict)

    def total(self, kind: Kind | None = None) -> int:
        if kind is not None:
            return sum(self.counts.get(kind, ()))
        return sum(sum(values) for values in self.counts.values())


@dataclass(frozen=True)
class UnitOverdue:
    """Overdue cases at one handling unit (``unit_id`` None: not dispatched to any unit yet)."""

    unit_id: int | None
    unit_name: str
    selection: CaseSelection

    @property
    def count(self) -> int:
        return self.selection.count


def _ids(svc: Services, case_filter: CaseFilter) -> tuple[int, ...]:
    return tuple(queries.case_ids(svc, case_filter, sort=SortKey.DUE, descending=False))


def dashboard(svc: Services, actor: Actor) -> DashboardData:
    """The 工作台 figures for ``actor`` at the service clock's now."""
    now = svc.now()
    today = now.date()

    intake_filter = CaseFilter(received_from=today, received_to=today)
    intake = tuple(queries.case_ids(svc, intake_filter, sort=SortKey.RECEIVED, descending=True))

    soon_filter = CaseFilter(due=DueFilter.DUE_SOON)
    soon = _ids(svc, soon_filter)
    overdue_filter = CaseFilter(due=DueFilter.OVERDUE)
    overdue = _ids(svc, overdue_filter)

    open_states = [s.value for s in OPEN_STATES]
    with svc.uow(write=False) as uow:
        session = uow.session
        due_on_today = set(session.execute(select(c.id).where(c.due_date == today)).scalars())
        results = set(
            session.execute(
                select(c.id).where(c.state == CaseState.RESULT_SUBMITTED.value)
            ).scalars()
        )
        returns = set(
            session.execute(
                select(c.id).where(c.state == CaseState.RETURN_REQUESTED.value)
            ).scalars()
        )
        extension = t.extension_requests.c
        extensions = set(
            session.execute(
                select(extension.case_id)
                .join(t.cases, c.id == extension.case_id)
                .where(
                    extension.status == RequestStatus.PENDING.value,
                    c.state.in_(open_states),
                )
            ).scalars()
        )
        waiting_order = tuple(
            session.execute(
                select(c.id)
                .where(c.id.in_(results | returns | extensions))
                .order_by(c.due_date.asc().nulls_last(), c.id)
            ).scalars()
        )

    # Not overdue (the DUE_SOON list says so) and due on today's date.
    due_today = tuple(i for i in soon if i in due_on_today)
    mine = actor.can(Action.REVIEW)
    waiting_label = "待我审核/审批" if mine else "待负责人处理"
    waiting_hint = (
        "已提交待审核的办理结果、待审批的退回申请和延期申请"
        if mine
        else "已提交待负责人审核的办理结果、待负责人审批的退回申请和延期申请"
    )
    return DashboardData(
        as_of=now,
        intake_today=CaseSelection(
            "intake_today", "今日登记", intake, intake_filter, f"{today.isoformat()} 登记的诉求"
        ),
        due_today=CaseSelection(
            "due_today", "今日到期", due_today, None, "办理中的案件，当前期限在今天届满"
        ),
        due_soon=CaseSelection(
            "due_soon",
            "一个工作日内到期",
            soon,
            soon_filter,
            "当前期限在今天或下一个工作日届满（含今日到期）",
        ),
        overdue=CaseSelection(
            "overdue", "已超期", overdue, overdue_filter, "当前期限已经届满、仍未办结的案件"
        ),
        waiting=CaseSelection("waiting", waiting_label, waiting_order, None, waiting_hint),
        waiting_results=len(results),
        waiting_returns=len(returns),
        waiting_extensions=len(extensions),
        waiting_is_mine=mine,
    )


def intake_by_kind(svc: Services, days: int = INTAKE_DAYS) -> IntakeByKind:
    """Cases received on each of the last ``days`` calendar days (today included), per kind."""
    if days < 1:
        raise ValueError("days must be at least 1")
    today = svc.today()
    first = today - timedelta(days=days - 1)
    day_list = tuple(first + timedelta(days=n) for n in range(days))
    start = datetime.combine(first, time(), SHANGHAI)
    end = datetime.combine(today + timedelta(days=1), time(), SHANGHAI)
    query = select(c.received_at, c.kind).where(c.received_at >= start, c.received_at < end)
    counts = {kind: [0] * days for kind in Kind}
    with svc.uow(write=False) as uow:
        for received_at, kind in uow.session.execute(query):
            # The calendar day at the counter, whatever zone the database or the PC is in.
            index = (received_at.astimezone(SHANGHAI).date() - first).days
            counts[kind][index] += 1
    return IntakeByKind(day_list, {kind: tuple(values) for kind, values in counts.items()})


def overdue_by_unit(svc: Services) -> list[UnitOverdue]:
    """Overdue cases per handling unit, most first; cases no unit holds yet come as one more bar."""
    by_unit = queries.case_ids_by_unit(
        svc, CaseFilter(due=DueFilter.OVERDUE), sort=SortKey.DUE, descending=False
    )
    result: list[UnitOverdue] = []
    # Inactive units too: a unit stopped after receiving a case still holds it.
    for unit in units.list_units(svc, include_inactive=True):
        unit_filter = CaseFilter(due=DueFilter.OVERDUE, unit_id=unit.id)
        ids = tuple(by_unit.get(unit.id, ()))
        if not ids:
            continue
        result.append(
            UnitOverdue(
                unit.id,
                unit.name,
                CaseSelection(
                    f"overdue_unit_{unit.id}",
                    f"{unit.name}的超期案件",
                    ids,
                    unit_filter,
                    f"{unit.name}承办、当前期限已经届满的案件",
                ),
            )
        )
    loose = tuple(by_unit.get(None, ()))
    if loose:
        result.append(
            UnitOverdue(
                None,
                NOT_DISPATCHED,
                CaseSelection(
                    "overdue_not_dispatched",
                    "尚未转办的超期案件",
                    loose,
                    None,
                    "仍在中心（待受理、待补正或待转办）而已超期的案件",
                ),
            )
        )
    result.sort(key=lambda u: (-u.count, u.unit_id is None, u.unit_name))
    return result
