"""Restricting an abusive submitter's use of the line for 30 natural days (YJ12345 art. 7).

Two people decide (maker–checker, issue 8): a supervisor proposes a restriction of a person,
identified by phone and/or document number, with a reason; another user holding
APPROVE_RESTRICTION approves it (it takes effect that day) or rejects it with a reason. The
same user never both proposes and approves. An approved restriction runs from the day of the
approval to its end day inclusive and ends by itself: whether it is in force is computed from
today, so no background job is needed. Lifting early stays one supervisor's decision, with a
reason: it restores a citizen's access, and a second signature would only delay that.
Restrictions are never deleted (RULES §5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.calendar import nth_day_after
from app.domain.errors import PermissionDenied, ValidationError
from app.domain.people import (
    DocumentType,
    mask_id,
    mask_name,
    mask_phone,
    normalise_document,
    normalise_phone,
)

ARTICLE = "YJ12345 art. 7"
RESTRICTION_DAYS = 30
REASON_MAX = 500


def restriction_end(decided_on: date, days: int = RESTRICTION_DAYS) -> date:
    """The last day of a restriction decided on ``decided_on``: the 30th calendar day after it.

    RULES §2.1 / 民法典 art. 201: the day of the decision is not counted, counting starts the next
    day. The roll-forward of 民法典 art. 203 (a period ending on a rest day ends on the next
    working day) deliberately does NOT apply here: it protects a person who must *act* within a
    period while offices are closed, whereas this period is a restriction running against the
    citizen, and the hotline answers on rest days too. Rolling it forward would restrict the
    person for longer than the "30 natural days" of YJ12345 art. 7, in their disfavour; so the
    restriction ends on the 30th day exactly, and on the day after registration works again.
    """
    if days < 1:
        raise ValidationError("days", "限制期限至少为1日。", article=ARTICLE)
    return nth_day_after(decided_on, days)


class RestrictionState(StrEnum):
    """The decision as stored: proposed by one user, approved or rejected by another."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class RestrictionStatus(StrEnum):
    """What the register shows: the stored decision, and for an approved one, today's status."""

    PENDING = "pending"
    REJECTED = "rejected"
    ACTIVE = "active"
    ENDED = "ended"
    LIFTED = "lifted"

    @property
    def label(self) -> str:
        return {
            "pending": "待审批",
            "rejected": "未批准",
            "active": "限制中",
            "ended": "已到期",
            "lifted": "已提前解除",
        }[self.value]


def check_second_person(proposed_by: int, approver_id: int, what: str = "限制") -> None:
    """Maker–checker (issue 8): whoever proposed may not approve or reject it themselves."""
    if proposed_by == approver_id:
        raise PermissionDenied(
            f"该{what}由您本人提出，须由另一位负责人或管理员审批（两人审批）。",
            article=ARTICLE,
        )


@dataclass(frozen=True)
class Identity:
    """Who is restricted: a normalised phone and/or document number (never both empty)."""

    phone: str | None
    doc_type: DocumentType | None
    doc_number: str | None

    @property
    def masked(self) -> str:
        """RULES §5: the register shows 138****5678 / 4417**********123X, never the full value."""
        parts = []
        if self.phone:
            parts.append(mask_phone(self.phone))
        if self.doc_number:
            parts.append(mask_id(self.doc_number))
        return " / ".join(parts)


def identity_of(
    phone: str, doc_number: str, doc_type: DocumentType | None = DocumentType.RESIDENT_ID
) -> Identity:
    """Check and normalise what the supervisor typed; at least one of phone and number is needed.

    Raises ``ValidationError`` on ``phone`` or ``document_number`` (people.py's own messages).
    """
    phone_value = normalise_phone(phone) if phone.strip() else None
    number = None
    kind = None
    if doc_number.strip():
        kind = doc_type or DocumentType.RESIDENT_ID
        number = normalise_document(kind, doc_number)
    if phone_value is None and number is None:
        raise ValidationError(
            "phone",
            "请填写被限制人的联系电话或证件号码（至少一项），匿名诉求无法限制。",
            article=ARTICLE,
        )
    return Identity(phone_value, kind, number)


def check_reason(reason: str, field: str = "reason") -> str:
    """YJ12345 art. 7: the restriction is recorded with its reason; so is an early lift."""
    text = reason.strip()
    if not text:
        raise ValidationError(
            field, "请填写原因（如辱骂、威胁工作人员的具体情形）。", article=ARTICLE
        )
    if len(text) > REASON_MAX:
        raise ValidationError(field, f"原因请控制在{REASON_MAX}字以内。")
    return text


@dataclass(frozen=True)
class Restriction:
    """One restriction as recorded; its status is a function of the day asked about.

    ``starts_on``/``ends_on``/``decided_*`` are the approval and its period; a pending or
    rejected proposal has no period (``decided_*`` of a rejection are the rejecting user's).
    """

    id: int
    identity: Identity
    reason: str
    starts_on: date | None
    ends_on: date | None
    decided_at: datetime | None
    decided_by: int | None
    case_id: int | None = None
    lifted_at: datetime | None = None
    lifted_by: int | None = None
    lift_reason: str = ""
    state: RestrictionState = RestrictionState.APPROVED
    proposed_at: datetime | None = None
    proposed_by: int | None = None
    reject_reason: str = ""

    def status(self, today: date) -> RestrictionStatus:
        if self.state is RestrictionState.PENDING:
            return RestrictionStatus.PENDING
        if self.state is RestrictionState.REJECTED:
            return RestrictionStatus.REJECTED
        if self.lifted_at is not None:
            return RestrictionStatus.LIFTED
        if self.ends_on is not None and today > self.ends_on:
            return RestrictionStatus.ENDED
        return RestrictionStatus.ACTIVE

    def in_force(self, today: date) -> bool:
        """From the approval day to the end day inclusive, unless lifted: not a day longer.
        A proposal not (yet) approved restricts nobody (issue 8: it needs a second person)."""
        return (
            self.status(today) is RestrictionStatus.ACTIVE
            and self.starts_on is not None
            and today >= self.starts_on
        )

    def matches(self, phone: str | None, doc_number: str | None) -> bool:
        """Same normalised phone or same document number; anonymous input matches nothing."""
        return bool(
            (phone and self.identity.phone == phone)
            or (doc_number and self.identity.doc_number == doc_number)
        )


class RestrictedSubmitter(ValidationError):
    """Registration refused: the submitter's use of the line is restricted (YJ12345 art. 7).

    A ValidationError on the matching submitter's field, so the registration screen shows it
    under the phone or document number that matched.
    """

    def __init__(self, field: str, restriction: Restriction, name: str = "") -> None:
        who = f"（{mask_name(name)}）" if name.strip() else ""
        # Only restrictions in force refuse, and those always have their period.
        assert restriction.starts_on is not None and restriction.ends_on is not None
        message = (
            f"该诉求人{who}因骚扰、威胁工作人员，自{restriction.starts_on.isoformat()}起"
            f"限制使用本热线至{restriction.ends_on.isoformat()}（{ARTICLE}），期间不予登记；"
            f"{nth_day_after(restriction.ends_on, 1).isoformat()}起可正常登记。"
            f"限制原因：{restriction.reason}"
        )
        # The article is in the message already; not repeated by DomainError.__str__.
        super().__init__(field, message)
        self.restriction = restriction


def refusal_for(
    restrictions: list[Restriction],
    today: date,
    submitters: list[tuple[str, str | None, str | None]],
) -> RestrictedSubmitter | None:
    """The refusal for the first submitter (name, phone, doc number) under a restriction in force.

    Phone and number must already be normalised; a submitter without either cannot match.
    """
    for index, (name, phone, doc_number) in enumerate(submitters):
        for restriction in restrictions:
            if not restriction.in_force(today) or not restriction.matches(phone, doc_number):
                continue
            by_number = doc_number and restriction.identity.doc_number == doc_number
            field = f"submitters[{index}].{'doc_number' if by_number else 'phone'}"
            return RestrictedSubmitter(field, restriction, name)
    return None
