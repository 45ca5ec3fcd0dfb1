"""Data shipped with TownDesk: rule profiles, calendar schedules, templates and fonts."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
PROFILES_DIR = RESOURCES_DIR / "profiles"
