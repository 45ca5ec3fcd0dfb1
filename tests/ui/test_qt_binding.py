"""The Qt binding itself: guards against PySide6 releases that would crash a long-running counter."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    # PySide6 6.12.0 under Python 3.11 dropped one reference to None per void call, so a
    # window left open all day aborted with "deallocating None"; constraints.txt pins 6.11.3.
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
        label.update()
    assert sys.getrefcount(None) - before > -100
