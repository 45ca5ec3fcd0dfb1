"""Schema migrations: bring any database to the current schema through Alembic, nothing else."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.persistence.database import Database

if TYPE_CHECKING:
    from alembic.config import Config

    from app.services.backup import BackupInfo

# Alembic is imported only when it has work to do: on the usual start the database is already
# at head, and importing Alembic (with its DDL modules) and its script directory cost ~0.2 s.

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The two lines every revision file starts with (script.py.mako): revision = "…", down_revision = …
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with database.write_engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def quick_head_revision() -> str | None:
    """The head read from the revision files' own ``revision``/``down_revision`` lines, without
    Alembic; None when they are not a plain reading (then only Alembic may say)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue  # __init__.py
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (ValueError, SyntaxError):
            return None
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple) and all(isinstance(d, str) for d in down):
            parents.update(down)  # a merge revision
        elif down is not None:
            return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stamped_revisions(database: Database) -> list[str] | None:
    """The rows of alembic_version as plain SQL; None when the table is not there (new file)."""
    try:
        with database.write_engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            return [str(row[0]) for row in rows]
    except SQLAlchemyError:
        return None


def at_head(database: Database) -> bool:
    """True when the database is certainly at this version's head, decided without Alembic:
    the one stamped revision equals the head read from the revision files. False means "ask
    Alembic" (it may still be at head, e.g. when the files cannot be read plainly)."""
    head = quick_head_revision()
    return head is not None and _stamped_revisions(database) == [head]


def upgrade(database: Database) -> tuple[str | None, str | None]:
    """Migrate to head; returns (revision before, revision after)."""
    from alembic import command

    before = current_revision(database)
    config = alembic_config()
    with database.write_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, head_revision()


def needs_upgrade(database: Database) -> bool:
    if at_head(database):
        return False
    return current_revision(database) != head_revision()


def known_revision(revision: str) -> bool:
    """True when this version's migrations know ``revision`` (a backup from a newer one is not)."""
    from alembic.script import ScriptDirectory

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

    if at_head(database):
        head = quick_head_revision()
        return UpgradeResult(head, head, None)
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
