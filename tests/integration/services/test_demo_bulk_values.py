"""The bulk demo's plain executemany on SQLite stores what Core's executemany would have stored."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert, select

from app.calendar import WorkCalendar
from app.persistence import tables as t
from app.persistence.database import sqlite_url
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI
from app.services import demo
from app.services.context import Services
from app.services.demo_bulk import _TABLES, _Clock, _Encoder, build_bulk_demo

NOW = datetime(2026, 6, 15, 10, 30, tzinfo=SHANGHAI)


def test_bulk_rows_are_bound_as_core_binds_them(tmp_path: Path) -> None:
    path = tmp_path / "bulk.db"
    svc = Services.open(sqlite_url(path), tmp_path / "data", clock=lambda: NOW)
    try:
        upgrade(svc.database)
        build_bulk_demo(svc, cases=2_500, seed=5)
        with svc.database.write_engine.connect() as connection:
            # The build's own settings were put back (NORMAL, the default cache).
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
        dialect = svc.database.write_engine.dialect
        encoder = _Encoder(dialect)
        with svc.database.read_engine.connect() as connection, sqlite3.connect(path) as raw:
            for name in _TABLES:
                table = t.metadata.tables[name]
                columns = encoder.columns[name]
                # The values as the application reads them (aware datetimes, enums, lists)…
                rows = [
                    dict(r)
                    for r in connection.execute(
                        select(*(table.c[c] for c in columns)).order_by(*table.primary_key)
                    ).mappings()
                ]
                assert rows or name == "return_requests"
                # …bound by Core's own processors, by the encoder, and as stored in the file.
                compiled = insert(table).compile(dialect=dialect, column_keys=columns)
                processors: dict[str, Any] = compiled._bind_processors  # type: ignore[assignment]
                core = []
                for row in rows:
                    params = compiled.construct_params(row)
                    core.append(
                        tuple(
                            processors[c](params[c]) if c in processors else params[c]
                            for c in columns
                        )
                    )
                order = ", ".join(c.name for c in table.primary_key)
                stored = raw.execute(
                    f"SELECT {', '.join(columns)} FROM {name} ORDER BY {order}"
                ).fetchall()
                assert encoder.encode(name, rows) == core == stored, name
    finally:
        svc.close()


def test_bulk_clock_gives_the_demo_clocks_times() -> None:
    # The remembered calendar answers change nothing: same draws, same times, for every step.
    svc = SimpleNamespace(calendar=WorkCalendar())
    ours = _Clock(svc, 11, NOW)  # type: ignore[arg-type]
    theirs = demo._Clock(svc, 11, NOW)  # type: ignore[arg-type]
    draws = random.Random(4)
    start = datetime(2024, 9, 13, 8, 0, tzinfo=SHANGHAI)  # around the National Day holiday
    for _ in range(20_000):
        at = start + timedelta(minutes=draws.randrange(60 * 24 * 120), seconds=draws.randrange(60))
        lo = draws.randint(0, 300)
        hi = lo + draws.randint(0, 900)
        if draws.random() < 0.5:
            assert ours.office_later(at, lo, hi) == theirs.office_later(at, lo, hi)
        else:
            lo, hi = lo % 5, lo % 5 + draws.randint(0, 4)
            assert ours.days_later(at, lo, hi) == theirs.days_later(at, lo, hi)
    assert ours.rng.random() == theirs.rng.random()
