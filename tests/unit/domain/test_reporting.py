"""Reporting periods (RULES §6): years, quarters and months as upstream names them."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import reporting
from app.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026年"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "2026年2月"),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29), "2028年2月"),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31), "2026年12月"),
        ("2026Q2", date(2026, 4, 1), date(2026, 6, 30), "2026年第2季度"),
        ("2026-q4", date(2026, 10, 1), date(2026, 12, 31), "2026年第4季度"),
    ],
)
def test_rules_6_periods_are_years_months_and_quarters(
    text: str, first: date, last: date, label: str
) -> None:
    period = reporting.parse_period(text)
    assert (period.first, period.last, period.label) == (first, last, label)
    assert (period.year == 2026) is (text == "2026")


@pytest.mark.parametrize("text", ["", "26", "2026-13", "2026Q0", "2026Q5", "last month"])
def test_rules_6_an_unreadable_period_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ValidationError, match="无法识别"):
        reporting.parse_period(text)


def test_rules_6_a_quarter_lists_its_three_months_and_a_year_its_twelve() -> None:
    assert reporting.parse_period("2026Q4").months() == [(2026, 10), (2026, 11), (2026, 12)]
    assert len(reporting.parse_period("2026").months()) == 12
    assert reporting.parse_period("2026-03").span is reporting.Span.MONTH
    assert date(2026, 3, 31) in reporting.parse_period("2026-03")
    assert date(2026, 4, 1) not in reporting.parse_period("2026-03")
