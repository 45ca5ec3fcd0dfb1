"""`verify_chain` (RULES §5, issue 8 "audit trail", "Tampering"): any hand edit is named, first."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, update

from app.domain.errors import PermissionDenied
from app.domain.vocabulary import Kind
from app.persistence import tables as t
from app.persistence.audit import row_hash
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI
from app.services import audit, handling, users
from app.services.audit import BreakReason, ChainReport, verify_chain
from app.services.context import Services
from app.services.demo import DEMO_PASSWORD, build_demo
from app.services.registration import RegistrationForm, register
from tests.conftest import World

e = t.events.c


def register_one(world: World, content: str = "咨询事项", svc: Services | None = None) -> int:
    form = RegistrationForm(kind=Kind.CONSULTATION, content=content)
    return register(svc or world.svc, world.clerk, form).case_id


def a_short_history(world: World) -> int:
    """A few cases and steps: a dozen events or so. Returns the last case's id."""
    case_id = 0
    for i in range(3):
        case_id = register_one(world, f"咨询 {i}")
        handling.accept(world.svc, world.clerk, case_id)
        handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    return case_id


def by_sql(world: World, *statements: Any) -> None:
    """What someone with the database file or a SQL console does, bypassing TownDesk."""
    with world.svc.database.write_engine.begin() as connection:
        for statement in statements:
            connection.execute(statement)


def chain(world: World) -> list[Any]:
    with world.svc.uow(write=False) as uow:
        return list(uow.session.execute(select(t.events).order_by(e.seq)).all())


def verify(world: World) -> ChainReport:
    return verify_chain(world.svc, world.supervisor)


def test_audit_trail_a_fresh_chain_verifies(world: World) -> None:
    report = verify(world)
    rows = chain(world)
    assert report.ok and report.first_broken is None
    assert report.events_checked == len(rows) > 0  # the seed's users and units
    assert report.head_hash == rows[-1].hash
    assert "审计链完整" in report.message() and report.head_hash in report.message()


def test_audit_trail_a_case_life_verifies(world: World) -> None:
    a_short_history(world)
    with world.svc.uow() as uow:
        uow.log(world.admin, world.svc.now(), "probe", "登记簿变更", None)
        uow.commit()
    report = verify(world)
    assert report.ok and report.events_checked == len(chain(world))


def test_audit_trail_only_who_may_verify_verifies(world: World) -> None:
    with pytest.raises(PermissionDenied):
        verify_chain(world.svc, world.clerk)
    assert verify_chain(world.svc, world.admin).ok


def test_tampering_an_edited_summary_is_the_first_broken_link(world: World) -> None:
    a_short_history(world)
    rows = chain(world)
    target = rows[len(rows) // 2]
    by_sql(world, update(t.events).where(e.id == target.id).values(summary="改过的记录"))
    report = verify(world)
    assert not report.ok and report.first_broken is not None
    assert report.first_broken.event_id == target.id
    assert report.first_broken.position == target.seq
    assert report.first_broken.reason is BreakReason.EDITED
    assert report.events_checked == target.seq - 1
    assert "内容被修改" in report.message() and f"事件编号 {target.id}" in report.message()


@pytest.mark.parametrize(
    "change",
    [
        {"details": {"forged": True}},
        {"actor_id": None},
        {"article": "改过的条款"},
        {"action": "other"},
    ],
)
def test_tampering_any_hashed_column_edited_is_detected(world: World, change: Any) -> None:
    a_short_history(world)
    target = chain(world)[3]
    by_sql(world, update(t.events).where(e.id == target.id).values(**change))
    report = verify(world)
    assert report.first_broken is not None and report.first_broken.event_id == target.id
    assert report.first_broken.reason is BreakReason.EDITED


def test_tampering_an_edited_time_is_detected(world: World) -> None:
    a_short_history(world)
    target = chain(world)[2]
    moved = target.at + timedelta(minutes=1)
    by_sql(world, update(t.events).where(e.id == target.id).values(at=moved))
    report = verify(world)
    assert report.first_broken is not None and report.first_broken.event_id == target.id


def test_tampering_a_deleted_event_is_detected_where_it_was(world: World) -> None:
    a_short_history(world)
    rows = chain(world)
    gone, after = rows[4], rows[5]
    by_sql(world, delete(t.events).where(e.id == gone.id))
    report = verify(world)
    assert report.first_broken is not None
    assert report.first_broken.event_id == after.id
    assert report.first_broken.position == gone.seq
    assert report.first_broken.reason is BreakReason.REMOVED_OR_INSERTED
    assert report.events_checked == gone.seq - 1


def test_tampering_a_deleted_last_event_is_a_head_mismatch(world: World) -> None:
    a_short_history(world)
    last = chain(world)[-1]
    by_sql(world, delete(t.events).where(e.id == last.id))
    report = verify(world)
    assert report.first_broken is not None
    assert report.first_broken.reason is BreakReason.HEAD_MISMATCH
    assert report.first_broken.position == last.seq and report.first_broken.event_id is None
    assert "链头不一致" in report.message()


def test_tampering_a_forged_row_is_detected(world: World) -> None:
    a_short_history(world)
    rows = chain(world)
    # Next to a real row, with an id and a place of its own, but no link to its predecessor.
    by_sql(
        world,
        insert(t.events).values(
            id=rows[-1].id + 100,
            seq=rows[-1].seq + 1,
            at=world.svc.now(),
            action="reward_paid",
            summary="伪造的发放记录",
            details={},
            prev_hash="f" * 64,
            hash="e" * 64,
        ),
    )
    report = verify(world)
    assert report.first_broken is not None
    assert report.first_broken.event_id == rows[-1].id + 100
    assert report.first_broken.reason is BreakReason.REMOVED_OR_INSERTED


def test_tampering_a_well_forged_last_row_is_a_head_mismatch(world: World) -> None:
    # Someone who read the docstring appends a row with a correct hash: the head counter tells.
    a_short_history(world)
    last = chain(world)[-1]
    forged: dict[str, Any] = dict(
        id=last.id + 1,
        seq=last.seq + 1,
        case_number=None,
        at=world.svc.now(),
        actor_id=None,
        action="reward_paid",
        article=None,
        summary="伪造的发放记录",
        details={},
        prev_hash=last.hash,
    )
    by_sql(world, insert(t.events).values(**forged, hash=row_hash(**forged)))
    report = verify(world)
    assert report.first_broken is not None
    assert report.first_broken.reason is BreakReason.HEAD_MISMATCH
    assert report.first_broken.event_id == last.id + 1


def test_tampering_a_row_with_no_place_in_the_chain_is_detected(world: World) -> None:
    a_short_history(world)
    forged = dict(id=9_999, at=world.svc.now(), action="x", summary="", details={})
    by_sql(world, insert(t.events).values(**forged, seq=0, prev_hash="", hash=""))
    report = verify(world)
    assert report.first_broken is not None and report.first_broken.event_id == 9_999
    assert report.first_broken.reason is BreakReason.REMOVED_OR_INSERTED


def test_tampering_two_rows_swapped_are_detected(world: World) -> None:
    a_short_history(world)
    rows = chain(world)
    first, second = rows[3], rows[6]
    content = ("summary", "action", "details", "at", "actor_id", "article")
    by_sql(
        world,
        update(t.events).where(e.id == first.id).values(**{c: getattr(second, c) for c in content}),
        update(t.events).where(e.id == second.id).values(**{c: getattr(first, c) for c in content}),
    )
    report = verify(world)
    assert report.first_broken is not None and report.first_broken.event_id == first.id


def test_tampering_an_event_moved_to_another_case_is_detected(world: World) -> None:
    case_id = a_short_history(world)
    other = register_one(world, "另一件")
    target = next(r for r in chain(world) if r.case_id == case_id)
    by_sql(world, update(t.events).where(e.id == target.id).values(case_id=other))
    report = verify(world)
    assert report.first_broken is not None and report.first_broken.event_id == target.id


def test_tampering_an_event_unlinked_from_a_living_case_is_detected(world: World) -> None:
    case_id = a_short_history(world)
    target = next(r for r in chain(world) if r.case_id == case_id)
    by_sql(world, update(t.events).where(e.id == target.id).values(case_id=None))
    report = verify(world)
    assert report.first_broken is not None and report.first_broken.event_id == target.id
    assert report.first_broken.reason is BreakReason.EDITED


def test_retention_a_deleted_case_keeps_its_trail_and_the_chain_verifies(world: World) -> None:
    # JY12345 art. 5: after the retention period a case may go; its events may not.
    case_id = a_short_history(world)
    before = [r for r in chain(world) if r.case_id == case_id]
    by_sql(world, delete(t.cases).where(t.cases.c.id == case_id))
    after = {r.id: r for r in chain(world)}
    assert all(after[r.id].case_id is None for r in before)
    assert all(after[r.id].case_number == r.case_number is not None for r in before)
    assert verify(world).ok
    # SQLite gives the next case the deleted one's id: the old trail is not taken for detached.
    world.clock.set("2025-09-29")
    assert register_one(world, "之后的登记") in (case_id, case_id + 1)
    assert verify(world).ok


def test_audit_trail_is_walked_in_pages_with_progress(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_short_history(world)
    monkeypatch.setattr(audit, "PAGE", 4)
    seen: list[tuple[int, int]] = []
    report = verify_chain(world.svc, world.admin, progress=lambda d, n, _note: seen.append((d, n)))
    total = len(chain(world))
    assert report.ok and report.events_checked == total
    assert seen[0] == (0, total) and seen[-1] == (total, total) and len(seen) > total // 4


def test_audit_trail_two_counters_writing_at_once_never_fork_the_chain(world: World) -> None:
    # Two PCs on one file (or server): each has its own engine; both write events all the time.
    counters = [
        Services.open(world.svc.database.url, world.svc.data_dir, clock=world.clock)
        for _ in range(2)
    ]
    errors: list[BaseException] = []

    def work(svc: Services, name: str) -> None:
        try:
            for i in range(12):
                case_id = register_one(world, f"{name} {i}", svc=svc)
                handling.accept(svc, world.clerk, case_id)
                with svc.uow() as uow:
                    uow.log(world.clerk, svc.now(), "probe", f"{name} {i}", None)
                    uow.commit()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(svc, name))
        for svc, name in zip(counters, ("甲", "乙"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for svc in counters:
        svc.close()
    assert errors == []
    rows = chain(world)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert len({r.prev_hash for r in rows}) == len(rows)  # no two rows claim one predecessor
    report = verify(world)
    assert report.ok and report.events_checked == len(rows)
    with world.svc.uow(write=False) as uow:
        probes = uow.session.execute(select(func.count()).where(e.action == "probe")).scalar()
    assert probes == 24


def test_audit_trail_the_demo_builder_writes_a_whole_chain(
    empty_db_url: str, tmp_path: Path
) -> None:
    # The demo drives hundreds of cases, claims and call-backs at simulated times in bulk.
    now = datetime(2026, 6, 15, 10, 30, tzinfo=SHANGHAI)
    svc = Services.open(empty_db_url, tmp_path / "data", clock=lambda: now)
    try:
        upgrade(svc.database)
        build_demo(svc, cases=60, seed=7)
        admin = users.authenticate(svc, "admin", DEMO_PASSWORD)
        report = verify_chain(svc, admin)
        with svc.uow(write=False) as uow:
            total = uow.session.execute(select(func.count()).select_from(t.events)).scalar_one()
        assert report.ok and report.events_checked == total > 60
    finally:
        svc.close()
