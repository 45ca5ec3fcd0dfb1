"""Lay out documents as PDF (reportlab): A4 after GB/T 9704, embedded TrueType fonts only.

Page (GB/T 9704-2012 §5.2): A4, margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm; body
in a FangSong/Song face of about 三号 (16 pt) on a 28 pt line pitch, 28 characters a line; title in
a 小标宋/Hei face of about 二号 (22 pt); page numbers “— 1 —” centred 7 mm below the text block
(§7.5; TownDesk centres them on every page rather than alternating sides, as short notices do);
the signature and the formal date at the bottom right (§7.3.5: the date goes under the name).
A reprint carries a boxed 补打 mark on every page (issue 3).

``render`` makes one document; ``render_batch`` puts several in one PDF, each starting on a new
page with its page numbers starting again at 1 (batch printing of reminders, JY12345 art. 19).
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.blocks import Block, BlockKind, describe_blocks, is_compact
from app.documents.fonts import FontSet, Role, default_fonts
from app.documents.linebreak import CJKText
from app.documents.payloads import DocumentMeta, Payload

# Page streams Flate-compressed only, not also ASCII85-encoded: a 7-bit PDF is of no use here,
# the encoding runs in pure Python on every page (a tenth of a receipt's save) and adds a quarter
# to the stream's size. reportlab reads the setting when it writes a PDF.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT - RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - TOP - BOTTOM
RED = colors.HexColor("#C8161D")  # the red of 版头 and seals
RULE = colors.HexColor("#404040")
HEADER_FILL = colors.HexColor("#F2F2F2")


@dataclass(frozen=True)
class _Sizes:
    """Type sizes in points for a normal document or a compact form."""

    heading: float
    contact: float
    title: float
    body: float
    leading: float
    cell: float
    cell_leading: float
    note: float
    pad: float  # cell padding above and below
    before_signature: float  # blank lines before the signature (room for the seal)

    def tightened(self, factor: float) -> _Sizes:
        """Line spacing scaled by ``factor``; type sizes unchanged."""
        return dataclasses.replace(
            self, leading=self.leading * factor, before_signature=self.before_signature * factor
        )


# 15.75 pt × 28 characters fills the 156 mm text block exactly (GB/T 9704 §5.2.2).
_NORMAL = _Sizes(20, 10, 22, 15.75, 28, 12, 17, 12, 3.5, 1.0)
# The receipt puts two parts on one sheet, so its type is set smaller.
_COMPACT = _Sizes(14, 9, 15, 11, 16.5, 9.5, 12.5, 8.5, 2, 0.4)


class _Styles:
    def __init__(self, fonts: FontSet, sizes: _Sizes) -> None:
        self.fonts = fonts
        self.sizes = sizes
        body, title, hei = fonts.name(Role.BODY), fonts.name(Role.TITLE), fonts.name(Role.HEI)
        common: dict[str, Any] = {"wordWrap": "CJK"}
        self.heading = ParagraphStyle(
            "heading",
            fontName=title,
            fontSize=sizes.heading,
            leading=sizes.heading * 1.25,
            alignment=TA_CENTER,
            textColor=RED,
            **common,
        )
        self.contact = ParagraphStyle(
            "contact",
            fontName=body,
            fontSize=sizes.contact,
            leading=sizes.contact * 1.4,
            alignment=TA_CENTER,
            **common,
        )
        self.title = ParagraphStyle(
            "title",
            fontName=title,
            fontSize=sizes.title,
            leading=sizes.title * 1.4,
            alignment=TA_CENTER,
            spaceBefore=sizes.leading * 0.3,
            spaceAfter=sizes.leading * 0.1,
            **common,
        )
        self.number = ParagraphStyle(
            "number",
            fontName=body,
            fontSize=sizes.body,
            leading=sizes.leading,
            alignment=TA_RIGHT,
            spaceAfter=sizes.leading * 0.3,
            **common,
        )
        self.part = ParagraphStyle(
            "part",
            fontName=hei,
            fontSize=sizes.body,
            leading=sizes.leading,
            alignment=TA_LEFT,
            **common,
        )
        self.part_right = ParagraphStyle(
            "part_right",
            fontName=body,
            fontSize=sizes.body,
            leading=sizes.leading,
            alignment=TA_RIGHT,
        )
        self.paragraph = ParagraphStyle(
            "paragraph",
            fontName=body,
            fontSize=sizes.body,
            leading=sizes.leading,
            firstLineIndent=2 * sizes.body,
            alignment=TA_JUSTIFY,
            **common,
        )
        self.addressee = ParagraphStyle("addressee", parent=self.paragraph, firstLineIndent=0)
        self.note = ParagraphStyle(
            "note",
            fontName=body,
            fontSize=sizes.note,
            leading=sizes.note * 1.5,
            firstLineIndent=2 * sizes.note,
            alignment=TA_JUSTIFY,
            spaceBefore=sizes.note * 0.6,
            **common,
        )
        self.cc = ParagraphStyle(
            "cc",
            fontName=body,
            fontSize=sizes.body * 0.9,
            leading=sizes.leading,
            leftIndent=sizes.body,
            **common,
        )
        self.cell = ParagraphStyle(
            "cell",
            fontName=body,
            fontSize=sizes.cell,
            leading=sizes.cell_leading,
            alignment=TA_LEFT,
            **common,
        )
        self.cell_centre = ParagraphStyle("cell_centre", parent=self.cell, alignment=TA_CENTER)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = ParagraphStyle(
            "cell_head", parent=self.cell, fontName=hei, alignment=TA_CENTER
        )
        small = sizes.cell * 0.875
        self.small = ParagraphStyle(
            "small", parent=self.cell, fontSize=small, leading=sizes.cell_leading * 0.875
        )
        self.small_centre = ParagraphStyle("small_centre", parent=self.small, alignment=TA_CENTER)
        self.small_head = ParagraphStyle(
            "small_head", parent=self.small, fontName=hei, alignment=TA_CENTER
        )
        self.signature = ParagraphStyle(
            "signature",
            fontName=body,
            fontSize=sizes.body,
            leading=sizes.leading,
            alignment=TA_CENTER,
            **common,
        )
        self.mark = ParagraphStyle("mark", fontName=hei, fontSize=14, leading=16)

    def para(self, text: str, style: ParagraphStyle) -> CJKText:
        """A paragraph of plain text in a style: fallback faces for missing glyphs, ``\n`` kept,
        broken and justified the Chinese way (linebreak.CJKText)."""
        role = {
            self.fonts.name(Role.BODY): Role.BODY,
            self.fonts.name(Role.HEI): Role.HEI,
        }.get(style.fontName, Role.TITLE)
        return CJKText(
            self.fonts.runs(text, role),
            style.fontSize,
            style.leading,
            align=_ALIGN[style.alignment],
            first_indent=style.firstLineIndent,
            colour=style.textColor,
            space_before=style.spaceBefore,
            space_after=style.spaceAfter,
            left_indent=style.leftIndent,
        )


_ALIGN = {TA_LEFT: "left", TA_CENTER: "centre", TA_RIGHT: "right", TA_JUSTIFY: "justify"}

# Styles per font set and sizes (read only once made): settling a document's line spacing makes
# its story several times, each with a few sizes. The font set is kept so that its id stays its.
_STYLES: dict[tuple[int, _Sizes], tuple[FontSet, _Styles]] = {}


def _styles_for(fonts: FontSet, sizes: _Sizes) -> _Styles:
    key = (id(fonts), sizes)
    found = _STYLES.get(key)
    if found is None:
        if len(_STYLES) >= 256:
            _STYLES.clear()
        found = _STYLES[key] = (fonts, _Styles(fonts, sizes))
    return found[1]


# --- page furniture ----------------------------------------------------------------------------


class _PageState:
    """Which document the page being drawn belongs to (for page numbers and the 补打 mark)."""

    def __init__(self) -> None:
        self.start_page = 1
        self.reprint = False
        self.mark_text = ""
        self.pages = 0


class _DocStart(Flowable):
    """Invisible marker at the head of each document: page numbers restart at it."""

    def __init__(self, state: _PageState, reprint: bool, mark_text: str) -> None:
        super().__init__()
        self._state = state
        self._reprint = reprint
        self._mark_text = mark_text

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self._state.start_page = self.canv.getPageNumber()
        self._state.reprint = self._reprint
        self._state.mark_text = self._mark_text


def _draw_runs(
    canvas: Canvas, fonts: FontSet, role: Role, size: float, x: float, y: float, text: str
) -> float:
    """Draw text from x, switching faces for missing glyphs; returns the width drawn."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    start = x
    for name, run in fonts.runs(text, role):
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, name, size)
    return x - start


def _text_width(fonts: FontSet, role: Role, size: float, text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(run, name, size) for name, run in fonts.runs(text, role))


def _page_end(canvas: Canvas, fonts: FontSet, state: _PageState) -> None:
    canvas.saveState()
    number = canvas.getPageNumber() - state.start_page + 1
    text = f"— {number} —"
    size = 14  # 四号 (GB/T 9704 §7.5)
    width = _text_width(fonts, Role.BODY, size, text)
    canvas.setFillColor(colors.black)
    _draw_runs(
        canvas, fonts, Role.BODY, size, (PAGE_WIDTH - width) / 2, BOTTOM - 7 * mm - size, text
    )
    if state.reprint:
        # A boxed red 补打 in the top margin, right-aligned with the text block.
        mark = state.mark_text
        size = 16
        text_width = _text_width(fonts, Role.HEI, size, mark)
        box_w, box_h = text_width + 6 * mm, size + 4 * mm
        x = PAGE_WIDTH - RIGHT - box_w
        y = PAGE_HEIGHT - TOP + 8 * mm
        canvas.setStrokeColor(RED)
        canvas.setFillColor(RED)
        canvas.setLineWidth(1.5)
        canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
        canvas.rect(x + 1.2, y + 1.2, box_w - 2.4, box_h - 2.4, stroke=1, fill=0)
        canvas.setLineWidth(0.5)
        _draw_runs(canvas, fonts, Role.HEI, size, x + 3 * mm, y + 2 * mm + size * 0.18, mark)
    canvas.restoreState()


# --- blocks to flowables -----------------------------------------------------------------------


class _Rule(Flowable):
    """Horizontal rule(s) across the text block: the red double rule under the letterhead."""

    def __init__(self, width: float, colour: Any, thick: float, thin: float = 0.0) -> None:
        super().__init__()
        self.width = width
        self.colour = colour
        self.thick = thick
        self.thin = thin

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (self.width, self.thick + (self.thin + 2 if self.thin else 0) + 2)

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(self.colour)
        c.setLineWidth(self.thick)
        y = self.thin + 3 if self.thin else 1
        c.line(0, y + self.thick / 2, self.width, y + self.thick / 2)
        if self.thin:
            c.setLineWidth(self.thin)
            c.line(0, self.thin / 2, self.width, self.thin / 2)


class _CutLine(Flowable):
    """A dashed cut line across the page with its caption in the middle."""

    def __init__(self, styles: _Styles, caption: str) -> None:
        super().__init__()
        self.styles = styles
        self.caption = caption
        self.size = styles.sizes.cell

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return (availWidth, self.size * 2.6)

    def draw(self) -> None:
        c = self.canv
        fonts = self.styles.fonts
        y = self.size * 1.3
        text_width = _text_width(fonts, Role.BODY, self.size, self.caption)
        gap = text_width + self.size
        # The line runs into the side margins so that the cut is easy to follow with scissors.
        left, right = -LEFT + 8 * mm, self.width + RIGHT - 8 * mm
        middle = self.width / 2
        c.saveState()
        c.setDash(4, 3)
        c.setLineWidth(0.7)
        c.setStrokeColor(RULE)
        c.line(left, y, middle - gap / 2, y)
        c.line(middle + gap / 2, y, right, y)
        c.restoreState()
        _draw_runs(
            c,
            fonts,
            Role.BODY,
            self.size,
            middle - text_width / 2,
            y - self.size * 0.35,
            self.caption,
        )


_LONG_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = "10111010000"
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _lost_points(modules: Sequence[Sequence[bool]]) -> int:
    """reportlab's QRUtil.getLostPoint, computed on strings and integers instead of lists.

    The same score, quirks included, so that the same mask wins and the code is unchanged: its
    finder-like pattern is looked for in rows only (it compares column tuples with a list,
    never equal), and before the last possible position of a row.
    """
    rows = [bytes(row).translate(_AS_DIGITS).decode() for row in modules]
    columns = [
        bytes(column).translate(_AS_DIGITS).decode() for column in zip(*modules, strict=True)
    ]
    size = len(rows)
    lost = 0
    for line in (*rows, *columns):
        for run in _LONG_RUN.finditer(line):
            lost += run.end() - run.start() - 2  # a run of 5 or more: 3 + (length - 5)
    bits = [int(row, 2) for row in rows]
    pairs = (1 << (size - 1)) - 1
    for row, above in itertools.pairwise(bits):
        same = ~(row ^ above) & ~(row ^ (row >> 1)) & ~(above ^ (above >> 1)) & pairs
        lost += 3 * same.bit_count()  # 2×2 blocks of one colour
    for row_text in rows:
        # Matches may not overlap; a match may not end on the row's last module.
        start = row_text.find(_FINDER_LIKE, 0, size - 1)
        while start != -1:
            lost += 40
            start = row_text.find(_FINDER_LIKE, start + len(_FINDER_LIKE), size - 1)
    dark = sum(row.count("1") for row in rows)
    lost += 10 * (abs(100 * dark // (size * size) - 50) // 5)
    return lost


class _FastQRCode(qrencoder.QRCode):
    """reportlab's encoder choosing the same mask faster: scoring the eight masks in pure-Python
    lists was most of a receipt's QR code, itself a sixth of the receipt."""

    def getBestMaskPattern(self) -> int:
        best, pattern = 0, 0
        for mask in range(8):
            self.makeImpl(True, mask)
            lost = _lost_points(self.modules)
            if mask == 0 or best > lost:
                best, pattern = lost, mask
        return pattern


class _QRCode(Flowable):
    """A QR code drawn straight on the canvas (reportlab's encoder, our drawing).

    reportlab's QrCodeWidget draws through a graphics Drawing, whose renderer sets its default
    font (Helvetica) on the page; that font would sit unembedded in the page resources.
    """

    def __init__(self, value: str, size: float, border: int = 2) -> None:
        super().__init__()
        code = _FastQRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(value)
        code.make()
        self.modules: list[list[bool]] = [[bool(m) for m in row] for row in code.modules]
        self.size = size
        self.border = border

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (self.size, self.size)

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * self.border)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        for row_number, row in enumerate(self.modules):
            y = self.size - (row_number + self.border + 1) * box
            column = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    x = (column + self.border) * box
                    canvas.rect(x, y, length * box, box, stroke=0, fill=1)
                column += length
        canvas.restoreState()


def _table_style(styles: _Styles, commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style whose own font is ours: a table writes its font into the page even for cells
    it leaves empty, and its default (Helvetica) is not embedded."""
    body = styles.fonts.name(Role.BODY)
    return TableStyle([("FONT", (0, 0), (-1, -1), body, styles.sizes.cell), *commands])


def _column_widths(relative: Sequence[float], count: int, total: float) -> list[float]:
    weights = list(relative) if len(relative) == count else [1.0] * count
    scale = total / sum(weights)
    return [w * scale for w in weights]


def _table(block: Block, styles: _Styles, width: float) -> Table:
    count = len(block.header) or (len(block.rows[0]) if block.rows else 1)
    widths = _column_widths(block.widths, count, width)
    data: list[list[Any]] = []
    head, left, centre = (
        (styles.small_head, styles.small, styles.small_centre)
        if block.small
        else (styles.cell_head, styles.cell, styles.cell_centre)
    )
    if block.header:
        data.append([styles.para(h, head) for h in block.header])
    # A column of short cells (序号, amounts, dates, names) is centred; a column with prose is
    # set from the left, all of it, so that a column reads as one.
    centred = [
        all(len(row[i]) <= 14 and "\n" not in row[i] for row in block.rows) for i in range(count)
    ]
    for row in block.rows:
        data.append(
            [styles.para(cell, centre if centred[i] else left) for i, cell in enumerate(row)]
        )
    for row in block.totals:
        data.append([styles.para(cell, head) for cell in row])
    heights = None
    if block.row_height:
        heights = [None] * (1 if block.header else 0) + [block.row_height * mm] * len(block.rows)
        heights += [None] * len(block.totals)
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1 if block.header else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.9, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), styles.sizes.pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.sizes.pad + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if block.header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    # A totals row whose first cell is the only label spans the empty cells after it.
    for offset, row in enumerate(block.totals):
        index = len(data) - len(block.totals) + offset
        filled = [i for i, cell in enumerate(row) if cell]
        if filled and filled[0] == 0 and len(filled) > 1 and filled[1] > 1:
            commands.append(("SPAN", (0, index), (filled[1] - 1, index)))
    table.setStyle(_table_style(styles, commands))
    return table


def _fields(block: Block, styles: _Styles, width: float) -> Flowable:
    qr_size = 27 * mm if block.qr else 0.0
    inner_width = width - (qr_size + 3 * mm if block.qr else 0)
    columns = max(1, block.columns)
    relative = block.widths or tuple([1.0, 2.0] * columns)
    widths = _column_widths(relative, 2 * columns, inner_width)
    label = ParagraphStyle("field_label", parent=styles.cell_head)
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    row: list[Any] = []

    def flush() -> None:
        # A short last row: its last value cell runs to the right edge.
        nonlocal row
        if not row:
            return
        index = len(data)
        filled = len(row)
        data.append(row + [""] * (2 * columns - filled))
        for column in range(0, filled, 2):
            commands.append(("BACKGROUND", (column, index), (column, index), HEADER_FILL))
        if filled < 2 * columns:
            commands.append(("SPAN", (filled - 1, index), (-1, index)))
        row = []

    for (name, value), wide in zip(block.rows, block.wide, strict=True):
        if wide or columns == 1:
            flush()
            index = len(data)
            data.append([styles.para(name, label), styles.para(value, styles.cell)])
            data[-1] += [""] * (2 * columns - 2)
            commands.append(("BACKGROUND", (0, index), (0, index), HEADER_FILL))
            if columns > 1:
                commands.append(("SPAN", (1, index), (-1, index)))
            continue
        row += [styles.para(name, label), styles.para(value, styles.cell)]
        if len(row) == 2 * columns:
            flush()
    flush()
    table = Table(data, colWidths=widths)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.9, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), styles.sizes.pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.sizes.pad + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        *commands,
    ]
    table.setStyle(_table_style(styles, commands))
    if not block.qr:
        return table
    outer = Table(
        [[table, _QRCode(block.qr, qr_size)]],
        colWidths=[inner_width + 3 * mm, qr_size],
        style=_table_style(
            styles,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ],
        ),
    )
    return outer


def _signature(block: Block, styles: _Styles) -> list[Flowable]:
    # The date is centred under the name, the pair set two characters in from the right
    # (GB/T 9704 §7.3.5.2); a blank line above leaves room for the seal.
    size = styles.sizes.body
    width = max(_text_width(styles.fonts, Role.BODY, size, line) for line in block.lines) + size
    rows = [[styles.para(line, styles.signature)] for line in block.lines]
    table = Table(
        rows,
        colWidths=[width],
        hAlign="RIGHT",
        style=_table_style(
            styles,
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
        ),
    )
    return [
        Spacer(1, styles.sizes.leading * styles.sizes.before_signature),
        _Indented(table, 2 * size),
    ]


class _Indented(Flowable):
    """A right-aligned flowable kept ``right`` points in from the right edge."""

    def __init__(self, inner: Flowable, right: float) -> None:
        super().__init__()
        self.inner = inner
        self.right = right

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.inner.wrap(availWidth - self.right, availHeight)
        self._avail = availWidth
        self._w = w
        return (availWidth, h)

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self._avail - self.right - self._w, 0)


def _part(block: Block, styles: _Styles, width: float) -> Flowable:
    """A form part's label at the left, and the document number at the right of the same line."""
    if not block.lines:
        return styles.para(block.text, styles.part)
    return Table(
        [[styles.para(block.text, styles.part), styles.para(block.lines[0], styles.part_right)]],
        colWidths=[width / 2, width / 2],
        style=_table_style(
            styles,
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ],
        ),
    )


def _cc(block: Block, styles: _Styles, width: float) -> list[Flowable]:
    # 版记 (GB/T 9704 §7.4): 抄送 between a rule above and a rule below, across the text block.
    table = Table(
        [[styles.para(block.text, styles.cc)]],
        colWidths=[width],
        style=_table_style(
            styles,
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ],
        ),
    )
    return [Spacer(1, styles.sizes.leading), table]


_KEEP_TABLE_ROWS = 8


def _flowables(blocks: Sequence[Block], styles: _Styles, *, keep: bool) -> list[Flowable]:
    """The flowables of a document's blocks; ``keep`` holds small groups on one page (not inside
    a KeepInFrame, which cannot split them)."""
    out: list[Flowable] = []

    def together(items: list[Flowable]) -> None:
        if keep:
            out.append(KeepTogether(items))
        else:
            out.extend(items)

    width = FRAME_WIDTH
    skip = 0
    for index, block in enumerate(blocks):
        if skip:
            skip -= 1
            continue
        kind = block.kind
        if kind is BlockKind.MARK:
            continue  # drawn on every page by _page_end
        if kind is BlockKind.HEADING:
            name, *rest = block.lines
            out.append(styles.para(name, styles.heading))
            for line in rest:
                out.append(styles.para(line, styles.contact))
            out.append(Spacer(1, 2))
            out.append(_Rule(width, RED, 1.8, 0.6))
        elif kind is BlockKind.TITLE:
            out.append(styles.para(block.text, styles.title))
        elif kind is BlockKind.NUMBER:
            out.append(styles.para(block.text, styles.number))
        elif kind is BlockKind.PART:
            out.append(_part(block, styles, width))
        elif kind is BlockKind.ADDRESSEE:
            out.append(styles.para(block.text, styles.addressee))
        elif kind in (BlockKind.PARAGRAPH, BlockKind.ITEM):
            out.append(styles.para(block.text, styles.paragraph))
        elif kind is BlockKind.NOTE:
            out.append(styles.para(block.text, styles.note))
        elif kind is BlockKind.TABLE:
            items: list[Flowable] = []
            if block.text:
                items.append(styles.para(block.text, styles.part))
            items.append(Spacer(1, styles.sizes.leading * 0.2))
            items.append(_table(block, styles, width))
            items.append(Spacer(1, styles.sizes.leading * 0.35))
            # A short table is not split over two pages; a long one repeats its header.
            if len(block.rows) + len(block.totals) <= _KEEP_TABLE_ROWS:
                together(items)
            else:
                out.extend(items)
        elif kind is BlockKind.FIELDS:
            out.append(Spacer(1, styles.sizes.leading * 0.15))
            out.append(_fields(block, styles, width))
            out.append(Spacer(1, styles.sizes.leading * 0.35))
        elif kind is BlockKind.SIGNATURE:
            # Notes right after the signature (附注: contact phone) stay on its page.
            group = _signature(block, styles)
            for following in blocks[index + 1 :]:
                if following.kind is not BlockKind.NOTE:
                    break
                group.append(styles.para(following.text, styles.note))
                skip += 1
            together(group)
        elif kind is BlockKind.CC:
            together(_cc(block, styles, width))
        elif kind is BlockKind.CUT:
            out.append(_CutLine(styles, block.text))
    return out


# --- documents ---------------------------------------------------------------------------------


# Line spacing may close up to this share of the normal to save a page (GB/T 9704 §7.3.5.4: when
# the signature and date do not fit, adjust line and character spacing).
_MIN_TIGHTEN = 0.84


def _ignore(self: Any, *args: Any, **kwargs: Any) -> None:
    return None


class _LayoutOnlyCanvas(Canvas):
    """Lays the pages out like the real canvas but never writes the PDF: counting pages needs
    the layout only, and the save (font subsetting, compression) is most of a build's cost.

    Its drawing operators do nothing either: a document is laid out several times to settle its
    line spacing, and formatting operators nobody sees (numbers to PDF text) was half of that.
    """

    layout_only = True  # flowables that honour it (linebreak.CJKText) skip their drawing

    def save(self) -> None:
        pass

    saveState = restoreState = translate = transform = scale = rotate = _ignore
    setFillColor = setStrokeColor = setLineWidth = setDash = setFont = _ignore
    line = lines = rect = drawText = drawString = drawPath = _ignore


def _build(
    story: list[Flowable],
    fonts: FontSet,
    state: _PageState,
    title: str,
    *,
    layout_only: bool = False,
) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author="TownDesk",
        creator="TownDesk",
        # Otherwise the canvas starts in Helvetica, which lands unembedded in the page resources.
        initialFontName=fonts.name(Role.BODY),
    )
    frame = Frame(LEFT, BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0, id="body")

    def page_end(canvas: Canvas, _doc: Any) -> None:
        state.pages += 1
        if not layout_only:
            _page_end(canvas, fonts, state)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_end)])
    doc.build(story, canvasmaker=_LayoutOnlyCanvas if layout_only else Canvas)
    return buffer.getvalue()


def _story(
    blocks: Sequence[Block], sizes: _Sizes, fonts: FontSet, state: _PageState, reprint: bool
) -> list[Flowable]:
    mark = next((b.text for b in blocks if b.kind is BlockKind.MARK), "")
    compact = sizes is _COMPACT
    body = _flowables(blocks, _styles_for(fonts, sizes), keep=not compact)
    if compact:
        # A form that must stay on one sheet (the receipt's two parts): shrink rather than spill.
        body = [KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 2, body, mode="shrink")]
    return [_DocStart(state, reprint, mark), *body]


def _page_count(blocks: Sequence[Block], sizes: _Sizes, fonts: FontSet) -> int:
    state = _PageState()
    _build(_story(blocks, sizes, fonts, state, False), fonts, state, "", layout_only=True)
    return state.pages


def _document_flowables(
    meta: DocumentMeta, payload: Payload, fonts: FontSet, state: _PageState
) -> list[Flowable]:
    blocks = describe_blocks(meta, payload)
    if is_compact(meta.doc_type):
        return _story(blocks, _COMPACT, fonts, state, meta.reprint)
    key = _spacing_key(meta, blocks, fonts)
    known = _SPACING.get(key)
    if known is not None and known[0] is fonts:
        sizes = known[1]
    else:
        sizes = _spacing(blocks, fonts)
        if len(_SPACING) >= 4096:
            _SPACING.clear()
        _SPACING[key] = (fonts, sizes)
    return _story(blocks, sizes, fonts, state, meta.reprint)


def _spacing(blocks: Sequence[Block], fonts: FontSet) -> _Sizes:
    sizes = _NORMAL
    pages = _page_count(blocks, sizes, fonts)
    if pages > 1 and _page_count(blocks, sizes.tightened(_MIN_TIGHTEN), fonts) < pages:
        # The last page holds only a few lines (often just the signature): close up the lines,
        # as little as will do (three halvings between the normal and the tightest spacing).
        low, high = _MIN_TIGHTEN, 1.0
        for _ in range(3):
            middle = (low + high) / 2
            if _page_count(blocks, sizes.tightened(middle), fonts) < pages:
                low = middle
            else:
                high = middle
        sizes = sizes.tightened(low)
    return sizes


# The line spacing settled for a layout (_spacing_key): the notices of a batch mostly differ in
# words, not in how many lines each paragraph takes, and settling it takes five layouts.
_SPACING: dict[tuple[Any, ...], tuple[FontSet, _Sizes]] = {}


def _spacing_key(meta: DocumentMeta, blocks: Sequence[Block], fonts: FontSet) -> tuple[Any, ...]:
    """What the page count of a normal document depends on: a paragraph set across the text
    block adds only its number of lines (its height is lines × leading, and it splits between
    lines); every other block (tables, signature, 抄送) counts with all it says."""
    styles = _styles_for(fonts, _NORMAL)
    across = {
        BlockKind.TITLE: styles.title,
        BlockKind.NUMBER: styles.number,
        BlockKind.ADDRESSEE: styles.addressee,
        BlockKind.PARAGRAPH: styles.paragraph,
        BlockKind.ITEM: styles.paragraph,
        BlockKind.NOTE: styles.note,
    }

    def lines(text: str, style: ParagraphStyle) -> int:
        return len(styles.para(text, style)._lines_for(FRAME_WIDTH))

    key: list[Any] = [meta.doc_type, id(fonts)]
    for block in blocks:
        if block.kind is BlockKind.MARK:
            continue  # drawn in the top margin
        style = across.get(block.kind)
        if style is not None:
            key.append((block.kind, lines(block.text, style)))
        elif block.kind is BlockKind.HEADING:
            name, *rest = block.lines
            counts = [lines(name, styles.heading), *(lines(r, styles.contact) for r in rest)]
            key.append((block.kind, tuple(counts)))
        else:
            key.append(block)
    return tuple(key)


@dataclass
class Prepared:
    """One document laid out for a batch (its page count settled), not yet in the batch."""

    flowables: list[Flowable]
    title: str


class DocumentBatch:
    """Documents laid out one at a time, then written as one PDF: each starts on a new page and
    is numbered from 1, and every face is embedded (and subset) once for the whole batch.

    ``prepare`` does a document's layout work (and raises if it cannot be set), ``append`` adds
    it: a caller that records documents appends only those whose record was kept.
    """

    def __init__(self, fonts: FontSet | None = None) -> None:
        self.fonts = fonts or default_fonts()
        self._state = _PageState()
        self._story: list[Flowable] = []
        self._titles: list[str] = []

    def __len__(self) -> int:
        return len(self._titles)

    def prepare(self, meta: DocumentMeta, payload: Payload) -> Prepared:
        return Prepared(
            _document_flowables(meta, payload, self.fonts, self._state),
            f"{meta.doc_type.label} {meta.number_text}",
        )

    def append(self, prepared: Prepared) -> None:
        if self._story:
            self._story.append(PageBreak())
        self._story += prepared.flowables
        self._titles.append(prepared.title)

    def add(self, meta: DocumentMeta, payload: Payload) -> None:
        self.append(self.prepare(meta, payload))

    def pdf(self) -> bytes:
        """The PDF of everything appended (once: building consumes the laid-out pages)."""
        if not self._story:
            raise ValueError("nothing to render")
        titles = self._titles
        title = "；".join(titles) if len(titles) < 4 else f"{titles[0]} 等{len(titles)}件"
        return _build(self._story, self.fonts, self._state, title)


def render_batch(
    items: Iterable[tuple[DocumentMeta, Payload]], *, fonts: FontSet | None = None
) -> bytes:
    """Several documents in one PDF; each starts on a new page, numbered from 1."""
    batch = DocumentBatch(fonts)
    for meta, payload in items:
        batch.add(meta, payload)
    return batch.pdf()


def render(meta: DocumentMeta, payload: Payload, *, fonts: FontSet | None = None) -> bytes:
    """One document as a PDF."""
    return render_batch([(meta, payload)], fonts=fonts)
