"""The `towndesk` command: start the GUI, or run a set-up task (migrate, demo, calendar, users)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import NoReturn

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from app.calendar import DueDate, WorkCalendar, schedule_from_package
from app.calendar.schedule import dump_schedule_file
from app.domain import reporting
from app.domain.errors import DomainError
from app.domain.users import Actor
from app.persistence.database import Database, open_database, sqlite_url
from app.persistence.migrate import needs_upgrade, upgrade_with_backup
from app.services import calendar_admin, users
from app.services.context import Services

DB_ENV = "TOWNDESK_DB"
DATA_ENV = "TOWNDESK_DATA"
PASSWORD_ENV = "TOWNDESK_PASSWORD"

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# sysexits.h EX_SOFTWARE: a bug, as opposed to something the user can fix.
EXIT_BUG = 70
# `towndesk audit verify`: the chain is broken (someone changed the database behind the program).
EXIT_AUDIT_BROKEN = 3


class UsageError(Exception):
    """The command line itself is wrong; nothing was attempted."""


class EnvironmentProblem(Exception):
    """The database or a file cannot be reached; the message says what to check."""


# argparse's own messages are English; these patterns cover the ones a user actually meets.
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.*)"), "缺少必需的参数：{0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (
        re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)"),
        "参数 {0} 的取值 {1} 无效，可选：{2}",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个值"),
    (re.compile(r"argument (\S+): (.*)"), "参数 {0}：{1}"),
)


def _translate(message: str) -> str:
    for pattern, chinese in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return chinese.format(*match.groups())
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{_translate(message)}（运行 {self.prog} -h 查看用法）")


# ----- argument types ---------------------------------------------------------------------------


def _iso_date(text: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(
        f"「{text}」不是有效日期，请按 YYYY-MM-DD 填写，例如 2025-09-26"
    )


def _count(text: str) -> int:
    if not re.fullmatch(r"\d{1,6}", text):
        raise argparse.ArgumentTypeError(f"「{text}」不是有效的天数，请填写 0 或正整数")
    return int(text)


def _positive(text: str) -> int:
    if not re.fullmatch(r"[1-9]\d{0,5}", text):
        raise argparse.ArgumentTypeError(f"「{text}」不是正整数")
    return int(text)


def _case_count(text: str) -> int:
    # Up to a million (issue 9's scale); the service says the exact limit.
    if not re.fullmatch(r"[1-9]\d{0,6}", text):
        raise argparse.ArgumentTypeError(f"「{text}」不是正整数")
    return int(text)


def _integer(text: str) -> int:
    if not re.fullmatch(r"-?\d{1,9}", text):
        raise argparse.ArgumentTypeError(f"「{text}」不是整数")
    return int(text)


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise argparse.ArgumentTypeError(f"「{text}」不是四位数的年份，例如 2027")
    return int(text)


# ----- the parser -------------------------------------------------------------------------------


def default_data_dir() -> Path:
    """Where the database and files live when nobody said: ``TOWNDESK_DATA``, a ``data/`` folder
    here (a checkout, as ``make run`` uses), else the user's own data folder — an installed
    program started from a shortcut has an arbitrary working directory (on Windows, System32)."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    if Path("data").is_dir():
        return Path("data")
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "TownDesk"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "towndesk"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="towndesk",
        description="TownDesk 便民服务中心窗口系统。不带子命令时启动图形界面。",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help=f"数据库地址（SQLAlchemy URL），默认读取环境变量 {DB_ENV}，"
        "否则为数据目录下的 towndesk.db",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help=f"数据目录（数据库、附件等），默认读取环境变量 {DATA_ENV}；"
        "否则当前目录下有 data/ 文件夹时用它，再否则用本机用户数据目录",
    )
    commands = parser.add_subparsers(dest="command", metavar="子命令")

    db = commands.add_parser("db", help="数据库维护").add_subparsers(
        dest="action", metavar="操作", required=True
    )
    db.add_parser("upgrade", help="把数据库升级到当前版本（新数据库则建表；升级前自动备份）")
    db.add_parser("check", help="检查数据库是否损坏；损坏时说明如何从备份恢复")

    backup_cmd = commands.add_parser("backup", help="立即备份数据库（校验后保存到备份文件夹）")
    backup_cmd.add_argument("--user", required=True, metavar="NAME", help="负责人或管理员的用户名")
    restore_cmd = commands.add_parser(
        "restore", help="从备份恢复数据库（先校验备份，并把当前数据库另存一份）"
    )
    restore_cmd.add_argument("file", type=Path, metavar="FILE", help="备份文件")
    restore_cmd.add_argument("--user", required=True, metavar="NAME", help="管理员的用户名")

    retention = commands.add_parser(
        "retention", help="保存期满案件的删除（办结满2年后，一人申请、另一管理员批准）"
    ).add_subparsers(dest="action", metavar="操作", required=True)
    retention_list = retention.add_parser("list", help="列出保存期已满、可以申请删除的案件")
    retention_list.add_argument(
        "--as-of", type=_iso_date, metavar="DATE", help="按这一天计算，默认今天"
    )
    retention_request = retention.add_parser("request", help="申请删除案件（写明理由）")
    retention_request.add_argument("numbers", nargs="+", metavar="案件编号")
    retention_request.add_argument("--reason", required=True, metavar="TEXT", help="理由")
    retention_request.add_argument("--user", required=True, metavar="NAME", help="管理员用户名")
    retention_approve = retention.add_parser("approve", help="批准另一管理员的删除申请")
    retention_approve.add_argument("request", type=_positive, metavar="N", help="申请编号")
    retention_approve.add_argument("--user", required=True, metavar="NAME", help="管理员用户名")
    retention_reject = retention.add_parser("reject", help="驳回删除申请（写明理由）")
    retention_reject.add_argument("request", type=_positive, metavar="N", help="申请编号")
    retention_reject.add_argument("--reason", required=True, metavar="TEXT", help="理由")
    retention_reject.add_argument("--user", required=True, metavar="NAME", help="管理员用户名")

    demo_cmd = commands.add_parser("demo", help="生成演示数据（只能写入新的空数据库）")
    demo_cmd.add_argument("--cases", type=_case_count, required=True, metavar="N", help="案件数")
    demo_cmd.add_argument("--seed", type=_integer, default=0, metavar="S", help="随机种子")

    calendar = commands.add_parser("calendar", help="工作日日历").add_subparsers(
        dest="action", metavar="操作", required=True
    )
    due = calendar.add_parser("due", help="计算期限：START 之后第 N 个工作日（起算日不计）")
    due.add_argument("start", type=_iso_date, metavar="START", help="起算日期，如 2025-09-26")
    due.add_argument("n", type=_count, metavar="N", help="天数")
    due.add_argument(
        "--natural", action="store_true", help="按自然日计算，末日为休息日的顺延到下一个工作日"
    )
    template = calendar.add_parser("template", help="导出某年的节假日安排文件，供管理员核对编辑")
    template.add_argument("year", type=_year, metavar="YEAR", help="年份")
    template.add_argument("out", type=Path, metavar="OUT.json", help="输出文件")
    template.add_argument("--force", action="store_true", help="覆盖已有文件")
    load = calendar.add_parser("load", help="载入节假日安排文件，并重新计算未到期案件的期限")
    load.add_argument("file", type=Path, metavar="FILE", help="节假日安排文件（JSON）")
    load.add_argument("--user", required=True, metavar="NAME", help="管理员用户名")

    samples = commands.add_parser(
        "print-samples", help="用演示数据生成每一种文书的 PDF 样张，用于检查打印机和字体"
    )
    samples.add_argument("--out", type=Path, required=True, metavar="DIR", help="输出文件夹")

    report = commands.add_parser("report", help="生成 Excel 报表")
    report.add_argument(
        "action",
        choices=[k.value for k in reporting.ReportKind],
        metavar="KIND",
        help="、".join(f"{k.value} {k.label}" for k in reporting.ReportKind),
    )
    report.add_argument(
        "--period", required=True, metavar="P", help="统计期间：2026、2026-03 或 2026Q1"
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    report.add_argument("--user", required=True, metavar="NAME", help="生成人的用户名")
    report.add_argument("--force", action="store_true", help="覆盖已有文件")

    orders = commands.add_parser(
        "import-orders", help="从上级转办工单 Excel（按导入模板填写）登记案件"
    )
    orders.add_argument("file", type=Path, metavar="FILE.xlsx", help="工单文件")
    orders.add_argument("--user", required=True, metavar="NAME", help="导入人的用户名")
    orders.add_argument(
        "--errors",
        type=Path,
        metavar="FILE.xlsx",
        help="未导入的行写到这个文件（默认：原文件旁的「原文件名-未导入行.xlsx」）",
    )

    templates = commands.add_parser("template", help="导出需要填写的 Excel 模板").add_subparsers(
        dest="action", metavar="模板", required=True
    )
    template_orders = templates.add_parser("import-orders", help="工单导入模板")
    template_orders.add_argument("out", type=Path, metavar="OUT.xlsx", help="输出文件")
    template_orders.add_argument("--force", action="store_true", help="覆盖已有文件")

    user = commands.add_parser("user", help="用户").add_subparsers(
        dest="action", metavar="操作", required=True
    )
    admin = user.add_parser("create-admin", help="创建初始管理员（仅限系统中还没有任何用户时）")
    admin.add_argument("--username", required=True, metavar="U", help="用户名")
    admin.add_argument("--name", default="", metavar="N", help="显示名称，默认同用户名")
    recover = user.add_parser(
        "reset-password",
        help="恢复：在存放数据库的电脑上重设管理员密码并解除锁定（无需登录，见 docs/permissions.md）",
    )
    recover.add_argument("--username", required=True, metavar="U", help="管理员的用户名")

    audit = commands.add_parser("audit", help="操作记录（审计链）").add_subparsers(
        dest="action", metavar="操作", required=True
    )
    verify = audit.add_parser("verify", help="校验操作记录的哈希链，指出第一处被改动的记录")
    verify.add_argument("--user", required=True, metavar="NAME", help="有审计权限的用户名")
    return parser


# ----- shared helpers ---------------------------------------------------------------------------


class _Context:
    """The resolved global options of one invocation."""

    def __init__(self, args: argparse.Namespace) -> None:
        data_dir = args.data_dir or default_data_dir()
        self.data_dir: Path = data_dir.expanduser().resolve()
        self.url: str = (
            args.db or os.environ.get(DB_ENV) or sqlite_url(self.data_dir / "towndesk.db")
        )
        try:
            parsed = make_url(self.url)
        except ArgumentError:
            # Not echoed: an address that does not parse may still hold a password.
            raise UsageError(
                f"数据库地址（--db 或环境变量 {DB_ENV}）格式不正确，"
                "应为 sqlite:///data/towndesk.db 或 postgresql://用户@主机/库名 这样的形式"
            ) from None
        self.shown_url = parsed.render_as_string(hide_password=True)
        self.sqlite_file: Path | None = None
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            self.sqlite_file = Path(str(parsed.database))

    def missing(self) -> bool:
        """True when the database is a SQLite file that does not exist yet."""
        return self.sqlite_file is not None and not self.sqlite_file.exists()

    def open_database(self) -> Database:
        try:
            return open_database(self.url)
        except NoSuchModuleError:
            raise UsageError(f"不支持的数据库类型：{self.shown_url}") from None

    def services(self) -> Services:
        return Services(self.open_database(), self.data_dir)

    def existing_services(self) -> Services:
        """The services on a database that exists and is migrated; never creates one."""
        if self.missing():
            raise DomainError(
                f"找不到数据库 {self.sqlite_file}，请先运行 towndesk db upgrade 创建数据库。"
            )
        svc = self.services()
        try:
            if needs_upgrade(svc.database):
                raise DomainError(
                    "数据库版本不是最新，请运行 towndesk db upgrade 升级（升级前会自动备份）。"
                )
        except BaseException:
            svc.close()
            raise
        return svc


@contextmanager
def _signed_in(ctx: _Context, username: str) -> Iterator[tuple[Services, Actor]]:
    """The services on the existing database and the user signed in by password (lockout and
    all, as in the GUI); closed however the command ends."""
    svc = ctx.existing_services()
    try:
        yield svc, users.authenticate(svc, username, _password_from_env_or_prompt(confirm=False))
    finally:
        svc.close()


def _password_from_env_or_prompt(*, confirm: bool) -> str:
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    password = getpass.getpass("密码：")
    if confirm and getpass.getpass("再次输入密码：") != password:
        raise DomainError("两次输入的密码不一致，请重新运行命令。")
    return password


# ----- commands ---------------------------------------------------------------------------------


def _db_upgrade(ctx: _Context, args: argparse.Namespace) -> int:
    database = ctx.open_database()
    try:
        result = upgrade_with_backup(database, ctx.data_dir)
    finally:
        database.dispose()
    if result.backup is not None:
        print(f"升级前已备份：{result.backup.path}")
    if result.before == result.after:
        print(f"数据库已是最新版本 ({result.after})")
    else:
        print(f"数据库已升级：{result.before or '空数据库'} → {result.after}")
    return EXIT_OK


def _db_check(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import backup

    problems = backup.check_database(ctx.url)
    if problems:
        print(backup.damage_advice(ctx.url, ctx.data_dir, problems), file=sys.stderr)
        return EXIT_USER_ERROR
    print("数据库完好。")
    return EXIT_OK


def _backup(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import backup

    with _signed_in(ctx, args.user) as (svc, actor):
        info = backup.backup_now(svc, actor, reason="manual")
    print(f"已备份并校验：{info.path}（{info.size / 1024 / 1024:.1f} MB，{info.rows} 行）")
    return EXIT_OK


def _restore(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import backup

    if not args.file.is_file():
        raise DomainError(f"找不到备份文件 {args.file}，请检查路径。")
    with _signed_in(ctx, args.user) as (svc, actor):
        # restore() closes these services once the file has passed its checks.
        result = backup.restore(svc, args.file, actor)
    print(
        f"已从备份恢复：{result.restored.path}（备份于 {result.restored.created_at:%Y-%m-%d %H:%M}）"
    )
    if result.before_restore is not None:
        print(f"恢复前的数据库已另存为：{result.before_restore.path}")
    return EXIT_OK


def _retention_list(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import retention

    svc = ctx.existing_services()
    try:
        cases = retention.eligible_cases(svc, args.as_of)
    finally:
        svc.close()
    for case in cases:
        pending = (
            f"（已在删除申请 {case.pending_request_id} 中）" if case.pending_request_id else ""
        )
        print(
            f"{case.number}\t{case.kind.label}\t{case.state_label}\t办结 {case.completed_on}"
            f"\t可删除自 {case.deletable_from}{pending}"
        )
    print(f"共 {len(cases)} 件保存期已满（JY12345 art. 5）。")
    return EXIT_OK


def _retention_request(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import retention

    with _signed_in(ctx, args.user) as (svc, actor):
        ids = {c.number: c.case_id for c in retention.eligible_cases(svc)}
        unknown = [n for n in args.numbers if n not in ids]
        if unknown:
            raise DomainError(
                f"这些案件不在保存期已满的清单中：{'、'.join(unknown)}；"
                "请用 towndesk retention list 查看可以申请删除的案件。"
            )
        request_id = retention.request_deletion(
            svc, actor, [ids[n] for n in args.numbers], args.reason
        )
    print(f"已提交删除申请 {request_id}（{len(args.numbers)} 件），须由另一名管理员批准。")
    return EXIT_OK


def _retention_approve(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import retention

    with _signed_in(ctx, args.user) as (svc, actor):
        outcome = retention.approve_deletion(svc, actor, args.request)
    print(
        f"已批准删除申请 {outcome.request_id}：删除案件 {len(outcome.case_numbers)} 件、"
        f"人员 {outcome.persons_deleted} 人、附件文件 {outcome.files_deleted} 个；"
        "操作记录保留。"
    )
    return EXIT_OK


def _retention_reject(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import retention

    with _signed_in(ctx, args.user) as (svc, actor):
        retention.reject_deletion(svc, actor, args.request, args.reason)
    print(f"已驳回删除申请 {args.request}，未删除任何内容。")
    return EXIT_OK


def _demo(ctx: _Context, args: argparse.Namespace) -> int:
    svc = ctx.services()
    try:
        upgrade_with_backup(svc.database, ctx.data_dir)
        started = time.perf_counter()
        step = max(1, args.cases // 10)

        def progress(done: int, total: int) -> None:
            if done % step == 0 and done < total:
                print(f"  已生成 {done}/{total} 件……", file=sys.stderr, flush=True)

        # Imported here: the demo brings Faker (about 50 ms) that every other command can skip.
        from app.services import demo

        summary = demo.build_demo(svc, cases=args.cases, seed=args.seed, progress=progress)
        seconds = time.perf_counter() - started
    finally:
        svc.close()
    print(f"演示数据已写入 {ctx.shown_url}")
    print(f"案件 {summary.cases} 件，用时 {seconds:.1f} 秒：")
    width = max(len(state.label) for state in summary.by_state)
    for state, count in summary.by_state.items():
        print(f"  {state.label}{'　' * (width - len(state.label))}  {count:>6}")
    print(
        f"其中紧急 {summary.urgent} 件、匿名 {summary.anonymous} 件、联名 {summary.joint} 件，"
        f"当前超期 {summary.overdue} 件；诉求人 {summary.persons} 人，承办单位 {summary.units} 个。"
    )
    names = "、".join(f"{u.username}（{u.role.label}）" for u in summary.users)
    print(f"用户：{names}")
    print(f"演示数据库的所有用户密码均为 {summary.password}，请勿用于正式工作。")
    return EXIT_OK


def _calendar_for_due(ctx: _Context) -> WorkCalendar:
    """The database's calendar when it exists and is migrated, else the package's alone."""
    if ctx.missing():
        return WorkCalendar()
    database = ctx.open_database()
    try:
        if needs_upgrade(database):
            return WorkCalendar()
        return Services(database, ctx.data_dir).calendar
    except OperationalError:
        print(
            f"（无法读取数据库 {ctx.shown_url}，以下按软件内置的节假日安排计算）",
            file=sys.stderr,
        )
        return WorkCalendar()
    finally:
        database.dispose()


def _calendar_due(ctx: _Context, args: argparse.Namespace) -> int:
    calendar = _calendar_for_due(ctx)
    try:
        result: DueDate = (
            calendar.add_natural_days(args.start, args.n)
            if args.natural
            else calendar.add_working_days(args.start, args.n)
        )
    except DomainError as exc:
        # The only thing that can go wrong here is the date or count the user typed.
        raise UsageError(str(exc)) from None
    print(result)
    return EXIT_OK


def _calendar_template(ctx: _Context, args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists() and not args.force:
        raise DomainError(f"文件 {out} 已存在；如需覆盖，请加 --force。")
    schedule = schedule_from_package(args.year)
    try:
        if schedule is not None:
            dump_schedule_file(schedule, out)
        else:
            # Nothing is known of a year not yet announced: an empty source makes loading the
            # unedited skeleton fail instead of silently recording "no holidays".
            skeleton = {"year": args.year, "source": "", "holidays": [], "workdays": []}
            out.write_text(json.dumps(skeleton, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except OSError as exc:
        raise EnvironmentProblem(f"无法写入文件 {out}：{exc.strerror or exc}") from None
    if schedule is not None:
        print(
            f"已导出 {args.year} 年节假日安排到 {out}（{len(schedule.holidays)} 个放假日、"
            f"{len(schedule.workdays)} 个调休上班日）。请对照国务院办公厅通知核对，"
            f"再用 towndesk calendar load {out} --user 管理员用户名 载入。"
        )
    else:
        print(
            f"{args.year} 年的节假日安排尚未发布，已写出空白模板 {out}。请按国务院办公厅通知填写"
            " source（发文字号）、holidays（放假日）和 workdays（调休上班日），"
            f"再用 towndesk calendar load {out} --user 管理员用户名 载入。"
        )
    return EXIT_OK


def _calendar_load(ctx: _Context, args: argparse.Namespace) -> int:
    with _signed_in(ctx, args.user) as (svc, actor):
        loaded = calendar_admin.load_schedule(svc, actor, args.file)
    print(
        f"已载入 {loaded.year} 年节假日安排，重新计算了 {loaded.cases_recomputed} 件案件的期限"
        f"和 {loaded.claims_recomputed} 件举报奖励的期限。"
    )
    return EXIT_OK


def _create_admin(ctx: _Context, args: argparse.Namespace) -> int:
    svc = ctx.services()
    try:
        upgrade_with_backup(svc.database, ctx.data_dir)
        if users.has_users(svc):
            raise DomainError("系统已有用户，不能再创建初始管理员；请由管理员在用户管理中添加。")
        password = _password_from_env_or_prompt(confirm=True)
        actor = users.create_first_admin(svc, args.username, args.name, password)
    finally:
        svc.close()
    print(f"已创建管理员「{actor.display_name}」（用户名 {actor.username}）。")
    return EXIT_OK


Handler = Callable[[_Context, argparse.Namespace], int]


def _report(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import reports

    out: Path = args.out
    _xlsx_target(out, force=args.force)
    kind = reporting.ReportKind(args.action)
    period = reporting.parse_period(args.period)
    with _signed_in(ctx, args.user) as (svc, actor):
        data = reports.build_report(svc, actor, kind, period)
    _save(data, out)
    print(f"已生成{period.label}的{kind.label}：{out}")
    return EXIT_OK


def _xlsx_target(out: Path, *, force: bool) -> None:
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"输出文件须以 .xlsx 结尾：{out}")
    if out.exists() and not force:
        raise DomainError(f"文件 {out} 已存在；如需覆盖，请加 --force。")


def _save(data: bytes, out: Path) -> None:
    from app.services import reports

    try:
        reports.save_report(data, out)
    except DomainError as exc:
        raise EnvironmentProblem(exc.message) from None


def _import_orders(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import imports

    source: Path = args.file
    if not source.is_file():
        raise DomainError(f"找不到工单文件 {source}，请检查路径。")
    with _signed_in(ctx, args.user) as (svc, actor):
        outcome = imports.import_orders(svc, actor, source)
    print(f"{source.name}：{outcome.summary()}")
    for line in outcome.lines():
        print(line)
    if outcome.error_workbook is not None:
        errors: Path = args.errors or source.with_name(outcome.error_file_name)
        _save(outcome.error_workbook, errors)
        print(f"未导入的行已写入 {errors}：改正后可直接导入该文件。")
    # A file with rows left out is the clerk's to finish: say so in the exit status too.
    return EXIT_USER_ERROR if outcome.rejected else EXIT_OK


def _template(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import imports

    _xlsx_target(args.out, force=args.force)
    _save(imports.template_workbook(), args.out)
    print(f"已生成工单导入模板：{args.out}")
    return EXIT_OK


def _audit_verify(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services import audit

    def progress(done: int, total: int, note: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{note}", end="", file=sys.stderr, flush=True)

    with _signed_in(ctx, args.user) as (svc, actor):
        report = audit.verify_chain(svc, actor, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(report.message())
    return EXIT_OK if report.ok else EXIT_AUDIT_BROKEN


def _reset_password(ctx: _Context, args: argparse.Namespace) -> int:
    import socket

    svc = ctx.existing_services()
    try:
        password = _password_from_env_or_prompt(confirm=True)
        # Who ran it, for the event: there is no signed-in user on this path.
        operator = f"{getpass.getuser()}@{socket.gethostname()}"
        actor = users.recover_admin(svc, args.username, password, operator=operator)
    finally:
        svc.close()
    print(f"已重置管理员「{actor.display_name}」的密码并解除锁定。")
    return EXIT_OK


def _print_samples(ctx: _Context, args: argparse.Namespace) -> int:
    from app.services.printing import write_samples

    written = write_samples(args.out)
    for path in written:
        print(path)
    print(f"已生成 {len(written)} 种文书样张。")
    return EXIT_OK


_HANDLERS: dict[tuple[str, str | None], Handler] = {
    ("db", "upgrade"): _db_upgrade,
    ("db", "check"): _db_check,
    ("backup", None): _backup,
    ("restore", None): _restore,
    ("retention", "list"): _retention_list,
    ("retention", "request"): _retention_request,
    ("retention", "approve"): _retention_approve,
    ("retention", "reject"): _retention_reject,
    ("demo", None): _demo,
    ("calendar", "due"): _calendar_due,
    ("calendar", "template"): _calendar_template,
    ("calendar", "load"): _calendar_load,
    ("user", "create-admin"): _create_admin,
    ("user", "reset-password"): _reset_password,
    ("audit", "verify"): _audit_verify,
    ("print-samples", None): _print_samples,
    **{("report", kind.value): _report for kind in reporting.ReportKind},
    ("import-orders", None): _import_orders,
    ("template", "import-orders"): _template,
}


def _start_gui(ctx: _Context) -> int:
    # Imported here so that the command-line tasks work without Qt installed or loadable.
    from ui.app import run_gui

    return run_gui(ctx.url, ctx.data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``towndesk``; returns the exit status (0 done, 1 user error, 2 usage, 70 bug)."""
    parser = build_parser()
    command: str | None = None
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:  # -h / --help print and "exit" 0
            return exit_.code if isinstance(exit_.code, int) else EXIT_OK
        command = args.command
        ctx = _Context(args)
        if command is None:
            return _start_gui(ctx)
        handler = _HANDLERS[(command, getattr(args, "action", None))]
        return handler(ctx, args)
    except UsageError as exc:
        print(f"towndesk：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except EnvironmentProblem as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except OperationalError as exc:
        print(
            f"无法连接或写入数据库：{_database_hint(exc)}。"
            "请检查 --db 地址、数据库服务是否运行，以及文件夹是否可写。",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        print("内部错误，未保存任何更改。以下信息请转交技术支持：", file=sys.stderr)
        traceback.print_exc()
        if command == "demo":
            # The demo commits case by case, so "nothing" means nothing after the last case.
            print("演示数据可能只写入了一部分，请删除该数据库后重新生成。", file=sys.stderr)
        return EXIT_BUG


def _database_hint(exc: OperationalError) -> str:
    # The driver's first line says what failed (refused, no such file, locked) without the SQL.
    return str(exc.orig).strip().splitlines()[0] if exc.orig else "未知原因"
