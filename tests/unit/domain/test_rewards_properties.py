"""Property tests of the award amount (FIRE art. 5, 6; RULES §4.3): caps, minimum, exact shares, no float."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.profiles import ProfileRegistry
from app.domain.rewards import AwardComputation, ReporterYear, compute_award
from resources import PROFILES_DIR

_RULES = ProfileRegistry.from_directory(PROFILES_DIR).get("yangjiang-2022").rewards
assert _RULES is not None
RULES = _RULES
CAP = RULES.yearly_cap_fen.value
MINIMUM = RULES.minimum_fen.value

fines = st.integers(min_value=0, max_value=10**10)  # up to 1 亿 yuan
so_far = st.integers(min_value=0, max_value=CAP)
reporters = st.lists(so_far, min_size=1, max_size=6).map(
    lambda totals: [ReporterYear(i + 1, total) for i, total in enumerate(totals)]
)


def assert_all_int(result: AwardComputation) -> None:
    values = [result.fine_fen, result.rate_fen, result.case_award_fen, result.total_fen]
    for share in result.shares:
        values += [
            share.equal_share_fen,
            share.awarded_so_far_fen,
            share.remaining_cap_fen,
            share.award_fen,
        ]
    values += [step.amount_fen for step in result.steps]
    assert all(type(v) is int for v in values)


@given(st.lists(fines, min_size=1, max_size=40))
def test_fire_art5_one_reporters_awards_within_a_year_never_exceed_the_cap(
    fines_in_year: list[int],
) -> None:
    total = 0
    for fine in fines_in_year:
        result = compute_award(fine, [ReporterYear(1, total)], RULES)
        assert_all_int(result)
        total += result.total_fen
        assert total <= CAP
    assert type(total) is int


@given(fines, reporters)
def test_fire_art5_case_award_before_caps_is_at_least_the_minimum(
    fine: int, people: list[ReporterYear]
) -> None:
    result = compute_award(fine, people, RULES)
    assert result.case_award_fen >= MINIMUM
    assert result.case_award_fen >= result.rate_fen


@given(fines, reporters)
def test_fire_art5_art6_every_uncapped_share_is_at_least_its_equal_part_of_the_minimum(
    fine: int, people: list[ReporterYear]
) -> None:
    result = compute_award(fine, people, RULES)
    for share in result.shares:
        if not share.capped:
            assert share.award_fen >= MINIMUM // len(people)


@given(fines, reporters)
def test_fire_art6_shares_always_add_up_exactly_to_the_capped_total(
    fine: int, people: list[ReporterYear]
) -> None:
    result = compute_award(fine, people, RULES)
    assert_all_int(result)
    assert sum(s.equal_share_fen for s in result.shares) == result.case_award_fen
    assert sum(s.award_fen for s in result.shares) == result.total_fen
    assert result.steps[-1].amount_fen == result.total_fen
    for share in result.shares:
        assert 0 <= share.award_fen <= share.equal_share_fen
        assert share.awarded_so_far_fen + share.award_fen <= CAP
    # RULES §4.3 Decision: equal whole fen; only the first-named gets the remainder.
    equal = [s.equal_share_fen for s in result.shares]
    assert len(set(equal[1:])) <= 1
    assert 0 <= equal[0] - equal[-1] < len(people)


@given(fines)
def test_rules_4_3_decision_rate_is_exact_integer_half_up(fine: int) -> None:
    rate = compute_award(fine, [ReporterYear(1, 0)], RULES).rate_fen
    # 10 % half-up without float: rate is within half a fen of a tenth of the fine, and an
    # exact half (fine ending in 5) goes up.
    assert -5 <= fine - 10 * rate < 5
