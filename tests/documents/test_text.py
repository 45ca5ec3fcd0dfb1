"""Formal Chinese: dates in Chinese numerals, article citations, and Chinese line breaking."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.documents.linebreak import CANNOT_END, CANNOT_START, break_lines
from app.documents.text import chinese_number, cite, formal_date, plain_date, plain_datetime


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 11, 22), "二〇二六年十一月二十二日"),
        (date(2025, 1, 1), "二〇二五年一月一日"),
        (date(2030, 10, 10), "二〇三〇年十月十日"),
        (date(2026, 12, 31), "二〇二六年十二月三十一日"),
        (date(2000, 2, 20), "二〇〇〇年二月二十日"),
    ],
)
def test_formal_date(day: date, text: str) -> None:
    assert formal_date(day) == text


def test_plain_dates() -> None:
    assert plain_date(date(2026, 3, 5)) == "2026年3月5日"
    moment = datetime(2026, 3, 5, 9, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert plain_datetime(moment) == "2026年3月5日9时05分"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (201, "二百零一"),
        (1001, "一千零一"),
    ],
)
def test_chinese_number(value: int, text: str) -> None:
    assert chinese_number(value) == text


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "YJ12345 art. 9(1)2",
            "《阳江市12345政务服务便民热线接诉即办管理办法》第九条第（一）项第2目",
        ),
        ("YJ12345 art. 6(2)", "《阳江市12345政务服务便民热线接诉即办管理办法》第六条第（二）项"),
        ("JY12345 art. 19", "《揭阳市12345市民服务热线管理规定（试行）》第十九条"),
        ("FIRE art. 5, 6", "《阳江市火灾隐患举报奖励实施办法》第五条、第六条"),
        ("FIRE art. 8 para 2", "《阳江市火灾隐患举报奖励实施办法》第八条第二款"),
        ("STD item 6", "《阳江市加快推进政务服务标准化规范化便利化实施方案》第6项"),
        ("CIVIL art. 201", "《中华人民共和国民法典》第二百零一条"),
        ("依照本中心规定", "依照本中心规定"),  # not a code: printed as it is
        ("XYZ art. 3", "XYZ art. 3"),  # unknown source: printed as it is
    ],
)
def test_cite(code: str, text: str) -> None:
    assert cite(code) == text


def test_cite_short() -> None:
    assert cite("FIRE art. 11", short=True) == "《奖励办法》第十一条"
    assert (
        cite("YJ12345 art. 10; FIRE art. 9", short=True) == "《热线办法》第十条、《奖励办法》第九条"
    )


def _lines(text: str, chars_per_line: int) -> list[str]:
    widths = [10.0] * len(text)
    return [text[line.start : line.end] for line in break_lines(text, widths, chars_per_line * 10)]


def test_no_line_starts_with_a_closing_mark() -> None:
    text = "你于十一月二十日提出的诉求，本中心已经受理。请妥善保管本回执，勿将查询码告知他人。"
    for width in range(6, 20):
        lines = _lines(text, width)
        assert "".join(lines) == text
        assert all(line[0] not in CANNOT_START for line in lines[1:]), (width, lines)
        assert all(line[-1] not in CANNOT_END for line in lines), (width, lines)


def test_no_line_ends_with_an_opening_mark() -> None:
    text = "经审查，该诉求属于《阳江市办法》规定的情形（第二项），不予受理。"
    for width in range(5, 20):
        lines = _lines(text, width)
        assert "".join(lines) == text
        assert all(line[-1] not in CANNOT_END for line in lines), (width, lines)


def test_numbers_stay_whole_when_the_line_stays_full() -> None:
    # The amount moves down whole, with its 元, when the line it leaves stays 80 % full.
    assert _lines("款" * 28 + "5,000元整", 30) == ["款" * 28, "5,000元整"]
    assert _lines("款" * 28 + "28号楼", 30) == ["款" * 28, "28号楼"]
    # A case number breaks after a hyphen rather than leave a line half empty.
    lines = _lines("编号" * 5 + "：JCZ01-20261120-0012。", 20)
    assert lines[0].endswith("JCZ01-"), lines


def test_a_number_is_split_rather_than_leave_a_loose_line() -> None:
    lines = _lines("依法实施处罚罚款五万元整即50,000.00元。", 18)
    assert len(lines[0]) == 18


def test_forced_breaks() -> None:
    assert _lines("一二三\n四五", 10) == ["一二三", "四五"]


def test_progress_on_a_single_wide_character() -> None:
    assert _lines("一二", 0) == ["一", "二"]
