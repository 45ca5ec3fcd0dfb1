"""The demo database: every state, valid people, reproducible from its seed, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.callbacks import CallbackOutcome
from app.domain.cases import EvaluationStage
from app.domain.errors import DomainError, ValidationError
from app.domain.people import DocumentType, normalise_phone, parse_resident_id
from app.domain.restrictions import RestrictionStatus
from app.domain.rewards import ClaimState, NoticeMethod, ShareState
from app.domain.users import Role
from app.domain.vocabulary import CaseState, Kind, Priority, Satisfaction
from app.persistence import tables as t
from app.persistence.migrate import upgrade
from app.persistence.types import SHANGHAI
from app.services import callbacks, restrictions, rewards, users
from app.services.context import Services
from app.services.demo import DEMO_PASSWORD, DEMO_USERS, DemoSummary, build_demo
from app.services.rewards import Stage

# A fixed "now" makes two builds comparable to the second; the history reaches back into 2024.
NOW = datetime(2026, 6, 15, 10, 30, tzinfo=SHANGHAI)
CASES = 60
# The smallest demo whose fire-hazard tip-offs fill every reward queue for any seed tried (the
# few real-name ones with evidence are the limit); `make run` builds 2,000.
REWARD_CASES = 800


@dataclass
class Demo:
    svc: Services
    summary: DemoSummary


def fixed_clock() -> datetime:
    return NOW


def open_demo(url: str, data_dir: Path, *, seed: int = 7, cases: int = CASES) -> Demo:
    svc = Services.open(url, data_dir, clock=fixed_clock)
    upgrade(svc.database)
    return Demo(svc, build_demo(svc, cases=cases, seed=seed))


@pytest.fixture
def demo(empty_db_url: str, tmp_path: Path) -> Iterator[Demo]:
    built = open_demo(empty_db_url, tmp_path / "data")
    try:
        yield built
    finally:
        built.svc.close()


def rows(svc: Services, query: Any) -> list[Any]:
    with svc.uow(write=False) as uow:
        return list(uow.session.execute(query).all())


def test_every_state_and_feature_appears(demo: Demo) -> None:
    c = t.cases.c
    states = {row[0] for row in rows(demo.svc, select(c.state).distinct())}
    assert states == set(CaseState)
    assert set(demo.summary.by_state) == set(CaseState)
    assert sum(demo.summary.by_state.values()) == CASES
    levels = rows(
        demo.svc,
        select(t.evaluations.c.level).where(t.evaluations.c.stage == "after_handling").distinct(),
    )
    assert {row[0] for row in levels} == set(Satisfaction)
    returns = rows(demo.svc, select(t.return_requests.c.status).distinct())
    assert {row[0].value for row in returns} == {"pending", "approved", "refused"}
    extensions = rows(demo.svc, select(t.extension_requests.c.status).distinct())
    assert {"pending", "approved"} <= {row[0].value for row in extensions}
    assert rows(demo.svc, select(func.count()).where(c.priority == Priority.URGENT))[0][0] > 0
    assert demo.summary.urgent > 0
    assert demo.summary.anonymous > 0
    assert demo.summary.joint > 0
    assert demo.summary.overdue > 0
    grounds = rows(demo.svc, select(c.refusal_ground).where(c.refusal_ground.is_not(None)))
    assert len({row[0] for row in grounds}) >= 2


def test_people_have_valid_id_numbers_and_phones(demo: Demo) -> None:
    people = rows(demo.svc, select(t.persons.c.doc_type, t.persons.c.doc_number, t.persons.c.phone))
    with_id = [number for doc_type, number, _ in people if doc_type is DocumentType.RESIDENT_ID]
    assert with_id, "the demo must contain people with resident ID numbers"
    for number in with_id:
        info = parse_resident_id(number, today=NOW.date())
        assert info.region_code[:4] == "4417"  # Yangjiang
        assert 1950 <= info.birth_date.year <= 2005
    for _, _, phone in people:
        assert phone is not None
        assert normalise_phone(phone) == phone


def test_numbers_are_unique_and_nothing_happens_in_the_future(demo: Demo) -> None:
    c = t.cases.c
    numbers = [row[0] for row in rows(demo.svc, select(c.number))]
    assert len(numbers) == len(set(numbers)) == CASES
    assert all(n.startswith("JCZ01-") for n in numbers)
    codes = [row[0] for row in rows(demo.svc, select(c.query_code))]
    assert len(set(codes)) == CASES
    first, last = rows(demo.svc, select(func.min(c.received_at), func.max(c.received_at)))[0]
    assert NOW - timedelta(days=731) <= first
    assert last <= NOW
    assert rows(demo.svc, select(func.max(t.events.c.at)))[0][0] <= NOW


def test_users_settings_and_clock(demo: Demo) -> None:
    svc = demo.svc
    assert svc.clock is fixed_clock  # restored after the simulated times
    for spec in DEMO_USERS:
        assert users.authenticate(svc, spec.username, DEMO_PASSWORD).role is spec.role
    with svc.uow(write=False) as uow:
        assert uow.setting("centre_code") == "JCZ01"
        assert uow.setting("centre_name") == "阳江市江城区某镇便民服务中心"
    assert demo.summary.units >= 12


def test_a_used_database_is_refused(demo: Demo) -> None:
    with pytest.raises(DomainError, match="空数据库"):
        build_demo(demo.svc, cases=5)


def test_case_count_must_be_positive(tmp_path: Path) -> None:
    svc = Services.open(f"sqlite:///{tmp_path}/x.db", tmp_path)
    try:
        with pytest.raises(ValidationError):
            build_demo(svc, cases=0)
    finally:
        svc.close()


def content_of(svc: Services) -> tuple[list[Any], list[Any]]:
    c, p = t.cases.c, t.persons.c
    cases = rows(
        svc,
        select(
            c.number,
            c.query_code,
            c.kind,
            c.priority,
            c.channel,
            c.state,
            c.content,
            c.place,
            c.occurred,
            c.reported_unit_name,
            c.reported_unit_address,
            c.hazard_category,
            c.received_at,
        ).order_by(c.number),
    )
    people = rows(svc, select(p.name, p.doc_number, p.phone, p.address).order_by(p.id))
    return cases, people


def claims_of(svc: Services) -> tuple[list[Any], list[Any], list[Any]]:
    c, s, p, e = t.reward_claims.c, t.reward_shares.c, t.persons.c, t.events.c
    claims = rows(
        svc,
        select(
            c.case_number,
            c.state,
            c.verification,
            c.ineligibility,
            c.computation,
            c.decided_by,
            c.decided_at,
            c.notified_at,
            c.notice_method,
            c.collect_by,
            c.objection_due,
            c.end_reason,
        ).order_by(c.case_number),
    )
    shares = rows(
        svc,
        select(
            c.case_number,
            p.doc_number,
            s.amount_fen,
            s.state,
            s.claimed_at,
            s.approved_by,
            s.paid_on,
            s.payment_method,
            s.voucher_number,
        )
        .join_from(t.reward_shares, t.reward_claims, s.claim_id == c.id)
        .join(t.persons, p.id == s.person_id)
        .order_by(c.case_number, s.position),
    )
    events = rows(
        svc,
        select(e.at, e.actor_id, e.action, e.summary)
        .where(e.action.startswith("reward_"))
        .order_by(e.at, e.id),
    )
    return claims, shares, events


def test_the_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    built = [
        open_demo(f"sqlite:///{tmp_path}/{name}.db", tmp_path / name, seed=seed)
        for name, seed in (("a", 11), ("b", 11), ("c", 12))
    ]
    try:
        first, again, other = (content_of(demo.svc) for demo in built)
        assert first == again
        assert first[0] != other[0]
        claims = claims_of(built[0].svc)
        assert claims[0], "even a small demo has reward claims"
        assert claims == claims_of(built[1].svc)
    finally:
        for demo in built:
            demo.svc.close()


# ----- reward claims (RULES §4): one demo large enough to fill the 奖励 page ----------------------


@pytest.fixture(scope="module")
def reward_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("rewards")
    built = open_demo(f"sqlite:///{folder}/demo.db", folder / "data", cases=REWARD_CASES)
    try:
        yield built
    finally:
        built.svc.close()


def test_every_reward_queue_has_a_claim_and_every_end_appears(reward_demo: Demo) -> None:
    svc = reward_demo.svc
    counts = rewards.stage_counts(svc)
    assert {stage for stage, count in counts.items() if count} == set(Stage), counts
    for stage in Stage:
        assert len(rewards.queue(svc, stage)) == counts[stage]
    ended = {row.state for row in rewards.queue(svc, Stage.ENDED)}
    assert {
        ClaimState.PAID,
        ClaimState.NOT_ELIGIBLE,  # told so: a refusal shows as ended once notified
        ClaimState.WAIVED_EXPIRED,
        ClaimState.CANCELLED_UNREACHABLE,
        ClaimState.FRAUDULENT,
    } <= ended
    c = t.reward_claims.c
    notices = {row[0] for row in rows(svc, select(c.notice_method).distinct())}
    assert NoticeMethod.QUERY_CODE in notices  # anonymous tip-offs are told by query code
    # A warning without a fine still earns the 100-yuan minimum (RULES §4.3).
    verified = rows(svc, select(c.verification, c.computation).where(c.computation.is_not(None)))
    assert any(v.penalty_imposed and v.fine_fen == 0 and a.total_fen == 10_000 for v, a in verified)
    assert any(v.fine_fen > 0 for v, _ in verified)


def test_claims_only_for_registered_fire_hazard_tip_offs(reward_demo: Demo) -> None:
    k, c = t.cases.c, t.reward_claims.c
    found = rows(
        reward_demo.svc,
        select(k.kind, k.hazard_category, k.state).join(t.reward_claims, c.case_id == k.id),
    )
    assert found
    for kind, hazard, state in found:
        assert kind is Kind.TIP_OFF and hazard is not None
        assert state not in (CaseState.NOT_ACCEPTED, CaseState.WITHDRAWN)


def test_no_payout_without_approval_by_another_supervisor(reward_demo: Demo) -> None:
    svc = reward_demo.svc
    c, s, u = t.reward_claims.c, t.reward_shares.c, t.users.c
    roles = dict(rows(svc, select(u.id, u.role)))
    paid = rows(
        svc,
        select(c.case_id, c.decided_by, s.person_id, s.approved_by, s.paid_on, s.approved_at)
        .join_from(t.reward_shares, t.reward_claims, s.claim_id == c.id)
        .where(s.state == ShareState.PAID),
    )
    assert paid
    for _, decided_by, _, approved_by, paid_on, approved_at in paid:
        assert roles[decided_by] is Role.SUPERVISOR
        assert approved_by is not None and approved_by != decided_by
        assert roles[approved_by] in (Role.SUPERVISOR, Role.ADMIN)
        assert approved_at.date() <= paid_on
    # The same from the claims' own records: every payout follows its approval by someone else.
    e = t.events.c
    for case_id, decided_by, person_id, *_ in paid:
        history = rows(
            svc,
            select(e.action, e.actor_id, e.details)
            .where(e.case_id == case_id, e.action.startswith("reward_"))
            .order_by(e.at, e.id),
        )
        steps = [
            (action, actor)
            for action, actor, details in history
            if action in ("reward_decided", "reward_approved", "reward_paid")
            and details.get("person_id", person_id) == person_id
        ]
        assert [action for action, _ in steps] == [
            "reward_decided",
            "reward_approved",
            "reward_paid",
        ]
        assert steps[0][1] == decided_by != steps[1][1]


def test_reward_dates_are_in_order_and_the_program_finds_nothing_to_expire(
    reward_demo: Demo,
) -> None:
    svc = reward_demo.svc
    c = t.reward_claims.c
    for verification, decided_at, notified_at in rows(
        svc, select(c.verification, c.decided_at, c.notified_at)
    ):
        if verification is None:
            continue
        assert verification.closing_date <= verification.filed_on <= NOW.date()
        if verification.decision_date is not None:
            assert verification.decision_date <= verification.closing_date
        if decided_at is not None:
            assert verification.filed_on <= decided_at.date()
        if notified_at is not None:
            assert decided_at is not None and decided_at <= notified_at <= NOW
    e = t.events.c
    assert rows(svc, select(func.max(e.at)).where(e.action.startswith("reward_")))[0][0] <= NOW
    # The program runs this on start: the demo was built as it would find it.
    assert rewards.expire_overdue(svc) == []


# ----- follow-up (RULES §1 Abuse, §2.2, §3): the 回访/申诉 page of the same demo -----------------


def test_the_callback_work_list_has_cases_left_and_attempts(reward_demo: Demo) -> None:
    svc = reward_demo.svc
    listed = callbacks.work_list(svc)
    assert len(listed) >= 3
    tried = [row for row in listed if row.attempts]
    assert tried and all(row.last_outcome is CallbackOutcome.UNREACHABLE for row in tried)
    a = t.callback_attempts.c
    reached = rows(svc, select(a.case_id).where(a.outcome == CallbackOutcome.REACHED))
    assert len(reached) >= 4  # three redos and at least one content citizen
    e = t.evaluations.c
    for (case_id,) in reached:
        tags = rows(
            svc,
            select(e.tags).where(e.case_id == case_id, e.stage == EvaluationStage.AFTER_HANDLING),
        )
        assert tags and tags[-1][0], "the evaluation after the call-back carries its tags"
    # yangjiang-2022 sets no call-back limit (YJ12345 art. 8): nothing on the list is overdue.
    assert not any(row.overdue for row in listed)


def test_a_redo_approved_refused_and_pending(reward_demo: Demo) -> None:
    svc = reward_demo.svc
    r, k, u = t.redo_requests.c, t.cases.c, t.users.c
    found = rows(
        svc,
        select(r.status, r.level, r.decided_by, r.new_due_date, k.state, k.unit_id)
        .join(t.cases, k.id == r.case_id)
        .order_by(r.id),
    )
    assert sorted(row.status.value for row in found) == ["approved", "pending", "refused"]
    supervisor = rows(svc, select(u.id).where(u.username == "zhang.supervisor"))[0][0]
    for row in found:
        assert row.level in (Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED)
        if row.status.value == "approved":
            assert row.decided_by == supervisor and row.unit_id is not None
            assert row.state is CaseState.DISPATCHED  # back at the unit
            assert row.new_due_date >= NOW.date()  # its new period still runs
        elif row.status.value == "refused":
            assert row.decided_by == supervisor and row.state is CaseState.EVALUATED
        else:
            assert row.decided_by is None and row.state is CaseState.EVALUATED


def test_an_objection_pending_and_one_upheld_by_another_reviewer(reward_demo: Demo) -> None:
    svc = reward_demo.svc
    queue = rewards.objection_queue(svc)
    assert queue
    for row in queue:
        assert row.received_at <= NOW and row.received_at.date() <= row.window_due
    o, c = t.reward_objections.c, t.reward_claims.c
    upheld = rows(
        svc,
        select(o.reviewed_by, o.decision_by, o.received_at, o.reviewed_at, c.notified_at)
        .join_from(t.reward_objections, t.reward_claims, o.claim_id == c.id)
        .where(o.state == "upheld"),
    )
    assert upheld
    for reviewed_by, decision_by, received_at, reviewed_at, notified_at in upheld:
        assert reviewed_by is not None and reviewed_by != decision_by
        assert notified_at < received_at < reviewed_at <= NOW


def test_a_restriction_in_force_and_one_lifted_early(reward_demo: Demo) -> None:
    svc = reward_demo.svc
    admin = users.authenticate(svc, "admin", DEMO_PASSWORD)
    listed = restrictions.list_restrictions(svc, admin, include_ended=True)
    statuses = sorted(row.status for row in listed)
    assert statuses == sorted([RestrictionStatus.ACTIVE, RestrictionStatus.LIFTED])
    for row in listed:
        assert row.decided_by == "张志强"
        assert row.decided_at <= NOW
        if row.lifted_at is not None:
            assert row.decided_at < row.lifted_at <= NOW and row.lift_reason
    e = t.events.c
    actions = {row[0] for row in rows(svc, select(e.action).where(e.at <= NOW).distinct())}
    assert {"restriction_added", "restriction_lifted", "callback_attempt"} <= actions
    assert rows(svc, select(func.max(e.at)))[0][0] <= NOW


def follow_up_of(svc: Services) -> list[list[Any]]:
    a, r, o, x = (
        t.callback_attempts.c,
        t.redo_requests.c,
        t.reward_objections.c,
        t.restrictions.c,
    )
    return [
        rows(svc, select(a.case_id, a.at, a.outcome, a.note).order_by(a.id)),
        rows(svc, select(r.case_id, r.status, r.requested_at, r.decided_at).order_by(r.id)),
        rows(svc, select(o.claim_id, o.state, o.received_at, o.reviewed_at).order_by(o.id)),
        rows(svc, select(x.phone, x.starts_on, x.lifted_at, x.case_id).order_by(x.id)),
    ]


def test_the_same_seed_gives_the_same_follow_up(
    reward_demo: Demo, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("again")
    again = open_demo(f"sqlite:///{folder}/demo.db", folder / "data", cases=REWARD_CASES)
    try:
        first = follow_up_of(reward_demo.svc)
        assert all(first)
        assert follow_up_of(again.svc) == first
    finally:
        again.svc.close()
