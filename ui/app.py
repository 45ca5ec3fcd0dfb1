"""Starting the GUI: the Qt application, the database, first run, sign-in, then the main window."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import users
from app.services.context import Services
from app.services.settings import status
from ui import gc_guard, i18n, preferences
from ui.background import (
    BackgroundTask,
    Cancelled,
    CancelToken,
    Failure,
    Report,
    run_in_background,
    show_failure,
)
from ui.formatting import format_datetime
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.login_dialog import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from app.services.backup import BackupInfo

# app.services.backup and the migrations (Alembic) are imported where they are used: a start
# on an up-to-date database needs neither before the window shows (issue 9).

T = TypeVar("T")

log = logging.getLogger(__name__)

# Fonts with Simplified Chinese glyphs, best first: Windows (the counter PCs), then Linux, macOS.
CJK_FONT_FAMILIES = (
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "SimHei",
)
# Eight hours a day at a counter: never smaller than this, whatever the platform default.
MIN_POINT_SIZE = 10

INTERNAL_ERROR = QT_TRANSLATE_NOOP(
    "Application",
    "An internal error occurred; the last operation did not save or change any data.\n"
    "The details are in the log file; please give the log to the administrator:\n{log_file}",
)


def redact_url(url: str) -> str:
    """A database URL fit for a message or a log: the password replaced by ***."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def choose_cjk_family(available: Iterable[str]) -> str | None:
    present = set(available)
    return next((family for family in CJK_FONT_FAMILIES if family in present), None)


GUI_SWITCH_INTERVAL_S = 0.001


def configure_application(app: QApplication, language: str | None = None) -> None:
    """Names, the translation and a font that has Chinese glyphs; for run_gui, tests, screenshots.

    The language is ``language``, else $TOWNDESK_LANG, else the ``ui/language`` setting, else
    Simplified Chinese (see ui.i18n).
    """
    app.setApplicationName(preferences.APPLICATION)
    app.setOrganizationName(preferences.ORGANIZATION)
    gc_guard.install(app)
    # Qt calls into Python many times per repaint, and each call waits for a worker to hand over
    # the interpreter lock, up to one switch interval: at Python's 5 ms, a statistics job over
    # 133,000 cases held the window up to 102 ms; at 1 ms, 68 ms (issue 9's 100 ms goal).
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    i18n.install_translator(app, language)
    font = QFont(app.font())
    family = choose_cjk_family(QFontDatabase.families())
    if family is not None:
        font.setFamily(family)
    else:
        log.warning(
            "no font with Chinese glyphs among %s; Qt's fallback is used", CJK_FONT_FAMILIES
        )
    font.setPointSize(max(font.pointSize(), MIN_POINT_SIZE))
    app.setFont(font)


def build_main_window(svc: Services, actor: Actor) -> MainWindow:
    """The main window for a signed-in user, without any dialog (tests, screenshots)."""
    return MainWindow(svc, actor)


def _log_to_file(data_dir: Path) -> Path:
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "towndesk.log"
    handler = RotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return log_file


def _install_excepthook(log_file: Path) -> None:
    """Uncaught exceptions in slots: a clerk's mistake is explained, a bug is logged and admitted."""

    def hook(kind: type[BaseException], exc: BaseException, trace: TracebackType | None) -> None:
        if isinstance(exc, DomainError):
            QMessageBox.warning(
                QApplication.activeWindow(),
                translate("Application", "Cannot complete the operation"),
                str(exc),
            )
            return
        log.error("internal error", exc_info=(kind, exc, trace))
        QMessageBox.critical(
            QApplication.activeWindow(),
            translate("Application", "Internal error"),
            translate("Application", INTERNAL_ERROR).format(log_file=log_file),
        )

    sys.excepthook = hook


def _sign_in(svc: Services) -> Actor | None:
    """First run (create the administrator) if needed, then the login dialog; None = cancelled."""
    username = ""
    if not users.has_users(svc):
        first_run = FirstRunDialog(svc)
        if first_run.exec() != QDialog.DialogCode.Accepted or first_run.actor is None:
            return None
        username = first_run.actor.username
    login = LoginDialog(svc, username=username, centre_name=status(svc).centre_name)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    return login.actor


def run_with_progress(
    title: str, fn: Callable[[CancelToken, Report], T], parent: QWidget | None = None
) -> T:
    """Run ``fn`` in the background and wait for it, with a progress dialog if it takes long.

    For start-up and shutdown only (a restore, the backup before a migration, the backup on
    exit), when there is no window to keep working in; the dialog appears after half a second.
    """
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle(translate("Application", "TownDesk"))
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    outcome: list[object] = []

    def progress(done: int, total: int, text: str) -> None:
        if total > 1:
            dialog.setMaximum(total)
            dialog.setValue(done)
        dialog.setLabelText(f"{title}\n{text}")

    def finish(value: object) -> None:
        outcome.append(value)
        loop.quit()

    run_in_background(None, fn, on_success=finish, on_failure=finish, on_progress=progress)
    while not outcome:
        # After the application's own loop has ended (the backup on exit) a nested loop may
        # return at once: keep delivering events until the job has answered.
        loop.exec()
        if not outcome:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.close()
    dialog.deleteLater()
    result = outcome[0]
    if isinstance(result, Failure):
        raise result.error
    return result  # type: ignore[return-value]


def _offer_newest_backup(url: str, data_dir: Path, problems: list[str]) -> bool:
    """A damaged database at start: restore the newest good backup, or quit. True = restored."""
    from app.services import backup
    from ui.settings.backup import reason_name

    log.error("the database %s is damaged: %s", redact_url(url), problems)
    folder = backup.backup_folder_for(url, data_dir)
    newest = backup.newest_good_backup(folder)
    box = QMessageBox(
        QMessageBox.Icon.Critical, translate("Application", "The database is damaged"), ""
    )
    box.setDetailedText("\n".join(problems))
    quit_button = box.addButton(translate("Application", "Quit"), QMessageBox.ButtonRole.RejectRole)
    if newest is None:
        box.setText(
            translate(
                "Application",
                "The database is damaged and no usable backup was found in {folder}.\n"
                "Please do not delete anything: copy the whole data folder {data_dir} and ask "
                "for technical support.",
            ).format(folder=folder, data_dir=data_dir)
        )
        box.exec()
        return False
    when = format_datetime(newest.created_at)
    box.setText(
        translate(
            "Application",
            "The database is damaged and cannot be used safely.\n\n"
            "The newest good backup is from {time} ({reason}). Restore it? Whatever was entered "
            "after that time must be entered again. The damaged file is kept in the backup folder.",
        ).format(time=when, reason=reason_name(newest.reason))
    )
    restore_button = box.addButton(
        translate("Application", "Restore the backup of {time}").format(time=when),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.setDefaultButton(restore_button)
    box.exec()
    if box.clickedButton() is quit_button or box.clickedButton() is not restore_button:
        return False
    run_with_progress(
        translate("Application", "Restoring the backup…"),
        lambda token, report: backup.restore(
            url, newest.path, None, data_dir=data_dir, progress=report
        ),
    )
    return True


def _next_midnight(now: datetime) -> datetime:
    return datetime.combine(now.date() + timedelta(days=1), time(0, 0), now.tzinfo)


class AutomaticBackups(QObject):
    """The daily backup: at start when the newest is older than a day, then every midnight."""

    def __init__(self, svc: Services, window: QWidget) -> None:
        super().__init__(window)
        self.svc = svc
        self.window = window
        self.task: BackgroundTask[BackupInfo] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._midnight)

    def start(self) -> None:
        from app.services import backup

        if backup.backup_due(self.svc):
            self.run()
        self.arm()

    def arm(self) -> None:
        # A minute past midnight: the day's name in the file is the new day's.
        now = self.svc.now()
        wait = _next_midnight(now) + timedelta(minutes=1) - now
        self.timer.start(max(1000, int(wait.total_seconds() * 1000)))

    def _midnight(self) -> None:
        self.run()
        self.arm()

    def run(self) -> BackgroundTask[BackupInfo] | None:
        if self.task is not None:
            return None
        from app.services import backup

        svc = self.svc

        def work(token: CancelToken, report: Report) -> BackupInfo:
            return backup.backup_now(svc, None, reason=backup.DAILY, progress=report)

        self.task = run_in_background(self, work, on_success=self._done, on_failure=self._failed)
        return self.task

    def _done(self, info: BackupInfo) -> None:
        self.task = None
        log.info("daily backup %s", info.path)

    def _failed(self, failure: Failure) -> None:
        self.task = None
        log.warning("daily backup failed: %s", failure.message)
        show_failure(self.window, failure, translate("Application", "The daily backup failed"))


def back_up_on_exit(svc: Services) -> BackupInfo | None:
    """The backup when the main window has closed: quick, with a short progress if it is not."""
    from app.services import backup

    # Jobs still running (a daily backup, a report) finish first: the copy sees their work.
    QThreadPool.globalInstance().waitForDone(60_000)
    try:
        return run_with_progress(
            translate("Application", "Backing up before closing…"),
            lambda token, report: backup.backup_now(
                svc, None, reason=backup.ON_EXIT, progress=report
            ),
        )
    except DomainError as exc:
        log.warning("backup on exit failed: %s", exc)
        QMessageBox.warning(
            None,
            translate("Application", "The backup on exit failed"),
            translate(
                "Application",
                "{reason}\n\nEverything is saved in the database; only the backup copy is "
                "missing. An administrator can check the backup folder under Settings › Backup.",
            ).format(reason=exc),
        )
    except Exception:
        log.exception("backup on exit failed")
    return None


class DatabaseCheck(QObject):
    """The database's full check in the background, once the window is usable (issue 9).

    A check before the window took 25 s on a 4.45 GB file; it runs there only after an unclean
    exit (see backup.start_check). Damage found here is told at once: the clerk finishes, closes,
    and the next start (which then checks first) offers the newest good backup.
    """

    def __init__(self, url: str, data_dir: Path, window: QWidget) -> None:
        super().__init__(window)
        self.url = url
        self.data_dir = data_dir
        self.window = window
        self.task: BackgroundTask[list[str]] | None = None
        self.problems: list[str] = []
        self.box: QMessageBox | None = None

    def start(self) -> BackgroundTask[list[str]]:
        from app.services import backup

        url = self.url

        def work(token: CancelToken, report: Report) -> list[str]:
            try:
                return backup.check_database(url, should_stop=lambda: token.cancelled)
            except backup.CheckStopped:
                raise Cancelled from None

        self.task = run_in_background(
            self, work, on_success=self._checked, on_failure=self._failed, on_cancelled=self._gone
        )
        return self.task

    def stop(self) -> None:
        """Closing: the check stops at once (it is done again at the next start)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait(10)

    def _gone(self) -> None:
        self.task = None

    def _failed(self, failure: Failure) -> None:
        self.task = None
        if failure.message:
            log.warning("background database check did not finish: %s", failure.message)

    def _checked(self, problems: list[str]) -> None:
        from app.services import backup

        self.task = None
        if not problems:
            backup.record_check(self.url, self.data_dir)
            return
        self.problems = problems
        log.error("the database %s is damaged: %s", redact_url(self.url), problems)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            translate("Application", "The database is damaged"),
            translate("Application", DAMAGE_FOUND),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setDetailedText("\n".join(problems))
        self.box = box
        box.open()


DAMAGE_FOUND = QT_TRANSLATE_NOOP(
    "Application",
    "The check of the database found damage. Please do not delete anything: finish what you "
    "are entering, then close TownDesk and start it again; it will then offer to restore the "
    "newest good backup.",
)


def run_gui(url: str, data_dir: Path) -> int:
    """Start TownDesk's window on the database at ``url``; returns the process exit code."""
    from app.persistence.migrate import upgrade_with_backup
    from app.services import backup
    from ui.settings.backup import RESTORED_PROPERTY

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    configure_application(app)
    log_file = _log_to_file(data_dir)
    _install_excepthook(log_file)
    app.setProperty(RESTORED_PROPERTY, False)
    try:
        when = backup.start_check(url, data_dir)
        if when == backup.START_CHECK_NOW:
            problems = backup.check_database(url)
            if problems and not _offer_newest_backup(url, data_dir, problems):
                return 1
            if not problems:
                backup.record_check(url, data_dir)
        svc = Services.open(url, data_dir)
        # A migration always takes a verified backup first (DESIGN "Storage"; issue 8).
        run_with_progress(
            translate("Application", "Backing up and upgrading the database…"),
            lambda token, report: upgrade_with_backup(svc.database, data_dir),
        )
    except DomainError as exc:
        log.error("could not open or migrate the database %s: %s", redact_url(url), exc)
        QMessageBox.critical(None, translate("Application", "Cannot open the database"), str(exc))
        return 1
    except Exception:
        log.exception("could not open or migrate the database %s", redact_url(url))
        QMessageBox.critical(
            None,
            translate("Application", "Cannot open the database"),
            translate(
                "Application",
                "Cannot open or upgrade the database:\n{url}\n\nPlease check that the database "
                "file or server is available and can be read and written, then start again.\n"
                "The details are in the log: {log_file}",
            ).format(url=redact_url(url), log_file=log_file),
        )
        return 1
    # Until the program ends cleanly: a crash or power cut leaves the mark, and the next start
    # checks the whole file before opening it.
    backup.begin_session(url, data_dir)
    damaged = False
    try:
        actor = _sign_in(svc)
        if actor is None:
            return 0
        window = build_main_window(svc, actor)
        window.show()
        window.apply_automatic_ends()
        check = DatabaseCheck(url, data_dir, window)
        if when == backup.START_CHECK_BACKGROUND:
            check.start()
        automatic = AutomaticBackups(svc, window)
        automatic.start()
        code = app.exec()
        automatic.timer.stop()
        check.stop()
        damaged = bool(check.problems)
        if not app.property(RESTORED_PROPERTY):
            back_up_on_exit(svc)
        return code
    finally:
        svc.close()
        if not damaged:
            backup.end_session(url, data_dir)
