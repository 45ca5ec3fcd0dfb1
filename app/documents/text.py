"""Formal Chinese for printed documents: dates in Chinese numerals, times, and article citations.

Articles are stored in code as short keys (``"YJ12345 art. 9(1)2"``, ``"STD item 6"``, see
RULES.md); a citizen reads them as ``《阳江市12345政务服务便民热线接诉即办管理办法》第九条第（一）项第2目``.
The titles of the rule documents are data in ``resources/templates/sources.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from app.domain.money import spell_group
from resources import RESOURCES_DIR

TEMPLATES_DIR = RESOURCES_DIR / "templates"

_DIGITS = "〇一二三四五六七八九"
_SMALL = "零一二三四五六七八九"


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 101 → 一百零一, 110 → 一百一十 (0 < value < 10000).

    As article numbers and dates are read: a leading ten is 十 (第十五条), not 一十.
    """
    if not 0 < value < 10000:
        raise ValueError(f"out of range for a Chinese ordinal: {value}")
    if value < 10:
        return _SMALL[value]
    if value < 20:
        return "十" + (_SMALL[value - 10] if value > 10 else "")
    return spell_group(value, _SMALL, ("", "十", "百", "千"))


def formal_date(day: date) -> str:
    """二〇二六年十一月二十二日: the year digit by digit with 〇, month and day as numbers."""
    year = "".join(_DIGITS[int(d)] for d in f"{day.year:04d}")
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def plain_date(day: date) -> str:
    """2026年11月22日: how dates read inside body text."""
    return f"{day.year}年{day.month}月{day.day}日"


def plain_datetime(moment: datetime) -> str:
    """2026年11月22日9时05分."""
    return f"{plain_date(moment.date())}{moment.hour}时{moment.minute:02d}分"


@dataclass(frozen=True)
class Source:
    """A rule document as cited: full title with its number, and a short name for tables."""

    key: str
    title: str
    number: str
    short: str


@cache
def sources(path: Path = TEMPLATES_DIR / "sources.toml") -> dict[str, Source]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {
        key: Source(
            key, entry["title"], entry.get("number", ""), entry.get("short", entry["title"])
        )
        for key, entry in data.items()
    }


# "YJ12345 art. 9(1)2", "JY12345 art. 13(3)", "FIRE art. 5, 6", "STD item 6", "FIRE art. 8 para 2"
_CODE = re.compile(
    r"^(?P<key>[A-Z][A-Z0-9]*) "
    r"(?:(?P<kind>art\.|item) (?P<list>\d+(?:\(\d+\))?\d*(?: para \d+)?"
    r"(?:(?:, | and )\d+(?:\(\d+\))?\d*(?: para \d+)?)*))$"
)
_ONE = re.compile(r"^(?P<art>\d+)(?:\((?P<item>\d+)\))?(?P<sub>\d+)?(?: para (?P<para>\d+))?$")


def _article_part(text: str, kind: str) -> str:
    match = _ONE.match(text)
    if match is None:  # pragma: no cover - the outer pattern admits only what _ONE reads
        return text
    number = int(match["art"])
    if kind == "item":
        # STD numbers its measures with Arabic numerals (“6. 全面推行……”): 第6项.
        return f"第{number}项"
    out = f"第{chinese_number(number)}条"
    if match["para"]:
        out += f"第{chinese_number(int(match['para']))}款"
    if match["item"]:
        out += f"第（{chinese_number(int(match['item']))}）项"
    if match["sub"]:
        out += f"第{int(match['sub'])}目"
    return out


def cite(article: str, *, short: bool = False) -> str:
    """The printed citation of an article code; text that is not a code is returned unchanged.

    ``short`` uses the document's short name (《热线办法》第九条), for table cells; a document
    that uses short names explains them in a note (``short_names_note``).
    """
    parts = [p.strip() for p in re.split(r"[;；]", article) if p.strip()]
    if len(parts) > 1:
        return "、".join(cite(p, short=short) for p in parts)
    match = _CODE.match(article.strip())
    if match is None:
        return article
    source = sources().get(match["key"])
    if source is None:
        return article
    items = re.split(r", | and ", match["list"])
    body = "、".join(_article_part(i, match["kind"]) for i in items)
    return f"{source.short if short else source.title}{body}"


def cited_sources(articles: list[str]) -> list[Source]:
    """The rule documents named by the article codes, in order of first mention."""
    seen: dict[str, Source] = {}
    table = sources()
    for article in articles:
        for part in re.split(r"[;；]", article):
            match = _CODE.match(part.strip())
            if match and match["key"] in table:
                seen.setdefault(match["key"], table[match["key"]])
    return list(seen.values())
