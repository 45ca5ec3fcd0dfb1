"""Rule profiles: the time limits of a set of documents, read from data files (RULES §0, §2.2)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.deadlines import Period, PeriodUnit
from app.domain.errors import DomainError
from app.domain.rewards.rules import RewardRules, parse_reward_rules
from app.domain.vocabulary import Kind, Priority


@dataclass(frozen=True)
class CompletionRule:
    """The completion limit of a kind, its maximum with extensions, and whether it may be extended."""

    period: Period
    max_working_days: int | None
    extension_allowed: bool


@dataclass(frozen=True)
class RedoRule:
    """How often, and on what confirmation, a dissatisfied case goes back to its unit (重办).

    yangjiang-2022 (YJ12345 art. 20): one redo only. jieyang-2015 (JY12345 art. 16, 17): a redo
    when the unit caused the dissatisfaction; a further one only when the centre confirms the
    unit did not follow the redo instructions.
    """

    max_count: int
    article: str
    unit_fault_required: bool = False
    further_needs_instructions_not_followed: bool = False
    further_article: str | None = None

    def article_for(self, sequence: int) -> str:
        """The article that allows redo number ``sequence`` (1 = the first)."""
        return self.article if sequence <= 1 or not self.further_article else self.further_article


def parse_redo_rule(spec: Mapping[str, Any] | None) -> RedoRule | None:
    if spec is None:
        return None
    return RedoRule(
        max_count=int(spec["max_count"]),
        article=str(spec["article"]),
        unit_fault_required=bool(spec.get("unit_fault_required", False)),
        further_needs_instructions_not_followed=bool(
            spec.get("further_needs_instructions_not_followed", False)
        ),
        further_article=spec.get("further_article"),
    )


@dataclass(frozen=True)
class CallbackRule:
    """The call-back after completion (回访) and the unreachable rule (RULES §2.2).

    jieyang-2015: within 3 working days of completion (JY12345 art. 15); 3 consecutive days of
    failed calls count as answered (JY12345 art. 14). yangjiang-2022: after the result comes
    back, no day limit and no unreachable rule (YJ12345 art. 8).
    """

    article: str
    within: Period | None = None
    unreachable_days: int | None = None
    unreachable_article: str | None = None


def parse_callback_rule(spec: Mapping[str, Any] | None) -> CallbackRule | None:
    if spec is None:
        return None
    unreachable = spec.get("unreachable")
    return CallbackRule(
        article=str(spec["article"]),
        within=_period(spec.get("within"), "callback.within"),
        unreachable_days=None if unreachable is None else int(unreachable["consecutive_days"]),
        unreachable_article=None if unreachable is None else str(unreachable["article"]),
    )


@dataclass(frozen=True)
class RuleProfile:
    """One profile: every limit carries its document and article; the profile carries its validity."""

    key: str
    name: str
    valid_from: date
    valid_until: date | None
    sources: Mapping[str, str]
    dispatch: Mapping[Priority, Period | None]
    first_contact: Mapping[Priority, Period | None]
    on_site_urgent: Period | None
    completion: Mapping[Kind, CompletionRule]
    urgent_completion: CompletionRule
    return_window: Period
    extension_max_count: int | None
    extension_article: str
    materials_notice: Period
    materials_supply: Period
    notes: tuple[str, ...] = field(default=())
    # FIRE's reward rules (RULES §4); None where no reward measures are in force for the profile.
    rewards: RewardRules | None = None
    # RULES §3: the redo limits; None where the profile sets none (no redo can be granted).
    redo: RedoRule | None = None
    # RULES §2.2: the call-back after completion; None where the profile sets none.
    callback: CallbackRule | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def is_lapsed(self, on: date) -> bool:
        """RULES §0: a lapsed profile still works, knowingly, with a warning."""
        return self.valid_until is not None and on > self.valid_until

    def lapse_warning(self, on: date) -> str | None:
        """The profile lapsed, or the reward measures it carries are outside their validity
        (FIRE has its own dates, RULES sources table); None while everything is in force."""
        warnings = []
        if self.is_lapsed(on):
            warnings.append(
                f"规则配置「{self.name}」已于 {self.valid_until} 失效，仍在使用；"
                "请管理员确认是否继续沿用或更换规则配置。"
            )
        if self.rewards is not None and (reward := self.rewards.lapse_warning(on)):
            warnings.append(reward)
        return "".join(warnings) or None

    def completion_rule(self, kind: Kind, priority: Priority) -> CompletionRule:
        if priority is Priority.URGENT:
            return self.urgent_completion
        return self.completion[kind]


def _period(spec: Mapping[str, Any] | None, where: str) -> Period | None:
    if spec is None:
        return None
    for unit in PeriodUnit:
        if unit.value in spec:
            return Period(int(spec[unit.value]), unit, str(spec["article"]))
    raise DomainError(
        f"规则配置文件格式错误：{where} 缺少期限（working_days / natural_days / minutes）"
    )


def _required_period(spec: Mapping[str, Any] | None, where: str) -> Period:
    period = _period(spec, where)
    if period is None:
        raise DomainError(f"规则配置文件格式错误：缺少 {where}")
    return period


def _completion(spec: Mapping[str, Any], where: str) -> CompletionRule:
    return CompletionRule(
        period=_required_period(spec, where),
        max_working_days=spec.get("max_working_days"),
        extension_allowed=bool(spec.get("extension_allowed", True)),
    )


def parse_profile(data: Mapping[str, Any]) -> RuleProfile:
    """Build a profile from the mapping stored in its JSON file."""
    try:
        completion = data["completion"]
        return RuleProfile(
            key=data["key"],
            name=data["name"],
            valid_from=date.fromisoformat(data["valid_from"]),
            valid_until=date.fromisoformat(data["valid_until"])
            if data.get("valid_until")
            else None,
            sources=dict(data.get("sources", {})),
            dispatch={p: _period(data["dispatch"].get(p.value), f"dispatch.{p}") for p in Priority},
            first_contact={
                p: _period(data["first_contact"].get(p.value), f"first_contact.{p}")
                for p in Priority
            },
            on_site_urgent=_period(data.get("on_site", {}).get("urgent"), "on_site.urgent"),
            completion={k: _completion(completion[k.value], f"completion.{k}") for k in Kind},
            urgent_completion=_completion(completion["urgent"], "completion.urgent"),
            return_window=_required_period(data["return_window"], "return_window"),
            extension_max_count=data["extension"].get("max_count"),
            extension_article=data["extension"]["article"],
            materials_notice=_required_period(data["materials"]["notice"], "materials.notice"),
            materials_supply=_required_period(data["materials"]["supply"], "materials.supply"),
            notes=tuple(data.get("notes", ())),
            rewards=parse_reward_rules(data.get("rewards")),
            redo=parse_redo_rule(data.get("redo")),
            callback=parse_callback_rule(data.get("callback")),
            raw=data,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError(f"规则配置文件格式错误：{exc!r}") from exc


def load_profile(path: Path) -> RuleProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DomainError(f"无法读取规则配置文件 {path.name}：{exc}") from exc
    return parse_profile(data)


@dataclass(frozen=True)
class ProfileSchedule:
    """Which profile is in force from which date; the one in force on registration governs a case."""

    entries: tuple[tuple[date, str], ...]

    def key_for(self, on: date) -> str:
        in_force = [key for start, key in sorted(self.entries) if start <= on]
        if not in_force:
            raise DomainError(f"{on} 没有生效的规则配置，请管理员在设置中指定。")
        return in_force[-1]


class ProfileRegistry:
    """All profiles known to this installation, by key."""

    def __init__(self, profiles: Iterable[RuleProfile]) -> None:
        self._profiles = {p.key: p for p in profiles}

    @classmethod
    def from_directory(cls, directory: Path) -> ProfileRegistry:
        return cls(load_profile(p) for p in sorted(directory.glob("*.json")))

    def get(self, key: str) -> RuleProfile:
        try:
            return self._profiles[key]
        except KeyError:
            raise DomainError(f"找不到规则配置「{key}」，请检查 resources/profiles/。") from None

    def keys(self) -> list[str]:
        return sorted(self._profiles)
