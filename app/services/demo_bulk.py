"""Bulk demo data: a county-sized demo (up to a million cases) generated and written in two processes."""

from __future__ import annotations

import multiprocessing
import pickle
import random
import time as timer
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from faker import Faker
from sqlalchemy import JSON, Column, Connection, Dialect, func, insert, select

from app.domain.cases import CURRENT_DEADLINE, EvaluationStage, RequestStatus
from app.domain.codes import format_case_number
from app.domain.deadlines import DeadlineKind, DueAt, Period, PeriodUnit, compute_due
from app.domain.duplicates import hazard_key
from app.domain.errors import DomainError, ValidationError
from app.domain.people import DocumentType, ResidentIdInfo, Sex, parse_resident_id
from app.domain.profiles import RuleProfile
from app.domain.vocabulary import (
    CaseState,
    ContactMethod,
    Kind,
    Priority,
    RefusalGround,
    Satisfaction,
)
from app.persistence import tables as t
from app.persistence.audit import insert_events
from app.persistence.types import AwareDateTime
from app.services import demo
from app.services.context import Services
from app.services.registration import PersonInput

# Above this many cases build_demo takes this path: the ORM path (~4 ms a case) would take
# minutes, and its per-case realism (rewards, call-backs, objections) matters less at that size.
BULK_FROM = 20_000
# Rows per executemany: large enough to amortise the round trip, small enough to stream.
BATCH_CASES = 5_000
# Cases per transaction: a few large transactions (a crash loses at most one), not one per case.
COMMIT_CASES = 100_000
# The daily sequence has four digits (app.domain.codes.format_case_number).
MAX_PER_DAY = 9_999
# A pool of citizens, so that some come back; capped to keep memory flat at a million cases.
MAX_PEOPLE = 200_000

S = CaseState
_BASIS = "镇党政机构职能配置方案"
# The states a short history may miss, each given once to a recent case, so that even a small
# bulk demo shows every state (refused, completed, evaluated and closed ones abound anyway).
_FORCED = (
    S.REGISTERED,
    S.AWAITING_MATERIALS,
    S.WITHDRAWN,
    S.ACCEPTED,
    S.DISPATCHED,
    S.RETURN_REQUESTED,
    S.IN_PROGRESS,
    S.RESULT_SUBMITTED,
    S.SENT_BACK,
)
_GROUNDS = tuple(g for g in RefusalGround if g is not RefusalGround.REPEAT)


# The tables written here besides events, parents first (foreign keys).
_TABLES = (
    "persons",
    "cases",
    "case_submitters",
    "deadlines",
    "contacts",
    "results",
    "evaluations",
    "return_requests",
)
# SQLite settings while the demo is written (the connection's own are put back after).
_PRAGMAS = {"synchronous": "OFF", "cache_size": -65_536}  # 64 MiB


def _sqlite_datetime(value: datetime | None) -> str | None:
    """What AwareDateTime and SQLite's DATETIME bind make of a value (naive UTC text with
    microseconds), without Core's per-value calls; a test compares the two on a whole demo."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to an AwareDateTime column")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _once_per_value(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The column type's own bind processor, called once per distinct value (enums, dates,
    flags: a few hundred values among millions)."""
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return seen[(type(value), value)]
        except KeyError:
            done = seen[(type(value), value)] = process(value)
            return done

    return convert


class _Encoder:
    """Rows of this module's tables as the DBAPI takes them on SQLite: the values Core's
    executemany would bind, for a plain executemany without Core's per-row work."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.sql: dict[str, str] = {}
        self.columns: dict[str, list[str]] = {}
        self.converters: dict[str, list[tuple[int, Callable[[Any], Any]]]] = {}
        for name in _TABLES:
            table = t.metadata.tables[name]
            columns = [c for c in table.columns if not (c.primary_key and name in _SERIAL)]
            self.columns[name] = [c.name for c in columns]
            self.converters[name] = [
                (i, convert) for i, c in enumerate(columns) if (convert := self.converter(c))
            ]
            self.sql[name] = (
                f"INSERT INTO {name} ({', '.join(c.name for c in columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})"
            )

    def converter(self, column: Column[Any]) -> Callable[[Any], Any] | None:
        if isinstance(column.type, AwareDateTime):
            return _sqlite_datetime
        process = column.type._cached_bind_processor(self.dialect)
        if process is None:
            return None
        if isinstance(column.type, JSON):
            return process  # lists and dicts: no cache by value
        return _once_per_value(process)

    def encode(self, name: str, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        columns, converters = self.columns[name], self.converters[name]
        encoded = []
        for row in rows:
            values = [row[c] for c in columns]
            for i, convert in converters:
                values[i] = convert(values[i])
            encoded.append(tuple(values))
        return encoded


# Tables whose ids the database gives (no id in the rows).
_SERIAL = frozenset(("deadlines", "contacts", "results", "evaluations", "return_requests"))


@dataclass
class _Tally:
    """What the summary and the day counters need, counted by the generator."""

    per_day: dict[date, int]
    by_state: dict[CaseState, int]
    overdue: int
    urgent: int
    anonymous: int
    joint: int
    persons: int


@dataclass
class _Batch:
    """A batch of cases with all their rows; the last one carries the tally instead."""

    cases: int
    tables: dict[str, list[Any]]
    events: list[dict[str, Any]]
    tally: _Tally | None


def _write(connection: Connection, encoder: _Encoder | None, batch: _Batch) -> None:
    for name, rows in batch.tables.items():
        if encoder is not None:
            connection.exec_driver_sql(encoder.sql[name], rows)
        else:
            connection.execute(insert(t.metadata.tables[name]), rows)
    # The audit chain gives each event its seq and hashes (RULES §5): never bypassed.
    insert_events(connection, batch.events)


def _generate(bulk: _Bulk, days: list[tuple[date, int]], sender: Any) -> None:
    """The generating process: each batch pickled here and sent (no feeder thread: one that
    competes with this loop for the GIL waits up to 5 ms per pipe buffer), then None; a
    failure as its traceback."""
    try:
        for batch in bulk.batches(days):
            sender.send_bytes(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
        sender.send_bytes(pickle.dumps(None))
    except BaseException:  # handed to the writer, which raises it
        sender.send_bytes(pickle.dumps(traceback.format_exc()))
    finally:
        sender.close()


def _in_parallel(bulk: _Bulk, days: list[tuple[date, int]]) -> Iterator[_Batch]:
    """The batches, generated in a second process while this one writes and hashes (about half
    the work each): the next batch is made while this one is written. In this process where
    processes cannot be forked (Windows)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from bulk.batches(days)
        return
    # Forked, so the child has the calendar, profiles and generator state without pickling; it
    # touches no database connection and leaves through os._exit.
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_generate, args=(bulk, days, sender), daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            try:
                batch = pickle.loads(receiver.recv_bytes())
            except EOFError:
                raise RuntimeError("演示数据生成进程意外退出，请重新生成。") from None
            if batch is None:
                break
            if isinstance(batch, str):
                raise RuntimeError(f"演示数据生成失败：\n{batch}")
            yield batch
        child.join()
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
            child.join()


# random.choices with the cumulative weights made once: the same draws as with the weights.
_KINDS = list(demo._KIND_WEIGHTS)
_KIND_CUMULATIVE = list(accumulate(demo._KIND_WEIGHTS.values()))
_OPENS, _LUNCH = demo._MORNING
_REOPENS, _CLOSES = demo._AFTERNOON


class _Clock(demo._Clock):
    """The ORM demo's clock, the same times from the same draws (a test compares the two), with
    the calendar's answers remembered: asked tens of millions of times for a few hundred days."""

    def __init__(self, svc: Services, seed: int, now: datetime) -> None:
        super().__init__(svc, seed, now)
        self.working: dict[date, bool] = {}
        self.added: dict[tuple[date, int], date] = {}

    def is_working(self, day: date) -> bool:
        working = self.working.get(day)
        if working is None:
            working = self.working[day] = self.calendar.is_working_day(day)
        return working

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working(day):
            day += timedelta(days=1)
        return day

    def office_later(self, start: datetime, lo: int, hi: int) -> datetime:
        minutes = self.rng.randint(lo, hi)
        current, zone = start, self.zone
        while True:
            day, clock = current.date(), current.time()
            if clock >= _CLOSES or not self.is_working(day):
                current = datetime.combine(self.next_working_day(day), _OPENS, zone)
                continue
            if clock < _OPENS:
                current = datetime.combine(day, _OPENS, zone)
                continue
            if _LUNCH <= clock < _REOPENS:
                current = datetime.combine(day, _REOPENS, zone)
                continue
            end = datetime.combine(day, _LUNCH if clock < _LUNCH else _CLOSES, zone)
            left = int((end - current).total_seconds() // 60)
            if minutes <= left:
                return current + timedelta(minutes=minutes)
            minutes -= left
            current = end

    def days_later(self, start: datetime, lo: int, hi: int) -> datetime:
        key = (start.date(), self.rng.randint(lo, hi))
        day = self.added.get(key)
        if day is None:
            day = self.added[key] = self.calendar.add_working_days(*key).day
        return max(self.office_time(day), start + timedelta(minutes=10))


class _Content(demo._Content):
    """The ORM demo's content generator with a cheaper set-up: names drawn from lists sampled
    from Faker once (Faker per person costs more than the rest of a case)."""

    def __init__(self, seed: int, cases: int, fake: Faker) -> None:
        self.rng = random.Random(seed)
        self.fake = fake
        self.query_codes: set[str] = set()
        self.ids: set[str] = set()
        self.male = sorted({fake.first_name_male() for _ in range(600)})
        self.female = sorted({fake.first_name_female() for _ in range(600)})
        self.surnames = sorted({fake.last_name() for _ in range(300)})
        self.people = [self.person() for _ in range(max(20, min(cases * 3 // 4, MAX_PEOPLE)))]
        self.reported = [self.reported_unit() for _ in range(max(8, min(cases // 15, 20_000)))]
        self.levels_given = 0
        self.grounds_given = 0

    def person(self) -> PersonInput:
        rng = self.rng
        male = rng.random() < 0.5
        surname = rng.choice(demo._LOCAL_SURNAMES if rng.random() < 0.8 else self.surnames)
        name = surname + rng.choice(self.male if male else self.female)
        phone = (
            f"0662{rng.choice('2368')}{rng.randrange(10**6):06d}"
            if rng.random() < 0.06
            else self.mobile()
        )
        return PersonInput(
            name=name, doc_number=self.resident_id(male), phone=phone, address=self.address()
        )


class _Bulk:
    """Writes the cases in received order, batch by batch, each with its whole life so far."""

    def __init__(
        self,
        svc: Services,
        seed: int,
        cases: int,
        actors: dict[str, int],
        unit_ids: dict[str, int],
        content: _Content,
    ) -> None:
        self.svc = svc
        self.now = svc.now()
        self.today = self.now.date()
        self.total = cases
        self.content = content
        self.clock = _Clock(svc, seed, self.now)
        self.rng = random.Random(seed * 104729 + 5)
        self.calendar = svc.calendar
        self.clerks = (actors["li.clerk"], actors["chen.clerk"])
        self.lead = actors["zhang.supervisor"]
        self.unit_ids = unit_ids
        with svc.uow(write=False) as uow:
            self.schedule = svc.profile_schedule(uow)
        self.profiles: dict[date, RuleProfile] = {}
        self.dues: dict[tuple[date, int, PeriodUnit], DueAt] = {}
        self.person_ids: dict[str, int] = {}
        self.regions: dict[tuple[str, str], ResidentIdInfo] = {}
        self.next_person = 1
        self.next_case = 1
        self.per_day: Counter[date] = Counter()
        self.by_state: Counter[CaseState] = Counter()
        self.overdue = self.urgent = self.anonymous = self.joint = 0
        dialect = svc.database.write_engine.dialect
        self.encoder = _Encoder(dialect) if dialect.name == "sqlite" else None
        self._reset()

    def _reset(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (*_TABLES, "events")}

    # --- rules and dates -----------------------------------------------------------------------

    def profile(self, day: date) -> RuleProfile:
        profile = self.profiles.get(day)
        if profile is None:
            profile = self.profiles[day] = self.svc.profiles.get(self.schedule.key_for(day))
        return profile

    def due(self, start: datetime, period: Period) -> DueAt:
        """compute_due, the domain's one way from a period to a date; day periods depend only
        on the start day, so they are computed once per day, amount and unit."""
        if period.unit is PeriodUnit.MINUTES:
            return compute_due(self.calendar, start, period.amount, period.unit)
        key = (start.date(), period.amount, period.unit)
        found = self.dues.get(key)
        if found is None:
            found = self.dues[key] = compute_due(self.calendar, start, period.amount, period.unit)
        return found

    def days(self) -> list[tuple[date, int]]:
        """Working days of the two years before today, and how many cases each received."""
        first = self.today - timedelta(days=demo.HISTORY_DAYS)
        days = [
            first + timedelta(days=n)
            for n in range((self.today - first).days)
            if self.calendar.is_working_day(first + timedelta(days=n))
        ]
        # Mondays are busier at the counter; each day varies a little around its weekday.
        weights = [(1.3 if d.weekday() == 0 else 1.0) * self.rng.uniform(0.8, 1.2) for d in days]
        counts = Counter(self.rng.choices(range(len(days)), weights=weights, k=self.total))
        if max(counts.values()) > MAX_PER_DAY:
            raise ValidationError("cases", "演示案件数过多：单日案件编号只有四位（最多 9999 件）。")
        return [(day, counts[i]) for i, day in enumerate(days) if counts[i]]

    # --- the run ---------------------------------------------------------------------------------

    def batches(self, days: list[tuple[date, int]]) -> Iterator[_Batch]:
        """The cases in received order, a batch of rows at a time, as ``encode`` gives them;
        then the counts the summary and the counters need."""
        # The forced states go to the first cases of the last five weeks: old enough for a
        # withdrawal, young enough that a case stuck there looks like today's backlog.
        window = days[-25][0] if len(days) >= 25 else days[0][0]
        forced = list(_FORCED)
        for day, count in days:
            minutes = sorted(
                (self.clock.rng.randrange(demo._OFFICE_MINUTES), self.clock.rng.randrange(60))
                for _ in range(count)
            )
            for minute, second in minutes:
                received = self.clock.at(day, minute) + timedelta(seconds=second)
                target = forced.pop() if forced and day >= window else None
                self.case(received, target)
                if len(self.rows["cases"]) >= BATCH_CASES:
                    yield self.take()
        yield self.take()
        yield _Batch(len(self.rows["cases"]), {}, [], self.tally())

    def take(self) -> _Batch:
        """The rows gathered so far, ready for the writer (tuples as SQLite stores them)."""
        rows = self.rows
        tables = {
            name: self.encoder.encode(name, rows[name]) if self.encoder else rows[name]
            for name in _TABLES
            if rows[name]
        }
        batch = _Batch(len(rows["cases"]), tables, rows["events"], None)
        self._reset()
        return batch

    def tally(self) -> _Tally:
        return _Tally(
            per_day=dict(self.per_day),
            by_state=dict(self.by_state),
            overdue=self.overdue,
            urgent=self.urgent,
            anonymous=self.anonymous,
            joint=self.joint,
            persons=self.next_person - 1,
        )

    # --- one case --------------------------------------------------------------------------------

    def case(self, received: datetime, target: CaseState | None) -> None:
        rng, content = self.rng, self.content
        kind = rng.choices(_KINDS, cum_weights=_KIND_CUMULATIVE)[0]
        if target is S.WITHDRAWN or target is S.AWAITING_MATERIALS:
            kind = Kind.COMPLAINT
        urgent = kind in demo._URGENT_KINDS and rng.random() < 0.04 and target is None
        form, unit, method, outcome, basis = content.facts(kind, urgent)
        priority = Priority.URGENT if urgent else Priority.NORMAL
        profile = self.profile(received.date())
        case_id = self.next_case
        self.next_case += 1
        self.per_day[received.date()] += 1
        clerk = self.clerks[rng.randrange(2)]
        occurred_day = received.date() - timedelta(days=rng.randint(0, 6))
        place = form.place or (form.reported_unit_address if kind is Kind.TIP_OFF else "")
        row: dict[str, Any] = {
            "id": case_id,
            "number": format_case_number(
                demo.DEMO_CENTRE_CODE, received.date(), self.per_day[received.date()]
            ),
            "query_code": content.query_code(),
            "kind": kind,
            "priority": priority,
            "channel": form.channel,
            "profile_key": profile.key,
            "state": S.REGISTERED,
            "received_at": received,
            "registered_by": clerk,
            "anonymous": not form.submitters,
            "occurred": form.occurred.format(
                day=f"{occurred_day.year}年{occurred_day.month}月{occurred_day.day}日"
            ),
            "place": place,
            "content": form.content,
            "request": form.request,
            "reported_unit_name": form.reported_unit_name,
            "reported_unit_address": form.reported_unit_address,
            "hazard_category": form.hazard_category,
            "hazard_key": (
                hazard_key(
                    form.reported_unit_name, form.reported_unit_address, form.hazard_category
                )
                if kind is Kind.TIP_OFF
                else None
            ),
            "evidence": form.evidence,
            "unit_id": None,
            "designated": False,
            "first_received_at": None,
            "received_by_unit_at": None,
            "first_contact_at": None,
            "completed_at": None,
            "closed_at": None,
            "refusal_ground": None,
            "refusal_reason": "",
            "related_case_id": None,
            "missing_materials": [],
            "materials_requested_at": None,
            "due_date": None,
            "due_at": None,
            "due_kind": None,
            "due_provisional": False,
        }
        self.rows["cases"].append(row)
        self.submitters(case_id, form.submitters)
        self.urgent += urgent
        self.anonymous += not form.submitters
        self.joint += len(form.submitters) > 1
        life = _Life(self, row, profile, clerk, urgent)
        life.register(len(form.submitters))
        # The newest cases may stop anywhere (work left for tomorrow); a few older ones did
        # too and are overdue now. A forced target stops at the first step that reaches it.
        age = (self.today - received.date()).days
        stall = rng.random() < (0.04 if age <= 45 else 0.002)
        stop = rng.randint(0, 9) if stall else None
        life.live(kind, unit, method, outcome, basis, stop, target)
        deadlines = life.deadlines
        current_kind = CURRENT_DEADLINE.get(row["state"])
        current = deadlines.get(current_kind) if current_kind is not None else None
        if current is not None and current["met_at"] is None:
            row["due_date"], row["due_at"] = current["due_date"], current["due_at"]
            row["due_kind"], row["due_provisional"] = current["kind"], current["provisional"]
            self.overdue += (
                self.now > current["due_at"]
                if current["due_at"] is not None
                else self.today > current["due_date"]
            )
        self.rows["deadlines"].extend(deadlines.values())
        self.by_state[row["state"]] += 1

    def person(self, person_id: int, given: PersonInput) -> dict[str, Any]:
        """The persons row registration would write (resolve_person): what the resident ID says
        of birth, sex and region, read as parse_resident_id reads it."""
        number = given.doc_number
        row: dict[str, Any] = {
            "id": person_id,
            "name": given.name,
            "doc_type": DocumentType.RESIDENT_ID if number else None,
            "doc_number": number or None,
            "phone": given.phone or None,
            "address": given.address,
            "birth_date": None,
            "sex": None,
            "region_code": None,
            "region_name": "",
        }
        if number:
            # The division table lookup is the slow part of parse_resident_id (stdnum's numdb),
            # and its answer depends only on the region code and the birth year: once each.
            key = (number[:6], number[6:10])
            info = self.regions.get(key)
            if info is None:
                info = self.regions[key] = parse_resident_id(number)
            row["birth_date"] = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            row["sex"] = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
            row["region_code"], row["region_name"] = info.region_code, info.region_name
        return row

    def submitters(self, case_id: int, given: list[PersonInput]) -> None:
        for position, person in enumerate(given):
            person_id = self.person_ids.get(person.doc_number) if person.doc_number else None
            if person_id is None:
                person_id = self.next_person
                self.next_person += 1
                self.rows["persons"].append(self.person(person_id, person))
                if person.doc_number:
                    self.person_ids[person.doc_number] = person_id
            self.rows["case_submitters"].append(
                {"case_id": case_id, "person_id": person_id, "position": position}
            )


class _Life:
    """One case's steps as the domain (app.domain.cases.Case) takes them, same states, clocks,
    events and articles, written as rows; steps that would fall after "now" do not happen."""

    def __init__(
        self, bulk: _Bulk, row: dict[str, Any], profile: RuleProfile, clerk: int, urgent: bool
    ) -> None:
        self.bulk = bulk
        self.row = row
        self.profile = profile
        self.clerk = clerk
        self.urgent = urgent
        self.deadlines: dict[DeadlineKind, dict[str, Any]] = {}
        self.results: list[dict[str, Any]] = []
        self.steps = 0
        self.stop: int | None = None
        self.target: CaseState | None = None

    # --- helpers ---------------------------------------------------------------------------------

    def log(
        self,
        action: str,
        at: datetime,
        summary: str,
        article: str | None,
        actor: int | None = None,
        **details: Any,
    ) -> None:
        self.bulk.rows["events"].append(
            {
                "case_id": self.row["id"],
                "at": at,
                "actor_id": self.clerk if actor is None else actor,
                "action": action,
                "article": article,
                "summary": summary,
                "details": details,
            }
        )

    def start(self, kind: DeadlineKind, at: datetime, period: Period) -> dict[str, Any]:
        due = self.bulk.due(at, period)
        deadline = {
            "case_id": self.row["id"],
            "claim_id": None,
            "kind": kind,
            "starts_at": at,
            "amount": period.amount,
            "unit": period.unit,
            "article": period.article,
            "due_date": due.day,
            "due_at": due.instant,
            "provisional": due.provisional,
            "met_at": None,
        }
        self.deadlines[kind] = deadline
        return deadline

    def meet(self, kind: DeadlineKind, at: datetime) -> None:
        deadline = self.deadlines.get(kind)
        if deadline is not None and deadline["met_at"] is None:
            deadline["met_at"] = at

    def stop_all(self, at: datetime) -> None:
        for kind in (DeadlineKind.RETURN_WINDOW, DeadlineKind.DISPATCH):
            self.meet(kind, at)

    def may(self, at: datetime) -> bool:
        """Whether the next step happens: before now, before a stall, before a reached target."""
        if at > self.bulk.now or self.row["state"] is self.target:
            return False
        if self.stop is not None and self.steps >= self.stop:
            return False
        self.steps += 1
        return True

    # --- the steps (each mirrors the Case method of the same name) -------------------------------

    def register(self, people: int) -> None:
        row, at = self.row, self.row["received_at"]
        priority, kind = row["priority"], row["kind"]
        self.log(
            "register",
            at,
            f"登记{priority.label}{kind.label}，渠道：{row['channel'].label}"
            + ("（匿名）" if row["anonymous"] else f"，诉求人 {people} 人"),
            "YJ12345 art. 7",
        )
        # YJ12345 art. 9(1)/(2): dispatch within 1 working day, urgent items within 10 minutes.
        dispatch = self.profile.dispatch[priority]
        if dispatch is not None:
            self.start(DeadlineKind.DISPATCH, at, dispatch)

    def live(
        self,
        kind: Kind,
        unit: str,
        method: str,
        outcome: str,
        basis: str,
        stop: int | None,
        target: CaseState | None,
    ) -> None:
        rng, clock, bulk = self.bulk.rng, self.bulk.clock, self.bulk
        self.stop, self.target = stop, target
        at: datetime = self.row["received_at"]
        roll = rng.random()
        if target is S.NOT_ACCEPTED or (target is None and roll < 0.12):
            at = clock.office_later(at, 10, 120)
            if self.may(at):
                self.refuse(at, rng.choice(_GROUNDS))
            return
        if target in (S.AWAITING_MATERIALS, S.WITHDRAWN) or (target is None and roll < 0.19):
            at = clock.office_later(at, 10, 90)
            if not self.may(at):
                return
            self.request_materials(at, rng.sample(demo._MATERIALS, rng.randint(1, 3)))
            if target is S.AWAITING_MATERIALS:
                return
            if target is S.WITHDRAWN or rng.random() < 0.25:
                at = clock.days_later(at, 6, 9)
                if self.may(at):
                    self.withdraw(at)
                return
            at = clock.days_later(at, 1, 4)
            if not self.may(at):
                return
            self.supply(at)
        elif kind is Kind.CONSULTATION and target is None and rng.random() < 0.4:
            at = clock.office_later(at, 5, 20)
            if not self.may(at):
                return
            self.answer_at_once(at, outcome)
            self.after_handling(at)
            return
        else:
            slip = rng.random() < 0.02 and not self.urgent
            if self.urgent:
                at = clock.wall_later(at, 1, 3)
            else:
                at = clock.days_later(at, 1, 2) if slip else clock.office_later(at, 3, 40)
            if not self.may(at):
                return
            self.accept(at)
        if self.urgent:
            at = clock.wall_later(at, 2, 6)
        elif rng.random() < 0.06:
            at = clock.days_later(at, 2, 3)  # a slip: dispatched late
        else:
            at = clock.office_later(at, 15, 300)
        if not self.may(at):
            return
        designated = target is None and rng.random() < 0.05
        self.dispatch(at, unit, designated)
        # A return request still waiting for the centre: only the pending ones are kept, as
        # the demo does not write return decisions (see the ORM path for those).
        if not designated and (target is S.RETURN_REQUESTED or rng.random() < 0.03):
            asked = clock.office_later(at, 30, 480)
            decided = clock.office_later(asked, 30, 240)
            if target is S.RETURN_REQUESTED or (asked <= bulk.now < decided):
                if self.may(asked):
                    self.request_return(asked, rng.choice(demo._RETURN_REASONS_WEAK))
                return
        if self.urgent:
            at = clock.wall_later(at, 5, 45)
        elif rng.random() < 0.08:
            at = clock.days_later(at, 2, 3)  # contacted late
        else:
            at = clock.office_later(at, 20, 360)
        if not self.may(at):
            return
        self.contact(at, rng.choice((ContactMethod.PHONE, ContactMethod.PHONE, ContactMethod.SMS)))
        at = self.result_time(at)
        if not self.may(at):
            return
        self.submit_result(at, method, outcome, basis)
        if target is S.SENT_BACK or (target is None and rng.random() < 0.08):
            at = clock.office_later(at, 30, 900)
            if not self.may(at):
                return
            self.review(at, False, rng.choice(demo._SEND_BACK_COMMENTS))
            at = clock.days_later(at, 1, 3)
            if not self.may(at):
                return
            self.submit_result(at, method, outcome, basis)
        at = clock.office_later(at, 30, 900)
        if not self.may(at):
            return
        self.review(at, True, "")
        self.after_handling(at)

    def after_handling(self, at: datetime) -> None:
        rng, clock = self.bulk.rng, self.bulk.clock
        if self.target is S.CLOSED or rng.random() < 0.85:
            at = clock.days_later(at, 1, 3)
            if not self.may(at):
                return
            self.evaluate(at, self.bulk.content.level())
        if rng.random() < 0.97 or self.target is S.CLOSED:
            at = clock.days_later(at, 1, 5)
            if self.may(at):
                self.close(at)

    def result_time(self, at: datetime) -> datetime:
        """Mostly within the completion period, now and then a few days late (as the ORM demo)."""
        rng, clock = self.bulk.rng, self.bulk.clock
        deadline = self.deadlines[DeadlineKind.COMPLETION]
        amount = deadline["amount"]
        n = (
            amount + rng.randint(1, 3)
            if rng.random() < 0.08
            else rng.randint(max(1, amount // 3), amount)
        )
        day = self.bulk.calendar.add_working_days(deadline["starts_at"].date(), n).day
        return max(clock.office_time(day), clock.office_later(at, 30, 240))

    def refuse(self, at: datetime, ground: RefusalGround) -> None:
        row = self.row
        reason = demo._GROUND_REASONS[ground]
        row["state"], row["refusal_ground"], row["refusal_reason"] = S.NOT_ACCEPTED, ground, reason
        row["closed_at"] = at
        self.stop_all(at)
        self.log(
            "refuse",
            at,
            f"不予受理：{ground.label}",
            ground.article,
            ground=ground.value,
            reason=reason,
        )

    def request_materials(self, at: datetime, items: list[str]) -> None:
        row, profile = self.row, self.profile
        row["state"], row["missing_materials"], row["materials_requested_at"] = (
            S.AWAITING_MATERIALS,
            items,
            at,
        )
        # STD item 6: supplied within the profile's period from the notice.
        deadline = self.start(DeadlineKind.MATERIALS, at, profile.materials_supply)
        shown = deadline["due_date"].isoformat() + ("（暂定）" if deadline["provisional"] else "")
        self.log(
            "request_materials",
            at,
            f"一次性告知补正 {len(items)} 项，补正期限 {shown}",
            profile.materials_notice.article,
            items=items,
        )

    def supply(self, at: datetime) -> None:
        self.meet(DeadlineKind.MATERIALS, at)
        self.log("supply_materials", at, "已补正材料", "STD item 6", note="已补齐材料")
        self.accept(at)

    def withdraw(self, at: datetime) -> None:
        self.row["state"], self.row["closed_at"] = S.WITHDRAWN, at
        self.stop_all(at)
        self.log("withdraw", at, "逾期未补正，视为撤回", "STD item 6")

    def accept(self, at: datetime) -> None:
        self.row["state"] = S.ACCEPTED
        self.log("accept", at, "受理", "YJ12345 art. 8")

    def answer_at_once(self, at: datetime, answer: str) -> None:
        self.results.append(self.result(at, at, "窗口即时答复", answer, "YJ12345 art. 8"))
        self.results[-1]["review_passed"] = True
        self.row["state"], self.row["completed_at"] = S.COMPLETED, at
        self.stop_all(at)
        self.log("answer_at_once", at, "咨询即时答复并办结", "YJ12345 art. 9(1)1")

    def dispatch(self, at: datetime, unit: str, designated: bool) -> None:
        row, profile = self.row, self.profile
        self.meet(DeadlineKind.DISPATCH, at)
        unit_id = self.bulk.unit_ids[unit]
        row["designated"], row["state"], row["unit_id"] = designated, S.DISPATCHED, unit_id
        row["first_received_at"] = row["received_by_unit_at"] = at
        # YJ12345 art. 9, 10: the unit's periods run from its receipt.
        rule = profile.completion_rule(row["kind"], row["priority"])
        self.start(DeadlineKind.COMPLETION, at, rule.period)
        contact = profile.first_contact[row["priority"]]
        if contact is not None:
            self.start(DeadlineKind.FIRST_CONTACT, at, contact)
        if self.urgent and profile.on_site_urgent is not None:
            self.start(DeadlineKind.ON_SITE, at, profile.on_site_urgent)
        if not designated:
            self.start(DeadlineKind.RETURN_WINDOW, at, profile.return_window)
        self.log(
            "dispatch",
            at,
            f"转办至承办单位{demo._UNIT_NAMES[unit]}"
            + ("（中心指定，不得退回）" if designated else ""),
            "YJ12345 art. 10",
            unit_id=unit_id,
            designated=designated,
        )

    def request_return(self, at: datetime, reason: str) -> None:
        self.bulk.rows["return_requests"].append(
            {
                "case_id": self.row["id"],
                "unit_id": self.row["unit_id"],
                "requested_at": at,
                "reason": reason,
                "basis": _BASIS,
                "recorded_by": self.clerk,
                "status": RequestStatus.PENDING,
                "decided_by": None,
                "decided_at": None,
                "decision_note": "",
                "new_unit_id": None,
            }
        )
        self.row["state"] = S.RETURN_REQUESTED
        self.meet(DeadlineKind.RETURN_WINDOW, at)
        self.log(
            "request_return", at, f"承办单位申请退回：{reason}", self.profile.return_window.article
        )

    def contact(self, at: datetime, method: ContactMethod) -> None:
        note = self.bulk.rng.choice(demo._CONTACT_NOTES)
        self.bulk.rows["contacts"].append(
            {
                "case_id": self.row["id"],
                "at": at,
                "method": method,
                "note": note,
                "recorded_by": self.clerk,
            }
        )
        self.row["first_contact_at"] = at
        self.meet(DeadlineKind.FIRST_CONTACT, at)
        self.row["state"] = S.IN_PROGRESS
        self.log("contact", at, f"首次联系诉求人（{method.label}）", "YJ12345 art. 11(1)")

    def result(
        self, at: datetime, handled: datetime, method: str, outcome: str, basis: str
    ) -> dict[str, Any]:
        row = {
            "case_id": self.row["id"],
            "submitted_at": at,
            "handled_at": handled,
            "method": method,
            "outcome": outcome,
            "basis": basis,
            "recorded_by": self.clerk,
            "review_passed": None,
            "review_comment": "",
            "reviewed_by": None,
            "reviewed_at": None,
        }
        self.bulk.rows["results"].append(row)
        return row

    def submit_result(self, at: datetime, method: str, outcome: str, basis: str) -> None:
        since = self.row["first_contact_at"] or self.row["first_received_at"]
        self.results.append(self.result(at, since + (at - since) * 0.7, method, outcome, basis))
        self.row["state"] = S.RESULT_SUBMITTED
        self.log("submit_result", at, "承办单位提交办理结果，待审核", "YJ12345 art. 14")

    def review(self, at: datetime, passed: bool, comment: str) -> None:
        result = self.results[-1]
        result["review_passed"], result["review_comment"] = passed, comment
        result["reviewed_by"], result["reviewed_at"] = self.bulk.lead, at
        if passed:
            self.row["state"], self.row["completed_at"] = S.COMPLETED, at
            self.meet(DeadlineKind.COMPLETION, result["submitted_at"])
            self.stop_all(at)
            self.log("review_pass", at, "审核通过，办结", "YJ12345 art. 14", self.bulk.lead)
        else:
            self.row["state"] = S.SENT_BACK
            self.log(
                "send_back",
                at,
                f"审核不通过，发回重新办理：{comment}（时限仍自首次接单起计算）",
                "YJ12345 art. 14",
                self.bulk.lead,
                comment=comment,
            )

    def evaluate(self, at: datetime, level: Satisfaction) -> None:
        stage, method = EvaluationStage.AFTER_HANDLING, ContactMethod.PHONE
        self.bulk.rows["evaluations"].append(
            {
                "case_id": self.row["id"],
                "at": at,
                "level": level,
                "stage": stage,
                "method": method,
                "comment": demo._EVALUATION_COMMENTS[level],
                "recorded_by": self.clerk,
                "tags": [],
            }
        )
        self.row["state"] = S.EVALUATED
        # YJ12345 art. 20; STD item 17: 好差评 after handling.
        self.log(
            "evaluate",
            at,
            f"{stage.label}：{level.label}（{method.label}）",
            "YJ12345 art. 20",
            level=level.value,
            stage=stage.value,
            tags=[],
        )

    def close(self, at: datetime) -> None:
        self.row["state"], self.row["closed_at"] = S.CLOSED, at
        self.log("close", at, "归档", "JY12345 art. 18")


def _load(svc: Services, bulk: _Bulk, progress: Callable[[int, int], None] | None) -> _Tally:
    """Write the generated batches, a few large transactions in all; returns the tally."""
    days = bulk.days()
    done = in_transaction = 0
    tally: _Tally | None = None
    with svc.database.write_engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw: Any = connection.connection.driver_connection if sqlite else None
        kept: dict[str, Any] = {}
        if raw is not None:
            # Outside any transaction (SQLite refuses to change the safety level inside one),
            # on this connection only: a larger page cache for the indexes, and no fsync while
            # the file is built (a crash leaves a demo to build again, never a real register).
            kept = {p: raw.execute(f"PRAGMA {p}").fetchone()[0] for p in _PRAGMAS}
            for pragma, value in _PRAGMAS.items():
                raw.execute(f"PRAGMA {pragma}={value}")
        try:
            transaction = connection.begin()
            for batch in _in_parallel(bulk, days):
                if batch.tally is not None:
                    tally = batch.tally
                    continue
                _write(connection, bulk.encoder, batch)
                if progress is not None:
                    for n in range(done + 1, done + batch.cases + 1):
                        progress(n, bulk.total)
                done += batch.cases
                in_transaction += batch.cases
                if in_transaction >= COMMIT_CASES:
                    transaction.commit()
                    transaction = connection.begin()
                    in_transaction = 0
            assert tally is not None  # the generator's last batch
            if connection.dialect.name == "postgresql":
                # Ids were given here, so the serial sequences never moved: move them past.
                for table in ("persons", "cases"):
                    connection.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT max(id) FROM {table}))"
                    )
            # Registering a case tomorrow takes the next number of its day from these.
            connection.execute(
                insert(t.counters),
                [
                    {"name": f"case:{d:%Y%m%d}", "value": n}
                    for d, n in sorted(tally.per_day.items())
                ],
            )
            transaction.commit()
            if raw is not None:
                for pragma, value in kept.items():
                    raw.execute(f"PRAGMA {pragma}={value}")
                # Written through to the database file and synced, the write-ahead log emptied.
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except BaseException:
            if sqlite:
                # Closed rather than put back in the pool with the build's settings.
                connection.invalidate()
            raise
    return tally


def build_bulk_demo(
    svc: Services,
    *,
    cases: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> demo.DemoSummary:
    """Fill an empty, migrated database with a large demo centre, fast: the same seed gives the
    same data. Users, settings and units go through the services as in the ORM path; the cases,
    their people, clocks, contacts, results, evaluations and events are generated in a second
    process and inserted here in batches of a few thousand rows (on SQLite as plain executemany
    of the values Core would bind), a few large transactions in all; the events through the
    audit chain (``insert_events``). Left out at this size: reward claims, call-backs, redos, objections,
    restrictions, extensions and decided returns (``build_demo`` below ``BULK_FROM`` has them).
    """
    if isinstance(cases, bool) or not 1 <= cases <= demo.MAX_DEMO_CASES:
        raise ValidationError("cases", f"演示案件数须在 1 至 {demo.MAX_DEMO_CASES} 之间。")
    with svc.uow(write=False) as uow:
        used = uow.session.execute(select(func.count()).select_from(t.users)).scalar_one()
        used += uow.session.execute(select(func.count()).select_from(t.cases)).scalar_one()
    if used:
        raise DomainError(
            "该数据库中已有用户或案件，演示数据只能写入新建的空数据库；请用 --db 指定一个新的数据库文件。"
        )
    started = timer.perf_counter()
    real_clock = svc.clock
    now = svc.now()
    try:
        fake = Faker("zh_CN")
        fake.seed_instance(seed)
        content = _Content(seed, cases, fake)
        setup_time = now - timedelta(days=demo.HISTORY_DAYS + 7)
        svc.clock = lambda: setup_time
        actors, unit_ids = demo._set_up(svc, content.rng, fake)
        svc.clock = lambda: now
        ids = {name: actor.user_id for name, actor in actors.items()}
        bulk = _Bulk(svc, seed, cases, ids, unit_ids, content)
        tally = _load(svc, bulk, progress)
    finally:
        svc.clock = real_clock
    return demo.DemoSummary(
        cases=cases,
        by_state={s: tally.by_state[s] for s in CaseState if tally.by_state.get(s)},
        overdue=tally.overdue,
        urgent=tally.urgent,
        anonymous=tally.anonymous,
        joint=tally.joint,
        persons=tally.persons,
        units=len(unit_ids),
        users=demo.DEMO_USERS,
        password=demo.DEMO_PASSWORD,
        seconds=timer.perf_counter() - started,
    )
