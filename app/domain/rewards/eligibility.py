"""Whether a tip-off earns a reward: every condition of FIRE art. 4–8 checked, every failure listed.

The facts are what the clerk records (from the case, the brigade's answer and the duplicate
group); the result names each unmet condition with its article, because a reporter judged not
eligible must be told why (FIRE art. 8).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.rewards.exclusions import ExclusionMatch
from app.domain.vocabulary import HazardCategory


@dataclass(frozen=True)
class EligibilityFacts:
    """What is known about one tip-off when its reward is decided."""

    verified: bool  # 查证属实 (FIRE art. 5)
    penalty_imposed: bool  # 依法实施消防行政处罚 (FIRE art. 5)
    anonymous: bool  # FIRE art. 7
    reported_unit_name: str  # FIRE art. 8
    reported_unit_address: str  # FIRE art. 8
    content: str  # FIRE art. 8
    evidence: str  # FIRE art. 8
    clue_already_known: bool  # 事先已被消防救援机构掌握 (FIRE art. 8)
    already_under_investigation: bool  # 已被立案查处、尚未结案 (FIRE art. 8)
    first_report: bool  # earliest report of the same hazard (FIRE art. 6)
    hazard_category: HazardCategory | None  # one of the ten of FIRE art. 4, or none of them
    exclusion_matches: tuple[ExclusionMatch, ...] = ()  # FIRE art. 6, 13
    # Real-name reporters who gave no ID number: told the outcome, but not paid (FIRE art. 8).
    reporters_without_id: int = 0


@dataclass(frozen=True)
class Ineligibility:
    """One unmet condition, worded for the 不予奖励告知书."""

    reason: str
    article: str


@dataclass(frozen=True)
class Eligibility:
    """The answer: eligible, or every reason why not; and whether the case goes to review."""

    facts: EligibilityFacts
    reasons: tuple[Ineligibility, ...] = field(default=())
    # FIRE art. 13: staff leaking hazards for others to report is misconduct; a register match
    # is therefore not only a refusal but a flag for a supervisor to look into.
    review_flag: bool = False

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def outcome_fed_back_only(self) -> bool:
        """FIRE art. 7: an anonymous reporter is told the outcome by query code, and paid nothing."""
        return self.facts.anonymous


def _present(text: str) -> bool:
    return bool(text.strip())


def check_eligibility(facts: EligibilityFacts) -> Eligibility:
    """Check every condition of FIRE art. 4–8 and list each one that fails."""
    reasons: list[Ineligibility] = []
    if facts.hazard_category is None:
        reasons.append(Ineligibility("举报事项不属于本办法所列十类火灾隐患。", "FIRE art. 4"))
    if not facts.verified:
        reasons.append(Ineligibility("举报事项经核查不属实。", "FIRE art. 5"))
    if not facts.penalty_imposed:
        reasons.append(Ineligibility("被举报单位未被依法实施消防行政处罚。", "FIRE art. 5"))
    if facts.anonymous:
        reasons.append(
            Ineligibility(
                "匿名举报不发放奖励金，只反馈查处结果，举报人可凭查询码查询处理结果。",
                "FIRE art. 7",
            )
        )
    missing = [
        label
        for label, text in (
            ("被举报单位名称", facts.reported_unit_name),
            ("被举报单位地址", facts.reported_unit_address),
            ("具体举报内容", facts.content),
            ("有关证据", facts.evidence),
        )
        if not _present(text)
    ]
    if missing:
        reasons.append(Ineligibility(f"举报未提供{'、'.join(missing)}。", "FIRE art. 8"))
    if facts.reporters_without_id and not facts.anonymous:
        reasons.append(
            Ineligibility(
                "实名举报人未提供有效身份证件号码，奖励须凭本人有效身份证件领取。", "FIRE art. 8"
            )
        )
    if facts.clue_already_known:
        reasons.append(Ineligibility("举报线索事先已被消防救援机构掌握。", "FIRE art. 8"))
    if facts.already_under_investigation:
        reasons.append(Ineligibility("举报事项此前已被立案查处、尚未结案。", "FIRE art. 8"))
    if not facts.first_report:
        reasons.append(
            Ineligibility(
                "同一火灾隐患此前已有他人举报，奖励首次举报人（以首次举报时间为准）。",
                "FIRE art. 6",
            )
        )
    for match in facts.exclusion_matches:
        reasons.append(
            Ineligibility(
                f"{match.describe()}，属负有消防监督检查职责的人员及其直系亲属，不予奖励。",
                match.article,
            )
        )
    return Eligibility(facts, tuple(reasons), review_flag=bool(facts.exclusion_matches))
