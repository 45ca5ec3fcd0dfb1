"""work orders imported from the county hotline's workbooks (YJ12345 art. 10)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("archived_path", sa.String(length=300), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("already", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["users.id"], name=op.f("fk_import_batches_imported_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batches_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_import_batches_imported_at"), ["imported_at"], unique=False
        )

    op.create_table(
        "upstream_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.String(length=60), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("field_digests", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_upstream_orders_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_upstream_orders_batch_id_import_batches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upstream_orders")),
        sa.UniqueConstraint("order_number", name=op.f("uq_upstream_orders_order_number")),
    )
    with op.batch_alter_table("upstream_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_upstream_orders_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_upstream_orders_batch_id"), ["batch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("upstream_orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_upstream_orders_batch_id"))
        batch_op.drop_index(batch_op.f("ix_upstream_orders_case_id"))
    op.drop_table("upstream_orders")

    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batches_imported_at"))
        batch_op.drop_index(batch_op.f("ix_import_batches_sha256"))
    op.drop_table("import_batches")
