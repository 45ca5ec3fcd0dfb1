"""The 报表 page: generate an Excel report for a period, and import work orders from upstream."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.reporting import Progress, ReportKind, ReportPeriod
from app.domain.users import Actor
from app.services import reports
from app.services.context import Services
from app.services.reports import ReportInfo
from ui.background import Failure, show_failure
from ui.formatting import WARNING_STYLE
from ui.reports.imports import ImportPanel
from ui.reports.jobs import AskPath, JobPanel, ask_save_path, remember_folder
from ui.reports.period import PeriodPicker

KIND_ROLE = Qt.ItemDataRole.UserRole


class ReportPanel(QGroupBox):
    """Pick a report and a period, save the workbook; it is built in the background."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Excel reports"), parent)
        self.svc = svc
        self.actor = actor
        self.infos: dict[ReportKind, ReportInfo] = {
            info.kind: info for info in reports.report_infos(actor)
        }
        self.ask_path: AskPath = ask_save_path

        self.list = QListWidget()
        for info in self.infos.values():
            item = QListWidgetItem(info.kind.label)
            item.setData(KIND_ROLE, info.kind.value)
            item.setToolTip(info.description)
            self.list.addItem(item)
        self.list.setMaximumWidth(220)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.internal_note = QLabel(
            self.tr(
                "Internal (RULES §5): this workbook names people. Keep it in the centre; do "
                "not send it upstream or publish it."
            )
        )
        self.internal_note.setWordWrap(True)
        self.internal_note.setStyleSheet(f"{WARNING_STYLE} padding: 4px;")
        self.period = PeriodPicker(svc.today())
        self.period_label = QLabel()
        self.generate_button = QPushButton(self.tr("Generate workbook…"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.job = JobPanel()
        self.job.finished.connect(self._update_buttons)

        form = QFormLayout()
        form.addRow(self.tr("Period:"), self.period)
        form.addRow("", self.period_label)
        right = QVBoxLayout()
        right.addWidget(self.description)
        right.addWidget(self.internal_note)
        right.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        right.addWidget(self.job)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)

        self.list.currentItemChanged.connect(self._kind_changed)
        self.period.changed.connect(self._period_changed)
        self.list.setCurrentRow(0)

    def current_kind(self) -> ReportKind | None:
        item = self.list.currentItem()
        return ReportKind(item.data(KIND_ROLE)) if item is not None else None

    def select(self, kind: ReportKind) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(KIND_ROLE) == kind.value:
                self.list.setCurrentRow(row)
                return

    def generate(self) -> None:
        """Ask where to save, then build the workbook in the background and write it there."""
        kind = self.current_kind()
        if kind is None or self.job.busy:
            return
        period = self.period.period()
        path = self.ask_path(self, reports.default_file_name(kind, period))
        if path is None:
            return
        remember_folder(path)
        self.generate_to(kind, period, path)

    def generate_to(self, kind: ReportKind, period: ReportPeriod, path: Path) -> None:
        svc, actor = self.svc, self.actor

        def work(progress: Progress) -> Path:
            data = reports.build_report(svc, actor, kind, period, progress=progress)
            return reports.save_report(data, path)

        def done(written: Path) -> None:
            self.job.show_file(
                written,
                self.tr("Saved {title} for {period}: {path}").format(
                    title=kind.label, period=period.label, path=written
                ),
            )

        self.job.start(
            work,
            on_success=done,
            on_failure=self._failed,
            note=self.tr("Generating {title} for {period}…").format(
                title=kind.label, period=period.label
            ),
        )
        self._update_buttons()

    def _failed(self, failure: Failure) -> None:
        show_failure(self, failure, self.tr("The workbook was not written"))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        info = self.infos[kind]
        self.description.setText(info.description)
        self.internal_note.setVisible(info.internal)
        if info.span is not None:
            self.period.set_span(info.span, fixed=True)
        else:
            self.period.set_span(self.period.current_span(), fixed=False)
        self._period_changed()

    def _period_changed(self) -> None:
        period = self.period.period()
        self.period_label.setText(
            self.tr("{label}: {first} to {last}").format(
                label=period.label, first=period.first.isoformat(), last=period.last.isoformat()
            )
        )

    def _update_buttons(self) -> None:
        self.generate_button.setEnabled(not self.job.busy)


class ReportsPage(QWidget):
    """报表 (Ctrl+7): the Excel reports above, the import of work orders below."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reports = ReportPanel(svc, actor)
        self.imports = ImportPanel(svc, actor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reports)
        layout.addWidget(self.imports, 1)

    def refresh(self) -> None:
        self.imports.load_history()

    @property
    def busy(self) -> bool:
        return self.reports.job.busy or self.imports.job.busy
