"""A throwaway PostgreSQL server for the test suite, on 127.0.0.1 in a temporary directory.

``PostgresServer.start()`` finds the server programs (the highest
``/usr/lib/postgresql/<version>/bin`` of Debian's ``postgresql`` package, or ``pg_ctl`` on
``PATH``), runs ``initdb`` into a fresh temporary directory with trust authentication, and starts
the server on a free loopback port; ``stop()`` stops it and removes the directory.

PostgreSQL refuses to run as root. When the tests run as root, every server program is run as
the ``postgres`` user (which the Debian package creates) through ``runuser -u postgres --``, and
the temporary directory is handed to that user. Otherwise the programs run as the current user.

A small watchdog process is started with the server. It waits for the test process to end, by
any means (normal exit, exception, Ctrl-C, SIGKILL), and then stops the server if it is still
running and removes the directory, so that no stray server survives a test run.

This module does not import pytest; ``tests/conftest.py`` turns it into fixtures.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

DEBIAN_LIB_DIR = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
HOST = "127.0.0.1"

# Fast and disposable: nothing here needs to survive a crash.
_SERVER_SETTINGS = {
    "listen_addresses": HOST,
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "log_min_messages": "warning",
}


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server programs (or the user to run them as) are not on this machine."""


def find_bin_dir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl`` of the newest installed PostgreSQL."""
    candidates: list[tuple[tuple[int, ...], Path]] = []
    if DEBIAN_LIB_DIR.is_dir():
        for entry in DEBIAN_LIB_DIR.iterdir():
            bin_dir = entry / "bin"
            if re.fullmatch(r"\d+(\.\d+)*", entry.name) and _has_server_programs(bin_dir):
                candidates.append((tuple(int(p) for p in entry.name.split(".")), bin_dir))
    if candidates:
        return max(candidates)[1]
    on_path = shutil.which("pg_ctl")
    if on_path and _has_server_programs(Path(on_path).parent):
        return Path(on_path).parent
    raise PostgresUnavailable(
        "The PostgreSQL server programs (initdb, pg_ctl) were not found in "
        f"{DEBIAN_LIB_DIR}/<version>/bin or on PATH. Run `make test`, which installs the Debian "
        "package `postgresql` (or install it yourself: apt-get install postgresql); "
        "set TOWNDESK_SKIP_POSTGRES=1 to skip the PostgreSQL tests instead."
    )


def _has_server_programs(bin_dir: Path) -> bool:
    return all(os.access(bin_dir / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One running server; use ``PostgresServer.start()`` to get one and ``stop()`` to end it."""

    def __init__(self, bin_dir: Path, base_dir: Path, run_as: list[str]) -> None:
        self.bin_dir = bin_dir
        self.base_dir = base_dir
        self.data_dir = base_dir / "data"
        self.log_file = base_dir / "server.log"
        self.host = HOST
        self.port = 0
        self.user = SUPERUSER
        self._run_as = run_as
        self._watchdog: subprocess.Popen[bytes] | None = None

    # --- starting and stopping ------------------------------------------------------------

    @classmethod
    def start(cls, *, attempts: int = 3) -> PostgresServer:
        bin_dir = find_bin_dir()
        run_as: list[str] = []
        owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam(SUPERUSER)
            except KeyError:
                raise PostgresUnavailable(
                    "The tests run as root and PostgreSQL refuses to; there is no `postgres` "
                    "user to run it as. Install the Debian package `postgresql` (make test does)."
                ) from None
            runuser = shutil.which("runuser")
            if runuser is None:
                raise PostgresUnavailable("Running as root, but `runuser` was not found.")
            run_as = [runuser, "-u", SUPERUSER, "--"]

        base_dir = Path(tempfile.mkdtemp(prefix="towndesk-pg-"))
        if owner is not None:
            os.chown(base_dir, owner.pw_uid, owner.pw_gid)
        server = cls(bin_dir, base_dir, run_as)
        try:
            server._start_watchdog()
            server._initdb()
            for attempt in range(attempts):
                server.port = _free_port()
                if server._pg_ctl_start():
                    break
                if attempt == attempts - 1:
                    raise RuntimeError(
                        f"PostgreSQL did not start; end of {server.log_file}:\n{server._log_tail()}"
                    )
        except BaseException:
            server.stop()
            raise
        return server

    def stop(self) -> None:
        """Stop the server (if running), remove its directory and end the watchdog. Idempotent."""
        if (self.data_dir / "postmaster.pid").exists():
            for mode in ("fast", "immediate"):
                result = self._run(
                    [
                        self._bin("pg_ctl"),
                        "stop",
                        "-D",
                        str(self.data_dir),
                        "-m",
                        mode,
                        "-w",
                        "-t",
                        "20",
                    ],
                    check=False,
                )
                if result.returncode == 0:
                    break
        shutil.rmtree(self.base_dir, ignore_errors=True)
        if self._watchdog is not None:
            assert self._watchdog.stdin is not None
            with contextlib.suppress(OSError):
                self._watchdog.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._watchdog.wait(timeout=10)
            self._watchdog = None

    def __enter__(self) -> PostgresServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- databases ------------------------------------------------------------------------

    def url(self, database: str = "postgres", *, driver: str = "postgresql+psycopg") -> str:
        """A SQLAlchemy URL for ``database`` on this server (trust auth, no password)."""
        return f"{driver}://{self.user}@{self.host}:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection[tuple[Any, ...]]:
        """A psycopg connection in autocommit mode (for CREATE/DROP DATABASE)."""
        import psycopg  # not at the top: the watchdog runs this file with the stdlib only

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname=database,
            autocommit=True,
            connect_timeout=10,
        )

    def create_database(self, *, template: str | None = None) -> str:
        """Create a new database with a unique name (empty, or a copy of ``template``)."""
        name = f"t_{uuid.uuid4().hex}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"{clause}')
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name``, ending any connection that is still open to it."""
        with self.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextlib.contextmanager
    def new_database(self, *, template: str | None = None) -> Iterator[str]:
        """Yield the SQLAlchemy URL of a brand-new database; drop it afterwards."""
        name = self.create_database(template=template)
        try:
            yield self.url(name)
        finally:
            self.drop_database(name)

    # --- internals ------------------------------------------------------------------------

    def _bin(self, program: str) -> str:
        return str(self.bin_dir / program)

    def _run(self, argv: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C")
        result = subprocess.run(
            self._run_as + argv,
            cwd=self.base_dir,  # readable by the postgres user, unlike e.g. /root
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
            )
        return result

    def _initdb(self) -> None:
        self._run(
            [
                self._bin("initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        settings = dict(_SERVER_SETTINGS, unix_socket_directories=str(self.base_dir))
        lines = "".join(f"{key} = '{value}'\n" for key, value in settings.items())
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# towndesk test server\n" + lines)

    def _pg_ctl_start(self) -> bool:
        result = self._run(
            [
                self._bin("pg_ctl"),
                "start",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_file),
                "-o",
                f"-p {self.port}",
                "-w",
                "-t",
                "30",
            ],
            check=False,
        )
        return result.returncode == 0

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            return f"(no log: {exc})"

    def _start_watchdog(self) -> None:
        stop_cmd = [
            *self._run_as,
            self._bin("pg_ctl"),
            "stop",
            "-D",
            str(self.data_dir),
            "-m",
            "immediate",
            "-w",
        ]
        spec = json.dumps({"base_dir": str(self.base_dir), "stop": stop_cmd})
        self._watchdog = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--watchdog", spec],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=self.base_dir,
            start_new_session=True,  # a Ctrl-C to the test run must not kill it first
        )


def _watchdog_main(spec_json: str) -> None:
    """Wait until stdin closes (the test process ended), then clean up what it left behind."""
    spec = json.loads(spec_json)
    base_dir = Path(spec["base_dir"])
    with contextlib.suppress(Exception):
        sys.stdin.buffer.read()
    for _ in range(3):
        if not (base_dir / "data" / "postmaster.pid").exists():
            break
        subprocess.run(
            spec["stop"], cwd="/", stdin=subprocess.DEVNULL, capture_output=True, check=False
        )
        time.sleep(0.2)
    shutil.rmtree(base_dir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--watchdog":
        _watchdog_main(sys.argv[2])
    else:  # manual use: start a server, print its URL, stop on Enter
        with PostgresServer.start() as srv:
            print(srv.url(), flush=True)
            with contextlib.suppress(KeyboardInterrupt, EOFError):
                input("PostgreSQL is running; press Enter to stop it. ")
