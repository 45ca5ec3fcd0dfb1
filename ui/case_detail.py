"""One case: its summary line, the timeline of events (who, when, what, which article), printing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.documents.payloads import DocType
from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import queries
from app.services.context import Services
from app.services.queries import CaseRow, TimelineEntry
from ui.background import BackgroundTask, Failure, run_in_background, show_failure
from ui.formatting import NO_VALUE, due_state, due_text, format_datetime
from ui.printing.preview import PdfPreviewDialog

if TYPE_CHECKING:
    from app.services.printing import PrintedDocument

AnyIndex = QModelIndex | QPersistentModelIndex

TIMELINE_COLUMNS = ("时间", "操作人", "事项", "依据")
TIMELINE_WHAT = 2
# Typical longest contents, to size the columns other than 事项 (which takes the rest).
TIMELINE_WIDTH_SAMPLES = ("2026-01-21 10:30", "欧阳管理员", "", "YJ12345 art. 9(1)2")


class TimelineModel(QAbstractTableModel):
    """A case's events, oldest first; a case has tens of events, so they are held in full."""

    def __init__(self, entries: list[TimelineEntry], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = entries

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TIMELINE_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(TIMELINE_COLUMNS)
        ):
            return TIMELINE_COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self._entries[index.row()]
        match index.column():
            case 0:
                return format_datetime(entry.at)
            case 1:
                return entry.actor
            case 2:
                return entry.summary
            case 3:
                return entry.article or NO_VALUE
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CaseDetailDialog(QDialog):
    """The case and its history; with a signed-in ``actor`` also 打印 (documents and 补打).

    The workstation adds the other actions the state and the role allow.
    """

    def __init__(
        self,
        svc: Services,
        case_id: int,
        *,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        rows = queries.case_rows(svc, [case_id])
        entries = queries.timeline(svc, case_id)  # raises NotFound for a vanished case
        self.svc = svc
        self.actor = actor
        self.case_id = case_id
        self.print_task: BackgroundTask[PrintedDocument] | None = None
        self.preview: PdfPreviewDialog | None = None
        self.row: CaseRow | None = rows[0] if rows else None
        number = self.row.number if self.row else str(case_id)
        self.setWindowTitle(f"案件 {number}")

        layout = QVBoxLayout(self)
        if self.row is not None:
            layout.addLayout(self._summary(self.row))

        heading = QLabel("办理过程")
        heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
        layout.addWidget(heading)
        self.timeline_model = TimelineModel(entries, self)
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
                metrics.horizontalAdvance(TIMELINE_COLUMNS[column]),
            )
            header.resizeSection(column, width + 24)
        header.setSectionResizeMode(TIMELINE_WHAT, QHeaderView.ResizeMode.Stretch)
        # A case has tens of events: sizing rows to their wrapped text is cheap here.
        self.timeline.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.timeline, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        self.status_label = QLabel()
        if actor is not None:
            bottom.addLayout(self._print_controls())
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        # Enter or Esc closes: the clerk is back on the list with one key.
        close.setDefault(True)
        close.setFocus()
        self.resize(860, 520)

    # ----- printing -----------------------------------------------------------------------

    def _print_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.print_button = QPushButton("打印(&P)")
        self.print_button.setToolTip("出具或补打本案的文书，先预览再打印（Ctrl+P）")
        self.print_menu = QMenu(self.print_button)
        # Filled each time it opens: what a case can print changes with its state.
        self.print_menu.aboutToShow.connect(self.fill_print_menu)
        self.print_button.setMenu(self.print_menu)
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence("Ctrl+P"))
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
            self.print_menu.addAction("当前没有可打印的文书").setEnabled(False)
        if DocType.RECEIPT in available:
            self.print_menu.addSeparator()
            reprint = self.print_menu.addAction("补打受理回执…")
            reprint.setToolTip("原编号重新打印，回执上注明“补打”，并记入办理过程")
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
        self.status_label.setText(f"正在{'补打' if reprint else '生成'}{doc_type.label}…")
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
        show_failure(self, failure, "无法打印")

    # ----- layout ---------------------------------------------------------------------------

    def _summary(self, row: CaseRow) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        due = QLabel(due_text(row))
        state = due_state(row)
        if state.background is not None and state.foreground is not None:
            # Colour with the word already in the text (已超期 / 即将到期), never colour alone.
            due.setStyleSheet(
                f"color: {state.foreground.name()}; background: {state.background.name()};"
                " padding: 1px 4px;"
            )
        elif state.foreground is not None:
            due.setStyleSheet(f"color: {state.foreground.name()};")
        due_row = QWidget()
        due_layout = QVBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(due, 0, Qt.AlignmentFlag.AlignLeft)
        fields: list[tuple[str, QWidget]] = [
            ("案件编号", QLabel(row.number)),
            ("类型", QLabel(f"{row.kind.label}（{row.priority.label}）")),
            ("状态", QLabel(row.state.label)),
            ("诉求人", QLabel(row.submitter)),
            ("承办单位", QLabel(row.unit or NO_VALUE)),
            (row.due_kind.label if row.due_kind else "办理期限", due_row),
            ("登记时间", QLabel(format_datetime(row.received_at))),
        ]
        content = QLabel(row.summary or NO_VALUE)
        content.setWordWrap(True)
        fields.append(("内容摘要", content))
        for label, widget in fields:
            if isinstance(widget, QLabel):
                widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}：", widget)
        return form
