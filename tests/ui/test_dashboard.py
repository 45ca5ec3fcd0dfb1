"""The 工作台 page: figures equal to the services', clicking one lists its cases, the two charts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries, QStackedBarSeries
from PySide6.QtCore import QPointF, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.users import Actor, Role
from app.domain.vocabulary import CaseState, ContactMethod, Kind
from app.services import dashboard, handling, queries, users
from app.services.context import Services
from app.services.queries import CaseFilter, DueFilter
from app.services.registration import RegistrationForm, register
from tests.ui.fixtures_data import DemoData, FixedClock, create_admin, listed
from ui.app import build_main_window
from ui.case_detail import CaseDetailDialog
from ui.dashboard import CaseRowsModel, CaseSelectionDialog, DashboardPage
from ui.main_window import MainWindow
from ui.navigation import CASES, DASHBOARD

pytestmark = pytest.mark.ui


def open_window(qtbot: QtBot, data: DemoData, actor: Actor | None = None) -> MainWindow:
    window = build_main_window(data.svc, actor or data.admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.dashboard.snapshot is not None)
    return window


@pytest.fixture
def window(demo: DemoData, qtbot: QtBot) -> MainWindow:
    return open_window(qtbot, demo)


def register_today(demo: DemoData, kind: Kind = Kind.CONSULTATION) -> int:
    return register(demo.svc, demo.admin, RegistrationForm(kind=kind, content="咨询")).case_id


def reread(window: MainWindow, qtbot: QtBot) -> None:
    """F5 on the 工作台, then wait for the background read."""
    page = window.dashboard
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(page.figures["overdue"], Qt.Key.Key_F5)


def click(qtbot: QtBot, page: DashboardPage, key: str) -> None:
    qtbot.mouseClick(page.figures[key], Qt.MouseButton.LeftButton)


def test_the_figures_are_the_services_figures(window: MainWindow, demo: DemoData) -> None:
    data = dashboard.dashboard(demo.svc, demo.admin)
    page = window.dashboard
    for selection in data.figures:
        button = page.figures[selection.key]
        assert button.number.text() == str(selection.count)
        assert button.title.text() == selection.label
    assert page.figures["overdue"].number.text() == "16"
    assert page.figures["waiting"].title.text() == "待我审核/审批"
    assert "2026年1月21日 星期三" in page.as_of_label.text()
    assert "10:30" in page.as_of_label.text()


def test_clicking_overdue_lists_exactly_those_cases(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    expected = set(queries.case_ids(demo.svc, CaseFilter(due=DueFilter.OVERDUE)))
    click(qtbot, window.dashboard, "overdue")
    page = listed(qtbot, window)
    assert window.current_place() == CASES
    # The list's own filter bar says it too.
    assert page.due_combo.currentText() == "已超期"
    assert page.model.case_filter == page.current_filter()
    shown = {page.model.case_id(row) for row in range(page.model.rowCount())}
    assert shown == expected and len(shown) == 16
    assert window.count_label.text() == "共 16 件"
    assert window.filter_notice.isVisible()
    assert "已超期" in window.filter_notice.text.text()

    qtbot.mouseClick(window.filter_notice.show_all, Qt.MouseButton.LeftButton)
    listed(qtbot, window)
    assert page.model.rowCount() == 30
    assert page.due_combo.currentText() == "全部"
    assert not window.filter_notice.isVisible()


def test_todays_intake_opens_a_date_filter_until_the_clerk_changes_the_list(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    first, second = register_today(demo), register_today(demo, Kind.SUGGESTION)
    reread(window, qtbot)
    assert window.dashboard.figures["intake_today"].number.text() == "2"
    click(qtbot, window.dashboard, "intake_today")
    page = listed(qtbot, window)
    today = demo.svc.today()
    assert page.model.case_filter == CaseFilter(received_from=today, received_to=today)
    assert [page.model.case_id(r) for r in range(page.model.rowCount())] == [second, first]
    assert window.filter_notice.isVisible()
    assert "今日登记" in window.filter_notice.text.text()
    # Choosing a kind in the list's own filter bar replaces the 工作台's filter.
    page.kind_combo.setFocus()
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)
    assert page.model.case_filter == page.current_filter()
    listed(qtbot, window)
    assert not window.filter_notice.isVisible()


def test_due_today_lists_the_counted_cases_in_a_window_of_their_own(
    window: MainWindow, demo: DemoData, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    data = dashboard.dashboard(demo.svc, demo.admin)
    assert data.due_today.count == 2 and data.due_today.case_filter is None
    click(qtbot, window.dashboard, "due_today")
    dialog = window.selection_dialog
    assert isinstance(dialog, CaseSelectionDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    assert window.current_place() == DASHBOARD  # the list behind stays as it was
    assert dialog.windowTitle() == "今日到期（2 件）"
    shown = [dialog.model.case_id(row) for row in range(2)]
    assert shown == list(data.due_today.case_ids)
    qtmodeltester.check(dialog.model)

    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    opened = [d for d in window.findChildren(CaseDetailDialog) if d.isVisible()]
    assert [d.case_id for d in opened] == [shown[0]]
    opened[0].close()
    dialog.close()


def test_a_clerk_sees_what_waits_for_the_supervisor(demo: DemoData, qtbot: QtBot) -> None:
    clerk = users.create_user(demo.svc, demo.admin, "clerk", "李窗口", Role.CLERK, "password-1")
    dispatched = queries.case_ids(demo.svc, CaseFilter(states=frozenset({CaseState.DISPATCHED})))
    case_id = dispatched[0]
    handling.record_contact(demo.svc, clerk, case_id, ContactMethod.PHONE, "已联系")
    handling.submit_result(
        demo.svc,
        clerk,
        case_id,
        handled_at=demo.svc.now() - timedelta(hours=1),
        method="现场核查",
        outcome="已处理",
        basis="第十四条",
    )
    window = open_window(qtbot, demo, clerk)
    figure = window.dashboard.figures["waiting"]
    assert figure.title.text() == "待负责人处理"
    assert figure.number.text() == "1"
    assert figure.detail.text() == "结果待审核 1 · 退回 0 · 延期 0"


def test_the_intake_chart_stacks_each_kind_with_the_services_totals(
    window: MainWindow, demo: DemoData
) -> None:
    intake = dashboard.intake_by_kind(demo.svc)
    panel = window.dashboard.intake_panel
    assert panel.showing_chart
    (series,) = panel.chart.series()
    assert isinstance(series, QStackedBarSeries)
    sets = {bar_set.label(): bar_set for bar_set in series.barSets()}
    assert list(sets) == [kind.label for kind in Kind]
    for kind in Kind:
        bar_set = sets[kind.label]
        assert bar_set.count() == 30
        assert bar_set.sum() == intake.total(kind)
    assert sum(s.sum() for s in sets.values()) == intake.total() == 19


def test_the_overdue_chart_has_one_bar_per_unit_with_the_services_counts(
    window: MainWindow, demo: DemoData
) -> None:
    bars = dashboard.overdue_by_unit(demo.svc)
    panel = window.dashboard.overdue_panel
    (series,) = panel.chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    (bar_set,) = series.barSets()
    # Drawn bottom-up, so the unit with the most overdue cases is on top.
    assert [bar_set.at(i) for i in range(bar_set.count())] == [b.count for b in reversed(bars)]
    assert bar_set.sum() == 16
    (axis,) = [a for a in panel.chart.axes() if isinstance(a, QBarCategoryAxis)]
    assert axis.categories() == [b.unit_name for b in reversed(bars)]
    assert "（尚未转办）" in axis.categories()


def test_clicking_a_units_bar_lists_that_units_overdue_cases(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    bars = dashboard.overdue_by_unit(demo.svc)
    top = bars[0]
    assert top.unit_id is not None
    panel = window.dashboard.overdue_panel
    chart = panel.chart
    (series,) = chart.series()
    index = len(bars) - 1  # the top bar
    middle = chart.mapToPosition(QPointF(top.count / 2, index), series)
    point = panel.view.mapFromScene(middle)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    page = listed(qtbot, window)
    assert window.current_place() == CASES
    assert page.model.case_filter == CaseFilter(due=DueFilter.OVERDUE, unit_id=top.unit_id)
    assert page.model.rowCount() == top.count
    assert top.unit_name in window.filter_notice.text.text()


def test_the_dashboard_reads_again_when_shown_and_on_f5(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    page = window.dashboard
    assert page.figures["intake_today"].number.text() == "0"
    register_today(demo)
    reread(window, qtbot)
    assert page.figures["intake_today"].number.text() == "1"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    register_today(demo)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert page.figures["intake_today"].number.text() == "2"


def test_the_clock_moving_on_moves_the_figures(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    clock = demo.svc.clock
    assert isinstance(clock, FixedClock)
    clock.now += timedelta(days=7)
    reread(window, qtbot)
    expected = dashboard.dashboard(demo.svc, demo.admin)
    assert window.dashboard.figures["overdue"].number.text() == str(expected.overdue.count)
    assert expected.overdue.count > 16


def test_an_empty_centre_says_so_instead_of_drawing_empty_charts(
    empty_svc: Services, qtbot: QtBot
) -> None:
    admin = create_admin(empty_svc)
    page = DashboardPage(empty_svc, admin)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    assert [b.number.text() for b in page.figures.values()] == ["0"] * 5
    assert not page.intake_panel.showing_chart
    assert page.intake_panel.empty.isVisible()
    assert not page.overdue_panel.showing_chart
    assert page.overdue_panel.empty.text() == "目前没有超期案件。"


def test_case_rows_model_passes_the_model_tester(
    demo: DemoData, qtmodeltester: ModelTester
) -> None:
    rows = queries.case_rows(demo.svc, demo.case_ids[:10])
    model = CaseRowsModel(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    model.set_rows([])
    qtmodeltester.check(model)
