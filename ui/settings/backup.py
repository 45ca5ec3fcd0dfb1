"""The 备份 tab: where backups go, how many are kept, back up now, the list, and restore (issue 8)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.users import Action, Actor
from app.services import admin, backup, settings
from app.services.backup import BackupInfo, RestoreResult
from app.services.context import Services
from ui.background import BackgroundTask, CancelToken, Failure, Report, run_in_background
from ui.formatting import format_datetime
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.settings.common import (
    Field,
    Message,
    RecordTableModel,
    fit_columns,
    note_label,
    record_table,
    selected_row,
)
from ui.settings.printing import FolderField

# The application property run_gui reads: after a restore, no backup on exit (it would only copy
# the restored file again and push an older generation out).
RESTORED_PROPERTY = "towndesk_restored"

REASON_NAMES = {
    backup.MANUAL: QT_TRANSLATE_NOOP("Backup", "By hand"),
    backup.ON_EXIT: QT_TRANSLATE_NOOP("Backup", "On exit"),
    backup.DAILY: QT_TRANSLATE_NOOP("Backup", "Daily"),
    backup.BEFORE_MIGRATION: QT_TRANSLATE_NOOP("Backup", "Before upgrade"),
    backup.BEFORE_RESTORE: QT_TRANSLATE_NOOP("Backup", "Before restore"),
    backup.DAMAGED: QT_TRANSLATE_NOOP("Backup", "Damaged database (kept)"),
}


def reason_name(reason: str) -> str:
    name = REASON_NAMES.get(reason)
    return translate("Backup", name) if name else reason


def size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, size // 1000)} KB"


BACKUP_FIELDS: tuple[Field[BackupInfo], ...] = (
    Field(
        QT_TRANSLATE_NOOP("Settings", "Time"),
        lambda b: format_datetime(b.created_at),
        lambda b: str(b.path),
    ),
    Field(QT_TRANSLATE_NOOP("Settings", "Reason"), lambda b: reason_name(b.reason)),
    Field(QT_TRANSLATE_NOOP("Settings", "Size"), lambda b: size_text(b.size)),
    Field(
        QT_TRANSLATE_NOOP("Settings", "Verified"),
        lambda b: translate("Backup", "✓ Verified") if b.verified else translate("Backup", "No"),
        lambda b: (
            translate(
                "Backup", "Integrity check passed and row counts matched: {rows} rows"
            ).format(rows=b.rows)
            if b.verified
            else translate("Backup", "No manifest: not checked when it was made")
        ),
    ),
    Field(
        QT_TRANSLATE_NOOP("Settings", "By"),
        lambda b: b.actor or translate("Backup", "Automatic"),
    ),
)


def close_program() -> None:
    """After a restore the program must start again: nothing may keep the old data in memory."""
    app = QApplication.instance()
    if app is not None:
        app.setProperty(RESTORED_PROPERTY, True)
        QApplication.closeAllWindows()


class BackupTab(QWidget):
    saved = Signal()
    backed_up = Signal(object)  # BackupInfo
    restored = Signal(object)  # RestoreResult

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.task: BackgroundTask[object] | None = None
        self.confirm: QMessageBox | None = None
        self.done_box: QMessageBox | None = None
        # What happens once the restored program has said so; tests replace it.
        self.after_restore: Callable[[], None] = close_program

        self.folder = FolderField(
            self.tr("Choose the backup folder"),
            self.tr("Empty: the backups folder in the data folder"),
        )
        self.generations = QSpinBox()
        self.generations.setRange(1, backup.MAX_GENERATIONS)
        self.generations.setSuffix(self.tr(" backups"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.message = Message()
        form = QFormLayout()
        form.addRow(self.tr("Backup location:"), self.folder)
        form.addRow(self.tr("Keep:"), self.generations)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.message, 1)

        self.model: RecordTableModel[BackupInfo] = RecordTableModel(BACKUP_FIELDS, parent=self)
        self.table = record_table(self.model)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore from backup…"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.choose_restore)
        self.backup_button.setEnabled(actor.can(Action.BACKUP))
        self.restore_button.setEnabled(actor.can(Action.RESTORE))
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.job_message = Message()
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.progress, 1)

        database = settings.status(svc).database.removeprefix("sqlite:///")
        self.notice = note_label(
            self.tr(
                "Every backup is checked (integrity check and row counts) before it is kept. "
                "TownDesk backs up by itself when the program closes, once a day, and before "
                "upgrading the database; the oldest backups beyond the number kept are deleted "
                "(the newest of each of the last days stays). Choose a folder on another disk "
                "or a USB stick so that a broken disk does not take the backups with it.\n"
                "Database: {database}"
            ).format(database=database)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addLayout(actions)
        layout.addWidget(self.job_message)
        layout.addWidget(self.table, 1)
        self.load()

    # ----- settings -------------------------------------------------------------------------

    def load(self) -> None:
        self.folder.path.setText(admin.backup_dir(self.svc))
        self.generations.setValue(backup.generations(self.svc))
        self.load_list()

    def load_list(self) -> None:
        self.model.set_records(backup.list_backups(self.svc))
        fit_columns(self.table)

    def save(self) -> None:
        try:
            admin.set_backup_dir(self.svc, self.actor, self.folder.text())
            if self.generations.value() != backup.generations(self.svc):
                backup.set_generations(self.svc, self.actor, self.generations.value())
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.load()
        self.message.ok(
            self.tr("Saved: backups go to {folder}, the newest {count} are kept.").format(
                folder=backup.backup_folder(self.svc), count=self.generations.value()
            )
        )
        self.saved.emit()

    # ----- jobs -----------------------------------------------------------------------------

    def _start(
        self, fn: Callable[[CancelToken, Report], object], on_success: Callable[[object], None]
    ) -> None:
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.task = run_in_background(
            self,
            fn,
            on_success=on_success,
            on_failure=self._failed,
            on_progress=self._show_progress,
        )

    def _finish(self) -> None:
        self.task = None
        self.progress.hide()
        self.backup_button.setEnabled(self.actor.can(Action.BACKUP))
        self.restore_button.setEnabled(self.actor.can(Action.RESTORE))

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if total > 1:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        self.job_message.note(text)

    def _failed(self, failure: Failure) -> None:
        self._finish()
        self.job_message.error(failure.message)
        self.load_list()

    def back_up_now(self) -> None:
        if self.task is not None:
            return
        svc, actor = self.svc, self.actor

        def work(token: CancelToken, report: Report) -> BackupInfo:
            return backup.backup_now(svc, actor, reason=backup.MANUAL, progress=report)

        self.job_message.note(self.tr("Backing up…"))
        self._start(work, self._backed_up)

    def _backed_up(self, result: object) -> None:
        assert isinstance(result, BackupInfo)
        self._finish()
        self.load_list()
        self.job_message.ok(
            self.tr("Backup made and verified: {file} ({size}).").format(
                file=result.path, size=size_text(result.size)
            )
        )
        self.backed_up.emit(result)

    # ----- restore --------------------------------------------------------------------------

    def choose_restore(self) -> None:
        """The selected backup; with none selected, a file chosen (e.g. from a USB stick)."""
        if self.task is not None:
            return
        row = selected_row(self.table)
        if row is not None:
            self.ask_restore(self.model.record(row).path)
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup file"),
            str(backup.backup_folder(self.svc)),
            self.tr("TownDesk backups (towndesk-*.db towndesk-*.dump *.db *.dump)"),
        )
        if path:
            self.ask_restore(Path(path))

    def ask_restore(self, path: Path) -> QMessageBox:
        info = backup.read_backup(path)
        when = (
            format_datetime(info.created_at)
            if info is not None
            else self.tr("unknown time (not a TownDesk backup name)")
        )
        box = QMessageBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Restore from backup"))
        box.setText(self.tr("Restore the database to the backup of {time}?").format(time=when))
        box.setInformativeText(
            self.tr(
                "Everything entered after {time} will be gone from the database. The current "
                "database is backed up first (reason: before restore), so this can be undone. "
                "Afterwards the program closes and must be started again.\nFile: {file}"
            ).format(time=when, file=path)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        go = box.button(QMessageBox.StandardButton.Yes)
        go.setText(self.tr("Restore"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self.restore(path) if button == go else None)
        box.finished.connect(self._forget_confirm)
        self.confirm = box
        box.open()
        return box

    def _forget_confirm(self) -> None:
        self.confirm = None

    def restore(self, path: Path) -> None:
        if self.task is not None:
            return
        svc, actor = self.svc, self.actor

        def work(token: CancelToken, report: Report) -> RestoreResult:
            return backup.restore(svc, path, actor, progress=report)

        self.job_message.note(self.tr("Checking the backup and restoring…"))
        self._start(work, self._restored)

    def _restored(self, result: object) -> None:
        assert isinstance(result, RestoreResult)
        self._finish()
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        when = format_datetime(result.restored.created_at)
        self.job_message.ok(self.tr("Restored the backup of {time}.").format(time=when))
        self.restored.emit(result)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Database restored"),
            self.tr(
                "The database was restored to the backup of {time}. The program will now close; "
                "please start it again.\nThe database as it was before is kept as: {file}"
            ).format(
                time=when,
                file=result.before_restore.path if result.before_restore else self.tr("(none)"),
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._restore_acknowledged)
        self.done_box = box
        box.open()

    def _restore_acknowledged(self) -> None:
        self.done_box = None
        self.after_restore()
