"""scripts/bench.py --smoke runs to the end and prints its table: the benchmark does not rot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.ui
def test_the_benchmark_runs_end_to_end_on_a_tiny_database(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--smoke",
            "--work-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout
    for row in (
        "start to a usable main window",
        "peak memory",
        "search by name",
        "search by phone",
        "search by content",
        "register a case and produce its receipt PDF",
        "statistics workbook",
        "reminder notices",
        "work-order rows",
        "longest GUI-thread stall: backup",
    ):
        assert row in table
    assert "SQLite:" in table
    # --smoke never writes docs/performance.md; the temporary run folder is removed.
    assert not list(tmp_path.glob("run-*"))
