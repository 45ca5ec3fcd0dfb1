"""Backups and restore (issue 8): verified copies, N generations, refusal of damaged files, WAL."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.errors import PermissionDenied, ValidationError
from app.persistence import tables as t
from app.persistence.migrate import current_revision, head_revision, upgrade_with_backup
from app.persistence.types import SHANGHAI
from app.services import admin, backup, settings
from app.services.backup import BackupError
from app.services.context import Services
from tests.conftest import Clock, World
from tests.pg_server import PostgresServer, find_bin_dir


@pytest.fixture(autouse=True)
def pg_programs_of_the_test_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """pg_dump/pg_restore of the same installation tests/pg_server.py starts the server from."""
    try:
        bin_dir = find_bin_dir()
    except Exception:
        return
    if (bin_dir / "pg_dump").exists() and (bin_dir / "pg_restore").exists():
        monkeypatch.setenv(backup.PG_BIN_ENV, str(bin_dir))


def unit_count(svc: Services) -> int:
    with svc.uow(write=False) as uow:
        return int(uow.session.execute(select(func.count()).select_from(t.units)).scalar_one())


def events(svc: Services, action: str) -> list[tuple[int | None, str]]:
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(
            select(t.events.c.actor_id, t.events.c.summary).where(t.events.c.action == action)
        )
        return [(row[0], row[1]) for row in rows]


def reopen(world: World) -> Services:
    """The same database with fresh connections (a restore closes the old ones)."""
    return Services.open(world.svc.database.url, world.svc.data_dir, clock=world.clock)


def test_a_backup_is_verified_holds_the_same_rows_and_is_logged(world: World) -> None:
    svc = world.svc
    world.clock.set("2026-11-23", 18, 5)
    seen: list[tuple[int, int, str]] = []
    info = backup.backup_now(
        svc, world.admin, reason=backup.MANUAL, progress=lambda *a: seen.append(a)
    )
    assert info.verified and info.path.exists() and seen
    suffix = ".db" if svc.database.dialect == "sqlite" else ".dump"
    assert info.path.name == f"towndesk-20261123-180500-manual{suffix}"
    assert info.path.parent == svc.data_dir / "backups"
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    assert manifest["reason"] == "manual" and manifest["actor"]["username"] == "admin"
    assert manifest["created_at"] == "2026-11-23T18:05:00+08:00"
    assert manifest["sha256"] == backup.sha256_of(info.path)
    assert manifest["schema_revision"] == head_revision()
    assert manifest["row_counts"]["users"] == 3 and manifest["row_counts"]["units"] == 2
    assert events(svc, "backup") == [
        (world.admin.user_id, f"备份数据库（manual）：{info.path.name}")
    ]
    if svc.database.dialect == "sqlite":
        with sqlite3.connect(info.path) as copy:
            assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            names = {r[0] for r in copy.execute("SELECT username FROM users")}
        assert names == {"admin", "lead", "clerk"}
        assert not Path(f"{info.path}-wal").exists()
    assert backup.list_backups(svc) == [backup.read_backup(info.path)]
    assert backup.verify_backup(info.path).sha256 == info.sha256


def test_only_a_supervisor_or_administrator_backs_up_and_only_an_administrator_restores(
    world: World,
) -> None:
    with pytest.raises(PermissionDenied):
        backup.backup_now(world.svc, world.clerk, reason=backup.MANUAL)
    info = backup.backup_now(world.svc, world.supervisor, reason=backup.MANUAL)
    with pytest.raises(PermissionDenied):
        backup.restore(world.svc, info.path, world.supervisor)


def test_the_folder_setting_and_n_generations_are_kept(world: World, tmp_path: Path) -> None:
    svc = world.svc
    folder = tmp_path / "usb"
    folder.mkdir()
    admin.set_backup_dir(svc, world.admin, str(folder))
    backup.set_generations(svc, world.admin, 3)
    assert backup.generations(svc) == 3
    assert settings.get_setting(svc, backup.GENERATIONS_KEY) == 3
    with pytest.raises(ValidationError):
        backup.set_generations(svc, world.admin, 0)
    made = []
    for minute in range(5):
        world.clock.set("2026-11-23", 9, minute)
        made.append(backup.backup_now(svc, None, reason=backup.ON_EXIT))
    kept = backup.list_backups(svc)
    assert [b.path for b in kept] == [b.path for b in reversed(made[-3:])]
    assert all(not b.path.exists() and not b.manifest_path.exists() for b in made[:2])
    # Same second twice: a second name, not an overwrite.
    again = backup.backup_now(svc, None, reason=backup.ON_EXIT)
    assert again.path.name.endswith("-exit-2" + again.path.suffix)
    # The newest of each of the last 3 days stays even when many backups were made today.
    world.clock.set("2026-11-24", 9, 0)
    for minute in range(4):
        world.clock.set("2026-11-24", 9, minute)
        backup.backup_now(svc, None, reason=backup.ON_EXIT)
    days = [b.created_at.date().isoformat() for b in backup.list_backups(svc)]
    assert days == ["2026-11-24"] * 3 + ["2026-11-23"]


def test_a_failed_backup_deletes_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = world.svc
    backup.set_generations(svc, world.admin, 1)
    good = backup.backup_now(svc, None, reason=backup.DAILY)

    def broken(*args: object) -> None:
        raise BackupError("磁盘已满")

    monkeypatch.setattr(backup, "sha256_of", broken)
    world.clock.set("2026-11-23", 12)
    with pytest.raises(BackupError, match="磁盘已满"):
        backup.backup_now(svc, None, reason=backup.DAILY)
    assert backup.list_backups(svc) == [backup.read_backup(good.path)]
    assert sorted(p.name for p in good.path.parent.iterdir()) == sorted(
        [good.path.name, good.manifest_path.name]
    )


def test_restore_brings_back_deleted_data_and_leaves_a_before_restore_backup(
    world: World,
) -> None:
    svc = world.svc
    world.clock.set("2026-11-23", 9)
    info = backup.backup_now(svc, world.admin, reason=backup.MANUAL)
    with svc.uow() as uow:
        uow.session.execute(t.units.delete().where(t.units.c.code == "YJB"))
        uow.commit()
    assert unit_count(svc) == 1
    world.clock.set("2026-11-23", 10)
    result = backup.restore(svc, info.path, world.admin)
    assert result.before_restore is not None and result.before_restore.reason == "before-restore"
    assert result.before_restore.row_counts["units"] == 1
    again = reopen(world)
    try:
        assert unit_count(again) == 2
        # The restored database says it was restored (its own event, written after).
        assert [s for _, s in events(again, "restore")] == [f"从备份恢复数据库：{info.path.name}"]
        reasons = [b.reason for b in backup.list_backups(again)]
        assert reasons == ["before-restore", "manual"]
        # The before-restore copy holds the state that was replaced.
        back = backup.restore(again, result.before_restore.path, world.admin)
        assert back.restored.path == result.before_restore.path
    finally:
        again.close()
    third = reopen(world)
    try:
        assert unit_count(third) == 1
    finally:
        third.close()


def flip_bytes(path: Path, offset: int, count: int = 64) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        data = file.read(count)
        file.seek(offset)
        file.write(bytes(b ^ 0xFF for b in data))


def test_a_corrupted_backup_is_refused_and_nothing_changes(world: World) -> None:
    svc = world.svc
    info = backup.backup_now(svc, world.admin, reason=backup.MANUAL)
    flip_bytes(info.path, info.size // 2)
    with svc.uow() as uow:
        uow.session.execute(t.units.delete().where(t.units.c.code == "YJB"))
        uow.commit()
    before = backup.list_backups(svc)
    with pytest.raises(BackupError, match="校验值不符"):
        backup.restore(svc, info.path, world.admin)
    again = reopen(world)
    try:
        assert unit_count(again) == 1
        assert backup.list_backups(again) == before  # not even a before-restore copy
        assert events(again, "restore") == []
    finally:
        again.close()


def test_a_damaged_file_without_manifest_is_refused_by_its_own_check(
    world: World, tmp_path: Path
) -> None:
    info = backup.backup_now(world.svc, world.admin, reason=backup.MANUAL)
    loose = tmp_path / f"copied-by-hand{info.path.suffix}"
    shutil.copyfile(info.path, loose)
    assert backup.verify_backup(loose).verified is False  # accepted: a good file, no manifest
    if info.dialect == "sqlite":
        page = 4096
        with loose.open("r+b") as file:
            for number in range(2, loose.stat().st_size // page):
                file.seek(number * page)
                file.write(os.urandom(page // 2))
    else:
        with loose.open("r+b") as file:
            file.truncate(info.size // 3)
    with pytest.raises(BackupError, match=r"已损坏|不是可用的|无法读取"):
        backup.restore(world.svc, loose, world.admin)
    (tmp_path / "notes.db").write_text("not a database")
    with pytest.raises(BackupError):
        backup.verify_backup(tmp_path / "notes.db")


def test_a_backup_while_another_connection_writes_is_consistent(world: World) -> None:
    svc = world.svc
    stop = threading.Event()
    written = 0

    def writer() -> None:
        nonlocal written
        writer_svc = reopen(world)
        try:
            while not stop.is_set():
                with writer_svc.uow() as uow:
                    uow.session.execute(
                        t.counters.insert().values(name=f"load-{written}", value=written)
                    )
                    uow.session.execute(
                        t.settings.insert().values(key=f"load-{written}", value=written)
                    )
                    uow.commit()
                written += 1
        finally:
            writer_svc.close()

    # Enough pages that the copy takes several steps while the writer commits between them.
    with svc.uow() as uow:
        uow.session.execute(
            t.settings.insert(), [{"key": f"bulk-{i}", "value": "x" * 2000} for i in range(3000)]
        )
        uow.commit()
    with svc.uow(write=False) as uow:
        base = int(
            uow.session.execute(select(func.count()).select_from(t.settings)).scalar_one()
        ) - int(uow.session.execute(select(func.count()).select_from(t.counters)).scalar_one())
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written < 20:
            time.sleep(0.01)
        infos = [backup.backup_now(svc, None, reason=backup.MANUAL) for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert written > 20
    for info in infos:
        # Counters and settings move together in every commit: a torn copy would differ.
        assert info.row_counts["settings"] - info.row_counts["counters"] == base
        if info.dialect == "sqlite":
            with sqlite3.connect(info.path) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                count = copy.execute("SELECT count(*) FROM settings").fetchone()[0]
            assert count == info.row_counts["settings"]


def test_migration_takes_a_backup_first(empty_db_url: str, tmp_path: Path) -> None:
    from alembic import command

    from app.persistence.database import open_database
    from app.persistence.migrate import alembic_config

    database = open_database(empty_db_url)
    try:
        # A new, empty database has nothing to lose: no backup.
        assert upgrade_with_backup(database, tmp_path).backup is None
        config = alembic_config()
        with database.write_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007")
        assert current_revision(database) == "0007"
        result = upgrade_with_backup(database, tmp_path)
        assert result.before == "0007" and result.after == head_revision()
        assert result.backup is not None and result.backup.reason == "before-migration"
        assert result.backup.revision == "0007" and result.backup.verified
        svc = Services(database, tmp_path)
        assert [s for a, s in events(svc, "backup") if a is None] == [
            f"备份数据库（before-migration）：{result.backup.path.name}"
        ]
        # Up to date: no second backup.
        assert upgrade_with_backup(database, tmp_path).backup is None
        assert len(backup.list_backups(svc)) == 1
    finally:
        database.dispose()


def test_a_failed_backup_stops_the_migration(
    empty_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    from app.persistence.database import open_database
    from app.persistence.migrate import alembic_config

    database = open_database(empty_db_url)
    try:
        upgrade_with_backup(database, tmp_path)
        config = alembic_config()
        with database.write_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007")
        (tmp_path / "backups").write_text("a file where the folder should be")
        with pytest.raises(BackupError, match="数据库未升级"):
            upgrade_with_backup(database, tmp_path)
        assert current_revision(database) == "0007"
    finally:
        database.dispose()


def test_a_damaged_database_is_detected_and_restored_from_the_newest_good_backup(
    tmp_path: Path, sqlite_seed: tuple[Path, object]
) -> None:
    template, _ = sqlite_seed
    live = tmp_path / "towndesk.db"
    shutil.copyfile(template, live)
    url = f"sqlite:///{live}"
    assert backup.check_database(url) == []
    assert backup.check_database(f"sqlite:///{tmp_path}/new.db") == []
    clock = Clock(backup.datetime(2026, 11, 23, 8, 0, tzinfo=backup.SHANGHAI))
    svc = Services.open(url, tmp_path, clock=clock)
    good = backup.backup_now(svc, None, reason=backup.DAILY)
    svc.close()
    page = 4096
    with live.open("r+b") as file:
        for number in range(1, live.stat().st_size // page, 2):
            file.seek(number * page + 100)
            file.write(os.urandom(500))
    problems = backup.check_database(url)
    assert problems and "已损坏" in problems[0]
    advice = backup.damage_advice(url, tmp_path, problems)
    assert f"towndesk restore {good.path}" in advice
    assert backup.newest_good_backup(tmp_path / "backups") == backup.read_backup(good.path)
    result = backup.restore(url, good.path, None, data_dir=tmp_path)
    assert backup.check_database(url) == []
    assert result.before_restore is not None and result.before_restore.reason == "damaged"
    assert not result.before_restore.verified  # kept for investigation, never pruned
    svc = Services.open(url, tmp_path, clock=clock)
    try:
        assert unit_count(svc) == 2
        assert events(svc, "restore")[0][0] is None
        assert backup.newest_good_backup(backup.backup_folder(svc)) == backup.read_backup(good.path)
    finally:
        svc.close()


def test_backup_due_after_a_day(world: World) -> None:
    svc = world.svc
    assert backup.backup_due(svc)
    world.clock.set("2026-11-23", 9)
    backup.backup_now(svc, None, reason=backup.DAILY)
    world.clock.set("2026-11-24", 8, 59)
    assert not backup.backup_due(svc)
    world.clock.set("2026-11-24", 9, 0)
    assert backup.backup_due(svc)


def test_postgres_programs_missing_is_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(backup.PG_BIN_ENV, str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(backup.Path, "is_dir", lambda self: False)
    with pytest.raises(BackupError, match="找不到 PostgreSQL 的 pg_dump 程序"):
        backup.pg_program("pg_dump")


@pytest.mark.postgres
def test_the_test_server_installation_has_pg_dump_and_pg_restore(
    postgres_server: PostgresServer,
) -> None:
    assert (postgres_server.bin_dir / "pg_dump").exists()
    assert (postgres_server.bin_dir / "pg_restore").exists()
    assert backup.pg_program("pg_dump") == str(postgres_server.bin_dir / "pg_dump")


# ----- the check at start (issue 9) -----------------------------------------------------------


def test_issue_9_the_full_check_runs_before_opening_only_after_an_unclean_exit_or_a_long_gap(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/towndesk.db"
    monday = datetime(2026, 1, 19, 9, 0, tzinfo=SHANGHAI)
    # Never checked (a first start, or the first start of this version): check first.
    assert backup.start_check(url, tmp_path, monday) == backup.START_CHECK_NOW
    backup.record_check(url, tmp_path, monday)
    assert backup.start_check(url, tmp_path, monday + timedelta(hours=3)) == backup.START_CHECK_NONE
    tuesday = monday + timedelta(days=1, hours=1)
    assert backup.start_check(url, tmp_path, tuesday) == backup.START_CHECK_BACKGROUND
    assert backup.start_check(url, tmp_path, monday + timedelta(days=8)) == backup.START_CHECK_NOW
    # A session that did not end (crash, power cut) leaves its mark: check before opening.
    backup.begin_session(url, tmp_path)
    assert backup.start_check(url, tmp_path, tuesday) == backup.START_CHECK_NOW
    backup.end_session(url, tmp_path)
    assert backup.start_check(url, tmp_path, tuesday) == backup.START_CHECK_BACKGROUND
    # Another database in the same data folder has its own marks.
    other = f"sqlite:///{tmp_path}/other.db"
    assert backup.start_check(other, tmp_path, tuesday) == backup.START_CHECK_NOW
    # The server keeps PostgreSQL's files: nothing to check at start (see check_database).
    pg = "postgresql://desk:secret@localhost/towndesk"
    assert backup.start_check(pg, tmp_path, tuesday) == backup.START_CHECK_NONE


def test_issue_9_the_background_check_stops_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
        connection.executemany(
            "INSERT INTO t (text) VALUES (?)", ((f"row {i}" * 4,) for i in range(200_000))
        )
        connection.execute("CREATE INDEX t_text ON t (text)")
    url = f"sqlite:///{path}"
    assert backup.check_database(url, should_stop=lambda: False) == []
    with pytest.raises(backup.CheckStopped):
        backup.check_database(url, should_stop=lambda: True)
