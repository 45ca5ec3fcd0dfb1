"""The navigation shell: the sidebar, Ctrl+1…Ctrl+4, places still to come, settings for admins only."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.domain.users import Actor, Role
from app.domain.vocabulary import Kind
from app.services import queries, users
from app.services.registration import RegistrationForm, register
from tests.ui.conftest import close_after_workers
from tests.ui.fixtures_data import DemoData, listed
from ui.app import build_main_window
from ui.i18n import translate
from ui.main_window import (
    REGISTRATION_PENDING,
    MainWindow,
    UnderConstruction,
    build_registration_page,
)
from ui.navigation import (
    CASES,
    DASHBOARD,
    FOLLOW_UP,
    REGISTRATION,
    REPORTS,
    REWARDS,
    SETTINGS,
    NavigationBar,
)

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]


def open_window(qtbot: QtBot, demo: DemoData, actor: Actor) -> MainWindow:
    window = build_main_window(demo.svc, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The 工作台 reads in the background as soon as it is shown; let that finish first.
    qtbot.waitUntil(lambda: window.dashboard.snapshot is not None)
    return window


@pytest.fixture
def window(demo: DemoData, qtbot: QtBot) -> MainWindow:
    return open_window(qtbot, demo, demo.admin)


def make_user(demo: DemoData, username: str, role: Role) -> Actor:
    return users.create_user(demo.svc, demo.admin, username, username, role, "password-123")


def labels(bar: NavigationBar) -> list[str]:
    return [bar.item(row).text() for row in range(bar.count())]


def click_item(qtbot: QtBot, bar: NavigationBar, key: str) -> None:
    item = bar.item_for(key)
    assert item is not None
    rect = bar.visualItemRect(item)
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_window_opens_on_the_dashboard_with_every_place_listed(window: MainWindow) -> None:
    assert window.current_place() == DASHBOARD
    assert window.navigation.current_key() == DASHBOARD
    assert labels(window.navigation) == [
        "工作台",
        "登记",
        "案件",
        "奖励",
        "回访/申诉",
        "报表",
        "",
        "设置",
    ]


def test_clicking_the_sidebar_switches_pages(window: MainWindow, qtbot: QtBot) -> None:
    click_item(qtbot, window.navigation, CASES)
    assert window.pages.currentWidget() is window.case_list
    assert window.count_label.isVisible()
    click_item(qtbot, window.navigation, SETTINGS)
    assert window.pages.currentWidget() is window.settings_page
    assert not window.count_label.isVisible()
    click_item(qtbot, window.navigation, DASHBOARD)
    assert window.pages.currentWidget() is window.dashboard


def test_arrow_keys_in_the_sidebar_skip_the_gap_before_settings(
    window: MainWindow, qtbot: QtBot
) -> None:
    bar = window.navigation
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.current_place() == REGISTRATION
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.current_place() == CASES
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.current_place() == REWARDS
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.current_place() == FOLLOW_UP
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.current_place() == REPORTS
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.current_place() == SETTINGS


@pytest.mark.parametrize(
    ("key", "place"),
    [(Qt.Key.Key_1, DASHBOARD), (Qt.Key.Key_2, REGISTRATION), (Qt.Key.Key_3, CASES)],
)
def test_ctrl_number_switches_pages_from_anywhere(
    window: MainWindow, qtbot: QtBot, key: Qt.Key, place: str
) -> None:
    window.show_place(SETTINGS)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == place
    assert window.navigation.current_key() == place


def test_ctrl_4_opens_settings_and_the_menu_lists_every_shortcut(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == SETTINGS
    shortcuts = {k: a.shortcut().toString() for k, a in window.place_actions.items()}
    assert shortcuts == {
        DASHBOARD: "Ctrl+1",
        REGISTRATION: "Ctrl+2",
        CASES: "Ctrl+3",
        REWARDS: "Ctrl+5",
        FOLLOW_UP: "Ctrl+6",
        REPORTS: "Ctrl+7",
        SETTINGS: "Ctrl+4",
    }


def test_ctrl_6_opens_follow_up_with_objections_and_restrictions(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == FOLLOW_UP
    page = window.follow_up_page
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: not page.is_loading())
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "回访",
        "奖励申诉",
        "限制名单",
    ]
    assert page.objections.status.text() == "待复核申诉 0 件"


def test_ctrl_3_gives_the_case_table_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.case_list.table


def test_ctrl_f_from_the_dashboard_goes_to_the_search_box(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == CASES
    assert window.focusWidget() is window.case_list.search_box


@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR])
def test_settings_are_not_there_for_other_roles(demo: DemoData, qtbot: QtBot, role: Role) -> None:
    actor = make_user(demo, f"user_{role.value}", role)
    window = open_window(qtbot, demo, actor)
    assert window.settings_page is None
    assert "设置" not in labels(window.navigation)
    assert SETTINGS not in window.place_actions
    assert "报表" in labels(window.navigation)  # every daily place is there for everyone
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == DASHBOARD


def test_the_status_bar_and_banner_stay_on_every_page(window: MainWindow, qtbot: QtBot) -> None:
    for key in (DASHBOARD, REGISTRATION, CASES, SETTINGS):
        window.show_place(key)
        assert window.banner.isVisible()
        assert window.user_label.isVisible() and window.profile_warning_label.isVisible()
        assert window.database_label.isVisible()


def test_registration_page_is_embedded_or_plainly_absent(window: MainWindow) -> None:
    page = window.registration
    try:
        importlib.import_module("ui.registration.page")
    except ModuleNotFoundError:
        assert isinstance(page, UnderConstruction)
        assert page.text() == translate("MainWindow", REGISTRATION_PENDING)
    else:
        assert not isinstance(page, UnderConstruction)
        assert hasattr(page, "registered")


def test_a_missing_registration_module_shows_a_calm_notice(
    demo: DemoData, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str) -> ModuleType:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(importlib, "import_module", missing)
    page = build_registration_page(demo.svc, demo.admin)
    qtbot.addWidget(page)
    assert isinstance(page, UnderConstruction)
    assert "正在建设" in page.text()


def test_a_broken_registration_module_is_not_hidden(
    demo: DemoData, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(name: str) -> ModuleType:
        # The page exists but one of its own imports is missing: a bug, not "not built yet".
        raise ModuleNotFoundError("No module named 'nonexistent_dependency'", name="nonexistent")

    monkeypatch.setattr(importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        build_registration_page(demo.svc, demo.admin)


def test_a_new_registration_refreshes_the_case_list(
    window: MainWindow, demo: DemoData, qtbot: QtBot
) -> None:
    registered = getattr(window.registration, "registered", None)
    if registered is None:
        pytest.skip("the registration page is not in this build yet")
    before = listed(qtbot, window).model.rowCount()
    case_id = register(
        demo.svc,
        demo.admin,
        RegistrationForm(kind=Kind.CONSULTATION, content="咨询社保卡补办"),
    ).case_id
    # What the page emits after its own save (its flow is tested with the page itself).
    registered.emit(case_id)
    listed(qtbot, window)
    assert window.case_list.model.rowCount() == before + 1
    assert window.case_list.model.case_id(0) == case_id
    assert queries.count_cases(demo.svc) == before + 1


def test_the_sidebar_is_wide_enough_for_its_labels(window: MainWindow) -> None:
    bar = window.navigation
    metrics = bar.fontMetrics()
    widest = max(metrics.horizontalAdvance(text) for text in labels(bar))
    assert bar.width() >= widest + 28
    assert bar.visualItemRect(bar.item(0)).topLeft() == QPoint(0, 0)


def test_issue_8_the_auditor_has_no_registration_page(demo: DemoData, qtbot: QtBot) -> None:
    auditor = make_user(demo, "auditor", Role.AUDITOR)
    window = open_window(qtbot, demo, auditor)
    assert "登记" not in labels(window.navigation)
    assert REGISTRATION not in window.place_actions
    assert "报表" in labels(window.navigation) and "设置" not in labels(window.navigation)


def test_issue_9_only_the_first_page_is_built_at_start_the_others_on_first_show(
    demo: DemoData, qtbot: QtBot
) -> None:
    window = open_window(qtbot, demo, demo.admin)
    assert set(window.page_widgets) == {DASHBOARD}
    assert window.built(CASES) is None
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == FOLLOW_UP
    assert set(window.page_widgets) == {DASHBOARD, FOLLOW_UP}
    # Reaching into a page builds it too (tests, the bench), once.
    reports = window.page(REPORTS)
    assert reports is window.reports_page and window.pages.indexOf(reports) >= 0
    assert window.current_place() == FOLLOW_UP
    # F5 re-reads the page in front and builds nothing else.
    window.refresh()
    assert set(window.page_widgets) == {DASHBOARD, FOLLOW_UP, REPORTS}


def test_issue_9_a_clerk_without_settings_never_gets_the_settings_page(
    demo: DemoData, qtbot: QtBot
) -> None:
    clerk = make_user(demo, "clerk9", Role.CLERK)
    window = open_window(qtbot, demo, clerk)
    assert window.page(SETTINGS) is None and window.settings_page is None
    window.show_place(SETTINGS)
    assert window.current_place() == DASHBOARD


def test_issue_9_the_start_imports_no_workbook_pdf_or_migration_library(
    demo: DemoData, tmp_path: Path
) -> None:
    """openpyxl, pypdf and Alembic belong to later pages and commands, not to the start."""
    data_dir = Path(demo.svc.data_dir)
    url = f"sqlite:///{data_dir}/towndesk.db"
    admin = demo.admin
    close_after_workers(demo.svc)
    script = f"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.domain.users import Actor, Role
from app.persistence.migrate import upgrade_with_backup
from app.services.context import Services
from ui.app import build_main_window, configure_application
app = QApplication([])
configure_application(app, "zh_CN")
svc = Services.open({url!r}, Path({str(data_dir)!r}))
assert upgrade_with_backup(svc.database, Path({str(data_dir)!r})).backup is None
actor = Actor({admin.user_id!r}, {admin.username!r}, {admin.display_name!r}, Role.{admin.role.name})
window = build_main_window(svc, actor)
window.show()
app.processEvents()
print(sorted(m for m in ("openpyxl", "pypdf", "alembic") if m in sys.modules))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
