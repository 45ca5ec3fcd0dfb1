"""The staff-exclusion register and declared relatives (FIRE art. 6, 13; RULES §4.2)."""

from __future__ import annotations

import pytest

from app.domain.errors import NotFound, PermissionDenied, ValidationError
from app.domain.rewards import ExclusionCategory
from app.services import exclusions
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
