"""The audit chain (RULES §5, issue 8): each event row holds the sha256 of itself and the last.

Canonical form — what an auditor recomputes, with nothing but the standard library::

    import hashlib, json
    from datetime import UTC

    GENESIS = "0" * 64  # the prev_hash of the first event (seq 1)

    def row_hash(row, prev_hash):  # row: the event's columns, ``at`` aware (SQLite: naive UTC)
        fields = [
            row["seq"],                    # position in the chain: 1, 2, 3… without gaps
            row["id"],
            row["case_number"],            # its case's number, e.g. JCZ01-20250926-0001
            row["at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            row["actor_id"],               # null for the system
            row["action"],
            row["article"],                # null when no article applies
            row["summary"],
            row["details"],                # the JSON object as stored
            prev_hash,
        ]
        text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode("ascii")).hexdigest()

Walk the rows in ``seq`` order: each ``seq`` is one more than the last, each ``prev_hash`` is the
previous row's ``hash`` (GENESIS for the first), each ``hash`` is ``row_hash(row, prev_hash)``,
``case_id`` links to the case numbered ``case_number`` or is null (only once that case is deleted,
JY12345 art. 5: no case with that number remains), and the ``counters`` row named
``audit_chain`` holds the last ``seq`` (so a cut-off tail shows).

Every insert goes through here: ORM ``Event`` objects (aggregates' timelines, ``UnitOfWork.log``)
are chained by a mapper hook as they are flushed; Core inserts use ``insert_events``. Events are
never updated or deleted through the ORM (the hooks refuse). ``bulk_save_objects`` and ORM bulk
``insert(Event)`` bypass mapper hooks and must not be used for events.

Serialisation: the chain is extended under a lock held to commit, so two writers never fork it.
The lock is the ``audit_chain`` counter row, taken by an upsert (a row lock on PostgreSQL; on
SQLite the write transaction is already exclusive, ``BEGIN IMMEDIATE``), and the head is read
after it, in the same transaction; ``seq`` is unique besides, so a fork could not even be stored.
The head is read again at every flush, as a savepoint rolled back may have taken rows away.
Event ids are given here too (one more than the largest), so PostgreSQL's serial for events.id
is no longer used; a hand-made insert without the chain columns is refused (NOT NULL).

What it proves: an edit, deletion or insertion made in the database by hand breaks a link, and
``app.services.audit.verify_chain`` names the first. Anyone able to rewrite every later row and
the counter could forge a consistent chain: the head hash the verification prints, written down
outside the database, is what shows that later.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii
from typing import Any

from sqlalchemy import Connection, event, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapper, Session

from app.domain.events import Event
from app.persistence import tables as t
from app.persistence.batches import in_batches

GENESIS = "0" * 64
HEAD_COUNTER = "audit_chain"
_STATE = "audit_chain_head"


def canonical_at(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("naive datetime in an event")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stored_json(details: Any) -> Any:
    """The details as they read back from the JSON column (int keys become text, tuples lists)."""
    return json.loads(json.dumps(details))


# The canonical form's encoder, built once: json.dumps with these arguments builds one per call.
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode


def _canonical(value: Any) -> str:
    """One field as ``json.dumps(fields, …)`` writes it inside the list (module docstring)."""
    kind = type(value)
    if kind is str:
        return encode_basestring_ascii(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return _ENCODE(value)


def _reads_back_unchanged(value: Any) -> bool:
    """Whether ``stored_json(value)`` would give ``value`` again (text keys, no tuples): then the
    round trip through json can be skipped."""
    kind = type(value)
    if kind is dict:
        return all(type(k) is str and _reads_back_unchanged(v) for k, v in value.items())
    if kind is list:
        return all(_reads_back_unchanged(v) for v in value)
    return kind is str or kind is int or kind is bool or value is None


def _text(
    seq: int,
    id: int,
    case_number: str | None,
    at: str,
    actor_id: int | None,
    action: str,
    article: str | None,
    summary: str,
    details: str,
    prev_hash: str,
) -> str:
    """The canonical text from its fields, ``at`` and ``details`` already canonical: the same
    characters as the docstring's ``json.dumps(fields, …)`` (a test compares the two)."""
    return (
        f"[{_canonical(seq)},{_canonical(id)},{_canonical(case_number)},{_canonical(at)},"
        f"{_canonical(actor_id)},{_canonical(action)},{_canonical(article)},"
        f"{_canonical(summary)},{details},{_canonical(prev_hash)}]"
    )


def row_hash(
    *,
    seq: int,
    id: int,
    case_number: str | None,
    at: datetime,
    actor_id: int | None,
    action: str,
    article: str | None,
    summary: str,
    details: Any,
    prev_hash: str,
) -> str:
    """sha256 hex of the canonical form (module docstring); ``details`` as stored."""
    text = _text(
        seq,
        id,
        case_number,
        canonical_at(at),
        actor_id,
        action,
        article,
        summary,
        _ENCODE(details),
        prev_hash,
    )
    return hashlib.sha256(text.encode("ascii")).hexdigest()


@dataclass
class Head:
    """Where the chain ends: the next event gets ``seq + 1``, ``id`` above ``max_id``."""

    seq: int
    hash: str
    max_id: int
    numbers: dict[int, str] = field(default_factory=dict)  # case id → number, looked up once


def lock_and_read_head(connection: Connection) -> Head:
    """Take the chain's lock (held to commit), then read its head in the same transaction."""
    insert_ = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    c = t.counters.c
    # An upsert that changes nothing but locks the row on PostgreSQL (and creates it if absent);
    # readers are never blocked.
    connection.execute(
        insert_(t.counters)
        .values(name=HEAD_COUNTER, value=0)
        .on_conflict_do_update(index_elements=[c.name], set_={"value": c.value})
    )
    e = t.events.c
    last = connection.execute(select(e.seq, e.hash).order_by(e.seq.desc()).limit(1)).first()
    max_id = connection.execute(select(func.max(e.id))).scalar() or 0
    if last is None:
        return Head(0, GENESIS, max_id)
    return Head(int(last.seq), str(last.hash), int(max_id))


def _store_head(connection: Connection, head: Head) -> None:
    connection.execute(
        update(t.counters).where(t.counters.c.name == HEAD_COUNTER).values(value=head.seq)
    )


def _case_number(connection: Connection, head: Head, case_id: int | None) -> str | None:
    if case_id is None:
        return None
    if case_id not in head.numbers:
        number = connection.execute(
            select(t.cases.c.number).where(t.cases.c.id == case_id)
        ).scalar_one()
        head.numbers[case_id] = number
    return head.numbers[case_id]


def chain_values(connection: Connection, head: Head, values: Mapping[str, Any]) -> dict[str, Any]:
    """The chain columns of the next event after ``head`` (which moves on to it)."""
    head.seq += 1
    head.max_id += 1
    case_number = _case_number(connection, head, values.get("case_id"))
    digest = row_hash(
        seq=head.seq,
        id=head.max_id,
        case_number=case_number,
        at=values["at"],
        actor_id=values.get("actor_id"),
        action=values["action"],
        article=values.get("article"),
        summary=values["summary"],
        details=stored_json(values.get("details") or {}),
        prev_hash=head.hash,
    )
    chained = {
        "id": head.max_id,
        "seq": head.seq,
        "case_number": case_number,
        "prev_hash": head.hash,
        "hash": digest,
    }
    head.hash = digest
    return chained


def _prefetch_numbers(connection: Connection, head: Head, case_ids: Iterable[int | None]) -> None:
    """Look up the numbers of many cases in a few queries, not one query per case (a bulk load
    writes events for thousands of cases at once); ``_case_number`` finds them cached."""
    wanted = (i for i in case_ids if i is not None and i not in head.numbers)
    c = t.cases.c
    for chunk in in_batches(wanted):
        head.numbers.update(
            (int(i), str(n))
            for i, n in connection.execute(select(c.id, c.number).where(c.id.in_(chunk)))
        )


# Columns in the order of _SQLITE_INSERT; the caller gives the first seven, the chain the rest.
_NO_DETAILS: dict[str, Any] = {}  # never changed: the default of a row without details
_GIVEN = frozenset(("case_id", "at", "actor_id", "action", "article", "summary", "details"))
_SQLITE_INSERT = (
    "INSERT INTO events (case_id, at, actor_id, action, article, summary, details,"
    " id, seq, case_number, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _sqlite_row(connection: Connection, head: Head, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What ``chain_values`` and the column types (AwareDateTime: naive UTC text; JSON:
    ``json.dumps``) would write on SQLite, computed directly: Core's per-row bind handling costs
    more than the hashing at a million events (a test compares the stored rows)."""
    at: datetime = values["at"]
    if at.tzinfo is None:
        raise ValueError("naive datetime in an event")
    utc = at.astimezone(UTC).replace(tzinfo=None)
    # isoformat pads the year to four digits, strftime may not: below 1000 the recipe's own way.
    canonical = utc.isoformat("T", "microseconds") + "Z" if utc.year >= 1000 else canonical_at(at)
    details = values.get("details", _NO_DETAILS)
    if type(details) is dict and not details:
        stored = hashed = "{}"
    else:
        stored = json.dumps(details)
        plain = details or {}
        hashed = _ENCODE(plain if _reads_back_unchanged(plain) else stored_json(plain))
    head.seq += 1
    head.max_id += 1
    case_id = values.get("case_id")
    case_number = _case_number(connection, head, case_id)
    actor_id, action = values.get("actor_id"), values["action"]
    article, summary = values.get("article"), values["summary"]
    # _text, with the fields made here (two ints, the time's digits) written as they are.
    text = (
        f'[{head.seq},{head.max_id},{_canonical(case_number)},"{canonical}",'
        f"{_canonical(actor_id)},{_canonical(action)},{_canonical(article)},"
        f"{_canonical(summary)},{hashed},{_canonical(head.hash)}]"
    )
    digest = hashlib.sha256(text.encode("ascii")).hexdigest()
    row = (
        case_id,
        utc.isoformat(" ", "microseconds"),
        actor_id,
        action,
        article,
        summary,
        stored,
        head.max_id,
        head.seq,
        case_number,
        head.hash,
        digest,
    )
    head.hash = digest
    return row


def insert_events(connection: Connection, rows: Iterable[Mapping[str, Any]]) -> int:
    """Core's way to write events (case_id, at, actor_id, action, article, summary, details):
    chained like the ORM's. Returns how many were written."""
    head = lock_and_read_head(connection)
    given = list(rows)
    if not given:
        return 0
    if connection.dialect.name == "sqlite" and all(row.keys() <= _GIVEN for row in given):
        _prefetch_numbers(connection, head, (row.get("case_id") for row in given))
        connection.exec_driver_sql(
            _SQLITE_INSERT, [_sqlite_row(connection, head, row) for row in given]
        )
    else:
        # Every row the same keys (one executemany); the chain's own columns are ours to give.
        full_rows = [
            {"case_id": None, "actor_id": None, "article": None, "details": {}, **row}
            for row in given
        ]
        _prefetch_numbers(connection, head, (full["case_id"] for full in full_rows))
        chained = [{**full, **chain_values(connection, head, full)} for full in full_rows]
        connection.execute(insert(t.events), chained)
    _store_head(connection, head)
    return len(given)


# ----- the ORM hooks -----------------------------------------------------------------------------


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    # A fresh head per flush: a savepoint rolled back since the last one may have removed events.
    session.info.pop(_STATE, None)


def _before_insert(_mapper: Mapper[Any], connection: Connection, target: Event) -> None:
    # Runs after the owner's key is copied in (target.case_id), just before the INSERT.
    session = Session.object_session(target)
    info: dict[str, Any] = session.info if session is not None else {}
    head = info.get(_STATE)
    if head is None:
        head = info[_STATE] = lock_and_read_head(connection)
    chained = chain_values(
        connection,
        head,
        {
            "case_id": target.case_id,
            "at": target.at,
            "actor_id": target.actor_id,
            "action": target.action,
            "article": target.article,
            "summary": target.summary,
            "details": target.details,
        },
    )
    for key, value in chained.items():
        setattr(target, key, value)


def _after_flush(session: Session, _context: Any) -> None:
    head = session.info.pop(_STATE, None)
    if head is not None:
        _store_head(session.connection(), head)


def _refuse_change(_mapper: Mapper[Any], _connection: Connection, target: Event) -> None:
    raise RuntimeError(f"{target!r}: events are never changed or deleted (the audit chain)")


_installed = False


def install() -> None:
    """Idempotent: called by map_domain once Event is mapped."""
    global _installed
    if _installed:
        return
    _installed = True
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Event, "before_insert", _before_insert)
    event.listen(Event, "before_update", _refuse_change)
    event.listen(Event, "before_delete", _refuse_change)
