"""Live checks for the registration form: what the GUI asks while the clerk types (no database).

Each check takes the text as it stands and says whether it is complete and valid, still being
typed (``pending``: not an error yet), or wrong, with the domain's own message, so the screen
and the service never disagree. ``finished=True`` is for a field the clerk has left: partial
input is then reported with the full message the service would give.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric

from app.domain.cases import ANONYMOUS_ALLOWED, FIELD_LABELS, REQUIRED_FACTS
from app.domain.errors import ValidationError
from app.domain.people import (
    DocumentType,
    format_phone,
    normalise_document,
    normalise_phone,
    parse_resident_id,
)
from app.domain.vocabulary import Kind

# ----- user-facing text (one place, for the translation step) --------------------------------

ID_MISSING_DIGITS = "还差 {count} 位"
ID_OK = "校验通过"
DOCUMENT_OK = "格式正确"
MOBILE_MISSING_DIGITS = "手机号码还差 {count} 位"
PHONE_TYPING = "号码尚未输入完整：手机 11 位，固定电话须带区号（如 0662-3312345）"
CASE_NUMBER_FORMAT = "案件编号的格式为 中心代码-日期-顺序号，如 TD01-20260121-0001"
EMERGENCY_HINT = (
    "遇有危及生命、财产安全的紧急情况，请立即拨打 110（报警）、119（火警）或 120（急救）；"
    "在本中心登记诉求不能代替紧急报警。"
)
EMERGENCY_ARTICLE = "JY12345 art. 6"

# What a person must give besides the facts of REQUIRED_FACTS (YJ12345 art. 7: contact).
NAME_FIELD = "name"
PHONE_FIELD = "phone"
SUBMITTER_LABELS = {NAME_FIELD: "诉求人姓名", PHONE_FIELD: "联系电话"}

# What is most often missing at the counter (STD item 6); the clerk ticks these or adds lines.
COMMON_MISSING_MATERIALS: tuple[str, ...] = (
    "诉求人有效身份证件（原件及复印件）",
    "委托他人代办的授权委托书及代办人身份证件",
    "事件发生的具体时间、地点说明",
    "现场照片、视频等证据材料",
    "被举报单位的准确名称和地址",
    "相关合同、票据、协议等书面材料",
    "此前向其他部门反映的受理回执或答复意见",
)

# ----- checks ---------------------------------------------------------------------------------

_ID_LENGTH = 18
_BIRTH_DATE_END = 14  # digits 7–14 are the birth date (GB 11643)
_OLD_ID_LENGTH = 15  # first-generation cards: digits 7–12 are yymmdd
# The shortest number of each other document: below it, typing is simply not finished.
_MIN_DOCUMENT_LENGTH = {
    DocumentType.HK_MACAO_PERMIT: 9,
    DocumentType.TAIWAN_PERMIT: 8,
    DocumentType.PASSPORT: 5,
    DocumentType.FOREIGN_PERMANENT_ID: 15,
}
_MOBILE_LENGTH = 11
_MOBILE_START = re.compile(r"1([3-9]\d*)?")
_PHONE_CHARACTERS = re.compile(r"[0-9\s+\-()]*")
# A landline with its area code has at least 10 digits, at most 12 (0 + 3-digit area + 8).
_LANDLINE_MAX = 12
_SHORT = 7
_CASE_NUMBER = re.compile(r"[A-Z0-9]{2,12}-\d{8}-\d{4}")


@dataclass(frozen=True)
class FieldCheck:
    """The verdict on one field as it stands.

    ``ok``: complete and valid (``normalised`` is the stored form). ``pending``: not finished
    yet, ``message`` says what is missing, calmly. Neither: wrong, ``message`` says why.
    ``empty`` fields are pending with no message; whether that blocks saving is the form's call.
    """

    ok: bool
    message: str = ""
    normalised: str = ""
    birth_date: date | None = None
    sex_label: str = ""
    region_name: str = ""
    pending: bool = False
    empty: bool = False

    @property
    def error(self) -> bool:
        return not self.ok and not self.pending


_EMPTY = FieldCheck(ok=False, pending=True, empty=True)


def _clean(text: str) -> str:
    # As the domain does: IME full-width digits and letters fold to ASCII, spaces go.
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _error(exc: ValidationError) -> FieldCheck:
    return FieldCheck(ok=False, message=exc.message)


def _may_be_old_id(number: str) -> bool:
    if len(number) > _OLD_ID_LENGTH or not number.isdigit():
        return False
    try:
        date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def _resident_id(text: str, finished: bool) -> FieldCheck:
    number = _clean(text)
    if not finished and len(number) < _ID_LENGTH and re.fullmatch(r"[0-9X]*", number):
        # Ask the domain about the part already typed, padded to a whole number: an X too
        # early, or an impossible birth date once digits 7–14 are in, is an error now.
        probe = ""
        if "X" in number:
            probe = number.ljust(_ID_LENGTH, "0")
        elif len(number) >= _BIRTH_DATE_END:
            body = number.ljust(17, "0")
            probe = body + ric.calc_check_digit(body + "0")
        if probe:
            try:
                parse_resident_id(probe)
            except ValidationError as exc:
                # Up to 15 digits it may be an old first-generation number (birth date in
                # digits 7–12): finishing it gets the domain's "no longer valid" message.
                if not _may_be_old_id(number):
                    return _error(exc)
        missing = _ID_LENGTH - len(number)
        return FieldCheck(ok=False, pending=True, message=ID_MISSING_DIGITS.format(count=missing))
    try:
        info = parse_resident_id(number)
    except ValidationError as exc:
        return _error(exc)
    return FieldCheck(
        ok=True,
        message=ID_OK,
        normalised=info.number,
        birth_date=info.birth_date,
        sex_label=info.sex.label,
        region_name=info.region_name,
    )


def check_document(doc_type: DocumentType, text: str, *, finished: bool = False) -> FieldCheck:
    """A document number as typed: resident IDs get the full GB 11643 check and derived facts."""
    if not _clean(text):
        return _EMPTY
    if doc_type is DocumentType.RESIDENT_ID:
        return _resident_id(text, finished)
    try:
        number = normalise_document(doc_type, text)
    except ValidationError as exc:
        short = len(_clean(text)) < _MIN_DOCUMENT_LENGTH[doc_type]
        return FieldCheck(ok=False, message=exc.message, pending=short and not finished)
    return FieldCheck(ok=True, message=DOCUMENT_OK, normalised=number)


def check_phone(text: str, *, finished: bool = False) -> FieldCheck:
    """A phone number as typed: a mobile counts its missing digits; a landline needs its area code."""
    stripped = unicodedata.normalize("NFKC", text).strip()
    if not stripped:
        return _EMPTY
    try:
        number = normalise_phone(stripped)
    except ValidationError as exc:
        if finished or not _PHONE_CHARACTERS.fullmatch(stripped):
            return _error(exc)
        digits = re.sub(r"\D", "", stripped)
        if stripped.startswith("+86"):
            digits = digits[2:]
        if _MOBILE_START.fullmatch(digits) and len(digits) < _MOBILE_LENGTH:
            missing = _MOBILE_LENGTH - len(digits)
            return FieldCheck(
                ok=False, pending=True, message=MOBILE_MISSING_DIGITS.format(count=missing)
            )
        if (digits.startswith("0") and len(digits) < _LANDLINE_MAX) or len(digits) < _SHORT:
            # Still typing a landline, or too few digits to tell: a hint, not an error yet.
            return FieldCheck(ok=False, pending=True, message=PHONE_TYPING)
        return _error(exc)
    return FieldCheck(ok=True, message=format_phone(number), normalised=number)


def check_case_number(text: str) -> FieldCheck:
    """An earlier case's number as typed (a repeat refusal names it): the format only."""
    number = _clean(text)
    if not number:
        return _EMPTY
    if _CASE_NUMBER.fullmatch(number):
        return FieldCheck(ok=True, normalised=number)
    return FieldCheck(ok=False, message=CASE_NUMBER_FORMAT)


# ----- what each kind requires ------------------------------------------------------------------


def anonymous_allowed(kind: Kind) -> bool:
    """Whether the kind may be registered without a submitter (FIRE art. 7; the domain's list)."""
    return kind in ANONYMOUS_ALLOWED


def required_fields(kind: Kind, *, anonymous: bool = False) -> tuple[str, ...]:
    """The fields the form must have before saving, in the order they appear on the form.

    The facts come from the domain's REQUIRED_FACTS (YJ12345 art. 7; FIRE art. 8). A named
    submitter needs a name; kinds that cannot be anonymous also need a phone to call back.
    """
    anonymous = anonymous and anonymous_allowed(kind)
    people: tuple[str, ...] = ()
    if not anonymous:
        people = (NAME_FIELD,) if anonymous_allowed(kind) else (NAME_FIELD, PHONE_FIELD)
    return people + REQUIRED_FACTS[kind]


def field_label(field: str) -> str:
    """The Chinese name of a form field, as messages and the checklist call it."""
    return SUBMITTER_LABELS.get(field) or FIELD_LABELS.get(field, field)


def missing_fields(
    kind: Kind, values: Mapping[str, str], *, anonymous: bool = False
) -> tuple[str, ...]:
    """The required fields still blank in ``values`` (field name → text as typed)."""
    return tuple(
        field
        for field in required_fields(kind, anonymous=anonymous)
        if not values.get(field, "").strip()
    )


def emergency_hint() -> str:
    """JY12345 art. 6: life-and-property emergencies go to 110/119/120, not the counter."""
    return EMERGENCY_HINT
