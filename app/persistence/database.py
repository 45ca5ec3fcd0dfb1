"""Engines and sessions: SQLite (WAL, foreign keys, busy timeout, immediate write locks) or PostgreSQL
(one writer at a time too, through a transaction-scoped advisory lock)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.errors import DomainError
from app.domain.search import index_tokens
from app.persistence.mapping import map_domain

BUSY_TIMEOUT_MS = 15_000
# The key of PostgreSQL's advisory lock that writers take (any constant no other program uses).
WRITER_LOCK_KEY = 0x70776E64  # "twnd"


class DatabaseBusy(DomainError):
    """Another counter held the database for longer than the busy timeout; nothing was saved."""

    def __init__(self) -> None:
        super().__init__(
            f"数据库正忙：另一个窗口正在保存，等了 {BUSY_TIMEOUT_MS // 1000} 秒仍未完成，"
            "刚才的操作没有保存。请稍后再试一次；如果一直如此，请检查是否有程序卡住。"
        )


# SQLite says "database is locked"; PostgreSQL's lock_timeout raises SQLSTATE 55P03.
_BUSY_SIGNS = ("database is locked", "database table is locked", "lock timeout", "55P03")


def is_busy(error: OperationalError) -> bool:
    """Whether the database refused because another writer held it past the busy timeout."""
    code = getattr(error.orig, "sqlstate", None)
    return code == "55P03" or any(sign in str(error.orig) for sign in _BUSY_SIGNS)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Let users write postgresql://… and get the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def register_functions(dbapi_connection: Any) -> None:
    """The SQL functions the schema's triggers call (migration 0011's search index): a connection
    without them can read but not write cases."""
    dbapi_connection.create_function("towndesk_grams", 1, _grams, deterministic=True)


def _grams(text: str | None) -> str:
    return index_tokens(text) if text else ""


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start (pysqlite's own
        # deferred BEGIN would upgrade to a write lock late and fail instead of waiting).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        register_functions(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the lock up front and waits its turn (busy timeout) behind another
        # counter; readers never block in WAL mode.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass
class Database:
    """The two session factories of one database: for reading and for writing."""

    url: str
    write_engine: Engine
    read_engine: Engine

    def __post_init__(self) -> None:
        self.write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(self.read_engine, expire_on_commit=False)
        if self.dialect == "postgresql":
            event.listen(self.write_sessions, "after_begin", _one_writer_at_a_time)

    @property
    def dialect(self) -> str:
        return self.write_engine.dialect.name

    def session(self, *, write: bool) -> Session:
        return (self.write_sessions if write else self.read_sessions)()

    def refresh_planner_statistics(self) -> None:
        """Let SQLite's planner know the tables' sizes (sqlite_stat1), sampled, so it is cheap: 23 ms
        on a million cases. Without them it guesses, and at that size it guessed a plan for the
        statistics' event query that read every accept and dispatch event (2.2 s instead of 0.9 s).
        PostgreSQL's autovacuum keeps its own statistics. Another writer holding the database
        only postpones this to the next close."""
        if self.dialect != "sqlite":
            return
        try:
            with self.write_engine.connect() as connection:
                raw = connection.connection.dbapi_connection
                assert raw is not None
                raw.execute("PRAGMA busy_timeout=200")
                raw.execute("PRAGMA analysis_limit=1000")
                raw.execute("ANALYZE")
                raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except (OperationalError, sqlite3.OperationalError):
            pass

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()


def _one_writer_at_a_time(_session: Session, _transaction: Any, connection: Any) -> None:
    """Writers on PostgreSQL queue like SQLite's BEGIN IMMEDIATE: a writer reads the case after
    the one before it has committed, so two counters acting on one case cannot both pass its
    state check (a lost update), and the audit chain's head is never contended. A township's
    write traffic is small; reads are not affected. The wait ends after the busy timeout, as on
    SQLite, and the service then tells the clerk the database is busy."""
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK_KEY})")


def open_database(url: str) -> Database:
    map_domain()
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        return Database(
            url, _sqlite_engine(url, immediate=True), _sqlite_engine(url, immediate=False)
        )
    engine = create_engine(url, pool_pre_ping=True)
    return Database(url, engine, engine)
