"""Migration 0011's search index: kept by triggers on both databases, the same tokens on both."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from app.domain.search import index_tokens, read_term
from app.persistence.database import open_database
from app.persistence.migrate import upgrade
from tests.conftest import World
from tests.pg_server import PostgresServer

TRICKY = [
    "菜市场噪音扰民",
    "３号楼ＫＴＶ，深夜噪音！",
    "路灯坏了。晚上看不见",
    "abc-123 def_456",
    "㐀㐁 豈更 車",  # CJK Extension A and compatibility ideographs (NFKC maps the latter)
    "ı ß é Ω 😀 ½",  # letters outside the set, an emoji, a fraction NFKC turns into 1⁄2
    "",
    "王",
]


@pytest.mark.postgres
def test_postgresql_computes_the_same_tokens_as_python(postgres_server: PostgresServer) -> None:
    with _migrated_once(postgres_server).connect() as connection:
        for sample in TRICKY:
            stored = connection.execute(text("SELECT towndesk_grams(:t)"), {"t": sample}).scalar()
            assert stored == index_tokens(sample), sample


@pytest.mark.postgres
@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40))
def test_postgresql_tokens_match_python_for_any_text(
    postgres_server: PostgresServer, sample: str
) -> None:
    with _migrated_once(postgres_server).connect() as connection:
        stored = connection.execute(text("SELECT towndesk_grams(:t)"), {"t": sample}).scalar()
    assert stored == index_tokens(sample)


_engines: dict[int, Engine] = {}


def _migrated_once(server: PostgresServer) -> Engine:
    """One migrated database for all of hypothesis' examples (fixtures are not per example)."""
    if id(server) not in _engines:
        database = open_database(server.url(server.create_database()))
        upgrade(database)
        _engines[id(server)] = database.read_engine
    return _engines[id(server)]


def test_deleting_a_case_removes_it_from_the_index(world: World) -> None:
    from app.domain.vocabulary import Kind
    from app.services import queries
    from app.services.queries import CaseFilter
    from app.services.registration import RegistrationForm, register

    case_id = register(
        world.svc,
        world.clerk,
        RegistrationForm(kind=Kind.CONSULTATION, content="咨询独生子女证办理"),
    ).case_id
    assert queries.case_ids(world.svc, CaseFilter(text="独生子女")) == [case_id]
    with world.svc.database.write_engine.begin() as connection:
        connection.execute(
            text("UPDATE events SET case_id = NULL WHERE case_id = :i"), {"i": case_id}
        )
        connection.execute(text("DELETE FROM cases WHERE id = :i"), {"i": case_id})
    assert queries.case_ids(world.svc, CaseFilter(text="独生子女")) == []
    query = read_term("独生子女")
    with world.svc.database.read_engine.connect() as connection:
        if world.svc.database.dialect == "sqlite":
            left = connection.execute(
                text("SELECT count(*) FROM case_search WHERE case_search MATCH :q"),
                {"q": query.fts5_query()},
            ).scalar()
        else:
            left = connection.execute(text("SELECT count(*) FROM case_search")).scalar()
    assert left == 0


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)  # PostgreSQL holds its own twin
def test_a_connection_without_the_function_can_read_but_not_write_cases(world: World) -> None:
    """Why every TownDesk connection registers ``towndesk_grams``: the triggers call it."""
    path = world.svc.database.url.removeprefix("sqlite:///")
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT count(*) FROM cases").fetchone() is not None
        with pytest.raises(sqlite3.OperationalError, match="towndesk_grams"):
            raw.execute("UPDATE cases SET content = content || '。'")
    finally:
        raw.close()


def test_a_very_long_content_is_saved_and_found_by_its_beginning(world: World) -> None:
    """A pasted text of 200,000 characters: on PostgreSQL the index keeps its first 16,383
    tokens (a tsvector's positions); the tokenizer is linear, so saving takes no time to speak of."""
    from app.domain.vocabulary import Kind
    from app.services import queries
    from app.services.queries import CaseFilter
    from app.services.registration import RegistrationForm, register

    content = "消防通道被占用" + "东" * 200_000
    case_id = register(
        world.svc, world.clerk, RegistrationForm(kind=Kind.CONSULTATION, content=content)
    ).case_id
    assert queries.case_ids(world.svc, CaseFilter(text="通道被占")) == [case_id]
