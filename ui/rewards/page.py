"""The 奖励 page: the reward queues by stage, each with its count, and the claims of one stage."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import Action, Actor
from app.services import rewards
from app.services.context import Services
from app.services.rewards import Stage
from ui.background import BackgroundTask, Failure, run_in_background, show_failure
from ui.rewards.claim import ClaimDialog
from ui.rewards.disclosure import DisclosureDialog
from ui.rewards.exclusions import ExclusionRegisterDialog
from ui.rewards.model import CASE_ID_ROLE, RewardQueueModel, RewardRow, stage_rows

STAGE_ROLE = Qt.ItemDataRole.UserRole


class RewardsPage(QWidget):
    """Stages on the left (with counts), the claims of the chosen stage on the right."""

    claim_changed = Signal(int)

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.counts_task: BackgroundTask[dict[Stage, int]] | None = None
        self.rows_task: BackgroundTask[list[RewardRow]] | None = None
        self.claim_dialog: ClaimDialog | None = None
        self.exclusion_dialog: ExclusionRegisterDialog | None = None
        self.disclosure_dialog: DisclosureDialog | None = None
        self.expire_task: BackgroundTask[list[int]] | None = None

        self.stages = QListWidget()
        self.stages.setObjectName("rewardStages")
        for stage in Stage:
            item = QListWidgetItem(stage.label)
            item.setData(STAGE_ROLE, stage.value)
            self.stages.addItem(item)
        self.stages.setFixedWidth(170)
        self.stages.setCurrentRow(0)
        self.stages.currentRowChanged.connect(lambda _row: self.load_rows())

        self.model = RewardQueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_activated)

        self.status = QLabel()
        self.notice = QLabel()  # the outcome of the last on-demand run, kept across reloads
        self.notice.setObjectName("rewardsNotice")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the queues again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button = QPushButton(self.tr("Open claim"))
        self.open_button.clicked.connect(self.open_current)
        self.exclusions_button = QPushButton(self.tr("Exclusion register…"))
        self.exclusions_button.setToolTip(
            self.tr("Persons excluded from rewards (FIRE art. 6); administrators only")
        )
        self.exclusions_button.setVisible(actor.can(Action.MANAGE_EXCLUSIONS))
        self.exclusions_button.clicked.connect(self.open_exclusions)
        self.disclosure_button = QPushButton(self.tr("Disclosure list…"))
        self.disclosure_button.setToolTip(
            self.tr("The year's rewards with names masked, for publication (FIRE art. 3)")
        )
        self.disclosure_button.setVisible(actor.can(Action.PRINT_DOCUMENT))
        self.disclosure_button.clicked.connect(self.open_disclosure)
        self.expire_button = QPushButton(self.tr("Apply expiries now"))
        self.expire_button.setToolTip(
            self.tr(
                "Waive awards not collected in time and cancel undeliverable ones "
                "(FIRE art. 10); the program also does this when it starts"
            )
        )
        self.expire_button.setVisible(actor.can(Action.EXPIRE_AWARDS))
        self.expire_button.clicked.connect(self.expire_now)

        top = QHBoxLayout()
        top.addWidget(self.status)
        top.addWidget(self.notice, 1)
        top.addWidget(self.expire_button)
        top.addWidget(self.disclosure_button)
        top.addWidget(self.exclusions_button)
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stages)
        layout.addLayout(right, 1)
        self.setFocusProxy(self.stages)

    # ----- loading ------------------------------------------------------------------------------

    def current_stage(self) -> Stage:
        item = self.stages.currentItem()
        return Stage(item.data(STAGE_ROLE)) if item is not None else Stage.AWAITING_VERIFICATION

    def select_stage(self, stage: Stage) -> None:
        for row in range(self.stages.count()):
            if self.stages.item(row).data(STAGE_ROLE) == stage.value:
                self.stages.setCurrentRow(row)
                return

    def refresh(self) -> None:
        self.load_counts()
        self.load_rows()

    def load_counts(self) -> None:
        if self.counts_task is not None:
            self.counts_task.cancel()
        svc = self.svc
        self.counts_task = run_in_background(
            self,
            lambda token, report: rewards.stage_counts(svc),
            on_success=self._counts_loaded,
            on_failure=self._failed,
        )

    def load_rows(self) -> None:
        if self.rows_task is not None:
            self.rows_task.cancel()
        svc, stage = self.svc, self.current_stage()
        self.status.setText(self.tr("Loading…"))
        self.rows_task = run_in_background(
            self,
            lambda token, report: stage_rows(svc, stage),
            on_success=self._rows_loaded,
            on_failure=self._failed,
        )

    def _counts_loaded(self, counts: dict[Stage, int]) -> None:
        self.counts_task = None
        for row in range(self.stages.count()):
            item = self.stages.item(row)
            stage = Stage(item.data(STAGE_ROLE))
            item.setText(f"{stage.label}（{counts.get(stage, 0)}）")

    def _rows_loaded(self, rows: list[RewardRow]) -> None:
        self.rows_task = None
        self.model.set_rows(rows)
        self.status.setText(self.tr("{count} claims").format(count=len(rows)))
        if rows:
            self.table.selectRow(0)

    def _failed(self, failure: Failure) -> None:
        self.counts_task = None
        self.rows_task = None
        self.status.setText(failure.message)

    def is_loading(self) -> bool:
        return any(
            task is not None for task in (self.counts_task, self.rows_task, self.expire_task)
        )

    def expire_now(self) -> None:
        """FIRE art. 10's two automatic ends, on demand; each change is an event of its case."""
        svc, actor = self.svc, self.actor
        self.expire_button.setEnabled(False)

        def done(changed: list[int]) -> None:
            self.expire_task = None
            self.expire_button.setEnabled(True)
            self.refresh()
            self.notice.setText(
                self.tr("Expiries applied: {count} claims waived or cancelled.").format(
                    count=len(changed)
                )
            )
            for case_id in changed:
                self.claim_changed.emit(case_id)

        def failed(failure: Failure) -> None:
            self.expire_task = None
            self.expire_button.setEnabled(True)
            show_failure(self, failure)

        self.expire_task = run_in_background(
            self,
            lambda token, report: rewards.expire_overdue(svc, actor),
            on_success=done,
            on_failure=failed,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # ----- opening --------------------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        case_id = self.model.index(index.row(), 0).data(CASE_ID_ROLE)
        if case_id is not None:
            self.open_claim(int(case_id))

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._on_activated(index)

    def open_claim(self, case_id: int) -> ClaimDialog:
        dialog = ClaimDialog(self.svc, self.actor, case_id, self)
        dialog.changed.connect(self.refresh)
        dialog.changed.connect(lambda: self.claim_changed.emit(case_id))
        self.claim_dialog = dialog
        dialog.open()
        return dialog

    def open_disclosure(self) -> DisclosureDialog:
        dialog = DisclosureDialog(self.svc, self.actor, self)
        self.disclosure_dialog = dialog
        dialog.open()
        return dialog

    def open_exclusions(self) -> ExclusionRegisterDialog:
        dialog = ExclusionRegisterDialog(self.svc, self.actor, self)
        self.exclusion_dialog = dialog
        dialog.open()
        return dialog
