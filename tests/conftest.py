"""Fixtures shared by the whole TownDesk test suite.

Sections:
  1. Environment — set before anything imports Qt.
  2. Databases — a real PostgreSQL server for the session, and an empty database per test on
     SQLite and on PostgreSQL (tests marked ``postgres`` need the server).
  3. Services — a migrated database with users of every role and two units, on a settable clock.
"""

from __future__ import annotations

import contextlib
import os
import shutil

# --- 1. Environment ---------------------------------------------------------------------------

# Headless Qt for every test; the caller never has to set it (an explicit value is kept).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pytest
from stdnum.cn import ric

from app.domain.users import Actor, Role
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI
from app.services import units, users
from app.services.context import Services
from app.services.units import Unit
from tests.pg_server import PostgresServer, PostgresUnavailable

# --- 2. Databases -----------------------------------------------------------------------------

SKIP_POSTGRES_ENV = "TOWNDESK_SKIP_POSTGRES"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server on 127.0.0.1 (free port, trust auth) for the whole session.

    Fails when PostgreSQL is not installed (``make test`` installs it), unless
    TOWNDESK_SKIP_POSTGRES=1, in which case the tests that need it are skipped.
    """
    if os.environ.get(SKIP_POSTGRES_ENV) == "1":
        pytest.skip(f"{SKIP_POSTGRES_ENV}=1: PostgreSQL tests skipped")
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as exc:
        unavailable = str(exc)
    else:
        unavailable = ""
    if unavailable:
        pytest.fail(unavailable, pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLAlchemy URL of a brand-new, empty database: a SQLite file, or a new PostgreSQL database
    (``t_<uuid>``, dropped with FORCE afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/towndesk.db"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.new_database() as url:
        yield url


# --- 3. Services ------------------------------------------------------------------------------


class Clock:
    """A settable clock for the services: tests move time, nothing sleeps."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, day: str, hour: int = 10, minute: int = 0) -> datetime:
        self.now = datetime.combine(date.fromisoformat(day), time(hour, minute), SHANGHAI)
        return self.now


@dataclass
class World:
    """A migrated database with one user per role and two handling units."""

    svc: Services
    clock: Clock
    admin: Actor
    supervisor: Actor
    clerk: Actor
    unit_a: Unit
    unit_b: Unit


@dataclass(frozen=True)
class Seed:
    """The users and units every world starts with (built once per backend, then copied)."""

    admin: Actor
    supervisor: Actor
    clerk: Actor
    unit_a: Unit
    unit_b: Unit


WORLD_START = datetime(2025, 9, 26, 9, 0, tzinfo=SHANGHAI)


def _seed(url: str, data_dir: Path) -> Seed:
    svc = Services.open(url, data_dir, clock=lambda: WORLD_START)
    try:
        upgrade(svc.database)
        admin = users.create_first_admin(svc, "admin", "管理员", "admin-pass-1")
        return Seed(
            admin=admin,
            supervisor=users.create_user(
                svc, admin, "lead", "王负责", Role.SUPERVISOR, "lead-pass-1"
            ),
            clerk=users.create_user(svc, admin, "clerk", "李窗口", Role.CLERK, "clerk-pass-1"),
            unit_a=units.add_unit(svc, admin, "CJB", "镇城建办", "陈主任", "0662-3312345"),
            unit_b=units.add_unit(svc, admin, "YJB", "镇应急管理办", "林主任"),
        )
    finally:
        svc.close()


@pytest.fixture(scope="session")
def sqlite_seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seed]:
    folder = tmp_path_factory.mktemp("seed")
    path = folder / "seed.db"
    return path, _seed(f"sqlite:///{path}", folder / "data")


@pytest.fixture(scope="session")
def postgres_seed(postgres_server: PostgresServer) -> tuple[str, Seed]:
    name = postgres_server.create_database()
    return name, _seed(postgres_server.url(name), Path("/nonexistent"))


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    """A migrated database with users and units, copied from a seed built once per backend."""
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            template, seed = request.getfixturevalue("sqlite_seed")
            shutil.copyfile(template, tmp_path / "towndesk.db")
            url = f"sqlite:///{tmp_path}/towndesk.db"
        else:
            server: PostgresServer = request.getfixturevalue("postgres_server")
            name, seed = request.getfixturevalue("postgres_seed")
            url = stack.enter_context(server.new_database(template=name))
        clock = Clock(WORLD_START)
        svc = Services.open(url, tmp_path / "data", clock=clock)
        stack.callback(svc.close)
        yield World(svc, clock, seed.admin, seed.supervisor, seed.clerk, seed.unit_a, seed.unit_b)


def valid_resident_id(body17: str) -> str:
    """A resident ID with a correct check character (stdnum ignores the last character given)."""
    return body17 + ric.calc_check_digit(body17 + "0")
