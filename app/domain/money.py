"""Money as printed: integer fen shown as 1,234.56元 and as 人民币大写 (壹仟贰佰叁拾肆元伍角陆分).

TownDesk keeps every amount in integer fen (RULES §4.3 decision); nothing here takes a float.

The capital form follows the People's Bank of China rules for writing amounts on bills
(《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》):

- the digits are 零壹贰叁肆伍陆柒捌玖 and the units 拾佰仟万亿; a leading ten is written
  壹拾 (¥15 → 壹拾伍元), never a bare 拾, so no digit can be written in front of it;
- an amount that ends at 元 ends with 整 (¥100 → 壹佰元整); one that ends at 分 never does.
  After 角 the rule lets 整 be left out; TownDesk writes it (¥10.50 → 壹拾元伍角整) because it
  is allowed and leaves no room to add 分 by hand;
- one zero or a run of zeros inside the number is written as a single 零
  (¥1,409.50 → 壹仟肆佰零玖元伍角整, ¥6,007.14 → 陆仟零柒元壹角肆分);
- when the 元 digit is 0 and 角 is not, the rule allows 零 or nothing: TownDesk writes nothing
  (¥1,680.32 → 壹仟陆佰捌拾元叁角贰分), the form that the same rule gives first-hand examples of;
- when 角 is 0 and 分 is not, 零 is written after 元 (¥16,409.02 → 壹万陆仟肆佰零玖元零贰分);
- an amount under one yuan starts at its first non-zero unit (¥0.50 → 伍角整), and zero is 零元整.
"""

from __future__ import annotations

from collections.abc import Sequence

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_IN_GROUP = ("", "拾", "佰", "仟")  # units inside a group of four digits, ones first
_GROUPS = ("", "万", "亿", "万亿")  # the unit of each group of four digits, lowest first
# 9999万亿 yuan and 99 fen: far beyond any fine or award, and still written with plain units.
MAX_FEN = 10**16 * 100 - 1


def _check(fen: int) -> None:
    # bool is an int subclass; True fen is a bug, not one fen.
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError(f"money is integer fen, got {type(fen).__name__}")
    if fen < 0:
        raise ValueError(f"a printed amount cannot be negative: {fen} fen")
    if fen > MAX_FEN:
        raise ValueError(f"amount too large to print: {fen} fen")


def format_yuan(fen: int) -> str:
    """``123456`` → ``"1,234.56元"``: thousands separated, always two decimals."""
    _check(fen)
    yuan, rest = divmod(fen, 100)
    return f"{yuan:,}.{rest:02d}元"


def spell_group(value: int, digits: str = _DIGITS, units: Sequence[str] = _IN_GROUP) -> str:
    """Up to four digits in words, without leading zeros (the caller decides on 零).

    Capital digits for money by default; the document text passes 一二三 and 十百千 to write
    numbers the same way (一百零一).
    """
    out: list[str] = []
    zero_pending = False
    for position in range(3, -1, -1):
        digit = value // 10**position % 10
        if digit == 0:
            # A zero only matters when something non-zero follows it inside the group.
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append(digits[0])
            zero_pending = False
        out.append(digits[digit] + units[position])
    return "".join(out)


def _integer(yuan: int) -> str:
    """The yuan part in capital digits (yuan > 0)."""
    groups = []
    while yuan:
        yuan, group = divmod(yuan, 10000)
        groups.append(group)
    out: list[str] = []
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        # A gap before this group (a whole empty group, or leading zeros in this one) is one 零:
        # 壹拾万零柒佰, 壹亿零壹万.
        if out and (zero_pending or group < 1000):
            out.append("零")
        out.append(spell_group(group) + _GROUPS[index])
        zero_pending = False
    return "".join(out)


def chinese_capital(fen: int) -> str:
    """人民币大写 of an amount in fen, per the banking rules in this module's docstring."""
    _check(fen)
    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)
    if yuan == 0 and rest == 0:
        return "零元整"
    out = _integer(yuan) + "元" if yuan else ""
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif fen_digit and yuan:
        out += "零"  # 元 followed by 分 with no 角 in between: 壹拾元零伍分
    if fen_digit:
        out += _DIGITS[fen_digit] + "分"
    else:
        out += "整"
    return out


def yuan_with_capital(fen: int) -> str:
    """How an amount paid to a citizen is printed: ``1,234.56元（大写：人民币壹仟贰佰叁拾肆元伍角陆分）``."""
    return f"{format_yuan(fen)}（大写：人民币{chinese_capital(fen)}）"
