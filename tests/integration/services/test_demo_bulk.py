"""The bulk demo path: every state, unique numbers and codes, calendar deadlines, a sound chain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.deadlines import PeriodUnit
from app.domain.vocabulary import CaseState, Kind
from app.persistence import tables as t
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI
from app.services import users
from app.services.audit import verify_chain
from app.services.context import Services
from app.services.demo import DEMO_CENTRE_CODE, DEMO_PASSWORD, DemoSummary
from app.services.demo_bulk import build_bulk_demo
from app.services.registration import PersonInput, RegistrationForm, register

NOW = datetime(2026, 6, 15, 10, 30, tzinfo=SHANGHAI)
CASES = 3_000


@pytest.fixture
def bulk(empty_db_url: str, tmp_path: Path) -> Iterator[tuple[Services, DemoSummary]]:
    svc = Services.open(empty_db_url, tmp_path / "data", clock=lambda: NOW)
    upgrade(svc.database)
    try:
        yield svc, build_bulk_demo(svc, cases=CASES, seed=3)
    finally:
        svc.close()


def rows(svc: Services, query: Any) -> list[Any]:
    with svc.uow(write=False) as uow:
        return list(uow.session.execute(query).all())


def test_bulk_demo_is_whole_and_consistent(bulk: tuple[Services, DemoSummary]) -> None:
    svc, summary = bulk
    c = t.cases.c
    # Every state, in proportions like a centre's: most cases closed, a recent few still open.
    counts = dict(rows(svc, select(c.state, func.count()).group_by(c.state)))
    assert set(counts) == set(CaseState)
    assert sum(counts.values()) == CASES == summary.cases
    assert counts == summary.by_state
    assert counts[CaseState.CLOSED] > CASES * 0.6
    assert 0.08 * CASES < counts[CaseState.NOT_ACCEPTED] < 0.16 * CASES

    # Case numbers and query codes unique; numbers per day 0001, 0002… in arrival order.
    numbers = rows(svc, select(c.number, c.query_code, c.received_at).order_by(c.id))
    assert len({r.number for r in numbers}) == CASES
    assert len({r.query_code for r in numbers}) == CASES
    by_day: dict[str, list[int]] = {}
    for r in numbers:
        centre, day, seq = r.number.split("-")
        assert centre == DEMO_CENTRE_CODE and day == f"{r.received_at:%Y%m%d}"
        by_day.setdefault(day, []).append(int(seq))
    assert all(seqs == list(range(1, len(seqs) + 1)) for seqs in by_day.values())
    counters = dict(rows(svc, select(t.counters.c.name, t.counters.c.value)))
    assert all(counters[f"case:{day}"] == len(seqs) for day, seqs in by_day.items())

    # Deadlines are what the calendar computes (RULES §2.1), never a timedelta: a sample.
    d = t.deadlines.c
    sample = rows(
        svc,
        select(d.starts_at, d.amount, d.unit, d.due_date).where(
            d.unit == PeriodUnit.WORKING_DAYS, d.id % 7 == 0
        ),
    )
    assert len(sample) > 500
    for r in sample:
        assert svc.calendar.add_working_days(r.starts_at.date(), r.amount).day == r.due_date
    # Each open case shows its running clock; a handled one has its unit and result.
    open_without_due = rows(
        svc,
        select(func.count())
        .select_from(t.cases)
        .where(c.state.in_([CaseState.IN_PROGRESS, CaseState.DISPATCHED]), c.due_date.is_(None)),
    )
    assert open_without_due[0][0] == 0
    closed_handled = rows(
        svc,
        select(func.count())
        .select_from(t.cases)
        .where(c.completed_at.is_not(None), c.kind != Kind.CONSULTATION, c.unit_id.is_(None)),
    )
    assert closed_handled[0][0] == 0

    # The audit chain holds every event and verifies.
    admin = users.authenticate(svc, "admin", DEMO_PASSWORD)
    report = verify_chain(svc, admin)
    assert report.ok
    assert report.events_checked > CASES * 5

    # A case registered afterwards on a day the demo filled gets that day's next number.
    last_day = max(by_day)
    svc.clock = lambda: datetime.strptime(last_day + " 17:20", "%Y%m%d %H:%M").replace(
        tzinfo=SHANGHAI
    )
    clerk = users.authenticate(svc, "li.clerk", DEMO_PASSWORD)
    done = register(
        svc,
        clerk,
        RegistrationForm(
            kind=Kind.CONSULTATION,
            content="咨询新生儿入户需要带哪些材料。",
            submitters=[PersonInput(name="陈大文", phone="13800138000")],
        ),
    )
    expected = len(by_day[last_day]) + 1
    assert done.number == f"{DEMO_CENTRE_CODE}-{last_day}-{expected:04d}"
    assert verify_chain(svc, admin).ok
