"""The 工作台 page: five figures that open their cases, and charts of intake and of overdue items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QMargins,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import Actor
from app.domain.vocabulary import Kind
from app.services import dashboard as service
from app.services import queries
from app.services.context import Services
from app.services.dashboard import CaseSelection, DashboardData, IntakeByKind, UnitOverdue
from app.services.queries import CaseRow
from ui.background import (
    BackgroundTask,
    CancelToken,
    Failure,
    Report,
    run_in_background,
    show_failure,
)
from ui.case_table_model import COL_SUMMARY, COLUMNS
from ui.formatting import LOCAL_ZONE, due_state
from ui.i18n import QT_TRANSLATE_NOOP, translate

AnyIndex = QModelIndex | QPersistentModelIndex

WEEKDAYS = (
    QT_TRANSLATE_NOOP("Dashboard", "Monday"),
    QT_TRANSLATE_NOOP("Dashboard", "Tuesday"),
    QT_TRANSLATE_NOOP("Dashboard", "Wednesday"),
    QT_TRANSLATE_NOOP("Dashboard", "Thursday"),
    QT_TRANSLATE_NOOP("Dashboard", "Friday"),
    QT_TRANSLATE_NOOP("Dashboard", "Saturday"),
    QT_TRANSLATE_NOOP("Dashboard", "Sunday"),
)


def _weekday(day: date) -> str:
    return translate("Dashboard", WEEKDAYS[day.weekday()])


# Colour means time (amber: due soon, red: overdue); every tile also says it in words.
_TONES = {
    "neutral": ("#ffffff", "#212529", "#ced4da"),
    "due": ("#fff0c2", "#664d03", "#e0c060"),
    "overdue": ("#f8d7da", "#842029", "#e4a0a7"),
    "waiting": ("#e7f1ff", "#084298", "#9ec5fe"),
}
_FIGURE_TONES = {
    "intake_today": "neutral",
    "due_today": "due",
    "due_soon": "due",
    "overdue": "overdue",
    "waiting": "waiting",
}
# One colour per kind, distinct and readable on white, the same every day.
KIND_COLOURS = {
    Kind.CONSULTATION: "#4e79a7",
    Kind.HELP_REQUEST: "#59a14f",
    Kind.FEEDBACK: "#f28e2b",
    Kind.COMPLAINT: "#e15759",
    Kind.TIP_OFF: "#b07aa1",
    Kind.SUGGESTION: "#76b7b2",
}
OVERDUE_BAR_COLOUR = "#c0392b"


@dataclass(frozen=True)
class Snapshot:
    """Everything the page shows, read in one background job."""

    data: DashboardData
    intake: IntakeByKind
    overdue: list[UnitOverdue]


def read_snapshot(svc: Services, actor: Actor) -> Snapshot:
    return Snapshot(
        service.dashboard(svc, actor), service.intake_by_kind(svc), service.overdue_by_unit(svc)
    )


def _scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font


class FigureButton(QPushButton):
    """A big number with its label: clicking (or Enter/Space on it) opens the cases it counts."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.selection: CaseSelection | None = None
        self.setObjectName(f"figure_{key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.number = QLabel("…")
        self.number.setFont(_scaled_font(self.font(), 2.4, bold=True))
        self.title = QLabel()
        self.title.setFont(_scaled_font(self.font(), 1.1, bold=True))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        for label in (self.number, self.title, self.detail):
            # The button takes every click and key; the labels only draw.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        metrics = self.fontMetrics()
        self.setFixedHeight(
            self.number.sizeHint().height()
            + self.title.sizeHint().height()
            + 2 * metrics.height()
            + 26
        )
        self._set_tone("neutral")

    def set_selection(self, selection: CaseSelection, detail: str = "") -> None:
        self.selection = selection
        self.number.setText(str(selection.count))
        self.title.setText(selection.label)
        self.detail.setText(detail or selection.hint)
        tone = _FIGURE_TONES.get(self.key, "neutral") if selection.count else "neutral"
        self._set_tone(tone)
        self.setToolTip(
            self.tr("{hint}\nClick to see these {count} cases").format(
                hint=selection.hint, count=selection.count
            )
        )
        self.setAccessibleName(
            self.tr("{label} {count} cases").format(label=selection.label, count=selection.count)
        )

    def _set_tone(self, tone: str) -> None:
        background, text, border = _TONES[tone]
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 6px; text-align: left; }}"
            f"#{self.objectName()}:hover {{ border: 2px solid {text}; }}"
            f"#{self.objectName()}:focus {{ border: 2px solid #1c64b4; }}"
            f"#{self.objectName()} QLabel {{ color: {text}; background: transparent; }}"
        )


class ChartPanel(QFrame):
    """A titled chart, or a calm sentence when there is nothing to draw."""

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartPanel")
        self.setStyleSheet("#chartPanel { background: white; border: 1px solid #d0d4d9; }")
        self.heading = QLabel(title)
        self.heading.setFont(_scaled_font(self.font(), 1.1, bold=True))
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setBackgroundBrush(QBrush(QColor("white")))
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6c757d; background: white;")
        self._chart: QChart | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)

    def show_chart(self, chart: QChart | None) -> None:
        """Put ``chart`` on show (None: the empty sentence); the previous chart is deleted."""
        if chart is None:
            self.stack.setCurrentWidget(self.empty)
            return
        old = self.view.chart()
        self.view.setChart(chart)
        # setChart hands the old chart back to us: delete it. A Python reference to the new one
        # keeps its wrapper alive whatever the binding decides about ownership.
        old.deleteLater()
        self._chart = chart
        self.stack.setCurrentWidget(self.view)

    @property
    def chart(self) -> QChart:
        return self.view.chart()

    @property
    def showing_chart(self) -> bool:
        return self.stack.currentWidget() is self.view


def _new_chart(font: QFont) -> QChart:
    chart = QChart()
    chart.setBackgroundBrush(QBrush(QColor("white")))
    chart.setBackgroundRoundness(0)
    chart.setDropShadowEnabled(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.legend().setFont(font)
    # No animation: the figures are read, not watched, and offscreen grabs must be complete.
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _count_axis(maximum: int, font: QFont) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setLabelsFont(font)
    top = max(4, maximum)
    # Whole numbers of cases: round the top up to a multiple of 4 and tick every quarter.
    top += -top % 4
    axis.setRange(0, top)
    axis.setTickCount(5)
    axis.setMinorTickCount(0)
    return axis


def intake_chart(intake: IntakeByKind, font: QFont) -> QChart | None:
    """Stacked bars of intake per day, one colour per kind; None when nothing was received."""
    if not intake.total():
        return None
    chart = _new_chart(font)
    series = QStackedBarSeries()
    for kind in Kind:
        values = intake.counts.get(kind, ())
        bar_set = QBarSet(kind.label)
        bar_set.setColor(QColor(KIND_COLOURS[kind]))
        bar_set.setBorderColor(QColor(KIND_COLOURS[kind]))
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    # Thirty dates do not fit under thirty bars: label the Mondays, with a line at each, and
    # give every day's date in the tooltip.
    days = QCategoryAxis()
    days.setRange(-0.5, len(intake.days) - 0.5)
    days.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for index, day in enumerate(intake.days):
        if day.weekday() == 0:
            days.append(f"{day.month}/{day.day}", index)
    days.setLabelsFont(font)
    days.setGridLinePen(QColor("#dee2e6"))
    days.setTitleText(
        translate("Dashboard", "{first} to {last}").format(
            first=_date_text(intake.days[0]), last=_date_text(intake.days[-1])
        )
    )
    days.setTitleFont(font)
    chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(days)
    per_day = [sum(intake.counts[k][i] for k in intake.counts) for i in range(len(intake.days))]
    counts = _count_axis(max(per_day), font)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(counts)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def hovered(status: bool, index: int, bar_set: QBarSet) -> None:
        if status and 0 <= index < len(intake.days):
            day = intake.days[index]
            QToolTip.showText(
                QCursor.pos(),
                translate(
                    "Dashboard", "{date} ({weekday})\n{kind} {count} cases, {total} that day"
                ).format(
                    date=_date_text(day),
                    weekday=_weekday(day),
                    kind=bar_set.label(),
                    count=int(bar_set.at(index)),
                    total=per_day[index],
                ),
            )

    series.hovered.connect(hovered)
    return chart


def overdue_chart(bars: list[UnitOverdue], font: QFont) -> QChart | None:
    """Horizontal bars of overdue cases per unit, most at the top; None when nothing is overdue."""
    if not bars:
        return None
    chart = _new_chart(font)
    series = QHorizontalBarSeries()
    bar_set = QBarSet(translate("Dashboard", "Overdue"))
    bar_set.setColor(QColor(OVERDUE_BAR_COLOUR))
    bar_set.setBorderColor(QColor(OVERDUE_BAR_COLOUR))
    bar_set.setLabelColor(QColor("#212529"))
    bar_set.setLabelFont(font)
    # Horizontal bars are drawn bottom-up: reverse so the unit with the most is on top.
    ordered = list(reversed(bars))
    bar_set.append([float(bar.count) for bar in ordered])
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setBarWidth(0.6)
    chart.addSeries(series)
    units = QBarCategoryAxis()
    units.append([bar.unit_name for bar in ordered])
    units.setLabelsFont(font)
    units.setGridLineVisible(False)
    chart.addAxis(units, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(units)
    # Room for the count printed after the longest bar.
    counts = _count_axis(max(bar.count for bar in bars) * 5 // 4 + 1, font)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(counts)
    chart.legend().hide()
    return chart


def _date_text(day: date) -> str:
    return translate("Dashboard", "{month}/{day}/{year}").format(
        year=day.year, month=day.month, day=day.day
    )


class DashboardPage(QWidget):
    """The 工作台: refreshed whenever it is shown and on F5; reading happens in the background."""

    selection_chosen = Signal(object)  # a CaseSelection: the main window opens it
    loaded = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.snapshot: Snapshot | None = None
        self.task: BackgroundTask[Snapshot] | None = None
        self._again = False

        heading = QLabel(self.tr("Dashboard"))
        heading.setFont(_scaled_font(self.font(), 1.5, bold=True))
        self.as_of_label = QLabel(self.tr("Loading…"))
        self.as_of_label.setStyleSheet("color: #495057;")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.as_of_label, 1, Qt.AlignmentFlag.AlignBottom)

        self.figures: dict[str, FigureButton] = {}
        row = QGridLayout()
        row.setHorizontalSpacing(12)
        for column, key in enumerate(_FIGURE_TONES):
            button = FigureButton(key)
            button.clicked.connect(lambda _=False, b=button: self._open(b.selection))
            self.figures[key] = button
            row.addWidget(button, 0, column)
            row.setColumnStretch(column, 1)

        self.intake_panel = ChartPanel(
            self.tr("Registered in the last 30 days (by type)"),
            self.tr("Nothing was registered in the last 30 days."),
        )
        self.overdue_panel = ChartPanel(
            self.tr("Overdue cases by handling unit (click a bar to see them)"),
            self.tr("No case is overdue at the moment."),
        )
        charts = QHBoxLayout()
        charts.setSpacing(12)
        charts.addWidget(self.intake_panel, 3)
        charts.addWidget(self.overdue_panel, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addLayout(charts, 1)

    # ----- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures again in the background (at most one read at a time)."""
        if self.task is not None:
            self._again = True
            return
        svc, actor = self.svc, self.actor

        def read(token: CancelToken, report: Report) -> Snapshot:
            return read_snapshot(svc, actor)

        self.task = run_in_background(
            self, read, on_success=self._show_snapshot, on_failure=self._read_failed
        )

    def _finished(self) -> None:
        self.task = None
        if self._again:
            self._again = False
            self.refresh()

    def _read_failed(self, failure: Failure) -> None:
        self.as_of_label.setText(self.tr("Loading failed; press F5 to try again"))
        self._finished()
        show_failure(self, failure, self.tr("Cannot load the dashboard"))

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        data = snapshot.data
        as_of = data.as_of.astimezone(LOCAL_ZONE)
        self.as_of_label.setText(
            self.tr("{date} {weekday} · data as of {time} · press F5 to refresh").format(
                date=_date_text(as_of.date()),
                weekday=_weekday(as_of.date()),
                time=f"{as_of:%H:%M}",
            )
        )
        waiting_detail = (
            self.tr("Results to review {results} · returns {returns} · extensions {extensions}")
        ).format(
            results=data.waiting_results,
            returns=data.waiting_returns,
            extensions=data.waiting_extensions,
        )
        for selection in data.figures:
            detail = waiting_detail if selection.key == "waiting" else ""
            self.figures[selection.key].set_selection(selection, detail)
        font = self.font()
        self.intake_panel.show_chart(intake_chart(snapshot.intake, font))
        chart = overdue_chart(snapshot.overdue, font)
        self.overdue_panel.show_chart(chart)
        if chart is not None:
            series = chart.series()[0]
            assert isinstance(series, QHorizontalBarSeries)
            ordered = list(reversed(snapshot.overdue))
            series.clicked.connect(lambda index, _set: self._open(ordered[index].selection))
        self._finished()
        self.loaded.emit()

    # ----- Qt overrides and slots ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Each time the clerk comes back to the 工作台 the figures are current.
        self.refresh()

    def _open(self, selection: CaseSelection | None) -> None:
        if selection is not None:
            self.selection_chosen.emit(selection)


# ----- the cases of a figure that the case list cannot filter for ---------------------------------


class CaseRowsModel(QAbstractTableModel):
    """A short, fixed list of cases (one figure's), with the case list's columns and colours."""

    def __init__(self, rows: list[CaseRow] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows or []

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def case_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(COLUMNS):
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return due_state(row).background
        if role == Qt.ItemDataRole.ForegroundRole:
            return due_state(row).foreground
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_SUMMARY:
            return row.summary or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CaseSelectionDialog(QDialog):
    """The cases behind a figure the case list has no filter for (e.g. 今日到期)."""

    case_activated = Signal(int)
    loaded = Signal()

    def __init__(
        self, svc: Services, selection: CaseSelection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.setWindowTitle(
            self.tr("{label} ({count} cases)").format(label=selection.label, count=selection.count)
        )
        note = QLabel(
            self.tr("{hint}. Double-click or press Enter to open a case.").format(
                hint=selection.hint
            )
        )
        note.setWordWrap(True)
        self.model = CaseRowsModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._on_activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            translate("Dashboard", "Close")
        )
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1080, 460)
        self.task: BackgroundTask[list[CaseRow]] | None = None
        ids = list(selection.case_ids)

        def read(token: CancelToken, report: Report) -> list[CaseRow]:
            return queries.case_rows(svc, ids)

        self.task = run_in_background(
            self, read, on_success=self._show_rows, on_failure=self._failed
        )

    def _show_rows(self, rows: list[CaseRow]) -> None:
        self.task = None
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)
        self.table.setFocus()
        self.loaded.emit()

    def _failed(self, failure: Failure) -> None:
        self.task = None
        show_failure(self, failure, self.tr("Cannot load the cases"))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.case_id(index.row()))
