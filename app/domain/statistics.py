"""Upstream statistics (RULES §6; YJ12345 art. 21–23; JY12345 art. 25–27): the counts and rates of a period.

The services load the facts of each case (``CaseFacts``) with a few set-based queries; this
module decides, for one reporting period, what each case adds to each count and rate, and sums
them by handling unit, kind, channel and hazard category. RULES §6 defines the four rates but
leaves open which period an item counts in and when it is judged; TownDesk's answers are the
``Definition`` constants below. They are the one text of those decisions: the functions cite them
(their docstrings end with the text, see ``_decided``) and the workbook prints them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from fractions import Fraction
from typing import TypeVar

from app.domain.reporting import LOCAL_ZONE, ReportPeriod, Span, day_end, end_of_month
from app.domain.vocabulary import Channel, HazardCategory, Kind, RefusalGround, Satisfaction

RATES_ARTICLE = "RULES §6; YJ12345 art. 21–23; JY12345 art. 25–27"


@dataclass(frozen=True)
class Definition:
    """One line of the definitions sheet: the measure, how TownDesk counts it, and the authority.

    ``rules_text`` is RULES §6's own wording, for the four rates it defines.
    """

    name: str
    text: str
    article: str
    rules_text: str = ""


# ----- the four rates, as RULES §6 defines them ------------------------------------------------

RESPONSE_RATE = Definition(
    "响应率",
    "首次联系在时限内的件数 ÷ 本期转办件数",
    RATES_ARTICLE,
    "items whose first contact happened within its limit ÷ items dispatched in the period",
)
COMPLETION_RATE = Definition(
    "办结率",
    "已办结件数 ÷ 本期应办结件数",
    RATES_ARTICLE,
    "items completed ÷ items due in the period",
)
ON_TIME_RATE = Definition(
    "按期办结率",
    "在办结期限内办结的件数 ÷ 办结件数",
    RATES_ARTICLE,
    "items completed on or before their deadline ÷ items completed",
)
SATISFACTION_RATE = Definition(
    "满意率",
    "（非常满意 + 满意 + 基本满意）÷ 已评价件数（重办件以第二次评价为准）",
    RATES_ARTICLE,
    "(非常满意 + 满意 + 基本满意) ÷ evaluated items (a redo counts its second evaluation)",
)
RATE_DEFINITIONS = (RESPONSE_RATE, COMPLETION_RATE, ON_TIME_RATE, SATISFACTION_RATE)

# ----- TownDesk's counting decisions where RULES §6 leaves a choice open ---------------------

_DECISION = "RULES §6（TownDesk 口径）"

IN_PERIOD = Definition(
    "计入期间",
    "登记、受理、不予受理、转办、退回、延期、办结、重办、催办、评价，按该事项发生的时间"
    "（北京时间）计入所在的统计期间；统计期间含首尾两日。期间尚未结束时，统计截至生成时间。",
    _DECISION,
)
ITEMS_AND_TIMES = Definition(
    "按件与按次",
    "退回、延期、重办、催办按次计（同一件可计多次）；其余各项按件计，同一件在同一期间只计一次。",
    _DECISION,
)
RECEIVED = Definition("登记", "本期登记（中心收到）的诉求件数。", "YJ12345 art. 7")
ACCEPTED = Definition(
    "受理",
    "本期受理的件数：以受理操作的时间为准（补正材料后受理的，以补正受理时间为准）；"
    "咨询未经受理操作即在窗口即时答复的，以答复时间为受理时间。",
    "YJ12345 art. 8；STD item 6",
)
REFUSED = Definition(
    "不予受理",
    "本期作出不予受理决定的件数，按七种情形分列。",
    "YJ12345 art. 6",
)
DISPATCHED = Definition(
    "转办",
    "本期首次转办至承办单位的件数；同意退回后改派、发回重办，不另计转办。",
    "YJ12345 art. 10",
)
RETURNED = Definition(
    "退回",
    "本期同意退回的次数，按单位统计时计入申请退回的单位；不同意退回的不计。",
    "YJ12345 art. 10；JY12345 art. 13",
)
EXTENDED = Definition(
    "延期", "本期同意延期的次数；不同意延期的不计。", "YJ12345 art. 9；JY12345 art. 21"
)
REDONE = Definition(
    "重办",
    "本期审核同意发回重办的次数。",
    "YJ12345 art. 20；JY12345 art. 16、17",
)
REMINDED = Definition(
    "催办",
    "本期出具催办通知书的份数（补打不计）。",
    "JY12345 art. 19",
)
COMPLETED = Definition(
    "办结",
    "本期审核通过办理结果（或窗口即时答复）而办结的件数；同一件在本期办结两次（重办后再次办结）"
    "的只计一次，以最后一次为准。",
    "YJ12345 art. 14",
)
ON_TIME = Definition(
    "按期办结",
    "上述办结件中，通过审核的办理结果在办结期限届满前（期限当日24时前）提交的件数，"
    "与案件的期限判定一致：期限自承办单位收到工单起算，同意延期的以延长后的期限为准，"
    "重办以重办期限为准；咨询在窗口即时答复的视为按期。",
    "YJ12345 art. 9、14、20；RULES §2.3",
)
DUE = Definition(
    "应办结（办结率分母）",
    "办结期限届满日落在本期的件数；其中已办结（办结率分子）= 本期结束时（期间尚未结束的，"
    "截至生成时）已办结的件数。咨询在窗口即时答复的，以答复当日为期限；尚未转办的件还没有"
    "办结期限，不计。重办件的原办理和重办各有办结期限，分别计入各自期限所在的期间。",
    _DECISION,
)
OVERDUE = Definition(
    "超期",
    "本期结束时（期间尚未结束的，截至生成时）已过办结期限仍未办结的件（不论期限在哪一期届满），"
    "加上本期内超过办结期限才办结的件；每件只计一次。",
    "RULES §2.2；JY12345 art. 19",
)
RESPONDED = Definition(
    "按时首次联系（响应率分子）",
    "本期转办件中，承办单位首次联系诉求人的时间不晚于首次联系期限的件数（按工作日计的，"
    "至期限当日24时；紧急项按分钟计）。按生成时已登记的联系判断：尚未联系的计入分母、不计分子。"
    "没有首次联系期限的件，有联系即计。",
    "YJ12345 art. 9(2)、11(1)；JY12345 art. 20",
)
EVALUATED = Definition(
    "已评价、满意（满意率分母、分子）",
    "已评价 = 办结后评价（不含受理时评价）登记在本期的件：同一件以本期结束时最后一次办结后评价"
    "为准，重办后的第二次评价取代第一次；第一次评价已计入前一期的，前一期不因其后的重办而改变。"
    "满意 = 其中评价为非常满意、满意、基本满意的件。",
    "YJ12345 art. 20；RULES §3",
)
NO_RATE = Definition(
    "比率",
    "分母为 0 时比率留空（不是 0%）；比率精确到万分之一，显示一位小数。合计行的比率由合计行的"
    "分子、分母计算，不是各行比率的平均。",
    _DECISION,
)
BY_UNIT = Definition(
    "按单位",
    "以生成时案件所在的承办单位计，退回次数计入申请退回的单位；尚未转办的件（不予受理、"
    "即时答复、待转办等）列在「（未转办）」行。列出全部启用的单位（没有数据也列），"
    "停用的单位有数据时才列。",
    _DECISION,
)
BY_VALUE = Definition(
    "按类型、渠道、隐患类别",
    "列出全部取值（没有数据也列），各期版式一致。按隐患类别只计选择了火灾隐患类别的举报，"
    "其合计可小于总数。",
    "YJ12345 art. 2、9；FIRE art. 4",
)
INTAKE = Definition(
    "按月受理",
    "各月（月报为各日）登记的件数，按诉求类型分列。",
    _DECISION,
)
COUNTING_DECISIONS = (
    IN_PERIOD,
    ITEMS_AND_TIMES,
    RECEIVED,
    ACCEPTED,
    REFUSED,
    DISPATCHED,
    RETURNED,
    EXTENDED,
    REDONE,
    REMINDED,
    COMPLETED,
    ON_TIME,
    DUE,
    OVERDUE,
    RESPONDED,
    EVALUATED,
    NO_RATE,
    BY_UNIT,
    BY_VALUE,
    INTAKE,
)

_F = TypeVar("_F", bound=Callable[..., object])


def _decided(*decisions: Definition) -> Callable[[_F], _F]:
    """Append the decisions' text to the docstring, so code and workbook say the same words."""

    def cite(function: _F) -> _F:
        lines = [f"{d.name}（{d.article}）：{d.text}" for d in decisions]
        function.__doc__ = (function.__doc__ or "") + "\n\n" + "\n".join(lines)
        return function

    return cite


# ----- the facts of one case -------------------------------------------------------------------


def local_day(moment: datetime) -> date:
    """The Asia/Shanghai calendar day of an aware moment (periods are local days)."""
    return moment.astimezone(LOCAL_ZONE).date()


@dataclass(frozen=True)
class HandlingRound:
    """One completion period of a case: the first handling, or a redo (YJ12345 art. 20).

    ``result_submitted_at`` is when the result that passed review was submitted: the completion
    deadline is met then (``Case.review``); ``completed_at`` is the review that completed it.
    """

    due_date: date
    completed_at: datetime | None = None
    result_submitted_at: datetime | None = None

    @property
    def on_time(self) -> bool:
        """Completed by the end of the due day (RULES §2.1: a working-day period ends at 24:00)."""
        met = self.result_submitted_at or self.completed_at
        return met is not None and local_day(met) <= self.due_date

    def completed_before(self, moment: datetime) -> bool:
        return self.completed_at is not None and self.completed_at < moment

    def open_past_due(self, moment: datetime) -> bool:
        """Not completed at ``moment`` although its due day is over (``Deadline.is_overdue``)."""
        return not self.completed_before(moment) and local_day(moment) > self.due_date


@dataclass(frozen=True)
class Completion:
    """A result that passed review (or an answer at the counter): when, and when submitted."""

    completed_at: datetime
    result_submitted_at: datetime


def handling_rounds(
    current_due: date | None,
    redo_previous_dues: Sequence[date | None],
    completions: Sequence[Completion],
) -> tuple[HandlingRound, ...]:
    """Pair each completion with the deadline it was judged against.

    The case keeps only its current completion deadline; each approved redo records the one it
    replaced (``previous_due_date``). So the deadlines in order are the redos' previous ones, then
    the current one, and the n-th completion answers the n-th deadline. A case without any
    deadline was answered at the counter: its deadline is the day it was answered.
    """
    dues = [*redo_previous_dues, current_due]
    rounds = []
    for n in range(max(len(dues), len(completions))):
        due = dues[n] if n < len(dues) else None
        done = completions[n] if n < len(completions) else None
        if due is None and done is None:
            continue
        if due is None:
            assert done is not None
            due = local_day(done.completed_at)
        rounds.append(
            HandlingRound(
                due,
                done.completed_at if done else None,
                done.result_submitted_at if done else None,
            )
        )
    return tuple(rounds)


@dataclass(frozen=True)
class Returned:
    """An approved return (退回), by the unit that asked for it."""

    at: datetime
    unit_id: int


@dataclass(frozen=True)
class Evaluated:
    """An evaluation after handling (好差评, YJ12345 art. 20); intake evaluations do not count."""

    at: datetime
    level: Satisfaction


@dataclass(frozen=True)
class CaseFacts:
    """What statistics need of one case: its dimensions and the moments things happened."""

    case_id: int
    kind: Kind
    channel: Channel
    received_at: datetime
    unit_id: int | None = None
    hazard_category: HazardCategory | None = None
    accepted_at: datetime | None = None
    refused_at: datetime | None = None
    refusal_ground: RefusalGround | None = None
    dispatched_at: datetime | None = None  # the first dispatch to a unit
    first_contact_due: date | None = None
    first_contact_due_at: datetime | None = None  # urgent items: a wall-clock limit
    first_contact_at: datetime | None = None
    rounds: tuple[HandlingRound, ...] = ()
    returns: tuple[Returned, ...] = ()
    extensions: tuple[datetime, ...] = ()  # approvals
    redos: tuple[datetime, ...] = ()  # approvals
    reminders: tuple[datetime, ...] = ()  # 催办通知书 issued
    evaluations: tuple[Evaluated, ...] = ()

    @_decided(RESPONDED)
    def responded_in_time(self) -> bool:
        """Whether the first contact met its limit (响应率's numerator, RULES §6)."""
        if self.first_contact_at is None:
            return False
        if self.first_contact_due_at is not None:
            return self.first_contact_at <= self.first_contact_due_at
        if self.first_contact_due is not None:
            return local_day(self.first_contact_at) <= self.first_contact_due
        return True


# ----- the counts of a group of cases ----------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """A rate as its two counts; no value when there is nothing to divide (RULES §6)."""

    numerator: int
    denominator: int

    @property
    def value(self) -> Fraction | None:
        return None if self.denominator == 0 else Fraction(self.numerator, self.denominator)


GROUNDS = tuple(RefusalGround)


@dataclass(frozen=True)
class Measures:
    """The counts of a group of cases in one period; the four rates are computed from them.

    ``responded``, ``due``, ``due_completed``, ``evaluated`` and ``satisfied`` are the rates'
    numerators and denominators that are not counts of their own.
    """

    received: int = 0
    accepted: int = 0
    refused: int = 0
    dispatched: int = 0
    returned: int = 0
    extended: int = 0
    completed: int = 0
    completed_on_time: int = 0
    overdue: int = 0
    redone: int = 0
    reminders: int = 0
    responded: int = 0
    due: int = 0
    due_completed: int = 0
    evaluated: int = 0
    satisfied: int = 0
    # One count per RefusalGround, in the order of GROUNDS (YJ12345 art. 6(1)–(7)).
    refused_by_ground: tuple[int, ...] = field(default=(0,) * len(GROUNDS))

    def __add__(self, other: Measures) -> Measures:
        return Measures.from_vector(
            [a + b for a, b in zip(self.vector(), other.vector(), strict=True)]
        )

    def vector(self) -> list[int]:
        """The counts in field order, the grounds' counts last: what a tally adds up."""
        return [getattr(self, name) for name in _COUNTS] + list(self.refused_by_ground)

    @classmethod
    def from_vector(cls, values: Sequence[int]) -> Measures:
        n = len(_COUNTS)
        return cls(
            **dict(zip(_COUNTS, values[:n], strict=True)), refused_by_ground=tuple(values[n:])
        )

    def refused_on(self, ground: RefusalGround) -> int:
        return self.refused_by_ground[GROUNDS.index(ground)]

    @property
    def response_rate(self) -> Rate:
        """响应率 (RULES §6)."""
        return Rate(self.responded, self.dispatched)

    @property
    def completion_rate(self) -> Rate:
        """办结率 (RULES §6)."""
        return Rate(self.due_completed, self.due)

    @property
    def on_time_rate(self) -> Rate:
        """按期办结率 (RULES §6)."""
        return Rate(self.completed_on_time, self.completed)

    @property
    def satisfaction_rate(self) -> Rate:
        """满意率 (RULES §6)."""
        return Rate(self.satisfied, self.evaluated)

    def is_empty(self) -> bool:
        return self == NOTHING


NOTHING = Measures()
_COUNTS = tuple(f.name for f in fields(Measures) if f.name != "refused_by_ground")


class _Tally:
    """A running sum of Measures: a list added to in place, so that counting a hundred thousand
    cases into five groupings does not build a new frozen Measures at every step."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values = NOTHING.vector()

    def add(self, vector: Sequence[int]) -> None:
        values = self.values
        for i, value in enumerate(vector):
            if value:
                values[i] += value

    def measures(self) -> Measures:
        return Measures.from_vector(self.values)


@dataclass(frozen=True)
class Window:
    """The days of the period and the moment its figures are judged at.

    ``as_of`` is the end of the period (00:00 of the next day), or the generation time when the
    period is not over yet (RULES §6, ``IN_PERIOD``).
    """

    first: date
    last: date
    as_of: datetime

    def holds(self, moment: datetime | None) -> bool:
        return (
            moment is not None
            and self.first <= local_day(moment) <= self.last
            and moment < self.as_of
        )

    def covers_day(self, day: date) -> bool:
        return self.first <= day <= self.last


def window_for(period: ReportPeriod, now: datetime) -> Window:
    return Window(period.first, period.last, min(day_end(period.last), now))


@_decided(
    IN_PERIOD,
    ITEMS_AND_TIMES,
    ACCEPTED,
    DISPATCHED,
    COMPLETED,
    ON_TIME,
    DUE,
    OVERDUE,
    RESPONDED,
    EVALUATED,
)
def measure_case(facts: CaseFacts, window: Window) -> tuple[Measures, frozenset[int]]:
    """What one case adds to the period's counts, and the years of the deadlines judged for it
    (the calendar those deadlines were counted on, for the definitions sheet)."""
    holds = window.holds
    as_of = window.as_of
    judged: set[date] = set()

    refused = holds(facts.refused_at)
    grounds = [0] * len(GROUNDS)
    if refused and facts.refusal_ground is not None:
        grounds[GROUNDS.index(facts.refusal_ground)] = 1

    dispatched = holds(facts.dispatched_at)
    responded = dispatched and facts.responded_in_time()
    if dispatched and facts.first_contact_due is not None:
        judged.add(facts.first_contact_due)

    # Rounds are in order, so the last one of the period decides for the item (a redo's).
    completed = [r for r in facts.rounds if holds(r.completed_at)]
    due = [r for r in facts.rounds if window.covers_day(r.due_date)]
    late = [
        r
        for r in facts.rounds
        if r.open_past_due(as_of) or (holds(r.completed_at) and not r.on_time)
    ]
    judged.update(r.due_date for r in (*completed, *due, *late))

    # The case's evaluation is its last one after handling, as known at the end of the period.
    known = [e for e in facts.evaluations if e.at < as_of]
    last = max(known, key=lambda e: e.at) if known else None
    evaluated = last is not None and holds(last.at)

    measures = Measures(
        received=int(holds(facts.received_at)),
        accepted=int(holds(facts.accepted_at)),
        refused=int(refused),
        dispatched=int(dispatched),
        returned=sum(holds(r.at) for r in facts.returns),
        extended=sum(holds(at) for at in facts.extensions),
        completed=int(bool(completed)),
        completed_on_time=int(bool(completed) and completed[-1].on_time),
        overdue=int(bool(late)),
        redone=sum(holds(at) for at in facts.redos),
        reminders=sum(holds(at) for at in facts.reminders),
        responded=int(responded),
        due=int(bool(due)),
        due_completed=int(bool(due) and due[-1].completed_before(as_of)),
        evaluated=int(evaluated),
        satisfied=int(evaluated and last is not None and last.level.counts_as_satisfied),
        refused_by_ground=tuple(grounds),
    )
    return measures, frozenset(d.year for d in judged)


# ----- a period's figures ----------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeBucket:
    """Items received in one month (one day in a monthly report), by kind in ``Kind`` order."""

    first: date
    last: date
    by_kind: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.by_kind)


@dataclass(frozen=True)
class Statistics:
    """A period's figures, in total and by each dimension upstream asks for (RULES §6)."""

    window: Window
    total: Measures
    # None: not dispatched to any unit. Only units with figures; the service adds the others.
    by_unit: Mapping[int | None, Measures]
    by_kind: Mapping[Kind, Measures]  # every kind, in Kind order
    by_channel: Mapping[Channel, Measures]  # every channel
    by_hazard: Mapping[HazardCategory, Measures]  # every category (fire-hazard tip-offs only)
    intake: tuple[IntakeBucket, ...]
    # Years of the deadlines judged, and of the period: the calendar years the figures rest on.
    calendar_years: tuple[int, ...]
    counted_case_ids: frozenset[int]


@_decided(BY_UNIT, BY_VALUE, INTAKE)
def compute(facts: Iterable[CaseFacts], period: ReportPeriod, now: datetime) -> Statistics:
    """Count every case once into the total and into its unit, kind, channel and category."""
    window = window_for(period, now)
    total = _Tally()
    by_unit: dict[int | None, _Tally] = defaultdict(_Tally)
    by_kind = {k: _Tally() for k in Kind}
    by_channel = {c: _Tally() for c in Channel}
    by_hazard = {h: _Tally() for h in HazardCategory}
    buckets = _buckets(period)
    intake = {b: [0] * len(Kind) for b in buckets}
    kinds = list(Kind)
    returned_at = _COUNTS.index("returned")
    years: set[int] = {y for y, _ in period.months()}
    counted: set[int] = set()
    for fact in facts:
        measures, judged_years = measure_case(fact, window)
        if measures.is_empty():
            continue
        counted.add(fact.case_id)
        years |= judged_years
        vector = measures.vector()
        total.add(vector)
        by_kind[fact.kind].add(vector)
        by_channel[fact.channel].add(vector)
        if fact.hazard_category is not None:
            by_hazard[fact.hazard_category].add(vector)
        # A return counts against the unit that asked for it (RETURNED); the rest against the
        # unit that has the case now.
        vector[returned_at] = 0
        by_unit[fact.unit_id].add(vector)
        for returned in facts_returns_in(fact, window):
            by_unit[returned.unit_id].add(Measures(returned=1).vector())
        if measures.received:
            bucket = buckets[_bucket_index(period, local_day(fact.received_at))]
            intake[bucket][kinds.index(fact.kind)] += 1
    return Statistics(
        window=window,
        total=total.measures(),
        by_unit={unit: tally.measures() for unit, tally in by_unit.items()},
        by_kind={k: tally.measures() for k, tally in by_kind.items()},
        by_channel={c: tally.measures() for c, tally in by_channel.items()},
        by_hazard={h: tally.measures() for h, tally in by_hazard.items()},
        intake=tuple(IntakeBucket(b[0], b[1], tuple(intake[b])) for b in buckets),
        calendar_years=tuple(sorted(years)),
        counted_case_ids=frozenset(counted),
    )


def facts_returns_in(facts: CaseFacts, window: Window) -> list[Returned]:
    return [r for r in facts.returns if window.holds(r.at)]


def _bucket_index(period: ReportPeriod, day: date) -> int:
    if period.span is Span.MONTH:
        return day.toordinal() - period.first.toordinal()
    return (day.year - period.first.year) * 12 + day.month - period.first.month


def _buckets(period: ReportPeriod) -> list[tuple[date, date]]:
    """Days of a monthly report, months of a quarterly or yearly one (INTAKE)."""
    if period.span is Span.MONTH:
        days = range(period.first.toordinal(), period.last.toordinal() + 1)
        return [(date.fromordinal(d), date.fromordinal(d)) for d in days]
    return [(date(y, m, 1), end_of_month(y, m)) for y, m in period.months()]
