"""Alembic environment: runs migrations on the connection TownDesk hands over."""

from __future__ import annotations

from alembic import context

from app.persistence.tables import is_mapped_object, metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through `towndesk db upgrade`")
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=is_mapped_object,
)
with context.begin_transaction():
    context.run_migrations()
