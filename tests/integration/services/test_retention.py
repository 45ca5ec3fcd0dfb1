"""Deleting cases after their retention period, by two administrators (JY12345 art. 5; RULES §5),
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.retention import ARTICLE, DeletionState
from app.domain.users import Actor, Role
from app.domain.vocabulary import Kind
from app.persistence import tables as t
from app.services import case_view, handling, restrictions, retention, users
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

PERSON_ID = valid_resident_id("44170219800101123")
SHARED_ID = valid_resident_id("44170219850505222")


@pytest.fixture
def second_admin(world: World) -> Actor:
    return users.create_user(world.svc, world.admin, "admin2", "周管理", Role.ADMIN, "admin-pass-2")


def consultation(world: World, *people: PersonInput, files: list[Path] | None = None) -> int:
    """A consultation answered at the counter: completed the moment it is registered."""
    case = register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.CONSULTATION,
            content="咨询办理居住证需要哪些材料",
            submitters=list(people),
            attachments=files or [],
        ),
    )
    handling.answer_at_once(world.svc, world.clerk, case.case_id, "告知所需材料清单")
    return case.case_id


def count(world: World, table: t.Table, *where: object) -> int:
    with world.svc.uow(write=False) as uow:
        return int(
            uow.session.execute(
                select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
            ).scalar_one()
        )


def test_jy12345_art_5_nothing_can_be_requested_before_two_years(
    world: World, second_admin: Actor
) -> None:
    svc = world.svc
    case_id = consultation(world, PersonInput(name="张小三", doc_number=PERSON_ID))
    world.clock.set("2027-09-26", 17)
    assert retention.eligible_cases(svc) == []
    with pytest.raises(ValidationError, match="2027-09-27起方可申请删除") as caught:
        retention.request_deletion(svc, world.admin, [case_id], "保存期满清理")
    assert caught.value.article == ARTICLE
    assert count(world, t.deletion_requests) == 0
    world.clock.set("2027-09-27", 8)
    (eligible,) = retention.eligible_cases(svc)
    assert (eligible.case_id, eligible.completed_on, eligible.deletable_from) == (
        case_id,
        date(2025, 9, 26),
        date(2027, 9, 27),
    )
    assert eligible.kind is Kind.CONSULTATION and eligible.pending_request_id is None
    assert retention.eligible_cases(svc, date(2027, 9, 26)) == []


def test_jy12345_art_5_only_administrators_and_never_the_same_one_approves(
    world: World, second_admin: Actor
) -> None:
    svc = world.svc
    case_id = consultation(world, PersonInput(name="张小三", doc_number=PERSON_ID))
    world.clock.set("2027-10-08")
    for actor in (world.clerk, world.supervisor):
        with pytest.raises(PermissionDenied):
            retention.request_deletion(svc, actor, [case_id], "保存期满清理")
    with pytest.raises(ValidationError, match="请填写删除原因"):
        retention.request_deletion(svc, world.admin, [case_id], " ")
    request_id = retention.request_deletion(svc, world.admin, [case_id], "保存期满清理")
    (eligible,) = retention.eligible_cases(svc)
    assert eligible.pending_request_id == request_id
    with pytest.raises(ValidationError, match="已在待审批的删除申请"):
        retention.request_deletion(svc, second_admin, [case_id], "保存期满清理")
    with pytest.raises(PermissionDenied, match="另一位管理员"):
        retention.approve_deletion(svc, world.admin, request_id)
    with pytest.raises(PermissionDenied, match="另一位管理员"):
        retention.reject_deletion(svc, world.admin, request_id, "撤回")
    with pytest.raises(PermissionDenied):
        retention.approve_deletion(svc, world.supervisor, request_id)
    (row,) = retention.list_deletion_requests(svc, world.admin)
    assert row.case_numbers and not row.may_decide(world.admin) and row.may_decide(second_admin)
    # Rejected with a reason: nothing deleted, the case may be asked for again.
    retention.reject_deletion(svc, second_admin, request_id, "待档案室核对纸质档案")
    assert count(world, t.cases, t.cases.c.id == case_id) == 1
    assert retention.list_deletion_requests(svc, world.admin) == []
    (decided,) = retention.list_deletion_requests(svc, world.admin, include_decided=True)
    assert decided.state is DeletionState.REJECTED
    assert (decided.decided_by, decided.decision_note) == ("周管理", "待档案室核对纸质档案")
    with pytest.raises(TransitionError):
        retention.approve_deletion(svc, second_admin, request_id)
    again = retention.request_deletion(svc, second_admin, [case_id], "核对完毕，保存期满清理")
    retention.approve_deletion(svc, world.admin, again)
    assert count(world, t.cases, t.cases.c.id == case_id) == 0


def test_jy12345_art_5_a_deleted_case_goes_with_its_files_and_people_its_events_stay(
    world: World, second_admin: Actor, tmp_path: Path
) -> None:
    svc = world.svc
    own_file = tmp_path / "现场照片.jpg"
    own_file.write_bytes(b"only this case")
    shared_file = tmp_path / "通知.pdf"
    shared_file.write_bytes(b"both cases")
    shared = PersonInput(name="李四", doc_number=SHARED_ID, phone="13912345678")
    old = consultation(
        world,
        PersonInput(name="张小三", doc_number=PERSON_ID, phone="13812345678"),
        shared,
        files=[own_file, shared_file],
    )
    old_number = case_view.case_detail(svc, world.admin, old).number
    case_view.reveal_identity(svc, world.supervisor, old, "核对联系方式以便回访")
    restriction = restrictions.restrict(
        svc, world.supervisor, phone="13812345678", reason="辱骂", case_number=old_number
    )
    restrictions.approve(svc, world.admin, restriction)
    # A year later the same person comes again with the same file: that case stays.
    world.clock.set("2026-09-28")
    kept = consultation(world, shared, files=[shared_file])
    events_before = count(world, t.events, t.events.c.case_id == old)
    assert events_before >= 3
    all_events = count(world, t.events)
    world.clock.set("2027-09-27")
    request_id = retention.request_deletion(svc, world.admin, [old], "保存期满清理")
    outcome = retention.approve_deletion(svc, second_admin, request_id)
    assert outcome.case_numbers == (old_number,)
    assert (outcome.persons_deleted, outcome.files_deleted) == (1, 1)

    assert count(world, t.cases, t.cases.c.id == old) == 0
    assert count(world, t.attachments, t.attachments.c.case_id == old) == 0
    assert count(world, t.case_submitters, t.case_submitters.c.case_id == old) == 0
    assert count(world, t.persons, t.persons.c.doc_number == PERSON_ID) == 0
    assert count(world, t.persons, t.persons.c.doc_number == SHARED_ID) == 1
    stored = sorted(p.name for p in svc.attachments_dir.rglob("*") if p.is_file())
    assert len(stored) == 1  # the shared file, still used by the case kept
    assert count(world, t.cases, t.cases.c.id == kept) == 1
    # The audit trail keeps every event of the deleted case (unlinked) and adds its own.
    assert count(world, t.events) == all_events + 3  # requested, approved, case_deleted
    assert count(world, t.events, t.events.c.case_id == old) == 0
    e = t.events.c
    with svc.uow(write=False) as uow:
        deleted = uow.session.execute(
            select(e.summary, e.article, e.details).where(e.action == "case_deleted")
        ).one()
    assert old_number in deleted.summary and deleted.article == ARTICLE
    assert "居住证" not in deleted.summary and deleted.details["request_id"] == request_id
    # The restriction outlives the case; the request keeps the number.
    (row,) = restrictions.list_restrictions(svc, world.clerk, include_ended=True)
    assert row.case_id is None
    (decided,) = retention.list_deletion_requests(svc, world.admin, include_decided=True)
    assert decided.case_numbers == (old_number,) and decided.state is DeletionState.APPROVED


def test_jy12345_art_5_approval_checks_again_and_open_cases_never_go(
    world: World, second_admin: Actor
) -> None:
    svc = world.svc
    case = register(
        svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="楼下餐馆油烟直排",
            occurred="近一个月",
            place="江城区东风路",
            submitters=[PersonInput(name="张小三", doc_number=PERSON_ID, phone="13812345678")],
        ),
    )
    world.clock.set("2030-01-01")
    assert retention.eligible_cases(svc) == []
    with pytest.raises(ValidationError, match="尚未办结"):
        retention.request_deletion(svc, world.admin, [case.case_id], "清理")
    with pytest.raises(ValidationError, match="请选择"):
        retention.request_deletion(svc, world.admin, [], "清理")
