"""The administrator's retention tab (JY12345 art. 5): request deletion, another admin approves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from app.domain.retention import DeletionState
from app.domain.users import Actor, Role
from app.services import retention, users
from tests.ui.fixtures_data import DemoData
from ui.settings.retention import DecideDeletionDialog, RequestDeletionDialog, RetentionTab

pytestmark = pytest.mark.ui


@pytest.fixture
def later(demo: DemoData) -> DemoData:
    """Three years on: the demo's completed cases are past their 2 years."""
    demo.svc.clock.now += timedelta(days=3 * 366)  # type: ignore[attr-defined]
    return demo


def open_tab(qtbot: QtBot, demo: DemoData, actor: Actor) -> RetentionTab:
    tab = RetentionTab(demo.svc, actor)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_jy12345_art_5_one_admin_requests_another_approves_and_the_case_is_gone(
    later: DemoData, qtbot: QtBot
) -> None:
    svc = later.svc
    second = users.create_user(svc, later.admin, "admin2", "周管理", Role.ADMIN, "admin-pass-2")
    tab = open_tab(qtbot, later, later.admin)
    eligible = tab.eligible_model.rowCount()
    assert eligible > 0
    assert not tab.request_button.isEnabled()
    tab.eligible_table.selectRow(0)
    assert tab.request_button.isEnabled()
    number = tab.eligible_model.record(0).number
    dialog = tab.request_selected()
    assert isinstance(dialog, RequestDeletionDialog)
    dialog._try_submit()  # no reason: refused, the dialog stays open
    assert dialog.error.isVisibleTo(dialog) and "删除原因" in dialog.error.text()
    dialog.reason.setText("保存期满，按档案管理规定清理")
    dialog._try_submit()
    assert tab.request_model.rowCount() == 1
    assert "another administrator" in tab.message.text() or "管理员" in tab.message.text()
    tab.request_table.selectRow(0)
    assert tab.approve_button.isVisibleTo(tab) and not tab.approve_button.isEnabled()

    other = open_tab(qtbot, later, second)
    other.request_table.selectRow(0)
    assert other.approve_button.isEnabled() and other.reject_button.isEnabled()
    approve = other.decide_selected(approve=True)
    assert isinstance(approve, DecideDeletionDialog)
    approve._try_submit()
    assert approve.outcome is not None and approve.outcome.case_numbers == (number,)
    assert other.request_model.rowCount() == 0
    assert other.eligible_model.rowCount() == eligible - 1
    (done,) = retention.list_deletion_requests(svc, second, include_decided=True)
    assert done.state is DeletionState.APPROVED


def test_jy12345_art_5_the_tab_offers_nothing_before_two_years(
    demo: DemoData, qtbot: QtBot
) -> None:
    tab = open_tab(qtbot, demo, demo.admin)
    assert tab.eligible_model.rowCount() == 0
    assert tab.request_model.rowCount() == 0
