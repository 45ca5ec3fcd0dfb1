"""Importing work orders from the county hotline's workbook: template, import, problems, history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.reporting import Progress
from app.domain.users import Action, Actor
from app.services import imports, reports
from app.services.context import Services
from app.services.imports import ImportOutcome
from ui.background import BackgroundTask, Failure, failure_of, run_in_background, show_failure
from ui.formatting import format_datetime
from ui.i18n import translate
from ui.reports.jobs import AskPath, JobPanel, ask_save_path, last_folder, remember_folder
from ui.rewards.widgets import fill_table, make_table


def ask_open_path(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        translate("ImportPanel", "Import work orders"),
        last_folder(),
        translate("JobPanel", "Excel workbook (*.xlsx)"),
    )
    return Path(chosen) if chosen else None


class ImportPanel(QGroupBox):
    """导入工单: the template to fill, the import itself, what was refused and why, earlier imports."""

    cases_created = Signal(int)  # how many: the case list and the 工作台 must show them

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Import work orders"), parent)
        self.svc = svc
        self.actor = actor
        self.outcome: ImportOutcome | None = None
        self.history_task: BackgroundTask[list[imports.ImportBatchRow]] | None = None
        self.ask_open = ask_open_path
        self.ask_save: AskPath = ask_save_path

        intro = QLabel(
            self.tr(
                "Work orders passed down by the county hotline are registered as cases from a "
                "workbook in the template's layout, with the same checks as at the counter. A "
                "row is imported whole or not at all; a work order already imported is never "
                "created twice, and a changed one is reported, not overwritten. The file is "
                "archived with the cases it created."
            )
        )
        intro.setWordWrap(True)
        self.template_button = QPushButton(self.tr("Save import template…"))
        self.template_button.clicked.connect(self.save_template)
        self.import_button = QPushButton(self.tr("Import work orders…"))
        self.import_button.setEnabled(actor.can(Action.IMPORT_ORDERS))
        self.import_button.clicked.connect(self.choose_and_import)
        self.errors_button = QPushButton(self.tr("Save the rows not imported…"))
        self.errors_button.clicked.connect(self.save_errors)
        self.errors_button.hide()
        self.job = JobPanel()
        self.job.finished.connect(self._update_buttons)

        self.problems = make_table(
            [self.tr("Row"), self.tr("Work order"), self.tr("Column"), self.tr("Problem")],
            right_aligned=(0,),
        )
        self.history = make_table(
            [
                self.tr("Imported at"),
                self.tr("File"),
                self.tr("By"),
                self.tr("Rows"),
                self.tr("Created"),
                self.tr("Already imported"),
                self.tr("Changed"),
                self.tr("Not imported"),
            ],
            right_aligned=(3, 4, 5, 6, 7),
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.problems, self.tr("This import"))
        self.tabs.addTab(self.history, self.tr("Earlier imports"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.errors_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.job)
        layout.addWidget(self.tabs, 1)
        self.load_history()

    # ----- the template ---------------------------------------------------------------------

    def save_template(self) -> None:
        path = self.ask_save(self, imports.TEMPLATE_FILE_NAME)
        if path is None:
            return
        remember_folder(path)
        try:
            reports.save_report(imports.template_workbook(), path)
        except Exception as exc:  # a DomainError names the folder problem
            show_failure(self, failure_of(exc), self.tr("The template was not written"))
            return
        self.job.show_file(path, self.tr("Template saved: {path}").format(path=path))

    # ----- importing ------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        if self.job.busy:
            return
        path = self.ask_open(self)
        if path is None:
            return
        remember_folder(path)
        self.import_file(path)

    def import_file(self, path: Path) -> None:
        svc, actor = self.svc, self.actor
        self.outcome = None
        self.errors_button.hide()
        fill_table(self.problems, [])

        def work(progress: Progress) -> ImportOutcome:
            return imports.import_orders(svc, actor, path, progress=progress)

        self.job.start(
            work,
            on_success=self._imported,
            on_failure=self._failed,
            note=self.tr("Importing {name}…").format(name=path.name),
        )
        self._update_buttons()

    def _imported(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.job.show_message(outcome.summary(), warning=bool(outcome.rejected or outcome.changed))
        rows = [(str(p.row), p.order_number, p.column, p.problem) for p in outcome.rejected] + [
            (
                str(c.row),
                c.order_number,
                "",
                self.tr("Changed since imported as {number}: {fields}").format(
                    number=c.case_number, fields="、".join(c.fields)
                ),
            )
            for c in outcome.changed
        ]
        fill_table(self.problems, rows)
        self.errors_button.setVisible(outcome.error_workbook is not None)
        self.tabs.setCurrentWidget(self.problems)
        self.load_history()
        if outcome.created:
            self.cases_created.emit(len(outcome.created))

    def save_errors(self) -> None:
        if self.outcome is None or self.outcome.error_workbook is None:
            return
        path = self.ask_save(self, self.outcome.error_file_name)
        if path is None:
            return
        try:
            reports.save_report(self.outcome.error_workbook, path)
        except Exception as exc:
            show_failure(self, failure_of(exc), self.tr("The list was not written"))
            return
        self.job.show_file(
            path,
            self.tr("Rows not imported saved to {path}: correct them and import that file.").format(
                path=path
            ),
        )

    def _failed(self, failure: Failure) -> None:
        show_failure(self, failure, self.tr("Nothing was imported"))

    # ----- history --------------------------------------------------------------------------

    def load_history(self) -> None:
        svc = self.svc
        self.history_task = run_in_background(
            self,
            lambda token, report: imports.import_batches(svc),
            on_success=self._history_loaded,
            on_failure=lambda failure: None,  # the history is a convenience; the log has it
        )

    def _history_loaded(self, batches: list[imports.ImportBatchRow]) -> None:
        fill_table(
            self.history,
            [
                (
                    format_datetime(b.imported_at),
                    b.file_name,
                    b.imported_by,
                    str(b.rows_total),
                    str(b.created),
                    str(b.already),
                    str(b.changed),
                    str(b.rejected),
                )
                for b in batches
            ],
        )

    def _update_buttons(self) -> None:
        busy = self.job.busy
        self.import_button.setEnabled(not busy and self.actor.can(Action.IMPORT_ORDERS))
        self.template_button.setEnabled(not busy)
