"""reward objections (申诉) against reward decisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # RULES §3: types written out as plain sa types like 0001 and 0002.
    op.create_table(
        "reward_objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(length=40), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("decision_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision_by", sa.Integer(), nullable=True),
        sa.Column("decision_summary", sa.Text(), nullable=False),
        sa.Column("window_due", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.Integer(), nullable=True),
        sa.Column("review_reasons", sa.Text(), nullable=False),
        sa.Column("new_total_fen", sa.BigInteger(), nullable=True),
        sa.Column("review_article", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["reward_claims.id"],
            name=op.f("fk_reward_objections_claim_id_reward_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decision_by"], ["users.id"], name=op.f("fk_reward_objections_decision_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["received_by"], ["users.id"], name=op.f("fk_reward_objections_received_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by"], ["users.id"], name=op.f("fk_reward_objections_reviewed_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_objections")),
    )
    with op.batch_alter_table("reward_objections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reward_objections_claim_id"), ["claim_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reward_objections_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reward_objections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reward_objections_state"))
        batch_op.drop_index(batch_op.f("ix_reward_objections_claim_id"))
    op.drop_table("reward_objections")
