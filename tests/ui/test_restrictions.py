"""The register of restricted submitters (YJ12345 art. 7): propose, approve or reject by another
user (issue 8), list masked, ended ones, lift."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.people import mask_id
from app.domain.restrictions import RestrictionStatus
from app.domain.users import Actor, Role
from app.services import restrictions, users
from tests.ui.fixtures_data import DemoData, resident_id
from tests.ui.test_case_list import type_through_ime
from ui.followup.restrictions import (
    NO_VALUE,
    LiftRestrictionDialog,
    RejectRestrictionDialog,
    RestrictionRegister,
)

pytestmark = pytest.mark.ui

PHONE = "13812345678"
PERSON_ID = resident_id(501)


@pytest.fixture
def supervisor(demo: DemoData) -> Actor:
    return users.create_user(demo.svc, demo.admin, "lead", "王负责", Role.SUPERVISOR, "lead-pass-1")


def restrict(demo: DemoData, supervisor: Actor, **kwargs: str) -> int:
    """Proposed by the supervisor, approved by the administrator."""
    restriction_id = restrictions.restrict(demo.svc, supervisor, **kwargs)
    restrictions.approve(demo.svc, demo.admin, restriction_id)
    return restriction_id


def open_register(qtbot: QtBot, demo: DemoData, actor: Actor) -> RestrictionRegister:
    dialog = RestrictionRegister(demo.svc, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.task is None)
    return dialog


def cells(dialog: RestrictionRegister) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_yj12345_art_7_a_restriction_added_in_the_dialog_is_listed_masked(
    demo: DemoData, supervisor: Actor, qtbot: QtBot
) -> None:
    dialog = open_register(qtbot, demo, supervisor)
    assert dialog.table.rowCount() == 0 and dialog.empty_label.isVisibleTo(dialog)
    assert "2026-02-20" in dialog.period_label.text()  # 2026-01-21 + 30 natural days
    assert not dialog.approve_button.isVisibleTo(dialog) or not dialog.approve_button.isEnabled()
    dialog.phone.setText("138 1234 5678")
    dialog.doc_number.setText(PERSON_ID)
    assert not dialog.add_button.isEnabled()  # the reason is required
    type_through_ime(qtbot, dialog.reason, "来电辱骂并威胁话务员")
    assert dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 1)
    (row,) = cells(dialog)
    assert row[0] == f"138****5678 / {mask_id(PERSON_ID)}"
    assert row[1:4] == [NO_VALUE, NO_VALUE, RestrictionStatus.PENDING.label]
    assert row[5:] == ["王负责", NO_VALUE, "来电辱骂并威胁话务员"]
    assert not any(PHONE in cell or PERSON_ID in cell for cell in row)
    assert dialog.phone.text() == "" and dialog.reason.toPlainText() == ""
    # The proposer cannot approve their own proposal (issue 8).
    dialog.table.selectRow(0)
    assert dialog.approve_button.isVisibleTo(dialog) and not dialog.approve_button.isEnabled()
    # The administrator approves it: in force from today.
    other = open_register(qtbot, demo, demo.admin)
    other.table.selectRow(0)
    assert other.approve_button.isEnabled() and other.reject_button.isEnabled()
    qtbot.mouseClick(other.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: other.task is None and cells(other)[0][3] != "待审批")
    (row,) = cells(other)
    assert row[1:4] == ["2026-01-21", "2026-02-20", RestrictionStatus.ACTIVE.label]
    assert row[5:7] == ["王负责", demo.admin.display_name]
    dialog.resize(960, 640)
    dialog.grab().save("/tmp/restrictions.png")


def test_yj12345_art_7_a_refused_restriction_shows_the_reason(
    demo: DemoData, supervisor: Actor, qtbot: QtBot
) -> None:
    dialog = open_register(qtbot, demo, supervisor)
    dialog.phone.setText("12345")
    type_through_ime(qtbot, dialog.reason, "辱骂")
    dialog.add()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.error_label.isVisibleTo(dialog))
    assert "热线或特服号码" in dialog.error_label.text()
    assert dialog.table.rowCount() == 0


def test_yj12345_art_7_the_list_shows_ended_ones_when_asked_and_lifts_early(
    demo: DemoData, supervisor: Actor, qtbot: QtBot
) -> None:
    svc = demo.svc
    today = svc.clock.now  # type: ignore[attr-defined]
    svc.clock.now = today - timedelta(days=40)  # type: ignore[attr-defined]
    restrict(demo, supervisor, phone="13900001111", reason="威胁工作人员")
    svc.clock.now = today  # type: ignore[attr-defined]
    restrict(demo, supervisor, doc_number=PERSON_ID, reason="多次辱骂话务员")
    dialog = open_register(qtbot, demo, supervisor)
    assert [row[0] for row in cells(dialog)] == [mask_id(PERSON_ID)]
    assert not dialog.lift_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.lift_button.isEnabled()
    lift = dialog.lift_selected()
    assert isinstance(lift, LiftRestrictionDialog)
    assert not lift.ok_button.isEnabled()
    type_through_ime(qtbot, lift.reason, "经核实系误会")
    lift.accept()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 0)
    dialog.show_ended.setChecked(True)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 2)
    statuses = {row[0]: row[3] for row in cells(dialog)}
    assert statuses["139****1111"] == RestrictionStatus.ENDED.label
    assert statuses[mask_id(PERSON_ID)].startswith(RestrictionStatus.LIFTED.label)
    assert any("经核实系误会" in row[7] for row in cells(dialog))
    dialog.table.selectRow(0)
    assert not dialog.lift_button.isEnabled()  # nothing in force to lift
    dialog.resize(960, 640)
    dialog.grab().save("/tmp/restrictions_ended.png")


def test_yj12345_art_7_a_clerk_sees_the_register_but_cannot_restrict(
    demo: DemoData, supervisor: Actor, qtbot: QtBot
) -> None:
    restrict(demo, supervisor, phone=PHONE, reason="威胁工作人员")
    clerk = users.create_user(demo.svc, demo.admin, "clerk", "李窗口", Role.CLERK, "clerk-pass-1")
    dialog = open_register(qtbot, demo, clerk)
    assert dialog.table.rowCount() == 1
    assert not dialog.add_box.isVisibleTo(dialog)
    assert not dialog.lift_button.isVisibleTo(dialog)
    assert not dialog.approve_button.isVisibleTo(dialog)
    assert not dialog.reject_button.isVisibleTo(dialog)


def test_yj12345_art_7_another_user_rejects_a_proposal_with_a_reason(
    demo: DemoData, supervisor: Actor, qtbot: QtBot
) -> None:
    restrictions.restrict(demo.svc, supervisor, phone=PHONE, reason="辱骂")
    dialog = open_register(qtbot, demo, demo.admin)
    dialog.table.selectRow(0)
    reject = dialog.reject_selected()
    assert isinstance(reject, RejectRestrictionDialog)
    assert not reject.ok_button.isEnabled()
    type_through_ime(qtbot, reject.reason, "录音显示未辱骂")
    reject.accept()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 0)
    dialog.show_ended.setChecked(True)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.table.rowCount() == 1)
    (row,) = cells(dialog)
    assert row[3] == RestrictionStatus.REJECTED.label and "录音显示未辱骂" in row[7]
