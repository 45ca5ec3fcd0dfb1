"""Migrations: the Alembic head builds exactly the schema the code maps, on both databases."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from app.persistence import tables as t
from app.persistence.audit import insert_events
from app.persistence.database import open_database
from app.persistence.migrate import current_revision, head_revision, needs_upgrade, upgrade
from app.persistence.types import SHANGHAI
from tests.conftest import World


def test_head_matches_the_mapped_schema(empty_db_url: str) -> None:
    database = open_database(empty_db_url)
    assert needs_upgrade(database)
    assert upgrade(database) == (None, head_revision())
    assert current_revision(database) == head_revision()
    assert upgrade(database) == (head_revision(), head_revision())  # idempotent
    with database.write_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": t.is_mapped_object})
        diffs = compare_metadata(context, t.metadata)
    database.dispose()
    assert diffs == []


def test_timestamps_come_back_aware_in_shanghai(empty_db_url: str) -> None:
    database = open_database(empty_db_url)
    upgrade(database)
    moment = datetime(2025, 9, 26, 1, 30, tzinfo=ZoneInfo("UTC"))
    with database.write_engine.begin() as connection:
        insert_events(connection, [{"action": "probe", "at": moment, "summary": ""}])
    with database.read_engine.connect() as connection:
        stored = connection.execute(select(t.events.c.at)).scalar_one()
    database.dispose()
    assert stored == moment
    assert stored.tzinfo == SHANGHAI and stored.hour == 9


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path: object) -> None:
    database = open_database(f"sqlite:///{tmp_path}/t.db")
    with database.read_engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 15000
    database.dispose()


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)  # PostgreSQL analyses by itself
def test_closing_the_services_leaves_planner_statistics_on_sqlite(world: World) -> None:
    """SQLite plans the statistics' queries by table sizes it learns from ANALYZE (sqlite_stat1):
    without them it chose a plan twice as slow on a million cases."""
    path = world.svc.database.url.removeprefix("sqlite:///")
    world.svc.close()
    with sqlite3.connect(path) as raw:
        tables = {row[0] for row in raw.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"units", "users"} <= tables  # ANALYZE leaves out empty tables
