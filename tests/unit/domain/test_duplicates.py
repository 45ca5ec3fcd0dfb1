"""Same-hazard keys and the first report (FIRE art. 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.duplicates import first_report, hazard_key
from app.persistence.types import SHANGHAI


def test_rules_4_2_same_hazard_key_ignores_spacing_width_and_city_prefix() -> None:
    a = hazard_key("兴旺五金店", "阳江市江城区东风路12号", 4)
    b = hazard_key(" 兴旺 五金店 ", "江城区东风路１２号", 4)
    assert a == b
    assert hazard_key("兴旺五金店", "江城区东风路12号", 2) != a
    assert hazard_key("兴旺五金店", "江城区东风路14号", 4) != a


@dataclass
class Report:
    number: str
    received_at: datetime


def test_rules_4_2_fire_art6_earliest_report_time_wins() -> None:
    early = Report("TD01-20250926-0002", datetime(2025, 9, 26, 9, tzinfo=SHANGHAI))
    late = Report("TD01-20250926-0001", datetime(2025, 9, 26, 10, tzinfo=SHANGHAI))
    same_time = Report("TD01-20250926-0003", datetime(2025, 9, 26, 9, tzinfo=SHANGHAI))
    assert first_report([late, same_time, early]) is early
