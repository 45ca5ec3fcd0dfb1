"""Reminder notices in a batch (JY12345 art. 19): numbered and recorded as one by one, one PDF."""

from __future__ import annotations

import io
from typing import Any, cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from app.documents.payloads import DocType
from app.domain.cases import Case
from app.domain.vocabulary import Kind
from app.services import handling, printing
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World


def overdue_cases(world: World, count: int) -> list[int]:
    ids = []
    for n in range(count):
        case_id = register(
            world.svc,
            world.clerk,
            RegistrationForm(
                kind=Kind.FEEDBACK,
                content=f"东风路{n + 1}号路灯不亮已一周，夜间行人经过存在安全隐患",
                occurred="近一周",
                place="江城区东风路",
                submitters=[PersonInput(name="黄志明", phone="13712349876")],
            ),
        ).case_id
        handling.accept(world.svc, world.clerk, case_id)
        unit = world.unit_a if n % 2 == 0 else world.unit_b
        handling.dispatch(world.svc, world.clerk, case_id, unit.id)
        ids.append(case_id)
    world.clock.set("2025-11-20")
    assert printing.overdue_reminders(world.svc, world.clerk) == ids
    return ids


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def embedded_fonts(pdf: bytes) -> list[str]:
    """The base names of the font files embedded in the PDF (each subset once)."""
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"])
        for font in cast(DictionaryObject, resources["/Font"]).values():
            entry = cast(DictionaryObject, font.get_object())
            descriptor = cast(DictionaryObject, entry["/FontDescriptor"])
            assert "/FontFile2" in descriptor, entry["/BaseFont"]
            names.add(str(entry["/BaseFont"]))
    return sorted(names)


def test_rules_2_2_jy12345_art19_a_batch_issues_each_notice_as_one_by_one(world: World) -> None:
    cases = overdue_cases(world, 3)
    seen: list[tuple[int, int, int | None]] = []
    # The first case twice: a unit reminded again in the same batch gets a second notice.
    batch = printing.issue_reminders(
        world.svc,
        world.clerk,
        [*cases, cases[0]],
        progress=lambda done, total, case_id: seen.append((done, total, case_id)),
    )
    assert not batch.cancelled and batch.error is None and batch.skipped == []
    assert [d.number_text[-9:] for d in batch.documents] == [
        "催〔2025〕1号",
        "催〔2025〕2号",
        "催〔2025〕3号",
        "催〔2025〕4号",
    ]
    assert [d.case_id for d in batch.documents] == [*cases, cases[0]]
    assert all(d.doc_type is DocType.REMINDER_NOTICE for d in batch.documents)
    assert seen == [
        (0, 4, cases[0]),
        (1, 4, cases[1]),
        (2, 4, cases[2]),
        (3, 4, cases[0]),
        (4, 4, None),
    ]

    assert batch.pdf is not None
    texts = pages_text(batch.pdf)
    assert len(texts) == 4  # one page each, numbered from 1
    assert all("— 1 —" in text for text in texts)
    assert "镇城建办" in texts[0] and "陈主任" in texts[0] and "黄志明" not in texts[0]
    assert "此前本中心已就该诉求书面催办1次" in texts[3]
    assert printing.printed_count(world.svc, cases[0], DocType.REMINDER_NOTICE) == (2, 0)
    assert printing.printed_count(world.svc, cases[1], DocType.REMINDER_NOTICE) == (1, 0)

    # What is recorded is what issue() records: a 补打 reprints it under the same number.
    again = printing.issue(world.svc, world.clerk, DocType.REMINDER_NOTICE, cases[1], reprint=True)
    assert again.number_text == batch.documents[1].number_text
    assert pages_text(again.pdf)[0].replace("补打", "").split() == texts[1].split()
    # And a notice of the batch can still be had on its own.
    assert pages_text(batch.documents[2].pdf) == [texts[2]]


def test_the_fonts_of_a_batch_are_embedded_once(world: World) -> None:
    cases = overdue_cases(world, 4)
    batch = printing.issue_reminders(world.svc, world.clerk, cases)
    alone = printing.issue_reminder(world.svc, world.clerk, cases[0])
    assert batch.pdf is not None
    assert embedded_fonts(batch.pdf) == embedded_fonts(alone.pdf)
    # Four notices cost little more than one: the subset fonts are most of a notice's bytes.
    assert len(batch.pdf) < 1.5 * len(alone.pdf)


def test_a_batch_over_several_transactions_numbers_straight_on(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = overdue_cases(world, 5)
    monkeypatch.setattr(printing, "BATCH_CHUNK", 2)
    batch = printing.issue_reminders(world.svc, world.clerk, cases)
    assert [d.number_text[-3:] for d in batch.documents] == [
        "〕1号",
        "〕2号",
        "〕3号",
        "〕4号",
        "〕5号",
    ]
    assert batch.pdf is not None and len(pages_text(batch.pdf)) == 5
    for case_id in cases:
        assert printing.printed_count(world.svc, case_id, DocType.REMINDER_NOTICE) == (1, 0)


def test_a_case_no_longer_overdue_is_skipped_with_the_reason(world: World) -> None:
    cases = overdue_cases(world, 3)
    # The unit's result came in and passed review meanwhile: no reminder is due any more.
    handling.submit_result(
        world.svc,
        world.clerk,
        cases[1],
        handled_at=world.clock.now,
        method="现场维修",
        outcome="已更换路灯",
        basis="路灯管理规定",
    )
    handling.review(world.svc, world.admin, cases[1], passed=True)
    batch = printing.issue_reminders(world.svc, world.clerk, cases)
    assert [d.case_id for d in batch.documents] == [cases[0], cases[2]]
    [(case_id, reason)] = batch.skipped
    assert case_id == cases[1] and "不能出具催办通知书" in reason
    assert printing.printed_count(world.svc, cases[1], DocType.REMINDER_NOTICE) == (0, 0)
    assert batch.documents[1].number_text.endswith("催〔2025〕2号")  # no number was used up


def test_cancelling_keeps_and_prints_what_was_issued(world: World) -> None:
    cases = overdue_cases(world, 4)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # the clerk presses 取消 while the second notice is made

    batch = printing.issue_reminders(world.svc, world.clerk, cases, cancelled=cancelled)
    assert batch.cancelled
    assert [d.case_id for d in batch.documents] == cases[:2]
    assert batch.pdf is not None and len(pages_text(batch.pdf)) == 2
    assert printing.printed_count(world.svc, cases[2], DocType.REMINDER_NOTICE) == (0, 0)


def test_a_bug_undoes_only_its_own_notice_and_stops_the_batch(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = overdue_cases(world, 3)
    real_record = printing.record_document

    def record(case: Case, *args: Any, **kwargs: Any) -> None:
        if case.id == cases[1]:
            raise ZeroDivisionError  # a bug after the number was taken
        real_record(case, *args, **kwargs)

    monkeypatch.setattr(printing, "record_document", record)
    batch = printing.issue_reminders(world.svc, world.clerk, cases)
    assert isinstance(batch.error, ZeroDivisionError) and not batch.cancelled
    assert [d.case_id for d in batch.documents] == cases[:1]
    assert batch.pdf is not None and len(pages_text(batch.pdf)) == 1
    monkeypatch.undo()
    assert [printing.printed_count(world.svc, c, DocType.REMINDER_NOTICE) for c in cases] == [
        (1, 0),
        (0, 0),
        (0, 0),
    ]
    # The number the bug took was given back with its savepoint.
    assert printing.issue_reminder(world.svc, world.clerk, cases[1]).number_text.endswith("2号")


def test_an_empty_batch_prints_nothing(world: World) -> None:
    batch = printing.issue_reminders(world.svc, world.clerk, [])
    assert batch.documents == [] and batch.pdf is None
