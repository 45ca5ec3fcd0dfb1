"""Call-backs after completion (回访): when a completed case must be called, and when an
unreachable submitter counts as answered.

What the seeds say (seeds/004 for JY12345, seeds/000 for YJ12345):

- JY12345 art. 15: "热线平台收到办结的业务单后，应在3个工作日内通过电话或网络等方式进行回访……
  每次回访均作记录" — the centre calls back within 3 working days of completion, and every call
  is recorded. (RULES §2.2 lists the jieyang column as "art. 13, 20, 21"; the call-back rule is
  art. 15 and the unreachable rule art. 14; those are the articles cited here.)
- JY12345 art. 14 (2): "承办单位工作人员连续3天拨打诉求人联系电话（手机）均未果的，视为已答复。
  工作人员将联系的时间逐一记录保存" — three consecutive days of failed calls count as answered,
  each call's time recorded. The article speaks of the unit's answer; TownDesk applies the same
  rule to the centre's call-back, as RULES §2.2 ("unreachable submitter") asks.
  **Reading of "3天":** calendar days. The same text counts every other period in 工作日
  ("3个工作日内", "1个工作日内"), so a bare "天" is a natural day; a weekend between the calls
  does not break the run, and a day without a failed call does.
  Only calls (method ``PHONE``) count, as the article says "拨打…电话"; an unanswered SMS or a
  visit is recorded but does not make up the three days. A day on which the submitter was
  reached breaks the run.
- YJ12345 art. 8: "收到承办单位的办理结果后应当按规范对诉求人进行回访并收集满意度" — a call-back
  after the result comes back, with no day limit and no unreachable rule.

Only pure values here: the service stores the attempts and appends the events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.calendar import DueDate, WorkCalendar
from app.domain.errors import ValidationError
from app.domain.profiles import CallbackRule
from app.domain.vocabulary import ContactMethod

_LOCAL_ZONE = ZoneInfo("Asia/Shanghai")
NOTE_MAX = 500
# How the history names a call-back closed by the unreachable rule (RULES §2.2).
DEEMED_LABEL = "视为已回访"
# When a profile sets no call-back rule: RULES §3 still asks for the follow-up.
FALLBACK_ARTICLE = "RULES §3"


class CallbackOutcome(StrEnum):
    """What one call-back attempt came to."""

    REACHED = "reached"
    UNREACHABLE = "unreachable"

    @property
    def label(self) -> str:
        return "已接通" if self is CallbackOutcome.REACHED else "未接通"


@dataclass(frozen=True)
class Attempt:
    """One recorded attempt, as the rule needs it."""

    at: datetime
    method: ContactMethod
    outcome: CallbackOutcome

    @property
    def day(self) -> date:
        """The calendar day of the attempt on Beijing time, whatever zone it was stored in."""
        return self.at.astimezone(_LOCAL_ZONE).date()

    @property
    def counts_as_failed_call(self) -> bool:
        """JY12345 art. 14: a call (拨打…电话) that did not get through."""
        return self.method is ContactMethod.PHONE and self.outcome is CallbackOutcome.UNREACHABLE


def article_of(rule: CallbackRule | None) -> str:
    return rule.article if rule is not None else FALLBACK_ARTICLE


def call_by(
    rule: CallbackRule | None, completed_at: datetime, calendar: WorkCalendar
) -> DueDate | None:
    """The last day to call back: N working days after the day of completion (JY12345 art. 15;
    the day of completion is not counted, RULES §2.1); None where the profile sets no limit
    (YJ12345 art. 8: after the result comes back)."""
    if rule is None or rule.within is None:
        return None
    completed_on = completed_at.astimezone(_LOCAL_ZONE).date()
    return calendar.add_working_days(completed_on, rule.within.amount)


def unreachable_run(attempts: Iterable[Attempt]) -> list[date]:
    """The latest run of consecutive calendar days with a failed call and no reached attempt.

    Days are calendar days (see the module's reading of JY12345 art. 14). A day with a reached
    attempt, or a day without any failed call, ends a run. Empty when the last such day is
    followed by a day that breaks it.
    """
    failed_days: set[date] = set()
    reached_days: set[date] = set()
    for attempt in attempts:
        if attempt.outcome is CallbackOutcome.REACHED:
            reached_days.add(attempt.day)
        elif attempt.counts_as_failed_call:
            failed_days.add(attempt.day)
    qualifying = sorted(failed_days - reached_days)
    if not qualifying:
        return []
    if reached_days and max(reached_days) > qualifying[-1]:
        return []  # reached after the last failed day: no run is open
    run = [qualifying[-1]]
    for day in reversed(qualifying[:-1]):
        if day != run[0] - timedelta(days=1):
            break
        run.insert(0, day)
    return run


def deemed_answered(rule: CallbackRule | None, attempts: Sequence[Attempt]) -> list[date] | None:
    """The consecutive days that make the submitter count as answered (JY12345 art. 14), or None.

    Any run of ``rule.unreachable_days`` consecutive days of failed calls counts, not only the
    latest: once the rule was met, a later attempt cannot undo it.
    """
    if rule is None or rule.unreachable_days is None:
        return None
    needed = rule.unreachable_days
    ordered = sorted(attempts, key=lambda a: a.at)
    for end in range(len(ordered)):
        run = unreachable_run(ordered[: end + 1])
        if len(run) >= needed:
            return run[-needed:]
    return None


def check_attempt(
    *, at: datetime, now: datetime, completed_at: datetime, note: str, article: str
) -> str:
    """An attempt happens after completion and not in the future; returns the cleaned note."""
    if at > now:
        raise ValidationError("at", "回访时间不能晚于现在。", article=article)
    if at < completed_at:
        raise ValidationError("at", "回访时间不能早于办结时间。", article=article)
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError("note", f"回访情况请控制在{NOTE_MAX}字以内。")
    return note


def attempt_summary(method: ContactMethod, outcome: CallbackOutcome, note: str) -> str:
    """The event line of one attempt: 回访（电话）：未接通；关机."""
    text = f"回访（{method.label}）：{outcome.label}"
    return f"{text}；{note}" if note else text


def deemed_summary(days: Sequence[date], rule: CallbackRule) -> str:
    """The event line when the unreachable rule closes the call-back."""
    return (
        f"{DEEMED_LABEL}：{days[0].isoformat()}至{days[-1].isoformat()}连续{len(days)}日"
        f"拨打诉求人电话均未果，视为已答复（{rule.unreachable_article}）"
    )


def rule_text(rule: CallbackRule | None) -> str:
    """One line for the screen: the limit and the unreachable rule, each with its article."""
    if rule is None:
        return f"办结后回访诉求人并收集满意度（{FALLBACK_ARTICLE}）。"
    parts = []
    if rule.within is not None:
        parts.append(f"办结后{rule.within.amount}个工作日内回访（{rule.within.article}）")
    else:
        parts.append(f"收到办理结果后回访，未规定期限（{rule.article}）")
    if rule.unreachable_days is not None:
        parts.append(
            f"连续{rule.unreachable_days}日拨打电话均未果的，视为已答复（{rule.unreachable_article}）"
        )
    return "；".join(parts) + "。"
