"""The two ledgers as workbooks: 催办台账 (JY12345 art. 19) and 奖励台账 (FIRE art. 5–12, internal)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select

from app.documents.payloads import DocType
from app.documents.workbook import Column, ColumnType, SheetSpec, write_book
from app.domain.deadlines import DeadlineKind
from app.domain.money import format_yuan
from app.domain.people import mask_id
from app.domain.reporting import Progress, ReportPeriod, day_end, day_start, no_progress
from app.domain.rewards import (
    AwardComputation,
    ClaimState,
    Ineligibility,
    NoticeMethod,
    ObjectionGround,
    ObjectionState,
    PaymentMethod,
    RewardRules,
    ShareState,
    Verification,
    cap_window,
)
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, HazardCategory, Kind
from app.persistence import tables as t
from app.persistence.batches import in_batches
from app.persistence.types import SHANGHAI
from app.services.context import Services, UnitOfWork
from app.services.printing import ESCALATION_WORKING_DAYS, PRINT_EVENT

# Above this many rows a sheet is streamed through openpyxl's write-only mode (as reports.py).
LARGE_SHEET_ROWS = 2000
# Ids are sent to the database in IN lists of at most this many (SQLite's bound-parameter limit).

# ----- 催办台账 -----------------------------------------------------------------------------------

REMINDER_SHEET = "催办台账"
REMINDER_COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("案件编号", ColumnType.TEXT),
    Column("类型", ColumnType.TEXT),
    Column("承办单位", ColumnType.TEXT),
    Column("受理时间", ColumnType.DATETIME),
    Column("办结期限", ColumnType.DATE),
    Column("办结时间", ColumnType.DATETIME),
    Column("超期工作日", ColumnType.INTEGER),
    Column("超过问责期限", ColumnType.TEXT),
    Column("本期催办次数", ColumnType.INTEGER, total=True),
    Column("累计催办次数", ColumnType.INTEGER, total=True),
    Column("最近催办日期", ColumnType.DATE),
    Column("催办通知书文号", ColumnType.TEXT),
    Column("状态", ColumnType.TEXT),
)

# ----- 奖励台账 -----------------------------------------------------------------------------------

# RULES §5: the ledger names reporters, so it is internal; the engine prints this in the title
# and at the top of every page.
INTERNAL_MARKING = "内部资料 不得外传"
REWARD_DETAIL_SHEET = "奖励明细"
REWARD_DETAIL_COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("案件编号", ColumnType.TEXT),
    Column("隐患类别", ColumnType.TEXT),
    Column("被举报单位", ColumnType.TEXT),
    Column("举报人", ColumnType.TEXT),
    Column("证件号码", ColumnType.TEXT),
    Column("署名顺序", ColumnType.INTEGER),
    Column("处罚决定书文号", ColumnType.TEXT),
    Column("罚款金额（元）", ColumnType.MONEY),
    Column("按比例计（元）", ColumnType.MONEY),
    Column("本案奖励（元）", ColumnType.MONEY),
    Column("应分金额（元）", ColumnType.MONEY),
    Column("核定金额（元）", ColumnType.MONEY, total=True),
    Column("年度上限核减", ColumnType.TEXT),
    Column("计算过程", ColumnType.TEXT),
    Column("决定结果", ColumnType.TEXT),
    Column("决定人", ColumnType.TEXT),
    Column("决定时间", ColumnType.DATETIME),
    Column("送达时间", ColumnType.DATETIME),
    Column("送达方式", ColumnType.TEXT),
    Column("通知书文号", ColumnType.TEXT),
    Column("领取期限", ColumnType.DATE),
    Column("领取时间", ColumnType.DATETIME),
    Column("身份核验人", ColumnType.TEXT),
    Column("审批人", ColumnType.TEXT),
    Column("审批时间", ColumnType.DATETIME),
    Column("发放日期", ColumnType.DATE),
    Column("发放人", ColumnType.TEXT),
    Column("发放方式", ColumnType.TEXT),
    Column("发放凭证号", ColumnType.TEXT),
    Column("签收单文号", ColumnType.TEXT),
    Column("已发放金额（元）", ColumnType.MONEY, total=True),
    Column("计入年度上限", ColumnType.TEXT),
    Column("奖金状态", ColumnType.TEXT),
    Column("奖励状态", ColumnType.TEXT),
    Column("终止原因", ColumnType.TEXT),
    Column("申诉", ColumnType.TEXT),
)

REWARD_YEAR_SHEET = "按举报人年度合计"
REWARD_YEAR_COLUMNS = (
    Column("序号", ColumnType.INTEGER),
    Column("举报人", ColumnType.TEXT),
    Column("证件号码", ColumnType.TEXT),
    Column("年度", ColumnType.INTEGER),
    Column("奖励次数", ColumnType.INTEGER, total=True),
    Column("核定奖励合计（元）", ColumnType.MONEY, total=True),
    Column("已发放合计（元）", ColumnType.MONEY, total=True),
    Column("年度上限（元）", ColumnType.MONEY),
    Column("剩余额度（元）", ColumnType.MONEY),
)

# The claim's steps from the decision on (FIRE art. 5–12; RULES §3): a claim is in a period's
# ledger when one of them was recorded in it. Registration and the brigade's filing are not
# decisions and do not bring a claim in on their own.
REWARD_STEP_EVENTS = (
    "reward_decided",
    "reward_not_eligible",
    "reward_notified",
    "reward_refusal_notified",
    "reward_claimed",
    "reward_approved",
    "reward_paid",
    "reward_waived",
    "reward_cancelled",
    "reward_fraudulent",
    "reward_objection_received",
    "reward_objection_upheld",
    "reward_objection_changed",
)
EXPORT_EVENT = "export_reward_ledger"
_NOTICES = (DocType.AWARD_NOTICE.value, DocType.NON_AWARD_NOTICE.value)
_RECEIPTS = (DocType.PAYOUT_RECEIPT.value,)


# ----- shared helpers -----------------------------------------------------------------------------


def _centre_name(uow: UnitOfWork) -> str:
    return str(uow.setting("centre_name"))


def _join(texts: Iterable[str]) -> str:
    return "、".join(t for t in texts if t)


# ----- 催办台账 (JY12345 art. 19; RULES §2.2, §6) ---------------------------------------------------


@dataclass(frozen=True)
class _Clock:
    """A case's completion clock as stored: its current last day (extensions included)."""

    due_date: date
    due_at: datetime | None
    met_at: datetime | None


def _overdue_within(clock: _Clock, start: datetime, end: datetime, now: datetime) -> bool:
    """Whether the completion clock was past its end at some instant of [start, end) up to now.

    Overdue from the end of the last day (or the due instant of a wall-clock limit) until the
    unit's accepted result was submitted (the clock's met_at), as Deadline.is_overdue reads it.
    """
    late_from = clock.due_at or day_end(clock.due_date)
    if late_from >= min(end, now):
        return False
    return clock.met_at is None or clock.met_at > max(late_from, start)


@dataclass(frozen=True)
class _Reminder:
    case_id: int
    at: datetime
    number_text: str


def _reminder_events(uow: UnitOfWork, end: datetime) -> list[_Reminder]:
    """Every 催办通知书 issued before the period's end (a 补打 is not a new reminder)."""
    e = t.events.c
    rows = uow.session.execute(
        select(e.case_id, e.at, e.details)
        .where(
            e.action == PRINT_EVENT,
            e.details["doc_type"].as_string() == DocType.REMINDER_NOTICE.value,
            e.case_id.is_not(None),
            e.at < end,
        )
        .order_by(e.at, e.id)
    ).all()
    return [_Reminder(r.case_id, r.at, str(r.details.get("number_text", ""))) for r in rows]


def _overdue_clocks(
    uow: UnitOfWork, period: ReportPeriod, start: datetime, end: datetime, now: datetime
) -> dict[int, _Clock]:
    """Completion clocks overdue at some time in the period; the date test is done in SQL, the
    exact instant (wall-clock limits, a result submitted on the first day) here."""
    d = t.deadlines.c
    rows = uow.session.execute(
        select(d.case_id, d.due_date, d.due_at, d.met_at).where(
            d.kind == DeadlineKind.COMPLETION,
            d.case_id.is_not(None),
            d.due_date <= period.last,
            or_(d.met_at.is_(None), d.met_at > start),
        )
    ).all()
    found = {}
    for r in rows:
        clock = _Clock(r.due_date, r.due_at, r.met_at)
        if _overdue_within(clock, start, end, now):
            found[r.case_id] = clock
    return found


def _reminder_rows(
    svc: Services,
    uow: UnitOfWork,
    period: ReportPeriod,
    progress: Progress,
) -> list[tuple[Any, ...]]:
    now = svc.now()
    start, end = period.bounds()
    progress(0, 3, "查找超期案件")
    overdue = _overdue_clocks(uow, period, start, end, now)
    progress(1, 3, "查找催办记录")
    reminders: dict[int, list[_Reminder]] = defaultdict(list)
    for reminder in _reminder_events(uow, end):
        reminders[reminder.case_id].append(reminder)
    reminded_in_period = {
        case_id for case_id, issued in reminders.items() if any(r.at >= start for r in issued)
    }
    progress(2, 3, "读取案件")
    k, d, u = t.cases.c, t.deadlines.c, t.units.c
    cases: list[Any] = []
    for ids in in_batches(set(overdue) | reminded_in_period):
        cases.extend(
            uow.session.execute(
                select(
                    k.id,
                    k.number,
                    k.kind,
                    k.state,
                    k.received_at,
                    k.completed_at,
                    u.name.label("unit_name"),
                    d.due_date,
                    d.due_at,
                    d.met_at,
                )
                .outerjoin(t.units, u.id == k.unit_id)
                .outerjoin(
                    t.deadlines,
                    and_(d.case_id == k.id, d.kind == DeadlineKind.COMPLETION),
                )
                .where(k.id.in_(ids))
            ).all()
        )
    cases.sort(key=lambda r: (r.due_date or date.max, r.number))
    # Counted to the period's end (or today, if earlier), or to the day the unit's accepted result
    # came in when that was earlier: a period's ledger says how things stood in that period.
    period_end = min(period.last, now.date())
    rows = []
    for n, case in enumerate(cases, start=1):
        issued = reminders.get(case.id, [])
        days = None
        if case.due_date is not None:
            as_of = period_end
            if case.met_at is not None:
                as_of = min(as_of, case.met_at.astimezone(SHANGHAI).date())
            days = svc.calendar.working_days_overdue(case.due_date, as_of)
        rows.append(
            (
                n,
                case.number,
                Kind(case.kind).label,
                case.unit_name or "",
                case.received_at,
                case.due_date,
                case.completed_at,
                days,
                # JY12345 art. 19: still overdue 5 working days after → referred for accountability.
                "是" if days is not None and days > ESCALATION_WORKING_DAYS else "",
                sum(1 for r in issued if r.at >= start),
                len(issued),
                issued[-1].at.astimezone(SHANGHAI).date() if issued else None,
                _join(r.number_text for r in issued),
                CaseState(case.state).label,
            )
        )
    progress(3, 3, "生成工作簿")
    return rows


def reminder_ledger_workbook(
    svc: Services, actor: Actor, period: ReportPeriod, *, progress: Progress = no_progress
) -> bytes:
    """催办台账 (JY12345 art. 19; RULES §6): every case overdue at some time in the period or
    reminded in it, with its working days overdue and its reminders. No submitter is named."""
    actor.require(Action.EXPORT_REPORT)
    with svc.uow(write=False) as uow:
        centre = _centre_name(uow)
        rows = _reminder_rows(svc, uow, period, progress)
    spec = SheetSpec(
        sheet_name=REMINDER_SHEET,
        centre_name=centre,
        title=f"{period.label}催办台账",
        period=period.dates,
        generated_at=svc.now(),
        generated_by=actor.display_name,
        columns=REMINDER_COLUMNS,
        rows=rows,
        totals_label="合计（{count} 件）",
    )
    return write_book([spec], write_only=len(rows) > LARGE_SHEET_ROWS)


# ----- 奖励台账 (FIRE art. 5–12; RULES §3, §4.5, §5) -------------------------------------------------


def _claim_case_ids(uow: UnitOfWork, period: ReportPeriod) -> list[int]:
    """Cases whose claim had a decision or a later step in the period (REWARD_STEP_EVENTS), or a
    share paid on a day of it (the day paid is entered by hand and may precede the entry)."""
    start, end = period.bounds()
    e, s, c = t.events.c, t.reward_shares.c, t.reward_claims.c
    by_event = uow.session.execute(
        select(e.case_id)
        .join(t.reward_claims, c.case_id == e.case_id)
        .where(e.action.in_(REWARD_STEP_EVENTS), e.at >= start, e.at < end)
        .distinct()
    ).scalars()
    by_payout = uow.session.execute(
        select(c.case_id)
        .join(t.reward_shares, s.claim_id == c.id)
        .where(s.paid_on >= period.first, s.paid_on <= period.last)
        .distinct()
    ).scalars()
    return sorted(set(by_event) | set(by_payout))


@dataclass(frozen=True)
class _Claim:
    id: int
    case_id: int
    case_number: str
    hazard_category: HazardCategory | None
    reported_unit: str
    profile_key: str
    state: ClaimState
    verification: Verification | None
    ineligibility: tuple[Ineligibility, ...]
    computation: AwardComputation | None
    decided_by: int | None
    decided_at: datetime | None
    notified_at: datetime | None
    notice_method: NoticeMethod | None
    collect_by: date | None
    end_reason: str


@dataclass(frozen=True)
class _Share:
    claim_id: int
    person_id: int
    name: str
    id_number: str
    position: int
    amount_fen: int
    capped: bool
    state: ShareState
    claimed_at: datetime | None
    identity_checked_by: int | None
    approved_at: datetime | None
    approved_by: int | None
    paid_on: date | None
    paid_by: int | None
    payment_method: PaymentMethod | None
    voucher_number: str


def _load_claims(uow: UnitOfWork, case_ids: list[int]) -> list[_Claim]:
    c, k = t.reward_claims.c, t.cases.c
    claims = []
    for ids in in_batches(case_ids):
        for r in uow.session.execute(
            select(
                c.id,
                c.case_id,
                c.case_number,
                k.hazard_category,
                k.reported_unit_name,
                k.profile_key,
                c.state,
                c.verification,
                c.ineligibility,
                c.computation,
                c.decided_by,
                c.decided_at,
                c.notified_at,
                c.notice_method,
                c.collect_by,
                c.end_reason,
            )
            .join(t.cases, k.id == c.case_id)
            .where(c.case_id.in_(ids))
        ):
            claims.append(
                _Claim(
                    id=r.id,
                    case_id=r.case_id,
                    case_number=r.case_number,
                    hazard_category=r.hazard_category,
                    reported_unit=r.reported_unit_name or "",
                    profile_key=r.profile_key,
                    state=r.state,
                    verification=r.verification,
                    ineligibility=tuple(r.ineligibility or ()),
                    computation=r.computation,
                    decided_by=r.decided_by,
                    decided_at=r.decided_at,
                    notified_at=r.notified_at,
                    notice_method=r.notice_method,
                    collect_by=None if r.collect_by is None else r.collect_by.day,
                    end_reason=r.end_reason or "",
                )
            )
    # Decisions in the order taken; claims decided on the same instant by case number.
    claims.sort(
        key=lambda cl: (cl.decided_at is None, cl.decided_at or datetime.min, cl.case_number)
    )
    return claims


def _load_shares(uow: UnitOfWork, claim_ids: list[int]) -> dict[int, list[_Share]]:
    s, p = t.reward_shares.c, t.persons.c
    shares: dict[int, list[_Share]] = defaultdict(list)
    for ids in in_batches(claim_ids):
        for r in uow.session.execute(
            select(
                s.claim_id,
                s.person_id,
                p.name,
                s.id_number,
                s.position,
                s.amount_fen,
                s.capped,
                s.state,
                s.claimed_at,
                s.identity_checked_by,
                s.approved_at,
                s.approved_by,
                s.paid_on,
                s.paid_by,
                s.payment_method,
                s.voucher_number,
            )
            .join(t.persons, p.id == s.person_id)
            .where(s.claim_id.in_(ids))
            .order_by(s.claim_id, s.position)
        ):
            shares[r.claim_id].append(_Share(**r._mapping))
    return shares


def _document_numbers(uow: UnitOfWork, case_ids: list[int]) -> dict[tuple[int, str], list[str]]:
    """Numbers of the claim documents issued, by case and document type (reprints keep theirs)."""
    e = t.events.c
    numbers: dict[tuple[int, str], list[str]] = defaultdict(list)
    doc_type = e.details["doc_type"].as_string()
    for ids in in_batches(case_ids):
        for r in uow.session.execute(
            select(e.case_id, e.details)
            .where(
                e.case_id.in_(ids),
                e.action == PRINT_EVENT,
                doc_type.in_([*_NOTICES, *_RECEIPTS]),
            )
            .order_by(e.at, e.id)
        ):
            numbers[(r.case_id, str(r.details["doc_type"]))].append(
                str(r.details.get("number_text", ""))
            )
    return numbers


def _objections(uow: UnitOfWork, claim_ids: list[int]) -> dict[int, str]:
    """Each claim's objections, oldest first: ground and where its review stands (RULES §3)."""
    o = t.reward_objections.c
    found: dict[int, list[str]] = defaultdict(list)
    for ids in in_batches(claim_ids):
        for r in uow.session.execute(
            select(o.claim_id, o.ground, o.state, o.received_at)
            .where(o.claim_id.in_(ids))
            .order_by(o.received_at, o.id)
        ):
            received = r.received_at.astimezone(SHANGHAI).date().isoformat()
            found[r.claim_id].append(
                f"{received} 对{ObjectionGround(r.ground).label}申诉："
                f"{ObjectionState(r.state).label}"
            )
    return {claim_id: "；".join(texts) for claim_id, texts in found.items()}


def _user_names(uow: UnitOfWork) -> dict[int, str]:
    u = t.users.c
    return {r.id: r.display_name for r in uow.session.execute(select(u.id, u.display_name))}


def _steps_text(computation: AwardComputation | None) -> str:
    """The computation as the decision showed it, one step after another with its article."""
    if computation is None:
        return ""
    return "；".join(
        f"{s.label} {format_yuan(s.amount_fen)}（{s.article}）" for s in computation.steps
    )


def _outcome_text(claim: _Claim) -> str:
    if claim.decided_at is None:
        return "未作决定"
    if claim.computation is None:
        reasons = "；".join(f"{r.reason}（{r.article}）" for r in claim.ineligibility)
        return f"不予奖励：{reasons}" if reasons else "不予奖励"
    return f"奖励{format_yuan(claim.computation.total_fen)}"


def _detail_rows(
    claims: Sequence[_Claim],
    shares: dict[int, list[_Share]],
    numbers: dict[tuple[int, str], list[str]],
    objections: dict[int, str],
    users: dict[int, str],
) -> list[tuple[Any, ...]]:
    def who(user_id: int | None) -> str:
        return "" if user_id is None else users.get(user_id, "")

    rows: list[tuple[Any, ...]] = []
    for claim in claims:
        verification = claim.verification
        computation = claim.computation
        parts = {p.person_id: p for p in computation.shares} if computation else {}
        notices = _join(n for d in _NOTICES for n in numbers.get((claim.case_id, d), []))
        receipts = _join(n for d in _RECEIPTS for n in numbers.get((claim.case_id, d), []))
        claim_cells = (
            claim.case_number,
            claim.hazard_category.label if claim.hazard_category else "",
            claim.reported_unit,
        )
        penalty = (
            verification.decision_number if verification else "",
            verification.fine_fen if verification else None,
            computation.rate_fen if computation else None,
            computation.case_award_fen if computation else None,
        )
        decision = (_steps_text(computation), _outcome_text(claim))
        notice = (
            who(claim.decided_by),
            claim.decided_at,
            claim.notified_at,
            claim.notice_method.label if claim.notice_method else "",
            notices,
            claim.collect_by,
        )
        ending = (
            ClaimState(claim.state).label,
            claim.end_reason,
            objections.get(claim.id, ""),
        )
        claim_shares = shares.get(claim.id, [])
        if not claim_shares:
            # An anonymous tip-off has no share: FIRE art. 7, the outcome only, no money.
            rows.append(
                (
                    *claim_cells,
                    "（匿名）",
                    "",
                    None,
                    *penalty,
                    None,
                    0,
                    "",
                    *decision,
                    *notice,
                    None,
                    "",
                    "",
                    None,
                    None,
                    "",
                    "",
                    "",
                    receipts,
                    None,
                    "",
                    "",
                    *ending,
                )
            )
            continue
        for share in claim_shares:
            part = parts.get(share.person_id)
            paid = share.state is ShareState.PAID
            rows.append(
                (
                    *claim_cells,
                    # RULES §5: an internal ledger names the reporter; the ID number stays masked.
                    share.name,
                    mask_id(share.id_number) if share.id_number else "",
                    share.position + 1,
                    *penalty,
                    part.equal_share_fen if part else None,
                    share.amount_fen,
                    "是" if share.capped else "",
                    *decision,
                    *notice,
                    share.claimed_at,
                    who(share.identity_checked_by),
                    who(share.approved_by),
                    share.approved_at,
                    share.paid_on,
                    who(share.paid_by),
                    share.payment_method.label if share.payment_method else "",
                    share.voucher_number,
                    receipts,
                    share.amount_fen if paid else None,
                    "是" if ShareState(share.state).counts_against_cap else "",
                    ShareState(share.state).label,
                    *ending,
                )
            )
    return [(n, *row) for n, row in enumerate(rows, start=1)]


@dataclass(frozen=True)
class _Decided:
    """One share of a reporter, as it counts for the yearly cap (FIRE art. 5)."""

    person_id: int
    amount_fen: int
    state: ShareState
    paid_on: date | None
    decided_on: date
    profile_key: str


def _reporters_decisions(
    uow: UnitOfWork, person_ids: Iterable[int], first: date, last: date
) -> list[_Decided]:
    s, c, k = t.reward_shares.c, t.reward_claims.c, t.cases.c
    start, end = day_start(first), day_end(last)
    found = []
    for ids in in_batches(person_ids):
        for r in uow.session.execute(
            select(s.person_id, s.amount_fen, s.state, s.paid_on, c.decided_at, k.profile_key)
            .join(t.reward_claims, c.id == s.claim_id)
            .join(t.cases, k.id == c.case_id)
            .where(s.person_id.in_(ids), c.decided_at >= start, c.decided_at < end)
        ):
            found.append(
                _Decided(
                    r.person_id,
                    r.amount_fen,
                    ShareState(r.state),
                    r.paid_on,
                    r.decided_at.astimezone(SHANGHAI).date(),
                    r.profile_key,
                )
            )
    return found


def _year_rows(
    svc: Services,
    uow: UnitOfWork,
    period: ReportPeriod,
    claims: Sequence[_Claim],
    shares: dict[int, list[_Share]],
) -> list[tuple[Any, ...]]:
    """One row per reporter of the ledger and calendar year of a decision in it (FIRE art. 5).

    Counted up to the period's end (or today): the awards that count against the cap, what of
    them was paid by then, and the room left under the cap of the profile that governs the
    reporter's latest decision of that year, over that profile's cap window (RULES §4.3).
    """
    as_of_limit = min(period.last, svc.now().date())
    people: dict[int, tuple[str, str]] = {}
    wanted: set[tuple[int, int]] = set()
    for claim in claims:
        if claim.decided_at is None:
            continue
        year = claim.decided_at.astimezone(SHANGHAI).year
        for share in shares.get(claim.id, []):
            people[share.person_id] = (share.name, share.id_number)
            wanted.add((share.person_id, year))
    if not wanted:
        return []
    years = {year for _, year in wanted}
    # A rolling cap window reaches back 365 days before the year's last day counted.
    first = date(min(years) - 1, 1, 1)
    decisions = _reporters_decisions(uow, people, first, as_of_limit)
    by_person: dict[int, list[_Decided]] = defaultdict(list)
    for decided in decisions:
        by_person[decided.person_id].append(decided)

    rows = []
    for person_id, year in sorted(wanted, key=lambda w: (people[w[0]][0], w[0], w[1])):
        as_of = min(date(year, 12, 31), as_of_limit)
        mine = by_person[person_id]
        in_year = [
            d
            for d in mine
            if d.decided_on.year == year and d.decided_on <= as_of and d.state.counts_against_cap
        ]
        latest = max(
            (d for d in mine if d.decided_on.year == year), key=lambda d: d.decided_on, default=None
        )
        rules: RewardRules | None = (
            svc.profiles.get(latest.profile_key).rewards if latest is not None else None
        )
        cap = remaining = None
        if rules is not None:
            cap = rules.yearly_cap_fen.value
            window_first, window_last = cap_window(as_of, rules)
            used = sum(
                d.amount_fen
                for d in mine
                if window_first <= d.decided_on <= min(window_last, as_of)
                and d.state.counts_against_cap
            )
            remaining = max(cap - used, 0)
        name, id_number = people[person_id]
        rows.append(
            (
                name,
                mask_id(id_number) if id_number else "",
                year,
                len(in_year),
                sum(d.amount_fen for d in in_year),
                sum(
                    d.amount_fen
                    for d in in_year
                    if d.state is ShareState.PAID
                    and d.paid_on is not None
                    and d.paid_on <= period.last
                ),
                cap,
                remaining,
            )
        )
    return [(n, *row) for n, row in enumerate(rows, start=1)]


def reward_ledger_workbook(
    svc: Services, actor: Actor, period: ReportPeriod, *, progress: Progress = no_progress
) -> bytes:
    """奖励台账 (FIRE art. 5–12; RULES §4.5): every claim with a decision or a later step in the
    period, share by share, and the totals per reporter and year. Internal (RULES §5): it names
    reporters, so only roles that may see them export it, every page says so, and the export is
    logged."""
    actor.require(Action.EXPORT_REWARD_LEDGER)
    steps = 5
    with svc.uow(write=False) as uow:
        centre = _centre_name(uow)
        progress(0, steps, "查找本期奖励记录")
        case_ids = _claim_case_ids(uow, period)
        progress(1, steps, "读取奖励决定")
        claims = _load_claims(uow, case_ids)
        claim_ids = [c.id for c in claims]
        shares = _load_shares(uow, claim_ids)
        progress(2, steps, "读取文书和申诉")
        numbers = _document_numbers(uow, case_ids)
        objections = _objections(uow, claim_ids)
        users = _user_names(uow)
        detail = _detail_rows(claims, shares, numbers, objections, users)
        progress(3, steps, "按举报人年度合计")
        yearly = _year_rows(svc, uow, period, claims, shares)
    progress(4, steps, "生成工作簿")
    now = svc.now()
    common: dict[str, Any] = {
        "centre_name": centre,
        "period": period.dates,
        "generated_at": now,
        "generated_by": actor.display_name,
        "marking": INTERNAL_MARKING,
    }
    data = write_book(
        [
            SheetSpec(
                sheet_name=REWARD_DETAIL_SHEET,
                title=f"{period.label}火灾隐患举报奖励台账",
                columns=REWARD_DETAIL_COLUMNS,
                rows=detail,
                totals_label="合计（{count} 条）",
                **common,
            ),
            SheetSpec(
                sheet_name=REWARD_YEAR_SHEET,
                title=f"{period.label}火灾隐患举报奖励按举报人年度合计",
                columns=REWARD_YEAR_COLUMNS,
                rows=yearly,
                totals_label="合计（{count} 人次）",
                **common,
            ),
        ],
        write_only=len(detail) > LARGE_SHEET_ROWS,
    )
    # RULES §5 (FIRE art. 11): every unmasked view of a reporter is logged; written last, so a
    # cancelled export leaves nothing behind.
    with svc.uow() as uow:
        uow.log(
            actor,
            now,
            EXPORT_EVENT,
            f"导出{period.label}奖励台账（含举报人姓名，{len(claims)} 件）",
            "FIRE art. 11",
            period=period.label,
            claims=len(claims),
        )
        uow.commit()
    return data
