"""The 设置 page: one tab per area; every change goes through a service that checks the role."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.domain.users import Actor
from app.services.context import Services
from ui.settings.backup import BackupTab
from ui.settings.centre import CentreTab
from ui.settings.holidays import HolidaysTab
from ui.settings.printing import PrintingTab
from ui.settings.retention import RetentionTab
from ui.settings.rules import RulesTab
from ui.settings.units import UnitsTab
from ui.settings.users import UsersTab


class SettingsPage(QWidget):
    """Shown to administrators only; the main window refreshes its status bar on ``settings_changed``."""

    settings_changed = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.centre = CentreTab(svc, actor)
        self.units = UnitsTab(svc, actor)
        self.users = UsersTab(svc, actor)
        self.holidays = HolidaysTab(svc, actor)
        self.rules = RulesTab(svc, actor)
        self.printing = PrintingTab(svc, actor)
        self.backup = BackupTab(svc, actor)
        self.retention = RetentionTab(svc, actor)
        self.tabs = QTabWidget()
        for tab, title in (
            (self.centre, self.tr("Centre")),
            (self.units, self.tr("Handling units")),
            (self.users, self.tr("Users")),
            (self.holidays, self.tr("Holidays")),
            (self.rules, self.tr("Rule profiles")),
            (self.printing, self.tr("Printing")),
            (self.backup, self.tr("Backup")),
            (self.retention, self.tr("Retention")),
        ):
            self.tabs.addTab(tab, title)
            tab.saved.connect(self.settings_changed)
        self.setFocusProxy(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def reload(self) -> None:
        """F5: read every tab again (another administrator may have changed something)."""
        self.centre.load()
        self.units.load()
        self.users.load()
        self.holidays.show_year(self.holidays.year.value())
        self.rules.load()
        self.printing.load()
        self.backup.load()
        self.retention.load()
