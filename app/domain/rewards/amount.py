"""The award of a case: 10 % of the fine, the per-case minimum, the joint split and the yearly cap.

FIRE art. 5, 6 and the RULES §4.3 Decisions. Every amount is integer fen; every step of the
computation is kept with its article so that the decision screen and the notice can show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.errors import ValidationError
from app.domain.money import format_yuan
from app.domain.rewards.rules import CapYear, RewardRules

_BASIS = 10_000  # basis points in one whole


def _fen(field: str, value: object) -> int:
    # bool is an int subclass and float is never money (RULES §4.3): both are refused here.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{field} must be integer fen, got {type(value).__name__}")
    if value < 0:
        raise ValidationError(field, "金额不能为负数。")
    return value


@dataclass(frozen=True)
class ReporterYear:
    """A reporter of the case and what that person was already awarded in the cap year."""

    person_id: int
    awarded_so_far_fen: int


@dataclass(frozen=True)
class ComputationStep:
    """One line of the computation as shown to the clerk, with the article behind it."""

    label: str
    amount_fen: int
    article: str


@dataclass(frozen=True)
class ShareComputation:
    """One reporter's part: the equal share, the room left under the cap, and what is awarded."""

    person_id: int
    position: int
    equal_share_fen: int
    awarded_so_far_fen: int
    remaining_cap_fen: int
    award_fen: int

    @property
    def capped(self) -> bool:
        return self.award_fen < self.equal_share_fen


@dataclass(frozen=True)
class AwardComputation:
    """The whole computation of one case's award."""

    fine_fen: int
    rate_fen: int  # 10 % of the fine, rounded half-up
    case_award_fen: int  # after the minimum, before the caps
    shares: tuple[ShareComputation, ...]
    steps: tuple[ComputationStep, ...]

    @property
    def total_fen(self) -> int:
        """What is actually awarded: the shares after each reporter's cap."""
        return sum(s.award_fen for s in self.shares)

    @property
    def capped_person_ids(self) -> tuple[int, ...]:
        return tuple(s.person_id for s in self.shares if s.capped)


def rate_of_fine(fine_fen: int, rules: RewardRules) -> int:
    """FIRE art. 5: the rate of the fine, rounded half-up to the fen (RULES §4.3 Decision)."""
    # Integer half-up: adding half the divisor before flooring rounds .5 fen up, never to even.
    return (fine_fen * rules.rate_basis_points.value + _BASIS // 2) // _BASIS


def cap_window(decided_on: date, rules: RewardRules) -> tuple[date, date]:
    """The first and last day whose award decisions count against the cap of ``decided_on``.

    FIRE art. 5 "一年内"; RULES §4.3 Decision: the calendar year of the decision, or the 365
    days ending on it. This is a look-back window, not a period that ends on a working day, so
    it is counted on plain dates (no roll-forward of RULES §2.1 applies).
    """
    if rules.cap_year is CapYear.CALENDAR_YEAR:
        return date(decided_on.year, 1, 1), date(decided_on.year, 12, 31)
    return date.fromordinal(decided_on.toordinal() - 364), decided_on


def compute_award(
    fine_fen: int, reporters: Sequence[ReporterYear], rules: RewardRules
) -> AwardComputation:
    """The award of one case, step by step (FIRE art. 5, 6; RULES §4.3 Decisions).

    ``reporters`` are in the order named on the report; the first-named gets any remainder fen.
    """
    fine_fen = _fen("fine_fen", fine_fen)
    if not reporters:
        raise ValidationError(
            "reporters", "匿名举报不发放奖励金，无法计算奖励金额。", article="FIRE art. 7"
        )
    ids = [r.person_id for r in reporters]
    if len(set(ids)) != len(ids):
        raise ValidationError(
            "reporters", "联名举报人中有重复的人员，请核对。", article="FIRE art. 6"
        )
    rate_article = rules.rate_basis_points.article
    minimum = rules.minimum_fen.value
    rate_fen = rate_of_fine(fine_fen, rules)
    whole, hundredths = divmod(rules.rate_basis_points.value, 100)
    percent = f"{whole}.{hundredths:02d}".rstrip("0").rstrip(".")  # no float, even in a label
    steps = [
        ComputationStep("罚款金额", fine_fen, rate_article),
        ComputationStep(f"按罚款的{percent}%计（四舍五入到分）", rate_fen, rate_article),
    ]
    # RULES §4.3 Decision: the minimum applies to the case, before any cap, and also to a
    # penalty without a fine.
    case_award = max(rate_fen, minimum)
    if case_award != rate_fen:
        steps.append(
            ComputationStep(
                f"不足每案最低{format_yuan(minimum)}，按最低金额计",
                case_award,
                rules.minimum_fen.article,
            )
        )
    steps.append(ComputationStep("本案奖励金额", case_award, rate_article))
    # FIRE art. 6: a joint report is one case; RULES §4.3 Decision: equal whole-fen shares,
    # the remainder fen to the first-named reporter.
    count = len(reporters)
    base, remainder = divmod(case_award, count)
    if count > 1:
        steps.append(
            ComputationStep(
                f"联名举报{count}人平均分配，每人{format_yuan(base)}"
                + (f"，余{remainder}分归第一署名人" if remainder else ""),
                base,
                "FIRE art. 6",
            )
        )
    cap = rules.yearly_cap_fen.value
    within = "本年度" if rules.cap_year is CapYear.CALENDAR_YEAR else "近365日内"
    shares = []
    for position, reporter in enumerate(reporters):
        so_far = _fen("awarded_so_far_fen", reporter.awarded_so_far_fen)
        equal = base + (remainder if position == 0 else 0)
        # FIRE art. 5: each person's awards within the year stop at the cap; a share that would
        # cross it is cut to what is left, possibly nothing.
        room = max(cap - so_far, 0)
        award = min(equal, room)
        shares.append(ShareComputation(reporter.person_id, position, equal, so_far, room, award))
        who = f"第{position + 1}署名人" if count > 1 else "举报人"
        if count > 1:
            steps.append(ComputationStep(f"{who}应分金额", equal, "FIRE art. 6"))
        steps.append(
            ComputationStep(f"{who}{within}已获奖励", so_far, rules.yearly_cap_fen.article)
        )
        steps.append(
            ComputationStep(
                f"{who}距年度上限{format_yuan(cap)}尚余", room, rules.yearly_cap_fen.article
            )
        )
        steps.append(
            ComputationStep(
                f"{who}核定奖励" + ("（已按年度上限核减）" if award < equal else ""),
                award,
                rules.yearly_cap_fen.article if award < equal else rate_article,
            )
        )
    total = sum(s.award_fen for s in shares)
    steps.append(ComputationStep("核定奖励合计", total, rate_article))
    return AwardComputation(fine_fen, rate_fen, case_award, tuple(shares), tuple(steps))
