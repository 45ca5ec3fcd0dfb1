"""Tests for people's identity data: RULES §5 (GB 11643 IDs, other documents, phones, masking)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from app.domain.errors import ValidationError
from app.domain.people import (
    DocumentType,
    ResidentIdInfo,
    Sex,
    format_phone,
    mask_id,
    mask_name,
    mask_phone,
    normalise_document,
    normalise_phone,
    parse_resident_id,
)

TODAY = date(2025, 9, 26)
JIANGCHENG = "441702"  # 阳江市江城区
REAL_PREFIXES = ["441702", "441721", "441781", "440103", "110101", "310101", "500101"]


def make_id(region: str, birth: str, sequence: str) -> str:
    """A valid 18-character ID; stdnum's calc_check_digit ignores the last character passed."""
    body = region + birth + sequence
    return body + ric.calc_check_digit(body + "0")


def with_wrong_check(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


def full_width(text: str) -> str:
    """What a Chinese IME in full-width mode types for ASCII ``text``."""
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


def error_of(call: Callable[[], object]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


# --- resident ID (RULES §5, GB 11643) ---------------------------------------------------------


def test_rules_5_resident_id_valid_number_derives_birth_date_sex_and_region() -> None:
    number = make_id(JIANGCHENG, "19900101", "123")
    info = parse_resident_id(number, today=TODAY)
    assert info == ResidentIdInfo(
        number=number,
        birth_date=date(1990, 1, 1),
        sex=Sex.MALE,
        region_code=JIANGCHENG,
        region_name=info.region_name,
    )
    assert "阳江" in info.region_name
    assert "江城区" in info.region_name


def test_rules_5_resident_id_seventeenth_digit_odd_is_male_even_is_female() -> None:
    assert parse_resident_id(make_id(JIANGCHENG, "19850615", "017"), today=TODAY).sex is Sex.MALE
    assert parse_resident_id(make_id(JIANGCHENG, "19850615", "018"), today=TODAY).sex is Sex.FEMALE
    assert Sex.MALE.label == "男"
    assert Sex.FEMALE.label == "女"


def test_rules_5_resident_id_check_character() -> None:
    number = make_id(JIANGCHENG, "19900101", "123")
    error = error_of(lambda: parse_resident_id(with_wrong_check(number), today=TODAY))
    assert error.field == "document_number"
    assert "校验位" in error.message
    assert "GB 11643" in str(error)


def test_rules_5_resident_id_lower_case_x_and_spaces_accepted() -> None:
    sequence = next(
        f"{n:03d}" for n in range(1000) if make_id(JIANGCHENG, "19900101", f"{n:03d}")[-1] == "X"
    )
    number = make_id(JIANGCHENG, "19900101", sequence)
    typed = f" {number[:6]} {number[6:14]} {number[14:-1]}x "
    assert parse_resident_id(typed, today=TODAY).number == number


def test_rules_5_resident_id_full_width_characters_accepted() -> None:
    number = make_id(JIANGCHENG, "19900101", "123")
    assert parse_resident_id(full_width(number), today=TODAY).number == number


def test_rules_5_resident_id_impossible_birth_date() -> None:
    error = error_of(lambda: parse_resident_id(make_id(JIANGCHENG, "19900230", "123"), today=TODAY))
    assert "出生日期不存在" in error.message


def test_rules_5_resident_id_future_birth_date() -> None:
    number = make_id(JIANGCHENG, "20250927", "123")
    error = error_of(lambda: parse_resident_id(number, today=TODAY))
    assert "晚于今天" in error.message
    assert parse_resident_id(number, today=date(2025, 9, 27)).birth_date == date(2025, 9, 27)


def test_rules_5_resident_id_birth_date_before_1900() -> None:
    error = error_of(lambda: parse_resident_id(make_id(JIANGCHENG, "18991231", "123"), today=TODAY))
    assert "1900" in error.message


@pytest.mark.parametrize("length", [17, 19, 10])
def test_rules_5_resident_id_wrong_length(length: int) -> None:
    number = (make_id(JIANGCHENG, "19900101", "123") * 2)[:length]
    error = error_of(lambda: parse_resident_id(number, today=TODAY))
    assert "18位" in error.message
    assert str(length) in error.message


@pytest.mark.parametrize("raw", ["44170219900101-123", "44170219900101A123", "4417021990X1011234"])
def test_rules_5_resident_id_bad_characters(raw: str) -> None:
    error = error_of(lambda: parse_resident_id(raw, today=TODAY))
    assert "X" in error.message
    assert "18位" not in error.message


def test_rules_5_resident_id_fifteen_digit_old_number_refused() -> None:
    error = error_of(lambda: parse_resident_id("441702900101123", today=TODAY))
    assert "15位" in error.message
    assert "18位" in error.message


def test_rules_5_resident_id_empty_refused() -> None:
    assert "请填写" in error_of(lambda: parse_resident_id("  ", today=TODAY)).message


def test_rules_5_resident_id_unknown_region_is_not_refused() -> None:
    info = parse_resident_id(make_id("990101", "19900101", "123"), today=TODAY)
    assert info.region_code == "990101"
    assert info.region_name == ""


def test_rules_5_resident_id_errors_do_not_echo_the_number() -> None:
    number = with_wrong_check(make_id(JIANGCHENG, "19900101", "123"))
    assert number[6:14] not in str(error_of(lambda: parse_resident_id(number, today=TODAY)))


REGION = st.sampled_from(REAL_PREFIXES)
BIRTH = st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31))
SEQUENCE = st.integers(min_value=0, max_value=999)


@given(region=REGION, birth=BIRTH, sequence=SEQUENCE, lower=st.booleans())
def test_rules_5_resident_id_any_valid_number_round_trips(
    region: str, birth: date, sequence: int, lower: bool
) -> None:
    number = make_id(region, birth.strftime("%Y%m%d"), f"{sequence:03d}")
    info = parse_resident_id(number.lower() if lower else number, today=TODAY)
    assert info.number == number
    assert info.birth_date == birth
    assert info.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)
    assert info.region_code == region
    assert info.region_name


@given(region=REGION, birth=BIRTH, sequence=SEQUENCE)
def test_rules_5_resident_id_any_wrong_check_character_refused(
    region: str, birth: date, sequence: int
) -> None:
    number = with_wrong_check(make_id(region, birth.strftime("%Y%m%d"), f"{sequence:03d}"))
    assert "校验位" in error_of(lambda: parse_resident_id(number, today=TODAY)).message


# --- other documents (RULES §5: looser check) -------------------------------------------------


def test_rules_5_document_type_labels() -> None:
    assert DocumentType.RESIDENT_ID.label == "居民身份证"
    assert DocumentType.HK_MACAO_PERMIT.label == "港澳居民来往内地通行证"
    assert DocumentType.TAIWAN_PERMIT.label == "台湾居民来往大陆通行证"
    assert DocumentType.PASSPORT.label == "护照"
    assert DocumentType.FOREIGN_PERMANENT_ID.label == "外国人永久居留身份证"
    assert DocumentType("passport") is DocumentType.PASSPORT


def test_rules_5_document_resident_id_gets_full_check() -> None:
    number = make_id(JIANGCHENG, "19900101", "123")
    assert normalise_document(DocumentType.RESIDENT_ID, number.lower()) == number
    error = error_of(lambda: normalise_document(DocumentType.RESIDENT_ID, with_wrong_check(number)))
    assert "校验位" in error.message


@pytest.mark.parametrize(
    ("doc_type", "raw", "expected"),
    [
        (DocumentType.HK_MACAO_PERMIT, "h1234 5678", "H12345678"),
        (DocumentType.HK_MACAO_PERMIT, "M1234567801", "M1234567801"),
        (DocumentType.TAIWAN_PERMIT, "12345678", "12345678"),
        (DocumentType.TAIWAN_PERMIT, "12345 67890", "1234567890"),
        (DocumentType.PASSPORT, "e12345678", "E12345678"),
        (DocumentType.PASSPORT, "AB123", "AB123"),
        (DocumentType.PASSPORT, "A" * 17, "A" * 17),
        (DocumentType.FOREIGN_PERMANENT_ID, "usa123456789012", "USA123456789012"),
        (DocumentType.FOREIGN_PERMANENT_ID, "9" * 18, "9" * 18),
    ],
)
def test_rules_5_document_other_types_accepted(
    doc_type: DocumentType, raw: str, expected: str
) -> None:
    assert normalise_document(doc_type, raw) == expected


@pytest.mark.parametrize(
    ("doc_type", "raw", "hint"),
    [
        (DocumentType.HK_MACAO_PERMIT, "K12345678", "H 或 M"),
        (DocumentType.HK_MACAO_PERMIT, "H123456789", "H 或 M"),
        (DocumentType.TAIWAN_PERMIT, "1234567", "8 位或 10 位"),
        (DocumentType.TAIWAN_PERMIT, "T1234567", "8 位或 10 位"),
        (DocumentType.PASSPORT, "A123", "5 至 17"),
        (DocumentType.PASSPORT, "A" * 18, "5 至 17"),
        (DocumentType.PASSPORT, "E1234-5678", "5 至 17"),
        (DocumentType.FOREIGN_PERMANENT_ID, "9" * 16, "15 位或 18 位"),
        (DocumentType.PASSPORT, "", "请填写护照号码"),
    ],
)
def test_rules_5_document_other_types_refused(doc_type: DocumentType, raw: str, hint: str) -> None:
    error = error_of(lambda: normalise_document(doc_type, raw))
    assert error.field == "document_number"
    assert hint in error.message


# --- phones (RULES §5 personal contact data; phonenumbers region CN) ---------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "008613812345678",
        full_width("13812345678"),
    ],
)
def test_rules_5_phone_mobile_accepted(raw: str) -> None:
    assert normalise_phone(raw) == "13812345678"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0662-3312345", "06623312345"),
        ("(0662)3312345", "06623312345"),
        (full_width("(0662)3312345"), "06623312345"),
        ("0662 331 2345", "06623312345"),
        ("+86 662 3312345", "06623312345"),
        ("+86-0662-3312345", "06623312345"),
        ("010-12345678", "01012345678"),
    ],
)
def test_rules_5_phone_landline_with_area_code_accepted(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["3312345", "33123456", "331-2345"])
def test_rules_5_phone_landline_without_area_code_refused(raw: str) -> None:
    error = error_of(lambda: normalise_phone(raw))
    assert error.field == "phone"
    assert "区号" in error.message


@pytest.mark.parametrize("raw", ["12345", "110", "10086", "95588"])
def test_rules_5_phone_service_numbers_refused(raw: str) -> None:
    assert "不是个人联系电话" in error_of(lambda: normalise_phone(raw)).message


@pytest.mark.parametrize("raw", ["4008123123", "8008101234"])
def test_rules_5_phone_business_numbers_refused(raw: str) -> None:
    assert "不是个人联系电话" in error_of(lambda: normalise_phone(raw)).message


@pytest.mark.parametrize(
    "raw", ["abc", "138ABCD5678", "12345678901", "1381234567", "+", "0662331234", "+85291234567"]
)
def test_rules_5_phone_garbage_refused(raw: str) -> None:
    error = error_of(lambda: normalise_phone(raw))
    assert error.field == "phone"
    assert error.message


def test_rules_5_phone_empty_refused() -> None:
    assert "请填写联系电话" in error_of(lambda: normalise_phone(" ")).message


@pytest.mark.parametrize(
    ("normalised", "shown"),
    [
        ("13812345678", "138 1234 5678"),
        ("06623312345", "0662-3312345"),
        ("01012345678", "010-12345678"),
        ("legacy", "legacy"),
    ],
)
def test_rules_5_phone_display_format(normalised: str, shown: str) -> None:
    assert format_phone(normalised) == shown


# --- masking (RULES §5 masking convention) ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张小三", "张*三"),
        ("张三丰", "张*丰"),
        ("李四", "李*"),
        ("欧阳娜娜", "欧**娜"),
        ("王", "王*"),
        ("", ""),
    ],
)
def test_rules_5_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("44170219900101123X", "4417**********123X"),
        ("441702199001011234", "4417**********1234"),
        ("H12345678", "H123*5678"),
        ("AB123", "AB***"),
        ("AB", "**"),
        ("", ""),
    ],
)
def test_rules_5_mask_id(number: str, masked: str) -> None:
    assert mask_id(number) == masked


@pytest.mark.parametrize(
    ("normalised", "masked"),
    [
        ("13812345678", "138****5678"),
        ("06623312345", "0662****345"),
        ("01012345678", "010****5678"),
    ],
)
def test_rules_5_mask_phone(normalised: str, masked: str) -> None:
    assert mask_phone(normalised) == masked


@given(st.text(alphabet=st.characters(exclude_characters="*"), max_size=40))
def test_rules_5_mask_id_never_reveals_more_than_eight_characters(number: str) -> None:
    masked = mask_id(number)
    assert len(masked) == len(number)
    assert sum(1 for c in masked if c != "*") <= 8
    if number:
        assert "*" in masked


@given(st.text(alphabet=st.characters(exclude_characters="*")))
def test_rules_5_mask_name_reveals_at_most_first_and_last(name: str) -> None:
    masked = mask_name(name)
    assert sum(1 for c in masked if c != "*") <= 2
    if name.strip():
        assert "*" in masked


@given(st.text(alphabet="0123456789", max_size=14))
def test_rules_5_mask_phone_always_hides_something(number: str) -> None:
    masked = mask_phone(number)
    assert len(masked) == len(number)
    if number:
        assert "*" in masked
