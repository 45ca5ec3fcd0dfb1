"""Long work off the GUI thread: a plain function in a worker, its results delivered to the GUI thread.

Anki's habit: the function gets a cancel token and a ``report`` callback and never touches a
widget; ``on_success``/``on_failure``/``on_progress`` always run on the GUI thread, after the
function's own thread is done with the values it hands over. A worker that needs the database
uses the same ``Services``: its engine is thread-safe and every service call opens its own
session.

Errors split as everywhere in TownDesk: a ``DomainError`` is the user's or the environment's and
its message is shown as it is; anything else is a bug, logged with its traceback and shown as an
internal error.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import DomainError
from ui.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

T = TypeVar("T")

INTERNAL_ERROR_MESSAGE = QT_TRANSLATE_NOOP(
    "Background",
    "Internal error: nothing was saved or changed.\n"
    "The details are in the log file; please give the log to the administrator.",
)

Report = Callable[[int, int, str], None]
"""``report(done, total, text)``: safe to call from the worker as often as it likes."""


class Cancelled(Exception):
    """Raised by ``CancelToken.raise_if_cancelled``: the job stops and ``on_cancelled`` runs."""


class CancelToken:
    """Set by the GUI (取消), read by the worker between steps; thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def raise_if_cancelled(self) -> None:
        """For workers deep in a loop that would rather unwind than return a partial result."""
        if self._event.is_set():
            raise Cancelled


def cancellable(token: CancelToken, report: Report) -> Callable[[int, int, str], None]:
    """The services' progress callback (``app.domain.reporting.Progress``) for a worker: reports
    to the GUI, and raises ``Cancelled`` at the service's next step once 取消 was pressed (a
    service calls it only where stopping writes nothing)."""

    def progress(done: int, total: int, note: str) -> None:
        token.raise_if_cancelled()
        report(done, total, note)

    return progress


@dataclass(frozen=True)
class Failure:
    """Why a background job failed, with the text to show the clerk."""

    message: str
    error: BaseException
    internal: bool


def failure_of(error: BaseException) -> Failure:
    """The user-facing text for an exception; a bug is logged here with its traceback."""
    if isinstance(error, DomainError):
        return Failure(str(error), error, internal=False)
    log.error("internal error in a background job", exc_info=error)
    return Failure(translate("Background", INTERNAL_ERROR_MESSAGE), error, internal=True)


def show_failure(parent: QWidget | None, failure: Failure, title: str | None = None) -> QMessageBox:
    """A window-modal message that does not block: the GUI keeps running while it is shown."""
    box = QMessageBox(
        QMessageBox.Icon.Critical if failure.internal else QMessageBox.Icon.Warning,
        translate("Background", "Internal error")
        if failure.internal
        else title or translate("Background", "Cannot complete the operation"),
        failure.message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class _GuiDispatcher(QObject):
    """Runs closures on the GUI thread, in the order they were posted from any thread.

    One queue and one queued signal (as Anki's TaskManager does) rather than a QObject per job:
    nothing is created or destroyed across threads.
    """

    _pending = Signal()

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._closures: deque[Callable[[], None]] = deque()
        self._pending.connect(self._run_pending, Qt.ConnectionType.QueuedConnection)

    def post(self, closure: Callable[[], None]) -> None:
        with self._lock:
            self._closures.append(closure)
        self._pending.emit()

    @Slot()
    def _run_pending(self) -> None:
        while True:
            with self._lock:
                if not self._closures:
                    return
                closure = self._closures.popleft()
            try:
                closure()
            except Exception:
                # The same path as an exception in any Qt slot: the application's excepthook.
                sys.excepthook(*sys.exc_info())


_dispatcher: _GuiDispatcher | None = None


def _gui_dispatcher() -> _GuiDispatcher:
    global _dispatcher
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("run_in_background needs a QApplication")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("run_in_background must be called on the GUI thread")
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        # Owned by the application, so it lives in the GUI thread for as long as Qt does.
        _dispatcher = _GuiDispatcher(app)
    return _dispatcher


class BackgroundTask(Generic[T]):
    """A job started by ``run_in_background``: cancel it, or ask whether it is over."""

    def __init__(self, token: CancelToken) -> None:
        self.token = token
        self._done = threading.Event()
        self.finished = False
        """True once its last callback has run on the GUI thread."""

    def cancel(self) -> None:
        self.token.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker function has returned (tests and shutdown only)."""
        return self._done.wait(timeout)


class _Progress:
    """Keeps only the newest report: a fast worker cannot flood the GUI thread with updates."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None

    def put(self, value: tuple[int, int, str]) -> bool:
        """Store a report; True if a delivery must be posted (none is waiting already)."""
        with self._lock:
            idle = self._latest is None
            self._latest = value
            return idle

    def take(self) -> tuple[int, int, str] | None:
        with self._lock:
            value, self._latest = self._latest, None
            return value


def run_in_background(
    parent: QObject | None,
    fn: Callable[[CancelToken, Report], T],
    *,
    on_success: Callable[[T], None],
    on_failure: Callable[[Failure], None],
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> BackgroundTask[T]:
    """Run ``fn(token, report)`` in a worker thread; the callbacks run later on the GUI thread.

    If ``parent`` is destroyed first the job is cancelled and no callback runs, so a closed
    dialog is never called back. A function that raises ``Cancelled`` ends in ``on_cancelled``
    (or silently); one that notices ``token.cancelled`` and returns ends in ``on_success`` with
    whatever partial result it chose to return.
    """
    dispatcher = _gui_dispatcher()
    token = CancelToken()
    task: BackgroundTask[T] = BackgroundTask(token)
    progress = _Progress()

    def parent_alive() -> bool:
        return parent is None or shiboken6.isValid(parent)

    # Closing the window that asked for the job cancels it; the link goes when the job ends,
    # so a long-lived parent (the main window) does not collect one per job.
    connection = parent.destroyed.connect(token.cancel) if parent is not None else None

    def deliver_progress() -> None:
        value = progress.take()
        if value is not None and on_progress is not None and parent_alive():
            on_progress(*value)

    def report(done: int, total: int, text: str) -> None:
        if progress.put((done, total, text)):
            dispatcher.post(deliver_progress)

    def finish(callback: Callable[[], None]) -> None:
        task.finished = True
        if parent_alive():
            if connection is not None:
                QObject.disconnect(connection)
            callback()

    def work() -> None:
        try:
            result = fn(token, report)
        except Cancelled:
            dispatcher.post(lambda: finish(on_cancelled or (lambda: None)))
        except Exception as exc:  # every failure must reach the GUI thread, never vanish
            failure = failure_of(exc)
            dispatcher.post(lambda: finish(lambda: on_failure(failure)))
        else:
            dispatcher.post(lambda: finish(lambda: on_success(result)))
        finally:
            task._done.set()

    # ``work`` holds the callbacks and the parent through its closures: widgets, whose last
    # reference must go on the GUI thread, since a widget deleted by a worker thread crashes Qt
    # (seen: a settings tab's table view destroyed in "Thread (pooled)" when the GUI thread had
    # already run the callbacks and let go). The pool runs a shell that hands ``work`` back.
    box = [work]

    def shell() -> None:
        job = box.pop()
        try:
            job()
        finally:
            dispatcher.post(_Release(job))
            del job

    (pool or QThreadPool.globalInstance()).start(shell)
    return task


class _Release:
    """A closure for the GUI thread that does nothing but hold ``kept`` until it is dropped there."""

    __slots__ = ("kept",)

    def __init__(self, kept: object) -> None:
        self.kept = kept

    def __call__(self) -> None:
        self.kept = None
