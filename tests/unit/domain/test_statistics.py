"""Counting a period's statistics (RULES §6) over a hand-built month of twelve cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from app.domain import statistics as st
from app.domain.reporting import parse_period
from app.domain.statistics import CaseFacts, Completion, Evaluated, HandlingRound, Returned
from app.domain.vocabulary import Channel, HazardCategory, Kind, RefusalGround, Satisfaction
from app.persistence.types import SHANGHAI

MARCH = parse_period("2026-03")
LATER = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)  # the report is made long after March
UNIT_1, UNIT_2 = 1, 2


def at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), SHANGHAI).replace(
        hour=hour, minute=minute
    )


def d(day: str) -> date:
    return date.fromisoformat(day)


def done(due: str, submitted: datetime, completed: datetime) -> HandlingRound:
    return HandlingRound(d(due), completed, submitted)


# The hand-computed month (March 2026). Per case: what it adds to March, worked out by hand.
C1 = CaseFacts(  # received, accepted, dispatched, responded, completed on time, due+done, 满意
    1,
    Kind.COMPLAINT,
    Channel.WALK_IN,
    received_at=at("2026-03-01", 0, 0),  # the period's first moment
    unit_id=UNIT_1,
    accepted_at=at("2026-03-01", 9),
    dispatched_at=at("2026-03-01"),
    first_contact_due=d("2026-03-02"),
    first_contact_at=at("2026-03-02", 17),
    rounds=(done("2026-03-13", at("2026-03-12"), at("2026-03-13")),),
    evaluations=(Evaluated(at("2026-03-20"), Satisfaction.SATISFIED),),
)
C2 = CaseFacts(  # received the day before: dispatched, late contact, late then redone on time
    2,
    Kind.FEEDBACK,
    Channel.PHONE,
    received_at=at("2026-02-28", 23, 59),
    unit_id=UNIT_1,
    accepted_at=at("2026-02-28", 23, 59),
    dispatched_at=at("2026-03-02"),
    first_contact_due=d("2026-03-03"),
    first_contact_at=at("2026-03-04"),  # a day late: not responded
    rounds=(
        done("2026-03-09", at("2026-03-10"), at("2026-03-11")),  # late: overdue
        done("2026-03-20", at("2026-03-18"), at("2026-03-19")),  # the redo, on time
    ),
    redos=(at("2026-03-13"),),
    reminders=(at("2026-03-10", 16),),
    evaluations=(
        Evaluated(at("2026-03-12"), Satisfaction.DISSATISFIED),
        Evaluated(at("2026-03-25"), Satisfaction.BASICALLY_SATISFIED),  # the one that counts
    ),
)
C3 = CaseFacts(  # received and accepted on the period's last minute; not dispatched yet
    3,
    Kind.TIP_OFF,
    Channel.WECHAT,
    received_at=at("2026-03-31", 23, 59),
    hazard_category=HazardCategory.EVACUATION_BLOCKED,
    accepted_at=at("2026-03-31", 23, 59),
)
C4 = CaseFacts(  # the first moment after the period: nothing
    4,
    Kind.HELP_REQUEST,
    Channel.WALK_IN,
    received_at=at("2026-04-01", 0, 0),
    accepted_at=at("2026-04-01", 0, 0),
)
C5 = CaseFacts(  # refused on ground (3), the petition channel
    5,
    Kind.COMPLAINT,
    Channel.PHONE,
    received_at=at("2026-03-05"),
    refused_at=at("2026-03-05"),
    refusal_ground=RefusalGround.PETITION_CHANNEL,
)
C6 = CaseFacts(  # a consultation answered at the counter: due and done that day; 不满意
    6,
    Kind.CONSULTATION,
    Channel.WALK_IN,
    received_at=at("2026-03-10"),
    accepted_at=at("2026-03-10", 10, 5),
    rounds=st.handling_rounds(None, (), (Completion(at("2026-03-10", 10, 5), at("2026-03-10")),)),
    evaluations=(Evaluated(at("2026-03-11"), Satisfaction.DISSATISFIED),),
)
C7 = CaseFacts(  # from February, still open past its due day: overdue; two reminders in March
    7,
    Kind.COMPLAINT,
    Channel.WALK_IN,
    received_at=at("2026-02-10"),
    unit_id=UNIT_1,
    accepted_at=at("2026-02-10"),
    dispatched_at=at("2026-02-10"),
    rounds=(HandlingRound(d("2026-02-26")),),
    extensions=(at("2026-02-20"),),  # February's
    reminders=(at("2026-03-02"), at("2026-03-20")),
)
C8 = CaseFacts(  # urgent: contacted a minute inside its hour; due in March, done in April
    8,
    Kind.TIP_OFF,
    Channel.SNAPSHOT,
    received_at=at("2026-03-20", 9, 30),
    unit_id=UNIT_2,
    hazard_category=HazardCategory.FIRE_ACCESS_BLOCKED,
    accepted_at=at("2026-03-20", 9, 40),
    dispatched_at=at("2026-03-20", 10),
    first_contact_due=d("2026-03-20"),
    first_contact_due_at=at("2026-03-20", 11),
    first_contact_at=at("2026-03-20", 10, 59),
    rounds=(done("2026-03-25", at("2026-04-02"), at("2026-04-02")),),
    extensions=(at("2026-03-22"),),
)
C9 = CaseFacts(  # returned by unit 1 to unit 2, finished at 23:00 on the last day
    9,
    Kind.SUGGESTION,
    Channel.LETTER,
    received_at=at("2026-03-15"),
    unit_id=UNIT_2,
    accepted_at=at("2026-03-15"),
    dispatched_at=at("2026-03-15"),
    first_contact_due=d("2026-03-17"),
    first_contact_at=at("2026-03-17", 18),
    rounds=(done("2026-03-30", at("2026-03-30", 17), at("2026-03-31", 23)),),
    returns=(Returned(at("2026-03-16"), UNIT_1),),
)
C10 = CaseFacts(  # January's case, redone in February, finished late in March
    10,
    Kind.FEEDBACK,
    Channel.YUESHENGSHI,
    received_at=at("2026-01-05"),
    unit_id=UNIT_2,
    accepted_at=at("2026-01-05"),
    dispatched_at=at("2026-01-05"),
    rounds=(
        done("2026-01-20", at("2026-01-19"), at("2026-01-19")),
        done("2026-02-15", at("2026-03-30"), at("2026-03-31")),  # late
    ),
    redos=(at("2026-02-01"),),
    evaluations=(
        Evaluated(at("2026-01-25"), Satisfaction.DISSATISFIED),
        Evaluated(at("2026-04-02"), Satisfaction.SATISFIED),  # after March: not March's
    ),
)
C11 = CaseFacts(  # dispatched late in March, not contacted, due in April
    11,
    Kind.COMPLAINT,
    Channel.PHONE,
    received_at=at("2026-03-25"),
    unit_id=UNIT_1,
    accepted_at=at("2026-03-25"),
    dispatched_at=at("2026-03-25"),
    first_contact_due=d("2026-03-26"),
    rounds=(HandlingRound(d("2026-04-09")),),
)
C12 = CaseFacts(  # February's, evaluated a minute before March: nothing
    12,
    Kind.HELP_REQUEST,
    Channel.SMS_WEB,
    received_at=at("2026-02-01"),
    unit_id=UNIT_1,
    accepted_at=at("2026-02-01"),
    dispatched_at=at("2026-02-01"),
    rounds=(done("2026-02-10", at("2026-02-09"), at("2026-02-09")),),
    evaluations=(Evaluated(at("2026-02-28", 23, 59), Satisfaction.VERY_DISSATISFIED),),
)
MONTH = (C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12)

# By hand, March 2026:
#   received   C1 C3 C5 C6 C8 C9 C11                    = 7 (C2 a minute early, C4 on 04-01)
#   accepted   C1 C3 C6 C8 C9 C11                       = 6 (C5 refused)
#   refused    C5, ground (3)                           = 1
#   dispatched C1 C2 C8 C9 C11                          = 5
#   responded  C1 C8 C9                                 = 3  → 响应率 3/5
#   returned 1 (C9) · extended 1 (C8) · redone 1 (C2) · reminders 3 (C2 once, C7 twice)
#   completed  C1 C2 C6 C9 C10                          = 5
#   on time    C1 C2(redo) C6 C9                        = 4  → 按期办结率 4/5
#   overdue    C2(late) C7(open) C8(open 04-01) C10(late) = 4
#   due        C1 C2 C6 C8 C9                           = 5
#   done of due C1 C2 C6 C9                             = 4  → 办结率 4/5
#   evaluated  C1 C2(second) C6                         = 3
#   satisfied  C1 C2                                    = 2  → 满意率 2/3
EXPECTED = st.Measures(
    received=7,
    accepted=6,
    refused=1,
    dispatched=5,
    returned=1,
    extended=1,
    completed=5,
    completed_on_time=4,
    overdue=4,
    redone=1,
    reminders=3,
    responded=3,
    due=5,
    due_completed=4,
    evaluated=3,
    satisfied=2,
    refused_by_ground=(0, 0, 1, 0, 0, 0, 0),
)


@pytest.fixture
def march() -> st.Statistics:
    return st.compute(MONTH, MARCH, LATER)


def test_rules_6_counts_of_a_hand_computed_month(march: st.Statistics) -> None:
    assert march.total == EXPECTED
    assert march.total.refused_on(RefusalGround.PETITION_CHANNEL) == 1
    assert march.counted_case_ids == {1, 2, 3, 5, 6, 7, 8, 9, 10, 11}  # not C4, C12


def test_rules_6_the_four_rates_as_defined(march: st.Statistics) -> None:
    total = march.total
    assert total.response_rate == st.Rate(3, 5)
    assert total.completion_rate == st.Rate(4, 5)
    assert total.on_time_rate == st.Rate(4, 5)
    assert total.satisfaction_rate == st.Rate(2, 3)
    assert total.satisfaction_rate.value == pytest.approx(2 / 3)


def test_rules_6_zero_over_zero_gives_no_rate() -> None:
    empty = st.compute([], MARCH, LATER)
    assert empty.total == st.NOTHING
    for rate in (
        empty.total.response_rate,
        empty.total.completion_rate,
        empty.total.on_time_rate,
        empty.total.satisfaction_rate,
    ):
        assert rate.value is None
    assert st.Rate(0, 4).value == 0
    assert len(empty.intake) == 31 and all(b.total == 0 for b in empty.intake)


def test_rules_6_by_unit_returns_count_against_the_unit_that_returned(
    march: st.Statistics,
) -> None:
    unit_1, unit_2, none = march.by_unit[UNIT_1], march.by_unit[UNIT_2], march.by_unit[None]
    # Unit 1: C1 C2 C7 C11 and C9's return.
    assert (unit_1.received, unit_1.dispatched, unit_1.responded, unit_1.returned) == (2, 3, 1, 1)
    assert (unit_1.completed, unit_1.completed_on_time, unit_1.overdue) == (2, 2, 2)
    assert (unit_1.reminders, unit_1.redone, unit_1.due, unit_1.due_completed) == (3, 1, 2, 2)
    assert (unit_1.evaluated, unit_1.satisfied) == (2, 2)
    # Unit 2: C8 C9 C10 (C9 now with unit 2; its return is unit 1's).
    assert (unit_2.received, unit_2.dispatched, unit_2.responded, unit_2.returned) == (2, 2, 2, 0)
    assert (unit_2.completed, unit_2.completed_on_time, unit_2.overdue) == (2, 1, 2)
    assert (unit_2.extended, unit_2.due, unit_2.due_completed) == (1, 2, 1)
    # Not dispatched: C3 (waiting), C5 (refused), C6 (answered at the counter).
    assert (none.received, none.accepted, none.refused, none.completed) == (3, 2, 1, 1)
    assert (none.evaluated, none.satisfied) == (1, 0)
    assert unit_1 + unit_2 + none == march.total


def test_rules_6_every_kind_channel_and_category_is_listed_and_adds_up(
    march: st.Statistics,
) -> None:
    assert list(march.by_kind) == list(Kind)
    assert list(march.by_channel) == list(Channel)
    assert list(march.by_hazard) == list(HazardCategory)
    assert sum(march.by_kind.values(), st.NOTHING) == march.total
    assert sum(march.by_channel.values(), st.NOTHING) == march.total
    complaint = march.by_kind[Kind.COMPLAINT]  # C1 C5 C7 C11
    assert (complaint.received, complaint.refused, complaint.overdue) == (3, 1, 1)
    assert complaint.response_rate == st.Rate(1, 2)  # C1 yes, C11 no
    assert march.by_channel[Channel.PHONE].received == 2  # C5 C11 (C2 in February)
    # FIRE art. 4: only tip-offs with a category, so fewer than the total.
    blocked = march.by_hazard[HazardCategory.FIRE_ACCESS_BLOCKED]  # C8
    assert (blocked.received, blocked.dispatched, blocked.responded, blocked.overdue) == (
        1,
        1,
        1,
        1,
    )
    assert march.by_hazard[HazardCategory.EVACUATION_BLOCKED].accepted == 1  # C3
    assert sum(m.received for m in march.by_hazard.values()) == 2


@pytest.mark.parametrize(
    ("moment", "counts"),
    [
        (at("2026-03-01", 0, 0), True),  # first moment of the first day
        (at("2026-03-31", 23, 59), True),  # last minute of the last day
        (at("2026-02-28", 23, 59), False),  # a minute before
        (at("2026-04-01", 0, 0), False),  # the first moment after
    ],
)
def test_rules_6_events_count_in_the_period_of_their_shanghai_day(
    moment: datetime, counts: bool
) -> None:
    facts = CaseFacts(
        99,
        Kind.FEEDBACK,
        Channel.PHONE,
        received_at=moment,
        accepted_at=moment,
        dispatched_at=moment,
        extensions=(moment,),
        reminders=(moment, moment),
        redos=(moment,),
    )
    measures, _ = st.measure_case(facts, st.window_for(MARCH, LATER))
    expected = int(counts)
    assert (measures.received, measures.accepted, measures.dispatched) == (expected,) * 3
    assert (measures.extended, measures.reminders, measures.redone) == (
        expected,
        2 * expected,
        expected,
    )


def test_rules_6_a_utc_moment_counts_on_its_shanghai_day() -> None:
    from app.persistence.types import UTC

    # 2026-02-28 16:30 UTC is 2026-03-01 00:30 in Shanghai: March's.
    facts = CaseFacts(
        98, Kind.FEEDBACK, Channel.PHONE, received_at=datetime(2026, 2, 28, 16, 30, tzinfo=UTC)
    )
    assert st.measure_case(facts, st.window_for(MARCH, LATER))[0].received == 1


def test_rules_6_yj12345_art_20_a_redo_counts_its_second_evaluation(
    march: st.Statistics,
) -> None:
    # C2: 不满意 on 03-12, redone, 基本满意 on 03-25 — one evaluated item, satisfied.
    c2, _ = st.measure_case(C2, march.window)
    assert (c2.evaluated, c2.satisfied) == (1, 1)
    # C10: January's 不满意 stays January's; the redo's 满意 (04-02) is April's.
    january = st.compute([C10], parse_period("2026-01"), LATER).total
    assert (january.evaluated, january.satisfied) == (1, 0)
    april = st.compute([C10], parse_period("2026-04"), LATER).total
    assert (april.evaluated, april.satisfied) == (1, 1)
    # In the year both fall in, only the second counts.
    year = st.compute([C10], parse_period("2026"), LATER).total
    assert (year.evaluated, year.satisfied) == (1, 1)


def test_rules_6_on_time_is_judged_by_the_result_that_passed_and_its_own_deadline() -> None:
    # Submitted on the due day at 23:59, reviewed two days later: on time (RULES §2.1).
    assert done("2026-03-10", at("2026-03-10", 23, 59), at("2026-03-12")).on_time
    assert not done("2026-03-10", at("2026-03-11", 0, 0), at("2026-03-11")).on_time
    assert not HandlingRound(d("2026-03-10")).on_time


def test_rules_6_while_the_period_runs_figures_are_judged_at_generation_time() -> None:
    now = at("2026-03-20", 12)
    window = st.window_for(MARCH, now)
    assert window.as_of == now
    # C1: due 03-13, done 03-13; C8 not completed yet but due 03-25 is still ahead: not overdue.
    figures = st.compute([C1, C8, C7], MARCH, now).total
    assert (figures.due, figures.due_completed) == (2, 1)  # C1 and C8 (due 03-25 in March)
    assert figures.overdue == 1  # C7 only
    assert figures.reminders == 2  # C7's: 03-02, and 03-20 at 10:00, before noon
    assert st.window_for(MARCH, LATER).as_of == datetime(2026, 4, 1, tzinfo=SHANGHAI)


def test_rules_6_overdue_at_the_period_end_includes_a_deadline_on_its_last_day() -> None:
    last_day = CaseFacts(
        97,
        Kind.COMPLAINT,
        Channel.PHONE,
        received_at=at("2026-03-10"),
        rounds=(HandlingRound(d("2026-03-31")),),
    )
    assert st.measure_case(last_day, st.window_for(MARCH, LATER))[0].overdue == 1
    next_day = CaseFacts(
        96,
        Kind.COMPLAINT,
        Channel.PHONE,
        received_at=at("2026-03-10"),
        rounds=(HandlingRound(d("2026-04-01")),),
    )
    assert st.measure_case(next_day, st.window_for(MARCH, LATER))[0].overdue == 0


def test_rules_6_response_without_a_contact_limit_counts_any_contact() -> None:
    base = CaseFacts(95, Kind.FEEDBACK, Channel.PHONE, received_at=at("2026-03-02"))
    assert not base.responded_in_time()
    assert CaseFacts(
        95,
        Kind.FEEDBACK,
        Channel.PHONE,
        received_at=at("2026-03-02"),
        first_contact_at=at("2026-03-09"),
    ).responded_in_time()
    late = replace(C8, first_contact_at=at("2026-03-20", 11, 1))
    assert not late.responded_in_time()  # a minute past the urgent hour (YJ12345 art. 9(2))


def test_yj12345_art_20_rounds_pair_each_completion_with_its_own_deadline() -> None:
    first = Completion(at("2026-03-11"), at("2026-03-10"))
    redo = Completion(at("2026-03-19"), at("2026-03-18"))
    # Redone and completed again: the redo recorded the deadline it replaced.
    assert st.handling_rounds(d("2026-03-20"), [d("2026-03-09")], [first, redo]) == (
        HandlingRound(d("2026-03-09"), first.completed_at, first.result_submitted_at),
        HandlingRound(d("2026-03-20"), redo.completed_at, redo.result_submitted_at),
    )
    # Redo under way: the current deadline has no completion yet.
    assert st.handling_rounds(d("2026-03-20"), [d("2026-03-09")], [first])[1] == HandlingRound(
        d("2026-03-20")
    )
    # Not dispatched, not answered: no round; answered at the counter: due that day.
    assert st.handling_rounds(None, [], []) == ()
    assert st.handling_rounds(None, [], [first])[0].due_date == d("2026-03-11")


def test_rules_6_intake_by_day_in_a_month_and_by_month_in_a_quarter(
    march: st.Statistics,
) -> None:
    days = {b.first: b for b in march.intake}
    assert len(days) == 31
    assert days[d("2026-03-01")].by_kind[list(Kind).index(Kind.COMPLAINT)] == 1  # C1
    assert days[d("2026-03-31")].by_kind[list(Kind).index(Kind.TIP_OFF)] == 1  # C3
    assert sum(b.total for b in march.intake) == EXPECTED.received
    quarter = st.compute(MONTH, parse_period("2026Q1"), LATER)
    assert [(b.first, b.last, b.total) for b in quarter.intake] == [
        (d("2026-01-01"), d("2026-01-31"), 1),  # C10
        (d("2026-02-01"), d("2026-02-28"), 3),  # C2 C7 C12
        (d("2026-03-01"), d("2026-03-31"), 7),
    ]


def test_rules_2_1_the_calendar_years_are_the_period_and_the_deadlines_judged() -> None:
    december = CaseFacts(
        94,
        Kind.COMPLAINT,
        Channel.PHONE,
        received_at=at("2026-12-28"),
        dispatched_at=at("2026-12-28"),
        first_contact_due=d("2026-12-29"),
        rounds=(done("2027-01-11", at("2026-12-30"), at("2026-12-31")),),
    )
    after_it = datetime(2027, 2, 1, tzinfo=SHANGHAI)
    figures = st.compute([december], parse_period("2026-12"), after_it)
    assert figures.total.completed_on_time == 1
    assert figures.calendar_years == (2026, 2027)
    assert st.compute([], MARCH, LATER).calendar_years == (2026,)


def test_rules_6_definitions_keep_the_rules_words_and_cite_articles() -> None:
    assert [r.name for r in st.RATE_DEFINITIONS] == ["响应率", "办结率", "按期办结率", "满意率"]
    assert st.RESPONSE_RATE.rules_text == (
        "items whose first contact happened within its limit ÷ items dispatched in the period"
    )
    assert st.COMPLETION_RATE.rules_text == "items completed ÷ items due in the period"
    assert st.ON_TIME_RATE.rules_text == (
        "items completed on or before their deadline ÷ items completed"
    )
    assert st.SATISFACTION_RATE.rules_text == (
        "(非常满意 + 满意 + 基本满意) ÷ evaluated items (a redo counts its second evaluation)"
    )
    assert all(x.article for x in (*st.RATE_DEFINITIONS, *st.COUNTING_DECISIONS))
    # The code's docstrings carry the very text the workbook prints.
    assert st.OVERDUE.text in (st.measure_case.__doc__ or "")
    assert st.BY_UNIT.text in (st.compute.__doc__ or "")


def test_measures_add_field_by_field_and_survive_the_tally_vector() -> None:
    first = st.Measures(
        received=2, overdue=1, refused_by_ground=(1,) + (0,) * (len(st.GROUNDS) - 1)
    )
    second = st.Measures(
        received=3, satisfied=4, refused_by_ground=(0,) * (len(st.GROUNDS) - 1) + (2,)
    )
    total = first + second
    assert (total.received, total.overdue, total.satisfied) == (5, 1, 4)
    assert total.refused_by_ground == (1,) + (0,) * (len(st.GROUNDS) - 2) + (2,)
    assert st.Measures.from_vector(total.vector()) == total
