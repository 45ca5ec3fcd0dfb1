"""Registration refused while the submitter is restricted (YJ12345 art. 7; RULES §1 "Abuse")."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain.restrictions import RestrictedSubmitter
from app.domain.vocabulary import Kind, RefusalGround
from app.persistence import tables as t
from app.services import restrictions
from app.services.registration import (
    PersonInput,
    RefuseAtIntake,
    RegistrationForm,
    register,
)
from tests.conftest import World, valid_resident_id

PERSON_ID = valid_resident_id("44170219800101123")
PHONE = "13812345678"


def complaint(*people: PersonInput) -> RegistrationForm:
    return RegistrationForm(
        kind=Kind.COMPLAINT,
        content="楼下餐馆油烟直排，晚上十点后仍有噪音",
        occurred="近一个月",
        place="江城区东风路",
        submitters=list(people),
    )


def restrict(world: World, **kwargs: str) -> int:
    """Proposed by the supervisor, approved by the administrator (issue 8: two people)."""
    restriction_id = restrictions.restrict(world.svc, world.supervisor, **kwargs)
    restrictions.approve(world.svc, world.admin, restriction_id)
    return restriction_id


def counts(world: World) -> tuple[int, ...]:
    with world.svc.uow(write=False) as uow:
        return tuple(
            uow.session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.cases, t.persons, t.events, t.counters, t.case_submitters)
        )


@pytest.mark.parametrize(
    ("restricted", "given"),
    [
        pytest.param(
            {"phone": PHONE},
            PersonInput(name="张小三", doc_number="", phone="138 1234 5678"),
            id="by-phone",
        ),
        pytest.param(
            {"doc_number": PERSON_ID},
            PersonInput(name="张小三", doc_number=PERSON_ID.lower(), phone="13912345678"),
            id="by-id",
        ),
    ],
)
def test_yj12345_art_7_restriction_blocks_registration_until_it_ends_and_not_a_day_longer(
    world: World, restricted: dict[str, str], given: PersonInput
) -> None:
    svc = world.svc
    # Approved on Friday 2025-09-26: the 30th day after is Sunday 2025-10-26. It is not rolled
    # forward to Monday (that would be a day longer than art. 7's 30 natural days).
    restrict(world, reason="多次来电辱骂话务员", **restricted)
    for day, hour in (("2025-09-26", 17), ("2025-10-08", 9), ("2025-10-26", 23)):
        world.clock.set(day, hour, 30)
        with pytest.raises(RestrictedSubmitter) as caught:
            register(svc, world.clerk, complaint(given))
        message = caught.value.message
        assert "至2025-10-26（YJ12345 art. 7），期间不予登记" in message
        assert "张*三" in message and "多次来电辱骂话务员" in message
    world.clock.set("2025-10-27", 0, 5)
    registered = register(svc, world.clerk, complaint(given))
    assert registered.number == "TD01-20251027-0001"


def test_yj12345_art_7_refusal_writes_nothing(world: World) -> None:
    svc = world.svc
    register(
        svc,
        world.clerk,
        complaint(PersonInput(name="张小三", doc_number=PERSON_ID, phone="13600002222")),
    )
    restrict(world, doc_number=PERSON_ID, reason="威胁工作人员")
    before = counts(world)
    joint = complaint(
        PersonInput(name="李四", phone="13912345678"),
        # A new phone for a known person would be saved on their record: it must not be.
        PersonInput(name="张小三", doc_number=PERSON_ID, phone="13700001111"),
    )
    with pytest.raises(RestrictedSubmitter) as caught:
        register(svc, world.clerk, joint)
    # The screen shows it under the second submitter's document number.
    assert caught.value.field == "submitters[1].doc_number"
    # Not even a refusal at intake is registered for a restricted person.
    with pytest.raises(RestrictedSubmitter):
        register(
            svc,
            world.admin,
            joint,
            intake=RefuseAtIntake(RefusalGround.UNLAWFUL_OR_NO_REQUEST, "恶意骚扰"),
        )
    assert counts(world) == before
    with svc.uow(write=False) as uow:
        phone = uow.session.execute(
            select(t.persons.c.phone).where(t.persons.c.doc_number == PERSON_ID)
        ).scalar_one()
    assert phone == "13600002222"


def test_yj12345_art_7_anonymous_and_other_people_still_register(world: World) -> None:
    svc = world.svc
    restrict(world, phone=PHONE, doc_number=PERSON_ID, reason="威胁工作人员")
    anonymous = complaint()
    anonymous.kind = Kind.SUGGESTION  # may be anonymous: nothing to match on
    register(svc, world.clerk, anonymous)
    register(svc, world.clerk, complaint(PersonInput(name="李四", phone="13912345678")))


def test_yj12345_art_7_lifted_early_registration_works_again(world: World) -> None:
    svc = world.svc
    restriction_id = restrict(world, phone=PHONE, reason="辱骂")
    given = PersonInput(name="张小三", phone=PHONE)
    with pytest.raises(RestrictedSubmitter):
        register(svc, world.clerk, complaint(given))
    restrictions.lift(svc, world.supervisor, restriction_id, "经核实系他人冒用号码")
    register(svc, world.clerk, complaint(given))
