"""Restrictions of abusive submitters (YJ12345 art. 7): period, status, matching, refusal text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import PermissionDenied, ValidationError
from app.domain.people import DocumentType
from app.domain.restrictions import (
    ARTICLE,
    Identity,
    RestrictedSubmitter,
    Restriction,
    RestrictionState,
    RestrictionStatus,
    check_reason,
    check_second_person,
    identity_of,
    refusal_for,
    restriction_end,
)
from app.domain.users import PERMISSIONS, Action, Role
from tests.conftest import valid_resident_id

PERSON_ID = valid_resident_id("44170219800101123")
PHONE = "13812345678"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def restriction(
    starts_on: date = date(2025, 9, 26),
    *,
    phone: str | None = PHONE,
    doc_number: str | None = None,
    lifted: bool = False,
) -> Restriction:
    return Restriction(
        id=1,
        identity=Identity(phone, DocumentType.RESIDENT_ID if doc_number else None, doc_number),
        reason="多次来电辱骂话务员",
        starts_on=starts_on,
        ends_on=restriction_end(starts_on),
        decided_at=datetime.combine(starts_on, datetime.min.time(), SHANGHAI),
        decided_by=2,
        lifted_at=datetime(2025, 10, 1, 9, tzinfo=SHANGHAI) if lifted else None,
    )


def test_yj12345_art_7_thirty_natural_days_start_day_not_counted_and_not_rolled_forward() -> None:
    # Friday 2025-09-26 + 30 days = Sunday 2025-10-26. Art. 203's roll-forward to the next
    # working day would make it Monday 10-27: a day longer than art. 7 allows.
    assert restriction_end(date(2025, 9, 26)) == date(2025, 10, 26)
    # Across the National Day holiday: still plain calendar days.
    assert restriction_end(date(2025, 9, 20)) == date(2025, 10, 20)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 12, 31)))
def test_yj12345_art_7_period_is_always_exactly_thirty_days(day: date) -> None:
    assert (restriction_end(day) - day).days == 30


def test_yj12345_art_7_in_force_from_the_decision_to_the_end_day_and_not_a_day_longer() -> None:
    r = restriction()
    assert not r.in_force(date(2025, 9, 25))
    assert r.in_force(date(2025, 9, 26))
    assert r.in_force(date(2025, 10, 26))
    assert not r.in_force(date(2025, 10, 27))
    assert r.status(date(2025, 10, 27)) is RestrictionStatus.ENDED
    assert r.status(date(2025, 10, 26)) is RestrictionStatus.ACTIVE


def test_yj12345_art_7_a_lifted_restriction_is_no_longer_in_force() -> None:
    r = restriction(lifted=True)
    assert r.status(date(2025, 10, 2)) is RestrictionStatus.LIFTED
    assert not r.in_force(date(2025, 10, 2))


def test_yj12345_art_7_matched_by_phone_or_by_id_never_by_nothing() -> None:
    by_phone = restriction()
    by_id = restriction(phone=None, doc_number=PERSON_ID)
    assert by_phone.matches(PHONE, None)
    assert not by_phone.matches("13912345678", PERSON_ID)
    assert by_id.matches(None, PERSON_ID)
    assert by_id.matches("13912345678", PERSON_ID)
    # An anonymous submitter gives nothing to match on.
    assert not by_phone.matches(None, None)
    assert not by_id.matches("", "")


def test_yj12345_art_7_identity_is_normalised_and_needs_phone_or_id() -> None:
    identity = identity_of("138 1234 5678", PERSON_ID.lower())
    assert (identity.phone, identity.doc_number) == (PHONE, PERSON_ID.upper())
    assert identity.masked == f"138****5678 / {PERSON_ID[:4]}{'*' * 10}{PERSON_ID[-4:]}"
    assert identity_of("", "H12345678", DocumentType.HK_MACAO_PERMIT).doc_number == "H12345678"
    with pytest.raises(ValidationError, match="至少一项") as caught:
        identity_of(" ", "")
    assert caught.value.article == ARTICLE
    with pytest.raises(ValidationError):
        identity_of("12345", "")  # a service number is not a person's phone


def test_yj12345_art_7_reason_is_required() -> None:
    with pytest.raises(ValidationError, match="请填写原因") as caught:
        check_reason("   ")
    assert caught.value.article == ARTICLE
    assert check_reason("  威胁话务员  ") == "威胁话务员"
    with pytest.raises(ValidationError, match="500"):
        check_reason("骂" * 501)


def test_yj12345_art_7_refusal_names_the_person_the_end_date_and_the_article() -> None:
    r = restriction(doc_number=PERSON_ID)
    submitters: list[tuple[str, str | None, str | None]] = [
        ("李四", "13912345678", None),
        ("张小三", None, PERSON_ID),
    ]
    refusal = refusal_for([r], date(2025, 10, 1), submitters)
    assert isinstance(refusal, RestrictedSubmitter)
    assert refusal.field == "submitters[1].doc_number"
    assert "张*三" in refusal.message and "张小三" not in refusal.message
    assert "自2025-09-26起限制使用本热线至2025-10-26（YJ12345 art. 7），期间不予登记" in (
        refusal.message
    )
    assert "2025-10-27起可正常登记" in refusal.message
    assert str(refusal).count(ARTICLE) == 1
    by_phone = refusal_for([r], date(2025, 10, 1), [("张小三", PHONE, None)])
    assert by_phone is not None and by_phone.field == "submitters[0].phone"
    assert refusal_for([r], date(2025, 10, 27), submitters) is None
    assert refusal_for([r], date(2025, 10, 1), [("匿名", None, None)]) is None


def test_yj12345_art_7_only_a_supervisor_restricts_but_everyone_sees_the_list() -> None:
    assert Action.RESTRICT_PERSON not in PERMISSIONS[Role.CLERK]
    assert Action.RESTRICT_PERSON in PERMISSIONS[Role.SUPERVISOR]
    assert Action.RESTRICT_PERSON in PERMISSIONS[Role.ADMIN]
    for role in Role:
        assert Action.LIST_RESTRICTIONS in PERMISSIONS[role]


def test_yj12345_art_7_days_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        restriction_end(date(2025, 9, 26), 0)
    assert restriction_end(date(2025, 9, 26), 1) == date(2025, 9, 26) + timedelta(days=1)


def test_yj12345_art_7_a_proposal_or_a_rejection_restricts_nobody() -> None:
    pending = replace(
        restriction(),
        state=RestrictionState.PENDING,
        starts_on=None,
        ends_on=None,
        decided_at=None,
        decided_by=None,
    )
    assert pending.status(date(2025, 9, 27)) is RestrictionStatus.PENDING
    assert not pending.in_force(date(2025, 9, 27))
    rejected = replace(pending, state=RestrictionState.REJECTED)
    assert rejected.status(date(2025, 9, 27)) is RestrictionStatus.REJECTED
    assert refusal_for([pending, rejected], date(2025, 9, 27), [("张三", PHONE, None)]) is None


def test_yj12345_art_7_issue_8_the_proposer_never_approves() -> None:
    with pytest.raises(PermissionDenied, match="另一位"):
        check_second_person(2, 2)
    check_second_person(2, 3)
    for role in (Role.SUPERVISOR, Role.ADMIN):
        assert Action.APPROVE_RESTRICTION in PERMISSIONS[role]
    for role in (Role.CLERK, Role.AUDITOR):
        assert Action.APPROVE_RESTRICTION not in PERMISSIONS[role]
