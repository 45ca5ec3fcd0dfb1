"""What each printed document says, as plain data: services fill these, the renderer lays them out.

Nothing here reads the database or knows reportlab. Identity rules (RULES §5, FIRE art. 11,
YJ12345 art. 15) are decided by whoever fills a payload: unit-facing payloads have no field that
could carry a reporter's identity at all.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import StrEnum
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints


class DocType(StrEnum):
    """Every document TownDesk prints; the value names its template under resources/templates/."""

    RECEIPT = "receipt"
    REFUSAL_NOTICE = "refusal_notice"
    MATERIALS_NOTICE = "materials_notice"
    DISPATCH_ORDER = "dispatch_order"
    EXTENSION_NOTICE = "extension_notice"
    RESULT_NOTICE = "result_notice"
    REDO_NOTICE = "redo_notice"
    REMINDER_NOTICE = "reminder_notice"
    AWARD_NOTICE = "award_notice"
    NON_AWARD_NOTICE = "non_award_notice"
    PAYOUT_RECEIPT = "payout_receipt"
    OBJECTION_RESULT_NOTICE = "objection_result_notice"
    DISCLOSURE_LIST = "disclosure_list"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def abbreviation(self) -> str:
        """The word in the document number, e.g. 受 in 江城便民受〔2026〕12号."""
        return _ABBREVIATIONS[self]

    @property
    def unit_facing(self) -> bool:
        """Sent to a handling unit: must carry no reporter identity (FIRE art. 11)."""
        return self in (DocType.DISPATCH_ORDER, DocType.REDO_NOTICE, DocType.REMINDER_NOTICE)


_LABELS = {
    DocType.RECEIPT: "受理回执",
    DocType.REFUSAL_NOTICE: "不予受理告知书",
    DocType.MATERIALS_NOTICE: "补正材料一次性告知书",
    DocType.DISPATCH_ORDER: "转办单",
    DocType.EXTENSION_NOTICE: "延期告知书",
    DocType.RESULT_NOTICE: "办理结果告知书",
    DocType.REDO_NOTICE: "重办通知",
    DocType.REMINDER_NOTICE: "催办通知书",
    DocType.AWARD_NOTICE: "领奖通知书",
    DocType.NON_AWARD_NOTICE: "不予奖励告知书",
    DocType.PAYOUT_RECEIPT: "奖励领取签收单",
    DocType.OBJECTION_RESULT_NOTICE: "申诉复核结果告知书",
    DocType.DISCLOSURE_LIST: "年度奖励公示",
}
_ABBREVIATIONS = {
    DocType.RECEIPT: "受",
    DocType.REFUSAL_NOTICE: "不受",
    DocType.MATERIALS_NOTICE: "补",
    DocType.DISPATCH_ORDER: "转",
    DocType.EXTENSION_NOTICE: "延",
    DocType.RESULT_NOTICE: "结",
    DocType.REDO_NOTICE: "重",
    DocType.REMINDER_NOTICE: "催",
    DocType.AWARD_NOTICE: "奖",
    DocType.NON_AWARD_NOTICE: "不奖",
    DocType.PAYOUT_RECEIPT: "领",
    DocType.OBJECTION_RESULT_NOTICE: "复",
    DocType.DISCLOSURE_LIST: "公",
}


@dataclass(frozen=True)
class Letterhead:
    """The centre as it appears in every heading and signature (from settings)."""

    centre_name: str
    address: str
    phone: str
    number_prefix: str = ""  # e.g. 江城便民: goes before the type's abbreviation


@dataclass(frozen=True)
class DocumentMeta:
    """The frame of one printed document: its number, date and whether it is a reprint (补打)."""

    doc_type: DocType
    letterhead: Letterhead
    year: int
    sequence: int
    issued_on: date
    reprint: bool = False

    @property
    def number_text(self) -> str:
        """GB/T 9704 style: 江城便民受〔2026〕12号."""
        prefix = self.letterhead.number_prefix + self.doc_type.abbreviation
        return f"{prefix}〔{self.year}〕{self.sequence}号"


@dataclass(frozen=True)
class DeadlineLine:
    """One limit as printed: what, until when, and the rule it comes from."""

    label: str
    due_text: str
    article: str
    provisional: bool = False


@dataclass(frozen=True)
class ReceiptData:
    """受理回执 (RULES §1): stub and citizen's part; anonymous → query code only, no name."""

    case_number: str
    query_code: str
    kind_label: str
    priority_label: str
    channel_label: str
    received_at: datetime
    submitter_names: tuple[str, ...]  # empty when anonymous
    submitter_phone_masked: str
    summary: str
    deadlines: tuple[DeadlineLine, ...]
    fire_tip_off: bool  # adds the confidentiality statement of FIRE art. 11
    clerk_name: str
    profile_name: str


@dataclass(frozen=True)
class RefusalData:
    """不予受理告知书 (YJ12345 art. 6): the ground, its article, the reason, where to go instead."""

    case_number: str
    addressee: str
    received_at: datetime
    summary: str
    ground_number: int
    ground_label: str
    ground_article: str
    reason: str
    related_case_number: str | None = None


@dataclass(frozen=True)
class MaterialsData:
    """补正材料一次性告知书 (STD item 6): every missing item at once, and the date to supply them."""

    case_number: str
    query_code: str
    addressee: str
    received_at: datetime
    summary: str
    items: tuple[str, ...]
    supply_by: date
    supply_period_text: str  # e.g. 5个工作日
    article: str


@dataclass(frozen=True)
class DispatchOrderData:
    """转办单 to a handling unit: the facts and deadlines, never the reporter (FIRE art. 11)."""

    case_number: str
    unit_name: str
    kind_label: str
    priority_label: str
    channel_label: str
    received_at: datetime
    dispatched_at: datetime
    occurred: str
    place: str
    content: str
    request: str
    reported_unit_name: str
    reported_unit_address: str
    hazard_category_label: str
    deadlines: tuple[DeadlineLine, ...]
    designated: bool
    anonymous: bool


@dataclass(frozen=True)
class ExtensionNoticeData:
    """延期告知书 to the submitter (YJ12345 art. 9; JY12345 art. 21)."""

    case_number: str
    addressee: str
    unit_name: str
    original_due: str
    new_due: str
    extra_working_days: int
    reason: str
    basis: str
    article: str


@dataclass(frozen=True)
class ResultNoticeData:
    """办理结果告知书 (YJ12345 art. 14): when, how, the outcome and the basis, and what comes next."""

    case_number: str
    query_code: str
    addressee: str
    summary: str
    unit_name: str
    handled_at: datetime
    method: str
    outcome: str
    basis: str


@dataclass(frozen=True)
class RedoNoticeData:
    """重办通知 to a handling unit (YJ12345 art. 20; JY12345 art. 16, 17): no reporter identity."""

    case_number: str
    unit_name: str
    summary: str
    previous_outcome: str
    reason: str
    instructions: str
    new_due: str
    article: str
    redo_count: int = 1
    # A result the centre's review sent back (YJ12345 art. 14) rather than a citizen's redo: the
    # period still runs from the first receipt, and the notice says why it came back.
    review_failed: bool = False


@dataclass(frozen=True)
class ReminderData:
    """催办通知书 (JY12345 art. 19) for one overdue item, copied to the unit's leader."""

    case_number: str
    unit_name: str
    unit_leader: str
    summary: str
    received_by_unit: date
    due: str
    working_days_overdue: int
    reminders_before: int
    accountability_after: str  # the date 5 working days past the deadline


@dataclass(frozen=True)
class AwardStep:
    """One line of the award computation as printed (FIRE art. 5, 6)."""

    label: str
    amount_fen: int
    article: str


@dataclass(frozen=True)
class AwardNoticeData:
    """领奖通知书 (FIRE art. 10): amount with its computation, collect-by date, what to bring."""

    case_number: str
    addressee: str
    brigade: str
    penalty_decision: str
    fine_fen: int
    steps: tuple[AwardStep, ...]
    award_fen: int
    collect_by: date
    collect_place: str
    bring: tuple[str, ...]


@dataclass(frozen=True)
class NonAwardReason:
    text: str
    article: str


@dataclass(frozen=True)
class NonAwardNoticeData:
    """不予奖励告知书 (FIRE art. 8): why, with articles, and the right to object by a date."""

    case_number: str
    addressee: str
    reasons: tuple[NonAwardReason, ...]
    object_by: date
    object_where: str


@dataclass(frozen=True)
class PayoutShare:
    name: str
    id_masked: str
    share_fen: int


@dataclass(frozen=True)
class PayoutReceiptData:
    """奖励领取签收单: one line per recipient, with signature and fingerprint boxes."""

    case_number: str
    award_fen: int
    decision_number: str
    shares: tuple[PayoutShare, ...]
    paid_on: date
    paid_by: str


@dataclass(frozen=True)
class ObjectionResultData:
    """申诉复核结果告知书 (RULES §3): upheld or changed, why, and the new amount if changed."""

    case_number: str
    addressee: str
    objection_received: date
    objected_to: str
    upheld: bool
    reasons: str
    new_award_fen: int | None
    article: str
    reviewer_title: str = "复核人"


@dataclass(frozen=True)
class DisclosureRow:
    masked_name: str
    hazard_category_label: str
    award_fen: int
    decided_on: date
    case_number: str


@dataclass(frozen=True)
class DisclosureData:
    """年度奖励公示 (FIRE art. 3; OPEN): names masked per RULES §5."""

    year: int
    rows: tuple[DisclosureRow, ...]
    # The last day of the publication period, counted by the calendar (RULES §2.1 natural days).
    publish_until: date
    objection_days: int = 7
    contact_phone: str = ""


Payload = (
    ReceiptData
    | RefusalData
    | MaterialsData
    | DispatchOrderData
    | ExtensionNoticeData
    | ResultNoticeData
    | RedoNoticeData
    | ReminderData
    | AwardNoticeData
    | NonAwardNoticeData
    | PayoutReceiptData
    | ObjectionResultData
    | DisclosureData
)


PAYLOAD_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        ReceiptData,
        RefusalData,
        MaterialsData,
        DispatchOrderData,
        ExtensionNoticeData,
        ResultNoticeData,
        RedoNoticeData,
        ReminderData,
        AwardNoticeData,
        NonAwardNoticeData,
        PayoutReceiptData,
        ObjectionResultData,
        DisclosureData,
    )
}


def payload_to_json(payload: Payload) -> dict[str, Any]:
    """A JSON-safe snapshot of what was printed, so a 补打 reprints exactly the same text."""
    return {"type": type(payload).__name__, "fields": _to_json(payload)}


def payload_from_json(data: dict[str, Any]) -> Payload:
    cls = PAYLOAD_TYPES[data["type"]]
    payload: Payload = _from_json(cls, data["fields"])
    return payload


def _to_json(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    return value


def _from_json(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(hint, type) and is_dataclass(hint):
        hints = get_type_hints(hint)
        return hint(**{name: _from_json(hints[name], v) for name, v in value.items()})
    origin = get_origin(hint)
    if origin is tuple:
        (item, _ellipsis) = get_args(hint)
        return tuple(_from_json(item, v) for v in value)
    if origin in (UnionType, Union):
        options = [a for a in get_args(hint) if a is not type(None)]
        return _from_json(options[0], value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    return value
