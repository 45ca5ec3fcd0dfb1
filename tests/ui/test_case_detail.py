"""Tests for the read-only case dialog and its timeline model."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.errors import NotFound
from app.services import queries
from tests.ui.fixtures_data import DemoData
from ui.case_detail import CaseDetailDialog, TimelineModel
from ui.formatting import DueState, due_state

pytestmark = pytest.mark.ui


def test_timeline_model_passes_qt_model_tester(demo: DemoData, qtmodeltester: ModelTester) -> None:
    entries = queries.timeline(demo.svc, demo.case_ids[0])
    assert len(entries) >= 2
    qtmodeltester.check(TimelineModel(entries))
    qtmodeltester.check(TimelineModel([]))


def test_dialog_shows_who_did_what_when_and_under_which_article(
    demo: DemoData, qtbot: QtBot
) -> None:
    case_id = demo.case_ids[0]
    dialog = CaseDetailDialog(demo.svc, case_id)
    qtbot.addWidget(dialog)
    model = dialog.timeline_model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    entries = queries.timeline(demo.svc, case_id)
    assert [r[1] for r in rows] == [e.actor for e in entries]
    assert [r[2] for r in rows] == [e.summary for e in entries]
    assert rows[0][0] == entries[0].at.strftime("%Y-%m-%d %H:%M")
    assert rows[0][3] == "YJ12345 art. 7"
    assert dialog.windowTitle().startswith("案件 TD01-")


def test_an_overdue_case_says_so_in_its_summary(demo: DemoData, qtbot: QtBot) -> None:
    rows = queries.case_rows(demo.svc, demo.case_ids)
    overdue = next(r for r in rows if due_state(r) is DueState.OVERDUE)
    dialog = CaseDetailDialog(demo.svc, overdue.id)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(text.startswith("已超期 ") for text in labels)


def test_a_missing_case_is_a_user_facing_error(demo: DemoData) -> None:
    with pytest.raises(NotFound):
        CaseDetailDialog(demo.svc, 999_999)
