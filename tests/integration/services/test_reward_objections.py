"""Objections (申诉) against reward decisions through the services, on SQLite and PostgreSQL (RULES §3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.documents.payloads import DocType
from app.domain.errors import PermissionDenied, TransitionError
from app.domain.rewards import ClaimState, ObjectionGround, ObjectionState, PaymentMethod
from app.persistence import tables as t
from app.services import printing, rewards
from tests.conftest import World
from tests.integration.services.test_rewards import (
    ZHANG_ID,
    actions,
    decided,
    filing,
    notified,
    pdf_text,
    person_ids,
    tip_off,
)


def flat(pdf: bytes) -> str:
    """The PDF's text without the line breaks the layout puts inside sentences."""
    return "".join(pdf_text(pdf).split())


def refused(world: World, fine_fen: int = 10_000_000, *, unit: str = "海滨KTV") -> int:
    """Refused on 2025-10-28 (clue already known, FIRE art. 8), told on 2025-10-29."""
    svc = world.svc
    case_id = tip_off(world, unit=unit)
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(fine_fen))
    world.clock.set("2025-10-28")
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=True, already_under_investigation=False
    )
    notified(world, case_id)
    return case_id


def objected(world: World, case_id: int, ground: ObjectionGround, day: str = "2025-11-05") -> None:
    world.clock.set(day)
    rewards.receive_objection(world.svc, world.clerk, case_id, ground, "举报人称线索此前未被掌握")


def test_rules_3_objection_outside_the_window_is_refused(world: World) -> None:
    case_id = refused(world)
    # Told 2025-10-29: 30 natural days end on Fri 2025-11-28.
    world.clock.set("2025-11-29")
    with pytest.raises(TransitionError, match="2025-11-28 届满"):
        rewards.receive_objection(
            world.svc, world.clerk, case_id, ObjectionGround.NOT_ELIGIBLE, "不服"
        )
    assert rewards.objections(world.svc, case_id) == []
    objected(world, case_id, ObjectionGround.NOT_ELIGIBLE, day="2025-11-28")
    (objection,) = rewards.objections(world.svc, case_id)
    assert objection.window_due.day == date(2025, 11, 28)
    assert objection.state is ObjectionState.PENDING
    assert actions(world, case_id)[-1] == "reward_objection_received"


def test_rules_3_one_objection_per_decision(world: World) -> None:
    case_id = refused(world)
    objected(world, case_id, ObjectionGround.NOT_ELIGIBLE)
    world.clock.set("2025-11-10")
    rewards.review_objection(
        world.svc, world.admin, case_id, upheld=True, reasons="该线索此前已由大队掌握，有记录可查"
    )
    with pytest.raises(TransitionError, match="以1次为限"):
        objected(world, case_id, ObjectionGround.NOT_ELIGIBLE, day="2025-11-12")
    assert len(rewards.objections(world.svc, case_id)) == 1


def test_rules_3_reviewer_is_not_the_decider(world: World) -> None:
    case_id = refused(world)
    objected(world, case_id, ObjectionGround.NOT_ELIGIBLE)
    with pytest.raises(PermissionDenied, match="作出原决定的人员不能复核"):
        rewards.review_objection(
            world.svc,
            world.supervisor,
            case_id,
            upheld=False,
            reasons="改判",
            clue_already_known=False,
        )
    with pytest.raises(PermissionDenied, match="无权"):  # a clerk receives but never reviews
        rewards.review_objection(world.svc, world.clerk, case_id, upheld=True, reasons="维持")
    assert rewards.get_claim(world.svc, case_id).pending_objection is not None
    rewards.review_objection(world.svc, world.admin, case_id, upheld=True, reasons="维持")


def test_rules_3_upheld_leaves_the_decision(world: World) -> None:
    svc = world.svc
    case_id = refused(world)
    before = rewards.get_claim(svc, case_id)
    objected(world, case_id, ObjectionGround.NOT_ELIGIBLE)
    world.clock.set("2025-11-10")
    rewards.review_objection(
        svc, world.admin, case_id, upheld=True, reasons="该线索此前已由大队掌握，有记录可查"
    )
    claim = rewards.get_claim(svc, case_id)
    assert (claim.state, claim.decided_by, claim.decided_at, claim.ineligibility) == (
        before.state,
        before.decided_by,
        before.decided_at,
        before.ineligibility,
    )
    assert claim.objections[0].state is ObjectionState.UPHELD
    assert claim.objections[0].reviewed_by == world.admin.user_id
    assert rewards.objection_queue(svc) == []

    notice = rewards.reward_document(svc, world.clerk, case_id, DocType.OBJECTION_RESULT_NOTICE)
    text = flat(notice.pdf)
    assert "维持原决定" in text and "变更原决定" not in text
    assert "不予奖励决定" in text and "有记录可查" in text
    assert "第八条" in text  # the article of the refusal that was upheld
    again = printing.issue(svc, world.clerk, DocType.OBJECTION_RESULT_NOTICE, case_id, reprint=True)
    assert again.number_text == notice.number_text
    with svc.uow(write=False) as uow:
        article = uow.session.execute(
            select(t.events.c.article).where(
                t.events.c.case_id == case_id, t.events.c.action == printing.PRINT_EVENT
            )
        ).scalar_one()
    assert article == "RULES §3"


def test_fire_art_5_a_changed_decision_respects_the_yearly_cap(world: World) -> None:
    svc = world.svc
    # 25,000 yuan already awarded this year (10 % of a 250,000-yuan fine).
    first = decided(world, 25_000_000)
    world.clock.set("2025-10-28")
    # Then a refusal of a 100,000-yuan fine: 10,000 yuan if eligible, cut by the cap to 5,000.
    case_id = refused(world, 10_000_000, unit="金沙湾酒店")
    objected(world, case_id, ObjectionGround.NOT_ELIGIBLE)
    world.clock.set("2025-11-10")
    rewards.review_objection(
        svc,
        world.admin,
        case_id,
        upheld=False,
        reasons="经向大队核实，该线索此前并未掌握",
        clue_already_known=False,
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.AWARD_DECIDED
    share = claim.shares[0]
    assert (share.amount_fen, share.capped) == (500_000, True)
    assert rewards.get_claim(svc, first).shares[0].amount_fen == 2_500_000
    assert (claim.decided_by, claim.notified_at) == (world.admin.user_id, None)
    (objection,) = claim.objections
    assert (objection.state, objection.new_total_fen) == (ObjectionState.CHANGED, 500_000)
    assert actions(world, case_id)[-1] == "reward_objection_changed"
    # The new decision goes out as any decision: it is to be notified, then a new award notice.
    assert case_id in [r.case_id for r in rewards.queue(svc, rewards.Stage.TO_NOTIFY)]
    notified(world, case_id, "2025-11-11")
    award = flat(rewards.reward_document(svc, world.clerk, case_id, DocType.AWARD_NOTICE).pdf)
    assert "5,000.00" in award or "5000.00" in award
    result = flat(
        rewards.reward_document(svc, world.clerk, case_id, DocType.OBJECTION_RESULT_NOTICE).pdf
    )
    assert "变更原决定" in result and "5,000.00" in result.replace("5000.00", "5,000.00")
    # The maker–checker of the payout now counts from the reviewer, who decided anew.
    (person,) = person_ids(world, case_id)
    world.clock.set("2025-11-12")
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID)
    with pytest.raises(PermissionDenied):
        rewards.approve_share(svc, world.admin, case_id, person)
    rewards.approve_share(svc, world.supervisor, case_id, person)


def test_rules_3_a_corrected_fine_changes_the_amount(world: World) -> None:
    svc = world.svc
    case_id = decided(world, 1_000_000)  # 1,000 yuan awarded
    notified(world, case_id)
    objected(world, case_id, ObjectionGround.AMOUNT)
    world.clock.set("2025-11-10")
    rewards.review_objection(
        svc,
        world.admin,
        case_id,
        upheld=False,
        reasons="另有一份罚款8,000元的处罚决定未计入",
        corrected_verification=replace(filing(1_000_000), fine_fen=1_800_000),
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.verification is not None and claim.verification.fine_fen == 1_800_000
    assert claim.shares[0].amount_fen == 180_000
    with svc.uow(write=False) as uow:
        details = uow.session.execute(
            select(t.events.c.details).where(
                t.events.c.case_id == case_id, t.events.c.action == "reward_objection_changed"
            )
        ).scalar_one()
    assert details["previous"]["fine_fen"] == 1_000_000
    assert details["previous"]["total_fen"] == 100_000


def test_rules_4_5_a_paid_share_cannot_be_changed_by_an_objection(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)
    (person,) = person_ids(world, case_id)
    world.clock.set("2025-11-03")
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID)
    rewards.approve_share(svc, world.admin, case_id, person)
    objected(world, case_id, ObjectionGround.AMOUNT, day="2025-11-03")
    with pytest.raises(TransitionError, match="复核完毕前不能发放"):
        rewards.pay_share(
            svc,
            world.clerk,
            case_id,
            person,
            paid_on=date(2025, 11, 3),
            method=PaymentMethod.CASH,
            voucher_number="JL-1",
        )
    rewards.review_objection(svc, world.admin, case_id, upheld=True, reasons="计算无误")
    rewards.pay_share(
        svc,
        world.clerk,
        case_id,
        person,
        paid_on=date(2025, 11, 3),
        method=PaymentMethod.CASH,
        voucher_number="JL-1",
    )
    # A new decision would be needed to object again, and a paid share is never changed.
    with pytest.raises(TransitionError, match="已发放的奖金不能因申诉变更"):
        objected(world, case_id, ObjectionGround.AMOUNT, day="2025-11-04")


def test_rules_3_fire_art_10_objection_to_a_waiver_counts_from_the_waiver(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)  # collect by 2025-11-28
    world.clock.set("2025-12-01")
    assert rewards.expire_overdue(svc) == [case_id]
    # Waived 2025-12-01 by the program: 30 natural days end on 2025-12-31.
    objected(world, case_id, ObjectionGround.WAIVER, day="2025-12-31")
    (row,) = rewards.objection_queue(svc)
    assert (row.case_id, row.ground, row.window_due) == (
        case_id,
        ObjectionGround.WAIVER,
        date(2025, 12, 31),
    )
    assert row.reporters == "张*三" and "视为放弃" in row.objected_to
    assert row.decided_by == world.supervisor.user_id
    world.clock.set("2026-01-05")
    rewards.review_objection(
        svc, world.admin, case_id, upheld=False, reasons="领奖通知因电话号码登记错误未送达本人"
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.AWARD_DECIDED
    # 2026 is a new cap year and the old share no longer counts: the same 5,000 yuan.
    assert claim.shares[0].amount_fen == 500_000
    # The program does not cancel it as undeliverable from the old closing date.
    assert rewards.expire_overdue(svc) == []
    assert rewards.cancellation_period_end(svc, case_id) == date(2026, 2, 4)


def test_rules_3_result_notice_needs_a_reviewed_objection(world: World) -> None:
    case_id = refused(world)
    objected(world, case_id, ObjectionGround.NOT_ELIGIBLE)
    with pytest.raises(TransitionError, match="尚无复核完毕的申诉"):
        rewards.reward_document(world.svc, world.clerk, case_id, DocType.OBJECTION_RESULT_NOTICE)
