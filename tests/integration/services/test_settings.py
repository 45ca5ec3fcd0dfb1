"""Settings and the status line: centre code, the profile in force and its lapse, calendar warnings."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, PermissionDenied, ValidationError
from app.domain.vocabulary import Kind
from app.services import settings
from app.services.registration import RegistrationForm, register
from tests.conftest import World


def test_rules_0_status_warns_of_a_lapsed_profile_and_a_provisional_year(world: World) -> None:
    world.clock.set("2025-11-20")
    before = settings.status(world.svc)
    assert before.profile_key == "yangjiang-2022" and before.profile_warning is None
    world.clock.set("2026-11-23")
    info = settings.status(world.svc)
    assert info.profile_warning is not None and "2025-12-09" in info.profile_warning
    assert any("2027" in w for w in info.calendar_warnings)
    assert "password" not in info.database


def test_centre_code_shapes_new_case_numbers(world: World) -> None:
    with pytest.raises(PermissionDenied):
        settings.set_setting(world.svc, world.clerk, "centre_code", "JCZ01")
    with pytest.raises(ValidationError, match="中心代码"):
        settings.set_setting(world.svc, world.admin, "centre_code", "江城")
    settings.set_setting(world.svc, world.admin, "centre_code", "jcz01")
    number = register(
        world.svc, world.clerk, RegistrationForm(kind=Kind.CONSULTATION, content="咨询")
    ).number
    assert number == "JCZ01-20250926-0001"


def test_rules_0_profile_schedule_picks_the_profile_for_new_cases(world: World) -> None:
    with pytest.raises(DomainError, match="找不到规则配置"):
        settings.set_setting(
            world.svc, world.admin, "profile_schedule", [["2025-01-01", "nowhere"]]
        )
    settings.set_setting(
        world.svc,
        world.admin,
        "profile_schedule",
        [["2001-01-01", "yangjiang-2022"], ["2025-09-01", "jieyang-2015"]],
    )
    case_id = register(
        world.svc, world.clerk, RegistrationForm(kind=Kind.CONSULTATION, content="咨询")
    ).case_id
    with world.svc.uow(write=False) as uow:
        assert uow.get_case(case_id).profile_key == "jieyang-2015"


def test_rules_1_yj12345_art9_urgent_list_is_data_the_admin_edits(world: World) -> None:
    assert any("燃气" in item for item in settings.get_setting(world.svc, "urgent_list"))
    with pytest.raises(ValidationError, match="不能为空"):
        settings.set_setting(world.svc, world.admin, "urgent_list", ["  "])
    settings.set_setting(world.svc, world.admin, "urgent_list", [" 台风期间的险情 ", ""])
    assert settings.get_setting(world.svc, "urgent_list") == ["台风期间的险情"]
