"""Garbage collection on the GUI thread only: a Qt object must never be freed by a worker thread.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. A background job (a query, a PDF) could then free a closed dialog caught in a reference
cycle, and deleting a widget outside the GUI thread crashes the process — seen here as a
segmentation fault inside SQLAlchemy's loader during a background timeline query. As Anki does,
automatic collection is switched off and a timer on the GUI thread collects instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

TICK_MS = 1000
FULL_COLLECTION_EVERY = 60  # ticks: young generations every second, everything every minute


class GuiThreadCollector(QObject):
    """Owns the timer; one per application."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.ticks = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        self.ticks += 1
        return gc.collect(2 if self.ticks % FULL_COLLECTION_EVERY == 0 else 1)


def install(app: QObject) -> GuiThreadCollector:
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
