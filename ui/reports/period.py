"""Choosing a reporting period as upstream names them: a month, a quarter or a year."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from app.domain.reporting import ReportPeriod, Span, parse_period

FIRST_YEAR = 2000


def previous_period(span: Span, today: date) -> str:
    """The last finished month, quarter or year: what a report is usually asked for."""
    if span is Span.YEAR:
        return str(today.year - 1)
    if span is Span.QUARTER:
        quarter = (today.month - 1) // 3  # the current quarter's index, 0-based
        return f"{today.year - 1}Q4" if quarter == 0 else f"{today.year}Q{quarter}"
    return f"{today.year - 1}-12" if today.month == 1 else f"{today.year}-{today.month - 1:02d}"


class PeriodPicker(QWidget):
    """[月/季度/年] [year] [month or quarter]; ``period()`` is what the services take."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.span = QComboBox()
        for span, text in (
            (Span.MONTH, self.tr("Month")),
            (Span.QUARTER, self.tr("Quarter")),
            (Span.YEAR, self.tr("Year")),
        ):
            self.span.addItem(text, span.value)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, today.year + 1)
        self.year.setSuffix(self.tr(" (year)"))
        self.part = QComboBox()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.span)
        layout.addWidget(self.year)
        layout.addWidget(self.part)
        layout.addStretch(1)
        self.span.currentIndexChanged.connect(self._span_changed)
        self.year.valueChanged.connect(self.changed)
        self.part.currentIndexChanged.connect(self.changed)
        self.set_period(parse_period(previous_period(Span.MONTH, today)))

    def current_span(self) -> Span:
        return Span(self.span.currentData())

    def set_span(self, span: Span, *, fixed: bool) -> None:
        """A report made for one length of period fixes it; the others let the clerk choose."""
        if span is not self.current_span():
            self.set_period(parse_period(previous_period(span, self.today)))
        self.span.setEnabled(not fixed)

    def set_period(self, period: ReportPeriod) -> None:
        self.span.blockSignals(True)
        self.span.setCurrentIndex(self.span.findData(period.span.value))
        self.span.blockSignals(False)
        self._fill_parts(period.span)
        self.year.setValue(period.first.year)
        if period.span is Span.MONTH:
            self.part.setCurrentIndex(period.first.month - 1)
        elif period.span is Span.QUARTER:
            self.part.setCurrentIndex((period.first.month - 1) // 3)
        self.changed.emit()

    def period(self) -> ReportPeriod:
        span, year, part = self.current_span(), self.year.value(), self.part.currentIndex() + 1
        if span is Span.YEAR:
            return parse_period(str(year))
        if span is Span.QUARTER:
            return parse_period(f"{year}Q{part}")
        return parse_period(f"{year}-{part:02d}")

    def _span_changed(self) -> None:
        self.set_period(parse_period(previous_period(self.current_span(), self.today)))

    def _fill_parts(self, span: Span) -> None:
        self.part.blockSignals(True)
        self.part.clear()
        if span is Span.MONTH:
            self.part.addItems([self.tr("Month {n}").format(n=m) for m in range(1, 13)])
        elif span is Span.QUARTER:
            self.part.addItems([self.tr("Quarter {n}").format(n=q) for q in range(1, 5)])
        self.part.setVisible(span is not Span.YEAR)
        self.part.blockSignals(False)
