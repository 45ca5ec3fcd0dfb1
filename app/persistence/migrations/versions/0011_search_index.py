"""search index over the cases' text: FTS5 on SQLite, tsvector + GIN on PostgreSQL (issue 9)

The tokens are those of ``app.domain.search.index_tokens`` (bigrams of word-character runs plus
each run's last character). SQLite computes them with ``towndesk_grams``, a Python function that
every TownDesk connection registers (app/persistence/database.py); PostgreSQL with the PL/pgSQL
twin below, which a test checks against the Python one. Triggers keep the index in step with every
way a case is written, deleted or corrected, so no service has to remember it.

A later migration that rebuilds ``cases`` with ``batch_alter_table`` on SQLite drops these
triggers with the old table and must create them again (``create_sqlite_triggers``).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24 01:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_TEXT = "{row}.content || ' ' || {row}.reported_unit_name"

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER case_search_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_search (rowid, grams)
        VALUES (new.id, towndesk_grams({_TEXT.format(row="new")}));
    END""",
    f"""CREATE TRIGGER case_search_delete AFTER DELETE ON cases BEGIN
        INSERT INTO case_search (case_search, rowid, grams)
        VALUES ('delete', old.id, towndesk_grams({_TEXT.format(row="old")}));
    END""",
    f"""CREATE TRIGGER case_search_update AFTER UPDATE OF content, reported_unit_name ON cases
    BEGIN
        INSERT INTO case_search (case_search, rowid, grams)
        VALUES ('delete', old.id, towndesk_grams({_TEXT.format(row="old")}));
        INSERT INTO case_search (rowid, grams)
        VALUES (new.id, towndesk_grams({_TEXT.format(row="new")}));
    END""",
)

# Word characters: ASCII digits and capitals (after the ASCII-only upper-casing), CJK Extension A,
# CJK Unified Ideographs, CJK Compatibility Ideographs — app.domain.search.WORD_RANGES.
_PG_WORD = "0-9A-Z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A tsvector holds positions up to 16,383 (and at most 1 MB): a longer text is searchable by its
# first 16,383 tokens on PostgreSQL; SQLite's index has no such limit.
PG_MAX_POSITIONS = 16_383

PG_FUNCTIONS = (
    # Each character followed by the next one of its run (alone at the run's end), in order. Set
    # based, so it stays linear: appending to an array or taking substr(run, i, 2) in a loop is
    # quadratic, and a million-character content kept one registration busy for half an hour.
    f"""CREATE FUNCTION towndesk_grams(source text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(token, ' ' ORDER BY run_no, pos), '')
        FROM (
            SELECT r.run_no, c.pos,
                   c.ch || coalesce(lead(c.ch) OVER (PARTITION BY r.run_no ORDER BY c.pos), '')
                       AS token
            FROM regexp_matches(
                     translate(normalize(source, NFKC),
                               'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
                     '([{_PG_WORD}]+)', 'g') WITH ORDINALITY AS r(m, run_no)
            CROSS JOIN LATERAL regexp_split_to_table(r.m[1], '') WITH ORDINALITY AS c(ch, pos)
        ) AS tokens
    $$""",
    # Positions written out and cast, so no text-search parser (nor locale) splits the tokens.
    f"""CREATE FUNCTION towndesk_search_vector(source text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(string_agg('''' || token || ''':' || position, ' '), '')::tsvector
        FROM unnest(string_to_array(nullif(towndesk_grams(source), ''), ' '))
             WITH ORDINALITY AS t(token, position)
        WHERE position <= {PG_MAX_POSITIONS}
    $$""",
    f"""CREATE FUNCTION case_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO case_search (case_id, grams)
        VALUES (new.id, towndesk_search_vector({_TEXT.format(row="new")}))
        ON CONFLICT (case_id) DO UPDATE SET grams = excluded.grams;
        RETURN NULL;
    END $$""",
)


def create_sqlite_triggers() -> None:
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Contentless: only the index is stored (about 85 MB for a million cases of demo text);
        # full detail keeps token positions for phrase queries; no column sizes (no ranking).
        op.execute("CREATE VIRTUAL TABLE case_search USING fts5(grams, content='', columnsize=0)")
        op.execute(
            "INSERT INTO case_search (rowid, grams) "
            f"SELECT id, towndesk_grams({_TEXT.format(row='cases')}) FROM cases"
        )
        create_sqlite_triggers()
    else:
        for statement in PG_FUNCTIONS:
            op.execute(statement)
        op.execute(
            "CREATE TABLE case_search (case_id integer PRIMARY KEY "
            "REFERENCES cases (id) ON DELETE CASCADE, grams tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_case_search_grams ON case_search USING gin (grams)")
        op.execute(
            "INSERT INTO case_search (case_id, grams) "
            f"SELECT id, towndesk_search_vector({_TEXT.format(row='cases')}) FROM cases"
        )
        op.execute(
            "CREATE TRIGGER case_search_sync AFTER INSERT OR UPDATE OF content, "
            "reported_unit_name ON cases FOR EACH ROW EXECUTE FUNCTION case_search_sync()"
        )
    # Names, phones and ID numbers are matched inside (a surname, the last digits of a phone): one
    # narrow index that a LIKE scans instead of the persons table.
    op.create_index("ix_persons_search", "persons", ["name", "phone", "doc_number"])


def downgrade() -> None:
    op.drop_index("ix_persons_search", table_name="persons")
    if op.get_bind().dialect.name == "sqlite":
        for name in ("case_search_insert", "case_search_delete", "case_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS case_search")
    else:
        op.execute("DROP TRIGGER IF EXISTS case_search_sync ON cases")
        op.execute("DROP TABLE IF EXISTS case_search")
        for name in ("case_search_sync()", "towndesk_search_vector(text)", "towndesk_grams(text)"):
            op.execute(f"DROP FUNCTION IF EXISTS {name}")
