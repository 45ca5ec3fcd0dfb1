"""fire-hazard tip-off rewards: claims, shares, claim deadlines, exclusion register

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:29:24.690372
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Drafted by autogenerate, types written out as plain sa types like 0001.
    op.create_table(
        "exclusion_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deactivated_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["users.id"], name=op.f("fk_exclusion_entries_added_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["deactivated_by"], ["users.id"], name=op.f("fk_exclusion_entries_deactivated_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exclusion_entries")),
        sa.UniqueConstraint("id_number", name=op.f("uq_exclusion_entries_id_number")),
    )
    op.create_table(
        "reporter_relatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("relationship", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=40), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_reporter_relatives_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_reporter_relatives_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporter_relatives")),
        sa.UniqueConstraint(
            "person_id", "id_number", name="uq_reporter_relatives_person_id_number"
        ),
    )
    with op.batch_alter_table("reporter_relatives", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reporter_relatives_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "reward_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("verification", sa.JSON(), nullable=True),
        sa.Column("ineligibility", sa.JSON(), nullable=False),
        sa.Column("review_flag", sa.Boolean(), nullable=False),
        sa.Column("computation", sa.JSON(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_method", sa.String(length=40), nullable=True),
        sa.Column("collect_by", sa.JSON(), nullable=True),
        sa.Column("objection_due", sa.JSON(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_reward_claims_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_reward_claims_decided_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_claims")),
        sa.UniqueConstraint("case_id", name=op.f("uq_reward_claims_case_id")),
    )
    with op.batch_alter_table("reward_claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reward_claims_decided_at"), ["decided_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reward_claims_state"), ["state"], unique=False)

    op.create_table(
        "reward_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("capped", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("identity_checked_by", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_by", sa.Integer(), nullable=True),
        sa.Column("payment_method", sa.String(length=40), nullable=True),
        sa.Column("voucher_number", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_reward_shares_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["reward_claims.id"],
            name=op.f("fk_reward_shares_claim_id_reward_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["identity_checked_by"],
            ["users.id"],
            name=op.f("fk_reward_shares_identity_checked_by_users"),
        ),
        sa.ForeignKeyConstraint(
            ["paid_by"], ["users.id"], name=op.f("fk_reward_shares_paid_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_reward_shares_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_shares")),
        sa.UniqueConstraint("claim_id", "person_id", name="uq_reward_shares_claim_person"),
    )
    with op.batch_alter_table("reward_shares", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reward_shares_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reward_shares_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claim_id", sa.Integer(), nullable=True))
        batch_op.alter_column("case_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index(batch_op.f("ix_deadlines_claim_id"), ["claim_id"], unique=False)
        batch_op.create_unique_constraint("uq_deadlines_claim_kind", ["claim_id", "kind"])
        batch_op.create_foreign_key(
            batch_op.f("fk_deadlines_claim_id_reward_claims"),
            "reward_claims",
            ["claim_id"],
            ["id"],
            ondelete="CASCADE",
        )
        # A clock belongs to a case or to a reward claim, never both and never neither.
        batch_op.create_check_constraint(
            "ck_deadlines_one_owner", "(case_id IS NULL) <> (claim_id IS NULL)"
        )


def downgrade() -> None:
    # Drafted by autogenerate, types written out as plain sa types like 0001.
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_constraint("ck_deadlines_one_owner", type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_deadlines_claim_id_reward_claims"), type_="foreignkey"
        )
        batch_op.drop_constraint("uq_deadlines_claim_kind", type_="unique")
        batch_op.drop_index(batch_op.f("ix_deadlines_claim_id"))
        batch_op.alter_column("case_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("claim_id")

    with op.batch_alter_table("reward_shares", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reward_shares_person_id"))
        batch_op.drop_index(batch_op.f("ix_reward_shares_claim_id"))

    op.drop_table("reward_shares")
    with op.batch_alter_table("reward_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reward_claims_state"))
        batch_op.drop_index(batch_op.f("ix_reward_claims_decided_at"))

    op.drop_table("reward_claims")
    with op.batch_alter_table("reporter_relatives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporter_relatives_person_id"))

    op.drop_table("reporter_relatives")
    op.drop_table("exclusion_entries")
