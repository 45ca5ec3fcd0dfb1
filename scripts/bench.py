"""`make bench` (issue 9): TownDesk against the raw libraries underneath, on a generated database.

Every row is measured in the same run as its baseline, the two interleaved repeat by repeat so
that both see the same machine, and the median is reported. The offscreen GUI parts (start,
memory, GUI-thread stalls) run in child processes of this script (``--child``).

    python scripts/bench.py                  # 1,000,000 cases (or what the demo path can build)
    python scripts/bench.py --quick          # 5,000 cases, fewer repeats: about 2 minutes
    python scripts/bench.py --quick --write-doc   # and write docs/performance.md
    python scripts/bench.py --smoke          # tiny, one repeat: keeps this script from rotting
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DOC = ROOT / "docs" / "performance.md"
DEFAULT_WORK = ROOT / "build" / "bench"
PAGE = 200  # ui/case_table_model.py PAGE_SIZE: the first page the list fetches
SEED = 1


@dataclass(frozen=True)
class Mode:
    name: str
    cases: int
    repeats: int  # cheap rows
    heavy_repeats: int  # rows that take seconds
    start_runs: int
    notices: int
    import_rows: int
    pg_cases: int  # the PostgreSQL search rows' database (0: none)


FULL = Mode("full", 1_000_000, 7, 3, 5, 1_000, 10_000, 1_000_000)
QUICK = Mode("quick", 5_000, 5, 1, 3, 200, 1_000, 5_000)
SMOKE = Mode("smoke", 40, 1, 1, 1, 3, 5, 0)


@dataclass
class Row:
    what: str
    townesk: float | None  # seconds, or MB / ms for the last rows
    baseline: float | None
    goal: str
    limit: float | None = None  # the goal as a ratio (or an absolute for MB / ms rows)
    unit: str = "s"
    absolute: bool = False  # the goal is on the TownDesk figure itself, not the ratio
    note: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.townesk is None or not self.baseline:
            return None
        return self.townesk / self.baseline

    @property
    def met(self) -> bool | None:
        if self.limit is None or self.townesk is None:
            return None
        value = self.townesk if self.absolute else self.ratio
        return None if value is None else value <= self.limit


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def paired(
    townesk: Callable[[], object], baseline: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Medians of both, interleaved run by run (the machine's mood affects both alike)."""
    a, b = [], []
    for _ in range(repeats):
        a.append(timed(townesk))
        b.append(timed(baseline))
    return median(a), median(b)


# ----- the machine ----------------------------------------------------------------------------


def machine() -> dict[str, str]:
    import openpyxl
    import PySide6
    import reportlab
    import sqlalchemy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "libraries": (
            f"PySide6 {PySide6.__version__}, SQLAlchemy {sqlalchemy.__version__}, "
            f"reportlab {reportlab.Version}, openpyxl {openpyxl.__version__}"
        ),
    }


# ----- the database ---------------------------------------------------------------------------


def build_template(requested: int, work: Path, rebuild: bool) -> tuple[Path, int, str]:
    """A demo database of ``requested`` cases, built once with `towndesk demo` and kept in
    ``work`` for later runs."""
    from app.services.demo_bulk import BULK_FROM

    used = requested
    how = "bulk demo path" if requested > BULK_FROM else "demo path"
    from app.persistence.migrate import head_revision

    # Named by the schema too: a database built before a migration is not reused after it.
    template = work / f"demo-{used}-seed{SEED}-rev{head_revision()}.db"
    if template.exists() and not rebuild:
        return template, used, how + ", reused from an earlier run"
    log(f"building {used:,} cases with `towndesk demo` ({how}) …")
    partial = template.with_suffix(".partial.db")
    for stale in work.glob(partial.name + "*"):
        stale.unlink()
    started = time.perf_counter()
    towndesk = Path(sys.executable).with_name("towndesk")
    command = [str(towndesk)] if towndesk.exists() else [sys.executable, "-m", "app.cli"]
    subprocess.run(
        [*command, "--db", f"sqlite:///{partial}", "demo", "--cases", str(used), "--seed", "1"],
        check=True,
        env={**os.environ, "TOWNDESK_DATA": str(work / "build-data")},
        stdout=subprocess.DEVNULL,
    )
    partial.replace(template)
    return template, used, f"{how}, built in {time.perf_counter() - started:.0f} s"


@dataclass
class Bench:
    mode: Mode
    db_path: Path
    data_dir: Path
    svc: Any = None
    actor: Any = None
    pg_url: str | None = None  # set: the rows run on this PostgreSQL database instead

    @property
    def url(self) -> str:
        return self.pg_url or f"sqlite:///{self.db_path}"

    def raw(self) -> Any:
        """A connection of the driver underneath (sqlite3 or psycopg), for the baselines."""
        if self.pg_url is None:
            return sqlite3.connect(self.db_path)
        import psycopg

        return psycopg.connect(self.pg_url.replace("postgresql+psycopg://", "postgresql://"))

    def open(self) -> None:
        from app.services.context import Services
        from app.services.demo import DEMO_PASSWORD
        from app.services.users import authenticate

        self.svc = Services.open(self.url, self.data_dir)
        self.actor = authenticate(self.svc, "admin", DEMO_PASSWORD)


@contextmanager
def captured_sql(svc: Any) -> Iterator[list[tuple[str, Any]]]:
    """The statements (and parameters) SQLAlchemy sends to sqlite3 meanwhile."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
        seen.append((statement, parameters))

    engines = {id(e): e for e in (svc.database.read_engine, svc.database.write_engine)}
    for engine in engines.values():
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        for engine in engines.values():
            event.remove(engine, "before_cursor_execute", record)


# ----- rows measured in this process ----------------------------------------------------------


def search_terms(bench: Bench) -> dict[str, str]:
    """A name, a phone number, a content word and a surname alone (the one-character term an
    index of trigrams cannot answer) that exist in the demo data."""
    raw = bench.raw()
    try:
        name, phone = raw.execute(
            "SELECT name, phone FROM persons WHERE phone IS NOT NULL AND phone != '' "
            "ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM persons)"
        ).fetchone()
    finally:
        raw.close()
    return {"name": name, "phone": phone, "content": "噪音", "surname": name[0]}


def search_rows(bench: Bench) -> list[Row]:
    from app.services import queries
    from app.services.queries import CaseFilter

    svc = bench.svc
    rows = []
    for label, term in search_terms(bench).items():

        def townesk(term: str = term) -> int:
            # What the list does: every matching id in order (the lazy model holds them), then
            # the rows of the first page.
            ids = queries.case_ids(svc, CaseFilter(text=term))
            queries.case_rows(svc, ids[:PAGE])
            return len(ids)

        townesk()  # warm: the calendar and the rule profile are read once per process
        with captured_sql(svc) as statements:
            found = townesk()
        raw = bench.raw()

        def baseline(statements: list[tuple[str, Any]] = statements, raw: Any = raw) -> None:
            # The very queries SQLAlchemy sent, straight to the driver (its BEGIN aside).
            for statement, parameters in statements:
                if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    raw.execute(statement, parameters).fetchall()

        a, b = paired(townesk, baseline, bench.mode.repeats)
        raw.close()
        on = " on PostgreSQL" if bench.pg_url else ""
        rows.append(
            Row(
                f"search{on} by {label} ({term}), first page ({found:,} matches)",
                a,
                b,
                "≤ 2×",
                2.0,
                note=f"{len(statements)} statements replayed",
            )
        )
    return rows


def reportlab_page(canvas: Any, fonts: Any, lines: list[str], title: str) -> None:
    from app.documents.fonts import Role

    canvas.setFont(fonts.name(Role.TITLE), 18)
    canvas.drawCentredString(297, 780, title)
    canvas.setFont(fonts.name(Role.BODY), 12)
    y = 740
    for line in lines:
        canvas.drawString(60, y, line)
        y -= 22
    canvas.showPage()


def register_row(bench: Bench, counter: Iterator[int]) -> Row:
    from reportlab.pdfgen.canvas import Canvas

    from app.documents.payloads import DocType
    from app.domain.vocabulary import Kind
    from app.services import printing, registration
    from app.services.printing import fonts_for

    svc, actor = bench.svc, bench.actor
    fonts = fonts_for("")
    lines = [
        "案件编号：TD01-20261123-0001    查询码：ABC123",
        "诉求类型：反映    紧急程度：普通    来源：窗口",
        "诉求人：张三丰    联系电话：138****5678",
        "诉求内容：东风路路灯不亮已一周，夜间行人经过存在安全隐患。",
        "办结期限：承办单位收到工单后15个工作日内",
        "受理人：陈管理员",
    ]

    def townesk() -> None:
        n = next(counter)
        form = registration.RegistrationForm(
            kind=Kind.FEEDBACK,
            content=f"东风路{n}号路灯不亮已一周，夜间行人经过存在安全隐患。",
            submitters=[registration.PersonInput(name="张三丰", phone="13812345678")],
            occurred="近一周",
            place="江城区东风路",
        )
        done = registration.register(svc, actor, form)
        printing.issue(svc, actor, DocType.RECEIPT, done.case_id)

    scratch = bench.data_dir / "raw-insert.db"
    raw = sqlite3.connect(scratch, isolation_level=None)
    # The same durability as TownDesk's connections (app/persistence/database.py).
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute(
        "CREATE TABLE IF NOT EXISTS cases (id INTEGER PRIMARY KEY, number TEXT UNIQUE, "
        "kind TEXT, content TEXT, name TEXT, phone TEXT, received_at TEXT)"
    )

    def baseline() -> None:
        n = next(counter)
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO cases (number, kind, content, name, phone, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (f"RAW-{n}", "feedback", lines[3], "张三丰", "13812345678", datetime.now().isoformat()),
        )
        raw.execute("COMMIT")
        canvas = Canvas(io.BytesIO())
        reportlab_page(canvas, fonts, lines, "受理回执")
        canvas.save()

    townesk()  # warm: fonts, templates and the calendar are loaded once per process
    a, b = paired(townesk, baseline, bench.mode.repeats)
    raw.close()
    return Row("register a case and produce its receipt PDF", a, b, "≤ 1.5×", 1.5)


def statistics_period(bench: Bench) -> tuple[Any, int]:
    """The shortest finished period (month, then quarter, then year) with 100,000 cases, else the
    finished year with the most cases."""
    from app.domain.reporting import parse_period
    from app.services import queries
    from app.services.queries import CaseFilter

    today = bench.svc.now().date()
    first_of_month = today.replace(day=1)
    last_month = first_of_month - timedelta(days=1)
    quarter = (last_month.month - 1) // 3 + 1
    if last_month.month % 3:
        quarter -= 1
    quarter_text = f"{last_month.year}Q{quarter}" if quarter else f"{last_month.year - 1}Q4"
    candidates = [f"{last_month:%Y-%m}", quarter_text, str(today.year - 1)]
    best: tuple[Any, int] | None = None
    for text in candidates:
        period = parse_period(text)
        count = queries.count_cases(
            bench.svc, CaseFilter(received_from=period.first, received_to=period.last)
        )
        if count >= 100_000:
            return period, count
        if best is None or count > best[1]:
            best = (period, count)
    assert best is not None
    return best


def workbook_cells(data: bytes) -> list[tuple[str, list[tuple[Any, ...]]]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [(ws.title, list(ws.iter_rows(values_only=True))) for ws in book.worksheets]


def statistics_row(bench: Bench) -> Row:
    from openpyxl import Workbook

    from app.services.statistics import statistics_workbook

    period, count = statistics_period(bench)
    written = statistics_workbook(bench.svc, bench.actor, period)
    sheets = workbook_cells(written)

    def townesk() -> None:
        statistics_workbook(bench.svc, bench.actor, period)

    def baseline() -> None:
        book = Workbook(write_only=True)
        for title, rows in sheets:
            ws = book.create_sheet(title)
            for values in rows:
                ws.append(values)
        book.save(io.BytesIO())

    a, b = paired(townesk, baseline, bench.mode.heavy_repeats)
    return Row(
        f"statistics workbook, {period.label} ({count:,} cases)",
        a,
        b,
        "≤ 1.3×",
        1.3,
        note="" if count >= 100_000 else "fewer than the 100,000 cases of the goal",
    )


def reminder_row(bench: Bench) -> Row:
    from reportlab.pdfgen.canvas import Canvas

    from app.services import printing
    from app.services.printing import fonts_for

    svc, actor = bench.svc, bench.actor
    overdue = printing.overdue_reminders(svc, actor)
    count = bench.mode.notices
    if not overdue:
        return Row(f"{count:,} reminder notices", None, None, "≤ 1.3×", note="no overdue case")
    # Fewer overdue cases than notices: some get a second reminder (a new number, as at the
    # counter when a unit is reminded again).
    chosen = [overdue[i % len(overdue)] for i in range(count)]
    fonts = fonts_for("")
    lines = [
        "催办通知书",
        "镇城建办：",
        "你单位承办的案件 TD01-20261001-0007 已超过办结期限，",
        "请于收到本通知之日起尽快办结，并将办理结果报送本中心。",
        "逾期仍未办结的，将依照《揭阳市12345热线管理办法》第十九条追究责任。",
        "便民服务中心",
        "2026年11月23日",
    ]

    def townesk() -> None:
        # The batch path the GUI's batch print uses (ui/printing/batch.py reminder_work): every
        # notice numbered and recorded in its case, all of them in one PDF.
        issued = printing.issue_reminders(svc, actor, chosen)
        assert len(issued.documents) == count and issued.pdf is not None

    def baseline() -> None:
        canvas = Canvas(io.BytesIO())
        for _ in range(count):
            reportlab_page(canvas, fonts, lines, "催办通知书")
        canvas.save()

    printing.issue_reminders(svc, actor, chosen[:1])  # warm
    a, b = paired(townesk, baseline, bench.mode.heavy_repeats)
    return Row(
        f"{count:,} reminder notices",
        a,
        b,
        "≤ 1.3×",
        1.3,
        note=(
            f"over {len(overdue):,} overdue cases, one batch (printing.issue_reminders); "
            f"baseline: one canvas of {count:,} pages"
        ),
    )


def order_rows(count: int, batch: str) -> list[dict[str, object]]:
    from stdnum.cn import ric

    rows = []
    for i in range(count):
        # 440106 (广州天河区): a region the demo never draws from, so no number names another person.
        body = f"440106{1950 + i % 45:04d}{i % 12 + 1:02d}{i % 27 + 1:02d}{i % 1000:03d}"
        rows.append(
            {
                "工单编号": f"BENCH-{batch}-{i:05d}",
                "工单时间": datetime(2026, 11, 20, 9, 30) - timedelta(minutes=i),
                "诉求类型": "反映",
                "诉求人姓名": "张三丰",
                "证件号码": body + ric.calc_check_digit(body + "0"),
                "联系电话": f"138{i:08d}",
                "发生时间": "近一周",
                "发生地点": "江城区东风路",
                "诉求内容": f"东风路{i}号路灯不亮已一周",
            }
        )
    return rows


def import_row(bench: Bench) -> Row:
    from openpyxl import load_workbook

    from app.services import imports

    count = bench.mode.import_rows
    log(f"  writing {bench.mode.heavy_repeats} work-order files of {count:,} rows …")
    files = []
    for repeat in range(bench.mode.heavy_repeats):
        path = bench.data_dir / f"orders-{repeat}.xlsx"
        path.write_bytes(imports.template_workbook(order_rows(count, f"{os.getpid()}-{repeat}")))
        files.append(path)
    a_times, b_times = [], []
    created = 0
    for path in files:
        started = time.perf_counter()
        outcome = imports.import_orders(bench.svc, bench.actor, path)
        a_times.append(time.perf_counter() - started)
        created += len(outcome.created)

        def baseline(path: Path = path) -> None:
            book = load_workbook(path, read_only=True)
            for ws in book.worksheets:
                for _ in ws.iter_rows(values_only=True):
                    pass
            book.close()

        b_times.append(timed(baseline))
    note = "" if created == count * len(files) else f"only {created:,} rows created"
    return Row(
        f"import of {count:,} work-order rows",
        median(a_times),
        median(b_times),
        "≤ 3×",
        3.0,
        note=note,
    )


# ----- the GUI children -----------------------------------------------------------------------


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QLabel("TownDesk"))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    print("READY", flush=True)
    print(json.dumps({"rss_mb": peak_rss_mb()}), flush=True)


def _main_window(url: str, data_dir: Path) -> tuple[Any, Any, Any, Any]:
    # The program's own order: `towndesk` (app/cli.py) imports the services before Qt, and
    # PySide6 reads the source of every module imported after it (shiboken's feature check).
    from app.services.context import Services  # noqa: I001 (the order is the point)
    from app.services.users import authenticate

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from ui.app import build_main_window, configure_application

    # The parent passes the password: importing app.services.demo (Faker, every service) for
    # it would time the bench's own import, not a start (issue 9).
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        from app.services.demo import DEMO_PASSWORD as password

    configure_application(app, "zh_CN")
    svc = Services.open(url, data_dir)
    actor = authenticate(svc, "admin", password)
    window = build_main_window(svc, actor)
    window.show()
    # Usable: shown on its first page (the 工作台), painted, its figures read and painted.
    dashboard = window.dashboard
    while dashboard.snapshot is None:
        app.processEvents()
        time.sleep(0.001)
    window.repaint()
    app.processEvents()
    return app, svc, actor, window


PASSWORD_VARIABLE = "TOWNDESK_BENCH_PASSWORD"


def child_start(url: str, data_dir: Path) -> None:
    started = time.perf_counter()
    app, svc, _actor, window = _main_window(url, data_dir)
    print("READY", flush=True)
    usable = time.perf_counter() - started
    # Then the 案件 page (Ctrl+3): built on first show, its first page fetched and painted.
    from ui.navigation import CASES

    window.show_place(CASES)
    model = window.case_list.model
    while model.rowCount() == 0 and getattr(model, "loading", False):
        app.processEvents()
        time.sleep(0.001)
    table = window.case_list.table
    table.viewport().repaint()
    app.processEvents()
    listed = time.perf_counter() - started - usable
    listed_mb = peak_rss_mb()
    table.scrollToBottom()
    table.viewport().repaint()
    app.processEvents()
    print(
        json.dumps(
            {
                "rss_mb": listed_mb,
                "rss_scrolled_mb": peak_rss_mb(),
                "rows": window.case_list.model.rowCount(),
                "list_s": listed,
            }
        ),
        flush=True,
    )
    window.close()
    svc.close()


def child_gui(url: str, data_dir: Path, spec: dict[str, Any]) -> None:
    """Each long operation through the window, with the watchdog on the GUI thread."""
    from PySide6.QtCore import QThreadPool

    from app.domain.reporting import ReportKind, Span, parse_period
    from app.domain.vocabulary import Kind
    from app.services import printing, registration
    from ui.background import run_in_background
    from ui.registration.flow import submit
    from ui.watchdog import StallWatchdog

    app, svc, actor, window = _main_window(url, data_dir)
    dog = StallWatchdog()
    dog.start()
    result: dict[str, float] = {}

    def pump(until: Callable[[], bool], timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while not until():
            if time.monotonic() > deadline:
                raise TimeoutError("the operation did not finish")
            app.processEvents()
            time.sleep(0.001)

    def settle(ms: int = 60) -> None:
        end = time.monotonic() + ms / 1000
        pump(lambda: time.monotonic() >= end)

    def measure(name: str, action: Callable[[], None]) -> None:
        settle()
        dog.reset()
        action()
        settle()
        result[name] = dog.longest_stall_ms

    cases = window.case_list

    for label, term in spec["terms"].items():

        def search(term: str = term) -> None:
            cases.search_box.setText(term)
            cases.apply_filter()
            pump(lambda: not cases.model.loading)  # the ids are read in a worker
            cases.table.viewport().repaint()

        measure(f"search by {label}", search)

    def load_list() -> None:
        cases.search_box.clear()
        cases.apply_filter()
        pump(lambda: not cases.model.loading)
        cases.table.scrollToBottom()
        cases.table.viewport().repaint()

    measure("loading and scrolling the list", load_list)

    def register() -> None:
        form = registration.RegistrationForm(
            kind=Kind.FEEDBACK,
            content="东风路路灯不亮已一周，夜间行人经过存在安全隐患。",
            submitters=[registration.PersonInput(name="张三丰", phone="13812345678")],
            occurred="近一周",
            place="江城区东风路",
        )
        done: list[object] = []
        # What the 登记 page does on 保存 (ui/registration/page.py start()).
        run_in_background(
            window,
            lambda token, report: submit(svc, actor, form),
            on_success=done.append,
            on_failure=done.append,
        )
        pump(lambda: bool(done))

    measure("register and receipt", register)

    reports = window.reports_page.reports
    period = parse_period(spec["period"])
    kind = {Span.MONTH: ReportKind.MONTHLY, Span.QUARTER: ReportKind.QUARTERLY}.get(
        period.span, ReportKind.YEARLY
    )

    def report() -> None:
        reports.generate_to(kind, period, data_dir / "gui-report.xlsx")
        pump(lambda: reports.job.task is not None and reports.job.task.finished)

    measure("statistics workbook", report)

    overdue = printing.overdue_reminders(svc, actor)
    chosen = [overdue[i % len(overdue)] for i in range(spec["notices"])] if overdue else []

    def batch_print() -> None:
        dialog = window.start_reminder_batch(chosen, [str(i) for i in chosen])
        finished: list[object] = []
        dialog.batch_finished.connect(finished.append)
        pump(lambda: bool(finished))

    if chosen:
        measure("reminder notices (batch print and preview)", batch_print)

    panel = window.reports_page.imports

    def import_file() -> None:
        panel.import_file(Path(spec["orders"]))
        pump(lambda: panel.job.task is not None and panel.job.task.finished)
        settle(200)  # the list refreshes after the import (cases_created), in a worker
        pump(lambda: not cases.model.loading)

    measure("import of work orders", import_file)

    if window.settings_page is not None:
        tab = window.settings_page.backup

        def back_up() -> None:
            made: list[object] = []
            tab.backed_up.connect(made.append)
            tab.back_up_now()
            pump(lambda: bool(made) or tab.task is None)

        measure("backup", back_up)

    dog.stop()
    QThreadPool.globalInstance().waitForDone(60_000)
    print(json.dumps(result), flush=True)
    window.close()
    svc.close()


def run_child(args: list[str], timeout: float = 1800) -> tuple[float, list[str]]:
    """Spawn this script as a child; seconds from spawn to its READY line, and its other lines."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    ready = 0.0
    lines = []
    for line in child.stdout:
        if line.strip() == "READY":
            ready = time.perf_counter() - started
        else:
            lines.append(line.strip())
    if child.wait(timeout) != 0:
        raise RuntimeError(f"child {args[0]} failed ({child.returncode})")
    return ready, lines


def start_and_memory_rows(bench: Bench) -> list[Row]:
    from app.services.demo import DEMO_PASSWORD

    os.environ[PASSWORD_VARIABLE] = DEMO_PASSWORD
    ours, bare, rss, scrolled, bare_rss, listed = [], [], [], [], [], []
    rows = 0
    for _ in range(bench.mode.start_runs):
        seconds, lines = run_child(["start", bench.url, str(bench.data_dir)])
        info = json.loads(lines[-1])
        ours.append(seconds)
        rss.append(info["rss_mb"])
        scrolled.append(info["rss_scrolled_mb"])
        listed.append(info["list_s"])
        rows = info["rows"]
        seconds, lines = run_child(["bare"])
        bare.append(seconds)
        bare_rss.append(json.loads(lines[-1])["rss_mb"])
    return [
        Row(
            "start to a usable main window (offscreen)",
            median(ours),
            median(bare),
            "≤ 3×",
            3.0,
            note=(
                "sign-in by password (argon2), the 工作台 shown with its figures; then the "
                f"case list shown in a further {figure(median(listed), 's')}; "
                "baseline: a bare PySide6 QMainWindow"
            ),
        ),
        Row(
            f"peak memory, database open and the list loaded ({rows:,} rows)",
            max(rss),
            median(bare_rss),
            "≤ 400 MB",
            400,
            unit="MB",
            absolute=True,
            note=f"after scrolling to the end: {max(scrolled):.0f} MB; baseline: a bare window",
        ),
    ]


def stall_rows(bench: Bench, period_text: str) -> list[Row]:
    orders = bench.data_dir / "gui-orders.xlsx"
    from app.services import imports

    orders.write_bytes(
        imports.template_workbook(order_rows(bench.mode.import_rows, f"gui-{os.getpid()}"))
    )
    spec = {
        "terms": search_terms(bench),
        "period": period_text,
        "notices": bench.mode.notices,
        "orders": str(orders),
    }
    _, lines = run_child(["gui", bench.url, str(bench.data_dir), json.dumps(spec)])
    stalls = json.loads(lines[-1])
    return [
        Row(
            f"longest GUI-thread stall: {name}",
            ms,
            None,
            "≤ 100 ms",
            100,
            unit="ms",
            absolute=True,
        )
        for name, ms in stalls.items()
    ]


# ----- the table and the document --------------------------------------------------------------


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def table(rows: list[Row]) -> str:
    lines = [
        "| what | TownDesk | baseline | ratio | goal | met | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "—" if row.ratio is None or row.absolute else f"{row.ratio:.2f}×"
        met = {True: "✓", False: "✗", None: "—"}[row.met]
        lines.append(
            f"| {row.what} | {figure(row.townesk, row.unit)} | {figure(row.baseline, row.unit)} "
            f"| {ratio} | {row.goal} | {met} | {row.note} |"
        )
    return "\n".join(lines)


def machine_text(info: dict[str, str]) -> str:
    return "\n".join(f"- {key}: {value}" for key, value in info.items())


MARK_BEGIN = "<!-- bench:{name}:begin -->"
MARK_END = "<!-- bench:{name}:end -->"


def write_doc(name: str, text: str) -> None:
    """Replace the section between this mode's markers in docs/performance.md (or append it)."""
    begin, end = MARK_BEGIN.format(name=name), MARK_END.format(name=name)
    block = f"{begin}\n{text}\n{end}"
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        _, tail = rest.split(end, 1)
        current = head + block + tail
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(current, encoding="utf-8")


# ----- main ------------------------------------------------------------------------------------


def run(mode: Mode, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    template, used, how = build_template(mode.cases, work, args.rebuild)
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    try:
        db_path = run_dir / "towndesk.db"
        shutil.copyfile(template, db_path)
        bench = Bench(mode, db_path, run_dir)
        bench.open()
        counter = iter(range(10**9))
        log(f"cases: {used:,} requested {mode.cases:,} ({how})")
        rows: list[Row] = []
        steps: list[tuple[str, Callable[[], list[Row]]]] = [
            ("start and memory", lambda: start_and_memory_rows(bench)),
            ("search", lambda: search_rows(bench)),
            ("register", lambda: [register_row(bench, counter)]),
            ("statistics", lambda: [statistics_row(bench)]),
            ("reminders", lambda: [reminder_row(bench)]),
            ("import", lambda: [import_row(bench)]),
        ]
        for name, step in steps:
            log(f"measuring {name} …")
            rows += step()
        period, _ = statistics_period(bench)
        bench.svc.close()
        log("measuring GUI-thread stalls …")
        rows += stall_rows(bench, period_text(period))
        if mode.pg_cases:
            log("measuring on PostgreSQL …")
            rows += postgres_rows(mode, mode.pg_cases, work)
    finally:
        if not args.keep:
            shutil.rmtree(run_dir, ignore_errors=True)
    info = machine()
    heading = (
        f"{mode.name} run, {date.today():%Y-%m-%d}: {used:,} cases "
        f"(requested {mode.cases:,}; {how}), medians of {mode.repeats} repeats "
        f"({mode.heavy_repeats} for the rows that take seconds, {mode.start_runs} starts), "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    text = f"{heading}\n\n{table(rows)}\n\nMachine:\n\n{machine_text(info)}"
    print(text)
    if args.write_doc:
        write_doc(mode.name, text)
        log(f"written to {DOC}")
    return 0


def postgres_rows(mode: Mode, cases: int, work: Path) -> list[Row]:
    """Search on PostgreSQL: a demo of ``cases`` built on a throw-away server (the tests' own,
    tests/pg_server.py), each query against the same statements sent through psycopg."""
    sys.path.insert(0, str(ROOT))
    from tests.pg_server import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer.start()
    except (PostgresUnavailable, RuntimeError) as exc:
        return [Row("search on PostgreSQL", None, None, "≤ 2×", note=f"not available: {exc}")]
    with server:
        url = server.url(server.create_database())
        log(f"building {cases:,} cases on PostgreSQL with `towndesk demo` …")
        started = time.perf_counter()
        towndesk = Path(sys.executable).with_name("towndesk")
        command = [str(towndesk)] if towndesk.exists() else [sys.executable, "-m", "app.cli"]
        data_dir = Path(tempfile.mkdtemp(prefix="pg-", dir=work))
        subprocess.run(
            [*command, "--db", url, "demo", "--cases", str(cases), "--seed", "1"],
            check=True,
            env={**os.environ, "TOWNDESK_DATA": str(data_dir)},
            stdout=subprocess.DEVNULL,
        )
        built = time.perf_counter() - started
        with server.connect(url.rsplit("/", 1)[1]) as connection:
            connection.execute("ANALYZE")
        bench = Bench(mode, data_dir / "unused.db", data_dir, pg_url=url)
        bench.open()
        try:
            rows = search_rows(bench)
        finally:
            bench.svc.close()
            shutil.rmtree(data_dir, ignore_errors=True)
    for row in rows:
        row.note += f"; {cases:,} cases built in {built:.0f} s"
    return rows


def period_text(period: Any) -> str:
    """The text parse_period reads back: 2025-10, 2025Q3 or 2025."""
    from app.domain.reporting import Span

    if period.span is Span.MONTH:
        return f"{period.first:%Y-%m}"
    if period.span is Span.QUARTER:
        return f"{period.first.year}Q{(period.first.month - 1) // 3 + 1}"
    return str(period.first.year)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="5,000 cases, fewer repeats")
    size.add_argument("--smoke", action="store_true", help="a few cases, one repeat, no doc")
    parser.add_argument("--cases", type=int, help="number of cases (default per mode)")
    parser.add_argument(
        "--pg-cases",
        type=int,
        default=None,
        help="also search on PostgreSQL over this many cases (0: not at all; default per mode)",
    )
    parser.add_argument("--write-doc", action="store_true", help="write docs/performance.md")
    parser.add_argument("--work-dir", default=str(DEFAULT_WORK), help="where databases are kept")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--keep", action="store_true", help="keep the run's database copy")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "bare":
            child_bare()
        elif kind == "start":
            child_start(rest[0], Path(rest[1]))
        else:
            child_gui(rest[0], Path(rest[1]), json.loads(rest[2]))
        return 0
    mode = SMOKE if args.smoke else QUICK if args.quick else FULL
    if args.cases:
        mode = dataclasses.replace(mode, cases=args.cases)
    if args.pg_cases is not None:
        mode = dataclasses.replace(mode, pg_cases=args.pg_cases)
    if args.smoke and args.write_doc:
        parser.error("--smoke never writes the document")
    return run(mode, args)


if __name__ == "__main__":
    sys.exit(main())
