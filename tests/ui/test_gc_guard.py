"""Cyclic garbage is collected on the GUI thread, never by a background worker."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.gc_guard import GuiThreadCollector


class Cycle(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.me = self


def test_automatic_collection_is_off_and_the_gui_thread_collects(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    collector = app.findChild(GuiThreadCollector)
    assert collector is not None and collector.timer.isActive()
    assert not gc.isenabled()

    threads: list[int] = []
    original = collector.collect

    def watched() -> int:
        threads.append(threading.get_ident())
        return original()

    collector.timer.timeout.disconnect(collector.collect)
    collector.timer.timeout.connect(watched)
    try:
        cycle = Cycle()
        ref = weakref.ref(cycle)
        del cycle
        qtbot.waitUntil(lambda: ref() is None, timeout=5000)
    finally:
        collector.timer.timeout.disconnect(watched)
        collector.timer.timeout.connect(collector.collect)
    assert threads and set(threads) == {threading.main_thread().ident}
