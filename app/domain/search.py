"""Search terms: how a case's text becomes index tokens, and how a clerk's term is read.

Chinese has no spaces, and SQLite's trigram tokenizer finds nothing for the one- and two-character
terms clerks type most (a surname, 噪音, 消防). So the index holds character bigrams of every run
of word characters, plus the run's last character on its own:

    噪音扰民 → 噪音 音扰 扰民 民

A term of two or more characters is the phrase of its bigrams (adjacent tokens: an exact substring
of one run); a single character is a prefix query, matching the bigrams that start with it and the
lone last character. Both databases index the same tokens: SQLite in an FTS5 table, PostgreSQL in a
``tsvector`` (the migration's PL/pgSQL twin of ``index_tokens``, checked against it by a test).

Word characters are ASCII letters and digits and the CJK ideographs, after NFKC (full-width ０-９
and Ａ-Ｚ become ASCII) and upper-casing; everything else separates runs. The set is written out
rather than ``\\w`` because PostgreSQL must draw the same line whatever its locale.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The same ranges appear in the PostgreSQL function of migration 0011.
WORD_RANGES = "0-9A-Z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{WORD_RANGES}]+")

_CASE_NUMBER = re.compile(r"^[A-Z0-9]{2,12}-\d{8}-\d{4}$")
# A part of a case number: letters, digits and hyphens with at least one digit.
_NUMBER_PART = re.compile(r"^(?=.*\d)[A-Z0-9-]{3,40}$")
_QUERY_CODE = re.compile(r"^[A-Z0-9]{6}$")
_DIGITS = re.compile(r"^\d+[X]?$")
# As app.domain.people stores them: a mobile, or a landline with its area code and trunk 0.
_PHONE = re.compile(r"^(1\d{10}|0\d{9,11})$")
_PHONE_PUNCTUATION = re.compile(r"[\s()-]")
_RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalise(text: str) -> str:
    # ASCII-only upper-casing: str.upper() maps e.g. "ı" to "I", which PostgreSQL would not.
    return unicodedata.normalize("NFKC", text).translate(_ASCII_UPPER)


def runs(text: str) -> list[str]:
    """The runs of word characters, normalised."""
    return _RUN.findall(normalise(text))


def index_tokens(text: str) -> str:
    """The tokens the index stores for a text, space-separated, in order."""
    tokens: list[str] = []
    for run in runs(text):
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.append(run[-1])
    return " ".join(tokens)


def _run_tokens(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


@dataclass(frozen=True)
class SearchTerm:
    """A clerk's term, read once: which lookups it can be and the index query for its text."""

    text: str  # normalised and stripped
    phrases: tuple[tuple[str, ...], ...]  # one per run: its bigrams (all must be found)
    prefixes: tuple[str, ...]  # runs of one character

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.prefixes

    @property
    def case_number(self) -> str | None:
        return self.text if _CASE_NUMBER.match(self.text) else None

    @property
    def number_part(self) -> str | None:
        """Part of a case number (e.g. 20260301-0001); never a phone or an ID number."""
        longest_digits = max((len(d) for d in re.findall(r"\d+", self.text)), default=0)
        return self.text if _NUMBER_PART.match(self.text) and longest_digits <= 8 else None

    @property
    def query_code(self) -> str | None:
        return self.text if _QUERY_CODE.match(self.text) else None

    @property
    def digits(self) -> str | None:
        """Digits (an ID number may end in X): a phone, an ID number or the last digits of one."""
        return self.text if _DIGITS.match(self.text) else None

    @property
    def phone(self) -> str | None:
        """A whole phone number, written with or without spaces, hyphens or brackets."""
        digits = _PHONE_PUNCTUATION.sub("", self.text)
        return digits if _PHONE.match(digits) else None

    @property
    def resident_id(self) -> str | None:
        return self.text if _RESIDENT_ID.match(self.text) else None

    @property
    def has_letters(self) -> bool:
        """Whether the term has anything but digits: a name or words, not a phone number."""
        return any(not ch.isdigit() for ch in "".join(runs(self.text)))

    def fts5_query(self) -> str:
        """The query in SQLite FTS5 syntax: phrases and prefixes, all required."""
        parts = ['"' + " ".join(p) + '"' for p in self.phrases]
        parts += [f'"{ch}"*' for ch in self.prefixes]
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """The same query as PostgreSQL ``tsquery`` text (cast, not parsed: tokens as indexed)."""
        parts = ["(" + " <-> ".join(f"'{t}'" for t in p) + ")" for p in self.phrases]
        parts += [f"'{ch}':*" for ch in self.prefixes]
        return " & ".join(parts)


def read_term(text: str) -> SearchTerm:
    normalised = normalise(text).strip()
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    for run in runs(normalised):
        if len(run) == 1:
            prefixes.append(run)
        else:
            phrases.append(tuple(_run_tokens(run)))
    return SearchTerm(normalised, tuple(phrases), tuple(prefixes))
