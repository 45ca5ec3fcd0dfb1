"""Starting the GUI: the Qt application, the database, first run, sign-in, then the main window."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.domain.errors import DomainError
from app.domain.users import Actor
from app.persistence.migrate import upgrade
from app.services import users
from app.services.context import Services
from app.services.settings import status
from ui import gc_guard, i18n, preferences
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.login_dialog import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow

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


def configure_application(app: QApplication, language: str | None = None) -> None:
    """Names, the translation and a font that has Chinese glyphs; for run_gui, tests, screenshots.

    The language is ``language``, else $TOWNDESK_LANG, else the ``ui/language`` setting, else
    Simplified Chinese (see ui.i18n).
    """
    app.setApplicationName(preferences.APPLICATION)
    app.setOrganizationName(preferences.ORGANIZATION)
    gc_guard.install(app)
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


def run_gui(url: str, data_dir: Path) -> int:
    """Start TownDesk's window on the database at ``url``; returns the process exit code."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    configure_application(app)
    log_file = _log_to_file(data_dir)
    _install_excepthook(log_file)
    try:
        svc = Services.open(url, data_dir)
        # Schema changes are applied on start; the backup before it comes with the backup issue.
        upgrade(svc.database)
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
    try:
        actor = _sign_in(svc)
        if actor is None:
            return 0
        window = build_main_window(svc, actor)
        window.show()
        window.apply_automatic_ends()
        return app.exec()
    finally:
        svc.close()
