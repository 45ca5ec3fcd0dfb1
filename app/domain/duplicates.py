"""Same-hazard detection for tip-offs: a normalised key, and which of several reports came first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, TypeVar

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
# Prefixes a clerk may or may not type; dropping them lets "阳江市江城区东风路8号" match "东风路8号".
_ADDRESS_PREFIXES = ("广东省", "阳江市", "揭阳市")


def normalise_text(text: str) -> str:
    """Full-width to half-width, lower case, no spaces or punctuation."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).lower())


def normalise_address(address: str) -> str:
    text = normalise_text(address)
    for prefix in _ADDRESS_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


def hazard_key(unit_name: str, address: str, category: int | None) -> str:
    """RULES §4.2 / FIRE art. 6: the same hazard = same reported unit, address and category."""
    return f"{category or 0}|{normalise_text(unit_name)}|{normalise_address(address)}"


class _Reported(Protocol):
    @property
    def received_at(self) -> datetime: ...

    @property
    def number(self) -> str: ...


_R = TypeVar("_R", bound=_Reported)


def first_report(reports: Iterable[_R]) -> _R:
    """FIRE art. 6: the earliest report time wins; the case number breaks a tie (arrival order)."""
    return min(reports, key=lambda r: (r.received_at, r.number))
