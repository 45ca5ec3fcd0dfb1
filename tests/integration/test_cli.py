"""The `towndesk` command line run in-process: calendar, database, users, demo and exit codes."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.calendar import schedule_from_package
from app.cli import main
from app.persistence.migrate import head_revision
from app.services import users
from app.services.context import Services


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def db_args(tmp_path: Path, db_file: Path) -> list[str]:
    return ["--db", f"sqlite:///{db_file}", "--data-dir", str(tmp_path)]


@pytest.fixture
def admin(
    capsys: pytest.CaptureFixture[str], db_args: list[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """A migrated database with the administrator `root` (password in the environment)."""
    monkeypatch.setenv(cli.PASSWORD_ENV, "root-pass-1")
    assert run(capsys, *db_args, "user", "create-admin", "--username", "root")[0] == 0
    return "root"


# ----- calendar due (RULES §2.1) --------------------------------------------------------------


def test_due_counts_working_days_and_creates_no_database(
    capsys: pytest.CaptureFixture[str], db_args: list[str], db_file: Path
) -> None:
    # RULES §2.1: the start day is not counted; National Day 2025 (10-01..10-08) is skipped.
    assert run(capsys, *db_args, "calendar", "due", "2025-09-26", "10") == (0, "2025-10-16\n", "")
    assert not db_file.exists()


def test_due_in_an_unpublished_year_is_provisional(
    capsys: pytest.CaptureFixture[str], db_args: list[str]
) -> None:
    code, out, _ = run(capsys, *db_args, "calendar", "due", "2026-12-30", "5")
    assert code == 0
    assert out.startswith("2027-")
    assert out.endswith(" provisional\n")


def test_due_in_natural_days_rolls_past_the_holiday(
    capsys: pytest.CaptureFixture[str], db_args: list[str]
) -> None:
    # RULES §2.1, 民法典 art. 203: day 30 is 2025-10-01, inside the holiday; next working day.
    code, out, _ = run(capsys, *db_args, "calendar", "due", "2025-09-01", "30", "--natural")
    assert (code, out) == (0, "2025-10-09\n")


@pytest.mark.parametrize(
    ("start", "n", "message"),
    [
        ("2025-02-30", "10", "不是有效日期"),
        ("2025/09/26", "10", "不是有效日期"),
        ("2025-09-26", "-1", "不是有效的天数"),
        ("2025-09-26", "十", "不是有效的天数"),
        ("2100-01-01", "3", "超出工作日日历支持的范围"),
    ],
)
def test_due_refuses_bad_input_with_exit_2(
    capsys: pytest.CaptureFixture[str], db_args: list[str], start: str, n: str, message: str
) -> None:
    code, out, err = run(capsys, *db_args, "calendar", "due", start, n)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_missing_arguments_are_reported_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "calendar", "due", "2025-09-26")
    assert code == 2
    assert "缺少必需的参数" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "due", "-h")
    assert code == 0
    assert "--natural" in out


def test_a_malformed_database_url_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "not a url", "db", "upgrade")
    assert code == 2
    assert "数据库地址" in err


# ----- db upgrade ------------------------------------------------------------------------------


def test_db_upgrade_creates_then_reports_up_to_date(
    capsys: pytest.CaptureFixture[str], db_args: list[str], db_file: Path
) -> None:
    head = head_revision()
    code, out, _ = run(capsys, *db_args, "db", "upgrade")
    assert (code, out) == (0, f"数据库已升级：空数据库 → {head}\n")
    assert db_file.exists()
    assert run(capsys, *db_args, "db", "upgrade")[:2] == (0, f"数据库已是最新版本 ({head})\n")


def test_database_and_data_folder_default_from_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.DATA_ENV, str(tmp_path / "from-env"))
    monkeypatch.delenv(cli.DB_ENV, raising=False)
    assert run(capsys, "db", "upgrade")[0] == 0
    assert (tmp_path / "from-env" / "towndesk.db").exists()
    monkeypatch.setenv(cli.DB_ENV, f"sqlite:///{tmp_path}/other.db")
    assert run(capsys, "db", "upgrade")[0] == 0
    assert (tmp_path / "other.db").exists()


def test_an_unexpected_error_is_a_bug_with_exit_70(
    capsys: pytest.CaptureFixture[str], db_args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(database: object, data_dir: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "upgrade_with_backup", broken)
    code, _, err = run(capsys, *db_args, "db", "upgrade")
    assert code == 70
    assert err.startswith("内部错误，未保存任何更改")
    assert "Traceback" in err and "RuntimeError: boom" in err


# ----- users ------------------------------------------------------------------------------------


def test_create_admin_takes_the_password_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    tmp_path: Path,
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(cli.PASSWORD_ENV, "s3cret-pass")
    code, out, _ = run(
        capsys, *db_args, "user", "create-admin", "--username", "chief", "--name", "陈站长"
    )
    assert code == 0
    assert "陈站长" in out
    svc = Services.open(f"sqlite:///{db_file}", tmp_path)
    try:
        assert users.authenticate(svc, "chief", "s3cret-pass").display_name == "陈站长"
    finally:
        svc.close()
    # Only the very first user can be made this way.
    code, _, err = run(capsys, *db_args, "user", "create-admin", "--username", "second")
    assert code == 1
    assert "系统已有用户" in err


def test_create_admin_refuses_a_short_password(
    capsys: pytest.CaptureFixture[str], db_args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.PASSWORD_ENV, "short")
    code, _, err = run(capsys, *db_args, "user", "create-admin", "--username", "chief")
    assert code == 1
    assert "密码至少" in err
    assert "Traceback" not in err


def test_create_admin_prompts_twice_without_the_environment(
    capsys: pytest.CaptureFixture[str], db_args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cli.PASSWORD_ENV, raising=False)
    answers = iter(["first-pass-1", "other-pass-2"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(answers))
    code, _, err = run(capsys, *db_args, "user", "create-admin", "--username", "chief")
    assert code == 1
    assert "两次输入的密码不一致" in err


# ----- calendar template / load ------------------------------------------------------------------


def test_template_of_a_published_year_loads_back_unchanged(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path, admin: str
) -> None:
    out_file = tmp_path / "2025.json"
    assert run(capsys, *db_args, "calendar", "template", "2025", str(out_file))[0] == 0
    written = json.loads(out_file.read_text(encoding="utf-8"))
    package = schedule_from_package(2025)
    assert package is not None
    assert written["holidays"] == sorted(d.isoformat() for d in package.holidays)
    assert "2025-09-28" in written["workdays"]  # a swapped working Sunday
    code, out, _ = run(capsys, *db_args, "calendar", "load", str(out_file), "--user", admin)
    assert code == 0
    assert "已载入 2025 年节假日安排" in out
    assert run(capsys, *db_args, "calendar", "due", "2025-09-26", "10")[1] == "2025-10-16\n"


def test_a_loaded_schedule_ends_the_provisional_year(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path, admin: str
) -> None:
    out_file = tmp_path / "2027.json"
    code, out, _ = run(capsys, *db_args, "calendar", "template", "2027", str(out_file))
    assert code == 0
    assert "尚未发布" in out
    # The unedited skeleton names no notice, so it cannot be loaded by mistake.
    code, _, err = run(capsys, *db_args, "calendar", "load", str(out_file), "--user", admin)
    assert code == 1
    assert "source" in err
    skeleton = json.loads(out_file.read_text(encoding="utf-8"))
    skeleton["source"] = "国办发明电〔2026〕9号（测试）"
    skeleton["holidays"] = ["2027-01-01", "2027-01-04", "2027-01-05"]
    out_file.write_text(json.dumps(skeleton, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, *db_args, "calendar", "load", str(out_file), "--user", admin)[0] == 0
    # 2026-12-31, then 2027-01-06, 07, 08, 11: official now, so no longer provisional.
    assert run(capsys, *db_args, "calendar", "due", "2026-12-30", "5")[1] == "2027-01-11\n"


def test_template_does_not_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "mine.json"
    out_file.write_text("edited by hand", encoding="utf-8")
    code, _, err = run(capsys, *db_args, "calendar", "template", "2025", str(out_file))
    assert code == 1
    assert "--force" in err
    assert out_file.read_text(encoding="utf-8") == "edited by hand"
    assert run(capsys, *db_args, "calendar", "template", "2025", str(out_file), "--force")[0] == 0


def test_load_refuses_a_wrong_password(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    tmp_path: Path,
    admin: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_file = tmp_path / "2025.json"
    run(capsys, *db_args, "calendar", "template", "2025", str(out_file))
    monkeypatch.setenv(cli.PASSWORD_ENV, "wrong-password")
    code, _, err = run(capsys, *db_args, "calendar", "load", str(out_file), "--user", admin)
    assert code == 1
    assert "用户名或密码不正确" in err


def test_load_needs_an_existing_database(
    capsys: pytest.CaptureFixture[str], db_args: list[str], db_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, *db_args, "calendar", "load", str(tmp_path / "x.json"), "--user", "a"
    )
    assert code == 1
    assert "towndesk db upgrade" in err
    assert not db_file.exists()


# ----- demo and GUI ------------------------------------------------------------------------------


def test_demo_prints_a_summary_and_refuses_a_used_database(
    capsys: pytest.CaptureFixture[str], db_args: list[str]
) -> None:
    code, out, _ = run(capsys, *db_args, "demo", "--cases", "40", "--seed", "2")
    assert code == 0
    assert "案件 40 件" in out
    assert "已归档" in out
    assert "demo1234" in out
    code, _, err = run(capsys, *db_args, "demo", "--cases", "5")
    assert code == 1
    assert "空数据库" in err


def test_no_subcommand_starts_the_gui(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    tmp_path: Path,
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[tuple[str, Path]] = []

    def run_gui(url: str, data_dir: Path) -> int:
        started.append((url, data_dir))
        return 0

    fake = types.ModuleType("ui.app")
    fake.run_gui = run_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui.app", fake)
    assert main(db_args) == 0
    assert started == [(f"sqlite:///{db_file}", tmp_path.resolve())]


def test_print_samples_writes_every_document_type(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from app.documents.payloads import DocType

    out = tmp_path / "samples"
    code, stdout, _ = run(capsys, "print-samples", "--out", str(out))
    assert code == 0
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.stem.split("_", 1)[1] for p in pdfs] == [d.value for d in DocType]
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) >= 1
    assert f"已生成 {len(DocType)} 种文书样张" in stdout


def test_default_data_dir_prefers_env_then_checkout_then_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TOWNDESK_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert cli.default_data_dir() == tmp_path / "xdg" / "towndesk"
    (tmp_path / "data").mkdir()
    assert cli.default_data_dir() == Path("data")
    monkeypatch.setenv("TOWNDESK_DATA", str(tmp_path / "elsewhere"))
    assert cli.default_data_dir() == tmp_path / "elsewhere"


# ----- report, template and import-orders (issue 7) ------------------------------------------------


def test_report_cases_writes_a_workbook_that_opens_again(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path, admin: str
) -> None:
    out_file = tmp_path / "cases.xlsx"
    code, out, err = run(
        capsys,
        *db_args,
        "report",
        "cases",
        "--period",
        "2026Q1",
        "--out",
        str(out_file),
        "--user",
        admin,
    )
    assert (code, err) == (0, "")
    assert "2026年第1季度" in out and str(out_file) in out
    sheet = openpyxl.load_workbook(out_file).active
    assert sheet is not None
    texts = [c.value for row in sheet.iter_rows(max_row=5) for c in row if c.value]
    assert any("2026-01-01" in str(t) and "2026-03-31" in str(t) for t in texts)
    # Not overwritten without --force; a month is no year for the yearly disclosure.
    code, _, err = run(
        capsys,
        *db_args,
        "report",
        "cases",
        "--period",
        "2026Q1",
        "--out",
        str(out_file),
        "--user",
        admin,
    )
    assert code == 1 and "--force" in err
    code, _, err = run(
        capsys,
        *db_args,
        "report",
        "disclosure",
        "--period",
        "2026-03",
        "--out",
        str(tmp_path / "d.xlsx"),
        "--user",
        admin,
    )
    assert code == 1 and "按年度生成" in err
    assert not (tmp_path / "d.xlsx").exists()


def test_report_refuses_a_period_it_cannot_read_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path, admin: str
) -> None:
    code, _, err = run(
        capsys,
        *db_args,
        "report",
        "disclosure",
        "--period",
        "2026Q5",
        "--out",
        str(tmp_path / "d.xlsx"),
        "--user",
        admin,
    )
    assert code == 1 and "无法识别" in err and "2026Q1" in err
    assert not (tmp_path / "d.xlsx").exists()


@pytest.mark.parametrize(
    ("kind", "period", "first_sheet"),
    [
        ("monthly", "2026-03", "总表"),
        ("quarterly", "2026Q1", "总表"),
        ("yearly", "2026", "总表"),
        ("reminders", "2026-03", "催办台账"),
        ("rewards", "2026", "奖励明细"),
        ("disclosure", "2026", "奖励公示"),
        ("cases", "2026-03", "案件清单"),
        ("identity-log", "2026", "身份信息查看记录"),
    ],
)
def test_rules_6_every_report_kind_is_written_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    tmp_path: Path,
    admin: str,
    kind: str,
    period: str,
    first_sheet: str,
) -> None:
    out_file = tmp_path / f"{kind}.xlsx"
    code, out, err = run(
        capsys,
        *db_args,
        "report",
        kind,
        "--period",
        period,
        "--out",
        str(out_file),
        "--user",
        admin,
    )
    assert (code, err) == (0, "")
    assert str(out_file) in out
    assert openpyxl.load_workbook(out_file).sheetnames[0] == first_sheet


def test_rules_5_the_reward_ledger_is_refused_to_a_clerk_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    db_file: Path,
    tmp_path: Path,
    admin: str,
) -> None:
    from app.domain.users import Role

    svc = Services.open(f"sqlite:///{db_file}", tmp_path)
    try:
        root = users.authenticate(svc, admin, "root-pass-1")
        users.create_user(svc, root, "clerk", "李窗口", Role.CLERK, "root-pass-1")
    finally:
        svc.close()
    out_file = tmp_path / "rewards.xlsx"
    code, _, err = run(
        capsys,
        *db_args,
        "report",
        "rewards",
        "--period",
        "2026",
        "--out",
        str(out_file),
        "--user",
        "clerk",
    )
    assert code == 1 and "无权" in err
    assert not out_file.exists()


def test_yj12345_art_10_template_then_import_orders_then_again(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path, admin: str
) -> None:
    template = tmp_path / "模板.xlsx"
    code, out, _ = run(capsys, *db_args, "template", "import-orders", str(template))
    assert code == 0 and str(template) in out
    book = openpyxl.load_workbook(template)
    sheet = book["工单"]
    headers = [c.value for c in sheet[1]]
    good = {
        "工单编号": "YJ-0001",
        "工单时间": "2025-09-25 16:45",
        "诉求类型": "反映",
        "诉求人姓名": "张三丰",
        "证件号码": "44170219900307123X",
        "联系电话": "13812345678",
        "发生时间": "近一周",
        "发生地点": "东风路",
        "诉求内容": "路灯不亮",
    }
    bad = {**good, "工单编号": "YJ-0002", "证件号码": "441702199003071235"}
    for row, values in enumerate((good, bad), start=2):
        for column, header in enumerate(headers, start=1):
            sheet.cell(row, column, values.get(str(header)))
    orders = tmp_path / "工单.xlsx"
    book.save(orders)

    code, out, err = run(capsys, *db_args, "import-orders", str(orders), "--user", admin)
    assert code == 1, err  # a row was left out: the clerk has something to finish
    assert "新建 1 件" in out and "未导入 1 行" in out and "第 3 行「证件号码」" in out
    errors = tmp_path / "工单-未导入行.xlsx"
    assert errors.exists() and str(errors) in out

    code, out, _ = run(capsys, *db_args, "import-orders", str(orders), "--user", admin)
    assert "新建 0 件" in out and "已导入（案件编号" in out
    code, _, err = run(
        capsys, *db_args, "import-orders", str(tmp_path / "nowhere.xlsx"), "--user", admin
    )
    assert code == 1 and "找不到工单文件" in err


# ----- backup, restore, db check, retention (issue 8) ---------------------------------------------


def test_backup_then_restore_brings_the_database_back_and_keeps_what_it_replaced(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    db_file: Path,
    tmp_path: Path,
    admin: str,
) -> None:
    code, out, err = run(capsys, *db_args, "backup", "--user", admin)
    assert (code, err) == (0, ""), err
    assert "已备份并校验" in out
    backups = sorted((tmp_path / "backups").glob("towndesk-*-manual.db"))
    assert len(backups) == 1
    svc = Services.open(f"sqlite:///{db_file}", tmp_path)
    try:
        root = users.authenticate(svc, admin, "root-pass-1")
        from app.domain.users import Role

        users.create_user(svc, root, "later", "后来者", Role.CLERK, "later-pass-1")
    finally:
        svc.close()

    code, out, err = run(capsys, *db_args, "restore", str(backups[0]), "--user", admin)
    assert (code, err) == (0, ""), err
    assert "已从备份恢复" in out and "恢复前的数据库已另存为" in out
    svc = Services.open(f"sqlite:///{db_file}", tmp_path)
    try:
        names = set(users.user_names(svc).values())
    finally:
        svc.close()
    assert "后来者" not in names  # gone with the restore; kept in the before-restore copy
    assert list((tmp_path / "backups").glob("towndesk-*-before-restore.db"))
    assert run(capsys, *db_args, "db", "check") == (0, "数据库完好。\n", "")


def test_a_damaged_database_is_reported_with_the_backup_to_restore(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    db_file: Path,
    tmp_path: Path,
    admin: str,
) -> None:
    assert run(capsys, *db_args, "backup", "--user", admin)[0] == 0
    data = bytearray(db_file.read_bytes())
    for offset in range(4096, min(len(data), 4096 * 6)):
        data[offset] = 0xA5  # overwrite pages after the header: the b-trees no longer hold
    db_file.write_bytes(bytes(data))
    code, _, err = run(capsys, *db_args, "db", "check")
    assert code == 1
    assert "数据库已损坏" in err and "towndesk restore" in err


def test_jy12345_art_5_retention_lists_and_refuses_what_is_not_due(
    capsys: pytest.CaptureFixture[str], db_args: list[str], admin: str
) -> None:
    code, out, _ = run(capsys, *db_args, "retention", "list")
    assert code == 0 and "共 0 件保存期已满" in out
    code, _, err = run(
        capsys,
        *db_args,
        "retention",
        "request",
        "JCZ01-20260101-0001",
        "--reason",
        "保存期满",
        "--user",
        admin,
    )
    assert code == 1 and "不在保存期已满的清单中" in err


def test_issue_8_audit_verify_passes_then_names_the_event_changed_behind_the_program(
    capsys: pytest.CaptureFixture[str], db_args: list[str], db_file: Path, admin: str
) -> None:
    import sqlite3

    code, out, err = run(capsys, *db_args, "audit", "verify", "--user", admin)
    assert (code, err) == (0, ""), err
    with sqlite3.connect(db_file) as connection:
        (first,) = connection.execute("SELECT id FROM events ORDER BY seq LIMIT 1").fetchone()
        connection.execute("UPDATE events SET summary = summary || '（改）' WHERE id = ?", (first,))
    code, out, _ = run(capsys, *db_args, "audit", "verify", "--user", admin)
    assert code == cli.EXIT_AUDIT_BROKEN
    assert str(first) in out and "内容被修改" in out


def test_issue_8_a_locked_out_administrator_recovers_on_the_database_machine(
    capsys: pytest.CaptureFixture[str],
    db_args: list[str],
    db_file: Path,
    tmp_path: Path,
    admin: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.domain.errors import DomainError

    svc = Services.open(f"sqlite:///{db_file}", tmp_path)
    try:
        for _ in range(users.MAX_FAILED_SIGN_INS):
            with pytest.raises(DomainError):
                users.authenticate(svc, admin, "wrong-password")
        with pytest.raises(DomainError, match="暂停登录"):
            users.authenticate(svc, admin, "root-pass-1")
    finally:
        svc.close()
    monkeypatch.setenv(cli.PASSWORD_ENV, "fresh-pass-2")
    code, out, err = run(capsys, *db_args, "user", "reset-password", "--username", admin)
    assert (code, err) == (0, ""), err
    assert "解除锁定" in out
    svc = Services.open(f"sqlite:///{db_file}", tmp_path)
    try:
        assert users.authenticate(svc, admin, "fresh-pass-2").username == admin
    finally:
        svc.close()
