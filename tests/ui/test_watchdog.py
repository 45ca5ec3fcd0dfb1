"""The GUI-thread watchdog sees a deliberate block of the GUI thread and stays quiet when idle."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ui.watchdog import StallWatchdog

pytestmark = pytest.mark.ui


@pytest.fixture
def watchdog(qtbot: QtBot) -> StallWatchdog:
    dog = StallWatchdog()
    dog.start()
    qtbot.wait(30)
    dog.reset()
    return dog


def test_a_200_ms_block_of_the_gui_thread_is_caught(watchdog: StallWatchdog, qtbot: QtBot) -> None:
    # Blocked from inside the event loop, as a slot that does slow work would block it.
    QTimer.singleShot(20, lambda: time.sleep(0.2))
    qtbot.wait(300)
    assert 180 <= watchdog.longest_stall_ms < 1000
    watchdog.stop()


def test_idle_reports_less_than_50_ms(watchdog: StallWatchdog, qtbot: QtBot) -> None:
    qtbot.wait(300)
    assert watchdog.ticks >= 10
    assert watchdog.longest_stall_ms < 50
    watchdog.stop()


def test_reset_forgets_and_a_block_under_way_already_counts(
    watchdog: StallWatchdog, qtbot: QtBot
) -> None:
    time.sleep(0.12)  # blocking the test's own (GUI) thread, the timer cannot fire meanwhile
    assert watchdog.longest_stall_ms >= 100
    watchdog.reset()
    qtbot.wait(50)
    assert watchdog.longest_stall_ms < 50
    watchdog.stop()
    assert not watchdog.running
