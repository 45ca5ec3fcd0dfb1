"""The wheel (what `py -m pip install .` installs on a Windows counter) carries every data file."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_ships_profiles_templates_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("towndesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "resources/profiles/yangjiang-2022.json",
        "resources/profiles/jieyang-2015.json",
        "app/persistence/migrations/versions/0001_initial_schema.py",
        "app/persistence/migrations/script.py.mako",
        "ui/app.py",
        "resources/translations/towndesk_zh_CN.qm",
    }
    expected |= {
        f"resources/templates/{p.name}" for p in (REPO / "resources/templates").glob("*.toml")
    }
    assert expected <= names
    assert any(n.endswith("entry_points.txt") for n in names)
