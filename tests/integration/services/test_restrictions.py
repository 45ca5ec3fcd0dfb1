"""The restriction register through the services (YJ12345 art. 7; issue 8 two-person rule), on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain.errors import NotFound, PermissionDenied, TransitionError, ValidationError
from app.domain.restrictions import ARTICLE, RestrictedSubmitter, RestrictionStatus
from app.domain.users import Actor, Role
from app.domain.vocabulary import Kind
from app.persistence import tables as t
from app.services import restrictions, users
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

PERSON_ID = valid_resident_id("44170219800101123")
PHONE = "13812345678"


def events(world: World, action: str) -> list[tuple[str, str | None, int | None, str]]:
    e = t.events.c
    with world.svc.uow(write=False) as uow:
        return [
            (row.action, row.article, row.case_id, row.summary)
            for row in uow.session.execute(
                select(e.action, e.article, e.case_id, e.summary)
                .where(e.action == action)
                .order_by(e.id)
            )
        ]


def restrict(world: World, **kwargs: str) -> int:
    """Proposed by the supervisor and approved by the administrator: in force from today."""
    restriction_id = restrictions.restrict(world.svc, world.supervisor, **kwargs)
    restrictions.approve(world.svc, world.admin, restriction_id)
    return restriction_id


def test_yj12345_art_7_only_a_supervisor_restricts(world: World) -> None:
    with pytest.raises(PermissionDenied):
        restrictions.restrict(world.svc, world.clerk, phone=PHONE, reason="辱骂话务员")
    restriction_id = restrict(world, phone=PHONE, reason="辱骂话务员")
    with pytest.raises(PermissionDenied):
        restrictions.lift(world.svc, world.clerk, restriction_id, "误认来电人")
    # Everyone sees the register (a clerk must know why a registration was refused).
    (row,) = restrictions.list_restrictions(world.svc, world.clerk)
    assert row.id == restriction_id


def test_yj12345_art_7_reason_is_required(world: World) -> None:
    with pytest.raises(ValidationError, match="请填写原因") as caught:
        restrictions.restrict(world.svc, world.supervisor, phone=PHONE, reason="  ")
    assert caught.value.article == ARTICLE
    with pytest.raises(ValidationError, match="至少一项"):
        restrictions.restrict(world.svc, world.supervisor, reason="辱骂话务员")
    restriction_id = restrict(world, phone=PHONE, reason="辱骂话务员")
    with pytest.raises(ValidationError, match="请填写原因"):
        restrictions.lift(world.svc, world.supervisor, restriction_id, "")
    assert restrictions.list_restrictions(world.svc, world.supervisor)[0].lifted_at is None


def test_yj12345_art_7_restriction_ends_by_itself_and_stays_listed(world: World) -> None:
    svc = world.svc
    restrict(world, phone="138-1234-5678", reason="威胁工作人员")
    (row,) = restrictions.list_restrictions(svc, world.supervisor)
    assert (row.starts_on, row.ends_on) == (date(2025, 9, 26), date(2025, 10, 26))
    assert row.status is RestrictionStatus.ACTIVE
    assert row.masked_identity == "138****5678"
    assert (row.proposed_by, row.decided_by) == ("王负责", "管理员")
    world.clock.set("2025-10-26", 23, 59)
    assert [r.status for r in restrictions.list_restrictions(svc, world.clerk)] == [
        RestrictionStatus.ACTIVE
    ]
    world.clock.set("2025-10-27", 0, 1)
    assert restrictions.list_restrictions(svc, world.clerk) == []
    (ended,) = restrictions.list_restrictions(svc, world.clerk, include_ended=True)
    assert ended.status is RestrictionStatus.ENDED
    with pytest.raises(TransitionError, match="已到期"):
        restrictions.lift(svc, world.supervisor, ended.id, "提前解除")
    # Once ended, the same person can be restricted again for a new 30 days.
    restrict(world, phone=PHONE, reason="再次辱骂")
    assert len(restrictions.list_restrictions(svc, world.clerk, include_ended=True)) == 2


def test_yj12345_art_7_not_restricted_twice_at_once(world: World) -> None:
    restrict(world, phone=PHONE, doc_number=PERSON_ID, reason="辱骂")
    with pytest.raises(ValidationError, match=r"已在限制期内.*2025-10-26"):
        restrictions.restrict(world.svc, world.supervisor, doc_number=PERSON_ID, reason="又骂")
    # Nor proposed twice while a proposal waits.
    world.clock.set("2025-10-27")
    restrictions.restrict(world.svc, world.supervisor, phone=PHONE, reason="再次辱骂")
    with pytest.raises(ValidationError, match="等待审批"):
        restrictions.restrict(world.svc, world.admin, phone=PHONE, reason="再次辱骂")


def test_yj12345_art_7_every_restriction_and_lift_is_an_event_on_the_linked_case(
    world: World,
) -> None:
    svc = world.svc
    case = register(
        svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="来电反映噪音，通话中辱骂并威胁话务员",
            occurred="近一周",
            place="江城区东风路",
            submitters=[PersonInput(name="张小三", doc_number=PERSON_ID, phone=PHONE)],
        ),
    )
    with pytest.raises(NotFound):
        restrictions.restrict(
            svc, world.supervisor, phone=PHONE, reason="威胁话务员", case_number="TD01-X"
        )
    restriction_id = restrict(
        world,
        phone=PHONE,
        doc_number=PERSON_ID,
        reason="通话中威胁话务员",
        case_number=case.number,
    )
    (row,) = restrictions.list_restrictions(svc, world.clerk)
    assert (row.case_id, row.case_number) == (case.case_id, case.number)
    world.clock.set("2025-09-30")
    restrictions.lift(svc, world.supervisor, restriction_id, "经核实系误会，当事人已致歉")
    with pytest.raises(TransitionError, match="已提前解除"):
        restrictions.lift(svc, world.supervisor, restriction_id, "再次解除")
    with pytest.raises(NotFound):
        restrictions.lift(svc, world.supervisor, 999_999, "不存在")
    ((action, article, case_id, summary),) = events(world, "restriction_added")
    assert (action, article, case_id) == ("restriction_added", ARTICLE, case.case_id)
    assert "2025-10-26" in summary and "通话中威胁话务员" in summary
    # RULES §5: the audit text names the person masked only.
    assert PHONE not in summary and PERSON_ID not in summary and "138****5678" in summary
    ((_, lift_article, lift_case, lift_summary),) = events(world, "restriction_lifted")
    assert (lift_article, lift_case) == (ARTICLE, case.case_id)
    assert "当事人已致歉" in lift_summary and PHONE not in lift_summary
    assert restrictions.list_restrictions(svc, world.clerk) == []
    (lifted,) = restrictions.list_restrictions(svc, world.clerk, include_ended=True)
    assert lifted.status is RestrictionStatus.LIFTED
    assert lifted.lift_reason == "经核实系误会，当事人已致歉"


def test_rules_5_restrictions_are_never_deleted(world: World) -> None:
    svc = world.svc
    first = restrict(world, phone=PHONE, reason="辱骂")
    restrictions.lift(svc, world.supervisor, first, "误会")
    restrict(world, phone=PHONE, reason="再次辱骂")
    rejected = restrictions.restrict(svc, world.supervisor, doc_number=PERSON_ID, reason="辱骂")
    restrictions.reject(svc, world.admin, rejected, "证据不足")
    world.clock.set("2026-06-01")
    with svc.uow(write=False) as uow:
        stored = uow.session.execute(select(func.count()).select_from(t.restrictions)).scalar_one()
    assert stored == 3
    assert len(restrictions.list_restrictions(svc, world.clerk, include_ended=True)) == 3


# ----- the two-person rule (issue 8; YJ12345 art. 7) -------------------------------------------


def test_yj12345_art_7_a_proposal_takes_effect_only_when_another_user_approves(
    world: World,
) -> None:
    svc = world.svc
    restriction_id = restrictions.restrict(svc, world.supervisor, phone=PHONE, reason="辱骂")
    (row,) = restrictions.list_restrictions(svc, world.clerk)
    assert row.status is RestrictionStatus.PENDING
    assert (row.starts_on, row.ends_on, row.decided_by) == (None, None, "")
    assert row.proposed_by == "王负责"
    assert not row.may_decide(world.supervisor) and row.may_decide(world.admin)
    assert not row.may_decide(world.clerk)
    # Never the one who proposed it, whatever the screen shows.
    with pytest.raises(PermissionDenied, match="另一位"):
        restrictions.approve(svc, world.supervisor, restriction_id)
    with pytest.raises(PermissionDenied, match="另一位"):
        restrictions.reject(svc, world.supervisor, restriction_id, "撤回")
    with pytest.raises(PermissionDenied):
        restrictions.approve(svc, world.clerk, restriction_id)
    with pytest.raises(TransitionError, match="尚待审批"):
        restrictions.lift(svc, world.supervisor, restriction_id, "误会")
    # Approved two days later: the 30 days run from the approval.
    world.clock.set("2025-09-28")
    restrictions.approve(svc, world.admin, restriction_id)
    (row,) = restrictions.list_restrictions(svc, world.clerk)
    assert row.status is RestrictionStatus.ACTIVE
    assert (row.starts_on, row.ends_on) == (date(2025, 9, 28), date(2025, 10, 28))
    assert row.decided_by == "管理员"
    with pytest.raises(TransitionError, match="不在待审批"):
        restrictions.approve(svc, world.admin, restriction_id)
    actions = [a for a, *_ in events(world, "restriction_proposed")] + [
        a for a, *_ in events(world, "restriction_added")
    ]
    assert actions == ["restriction_proposed", "restriction_added"]


def test_yj12345_art_7_a_second_supervisor_may_approve_and_a_rejection_has_a_reason(
    world: World,
) -> None:
    svc = world.svc
    second: Actor = users.create_user(
        svc, world.admin, "lead2", "赵负责", Role.SUPERVISOR, "lead-pass-2"
    )
    first = restrictions.restrict(svc, world.supervisor, phone=PHONE, reason="辱骂")
    with pytest.raises(ValidationError, match="请填写原因"):
        restrictions.reject(svc, second, first, " ")
    restrictions.reject(svc, second, first, "录音显示系正常投诉，未辱骂")
    (row,) = restrictions.list_restrictions(svc, world.clerk, include_ended=True)
    assert row.status is RestrictionStatus.REJECTED
    assert (row.decided_by, row.reject_reason) == ("赵负责", "录音显示系正常投诉，未辱骂")
    assert restrictions.list_restrictions(svc, world.clerk) == []
    ((_, article, _, summary),) = events(world, "restriction_rejected")
    assert article == ARTICLE and "未辱骂" in summary and PHONE not in summary
    # A rejected proposal does not stop a new one; the second supervisor approves it.
    again = restrictions.restrict(svc, world.supervisor, phone=PHONE, reason="再次辱骂")
    restrictions.approve(svc, second, again)
    assert [r.status for r in restrictions.list_restrictions(svc, world.clerk)] == [
        RestrictionStatus.ACTIVE
    ]
    # Auditors read the register and decide nothing.
    auditor = users.create_user(svc, world.admin, "audit", "钱审计", Role.AUDITOR, "audit-pass-1")
    assert len(restrictions.list_restrictions(svc, auditor, include_ended=True)) == 2
    third = restrictions.restrict(svc, second, doc_number=PERSON_ID, reason="威胁")
    with pytest.raises(PermissionDenied):
        restrictions.approve(svc, auditor, third)


def test_yj12345_art_7_a_pending_proposal_does_not_block_registration_an_approved_one_does(
    world: World,
) -> None:
    svc = world.svc
    form = RegistrationForm(
        kind=Kind.COMPLAINT,
        content="楼下餐馆油烟直排",
        occurred="近一个月",
        place="江城区东风路",
        submitters=[PersonInput(name="张小三", doc_number=PERSON_ID, phone=PHONE)],
    )
    restriction_id = restrictions.restrict(svc, world.supervisor, phone=PHONE, reason="辱骂")
    register(svc, world.clerk, form)  # one signature restricts nobody
    restrictions.approve(svc, world.admin, restriction_id)
    with pytest.raises(RestrictedSubmitter, match="期间不予登记"):
        register(svc, world.clerk, form)
    rejected = restrictions.restrict(svc, world.supervisor, doc_number=PERSON_ID, reason="辱骂")
    restrictions.reject(svc, world.admin, rejected, "已另行限制")
    restrictions.lift(svc, world.supervisor, restriction_id, "经核实系误会")
    register(svc, world.clerk, form)  # a rejected proposal restricts nobody either
