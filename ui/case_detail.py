"""One case: summary, identity (masked), deadlines, requests, attachments, timeline, actions, printing.

``CaseDetailView`` is the body, a plain widget the navigation shell can embed; ``CaseDetailDialog``
wraps it for the case list. The view offers only the actions the case's state and the user's role
allow (``case_view.case_detail``); each opens a small dialog from ``ui.actions`` and the view
reloads in the background once it succeeds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.documents.payloads import DocType
from app.domain.errors import DomainError
from app.domain.users import Action, Actor
from app.domain.vocabulary import StateGroup
from app.services import case_view, handling, queries, rewards
from app.services.case_view import (
    AttachmentView,
    CaseDetail,
    DeadlineStatus,
    DeadlineView,
    RevealedPerson,
    SubmitterView,
)
from app.services.context import Services
from app.services.queries import TimelineEntry
from ui.actions import ACTION_DIALOGS, ActionDialog, RevealIdentityDialog
from ui.background import BackgroundTask, Failure, run_in_background, show_failure
from ui.formatting import NO_VALUE, DueState, format_datetime
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.printing.preview import PdfPreviewDialog
from ui.rewards.claim import ClaimDialog

if TYPE_CHECKING:
    from app.services.printing import PrintedDocument

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

TIMELINE_COLUMNS = (
    QT_TRANSLATE_NOOP("CaseDetail", "Time"),
    QT_TRANSLATE_NOOP("CaseDetail", "By"),
    QT_TRANSLATE_NOOP("CaseDetail", "Event"),
    QT_TRANSLATE_NOOP("CaseDetail", "Basis"),
)
TIMELINE_WHAT = 2
# Typical longest contents, to size the columns other than 事项 (which takes the rest).
TIMELINE_WIDTH_SAMPLES = ("2026-01-21 10:30", "欧阳管理员", "", "YJ12345 art. 9(1)2")

# State badge colours by group: open work is blue, finished work grey (DESIGN: done = grey);
# the state's own word is always in the badge.
STATE_COLOURS = {
    StateGroup.OPEN: ("#cfe2ff", "#084298"),
    StateGroup.COMPLETED: ("#e2e3e5", "#41464b"),
    StateGroup.CLOSED: ("#e2e3e5", "#41464b"),
}
# Deadline colours are the list's (ui.formatting.DueState), so amber and red mean the same
# everywhere; finished clocks are grey.
DEADLINE_COLOURS: dict[DeadlineStatus, DueState] = {
    DeadlineStatus.OVERDUE: DueState.OVERDUE,
    DeadlineStatus.DUE_SOON: DueState.DUE_SOON,
    DeadlineStatus.MET: DueState.INACTIVE,
    DeadlineStatus.MET_LATE: DueState.INACTIVE,
    DeadlineStatus.WINDOW_CLOSED: DueState.INACTIVE,
    DeadlineStatus.STOPPED: DueState.INACTIVE,
}
DEADLINE_ARTICLE = 4  # the last column takes the spare width
BLOCK_STYLE = (
    "background: #f8f9fa; border: 1px solid #dee2e6; border-radius: 3px; padding: 4px 6px;"
)
REVEALED_STYLE = "color: #664d03; background: #fff0c2; padding: 2px 6px; border-radius: 3px;"


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# ----- small read-only table models ---------------------------------------------------------------


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    tooltip: Callable[[R], str] | None = None
    colours: Callable[[R], DueState | None] | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    """A short list held in full (a case has tens of events, a few deadlines and files)."""

    def __init__(
        self, columns: Sequence[Column[R]], rows: Sequence[R], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows = list(rows)
        self.bold: Callable[[R], bool] | None = None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_value(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(value) if column.tooltip else column.text(value)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            state = column.colours(value) if column.colours else None
            if state is None:
                return None
            return state.background if role == Qt.ItemDataRole.BackgroundRole else state.foreground
        if role == Qt.ItemDataRole.FontRole and self.bold is not None and self.bold(value):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _timeline_columns() -> list[Column[TimelineEntry]]:
    return [
        Column(translate("CaseDetail", "Time"), lambda e: format_datetime(e.at)),
        Column(translate("CaseDetail", "By"), lambda e: e.actor),
        Column(translate("CaseDetail", "Event"), lambda e: e.summary),
        Column(translate("CaseDetail", "Basis"), lambda e: e.article or NO_VALUE),
    ]


class TimelineModel(RowsModel[TimelineEntry]):
    """A case's events, oldest first: who, when, what, under which article."""

    def __init__(self, entries: list[TimelineEntry], parent: QObject | None = None) -> None:
        super().__init__(_timeline_columns(), entries, parent)

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.set_rows(entries)


def _deadline_colour(deadline: DeadlineView) -> DueState | None:
    return DEADLINE_COLOURS.get(deadline.status)


class DeadlineModel(RowsModel[DeadlineView]):
    """Every clock of the case; the current one in bold, each status with its word and colour."""

    def __init__(self, deadlines: Sequence[DeadlineView], parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    self.tr("Deadline"),
                    lambda d: d.label,
                    lambda d: self.tr("Current deadline") if d.current else d.label,
                ),
                Column(self.tr("Time limit"), lambda d: d.period_text),
                Column(self.tr("Due"), lambda d: d.due_text, colours=_deadline_colour),
                Column(self.tr("Status"), lambda d: d.status.label, colours=_deadline_colour),
                Column(self.tr("Basis"), lambda d: d.article),
            ],
            deadlines,
            parent,
        )
        self.bold = lambda d: d.current


class AttachmentModel(RowsModel[AttachmentView]):
    """The case's files; the tooltip carries the content hash that identifies the evidence."""

    def __init__(
        self, attachments: Sequence[AttachmentView], parent: QObject | None = None
    ) -> None:
        super().__init__(
            [
                Column(
                    translate("CaseDetail", "File name"),
                    lambda a: a.file_name,
                    lambda a: f"{a.file_name}\nSHA-256：{a.sha256}",
                ),
                Column(translate("CaseDetail", "Size"), lambda a: size_text(a.size)),
                Column(translate("CaseDetail", "Added at"), lambda a: format_datetime(a.added_at)),
                Column(translate("CaseDetail", "Added by"), lambda a: a.added_by or NO_VALUE),
            ],
            attachments,
            parent,
        )


# ----- building blocks ------------------------------------------------------------------------------


def _value(text: str) -> QLabel:
    label = QLabel(text or NO_VALUE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _block(text: str) -> QLabel:
    label = _value(text)
    label.setStyleSheet(BLOCK_STYLE)
    return label


def _section(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return box, form


def _badge(text: str, background: str, foreground: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(
        f"color: {foreground}; background: {background}; padding: 2px 8px; border-radius: 3px;"
    )
    return label


def _table(model: QAbstractTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    # One line a row (short values; a long file name is elided, its tooltip has it whole):
    # rows measured for wrapping before the table has its width come out uneven.
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _fit_height(view: QTableView) -> None:
    """Show every row without an inner scroll bar: the page around it scrolls instead."""
    rows = view.verticalHeader().defaultSectionSize() * view.model().rowCount()
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth())
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def _due_phrase(deadline: DeadlineView) -> str:
    """``已超期 2026-01-05`` / ``即将到期 …`` / the date alone: the word goes first, as in the list."""
    word = deadline.status.label
    if deadline.status in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON):
        return f"{word} {deadline.due_text}"
    return deadline.due_text


# ----- the view -------------------------------------------------------------------------------------


class CaseDetailView(QWidget):
    """The whole case on one page, with the actions its state and the user's role allow."""

    changed = Signal(int)
    """A case action or an added file changed the case (the list may want to refresh)."""
    refreshed = Signal()
    """The page shows the case as it is now (after an action or a reveal)."""

    def __init__(
        self,
        svc: Services,
        case_id: int,
        *,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        # Read before building: a vanished case raises NotFound here, before any window shows.
        detail = case_view.case_detail(svc, actor, case_id)
        entries = queries.timeline(svc, case_id)
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.case_id = case_id
        self.detail = detail
        self.revealed: list[RevealedPerson] | None = None
        self.print_task: BackgroundTask[PrintedDocument] | None = None
        self.preview: PdfPreviewDialog | None = None
        self.refresh_task: BackgroundTask[tuple[CaseDetail, list[TimelineEntry]]] | None = None
        self.file_task: BackgroundTask[Any] | None = None
        self.action_dialog: ActionDialog | None = None
        self.action_buttons: dict[Action, QPushButton] = {}
        self.reward_button: QPushButton | None = None
        self.reward_task: BackgroundTask[None] | None = None
        self.claim_dialog: ClaimDialog | None = None
        self._refresh_again = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header())

        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.deadline_model = DeadlineModel(detail.deadlines, self)
        self.attachment_model = AttachmentModel(detail.attachments, self)
        self.timeline_model = TimelineModel(entries, self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.page_scroll)
        splitter.addWidget(self._timeline_pane())
        # Half and half: the timeline's 事项 column wraps badly when narrower than ~300 px.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1, 1])
        self.splitter = splitter
        layout.addWidget(splitter, 1)

        self.bar = QHBoxLayout()
        self.actions_row = QHBoxLayout()
        self.actions_row.setSpacing(4)
        self.bar.addLayout(self.actions_row)
        self.status_label = QLabel()
        self.bar.addWidget(self.status_label, 1)
        if actor is not None:
            self.bar.addLayout(self._print_controls())
        layout.addLayout(self.bar)
        self.show_detail(detail)

    # ----- layout ---------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.number_label = QLabel()
        font = self.number_label.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.number_label.setFont(font)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_badge = QLabel()
        self.due_badge = QLabel()
        self.kind_label = QLabel()
        self.query_label = QLabel()
        self.query_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.number_label, self.state_badge, self.due_badge, self.kind_label):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.query_label)
        return row

    def _timeline_pane(self) -> QWidget:
        pane = QWidget()
        box = QVBoxLayout(pane)
        box.setContentsMargins(4, 0, 0, 0)
        heading = QLabel(self.tr("&History"))
        heading.setStyleSheet("font-weight: bold;")
        box.addWidget(heading)
        self.timeline = QTableView()
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setShowGrid(False)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().hide()
        heading.setBuddy(self.timeline)
        header = self.timeline.horizontalHeader()
        metrics = header.fontMetrics()
        for column, sample in enumerate(TIMELINE_WIDTH_SAMPLES):
            width = max(
                metrics.horizontalAdvance(sample),
                metrics.horizontalAdvance(translate("CaseDetail", TIMELINE_COLUMNS[column])),
            )
            header.resizeSection(column, width + 24)
        header.setSectionResizeMode(TIMELINE_WHAT, QHeaderView.ResizeMode.Stretch)
        # A case has tens of events: sizing rows to their wrapped text is cheap here.
        self.timeline.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.timeline, 1)
        return pane

    def show_detail(self, detail: CaseDetail) -> None:
        """Show ``detail`` everywhere on the page (header, sections, actions)."""
        self.detail = detail
        self.number_label.setText(detail.number)
        background, foreground = STATE_COLOURS[detail.state_group]
        self.state_badge.setText(detail.state_label)
        self.state_badge.setToolTip(
            self.tr("Status: {state} ({group})").format(
                state=detail.state_label, group=detail.state_group.label
            )
        )
        self.state_badge.setStyleSheet(
            f"color: {foreground}; background: {background}; padding: 2px 8px; border-radius: 3px;"
        )
        current = detail.current_deadline
        colour = DEADLINE_COLOURS.get(current.status) if current else None
        if current is not None and colour is not None and colour.background is not None:
            assert colour.foreground is not None
            self.due_badge.setText(f"{current.label} {_due_phrase(current)}")
            self.due_badge.setStyleSheet(
                f"color: {colour.foreground.name()}; background: {colour.background.name()};"
                " padding: 2px 8px; border-radius: 3px;"
            )
            self.due_badge.show()
        else:
            self.due_badge.hide()
        self.kind_label.setText(
            f"{detail.kind_label} · {detail.priority_label} · {detail.channel_label}"
        )
        self.query_label.setText(self.tr("Query code {code}").format(code=detail.query_code))
        self.deadline_model.set_rows(detail.deadlines)
        self.attachment_model.set_rows(detail.attachments)

        position = self.page_scroll.verticalScrollBar().value()
        old = self.page_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.page_scroll.setWidget(self._sections(detail))
        self.page_scroll.verticalScrollBar().setValue(position)
        self._fill_actions(detail)

    def _sections(self, detail: CaseDetail) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 6, 0)
        box.addWidget(self._summary_section(detail))
        box.addWidget(self._submitter_section(detail))
        box.addWidget(self._facts_section(detail))
        if detail.is_tip_off:
            box.addWidget(self._tip_off_section(detail))
        box.addWidget(self._deadline_section(detail))
        for section in (
            self._request_section(detail),
            self._handling_section(detail),
            self._evaluation_section(detail),
            self._redo_section(detail),
        ):
            if section is not None:
                box.addWidget(section)
        box.addWidget(self._attachment_section(detail))
        box.addStretch(1)
        return page

    def _summary_section(self, detail: CaseDetail) -> QGroupBox:
        box, form = _section(self.tr("Summary"))
        form.addRow(
            self.tr("Registered:"),
            _value(
                self.tr("{when}, {who}").format(
                    when=format_datetime(detail.received_at), who=detail.registered_by
                )
            ),
        )
        unit = detail.unit_name or NO_VALUE
        if detail.unit_name and detail.designated:
            unit += self.tr(" (designated by the centre, cannot be returned)")
        form.addRow(self.tr("Handling unit:"), _value(unit))
        current = detail.current_deadline
        if current is not None:
            self.due_label = _value(_due_phrase(current))
            colour = DEADLINE_COLOURS.get(current.status)
            if colour is not None and colour.background is not None:
                assert colour.foreground is not None
                # Colour with the word already in the text (已超期 / 即将到期), never colour alone.
                self.due_label.setStyleSheet(
                    f"color: {colour.foreground.name()}; background: {colour.background.name()};"
                    " padding: 1px 4px;"
                )
            row = QWidget()
            row_box = QHBoxLayout(row)
            row_box.setContentsMargins(0, 0, 0, 0)
            row_box.addWidget(self.due_label, 0)
            row_box.addStretch(1)
            form.addRow(self.tr("{label}:").format(label=current.label), row)
        if detail.completed_at is not None:
            form.addRow(self.tr("Closed:"), _value(format_datetime(detail.completed_at)))
        if detail.closed_at is not None:
            form.addRow(self.tr("Ended:"), _value(format_datetime(detail.closed_at)))
        if detail.refusal_ground_label:
            form.addRow(
                self.tr("Declined:"),
                _value(
                    self.tr("{ground}\nReason: {reason}").format(
                        ground=detail.refusal_ground_label, reason=detail.refusal_reason
                    )
                ),
            )
        if detail.missing_materials:
            form.addRow(
                self.tr("Materials to supplement:"), _value("\n".join(detail.missing_materials))
            )
        form.addRow(self.tr("Rule profile:"), _value(detail.profile_name))
        return box

    def _submitter_section(self, detail: CaseDetail) -> QGroupBox:
        box, form = _section(self.tr("Reporter") if detail.is_tip_off else self.tr("Requester"))
        people: Sequence[SubmitterView | RevealedPerson] = self.revealed or detail.submitters
        if detail.anonymous:
            form.addRow(
                _value(
                    self.tr(
                        "Anonymous (the result can be looked up with query code {code})"
                    ).format(code=detail.query_code)
                )
            )
        for index, person in enumerate(people):
            if len(people) > 1:
                form.addRow(
                    _value(
                        self.tr("First co-signer")
                        if index == 0
                        else self.tr("Co-signer {position}").format(position=index + 1)
                    )
                )
            form.addRow(self.tr("Name:"), _value(person.name))
            document = f"{person.doc_type} {person.doc_number}".strip()
            form.addRow(self.tr("Document:"), _value(document))
            form.addRow(self.tr("Phone:"), _value(person.phone))
            form.addRow(self.tr("Address:"), _value(person.address))
            if isinstance(person, RevealedPerson) and person.birth_date is not None:
                born = f"{person.birth_date.isoformat()} {person.sex} {person.region_name}"
                form.addRow(self.tr("Born:"), _value(born.strip()))
        self.reveal_button = QPushButton(self.tr("Show &identity…"))
        self.reveal_button.clicked.connect(self.show_identity)
        if self.revealed is not None:
            self.reveal_button.setEnabled(False)
            note = QLabel(
                self.tr(
                    "⚠ The identity details above are unmasked; this viewing has been recorded in the history"
                )
            )
            note.setWordWrap(True)
            note.setStyleSheet(REVEALED_STYLE)
            form.addRow(note)
        else:
            self.reveal_button.setEnabled(detail.can_reveal_identity)
            self.reveal_button.setToolTip(
                self.tr(
                    "Shows the unmasked identity details once a reason is given; the viewing is recorded in the history (RULES §5)"
                )
                if detail.can_reveal_identity
                else self.tr("An anonymous request has no identity details")
                if detail.anonymous
                else self.tr(
                    "Only supervisors and administrators may view unmasked identity details (RULES §5)"
                )
            )
        if not detail.anonymous:
            row = QHBoxLayout()
            row.addWidget(self.reveal_button)
            row.addStretch(1)
            form.addRow(row)
        return box

    def _facts_section(self, detail: CaseDetail) -> QGroupBox:
        box, form = _section(self.tr("Request"))
        form.addRow(self.tr("When:"), _value(detail.occurred))
        form.addRow(self.tr("Where:"), _value(detail.place))
        form.addRow(self.tr("Facts:"), _value(detail.content))
        if detail.request:
            form.addRow(self.tr("Wanted outcome:"), _value(detail.request))
        return box

    def _tip_off_section(self, detail: CaseDetail) -> QGroupBox:
        box, form = _section(self.tr("Tip-off"))
        form.addRow(self.tr("Reported unit:"), _value(detail.reported_unit_name))
        form.addRow(self.tr("Unit address:"), _value(detail.reported_unit_address))
        form.addRow(self.tr("Hazard category:"), _value(detail.hazard_category_label))
        if detail.evidence:
            form.addRow(self.tr("Evidence:"), _value(detail.evidence))
        if detail.linked:
            lines = [
                f"{c.number}（{format_datetime(c.received_at)}）"
                + (self.tr("   first report") if c.is_first else "")
                + ("" if c.direct else self.tr("   linked through the group"))
                for c in detail.linked
            ]
            first = (
                self.tr("This case is the first report")
                if detail.first_case_number == detail.number
                else self.tr("The first report is {number}").format(number=detail.first_case_number)
            )
            lines.append(
                self.tr(
                    "{first}; only the first reporter of a hazard can be rewarded (FIRE art. 6)."
                ).format(first=first)
            )
            form.addRow(self.tr("Duplicates:"), _value("\n".join(lines)))
        else:
            form.addRow(self.tr("Duplicates:"), _value(self.tr("Not linked to other tip-offs")))
        if detail.reward_possible:
            form.addRow(self.tr("Reward:"), self._reward_row(detail))
        return box

    def _reward_row(self, detail: CaseDetail) -> QWidget:
        """The claim's state, and the way into it (FIRE art. 9: registered, sent to verify)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(_value(detail.reward_state_label or self.tr("Not registered for a reward")))
        self.reward_button = None
        if self.actor is not None and detail.reward_state_label:
            self.reward_button = QPushButton(self.tr("Open reward…"))
            self.reward_button.clicked.connect(self.open_reward)
        elif self.actor is not None and self.actor.can(Action.OPEN_REWARD):
            self.reward_button = QPushButton(self.tr("Register for a reward…"))
            self.reward_button.setToolTip(
                self.tr(
                    "Register the tip-off for a reward and send it to the fire brigade to verify (FIRE art. 9)"
                )
            )
            self.reward_button.clicked.connect(self.register_reward)
        if self.reward_button is not None:
            self.reward_button.setAutoDefault(False)
            line.addWidget(self.reward_button)
        line.addStretch(1)
        return row

    def open_reward(self) -> ClaimDialog | None:
        if self.actor is None:
            return None
        dialog = ClaimDialog(self.svc, self.actor, self.case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._case_changed)
        self.claim_dialog = dialog
        dialog.open()
        return dialog

    def register_reward(self) -> None:
        if self.actor is None or self.reward_button is None:
            return
        svc, actor, case_id = self.svc, self.actor, self.case_id
        self.reward_button.setEnabled(False)

        def done(_value: object) -> None:
            self.reward_task = None
            self._case_changed()
            self.open_reward()

        def failed(failure: Failure) -> None:
            self.reward_task = None
            if self.reward_button is not None:
                self.reward_button.setEnabled(True)
            show_failure(self, failure, self.tr("Cannot register for a reward"))

        self.reward_task = run_in_background(
            self,
            lambda token, report: rewards.open_claim(svc, actor, case_id),
            on_success=done,
            on_failure=failed,
        )

    def _deadline_section(self, detail: CaseDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Deadlines"))
        inner = QVBoxLayout(box)
        if not detail.deadlines:
            inner.addWidget(_value(self.tr("No deadline is running")))
            return box
        self.deadline_table = _table(self.deadline_model, DEADLINE_ARTICLE)
        self.deadline_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.deadline_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inner.addWidget(self.deadline_table)
        _fit_height(self.deadline_table)
        return box

    def _request_section(self, detail: CaseDetail) -> QGroupBox | None:
        if not detail.extension_requests and not detail.return_requests:
            return None
        box, form = _section(self.tr("Extensions and returns"))
        for e in detail.extension_requests:
            lines = [
                self.tr("{when} {who} asked for {days} more working days — {status}").format(
                    when=format_datetime(e.requested_at),
                    who=e.requested_by,
                    days=e.extra_working_days,
                    status=e.status.label,
                ),
                self.tr("Reason: {reason}").format(reason=e.reason),
                self.tr("Basis: {basis}").format(basis=e.basis),
            ]
            if e.proposed_due_text:
                lines.append(self.tr("Deadline if approved: {due}").format(due=e.proposed_due_text))
            if e.decided_at is not None:
                lines.append(
                    self.tr("Decided: {who}, {when}").format(
                        who=e.decided_by, when=format_datetime(e.decided_at)
                    )
                    + (self.tr(", {note}").format(note=e.note) if e.note else "")
                )
            form.addRow(self.tr("Extension:"), _block("\n".join(lines)))
        for r in detail.return_requests:
            lines = [
                self.tr("{when} {unit} asked to return it — {status}").format(
                    when=format_datetime(r.requested_at), unit=r.unit_name, status=r.status.label
                ),
                self.tr("Reason: {reason}").format(reason=r.reason),
                self.tr("Basis: {basis}").format(basis=r.basis),
            ]
            if r.decided_at is not None:
                moved = (
                    self.tr(", reassigned to {unit}").format(unit=r.new_unit_name)
                    if r.new_unit_name
                    else ""
                )
                lines.append(
                    self.tr("Decided: {who}, {when}").format(
                        who=r.decided_by, when=format_datetime(r.decided_at)
                    )
                    + moved
                    + (self.tr(", {note}").format(note=r.note) if r.note else "")
                )
            form.addRow(self.tr("Return:"), _block("\n".join(lines)))
        return box

    def _handling_section(self, detail: CaseDetail) -> QGroupBox | None:
        if not detail.contacts and not detail.results:
            return None
        box, form = _section(self.tr("Contacts and results"))
        for c in detail.contacts:
            text = f"{format_datetime(c.at)} {c.method}（{c.recorded_by}）"
            form.addRow(self.tr("Contact:"), _value(text + (f"：{c.note}" if c.note else "")))
        for r in detail.results:
            lines = [
                self.tr("{when} submitted by {who} — {review}").format(
                    when=format_datetime(r.submitted_at), who=r.recorded_by, review=r.review_label
                ),
                self.tr("Handled at: {when}").format(when=format_datetime(r.handled_at)),
                self.tr("Method: {method}").format(method=r.method),
                self.tr("Result: {outcome}").format(outcome=r.outcome),
                self.tr("Basis: {basis}").format(basis=r.basis),
            ]
            if r.reviewed_at is not None:
                lines.append(
                    self.tr("Reviewed: {who}, {when}").format(
                        who=r.reviewed_by, when=format_datetime(r.reviewed_at)
                    )
                    + (
                        self.tr(", {note}").format(note=r.review_comment)
                        if r.review_comment
                        else ""
                    )
                )
            form.addRow(self.tr("Result:"), _block("\n".join(lines)))
        return box

    def _evaluation_section(self, detail: CaseDetail) -> QGroupBox | None:
        if not detail.evaluations:
            return None
        box, form = _section(self.tr("Evaluation"))
        for e in detail.evaluations:
            text = f"{format_datetime(e.at)} {e.stage}：{e.level}（{e.method}，{e.recorded_by}）"
            if e.tags:
                text += "\n" + self.tr("Reasons: {tags}").format(tags="、".join(e.tags))
            form.addRow(_value(text + (f"\n{e.comment}" if e.comment else "")))
        return box

    def _redo_section(self, detail: CaseDetail) -> QGroupBox | None:
        """Every redo request and its decision (JY12345 art. 16: each redo is recorded)."""
        if not detail.redo_requests:
            return None
        box, form = _section(self.tr("Redo"))
        for r in detail.redo_requests:
            lines = [
                self.tr(
                    "{when} {who} recorded a redo request ({method}, rating {level}) — {status}"
                ).format(
                    when=format_datetime(r.requested_at),
                    who=r.requested_by,
                    method=r.method,
                    level=r.level,
                    status=r.status.label,
                ),
                self.tr("Requester's reason: {reason}").format(reason=r.reason),
            ]
            if r.decided_at is not None:
                lines.append(
                    self.tr("Decided: {who}, {when}").format(
                        who=r.decided_by, when=format_datetime(r.decided_at)
                    )
                    + (self.tr(", {note}").format(note=r.note) if r.note else "")
                )
            if r.unit_fault:
                lines.append(self.tr("Confirmed: the dissatisfaction was caused by the unit"))
            if r.instructions_not_followed:
                lines.append(self.tr("Confirmed: the unit did not follow the redo instructions"))
            if r.new_due_text:
                lines.append(
                    self.tr("Back to {unit}; new deadline {due} (was {previous})").format(
                        unit=r.unit_name, due=r.new_due_text, previous=r.previous_due_text or "—"
                    )
                )
            form.addRow(self.tr("Redo request {n}:").format(n=r.sequence), _block("\n".join(lines)))
        if detail.redo is not None:
            form.addRow(
                self.tr("Redos:"),
                _value(
                    self.tr("{granted} of {max} granted ({article})").format(
                        granted=detail.redo.granted,
                        max=detail.redo.max_count,
                        article=detail.redo.article,
                    )
                ),
            )
        return box

    def _attachment_section(self, detail: CaseDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Attachments"))
        inner = QVBoxLayout(box)
        self.attachment_table = _table(self.attachment_model, 0)
        self.attachment_table.doubleClicked.connect(lambda _index: self.open_attachment())
        if detail.attachments:
            inner.addWidget(self.attachment_table)
            _fit_height(self.attachment_table)
        else:
            self.attachment_table.hide()
            inner.addWidget(_value(self.tr("No attachments")))
        row = QHBoxLayout()
        self.open_attachment_button = QPushButton(self.tr("&Open attachment"))
        self.open_attachment_button.setEnabled(bool(detail.attachments))
        self.open_attachment_button.clicked.connect(self.open_attachment)
        self.add_attachment_button = QPushButton(self.tr("Add &files…"))
        self.add_attachment_button.setToolTip(
            self.tr("Additional evidence: copied into the data folder and recorded in the history")
        )
        self.add_attachment_button.setEnabled(Action.ADD_ATTACHMENT in detail.actions)
        self.add_attachment_button.clicked.connect(self.choose_attachments)
        row.addWidget(self.open_attachment_button)
        row.addWidget(self.add_attachment_button)
        row.addStretch(1)
        inner.addLayout(row)
        return box

    # ----- actions --------------------------------------------------------------------------

    def _fill_actions(self, detail: CaseDetail) -> None:
        """Buttons for the allowed actions only; the others are not shown at all."""
        for button in self.action_buttons.values():
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for action in detail.actions:
            if action not in ACTION_DIALOGS:
                continue  # ADD_ATTACHMENT has its own button beside the files
            text, _dialog = ACTION_DIALOGS[action]
            button = QPushButton(text)
            # Enter stays with 关闭; an action needs its own key (Alt+letter) or a click.
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=action: self.open_action(a))
            self.actions_row.addWidget(button)
            self.action_buttons[action] = button

    def open_action(self, action: Action) -> ActionDialog | None:
        """The action's dialog, window-modal; on success the page reloads."""
        if self.actor is None or action not in ACTION_DIALOGS:
            return None
        _text, dialog_class = ACTION_DIALOGS[action]
        dialog = dialog_class(self.svc, self.actor, self.detail, self)
        return self._open(dialog, lambda _value: self._case_changed())

    def show_identity(self) -> ActionDialog | None:
        """显示身份信息: a reason first (logged), then the unmasked data in place."""
        if self.actor is None or not self.detail.can_reveal_identity:
            return None
        dialog = RevealIdentityDialog(self.svc, self.actor, self.detail, self)
        return self._open(dialog, self._identity_revealed)

    def _open(self, dialog: ActionDialog, on_success: Callable[[Any], None]) -> ActionDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(on_success)
        dialog.destroyed.connect(self._forget_dialog)
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self) -> None:
        self.action_dialog = None

    def _identity_revealed(self, people: list[RevealedPerson]) -> None:
        self.revealed = people
        self.show_detail(self.detail)
        # The view was logged: bring the new event into the timeline.
        self.refresh()

    def _case_changed(self) -> None:
        self.changed.emit(self.case_id)
        self.refresh()

    def refresh(self) -> None:
        """Read the case again in the background; ``refreshed`` once it is shown."""
        if self.refresh_task is not None:
            self._refresh_again = True
            return
        svc, actor, case_id = self.svc, self.actor, self.case_id
        self.refresh_task = run_in_background(
            self,
            lambda token, report: (
                case_view.case_detail(svc, actor, case_id),
                queries.timeline(svc, case_id),
            ),
            on_success=self._refreshed,
            on_failure=self._refresh_failed,
        )

    def _refreshed(self, loaded: tuple[CaseDetail, list[TimelineEntry]]) -> None:
        self.refresh_task = None
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
            return
        detail, entries = loaded
        self.show_detail(detail)
        self.timeline_model.set_entries(entries)
        self.timeline.scrollToBottom()
        self.refreshed.emit()

    def _refresh_failed(self, failure: Failure) -> None:
        self.refresh_task = None
        show_failure(self, failure, self.tr("Cannot refresh the case"))

    # ----- attachments ----------------------------------------------------------------------

    def selected_attachment(self) -> AttachmentView | None:
        rows = self.attachment_table.selectionModel().selectedRows()
        if rows:
            return self.attachment_model.row_value(rows[0].row())
        if self.attachment_model.rowCount() == 1:
            return self.attachment_model.row_value(0)
        return None

    def open_attachment(self) -> BackgroundTask[Path] | None:
        """Copy the file out under its own name (in the background), then the system viewer."""
        attachment = self.selected_attachment()
        if attachment is None or self.file_task is not None:
            if attachment is None:
                self.status_label.setText(
                    self.tr("Choose the file to open in the attachment list first")
                )
            return None
        svc = self.svc
        self.status_label.setText(self.tr("Opening “{name}”…").format(name=attachment.file_name))
        task = run_in_background(
            self,
            lambda token, report: case_view.copy_for_opening(svc, attachment),
            on_success=self._open_copied,
            on_failure=self._file_failed,
        )
        self.file_task = task
        return task

    def _open_copied(self, path: Path) -> None:
        self.file_task = None
        self.status_label.clear()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_failure(
                self,
                Failure(
                    self.tr(
                        "No program can open “{name}”; the file has been copied to:\n{path}"
                    ).format(name=path.name, path=path),
                    OSError(),
                    False,
                ),
                self.tr("Cannot open the attachment"),
            )

    def _file_failed(self, failure: Failure) -> None:
        self.file_task = None
        self.status_label.clear()
        show_failure(self, failure, self.tr("The attachment operation did not complete"))

    def choose_attachments(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add attachments"), "", self.tr("All files (*)")
        )
        if paths:
            self.add_attachments([Path(p) for p in paths])

    def add_attachments(self, paths: list[Path]) -> BackgroundTask[None] | None:
        """Store each file with the case (in the background) and log it; then reload."""
        if self.actor is None or self.file_task is not None or not paths:
            return None
        svc, actor, case_id = self.svc, self.actor, self.case_id

        def store(token: object, report: object) -> None:
            for path in paths:
                handling.add_attachment(svc, actor, case_id, path)

        self.add_attachment_button.setEnabled(False)
        self.status_label.setText(self.tr("Adding {count} attachments…").format(count=len(paths)))
        task: BackgroundTask[None] = run_in_background(
            self, store, on_success=self._attachments_added, on_failure=self._file_failed
        )
        self.file_task = task
        return task

    def _attachments_added(self, _none: None) -> None:
        self.file_task = None
        self.status_label.clear()
        self._case_changed()

    # ----- printing -------------------------------------------------------------------------

    def _print_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print"))
        self.print_button.setAutoDefault(False)
        self.print_button.setToolTip(
            self.tr("Issue or reprint this case's documents; preview, then print (Ctrl+P)")
        )
        self.print_menu = QMenu(self.print_button)
        # Filled each time it opens: what a case can print changes with its state.
        self.print_menu.aboutToShow.connect(self.fill_print_menu)
        self.print_button.setMenu(self.print_menu)
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence("Ctrl+P"))
        shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.triggered.connect(self.print_button.showMenu)
        self.addAction(shortcut)
        row.addWidget(self.print_button)
        return row

    def fill_print_menu(self) -> None:
        """One entry per document the case can print now, then 补打受理回执."""
        from app.services import printing

        self.print_menu.clear()
        try:
            available = printing.available_documents(self.svc, self.case_id)
        except DomainError as exc:
            self.print_menu.addAction(str(exc)).setEnabled(False)
            return
        for doc_type in available:
            action = self.print_menu.addAction(f"{doc_type.label}…")
            action.setData(doc_type.value)
            action.triggered.connect(lambda _=False, d=doc_type: self.print_document(d))
        if not available:
            self.print_menu.addAction(self.tr("No document can be printed now")).setEnabled(False)
        if DocType.RECEIPT in available:
            self.print_menu.addSeparator()
            reprint = self.print_menu.addAction(self.tr("Reprint the acceptance receipt…"))
            reprint.setToolTip(
                self.tr(
                    "Printed again with the original number, marked “reprint” on the receipt, and recorded in the history"
                )
            )
            reprint.triggered.connect(lambda: self.print_document(DocType.RECEIPT, reprint=True))

    def print_document(
        self, doc_type: DocType, *, reprint: bool = False
    ) -> BackgroundTask[PrintedDocument] | None:
        """Issue (number, render, log) in the background, then open the preview."""
        from app.services import printing

        if self.actor is None or self.print_task is not None:
            return None
        svc, actor, case_id = self.svc, self.actor, self.case_id
        self.print_button.setEnabled(False)
        self.status_label.setText(
            (
                self.tr("Reprinting {document}…") if reprint else self.tr("Issuing {document}…")
            ).format(document=doc_type.label)
        )
        self.print_task = run_in_background(
            self,
            lambda token, report: printing.issue(svc, actor, doc_type, case_id, reprint=reprint),
            on_success=self._show_printed,
            on_failure=self._print_failed,
        )
        return self.print_task

    def _end_print_task(self) -> None:
        self.print_task = None
        self.print_button.setEnabled(True)
        self.status_label.clear()
        # The issue (or reprint) is an event of the case: show it in the timeline at once.
        self.timeline_model.set_entries(queries.timeline(self.svc, self.case_id))

    def _show_printed(self, document: PrintedDocument) -> None:
        self._end_print_task()
        preview = PdfPreviewDialog(
            self, f"{document.title}（{document.number_text}）", document.pdf
        )
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()
        self.preview = preview

    def _print_failed(self, failure: Failure) -> None:
        self._end_print_task()
        show_failure(self, failure, self.tr("Cannot print"))


# ----- the dialog -----------------------------------------------------------------------------------


class CaseDetailDialog(QDialog):
    """The case page as a window over the case list; Esc (or Enter on 关闭) closes it."""

    case_changed = Signal(int)
    """Re-emitted from the view: an action changed the case, so the list may refresh."""

    def __init__(
        self,
        svc: Services,
        case_id: int,
        *,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        # Built before the dialog so that a vanished case (NotFound) leaves no window behind.
        view = CaseDetailView(svc, case_id, actor=actor)
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(self.tr("Case {number}").format(number=view.detail.number))
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(translate("CaseDetail", "Close"))
        buttons.rejected.connect(self.reject)
        view.bar.addWidget(buttons)
        view.changed.connect(self.case_changed)
        # Enter or Esc closes: the clerk is back on the list with one key.
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.resize(1180, 720)
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry().size()
            self.resize(self.size().boundedTo(available))

    # The print menu and the timeline live in the view; these keep the dialog's own API.
    @property
    def svc(self) -> Services:
        return self.view.svc

    @property
    def actor(self) -> Actor | None:
        return self.view.actor

    @property
    def case_id(self) -> int:
        return self.view.case_id

    @property
    def timeline_model(self) -> TimelineModel:
        return self.view.timeline_model

    @property
    def status_label(self) -> QLabel:
        return self.view.status_label

    @property
    def print_button(self) -> QPushButton:
        # Without a signed-in user there is nothing to print: AttributeError, as before.
        return self.view.print_button

    @property
    def print_menu(self) -> QMenu:
        return self.view.print_menu

    @property
    def print_task(self) -> BackgroundTask[PrintedDocument] | None:
        return self.view.print_task

    @property
    def preview(self) -> PdfPreviewDialog | None:
        return self.view.preview

    def fill_print_menu(self) -> None:
        self.view.fill_print_menu()

    def print_document(
        self, doc_type: DocType, *, reprint: bool = False
    ) -> BackgroundTask[PrintedDocument] | None:
        return self.view.print_document(doc_type, reprint=reprint)


__all__ = [
    "AttachmentModel",
    "CaseDetailDialog",
    "CaseDetailView",
    "Column",
    "DeadlineModel",
    "RowsModel",
    "TimelineModel",
]
