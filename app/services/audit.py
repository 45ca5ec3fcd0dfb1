"""Checking the audit chain (RULES §5, issue 8): `towndesk audit verify` names the first broken link."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select

from app.domain.reporting import Progress, no_progress
from app.domain.users import Action, Actor
from app.persistence import tables as t
from app.persistence.audit import GENESIS, HEAD_COUNTER, row_hash
from app.services.context import Services

# Rows read per query: memory stays flat however long the trail (a million events ≈ 200 pages).
PAGE = 5_000


class BreakReason(StrEnum):
    """Why a link is broken, in the words the report uses."""

    EDITED = "内容被修改"
    REMOVED_OR_INSERTED = "记录被删除或插入"
    HEAD_MISMATCH = "链头不一致"


@dataclass(frozen=True)
class BrokenLink:
    """The first event the chain cannot vouch for; ``position`` is its place in the chain (1…)."""

    event_id: int | None
    position: int
    reason: BreakReason


@dataclass(frozen=True)
class ChainReport:
    """What a verification found: how many events were checked, the first break, the head."""

    events_checked: int
    first_broken: BrokenLink | None
    head_hash: str

    @property
    def ok(self) -> bool:
        return self.first_broken is None

    def message(self) -> str:
        if self.first_broken is None:
            return (
                f"审计链完整：共核验 {self.events_checked} 条事件记录，未发现修改、删除或插入。"
                f"链头哈希 {self.head_hash}（可抄录留存，供日后核对）。"
            )
        broken = self.first_broken
        where = f"第 {broken.position} 条"
        if broken.event_id is not None:
            where += f"（事件编号 {broken.event_id}）"
        explain = {
            BreakReason.EDITED: "该记录的内容与其哈希不符，已在数据库中被直接修改",
            BreakReason.REMOVED_OR_INSERTED: "该记录与前一条记录接不上，其前有记录被删除或插入",
            BreakReason.HEAD_MISMATCH: "链尾与登记的链头不符，最后的记录被删除或另行添加",
        }[broken.reason]
        return (
            f"审计链已被破坏：{where}起无法证明未被篡改——{broken.reason}：{explain}。"
            f"此前 {self.events_checked} 条记录核验无误。请保留数据库现状，"
            "报告管理员，并用备份比对。"
        )


def verify_chain(svc: Services, actor: Actor, *, progress: Progress = no_progress) -> ChainReport:
    """Walk every event in chain order, page by page, in one read snapshot; stop at the first break.

    Reads only: the verification is not itself an event (it would move the head it reports) and
    is not recorded in the database (a record there is worth nothing against someone who can
    edit it); the head hash it prints, copied down, is the anchor for the next check.
    """
    actor.require(Action.VERIFY_AUDIT)
    e = t.events.c
    with svc.uow(write=False) as uow:
        session = uow.session
        if session.get_bind().dialect.name == "postgresql":
            # One snapshot for every page and the head counter (SQLite's read transaction is one).
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        total = session.execute(select(func.count()).select_from(t.events)).scalar_one()
        registered_head = session.execute(
            select(t.counters.c.value).where(t.counters.c.name == HEAD_COUNTER)
        ).scalar_one_or_none()
        checked, prev_hash, last_seq = 0, GENESIS, 0
        progress(0, total, "核验审计链")
        while True:
            linked = t.cases.c.number.label("linked_number")
            rows = session.execute(
                select(
                    e.id,
                    e.seq,
                    e.case_id,
                    e.case_number,
                    linked,
                    e.at,
                    e.actor_id,
                    e.action,
                    e.article,
                    e.summary,
                    e.details,
                    e.prev_hash,
                    e.hash,
                )
                .select_from(t.events.outerjoin(t.cases, t.cases.c.id == e.case_id))
                .where(e.seq > last_seq)
                .order_by(e.seq)
                .limit(PAGE)
            ).all()
            if not rows:
                break
            # An event may lose its case only with the case (JY12345 art. 5): numbers are never
            # reused, so a case still bearing the number means it was detached by hand.
            unlinked = {r.case_number for r in rows if r.case_id is None and r.case_number}
            living = (
                set(session.scalars(select(t.cases.c.number).where(t.cases.c.number.in_(unlinked))))
                if unlinked
                else set()
            )
            for row in rows:
                position = checked + 1
                if row.seq != position or row.prev_hash != prev_hash:
                    return _broken(
                        checked, row.id, position, BreakReason.REMOVED_OR_INSERTED, prev_hash
                    )
                digest = row_hash(
                    seq=row.seq,
                    id=row.id,
                    case_number=row.case_number,
                    at=row.at,
                    actor_id=row.actor_id,
                    action=row.action,
                    article=row.article,
                    summary=row.summary,
                    details=row.details,
                    prev_hash=row.prev_hash,
                )
                if row.case_id is not None:
                    linked_right = row.linked_number == row.case_number
                else:
                    linked_right = row.case_number is None or row.case_number not in living
                if digest != row.hash or not linked_right:
                    return _broken(checked, row.id, position, BreakReason.EDITED, prev_hash)
                checked, prev_hash, last_seq = position, row.hash, row.seq
            progress(checked, total, "核验审计链")
        if checked != total:
            # Rows the walk never reached (a hand-made seq of 0 or less) were put in by hand.
            stray = session.execute(select(func.min(e.id)).where(e.seq <= 0)).scalar()
            return _broken(checked, stray, checked + 1, BreakReason.REMOVED_OR_INSERTED, prev_hash)
        if (registered_head or 0) != checked:
            # The tail was cut off, or rows were added past the registered head: the first row
            # that is missing or in excess.
            position = min(registered_head or 0, checked) + 1
            excess = session.execute(select(e.id).where(e.seq == position)).scalar()
            return _broken(checked, excess, position, BreakReason.HEAD_MISMATCH, prev_hash)
        return ChainReport(checked, None, prev_hash)


def _broken(
    checked: int, event_id: int | None, position: int, reason: BreakReason, good_head: str
) -> ChainReport:
    # head_hash is then the last hash the check could vouch for.
    return ChainReport(checked, BrokenLink(event_id, position, reason), good_head)
