"""Registration through the service on SQLite and PostgreSQL: numbers, people, bad input, files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.codes import QUERY_CODE_ALPHABET
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.persons import Person
from app.domain.vocabulary import HazardCategory, Kind
from app.persistence import tables as t
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

ZHANG_ID = valid_resident_id("44170219900307123")


def complaint(**overrides: object) -> RegistrationForm:
    form = RegistrationForm(
        kind=Kind.COMPLAINT,
        content="东风路路灯不亮已一周，夜间行人摔倒",
        occurred="2025年9月20日起",
        place="江城区东风路",
        submitters=[PersonInput(name="张三丰", doc_number=ZHANG_ID, phone="138 1234 5678")],
    )
    for key, value in overrides.items():
        setattr(form, key, value)
    return form


def counts(world: World) -> tuple[int, int, int]:
    with world.svc.uow(write=False) as uow:
        return tuple(  # type: ignore[return-value]
            uow.session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.cases, t.persons, t.events)
        )


def test_case_number_is_centre_day_sequence_and_query_code_is_unambiguous(world: World) -> None:
    first = register(world.svc, world.clerk, complaint())
    second = register(world.svc, world.clerk, complaint())
    world.clock.set("2025-09-27")
    next_day = register(world.svc, world.clerk, complaint())
    assert (first.number, second.number, next_day.number) == (
        "TD01-20250926-0001",
        "TD01-20250926-0002",
        "TD01-20250927-0001",
    )
    for code in (first.query_code, second.query_code):
        assert re.fullmatch(f"[{QUERY_CODE_ALPHABET}]{{6}}", code)
    assert first.query_code != second.query_code


def test_rules_5_one_person_per_id_number_contact_refreshed(world: World) -> None:
    register(world.svc, world.clerk, complaint())
    register(
        world.svc,
        world.clerk,
        complaint(
            submitters=[PersonInput(name="张三丰", doc_number=ZHANG_ID, phone="13900001111")]
        ),
    )
    with world.svc.uow(write=False) as uow:
        people = uow.session.scalars(select(Person)).all()
    assert len(people) == 1
    assert people[0].phone == "13900001111"
    assert people[0].region_code == "441702"
    assert people[0].birth_date.isoformat() == "1990-03-07"


@pytest.mark.parametrize(
    ("form_change", "field"),
    [
        (
            {"submitters": [PersonInput(name="张三丰", doc_number=ZHANG_ID[:-1] + "0")]},
            "document_number",
        ),
        (
            {"submitters": [PersonInput(name="张三丰", doc_number="441702199002301234")]},
            "document_number",
        ),
        ({"place": ""}, "place"),
        (
            {"submitters": [PersonInput(name="张三丰", doc_number=ZHANG_ID, phone="3312345")]},
            "phone",
        ),
        ({"kind": Kind.TIP_OFF, "reported_unit_name": "兴旺五金店"}, "reported_unit_address"),
        # Longer than the schema holds: the clerk's error on every database (PostgreSQL would
        # otherwise fail with an internal error, SQLite would store it silently).
        ({"place": "东" * 201}, "place"),
        # PostgreSQL refuses NUL in text: a pasted control character is the clerk's to remove.
        ({"content": "咨询\x00社保"}, "content"),
        (
            {"submitters": [PersonInput(name="张" * 61, doc_number=ZHANG_ID, phone="13800000000")]},
            "submitters[0].name",
        ),
    ],
    ids=[
        "bad-check-character",
        "impossible-birth-date",
        "complaint-without-place",
        "landline-without-area-code",
        "tip-off-without-address",
        "place-too-long",
        "control-character",
        "name-too-long",
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(
    world: World, form_change: dict[str, object], field: str
) -> None:
    before = counts(world)
    with pytest.raises(ValidationError) as error:
        register(world.svc, world.clerk, complaint(**form_change))
    assert error.value.field == field
    assert re.search(r"[\u4e00-\u9fff]", error.value.message)
    assert counts(world) == before


def test_same_id_with_another_name_is_refused(world: World) -> None:
    register(world.svc, world.clerk, complaint())
    before = counts(world)
    with pytest.raises(ValidationError, match="张\\*丰"):
        register(
            world.svc,
            world.clerk,
            complaint(
                submitters=[PersonInput(name="李四", doc_number=ZHANG_ID, phone="13800000000")]
            ),
        )
    assert counts(world) == before


def test_rules_4_1_joint_and_anonymous_tip_offs(world: World) -> None:
    li_id = valid_resident_id("44172119850612002")
    joint = register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="店内疏散通道堆满货物，安全出口上锁",
            occurred="2025年9月25日",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.EVACUATION_BLOCKED,
            submitters=[
                PersonInput(name="张三丰", doc_number=ZHANG_ID, phone="13812345678"),
                PersonInput(name="李小红", doc_number=li_id, phone="13912345678"),
            ],
        ),
    )
    anonymous = register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防通道被占用",
            occurred="今天上午",
            reported_unit_name="某KTV",
            reported_unit_address="江城区新江路8号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
        ),
    )
    with world.svc.uow(write=False) as uow:
        case = uow.get_case(joint.case_id)
        assert [s.person.name for s in case.submitters] == ["张三丰", "李小红"]
        assert not case.anonymous
        assert uow.get_case(anonymous.case_id).anonymous


def test_attachments_are_copied_and_known_by_hash(world: World, tmp_path: Path) -> None:
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 fake jpeg bytes")
    registered = register(world.svc, world.clerk, complaint(attachments=[photo]))
    with world.svc.uow(write=False) as uow:
        (attachment,) = uow.get_case(registered.case_id).attachments
    stored = world.svc.attachments_dir / attachment.sha256[:2] / attachment.sha256
    assert stored.read_bytes() == photo.read_bytes()
    assert attachment.file_name == "现场照片.jpg" and attachment.size == photo.stat().st_size


def test_missing_attachment_file_writes_nothing(world: World, tmp_path: Path) -> None:
    before = counts(world)
    with pytest.raises(ValidationError, match="找不到附件"):
        register(world.svc, world.clerk, complaint(attachments=[tmp_path / "gone.jpg"]))
    assert counts(world) == before


def test_roles_are_checked_by_the_service(world: World) -> None:
    from app.services import handling

    registered = register(world.svc, world.clerk, complaint())
    handling.accept(world.svc, world.clerk, registered.case_id)
    handling.dispatch(world.svc, world.clerk, registered.case_id, world.unit_a.id)
    handling.request_return(world.svc, world.clerk, registered.case_id, "不属本单位", "三定方案")
    before = counts(world)
    with pytest.raises(PermissionDenied, match="无权"):
        handling.approve_return(world.svc, world.clerk, registered.case_id, world.unit_b.id)
    assert counts(world) == before
    handling.approve_return(world.svc, world.supervisor, registered.case_id, world.unit_b.id)


def test_rules_1_refusal_at_intake_is_one_transaction(world: World) -> None:
    from app.domain.vocabulary import CaseState, RefusalGround
    from app.services.registration import MaterialsAtIntake, RefuseAtIntake

    refused = register(
        world.svc,
        world.clerk,
        complaint(),
        intake=RefuseAtIntake(RefusalGround.PETITION_CHANNEL, "已在信访渠道办理"),
    )
    waiting = register(world.svc, world.clerk, complaint(), intake=MaterialsAtIntake(("现场照片",)))
    with world.svc.uow(write=False) as uow:
        assert uow.get_case(refused.case_id).state is CaseState.NOT_ACCEPTED
        assert uow.get_case(waiting.case_id).state is CaseState.AWAITING_MATERIALS
    before = counts(world)
    with pytest.raises(ValidationError, match="关联"):  # ground 6 without the earlier case
        register(
            world.svc,
            world.clerk,
            complaint(),
            intake=RefuseAtIntake(RefusalGround.REPEAT, "重复反映"),
        )
    assert counts(world) == before
