"""Reward rules of a profile: the amounts, periods and readings of FIRE, each with its article."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.deadlines import Period, PeriodUnit
from app.domain.errors import DomainError


class CapYear(StrEnum):
    """What "one year" of the 30,000-yuan cap means (FIRE art. 5; RULES §4.3 Decision)."""

    CALENDAR_YEAR = "calendar_year"
    ROLLING_365_DAYS = "rolling_365_days"

    @property
    def label(self) -> str:
        return {"calendar_year": "自然年度", "rolling_365_days": "决定日前365日"}[self.value]


@dataclass(frozen=True)
class Setting:
    """One number of the rules (fen, basis points or a count) and the article that sets it."""

    value: int
    article: str


@dataclass(frozen=True)
class RewardRules:
    """FIRE's reward rules as one profile reads them; every value carries its article."""

    rate_basis_points: Setting  # 1000 = 10 % (FIRE art. 5)
    minimum_fen: Setting  # per case (FIRE art. 5)
    yearly_cap_fen: Setting  # per reporter (FIRE art. 5)
    cap_year: CapYear
    cap_year_article: str
    filing: Period  # brigade files with the centre after the penalty closes (FIRE art. 9)
    feedback: Period  # centre feeds back to the reporter after the filing (FIRE art. 9)
    collection: Period  # reporter collects after the notice (FIRE art. 10)
    cancellation: (
        Period  # unreachable reporter: counted from the case's closing date (FIRE art. 10)
    )
    objection_window: Period  # RULES §3 Decision
    objections_per_decision: Setting  # RULES §3 Decision
    # Relationships that count as 直系亲属 for the staff exclusion (FIRE art. 6): profile data so
    # that a centre whose brigade reads the word differently changes a file, not the program.
    direct_relatives: tuple[str, ...]
    direct_relatives_article: str
    # The measures' own validity (FIRE art. 15: 5 years from 2022-11-15, RULES §0), apart from
    # the profile's: the reward rules can lapse while the hotline rules are in force, or after.
    source: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    validity_article: str = ""

    def is_in_force(self, on: date) -> bool:
        """Whether ``on`` falls within the validity the profile gives the reward measures."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_until is None or on <= self.valid_until

    def lapse_warning(self, on: date) -> str | None:
        """Plain Chinese, when ``on`` is outside the measures' validity; None within it.

        As the profile's own warning (RULES §0): the rules still work, knowingly; the
        administrator is asked to check whether newer measures replace them.
        """
        if self.is_in_force(on):
            return None
        measures = self.source or "举报奖励办法"
        if self.valid_from is not None and on < self.valid_from:
            return (
                f"{measures}自{self.valid_from}起施行，{on}尚未施行；"
                "请管理员确认该日适用的举报奖励规定。"
            )
        return (
            f"{measures}有效期至{self.valid_until}，{on}已超出有效期，仍按该办法办理；"
            "请管理员确认是否有新规定。"
        )


def _setting(spec: Mapping[str, Any], where: str) -> Setting:
    value = spec["value"]
    # Money and rates are integers everywhere (RULES §4.3): a 10.0 in the file is an error.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DomainError(f"规则配置文件格式错误：rewards.{where} 须为非负整数")
    return Setting(value, str(spec["article"]))


def _period(spec: Mapping[str, Any], where: str) -> Period:
    for unit in (PeriodUnit.WORKING_DAYS, PeriodUnit.NATURAL_DAYS):
        if unit.value in spec:
            return Period(int(spec[unit.value]), unit, str(spec["article"]))
    raise DomainError(
        f"规则配置文件格式错误：rewards.{where} 缺少期限（working_days / natural_days）"
    )


def _date(data: Mapping[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DomainError(f"规则配置文件格式错误：rewards.{key} 须为 YYYY-MM-DD 格式的日期")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DomainError(
            f"规则配置文件格式错误：rewards.{key} 须为 YYYY-MM-DD 格式的日期"
        ) from None


def parse_reward_rules(data: Mapping[str, Any] | None) -> RewardRules | None:
    """The ``"rewards"`` section of a profile file; None when the profile has no reward rules."""
    if data is None:
        return None
    try:
        valid_from, valid_until = _date(data, "valid_from"), _date(data, "valid_until")
        if valid_from is not None and valid_until is not None and valid_until < valid_from:
            raise DomainError("规则配置文件格式错误：rewards.valid_until 早于 valid_from")
        cap_year = data["cap_year"]
        relatives = data["direct_relatives"]
        return RewardRules(
            rate_basis_points=_setting(data["rate_basis_points"], "rate_basis_points"),
            minimum_fen=_setting(data["minimum_fen"], "minimum_fen"),
            yearly_cap_fen=_setting(data["yearly_cap_fen"], "yearly_cap_fen"),
            cap_year=CapYear(cap_year["value"]),
            cap_year_article=str(cap_year["article"]),
            filing=_period(data["filing"], "filing"),
            feedback=_period(data["feedback"], "feedback"),
            collection=_period(data["collection"], "collection"),
            cancellation=_period(data["cancellation"], "cancellation"),
            objection_window=_period(data["objection_window"], "objection_window"),
            objections_per_decision=_setting(
                data["objections_per_decision"], "objections_per_decision"
            ),
            direct_relatives=tuple(str(r) for r in relatives["relationships"]),
            direct_relatives_article=str(relatives["article"]),
            source=str(data.get("source") or ""),
            valid_from=valid_from,
            valid_until=valid_until,
            validity_article=str(data.get("validity_article") or ""),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise DomainError(f"规则配置文件格式错误：rewards {exc!r}") from exc
