"""Call-back rules (RULES §2.2): the call-by date, the unreachable rule, and what the profiles say."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from app.calendar import WorkCalendar
from app.domain.callbacks import (
    DEEMED_LABEL,
    Attempt,
    CallbackOutcome,
    article_of,
    call_by,
    check_attempt,
    deemed_answered,
    deemed_summary,
    unreachable_run,
)
from app.domain.errors import ValidationError
from app.domain.profiles import ProfileRegistry
from app.domain.vocabulary import ContactMethod
from app.persistence.types import SHANGHAI
from resources import PROFILES_DIR

PROFILES = ProfileRegistry.from_directory(PROFILES_DIR)
JIEYANG = PROFILES.get("jieyang-2015").callback
YANGJIANG = PROFILES.get("yangjiang-2022").callback
CALENDAR = WorkCalendar()

FAILED = CallbackOutcome.UNREACHABLE
REACHED = CallbackOutcome.REACHED


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour), SHANGHAI)


def call(day: str, outcome: CallbackOutcome = FAILED, *, hour: int = 10, method=None) -> Attempt:
    return Attempt(at(day, hour), method or ContactMethod.PHONE, outcome)


def test_profiles_carry_the_callback_rules_with_their_articles() -> None:
    assert JIEYANG is not None and YANGJIANG is not None
    assert JIEYANG.within is not None
    assert (JIEYANG.within.amount, JIEYANG.within.article) == (3, "JY12345 art. 15")
    assert (JIEYANG.unreachable_days, JIEYANG.unreachable_article) == (3, "JY12345 art. 14")
    assert YANGJIANG.within is None and YANGJIANG.unreachable_days is None
    assert YANGJIANG.article == "YJ12345 art. 8"


def test_jy12345_art_15_callback_due_within_3_working_days_of_completion() -> None:
    assert JIEYANG is not None
    # Completed Fri 2025-09-26: Sun 09-28 is a swapped working day, so Mon, Tue → Tue 09-30.
    due = call_by(JIEYANG, at("2025-09-26", 16), CALENDAR)
    assert due is not None and due.day == date(2025, 9, 30)
    # Completed Tue 09-30: 10-01…10-08 off, then Thu 10-09, Fri 10-10, Sat 10-11 (worked).
    due = call_by(JIEYANG, at("2025-09-30", 9), CALENDAR)
    assert due is not None and due.day == date(2025, 10, 11)


def test_jy12345_art_15_completion_late_in_the_evening_counts_on_beijing_time() -> None:
    # 2025-09-26 23:30 in Beijing is 15:30 UTC: still the 26th for the count.
    utc_moment = at("2025-09-26", 23).astimezone(UTC)
    due = call_by(JIEYANG, utc_moment, CALENDAR)
    assert due is not None and due.day == date(2025, 9, 30)


def test_yj12345_art_8_callback_after_the_result_has_no_day_limit() -> None:
    assert call_by(YANGJIANG, at("2025-09-26"), CALENDAR) is None
    assert (
        deemed_answered(YANGJIANG, [call(d) for d in ("2025-10-01", "2025-10-02", "2025-10-03")])
        is None
    )
    assert article_of(YANGJIANG) == "YJ12345 art. 8"


def test_jy12345_art_14_three_consecutive_days_unreachable_counts_as_answered() -> None:
    attempts = [call("2025-10-01"), call("2025-10-02", hour=15), call("2025-10-03")]
    days = deemed_answered(JIEYANG, attempts)
    assert days == [date(2025, 10, 1), date(2025, 10, 2), date(2025, 10, 3)]
    assert JIEYANG is not None
    summary = deemed_summary(days, JIEYANG)
    assert summary.startswith(DEEMED_LABEL) and "JY12345 art. 14" in summary


def test_jy12345_art_14_days_are_calendar_days_so_a_weekend_does_not_break_the_run() -> None:
    # Fri, Sat, Sun: "连续3天" is natural days (the same text says 工作日 where it means them).
    attempts = [call("2025-10-17"), call("2025-10-18"), call("2025-10-19")]
    assert deemed_answered(JIEYANG, attempts) is not None


def test_jy12345_art_14_two_days_do_not_count_as_answered() -> None:
    attempts = [call("2025-10-01"), call("2025-10-01", hour=16), call("2025-10-02")]
    assert deemed_answered(JIEYANG, attempts) is None
    assert len(unreachable_run(attempts)) == 2


def test_jy12345_art_14_non_consecutive_days_do_not_count_as_answered() -> None:
    attempts = [call("2025-10-01"), call("2025-10-02"), call("2025-10-04"), call("2025-10-05")]
    assert deemed_answered(JIEYANG, attempts) is None
    assert unreachable_run(attempts) == [date(2025, 10, 4), date(2025, 10, 5)]


def test_jy12345_art_14_a_day_the_submitter_was_reached_breaks_the_run() -> None:
    attempts = [
        call("2025-10-01"),
        call("2025-10-02"),
        call("2025-10-02", REACHED, hour=17),
        call("2025-10-03"),
    ]
    assert deemed_answered(JIEYANG, attempts) is None
    assert unreachable_run(attempts) == [date(2025, 10, 3)]


def test_jy12345_art_14_only_phone_calls_count() -> None:
    sms = ContactMethod.SMS
    attempts = [call("2025-10-01"), call("2025-10-02", method=sms), call("2025-10-03")]
    assert deemed_answered(JIEYANG, attempts) is None


def test_jy12345_art_14_attempts_logged_out_of_order_still_count() -> None:
    attempts = [call("2025-10-03"), call("2025-10-01"), call("2025-10-02")]
    assert deemed_answered(JIEYANG, attempts) == [
        date(2025, 10, 1),
        date(2025, 10, 2),
        date(2025, 10, 3),
    ]


def test_an_attempt_is_after_completion_and_not_in_the_future() -> None:
    kwargs = {"completed_at": at("2025-10-01"), "article": "JY12345 art. 15"}
    with pytest.raises(ValidationError, match="不能晚于现在"):
        check_attempt(at=at("2025-10-03"), now=at("2025-10-02"), note="", **kwargs)
    with pytest.raises(ValidationError, match="不能早于办结时间"):
        check_attempt(at=at("2025-09-30"), now=at("2025-10-02"), note="", **kwargs)
    assert (
        check_attempt(at=at("2025-10-02"), now=at("2025-10-02"), note=" 关机 ", **kwargs) == "关机"
    )
