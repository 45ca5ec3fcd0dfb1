"""The service context: database, data folder, clock, profiles and calendar, and units of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.calendar import WorkCalendar, YearSchedule
from app.domain.cases import Case, CaseRules
from app.domain.errors import NotFound
from app.domain.events import Event
from app.domain.profiles import ProfileRegistry, ProfileSchedule, RuleProfile
from app.domain.users import Actor
from app.persistence import tables as t
from app.persistence.database import Database, DatabaseBusy, is_busy, open_database
from app.persistence.types import SHANGHAI
from resources import PROFILES_DIR

DEFAULT_SETTINGS: dict[str, Any] = {
    "centre_code": "TD01",
    "centre_name": "便民服务中心",
    "centre_address": "",
    "centre_phone": "",
    # Goes before the type's word in document numbers: 江城便民受〔2026〕12号.
    "document_prefix": "",
    # A folder of TrueType fonts to use before the system's (e.g. simfang.ttf copied from a PC).
    "font_dir": "",
    "backup_dir": "",
    # The profile in force from each date; the one in force on registration governs a case.
    "profile_schedule": [["2001-01-01", "yangjiang-2022"]],
    # YJ12345 art. 9(2): the centre keeps the urgent list and changes it over time.
    "urgent_list": [
        "停水、停电、停气等严重影响生产生活的情况",
        "燃气泄漏、火灾隐患等危及人身财产安全的隐患",
        "道路塌陷、井盖缺失、树木倒伏等危及通行安全的情况",
        "可能影响社会稳定的群体性诉求",
    ],
}


def shanghai_now() -> datetime:
    return datetime.now(SHANGHAI)


class UnitOfWork:
    """One transaction: commit explicitly; anything else rolls back and writes nothing."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def commit(self) -> None:
        self.session.commit()

    def get_case(self, case_id: int) -> Case:
        case = self.session.get(Case, case_id)
        if case is None:
            raise NotFound(f"找不到案件（编号 {case_id}），可能已被删除或输入有误。")
        return case

    def case_by_number(self, number: str) -> Case:
        case = self.session.scalars(select(Case).where(t.cases.c.number == number)).first()
        if case is None:
            raise NotFound(f"找不到案件 {number}，请核对案件编号。")
        return case

    def setting(self, key: str) -> Any:
        value = self.session.execute(
            select(t.settings.c.value).where(t.settings.c.key == key)
        ).scalar_one_or_none()
        return DEFAULT_SETTINGS.get(key) if value is None else value

    def log(
        self,
        actor: Actor,
        now: datetime,
        action: str,
        summary: str,
        article: str | None,
        *,
        case_id: int | None = None,
        **details: object,
    ) -> None:
        """An event no aggregate appends (a register change, a call-back attempt): on the trail
        all the same (RULES §5), on its case's timeline when it concerns one."""
        self.session.add(
            Event(
                action=action,
                at=now,
                actor_id=actor.user_id,
                summary=summary,
                article=article,
                details={k: v for k, v in details.items() if v is not None},
                case_id=case_id,
            )
        )

    def next_sequence(self, name: str) -> int:
        """Atomically take the next number of a named counter (an upsert, safe between counters)."""
        dialect = self.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert(t.counters)
            .values(name=name, value=1)
            .on_conflict_do_update(
                index_elements=[t.counters.c.name], set_={"value": t.counters.c.value + 1}
            )
            .returning(t.counters.c.value)
        )
        return int(self.session.execute(statement).scalar_one())


class Services:
    """Everything a use case needs; one per process (GUI) or per command (CLI)."""

    def __init__(
        self,
        database: Database,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = shanghai_now,
        profiles: ProfileRegistry | None = None,
    ) -> None:
        self.database = database
        self.data_dir = data_dir
        self.clock = clock
        self.profiles = profiles or ProfileRegistry.from_directory(PROFILES_DIR)
        self._calendar: WorkCalendar | None = None

    @classmethod
    def open(cls, url: str, data_dir: Path, **kwargs: Any) -> Services:
        return cls(open_database(url), data_dir, **kwargs)

    def close(self) -> None:
        self.database.refresh_planner_statistics()
        self.database.dispose()

    def now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the service clock must return aware datetimes")
        return now.astimezone(SHANGHAI)

    def today(self) -> date:
        return self.now().date()

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @contextmanager
    def uow(self, *, write: bool = True) -> Iterator[UnitOfWork]:
        session = self.database.session(write=write)
        try:
            yield UnitOfWork(session)
        except OperationalError as exc:
            if is_busy(exc):
                raise DatabaseBusy() from exc
            raise
        finally:
            # close() discards anything not committed and keeps loaded objects readable.
            session.close()

    # ----- rules -----------------------------------------------------------------------------

    @property
    def calendar(self) -> WorkCalendar:
        """The official calendar plus the schedules an administrator loaded (cached)."""
        if self._calendar is None:
            with self.uow(write=False) as uow:
                self._calendar = self.calendar_from(uow)
        return self._calendar

    @staticmethod
    def calendar_from(uow: UnitOfWork) -> WorkCalendar:
        rows = uow.session.execute(select(t.calendar_schedules)).mappings().all()
        return WorkCalendar(
            YearSchedule(
                year=row["year"],
                holidays=frozenset(date.fromisoformat(d) for d in row["holidays"]),
                workdays=frozenset(date.fromisoformat(d) for d in row["workdays"]),
                source=row["source"],
            )
            for row in rows
        )

    def forget_calendar(self) -> None:
        self._calendar = None

    def profile_schedule(self, uow: UnitOfWork) -> ProfileSchedule:
        entries = uow.setting("profile_schedule")
        return ProfileSchedule(tuple((date.fromisoformat(d), key) for d, key in entries))

    def profile_in_force(self, uow: UnitOfWork, on: date) -> RuleProfile:
        return self.profiles.get(self.profile_schedule(uow).key_for(on))

    def rules_for(self, case: Case) -> CaseRules:
        return CaseRules(self.profiles.get(case.profile_key), self.calendar)
