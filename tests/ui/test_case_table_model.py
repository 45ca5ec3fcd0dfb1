"""Tests for the lazy case table model: Qt's model contract, paging, sorting, due colours."""

from __future__ import annotations

from array import array
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import queries
from app.services.context import Services
from app.services.queries import CaseFilter, CaseRow, DueFilter, SortKey
from tests.ui.fixtures_data import DemoData
from ui.case_table_model import (
    COL_DAYS_LEFT,
    COL_DUE,
    COL_KIND,
    COL_PRIORITY,
    COL_RECEIVED,
    COLUMNS,
    CaseTableModel,
)
from ui.formatting import DueState, due_state, due_text, due_tooltip

pytestmark = pytest.mark.ui


class CountingFetcher:
    """Wraps ``queries.case_rows`` and remembers every page the model asked for."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []

    def __call__(self, svc: Services, ids: list[int]) -> list[CaseRow]:
        self.calls.append(list(ids))
        return queries.case_rows(svc, ids)


def displayed(model: CaseTableModel, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_model_passes_qt_model_tester(demo: DemoData, qtmodeltester: ModelTester) -> None:
    model = CaseTableModel(demo.svc)
    model.refresh()
    assert model.rowCount() == 30
    qtmodeltester.check(model)


def test_model_tester_on_a_filtered_and_an_empty_list(
    demo: DemoData, qtmodeltester: ModelTester
) -> None:
    model = CaseTableModel(demo.svc)
    model.set_filter(CaseFilter(due=DueFilter.OVERDUE))
    qtmodeltester.check(model)
    model.set_filter(CaseFilter(text="没有这样的内容"))
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_reading_the_first_row_fetches_only_the_first_page(big_demo: DemoData) -> None:
    fetcher = CountingFetcher()
    model = CaseTableModel(big_demo.svc, fetch_rows=fetcher, page_size=200)
    model.refresh()
    assert model.rowCount() == 450
    assert fetcher.calls == []  # the ids alone are enough to know the size

    displayed(model, 0, 0)
    displayed(model, 199, COL_DUE)
    assert len(fetcher.calls) == 1
    assert len(fetcher.calls[0]) == 200

    displayed(model, 449, 0)  # the last page: 50 rows, pages in between untouched
    assert [len(ids) for ids in fetcher.calls] == [200, 50]
    displayed(model, 10, 0)  # cached
    assert len(fetcher.calls) == 2


def test_refresh_forgets_cached_pages(big_demo: DemoData) -> None:
    fetcher = CountingFetcher()
    model = CaseTableModel(big_demo.svc, fetch_rows=fetcher)
    model.refresh()
    displayed(model, 0, 0)
    model.refresh()
    displayed(model, 0, 0)
    assert len(fetcher.calls) == 2


def test_rows_follow_the_ids_of_the_query(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.refresh()
    ids = queries.case_ids(demo.svc)
    assert [model.case_id(row) for row in range(model.rowCount())] == ids
    first = queries.case_rows(demo.svc, ids[:1])[0]
    assert displayed(model, 0, 0) == first.number
    assert displayed(model, 0, COL_KIND) == first.kind.label
    assert displayed(model, 0, COL_PRIORITY) == first.priority.label
    assert model.row_of(ids[3]) == 3
    assert model.row_of(-1) is None


def test_default_order_is_newest_first(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.refresh()
    received = [displayed(model, row, COL_RECEIVED) for row in range(model.rowCount())]
    assert received == sorted(received, reverse=True)


def test_sorting_by_due_puts_the_earliest_first(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.refresh()
    model.sort(COL_DUE, Qt.SortOrder.AscendingOrder)
    assert model.sort_key is SortKey.DUE
    assert not model.descending
    rows = [model.case_row(row) for row in range(model.rowCount())]
    due = [r.due_date for r in rows if r is not None and r.due_date is not None]
    assert len(due) > 10
    assert due == sorted(due)
    # Cases without a running deadline come after all the dated ones.
    last = rows[-1]
    assert last is not None and last.due_date is None


def test_sorting_by_due_descending_puts_the_latest_first(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.sort(COL_DUE, Qt.SortOrder.DescendingOrder)
    first, second = model.case_row(0), model.case_row(1)
    assert first is not None and second is not None
    assert first.due_date is not None and second.due_date is not None
    assert first.due_date >= second.due_date


def test_a_column_without_a_sort_key_keeps_the_order(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.sort(COL_DUE, Qt.SortOrder.AscendingOrder)
    before = [model.case_id(row) for row in range(model.rowCount())]
    model.sort(COL_PRIORITY, Qt.SortOrder.DescendingOrder)
    assert model.sort_key is SortKey.DUE
    assert [model.case_id(row) for row in range(model.rowCount())] == before


def test_only_database_sortable_columns_offer_an_initial_sort_order(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    role = Qt.ItemDataRole.InitialSortOrderRole
    assert model.headerData(COL_RECEIVED, Qt.Orientation.Horizontal, role) == (
        Qt.SortOrder.DescendingOrder
    )
    assert model.headerData(COL_PRIORITY, Qt.Orientation.Horizontal, role) is None
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert titles == [
        "案件编号",
        "类型",
        "优先级",
        "诉求人",
        "承办单位",
        "状态",
        "办理期限",
        "剩余工作日",
        "登记时间",
        "内容摘要",
    ]


def _rows_where(model: CaseTableModel, wanted: DueState) -> list[int]:
    found = []
    for row in range(model.rowCount()):
        case_row = model.case_row(row)
        if case_row is not None and due_state(case_row) is wanted:
            found.append(row)
    return found


def test_overdue_rows_say_so_in_words_and_in_red(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.refresh()
    overdue = _rows_where(model, DueState.OVERDUE)
    assert overdue
    for row in overdue:
        assert displayed(model, row, COL_DUE).startswith("已超期 ")
        assert displayed(model, row, COL_DAYS_LEFT).startswith(("超 ", "已超期"))
        background = model.data(model.index(row, COL_DUE), Qt.ItemDataRole.BackgroundRole)
        assert background.red() > 200
        assert background.red() > background.green() + 20
        assert background.red() > background.blue() + 20


def test_due_soon_rows_say_so_in_words_and_in_amber(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.refresh()
    soon = _rows_where(model, DueState.DUE_SOON)
    assert soon
    for row in soon:
        assert displayed(model, row, COL_DUE).startswith("即将到期 ")
        background = model.data(model.index(row, COL_DUE), Qt.ItemDataRole.BackgroundRole)
        assert background.red() > 200 and background.green() > 200 > background.blue()


def test_done_and_undated_rows_are_grey_without_a_background(demo: DemoData) -> None:
    model = CaseTableModel(demo.svc)
    model.refresh()
    inactive = _rows_where(model, DueState.INACTIVE)
    assert inactive
    for row in inactive:
        index = model.index(row, COL_DUE)
        assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
        assert model.data(index, Qt.ItemDataRole.ForegroundRole) == DueState.INACTIVE.foreground
        assert displayed(model, row, COL_DAYS_LEFT) == "—"


def test_provisional_due_dates_are_marked(demo: DemoData) -> None:
    row = queries.case_rows(demo.svc, demo.case_ids[-1:])[0]
    provisional = replace(
        row, due_date=date(2027, 3, 1), due_at=None, due_provisional=True, overdue=False
    )
    assert due_text(provisional).endswith("2027-03-01（暂定）")
    assert "暂定" in due_tooltip(provisional)


def test_issue_9_ids_are_read_in_the_background_and_kept_compactly(
    big_demo: DemoData, qtbot: QtBot
) -> None:
    model = CaseTableModel(big_demo.svc, background=True)
    with qtbot.waitSignal(model.reloaded, timeout=10_000) as reloaded:
        model.refresh()
        assert model.loading and model.rowCount() == 0
    assert not model.loading
    assert reloaded.args == [450]
    assert [model.case_id(r) for r in range(model.rowCount())] == queries.case_ids(big_demo.svc)
    # 8 bytes an id, not a Python int object each (36 MB at a million cases).
    assert isinstance(model._ids, array) and model._ids.itemsize == 8
    assert model.case_row(449) is not None


def test_issue_9_only_the_newest_background_read_is_shown(big_demo: DemoData, qtbot: QtBot) -> None:
    model = CaseTableModel(big_demo.svc, background=True)
    counts: list[int] = []
    model.reloaded.connect(counts.append)
    model.refresh()
    overdue = CaseFilter(due=DueFilter.OVERDUE)
    model.set_filter(overdue)  # asked before the first read came back
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    qtbot.wait(100)  # the first read's answer, if it were shown, would have arrived by now
    expected = queries.case_ids(big_demo.svc, overdue)
    assert counts == [len(expected)]
    assert [model.case_id(r) for r in range(model.rowCount())] == expected
