"""What a document says, block by block: a template (TOML) filled from a payload, before layout.

The wording of every document lives in ``resources/templates/<doc_type>.toml`` (and the shared
phrases in ``common.toml``); Python only turns a payload into named values and follows the
template. ``describe_blocks`` is pure, so tests can read a document's text without a PDF.

Template schema (every key optional unless said):

- ``title`` (required): the document's title; may use placeholders.
- ``preamble`` (default true): start with the letterhead heading, the title and the number.
- ``compact`` (default false): smaller type, for forms that must fit one sheet (the receipt).
- ``[lookups.NAME]``: ``key`` names a value, ``values`` maps its text to a phrase, ``default``.
- ``[[blocks]]``: ``type`` (a ``BlockKind``), ``text`` with ``{placeholders}`` (a ``part`` also
  takes ``right``, printed at the right end of its line), ``when``/``unless``
  (a value that must be truthy/falsy), ``each`` (repeat per item of a list value); tables take
  ``rows`` (a list value), ``header``, ``cells``, ``widths``, ``totals``, ``row_height`` (mm);
  fields take ``items`` (``[label, value]`` or ``[label, value, "wide"]``), ``columns``, ``qr``.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from app.documents.payloads import (
    DisclosureData,
    DispatchOrderData,
    DocType,
    DocumentMeta,
    ObjectionResultData,
    Payload,
    PayoutReceiptData,
    ReceiptData,
    RedoNoticeData,
)
from app.documents.text import (
    TEMPLATES_DIR,
    chinese_number,
    cite,
    cited_sources,
    formal_date,
    plain_date,
    plain_datetime,
)
from app.domain.money import chinese_capital, format_yuan, yuan_with_capital


class BlockKind(StrEnum):
    """What the renderer knows how to lay out."""

    HEADING = "heading"  # the centre's name, address and phone (letterhead)
    TITLE = "title"
    NUMBER = "number"  # the document number, 江城便民受〔2026〕12号
    PART = "part"  # a part of a form (存根联 / 回执联)
    ADDRESSEE = "addressee"  # 主送: 张三：
    PARAGRAPH = "paragraph"  # body text, first line indented two characters
    ITEM = "item"  # a numbered item of a list, indented like a paragraph
    FIELDS = "fields"  # label/value grid (and an optional QR code)
    TABLE = "table"
    SIGNATURE = "signature"  # the centre's name and the formal date, bottom right
    NOTE = "note"  # small text (附注), e.g. contact phone, explanations
    CC = "cc"  # 抄送 line between rules (版记)
    CUT = "cut"  # dashed cut line with its caption
    MARK = "mark"  # the 补打 (reprint) mark


@dataclass(frozen=True)
class Block:
    """One block of a document, already filled in: plain text, no markup."""

    kind: BlockKind
    text: str = ""
    lines: tuple[str, ...] = ()  # heading/signature: one entry per printed line
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    totals: tuple[tuple[str, ...], ...] = ()  # table rows printed in bold after the rows
    widths: tuple[float, ...] = ()  # relative column widths
    row_height: float = 0.0  # minimum row height in mm (signature and fingerprint boxes)
    small: bool = False  # table: smaller type, for wide tables
    columns: int = 2  # fields: label/value pairs per row
    wide: tuple[bool, ...] = ()  # fields: which rows span the full width
    qr: str = ""

    def plain(self) -> str:
        """All the block's words, for tests and searching."""
        parts = [self.text, *self.lines, *self.header]
        parts += [cell for row in (*self.rows, *self.totals) for cell in row]
        return "\n".join(p for p in parts if p)


class TemplateError(Exception):
    """A template asks for something the payload does not provide (a bug, not a user error)."""


@cache
def load_template(doc_type: DocType, directory: Path = TEMPLATES_DIR) -> dict[str, Any]:
    with (directory / f"{doc_type.value}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def common_texts(directory: Path = TEMPLATES_DIR) -> dict[str, str]:
    """Phrases shared by several documents (common.toml); their placeholders are filled later."""
    with (directory / "common.toml").open("rb") as handle:
        return dict(tomllib.load(handle)["texts"])


# --- values ------------------------------------------------------------------------------------


def _value_entries(name: str, value: Any) -> dict[str, Any]:
    """The named values a template can use for one payload field."""
    if value is None:
        return {name: ""}
    if isinstance(value, bool):
        return {name: value}
    if isinstance(value, int) and name.endswith("_fen"):
        base = name.removesuffix("_fen")
        return {
            name: value,
            f"{base}_yuan": format_yuan(value),
            # For table columns headed 金额（元）: the number alone.
            f"{base}_number": format_yuan(value).removesuffix("元"),
            f"{base}_capital": chinese_capital(value),
            f"{base}_money": yuan_with_capital(value),
        }
    if isinstance(value, datetime):
        return {name: plain_datetime(value), f"{name}_date": plain_date(value.date())}
    if isinstance(value, date):
        return {name: plain_date(value), f"{name}_formal": formal_date(value)}
    if isinstance(value, str) and (name == "article" or name.endswith("_article")):
        return {name: cite(value), f"{name}_short": cite(value, short=True), f"{name}_code": value}
    if isinstance(value, tuple):
        items = []
        for index, item in enumerate(value, start=1):
            entry: dict[str, Any] = {"n": str(index), "n_cn": chinese_number(index)}
            if isinstance(item, dict):
                entry.update(item)
            elif dataclasses.is_dataclass(item) and not isinstance(item, type):
                for field in dataclasses.fields(item):
                    entry.update(_value_entries(field.name, getattr(item, field.name)))
            else:
                entry["item"] = str(item)
            items.append(entry)
        return {name: items, f"{name}_count": str(len(items))}
    if isinstance(value, int):
        entries: dict[str, Any] = {name: value}
        if 0 < value < 10000:
            entries[f"{name}_cn"] = chinese_number(value)
        return entries
    text = str(value).strip()
    return {name: text, f"{name}_sentence": _sentence(text), f"{name}_clause": _clause(text)}


_SENTENCE_END = "。！？…"
_CLAUSE_END = "。！？；，、：,.;: "


def _sentence(text: str) -> str:
    """Text that ends a sentence: a full stop is added unless it already ends with one."""
    return text if not text or text.endswith(tuple(_SENTENCE_END)) else text + "。"


def _clause(text: str) -> str:
    """Text that sits inside a sentence: trailing punctuation removed."""
    return text.rstrip(_CLAUSE_END)


def _articles_in(payload: Payload) -> list[str]:
    """Every article code a payload carries, for the note that explains short names."""
    found: list[str] = []

    def walk(obj: Any) -> None:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for field in dataclasses.fields(obj):
                value = getattr(obj, field.name)
                if field.name == "article" or field.name.endswith("_article"):
                    found.append(str(value))
                else:
                    walk(value)
        elif isinstance(obj, tuple):
            for item in obj:
                walk(item)

    walk(payload)
    return found


def _computed(payload: Payload, texts: Mapping[str, str]) -> dict[str, Any]:
    """Values that are worked out rather than copied: who, totals, periods."""
    values: dict[str, Any] = {}
    if isinstance(payload, ReceiptData):
        anonymous = not payload.submitter_names
        values["anonymous"] = anonymous
        values["submitter"] = (
            texts["anonymous"] if anonymous else "、".join(payload.submitter_names)
        )
        values["phone_shown"] = payload.submitter_phone_masked or texts["not_given"]
        values["due_summary"] = "；".join(f"{d.label}：{d.due_text}" for d in payload.deadlines)
    if isinstance(payload, DispatchOrderData):
        values["submitter_kind"] = (
            texts["anonymous"] if payload.anonymous else texts["named_submitter"]
        )
        values["reported_unit"] = payload.reported_unit_name + (
            f"（{payload.reported_unit_address}）" if payload.reported_unit_address else ""
        )
    if isinstance(payload, DisclosureData):
        values["total_fen"] = sum(row.award_fen for row in payload.rows)
        values["row_count"] = str(len(payload.rows))
        # FIRE art. 6: a joint report is one case however many reporters share it.
        values["case_count"] = str(len({row.case_number for row in payload.rows}))
    if isinstance(payload, PayoutReceiptData):
        values["share_count"] = str(len(payload.shares))
        values["joint"] = len(payload.shares) > 1
        values["blank_row"] = ({},)  # one empty row for the clerk's and reviewer's signatures
    if isinstance(payload, RedoNoticeData):
        values["citizen_redo"] = not payload.review_failed
    if isinstance(payload, ObjectionResultData):
        values["changed"] = not payload.upheld
        changed_to = None if payload.upheld else payload.new_award_fen
        values["new_award"] = bool(changed_to)
        # Changed to an award the yearly cap cuts to nothing (FIRE art. 5): nothing to collect.
        values["new_award_nothing_due"] = changed_to == 0
    return values


def build_values(meta: DocumentMeta, payload: Payload) -> dict[str, Any]:
    """Every named value a template may use for this document."""
    texts = common_texts()
    values: dict[str, Any] = {
        "centre_name": meta.letterhead.centre_name,
        "centre_address": meta.letterhead.address,
        "centre_phone": meta.letterhead.phone,
        "number_text": meta.number_text,
        "doc_label": meta.doc_type.label,
        "reprint": meta.reprint,
        **_value_entries("issued_on", meta.issued_on),
    }
    for field in dataclasses.fields(payload):
        values.update(_value_entries(field.name, getattr(payload, field.name)))
    computed = _computed(payload, texts)
    for name, value in computed.items():
        values.update(_value_entries(name, value))
    if isinstance(payload, DisclosureData):
        phone = payload.contact_phone or meta.letterhead.phone
        values["disclosure_call"] = f"，或拨打{phone}反映" if phone else ""  # no phone, no call
    # Deadline lines: the provisional mark (a date computed beyond the published holiday calendar).
    for line in values.get("deadlines", []):
        # A due text that already says 暂定 (Deadline.describe_due) is not marked twice.
        marked = texts["provisional"] in str(line.get("due_text", ""))
        line["provisional_mark"] = (
            texts["provisional"] if line.get("provisional") and not marked else ""
        )
    values["any_provisional"] = any(line.get("provisional") for line in values.get("deadlines", []))
    sources = cited_sources(_articles_in(payload))
    values["short_names"] = "；".join(
        f"{s.short}指{s.title}" + (f"（{s.number}）" if s.number else "") for s in sources
    )
    # Common phrases last: they may use any value above.
    for name, phrase in texts.items():
        values.setdefault(name, _fill(phrase, values, f"common.toml:{name}", strict=False))
    return values


def _fill(text: str, values: Mapping[str, Any], where: str, *, strict: bool = True) -> str:
    try:
        return text.format_map(values)
    except KeyError as missing:
        if not strict:
            return ""
        raise TemplateError(f"{where}: no value named {missing}") from None


# --- blocks ------------------------------------------------------------------------------------


def _applies(spec: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    if "when" in spec and not values.get(spec["when"]):
        return False
    return not ("unless" in spec and values.get(spec["unless"]))


def _block(spec: Mapping[str, Any], values: Mapping[str, Any], where: str) -> Block:
    kind = BlockKind(spec["type"])
    text = _fill(spec.get("text", ""), values, where)
    if kind is BlockKind.TABLE:
        rows: list[tuple[str, ...]] = []
        for item in values.get(spec["rows"], []) if "rows" in spec else []:
            scope = {**values, **item}
            rows.append(tuple(_fill(c, scope, where) for c in spec["cells"]))
        totals = tuple(
            tuple(_fill(c, values, where) for c in row) for row in spec.get("totals", [])
        )
        return Block(
            kind,
            text=text,
            header=tuple(spec.get("header", ())),
            rows=tuple(rows),
            totals=totals,
            widths=tuple(float(w) for w in spec.get("widths", ())),
            row_height=float(spec.get("row_height", 0.0)),
            small=bool(spec.get("small", False)),
        )
    if kind is BlockKind.FIELDS:
        pairs: list[tuple[str, str]] = []
        wide: list[bool] = []
        for entry in spec["items"]:
            value = _fill(entry[1], values, where).strip()
            if not value:
                continue  # a field with nothing to say is left out (e.g. no reported unit)
            pairs.append((entry[0], value))
            wide.append(len(entry) > 2 and entry[2] == "wide")
        return Block(
            kind,
            rows=tuple(pairs),
            wide=tuple(wide),
            columns=int(spec.get("columns", 2)),
            widths=tuple(float(w) for w in spec.get("widths", ())),
            qr=_fill(spec.get("qr", ""), values, where),
        )
    if kind is BlockKind.SIGNATURE:
        lines = spec.get("lines", ["{centre_name}", "{issued_on_formal}"])
        return Block(kind, lines=tuple(_fill(line, values, where) for line in lines))
    if kind is BlockKind.PART:
        # A form part's label, and optionally what goes at the right end of the same line.
        right = _fill(spec.get("right", ""), values, where)
        return Block(kind, text=text, lines=(right,) if right else ())
    if kind is BlockKind.HEADING:
        lines = spec.get("lines", ["{centre_name}", "{heading_contact}"])
        return Block(kind, lines=tuple(_fill(line, values, where) for line in lines))
    return Block(kind, text=text)


def describe_blocks(meta: DocumentMeta, payload: Payload) -> list[Block]:
    """The document as a list of filled-in blocks (pure: no fonts, no PDF)."""
    template = load_template(meta.doc_type)
    values = build_values(meta, payload)
    for name, lookup in template.get("lookups", {}).items():
        key = str(values.get(lookup["key"], ""))
        phrase = lookup["values"].get(key, lookup.get("default", ""))
        values[name] = _fill(phrase, values, f"{meta.doc_type}.toml:lookups.{name}")
    where = f"{meta.doc_type.value}.toml"
    title = _fill(template["title"], values, where)
    values["title"] = title
    blocks: list[Block] = []
    if meta.reprint:
        blocks.append(Block(BlockKind.MARK, text=values["reprint_mark"]))
    if template.get("preamble", True):
        blocks.append(_block({"type": "heading"}, values, where))
        blocks.append(Block(BlockKind.TITLE, text=title))
        blocks.append(Block(BlockKind.NUMBER, text=meta.number_text))
    for index, spec in enumerate(template.get("blocks", [])):
        if not _applies(spec, values):
            continue
        spot = f"{where}: blocks[{index}]"
        if "each" in spec:
            for item in values.get(spec["each"], []):
                blocks.append(_block(spec, {**values, **item}, spot))
        else:
            blocks.append(_block(spec, values, spot))
    return blocks


def is_compact(doc_type: DocType) -> bool:
    return bool(load_template(doc_type).get("compact", False))


def all_text(blocks: Sequence[Block]) -> str:
    return "\n".join(b.plain() for b in blocks)
