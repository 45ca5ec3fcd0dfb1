"""The side panel of earlier tip-offs that may report the same hazard, searched as the clerk types."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import HazardCategory
from app.services import duplicates
from app.services.context import Services
from app.services.duplicates import DuplicateCandidate
from ui.background import BackgroundTask, Failure, run_in_background
from ui.formatting import format_date
from ui.i18n import QT_TRANSLATE_NOOP
from ui.registration.widgets import _t

SEARCH_DEBOUNCE_MS = 300
CASE_ROLE = Qt.ItemDataRole.UserRole
SAME_HAZARD = QT_TRANSLATE_NOOP("Registration", "Same hazard")
SAME_UNIT = QT_TRANSLATE_NOOP("Registration", "Same unit")
IDLE_TEXT = QT_TRANSLATE_NOOP(
    "Registration",
    "Once the reported unit's name is entered, earlier tip-offs that may concern the same hazard are listed here.",
)
SEARCHING_TEXT = QT_TRANSLATE_NOOP("Registration", "Looking for earlier tip-offs…")
NONE_FOUND_TEXT = QT_TRANSLATE_NOOP("Registration", "No earlier case reported this unit.")
FOUND_TEXT = QT_TRANSLATE_NOOP(
    "Registration",
    "Found {count} earlier tip-offs. Tick those that really concern the same hazard; they are linked on saving (the first reporter has priority, FIRE art. 6).",
)
FAILED_TEXT = QT_TRANSLATE_NOOP("Registration", "Looking for earlier tip-offs failed: {message}")


def candidate_text(candidate: DuplicateCandidate) -> str:
    mark = _t(SAME_HAZARD) if candidate.same_key else _t(SAME_UNIT)
    received = format_date(candidate.received_at.date())
    # Short lines: the panel is narrow, and a mark broken across two lines reads badly.
    lines = [f"{candidate.number}　【{mark}】", f"{received}　{candidate.reported_unit_name}"]
    if candidate.reported_unit_address:
        lines.append(candidate.reported_unit_address)
    return "\n".join(lines)


class DuplicatePanel(QGroupBox):
    """Earlier tip-offs of the same reported unit; same-key ones first, bold and marked 同一隐患."""

    listed = Signal(int)  # how many candidates are shown now

    def __init__(self, svc: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Possible duplicate tip-offs"), parent)
        self.svc = svc
        self.task: BackgroundTask[list[DuplicateCandidate]] | None = None
        self.candidates: list[DuplicateCandidate] = []
        self._generation = 0
        self._query: tuple[str, str, HazardCategory | None] = ("", "", None)

        self.status = QLabel(_t(IDLE_TEXT))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #5c636a;")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip(
            self.tr("Space ticks or unticks; the ticked cases are linked to this case on saving")
        )
        self.list.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

        # Searching once the clerk pauses, not on every keystroke (and never on the GUI thread).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)

    @property
    def searching(self) -> bool:
        return self._timer.isActive() or (self.task is not None and not self.task.finished)

    def search(self, name: str, address: str, category: HazardCategory | None) -> None:
        """Look again after a pause of 300 ms; an empty unit name clears the list."""
        self._query = (name.strip(), address.strip(), category)
        self._timer.start()

    def checked_case_ids(self) -> list[int]:
        return [
            int(self.list.item(row).data(CASE_ROLE))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def numbers(self) -> list[str]:
        return [c.number for c in self.candidates]

    def clear(self) -> None:
        self._timer.stop()
        self._generation += 1  # a search still running is answered into the void
        self._query = ("", "", None)
        self._show([])
        self.status.setText(_t(IDLE_TEXT))

    def _search_now(self) -> None:
        name, address, category = self._query
        self._generation += 1
        if not name:
            self._show([])
            self.status.setText(_t(IDLE_TEXT))
            return
        generation = self._generation
        svc = self.svc
        self.status.setText(_t(SEARCHING_TEXT))
        self.task = run_in_background(
            self,
            lambda token, report: duplicates.candidates(svc, name, address, category),
            on_success=lambda found: self._found(generation, found),
            on_failure=lambda failure: self._failed(generation, failure),
        )

    def _found(self, generation: int, found: list[DuplicateCandidate]) -> None:
        if generation != self._generation:
            return  # the clerk typed on; a newer search is coming
        self._show(found)
        if found:
            self.status.setText(_t(FOUND_TEXT).format(count=len(found)))
        else:
            self.status.setText(_t(NONE_FOUND_TEXT))

    def _failed(self, generation: int, failure: Failure) -> None:
        if generation == self._generation:
            self._show([])
            self.status.setText(_t(FAILED_TEXT).format(message=failure.message))

    def _show(self, found: list[DuplicateCandidate]) -> None:
        # Keep the ticks of cases still listed: the clerk may tick, then finish the address.
        ticked = set(self.checked_case_ids())
        self.candidates = found
        self.list.clear()
        for candidate in found:
            item = QListWidgetItem(candidate_text(candidate))
            item.setData(CASE_ROLE, candidate.case_id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            checked = candidate.case_id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if candidate.same_key:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            item.setToolTip(candidate_text(candidate))
            self.list.addItem(item)
        self.list.setVisible(bool(found))
        self.listed.emit(len(found))
