"""The yearly disclosure list of rewards (FIRE art. 3): names masked, previewed before printing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.payloads import DisclosureRow
from app.domain.users import Actor
from app.services import rewards
from app.services.context import Services
from ui.background import BackgroundTask, Failure, run_in_background
from ui.formatting import format_date
from ui.login_dialog import ErrorLabel
from ui.printing.preview import PdfPreviewDialog
from ui.rewards.model import yuan
from ui.rewards.widgets import fill_table, make_table, print_with_preview


class DisclosureDialog(QDialog):
    """Pick a year, see what will be published, print it."""

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.rows: list[DisclosureRow] = []
        self.task: BackgroundTask[list[DisclosureRow]] | None = None
        self.print_task: BackgroundTask[rewards.RewardDocument] | None = None
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle(self.tr("Yearly disclosure of rewards"))
        self.setMinimumSize(720, 480)

        intro = QLabel(
            self.tr(
                "The rewards decided in a year are published with the reporters' names masked "
                "(FIRE art. 3, RULES §5). Awards waived, cancelled, found fraudulent or cut to "
                "nothing by the yearly cap are not listed."
            )
        )
        intro.setWordWrap(True)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(svc.now().year)
        self.year.valueChanged.connect(self.load)
        self.summary = QLabel()
        self.error_label = ErrorLabel()
        self.table = make_table(
            [
                self.tr("Reporter"),
                self.tr("Hazard category"),
                self.tr("Award (yuan)"),
                self.tr("Decided on"),
                self.tr("Case number"),
            ],
            right_aligned=(2,),
        )
        self.print_button = QPushButton(self.tr("Print disclosure list…"))
        self.print_button.clicked.connect(self.print_list)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.load()

    def load(self) -> None:
        if self.task is not None:
            self.task.cancel()
        svc, year = self.svc, self.year.value()
        self.summary.setText(self.tr("Loading…"))
        self.print_button.setEnabled(False)
        self.task = run_in_background(
            self,
            lambda token, report: rewards.disclosure_rows(svc, year),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, rows: list[DisclosureRow]) -> None:
        self.task = None
        self.rows = rows
        self.error_label.clear_message()
        fill_table(
            self.table,
            [
                (
                    r.masked_name,
                    r.hazard_category_label,
                    yuan(r.award_fen),
                    format_date(r.decided_on),
                    r.case_number,
                )
                for r in rows
            ],
        )
        self.summary.setText(
            self.tr("{count} awards, {total} yuan in all").format(
                count=len(rows), total=yuan(sum(r.award_fen for r in rows))
            )
        )
        # An empty list is still a publication (nothing was awarded that year).
        self.print_button.setEnabled(True)

    def _failed(self, failure: Failure) -> None:
        self.task = None
        self.summary.setText("")
        self.error_label.show_message(failure.message)

    def print_list(self) -> None:
        svc, actor, year = self.svc, self.actor, self.year.value()
        self.print_task = print_with_preview(
            self, self.print_button, lambda: rewards.disclosure_document(svc, actor, year)
        )
