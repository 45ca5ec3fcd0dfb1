"""Duplicate tip-offs: candidates for the same hazard, links both ways, the first report (FIRE art. 6)."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.domain.vocabulary import HazardCategory, Kind
from app.services import duplicates, queries
from app.services.registration import RegistrationForm, register
from tests.conftest import World


def tip_off(world: World, name: str, address: str, day: str) -> int:
    world.clock.set(day)
    return register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防通道被货物堵塞",
            occurred=day,
            reported_unit_name=name,
            reported_unit_address=address,
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
        ),
    ).case_id


def test_rules_4_2_fire_art6_same_hazard_linked_both_ways_first_wins(world: World) -> None:
    first = tip_off(world, "兴旺五金店", "阳江市江城区东风路12号", "2025-09-22")
    second = tip_off(world, "兴旺 五金店", "江城区东风路１２号", "2025-09-26")
    other = tip_off(world, "金沙湾酒店", "江城区金沙路1号", "2025-09-26")

    found = duplicates.candidates(
        world.svc,
        "兴旺五金店",
        "东风路12号",
        HazardCategory.FIRE_ACCESS_BLOCKED,
        exclude_case_id=second,
    )
    assert [c.case_id for c in found] == [first]
    assert other not in [c.case_id for c in found]

    duplicates.link_duplicate(world.svc, world.clerk, second, first)
    assert duplicates.linked_cases(world.svc, first) == [second]
    assert duplicates.linked_cases(world.svc, second) == [first]
    assert duplicates.first_of_group(world.svc, second) == first
    summary = queries.timeline(world.svc, second)[-1]
    assert summary.article == "FIRE art. 6" and "首次举报" in summary.summary
    with pytest.raises(ValidationError, match="已经关联"):
        duplicates.link_duplicate(world.svc, world.clerk, first, second)
