"""Excel workbooks for upstream and for the counter: what goes in them (layouts: docs/excel-layouts.md).

The services choose the rows and mask identities (RULES §5); app/documents/workbook.py lays the
sheet out. Every workbook is a printed document in the sense of the permissions.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.documents.workbook import Column, ColumnType, SheetSpec, write_workbook
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, Kind, Priority
from app.services import queries, rewards
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


def disclosure_workbook(svc: Services, actor: Actor, year: int) -> bytes:
    """年度奖励公示 as a workbook (FIRE art. 3): the rows of the PDF list, names masked (RULES §5)."""
    actor.require(Action.EXPORT_REPORT)
    rows = rewards.disclosure_rows(svc, year)
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


def _case_rows(svc: Services, ids: list[int]) -> Iterator[tuple[object, ...]]:
    n = 0
    for start in range(0, len(ids), CASE_PAGE):
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
        rows=_case_rows(svc, ids),
        totals_label="合计（{count} 件）",
    )
    return write_workbook(spec, write_only=len(ids) > LARGE_SHEET_ROWS)
