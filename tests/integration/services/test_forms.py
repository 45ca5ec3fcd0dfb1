"""Live field checks for the registration screen: ID numbers, phones, case numbers, required fields."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric

from app.domain.cases import ANONYMOUS_ALLOWED, REQUIRED_FACTS
from app.domain.errors import ValidationError
from app.domain.people import DocumentType, normalise_phone, parse_resident_id
from app.domain.vocabulary import Kind
from app.services import forms
from app.services.forms import (
    check_case_number,
    check_document,
    check_phone,
    emergency_hint,
    missing_fields,
    required_fields,
)

BODY = "44170219900307123"  # Jiangcheng district, born 1990-03-07, 17th digit odd: a man
VALID_ID = BODY + ric.calc_check_digit(BODY + "0")
RID = DocumentType.RESIDENT_ID


def domain_message(raw: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_resident_id(raw)
    return caught.value.message


# ----- resident ID -------------------------------------------------------------------------------


def test_a_valid_id_fills_birth_date_sex_and_region() -> None:
    check = check_document(RID, VALID_ID)
    assert check.ok and not check.pending and not check.error
    assert check.normalised == VALID_ID
    assert check.birth_date == date(1990, 3, 7)
    assert check.sex_label == "男"
    assert check.region_name == "广东省阳江市江城区"


def test_full_width_digits_and_spaces_from_the_ime_are_accepted() -> None:
    typed = " ".join(VALID_ID[i : i + 6] for i in range(0, 18, 6))
    full_width = typed.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert check_document(RID, full_width).normalised == VALID_ID


@pytest.mark.parametrize("typed", range(1, 18))
def test_partial_input_counts_the_missing_digits_rather_than_erring(typed: int) -> None:
    check = check_document(RID, VALID_ID[:typed])
    assert check.pending and not check.ok and not check.error
    assert check.message == f"还差 {18 - typed} 位"
    assert check.birth_date is None


def test_a_wrong_check_character_is_the_domains_error() -> None:
    wrong = BODY + ("0" if VALID_ID[-1] != "0" else "1")
    check = check_document(RID, wrong)
    assert check.error
    assert check.message == domain_message(wrong)
    assert "校验位" in check.message
    assert check.birth_date is None and check.sex_label == ""


def test_an_impossible_birth_date_is_reported_as_soon_as_it_is_typed() -> None:
    # Digits 7–14 read 1990-13-07: no need to wait for the 18th character.
    check = check_document(RID, "44170219901307")
    assert check.error
    assert "出生日期" in check.message


def test_an_x_before_the_last_place_is_an_error_at_once() -> None:
    check = check_document(RID, "4417X")
    assert check.error and "X" in check.message


def test_letters_and_too_many_digits_are_errors() -> None:
    assert check_document(RID, "4417ab").error
    too_long = check_document(RID, VALID_ID + "1")
    assert too_long.error and "19位" in too_long.message


def test_a_field_the_clerk_has_left_reports_partial_input_with_the_full_message() -> None:
    old = "441702900307123"  # the 15-digit first-generation number
    assert check_document(RID, old).pending
    left = check_document(RID, old, finished=True)
    assert left.error and left.message == domain_message(old)


def test_an_empty_document_field_is_empty_not_an_error() -> None:
    check = check_document(RID, "  ")
    assert check.empty and check.pending and not check.error and check.message == ""


# ----- other documents ---------------------------------------------------------------------------


def test_other_documents_get_a_format_check_and_no_derived_facts() -> None:
    check = check_document(DocumentType.HK_MACAO_PERMIT, "h1234 5678")
    assert check.ok and check.normalised == "H12345678" and check.birth_date is None


def test_a_short_passport_number_is_pending_until_the_field_is_left() -> None:
    assert check_document(DocumentType.PASSPORT, "E12").pending
    left = check_document(DocumentType.PASSPORT, "E12", finished=True)
    assert left.error and "护照" in left.message


# ----- phones ------------------------------------------------------------------------------------


def test_a_mobile_is_normalised_and_shown_in_groups() -> None:
    check = check_phone("+86 138-1234-5678")
    assert check.ok and check.normalised == "13812345678" and check.message == "138 1234 5678"


def test_a_landline_with_its_area_code() -> None:
    check = check_phone("0662-3312345")
    assert check.ok and check.normalised == "06623312345" and check.message == "0662-3312345"


def test_a_mobile_being_typed_counts_its_missing_digits() -> None:
    check = check_phone("138 1234")
    assert check.pending and check.message == "手机号码还差 4 位"


def test_letters_in_a_phone_are_an_error_at_once() -> None:
    check = check_phone("138abc")
    assert check.error
    with pytest.raises(ValidationError) as caught:
        normalise_phone("138abc")
    assert check.message == caught.value.message


@pytest.mark.parametrize("raw", ["12345", "3312345", "1381234567"])
def test_a_phone_left_unfinished_or_wrong_has_the_services_message(raw: str) -> None:
    check = check_phone(raw, finished=True)
    with pytest.raises(ValidationError) as caught:
        normalise_phone(raw)
    assert check.error and check.message == caught.value.message


def test_a_local_number_without_area_code_is_an_error_once_complete() -> None:
    check = check_phone("3312345")
    assert check.error and "区号" in check.message


def test_an_empty_phone_is_empty() -> None:
    assert check_phone("").empty


# ----- case numbers ------------------------------------------------------------------------------


def test_case_numbers_are_checked_for_their_format() -> None:
    assert check_case_number(" td01-20260105-0003 ").normalised == "TD01-20260105-0003"
    wrong = check_case_number("20260105-3")
    assert wrong.error and "TD01-20260121-0001" in wrong.message
    assert check_case_number("").empty


# ----- required fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(Kind))
def test_required_facts_are_the_domains(kind: Kind) -> None:
    fields = required_fields(kind)
    assert fields[-len(REQUIRED_FACTS[kind]) :] == REQUIRED_FACTS[kind]
    assert forms.anonymous_allowed(kind) == (kind in ANONYMOUS_ALLOWED)


def test_a_complaint_needs_a_name_and_a_phone_to_call_back() -> None:
    assert required_fields(Kind.COMPLAINT) == ("name", "phone", "occurred", "place", "content")
    # Anonymous is not available for a complaint: asking for it changes nothing.
    assert required_fields(Kind.COMPLAINT, anonymous=True) == required_fields(Kind.COMPLAINT)


def test_a_named_tip_off_needs_the_name_an_anonymous_one_only_the_facts() -> None:
    assert required_fields(Kind.TIP_OFF) == (
        "name",
        "occurred",
        "content",
        "reported_unit_name",
        "reported_unit_address",
    )
    assert required_fields(Kind.TIP_OFF, anonymous=True) == REQUIRED_FACTS[Kind.TIP_OFF]


def test_missing_fields_lists_the_blank_required_ones_in_form_order() -> None:
    values = {"name": "张三丰", "phone": " ", "content": "路灯不亮", "place": "东风路"}
    assert missing_fields(Kind.COMPLAINT, values) == ("phone", "occurred")
    assert forms.field_label("phone") == "联系电话"
    assert forms.field_label("reported_unit_name") == "被举报单位名称"


def test_the_emergency_hint_names_110_119_and_120() -> None:
    hint = emergency_hint()
    assert all(number in hint for number in ("110", "119", "120"))
