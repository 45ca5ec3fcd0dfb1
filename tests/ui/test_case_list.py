"""Tests for the case list page: debounced search, filters, header sorting, remembered layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.vocabulary import CaseState, Kind, StateGroup
from app.services import queries
from app.services.context import Services
from app.services.queries import CaseFilter, DueFilter, SortKey
from tests.ui.fixtures_data import DemoData
from ui.case_list import SEARCH_PLACEHOLDER, CaseListPage
from ui.case_table_model import COL_DUE, COL_PRIORITY, COL_UNIT, CaseTableModel
from ui.formatting import DueState, due_state
from ui.i18n import translate

pytestmark = pytest.mark.ui


@pytest.fixture
def page(demo: DemoData, qtbot: QtBot) -> CaseListPage:
    page = CaseListPage(demo.svc)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    page.load()
    return page


def rows(model: CaseTableModel) -> list[queries.CaseRow]:
    found = [model.case_row(row) for row in range(model.rowCount())]
    return [r for r in found if r is not None]


def type_through_ime(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Chinese arrives through the input method, one committed character at a time.

    (QTest.keyClicks only sends Latin-1 key events and aborts on other characters.)
    """
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)
        qtbot.wait(20)


def click_header(qtbot: QtBot, page: CaseListPage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_the_page_lists_every_case_newest_first(page: CaseListPage, demo: DemoData) -> None:
    assert page.model.rowCount() == 30
    assert page.search_box.placeholderText() == "案件编号 / 姓名 / 电话 / 身份证后几位 / 内容"
    assert page.search_box.placeholderText() == translate("CaseList", SEARCH_PLACEHOLDER)
    assert [page.model.case_id(r) for r in range(30)] == queries.case_ids(demo.svc)


def test_showing_a_long_list_fetches_only_the_visible_page(
    big_demo: DemoData, qtbot: QtBot
) -> None:
    pages: list[int] = []

    def counting(svc: Services, ids: list[int]) -> list[queries.CaseRow]:
        pages.append(len(ids))
        return queries.case_rows(svc, ids)

    page = CaseListPage(big_demo.svc, fetch_rows=counting)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.load()
    qtbot.wait(50)  # let the view paint
    assert page.model.rowCount() == 450
    assert pages == [200]
    page.table.scrollToBottom()
    qtbot.wait(50)
    assert pages == [200, 50]


def test_typing_a_name_narrows_the_list_after_a_pause(page: CaseListPage, qtbot: QtBot) -> None:
    counts: list[int] = []
    page.count_changed.connect(counts.append)
    type_through_ime(qtbot, page.search_box, "李秀英")
    # Debounced: nothing is queried while the clerk is still typing.
    assert page.model.rowCount() == 30
    qtbot.waitUntil(lambda: page.model.rowCount() < 30, timeout=2000)
    found = rows(page.model)
    assert found
    assert all(r.submitter == "李*英" for r in found)  # the name is masked on screen
    assert counts == [len(found)]  # one query for the whole word, not one per keystroke


def test_enter_searches_at_once_and_clearing_shows_everything(
    page: CaseListPage, qtbot: QtBot
) -> None:
    type_through_ime(qtbot, page.search_box, "居住证")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    found = rows(page.model)
    assert found and all(r.kind is Kind.CONSULTATION for r in found)
    page.search_box.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 30, timeout=2000)


def test_search_by_case_number(page: CaseListPage, qtbot: QtBot, demo: DemoData) -> None:
    number = queries.case_rows(demo.svc, demo.case_ids[4:5])[0].number
    qtbot.keyClicks(page.search_box, number)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Enter)
    assert page.model.rowCount() == 1
    assert page.model.case_id(0) == demo.case_ids[4]


def test_state_group_combo_maps_to_the_states_of_the_group(page: CaseListPage) -> None:
    page.state_combo.setCurrentIndex(page.state_combo.findText("已办结"))
    completed = frozenset(s for s in CaseState if s.group is StateGroup.COMPLETED)
    assert page.model.case_filter.states == completed
    found = rows(page.model)
    assert found and all(r.state.group is StateGroup.COMPLETED for r in found)

    page.state_combo.setCurrentIndex(page.state_combo.findText("已终结"))
    found = rows(page.model)
    assert found and all(r.state.group is StateGroup.CLOSED for r in found)

    page.state_combo.setCurrentIndex(page.state_combo.findText("全部"))
    assert page.model.case_filter == CaseFilter()
    assert page.model.rowCount() == 30


def test_due_and_kind_combos_narrow_the_list(page: CaseListPage) -> None:
    page.due_combo.setCurrentIndex(page.due_combo.findText("已超期"))
    overdue = rows(page.model)
    assert overdue and all(due_state(r) is DueState.OVERDUE for r in overdue)

    page.kind_combo.setCurrentIndex(page.kind_combo.findText("投诉"))
    assert page.model.case_filter == CaseFilter(
        kinds=frozenset({Kind.COMPLAINT}), due=DueFilter.OVERDUE
    )
    assert all(r.kind is Kind.COMPLAINT for r in rows(page.model))

    page.due_combo.setCurrentIndex(page.due_combo.findText("即将到期"))
    page.kind_combo.setCurrentIndex(0)
    soon = rows(page.model)
    assert soon and all(due_state(r) is DueState.DUE_SOON for r in soon)


def test_clicking_the_due_header_sorts_earliest_first(page: CaseListPage, qtbot: QtBot) -> None:
    click_header(qtbot, page, COL_DUE)
    assert page.model.sort_key is SortKey.DUE and not page.model.descending
    due = [r.due_date for r in rows(page.model) if r.due_date is not None]
    assert due == sorted(due)
    click_header(qtbot, page, COL_DUE)
    assert page.model.descending


def test_clicking_a_column_the_database_cannot_sort_changes_nothing(
    page: CaseListPage, qtbot: QtBot
) -> None:
    header = page.table.horizontalHeader()
    before = [page.model.case_id(r) for r in range(page.model.rowCount())]
    click_header(qtbot, page, COL_PRIORITY)
    assert page.model.sort_key is SortKey.RECEIVED
    assert [page.model.case_id(r) for r in range(page.model.rowCount())] == before
    assert header.sortIndicatorSection() != COL_PRIORITY


def test_filtering_keeps_the_selected_case_when_it_is_still_listed(
    page: CaseListPage, qtbot: QtBot
) -> None:
    overdue_row = next(
        r for r, row in enumerate(rows(page.model)) if due_state(row) is DueState.OVERDUE
    )
    page.table.selectRow(overdue_row)
    selected = page.selected_case_id()
    page.due_combo.setCurrentIndex(page.due_combo.findText("已超期"))
    assert page.selected_case_id() == selected


def test_column_widths_order_and_sort_are_remembered(demo: DemoData, qtbot: QtBot) -> None:
    first = CaseListPage(demo.svc)
    qtbot.addWidget(first)
    header = first.table.horizontalHeader()
    header.resizeSection(COL_UNIT, 333)
    header.moveSection(header.visualIndex(COL_DUE), 0)
    header.setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
    first.save_layout()

    second = CaseListPage(demo.svc)
    qtbot.addWidget(second)
    header = second.table.horizontalHeader()
    assert header.sectionSize(COL_UNIT) == 333
    assert header.logicalIndex(0) == COL_DUE
    second.load()
    assert second.model.sort_key is SortKey.DUE and not second.model.descending


def test_the_layout_goes_to_the_private_settings_file(
    demo: DemoData, qtbot: QtBot, private_settings: Path
) -> None:
    page = CaseListPage(demo.svc)
    qtbot.addWidget(page)
    page.save_layout()
    assert [p.name for p in private_settings.rglob("*.ini")] == ["TownDesk.ini"]
