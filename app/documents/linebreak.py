"""Chinese line breaking and justified CJK text as a reportlab flowable.

reportlab's Paragraph (``wordWrap="CJK"``) breaks after any character, lets a line begin with a
full-width comma or full stop (its list of characters that cannot start a line is
Japanese-oriented and lacks ，；：？！), lets a line end with an opening bracket such as （ or 《, and
justifies only by widening spaces, which Chinese text has none of — so lines with digits or a
moved mark end ragged. Formal Chinese text is set flush on both sides and follows the line-head
and line-end rules (clreq 行首行尾禁则). ``CJKText`` does that:

- a closing mark (，。、；：？！”’）》〕】…) never starts a line: the character before it moves
  down with it (推出), so nothing hangs into the margin or over a table rule;
- an opening mark (“‘（《〔【) never ends a line: it moves down to the word it opens;
- a run of Latin letters or digits (case numbers, phone numbers, amounts) is kept whole, else
  broken after a hyphen, and a number stays with the character after it (5,000.00元) — as long
  as the line stays nearly full; otherwise the plain break wins over loose spacing;
- every full line is justified by spacing its characters evenly (PDF character spacing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

CANNOT_START = frozenset("，。、；：？！”’）》〕】」』…—～％·%,.;:?!)]}")
CANNOT_END = frozenset("“‘（《〔【「『([{")
# How far back (in characters) a break may move to keep marks or a Latin run together.
_MAX_PULL = 4
_MAX_LATIN_PULL = 24
# A line shorter than this share of the width is left as it is, not spread out.
_JUSTIFY_MIN_FILL = 0.75
# A nicer break (keeping a number whole) is taken only if the line stays this full.
_GOOD_FILL = 0.8


@dataclass(frozen=True)
class Line:
    """Characters [start, end) of the text; ``last`` for the end of a paragraph or a forced break."""

    start: int
    end: int
    width: float
    last: bool


def _is_latin(char: str) -> bool:
    return ord(char) < 0x3000 and not char.isspace()


def _kinsoku(text: str, start: int, brk: int) -> int:
    """Move a break back until the next line does not start with a closing mark and this line
    does not end with an opening one (禁则)."""
    pulled = 0
    while (
        brk > start + 1
        and pulled < _MAX_PULL
        and (text[brk] in CANNOT_START or text[brk - 1] in CANNOT_END)
    ):
        brk -= 1
        pulled += 1
    return max(brk, start + 1)


def _latin_start(text: str, start: int, index: int) -> int:
    """Where the Latin/digit run that ends just before ``index`` begins (not before start)."""
    probe = index
    while probe > start and _is_latin(text[probe - 1]) and index - probe < _MAX_LATIN_PULL:
        probe -= 1
    return probe


def _candidates(text: str, start: int, overflow: int) -> list[tuple[int, float]]:
    """Break positions for a line whose character ``overflow`` did not fit, best first, each with
    how full the line must stay to take it."""
    found: list[tuple[int, float]] = []
    if _is_latin(text[overflow]) and overflow > start and _is_latin(text[overflow - 1]):
        # Inside a Latin run (a case number, phone number, amount): before the whole run, else
        # after a hyphen or slash in it (JCZ01-20261102- / 0003).
        run = _latin_start(text, start, overflow)
        if run > start and not _is_latin(text[run - 1]):
            found.append((run, _GOOD_FILL))
        for probe in range(overflow, run, -1):
            if text[probe - 1] in "-/":
                # The run is split anyway: at a hyphen is better whenever the line can be justified.
                found.append((probe, _JUSTIFY_MIN_FILL))
                break
    elif overflow > start and not _is_latin(text[overflow]) and text[overflow - 1].isdigit():
        # A number keeps the character after it (5,000.00元, 15个, 28号).
        run = _latin_start(text, start, overflow - 1)
        if run > start:
            found.append((run, _GOOD_FILL))
    found.append((overflow, 0.0))
    return [(_kinsoku(text, start, brk), fill) for brk, fill in found]


def _break_at(text: str, widths: Sequence[float], start: int, overflow: int, room: float) -> int:
    """Where the next line starts: the best candidate that still fills the line well enough to
    be justified without visibly loose spacing; the plain 禁则 break otherwise."""
    candidates = _candidates(text, start, overflow)
    for brk, fill in candidates:
        if sum(widths[start:brk]) >= fill * room:
            return brk
    return candidates[-1][0]


def break_lines(
    text: str, widths: Sequence[float], width: float, first_indent: float = 0.0
) -> list[Line]:
    """Break text (one width per character; ``\\n`` forces a break) into lines of ``width``."""
    lines: list[Line] = []
    start = i = 0
    used = first_indent
    count = len(text)
    while i < count:
        if text[i] == "\n":
            lines.append(Line(start, i, used, True))
            start = i = i + 1
            used = 0.0
            continue
        used += widths[i]
        if used <= width + 1e-6:
            i += 1
            continue
        indent = first_indent if not lines else 0.0
        end = _break_at(text, widths, start, i, width - indent)
        lines.append(Line(start, end, indent + sum(widths[start:end]), False))
        start = i = end
        used = 0.0
    if start < count or not lines or text.endswith("\n"):
        indent = first_indent if not lines else 0.0
        lines.append(Line(start, count, indent + sum(widths[start:count]), True))
    return lines


@lru_cache(maxsize=65536)
def _char_width(char: str, font: str, size: float) -> float:
    return float(stringWidth(char, font, size))


@dataclass
class _Measured:
    """A text's characters, faces and widths at one size, and its line breaks per width."""

    text: str
    fonts: tuple[str, ...]
    widths: tuple[float, ...]
    breaks: dict[tuple[float, float], list[Line]]


# Measured texts by (runs, size): a document is laid out several times to settle its spacing, and
# the labels of a batch's notices recur. Cleared when full; entries are never changed.
_MEASURED: dict[tuple[tuple[tuple[str, str], ...], float], _Measured] = {}
_MEASURED_KEPT = 4096  # a few MB at most


def _measure(runs: tuple[tuple[str, str], ...], size: float) -> _Measured:
    key = (runs, size)
    found = _MEASURED.get(key)
    if found is None:
        text = "".join(text for _font, text in runs)
        fonts = tuple(font for font, text in runs for _ in text)
        widths = tuple(
            0.0 if c == "\n" else _char_width(c, f, size) for c, f in zip(text, fonts, strict=True)
        )
        if len(_MEASURED) >= _MEASURED_KEPT:
            _MEASURED.clear()
        found = _MEASURED[key] = _Measured(text, fonts, widths, {})
    return found


class CJKText(Flowable):
    """A paragraph of Chinese text in runs of (font name, text), broken and justified as above.

    ``align`` is ``left``, ``centre``, ``right`` or ``justify``. Splits across pages by lines.
    """

    def __init__(
        self,
        runs: Sequence[tuple[str, str]],
        size: float,
        leading: float,
        *,
        align: str = "justify",
        first_indent: float = 0.0,
        colour: Any = colors.black,
        space_before: float = 0.0,
        space_after: float = 0.0,
        left_indent: float = 0.0,
    ) -> None:
        super().__init__()
        self.runs = list(runs)
        self.size = size
        self.leading = leading
        self.align = align
        self.first_indent = first_indent
        self.colour = colour
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.left_indent = left_indent
        self._measured = _measure(tuple(self.runs), size)
        self.text = self._measured.text
        self.fonts = self._measured.fonts
        self.widths = self._measured.widths
        self._lines: list[Line] | None = None
        self._wrapped_for: float | None = None
        self._fixed_lines: list[Line] | None = None
        self._starts_paragraph = True  # False for the continuation of a split paragraph
        self.width = 0.0
        self.height = 0.0

    def _lines_for(self, width: float) -> list[Line]:
        if self._fixed_lines is not None:
            return self._fixed_lines
        if self._wrapped_for != width or self._lines is None:
            key = (width - self.left_indent, self.first_indent)
            lines = self._measured.breaks.get(key)
            if lines is None:
                lines = self._measured.breaks[key] = break_lines(
                    self.text, self.widths, width - self.left_indent, self.first_indent
                )
            self._lines = lines
            self._wrapped_for = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self._lines_for(availWidth)) * self.leading
        return (availWidth, self.height)

    def minWidth(self) -> float:
        return max(self.widths, default=0.0) + self.left_indent

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._lines_for(availWidth)
        fit = int((availHeight + 1e-6) // self.leading)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        return [self._part(lines[:fit], first=True), self._part(lines[fit:], first=False)]

    def _part(self, lines: list[Line], *, first: bool) -> CJKText:
        part = CJKText(
            self.runs,
            self.size,
            self.leading,
            align=self.align,
            first_indent=self.first_indent if first else 0.0,
            colour=self.colour,
            space_before=self.spaceBefore if first else 0.0,
            space_after=0.0 if first else self.spaceAfter,
            left_indent=self.left_indent,
        )
        part._fixed_lines = lines
        part._starts_paragraph = first
        return part

    def draw(self) -> None:
        canvas = self.canv
        if getattr(canvas, "layout_only", False):
            return  # a canvas that only counts pages (render._LayoutOnlyCanvas) never shows text
        lines = self._lines_for(self.width)
        available = self.width - self.left_indent
        # The em box sits in the middle of each line's pitch; the baseline is ~12 % above its
        # bottom for the CJK faces in use (their descent).
        baseline_offset = (self.leading - self.size) / 2 + self.size * 0.13
        canvas.saveState()
        canvas.setFillColor(self.colour)
        for number, line in enumerate(lines):
            y = self.height - (number + 1) * self.leading + baseline_offset
            indent = self.first_indent if number == 0 and self._starts_paragraph else 0.0
            text_width = sum(self.widths[line.start : line.end])
            room = available - indent - text_width
            char_space = 0.0
            x = self.left_indent + indent
            if self.align == "centre":
                x += room / 2
            elif self.align == "right":
                x += room
            elif (
                self.align == "justify"
                and not line.last
                and line.end - line.start > 1
                and text_width >= _JUSTIFY_MIN_FILL * (available - indent)
            ):
                char_space = room / (line.end - line.start - 1)
            self._draw_line(canvas, line, x, y, char_space)
        canvas.restoreState()

    def _draw_line(self, canvas: Any, line: Line, x: float, y: float, char_space: float) -> None:
        text_object = canvas.beginText(x, y)
        text_object.setCharSpace(char_space)
        index = line.start
        while index < line.end:
            font = self.fonts[index]
            stop = index
            while stop < line.end and self.fonts[stop] == font:
                stop += 1
            text_object.setFont(font, self.size)
            text_object.textOut(self.text[index:stop])
            index = stop
        canvas.drawText(text_object)
