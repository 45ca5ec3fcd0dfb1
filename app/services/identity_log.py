"""Who viewed which identity when: the log of unmasked views (RULES §5; FIRE art. 11; YJ12345 art. 15).

Built from the events the views already write — ``reveal_identity`` (a submitter unmasked on a
case, with its reason) and ``export_reward_ledger`` (the reward ledger, which names reporters) —
so the log cannot disagree with the audit trail. It names the staff who looked, never the
citizens they saw: the revealed identity is not in the events and is not read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.documents.workbook import Column, ColumnType, SheetSpec, write_book
from app.domain.reporting import Progress, ReportPeriod, no_progress
from app.domain.users import Action, Actor, Role
from app.persistence import tables as t
from app.services.case_view import REVEAL_EVENT
from app.services.context import Services
from app.services.ledgers import EXPORT_EVENT, INTERNAL_MARKING

SHEET_NAME = "身份信息查看记录"
# Shown for a view whose case was deleted after its retention period (JY12345 art. 5): the
# event is kept, the case number went with the case.
DELETED_CASE = "（案件已删除）"
_ACTION_LABELS = {REVEAL_EVENT: "查看诉求人身份信息", EXPORT_EVENT: "导出奖励台账（含举报人姓名）"}

COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("查看时间", ColumnType.DATETIME),
    Column("查看人", ColumnType.TEXT),
    Column("角色", ColumnType.TEXT),
    Column("方式", ColumnType.TEXT),
    Column("案件编号", ColumnType.TEXT),
    Column("涉及人数", ColumnType.INTEGER, total=True),
    Column("涉及案件数", ColumnType.INTEGER, total=True),
    Column("事由", ColumnType.TEXT),
    Column("依据", ColumnType.TEXT),
)


@dataclass(frozen=True)
class IdentityView:
    """One unmasked view: when, by whom (staff), of which case, how many people, why, by what
    article. ``people`` is unknown (None) for a ledger export: it names every reporter of its
    ``cases`` claims."""

    event_id: int
    at: datetime
    viewer: str
    viewer_role: str
    action: str
    case_number: str
    people: int | None
    cases: int
    reason: str
    article: str

    @property
    def action_label(self) -> str:
        return _ACTION_LABELS.get(self.action, self.action)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def identity_views(svc: Services, actor: Actor, period: ReportPeriod) -> list[IdentityView]:
    """Every unmasked view in the period, oldest first (RULES §5)."""
    actor.require(Action.VIEW_IDENTITY_LOG)
    e = t.events.c
    first, after = period.bounds()
    statement = (
        select(
            e.id,
            e.at,
            e.action,
            e.article,
            e.details,
            e.case_id,
            t.users.c.display_name,
            t.users.c.role,
            t.cases.c.number,
        )
        .outerjoin(t.users, t.users.c.id == e.actor_id)
        .outerjoin(t.cases, t.cases.c.id == e.case_id)
        .where(e.action.in_([REVEAL_EVENT, EXPORT_EVENT]), e.at >= first, e.at < after)
        .order_by(e.at, e.id)
    )
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(statement).all()
    views = []
    for row in rows:
        details = row.details if isinstance(row.details, dict) else {}
        role = row.role.label if isinstance(row.role, Role) else ""
        if row.action == REVEAL_EVENT:
            case_number = row.number or DELETED_CASE
            people = _int(details.get("people"))
            cases = 1
            reason = str(details.get("reason", ""))
        else:
            case_number = ""
            people = None
            cases = _int(details.get("claims")) or 0
            reason = f"导出{details.get('period', '')}奖励台账"
        views.append(
            IdentityView(
                event_id=row.id,
                at=row.at,
                viewer=row.display_name or "",
                viewer_role=role,
                action=row.action,
                case_number=case_number,
                people=people,
                cases=cases,
                reason=reason,
                article=row.article or "",
            )
        )
    return views


def identity_log_workbook(
    svc: Services, actor: Actor, period: ReportPeriod, *, progress: Progress = no_progress
) -> bytes:
    """身份信息查看记录 (RULES §5): one row per unmasked view in the period. Internal: it says
    which cases' reporters were looked at and why, so every page is marked."""
    actor.require(Action.VIEW_IDENTITY_LOG)
    progress(0, 2, "读取查看记录")
    views = identity_views(svc, actor, period)
    with svc.uow(write=False) as uow:
        centre = str(uow.setting("centre_name"))
    progress(1, 2, "生成工作簿")
    rows = [
        (
            n,
            v.at,
            v.viewer,
            v.viewer_role,
            v.action_label,
            v.case_number,
            v.people,
            v.cases,
            v.reason,
            v.article,
        )
        for n, v in enumerate(views, start=1)
    ]
    data = write_book(
        [
            SheetSpec(
                sheet_name=SHEET_NAME,
                centre_name=centre,
                title=f"{period.label}身份信息查看记录",
                period=period.dates,
                generated_at=svc.now(),
                generated_by=actor.display_name,
                columns=COLUMNS,
                rows=rows,
                totals_label="合计（{count} 次）",
                marking=INTERNAL_MARKING,
            )
        ]
    )
    progress(2, 2, "完成")
    return data
