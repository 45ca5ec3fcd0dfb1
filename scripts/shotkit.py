"""What every screenshot script shares: the --out option, an offscreen app with private settings
over a throw-away folder, waiting for background reads, and saving a widget as PNG."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshots"
SCREEN_SIZE = (1366, 768)  # the most common resolution of counter PCs


def output_folder(description: str | None, argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    out: Path = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    return out


@contextmanager
def offscreen_app(language: str = "zh_CN") -> Iterator[Path]:
    """A QApplication in ``language`` with its settings kept in a temporary folder (yielded,
    for the demo database too), so that nothing of the developer's own settings shows."""
    # Before Qt is imported: no display needed, and the demo builder lives under tests/.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.app import configure_application

    with tempfile.TemporaryDirectory(prefix="towndesk-shots-") as tmp:
        folder = Path(tmp)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qsettings"))
        app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(app, QApplication)
        configure_application(app, language)
        yield folder


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the event loop run until ``condition`` holds (background reads, dialogs opening)."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the window to settle")
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, out: Path, name: str) -> Path:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
    return path
