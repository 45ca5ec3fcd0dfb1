"""Retention of case records (JY12345 art. 5; RULES §5): 2 calendar years, then deletable."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import PermissionDenied, TransitionError, ValidationError
from app.domain.retention import (
    ARTICLE,
    CaseRetention,
    DeletionState,
    add_years,
    check_pending,
    check_reason,
    check_second_admin,
    deletable_from,
    retained_until,
)
from app.domain.users import PERMISSIONS, Action, Role
from app.domain.vocabulary import CaseState, Kind

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), SHANGHAI).replace(
        hour=hour
    )


def case(state: CaseState = CaseState.CLOSED, **kwargs: object) -> CaseRetention:
    values: dict[str, object] = {
        "case_id": 1,
        "number": "TD01-20240310-0001",
        "kind": Kind.COMPLAINT,
        "state": state,
        "completed_at": at("2024-03-10"),
        "closed_at": at("2024-03-20"),
    }
    values.update(kwargs)
    return CaseRetention(**values)  # type: ignore[arg-type]


def test_jy12345_art_5_two_calendar_years_from_completion_start_day_not_counted() -> None:
    # 民法典 art. 201/202: kept through the same date two years later, deletable the day after.
    assert retained_until(date(2024, 3, 10)) == date(2026, 3, 10)
    assert deletable_from(date(2024, 3, 10)) == date(2026, 3, 11)
    # Not 730 days: 2024 is a leap year.
    assert (deletable_from(date(2024, 1, 10)) - date(2024, 1, 10)).days == 732


def test_jy12345_art_5_february_29_is_kept_to_february_28_and_deletable_from_march_1() -> None:
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert retained_until(date(2024, 2, 29)) == date(2026, 2, 28)
    assert deletable_from(date(2024, 2, 29)) == date(2026, 3, 1)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 12, 31)))
def test_jy12345_art_5_never_less_than_two_years(day: date) -> None:
    first = deletable_from(day)
    assert first > add_years(day, 2) or (day.month, day.day) == (2, 29)
    assert 731 <= (first - day).days <= 732


def test_jy12345_art_5_the_clock_starts_at_completion_not_at_archiving() -> None:
    c = case()
    assert c.retention_start == date(2024, 3, 10)
    assert c.refusal(date(2026, 3, 10)) is not None
    assert c.refusal(date(2026, 3, 11)) is None
    message = c.refusal(date(2025, 1, 1))
    assert message is not None and "2026-03-11起方可申请删除" in message
    assert "2024-03-10办结" in message and "2026-03-10" in message


def test_jy12345_art_5_a_case_ended_without_completion_counts_from_its_end() -> None:
    refused = case(CaseState.NOT_ACCEPTED, completed_at=None, closed_at=at("2024-02-29"))
    assert refused.deletable_from == date(2026, 3, 1)
    assert refused.refusal(date(2026, 2, 28)) is not None
    assert refused.refusal(date(2026, 3, 1)) is None


def test_jy12345_art_5_an_open_case_is_never_deletable() -> None:
    for state in (CaseState.DISPATCHED, CaseState.IN_PROGRESS, CaseState.REGISTERED):
        c = case(state, completed_at=None, closed_at=None)
        message = c.refusal(date(2090, 1, 1))
        assert message is not None and "尚未办结" in message
    waiting = case(CaseState.EVALUATED, pending_decisions=1)
    assert "待审核" in (waiting.refusal(date(2090, 1, 1)) or "")


def test_jy12345_art_5_fire_a_reward_claim_must_be_over_and_its_last_step_counts() -> None:
    open_claim = case(kind=Kind.TIP_OFF, claim_ended=False)
    assert "奖励尚未办结" in (open_claim.refusal(date(2090, 1, 1)) or "")
    paid_later = case(kind=Kind.TIP_OFF, claim_last_at=at("2024-11-05"))
    assert paid_later.retention_start == date(2024, 11, 5)
    assert paid_later.refusal(date(2026, 11, 5)) is not None
    assert paid_later.refusal(date(2026, 11, 6)) is None


def test_yj12345_art_6_a_case_named_as_the_earlier_case_goes_only_with_the_later_one() -> None:
    earlier = case(referenced_by=("TD01-20240401-0002",))
    message = earlier.refusal(date(2027, 1, 1))
    assert message is not None and "TD01-20240401-0002" in message
    assert earlier.refusal(date(2027, 1, 1), ("TD01-20240401-0002",)) is None


def test_jy12345_art_5_deletion_is_explicit_and_needs_two_administrators() -> None:
    with pytest.raises(ValidationError, match="请填写删除原因") as caught:
        check_reason("  ")
    assert caught.value.article == ARTICLE
    with pytest.raises(PermissionDenied, match="另一位管理员"):
        check_second_admin(1, 1)
    check_second_admin(1, 2)
    with pytest.raises(TransitionError):
        check_pending(DeletionState.APPROVED)
    for role in Role:
        allowed = role is Role.ADMIN
        assert (Action.REQUEST_DELETION in PERMISSIONS[role]) is allowed
        assert (Action.APPROVE_DELETION in PERMISSIONS[role]) is allowed
