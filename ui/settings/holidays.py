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
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.settings.common import WARNING_STYLE, Message, note_label

AnyIndex = QModelIndex | QPersistentModelIndex
WEEKDAYS = (
    QT_TRANSLATE_NOOP("Holidays", "Monday"),
    QT_TRANSLATE_NOOP("Holidays", "Tuesday"),
    QT_TRANSLATE_NOOP("Holidays", "Wednesday"),
    QT_TRANSLATE_NOOP("Holidays", "Thursday"),
    QT_TRANSLATE_NOOP("Holidays", "Friday"),
    QT_TRANSLATE_NOOP("Holidays", "Saturday"),
    QT_TRANSLATE_NOOP("Holidays", "Sunday"),
)
MONTHS = (
    QT_TRANSLATE_NOOP("Holidays", "Jan"),
    QT_TRANSLATE_NOOP("Holidays", "Feb"),
    QT_TRANSLATE_NOOP("Holidays", "Mar"),
    QT_TRANSLATE_NOOP("Holidays", "Apr"),
    QT_TRANSLATE_NOOP("Holidays", "May"),
    QT_TRANSLATE_NOOP("Holidays", "Jun"),
    QT_TRANSLATE_NOOP("Holidays", "Jul"),
    QT_TRANSLATE_NOOP("Holidays", "Aug"),
    QT_TRANSLATE_NOOP("Holidays", "Sep"),
    QT_TRANSLATE_NOOP("Holidays", "Oct"),
    QT_TRANSLATE_NOOP("Holidays", "Nov"),
    QT_TRANSLATE_NOOP("Holidays", "Dec"),
)

# Word and colour together: 休 on red for a weekday off, 班 on amber for a weekend worked.
_MARKS = {
    # The one-character marks of the official notices; English gets a letter each.
    DayType.HOLIDAY: QT_TRANSLATE_NOOP("Holidays", "Off"),
    DayType.SWAPPED_WORKDAY: QT_TRANSLATE_NOOP("Holidays", "Work"),
}
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
                return translate("Holidays", MONTHS[section])
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
            mark = _MARKS.get(kind)
            return translate("Holidays", mark) if mark else str(day.day)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BACKGROUNDS.get(kind)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _FOREGROUNDS.get(kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Holidays", "{date} {weekday}: {kind}").format(
                date=day.isoformat(),
                weekday=translate("Holidays", WEEKDAYS[day.weekday()]),
                kind=kind.label,
            )
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
        self.year.setSuffix(self.tr(" (year)"))
        self.year.setGroupSeparatorShown(False)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export template…"))
        self.export_button.setToolTip(
            self.tr(
                "Write this year's holiday schedule to a file, to check and complete against "
                "the State Council General Office's notice"
            )
        )
        self.import_button = QPushButton(self.tr("Import schedule…"))
        self.import_button.setToolTip(
            self.tr(
                "Load a checked holiday schedule file; the deadlines of open cases are worked "
                "out again with it"
            )
        )
        self.export_button.clicked.connect(self.export_template)
        self.import_button.clicked.connect(self.import_schedule)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year:")))
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
            self.tr(
                "Legend: “Off” (red) = weekday off; “Work” (amber) = weekend day worked; grey = "
                "Saturday, Sunday; white = working day. Deadlines count working days, not "
                "counting the first day (Civil Code art. 201)."
            )
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
        loaded = (
            self.tr(" (imported {when})").format(when=format_datetime(view.loaded_at))
            if view.loaded_at
            else ""
        )
        self.source.setText(
            self.tr("Source: {source}{loaded}").format(source=view.source, loaded=loaded)
        )
        self.warning.setText(f"⚠ {view.warning}" if view.warning else "")
        self.warning.setVisible(view.warning is not None)
        holidays = view.dates_of(DayType.HOLIDAY)
        swapped = view.dates_of(DayType.SWAPPED_WORKDAY)
        working = sum(1 for kind in view.days.values() if kind.working)
        swapped_text = self.tr(", ").join(
            self.tr("{month}/{day}").format(month=d.month, day=d.day) for d in swapped
        ) or self.tr("none")
        self.summary.setText(
            self.tr(
                "{year}: {working} working days; {holidays} weekdays off; "
                "{swapped} weekend days worked ({dates})."
            ).format(
                year=year,
                working=working,
                holidays=len(holidays),
                swapped=len(swapped),
                dates=swapped_text,
            )
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
        suggested = str(Path.home() / self.tr("Holiday schedule {year}.json").format(year=year))
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export holiday schedule template"),
            suggested,
            self.tr("Holiday schedule files (*.json)"),
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
                self.tr(
                    "Exported the {year} holiday schedule to {path} ({holidays} days off, "
                    "{workdays} weekend days worked). Check it against the State Council General "
                    "Office's notice before importing it."
                ).format(year=year, path=path, holidays=written.holidays, workdays=written.workdays)
            )
        else:
            self.message.ok(
                self.tr(
                    "The {year} holiday schedule is not published yet; exported an empty template "
                    "to {path}. Fill in the notice's reference (source), the days off (holidays) "
                    "and the weekend days worked (workdays) from the notice, then import it."
                ).format(year=year, path=path)
            )

    def import_schedule(self) -> None:
        if self.task is not None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import holiday schedule"),
            str(Path.home()),
            self.tr("Holiday schedule files (*.json)"),
        )
        if not path:
            return
        svc, actor = self.svc, self.actor

        def load(token: CancelToken, report: Report) -> ScheduleLoaded:
            # Every open deadline is counted again: can take a while on a large database.
            return calendar_admin.load_schedule(svc, actor, Path(path))

        self.import_button.setEnabled(False)
        self.message.note(self.tr("Importing and working out the deadlines again…"))
        self.task = run_in_background(
            self, load, on_success=self._imported, on_failure=self._import_failed
        )

    def _imported(self, loaded: ScheduleLoaded) -> None:
        self.task = None
        self.import_button.setEnabled(True)
        self.year.setValue(loaded.year)
        self.show_year(loaded.year)
        self.message.ok(
            self.tr(
                "Imported the {year} holiday schedule; worked out again the deadlines of "
                "{count} cases and {claims} reward claims."
            ).format(
                year=loaded.year, count=loaded.cases_recomputed, claims=loaded.claims_recomputed
            )
        )
        self.saved.emit()

    def _import_failed(self, failure: Failure) -> None:
        self.task = None
        self.import_button.setEnabled(True)
        self.message.error(self.tr("Not imported: {message}").format(message=failure.message))
