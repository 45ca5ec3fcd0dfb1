"""The staff-exclusion register and declared relatives (FIRE art. 6, 13; RULES §4.2)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import NotFound, PermissionDenied, ValidationError
from app.domain.rewards import ExclusionCategory
from app.domain.vocabulary import HazardCategory, Kind
from app.persistence import tables as t
from app.services import exclusions
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

STAFF_ID = valid_resident_id("44170219600303789")


def test_fire_art_6_register_is_kept_by_id_number_by_the_administrator(world: World) -> None:
    svc = world.svc
    with pytest.raises(PermissionDenied):
        exclusions.add_entry(svc, world.clerk, STAFF_ID, "张大山", ExclusionCategory.FIREFIGHTER)
    with pytest.raises(PermissionDenied):
        exclusions.list_entries(svc, world.supervisor)
    # An ID typed with a lower-case x is the same person as the printed one.
    exclusions.add_entry(
        svc, world.admin, STAFF_ID.lower(), "张大山", ExclusionCategory.FIREFIGHTER
    )
    with pytest.raises(ValidationError, match="已在排除名单"):
        exclusions.add_entry(svc, world.admin, STAFF_ID, "张大山", ExclusionCategory.FIRE_CLERK)
    (listed,) = exclusions.list_entries(svc, world.admin)
    assert (listed.id_number, listed.category) == (STAFF_ID.upper(), ExclusionCategory.FIREFIGHTER)


def test_rules_5_deactivated_entries_are_kept_and_can_come_back(world: World) -> None:
    svc = world.svc
    entry = exclusions.add_entry(
        svc, world.admin, STAFF_ID, "张大山", ExclusionCategory.FIREFIGHTER
    )
    exclusions.deactivate_entry(svc, world.admin, entry)
    with pytest.raises(NotFound):
        exclusions.deactivate_entry(svc, world.admin, entry)
    assert exclusions.list_entries(svc, world.admin) == []
    (kept,) = exclusions.list_entries(svc, world.admin, include_inactive=True)
    assert not kept.active
    again = exclusions.add_entry(svc, world.admin, STAFF_ID, "张大山", ExclusionCategory.FIRE_CLERK)
    assert again == entry  # the same row: its history stays in one place
    (back,) = exclusions.list_entries(svc, world.admin)
    assert back.category is ExclusionCategory.FIRE_CLERK


def test_rules_4_2_declaring_a_relative_needs_a_known_reporter_and_both_fields(
    world: World,
) -> None:
    with pytest.raises(NotFound):
        exclusions.declare_relative(world.svc, world.clerk, 999_999, "父母", STAFF_ID)
    with pytest.raises(ValidationError):
        exclusions.declare_relative(world.svc, world.clerk, 1, "", STAFF_ID)


def test_rules_5_register_changes_and_declarations_are_events(world: World) -> None:
    svc = world.svc
    entry = exclusions.add_entry(
        svc, world.admin, STAFF_ID, "张父", ExclusionCategory.FIREFIGHTER, "专职消防队员"
    )
    exclusions.deactivate_entry(svc, world.admin, entry)
    case_id = register(
        svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防车通道被货物堵塞",
            occurred="上周",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
            submitters=[
                PersonInput(
                    name="张小三",
                    doc_number=valid_resident_id("44170219900101123"),
                    phone="13812345678",
                )
            ],
        ),
    ).case_id
    with svc.uow(write=False) as uow:
        person_id = uow.get_case(case_id).submitters[0].person.id
    assert person_id is not None
    exclusions.declare_relative(svc, world.clerk, person_id, "父母", STAFF_ID)
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(
            select(t.events.c.action, t.events.c.actor_id, t.events.c.summary, t.events.c.article)
            .where(
                t.events.c.action.in_(["exclusion_added", "exclusion_removed", "relative_declared"])
            )
            .order_by(t.events.c.id)
        ).all()
    assert [(r.action, r.actor_id, r.article) for r in rows] == [
        ("exclusion_added", world.admin.user_id, "FIRE art. 6"),
        ("exclusion_removed", world.admin.user_id, "FIRE art. 6"),
        ("relative_declared", world.clerk.user_id, "FIRE art. 6"),
    ]
    # RULES §5: the trail names the entry without spelling out the ID number.
    assert all(STAFF_ID not in r.summary for r in rows)
    (declared,) = exclusions.declared_relatives(svc, world.clerk, person_id)
    assert declared.relationship == "父母"
    assert declared.masked_id.startswith("4417") and STAFF_ID not in declared.masked_id
