"""Backups and restore: verified copies of the database, kept N generations (issue 8; JY12345 art. 5).

A backup is written under a temporary name in the backup folder, verified, and only then renamed
to ``towndesk-YYYYMMDD-HHMMSS-<reason>.db`` (``.dump`` on PostgreSQL) with a JSON manifest beside
it (``.json``: time, reason, who, row counts, sha256, schema revision). Records must survive at
least two years (JY12345 art. 5); a backup that was not verified is never kept, and a failed
backup never deletes an older one.

SQLite: the online backup API from a connection that holds one read transaction (WAL), so the
row counts and the copied pages come from the same snapshot while other counters keep working.
PostgreSQL: ``pg_dump -Fc --snapshot`` of a REPEATABLE READ transaction that exported its snapshot
and counted the rows in it; verified with ``pg_restore --list``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from app.domain.errors import DomainError, ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor
from app.persistence.database import Database, normalise_url, open_database
from app.persistence.types import SHANGHAI
from app.services import admin, settings
from app.services.context import Services

log = logging.getLogger(__name__)

GENERATIONS_KEY = "backup_generations"
DEFAULT_GENERATIONS = 10
MAX_GENERATIONS = 365
PREFIX = "towndesk-"
MANIFEST_FORMAT = "towndesk-backup/1"
# An environment variable naming the folder of pg_dump/pg_restore when they are not on PATH.
PG_BIN_ENV = "TOWNDESK_PG_BIN"

MANUAL = "manual"
ON_EXIT = "exit"
DAILY = "daily"
BEFORE_MIGRATION = "before-migration"
BEFORE_RESTORE = "before-restore"
# A raw copy of a damaged database kept before a restore replaces it (never verified, never pruned).
DAMAGED = "damaged"
REASONS = (MANUAL, ON_EXIT, DAILY, BEFORE_MIGRATION, BEFORE_RESTORE, DAMAGED)

_NAME = re.compile(r"^towndesk-(\d{8})-(\d{6})-([a-z-]+?)(?:-(\d+))?\.(db|dump)$")
# SQLite copies this many pages per step: progress for a big file, short locks for a small one.
_PAGES_PER_STEP = 1024

Progress = Callable[[int, int, str], None]
"""``progress(done, total, text)``, the shape ``ui.background``'s ``report`` has."""


def no_progress(done: int, total: int, text: str) -> None:
    """The default progress: nobody is watching."""


class BackupError(DomainError):
    """A backup or restore that could not be made or verified; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what its manifest says about it."""

    path: Path
    created_at: datetime
    reason: str
    size: int
    verified: bool
    dialect: str
    actor: str | None = None  # display name of the user who asked; None = automatic
    row_counts: dict[str, int] = field(default_factory=dict)
    sha256: str | None = None
    revision: str | None = None
    seconds: float | None = None

    @property
    def manifest_path(self) -> Path:
        return manifest_path(self.path)

    @property
    def rows(self) -> int:
        return sum(self.row_counts.values())


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the file brought back, and the safety copy of what it replaced."""

    restored: BackupInfo
    before_restore: BackupInfo | None
    revision: str | None


def manifest_path(path: Path) -> Path:
    return path.with_suffix(".json")


# ----- settings -------------------------------------------------------------------------------


def backup_folder(svc: Services) -> Path:
    """The folder the administrator chose, else ``backups/`` in the data folder."""
    chosen = admin.backup_dir(svc)
    return Path(chosen) if chosen else svc.data_dir / "backups"


def generations(svc: Services) -> int:
    value = settings.get_setting(svc, GENERATIONS_KEY)
    try:
        return max(1, int(value)) if value is not None else DEFAULT_GENERATIONS
    except (TypeError, ValueError):
        return DEFAULT_GENERATIONS


def set_generations(svc: Services, actor: Actor, count: int) -> None:
    actor.require(Action.MANAGE_SETTINGS)
    if not 1 <= count <= MAX_GENERATIONS:
        raise ValidationError(
            GENERATIONS_KEY, f"保留份数应在 1 到 {MAX_GENERATIONS} 之间，请重新填写。"
        )
    settings.set_setting(svc, actor, GENERATIONS_KEY, count)


# ----- making a backup ------------------------------------------------------------------------


def backup_now(
    svc: Services,
    actor: Actor | None,
    *,
    reason: str,
    progress: Progress = no_progress,
    record: bool = True,
) -> BackupInfo:
    """Copy the database into the backup folder, verify the copy, keep N generations.

    ``actor`` None means an automatic backup (on exit, daily, before a migration or a restore).
    ``record`` False leaves the event out (the caller logs it once the schema is current).
    """
    if actor is not None:
        actor.require(Action.BACKUP)
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backup_folder(svc)
    keep = generations(svc)
    info = make_backup(
        svc.database, folder, reason=reason, now=svc.now(), actor=actor, progress=progress
    )
    prune(folder, keep)
    if record:
        record_backup(svc, info, actor)
    return info


def make_backup(
    database: Database,
    folder: Path,
    *,
    reason: str,
    now: datetime,
    actor: Actor | None,
    progress: Progress = no_progress,
) -> BackupInfo:
    """The copy, its verification and its manifest; nothing is pruned or logged here."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            f"无法创建备份文件夹 {folder}：{exc.strerror or exc}。请在 设置›备份 中选择一个可写的文件夹。"
        ) from exc
    _remove_stale_partials(folder)
    dialect = database.dialect
    final = _free_name(folder, now, reason, ".db" if dialect == "sqlite" else ".dump")
    partial = folder / f".{final.name}.partial"
    started = time.perf_counter()
    try:
        if dialect == "sqlite":
            try:
                counts, revision = _sqlite_backup(_sqlite_file(database.url), partial, progress)
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                raise BackupError(
                    f"读取数据库时出错（{exc}），备份未完成。数据库可能已损坏，请关闭程序后重新"
                    "启动：启动时会检查数据库，并提供用最近的备份恢复。"
                ) from exc
        elif dialect == "postgresql":
            counts, revision = _pg_backup(database, partial, progress)
        else:
            raise BackupError(f"不支持备份这种数据库：{dialect}")
        progress(1, 1, "正在计算校验值……")
        digest = sha256_of(partial)
        os.replace(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    info = BackupInfo(
        path=final,
        created_at=now.astimezone(SHANGHAI),
        reason=reason,
        size=final.stat().st_size,
        verified=True,
        dialect=dialect,
        actor=actor.display_name if actor else None,
        row_counts=counts,
        sha256=digest,
        revision=revision,
        seconds=round(time.perf_counter() - started, 3),
    )
    _write_manifest(info, actor)
    log.info("backup %s verified (%d rows, %d bytes)", final, info.rows, info.size)
    return info


def record_backup(svc: Services, info: BackupInfo, actor: Actor | None) -> None:
    """The backup on the audit trail (RULES §5: every change, and who asked for it)."""
    with svc.uow() as uow:
        summary = f"备份数据库（{info.reason}）：{info.path.name}"
        details = {
            "file": str(info.path),
            "reason": info.reason,
            "rows": info.rows,
            "sha256": info.sha256,
            "size": info.size,
        }
        _log(uow.session, uow.log, actor, svc.now(), "backup", summary, details)
        uow.commit()


def _log(
    session: Any,
    log_fn: Callable[..., None],
    actor: Actor | None,
    now: datetime,
    action: str,
    summary: str,
    details: dict[str, Any],
) -> None:
    # UnitOfWork.log needs a user; an automatic backup has none, so it writes the same event
    # with no actor (the audit trail still shows it happened, and when).
    if actor is not None:
        log_fn(actor, now, action, summary, "JY12345 art. 5", **details)
    else:
        session.add(
            Event(
                action=action,
                at=now,
                actor_id=None,
                summary=summary,
                article="JY12345 art. 5",
                details={k: v for k, v in details.items() if v is not None},
            )
        )


def _free_name(folder: Path, now: datetime, reason: str, suffix: str) -> Path:
    stamp = now.astimezone(SHANGHAI).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{PREFIX}{stamp}-{reason}{suffix}"
    number = 2
    while path.exists() or manifest_path(path).exists():
        path = folder / f"{PREFIX}{stamp}-{reason}-{number}{suffix}"
        number += 1
    return path


def _remove_stale_partials(folder: Path) -> None:
    # A backup interrupted by a crash leaves its temporary file; one a day old is nobody's.
    cutoff = time.time() - 86_400
    for stale in folder.glob(f".{PREFIX}*.partial"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_manifest(info: BackupInfo, actor: Actor | None) -> None:
    manifest = {
        "format": MANIFEST_FORMAT,
        "file": info.path.name,
        "created_at": info.created_at.isoformat(),
        "reason": info.reason,
        "actor": (
            {"user_id": actor.user_id, "username": actor.username, "name": actor.display_name}
            if actor
            else None
        ),
        "dialect": info.dialect,
        "schema_revision": info.revision,
        "row_counts": info.row_counts,
        "size": info.size,
        "sha256": info.sha256,
        "verified": info.verified,
        "seconds": info.seconds,
    }
    target = manifest_path(info.path)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(partial, target)


# ----- SQLite ---------------------------------------------------------------------------------


def _sqlite_file(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("内存数据库没有文件，无法备份。")
    return Path(database)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(connection: sqlite3.Connection) -> list[str]:
    # Virtual tables (the contentless search index) cannot be counted; their shadow tables, which
    # hold what they store, are ordinary tables and are counted.
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def _sqlite_counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        table: int(connection.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0])
        for table in _sqlite_tables(connection)
    }


def _sqlite_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


@contextlib.contextmanager
def _sqlite_connect(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path, timeout=15, isolation_level=None)
    # A damaged file's check messages can hold garbage bytes: report them, never fail on them.
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
    try:
        yield connection
    finally:
        connection.close()


def _sqlite_backup(
    source_file: Path, partial: Path, progress: Progress
) -> tuple[dict[str, int], str | None]:
    if not source_file.is_file():
        raise BackupError(f"找不到数据库文件 {source_file}，无法备份。")
    _check_free_space(partial.parent, source_file.stat().st_size)
    with _sqlite_connect(source_file) as source, _sqlite_connect(partial) as copy:
        # One read transaction for the counts and every page copied: in WAL mode other counters
        # keep writing meanwhile, and neither the counts nor the copy see their changes.
        source.execute("BEGIN")
        try:
            counts = _sqlite_counts(source)
            revision = _sqlite_revision(source)

            def report(status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total, "正在复制数据库……")

            source.backup(copy, pages=_PAGES_PER_STEP, progress=report)
        finally:
            source.execute("COMMIT")
        # A self-contained file: no -wal beside the copy on a USB stick.
        copy.execute("PRAGMA journal_mode=DELETE")
        progress(0, 1, "正在校验备份……")
        _verify_sqlite_connection(copy, counts)
    return counts, revision


def _verify_sqlite_connection(
    connection: sqlite3.Connection, expected: dict[str, int] | None
) -> None:
    try:
        result = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        counts = _sqlite_counts(connection) if expected is not None else None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise BackupError(f"备份文件校验失败（{exc}），未保留。") from exc
    if result != ["ok"]:
        raise BackupError(
            "备份文件的完整性检查未通过，未保留。当前数据库本身可能已损坏，"
            "请联系管理员检查：" + "；".join(result[:5])
        )
    if expected is not None and counts != expected:
        differing = sorted(
            k for k in set(counts or {}) | set(expected) if (counts or {}).get(k) != expected.get(k)
        )
        raise BackupError(f"备份文件的记录数与数据库不一致（{'、'.join(differing)}），未保留。")


def _check_free_space(folder: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < needed * 1.1 + 1_000_000:
        raise BackupError(
            f"备份文件夹 {folder} 所在磁盘空间不足（剩余 {free // 1_000_000} MB，"
            f"需要约 {needed // 1_000_000 + 1} MB）。请清理磁盘或换一个备份文件夹。"
        )


# ----- PostgreSQL -----------------------------------------------------------------------------


def pg_program(name: str) -> str:
    """pg_dump/pg_restore: $TOWNDESK_PG_BIN, else PATH, else the newest installed PostgreSQL."""
    exe = name + (".exe" if sys.platform == "win32" else "")
    chosen = os.environ.get(PG_BIN_ENV)
    if chosen and (Path(chosen) / exe).is_file():
        return str(Path(chosen) / exe)
    on_path = shutil.which(name)
    if on_path:
        return on_path
    roots = [Path("/usr/lib/postgresql")]
    if sys.platform == "win32":
        roots.append(Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "PostgreSQL")
    found = sorted(
        (p for root in roots if root.is_dir() for p in root.glob(f"*/bin/{exe}")),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.parent.name)] or [0],
    )
    if found:
        return str(found[-1])
    raise BackupError(
        f"找不到 PostgreSQL 的 {name} 程序，无法备份或恢复。请在这台电脑上安装与服务器同一版本"
        f"（或更新版本）的 PostgreSQL 客户端程序，并把它所在的文件夹加入 PATH，"
        f"或把环境变量 {PG_BIN_ENV} 设为该文件夹。"
    )


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password (it goes in PGPASSWORD, not on a command line)."""
    parsed: URL = make_url(normalise_url(url))
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def _run(argv: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(
            argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise BackupError(f"无法运行 {argv[0]}：{exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise BackupError(f"{what}失败：{' '.join(detail)}。数据库未改动。")
    return result


def _pg_tables(connection: Any) -> list[str]:
    rows = connection.execute(
        text(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
            "ORDER BY table_name"
        )
    )
    return [str(row[0]) for row in rows]


def _pg_backup(
    database: Database, partial: Path, progress: Progress
) -> tuple[dict[str, int], str | None]:
    pg_dump = pg_program("pg_dump")
    uri, env = _libpq(database.url)
    engine = database.write_engine
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
        # The snapshot exported here is the one pg_dump copies, and the one the rows are
        # counted in: the counts are exactly what the archive holds.
        snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        counts = {
            table: int(
                connection.execute(text(f"SELECT count(*) FROM {_quote(table)}")).scalar_one()
            )
            for table in _pg_tables(connection)
        }
        revision = None
        if "alembic_version" in counts:
            revision = connection.execute(
                text("SELECT version_num FROM alembic_version")
            ).scalar_one_or_none()
        progress(0, 1, "正在导出数据库（pg_dump）……")
        _run(
            [
                pg_dump,
                "-Fc",
                f"--snapshot={snapshot}",
                "--no-owner",
                "-f",
                str(partial),
                "--dbname",
                uri,
            ],
            env,
            "pg_dump 导出",
        )
        connection.rollback()
    progress(0, 1, "正在校验备份……")
    _verify_pg_archive(partial, counts)
    return counts, revision


def _archive_tables(path: Path) -> set[str]:
    """The tables whose data a pg_dump archive holds (its table of contents)."""
    result = _run([pg_program("pg_restore"), "--list", str(path)], dict(os.environ), "读取备份目录")
    tables = set()
    for line in result.stdout.splitlines():
        match = re.search(r"\bTABLE DATA \S+ (\S+) ", line)
        if match and not line.startswith(";"):
            tables.add(match.group(1))
    return tables


def _verify_pg_archive(path: Path, counts: dict[str, int] | None) -> None:
    try:
        tables = _archive_tables(path)
    except BackupError as exc:
        raise BackupError(f"备份文件无法读取，未通过校验：{exc}") from exc
    if counts is not None:
        missing = sorted(set(counts) - tables)
        if missing:
            raise BackupError(f"备份文件缺少这些表的数据：{'、'.join(missing)}，未保留。")


# ----- listing and pruning --------------------------------------------------------------------


def list_backups(svc: Services) -> list[BackupInfo]:
    """The backups in the configured folder, newest first."""
    return list_backups_in(backup_folder(svc))


def list_backups_in(folder: Path) -> list[BackupInfo]:
    if not folder.is_dir():
        return []
    found = [info for path in folder.iterdir() if (info := read_backup(path)) is not None]
    found.sort(key=lambda b: (b.created_at, _mtime(b.path)), reverse=True)
    return found


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def read_backup(path: Path) -> BackupInfo | None:
    """What is known about a backup file: its manifest, else its name (then not verified)."""
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    dialect = "sqlite" if match.group(5) == "db" else "postgresql"
    size = path.stat().st_size
    try:
        manifest = json.loads(manifest_path(path).read_text(encoding="utf-8"))
        if manifest.get("format") != MANIFEST_FORMAT or manifest.get("file") != path.name:
            raise ValueError("not this file's manifest")
        actor = manifest.get("actor") or {}
        return BackupInfo(
            path=path,
            created_at=datetime.fromisoformat(manifest["created_at"]).astimezone(SHANGHAI),
            reason=str(manifest["reason"]),
            size=size,
            verified=bool(manifest.get("verified")) and manifest.get("size") == size,
            dialect=str(manifest.get("dialect", dialect)),
            actor=actor.get("name"),
            row_counts={str(k): int(v) for k, v in manifest.get("row_counts", {}).items()},
            sha256=manifest.get("sha256"),
            revision=manifest.get("schema_revision"),
            seconds=manifest.get("seconds"),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        stamp = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
        return BackupInfo(
            path=path,
            created_at=stamp.replace(tzinfo=SHANGHAI),
            reason=match.group(3),
            size=size,
            verified=False,
            dialect=dialect,
        )


def newest_good_backup(folder: Path) -> BackupInfo | None:
    return next((b for b in list_backups_in(folder) if b.verified), None)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete verified backups beyond the ``keep`` newest; returns the files deleted.

    Besides the ``keep`` newest, the newest of each of the last ``keep`` days stays, so that a
    program started and closed often (a backup each exit) still keeps ``keep`` days of history.
    Files without a verified manifest (copied by hand, a damaged database kept) are never touched.
    """
    good = [b for b in list_backups_in(folder) if b.verified]
    kept = {b.path for b in good[: max(1, keep)]}
    days: set[Any] = set()
    for backup in good:
        day = backup.created_at.date()
        if day not in days and len(days) < keep:
            days.add(day)
            kept.add(backup.path)
    deleted = []
    for backup in good:
        if backup.path not in kept:
            for path in (backup.path, backup.manifest_path):
                with contextlib.suppress(OSError):
                    path.unlink()
            deleted.append(backup.path)
    return deleted


def backup_due(svc: Services) -> bool:
    """True when the newest good backup is older than one day (or there is none)."""
    newest = next((b for b in list_backups(svc) if b.verified), None)
    return newest is None or svc.now() - newest.created_at >= timedelta(days=1)


# ----- verifying and restoring ----------------------------------------------------------------


def verify_backup(path: Path) -> BackupInfo:
    """Check a backup file before it is used: manifest hash, then the file itself.

    A file without a manifest (copied by hand) is accepted when the database in it passes its
    integrity check; a manifest whose hash differs is always refused.
    """
    path = Path(path)
    info = read_backup(path) if _NAME.match(path.name) else None
    if not path.is_file():
        raise BackupError(f"找不到备份文件 {path}。")
    has_manifest = manifest_path(path).is_file()
    if has_manifest and (info is None or info.sha256 is None):
        raise BackupError(f"备份文件 {path.name} 的说明文件（.json）无法读取，不能用它恢复。")
    if info is not None and info.sha256 is not None and sha256_of(path) != info.sha256:
        raise BackupError(
            f"备份文件 {path.name} 已被改动或损坏（校验值不符），不能用它恢复，数据库未改动。"
            "请选择另一份备份。"
        )
    dialect = "postgresql" if path.suffix == ".dump" else "sqlite"
    if dialect == "sqlite":
        revision = _check_sqlite_file(path)
    else:
        _verify_pg_archive(path, None)
        revision = info.revision if info else None
    if info is None:
        stat = path.stat()
        info = BackupInfo(
            path=path,
            created_at=datetime.fromtimestamp(stat.st_mtime, SHANGHAI),
            reason="manual",
            size=stat.st_size,
            verified=False,
            dialect=dialect,
            revision=revision,
        )
    return info


def _check_sqlite_file(path: Path) -> str | None:
    try:
        with _sqlite_connect(Path(path)) as connection:
            # Read-only use: nothing written to the backup file by checking it.
            connection.execute("PRAGMA query_only=ON")
            _verify_sqlite_connection(connection, None)
            revision = _sqlite_revision(connection)
    except BackupError as exc:
        raise BackupError(
            f"备份文件 {path.name} 已损坏，不能用它恢复，数据库未改动。请选择另一份备份。（{exc}）"
        ) from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path.name} 不是可用的数据库备份（{exc}），数据库未改动。") from exc
    if revision is None:
        raise BackupError(f"{path.name} 不是 TownDesk 的数据库备份，数据库未改动。")
    from app.persistence.migrate import known_revision

    if not known_revision(revision):
        raise BackupError(
            f"备份文件 {path.name} 来自更新版本的 TownDesk（数据库版本 {revision}），"
            "请先安装新版本再恢复。"
        )
    return revision


def restore(
    target: Services | str,
    path: Path,
    actor: Actor | None,
    *,
    data_dir: Path | None = None,
    progress: Progress = no_progress,
) -> RestoreResult:
    """Bring back the database from a backup file; the current one is backed up first.

    ``target`` is the running Services (their connections are closed here: after a restore the
    program must be started again) or a database URL with ``data_dir`` (start-up, command line).
    ``actor`` None is the restore offered at start when the database is damaged (nobody can sign
    in to a damaged database). A file that fails verification changes nothing.
    """
    if actor is not None:
        actor.require(Action.RESTORE)
    path = Path(path)
    if isinstance(target, Services):
        # The caller's connections are closed once the restore goes ahead (a refusal leaves them).
        return _restore(target, path, actor, progress)
    if data_dir is None:
        raise ValueError("restore(url, ...) needs data_dir")
    svc = Services.open(target, data_dir)
    try:
        return _restore(svc, path, actor, progress)
    finally:
        svc.close()


def _restore(svc: Services, path: Path, actor: Actor | None, progress: Progress) -> RestoreResult:
    dialect = svc.database.dialect
    progress(0, 1, "正在校验备份文件……")
    info = verify_backup(path)
    if info.dialect != dialect:
        raise BackupError(
            f"这份备份来自 {info.dialect} 数据库，当前使用的是 {dialect}，不能直接恢复。"
        )
    folder, keep, now = _folder_settings(svc)
    damaged = bool(check_database(svc.database.url))
    before: BackupInfo | None = None
    if damaged:
        before = _keep_damaged_copy(svc.database, folder, now)
    elif can_back_up(svc.database):
        before = make_backup(
            svc.database, folder, reason=BEFORE_RESTORE, now=now, actor=actor, progress=progress
        )
        prune(folder, keep)
        # Not logged here: this database is about to be replaced. The restore's event, written
        # into the restored database afterwards, names this copy.
    svc.database.dispose()
    progress(0, 1, "正在恢复数据库……")
    if dialect == "sqlite":
        _sqlite_restore(path, _sqlite_file(svc.database.url), damaged, progress)
    else:
        _pg_restore(svc.database, path)
    svc.database.dispose()
    revision = _bring_up_to_date_and_log(svc, info, before, actor)
    return RestoreResult(restored=info, before_restore=before, revision=revision)


def _folder_settings(svc: Services) -> tuple[Path, int, datetime]:
    try:
        return backup_folder(svc), generations(svc), svc.now()
    except Exception:
        # A damaged database may not even give its settings: the default folder then.
        log.warning("could not read the backup settings", exc_info=True)
        return svc.data_dir / "backups", DEFAULT_GENERATIONS, svc.now()


def can_back_up(database: Database) -> bool:
    """True when there is something to back up: tables, in a SQLite file or on the server."""
    if database.dialect == "sqlite":
        file = make_url(database.url).database
        if not file or file == ":memory:" or not Path(file).is_file():
            return False
    with database.write_engine.connect() as connection:
        if database.dialect == "sqlite":
            return bool(
                connection.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).scalar_one()
            )
        return bool(_pg_tables(connection))


def _keep_damaged_copy(database: Database, folder: Path, now: datetime) -> BackupInfo | None:
    """A raw copy of a damaged SQLite file (and its -wal), kept for whoever investigates."""
    if database.dialect != "sqlite":
        return None
    source = _sqlite_file(database.url)
    if not source.is_file():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, now, DAMAGED, ".db")
    shutil.copyfile(source, target)
    for extra in ("-wal",):
        if Path(f"{source}{extra}").is_file():
            shutil.copyfile(f"{source}{extra}", f"{target}{extra}")
    return read_backup(target)


def _sqlite_restore(backup: Path, live: Path, damaged: bool, progress: Progress) -> None:
    live.parent.mkdir(parents=True, exist_ok=True)
    if damaged or not live.is_file():
        # The damaged file cannot be written through SQLite: put a checked copy in its place.
        # Its -wal must go first: a stale WAL would be replayed onto the restored file.
        partial = live.with_name(f".{live.name}.restoring")
        shutil.copyfile(backup, partial)
        with open(partial, "rb+") as file:
            os.fsync(file.fileno())
        for extra in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{live}{extra}").unlink()
        os.replace(partial, live)
        return
    # A healthy database is overwritten through SQLite itself, in one write transaction: another
    # counter still connected waits on the lock and then sees the restored data, its WAL stays
    # consistent, and a crash midway leaves the old database whole.
    with _sqlite_connect(backup) as source, _sqlite_connect(live) as destination:
        destination.execute(f"PRAGMA busy_timeout={15_000}")

        def report(status: int, remaining: int, total: int) -> None:
            progress(total - remaining, total, "正在恢复数据库……")

        source.backup(destination, pages=_PAGES_PER_STEP, progress=report)
        destination.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _pg_restore(database: Database, path: Path) -> None:
    uri, env = _libpq(database.url)
    archive = _archive_tables(path)
    with database.write_engine.begin() as connection:
        # Tables a later migration added are not in an older archive; they would survive the
        # restore and block the next upgrade. (Kept in the before-restore backup.)
        for extra in sorted(set(_pg_tables(connection)) - archive):
            connection.execute(text(f"DROP TABLE IF EXISTS {_quote(extra)} CASCADE"))
    database.dispose()
    _run(
        [
            pg_program("pg_restore"),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--dbname",
            uri,
            str(path),
        ],
        env,
        "pg_restore 恢复",
    )


def _bring_up_to_date_and_log(
    svc: Services, info: BackupInfo, before: BackupInfo | None, actor: Actor | None
) -> str | None:
    """An older backup is migrated (with its own backup first), then the restore is logged."""
    from app.persistence.migrate import upgrade_with_backup

    database = open_database(svc.database.url)
    try:
        upgraded = upgrade_with_backup(database, svc.data_dir)
        fresh = Services(database, svc.data_dir, clock=svc.clock, profiles=svc.profiles)
        with fresh.uow() as uow:
            summary = f"从备份恢复数据库：{info.path.name}"
            details = {
                "file": str(info.path),
                "backup_time": info.created_at.isoformat(),
                "before_restore": str(before.path) if before else None,
                "sha256": info.sha256,
            }
            _log(uow.session, uow.log, actor, fresh.now(), "restore", summary, details)
            uow.commit()
        return upgraded.after
    finally:
        database.dispose()


# ----- a damaged database ---------------------------------------------------------------------


class CheckStopped(Exception):
    """The background check was asked to stop (the program is closing)."""


def check_database(url: str, should_stop: Callable[[], bool] | None = None) -> list[str]:
    """Problems found in the database (empty: fine). SQLite: ``PRAGMA quick_check`` of the file.

    A SQLite file that does not exist yet is fine (it is created on start). On PostgreSQL the
    server keeps its own files consistent; a server that cannot be reached is reported when the
    database is opened, and restoring a backup would not help it, so nothing is checked here.
    ``should_stop`` (the check in the background) is asked now and then; when it answers True
    the check stops and raises CheckStopped.
    """
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite":
        return []
    name = parsed.database
    if not name or name == ":memory:" or not Path(name).is_file():
        return []
    path = Path(name)
    try:
        with _sqlite_connect(path) as connection:
            connection.execute("PRAGMA query_only=ON")
            if should_stop is not None:
                connection.set_progress_handler(lambda: 1 if should_stop() else 0, 100_000)
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if should_stop is not None and should_stop():
            raise CheckStopped from exc
        # SQLite's own error text may quote the garbage it found (not UTF-8): damaged all the same.
        return [f"数据库文件 {path} 无法读取，可能已损坏：{exc}"]
    if rows == ["ok"]:
        return []
    return [f"数据库文件 {path} 已损坏（检查发现 {len(rows)} 处问题）：", *rows[:10]]


# ----- the check at start (issue 9) -------------------------------------------------------------
# ``PRAGMA quick_check`` reads the whole file: 25 s on a 4.45 GB database. Before the window it
# runs only when the last session did not end cleanly (its marker is still there) or no check
# has passed for CHECK_BEFORE_START_AFTER; otherwise it runs in the background once a day.
# ``towndesk db check`` always checks fully.

CHECK_BEFORE_START_AFTER = timedelta(days=7)
CHECK_IN_BACKGROUND_AFTER = timedelta(days=1)
START_CHECK_NOW = "now"  # before opening: after an unclean exit, or checked too long ago
START_CHECK_BACKGROUND = "background"  # after the window is shown
START_CHECK_NONE = "none"  # checked less than a day ago


def _state_file(url: str, data_dir: Path, suffix: str) -> Path | None:
    """A small file in the data folder about one SQLite database file; None for other URLs."""
    parsed = make_url(normalise_url(url))
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    key = hashlib.sha256(str(Path(name).resolve()).encode("utf-8")).hexdigest()[:12]
    return Path(data_dir) / f"database-{key}.{suffix}"


def start_check(url: str, data_dir: Path, now: datetime | None = None) -> str:
    """When to check the database at this start: START_CHECK_NOW, _BACKGROUND or _NONE."""
    running = _state_file(url, data_dir, "running")
    checked = _state_file(url, data_dir, "checked")
    if running is None or checked is None:
        return START_CHECK_NONE  # nothing to check (see check_database)
    if running.exists():
        return START_CHECK_NOW
    try:
        last = datetime.fromisoformat(checked.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return START_CHECK_NOW
    age = (now or datetime.now(SHANGHAI)) - last
    if age >= CHECK_BEFORE_START_AFTER or age < timedelta(0):
        return START_CHECK_NOW
    return START_CHECK_BACKGROUND if age >= CHECK_IN_BACKGROUND_AFTER else START_CHECK_NONE


def record_check(url: str, data_dir: Path, now: datetime | None = None) -> None:
    """Remember that a check of the database found nothing wrong."""
    checked = _state_file(url, data_dir, "checked")
    if checked is not None:
        checked.parent.mkdir(parents=True, exist_ok=True)
        checked.write_text((now or datetime.now(SHANGHAI)).isoformat(), encoding="utf-8")


def begin_session(url: str, data_dir: Path) -> None:
    """Mark the database as in use; end_session removes the mark when the program ends cleanly."""
    running = _state_file(url, data_dir, "running")
    if running is not None:
        running.parent.mkdir(parents=True, exist_ok=True)
        running.write_text(str(os.getpid()), encoding="utf-8")


def end_session(url: str, data_dir: Path) -> None:
    running = _state_file(url, data_dir, "running")
    if running is not None:
        running.unlink(missing_ok=True)


def backup_folder_for(url: str, data_dir: Path) -> Path:
    """The backup folder even when the database is damaged: its setting if it can be read."""
    database = open_database(url)
    try:
        return backup_folder(Services(database, data_dir))
    except Exception:
        log.warning("backup folder setting unreadable; using the default", exc_info=True)
        return data_dir / "backups"
    finally:
        database.dispose()


def damage_advice(url: str, data_dir: Path, problems: list[str]) -> str:
    """What the command line prints about a damaged database: the problems and what to do."""
    folder = backup_folder_for(url, data_dir)
    newest = newest_good_backup(folder)
    lines = ["数据库已损坏，请不要继续使用：", *problems, ""]
    if newest is None:
        lines.append(
            f"在 {folder} 中没有找到可用的备份。请立即复制整个数据文件夹 {data_dir} 留存，"
            "并联系技术支持。"
        )
    else:
        when = newest.created_at.strftime("%Y-%m-%d %H:%M")
        lines.append(f"最近一份可用的备份：{newest.path}（{when}）。")
        lines.append(f"恢复它：towndesk restore {newest.path}")
        lines.append("恢复后，备份时间之后录入的数据需要重新录入。")
    return "\n".join(lines)
