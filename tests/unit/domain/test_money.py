"""Unit tests of printed money: format_yuan and 人民币大写 per the banking rules (支付结算办法 附件一)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import MAX_FEN, chinese_capital, format_yuan, yuan_with_capital


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0.00元"),
        (1, "0.01元"),
        (10, "0.10元"),
        (100, "1.00元"),
        (10000, "100.00元"),
        (123456, "1,234.56元"),
        (3000000, "30,000.00元"),
        (100000000, "1,000,000.00元"),
    ],
)
def test_format_yuan(fen: int, text: str) -> None:
    assert format_yuan(fen) == text


@pytest.mark.parametrize(
    ("yuan", "capital"),
    [
        # The brief's and the rule's own examples.
        ("0", "零元整"),
        ("100", "壹佰元整"),
        ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
        ("1005", "壹仟零伍元整"),
        ("10.05", "壹拾元零伍分"),
        ("1409.50", "壹仟肆佰零玖元伍角整"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万柒仟元伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        # Leading ten is always 壹拾, also inside a larger number.
        ("10", "壹拾元整"),
        ("15", "壹拾伍元整"),
        ("110", "壹佰壹拾元整"),
        ("100010", "壹拾万零壹拾元整"),
        # Below one yuan: start at the first non-zero unit.
        ("0.01", "壹分"),
        ("0.05", "伍分"),
        ("0.50", "伍角整"),
        ("0.55", "伍角伍分"),
        ("1.05", "壹元零伍分"),
        ("1.50", "壹元伍角整"),
        # Zeros across the 万 and 亿 groups: one 零 for any gap.
        ("10000", "壹万元整"),
        ("10001", "壹万零壹元整"),
        ("10010", "壹万零壹拾元整"),
        ("10100", "壹万零壹佰元整"),
        ("11000", "壹万壹仟元整"),
        ("100700", "壹拾万零柒佰元整"),
        ("1000005", "壹佰万零伍元整"),
        ("10000100", "壹仟万零壹佰元整"),
        ("100000000", "壹亿元整"),
        ("100000001", "壹亿零壹元整"),
        ("100010000", "壹亿零壹万元整"),
        ("110000000", "壹亿壹仟万元整"),
        ("101000000", "壹亿零壹佰万元整"),
        ("1000000000000", "壹万亿元整"),
        # Amounts of the reward rules (FIRE art. 5): minimum, cap, 10 % of a fine.
        ("100.00", "壹佰元整"),
        ("30000.00", "叁万元整"),
        ("2345.67", "贰仟叁佰肆拾伍元陆角柒分"),
        ("3333.33", "叁仟叁佰叁拾叁元叁角叁分"),
        ("9999.99", "玖仟玖佰玖拾玖元玖角玖分"),
        ("20000.40", "贰万元肆角整"),
    ],
)
def test_chinese_capital(yuan: str, capital: str) -> None:
    whole, _, part = yuan.partition(".")
    fen = int(whole) * 100 + int((part + "00")[:2])
    assert chinese_capital(fen) == capital


def test_yuan_with_capital() -> None:
    assert yuan_with_capital(50000) == "500.00元（大写：人民币伍佰元整）"


@pytest.mark.parametrize("function", [format_yuan, chinese_capital])
def test_negative_amount_refused(function: object) -> None:
    with pytest.raises(ValueError, match="negative"):
        function(-1)  # type: ignore[operator]


@pytest.mark.parametrize("bad", [1.5, True, "100"])
def test_only_integer_fen(bad: object) -> None:
    with pytest.raises(TypeError):
        chinese_capital(bad)  # type: ignore[arg-type]


def test_too_large_refused() -> None:
    chinese_capital(MAX_FEN)
    with pytest.raises(ValueError):
        chinese_capital(MAX_FEN + 1)


_VALUE = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}


def _parse(capital: str) -> int:
    """Read a capital amount back to fen (test oracle for the property below)."""
    capital = capital.removesuffix("整")
    yuan_text, _, fraction = capital.rpartition("元") if "元" in capital else ("", "", capital)
    total = section = number = 0
    for char in yuan_text:
        if char in _VALUE:
            number = _VALUE[char]
        elif char in _UNIT:
            section += number * _UNIT[char]
            number = 0
        elif char == "万":
            # 万 after 亿 in 万亿 multiplies what came before.
            if section + number == 0:
                total *= 10000
            else:
                total += (section + number) * 10000
            section = number = 0
        elif char == "亿":
            total = (total + section + number) * 10**8
            section = number = 0
    yuan = total + section + number
    fen = 0
    fraction = fraction.lstrip("零")
    if "角" in fraction:
        jiao, _, fraction = fraction.partition("角")
        fen += _VALUE[jiao] * 10
    if "分" in fraction:
        fen += _VALUE[fraction.removesuffix("分")]
    return yuan * 100 + fen


@given(st.integers(min_value=0, max_value=10**12))
def test_capital_reads_back(fen: int) -> None:
    capital = chinese_capital(fen)
    assert _parse(capital) == fen
    # Never two 零 in a row, never a bare leading 拾, never 零 before a unit or at the end.
    assert "零零" not in capital
    assert not capital.startswith(("拾", "零拾")) or capital == "零元整"
    assert "零元" not in capital or capital == "零元整"
    assert not any(f"零{unit}" in capital for unit in "拾佰仟万亿角分")
    assert capital.endswith("分") != capital.endswith("整")
