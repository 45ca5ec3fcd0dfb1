"""The case list: filters, search, sorting, masking, due-soon and overdue, on both databases."""

from __future__ import annotations

from datetime import date

from app.domain.vocabulary import CaseState, HazardCategory, Kind
from app.services import handling, queries
from app.services.queries import CaseFilter, DueFilter, SortKey
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id

WANG_ID = valid_resident_id("44178119750101567")


def populate(world: World) -> dict[str, int]:
    svc, clerk = world.svc, world.clerk
    ids = {}
    ids["complaint"] = register(
        svc,
        clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT,
            content="菜市场噪音扰民",
            occurred="每天凌晨",
            place="城南菜市场",
            submitters=[PersonInput(name="王建国", doc_number=WANG_ID, phone="13600001234")],
        ),
    ).case_id
    world.clock.set("2025-09-29")
    ids["tip_off"] = register(
        svc,
        clerk,
        RegistrationForm(
            kind=Kind.TIP_OFF,
            content="安全出口被铁链锁住",
            occurred="9月28日晚",
            reported_unit_name="金沙湾酒店",
            reported_unit_address="江城区金沙路1号",
            hazard_category=HazardCategory.EVACUATION_BLOCKED,
        ),
    ).case_id
    ids["suggestion"] = register(
        svc,
        clerk,
        RegistrationForm(
            kind=Kind.SUGGESTION,
            content="建议在学校门口增设斑马线",
            submitters=[PersonInput(name="刘芳", doc_type=None, phone="0662-3398765")],
        ),
    ).case_id
    for case_id in ids.values():
        handling.accept(svc, clerk, case_id)
    handling.dispatch(svc, clerk, ids["complaint"], world.unit_a.id)
    return ids


def ids_for(world: World, **kwargs: object) -> list[int]:
    return queries.case_ids(world.svc, CaseFilter(**kwargs))  # type: ignore[arg-type]


def test_search_by_name_phone_id_digits_content_number_and_query_code(world: World) -> None:
    ids = populate(world)
    complaint = ids["complaint"]
    assert ids_for(world, text="王建国") == [complaint]
    assert ids_for(world, text="建国") == [complaint]
    assert ids_for(world, text="13600001234") == [complaint]
    assert ids_for(world, text=WANG_ID[-4:]) == [complaint]
    assert ids_for(world, text="噪音") == [complaint]
    assert ids_for(world, text="金沙湾") == [ids["tip_off"]]
    with world.svc.uow(write=False) as uow:
        case = uow.get_case(complaint)
    assert ids_for(world, text=case.number) == [complaint]
    assert ids_for(world, text=case.query_code.lower()) == [complaint]
    assert ids_for(world, text="没有这个人") == []


def test_filters_by_state_kind_unit_and_dates(world: World) -> None:
    ids = populate(world)
    assert ids_for(world, states=frozenset({CaseState.DISPATCHED})) == [ids["complaint"]]
    assert ids_for(world, kinds=frozenset({Kind.TIP_OFF, Kind.SUGGESTION})) == [
        ids["suggestion"],
        ids["tip_off"],
    ]
    assert ids_for(world, unit_id=world.unit_a.id) == [ids["complaint"]]
    assert ids_for(world, received_to=date(2025, 9, 26)) == [ids["complaint"]]
    assert len(ids_for(world, received_from=date(2025, 9, 29))) == 2
    assert queries.count_cases(world.svc, CaseFilter(open_only=True)) == 3


def test_rows_are_masked_and_report_due_state(world: World) -> None:
    ids = populate(world)
    world.clock.set("2025-09-30")
    rows = {r.id: r for r in queries.case_rows(world.svc, list(ids.values()))}
    complaint = rows[ids["complaint"]]
    assert complaint.submitter == "王*国"
    assert complaint.unit == "镇城建办"
    assert complaint.due_date == date(2025, 10, 20)  # dispatched 09-29
    assert complaint.working_days_left == 9
    assert not complaint.overdue and not complaint.due_soon
    assert rows[ids["tip_off"]].submitter == "（匿名）"
    # Accepted on 09-29, dispatch due within 1 working day: due today → due soon.
    assert rows[ids["tip_off"]].due_soon


def test_overdue_and_due_soon_lists(world: World) -> None:
    ids = populate(world)
    world.clock.set("2025-10-09")
    overdue = {r.id for r in queries.overdue(world.svc)}
    assert overdue == {ids["tip_off"], ids["suggestion"]}  # never dispatched
    assert all(r.overdue for r in queries.overdue(world.svc))
    world.clock.set("2025-10-17")
    assert ids["complaint"] in {r.id for r in queries.due_soon(world.svc)}
    assert ids_for(world, due=DueFilter.OVERDUE, kinds=frozenset({Kind.COMPLAINT})) == []


def test_sort_by_due_puts_earliest_first_and_nulls_last(world: World) -> None:
    ids = populate(world)
    answered = register(
        world.svc, world.clerk, RegistrationForm(kind=Kind.CONSULTATION, content="社保卡在哪里办？")
    ).case_id
    handling.answer_at_once(world.svc, world.clerk, answered, "到镇便民服务中心3号窗口办理")
    ordered = queries.case_ids(world.svc, sort=SortKey.DUE, descending=False)
    # Accepted on 09-29: dispatch due 09-30; the complaint is due at 10-20; no clock is last.
    assert ordered[-1] == answered
    assert ordered[-2] == ids["complaint"]
    assert set(ordered[:2]) == {ids["tip_off"], ids["suggestion"]}


def test_search_finds_one_and_two_characters_and_any_part_of_a_phrase(world: World) -> None:
    ids = populate(world)
    complaint, tip_off = ids["complaint"], ids["tip_off"]
    assert ids_for(world, text="噪") == [complaint]  # one character, first of a run
    assert ids_for(world, text="民") == [complaint]  # one character, last of a run
    assert ids_for(world, text="音扰民") == [complaint]  # an odd number of characters
    assert ids_for(world, text="铁链锁") == [tip_off]
    assert ids_for(world, text="扰民噪音") == []  # the characters, but not in this order


def test_search_does_not_match_across_punctuation(world: World) -> None:
    case_id = register(
        world.svc,
        world.clerk,
        RegistrationForm(kind=Kind.CONSULTATION, content="路灯坏了，晚上看不见。"),
    ).case_id
    assert ids_for(world, text="坏了") == [case_id]
    assert ids_for(world, text="了晚") == []


def test_search_words_separated_by_spaces_must_all_be_found(world: World) -> None:
    ids = populate(world)
    assert ids_for(world, text="菜市场 扰民") == [ids["complaint"]]
    assert ids_for(world, text="菜市场 斑马线") == []


def test_search_reads_full_width_digits_and_lower_case_letters(world: World) -> None:
    case_id = register(
        world.svc,
        world.clerk,
        RegistrationForm(kind=Kind.SUGGESTION, content="3号楼KTV深夜噪音，建议管一管"),
    ).case_id
    assert ids_for(world, text="３号楼") == [case_id]
    assert ids_for(world, text="ktv") == [case_id]


def test_search_by_part_of_a_case_number_and_the_last_digits_of_a_phone(world: World) -> None:
    ids = populate(world)
    with world.svc.uow(write=False) as uow:
        number = uow.get_case(ids["tip_off"]).number
    assert ids_for(world, text=number.split("-", 1)[1]) == [ids["tip_off"]]
    assert ids_for(world, text="8765") == [ids["suggestion"]]  # 0662-3398765
    assert ids_for(world, text="0662-3398765") == [ids["suggestion"]]  # the whole landline
    assert ids_for(world, text="1234") == [ids["complaint"]]  # 13600001234


def test_search_sees_content_corrected_after_registration(world: World) -> None:
    """The index follows every write of the text (migration 0011's triggers), not only inserts."""
    ids = populate(world)
    with world.svc.uow(write=True) as uow:
        uow.get_case(ids["suggestion"]).content = "建议在医院门口增设红绿灯"
        uow.commit()
    assert ids_for(world, text="红绿灯") == [ids["suggestion"]]
    assert ids_for(world, text="斑马线") == []
