"""events chained by hash (issue 8: tamper-evident audit trail)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.persistence.audit import GENESIS, HEAD_COUNTER, row_hash
from app.persistence.types import AwareDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The events as this revision knows them (not tables.events, which later revisions may change).
_events = sa.table(
    "events",
    sa.column("id", sa.Integer()),
    sa.column("case_id", sa.Integer()),
    sa.column("at", AwareDateTime()),
    sa.column("actor_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("article", sa.String()),
    sa.column("summary", sa.Text()),
    sa.column("details", sa.JSON()),
    sa.column("seq", sa.BigInteger()),
    sa.column("case_number", sa.String()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)
_cases = sa.table("cases", sa.column("id", sa.Integer()), sa.column("number", sa.String()))
_counters = sa.table("counters", sa.column("name", sa.String()), sa.column("value", sa.Integer()))
_PAGE = 5_000


def _backfill(connection: sa.Connection) -> int:
    """Chain the events written so far in id order (their order of writing); returns the head."""
    e = _events.c
    seq, prev_hash, last_id = 0, GENESIS, 0
    while True:
        rows = connection.execute(
            sa.select(
                e.id,
                _cases.c.number,
                e.at,
                e.actor_id,
                e.action,
                e.article,
                e.summary,
                e.details,
            )
            .select_from(_events.outerjoin(_cases, _cases.c.id == e.case_id))
            .where(e.id > last_id)
            .order_by(e.id)
            .limit(_PAGE)
        ).all()
        if not rows:
            return seq
        chained = []
        for row in rows:
            seq += 1
            digest = row_hash(
                seq=seq,
                id=row.id,
                case_number=row.number,
                at=row.at,
                actor_id=row.actor_id,
                action=row.action,
                article=row.article,
                summary=row.summary,
                details=row.details,
                prev_hash=prev_hash,
            )
            chained.append(
                {
                    "b_id": row.id,
                    "seq": seq,
                    "case_number": row.number,
                    "prev": prev_hash,
                    "h": digest,
                }
            )
            prev_hash = digest
        connection.execute(
            _events.update()
            .where(e.id == sa.bindparam("b_id"))
            .values(
                seq=sa.bindparam("seq"),
                case_number=sa.bindparam("case_number"),
                prev_hash=sa.bindparam("prev"),
                hash=sa.bindparam("h"),
            ),
            chained,
        )
        last_id = rows[-1].id


def upgrade() -> None:
    # Added empty, filled, then made required (SQLite: batch mode copies the table each time).
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("case_number", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    head = _backfill(op.get_bind())
    op.execute(_counters.delete().where(_counters.c.name == HEAD_COUNTER))
    op.execute(_counters.insert().values(name=HEAD_COUNTER, value=head))

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_events_seq"), ["seq"])
        # JY12345 art. 5: a case deleted after retention keeps its trail (case_id becomes null).
        batch_op.drop_constraint(batch_op.f("fk_events_case_id_cases"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_events_case_id_cases"),
            "cases",
            ["case_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    # Events whose case was deleted stay, unlinked (case_id was always nullable): a downgrade
    # loses the chain, never the trail.
    op.execute(_counters.delete().where(_counters.c.name == HEAD_COUNTER))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_case_id_cases"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_events_case_id_cases"),
            "cases",
            ["case_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.drop_constraint(batch_op.f("uq_events_seq"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("case_number")
        batch_op.drop_column("seq")
