"""Per-user window preferences (column layout, window geometry) kept in an INI file via QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "TownDesk"
APPLICATION = "TownDesk"


def app_settings() -> QSettings:
    """The user's preferences file.

    INI format on every platform (not the Windows registry): the file is easy to find, copy or
    delete when a counter PC is replaced, and tests can redirect it with ``QSettings.setPath``.
    """
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def load_bytes(key: str, version: int) -> QByteArray | None:
    """A saved Qt state blob, or None when absent or saved by an older layout version."""
    settings = app_settings()
    if settings.value(f"{key}/version") != str(version):
        return None
    value = settings.value(f"{key}/state")
    return value if isinstance(value, QByteArray) else None


def save_bytes(key: str, version: int, state: QByteArray) -> None:
    settings = app_settings()
    # Stored as a string: the INI format gives every value back as a string anyway.
    settings.setValue(f"{key}/version", str(version))
    settings.setValue(f"{key}/state", state)
    settings.sync()
