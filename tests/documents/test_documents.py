"""Printed documents: render every sample, open the PDF and check what a citizen or a unit reads.

Each check names the rule it protects: A4 and embedded fonts (issue 3), the case number, deadline,
cited article, formal date and document number on every document, no reporter identity on
unit-facing documents (FIRE art. 11; YJ12345 art. 15), 匿名 on anonymous receipts (FIRE art. 7),
补打 on reprints, masked names on the disclosure list (RULES §5).
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from functools import cache

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from app.documents.blocks import BlockKind, all_text, describe_blocks
from app.documents.payloads import (
    AwardNoticeData,
    DisclosureData,
    DispatchOrderData,
    DocType,
    DocumentMeta,
    ExtensionNoticeData,
    MaterialsData,
    NonAwardNoticeData,
    ObjectionResultData,
    Payload,
    PayoutReceiptData,
    ReceiptData,
    RedoNoticeData,
    RefusalData,
    ReminderData,
    ResultNoticeData,
)
from app.documents.render import render, render_batch
from app.documents.samples import (
    REPORTER_ID,
    REPORTER_NAME,
    REPORTER_PHONE,
    SECOND_REPORTER_NAME,
    sample_documents,
    sample_name,
)
from app.documents.text import cite, formal_date, plain_date
from app.domain.money import format_yuan
from app.domain.people import mask_id, mask_phone

TODAY = date(2026, 11, 23)
SAMPLES = sample_documents(TODAY)
IDS = [sample_name(meta, payload) for meta, payload in SAMPLES]
A4_WIDTH, A4_HEIGHT = 595.28, 841.89


@cache
def _pdf(index: int) -> bytes:
    meta, payload = SAMPLES[index]
    return render(meta, payload)


def _reader(index: int) -> PdfReader:
    return PdfReader(io.BytesIO(_pdf(index)))


def _squash(text: str) -> str:
    """Text without whitespace: justified lines and line breaks put spaces where none are."""
    return re.sub(r"\s+", "", text)


@cache
def _text(index: int) -> str:
    return _squash("".join(page.extract_text() or "" for page in _reader(index).pages))


def _index(name: str) -> int:
    return IDS.index(name)


def test_every_doc_type_has_a_sample() -> None:
    assert {meta.doc_type for meta, _ in SAMPLES} == set(DocType)
    assert "receipt_anonymous" in IDS
    assert any(meta.reprint for meta, _ in SAMPLES)


@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=IDS)
def test_pages_are_a4(index: int) -> None:
    reader = _reader(index)
    assert len(reader.pages) >= 1
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4_WIDTH, abs=0.5)
        assert float(box.height) == pytest.approx(A4_HEIGHT, abs=0.5)


def _font_descriptors(font: DictionaryObject) -> list[DictionaryObject]:
    if font.get("/Subtype") == "/Type0":
        return [d.get_object()["/FontDescriptor"].get_object() for d in font["/DescendantFonts"]]
    descriptor = font.get("/FontDescriptor")
    return [descriptor.get_object()] if descriptor is not None else []


@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=IDS)
def test_every_font_is_embedded_truetype(index: int) -> None:
    """Issue 3: no non-embedded font (CID or base 14), no CFF (FontFile3)."""
    seen = 0
    for page in _reader(index).pages:
        fonts = page["/Resources"].get_object().get("/Font")
        assert fonts is not None
        for name, ref in fonts.get_object().items():
            font = ref.get_object()
            descriptors = _font_descriptors(font)
            assert descriptors, f"{name} ({font.get('/BaseFont')}) is not embedded"
            for descriptor in descriptors:
                assert "/FontFile2" in descriptor, f"{name} has no embedded TrueType program"
                assert "/FontFile3" not in descriptor
            seen += 1
    assert seen


def _expected(meta: DocumentMeta, payload: Payload) -> list[str]:
    """What each document must say: its number, formal date, case number, deadline, article."""
    out = [meta.number_text, formal_date(meta.issued_on)]
    match payload:
        case ReceiptData():
            out += [payload.case_number, payload.query_code]
            out += [d.due_text for d in payload.deadlines]
            out += [cite(d.article, short=True) for d in payload.deadlines]
        case DispatchOrderData():
            out += [payload.case_number, payload.unit_name]
            out += [d.due_text for d in payload.deadlines]
            out += [cite(d.article, short=True) for d in payload.deadlines]
            out += ["第十条", "第十四条"]
        case RefusalData():
            out += [payload.case_number, cite(payload.ground_article), payload.ground_label]
            out += ["人民法院", "仲裁机构", "行政复议机关"]  # where to go instead (ground 2)
        case MaterialsData():
            out += [payload.case_number, plain_date(payload.supply_by), cite(payload.article)]
            out += list(payload.items)
        case ExtensionNoticeData():
            out += [payload.case_number, payload.new_due, payload.original_due]
            out += [cite(payload.article)]
        case ResultNoticeData():
            out += [payload.case_number, payload.query_code, payload.outcome, "第二十条"]
        case RedoNoticeData():
            out += [payload.case_number, payload.new_due, cite(payload.article)]
        case ReminderData():
            out += [payload.case_number, payload.due, payload.accountability_after]
            out += ["《揭阳市12345市民服务热线管理规定（试行）》第十九条"]
            out += [f"抄送：{payload.unit_name}分管领导{payload.unit_leader}"]
        case AwardNoticeData():
            out += [payload.case_number, plain_date(payload.collect_by)]
            out += [format_yuan(payload.award_fen), "伍仟元整", "第五条", "第十条", "第十一条"]
            out += [step.label for step in payload.steps]
            out += list(payload.bring)
        case NonAwardNoticeData():
            out += [payload.case_number, plain_date(payload.object_by), "第八条第二款"]
            out += [r.text for r in payload.reasons]
        case PayoutReceiptData():
            out += [payload.case_number, payload.decision_number, "签名", "指纹"]
            out += [s.id_masked for s in payload.shares]
        case ObjectionResultData():
            out += [payload.case_number, cite(payload.article), "变更原决定"]
            out += [format_yuan(payload.new_award_fen or 0)]
        case DisclosureData():
            out += [row.case_number for row in payload.rows]
            out += [row.masked_name for row in payload.rows]
            out += ["第三条", "公示期为7日"]
    return out


@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=IDS)
def test_document_says_what_it_must(index: int) -> None:
    meta, payload = SAMPLES[index]
    text = _text(index)
    missing = [s for s in _expected(meta, payload) if _squash(s) not in text]
    assert not missing


@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=IDS)
def test_blocks_say_the_same(index: int) -> None:
    """describe_blocks (no PDF) carries the same words, so tests of wording can skip the PDF."""
    meta, payload = SAMPLES[index]
    text = _squash(all_text(describe_blocks(meta, payload)))
    assert [s for s in _expected(meta, payload) if _squash(s) not in text] == []


_IDENTITY = [
    REPORTER_NAME,
    REPORTER_PHONE,
    REPORTER_ID,
    mask_phone(REPORTER_PHONE),
    mask_id(REPORTER_ID),
    SECOND_REPORTER_NAME,
]


@pytest.mark.parametrize(
    "index", [i for i, (meta, _) in enumerate(SAMPLES) if meta.doc_type.unit_facing]
)
def test_unit_facing_documents_carry_no_reporter_identity(index: int) -> None:
    """FIRE art. 11; YJ12345 art. 15: 转办单, 重办通知, 催办通知书 name no reporter."""
    text = _text(index)
    assert [s for s in _IDENTITY if s in text] == []
    assert [s for s in _IDENTITY if s in all_text(describe_blocks(*SAMPLES[index]))] == []


def test_dispatch_order_says_contact_goes_through_the_centre() -> None:
    text = _text(_index("dispatch_order"))
    assert "请通过本中心" in text
    assert "不随本单转送" in text


def test_anonymous_receipt_names_nobody() -> None:
    """FIRE art. 7: an anonymous submitter gets the query code, and no name appears."""
    index = _index("receipt_anonymous")
    _meta, payload = SAMPLES[index]
    assert isinstance(payload, ReceiptData) and not payload.submitter_names
    text = _text(index)
    assert "匿名" in text
    assert payload.query_code in text
    assert [s for s in _IDENTITY if s in text] == []


def test_receipt_has_both_parts_on_one_page_with_cut_line_and_qr() -> None:
    index = _index("receipt")
    reader = _reader(index)
    assert len(reader.pages) == 1
    page = _squash(reader.pages[0].extract_text())
    assert "存根联" in page and "回执联" in page
    assert "（沿此线剪开）" in page
    blocks = describe_blocks(*SAMPLES[index])
    qr = [b.qr for b in blocks if b.qr]
    assert qr == ["TownDesk|JCZ01-20261120-0012|7KQ2MX"]
    # The QR code is drawn as vector boxes: the page has many filled rectangles.
    content = reader.pages[0].get_contents()
    assert content is not None
    assert content.get_data().count(b" re") > 100


def test_fire_tip_off_receipt_has_the_confidentiality_statement() -> None:
    """FIRE art. 11 on the receipt of a fire tip-off, and not on other receipts."""
    statement = "依据《阳江市火灾隐患举报奖励实施办法》第十一条，本中心对举报人的姓名、身份证号码"
    assert statement in _text(_index("receipt"))
    assert statement not in _text(_index("receipt_anonymous"))


def test_reprint_is_marked_on_every_page() -> None:
    reprints = [i for i, (meta, _) in enumerate(SAMPLES) if meta.reprint]
    assert reprints
    for index in reprints:
        for page in _reader(index).pages:
            assert "补打" in page.extract_text()
    assert "补打" not in _text(_index("receipt"))


def test_disclosure_list_shows_masked_names_only() -> None:
    """RULES §5: 张*三 / 李*; the full names of the sample reporters never appear."""
    index = _index("disclosure_list")
    text = _text(index)
    for name in (REPORTER_NAME, SECOND_REPORTER_NAME, "欧阳建华", "黄小梅", "梁明"):
        assert name not in text
    for masked in ("陈*强", "林*梅", "欧**华", "黄*梅", "梁*"):
        assert masked in text


def test_amounts_paid_to_a_citizen_carry_the_capital_form() -> None:
    assert "5,000.00元（大写：人民币伍仟元整）" in _text(_index("award_notice"))
    assert "900.00元（大写：人民币玖佰元整）" in _text(_index("objection_result_notice"))
    assert "陆佰贰拾伍元零壹分" in _text(_index("payout_receipt"))


def test_page_numbers_restart_for_each_document_of_a_batch() -> None:
    reminder = SAMPLES[_index("reminder_notice")]
    award = SAMPLES[_index("award_notice")]
    pdf = render_batch([award, reminder, reminder])
    pages = [_squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    award_pages = PdfReader(io.BytesIO(render(*award))).pages
    assert len(pages) == len(award_pages) + 2
    numbers = [re.search(r"—(\d+)—", p) for p in pages]
    assert [int(m.group(1)) for m in numbers if m] == [
        *range(1, len(award_pages) + 1),
        1,
        1,
    ]
    # Each document starts on a new page with its own title.
    assert pages[len(award_pages)].count("催办通知书") >= 1


def test_describe_blocks_kinds() -> None:
    blocks = describe_blocks(*SAMPLES[_index("refusal_notice")])
    kinds = [b.kind for b in blocks]
    assert kinds[:3] == [BlockKind.HEADING, BlockKind.TITLE, BlockKind.NUMBER]
    assert BlockKind.SIGNATURE in kinds
    signature = next(b for b in blocks if b.kind is BlockKind.SIGNATURE)
    assert signature.lines == ("阳江市江城区某镇便民服务中心", "二〇二六年十一月二十三日")


@pytest.mark.parametrize("ground", range(1, 8))
def test_refusal_names_where_to_go_for_every_ground(ground: int) -> None:
    """YJ12345 art. 6: each ground prints its own advice (JY12345 art. 7 for the channels)."""
    from dataclasses import replace

    from app.domain.vocabulary import RefusalGround

    meta, payload = SAMPLES[_index("refusal_notice")]
    assert isinstance(payload, RefusalData)
    value = RefusalGround(ground)
    changed = replace(
        payload, ground_number=ground, ground_label=value.label, ground_article=value.article
    )
    text = all_text(describe_blocks(meta, changed))
    assert value.label in text
    assert cite(value.article) in text
    advice = {2: "人民法院", 3: "信访部门", 6: "原受理编号"}
    if ground in advice:
        assert advice[ground] in text


def test_fire_art_6_disclosure_counts_a_joint_award_as_one_case() -> None:
    meta, payload = SAMPLES[_index("disclosure_list")]
    assert isinstance(payload, DisclosureData)
    first = payload.rows[0]
    joint = replace(
        payload,
        rows=(first, replace(first, masked_name="李*"), payload.rows[1]),
        contact_phone="",
    )
    text = _squash(
        "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(render(meta, joint))).pages)
    )
    assert "本年度共奖励2件（3人次）" in text
    assert f"至{plain_date(joint.publish_until)}止" in text


def test_disclosure_without_any_phone_does_not_ask_to_call_nobody() -> None:
    meta, payload = SAMPLES[_index("disclosure_list")]
    assert isinstance(payload, DisclosureData)
    silent = replace(meta, letterhead=replace(meta.letterhead, phone=""))
    text = _squash(
        "".join(
            p.extract_text() or ""
            for p in PdfReader(io.BytesIO(render(silent, replace(payload, contact_phone="")))).pages
        )
    )
    assert "或拨打" not in text and "请以书面形式向本中心提出。" in text
    assert "或拨打0662-3312345反映" in _text(_index("disclosure_list"))


def test_fire_art_5_an_objection_changed_to_an_award_cut_to_nothing_says_so() -> None:
    meta, payload = SAMPLES[_index("objection_result_notice")]
    assert isinstance(payload, ObjectionResultData)

    def text_of(changed: ObjectionResultData) -> str:
        pdf = render(meta, changed)
        return _squash("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))

    nothing = text_of(replace(payload, upheld=False, new_award_fen=0))
    assert "奖励上限" in nothing and "另行通知你领取" not in nothing
    award = text_of(replace(payload, upheld=False, new_award_fen=90_000))
    assert "另行通知你领取" in award and "奖励上限" not in award
    upheld = text_of(replace(payload, upheld=True, new_award_fen=None))
    assert "维持原决定" in upheld and "奖励上限" not in upheld


def test_yj12345_art_14_a_result_sent_back_by_review_is_not_called_a_citizen_redo() -> None:
    meta, payload = SAMPLES[_index("redo_notice")]
    assert isinstance(payload, RedoNoticeData)

    def text_of(notice: RedoNoticeData) -> str:
        pdf = render(meta, notice)
        return _squash("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))

    citizen = text_of(payload)
    assert "诉求人对办理结果不满意并要求重办" in citizen and "审核未通过" not in citizen
    review = text_of(replace(payload, review_failed=True, article="YJ12345 art. 14"))
    assert "审核未通过" in review and "诉求人对办理结果不满意" not in review
    assert "首次收到工单时起计算" in review
