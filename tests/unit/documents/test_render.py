"""The renderer's shortcuts give what the long way gives: QR masks, page counts, batches."""

from __future__ import annotations

import io
import random
import string
from dataclasses import fields, replace
from datetime import date
from typing import cast

from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.graphics.barcode import qrencoder

from app.documents import render
from app.documents.blocks import describe_blocks
from app.documents.payloads import DocType, DocumentMeta, Payload
from app.documents.samples import sample_documents


def sample(doc_type: DocType) -> tuple[DocumentMeta, Payload]:
    return next((m, p) for m, p in sample_documents(date(2026, 11, 24)) if m.doc_type is doc_type)


def test_the_fast_mask_score_is_reportlabs_and_the_code_is_the_same() -> None:
    rnd = random.Random(9)
    alphabet = string.ascii_uppercase + string.digits + "-|"
    for _ in range(40):
        value = "TownDesk|" + "".join(rnd.choice(alphabet) for _ in range(rnd.randint(5, 150)))
        slow = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        slow.addData(value)
        slow.version = slow.calculate_version()
        for mask in range(8):
            slow.makeImpl(True, mask)
            assert render._lost_points(slow.modules) == qrencoder.QRUtil.getLostPoint(slow)
        reference = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        reference.addData(value)
        reference.make()
        assert render._QRCode(value, 70).modules == [
            [bool(m) for m in r] for r in reference.modules
        ]


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_counting_pages_without_drawing_counts_what_is_printed() -> None:
    fonts = render.default_fonts()
    for meta, payload in sample_documents(date(2026, 11, 24)):
        blocks = describe_blocks(meta, payload)
        sizes = render._COMPACT if meta.doc_type is DocType.RECEIPT else render._NORMAL
        state = render._PageState()
        real = render._build(render._story(blocks, sizes, fonts, state, False), fonts, state, "")
        assert render._page_count(blocks, sizes, fonts) == len(pages(real)), meta.doc_type


def test_a_batch_prints_what_was_appended_each_numbered_from_one() -> None:
    reminder = sample(DocType.REMINDER_NOTICE)
    receipt = sample(DocType.RECEIPT)
    batch = render.DocumentBatch()
    kept = batch.prepare(*reminder)
    batch.prepare(*receipt)  # laid out, then not kept (its record was rolled back)
    batch.append(kept)
    batch.add(*reminder)
    assert len(batch) == 2
    texts = pages(batch.pdf())
    assert len(texts) == 2
    assert all("催办通知书" in t and "— 1 —" in t and "受理回执" not in t for t in texts)
    assert texts == pages(render.render_batch([reminder, reminder]))


def test_page_streams_are_flate_only() -> None:
    pdf = render.render(*sample(DocType.REMINDER_NOTICE))
    contents = cast(DictionaryObject, PdfReader(io.BytesIO(pdf)).pages[0]["/Contents"].get_object())
    assert contents["/Filter"] == ["/FlateDecode"]


def test_documents_with_the_same_spacing_key_settle_on_the_same_spacing() -> None:
    """The key stands for the five layouts that settle a normal document's line spacing."""
    fonts = render.default_fonts()
    rnd = random.Random(5)
    words = "东风路路灯不亮已一周，夜间行人经过存在安全隐患。12345ABC（）《》"
    seen: dict[tuple[object, ...], render._Sizes] = {}
    checked = closed_up = 0
    for meta, payload in sample_documents(date(2026, 11, 24)):
        if meta.doc_type is DocType.RECEIPT:
            continue
        texts = [f.name for f in fields(payload) if isinstance(getattr(payload, f.name), str)]
        for name in texts * 3:
            text = "".join(rnd.choice(words) for _ in range(rnd.randint(1, 360)))
            varied = replace(payload, **{name: text})
            blocks = describe_blocks(meta, varied)
            sizes = render._spacing(blocks, fonts)
            key = render._spacing_key(meta, blocks, fonts)
            if key in seen:
                checked += 1
                assert seen[key] == sizes, (meta.doc_type, name)
            seen[key] = sizes
            closed_up += sizes != render._NORMAL
    assert checked > 20 and closed_up > 5
