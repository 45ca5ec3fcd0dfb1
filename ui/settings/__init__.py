"""The 设置 page for administrators: centre, units, users, holidays, rules, printing, backups."""

from ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
