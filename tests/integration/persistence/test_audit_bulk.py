"""insert_events' SQLite path: the same canonical text and the same stored rows as Core's."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from app.persistence import tables as t
from app.persistence.audit import (
    chain_values,
    insert_events,
    lock_and_read_head,
    row_hash,
)
from app.persistence.database import open_database, sqlite_url
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI

MOMENT = datetime(2025, 9, 26, 10, 0, tzinfo=SHANGHAI)

# Texts an auditor's json.dumps escapes: quotes, backslashes, controls, CJK, astral characters.
TEXTS = ["", "受理", 'say "hi"\\', "tab\there\nline", "\x00\x1f\x7f", "表情😀", "é"]
DETAILS: list[Any] = [
    {},
    {"b": 1, "a": [1, 2, "三"], "c": {"z": None, "y": True, "x": False}},
    {"items": ["身份证复印件", "现场照片"], "unit_id": 3, "designated": False},
    {"keyed": {10: "a", 2: "b"}, "pair": (1, 2)},  # int keys and tuples: as they read back
    {"fine": 1.5, "big": 10**20, "negative": -7},
    None,
]


def reference_hash(row: dict[str, Any], prev: str) -> str:
    """The module docstring's recipe, verbatim."""
    fields = [
        row["seq"],
        row["id"],
        row["case_number"],
        row["at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        row["actor_id"],
        row["action"],
        row["article"],
        row["summary"],
        row["details"],
        prev,
    ]
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def test_row_hash_is_the_documented_recipe() -> None:
    prev = "0" * 64
    seq = 0
    for text in TEXTS:
        for details in DETAILS:
            for case_number, actor_id, article in (
                (None, None, None),
                ("JCZ01-20250926-0001", 2**40, text),
            ):
                seq += 1
                stored = json.loads(json.dumps(details or {}))
                row = {
                    "seq": seq,
                    "id": seq + 10,
                    "case_number": case_number,
                    "at": MOMENT + timedelta(microseconds=seq * 7919),
                    "actor_id": actor_id,
                    "action": text or "probe",
                    "article": article,
                    "summary": text,
                    "details": stored,
                }
                digest = row_hash(**row, prev_hash=prev)
                assert digest == reference_hash(row, prev)
                prev = digest


def events(case_id: int | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for n, (text, details) in enumerate((text, details) for text in TEXTS for details in DETAILS):
        row: dict[str, Any] = {
            "at": (MOMENT + timedelta(minutes=n, microseconds=n % 3)).astimezone(
                SHANGHAI if n % 2 else UTC
            ),
            "action": "probe",
            "summary": text,
        }
        if n % 3:
            row |= {"case_id": case_id, "actor_id": 1, "article": text or None}
        if n % 4:
            row["details"] = details
        rows.append(row)
    return rows


def core_insert_events(connection: Any, rows: list[dict[str, Any]]) -> None:
    """insert_events as it was: Core's insert with every value through the column types."""
    head = lock_and_read_head(connection)
    full = [{"case_id": None, "actor_id": None, "article": None, "details": {}, **r} for r in rows]
    chained = [{**f, **chain_values(connection, head, f)} for f in full]
    connection.execute(insert(t.events), chained)
    connection.execute(
        t.counters.update().where(t.counters.c.name == "audit_chain").values(value=head.seq)
    )


def stored(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        columns = [c[1] for c in connection.execute("PRAGMA table_info(events)")]
        typed = ", ".join(f"{c}, typeof({c})" for c in columns)
        return connection.execute(f"SELECT {typed} FROM events ORDER BY seq").fetchall()


@pytest.mark.parametrize("batches", [1, 3])
def test_insert_events_stores_what_core_stores(tmp_path: Path, batches: int) -> None:
    paths = []
    for name, write in (("core", core_insert_events), ("fast", insert_events)):
        path = tmp_path / f"{name}.db"
        database = open_database(sqlite_url(path))
        upgrade(database)
        with database.write_engine.begin() as connection:
            connection.execute(
                insert(t.users).values(
                    id=1,
                    username="admin",
                    display_name="管理员",
                    role="admin",
                    password_hash="x",
                    active=True,
                    created_at=MOMENT,
                )
            )
            connection.execute(
                insert(t.cases).values(
                    id=5,
                    number="JCZ01-20250926-0001",
                    query_code="ABC234",
                    kind="consultation",
                    priority="normal",
                    channel="walk_in",
                    profile_key="p",
                    state="registered",
                    received_at=MOMENT,
                    registered_by=1,
                    anonymous=True,
                    content="咨询",
                    missing_materials=[],
                )
            )
        rows = events(5)
        step = len(rows) // batches + 1
        for start in range(0, len(rows), step):
            with database.write_engine.begin() as connection:
                write(connection, rows[start : start + step])
        database.dispose()
        paths.append(path)
    core, fast = (stored(p) for p in paths)
    assert len(core) == len(events(5))
    assert fast == core
