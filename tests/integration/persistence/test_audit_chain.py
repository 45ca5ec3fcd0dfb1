"""The audit chain as stored (RULES §5, issue 8 "audit trail"): every insert path chains its event."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import JSON, column, create_engine, insert, select, table
from sqlalchemy.exc import IntegrityError

from app.domain.users import Actor, Role
from app.domain.vocabulary import Kind
from app.persistence import tables as t
from app.persistence.audit import HEAD_COUNTER, insert_events
from app.persistence.database import open_database
from app.persistence.migrate import alembic_config, current_revision, upgrade
from app.persistence.types import SHANGHAI, AwareDateTime
from app.services import handling
from app.services.audit import verify_chain
from app.services.context import Services
from app.services.registration import RegistrationForm, register
from tests.conftest import World

MOMENT = datetime(2025, 9, 26, 10, 0, tzinfo=SHANGHAI)
# The user written straight into the 0007 database below.
ADMIN = Actor(user_id=1, username="admin", display_name="管理员", role=Role.ADMIN)


@dataclass
class Stored:
    rows: list[dict[str, Any]]
    head: int | None  # the audit_chain counter
    numbers: dict[int, str]  # case id → number


def auditor_recheck(stored: Stored) -> bool:
    """The module docstring's recipe, written from it alone: what an outside auditor would run."""
    prev = "0" * 64
    for position, row in enumerate(sorted(stored.rows, key=lambda r: r["seq"]), start=1):
        at = row["at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        fields = [row["seq"], row["id"], row["case_number"], at, row["actor_id"], row["action"]]
        fields += [row["article"], row["summary"], row["details"], prev]
        text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        case_id = row["case_id"]
        ok_link = row["seq"] == position and row["prev_hash"] == prev
        ok_case = case_id is None or stored.numbers[case_id] == row["case_number"]
        if not ok_link or not ok_case or hashlib.sha256(text.encode()).hexdigest() != row["hash"]:
            return False
        prev = row["hash"]
    return stored.head == len(stored.rows)


def stored_chain(svc: Services) -> Stored:
    with svc.uow(write=False) as uow:
        rows = [dict(r) for r in uow.session.execute(select(t.events)).mappings()]
        head = uow.session.execute(
            select(t.counters.c.value).where(t.counters.c.name == HEAD_COUNTER)
        ).scalar_one_or_none()
        numbers = dict(uow.session.execute(select(t.cases.c.id, t.cases.c.number)).all())
    return Stored(rows, head, numbers)


def register_one(world: World, content: str = "咨询事项") -> int:
    form = RegistrationForm(kind=Kind.CONSULTATION, content=content)
    return register(world.svc, world.clerk, form).case_id


def test_audit_trail_every_orm_event_is_chained_in_the_documented_form(world: World) -> None:
    case_id = register_one(world)
    handling.accept(world.svc, world.clerk, case_id)
    with world.svc.uow() as uow:  # UnitOfWork.log: an event no aggregate appends
        uow.log(world.admin, MOMENT, "probe", "登记簿变更", "RULES §5", case_id=case_id, n=1)
        uow.commit()
    stored = stored_chain(world.svc)
    rows = sorted(stored.rows, key=lambda r: r["id"])
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert {"register", "accept", "probe"} <= {r["action"] for r in rows}
    assert {r["case_number"] for r in rows if r["case_id"] == case_id} == {stored.numbers[case_id]}
    assert auditor_recheck(stored)
    assert verify_chain(world.svc, world.admin).ok


def test_audit_trail_core_inserts_go_through_the_chain(world: World) -> None:
    with world.svc.database.write_engine.begin() as connection:
        written = insert_events(
            connection,
            [
                {"action": "bulk", "at": MOMENT, "summary": "一", "details": {"k": [1, 2]}},
                {"action": "bulk", "at": MOMENT, "summary": "二", "actor_id": world.admin.user_id},
            ],
        )
    assert written == 2
    register_one(world)  # the ORM continues the chain the Core insert extended
    stored = stored_chain(world.svc)
    assert auditor_recheck(stored)
    assert verify_chain(world.svc, world.admin).ok


def test_audit_trail_details_are_hashed_as_they_read_back(world: World) -> None:
    # Integer keys come back as text and tuples as lists: the hash is of what is stored.
    with world.svc.uow() as uow:
        uow.log(world.admin, MOMENT, "probe", "细节", None, keyed={10: "a", 2: "b"}, pair=(1, 2))
        uow.commit()
    assert verify_chain(world.svc, world.admin).ok


def test_audit_trail_events_are_never_changed_or_deleted_through_the_orm(world: World) -> None:
    case_id = register_one(world)
    with world.svc.uow() as uow:
        event = uow.get_case(case_id).events[0]
        event.summary = "改过的摘要"
        with pytest.raises(RuntimeError, match="never changed"):
            uow.session.flush()
    with world.svc.uow() as uow:
        uow.session.delete(uow.get_case(case_id).events[0])
        with pytest.raises(RuntimeError, match="never changed"):
            uow.session.flush()
    assert verify_chain(world.svc, world.admin).ok


def test_audit_trail_a_rolled_back_savepoint_leaves_no_gap(world: World) -> None:
    # The work-order import registers each row in a savepoint and may roll one back.
    with world.svc.uow() as uow:
        with uow.session.begin_nested() as nested:
            uow.log(world.admin, MOMENT, "probe", "撤销的", None)
            uow.session.flush()
            nested.rollback()
        uow.log(world.admin, MOMENT, "probe", "保留的", None)
        uow.commit()
    stored = stored_chain(world.svc)
    assert [r["summary"] for r in stored.rows if r["action"] == "probe"] == ["保留的"]
    assert auditor_recheck(stored)


def test_audit_trail_a_hand_made_insert_without_the_chain_is_refused(world: World) -> None:
    with (
        pytest.raises(IntegrityError, match=r"(?i)not null|null value"),
        world.svc.database.write_engine.begin() as connection,
    ):
        connection.execute(
            insert(t.events).values(action="forged", at=MOMENT, summary="", details={})
        )


def test_audit_trail_migration_0008_chains_the_events_already_written(
    empty_db_url: str, tmp_path: Path
) -> None:
    database = open_database(empty_db_url)
    config = alembic_config()
    with database.write_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    assert current_revision(database) == "0007"
    # A 0007 database: events as every earlier version wrote them, some with a case, gaps in ids.
    old_users = table(
        "users",
        *(column(n) for n in ("id", "username", "display_name", "role", "password_hash")),
        column("active"),
        column("created_at", AwareDateTime()),
    )
    old_events = table(
        "events",
        *(column(n) for n in ("id", "case_id", "actor_id", "action", "article")),
        column("summary"),
        column("at", AwareDateTime()),
        column("details", JSON()),
    )
    with database.write_engine.begin() as connection:
        connection.execute(
            insert(old_users).values(
                id=1,
                username="admin",
                display_name="管理员",
                role="admin",
                password_hash="x",
                active=True,
                created_at=MOMENT,
            )
        )
        later = datetime(2025, 9, 27, 8, 30, 1, 500_000, tzinfo=SHANGHAI)
        connection.execute(
            insert(old_events),
            [
                dict(
                    id=1,
                    case_id=None,
                    actor_id=1,
                    action="create_user",
                    article=None,
                    summary="建用户",
                    at=MOMENT,
                    details={},
                ),
                dict(
                    id=2,
                    case_id=None,
                    actor_id=None,
                    action="setting",
                    article="RULES §5",
                    summary="改设置",
                    at=later,
                    details={"b": 2, "a": [1, "二"]},
                ),
                dict(
                    id=5,
                    case_id=None,
                    actor_id=1,
                    action="probe",
                    article=None,
                    summary="第三条",
                    at=later,
                    details={"x": None},
                ),
            ],
        )
    database.dispose()
    database = open_database(empty_db_url)
    upgrade(database)
    svc = Services(database, tmp_path / "data", clock=lambda: MOMENT)
    try:
        stored = stored_chain(svc)
        assert [(r["id"], r["seq"]) for r in stored.rows] == [(1, 1), (2, 2), (5, 3)]
        assert auditor_recheck(stored)
        with svc.uow() as uow:  # the next event continues the backfilled chain
            uow.log(ADMIN, MOMENT, "probe", "升级后", None)
            uow.commit()
        stored = stored_chain(svc)
        assert max(r["id"] for r in stored.rows) == 6 and stored.head == 4
        assert auditor_recheck(stored)
        report = verify_chain(svc, ADMIN)
        assert report.ok and report.events_checked == 4
    finally:
        svc.close()


def test_audit_trail_migration_0008_downgrades_without_losing_events(empty_db_url: str) -> None:
    database = open_database(empty_db_url)
    upgrade(database)
    with database.write_engine.begin() as connection:
        insert_events(connection, [{"action": "probe", "at": MOMENT, "summary": "留下"}])
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    with database.read_engine.connect() as connection:
        assert connection.execute(select(t.events.c.summary)).scalars().all() == ["留下"]
    upgrade(database)
    assert current_revision(database) is not None
    database.dispose()


def test_audit_trail_migration_0008_rechains_cases_written_before_it(world: World) -> None:
    # A database with real cases taken back to 0007 (the chain dropped), then upgraded again.
    case_id = register_one(world)
    handling.accept(world.svc, world.clerk, case_id)
    config = alembic_config()
    # A plain engine: SQLite's foreign keys off, as batch mode needs to copy referenced tables.
    plain = create_engine(world.svc.database.url)
    with plain.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    plain.dispose()
    upgrade(world.svc.database)
    stored = stored_chain(world.svc)
    assert auditor_recheck(stored)
    number = stored.numbers[case_id]
    assert {r["case_number"] for r in stored.rows if r["case_id"] == case_id} == {number}
    register_one(world)
    assert verify_chain(world.svc, world.admin).ok
