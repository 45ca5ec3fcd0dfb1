"""Unit tests of the reward rules, amount, eligibility and exclusion register (RULES §4, FIRE)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.deadlines import PeriodUnit
from app.domain.errors import DomainError, ValidationError
from app.domain.profiles import ProfileRegistry
from app.domain.rewards import (
    DEFAULT_DIRECT_RELATIVES,
    SELF,
    CapYear,
    DeclaredRelative,
    EligibilityFacts,
    ExclusionCategory,
    ExclusionEntry,
    ReporterYear,
    cap_window,
    check_eligibility,
    compute_award,
    match_exclusions,
    parse_reward_rules,
)
from app.domain.vocabulary import HazardCategory
from resources import PROFILES_DIR

PROFILES = ProfileRegistry.from_directory(PROFILES_DIR)
_RULES = PROFILES.get("yangjiang-2022").rewards
assert _RULES is not None
RULES = _RULES
YUAN = 100


def one(person_id: int = 1, so_far: int = 0) -> list[ReporterYear]:
    return [ReporterYear(person_id, so_far)]


# ----- rules as profile data -------------------------------------------------------------------


def test_fire_art5_yangjiang_profile_carries_rate_minimum_and_cap_with_articles() -> None:
    assert RULES.rate_basis_points.value == 1000
    assert RULES.minimum_fen.value == 100 * YUAN
    assert RULES.yearly_cap_fen.value == 30_000 * YUAN
    for setting in (RULES.rate_basis_points, RULES.minimum_fen, RULES.yearly_cap_fen):
        assert setting.article == "FIRE art. 5"
        assert type(setting.value) is int


def test_fire_art9_art10_periods_are_profile_data_counted_as_the_law_says() -> None:
    assert (RULES.filing.amount, RULES.filing.unit, RULES.filing.article) == (
        15,
        PeriodUnit.WORKING_DAYS,
        "FIRE art. 9",
    )
    assert (RULES.feedback.amount, RULES.feedback.unit) == (15, PeriodUnit.WORKING_DAYS)
    assert (RULES.collection.amount, RULES.collection.unit) == (30, PeriodUnit.NATURAL_DAYS)
    assert RULES.collection.article == "FIRE art. 10"
    assert (RULES.cancellation.amount, RULES.cancellation.unit) == (30, PeriodUnit.NATURAL_DAYS)


def test_rules_3_decision_objection_window_and_count_are_profile_data() -> None:
    assert (RULES.objection_window.amount, RULES.objection_window.unit) == (
        30,
        PeriodUnit.NATURAL_DAYS,
    )
    assert RULES.objections_per_decision.value == 1


def test_rules_4_3_decision_cap_year_is_calendar_year_by_default() -> None:
    assert RULES.cap_year is CapYear.CALENDAR_YEAR


def test_fire_applies_to_yangjiang_only_jieyang_profile_has_no_reward_rules() -> None:
    assert PROFILES.get("jieyang-2015").rewards is None


def test_fire_art6_profile_direct_relatives_are_the_lineal_relatives_without_spouse() -> None:
    assert RULES.direct_relatives == DEFAULT_DIRECT_RELATIVES
    assert "配偶" not in RULES.direct_relatives
    assert {"父母", "子女", "祖父母", "外祖父母", "孙子女", "外孙子女"} <= set(
        RULES.direct_relatives
    )


def test_rules_4_3_decision_a_float_amount_in_the_profile_file_is_refused() -> None:
    raw = dict(PROFILES.get("yangjiang-2022").raw["rewards"])
    raw["minimum_fen"] = {"value": 10000.0, "article": "FIRE art. 5"}
    with pytest.raises(DomainError, match="非负整数"):
        parse_reward_rules(raw)


def test_rules_0_a_broken_rewards_section_is_a_clear_profile_error() -> None:
    with pytest.raises(DomainError, match="规则配置文件格式错误"):
        parse_reward_rules({"rate_basis_points": {"value": 1000, "article": "x"}})


# ----- validity of the measures (RULES §0: FIRE in force 2022-11-15, 5 years, FIRE art. 15) -----


def test_fire_validity_is_profile_data_with_its_source_and_article() -> None:
    assert (RULES.valid_from, RULES.valid_until) == (date(2022, 11, 15), date(2027, 11, 14))
    assert "阳消〔2022〕94号" in RULES.source and "火灾隐患举报奖励实施办法" in RULES.source
    assert RULES.validity_article == "FIRE art. 15"
    # Apart from the profile's own validity (YJ12345, lapsed 2025-12-09).
    assert PROFILES.get("yangjiang-2022").valid_until == date(2025, 12, 9)


def test_fire_validity_no_warning_from_the_first_to_the_last_day() -> None:
    for day in (date(2022, 11, 15), date(2025, 12, 10), date(2027, 11, 14)):
        assert RULES.is_in_force(day)
        assert RULES.lapse_warning(day) is None


def test_fire_validity_after_the_last_day_warns_in_plain_chinese() -> None:
    warning = RULES.lapse_warning(date(2027, 11, 15))
    assert warning is not None and not RULES.is_in_force(date(2027, 11, 15))
    assert "《阳江市火灾隐患举报奖励实施办法》" in warning
    assert "有效期至2027-11-14" in warning and "2027-11-15" in warning
    assert "请管理员确认是否有新规定" in warning
    assert "FIRE" not in warning and "art." not in warning


def test_fire_validity_before_the_first_day_warns_too() -> None:
    warning = RULES.lapse_warning(date(2022, 11, 14))
    assert warning is not None and "自2022-11-15起施行" in warning


def test_fire_validity_left_out_of_a_rewards_section_means_no_warning() -> None:
    raw = dict(PROFILES.get("yangjiang-2022").raw["rewards"])
    for key in ("valid_from", "valid_until", "source", "validity_article"):
        del raw[key]
    rules = parse_reward_rules(raw)
    assert rules is not None and (rules.valid_from, rules.valid_until) == (None, None)
    assert rules.lapse_warning(date(2040, 1, 1)) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_until": "2027-13-01"}, "YYYY-MM-DD"),
        ({"valid_from": 20221115}, "YYYY-MM-DD"),
        ({"valid_until": "2021-01-01"}, "早于"),
    ],
)
def test_fire_validity_a_bad_date_in_the_profile_file_is_a_clear_error(
    changes: dict[str, object], message: str
) -> None:
    raw = dict(PROFILES.get("yangjiang-2022").raw["rewards"]) | changes
    with pytest.raises(DomainError, match=message):
        parse_reward_rules(raw)


def test_fire_validity_jieyang_profile_without_rewards_still_loads() -> None:
    jieyang = PROFILES.get("jieyang-2015")
    assert jieyang.rewards is None and jieyang.lapse_warning(date(2030, 1, 1)) is None


# ----- amount -------------------------------------------------------------------------------


def test_fire_art5_award_is_ten_percent_of_the_fine() -> None:
    result = compute_award(50_000 * YUAN, one(), RULES)
    assert result.rate_fen == 5_000 * YUAN
    assert result.case_award_fen == result.total_fen == 5_000 * YUAN
    assert [s.award_fen for s in result.shares] == [5_000 * YUAN]


def test_rules_4_3_decision_ten_percent_rounds_half_up_to_the_fen() -> None:
    assert compute_award(1_000_005, one(), RULES).rate_fen == 100_001  # 100,000.5 fen → up
    assert compute_award(1_000_015, one(), RULES).rate_fen == 100_002  # 100,001.5 → up, not even
    assert compute_award(1_000_004, one(), RULES).rate_fen == 100_000


def test_fire_art5_minimum_award_is_100_yuan_per_case() -> None:
    result = compute_award(500 * YUAN, one(), RULES)  # 10 % = 50 yuan
    assert result.rate_fen == 50 * YUAN
    assert result.case_award_fen == result.total_fen == 100 * YUAN
    assert any("最低" in step.label for step in result.steps)


def test_rules_4_3_decision_penalty_without_fine_still_earns_the_minimum() -> None:
    assert compute_award(0, one(), RULES).total_fen == 100 * YUAN


def test_fire_art5_yearly_cap_cuts_the_award_to_the_remainder() -> None:
    result = compute_award(50_000 * YUAN, one(so_far=28_000 * YUAN), RULES)
    (share,) = result.shares
    assert share.remaining_cap_fen == 2_000 * YUAN
    assert share.award_fen == 2_000 * YUAN
    assert share.capped and result.capped_person_ids == (1,)


def test_fire_art5_reporter_at_the_cap_gets_nothing() -> None:
    result = compute_award(50_000 * YUAN, one(so_far=30_000 * YUAN), RULES)
    assert result.total_fen == 0
    assert result.shares[0].capped


def test_rules_4_3_decision_minimum_applies_to_the_case_before_the_cap() -> None:
    result = compute_award(0, one(so_far=29_950 * YUAN), RULES)
    assert result.case_award_fen == 100 * YUAN  # the minimum first …
    assert result.total_fen == 50 * YUAN  # … then the cap cuts it


def test_fire_art6_joint_report_is_one_case_split_equally_remainder_to_first_named() -> None:
    result = compute_award(
        1_000_010, [ReporterYear(7, 0), ReporterYear(3, 0), ReporterYear(5, 0)], RULES
    )
    assert result.case_award_fen == 100_001
    assert [s.award_fen for s in result.shares] == [33_335, 33_333, 33_333]
    assert [s.person_id for s in result.shares] == [7, 3, 5]
    assert result.total_fen == result.case_award_fen


def test_fire_art6_joint_report_each_share_counts_against_its_own_cap() -> None:
    result = compute_award(
        100_000 * YUAN, [ReporterYear(1, 29_000 * YUAN), ReporterYear(2, 0)], RULES
    )
    assert [s.award_fen for s in result.shares] == [1_000 * YUAN, 5_000 * YUAN]
    assert result.capped_person_ids == (1,)


def test_fire_art6_joint_report_minimum_is_for_the_case_not_each_reporter() -> None:
    result = compute_award(0, [ReporterYear(1, 0), ReporterYear(2, 0)], RULES)
    assert [s.award_fen for s in result.shares] == [50 * YUAN, 50 * YUAN]


def test_fire_art5_computation_steps_carry_articles_and_integer_fen() -> None:
    result = compute_award(12_345, [ReporterYear(1, 0), ReporterYear(2, 0)], RULES)
    assert result.steps[0].label == "罚款金额"
    for step in result.steps:
        assert step.article.startswith("FIRE art.")
        assert type(step.amount_fen) is int
    assert result.steps[-1].amount_fen == result.total_fen


@pytest.mark.parametrize("bad", [1000.0, True, "1000"])
def test_rules_4_3_decision_money_is_never_float(bad: object) -> None:
    with pytest.raises(TypeError):
        compute_award(bad, one(), RULES)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compute_award(1000, [ReporterYear(1, bad)], RULES)  # type: ignore[arg-type]


def test_fire_art7_no_reporter_means_no_amount() -> None:
    with pytest.raises(ValidationError) as info:
        compute_award(1000, [], RULES)
    assert info.value.article == "FIRE art. 7"


def test_fire_art6_the_same_person_twice_on_a_joint_report_is_refused() -> None:
    with pytest.raises(ValidationError):
        compute_award(1000, [ReporterYear(1, 0), ReporterYear(1, 0)], RULES)


def test_rules_4_3_decision_cap_year_calendar_or_rolling_365_days() -> None:
    assert cap_window(date(2025, 6, 30), RULES) == (date(2025, 1, 1), date(2025, 12, 31))
    rolling = replace(RULES, cap_year=CapYear.ROLLING_365_DAYS)
    assert cap_window(date(2025, 6, 30), rolling) == (date(2024, 7, 1), date(2025, 6, 30))
    assert cap_window(date(2024, 12, 31), rolling) == (date(2024, 1, 2), date(2024, 12, 31))


# ----- eligibility --------------------------------------------------------------------------


def facts(**overrides: object) -> EligibilityFacts:
    values: dict[str, object] = {
        "verified": True,
        "penalty_imposed": True,
        "anonymous": False,
        "reported_unit_name": "东风路好再来餐馆",
        "reported_unit_address": "江城区东风路8号",
        "content": "后门安全出口被杂物堵塞",
        "evidence": "照片3张",
        "clue_already_known": False,
        "already_under_investigation": False,
        "first_report": True,
        "hazard_category": HazardCategory.EVACUATION_BLOCKED,
    }
    values.update(overrides)
    return EligibilityFacts(**values)  # type: ignore[arg-type]


def articles(**overrides: object) -> list[str]:
    return [r.article for r in check_eligibility(facts(**overrides)).reasons]


def test_fire_art5_6_7_8_all_conditions_met_is_eligible() -> None:
    result = check_eligibility(facts())
    assert result.eligible and not result.reasons and not result.review_flag


def test_fire_art5_not_verified_is_not_eligible() -> None:
    assert articles(verified=False, penalty_imposed=False) == ["FIRE art. 5", "FIRE art. 5"]


def test_fire_art5_verified_without_penalty_is_not_eligible() -> None:
    assert articles(penalty_imposed=False) == ["FIRE art. 5"]


def test_fire_art7_anonymous_gets_outcome_by_query_code_but_no_money() -> None:
    result = check_eligibility(facts(anonymous=True))
    assert not result.eligible and result.outcome_fed_back_only
    (reason,) = result.reasons
    assert reason.article == "FIRE art. 7"
    assert "查询码" in reason.reason and "不发放奖励金" in reason.reason


def test_fire_art8_missing_unit_address_content_or_evidence_named_in_one_reason() -> None:
    result = check_eligibility(facts(reported_unit_address=" ", evidence=""))
    (reason,) = result.reasons
    assert reason.article == "FIRE art. 8"
    assert "被举报单位地址" in reason.reason and "有关证据" in reason.reason
    assert "被举报单位名称" not in reason.reason


def test_fire_art8_clue_already_known_is_not_eligible() -> None:
    assert articles(clue_already_known=True) == ["FIRE art. 8"]


def test_fire_art8_already_under_investigation_is_not_eligible() -> None:
    assert articles(already_under_investigation=True) == ["FIRE art. 8"]


def test_fire_art4_only_the_ten_hazard_categories_are_rewarded() -> None:
    assert articles(hazard_category=None) == ["FIRE art. 4"]
    assert articles(hazard_category=HazardCategory.CONTROL_ROOM_UNSTAFFED) == []


def test_fire_art6_only_the_first_reporter_of_a_hazard_is_eligible() -> None:
    result = check_eligibility(facts(first_report=False))
    (reason,) = result.reasons
    assert reason.article == "FIRE art. 6" and "首次举报" in reason.reason


def test_fire_art8_every_failed_condition_is_listed_not_just_the_first() -> None:
    result = check_eligibility(
        facts(
            verified=False,
            penalty_imposed=False,
            anonymous=True,
            evidence="",
            clue_already_known=True,
            already_under_investigation=True,
            first_report=False,
            hazard_category=None,
        )
    )
    assert len(result.reasons) == 8
    assert all(r.reason and r.article for r in result.reasons)


# ----- exclusion register --------------------------------------------------------------------

STAFF = ExclusionEntry("44170219800101001X", "李消防", ExclusionCategory.AGENCY_STAFF)
CLERK_ENTRY = ExclusionEntry("441702199001010022", "王文员", ExclusionCategory.FIRE_CLERK)
REGISTER = [STAFF, CLERK_ENTRY]
REPORTER_ID = "441702200001010033"


def test_fire_art6_exclusion_categories_cite_their_items() -> None:
    assert ExclusionCategory.AGENCY_STAFF.article == "FIRE art. 6(1)"
    assert ExclusionCategory.FULL_TIME_FIRE_WORKER.article == "FIRE art. 6(2)"
    assert ExclusionCategory.FIREFIGHTER.article == "FIRE art. 6(3)"
    assert ExclusionCategory.FIRE_CLERK.article == "FIRE art. 6(3)"
    assert all(c.label for c in ExclusionCategory)


def test_fire_art6_reporter_on_the_register_is_matched_as_self() -> None:
    (match,) = match_exclusions("44170219800101001x", [], REGISTER)  # lower-case x typed
    assert match.entry is STAFF and match.relationship == SELF
    assert match.article == "FIRE art. 6(1)"


def test_fire_art6_direct_relative_on_the_register_is_matched() -> None:
    declared = [
        DeclaredRelative("父母", "４４１７０２１９９００１０１００２２")
    ]  # full-width IME input
    (match,) = match_exclusions(REPORTER_ID, declared, REGISTER)
    assert match.entry is CLERK_ENTRY and match.relationship == "父母"
    assert "父母" in match.describe() and "消防文员" in match.describe()


def test_fire_art6_spouse_or_sibling_is_not_a_direct_relative() -> None:
    declared = [
        DeclaredRelative("配偶", STAFF.id_number),
        DeclaredRelative("兄弟姐妹", STAFF.id_number),
    ]
    assert match_exclusions(REPORTER_ID, declared, REGISTER) == []


def test_fire_art6_no_match_for_a_relative_not_on_the_register() -> None:
    assert (
        match_exclusions(REPORTER_ID, [DeclaredRelative("子女", "110101201001010010")], REGISTER)
        == []
    )


def test_fire_art13_exclusion_match_blocks_the_award_and_flags_review() -> None:
    matches = tuple(
        match_exclusions(REPORTER_ID, [DeclaredRelative("子女", STAFF.id_number)], REGISTER)
    )
    result = check_eligibility(facts(exclusion_matches=matches))
    assert not result.eligible and result.review_flag
    (reason,) = result.reasons
    assert reason.article == "FIRE art. 6(1)" and "直系亲属" in reason.reason
