"""Reliability proof of issue 8: crash, two counters, bad input and tampering, with a summary table.

Usage (from the repository root, in the venv; ``make reliability`` runs the full version):

    python scripts/reliability.py                 # full: 50 kills, 60 s counters, 10,000 inputs
    python scripts/reliability.py --short         # the version tests/reliability runs
    python scripts/reliability.py --only crash    # one check (crash, counters, input, tamper)
    python scripts/reliability.py --no-postgres   # SQLite only (PostgreSQL counts as a failure)

Everything runs against real SQLite files in a temporary folder and a throwaway PostgreSQL server
(tests/pg_server.py). Only public services are called; raw SQL is used only to inspect the
result or, for the tampering check, to damage a copy on purpose. Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `app` and `tests` importable
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select  # noqa: E402
from stdnum.cn import ric  # noqa: E402

from app.domain import orders as o  # noqa: E402
from app.domain.cases import CaseState  # noqa: E402
from app.domain.errors import DomainError, TransitionError  # noqa: E402
from app.domain.people import DocumentType, normalise_document, normalise_phone  # noqa: E402
from app.domain.users import Actor, Role  # noqa: E402
from app.domain.vocabulary import (  # noqa: E402
    Channel,
    ContactMethod,
    HazardCategory,
    Kind,
    Priority,
)
from app.persistence import tables as t  # noqa: E402
from app.persistence.migrate import upgrade  # noqa: E402
from app.services import handling, imports, units, users  # noqa: E402
from app.services.context import Services  # noqa: E402
from app.services.registration import PersonInput, RegistrationForm, register  # noqa: E402

PASSWORD = "reliability-pass-1"
CJK = re.compile(r"[\u4e00-\u9fff]")
# What a clerk may be told when the database stays busy past the timeout (the issue allows it).
BUSY_WORDS = ("忙", "占用", "稍后再试", "锁定")


@dataclass(frozen=True)
class Params:
    kills: int
    counter_seconds: float
    registrations: int
    import_rows: int
    rows_per_file: int
    pg_registrations: int


FULL = Params(
    kills=50,
    counter_seconds=60,
    registrations=10_000,
    import_rows=3_000,
    rows_per_file=50,
    pg_registrations=1_000,
)
SHORT = Params(
    kills=5,
    counter_seconds=6,
    registrations=300,
    import_rows=200,
    rows_per_file=50,
    pg_registrations=100,
)


@dataclass
class Check:
    """One line of the summary table."""

    name: str
    runs: int = 0
    records: int = 0
    failures: int = 0
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the failures, printed in full

    def fail(self, problem: str) -> None:
        self.failures += 1
        if len(self.problems) < 30:  # enough to act on; the count says how many more
            self.problems.append(problem)


# ----- set-up -------------------------------------------------------------------------------------


def prepare(url: str, data_dir: Path) -> None:
    """A migrated database with an administrator, two clerks and two units."""
    svc = Services.open(url, data_dir)
    try:
        upgrade(svc.database)
        admin = users.create_first_admin(svc, "admin", "管理员", PASSWORD)
        users.create_user(svc, admin, "clerk1", "一号窗口", Role.CLERK, PASSWORD)
        users.create_user(svc, admin, "clerk2", "二号窗口", Role.CLERK, PASSWORD)
        units.add_unit(svc, admin, "CJB", "镇城建办", "陈主任", "0662-3312345")
        units.add_unit(svc, admin, "YJB", "镇应急管理办", "林主任")
    finally:
        svc.close()


def sign_in(svc: Services, username: str) -> Actor:
    return users.authenticate(svc, username, PASSWORD)


def resident_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def sample_form(rng: random.Random, index: int) -> RegistrationForm:
    """A valid registration of one of three shapes: named complaint, anonymous consultation,
    joint tip-off; now and then a returning person (their record is updated, not duplicated)."""
    shape = rng.random()
    if shape < 0.2:
        return RegistrationForm(kind=Kind.CONSULTATION, content=f"咨询社保办理流程 {index}")
    if rng.random() < 0.2:
        number = resident_id("44170219900307123")
        name = "张三丰"
    else:
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
        number = resident_id(f"441702{born:%Y%m%d}{rng.randrange(1000):03d}")
        name = "测试" + "".join(rng.choice("明华芳军丽强静") for _ in range(2))
    person = PersonInput(name=name, doc_number=number, phone=f"138{rng.randrange(10**8):08d}")
    if shape < 0.8:
        return RegistrationForm(
            kind=Kind.COMPLAINT,
            content=f"路灯不亮 {index}",
            occurred="上周起",
            place="江城区东风路",
            submitters=[person],
        )
    return RegistrationForm(
        kind=Kind.TIP_OFF,
        content=f"安全出口堵塞 {index}",
        occurred="昨晚",
        reported_unit_name="兴旺五金店",
        reported_unit_address="江城区东风路8号",
        hazard_category=HazardCategory.EVACUATION_BLOCKED,
        submitters=[person, PersonInput(name="李四", phone=f"139{rng.randrange(10**8):08d}")],
    )


# ----- 1. crash -----------------------------------------------------------------------------------


def child_register(url: str, data_dir: str, seed: int) -> None:
    """Register cases for ever; a number is printed only after ``register`` returned."""
    svc = Services.open(url, Path(data_dir))
    clerk = sign_in(svc, "clerk1")
    rng = random.Random(seed)
    print("ready", flush=True)
    index = 0
    while True:
        index += 1
        done = register(svc, clerk, sample_form(rng, index))
        print(f"ok {done.number} {done.query_code}", flush=True)


def _read_lines(stream: io.TextIOBase, into: list[str], ready: threading.Event) -> None:
    for line in stream:
        into.append(line.strip())
        if line.startswith("ready"):
            ready.set()
    ready.set()  # EOF: the child died before it was ready


def check_sqlite_file(path: Path, reported: dict[str, str], check: Check, when: str) -> int:
    """integrity, foreign keys, every reported registration present, numbers and codes unique,
    every case whole (its register event, its submitters). Returns the cases checked."""
    conn = sqlite3.connect(path)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            check.fail(f"{when}: integrity_check: {integrity[:5]}")
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            check.fail(f"{when}: foreign_key_check: {foreign[:5]}")
        rows = conn.execute("SELECT id, number, query_code, anonymous FROM cases").fetchall()
        numbers = Counter(r[1] for r in rows)
        codes = Counter(r[2] for r in rows)
        for label, seen in (("case number", numbers), ("query code", codes)):
            twice = [k for k, n in seen.items() if n > 1]
            if twice:
                check.fail(f"{when}: duplicate {label}s {twice[:5]}")
        stored = {r[1]: r[2] for r in rows}
        for number, code in reported.items():
            if number not in stored:
                check.fail(f"{when}: {number} was reported registered but is missing")
            elif stored[number] != code:
                check.fail(f"{when}: {number} has query code {stored[number]}, reported {code}")
        register_events = Counter(
            r[0]
            for r in conn.execute("SELECT case_id FROM events WHERE action = 'register'").fetchall()
        )
        named = {r[0] for r in conn.execute("SELECT DISTINCT case_id FROM case_submitters")}
        for case_id, number, _code, anonymous in rows:
            if register_events[case_id] != 1:
                check.fail(f"{when}: {number} has {register_events[case_id]} register events")
            if not anonymous and case_id not in named:
                check.fail(f"{when}: {number} is not anonymous but has no submitters")
        return len(rows)
    finally:
        conn.close()


def run_crash(kills: int, workdir: Path, seed: int) -> Check:
    check = Check("Crash (SIGKILL while registering, SQLite)")
    folder = workdir / "crash"
    db = folder / "towndesk.db"
    url = f"sqlite:///{db}"
    prepare(url, folder / "data")
    rng = random.Random(seed)
    reported: dict[str, str] = {}
    mid_startup = 0
    for kill in range(1, kills + 1):
        stderr_path = folder / "child.err"
        with stderr_path.open("wb") as stderr:
            child = subprocess.Popen(
                [sys.executable, __file__, "child-register", url, str(folder / "data"), str(kill)],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                encoding="utf-8",
            )
            lines: list[str] = []
            ready = threading.Event()
            assert child.stdout is not None
            reader = threading.Thread(target=_read_lines, args=(child.stdout, lines, ready))
            reader.start()
            # One kill in ten lands while the child starts (imports, connecting, signing in).
            if rng.random() < 0.1:
                mid_startup += 1
                time.sleep(rng.uniform(0.0, 1.0))
            else:
                ready.wait(timeout=120)
                time.sleep(rng.uniform(0.0, 0.8))
            child.send_signal(signal.SIGKILL)
            child.wait()
            reader.join()
            child.stdout.close()
        if child.returncode != -signal.SIGKILL:
            check.fail(
                f"kill {kill}: the child ended by itself ({child.returncode}):\n"
                + stderr_path.read_text(errors="replace")[-2000:]
            )
        for line in lines:
            if line.startswith("ok "):
                _, number, code = line.split()
                reported[number] = code
        check.runs += 1
        check.records += check_sqlite_file(db, reported, check, f"after kill {kill}")
    check.notes.append(
        f"{len(reported)} registrations reported before a kill, all present; "
        f"{mid_startup} kills during start-up"
    )
    return check


# ----- 2. two counters ----------------------------------------------------------------------------

# What each step does to a case, to choose the next step from the state a counter reads.
NEXT_STEP = {
    CaseState.REGISTERED: "accept",
    CaseState.ACCEPTED: "dispatch",
    CaseState.DISPATCHED: "contact",
    CaseState.IN_PROGRESS: "contact",
}


def child_counter(url: str, data_dir: str, username: str, seconds: float, out: str) -> None:
    """One counter: register and act on recent cases (the other counter's too) until time is up.

    Every line of ``out`` is written after the service returned or raised; the parent compares
    them with the database.
    """
    svc = Services.open(url, Path(data_dir))
    actor = sign_in(svc, username)
    unit_ids = [u.id for u in units.list_units(svc)]
    rng = random.Random(username)
    print("ready", flush=True)
    sys.stdin.readline()  # both counters start together
    deadline = time.monotonic() + seconds
    index = 0
    with open(out, "w", encoding="utf-8") as log:

        def note(**entry: object) -> None:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            log.flush()

        while time.monotonic() < deadline:
            index += 1
            step = "register"
            case_id: int | None = None
            try:
                if rng.random() < 0.3:
                    done = register(svc, actor, sample_form(rng, index))
                    note(op="register", case=done.case_id, number=done.number, code=done.query_code)
                    continue
                # The most recent cases, so that both counters often act on the same one.
                with svc.uow(write=False) as uow:
                    recent = uow.session.execute(
                        select(t.cases.c.id, t.cases.c.state)
                        .where(t.cases.c.kind != Kind.CONSULTATION)
                        .order_by(t.cases.c.id.desc())
                        .limit(6)
                    ).all()
                if not recent:
                    continue
                case_id, state = rng.choice(recent)
                step = NEXT_STEP.get(state, "contact")
                if step == "accept":
                    handling.accept(svc, actor, case_id)
                elif step == "dispatch":
                    handling.dispatch(svc, actor, case_id, rng.choice(unit_ids))
                else:
                    handling.record_contact(svc, actor, case_id, ContactMethod.PHONE, "电话联系")
                note(op=step, case=case_id)
            except TransitionError as exc:
                note(op="conflict", step=step, case=case_id, message=exc.message)
            except DomainError as exc:
                busy = any(word in exc.message for word in BUSY_WORDS)
                note(op="busy" if busy else "refused", step=step, case=case_id, message=exc.message)
            except Exception as exc:
                note(
                    op="error",
                    step=step,
                    case=case_id,
                    type=f"{type(exc).__module__}.{type(exc).__qualname__}",
                    message=str(exc)[:500],
                    traceback=traceback.format_exc()[-3000:],
                )
    svc.close()


def run_counters(url: str, data_dir: Path, seconds: float, label: str) -> Check:
    check = Check(f"Two counters for {seconds:g} s ({label})")
    data_dir.mkdir(parents=True, exist_ok=True)
    prepare(url, data_dir)
    children = []
    for name in ("clerk1", "clerk2"):
        out = data_dir / f"{name}.jsonl"
        argv = [__file__, "child-counter", url, str(data_dir), name, str(seconds), str(out)]
        child = subprocess.Popen(
            [sys.executable, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        children.append((name, child, out))
    for _name, child, _out in children:
        assert child.stdout is not None
        child.stdout.readline()  # "ready"
    for _name, child, _out in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for name, child, _out in children:
        if child.wait(timeout=seconds + 120) != 0:
            check.fail(f"{name} ended with status {child.returncode}")
        assert child.stdin is not None and child.stdout is not None
        child.stdin.close()
        child.stdout.close()

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            said: Counter[tuple[str, str]] = Counter()
            errors: Counter[str] = Counter()
            reported: dict[str, str] = {}
            for name, _child, out in children:
                if not out.exists():
                    check.fail(f"{name} wrote no log")
                    continue
                for line in out.read_text(encoding="utf-8").splitlines():
                    entry = json.loads(line)
                    op = entry["op"]
                    said[(name, op)] += 1
                    if op == "register":
                        reported[entry["number"]] = entry["code"]
                    elif op == "error":
                        errors[f"{entry['type']}: {entry['message'][:120]}"] += 1
                        if errors[f"{entry['type']}: {entry['message'][:120]}"] == 1:
                            check.fail(
                                f"{name} got a raw {entry['type']} on {entry['step']} "
                                f"(case {entry['case']}): {entry['message']}\n{entry['traceback']}"
                            )
                        else:
                            check.failures += 1
                    elif op == "refused" and said[(name, op)] <= 3:
                        check.notes.append(f"{name} refused: {entry['message'][:80]}")
            # What each counter says it did equals what the database holds in its name.
            stored = Counter(
                {
                    (username, action): count
                    for username, action, count in conn.execute(
                        select(t.users.c.username, t.events.c.action, func.count())
                        .join(t.users, t.users.c.id == t.events.c.actor_id)
                        .where(t.events.c.case_id.is_not(None))
                        .group_by(t.users.c.username, t.events.c.action)
                    )
                }
            )
            for name in ("clerk1", "clerk2"):
                for op, action in (
                    ("register", "register"),
                    ("accept", "accept"),
                    ("dispatch", "dispatch"),
                    ("contact", "contact"),
                ):
                    if said[(name, op)] != stored[(name, action)]:
                        check.fail(
                            f"{name} says it did {said[(name, op)]} × {op}, the database has "
                            f"{stored[(name, action)]} {action} events by {name}"
                        )
            # Every case's events tell a possible story, and its row agrees with them.
            cases = conn.execute(
                select(t.cases.c.id, t.cases.c.number, t.cases.c.query_code, t.cases.c.state)
            ).all()
            events: dict[int, list[tuple[str, str]]] = {}
            for case_id, action, summary in conn.execute(
                select(t.events.c.case_id, t.events.c.action, t.events.c.summary)
                .where(t.events.c.case_id.is_not(None))
                .order_by(t.events.c.id)
            ):
                events.setdefault(case_id, []).append((action, summary))
            contacts = Counter(r[0] for r in conn.execute(select(t.contacts.c.case_id)).all())
            numbers = Counter(c.number for c in cases)
            codes = Counter(c.query_code for c in cases)
            for label, seen in (("case number", numbers), ("query code", codes)):
                twice = [k for k, n in seen.items() if n > 1]
                if twice:
                    check.fail(f"duplicate {label}s: {twice[:5]}")
            stored_codes = {c.number: c.query_code for c in cases}
            for number, code in reported.items():
                if stored_codes.get(number) != code:
                    check.fail(f"{number} reported registered ({code}) but not stored as such")
            for case in cases:
                problem = _story_problem(events.get(case.id, []), case.state, contacts[case.id])
                if problem:
                    check.fail(f"{case.number}: {problem}")
            check.records = len(cases) + sum(len(v) for v in events.values())
    finally:
        engine.dispose()
    check.runs = sum(n for (_name, op), n in said.items() if op != "error")
    done = {op: said[("clerk1", op)] + said[("clerk2", op)] for op in ("register", "accept")}
    done.update({op: said[("clerk1", op)] + said[("clerk2", op)] for op in ("dispatch", "contact")})
    check.notes.append(
        "done "
        + ", ".join(f"{op} {n}" for op, n in done.items())
        + f"; state conflicts told to the clerk {said[('clerk1', 'conflict')] + said[('clerk2', 'conflict')]}"
        + f"; busy messages {said[('clerk1', 'busy')] + said[('clerk2', 'busy')]}"
        + (f"; raw exceptions {sum(errors.values())}" if errors else "")
    )
    return check


def _story_problem(story: list[tuple[str, str]], state: CaseState, contact_rows: int) -> str:
    """What is wrong with one case's events (register, accept, dispatch, contacts), or ""."""
    actions = [a for a, _s in story]
    expected_order = ["register", "accept", "dispatch"]
    head = [a for a in actions if a != "contact"]
    if head != expected_order[: len(head)]:
        return f"events out of order or repeated: {actions}"
    if "contact" in actions and (
        "dispatch" not in actions or actions.index("contact") < actions.index("dispatch")
    ):
        return f"a contact before the dispatch: {actions}"
    firsts = sum(1 for a, s in story if a == "contact" and s.startswith("首次联系"))
    if actions.count("contact") and firsts != 1:
        return f"{firsts} 'first contact' events (two counters both saw no contact): {actions}"
    if contact_rows != actions.count("contact"):
        return f"{contact_rows} contact rows but {actions.count('contact')} contact events"
    last = (
        {
            "register": CaseState.REGISTERED,
            "accept": CaseState.ACCEPTED,
            "dispatch": CaseState.DISPATCHED,
            "contact": CaseState.IN_PROGRESS,
        }[actions[-1]]
        if actions
        else None
    )
    if last is None:
        return "no events at all"
    if state is not last:
        return f"state {state.value} but the last event is {actions[-1]}"
    return ""


def run_busy_probe(workdir: Path) -> Check:
    """Another connection holds the SQLite write lock past the busy timeout: what is the clerk told?"""
    from app.persistence.database import BUSY_TIMEOUT_MS

    check = Check("Busy past the timeout (SQLite write lock held)")
    folder = workdir / "busy"
    db = folder / "towndesk.db"
    prepare(f"sqlite:///{db}", folder / "data")
    svc = Services.open(f"sqlite:///{db}", folder / "data")
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        clerk = sign_in(svc, "clerk1")
        holder.execute("BEGIN IMMEDIATE")  # another counter in the middle of a long write
        started = time.monotonic()
        check.runs = 1
        try:
            register(svc, clerk, sample_form(random.Random(1), 1))
        except DomainError as exc:
            if not any(word in exc.message for word in BUSY_WORDS):
                check.fail(f"refused, but not as busy: {exc.message}")
            check.notes.append(f"told after {time.monotonic() - started:.0f} s: {exc.message}")
        except Exception as exc:
            check.fail(
                f"raw {type(exc).__module__}.{type(exc).__qualname__} after "
                f"{time.monotonic() - started:.0f} s (busy timeout {BUSY_TIMEOUT_MS / 1000:g} s): "
                f"{str(exc).splitlines()[0]}"
            )
            check.notes.append(f"raw {type(exc).__qualname__}: {str(exc).splitlines()[0][:80]}")
        else:
            check.fail("register returned while another connection held the write lock")
    finally:
        holder.rollback()
        holder.close()
        svc.close()
    return check


# ----- 3. bad input -------------------------------------------------------------------------------


def _row_counts(svc: Services) -> dict[str, int]:
    with svc.uow(write=False) as uow:
        return {
            table.name: uow.session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (
                t.cases,
                t.persons,
                t.events,
                t.case_submitters,
                t.deadlines,
                t.upstream_orders,
            )
        }


def _has_chinese(message: str) -> bool:
    return bool(CJK.search(message))


def strategies() -> Any:
    """The hypothesis strategies, built lazily (hypothesis is a test dependency)."""
    from hypothesis import strategies as st

    chinese = st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=30
    )
    controls = st.text(
        alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]), max_size=20
    )
    huge = st.builds(
        lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(60, 70_000)
    )
    texts = st.one_of(
        st.just(""),
        # Values that break things elsewhere: NUL (PostgreSQL text refuses it), escape and
        # bidi controls, a byte-order mark, CJK beyond the BMP, emoji, formula and SQL look-alikes.
        st.sampled_from(
            [
                "  ",
                "\t\n",
                "东风路路灯不亮",
                "江城区东风路",
                "咨询\x00社保",
                "\x1b[31m红字\x07",
                "\u202e反转文字",
                "\ufeff东风路",
                "𠀀𪚥𰻞",
                "🚒火警🔥",
                "=1+1",
                "'; DROP TABLE cases;--",
            ]
        ),
        chinese,
        chinese,
        st.text(max_size=40),  # any code point except lone surrogates
        controls,
        huge,
    )
    # Birth dates include the first and last representable years.
    birth = st.one_of(
        st.dates(date(1900, 1, 1), date(2025, 12, 31)),
        st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31), date(2099, 1, 1)]),
    )

    @st.composite
    def resident_ids(draw: Any) -> str:
        region = draw(st.sampled_from(["441702", "441704", "441781", "440101", "110101", "999999"]))
        born = draw(birth)
        body = (
            f"{region}{born.year:04d}{born.month:02d}{born.day:02d}{draw(st.integers(0, 999)):03d}"
        )
        number = resident_id(body)
        if draw(st.integers(0, 4)) == 0:  # a wrong check character
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
        return number

    doc_numbers = st.one_of(
        st.just(""),
        resident_ids(),
        resident_ids(),
        resident_ids().map(lambda s: " ".join(s)),  # typed with spaces
        resident_ids().map(lambda s: s.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})),
        st.from_regex(r"[HMTEGPC][0-9]{7,10}", fullmatch=True),
        st.text(alphabet="0123456789Xx", max_size=25),
        texts,
    )
    phones = st.one_of(
        st.just(""),
        st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        st.from_regex(r"0662-?[0-9]{7}", fullmatch=True),
        st.from_regex(r"\+86 ?1[3-9][0-9]{9}", fullmatch=True),
        st.text(alphabet="0123456789-+() ", max_size=25),
        texts,
    )
    names = st.one_of(chinese, chinese, texts)
    people = st.builds(
        PersonInput,
        name=names,
        doc_type=st.one_of(
            st.none(), st.just(DocumentType.RESIDENT_ID), st.sampled_from(DocumentType)
        ),
        doc_number=doc_numbers,
        phone=phones,
        address=texts,
    )
    random_forms = st.builds(
        RegistrationForm,
        kind=st.sampled_from(Kind),
        content=st.one_of(chinese, texts),
        priority=st.sampled_from(Priority),
        channel=st.sampled_from(Channel),
        submitters=st.lists(people, max_size=3),
        occurred=texts,
        place=st.one_of(chinese, texts),
        request=texts,
        reported_unit_name=st.one_of(chinese, texts),
        reported_unit_address=st.one_of(chinese, texts),
        hazard_category=st.one_of(st.none(), st.sampled_from(HazardCategory)),
        evidence=texts,
        attachments=st.just([]),
    )

    # Valid values, so that saves (and their read-back) are as common as refusals.
    good_ids = st.builds(
        lambda region, born, seq: resident_id(f"{region}{born:%Y%m%d}{seq:03d}"),
        st.sampled_from(["441702", "441704", "441781", "440101", "110101"]),
        st.dates(date(1920, 1, 1), date(2015, 12, 31)),
        st.integers(0, 999),
    )
    good_phones = st.builds(
        lambda prefix, rest: f"{prefix}{rest:08d}",
        st.sampled_from(["138", "139", "135", "186", "159", "177", "199"]),
        st.integers(0, 10**8 - 1),
    )
    good_names = st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=4
    )
    good_people = st.builds(
        PersonInput,
        name=good_names,
        doc_type=st.just(DocumentType.RESIDENT_ID),
        doc_number=good_ids,
        phone=good_phones,
        address=st.one_of(st.just(""), chinese),
    )

    @st.composite
    def valid_forms(draw: Any) -> RegistrationForm:
        kind = draw(st.sampled_from(Kind))
        return RegistrationForm(
            kind=kind,
            content=draw(chinese),
            priority=draw(st.sampled_from(Priority)),
            channel=draw(st.sampled_from(Channel)),
            submitters=draw(st.lists(good_people, min_size=1, max_size=2)),
            occurred=draw(chinese),
            place=draw(chinese),
            request=draw(st.one_of(st.just(""), chinese)),
            reported_unit_name=draw(chinese) if kind is Kind.TIP_OFF else "",
            reported_unit_address=draw(chinese) if kind is Kind.TIP_OFF else "",
            hazard_category=(
                draw(st.one_of(st.none(), st.sampled_from(HazardCategory)))
                if kind is Kind.TIP_OFF
                else None
            ),
            evidence=draw(st.one_of(st.just(""), chinese)),
        )

    form_fields = {
        "content": texts,
        "occurred": texts,
        "place": texts,
        "request": texts,
        "reported_unit_name": texts,
        "reported_unit_address": texts,
        "evidence": texts,
        "hazard_category": st.one_of(st.none(), st.sampled_from(HazardCategory)),
        "submitters": st.lists(people, max_size=3),
    }
    person_fields = {
        "name": names,
        "doc_type": st.one_of(st.none(), st.sampled_from(DocumentType)),
        "doc_number": doc_numbers,
        "phone": phones,
        "address": texts,
    }

    @st.composite
    def mutated_forms(draw: Any) -> RegistrationForm:
        """A valid form with one to three fields replaced by anything."""
        form = draw(valid_forms())
        for _ in range(draw(st.integers(1, 3))):
            if form.submitters and draw(st.booleans()):
                person = draw(st.sampled_from(form.submitters))
                key = draw(st.sampled_from(sorted(person_fields)))
                setattr(person, key, draw(person_fields[key]))
            else:
                key = draw(st.sampled_from(sorted(form_fields)))
                setattr(form, key, draw(form_fields[key]))
        return form

    forms = st.one_of(valid_forms(), mutated_forms(), mutated_forms(), random_forms)

    # Import cells: what a workbook can hold (text, numbers, dates, nothing), per template column.
    moments = st.one_of(
        st.datetimes(datetime(2020, 1, 1), datetime(2026, 11, 1)),
        st.sampled_from(
            [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), datetime(1999, 12, 31)]
        ),
        st.sampled_from(["2026-11-20 09:30", "2026年11月20日 9时30分", "2026-02-30 08:00", "明天"]),
        st.dates(date(1, 1, 1), date(9999, 12, 31)),
    )
    numbers = st.one_of(
        st.integers(-(10**20), 10**20), st.floats(allow_nan=False, allow_infinity=False)
    )
    cell = st.one_of(st.none(), texts, numbers, moments)

    def choice(words: list[str]) -> Any:
        return st.one_of(st.none(), st.sampled_from(words), st.sampled_from(words), cell)

    random_row = st.fixed_dictionaries(
        {
            "工单编号": st.one_of(
                st.just("UNIQUE"), st.just("UNIQUE"), st.sampled_from(["DUP-1", "DUP-2"]), cell
            ),
            "工单时间": st.one_of(moments, cell),
            "诉求类型": choice([k.label for k in Kind]),
            "紧急程度": choice([p.label for p in Priority]),
            "诉求人姓名": st.one_of(st.none(), names),
            "证件类型": choice([d.label for d in DocumentType]),
            "证件号码": st.one_of(st.none(), doc_numbers, numbers),
            "联系电话": st.one_of(st.none(), phones, numbers),
            "联系地址": st.one_of(st.none(), texts),
            "发生时间": st.one_of(st.none(), texts, moments),
            "发生地点": st.one_of(chinese, cell),
            "诉求内容": st.one_of(chinese, cell),
            "诉求人要求": cell,
            "被举报单位名称": st.one_of(st.none(), chinese, cell),
            "被举报单位地址": st.one_of(st.none(), chinese, cell),
            "火灾隐患类别": choice([f"{h.value} {h.label}" for h in HazardCategory] + ["11", "0"]),
            "证据说明": cell,
        }
    )

    @st.composite
    def valid_rows(draw: Any) -> dict[str, object]:
        kind = draw(st.sampled_from(Kind))
        tip_off = kind is Kind.TIP_OFF
        return {
            "工单编号": draw(st.sampled_from(["UNIQUE", "UNIQUE", "UNIQUE", "DUP-3"])),
            "工单时间": draw(st.datetimes(datetime(2024, 1, 1), datetime(2026, 11, 1))),
            "诉求类型": kind.label,
            "紧急程度": draw(st.one_of(st.none(), st.sampled_from([p.label for p in Priority]))),
            "诉求人姓名": draw(good_names),
            "证件类型": draw(st.one_of(st.none(), st.just(DocumentType.RESIDENT_ID.label))),
            "证件号码": draw(good_ids),
            "联系电话": draw(good_phones),
            "联系地址": draw(st.one_of(st.none(), chinese)),
            "发生时间": draw(st.one_of(chinese, st.dates(date(2024, 1, 1), date(2026, 11, 1)))),
            "发生地点": draw(chinese),
            "诉求内容": draw(chinese),
            "诉求人要求": draw(st.one_of(st.none(), chinese)),
            "被举报单位名称": draw(chinese) if tip_off else None,
            "被举报单位地址": draw(chinese) if tip_off else None,
            "火灾隐患类别": (
                draw(st.sampled_from([str(h.value) for h in HazardCategory])) if tip_off else None
            ),
            "证据说明": draw(st.one_of(st.none(), chinese)),
        }

    @st.composite
    def mutated_rows(draw: Any) -> dict[str, object]:
        row = draw(valid_rows())
        for _ in range(draw(st.integers(1, 3))):
            header = draw(st.sampled_from(sorted(row)))
            row[header] = draw(cell)
        return row

    row = st.one_of(valid_rows(), mutated_rows(), mutated_rows(), random_row)
    return forms, row


def _expected_text(value: str) -> str:
    return (value or "").strip()


def _readback_problem(svc: Services, case_id: int, form: RegistrationForm) -> str:
    """Compare a saved registration with its form; "" when equal."""
    with svc.uow(write=False) as uow:
        row = uow.session.execute(select(t.cases).where(t.cases.c.id == case_id)).mappings().one()
        persons = (
            uow.session.execute(
                select(t.persons)
                .join(t.case_submitters, t.case_submitters.c.person_id == t.persons.c.id)
                .where(t.case_submitters.c.case_id == case_id)
                .order_by(t.case_submitters.c.position)
            )
            .mappings()
            .all()
        )
    place = _expected_text(form.place)
    if form.kind is Kind.TIP_OFF and not place:
        place = _expected_text(form.reported_unit_address)
    expected = {
        "kind": form.kind,
        "priority": form.priority,
        "channel": form.channel,
        "content": _expected_text(form.content),
        "occurred": _expected_text(form.occurred),
        "place": place,
        "request": _expected_text(form.request),
        "reported_unit_name": _expected_text(form.reported_unit_name),
        "reported_unit_address": _expected_text(form.reported_unit_address),
        "hazard_category": form.hazard_category,
        "evidence": _expected_text(form.evidence),
    }
    for key, value in expected.items():
        if row[key] != value:
            return f"{key} reads back {row[key]!r:.80}, was given {value!r:.80}"
    if len(persons) != len(form.submitters):
        return f"{len(persons)} submitters stored, {len(form.submitters)} given"
    for stored, given in zip(persons, form.submitters, strict=True):
        if stored["name"] != given.name.strip():
            return f"name reads back {stored['name']!r:.60}, was given {given.name!r:.60}"
        if given.phone.strip() and stored["phone"] != normalise_phone(given.phone):
            return f"phone reads back {stored['phone']!r}, was given {given.phone!r:.60}"
        if given.doc_number.strip():
            number = normalise_document(
                given.doc_type or DocumentType.RESIDENT_ID, given.doc_number
            )
            if stored["doc_number"] != number:
                return f"document reads back {stored['doc_number']!r}, was given {number!r}"
    return ""


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 400 else text[:400] + f"… ({len(text)} characters)"


def _edge_examples(test: Any) -> Any:
    """Inputs every run tries, whatever hypothesis draws: the ones that found bugs before."""
    from hypothesis import example

    person = PersonInput(
        name="张三丰", doc_number=resident_id("44170219900307123"), phone="13812345678"
    )
    edges = [
        RegistrationForm(kind=Kind.CONSULTATION, content="咨询\x00社保"),  # NUL
        RegistrationForm(kind=Kind.CONSULTATION, content="咨询", request="\x00"),
        RegistrationForm(kind=Kind.CONSULTATION, content="东" * 1_000_000),
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="路灯不亮",
            occurred="昨晚",
            place="东风路",
            submitters=[
                PersonInput(
                    name="张三", doc_number=resident_id("44170200010101123"), phone="13812345678"
                )
            ],
        ),
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="路灯不亮",
            occurred="昨晚",
            place="东风路",
            submitters=[
                PersonInput(
                    name="李四", doc_number=resident_id("44170299991231123"), phone="13812345678"
                )
            ],
        ),
        RegistrationForm(kind=Kind.SUGGESTION, content="建议", submitters=[person, person]),
    ]
    for form in reversed(edges):
        test = example(form=form)(test)
    return test


def run_bad_registrations(url: str, data_dir: Path, count: int, label: str, seed: int) -> Check:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    check = Check(f"Bad input: registrations ({label})")
    prepare(url, data_dir)
    svc = Services.open(url, data_dir)
    clerk = sign_in(svc, "clerk1")
    forms, _row = strategies()
    outcomes: Counter[str] = Counter()

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # every input is judged below: no shrinking
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )
    @given(form=forms)
    @_edge_examples
    def one(form: RegistrationForm) -> None:
        check.runs += 1
        before = _row_counts(svc)
        try:
            done = register(svc, clerk, form)
        except DomainError as exc:
            outcomes["refused"] += 1
            if not _has_chinese(exc.message):
                check.fail(f"refusal without Chinese: {exc.message!r} for {_short(form)}")
            after = _row_counts(svc)
            if after != before:
                check.fail(f"refused ({exc.message}) but rows changed {before} → {after}")
            check.records += 1
            return
        except Exception as exc:
            check.fail(
                f"{type(exc).__module__}.{type(exc).__qualname__}: {str(exc)[:300]} "
                f"for {_short(form)}\n{traceback.format_exc()[-1500:]}"
            )
            return
        outcomes["saved"] += 1
        after = _row_counts(svc)
        if after["cases"] != before["cases"] + 1 or after["events"] != before["events"] + 1:
            check.fail(f"one registration changed rows {before} → {after}")
        problem = _readback_problem(svc, done.case_id, form)
        if problem:
            check.fail(f"{done.number}: {problem}")
        check.records += 1

    try:
        one()
    finally:
        svc.close()
    check.notes.append(f"saved {outcomes['saved']}, refused with a message {outcomes['refused']}")
    return check


def run_bad_imports(
    url: str, data_dir: Path, rows_wanted: int, rows_per_file: int, seed: int
) -> Check:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from openpyxl import load_workbook

    check = Check("Bad input: work-order import rows (SQLite)")
    prepare(url, data_dir)
    svc = Services.open(url, data_dir)
    clerk = sign_in(svc, "clerk1")
    _forms, rows = strategies()
    pending: list[dict[str, object]] = []
    outcomes: Counter[str] = Counter()
    serial = iter(range(1, 10**9))
    files = data_dir / "workbooks"
    files.mkdir(parents=True, exist_ok=True)

    def import_pending() -> None:
        batch = list(pending)
        pending.clear()
        path = files / f"orders-{check.runs:06d}.xlsx"
        try:
            path.write_bytes(imports.template_workbook(batch))
        except Exception as exc:
            check.fail(
                f"template_workbook cannot write these rows: {type(exc).__qualname__}: {exc}; "
                f"first row {_short(batch[0])}"
            )
            return
        before = _row_counts(svc)
        try:
            outcome = imports.import_orders(svc, clerk, path)
        except DomainError as exc:
            outcomes["file refused"] += 1
            if not _has_chinese(exc.message):
                check.fail(f"file refused without Chinese: {exc.message!r}")
            if _row_counts(svc) != before:
                check.fail(f"file refused ({exc.message}) but rows changed")
            check.records += len(batch)
            return
        except Exception as exc:
            check.fail(
                f"{type(exc).__module__}.{type(exc).__qualname__}: {str(exc)[:300]} importing "
                f"{path}\n{traceback.format_exc()[-1500:]}"
            )
            return
        after = _row_counts(svc)
        created, changed = len(outcome.created), len(outcome.changed)
        outcomes["created"] += created
        outcomes["already imported"] += len(outcome.already)
        outcomes["changed, kept"] += changed
        outcomes["rejected"] += outcome.rejected_rows
        if outcome.rows_total != len(batch):
            check.fail(f"{path.name}: {outcome.rows_total} rows read, {len(batch)} written")
        rows_seen = Counter(
            [r.row for r in outcome.created]
            + [r.row for r in outcome.already]
            + [r.row for r in outcome.changed]
            + list({r.row for r in outcome.rejected})
        )
        if sorted(rows_seen) != list(range(2, len(batch) + 2)) or max(rows_seen.values()) > 1:
            check.fail(
                f"{path.name}: rows without exactly one outcome: {sorted(rows_seen.items())[:10]}"
            )
        for rejected in outcome.rejected:
            if not _has_chinese(rejected.problem):
                check.fail(f"{path.name} row {rejected.row}: {rejected.problem!r} has no Chinese")
        want = {
            "cases": before["cases"] + created,
            "upstream_orders": before["upstream_orders"] + created,
            "events": before["events"] + 2 * created + changed,
        }
        got = {key: after[key] for key in want}
        if got != want:
            check.fail(f"{path.name}: rows {got}, expected {want} ({outcome.summary()})")
        # A created case holds what the file says (read back with openpyxl, not the importer).
        book = load_workbook(path, read_only=True)  # read-only keeps the file open until closed
        try:
            table = list(book[o.ORDER_SHEET].iter_rows(values_only=True))
        finally:
            book.close()
        headers = [o.header_key(h) for h in table[0]]
        with svc.uow(write=False) as uow:
            for item in outcome.created:
                cells = dict(zip(headers, table[item.row - 1], strict=False))
                stored = uow.session.execute(
                    select(t.cases.c.number, t.cases.c.content, t.upstream_orders.c.order_number)
                    .join(t.upstream_orders, t.upstream_orders.c.case_id == t.cases.c.id)
                    .where(t.cases.c.id == item.case_id)
                ).one_or_none()
                content = o.cell_text(cells.get("content")).strip()
                if stored is None:
                    check.fail(
                        f"{path.name} row {item.row}: created case {item.case_number} missing"
                    )
                elif (stored.number, stored.content, stored.order_number) != (
                    item.case_number,
                    content,
                    o.normalise_order_number(cells.get("order_number")),
                ):
                    check.fail(
                        f"{path.name} row {item.row}: stored {_short(tuple(stored))}, file says "
                        f"{_short((content, cells.get('order_number')))}"
                    )
        check.records += len(batch)

    @hypothesis_seed(seed)
    @settings(
        max_examples=rows_wanted,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )
    @given(row=rows)
    def one(row: dict[str, object]) -> None:
        check.runs += 1
        if row["工单编号"] == "UNIQUE":
            row = {**row, "工单编号": f"RL{next(serial):08d}"}
        pending.append(row)
        if len(pending) >= rows_per_file:
            import_pending()

    try:
        one()
        if pending:
            import_pending()
    finally:
        svc.close()
    check.notes.append(
        ", ".join(f"{key} {outcomes[key]}" for key in sorted(outcomes))
        + f" (in files of {rows_per_file} rows)"
    )
    return check


# ----- 4. tampering -------------------------------------------------------------------------------


def _broken_event_id(first: Any) -> int | None:
    """The event a report names: a ``BrokenLink``-like object or an (event_id, reason) pair."""
    if first is None:
        return None
    if isinstance(first, tuple):
        return first[0]
    return getattr(first, "event_id", None)


def run_tampering(workdir: Path) -> Check:
    check = Check("Tampering (edit and delete an event row)")
    try:
        from app.services import audit

        verify_chain = audit.verify_chain
    except (ImportError, AttributeError):
        check.fail("skipped: verify_chain not available (app.services.audit.verify_chain)")
        check.notes.append("skipped: verify_chain not available — counted as a failure")
        return check

    folder = workdir / "tamper"
    original = folder / "towndesk.db"
    prepare(f"sqlite:///{original}", folder / "data")
    svc = Services.open(f"sqlite:///{original}", folder / "data")
    try:
        clerk = sign_in(svc, "clerk1")
        unit_id = units.list_units(svc)[0].id
        rng = random.Random(8)
        for index in range(6):
            case_id = register(svc, clerk, sample_form(rng, index)).case_id
            if index % 2:
                with contextlib.suppress(TransitionError):
                    handling.accept(svc, clerk, case_id)
                    handling.dispatch(svc, clerk, case_id, unit_id)
    finally:
        svc.close()
    with contextlib.closing(sqlite3.connect(original)) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id")]
    edited, deleted = ids[len(ids) // 3], ids[2 * len(ids) // 3]

    def verify(name: str, damage: Callable[[sqlite3.Connection], None]) -> Any:
        copy = folder / f"{name}.db"
        shutil.copyfile(original, copy)
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            damage(conn)
            conn.commit()
        copy_svc = Services.open(f"sqlite:///{copy}", folder / "data")
        try:
            admin = sign_in(copy_svc, "admin")
            return verify_chain(copy_svc, admin)
        finally:
            copy_svc.close()

    def expect(name: str, report: Any, broken: set[int] | None) -> None:
        check.runs += 1
        check.records += int(getattr(report, "events_checked", 0))
        first = getattr(report, "first_broken", None)
        if broken is None:
            if not report.ok:
                check.fail(f"{name}: an untouched copy fails verification: {first}")
        elif report.ok:
            check.fail(f"{name}: not detected (report ok)")
        elif _broken_event_id(first) not in broken:
            check.fail(f"{name}: first broken link {first}, expected event {sorted(broken)}")
        else:
            check.notes.append(f"{name}: first broken link event {_broken_event_id(first)}")

    after_deleted = [i for i in ids if i > deleted][:1]
    expect("untouched", verify("untouched", lambda c: None), None)
    expect(
        "summary edited",
        verify(
            "edited",
            lambda c: c.execute(
                "UPDATE events SET summary = summary || '（改）' WHERE id = ?", (edited,)
            ),
        ),
        {edited},
    )
    expect(
        "row deleted",
        verify("deleted", lambda c: c.execute("DELETE FROM events WHERE id = ?", (deleted,))),
        {deleted, *after_deleted},
    )

    def both(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE events SET summary = '篡改' WHERE id = ?", (edited,))
        conn.execute("DELETE FROM events WHERE id = ?", (deleted,))

    expect("edited and deleted", verify("both", both), {edited})
    check.notes.append(f"edited event {edited}, deleted event {deleted}, of {len(ids)}")
    return check


# ----- driver -------------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres_database(server: Any | None) -> Iterator[str]:
    """A new database on ``server``, or on a server started (and stopped) here."""
    from tests.pg_server import PostgresServer

    with contextlib.ExitStack() as stack:
        if server is None:
            server = stack.enter_context(PostgresServer.start())
        yield stack.enter_context(server.new_database())


def run_all(
    params: Params,
    workdir: Path,
    *,
    only: set[str] | None = None,
    postgres: bool = True,
    pg_server: Any | None = None,
    seed: int = 8,
    busy_probe: bool = True,
) -> list[Check]:
    """Run the checks; a check that crashes is a failure of its own line, not of the run."""
    wanted = only or {"crash", "counters", "input", "tamper"}
    checks: list[Check] = []

    def guarded(name: str, run: Callable[[], Check]) -> None:
        started = time.monotonic()
        try:
            check = run()
        except Exception:
            check = Check(name)
            check.fail("the check itself crashed:\n" + traceback.format_exc()[-3000:])
        check.notes.append(f"{time.monotonic() - started:.0f} s")
        checks.append(check)
        print(f"  {check.name}: failures {check.failures}", file=sys.stderr, flush=True)

    with contextlib.ExitStack() as stack:
        pg: Any | None = pg_server
        if postgres and pg is None and wanted & {"counters", "input"}:
            from tests.pg_server import PostgresServer

            pg = stack.enter_context(PostgresServer.start())
        if "crash" in wanted:
            guarded("Crash", lambda: run_crash(params.kills, workdir, seed))
        if "counters" in wanted:
            guarded(
                "Two counters (SQLite)",
                lambda: run_counters(
                    f"sqlite:///{workdir / 'counters' / 'towndesk.db'}",
                    workdir / "counters",
                    params.counter_seconds,
                    "SQLite",
                ),
            )
            if busy_probe:
                guarded("Busy past the timeout", lambda: run_busy_probe(workdir))
            if postgres:

                def on_postgres() -> Check:
                    with postgres_database(pg) as url:
                        return run_counters(
                            url, workdir / "counters-pg", params.counter_seconds, "PostgreSQL"
                        )

                guarded("Two counters (PostgreSQL)", on_postgres)
            else:
                skipped = Check("Two counters (PostgreSQL)")
                skipped.fail("skipped: --no-postgres")
                checks.append(skipped)
        if "input" in wanted:
            guarded(
                "Bad input: registrations (SQLite)",
                lambda: run_bad_registrations(
                    f"sqlite:///{workdir / 'input' / 'towndesk.db'}",
                    workdir / "input",
                    params.registrations,
                    "SQLite",
                    seed,
                ),
            )
            guarded(
                "Bad input: import rows (SQLite)",
                lambda: run_bad_imports(
                    f"sqlite:///{workdir / 'imports' / 'towndesk.db'}",
                    workdir / "imports",
                    params.import_rows,
                    params.rows_per_file,
                    seed,
                ),
            )
            if postgres:

                def input_on_postgres() -> Check:
                    with postgres_database(pg) as url:
                        return run_bad_registrations(
                            url, workdir / "input-pg", params.pg_registrations, "PostgreSQL", seed
                        )

                guarded("Bad input: registrations (PostgreSQL)", input_on_postgres)
        if "tamper" in wanted:
            guarded("Tampering", lambda: run_tampering(workdir))
    return checks


def summary_table(checks: list[Check]) -> str:
    lines = [
        "| check | runs | records checked | failures | notes |",
        "|---|---:|---:|---:|---|",
    ]
    for c in checks:
        notes = "; ".join(c.notes).replace("|", "/")
        lines.append(f"| {c.name} | {c.runs:,} | {c.records:,} | {c.failures} | {notes} |")
    total = sum(c.failures for c in checks)
    lines.append(f"| **all** | | | **{total}** | {'PASS' if total == 0 else 'FAIL'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "child-register":
        child_register(argv[1], argv[2], int(argv[3]))
        return 0
    if argv and argv[0] == "child-counter":
        child_counter(argv[1], argv[2], argv[3], float(argv[4]), argv[5])
        return 0

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="the short version (make test)")
    parser.add_argument("--only", action="append", choices=["crash", "counters", "input", "tamper"])
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--kills", type=int)
    parser.add_argument("--seconds", type=float, help="how long the two counters run")
    parser.add_argument("--inputs", type=int, help="registration inputs on SQLite")
    parser.add_argument("--import-rows", type=int)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)

    params = SHORT if args.short else FULL
    overrides = {
        "kills": args.kills,
        "counter_seconds": args.seconds,
        "registrations": args.inputs,
        "import_rows": args.import_rows,
    }
    params = Params(**{**params.__dict__, **{k: v for k, v in overrides.items() if v is not None}})
    print(f"TownDesk reliability ({'short' if args.short else 'full'}): {params}", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        if args.keep:
            workdir = args.keep
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="towndesk-rel-")))
        checks = run_all(
            params,
            workdir,
            only=set(args.only) if args.only else None,
            postgres=not args.no_postgres,
            seed=args.seed,
            # Waits out the whole busy timeout (15 s): the full run only.
            busy_probe=not args.short,
        )
    for c in checks:
        for problem in c.problems:
            print(f"\n[{c.name}] {problem}", file=sys.stderr)
        if c.failures > len(c.problems):
            print(f"\n[{c.name}] … and {c.failures - len(c.problems)} more", file=sys.stderr)
    print(summary_table(checks))
    return 0 if all(c.failures == 0 for c in checks) else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
