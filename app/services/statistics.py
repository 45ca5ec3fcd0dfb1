"""The monthly, quarterly and yearly statistics workbook sent upstream (RULES §6; layout: docs/excel-layouts.md).

The facts of every case that can count in the period are read with a few set-based queries
(SQLAlchemy Core, only the columns needed, never one case at a time); app/domain/statistics.py
counts them; app/documents/workbook.py lays the sheets out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from app.documents.payloads import DocType
from app.documents.workbook import (
    ChartKind,
    ChartSpec,
    Column,
    ColumnType,
    Ratio,
    SheetSpec,
    write_book,
)
from app.domain import statistics as st
from app.domain.cases import EvaluationStage, RequestStatus
from app.domain.deadlines import DeadlineKind
from app.domain.reporting import Progress, ReportPeriod, Span, day_end, no_progress
from app.domain.users import Action, Actor
from app.domain.vocabulary import Channel, HazardCategory, Kind, RefusalGround
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services.context import Services, UnitOfWork
from app.services.printing import PRINT_EVENT

NOT_DISPATCHED = "（未转办）"
TOTALS_LABEL = "合计"

SUMMARY_SHEET = "总表"
UNIT_SHEET = "按单位"
KIND_SHEET = "按类型"
CHANNEL_SHEET = "按渠道"
HAZARD_SHEET = "按隐患类别"
REFUSAL_SHEET = "不予受理"
MONTHLY_INTAKE_SHEET = "按月受理"
DAILY_INTAKE_SHEET = "按日受理"  # a monthly report lists its days (st.INTAKE)
DEFINITIONS_SHEET = "口径说明"

# The count columns of every dimension sheet, then the rates' own numerators and denominators,
# then the four rates (RULES §6): (header, Measures attribute).
COUNT_COLUMNS = (
    ("登记", "received"),
    ("受理", "accepted"),
    ("不予受理", "refused"),
    ("转办", "dispatched"),
    ("退回（次）", "returned"),
    ("延期（次）", "extended"),
    ("办结", "completed"),
    ("按期办结", "completed_on_time"),
    ("超期", "overdue"),
    ("重办（次）", "redone"),
    ("催办（次）", "reminders"),
    ("按时首次联系", "responded"),
    ("应办结", "due"),
    ("应办结中已办结", "due_completed"),
    ("已评价", "evaluated"),
    ("满意", "satisfied"),
)
RATE_COLUMNS = (
    ("响应率", "response_rate"),
    ("办结率", "completion_rate"),
    ("按期办结率", "on_time_rate"),
    ("满意率", "satisfaction_rate"),
)
FIRST_RATE_COLUMN = 1 + len(COUNT_COLUMNS)


def dimension_columns(first_header: str) -> tuple[Column, ...]:
    return (
        Column(first_header),
        *(Column(h, ColumnType.INTEGER, total=True) for h, _ in COUNT_COLUMNS),
        *(Column(h, ColumnType.PERCENT) for h, _ in RATE_COLUMNS),
    )


UNIT_COLUMNS = dimension_columns("承办单位")
KIND_COLUMNS = dimension_columns("诉求类型")
CHANNEL_COLUMNS = dimension_columns("受理渠道")
HAZARD_COLUMNS = dimension_columns("隐患类别")
# 按单位's chart: 办结率, 按期办结率, 满意率 of each unit.
UNIT_CHART = ChartSpec(
    ChartKind.BAR,
    "各单位办结率、按期办结率、满意率",
    categories=0,
    values=(FIRST_RATE_COLUMN + 1, FIRST_RATE_COLUMN + 2, FIRST_RATE_COLUMN + 3),
    y_title="比率",
    percent=True,
)

SUMMARY_COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("指标"),
    Column("件（次）数", ColumnType.INTEGER),
    Column("分子", ColumnType.INTEGER),
    Column("分母", ColumnType.INTEGER),
    Column("比率", ColumnType.PERCENT),
    Column("口径"),
)
# 总表's count rows: (label, Measures attribute, the decision that defines it).
SUMMARY_COUNTS = (
    ("登记", "received", st.RECEIVED),
    ("受理", "accepted", st.ACCEPTED),
    ("不予受理", "refused", st.REFUSED),
    ("转办", "dispatched", st.DISPATCHED),
    ("退回（次）", "returned", st.RETURNED),
    ("延期（次）", "extended", st.EXTENDED),
    ("办结", "completed", st.COMPLETED),
    ("按期办结", "completed_on_time", st.ON_TIME),
    ("超期", "overdue", st.OVERDUE),
    ("重办（次）", "redone", st.REDONE),
    ("催办（次）", "reminders", st.REMINDED),
)
SUMMARY_RATES = (
    (st.RESPONSE_RATE, "response_rate"),
    (st.COMPLETION_RATE, "completion_rate"),
    (st.ON_TIME_RATE, "on_time_rate"),
    (st.SATISFACTION_RATE, "satisfaction_rate"),
)

REFUSAL_COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("不予受理情形"),
    Column("依据"),
    Column("件数", ColumnType.INTEGER, total=True),
)

DEFINITION_COLUMNS = (Column("项目"), Column("说明"), Column("依据"))

PROVISIONAL_NOTE = "含暂定日历年份：{years}，期限可能变动"


# ----- what a GUI can show without a file ------------------------------------------------------


@dataclass(frozen=True)
class ProfileInForce:
    """A rule profile in force during the period (RULES §0), from the centre's schedule."""

    key: str
    name: str
    in_force_from: date
    lapse_warning: str | None


@dataclass(frozen=True)
class CalendarYear:
    """A holiday-calendar year the figures rest on; provisional until its schedule is known."""

    year: int
    provisional: bool


@dataclass(frozen=True)
class StatisticsReport:
    """A period's figures with the names and context the workbook prints (RULES §6)."""

    period: ReportPeriod
    generated_at: datetime
    as_of: datetime  # end of the period, or the generation time while it is not over
    centre_name: str
    figures: st.Statistics
    total: st.Measures
    by_unit: tuple[tuple[str, st.Measures], ...]  # unit name (or NOT_DISPATCHED), figures
    by_kind: tuple[tuple[Kind, st.Measures], ...]
    by_channel: tuple[tuple[Channel, st.Measures], ...]
    by_hazard: tuple[tuple[HazardCategory, st.Measures], ...]
    profiles: tuple[ProfileInForce, ...]
    case_profile_keys: tuple[str, ...]  # the profiles governing the cases counted
    calendar_years: tuple[CalendarYear, ...]

    @property
    def provisional_years(self) -> tuple[int, ...]:
        return tuple(y.year for y in self.calendar_years if y.provisional)

    @property
    def over(self) -> bool:
        return self.as_of >= day_end(self.period.last)


def ratio(rate: st.Rate) -> Ratio:
    return Ratio(rate.numerator, rate.denominator)


def rates(measures: st.Measures) -> dict[str, Ratio]:
    """The four rates of RULES §6 by their Chinese names, as the workbook writes them."""
    return {header: ratio(getattr(measures, name)) for header, name in RATE_COLUMNS}


# ----- loading the facts -----------------------------------------------------------------------

# Steps for the progress bar: eight reads, counting, laying out the sheets, writing the file.
_STEPS = 11


def compute_statistics(
    svc: Services, period: ReportPeriod, *, progress: Progress = no_progress
) -> StatisticsReport:
    """The period's figures (RULES §6), as the statistics workbook shows them."""
    now = svc.now()
    with svc.uow(write=False) as uow:
        facts, profile_keys = _load_facts(uow, period, progress)
        progress(8, _STEPS, "统计各项指标")
        figures = st.compute(facts, period, now)
        unit_rows = _unit_rows(uow, figures.by_unit)
        profiles = _profiles_in_force(svc, uow, period)
        keys = tuple(sorted({profile_keys[i] for i in figures.counted_case_ids}))
        centre_name = str(uow.setting("centre_name"))
    calendar = svc.calendar
    return StatisticsReport(
        period=period,
        generated_at=now,
        as_of=figures.window.as_of,
        centre_name=centre_name,
        figures=figures,
        total=figures.total,
        by_unit=unit_rows,
        by_kind=tuple(figures.by_kind.items()),
        by_channel=tuple(figures.by_channel.items()),
        by_hazard=tuple(figures.by_hazard.items()),
        profiles=profiles,
        case_profile_keys=keys,
        calendar_years=tuple(
            CalendarYear(y, calendar.is_provisional_year(y)) for y in figures.calendar_years
        ),
    )


def _relevant_cases(start: datetime, end: datetime) -> Select[tuple[int]]:
    """Cases that can count in the period: received before its end and not closed before its
    start (a closed case has no further events; an open one may be overdue at the end)."""
    c = t.cases.c
    return select(c.id).where(c.received_at < end, or_(c.closed_at.is_(None), c.closed_at >= start))


def _load_facts(
    uow: UnitOfWork, period: ReportPeriod, progress: Progress
) -> tuple[list[st.CaseFacts], dict[int, str]]:
    """The facts of every case that can count in the period, and each one's rule profile."""
    start, end = period.bounds()
    relevant = _relevant_cases(start, end)
    session = uow.session

    def during(column: Any) -> ColumnElement[bool]:
        return and_(column >= start, column < end)

    def rows(statement: Any) -> Any:
        return session.execute(statement).all()

    c = t.cases.c
    progress(0, _STEPS, "读取案件")
    cases = rows(
        select(
            c.id,
            c.kind,
            c.channel,
            c.received_at,
            c.unit_id,
            c.hazard_category,
            c.refusal_ground,
            c.closed_at,
            c.first_contact_at,
            c.profile_key,
        ).where(c.id.in_(relevant))
    )

    e = t.events.c
    progress(1, _STEPS, "读取受理和转办记录")
    firsts: dict[tuple[int, str], datetime] = {
        (r.case_id, r.action): r.first
        for r in rows(
            select(e.case_id, e.action, func.min(e.at).label("first"))
            .where(
                e.action.in_(("accept", "answer_at_once", "dispatch")),
                e.case_id.in_(relevant),
            )
            .group_by(e.case_id, e.action)
        )
    }
    progress(2, _STEPS, "读取催办记录")
    reminders = _grouped(
        rows(
            select(e.case_id, e.at).where(
                e.action == PRINT_EVENT,
                e.details["doc_type"].as_string() == DocType.REMINDER_NOTICE.value,
                during(e.at),
            )
        ),
        lambda r: r.at,
    )

    d = t.deadlines.c
    progress(3, _STEPS, "读取办理期限")
    deadlines = {
        (r.case_id, r.kind): r
        for r in rows(
            select(d.case_id, d.kind, d.due_date, d.due_at).where(
                d.case_id.in_(relevant),
                d.kind.in_((DeadlineKind.COMPLETION, DeadlineKind.FIRST_CONTACT)),
            )
        )
    }

    r_ = t.results.c
    progress(4, _STEPS, "读取办结记录")
    completions = _grouped(
        rows(
            select(r_.case_id, r_.submitted_at, r_.reviewed_at)
            .where(r_.review_passed.is_(True), r_.case_id.in_(relevant))
            .order_by(r_.case_id, r_.id)
        ),
        # An answer at the counter passes without a review: it completes when it is given.
        lambda r: st.Completion(r.reviewed_at or r.submitted_at, r.submitted_at),
    )

    redo = t.redo_requests.c
    progress(5, _STEPS, "读取重办记录")
    redos = rows(
        select(redo.case_id, redo.decided_at, redo.previous_due_date)
        .where(redo.status == RequestStatus.APPROVED, redo.case_id.in_(relevant))
        .order_by(redo.case_id, redo.sequence)
    )
    redo_dues = _grouped(redos, lambda r: r.previous_due_date)
    redo_times = _grouped(redos, lambda r: r.decided_at)

    ret, ext = t.return_requests.c, t.extension_requests.c
    progress(6, _STEPS, "读取退回和延期记录")
    returns = _grouped(
        rows(
            select(ret.case_id, ret.unit_id, ret.decided_at).where(
                ret.status == RequestStatus.APPROVED, during(ret.decided_at)
            )
        ),
        lambda r: st.Returned(r.decided_at, r.unit_id),
    )
    extensions = _grouped(
        rows(
            select(ext.case_id, ext.decided_at).where(
                ext.status == RequestStatus.APPROVED, during(ext.decided_at)
            )
        ),
        lambda r: r.decided_at,
    )

    ev = t.evaluations.c
    progress(7, _STEPS, "读取评价记录")
    evaluations = _grouped(
        rows(
            select(ev.case_id, ev.at, ev.level)
            .where(
                ev.stage == EvaluationStage.AFTER_HANDLING,
                ev.at < end,
                ev.case_id.in_(relevant),
            )
            .order_by(ev.case_id, ev.at, ev.id)
        ),
        lambda r: st.Evaluated(r.at, r.level),
    )

    facts = []
    for row in cases:
        case_id = row.id
        accepted = [
            firsts[key]
            for key in ((case_id, "accept"), (case_id, "answer_at_once"))
            if key in firsts
        ]
        completion = deadlines.get((case_id, DeadlineKind.COMPLETION))
        contact = deadlines.get((case_id, DeadlineKind.FIRST_CONTACT))
        facts.append(
            st.CaseFacts(
                case_id=case_id,
                kind=row.kind,
                channel=row.channel,
                received_at=row.received_at,
                unit_id=row.unit_id,
                hazard_category=row.hazard_category,
                accepted_at=min(accepted) if accepted else None,
                # A refusal closes the case at once (Case.refuse): its closing is its refusal.
                refused_at=row.closed_at if row.refusal_ground is not None else None,
                refusal_ground=row.refusal_ground,
                dispatched_at=firsts.get((case_id, "dispatch")),
                first_contact_due=contact.due_date if contact else None,
                first_contact_due_at=contact.due_at if contact else None,
                first_contact_at=row.first_contact_at,
                rounds=st.handling_rounds(
                    completion.due_date if completion else None,
                    redo_dues.get(case_id, ()),
                    completions.get(case_id, ()),
                ),
                returns=tuple(returns.get(case_id, ())),
                extensions=tuple(extensions.get(case_id, ())),
                redos=tuple(redo_times.get(case_id, ())),
                reminders=tuple(reminders.get(case_id, ())),
                evaluations=tuple(evaluations.get(case_id, ())),
            )
        )
    return facts, {row.id: row.profile_key for row in cases}


def _grouped(rows: Iterable[Any], value: Any) -> dict[int, list[Any]]:
    """Rows by case id, in query order, each turned into ``value(row)``."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.case_id].append(value(row))
    return grouped


def _unit_rows(
    uow: UnitOfWork, by_unit: Mapping[int | None, st.Measures]
) -> tuple[tuple[str, st.Measures], ...]:
    """Every active unit (st.BY_UNIT), an inactive one only with figures, then NOT_DISPATCHED."""
    u = t.units.c
    units = uow.session.execute(select(u.id, u.name, u.active).order_by(u.code)).all()
    listed = [
        (unit.name, by_unit.get(unit.id, st.NOTHING))
        for unit in units
        if unit.active or unit.id in by_unit
    ]
    if None in by_unit:
        listed.append((NOT_DISPATCHED, by_unit[None]))
    return tuple(listed)


def _profiles_in_force(
    svc: Services, uow: UnitOfWork, period: ReportPeriod
) -> tuple[ProfileInForce, ...]:
    """The profiles the centre's schedule puts in force on some day of the period (RULES §0)."""
    entries = sorted(svc.profile_schedule(uow).entries)
    found = []
    for n, (starts, key) in enumerate(entries):
        following = entries[n + 1][0] if n + 1 < len(entries) else None
        if starts <= period.last and (following is None or following > period.first):
            profile = svc.profiles.get(key)
            found.append(
                ProfileInForce(key, profile.name, starts, profile.lapse_warning(period.last))
            )
    return tuple(found)


# ----- the workbook ----------------------------------------------------------------------------


def statistics_workbook(
    svc: Services, actor: Actor, period: ReportPeriod, *, progress: Progress = no_progress
) -> bytes:
    """受理办理情况统计 of a month, quarter or year (RULES §6; YJ12345 art. 21–23; JY12345
    art. 25–27): totals, by unit, kind, channel and hazard category, refusals by ground, intake
    by month (by day for a month), and the definitions sheet."""
    actor.require(Action.EXPORT_REPORT)
    report = compute_statistics(svc, period, progress=progress)
    progress(9, _STEPS, "生成工作表")
    specs = statistics_sheets(report, actor.display_name)
    progress(10, _STEPS, "写入工作簿")
    data = write_book(specs)
    progress(_STEPS, _STEPS, "完成")
    return data


def report_title(period: ReportPeriod) -> str:
    return f"{period.label}受理办理情况统计（{period.span.label}）"


def period_text(report: StatisticsReport) -> str:
    text = report.period.dates
    if not report.over:
        text += f"（期间未结束，统计截至 {report.as_of.astimezone(SHANGHAI):%Y-%m-%d %H:%M}）"
    return text


def statistics_sheets(report: StatisticsReport, generated_by: str) -> list[SheetSpec]:
    """The sheets in order; every one with the engine's title block (docs/excel-layouts.md)."""
    title = report_title(report.period)
    monthly = report.period.span is Span.MONTH

    def sheet(
        name: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], **kw: Any
    ) -> SheetSpec:
        return SheetSpec(
            sheet_name=name,
            centre_name=report.centre_name,
            title=title if name == SUMMARY_SHEET else f"{title}——{name}",
            period=period_text(report),
            generated_at=report.generated_at,
            generated_by=generated_by,
            columns=columns,
            rows=list(rows),
            **kw,
        )

    def dimension(
        name: str, columns: Sequence[Column], rows: Sequence[tuple[str, st.Measures]], **kw: Any
    ) -> SheetSpec:
        total = sum((m for _, m in rows), st.NOTHING)
        return sheet(
            name,
            columns,
            (_dimension_row(label, m) for label, m in rows),
            totals_label=TOTALS_LABEL,
            # Rates of the totals row are computed over all rows, never averaged (st.NO_RATE).
            totals_values={
                FIRST_RATE_COLUMN + i: ratio(getattr(total, attr))
                for i, (_, attr) in enumerate(RATE_COLUMNS)
            },
            **kw,
        )

    intake_name = DAILY_INTAKE_SHEET if monthly else MONTHLY_INTAKE_SHEET
    intake_columns = intake_sheet_columns(monthly)
    return [
        sheet(SUMMARY_SHEET, SUMMARY_COLUMNS, _summary_rows(report.total)),
        dimension(UNIT_SHEET, UNIT_COLUMNS, report.by_unit, charts=(UNIT_CHART,)),
        dimension(KIND_SHEET, KIND_COLUMNS, [(k.label, m) for k, m in report.by_kind]),
        dimension(CHANNEL_SHEET, CHANNEL_COLUMNS, [(c.label, m) for c, m in report.by_channel]),
        dimension(
            HAZARD_SHEET,
            HAZARD_COLUMNS,
            [(f"{h.value}. {h.label}", m) for h, m in report.by_hazard],
        ),
        sheet(
            REFUSAL_SHEET,
            REFUSAL_COLUMNS,
            ((g.value, g.label, g.article, report.total.refused_on(g)) for g in RefusalGround),
            totals_label=TOTALS_LABEL,
        ),
        sheet(
            intake_name,
            intake_columns,
            (
                (b.first if monthly else f"{b.first.year}年{b.first.month}月", *b.by_kind, b.total)
                for b in report.figures.intake
            ),
            totals_label=TOTALS_LABEL,
            charts=(
                ChartSpec(
                    ChartKind.LINE,
                    "受理量按日" if monthly else "受理量按月",
                    categories=0,
                    values=(len(intake_columns) - 1,),
                    y_title="件数",
                ),
            ),
        ),
        sheet(DEFINITIONS_SHEET, DEFINITION_COLUMNS, definition_rows(report)),
    ]


def intake_sheet_columns(monthly: bool) -> tuple[Column, ...]:
    first = Column("日期", ColumnType.DATE) if monthly else Column("月份")
    return (
        first,
        *(Column(k.label, ColumnType.INTEGER, total=True) for k in Kind),
        Column("登记合计", ColumnType.INTEGER, total=True),
    )


def _dimension_row(label: str, measures: st.Measures) -> tuple[Any, ...]:
    return (
        label,
        *(getattr(measures, attr) for _, attr in COUNT_COLUMNS),
        *(ratio(getattr(measures, attr)) for _, attr in RATE_COLUMNS),
    )


def _summary_rows(total: st.Measures) -> Iterator[tuple[Any, ...]]:
    n = 0
    for label, attr, decision in SUMMARY_COUNTS:
        n += 1
        yield (n, label, getattr(total, attr), None, None, None, decision.text)
    for definition, attr in SUMMARY_RATES:
        n += 1
        rate = getattr(total, attr)
        yield (
            n,
            definition.name,
            None,
            rate.numerator,
            rate.denominator,
            ratio(rate),
            f"{definition.name} = {definition.text}",
        )


def definition_rows(report: StatisticsReport) -> Iterator[tuple[str, str, str]]:
    """口径说明: RULES §6's rates word for word, TownDesk's counting decisions, profile, calendar."""
    for d in st.RATE_DEFINITIONS:
        yield (d.name, f"{d.name} = {d.text}（RULES §6 原文：{d.rules_text}）", d.article)
    for d in st.COUNTING_DECISIONS:
        yield (d.name, d.text, d.article)
    yield (
        "统计截至",
        f"{report.as_of.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
        + ("（期间结束）" if report.over else "（期间尚未结束，以生成时为准）"),
        "",
    )
    for profile in report.profiles:
        text = f"{profile.key}「{profile.name}」，自 {profile.in_force_from.isoformat()} 起适用"
        if profile.lapse_warning:
            text += "。" + profile.lapse_warning
        yield ("规则配置", text, "RULES §0")
    if report.case_profile_keys:
        yield (
            "案件适用的规则配置",
            "、".join(report.case_profile_keys) + "（每件按其登记之日施行的规则配置计算期限）",
            "RULES §0",
        )
    for year in report.calendar_years:
        state = (
            "暂定（国务院办公厅放假安排尚未导入，按法定节假日推算，不含调休）"
            if year.provisional
            else "正式（国务院办公厅公布的放假安排）"
        )
        yield ("节假日日历", f"{year.year}年：{state}", "RULES §2.1")
    if report.provisional_years:
        years = "、".join(f"{y}年" for y in report.provisional_years)
        yield ("暂定日历", PROVISIONAL_NOTE.format(years=years), "RULES §2.1")
