"""Fixtures shared by the whole TownDesk test suite.

Sections:
  1. Environment — set before anything imports Qt.
  2. Databases — a real PostgreSQL server for the session, and an empty database per test on
     SQLite and on PostgreSQL (tests marked ``postgres`` need the server).
"""

from __future__ import annotations

import os

# --- 1. Environment ---------------------------------------------------------------------------

# Headless Qt for every test; the caller never has to set it (an explicit value is kept).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

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
