"""Tests for run_in_background: callbacks on the GUI thread, errors, progress, cancellation."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import DomainError, NotFound
from ui.background import (
    INTERNAL_ERROR_MESSAGE,
    BackgroundTask,
    Cancelled,
    CancelToken,
    Failure,
    Report,
    run_in_background,
    show_failure,
)
from ui.i18n import translate

pytestmark = pytest.mark.ui

TIMEOUT_MS = 5000


class Recorder:
    """Collects every callback with the thread it ran on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, threading.Thread]] = []

    def __call__(self, name: str) -> Any:
        def record(*args: Any) -> None:
            value = args[0] if len(args) == 1 else args
            self.calls.append((name, value, threading.current_thread()))

        return record

    def named(self, name: str) -> list[Any]:
        return [value for n, value, _ in self.calls if n == name]

    def start(self, parent: QWidget | None, fn: Any, **kwargs: Any) -> BackgroundTask[Any]:
        return run_in_background(
            parent,
            fn,
            on_success=self("success"),
            on_failure=self("failure"),
            on_progress=self("progress"),
            **kwargs,
        )


def wait_done(qtbot: QtBot, task: BackgroundTask[Any]) -> None:
    qtbot.waitUntil(lambda: task.finished, timeout=TIMEOUT_MS)


def test_success_arrives_on_the_gui_thread_from_a_worker_thread(qtbot: QtBot) -> None:
    worker_threads: list[threading.Thread] = []

    def work(token: CancelToken, report: Report) -> int:
        worker_threads.append(threading.current_thread())
        return 42

    recorder = Recorder()
    task = recorder.start(None, work)
    wait_done(qtbot, task)
    assert recorder.named("success") == [42]
    gui = threading.current_thread()
    assert worker_threads and worker_threads[0] is not gui
    assert all(thread is gui for _, _, thread in recorder.calls)
    app = QApplication.instance()
    assert app is not None and QThread.currentThread() is app.thread()


def test_a_domain_error_is_shown_with_its_own_message(qtbot: QtBot) -> None:
    def work(token: CancelToken, report: Report) -> None:
        raise NotFound("找不到案件 TD01-20260121-0009，请核对案件编号。")

    recorder = Recorder()
    wait_done(qtbot, recorder.start(None, work))
    [failure] = recorder.named("failure")
    assert isinstance(failure, Failure)
    assert failure.message == "找不到案件 TD01-20260121-0009，请核对案件编号。"
    assert not failure.internal
    assert recorder.named("success") == []

    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_failure(parent, failure, "无法打印")
    qtbot.addWidget(box)
    assert box.isVisible()  # open(), not exec(): nothing waits for the clerk to click
    assert box.text() == failure.message
    assert box.windowTitle() == "无法打印"
    assert box.icon() == QMessageBox.Icon.Warning


def test_an_article_is_part_of_the_message(qtbot: QtBot) -> None:
    def work(token: CancelToken, report: Report) -> None:
        raise DomainError("已超过申诉期限", article="FIRE art. 9")

    recorder = Recorder()
    wait_done(qtbot, recorder.start(None, work))
    assert recorder.named("failure")[0].message == "已超过申诉期限（依据：FIRE art. 9）"


def test_a_bug_is_logged_with_its_traceback_and_shown_as_internal(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def work(token: CancelToken, report: Report) -> None:
        raise KeyError("doc_type")

    recorder = Recorder()
    wait_done(qtbot, recorder.start(None, work))
    [failure] = recorder.named("failure")
    assert failure.internal
    assert failure.message == translate("Background", INTERNAL_ERROR_MESSAGE)
    assert failure.message.startswith("内部错误")
    assert failure.message.startswith("内部错误，没有保存或更改任何数据")
    assert isinstance(failure.error, KeyError)
    [record] = [r for r in caplog.records if r.name == "ui.background"]
    assert record.exc_info is not None and record.exc_info[0] is KeyError

    box = show_failure(None, failure)
    qtbot.addWidget(box)
    assert box.windowTitle() == "内部错误"
    assert box.icon() == QMessageBox.Icon.Critical


def test_progress_arrives_in_order_and_ends_with_the_last_report(qtbot: QtBot) -> None:
    steps = 40

    def work(token: CancelToken, report: Report) -> str:
        for done in range(1, steps + 1):
            report(done, steps, f"第 {done} 步")
            time.sleep(0.001)
        return "ok"

    recorder = Recorder()
    wait_done(qtbot, recorder.start(None, work))
    progress = recorder.named("progress")
    done_values = [p[0] for p in progress]
    # A fast worker's reports may be merged, never reordered, and the last one always arrives.
    assert done_values == sorted(set(done_values))
    assert progress[-1] == (steps, steps, f"第 {steps} 步")
    # Every progress callback comes before the result.
    assert [name for name, _, _ in recorder.calls][-1] == "success"


def test_cancel_stops_a_long_job_early(qtbot: QtBot) -> None:
    steps = 100

    def work(token: CancelToken, report: Report) -> int:
        done = 0
        for step in range(steps):
            if token.cancelled:
                break
            time.sleep(0.01)
            done = step + 1
            report(done, steps, "")
        return done

    task: BackgroundTask[int] | None = None

    def on_progress(done: int, total: int, text: str) -> None:
        if done >= 3 and task is not None:
            task.cancel()

    results: list[int] = []
    task = run_in_background(
        None,
        work,
        on_success=results.append,
        on_failure=lambda f: None,
        on_progress=on_progress,
    )
    wait_done(qtbot, task)
    print(f"\ncancelled after 3 of {steps} steps: the job stopped at step {results[0]}")
    assert task.token.cancelled
    assert 3 <= results[0] < steps


def test_raising_cancelled_ends_in_on_cancelled(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(token: CancelToken, report: Report) -> None:
        started.set()
        while True:
            token.raise_if_cancelled()
            time.sleep(0.005)

    recorder = Recorder()
    task = recorder.start(None, work, on_cancelled=lambda: recorder("cancelled")(None))
    assert started.wait(5)
    task.cancel()
    wait_done(qtbot, task)
    assert [name for name, _, _ in recorder.calls] == ["cancelled"]


def test_a_destroyed_parent_cancels_the_job_and_is_never_called_back(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(token: CancelToken, report: Report) -> str:
        started.set()
        while not token.cancelled:
            time.sleep(0.005)
        report(1, 1, "after")
        return "too late"

    parent = QWidget()
    recorder = Recorder()
    task = recorder.start(parent, work)
    assert started.wait(5)
    parent.deleteLater()
    wait_done(qtbot, task)
    assert task.token.cancelled
    assert recorder.calls == []


def test_a_failing_callback_does_not_swallow_the_next_ones(qtbot: QtBot) -> None:
    delivered: list[str] = []

    def broken(result: str) -> None:
        raise RuntimeError("callback bug")

    first = run_in_background(
        None, lambda t, r: "one", on_success=broken, on_failure=lambda f: None
    )
    second = run_in_background(
        None, lambda t, r: "two", on_success=delivered.append, on_failure=lambda f: None
    )
    # The callback's exception goes to sys.excepthook, which pytest-qt turns into a failure.
    with qtbot.captureExceptions() as exceptions:
        qtbot.waitUntil(lambda: first.finished and second.finished, timeout=TIMEOUT_MS)
    assert [str(e[1]) for e in exceptions] == ["callback bug"]
    assert delivered == ["two"]


def test_it_must_be_started_on_the_gui_thread(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def from_a_thread() -> None:
        try:
            run_in_background(None, lambda t, r: None, on_success=print, on_failure=print)
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=from_a_thread)
    thread.start()
    thread.join(5)
    assert [str(e) for e in errors] == ["run_in_background must be called on the GUI thread"]


def test_cancelled_is_an_exception_a_worker_can_raise() -> None:
    token = CancelToken()
    token.raise_if_cancelled()
    token.cancel()
    with pytest.raises(Cancelled):
        token.raise_if_cancelled()


class _LateReleasingPool:
    """A pool whose thread lets go of the job only after the GUI thread has run the callbacks:
    the order that crashed when the job's closures held the last reference to a widget."""

    def __init__(self) -> None:
        self.gui_done = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self, runnable: Any) -> None:
        def main() -> None:
            runnable()
            self.gui_done.wait(10)

        self.thread = threading.Thread(target=main)
        self.thread.start()


def test_what_the_callbacks_hold_is_released_on_the_gui_thread(qtbot: QtBot) -> None:
    released_on: list[bool] = []
    held = QObject()
    held.destroyed.connect(
        lambda: released_on.append(threading.current_thread() is threading.main_thread()),
        Qt.ConnectionType.DirectConnection,
    )
    pool = _LateReleasingPool()
    task = run_in_background(
        None,
        lambda token, report: 1,
        on_success=lambda _result, kept=held: kept.objectName(),
        on_failure=lambda failure: None,
        pool=pool,  # type: ignore[arg-type]
    )
    del held
    qtbot.waitUntil(lambda: task.finished)
    pool.gui_done.set()
    assert pool.thread is not None
    pool.thread.join(10)
    qtbot.waitUntil(lambda: bool(released_on))
    assert released_on == [True]
