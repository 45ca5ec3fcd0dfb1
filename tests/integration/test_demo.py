"""The demo database: every state, valid people, reproducible from its seed, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.errors import DomainError, ValidationError
from app.domain.people import DocumentType, normalise_phone, parse_resident_id
from app.domain.vocabulary import CaseState, Priority, Satisfaction
from app.persistence import tables as t
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI
from app.services import users
from app.services.context import Services
from app.services.demo import DEMO_PASSWORD, DEMO_USERS, DemoSummary, build_demo

# A fixed "now" makes two builds comparable to the second; the history reaches back into 2024.
NOW = datetime(2026, 6, 15, 10, 30, tzinfo=SHANGHAI)
CASES = 60


@dataclass
class Demo:
    svc: Services
    summary: DemoSummary


def fixed_clock() -> datetime:
    return NOW


def open_demo(url: str, data_dir: Path, *, seed: int = 7) -> Demo:
    svc = Services.open(url, data_dir, clock=fixed_clock)
    upgrade(svc.database)
    return Demo(svc, build_demo(svc, cases=CASES, seed=seed))


@pytest.fixture
def demo(empty_db_url: str, tmp_path: Path) -> Iterator[Demo]:
    built = open_demo(empty_db_url, tmp_path / "data")
    try:
        yield built
    finally:
        built.svc.close()


def rows(svc: Services, query: Any) -> list[Any]:
    with svc.uow(write=False) as uow:
        return list(uow.session.execute(query).all())


def test_every_state_and_feature_appears(demo: Demo) -> None:
    c = t.cases.c
    states = {row[0] for row in rows(demo.svc, select(c.state).distinct())}
    assert states == set(CaseState)
    assert set(demo.summary.by_state) == set(CaseState)
    assert sum(demo.summary.by_state.values()) == CASES
    levels = rows(
        demo.svc,
        select(t.evaluations.c.level).where(t.evaluations.c.stage == "after_handling").distinct(),
    )
    assert {row[0] for row in levels} == set(Satisfaction)
    returns = rows(demo.svc, select(t.return_requests.c.status).distinct())
    assert {row[0].value for row in returns} == {"pending", "approved", "refused"}
    extensions = rows(demo.svc, select(t.extension_requests.c.status).distinct())
    assert {"pending", "approved"} <= {row[0].value for row in extensions}
    assert rows(demo.svc, select(func.count()).where(c.priority == Priority.URGENT))[0][0] > 0
    assert demo.summary.urgent > 0
    assert demo.summary.anonymous > 0
    assert demo.summary.joint > 0
    assert demo.summary.overdue > 0
    grounds = rows(demo.svc, select(c.refusal_ground).where(c.refusal_ground.is_not(None)))
    assert len({row[0] for row in grounds}) >= 2


def test_people_have_valid_id_numbers_and_phones(demo: Demo) -> None:
    people = rows(demo.svc, select(t.persons.c.doc_type, t.persons.c.doc_number, t.persons.c.phone))
    with_id = [number for doc_type, number, _ in people if doc_type is DocumentType.RESIDENT_ID]
    assert with_id, "the demo must contain people with resident ID numbers"
    for number in with_id:
        info = parse_resident_id(number, today=NOW.date())
        assert info.region_code[:4] == "4417"  # Yangjiang
        assert 1950 <= info.birth_date.year <= 2005
    for _, _, phone in people:
        assert phone is not None
        assert normalise_phone(phone) == phone


def test_numbers_are_unique_and_nothing_happens_in_the_future(demo: Demo) -> None:
    c = t.cases.c
    numbers = [row[0] for row in rows(demo.svc, select(c.number))]
    assert len(numbers) == len(set(numbers)) == CASES
    assert all(n.startswith("JCZ01-") for n in numbers)
    codes = [row[0] for row in rows(demo.svc, select(c.query_code))]
    assert len(set(codes)) == CASES
    first, last = rows(demo.svc, select(func.min(c.received_at), func.max(c.received_at)))[0]
    assert NOW - timedelta(days=731) <= first
    assert last <= NOW
    assert rows(demo.svc, select(func.max(t.events.c.at)))[0][0] <= NOW


def test_users_settings_and_clock(demo: Demo) -> None:
    svc = demo.svc
    assert svc.clock is fixed_clock  # restored after the simulated times
    for spec in DEMO_USERS:
        assert users.authenticate(svc, spec.username, DEMO_PASSWORD).role is spec.role
    with svc.uow(write=False) as uow:
        assert uow.setting("centre_code") == "JCZ01"
        assert uow.setting("centre_name") == "阳江市江城区某镇便民服务中心"
    assert demo.summary.units >= 12


def test_a_used_database_is_refused(demo: Demo) -> None:
    with pytest.raises(DomainError, match="空数据库"):
        build_demo(demo.svc, cases=5)


def test_case_count_must_be_positive(tmp_path: Path) -> None:
    svc = Services.open(f"sqlite:///{tmp_path}/x.db", tmp_path)
    try:
        with pytest.raises(ValidationError):
            build_demo(svc, cases=0)
    finally:
        svc.close()


def content_of(svc: Services) -> tuple[list[Any], list[Any]]:
    c, p = t.cases.c, t.persons.c
    cases = rows(
        svc,
        select(
            c.number,
            c.query_code,
            c.kind,
            c.priority,
            c.channel,
            c.state,
            c.content,
            c.place,
            c.occurred,
            c.reported_unit_name,
            c.reported_unit_address,
            c.hazard_category,
            c.received_at,
        ).order_by(c.number),
    )
    people = rows(svc, select(p.name, p.doc_number, p.phone, p.address).order_by(p.id))
    return cases, people


def test_the_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    built = [
        open_demo(f"sqlite:///{tmp_path}/{name}.db", tmp_path / name, seed=seed)
        for name, seed in (("a", 11), ("b", 11), ("c", 12))
    ]
    try:
        first, again, other = (content_of(demo.svc) for demo in built)
        assert first == again
        assert first[0] != other[0]
    finally:
        for demo in built:
            demo.svc.close()
