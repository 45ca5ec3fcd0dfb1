"""Rule profiles as data: both shipped profiles load, carry articles, and know when they lapse."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.domain.deadlines import PeriodUnit
from app.domain.errors import DomainError
from app.domain.profiles import ProfileRegistry, ProfileSchedule, load_profile
from app.domain.vocabulary import Kind, Priority
from resources import PROFILES_DIR

REGISTRY = ProfileRegistry.from_directory(PROFILES_DIR)


def test_rules_0_two_profiles_ship_each_limit_with_its_article() -> None:
    assert REGISTRY.keys() == ["jieyang-2015", "yangjiang-2022"]
    for key in ("jieyang-2015", "yangjiang-2022"):
        profile = REGISTRY.get(key)
        for kind in Kind:
            assert profile.completion[kind].period.article
        assert profile.return_window.article and profile.extension_article
        assert profile.materials_supply.article == "STD item 6"


def test_rules_2_2_yangjiang_limits_match_yj12345_art9() -> None:
    yj = REGISTRY.get("yangjiang-2022")
    assert yj.completion[Kind.COMPLAINT].period.amount == 10
    assert yj.completion[Kind.COMPLAINT].max_working_days == 15
    assert yj.completion[Kind.HELP_REQUEST].max_working_days == 10
    assert yj.dispatch[Priority.URGENT] is not None
    assert yj.dispatch[Priority.URGENT].unit is PeriodUnit.MINUTES
    assert not yj.urgent_completion.extension_allowed
    assert yj.extension_max_count == 2


def test_rules_0_yangjiang_lapsed_on_2025_12_09_with_a_warning() -> None:
    yj = REGISTRY.get("yangjiang-2022")
    assert yj.lapse_warning(date(2025, 12, 9)) is None
    warning = yj.lapse_warning(date(2025, 12, 10))
    assert warning is not None and "2025-12-09" in warning and "失效" in warning
    assert REGISTRY.get("jieyang-2015").lapse_warning(date(2030, 1, 1)) is None


def test_rules_0_profile_in_force_on_registration_date_governs() -> None:
    schedule = ProfileSchedule(
        ((date(2015, 3, 5), "jieyang-2015"), (date(2022, 12, 10), "yangjiang-2022"))
    )
    assert schedule.key_for(date(2020, 1, 1)) == "jieyang-2015"
    assert schedule.key_for(date(2022, 12, 10)) == "yangjiang-2022"
    with pytest.raises(DomainError, match="没有生效的规则配置"):
        schedule.key_for(date(2010, 1, 1))


def test_a_broken_profile_file_gets_a_clear_error(tmp_path: Path) -> None:
    data = json.loads((PROFILES_DIR / "yangjiang-2022.json").read_text(encoding="utf-8"))
    del data["completion"]["tip_off"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DomainError, match="规则配置文件格式错误"):
        load_profile(broken)
    (tmp_path / "nojson.json").write_text("{", encoding="utf-8")
    with pytest.raises(DomainError, match="无法读取"):
        load_profile(tmp_path / "nojson.json")
    with pytest.raises(DomainError, match="找不到规则配置"):
        REGISTRY.get("nowhere-2099")


def test_fire_validity_the_profile_warns_when_its_reward_measures_lapse() -> None:
    """FIRE runs to 2027-11-14, YJ12345 to 2025-12-09: each lapse is said, in plain Chinese."""
    yj = REGISTRY.get("yangjiang-2022")
    only_profile = yj.lapse_warning(date(2026, 11, 23))
    assert only_profile is not None and "火灾隐患举报奖励" not in only_profile
    both = yj.lapse_warning(date(2027, 11, 15))
    assert both is not None
    assert "2025-12-09" in both and "有效期至2027-11-14" in both
