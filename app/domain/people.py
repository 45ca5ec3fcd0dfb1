"""People's identity data: document and phone checks, derived ID facts, and masking for display."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import PhoneNumberType, shortnumberinfo
from stdnum import exceptions as stdnum_exceptions
from stdnum import numdb
from stdnum.cn import ric

from app.domain.errors import ValidationError

DOCUMENT_FIELD = "document_number"
PHONE_FIELD = "phone"

# The standard is cited on every resident-ID refusal so the clerk can point the citizen to it.
RESIDENT_ID_ARTICLE = "GB 11643"

# The centre works on Beijing time; "today" for a birth-date check must not depend on the PC's zone.
_LOCAL_ZONE = ZoneInfo("Asia/Shanghai")
_EARLIEST_BIRTH_YEAR = 1900


class DocumentType(StrEnum):
    """Identity documents a person can be registered with (RULES §5)."""

    RESIDENT_ID = "resident_id"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    PASSPORT = "passport"
    FOREIGN_PERMANENT_ID = "foreign_permanent_id"

    @property
    def label(self) -> str:
        """The document's official Chinese name."""
        return _DOCUMENT_LABELS[self]


_DOCUMENT_LABELS: dict[DocumentType, str] = {
    DocumentType.RESIDENT_ID: "居民身份证",
    DocumentType.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    DocumentType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    DocumentType.PASSPORT: "护照",
    DocumentType.FOREIGN_PERMANENT_ID: "外国人永久居留身份证",
}


class Sex(StrEnum):
    """Sex as recorded on (and derived from) an identity document."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        """The Chinese word shown on forms."""
        return "男" if self is Sex.MALE else "女"


@dataclass(frozen=True)
class ResidentIdInfo:
    """A checked resident ID number and what GB 11643 lets us derive from it."""

    number: str
    birth_date: date
    sex: Sex
    region_code: str
    region_name: str


def _clean(raw: str) -> str:
    # Counter PCs type through a Chinese IME, which often produces full-width digits, letters
    # and spaces; NFKC folds them to ASCII so they are not refused as "bad characters".
    return "".join(unicodedata.normalize("NFKC", raw).split())


def _today() -> date:
    return datetime.now(_LOCAL_ZONE).date()


def _id_error(message: str) -> ValidationError:
    return ValidationError(DOCUMENT_FIELD, message, article=RESIDENT_ID_ARTICLE)


_ID_CHARACTERS = re.compile(r"[0-9X]*")
_BODY_DIGITS = re.compile(r"[0-9]{17}")


def parse_resident_id(raw: str, *, today: date | None = None) -> ResidentIdInfo:
    """Check a resident ID number (GB 11643) and derive birth date, sex and region.

    Raises ``ValidationError`` on ``document_number`` with a message saying which part is wrong.
    The number itself is never echoed in a message: messages may end up in logs (RULES §5).
    """
    number = _clean(raw).upper()
    if not number:
        raise _id_error("请填写身份证号码")
    if not _ID_CHARACTERS.fullmatch(number):
        raise _id_error("身份证号码只能由数字和最后一位的 X 组成，请删去其他字符后重新填写")
    if len(number) == 15 and number.isdigit():
        # 15-digit numbers stopped being valid with the second-generation card (GB 11643-1999).
        raise _id_error("这是15位的旧身份证号码，已停止使用，请填写18位的居民身份证号码")
    if len(number) != 18:
        raise _id_error(f"身份证号码应为18位，现在填写了{len(number)}位，请核对后重新填写")
    if not _BODY_DIGITS.fullmatch(number[:17]):
        raise _id_error("身份证号码中的 X 只能出现在最后一位，请核对")

    # The birth date is checked before the check character: when the date is impossible the
    # clerk gets the more precise hint (digits 7–14) rather than a generic "check digit" one.
    try:
        birth_date = ric.get_birth_date(number)
    except stdnum_exceptions.ValidationError:
        raise _id_error(
            "身份证号码第7–14位的出生日期不存在，请核对出生年月日（格式为 年年年年月月日日）"
        ) from None
    if birth_date > (today or _today()):
        raise _id_error("身份证号码中的出生日期晚于今天，请核对第7–14位")
    if birth_date.year < _EARLIEST_BIRTH_YEAR:
        raise _id_error("身份证号码中的出生日期早于1900年，请核对第7–14位")

    if number[-1] != ric.calc_check_digit(number):
        raise _id_error("身份证号码校验位不正确，请核对最后一位（应为 0–9 或 X）及前面各位数字")

    region_code = number[:6]
    return ResidentIdInfo(
        number=number,
        birth_date=birth_date,
        # GB 11643: the 17th digit (order code's last) is odd for men, even for women.
        sex=Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE,
        region_code=region_code,
        region_name=_region_name(region_code, birth_date.year),
    )


# Placeholder rows of the division table that are not place names a clerk would recognise.
_PLACEHOLDER_NAMES = frozenset({"市辖区", "县"})


def _pick_name(field: str, year: int) -> str:
    """Choose among stdnum's ``[start-end]name`` variants the one in force in ``year``."""
    variants: list[tuple[int | None, int | None, str]] = []
    for part in field.split(","):
        match = re.fullmatch(r"\[(\d*)-(\d*)\](.*)", part)
        if match:
            start, end, name = match.groups()
            variants.append((int(start) if start else None, int(end) if end else None, name))
        else:
            variants.append((None, None, part))
    for start, end, name in variants:
        if (start is None or year >= start) and (end is None or year <= end):
            return name
    # The region code records where the card was first issued, which can postdate the birth
    # year; the most recent name is then the best guess.
    return variants[-1][2]


# A few thousand division codes at most: each looked up once (stdnum scans its table per call).
@functools.lru_cache(maxsize=8192)
def _region_name(code: str, year: int) -> str:
    """Province, city and county for a 6-digit division code; "" when the table does not know it.

    Best effort only: an unknown code is not a reason to refuse a number (the table lags behind
    new divisions), so nothing here raises.
    """
    database = numdb.get("cn/loc")
    province = ""
    names: list[str] = []
    lookups: list[str] = []
    if code[4:6] != "00":
        lookups.append(code[:4] + "00")
    if code[2:6] != "0000":
        lookups.append(code)
    for _prefix, properties in database.info(code):
        province = province or properties.get("province", "")
    if not province:
        return ""
    names.append(province)
    for lookup in lookups:
        for _prefix, properties in database.info(lookup):
            field = properties.get("county")
            if not field:
                continue
            name = _pick_name(field, year)
            if name in _PLACEHOLDER_NAMES or name.endswith(("直辖县级行政单位", "行政区划")):
                continue
            if name not in names:
                names.append(name)
    return "".join(names)


_OTHER_DOCUMENT_PATTERNS: dict[DocumentType, tuple[re.Pattern[str], str]] = {
    DocumentType.HK_MACAO_PERMIT: (
        re.compile(r"[HM](\d{8}|\d{10})"),
        "港澳居民来往内地通行证号码应为字母 H 或 M 加 8 位或 10 位数字（如 H12345678），请核对",
    ),
    DocumentType.TAIWAN_PERMIT: (
        re.compile(r"\d{8}|\d{10}"),
        "台湾居民来往大陆通行证号码应为 8 位或 10 位数字，请核对",
    ),
    DocumentType.PASSPORT: (
        re.compile(r"[A-Z0-9]{5,17}"),
        "护照号码应为 5 至 17 位字母或数字，请按护照资料页核对",
    ),
    DocumentType.FOREIGN_PERMANENT_ID: (
        re.compile(r"[A-Z0-9]{15}|[A-Z0-9]{18}"),
        "外国人永久居留身份证号码应为 15 位或 18 位字母或数字，请按证件核对",
    ),
}


def normalise_document(doc_type: DocumentType, raw: str) -> str:
    """Return the stored form of a document number, or raise ``ValidationError``.

    Resident IDs get the full GB 11643 check; other documents only a format check (RULES §5).
    """
    if doc_type is DocumentType.RESIDENT_ID:
        return parse_resident_id(raw).number
    number = _clean(raw).upper()
    if not number:
        raise ValidationError(DOCUMENT_FIELD, f"请填写{doc_type.label}号码")
    pattern, message = _OTHER_DOCUMENT_PATTERNS[doc_type]
    if not pattern.fullmatch(number):
        raise ValidationError(DOCUMENT_FIELD, message)
    return number


_PERSONAL_PHONE_TYPES = frozenset(
    {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
)
_PHONE_CHARACTERS = re.compile(r"[0-9\s+\-()]*")
_PHONE_HINT = "请填写本人的 11 位手机号码，或带区号的固定电话（如 0662-3312345）"


def _phone_error(message: str) -> ValidationError:
    return ValidationError(PHONE_FIELD, message)


def normalise_phone(raw: str) -> str:
    """Return a mainland phone number as national digits (mobile ``138…``, landline ``0662…``).

    Only numbers a person can be called back on are accepted (mobiles and landlines with area
    code); service numbers such as 12345 or 110 and 400/800 numbers are refused.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        raise _phone_error(f"请填写联系电话：{_PHONE_HINT}")
    if not _PHONE_CHARACTERS.fullmatch(text):
        # phonenumbers reads letters as a vanity keypad (ABC → 2), which would silently turn a
        # typo or a note into a different, valid-looking number.
        raise _phone_error(
            "联系电话只能填写数字（可带 +86、空格、短横线或括号），请删去其他文字；"
            "分机号请写在备注中"
        )
    digits = re.sub(r"\D", "", text)
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise _phone_error(f"联系电话不是有效的电话号码，{_PHONE_HINT}") from None

    if number.country_code != 86:
        # The stored form is national digits, which cannot hold another country's number.
        raise _phone_error(f"目前只能登记中国大陆的电话号码，{_PHONE_HINT}")
    if shortnumberinfo.is_valid_short_number_for_region(number, "CN"):
        raise _phone_error(f"这是热线或特服号码，不是个人联系电话，{_PHONE_HINT}")

    national = str(number.national_number)
    if not phonenumbers.is_valid_number(number):
        if re.fullmatch(r"[2-9]\d{6,7}", digits):
            raise _phone_error(
                "固定电话缺少区号，请在号码前加上区号（如阳江为 0662，写作 0662-3312345）"
            )
        if national.startswith("1"):
            raise _phone_error("手机号码应为 11 位数字、以 13 至 19 开头，请核对")
        raise _phone_error(f"联系电话不是有效的电话号码，{_PHONE_HINT}")
    if phonenumbers.number_type(number) not in _PERSONAL_PHONE_TYPES:
        raise _phone_error(f"400、800 等企业服务号码不是个人联系电话，{_PHONE_HINT}")

    if phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
        return national
    # Landlines are stored with the trunk 0 so that the area code reads as people write it.
    return "0" + national


def _landline_area_length(normalised: str) -> int:
    """Length of the area code including its leading 0, or 0 when it cannot be told."""
    if not re.fullmatch(r"0\d{9,11}", normalised):
        return 0
    try:
        number = phonenumbers.parse(normalised, "CN")
    except phonenumbers.NumberParseException:
        return 0
    length = phonenumbers.length_of_geographical_area_code(number)
    return length + 1 if length else 0


def _is_mobile(normalised: str) -> bool:
    return re.fullmatch(r"1[3-9]\d{9}", normalised) is not None


def format_phone(normalised: str) -> str:
    """Display form: mobile ``138 1234 5678``, landline ``0662-3312345``.

    Anything not in the normalised form (e.g. legacy data) is returned unchanged rather than
    refused, because display must never fail.
    """
    if _is_mobile(normalised):
        return f"{normalised[:3]} {normalised[3:7]} {normalised[7:]}"
    area = _landline_area_length(normalised)
    if area:
        return f"{normalised[:area]}-{normalised[area:]}"
    return normalised


def mask_name(name: str) -> str:
    """RULES §5 masking: 张小三 → 张*三, 李四 → 李*, 欧阳娜娜 → 欧**娜, 王 → 王*."""
    name = name.strip()
    if len(name) <= 2:
        # A single character still gets a star so a masked name never looks unmasked.
        return name[:1] + "*" if name else ""
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(number: str) -> str:
    """RULES §5 masking: 441702199001011234 → 4417**********1234."""
    if len(number) >= 9:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    if len(number) >= 3:
        return number[:2] + "*" * (len(number) - 2)
    # Too short to keep anything without revealing most of it.
    return "*" * len(number)


def mask_phone(normalised: str) -> str:
    """RULES §5 masking: 13812345678 → 138****5678, 06623312345 → 0662****345."""
    if _is_mobile(normalised):
        return normalised[:3] + "****" + normalised[7:]
    area = _landline_area_length(normalised)
    if area:
        # The area code only says which city; the four digits after it identify the line.
        return normalised[:area] + "****" + normalised[area + 4 :]
    # Unrecognised form: hide the middle half, which is where a number's identifying digits are.
    length = len(normalised)
    keep = min(3, length // 4)
    tail = normalised[length - keep :] if keep else ""
    return normalised[:keep] + "*" * (length - 2 * keep) + tail
