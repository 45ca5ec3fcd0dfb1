"""GUI-thread watchdog: a 10 ms timer that records its own lateness, i.e. the longest stall."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer

INTERVAL_MS = 10


class StallWatchdog(QObject):
    """Fires every ``interval_ms`` on the thread it lives on (the GUI thread) and keeps the
    longest gap beyond the interval between two firings: while the thread is blocked the timer
    cannot fire, so its lateness is the length of the block.

    A stall is only seen once the event loop runs again (the next firing measures it), so read
    ``longest_stall_ms`` after letting events through, e.g. ``qtbot.wait(50)``.
    """

    def __init__(self, interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        # The default coarse timer may fire up to 5% early or late by design; that would be
        # reported as stalls that never happened.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._longest = 0.0
        self.ticks = 0

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def longest_stall_ms(self) -> float:
        """The longest lateness seen since start or reset, in milliseconds (0 if none)."""
        pending = 0.0
        if self.running:
            # A stall still under way (the caller is blocking right now) counts too.
            pending = (time.perf_counter() - self._last) * 1000 - self.interval_ms
        return max(self._longest, pending, 0.0)

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        """Forget what was seen; measuring goes on if running."""
        self._last = time.perf_counter()
        self._longest = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self._last) * 1000 - self.interval_ms
        self._longest = max(self._longest, late)
        self._last = now
        self.ticks += 1
