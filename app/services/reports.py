"""Excel workbooks for upstream and for the counter: what goes in them (layouts: docs/excel-layouts.md).

The services choose the rows and mask identities (RULES §5); app/documents/workbook.py lays the
sheet out. Every workbook is a printed document in the sense of the permissions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from app.documents.workbook import Column, ColumnType, SheetSpec, write_workbook
from app.domain.errors import DomainError, ValidationError
from app.domain.reporting import Progress, ReportKind, ReportPeriod, Span, no_progress
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, Kind, Priority
from app.services import identity_log, ledgers, queries, rewards, statistics
from app.services.context import Services

# Above this many rows a sheet is streamed through openpyxl's write-only mode.
LARGE_SHEET_ROWS = 2000
# The case list is read from the database in pages of this many cases.
CASE_PAGE = 500

DISCLOSURE_SHEET = "奖励公示"
DISCLOSURE_COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("举报人", ColumnType.TEXT),
    Column("隐患类别", ColumnType.TEXT),
    Column("奖励金额（元）", ColumnType.MONEY, total=True),
    Column("决定日期", ColumnType.DATE),
    Column("案件编号", ColumnType.TEXT),
)

CASE_LIST_SHEET = "案件清单"
CASE_LIST_COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("案件编号", ColumnType.TEXT),
    Column("类型", ColumnType.TEXT),
    Column("优先级", ColumnType.TEXT),
    Column("状态", ColumnType.TEXT),
    Column("诉求人", ColumnType.TEXT),
    Column("承办单位", ColumnType.TEXT),
    Column("受理时间", ColumnType.DATETIME),
    Column("办理期限", ColumnType.DATE),
    Column("剩余工作日", ColumnType.INTEGER),
    Column("超期", ColumnType.TEXT),
    Column("内容摘要", ColumnType.TEXT),
)


def _centre_name(svc: Services) -> str:
    with svc.uow(write=False) as uow:
        return str(uow.setting("centre_name"))


def disclosure_workbook(
    svc: Services, actor: Actor, year: int, *, progress: Progress = no_progress
) -> bytes:
    """年度奖励公示 as a workbook (FIRE art. 3): the rows of the PDF list, names masked (RULES §5)."""
    actor.require(Action.EXPORT_REPORT)
    progress(0, 2, "读取奖励决定")
    rows = rewards.disclosure_rows(svc, year)
    progress(1, 2, "写入工作簿")
    spec = SheetSpec(
        sheet_name=DISCLOSURE_SHEET,
        centre_name=_centre_name(svc),
        title=f"{year}年度火灾隐患举报奖励公示",
        period=f"{year}-01-01 至 {year}-12-31",
        generated_at=svc.now(),
        generated_by=actor.display_name,
        columns=DISCLOSURE_COLUMNS,
        rows=(
            (n, r.masked_name, r.hazard_category_label, r.award_fen, r.decided_on, r.case_number)
            for n, r in enumerate(rows, start=1)
        ),
        totals_label="合计（{count} 人次）",
    )
    return write_workbook(spec, write_only=len(rows) > LARGE_SHEET_ROWS)


def _filter_period(case_filter: queries.CaseFilter) -> str:
    start, end = case_filter.received_from, case_filter.received_to
    if start is None and end is None:
        return "全部"
    return f"{_day(start) or '不限'} 至 {_day(end) or '不限'}"


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _case_rows(svc: Services, ids: list[int], progress: Progress) -> Iterator[tuple[object, ...]]:
    n = 0
    for start in range(0, len(ids), CASE_PAGE):
        progress(start, len(ids), f"已写入 {start} / {len(ids)} 件")
        for row in queries.case_rows(svc, ids[start : start + CASE_PAGE]):
            n += 1
            yield (
                n,
                row.number,
                Kind(row.kind).label,
                Priority(row.priority).label,
                CaseState(row.state).label,
                row.submitter,  # masked by case_rows, as the list shows it (RULES §5)
                row.unit,
                row.received_at,
                row.due_date,
                row.working_days_left,
                "是" if row.overdue else "",
                row.summary,
            )


def case_list_workbook(
    svc: Services,
    actor: Actor,
    case_filter: queries.CaseFilter | None = None,
    *,
    sort: queries.SortKey = queries.SortKey.RECEIVED,
    descending: bool = True,
    progress: Progress = no_progress,
) -> bytes:
    """The case list of the current filter, in the list's order, identities masked (RULES §5)."""
    actor.require(Action.EXPORT_REPORT)
    case_filter = case_filter or queries.CaseFilter()
    ids = queries.case_ids(svc, case_filter, sort=sort, descending=descending)
    spec = SheetSpec(
        sheet_name=CASE_LIST_SHEET,
        centre_name=_centre_name(svc),
        title="案件清单",
        period=_filter_period(case_filter),
        generated_at=svc.now(),
        generated_by=actor.display_name,
        columns=CASE_LIST_COLUMNS,
        rows=_case_rows(svc, ids, progress),
        totals_label="合计（{count} 件）",
    )
    return write_workbook(spec, write_only=len(ids) > LARGE_SHEET_ROWS)


# ----- every report by kind, for the command line and the 报表 page ------------------------------


@dataclass(frozen=True)
class ReportInfo:
    kind: ReportKind
    description: str
    action: Action
    span: Span | None = None  # the only period length it is made for; None: any
    internal: bool = False  # names people (RULES §5): not for upstream or the public


class Builder(Protocol):
    """What every report's function looks like: the workbook of one period, as .xlsx bytes."""

    def __call__(
        self, svc: Services, actor: Actor, period: ReportPeriod, *, progress: Progress
    ) -> bytes: ...


def _disclosure(svc: Services, actor: Actor, period: ReportPeriod, *, progress: Progress) -> bytes:
    assert period.year is not None  # build_report checked the span
    return disclosure_workbook(svc, actor, period.year, progress=progress)


def _case_list(svc: Services, actor: Actor, period: ReportPeriod, *, progress: Progress) -> bytes:
    received = queries.CaseFilter(received_from=period.first, received_to=period.last)
    return case_list_workbook(svc, actor, received, progress=progress)


_STATISTICS_DESCRIPTION = (
    "按承办单位、类型、渠道和隐患类别统计受理、转办、退回、延期、办结、超期、重办、催办，"
    "以及响应率、办结率、按期办结率和满意率（口径见规则第6节，表内“口径说明”）。"
)


REPORTS: dict[ReportKind, tuple[ReportInfo, Builder]] = {
    **{
        kind: (
            ReportInfo(kind, _STATISTICS_DESCRIPTION, Action.EXPORT_REPORT, span),
            statistics.statistics_workbook,
        )
        for kind, span in (
            (ReportKind.MONTHLY, Span.MONTH),
            (ReportKind.QUARTERLY, Span.QUARTER),
            (ReportKind.YEARLY, Span.YEAR),
        )
    },
    ReportKind.REMINDERS: (
        ReportInfo(
            ReportKind.REMINDERS,
            "期间内超期或被催办的案件：超期工作日数、催办通知书份数和文号（揭阳12345办法第19条）。",
            Action.EXPORT_REPORT,
        ),
        ledgers.reminder_ledger_workbook,
    ),
    ReportKind.REWARDS: (
        ReportInfo(
            ReportKind.REWARDS,
            "期间内每一笔奖励的决定、计算、告知、领取、审批和发放，及每位举报人的年度合计。"
            "载有举报人姓名，仅供中心内部使用（规则第5节）。",
            Action.EXPORT_REWARD_LEDGER,
            internal=True,
        ),
        ledgers.reward_ledger_workbook,
    ),
    ReportKind.DISCLOSURE: (
        ReportInfo(
            ReportKind.DISCLOSURE,
            "一年内作出的火灾隐患举报奖励，举报人姓名已遮蔽，可对外公示（消防举报奖励办法第3条）。",
            Action.EXPORT_REPORT,
            Span.YEAR,
        ),
        _disclosure,
    ),
    ReportKind.CASES: (
        ReportInfo(
            ReportKind.CASES,
            "统计期间内受理的全部案件，一件一行，诉求人已遮蔽。",
            Action.EXPORT_REPORT,
        ),
        _case_list,
    ),
    ReportKind.IDENTITY_LOG: (
        ReportInfo(
            ReportKind.IDENTITY_LOG,
            "期间内谁在何时因何理由查看了哪件案件的身份信息（规则第5节）；只记工作人员，"
            "不含被查看人的身份。",
            Action.VIEW_IDENTITY_LOG,
            internal=True,
        ),
        identity_log.identity_log_workbook,
    ),
}

_SPAN_EXAMPLES = {Span.MONTH: "2026-03", Span.QUARTER: "2026Q1", Span.YEAR: "2026"}


def report_infos(actor: Actor) -> list[ReportInfo]:
    """The reports this user may generate, in the order the 报表 page lists them."""
    infos = (REPORTS[kind][0] for kind in ReportKind)
    return [info for info in infos if actor.can(info.action)]


def build_report(
    svc: Services,
    actor: Actor,
    kind: ReportKind,
    period: ReportPeriod,
    *,
    progress: Progress = no_progress,
) -> bytes:
    """The workbook of ``kind`` for ``period`` as .xlsx bytes; nothing is written anywhere."""
    info, builder = REPORTS[kind]
    actor.require(info.action)
    if info.span is not None and period.span is not info.span:
        raise ValidationError(
            "period",
            f"{kind.label}按{info.span.label}生成，请选择一个{info.span.label}期间"
            f"（例如 {_SPAN_EXAMPLES[info.span]}）。",
        )
    return builder(svc, actor, period, progress=progress)


def default_file_name(kind: ReportKind, period: ReportPeriod) -> str:
    """``2026年3月月度统计.xlsx``: what the save dialog proposes."""
    return f"{period.label}{kind.label}.xlsx"


def save_report(data: bytes, path: Path) -> Path:
    """Write the workbook so that a reader never sees half a file (a .part, then a rename)."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DomainError(
            f"无法写入文件 {path}：{exc.strerror or exc}。请换一个文件夹或文件名后重试。"
        ) from None
    return path
