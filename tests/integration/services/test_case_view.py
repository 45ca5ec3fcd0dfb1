"""The case detail read, the actions it offers and the logged identity view, on SQLite and PostgreSQL."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from app.domain.cases import EvaluationStage, RequestStatus
from app.domain.deadlines import DeadlineKind
from app.domain.errors import NotFound, PermissionDenied, ValidationError
from app.domain.users import Action
from app.domain.vocabulary import CaseState, ContactMethod, HazardCategory, Kind, Priority
from app.services import case_view, duplicates, handling, queries
from app.services.case_view import DeadlineStatus
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

ZHANG_ID = valid_resident_id("44170219900307123")


def complaint(world: World, *, priority: Priority = Priority.NORMAL, **extra: Any) -> int:
    form = RegistrationForm(
        kind=Kind.COMPLAINT,
        priority=priority,
        content="东风路路灯不亮已一周，夜间行人摔倒",
        request="尽快修复路灯",
        occurred="2025年9月20日起",
        place="江城区东风路",
        submitters=[
            PersonInput(
                name="张三丰",
                doc_number=ZHANG_ID,
                phone="13812345678",
                address="阳江市江城区东风路12号之3",
            )
        ],
    )
    for key, value in extra.items():
        setattr(form, key, value)
    return register(world.svc, world.clerk, form).case_id


def tip_off(world: World, day: str, *, anonymous: bool = False) -> int:
    world.clock.set(day)
    people = [] if anonymous else [PersonInput(name="欧阳娜娜", phone="13912345678")]
    return register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防通道被货物堵塞",
            occurred=day,
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
            submitters=people,
        ),
    ).case_id


def dispatched(world: World, **extra: Any) -> int:
    case_id = complaint(world, **extra)
    handling.accept(world.svc, world.clerk, case_id)
    handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    return case_id


def test_detail_masks_identity_and_omits_the_birth_date(world: World) -> None:
    detail = case_view.case_detail(world.svc, world.clerk, complaint(world))
    (person,) = detail.submitters
    assert person.name == "张*丰"
    assert person.doc_number == ZHANG_ID[:4] + "*" * 10 + ZHANG_ID[-4:]
    assert person.phone == "138****5678"
    assert person.address == "阳江市江城区****"
    assert person.doc_type == "居民身份证"
    assert not hasattr(person, "birth_date")
    assert "张三丰" not in repr(detail) and "13812345678" not in repr(detail)
    assert (detail.kind_label, detail.priority_label, detail.channel_label) == (
        "投诉",
        "普通",
        "来访",
    )
    assert (detail.state, detail.state_label) == (CaseState.REGISTERED, "已登记")
    assert detail.profile_name == "阳江市（2022）"
    assert detail.registered_by == "李窗口"
    assert (detail.occurred, detail.place, detail.request) == (
        "2025年9月20日起",
        "江城区东风路",
        "尽快修复路灯",
    )


def test_mask_address_keeps_the_area_only() -> None:
    assert case_view.mask_address("阳江市江城区东风路12号") == "阳江市江城区****"
    assert case_view.mask_address("东风路") == "东****"
    assert case_view.mask_address("  ") == ""


def test_deadlines_each_with_status_article_and_the_current_one(world: World) -> None:
    case_id = dispatched(world)
    detail = case_view.case_detail(world.svc, world.clerk, case_id)
    by_kind = {d.kind: d for d in detail.deadlines}
    assert list(by_kind) == [
        DeadlineKind.DISPATCH,
        DeadlineKind.FIRST_CONTACT,
        DeadlineKind.RETURN_WINDOW,
        DeadlineKind.COMPLETION,
    ]
    assert by_kind[DeadlineKind.DISPATCH].status is DeadlineStatus.MET
    completion = by_kind[DeadlineKind.COMPLETION]
    # Received Fri 2025-09-26: 10 working days → Thu 2025-10-16 (RULES §2.1).
    assert completion.due_text == "2025-10-16"
    assert completion.article == "YJ12345 art. 9(1)2"
    assert completion.period_text == "10个工作日"
    assert completion.status is DeadlineStatus.RUNNING
    assert detail.current_deadline == completion
    # First contact is due the next working day (Sun 09-28 is a working day): due soon.
    assert by_kind[DeadlineKind.FIRST_CONTACT].status is DeadlineStatus.DUE_SOON

    world.clock.set("2025-10-20")
    late = {d.kind: d for d in case_view.case_detail(world.svc, None, case_id).deadlines}
    assert late[DeadlineKind.COMPLETION].status is DeadlineStatus.OVERDUE
    assert late[DeadlineKind.RETURN_WINDOW].status is DeadlineStatus.WINDOW_CLOSED
    handling.record_contact(world.svc, world.clerk, case_id, ContactMethod.PHONE, "已联系")
    late = {d.kind: d for d in case_view.case_detail(world.svc, None, case_id).deadlines}
    assert late[DeadlineKind.FIRST_CONTACT].status is DeadlineStatus.MET_LATE


def test_allowed_actions_follow_the_state_and_the_role(world: World) -> None:
    svc = world.svc
    case_id = complaint(world)
    assert case_view.allowed_actions(svc, world.clerk, case_id) == [
        Action.ACCEPT,
        Action.REQUEST_MATERIALS,
        Action.REFUSE,
        Action.RECORD_EVALUATION,
        Action.ADD_ATTACHMENT,
    ]
    handling.accept(svc, world.clerk, case_id)
    handling.dispatch(svc, world.clerk, case_id, world.unit_a.id)
    handling.request_extension(svc, world.clerk, case_id, 3, "需协调环卫公司", "管理条例")
    # RULES §2.2: a pending extension is the supervisor's to decide, not the clerk's.
    clerk = case_view.allowed_actions(svc, world.clerk, case_id)
    lead = case_view.allowed_actions(svc, world.supervisor, case_id)
    assert Action.DECIDE_EXTENSION not in clerk and Action.REQUEST_EXTENSION not in clerk
    assert Action.DECIDE_EXTENSION in lead
    assert clerk[:3] == [Action.RECORD_CONTACT, Action.REQUEST_RETURN, Action.SUBMIT_RESULT]
    handling.decide_extension(svc, world.supervisor, case_id, approve=True)
    handling.request_return(svc, world.clerk, case_id, "不属本单位职责", "镇机构职能规定")
    assert Action.DECIDE_RETURN not in case_view.allowed_actions(svc, world.clerk, case_id)
    assert case_view.allowed_actions(svc, world.supervisor, case_id)[0] is Action.DECIDE_RETURN
    # The read-only view (no user) offers nothing.
    assert case_view.case_detail(svc, None, case_id).actions == ()


def test_extension_limits_and_the_proposed_date(world: World) -> None:
    svc = world.svc
    case_id = dispatched(world)
    limits = case_view.case_detail(svc, world.clerk, case_id).extension
    assert limits is not None
    assert (limits.current_due_text, limits.current_working_days) == ("2025-10-16", 10)
    assert (limits.max_working_days, limits.days_left, limits.max_count) == (15, 5, 2)
    handling.request_extension(svc, world.clerk, case_id, 3, "需协调", "条例")
    pending = case_view.case_detail(svc, world.supervisor, case_id).pending_extension
    assert pending is not None and pending.status is RequestStatus.PENDING
    assert pending.proposed_due_text == "2025-10-21"
    assert pending.requested_by == "李窗口"
    handling.decide_extension(svc, world.supervisor, case_id, approve=True)
    detail = case_view.case_detail(svc, world.clerk, case_id)
    assert detail.extension is not None and detail.extension.days_left == 2
    assert detail.extension_requests[0].decided_by == "王负责"
    assert detail.extension_requests[0].proposed_due_text == ""


def test_an_urgent_item_offers_no_extension(world: World) -> None:
    case_id = dispatched(world, priority=Priority.URGENT)
    detail = case_view.case_detail(world.svc, world.clerk, case_id)
    assert Action.REQUEST_EXTENSION not in detail.actions
    assert detail.extension is not None and not detail.extension.allowed_for_kind


def test_results_reviews_contacts_and_evaluations_read_back(world: World) -> None:
    svc = world.svc
    case_id = dispatched(world)
    handling.record_contact(svc, world.clerk, case_id, ContactMethod.VISIT, "上门查看")
    kwargs = {"method": "更换灯具", "outcome": "路灯已恢复", "basis": "城市照明管理规定"}
    handling.submit_result(svc, world.clerk, case_id, handled_at=world.clock.now, **kwargs)
    handling.review(svc, world.supervisor, case_id, passed=False, comment="未写明答复诉求人")
    handling.submit_result(svc, world.clerk, case_id, handled_at=world.clock.now, **kwargs)
    handling.review(svc, world.supervisor, case_id, passed=True)
    detail = case_view.case_detail(svc, world.clerk, case_id)
    assert [r.review_label for r in detail.results] == ["发回重办", "审核通过"]
    assert detail.results[0].review_comment == "未写明答复诉求人"
    assert detail.results[0].reviewed_by == "王负责"
    assert detail.contacts[0].method == "上门" and detail.contacts[0].note == "上门查看"
    assert detail.evaluation_stages == (EvaluationStage.AFTER_HANDLING, EvaluationStage.INTAKE)
    assert Action.CLOSE in detail.actions
    from app.domain.vocabulary import Satisfaction

    handling.record_evaluation(svc, world.clerk, case_id, Satisfaction.BASICALLY_SATISFIED)
    detail = case_view.case_detail(svc, world.clerk, case_id)
    (evaluation,) = detail.evaluations
    assert (evaluation.level, evaluation.stage, evaluation.method) == (
        "基本满意",
        "办结后评价",
        "电话",
    )
    handling.close(svc, world.clerk, case_id)
    closed = case_view.case_detail(svc, world.supervisor, case_id)
    assert closed.actions == () and closed.evaluation_stages == ()


def test_return_requests_name_both_units(world: World) -> None:
    svc = world.svc
    case_id = dispatched(world)
    handling.request_return(svc, world.clerk, case_id, "不属本单位职责", "镇机构职能规定")
    pending = case_view.case_detail(svc, world.supervisor, case_id).pending_return
    assert pending is not None and pending.unit_name == "镇城建办"
    handling.approve_return(svc, world.supervisor, case_id, world.unit_b.id, "改派应急办")
    detail = case_view.case_detail(svc, world.clerk, case_id)
    (request,) = detail.return_requests
    assert (request.status, request.new_unit_name, request.note) == (
        RequestStatus.APPROVED,
        "镇应急管理办",
        "改派应急办",
    )
    assert detail.unit_name == "镇应急管理办"


def test_attachments_can_be_opened_from_a_copy_under_their_own_name(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The copies go to the system's temporary folder; this test's own stands in for it.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    evidence = tmp_path / "现场照片.jpg"
    evidence.write_bytes(b"\xff\xd8 not really a jpeg")
    case_id = complaint(world, attachments=[evidence])
    (attachment,) = case_view.case_detail(world.svc, world.clerk, case_id).attachments
    assert (attachment.file_name, attachment.size, attachment.added_by) == (
        "现场照片.jpg",
        evidence.stat().st_size,
        "李窗口",
    )
    assert attachment.path.read_bytes() == evidence.read_bytes()
    copy = case_view.copy_for_opening(world.svc, attachment)
    assert copy.name == "现场照片.jpg" and copy.read_bytes() == evidence.read_bytes()
    assert copy.is_relative_to(tmp_path / "temp")
    attachment.path.unlink()
    with pytest.raises(NotFound, match="找不到"):
        case_view.copy_for_opening(world.svc, attachment)


def test_linked_duplicates_say_which_report_came_first(world: World) -> None:
    first = tip_off(world, "2025-09-22")
    second = tip_off(world, "2025-09-26")
    third = tip_off(world, "2025-09-29")
    duplicates.link_duplicate(world.svc, world.clerk, second, first)
    duplicates.link_duplicate(world.svc, world.clerk, third, second)
    numbers = {r.id: r.number for r in queries.case_rows(world.svc, [first, second, third])}
    detail = case_view.case_detail(world.svc, world.clerk, second)
    assert detail.is_tip_off and detail.reported_unit_name == "兴旺五金店"
    assert detail.hazard_category_label == "占用、堵塞、封闭消防车通道"
    assert [(c.number, c.is_first, c.direct) for c in detail.linked] == [
        (numbers[first], True, True),
        (numbers[third], False, True),
    ]
    assert detail.first_case_number == numbers[first]
    # FIRE art. 6: the group is transitive; the first report is found through the middle one.
    last = case_view.case_detail(world.svc, world.clerk, third)
    assert [(c.case_id, c.is_first, c.direct) for c in last.linked] == [
        (first, True, False),
        (second, False, True),
    ]
    own = case_view.case_detail(world.svc, world.clerk, first)
    assert own.first_case_number == own.number
    assert [c.is_first for c in own.linked] == [False, False]
    assert case_view.case_detail(world.svc, world.clerk, complaint(world)).linked == ()


def test_reveal_identity_requires_a_permitted_role_and_a_reason_and_is_logged(
    world: World,
) -> None:
    svc = world.svc
    case_id = complaint(world)
    assert not case_view.case_detail(svc, world.clerk, case_id).can_reveal_identity
    assert case_view.case_detail(svc, world.supervisor, case_id).can_reveal_identity
    with pytest.raises(PermissionDenied, match="无权查看"):
        case_view.reveal_identity(svc, world.clerk, case_id, "核实身份")
    with pytest.raises(ValidationError, match="请填写查看身份信息的事由") as error:
        case_view.reveal_identity(svc, world.supervisor, case_id, "  ")
    assert error.value.article == "YJ12345 art. 15"
    events_before = len(queries.timeline(svc, case_id))
    (person,) = case_view.reveal_identity(svc, world.supervisor, case_id, "回访需核对联系电话")
    assert (person.name, person.doc_number, person.phone, person.address) == (
        "张三丰",
        ZHANG_ID,
        "138 1234 5678",
        "阳江市江城区东风路12号之3",
    )
    assert person.birth_date is not None and person.birth_date.year == 1990
    entries = queries.timeline(svc, case_id)
    assert len(entries) == events_before + 1
    logged = entries[-1]
    assert (logged.action, logged.actor, logged.article) == (
        "reveal_identity",
        "王负责",
        "YJ12345 art. 15",
    )
    assert logged.details["reason"] == "回访需核对联系电话"
    assert "回访需核对联系电话" in logged.summary and "张三丰" not in logged.summary


def test_reveal_identity_of_a_tip_off_cites_fire_art_11(world: World) -> None:
    case_id = tip_off(world, "2025-09-26")
    case_view.reveal_identity(world.svc, world.admin, case_id, "领奖核对身份")
    assert queries.timeline(world.svc, case_id)[-1].article == "FIRE art. 11"
    anonymous = tip_off(world, "2025-09-26", anonymous=True)
    assert not case_view.case_detail(world.svc, world.admin, anonymous).can_reveal_identity
    with pytest.raises(ValidationError, match="匿名"):
        case_view.reveal_identity(world.svc, world.admin, anonymous, "核对")


def test_find_case_id_by_number(world: World) -> None:
    case_id = complaint(world)
    number = queries.case_rows(world.svc, [case_id])[0].number
    assert case_view.find_case_id(world.svc, f" {number.lower()} ") == case_id
    with pytest.raises(NotFound):
        case_view.find_case_id(world.svc, "TD01-20000101-0001")
    with pytest.raises(ValidationError):
        case_view.find_case_id(world.svc, " ")


def test_a_missing_case_is_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        case_view.case_detail(world.svc, world.clerk, 999_999)
