"""The call-back work list (RULES §2.2): log an attempt in the dialog, the unreachable rule, and
going on to the evaluation once the submitter is reached."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.callbacks import DEEMED_LABEL, CallbackOutcome
from app.domain.vocabulary import Kind, Satisfaction
from app.persistence.types import SHANGHAI
from app.services import callbacks, handling, queries, settings
from app.services.registration import PersonInput, RegistrationForm, register
from tests.ui.fixtures_data import NAMES, DemoData, FixedClock, mobile, resident_id
from tests.ui.test_case_list import type_through_ime
from ui.actions.base import to_qdatetime
from ui.followup.callbacks import CALL_BY_COLUMN, CallbackAttemptDialog, CallbackList
from ui.followup.page import FollowUpPage
from ui.formatting import DueState

pytestmark = pytest.mark.ui


def open_list(qtbot: QtBot, demo: DemoData) -> CallbackList:
    widget = CallbackList(demo.svc, demo.admin)
    qtbot.addWidget(widget)
    widget.show()
    widget.load()
    qtbot.waitUntil(lambda: widget.task is None)
    return widget


def cells(widget: CallbackList) -> list[list[str]]:
    table = widget.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def row_of(widget: CallbackList, case_id: int) -> int:
    return next(i for i, r in enumerate(widget.rows) if r.case_id == case_id)


def jieyang_case_completed_on_wednesday(demo: DemoData) -> int:
    """A complaint under jieyang-2015, completed Wed 2026-01-14 (call back by Mon 01-19)."""
    svc, admin = demo.svc, demo.admin
    clock = svc.clock
    assert isinstance(clock, FixedClock)
    now = clock.now
    settings.set_setting(svc, admin, "profile_schedule", [["2001-01-01", "jieyang-2015"]])
    received = datetime.combine(now.date() - timedelta(days=9), time(9), SHANGHAI)
    clock.now = received
    case_id = register(
        svc,
        admin,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="楼下餐馆油烟直排，晚上十点后仍有噪音。",
            occurred="近一周",
            place="江城区东门路",
            submitters=[PersonInput(name="欧阳娜娜", doc_number=resident_id(8), phone=mobile(8))],
        ),
    ).case_id
    handling.accept(svc, admin, case_id)
    handling.dispatch(svc, admin, case_id, demo.units[0].id)
    clock.now = received + timedelta(days=2)
    handling.submit_result(
        svc,
        admin,
        case_id,
        handled_at=received + timedelta(days=1),
        method="现场核查并约谈餐馆负责人",
        outcome="已加装油烟净化设备，已答复诉求人。",
        basis="《中华人民共和国大气污染防治法》第八十一条",
    )
    handling.review(svc, admin, case_id, passed=True)
    clock.now = now
    return case_id


def test_rules_2_2_an_attempt_logged_in_the_dialog_updates_the_list(
    demo: DemoData, qtbot: QtBot
) -> None:
    widget = open_list(qtbot, demo)
    assert widget.rows, "the demo has completed cases to call back"
    table = cells(widget)
    assert not any(name in cell for row in table for cell in row for name in NAMES)  # masked
    first = widget.rows[0]
    assert first.call_by is None and table[0][CALL_BY_COLUMN] == widget.tr("No limit")
    widget.table.selectRow(0)
    dialog = widget.log_current()
    assert isinstance(dialog, CallbackAttemptDialog)
    qtbot.waitUntil(lambda: dialog.history_task is None)
    assert not dialog.ok_button.isEnabled()  # the outcome must be chosen
    dialog.unreachable_button.setChecked(True)
    assert dialog.ok_button.isEnabled() and not dialog.evaluate.isEnabled()
    type_through_ime(qtbot, dialog.note, "无人接听")
    dialog.resize(560, 480)
    dialog.grab().save("/tmp/callback_dialog.png")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: widget.task is None and widget.rows[row_of(widget, first.case_id)].attempts == 1
    )
    line = cells(widget)[row_of(widget, first.case_id)]
    assert line[7] == "1" and "未接通" in line[8]
    assert "回访未接通" in widget.status.text()
    (attempt,) = callbacks.case_attempts(demo.svc, first.case_id)
    assert (attempt.outcome, attempt.note) == (CallbackOutcome.UNREACHABLE, "无人接听")


def test_jy12345_art_14_the_third_day_unreachable_drops_the_case_as_answered(
    demo: DemoData, qtbot: QtBot
) -> None:
    case_id = jieyang_case_completed_on_wednesday(demo)
    svc = demo.svc
    for day in (15, 16):  # Thu, Fri
        callbacks.record_attempt(
            svc,
            demo.admin,
            case_id,
            outcome=CallbackOutcome.UNREACHABLE,
            at=datetime(2026, 1, day, 10, tzinfo=SHANGHAI),
        )
    widget = open_list(qtbot, demo)
    index = row_of(widget, case_id)
    row = widget.rows[index]
    line = cells(widget)[index]
    assert row.overdue and line[CALL_BY_COLUMN].endswith("2026-01-19")
    assert line[CALL_BY_COLUMN].startswith(DueState.OVERDUE.word)
    assert (
        widget.table.item(index, CALL_BY_COLUMN).background().color() == DueState.OVERDUE.background
    )
    assert line[7] == "2（已连续 2/3 日未联系上）"
    widget.resize(1100, 520)
    widget.table.clearSelection()  # the colour of the call-by cell shows unselected
    widget.grab().save("/tmp/callbacks.png")
    widget.table.selectRow(index)
    dialog = widget.log_current()
    assert dialog is not None
    dialog.at.setDateTime(to_qdatetime(datetime(2026, 1, 17, 9, 30, tzinfo=SHANGHAI)))  # Sat
    dialog.unreachable_button.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: widget.task is None and all(r.case_id != case_id for r in widget.rows))
    assert DEEMED_LABEL in widget.status.text()
    last = queries.timeline(svc, case_id)[-1]
    assert last.summary.startswith(DEEMED_LABEL) and last.article == "JY12345 art. 14"


def test_jy12345_art_15_reached_goes_on_to_the_evaluation(demo: DemoData, qtbot: QtBot) -> None:
    case_id = jieyang_case_completed_on_wednesday(demo)
    widget = open_list(qtbot, demo)
    widget.table.selectRow(row_of(widget, case_id))
    dialog = widget.log_current()
    assert dialog is not None
    dialog.reached_button.setChecked(True)
    assert dialog.evaluate.isEnabled() and dialog.evaluate.isChecked()
    dialog.accept()
    qtbot.waitUntil(lambda: widget.evaluation_dialog is not None, timeout=5000)
    evaluation = widget.evaluation_dialog
    assert evaluation is not None
    level = evaluation.level  # type: ignore[attr-defined]
    level.setCurrentIndex(list(Satisfaction).index(Satisfaction.SATISFIED))
    evaluation.accept()
    qtbot.waitUntil(lambda: widget.task is None and all(r.case_id != case_id for r in widget.rows))
    assert queries.timeline(demo.svc, case_id)[-1].action == "evaluate"


def test_the_followup_page_opens_on_call_backs(demo: DemoData, qtbot: QtBot) -> None:
    page = FollowUpPage(demo.svc, demo.admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.tabs.currentWidget() is page.callbacks
    assert page.tabs.tabText(0) == page.tr("Call-backs")
    assert page.callbacks.rows
