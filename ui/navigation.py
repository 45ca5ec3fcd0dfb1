"""The left sidebar: the workstation's places, and settings for admins below a gap."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QWidget

from app.domain.users import Action, Actor
from ui.i18n import QT_TRANSLATE_NOOP, translate

KEY_ROLE = Qt.ItemDataRole.UserRole
CONTEXT = "Navigation"


@dataclass(frozen=True)
class Place:
    """One entry of the sidebar; ``name`` is the English source, ``label`` it translated."""

    key: str
    name: str
    shortcut: str = ""
    admin_only: bool = False
    # Shown only to users who may do this (the auditor, who changes nothing, has no 登记).
    needs: Action | None = None

    @property
    def label(self) -> str:
        return translate(CONTEXT, self.name)


DASHBOARD = "dashboard"
REGISTRATION = "registration"
CASES = "cases"
REWARDS = "rewards"
FOLLOW_UP = "follow_up"
REPORTS = "reports"
SETTINGS = "settings"

PLACES: tuple[Place, ...] = (
    Place(DASHBOARD, QT_TRANSLATE_NOOP("Navigation", "Dashboard"), "Ctrl+1"),
    Place(
        REGISTRATION,
        QT_TRANSLATE_NOOP("Navigation", "Registration"),
        "Ctrl+2",
        needs=Action.REGISTER,
    ),
    Place(CASES, QT_TRANSLATE_NOOP("Navigation", "Cases"), "Ctrl+3"),
    Place(REWARDS, QT_TRANSLATE_NOOP("Navigation", "Rewards"), "Ctrl+5"),
    Place(FOLLOW_UP, QT_TRANSLATE_NOOP("Navigation", "Follow-up/Appeals"), "Ctrl+6"),
    Place(REPORTS, QT_TRANSLATE_NOOP("Navigation", "Reports"), "Ctrl+7"),
    Place(SETTINGS, QT_TRANSLATE_NOOP("Navigation", "Settings"), "Ctrl+4", admin_only=True),
)


def places_for(actor: Actor) -> list[Place]:
    """The places this user sees: settings only for whoever may change them."""
    return [
        p
        for p in PLACES
        if (not p.admin_only or actor.can(Action.MANAGE_SETTINGS))
        and (p.needs is None or actor.can(p.needs))
    ]


class NavigationBar(QListWidget):
    """A plain list of places; choosing one (click, arrow keys, shortcut) emits its key."""

    place_chosen = Signal(str)

    def __init__(self, places: list[Place], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.places = {place.key: place for place in places}
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(
            "#navigation { background: #f1f3f5; border-right: 1px solid #d0d4d9; }"
            "#navigation::item { padding: 9px 14px; color: #212529; }"
            "#navigation::item:disabled { color: #8a9096; }"
            "#navigation::item:selected { background: #d6e4f5; color: #0b3d75;"
            " border-left: 3px solid #1c64b4; }"
        )
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)

        for place in places:
            if place.admin_only:
                self._add_gap()  # the administrator's place apart from the daily work
            item = QListWidgetItem(place.label)
            item.setData(KEY_ROLE, place.key)
            hint = (
                self.tr(" ({shortcut})").format(shortcut=place.shortcut) if place.shortcut else ""
            )
            item.setToolTip(f"{place.label}{hint}")
            self.addItem(item)

        width = max(self.fontMetrics().horizontalAdvance(p.label) for p in places)
        self.setFixedWidth(width + 56)
        self.currentItemChanged.connect(self._on_current_changed)

    def _add_gap(self) -> None:
        item = QListWidgetItem("")
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 2))
        self.addItem(item)

    def item_for(self, key: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(KEY_ROLE) == key:
                return item
        return None

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def set_current(self, key: str) -> None:
        """Mark ``key`` as the shown place without emitting ``place_chosen``."""
        item = self.item_for(key)
        if item is not None and item is not self.currentItem():
            with QSignalBlocker(self):
                self.setCurrentItem(item)
            self.viewport().update()

    def _on_current_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if current is None:
            return
        key = current.data(KEY_ROLE)
        if key:
            self.place_chosen.emit(key)
