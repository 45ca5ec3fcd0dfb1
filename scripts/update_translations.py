"""Refreshes the zh_CN catalogue: lupdate over ui/ into the .ts, then lrelease into the .qm.

Run after changing any user-visible string in ui/: ``python scripts/update_translations.py``.
New strings arrive as unfinished (tests/ui/test_translations.py fails until they are
translated in the .ts, by hand or with pyside6-linguist); vanished ones are dropped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
TS_FILE = ROOT / "resources" / "translations" / "towndesk_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
BIN_DIR = Path(sys.executable).parent


def tool(name: str) -> str:
    """The PySide6 wrapper next to this Python (the venv), else the one on PATH."""
    candidate = BIN_DIR / name
    return str(candidate) if candidate.exists() else name


def sources(ui_dir: Path = UI_DIR) -> list[Path]:
    return sorted(ui_dir.rglob("*.py"))


def run_lupdate(ts_file: Path, ui_dir: Path = UI_DIR) -> None:
    """Updates ``ts_file`` from the sources; -no-obsolete drops strings no longer in the code."""
    command = [tool("pyside6-lupdate"), *map(str, sources(ui_dir))]
    command += ["-no-obsolete", "-locations", "none", "-source-language", "en"]
    command += ["-target-language", "zh_CN", "-ts", str(ts_file)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    command = [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def main() -> int:
    run_lupdate(TS_FILE)
    run_lrelease(TS_FILE, QM_FILE)
    print(f"updated {TS_FILE.relative_to(ROOT)} and {QM_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
