"""Long id lists queried in pieces: one ``IN (…)`` per batch, within every database's limits."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import Any, TypeVar

# Values bound in one ``IN (…)``: well under SQLite's oldest limit of 999 bound parameters.
IN_LIST_LIMIT = 500

K = TypeVar("K", bound=Hashable)


def in_batches(values: Iterable[K]) -> Iterator[list[K]]:
    """The distinct values, sorted, in lists short enough for one ``IN (…)`` each."""
    ordered: list[Any] = sorted(set(values))
    for start in range(0, len(ordered), IN_LIST_LIMIT):
        yield ordered[start : start + IN_LIST_LIMIT]
