"""The case list's lazy table model: holds the filtered ids and fetches rows a page at a time."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.services import queries
from app.services.context import Services
from app.services.queries import CaseFilter, CaseRow, SortKey
from ui.background import BackgroundTask, CancelToken, Failure, Report, run_in_background
from ui.formatting import (
    NO_VALUE,
    due_state,
    due_text,
    due_tooltip,
    format_datetime,
    working_days_text,
)
from ui.i18n import QT_TRANSLATE_NOOP, translate

RowFetcher = Callable[[Services, list[int]], list[CaseRow]]
AnyIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
# Pages kept in memory: enough for scrolling back and forth, bounded for 100 000-case lists.
MAX_CACHED_PAGES = 16


@dataclass(frozen=True)
class Column:
    name: str  # English source text, marked for lupdate; ``title`` is what the header shows
    text: Callable[[CaseRow], str]
    sort_key: SortKey | None = None
    # The first click on a sortable header sorts this way (dates: newest/earliest first).
    initial_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft

    @property
    def title(self) -> str:
        return translate("CaseTableModel", self.name)


COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Case number"), lambda r: r.number, SortKey.NUMBER),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Type"), lambda r: r.kind.label, SortKey.KIND),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Priority"), lambda r: r.priority.label),
    Column(
        QT_TRANSLATE_NOOP("CaseTableModel", "Requester"), lambda r: r.submitter
    ),  # masked by the service (RULES §5)
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Handling unit"), lambda r: r.unit or NO_VALUE),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Status"), lambda r: r.state.label, SortKey.STATE),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Deadline"), due_text, SortKey.DUE),
    Column(
        QT_TRANSLATE_NOOP("CaseTableModel", "Working days left"),
        working_days_text,
        align=Qt.AlignmentFlag.AlignRight,
    ),
    Column(
        QT_TRANSLATE_NOOP("CaseTableModel", "Registered"),
        lambda r: format_datetime(r.received_at),
        SortKey.RECEIVED,
        Qt.SortOrder.DescendingOrder,
    ),
    # Last, and stretched over the spare width: what the citizen came about, at a glance.
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Summary"), lambda r: r.summary),
)
(
    COL_NUMBER,
    COL_KIND,
    COL_PRIORITY,
    COL_SUBMITTER,
    COL_UNIT,
    COL_STATE,
    COL_DUE,
    COL_DAYS_LEFT,
    COL_RECEIVED,
    COL_SUMMARY,
) = range(len(COLUMNS))

DEFAULT_SORT_COLUMN = COL_RECEIVED
DEFAULT_SORT_ORDER = Qt.SortOrder.DescendingOrder


class CaseTableModel(QAbstractTableModel):
    """Ids of the whole filtered, sorted list; rows fetched in pages only when a view asks.

    ``fetch_rows`` is the one way rows are read (``queries.case_rows`` by default); tests pass a
    counting wrapper, and the workstation can pass one that reads in a worker. The model is
    empty until the first ``refresh()``, ``set_filter()`` or ``sort()``, so that its owner can
    set the remembered filter and sort first and query once.
    """

    reloaded = Signal(int)  # the new number of rows, after the filter, sort or data changed
    failed = Signal(object)  # a Failure: reading the ids in the background did not work

    def __init__(
        self,
        svc: Services,
        *,
        fetch_rows: RowFetcher = queries.case_rows,
        page_size: int = PAGE_SIZE,
        background: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._svc = svc
        self._fetch_rows = fetch_rows
        self._page_size = page_size
        # In the background: at a million cases reading the ids takes about a second, which
        # must not freeze the window (issue 9); the view keeps its rows until the new ones come.
        self._background = background
        self._filter = CaseFilter()
        self._sort_key = COLUMNS[DEFAULT_SORT_COLUMN].sort_key or SortKey.RECEIVED
        self._descending = DEFAULT_SORT_ORDER is Qt.SortOrder.DescendingOrder
        # 8 bytes an id (a list of Python ints takes ~36 bytes each: 36 MB at a million).
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, CaseRow]] = OrderedDict()
        self._task: BackgroundTask[array[int]] | None = None
        self._generation = 0  # only the newest read is shown; older ones are dropped

    # ----- what the list shows ------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def sort_key(self) -> SortKey:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, case_filter: CaseFilter) -> None:
        self._filter = case_filter
        self.refresh()

    @property
    def loading(self) -> bool:
        """True while ids are being read in the background."""
        return self._task is not None

    def refresh(self) -> None:
        """Re-read the ids (same filter and sort) and forget every cached row."""
        svc, case_filter = self._svc, self._filter
        sort, descending = self._sort_key, self._descending

        def read(token: CancelToken | None = None, report: Report | None = None) -> array[int]:
            return queries.case_id_array(svc, case_filter, sort=sort, descending=descending)

        if not self._background:
            # Query before the reset begins: if the database fails, the view keeps its old rows.
            self._show_ids(read())
            return
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()  # its answer is dropped: see _read
        task: BackgroundTask[array[int]] = run_in_background(
            self,
            read,
            on_success=lambda ids: self._read(generation, ids),
            on_failure=lambda failure: self._read_failed(generation, failure),
        )
        self._task = task

    def _read(self, generation: int, ids: array[int]) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._show_ids(ids)

    def _read_failed(self, generation: int, failure: Failure) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.failed.emit(failure)

    def _show_ids(self, ids: array[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()
        self.reloaded.emit(len(self._ids))

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    def case_row(self, row: int) -> CaseRow | None:
        """The row's data, fetching its page if needed; None if the case vanished meanwhile."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // self._page_size
        rows = self._pages.get(page)
        if rows is None:
            start = page * self._page_size
            page_ids = self._ids[start : start + self._page_size].tolist()
            rows = {r.id: r for r in self._fetch_rows(self._svc, page_ids)}
            self._pages[page] = rows
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    # ----- Qt overrides -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.InitialSortOrderRole and column.sort_key is not None:
            return column.initial_order
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                translate("CaseTableModel", "Click to sort by this column")
                if column.sort_key is not None
                else None
            )
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        if role not in _ROLES_WITH_DATA:
            return None
        row = self.case_row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[column].align | Qt.AlignmentFlag.AlignVCenter
        if column in (COL_DUE, COL_DAYS_LEFT):
            state = due_state(row)
            if role == Qt.ItemDataRole.BackgroundRole:
                return state.background
            if role == Qt.ItemDataRole.ForegroundRole:
                return state.foreground
            if role == Qt.ItemDataRole.ToolTipRole:
                return due_tooltip(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_SUMMARY and row.summary:
            return row.summary
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database by the column's key; columns without one keep the order."""
        sort_key = COLUMNS[column].sort_key if 0 <= column < len(COLUMNS) else None
        if sort_key is None:
            return
        self._sort_key = sort_key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()


def is_sortable(column: int) -> bool:
    return 0 <= column < len(COLUMNS) and COLUMNS[column].sort_key is not None


_ROLES_WITH_DATA = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)
