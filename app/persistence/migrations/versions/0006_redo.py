"""redo (重办) requests and evaluation reason tags (YJ12345 art. 20; JY12345 art. 16, 17)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Evaluations recorded before this revision have no tags: an empty list.
    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tags", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )

    op.create_table(
        "redo_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("unit_fault", sa.Boolean(), nullable=True),
        sa.Column("instructions_not_followed", sa.Boolean(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("previous_due_date", sa.Date(), nullable=True),
        sa.Column("new_due_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_redo_requests_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_redo_requests_recorded_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_redo_requests_decided_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_redo_requests_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redo_requests")),
        sa.UniqueConstraint("case_id", "sequence", name="uq_redo_requests_case_sequence"),
    )
    with op.batch_alter_table("redo_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_redo_requests_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("redo_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_redo_requests_case_id"))
    op.drop_table("redo_requests")

    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.drop_column("tags")
