"""restrictions and deletions prepared by one user, approved by another; retention (issue 8)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Restrictions (YJ12345 art. 7) become proposals approved by a second user. Rows from before
    # were decided by one supervisor and took effect at once: they are kept as approved, with
    # the decider as their proposer too (the record says what happened, nothing invented).
    with op.batch_alter_table("restrictions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("proposed_by", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("reject_reason", sa.Text(), nullable=False, server_default="")
        )
    op.execute(
        "UPDATE restrictions SET state = 'approved', proposed_at = decided_at, "
        "proposed_by = decided_by"
    )
    with op.batch_alter_table("restrictions", schema=None) as batch_op:
        batch_op.alter_column("state", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column(
            "proposed_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.alter_column("proposed_by", existing_type=sa.Integer(), nullable=False)
        # A proposal has no period and no approver yet.
        batch_op.alter_column("starts_on", existing_type=sa.Date(), nullable=True)
        batch_op.alter_column("ends_on", existing_type=sa.Date(), nullable=True)
        batch_op.alter_column("decided_at", existing_type=sa.DateTime(timezone=True), nullable=True)
        batch_op.alter_column("decided_by", existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(
            batch_op.f("fk_restrictions_proposed_by_users"), "users", ["proposed_by"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_restrictions_state"), ["state"], unique=False)
        batch_op.create_check_constraint(
            "ck_restrictions_approved",
            "state <> 'approved' OR (starts_on IS NOT NULL AND ends_on IS NOT NULL"
            " AND decided_by IS NOT NULL AND decided_at IS NOT NULL)",
        )

    # Deletions after the retention period (JY12345 art. 5; RULES §5).
    op.create_table(
        "deletion_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_deletion_requests_requested_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_deletion_requests_decided_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_requests")),
    )
    with op.batch_alter_table("deletion_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deletion_requests_state"), ["state"], unique=False)

    op.create_table(
        "deletion_request_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("case_number", sa.String(length=40), nullable=False),
        sa.Column("retention_start", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["deletion_requests.id"],
            name=op.f("fk_deletion_request_cases_request_id_deletion_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_deletion_request_cases_case_id_cases"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_request_cases")),
        sa.UniqueConstraint(
            "request_id",
            "case_number",
            name="uq_deletion_request_cases_request_id_case_number",
        ),
    )
    with op.batch_alter_table("deletion_request_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deletion_request_cases_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_deletion_request_cases_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deletion_request_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deletion_request_cases_case_id"))
        batch_op.drop_index(batch_op.f("ix_deletion_request_cases_request_id"))
    op.drop_table("deletion_request_cases")
    with op.batch_alter_table("deletion_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deletion_requests_state"))
    op.drop_table("deletion_requests")

    # Proposals never approved had no effect; the old schema cannot hold them.
    op.execute("DELETE FROM restrictions WHERE state <> 'approved'")
    with op.batch_alter_table("restrictions", schema=None) as batch_op:
        batch_op.drop_constraint("ck_restrictions_approved", type_="check")
        batch_op.drop_index(batch_op.f("ix_restrictions_state"))
        batch_op.drop_constraint(
            batch_op.f("fk_restrictions_proposed_by_users"), type_="foreignkey"
        )
        batch_op.alter_column("decided_by", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "decided_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.alter_column("ends_on", existing_type=sa.Date(), nullable=False)
        batch_op.alter_column("starts_on", existing_type=sa.Date(), nullable=False)
        batch_op.drop_column("reject_reason")
        batch_op.drop_column("proposed_by")
        batch_op.drop_column("proposed_at")
        batch_op.drop_column("state")
