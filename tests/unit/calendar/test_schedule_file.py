"""Tests of the official-schedule override file an administrator imports (RULES §2.1)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.calendar import (
    WorkCalendar,
    YearSchedule,
    dump_schedule_file,
    load_schedule_file,
    schedule_from_package,
)
from app.domain.errors import DomainError, ValidationError


def _good() -> dict[str, Any]:
    return {
        "year": 2027,
        "source": "国办发明电〔2026〕测试号",
        "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09"],
        "workdays": ["2027-02-07", "2027-02-20"],
    }


def _write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "2027.json"
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_rules_2_1_schedule_file_load_good(tmp_path: Path) -> None:
    schedule = load_schedule_file(_write(tmp_path, _good()))
    assert schedule.year == 2027
    assert schedule.source == "国办发明电〔2026〕测试号"
    assert date(2027, 2, 7) in schedule.workdays
    assert date(2027, 2, 8) in schedule.holidays
    assert WorkCalendar([schedule]).is_working_day(date(2027, 2, 7))


def test_rules_2_1_schedule_file_round_trip(tmp_path: Path) -> None:
    original = load_schedule_file(_write(tmp_path, _good()))
    target = tmp_path / "out.json"
    dump_schedule_file(original, target)
    assert load_schedule_file(target) == original
    assert "国办发明电" in target.read_text(encoding="utf-8")


def test_rules_2_1_schedule_file_round_trip_package_template(tmp_path: Path) -> None:
    template = schedule_from_package(2025)
    assert template is not None
    target = tmp_path / "2025.json"
    dump_schedule_file(template, target)
    assert load_schedule_file(target) == template
    data = json.loads(target.read_text(encoding="utf-8"))
    assert "2025-09-28" in data["workdays"]
    assert "2025-10-08" in data["holidays"]
    assert data["holidays"] == sorted(data["holidays"])


def test_rules_2_1_schedule_file_weekend_holiday_is_harmless(tmp_path: Path) -> None:
    data = _good()
    data["holidays"].append("2027-02-06")  # a Saturday
    schedule = load_schedule_file(_write(tmp_path, data))
    assert not WorkCalendar([schedule]).is_working_day(date(2027, 2, 6))


def _bad_cases() -> list[tuple[str, object, str]]:
    outside = _good()
    outside["holidays"].append("2026-12-31")
    wednesday = _good()
    wednesday["workdays"].append("2027-02-10")
    both = _good()
    both["holidays"].append("2027-02-20")
    bad_format = _good()
    bad_format["holidays"].append("2027/03/01")
    impossible = _good()
    impossible["holidays"].append("2027-02-30")
    no_source = _good()
    no_source["source"] = "  "
    missing = _good()
    del missing["workdays"]
    unknown = _good()
    unknown["holiday"] = []
    text_year = _good()
    text_year["year"] = "2027"
    far = _good()
    far["year"] = 2100
    not_list = _good()
    not_list["holidays"] = "2027-01-01"
    return [
        ("not_json", "{year: 2027,", "JSON"),
        ("not_object", [1, 2], "对象"),
        ("outside_year", outside, "2026-12-31"),
        ("workday_on_wednesday", wednesday, "2027-02-10"),
        ("in_both_lists", both, "同时"),
        ("bad_format", bad_format, "2027/03/01"),
        ("impossible_date", impossible, "2027-02-30"),
        ("no_source", no_source, "source"),
        ("missing_key", missing, "workdays"),
        ("unknown_key", unknown, "holiday"),
        ("year_as_text", text_year, "2027"),
        ("year_out_of_range", far, "2100"),
        ("dates_not_a_list", not_list, "列表"),
    ]


@pytest.mark.parametrize(
    ("content", "named"),
    [(c, n) for _, c, n in _bad_cases()],
    ids=[i for i, _, _ in _bad_cases()],
)
def test_rules_2_1_schedule_file_bad_input_refused(
    tmp_path: Path, content: object, named: str
) -> None:
    with pytest.raises(ValidationError) as info:
        load_schedule_file(_write(tmp_path, content))
    assert _has_chinese(info.value.message)
    assert named in info.value.message


def test_rules_2_1_schedule_file_wednesday_workday_message() -> None:
    with pytest.raises(ValidationError) as info:
        YearSchedule(2027, frozenset(), frozenset({date(2027, 2, 10)}), source="测试")
    assert info.value.field == "workdays"
    assert "星期三" in info.value.message


def test_rules_2_1_schedule_file_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="找不到"):
        load_schedule_file(tmp_path / "none.json")


def test_rules_2_1_schedule_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(_good(), ensure_ascii=False).encode("gbk"))
    with pytest.raises(ValidationError, match="UTF-8"):
        load_schedule_file(path)


def test_rules_2_1_schedule_file_utf8_bom_accepted(tmp_path: Path) -> None:
    # Windows Notepad saves UTF-8 with a byte-order mark.
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_good(), ensure_ascii=False).encode("utf-8"))
    assert load_schedule_file(path).year == 2027
