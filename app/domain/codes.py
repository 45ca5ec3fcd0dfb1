"""Case numbers and query codes: readable, sortable numbers for staff and short codes for citizens."""

from __future__ import annotations

import re
import secrets
from datetime import date

from app.domain.errors import ValidationError

# No 0/O/1/I so a code read out over the phone cannot be misheard or mistyped.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 6
_CENTRE_CODE = re.compile(r"^[A-Z0-9]{2,12}$")


def validate_centre_code(code: str) -> str:
    code = code.strip().upper()
    if not _CENTRE_CODE.match(code):
        raise ValidationError("centre_code", "中心代码须为 2–12 位大写字母或数字，例如 JCZ01。")
    return code


def format_case_number(centre_code: str, day: date, sequence: int) -> str:
    """``<centre code>-<yyyymmdd>-<4-digit daily sequence>``: sorts by day, then by arrival."""
    return f"{centre_code}-{day:%Y%m%d}-{sequence:04d}"


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def normalise_query_code(raw: str) -> str:
    """Accept what a citizen reads back: lower case, spaces and dashes."""
    return raw.strip().upper().replace(" ", "").replace("-", "")
