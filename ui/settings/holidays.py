"""The 节假日 tab: a year at a glance (rest days, swapped working days), export and import of schedules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.calendar import FIRST_YEAR, LAST_YEAR
from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import admin, calendar_admin
from app.services.admin import DayType, YearCalendar
from app.services.calendar_admin import ScheduleLoaded
from app.services.context import Services
from ui.background import BackgroundTask, CancelToken, Failure, Report, run_in_background
from ui.formatting import format_datetime
from ui.settings.common import WARNING_STYLE, Message, note_label

AnyIndex = QModelIndex | QPersistentModelIndex
WEEKDAYS = "一二三四五六日"

# Word and colour together: 休 on red for a weekday off, 班 on amber for a weekend worked.
_MARKS = {DayType.HOLIDAY: "休", DayType.SWAPPED_WORKDAY: "班"}
_BACKGROUNDS = {
    DayType.HOLIDAY: QColor("#f8d7da"),
    DayType.SWAPPED_WORKDAY: QColor("#fff0c2"),
    DayType.WEEKEND: QColor("#e9ecef"),
}
_FOREGROUNDS = {
    DayType.HOLIDAY: QColor("#842029"),
    DayType.SWAPPED_WORKDAY: QColor("#664d03"),
    DayType.WEEKEND: QColor("#6c757d"),
}
_NO_DAY = QColor("#f8f9fa")


class YearGridModel(QAbstractTableModel):
    """Twelve rows (months) by 31 columns (days): every day of one year and what it is."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view: YearCalendar | None = None

    def set_calendar(self, view: YearCalendar) -> None:
        self.beginResetModel()
        self.view = view
        self.endResetModel()

    def day_at(self, row: int, column: int) -> date | None:
        if self.view is None:
            return None
        try:
            return date(self.view.year, row + 1, column + 1)
        except ValueError:
            return None  # 30 February and the like: an empty cell

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self.view is None else 12

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.view is None else 31

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Vertical and 0 <= section < 12:
                return f"{section + 1}月"
            if orientation == Qt.Orientation.Horizontal and 0 <= section < 31:
                return str(section + 1)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.view is None:
            return None
        day = self.day_at(index.row(), index.column())
        if day is None:
            return _NO_DAY if role == Qt.ItemDataRole.BackgroundRole else None
        kind = self.view.days[day]
        if role == Qt.ItemDataRole.DisplayRole:
            return _MARKS.get(kind, str(day.day))
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BACKGROUNDS.get(kind)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _FOREGROUNDS.get(kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{day.isoformat()} 星期{WEEKDAYS[day.weekday()]}：{kind.label}"
        if role == Qt.ItemDataRole.UserRole:
            return kind.value
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or self.day_at(index.row(), index.column()) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class HolidaysTab(QWidget):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.task: BackgroundTask[ScheduleLoaded] | None = None

        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(svc.today().year)
        self.year.setSuffix(" 年")
        self.year.setGroupSeparatorShown(False)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.export_button = QPushButton("导出模板…")
        self.export_button.setToolTip("把这一年的放假安排写成文件，对照国务院办公厅通知核对、填写")
        self.import_button = QPushButton("导入安排…")
        self.import_button.setToolTip(
            "载入核对好的放假安排文件；未办结案件的期限会按新安排重新计算"
        )
        self.export_button.clicked.connect(self.export_template)
        self.import_button.clicked.connect(self.import_schedule)
        top = QHBoxLayout()
        top.addWidget(QLabel("年份："))
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.source, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()

        self.model = YearGridModel(self)
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setShowGrid(True)
        self.grid.setWordWrap(False)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cell = self.grid.fontMetrics().horizontalAdvance("30") + 18
        columns = self.grid.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(cell)
        columns.setMinimumSectionSize(cell)
        rows = self.grid.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.grid.fontMetrics().height() + 10)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        legend = note_label(
            "图例：“休”（红底）= 工作日放假；“班”（黄底）= 周末调休上班；灰底 = 周六、周日；"
            "白底 = 工作日。期限按工作日计算，起算日不计入（民法典第二百零一条）。"
        )
        self.message = Message()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.grid)
        layout.addWidget(legend)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.year.valueChanged.connect(self.show_year)
        self.show_year(self.year.value())

    def show_year(self, year: int) -> None:
        try:
            view = admin.year_calendar(self.svc, year)
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.model.set_calendar(view)
        self._fit_grid()
        loaded = f"（{format_datetime(view.loaded_at)} 导入）" if view.loaded_at else ""
        self.source.setText(f"依据：{view.source}{loaded}")
        self.warning.setText(f"⚠ {view.warning}" if view.warning else "")
        self.warning.setVisible(view.warning is not None)
        holidays = view.dates_of(DayType.HOLIDAY)
        swapped = view.dates_of(DayType.SWAPPED_WORKDAY)
        working = sum(1 for kind in view.days.values() if kind.working)
        swapped_text = "、".join(f"{d.month}月{d.day}日" for d in swapped) or "无"
        self.summary.setText(
            f"{year}年共 {working} 个工作日；工作日放假 {len(holidays)} 天；"
            f"调休上班 {len(swapped)} 天（{swapped_text}）。"
        )

    def _fit_grid(self) -> None:
        """Exactly twelve months by 31 days: no scrolling, no empty band beside or below."""
        rows, columns = self.grid.verticalHeader(), self.grid.horizontalHeader()
        frame = 2 * self.grid.frameWidth()
        rows_width = rows.sizeHint().width()
        self.grid.setFixedSize(
            rows_width + columns.defaultSectionSize() * 31 + frame,
            columns.sizeHint().height() + rows.defaultSectionSize() * 12 + frame,
        )

    def export_template(self) -> None:
        year = self.year.value()
        suggested = str(Path.home() / f"{year}年节假日安排.json")
        path, _ = QFileDialog.getSaveFileName(
            self, "导出节假日安排模板", suggested, "节假日安排文件 (*.json)"
        )
        if not path:
            return
        try:
            written = admin.export_calendar_template(self.svc, year, Path(path))
        except DomainError as exc:
            self.message.error(str(exc))
            return
        if written.known:
            self.message.ok(
                f"已导出 {year} 年放假安排到 {path}（{written.holidays} 个放假日、"
                f"{written.workdays} 个调休上班日）。请对照国务院办公厅通知核对后再导入。"
            )
        else:
            self.message.ok(
                f"{year} 年的放假安排尚未发布，已导出空白模板 {path}。请按通知填写发文字号（source）、"
                "放假日（holidays）和调休上班日（workdays）后再导入。"
            )

    def import_schedule(self) -> None:
        if self.task is not None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "导入节假日安排", str(Path.home()), "节假日安排文件 (*.json)"
        )
        if not path:
            return
        svc, actor = self.svc, self.actor

        def load(token: CancelToken, report: Report) -> ScheduleLoaded:
            # Every open deadline is counted again: can take a while on a large database.
            return calendar_admin.load_schedule(svc, actor, Path(path))

        self.import_button.setEnabled(False)
        self.message.note("正在导入并重新计算期限…")
        self.task = run_in_background(
            self, load, on_success=self._imported, on_failure=self._import_failed
        )

    def _imported(self, loaded: ScheduleLoaded) -> None:
        self.task = None
        self.import_button.setEnabled(True)
        self.year.setValue(loaded.year)
        self.show_year(loaded.year)
        self.message.ok(
            f"已导入 {loaded.year} 年节假日安排，重新计算了 {loaded.cases_recomputed} 件案件的期限。"
        )
        self.saved.emit()

    def _import_failed(self, failure: Failure) -> None:
        self.task = None
        self.import_button.setEnabled(True)
        self.message.error(f"没有导入：{failure.message}")
