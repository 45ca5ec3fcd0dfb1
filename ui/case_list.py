"""The case list page: a filter bar (search, state, deadline, kind) over the lazy case table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.reporting import Progress
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, Kind, StateGroup
from app.services import queries
from app.services.context import Services
from app.services.queries import CaseFilter, DueFilter
from ui import preferences
from ui.background import Failure, show_failure
from ui.case_table_model import (
    COL_DAYS_LEFT,
    COL_DUE,
    COL_KIND,
    COL_NUMBER,
    COL_PRIORITY,
    COL_RECEIVED,
    COL_STATE,
    COL_SUBMITTER,
    COL_SUMMARY,
    COL_UNIT,
    COLUMNS,
    DEFAULT_SORT_COLUMN,
    DEFAULT_SORT_ORDER,
    CaseTableModel,
    RowFetcher,
    is_sortable,
)
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.reports.jobs import AskPath, JobPanel, ask_save_path, remember_folder

SEARCH_DEBOUNCE_MS = 300
# Still Chinese: tests/ui/test_case_list.py compares the placeholder with this constant.
SEARCH_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "CaseList", "Case number / name / phone / last ID digits / content"
)

LAYOUT_KEY = "case_list/header"
# Bump when the columns change: a header state saved for other columns is then ignored.
LAYOUT_VERSION = 1

# The longest text a column usually holds, to size it on first start.
_WIDTH_SAMPLES = {
    COL_NUMBER: "TD01-20260121-0001",
    COL_KIND: "举报",
    COL_PRIORITY: "普通",
    COL_SUBMITTER: "欧**娜",
    COL_UNIT: "镇综合治理办公室",
    COL_STATE: "不予受理",
    COL_DUE: "即将到期 2026-01-22（暂定）",
    COL_DAYS_LEFT: "今日到期",
    COL_RECEIVED: "2026-01-21 10:30",
    COL_SUMMARY: "楼下餐馆油烟直排，晚上十点后仍有噪音",
}


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    """A combo whose items carry a plain string value ("" = no narrowing)."""
    combo = QComboBox()
    for label, value in items:
        combo.addItem(label, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class CaseListPage(QWidget):
    """Everything the 案件 page shows; the main window hosts it (later beside other pages)."""

    case_activated = Signal(int)  # a case id: double-click or Enter on its row
    count_changed = Signal(int)

    def __init__(
        self,
        svc: Services,
        *,
        fetch_rows: RowFetcher = queries.case_rows,
        actor: Actor | None = None,
        background: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        # ``background``: the ids are read in a worker (the main window); see CaseTableModel.
        self.model = CaseTableModel(svc, fetch_rows=fetch_rows, background=background, parent=self)
        self._keep_selected: int | None = None
        self.model.reloaded.connect(self._on_reloaded)
        self.model.reloaded.connect(self.count_changed)
        self.model.failed.connect(self._on_load_failed)

        self.search_box = QLineEdit()
        placeholder = translate("CaseList", SEARCH_PLACEHOLDER)
        self.search_box.setPlaceholderText(placeholder)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(
            self.search_box.fontMetrics().horizontalAdvance(placeholder) + 48
        )
        self.search_box.setToolTip(
            translate(
                "CaseList",
                "Searches shortly after you type; Enter searches at once (Ctrl+F comes back here)",
            )
        )
        self.state_combo = _combo(
            [(translate("CaseList", "All"), "")]
            + [(group.label, group.value) for group in StateGroup]
        )
        self.due_combo = _combo(
            [
                (translate("CaseList", "All"), ""),
                (translate("CaseList", "Due soon"), DueFilter.DUE_SOON.value),
                (translate("CaseList", "Overdue"), DueFilter.OVERDUE.value),
            ]
        )
        self.kind_combo = _combo(
            [(translate("CaseList", "All"), "")] + [(kind.label, kind.value) for kind in Kind]
        )

        bar = QHBoxLayout()
        bar.addWidget(self.search_box, 1)
        for text, combo in (
            (translate("CaseList", "Status"), self.state_combo),
            (translate("CaseList", "Deadline"), self.due_combo),
            (translate("CaseList", "Type"), self.kind_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addSpacing(12)
            bar.addWidget(label)
            bar.addWidget(combo)

        # The list as it stands (filter and order) to Excel; identities stay masked (RULES §5).
        self.export_button = QPushButton(translate("CaseList", "Export to Excel…"))
        self.export_button.setToolTip(
            translate(
                "CaseList", "Save the cases of the current filter, in this order, as a workbook"
            )
        )
        self.export_button.clicked.connect(self.export)
        self.export_button.setVisible(actor is not None and actor.can(Action.EXPORT_REPORT))
        bar.addSpacing(12)
        bar.addWidget(self.export_button)
        self.ask_path: AskPath = ask_save_path
        self.export_job = JobPanel()
        self.export_job.finished.connect(
            lambda: self.export_button.setEnabled(not self.export_job.busy)
        )

        self.table = QTableView()
        self.table.setModel(self.model)
        self._set_up_table()

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.export_job)

        # Typing narrows the list once the clerk pauses, not on every keystroke.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self.apply_filter)
        for combo in (self.state_combo, self.due_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table.activated.connect(self._on_activated)
        self.setTabOrder(self.search_box, self.state_combo)
        self.setTabOrder(self.state_combo, self.due_combo)
        self.setTabOrder(self.due_combo, self.kind_combo)
        self.setTabOrder(self.kind_combo, self.table)

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = table.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never asks every row for a size hint, which would fetch
        # every page and defeat the lazy model.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)

        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        metrics = header.fontMetrics()
        for column, sample in _WIDTH_SAMPLES.items():
            text_width = max(
                metrics.horizontalAdvance(sample), metrics.horizontalAdvance(COLUMNS[column].title)
            )
            header.resizeSection(column, text_width + 28)
        header.setSortIndicator(DEFAULT_SORT_COLUMN, DEFAULT_SORT_ORDER)
        saved = preferences.load_bytes(LAYOUT_KEY, LAYOUT_VERSION)
        if saved is not None:
            header.restoreState(saved)
        if not is_sortable(header.sortIndicatorSection()):
            header.setSortIndicator(DEFAULT_SORT_COLUMN, DEFAULT_SORT_ORDER)
        self._sort = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)

    # ----- actions ------------------------------------------------------------------------

    def load(self) -> None:
        """The first query: remembered sort, no filter."""
        column, order = self._sort
        self.model.sort(column, order)

    def refresh(self) -> None:
        """Re-read the list (F5), keeping the filter, the sort and the selected case."""
        self._keep_selected = self.selected_case_id()
        self.model.refresh()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def current_filter(self) -> CaseFilter:
        state_group = self.state_combo.currentData()
        states = (
            frozenset(s for s in CaseState if s.group is StateGroup(state_group))
            if state_group
            else frozenset()
        )
        due = self.due_combo.currentData()
        kind = self.kind_combo.currentData()
        return CaseFilter(
            states=states,
            kinds=frozenset({Kind(kind)}) if kind else frozenset(),
            due=DueFilter(due) if due else DueFilter.ANY,
            text=self.search_box.text().strip(),
        )

    def export(self) -> None:
        """Ask where to save, then write the list's workbook in the background."""
        if self.export_job.busy:
            return
        path = self.ask_path(self, translate("CaseList", "Case list.xlsx"))
        if path is not None:
            remember_folder(path)
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        assert self.actor is not None  # the button is there only with a signed-in user
        svc, actor = self.svc, self.actor
        case_filter, sort, descending = (
            self.current_filter(),
            self.model.sort_key,
            self.model.descending,
        )

        # Imported here: the reports pull in openpyxl, which the start does not need (issue 9).
        from app.services import reports

        def work(progress: Progress) -> Path:
            data = reports.case_list_workbook(
                svc, actor, case_filter, sort=sort, descending=descending, progress=progress
            )
            return reports.save_report(data, path)

        def failed(failure: Failure) -> None:
            show_failure(self, failure, translate("CaseList", "The workbook was not written"))

        self.export_button.setEnabled(False)
        self.export_job.start(
            work,
            on_success=lambda written: self.export_job.show_file(
                written, translate("CaseList", "Case list saved: {path}").format(path=written)
            ),
            on_failure=failed,
            note=translate("CaseList", "Writing the case list…"),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        case_filter = self.current_filter()
        if case_filter != self.model.case_filter:
            self._keep_selected = self.selected_case_id()
            self.model.set_filter(case_filter)

    def selected_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def save_layout(self) -> None:
        state = self.table.horizontalHeader().saveState()
        preferences.save_bytes(LAYOUT_KEY, LAYOUT_VERSION, state)

    # ----- slots --------------------------------------------------------------------------

    def _on_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not is_sortable(column):
            # Only columns the database can sort by take a click; put the arrow back.
            header = self.table.horizontalHeader()
            with QSignalBlocker(header):
                header.setSortIndicator(*self._sort)
            return
        self._sort = (column, order)
        self._keep_selected = self.selected_case_id()
        self.model.sort(column, order)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.case_id(index.row()))

    def _on_reloaded(self, count: int) -> None:
        """The new ids are in: the case selected before the change stays selected if listed."""
        selected, self._keep_selected = self._keep_selected, None
        self._select_case(selected)

    def _on_load_failed(self, failure: Failure) -> None:
        show_failure(self, failure, translate("CaseList", "The case list could not be read"))

    def _select_case(self, case_id: int | None) -> None:
        row = self.model.row_of(case_id) if case_id is not None else None
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
