"""Work-order rows from the county hotline: header matching, cell checks, fingerprints, repeats."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain import orders as o
from app.domain.people import DocumentType
from app.domain.vocabulary import HazardCategory, Kind, Priority
from app.persistence.types import SHANGHAI
from tests.conftest import valid_resident_id

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
ZHANG_ID = valid_resident_id("44170219900307123")


def cells(**overrides: object) -> dict[str, object]:
    given: dict[str, object] = {
        "order_number": "YJ20261120000123",
        "received_at": datetime(2026, 11, 20, 9, 30),
        "kind": "投诉",
        "name": "张三丰",
        "doc_number": ZHANG_ID,
        "phone": "138 1234 5678",
        "occurred": "2026年11月18日晚上",
        "place": "江城区东风路",
        "content": "东风路路灯不亮已一周",
    }
    given.update(overrides)
    return given


def problems_of(**overrides: object) -> dict[str, str]:
    row = o.check_row(2, cells(**overrides), now=NOW)
    assert row.record is None
    return {p.column: p.message for p in row.problems}


def test_headers_match_in_any_order_with_width_and_spaces_folded_and_extras_ignored() -> None:
    match = o.match_headers(["备注", " 诉求内容 ", "工单时间", "诉求　类型", "ＸＹ", "工单编号"])
    assert match.positions == {"content": 1, "received_at": 2, "kind": 3, "order_number": 5}
    assert match.missing == ()
    assert o.header_problem(match) is None
    # Full-width letters and a required-mark are folded away too.
    assert o.header_key("*工单编号（必填）") == "order_number"
    assert o.header_key("工单号") == "order_number"  # an alias the hotline's export uses


def test_missing_required_headers_are_named() -> None:
    match = o.match_headers(["工单编号", "诉求内容"])
    assert match.missing == ("工单时间", "诉求类型")
    problem = o.header_problem(match)
    assert problem is not None and "「工单时间」、「诉求类型」" in problem
    assert "没有找到工单表头" in (o.header_problem(o.match_headers(["甲", "乙"])) or "")
    repeated = o.match_headers(["工单编号", "工单时间", "诉求类型", "诉求内容", "工单号"])
    assert "「工单编号」" in (o.header_problem(repeated) or "")


def test_a_good_row_becomes_a_record_with_normalised_identity() -> None:
    row = o.check_row(2, cells(), now=NOW)
    assert row.problems == ()
    record = row.record
    assert record is not None
    assert record.received_at == datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI)
    assert record.kind is Kind.COMPLAINT and record.priority is Priority.NORMAL
    assert record.phone == "13812345678" and record.doc_number == ZHANG_ID
    assert not record.anonymous


def test_yj12345_art_7_anonymous_row_leaves_all_identity_empty() -> None:
    row = o.check_row(2, cells(kind="建议", name=None, doc_number=None, phone=""), now=NOW)
    assert row.record is not None and row.record.anonymous
    # A phone without a name is neither anonymous nor a submitter.
    assert "诉求人姓名" in problems_of(name=None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20 09:30", datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI)),
        ("２０２６/11/20 9:05", datetime(2026, 11, 20, 9, 5, tzinfo=SHANGHAI)),
        ("2026年11月20日 9时30分", datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI)),
        (date(2026, 11, 20), datetime(2026, 11, 20, 0, 0, tzinfo=SHANGHAI)),
    ],
)
def test_order_times_in_the_forms_clerks_write(value: object, expected: datetime) -> None:
    assert o.parse_order_time(value, now=NOW) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2026-02-30 10:00", "不是有效的日期"),
        ("下周一", "无法识别"),
        (46000, "是一个数字"),
        (datetime(2026, 12, 1, 9, 0), "晚于现在"),
        ("1999-01-01", "早于2000年"),
    ],
)
def test_bad_order_times_say_what_to_write(value: object, fragment: str) -> None:
    assert fragment in problems_of(received_at=value)["工单时间"]


def test_gb_11643_invalid_id_number_refused_with_the_counter_message() -> None:
    message = problems_of(doc_number=ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1"))
    assert "校验位" in message["证件号码"]
    # An 18-digit ID that Excel stored as a number has lost its last digits.
    assert "末几位可能已丢失" in problems_of(doc_number=4.41702199003071e17)["证件号码"]


def test_phone_checked_like_the_counter() -> None:
    assert "热线" in problems_of(phone="12345")["联系电话"]


def test_formulas_are_refused_never_evaluated() -> None:
    found = problems_of(content="=A1&B1", phone=o.Formula("=C2"))
    assert found["诉求内容"] == o.FORMULA_PROBLEM
    assert found["联系电话"] == o.FORMULA_PROBLEM


def test_every_problem_of_a_row_is_reported_at_once() -> None:
    found = problems_of(order_number=None, kind="表扬", priority="特急", hazard_category="11")
    assert set(found) >= {"工单编号", "诉求类型", "紧急程度", "火灾隐患类别"}
    assert "咨询、求助、反映、投诉、举报、建议" in found["诉求类型"]


def test_choices_accept_labels_numbers_and_the_templates_drop_down_values() -> None:
    row = o.check_row(
        2,
        cells(
            kind="举报",
            priority="紧急项",
            doc_type="身份证",
            hazard_category="2 占用、堵塞、封闭疏散通道、安全出口",
            reported_unit_name="某酒店",
            reported_unit_address="东风路2号",
        ),
        now=NOW,
    )
    assert row.record is not None
    assert row.record.priority is Priority.URGENT
    assert row.record.doc_type is DocumentType.RESIDENT_ID
    assert row.record.hazard_category is HazardCategory.EVACUATION_BLOCKED
    assert o.parse_hazard(4) is HazardCategory.FIRE_ACCESS_BLOCKED


def test_text_longer_than_the_record_holds_is_refused() -> None:
    assert "超过 200 个字" in problems_of(place="路" * 201)["发生地点"]


def test_fingerprint_follows_normalised_values_and_names_changed_fields() -> None:
    first = o.check_row(2, cells(), now=NOW)
    spaced = o.check_row(9, cells(phone="13812345678", order_number=" YJ20261120000123 "), now=NOW)
    assert spaced.fingerprint == first.fingerprint
    assert spaced.order_number == first.order_number
    moved = o.check_row(2, cells(place="江城区西平路", content="路灯还是不亮"), now=NOW)
    assert moved.fingerprint != first.fingerprint
    assert o.changed_fields(first.field_digests, moved.field_digests) == ("发生地点", "诉求内容")


def test_yj12345_art_10_repeated_order_numbers_name_the_other_rows() -> None:
    a = o.check_row(2, cells(), now=NOW)
    b = o.check_row(5, cells(content="另一件事"), now=NOW)
    c = o.check_row(7, cells(order_number="X-2"), now=NOW)
    copy = o.check_row(8, cells(order_number="X-2"), now=NOW)
    found = o.find_repeats([a, b, c, copy])
    assert "第 5 行" in found[2].message and "第 2 行" in found[5].message
    assert 7 not in found
    assert "与第 7 行是同一张工单" in found[8].message


def test_registration_fields_map_to_template_columns() -> None:
    assert o.field_key_of("submitters[0].name") == "name"
    assert o.field_key_of("document_number") == "doc_number"
    assert o.field_key_of("occurred") == "occurred"
    assert o.field_key_of("related_case") is None
