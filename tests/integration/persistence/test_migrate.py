"""The start's migration check (issue 9): decided without Alembic when the database is at head."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.persistence.database import open_database
from app.persistence.migrate import (
    at_head,
    head_revision,
    needs_upgrade,
    quick_head_revision,
    upgrade,
    upgrade_with_backup,
)

ROOT = Path(__file__).resolve().parents[3]


def test_the_head_read_from_the_revision_files_is_alembics() -> None:
    assert quick_head_revision() == head_revision()


def test_a_new_database_is_not_at_head_until_upgraded(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path}/towndesk.db")
    try:
        assert not at_head(database) and needs_upgrade(database)
        upgrade(database)
        assert at_head(database) and not needs_upgrade(database)
        result = upgrade_with_backup(database, tmp_path)
        assert result.before == result.after == head_revision() and result.backup is None
    finally:
        database.dispose()


def test_an_older_database_is_upgraded_through_alembic(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path}/towndesk.db")
    try:
        upgrade(database)
        with database.write_engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")
        assert not at_head(database)
    finally:
        database.dispose()


def test_an_up_to_date_database_opens_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/towndesk.db"
    database = open_database(url)
    upgrade(database)
    database.dispose()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.persistence.database import open_database\n"
        "from app.persistence.migrate import upgrade_with_backup\n"
        f"database = open_database({url!r})\n"
        f"upgrade_with_backup(database, Path({str(tmp_path)!r}))\n"
        "database.dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
