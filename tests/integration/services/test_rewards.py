"""Reward claims through the services, stored and read back, on SQLite and PostgreSQL (RULES §4)."""

from __future__ import annotations

import io
import threading
from datetime import date, datetime, time

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.documents.payloads import DocType
from app.domain.deadlines import DeadlineKind
from app.domain.errors import DomainError, PermissionDenied, TransitionError, ValidationError
from app.domain.rewards import (
    ClaimState,
    ExclusionCategory,
    NoticeMethod,
    PaymentMethod,
    ShareState,
    Verification,
)
from app.domain.vocabulary import HazardCategory, Kind, RefusalGround
from app.persistence import tables as t
from app.persistence.types import SHANGHAI
from app.services import duplicates, exclusions, rewards
from app.services.context import Services
from app.services.registration import (
    PersonInput,
    RefuseAtIntake,
    RegistrationForm,
    register,
)
from tests.conftest import World, valid_resident_id

ZHANG_ID = valid_resident_id("44170219900101123")
LI_ID = valid_resident_id("44170219850505456")
FATHER_ID = valid_resident_id("44170219600303789")


def tip_off(
    world: World,
    *,
    reporters: tuple[tuple[str, str], ...] = (("张小三", ZHANG_ID),),
    unit: str = "兴旺五金店",
    evidence: str = "现场照片3张",
    kind: Kind = Kind.TIP_OFF,
    hazard: HazardCategory | None = HazardCategory.FIRE_ACCESS_BLOCKED,
) -> int:
    return register(
        world.svc,
        world.clerk,
        RegistrationForm(
            kind=kind,
            content="消防车通道被货物堵塞",
            occurred="2025-09-25",
            place="江城区东风路12号",
            reported_unit_name=unit,
            reported_unit_address="江城区东风路12号",
            hazard_category=hazard,
            evidence=evidence,
            submitters=[
                PersonInput(name=name, doc_number=number, phone="13812345678")
                for name, number in reporters
            ],
        ),
    ).case_id


def filing(
    fine_fen: int, *, closing: str = "2025-10-20", filed: str = "2025-10-24"
) -> Verification:
    return Verification(
        verified=True,
        penalty_imposed=True,
        decision_number="阳江消行罚决字〔2025〕0101号",
        decision_date=date.fromisoformat(closing),
        fine_fen=fine_fen,
        brigade="江城区消防救援大队",
        closing_date=date.fromisoformat(closing),
        filed_on=date.fromisoformat(filed),
    )


def decided(
    world: World,
    fine_fen: int = 5_000_000,
    *,
    unit: str = "兴旺五金店",
    reporters: tuple[tuple[str, str], ...] = (("张小三", ZHANG_ID),),
) -> int:
    """A tip-off registered, verified and decided by the supervisor on 2025-10-28."""
    case_id = tip_off(world, unit=unit, reporters=reporters)
    rewards.open_claim(world.svc, world.clerk, case_id)
    world.clock.set("2025-10-27")
    rewards.record_verification(world.svc, world.clerk, case_id, filing(fine_fen))
    world.clock.set("2025-10-28")
    rewards.decide(
        world.svc,
        world.supervisor,
        case_id,
        clue_already_known=False,
        already_under_investigation=False,
    )
    return case_id


def notified(world: World, case_id: int, day: str = "2025-10-29") -> None:
    world.clock.set(day, 11)
    rewards.notify(
        world.svc,
        world.clerk,
        case_id,
        NoticeMethod.PHONE,
        datetime.combine(date.fromisoformat(day), time(10), SHANGHAI),
    )


def person_ids(world: World, case_id: int) -> list[int]:
    return [s.person_id for s in rewards.get_claim(world.svc, case_id).shares]


def actions(world: World, case_id: int) -> list[str]:
    with world.svc.uow(write=False) as uow:
        return list(
            uow.session.scalars(
                select(t.events.c.action)
                .where(t.events.c.case_id == case_id, t.events.c.action.like("reward_%"))
                .order_by(t.events.c.id)
            )
        )


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_fire_art_9_10_whole_path_from_registration_to_payout(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.AWARD_DECIDED
    # FIRE art. 5: 10 % of a 50,000-yuan fine.
    assert claim.computation is not None and claim.computation.total_fen == 500_000
    assert [s.amount_fen for s in claim.shares] == [500_000]
    filing_clock = claim.deadlines[DeadlineKind.REWARD_FILING]
    assert filing_clock.was_met_in_time() is True  # FIRE art. 9: filed within 15 working days
    assert DeadlineKind.REWARD_FEEDBACK in claim.deadlines
    assert rewards.queue(svc, rewards.Stage.TO_NOTIFY)[0].case_id == case_id

    notified(world, case_id)
    claim = rewards.get_claim(svc, case_id)
    # FIRE art. 10: 30 natural days from the notice (2025-11-28 is a Friday).
    assert claim.collect_by is not None and claim.collect_by.day == date(2025, 11, 28)
    assert [r.case_id for r in rewards.queue(svc, rewards.Stage.NOTIFIED)] == [case_id]

    (person,) = person_ids(world, case_id)
    world.clock.set("2025-11-03")
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID.lower())
    assert [r.case_id for r in rewards.queue(svc, rewards.Stage.TO_APPROVE)] == [case_id]
    rewards.approve_share(svc, world.admin, case_id, person)
    assert [r.case_id for r in rewards.queue(svc, rewards.Stage.TO_PAY)] == [case_id]
    rewards.pay_share(
        svc,
        world.clerk,
        case_id,
        person,
        paid_on=date(2025, 11, 3),
        method=PaymentMethod.BANK_TRANSFER,
        voucher_number="JL-2025-0007",
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.PAID
    share = claim.shares[0]
    assert (share.state, share.paid_on, share.voucher_number) == (
        ShareState.PAID,
        date(2025, 11, 3),
        "JL-2025-0007",
    )
    assert (share.identity_checked_by, share.approved_by, share.paid_by) == (
        world.clerk.user_id,
        world.admin.user_id,
        world.clerk.user_id,
    )
    assert actions(world, case_id) == [
        "reward_open",
        "reward_verification",
        "reward_decided",
        "reward_notified",
        "reward_claimed",
        "reward_approved",
        "reward_paid",
    ]

    notice = rewards.reward_document(svc, world.clerk, case_id, DocType.AWARD_NOTICE)
    text = pdf_text(notice.pdf)
    assert "5,000.00" in text or "5000.00" in text
    assert "伍仟元整" in text  # 大写
    receipt = rewards.reward_document(svc, world.clerk, case_id, DocType.PAYOUT_RECEIPT)
    assert "4417" in pdf_text(receipt.pdf) and ZHANG_ID not in pdf_text(receipt.pdf)

    rows = rewards.disclosure_rows(svc, 2025)
    assert [(r.masked_name, r.award_fen) for r in rows] == [("张*三", 500_000)]
    assert "张*三" in pdf_text(rewards.disclosure_document(svc, world.clerk, 2025).pdf)


def test_fire_art_4_only_fire_hazard_tip_offs_open_a_claim(world: World) -> None:
    complaint = tip_off(world, kind=Kind.COMPLAINT, hazard=None)
    with pytest.raises(ValidationError, match="十类火灾隐患"):
        rewards.open_claim(world.svc, world.clerk, complaint)
    case_id = tip_off(world)
    rewards.open_claim(world.svc, world.clerk, case_id)
    with pytest.raises(TransitionError, match="不能重复登记"):
        rewards.open_claim(world.svc, world.clerk, case_id)


def test_fire_art_5_6_8_not_eligible_lists_every_reason_with_its_article(world: World) -> None:
    svc = world.svc
    first = tip_off(world, unit="兴旺五金店")
    world.clock.set("2025-09-29")
    case_id = tip_off(world, unit="兴旺五金店", evidence="")
    duplicates.link_duplicate(svc, world.clerk, case_id, first)
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2025-10-27")
    rewards.record_verification(
        svc,
        world.clerk,
        case_id,
        Verification(
            verified=False,
            penalty_imposed=False,
            decision_number="",
            decision_date=None,
            fine_fen=0,
            brigade="江城区消防救援大队",
            closing_date=date(2025, 10, 20),
            filed_on=date(2025, 10, 24),
        ),
    )
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=True, already_under_investigation=True
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.NOT_ELIGIBLE
    assert [r.article for r in claim.ineligibility] == [
        "FIRE art. 5",  # not verified
        "FIRE art. 5",  # no penalty
        "FIRE art. 8",  # evidence missing
        "FIRE art. 8",  # already known
        "FIRE art. 8",  # under investigation
        "FIRE art. 6",  # not the first report
    ]
    notified(world, case_id)
    document = rewards.reward_document(svc, world.clerk, case_id, DocType.NON_AWARD_NOTICE)
    text = pdf_text(document.pdf)
    assert "不属实" in text and "首次举报" in text
    with pytest.raises(TransitionError):
        rewards.reward_document(svc, world.clerk, case_id, DocType.AWARD_NOTICE)
    assert actions(world, case_id)[-2:] == ["reward_not_eligible", "reward_refusal_notified"]


def test_fire_art_6_13_exclusion_match_through_a_relative_blocks_and_flags(world: World) -> None:
    svc = world.svc
    exclusions.add_entry(svc, world.admin, FATHER_ID, "张大山", ExclusionCategory.FIREFIGHTER)
    case_id = tip_off(world)
    rewards.open_claim(svc, world.clerk, case_id)
    (person,) = person_ids(world, case_id)
    exclusions.declare_relative(svc, world.clerk, person, "父母", FATHER_ID)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(5_000_000))
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=False, already_under_investigation=False
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.NOT_ELIGIBLE and claim.review_flag
    assert [r.article for r in claim.ineligibility] == ["FIRE art. 6(3)"]
    assert "父母" in claim.ineligibility[0].reason


def test_fire_art_5_cap_of_30000_yuan_across_two_cases_in_one_year(world: World) -> None:
    svc = world.svc
    # 10 % of 250,000 yuan = 25,000 yuan; then 10 % of 100,000 yuan = 10,000, cut to 5,000.
    first = decided(world, 25_000_000)
    world.clock.set("2025-10-28")
    second = decided(world, 10_000_000, unit="金沙湾酒店")
    assert rewards.get_claim(svc, first).shares[0].amount_fen == 2_500_000
    share = rewards.get_claim(svc, second).shares[0]
    assert (share.amount_fen, share.capped) == (500_000, True)


def test_fire_art_6_joint_report_split_equally_remainder_to_the_first_named(
    world: World,
) -> None:
    case_id = decided(world, 1_000_010, reporters=(("张小三", ZHANG_ID), ("李四", LI_ID)))
    # 10 % of 10,000.10 yuan = 100,001 fen: 50,001 to the first-named, 50,000 to the second.
    assert [s.amount_fen for s in rewards.get_claim(world.svc, case_id).shares] == [
        50_001,
        50_000,
    ]


def test_fire_art_10_maker_checker_the_decider_cannot_approve(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)
    (person,) = person_ids(world, case_id)
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID)
    with pytest.raises(PermissionDenied):
        rewards.approve_share(svc, world.clerk, case_id, person)  # a clerk never approves
    with pytest.raises(PermissionDenied, match="另一名负责人"):
        rewards.approve_share(svc, world.supervisor, case_id, person)
    assert rewards.get_claim(svc, case_id).shares[0].state is ShareState.CLAIMED


def test_fire_art_10_identity_must_match_at_the_counter(world: World) -> None:
    case_id = decided(world)
    notified(world, case_id)
    (person,) = person_ids(world, case_id)
    with pytest.raises(ValidationError, match="不一致"):
        rewards.claim_share(world.svc, world.clerk, case_id, person, LI_ID)


def test_fire_art_10_not_collected_in_30_days_waived_automatically(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)
    world.clock.set("2025-11-28", 17)
    assert rewards.expire_overdue(svc) == []  # the last day itself is still in time
    assert [r.case_id for r in rewards.queue(svc, rewards.Stage.DUE_TO_EXPIRE)] == [case_id]
    world.clock.set("2025-11-29")
    assert rewards.expire_overdue(svc) == [case_id]
    assert rewards.get_claim(svc, case_id).state is ClaimState.WAIVED_EXPIRED
    with world.svc.uow(write=False) as uow:
        event = uow.session.execute(
            select(t.events.c.actor_id, t.events.c.article).where(
                t.events.c.action == "reward_waived"
            )
        ).one()
    assert tuple(event) == (None, "FIRE art. 10")
    assert rewards.expire_overdue(svc) == []  # applied once


def test_fire_art_10_unreachable_cancelled_30_days_after_closing(world: World) -> None:
    svc = world.svc
    case_id = decided(world)  # closed 2025-10-20: cancellation after 2025-11-19
    world.clock.set("2025-11-19")
    assert rewards.expire_overdue(svc, world.clerk) == []
    world.clock.set("2025-11-20")
    assert rewards.expire_overdue(svc, world.clerk) == [case_id]
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.CANCELLED_UNREACHABLE
    assert [s.state for s in claim.shares] == [ShareState.VOID]
    assert actions(world, case_id)[-1] == "reward_cancelled"


def test_fire_art_12_fraudulent_claim_is_never_paid_and_kept(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)
    (person,) = person_ids(world, case_id)
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID)
    rewards.approve_share(svc, world.admin, case_id, person)
    with pytest.raises(PermissionDenied):
        rewards.mark_fraudulent(svc, world.clerk, case_id, "证据照片系伪造")
    rewards.mark_fraudulent(svc, world.supervisor, case_id, "证据照片系伪造")
    with pytest.raises(TransitionError, match="弄虚作假"):
        rewards.pay_share(
            svc,
            world.clerk,
            case_id,
            person,
            paid_on=date(2025, 11, 3),
            method=PaymentMethod.CASH,
            voucher_number="X1",
        )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.FRAUDULENT and claim.end_reason == "证据照片系伪造"
    assert rewards.disclosure_rows(svc, 2025) == []


def test_rules_4_5_two_counters_paying_one_share_pay_it_once(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)
    (person,) = person_ids(world, case_id)
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID)
    rewards.approve_share(svc, world.admin, case_id, person)

    # Each counter has its own engine, as two PCs would, on the same file or server.
    counters = [Services.open(svc.database.url, svc.data_dir, clock=world.clock) for _ in range(2)]
    start = threading.Barrier(2)
    paid: list[str] = []
    errors: list[BaseException] = []

    def pay(counter: Services, voucher: str) -> None:
        start.wait()
        try:
            rewards.pay_share(
                counter,
                world.clerk,
                case_id,
                person,
                paid_on=date(2025, 11, 3),
                method=PaymentMethod.CASH,
                voucher_number=voucher,
            )
            paid.append(voucher)
        except BaseException as exc:  # reported by the assertions below
            errors.append(exc)

    threads = [
        threading.Thread(target=pay, args=(counter, f"V{i}")) for i, counter in enumerate(counters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for counter in counters:
        counter.close()

    assert len(paid) == 1 and len(errors) == 1
    assert isinstance(errors[0], DomainError) and "不能重复发放" in str(errors[0])
    claim = rewards.get_claim(svc, case_id)
    assert claim.shares[0].voucher_number == paid[0]
    with svc.uow(write=False) as uow:
        count = uow.session.execute(
            select(func.count()).where(t.events.c.action == "reward_paid")
        ).scalar_one()
    assert count == 1


def test_fire_art_9_queues_follow_the_claim_and_show_the_feedback_clock(world: World) -> None:
    svc = world.svc
    case_id = tip_off(world)
    rewards.open_claim(svc, world.clerk, case_id)
    stage = rewards.Stage
    assert [r.case_id for r in rewards.queue(svc, stage.AWAITING_VERIFICATION)] == [case_id]
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(5_000_000))
    (row,) = rewards.queue(svc, stage.TO_DECIDE)
    # FIRE art. 9: 15 working days from the filing on Fri 2025-10-24.
    assert (row.case_id, row.feedback_due, row.feedback_overdue) == (
        case_id,
        date(2025, 11, 14),
        False,
    )
    world.clock.set("2025-11-17")
    assert rewards.queue(svc, stage.TO_DECIDE)[0].feedback_overdue
    assert rewards.queue(svc, stage.AWAITING_VERIFICATION) == []


def test_fire_art_7_anonymous_tip_off_is_told_the_outcome_by_query_code_and_paid_nothing(
    world: World,
) -> None:
    svc = world.svc
    case_id = tip_off(world, reporters=())
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(5_000_000))
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=False, already_under_investigation=False
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.NOT_ELIGIBLE and claim.shares == []
    assert [r.article for r in claim.ineligibility] == ["FIRE art. 7"]
    world.clock.set("2025-10-28")
    rewards.notify(svc, world.clerk, case_id, NoticeMethod.QUERY_CODE, world.clock.now)
    text = pdf_text(
        rewards.reward_document(svc, world.clerk, case_id, DocType.NON_AWARD_NOTICE).pdf
    )
    assert "查询码" in text


def test_fire_art_6_a_spouse_on_the_register_is_not_a_direct_relative(world: World) -> None:
    svc = world.svc
    exclusions.add_entry(svc, world.admin, FATHER_ID, "王芳", ExclusionCategory.FIRE_CLERK)
    case_id = tip_off(world)
    rewards.open_claim(svc, world.clerk, case_id)
    (person,) = person_ids(world, case_id)
    exclusions.declare_relative(svc, world.clerk, person, "配偶", FATHER_ID)
    with pytest.raises(ValidationError, match="已登记"):
        exclusions.declare_relative(svc, world.clerk, person, "配偶", FATHER_ID)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(5_000_000))
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=False, already_under_investigation=False
    )
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.AWARD_DECIDED and not claim.review_flag


def test_reward_documents_are_numbered_per_type_and_year(world: World) -> None:
    case_id = decided(world)
    notified(world, case_id)
    first = rewards.reward_document(world.svc, world.clerk, case_id, DocType.AWARD_NOTICE)
    second = rewards.reward_document(world.svc, world.clerk, case_id, DocType.AWARD_NOTICE)
    assert "〔2025〕1号" in first.number_text and "〔2025〕2号" in second.number_text
    with pytest.raises(TransitionError):
        rewards.reward_document(world.svc, world.clerk, case_id, DocType.PAYOUT_RECEIPT)


def test_fire_art_9_10_late_filing_auto_cancel_waits_for_the_feedback_period(
    world: World,
) -> None:
    svc = world.svc
    case_id = tip_off(world)
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2025-11-10")
    # Closed 2025-10-20, filed late on 2025-11-10: feedback due 2025-12-01 (15 working days).
    rewards.record_verification(svc, world.clerk, case_id, filing(5_000_000, filed="2025-11-10"))
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=False, already_under_investigation=False
    )
    world.clock.set("2025-11-20")
    assert rewards.expire_overdue(svc) == []
    # A clerk who did try and failed cancels at once (FIRE art. 10), with the reason.
    with pytest.raises(ValidationError):
        rewards.cancel_unreachable(svc, world.clerk, case_id, " ")
    rewards.cancel_unreachable(svc, world.clerk, case_id, "登记电话为空号，三次邮寄均退回")
    claim = rewards.get_claim(svc, case_id)
    assert claim.state is ClaimState.CANCELLED_UNREACHABLE
    assert claim.end_reason == "登记电话为空号，三次邮寄均退回"


# ===== Reprint (补打) of the reward documents, and the yearly disclosure (FIRE art. 3, 8, 10) =====
# One block, appended: the reward documents go through printing's 补打 like the case documents.

from app.domain.errors import NotFound  # noqa: E402  (kept with the block it serves)
from app.services import printing  # noqa: E402

WANG_ID = valid_resident_id("44170219750707111")
ZHAO_ID = valid_resident_id("44170219880808222")
QIAN_ID = valid_resident_id("44170219700909333")
SUN_ID = valid_resident_id("44170219951010444")
ZHOU_ID = valid_resident_id("44170219660606555")
WU_ID = valid_resident_id("44170219770303666")


def reprinted_the_same(original: bytes, reprint: bytes) -> bool:
    """The reprint is the original text word for word, plus the 补打 mark."""

    def words(pdf: bytes) -> str:
        return "".join(pdf_text(pdf).replace("补打", "").split())

    return (
        "补打" in pdf_text(reprint)
        and "补打" not in pdf_text(original)
        and words(original) == words(reprint)
    )


def test_fire_art_10_award_notice_and_payout_receipt_are_reprinted_unchanged(
    world: World,
) -> None:
    svc = world.svc
    case_id = decided(world)
    notified(world, case_id)
    notice = rewards.reward_document(svc, world.clerk, case_id, DocType.AWARD_NOTICE)
    (person,) = person_ids(world, case_id)
    world.clock.set("2025-11-03")
    rewards.claim_share(svc, world.clerk, case_id, person, ZHANG_ID)
    rewards.approve_share(svc, world.admin, case_id, person)
    rewards.pay_share(
        svc,
        world.clerk,
        case_id,
        person,
        paid_on=date(2025, 11, 3),
        method=PaymentMethod.CASH,
        voucher_number="JL-2025-0011",
    )
    receipt = rewards.reward_document(svc, world.clerk, case_id, DocType.PAYOUT_RECEIPT)

    # Reprinted after the claim moved on (paid): the notice as it was issued, same number.
    world.clock.set("2025-12-01")
    again = printing.issue(svc, world.clerk, DocType.AWARD_NOTICE, case_id, reprint=True)
    assert again.number_text == notice.number_text == "奖〔2025〕1号"
    assert reprinted_the_same(notice.pdf, again.pdf)
    assert "2025年11月28日" in pdf_text(again.pdf)  # the collection day of the notice
    receipt_again = printing.issue(svc, world.clerk, DocType.PAYOUT_RECEIPT, case_id, reprint=True)
    assert receipt_again.number_text == receipt.number_text
    assert reprinted_the_same(receipt.pdf, receipt_again.pdf)
    assert ZHANG_ID not in pdf_text(receipt_again.pdf)  # RULES §5: the ID stays masked

    assert printing.printed_count(svc, case_id, DocType.AWARD_NOTICE) == (1, 1)
    assert printing.printed_count(svc, case_id, DocType.PAYOUT_RECEIPT) == (1, 1)
    with svc.uow(write=False) as uow:
        reprints = uow.session.execute(
            select(t.events.c.summary, t.events.c.article)
            .where(t.events.c.case_id == case_id, t.events.c.action == printing.REPRINT_EVENT)
            .order_by(t.events.c.id)
        ).all()
    assert [tuple(r) for r in reprints] == [
        (f"补打领奖通知书 {notice.number_text}", "FIRE art. 10"),
        (f"补打奖励领取签收单 {receipt.number_text}", "FIRE art. 10"),
    ]
    # A reprint takes no new number: the next notice issued is the 2nd of the year.
    assert rewards.reward_document(svc, world.clerk, case_id, DocType.AWARD_NOTICE).number_text == (
        "奖〔2025〕2号"
    )


def test_fire_art_8_non_award_notice_is_reprinted_unchanged(world: World) -> None:
    svc = world.svc
    case_id = tip_off(world)
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(5_000_000))
    rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=True, already_under_investigation=False
    )
    with pytest.raises(NotFound, match="尚未出具过"):
        printing.issue(svc, world.clerk, DocType.NON_AWARD_NOTICE, case_id, reprint=True)
    notified(world, case_id)
    original = rewards.reward_document(svc, world.clerk, case_id, DocType.NON_AWARD_NOTICE)
    again = printing.issue(svc, world.clerk, DocType.NON_AWARD_NOTICE, case_id, reprint=True)
    assert again.number_text == original.number_text
    assert reprinted_the_same(original.pdf, again.pdf)
    assert printing.printed_count(svc, case_id, DocType.NON_AWARD_NOTICE) == (1, 1)
    # Reward documents are not offered among the case's own documents: rewards issues them.
    assert DocType.NON_AWARD_NOTICE not in printing.available_documents(svc, case_id)


def test_fire_art_3_yearly_disclosure_lists_rewards_of_the_year_names_masked(
    world: World,
) -> None:
    svc = world.svc
    # All decided on 2025-10-28 (see ``decided``).
    paid = decided(world)  # 张小三, 5,000 yuan, paid below
    joint = decided(
        world, 1_000_010, unit="金沙湾酒店", reporters=(("李小四", LI_ID), ("王五六", WANG_ID))
    )
    waived = decided(world, unit="海景酒楼", reporters=(("赵大七", ZHAO_ID),))
    cancelled = decided(world, unit="利民超市", reporters=(("钱老八", QIAN_ID),))
    fraudulent = decided(world, unit="百佳商场", reporters=(("孙小九", SUN_ID),))
    capped = decided(world, 30_000_000, unit="南华宾馆", reporters=(("周十一", ZHOU_ID),))
    nothing = decided(world, 5_000_000, unit="新城网吧", reporters=(("周十一", ZHOU_ID),))
    refused = tip_off(world, unit="东方KTV", reporters=(("吴十二", WU_ID),))
    rewards.open_claim(svc, world.clerk, refused)
    rewards.record_verification(svc, world.clerk, refused, filing(5_000_000))
    rewards.decide(
        svc, world.supervisor, refused, clue_already_known=True, already_under_investigation=False
    )
    assert rewards.get_claim(svc, capped).shares[0].amount_fen == 3_000_000  # at the cap
    assert rewards.get_claim(svc, nothing).shares[0].amount_fen == 0  # FIRE art. 5: cut to 0

    for case_id in (paid, joint, waived, capped, nothing):
        notified(world, case_id)
    assert rewards.get_claim(svc, nothing).state is ClaimState.NOTHING_DUE
    world.clock.set("2025-11-03")
    for case_id, number in ((paid, ZHANG_ID), (joint, LI_ID), (joint, WANG_ID)):
        person = next(
            s.person_id for s in rewards.get_claim(svc, case_id).shares if s.id_number == number
        )
        rewards.claim_share(svc, world.clerk, case_id, person, number)
    (zhou,) = person_ids(world, capped)
    rewards.claim_share(svc, world.clerk, capped, zhou, ZHOU_ID)
    (zhang,) = person_ids(world, paid)
    rewards.approve_share(svc, world.admin, paid, zhang)
    rewards.pay_share(
        svc,
        world.clerk,
        paid,
        zhang,
        paid_on=date(2025, 11, 3),
        method=PaymentMethod.CASH,
        voucher_number="JL-2025-0021",
    )
    rewards.mark_fraudulent(svc, world.supervisor, fraudulent, "举报材料系伪造")
    world.clock.set("2025-11-29")
    assert sorted(rewards.expire_overdue(svc, world.clerk)) == sorted([waived, cancelled])
    assert rewards.get_claim(svc, waived).state is ClaimState.WAIVED_EXPIRED
    assert rewards.get_claim(svc, cancelled).state is ClaimState.CANCELLED_UNREACHABLE

    # An award decided in 2026 belongs to the 2026 list only.
    world.clock.set("2026-01-05")
    next_year = tip_off(world, unit="海滨酒店", reporters=(("张小三", ZHANG_ID),))
    rewards.open_claim(svc, world.clerk, next_year)
    world.clock.set("2026-01-06")
    rewards.record_verification(
        svc, world.clerk, next_year, filing(2_000_000, closing="2025-12-29", filed="2026-01-05")
    )
    rewards.decide(
        svc,
        world.supervisor,
        next_year,
        clue_already_known=False,
        already_under_investigation=False,
    )

    rows = rewards.disclosure_rows(svc, 2025)
    listed = sorted((r.masked_name, r.award_fen) for r in rows)
    assert listed == sorted(
        [
            ("张*三", 500_000),  # paid
            ("李*四", 50_001),  # joint, claimed: remainder fen to the first-named
            ("王*六", 50_000),
            ("周*一", 3_000_000),  # claimed, at the cap; his second award (0) is left out
        ]
    )
    assert all(type(r.award_fen) is int for r in rows)
    assert {r.decided_on for r in rows} == {date(2025, 10, 28)}
    with svc.uow(write=False) as uow:
        numbers = {case_id: uow.get_case(case_id).number for case_id in (paid, joint, capped)}
    assert {r.case_number for r in rows} == set(numbers.values())
    assert [(r.masked_name, r.award_fen) for r in rewards.disclosure_rows(svc, 2026)] == [
        ("张*三", 200_000)
    ]

    text = pdf_text(rewards.disclosure_document(svc, world.clerk, 2025).pdf)
    for masked in ("张*三", "李*四", "王*六", "周*一"):
        assert masked in text
    assert "5,000.00" in text and "30,000.00" in text and "500.01" in text
    for secret in (
        "张小三",
        "李小四",
        "王五六",
        "周十一",
        ZHANG_ID,
        LI_ID,
        WANG_ID,
        ZHOU_ID,
        *(n[-4:] for n in (ZHANG_ID, LI_ID, WANG_ID, ZHOU_ID)),
    ):
        assert secret not in text
    for left_out in ("赵*七", "钱*八", "孙*九", "吴*二", "赵大七", "钱老八", "孙小九", "吴十二"):
        assert left_out not in text


# ----- previews, queues and the entry from the case (the 奖励 screens' services) ----------------


def test_fire_art_5_8_the_preview_is_the_decision_that_is_then_stored(world: World) -> None:
    svc = world.svc
    case_id = tip_off(world)
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(5_000_000))
    world.clock.set("2025-10-28")
    refusing = rewards.preview_decision(
        svc, world.supervisor, case_id, clue_already_known=True, already_under_investigation=False
    )
    assert refusing.computation is None
    assert [r.article for r in refusing.eligibility.reasons] == ["FIRE art. 8"]
    awarding = rewards.preview_decision(
        svc, world.supervisor, case_id, clue_already_known=False, already_under_investigation=False
    )
    assert awarding.computation is not None and awarding.computation.total_fen == 500_000
    # Nothing is stored by a preview, and a clerk may not even preview (the decision is a
    # supervisor's, FIRE art. 5-8).
    assert rewards.get_claim(svc, case_id).state is ClaimState.VERIFICATION_RECORDED
    with pytest.raises(PermissionDenied):
        rewards.preview_decision(
            svc, world.clerk, case_id, clue_already_known=False, already_under_investigation=False
        )
    stored = rewards.decide(
        svc, world.supervisor, case_id, clue_already_known=False, already_under_investigation=False
    )
    assert stored.computation == awarding.computation


def test_fire_art_9_a_refused_or_withdrawn_tip_off_cannot_open_a_claim(world: World) -> None:
    svc = world.svc
    case_id = register(
        svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="消防车通道被货物堵塞",
            occurred="2025-09-25",
            reported_unit_name="兴旺五金店",
            reported_unit_address="江城区东风路12号",
            hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
            submitters=[PersonInput(name="张小三", doc_number=ZHANG_ID, phone="13812345678")],
        ),
        intake=RefuseAtIntake(RefusalGround.OUTSIDE_JURISDICTION, "不在本市管辖范围"),
    ).case_id
    with pytest.raises(TransitionError, match="不予受理") as refused:
        rewards.open_claim(svc, world.clerk, case_id)
    assert refused.value.article == "FIRE art. 9"
    with svc.uow(write=False) as uow:
        assert uow.session.execute(select(func.count()).select_from(t.reward_claims)).scalar() == 0


def test_rules_4_5_queue_rows_carry_unit_masked_reporters_and_fine(world: World) -> None:
    svc = world.svc
    case_id = tip_off(world, reporters=(("张小三", ZHANG_ID), ("李四", LI_ID)))
    rewards.open_claim(svc, world.clerk, case_id)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, case_id, filing(850_000))
    (row,) = rewards.queue(svc, rewards.Stage.TO_DECIDE)
    assert (row.case_id, row.reported_unit, row.fine_fen) == (case_id, "兴旺五金店", 850_000)
    assert row.reporters == "张*三、李*"  # RULES §5: masked, in signing order
    assert "张小三" not in repr(row)
    counts = rewards.stage_counts(svc)
    assert counts == {stage: len(rewards.queue(svc, stage)) for stage in rewards.Stage}


def test_rules_4_5_ended_claims_stay_listed_with_the_objection_window_of_a_refusal(
    world: World,
) -> None:
    svc = world.svc
    refused = tip_off(world, unit="海滨KTV")
    rewards.open_claim(svc, world.clerk, refused)
    world.clock.set("2025-10-27")
    rewards.record_verification(svc, world.clerk, refused, filing(100_000))
    world.clock.set("2025-10-28")
    rewards.decide(
        svc, world.supervisor, refused, clue_already_known=True, already_under_investigation=False
    )
    assert refused in [r.case_id for r in rewards.queue(svc, rewards.Stage.TO_NOTIFY)]
    assert refused not in [r.case_id for r in rewards.queue(svc, rewards.Stage.ENDED)]
    notified(world, refused)
    (row,) = rewards.queue(svc, rewards.Stage.ENDED)
    # RULES §3: 30 natural days from the notice of 2025-10-29.
    assert (row.case_id, row.state, row.objection_due) == (
        refused,
        ClaimState.NOT_ELIGIBLE,
        date(2025, 11, 28),
    )
    fraud = decided(world, unit="金辉百货")
    rewards.mark_fraudulent(svc, world.supervisor, fraud, "举报内容系捏造")
    ended = rewards.queue(svc, rewards.Stage.ENDED)
    assert [r.case_id for r in ended] == [fraud, refused]  # newest first
    assert rewards.stage_counts(svc)[rewards.Stage.ENDED] == 2
    world.clock.set("2025-12-01")
    assert rewards.queue(svc, rewards.Stage.ENDED)[1].objection_due is None  # window passed


def test_fire_art_10_cancellation_period_end_is_shown_only_while_cancellable(world: World) -> None:
    svc = world.svc
    case_id = decided(world)
    # Closed 2025-10-20: 30 natural days end on 2025-11-19 (a Wednesday).
    assert rewards.cancellation_period_end(svc, case_id) == date(2025, 11, 19)
    notified(world, case_id)
    assert rewards.cancellation_period_end(svc, case_id) is None
