"""Proves the database fixtures: each ``empty_db_url`` is a fresh, writable database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.pg_server import PostgresServer


def test_empty_db_url_is_empty_and_writable(empty_db_url: str) -> None:
    engine = sa.create_engine(empty_db_url)
    try:
        assert sa.inspect(engine).get_table_names() == []
        metadata = sa.MetaData()
        notes = sa.Table(
            "notes",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("text", sa.String(100), nullable=False),
        )
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(notes.insert(), [{"text": "受理"}, {"text": "办结"}])
        with engine.connect() as conn:
            rows = conn.execute(sa.select(notes.c.text).order_by(notes.c.id)).scalars().all()
        assert rows == ["受理", "办结"]
    finally:
        engine.dispose()


def test_server_matches_backend(empty_db_url: str) -> None:
    engine = sa.create_engine(empty_db_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                version = conn.execute(sa.text("SELECT version()")).scalar_one()
                assert "PostgreSQL" in version
            else:
                assert engine.dialect.name == "sqlite"
                assert conn.execute(sa.text("SELECT sqlite_version()")).scalar_one()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_each_test_gets_its_own_postgres_database(postgres_server: PostgresServer) -> None:
    with postgres_server.new_database() as first, postgres_server.new_database() as second:
        assert first != second
        assert first.startswith(
            f"postgresql+psycopg://postgres@127.0.0.1:{postgres_server.port}/t_"
        )
    engine = sa.create_engine(postgres_server.url())
    try:
        with engine.connect() as conn:
            names = conn.execute(sa.text("SELECT datname FROM pg_database")).scalars().all()
        assert first.rsplit("/", 1)[1] not in names
        assert second.rsplit("/", 1)[1] not in names
    finally:
        engine.dispose()
