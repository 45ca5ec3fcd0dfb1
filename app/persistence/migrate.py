"""Schema migrations: bring any database to the current schema through Alembic, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.persistence.database import Database

if TYPE_CHECKING:
    from app.services.backup import BackupInfo

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    with database.write_engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: Database) -> tuple[str | None, str | None]:
    """Migrate to head; returns (revision before, revision after)."""
    before = current_revision(database)
    config = alembic_config()
    with database.write_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, head_revision()


def needs_upgrade(database: Database) -> bool:
    return current_revision(database) != head_revision()


def known_revision(revision: str) -> bool:
    """True when this version's migrations know ``revision`` (a backup from a newer one is not)."""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str | None
    backup: BackupInfo | None  # the copy taken first; None when there was nothing to back up


def upgrade_with_backup(database: Database, data_dir: Path) -> UpgradeResult:
    """Migrate to head, always backing up first (DESIGN "Storage"; issue 8): what the GUI's
    start and ``towndesk db upgrade`` both call.

    Only a database that has tables and needs upgrading is copied (a new one has nothing to lose;
    an in-memory SQLite database has no file). A backup that fails stops the migration.
    """
    # Imported here: the services sit above persistence and import it at module level.
    from app.services import backup
    from app.services.context import Services

    if not needs_upgrade(database):
        revision = current_revision(database)
        return UpgradeResult(revision, revision, None)
    svc = Services(database, data_dir)
    taken = None
    if backup.can_back_up(database):
        try:
            # Not logged yet: the old schema's events table may lack columns the code writes.
            taken = backup.backup_now(svc, None, reason=backup.BEFORE_MIGRATION, record=False)
        except backup.BackupError as exc:
            raise backup.BackupError(
                f"升级数据库之前的备份没有成功，数据库未升级、未改动：{exc}"
            ) from exc
    before, after = upgrade(database)
    if taken is not None:
        backup.record_backup(svc, taken, None)
    return UpgradeResult(before, after, taken)
