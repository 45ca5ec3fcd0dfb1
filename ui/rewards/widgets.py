"""Small widgets the reward screens share: read-only tables and print-then-preview."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.services import rewards
from ui.background import BackgroundTask, Failure, run_in_background, show_failure
from ui.printing.preview import PdfPreviewDialog


def make_table(headers: list[str], *, right_aligned: Sequence[int] = ()) -> QTableWidget:
    """A read-only table of plain strings; amounts (``right_aligned`` columns) line up."""
    table = QTableWidget(0, len(headers))
    table.setProperty("right_aligned", list(right_aligned))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[tuple[str, ...]]) -> None:
    right = set(table.property("right_aligned") or [])
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)  # a long reason or summary is read whole on hover
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class _Previewing(Protocol):
    preview: PdfPreviewDialog | None
    print_task: BackgroundTask[rewards.RewardDocument] | None


def print_with_preview(
    owner: QWidget, button: QPushButton, produce: Callable[[], rewards.RewardDocument]
) -> BackgroundTask[rewards.RewardDocument]:
    """Number and render a reward document in the background, then preview it; the button
    waits meanwhile. ``owner`` keeps the task and the preview (``print_task``, ``preview``)."""
    button.setEnabled(False)
    keeper = cast(_Previewing, owner)

    def done(document: rewards.RewardDocument) -> None:
        keeper.print_task = None
        button.setEnabled(True)
        keeper.preview = PdfPreviewDialog(
            owner, f"{document.doc_type.label} {document.number_text}", document.pdf
        )
        keeper.preview.open()

    def failed(failure: Failure) -> None:
        keeper.print_task = None
        button.setEnabled(True)
        show_failure(owner, failure)

    return run_in_background(
        owner, lambda token, report: produce(), on_success=done, on_failure=failed
    )
