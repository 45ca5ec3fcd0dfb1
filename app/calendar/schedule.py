"""One year's official holiday schedule (国务院办公厅放假安排), and its editable JSON file."""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from app.calendar.bounds import FIRST_YEAR, LAST_YEAR, check_year
from app.calendar.package_data import (
    last_package_year,
    package_off_days,
    package_weekend_workdays,
)
from app.domain.errors import DomainError, ValidationError

_WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_FILE_KEYS = ("year", "source", "holidays", "workdays")
# Strict form only: date.fromisoformat also takes "20270101" and "2027-W01-1", which an
# administrator almost certainly did not mean.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def weekday_name(d: date) -> str:
    """The Chinese name of ``d``'s weekday, e.g. 星期三."""
    return _WEEKDAY_NAMES[d.weekday()]


@dataclass(frozen=True)
class YearSchedule:
    """The official schedule of one year, as the State Council publishes it (RULES §2.1).

    ``holidays`` are the days off that would otherwise be working days; a holiday listed on a
    weekend is accepted and changes nothing. ``workdays`` are the swapped working weekend days
    (调休上班). ``source`` names the notice, e.g. "国办发明电〔2025〕7号".
    """

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str

    def __post_init__(self) -> None:
        # Validated here, not only in the file loader, so that a schedule built in code cannot
        # put days of another year into this year's cache either.
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise ValidationError("year", "年份必须是整数，例如 2027")
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValidationError(
                "year", f"年份 {self.year} 超出支持的范围（{FIRST_YEAR}–{LAST_YEAR}年）"
            )
        if not isinstance(self.source, str) or not self.source.strip():
            raise ValidationError(
                "source", "请填写放假安排的发文依据（source），例如“国办发明电〔2025〕7号”"
            )
        for field, label, days in (
            ("holidays", "放假日", self.holidays),
            ("workdays", "调休上班日", self.workdays),
        ):
            for d in sorted(days):
                if d.year != self.year:
                    raise ValidationError(
                        field, f"{label} {d.isoformat()} 不在 {self.year} 年内，请检查该条目"
                    )
        for d in sorted(self.workdays):
            if d.weekday() < 5:
                raise ValidationError(
                    "workdays",
                    f"调休上班日 {d.isoformat()} 是{weekday_name(d)}，"
                    "调休上班日只能是星期六或星期日",
                )
        both = sorted(self.holidays & self.workdays)
        if both:
            raise ValidationError(
                "workdays",
                f"日期 {both[0].isoformat()} 同时列在放假日和调休上班日中，只能属于其中之一",
            )


def schedule_from_package(year: int) -> YearSchedule | None:
    """The schedule the `holidays` package knows for an announced year, or ``None``.

    ``None`` means the year is provisional. The result serves as a template the administrator
    can export, check against the notice and edit.
    """
    check_year(year)
    if year > last_package_year():
        return None
    off = package_off_days(year)
    return YearSchedule(
        year=year,
        holidays=frozenset(d for d in off if d.weekday() < 5),
        workdays=package_weekend_workdays(year),
        source=f"国务院办公厅{year}年部分节假日安排（据 holidays {version('holidays')} 软件包）",
    )


def dump_schedule_file(schedule: YearSchedule, path: Path) -> None:
    """Write ``schedule`` as the JSON file :func:`load_schedule_file` reads."""
    data: dict[str, Any] = {
        "year": schedule.year,
        "source": schedule.source,
        "holidays": [d.isoformat() for d in sorted(schedule.holidays)],
        "workdays": [d.isoformat() for d in sorted(schedule.workdays)],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # Write beside the target and rename, so a crash never leaves half a schedule behind.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_schedule_file(path: Path) -> YearSchedule:
    """Read and validate a schedule file; every problem is reported in plain Chinese."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DomainError(f"找不到节假日安排文件：{path}") from None
    except UnicodeDecodeError:
        raise ValidationError("file", f"节假日安排文件 {path.name} 不是 UTF-8 编码的文本") from None
    except OSError as exc:
        raise DomainError(f"无法读取节假日安排文件 {path}：{exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            "file",
            f"节假日安排文件 {path.name} 不是有效的 JSON 格式"
            f"（第 {exc.lineno} 行第 {exc.colno} 列附近有错误）",
        ) from None
    if not isinstance(data, dict):
        raise ValidationError(
            "file",
            f"节假日安排文件 {path.name} 的内容应是一个对象，包含 year、source、holidays、workdays",
        )
    unknown = sorted(str(k) for k in data if k not in _FILE_KEYS)
    if unknown:
        raise ValidationError(
            "file",
            f"节假日安排文件中有无法识别的项：{'、'.join(unknown)}"
            "（只允许 year、source、holidays、workdays）",
        )
    missing = [k for k in _FILE_KEYS if k not in data]
    if missing:
        raise ValidationError(missing[0], f"节假日安排文件缺少“{'、'.join(missing)}”项")
    year = data["year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValidationError("year", f"year 应是整数年份，例如 2027，而文件中是 {year!r}")
    source = data["source"]
    if not isinstance(source, str):
        raise ValidationError("source", "source 应是文字，例如“国办发明电〔2025〕7号”")
    return YearSchedule(
        year=year,
        holidays=_parse_dates(data["holidays"], "holidays", "放假日"),
        workdays=_parse_dates(data["workdays"], "workdays", "调休上班日"),
        source=source.strip(),
    )


def _parse_dates(raw: object, field: str, label: str) -> frozenset[date]:
    if not isinstance(raw, list):
        raise ValidationError(field, f'{field}（{label}）应是日期列表，例如 ["2027-01-01"]')
    days: set[date] = set()
    for i, item in enumerate(raw, start=1):
        bad = f"{field}（{label}）第 {i} 项 {item!r} 不是 YYYY-MM-DD 格式的有效日期"
        if not isinstance(item, str) or not _ISO_DATE.fullmatch(item):
            raise ValidationError(field, bad)
        try:
            days.add(date.fromisoformat(item))
        except ValueError:
            raise ValidationError(field, bad) from None
    return frozenset(days)
