"""The administrator's services: every change checks the role and leaves an event; no hash leaks."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.calendar import load_schedule_file, schedule_from_package
from app.domain.errors import DomainError, PermissionDenied, ValidationError
from app.domain.users import Role
from app.domain.vocabulary import Kind
from app.persistence import tables as t
from app.services import admin, calendar_admin, handling, settings, units, users
from app.services.admin import DayType
from app.services.registration import PersonInput, RegistrationForm, register
from tests.conftest import World, valid_resident_id


def events(world: World, action: str) -> list[dict[str, Any]]:
    query = select(t.events).where(t.events.c.action == action).order_by(t.events.c.id)
    with world.svc.uow(write=False) as uow:
        return [dict(row) for row in uow.session.execute(query).mappings()]


# ----- centre -------------------------------------------------------------------------------------


def test_centre_info_saves_only_what_changed_and_checks_the_code(world: World) -> None:
    info = admin.centre_info(world.svc)
    assert info.centre_code == "TD01" and info.document_prefix == ""
    new = replace(
        info,
        centre_name="阳江市江城区某镇便民服务中心",
        centre_code="jcz01",
        document_prefix="江城便民",
    )
    with pytest.raises(PermissionDenied):
        admin.save_centre_info(world.svc, world.clerk, new)
    with pytest.raises(ValidationError, match="中心代码"):
        admin.save_centre_info(world.svc, world.admin, replace(new, centre_code="江城"))
    # Nothing of the refused form was written.
    assert admin.centre_info(world.svc) == info
    with pytest.raises(ValidationError, match="中心名称"):
        admin.save_centre_info(world.svc, world.admin, replace(new, centre_name="  "))

    changed = admin.save_centre_info(world.svc, world.admin, new)
    assert changed == ["centre_name", "centre_code", "document_prefix"]
    saved = admin.centre_info(world.svc)
    assert saved.centre_code == "JCZ01" and saved.document_prefix == "江城便民"
    assert [e["details"]["key"] for e in events(world, "change_setting")] == changed
    assert admin.save_centre_info(world.svc, world.admin, saved) == []


def test_number_examples_show_what_will_print() -> None:
    assert admin.document_number_example("江城便民", 2026) == "江城便民受〔2026〕1号"
    assert admin.document_number_example("", 2026, 12) == "受〔2026〕12号"
    assert admin.case_number_example("jcz01", date(2026, 1, 21)) == "JCZ01-20260121-0001"
    with pytest.raises(ValidationError):
        admin.case_number_example("江城", date(2026, 1, 21))


# ----- units --------------------------------------------------------------------------------------


def test_updating_a_unit_changes_contact_details_only(world: World) -> None:
    with pytest.raises(PermissionDenied):
        admin.update_unit(world.svc, world.supervisor, world.unit_a.id, leader="x", phone="1")
    unit = admin.update_unit(
        world.svc, world.admin, world.unit_a.id, leader=" 黄主任 ", phone="0662-3300000"
    )
    assert (unit.name, unit.leader, unit.phone) == ("镇城建办", "黄主任", "0662-3300000")
    stored = next(u for u in units.list_units(world.svc) if u.id == world.unit_a.id)
    assert stored == unit
    (event,) = events(world, "update_unit")
    assert event["details"]["before"] == {"leader": "陈主任", "phone": "0662-3312345"}
    assert event["actor_id"] == world.admin.user_id
    with pytest.raises(DomainError, match="找不到承办单位"):
        admin.update_unit(world.svc, world.admin, 9999, leader="", phone="")


def test_a_deactivated_unit_takes_no_new_cases_but_keeps_its_open_ones(world: World) -> None:
    svc = world.svc
    person = PersonInput(
        name="王建国", doc_number=valid_resident_id("44178119750101567"), phone="13600001234"
    )
    case_id = register(
        svc,
        world.clerk,
        RegistrationForm(
            kind=Kind.COMPLAINT, content="噪音", occurred="夜间", place="城南", submitters=[person]
        ),
    ).case_id
    handling.accept(svc, world.clerk, case_id)
    handling.dispatch(svc, world.clerk, case_id, world.unit_b.id)
    assert admin.open_cases_at_unit(svc, world.unit_b.id) == 1

    with pytest.raises(PermissionDenied):
        admin.set_unit_active(svc, world.clerk, world.unit_b.id, False)
    admin.set_unit_active(svc, world.admin, world.unit_b.id, False)
    assert [u.id for u in units.list_units(svc)] == [world.unit_a.id]
    assert not next(
        u for u in units.list_units(svc, include_inactive=True) if u.id == world.unit_b.id
    ).active
    assert admin.open_cases_at_unit(svc, world.unit_b.id) == 1
    with pytest.raises(ValidationError, match="已停用"):
        units.require_active_unit(svc, world.unit_b.id)

    # Deactivating twice writes nothing new; bringing it back does.
    admin.set_unit_active(svc, world.admin, world.unit_b.id, False)
    admin.set_unit_active(svc, world.admin, world.unit_b.id, True)
    assert [e["details"]["unit_id"] for e in events(world, "deactivate_unit")] == [world.unit_b.id]
    assert len(events(world, "reactivate_unit")) == 1
    assert units.require_active_unit(svc, world.unit_b.id).active


# ----- users --------------------------------------------------------------------------------------


def test_the_user_list_never_carries_a_password_hash(world: World) -> None:
    listed = admin.list_users(world.svc)
    assert [u.username for u in listed] == ["admin", "clerk", "lead"]
    assert [u.role for u in listed] == [Role.ADMIN, Role.CLERK, Role.SUPERVISOR]
    for user in listed:
        assert "password" not in json.dumps(asdict(user), default=str)


def test_changing_a_role_is_logged_and_takes_effect_at_the_next_sign_in(world: World) -> None:
    svc = world.svc
    with pytest.raises(PermissionDenied):
        admin.set_user_role(svc, world.supervisor, world.clerk.user_id, Role.SUPERVISOR)
    changed = admin.set_user_role(svc, world.admin, world.clerk.user_id, Role.SUPERVISOR)
    assert changed.role is Role.SUPERVISOR
    assert users.authenticate(svc, "clerk", "clerk-pass-1").role is Role.SUPERVISOR
    (event,) = events(world, "change_user_role")
    assert event["details"] == {
        "user_id": world.clerk.user_id,
        "before": "clerk",
        "after": "supervisor",
    }


def test_the_last_administrator_and_ones_own_account_are_protected(world: World) -> None:
    svc = world.svc
    with pytest.raises(DomainError, match="自己"):
        admin.set_user_role(svc, world.admin, world.admin.user_id, Role.CLERK)
    with pytest.raises(DomainError, match="自己"):
        admin.set_user_active(svc, world.admin, world.admin.user_id, False)
    # A second administrator may demote the first, but not leave the centre without one.
    second = users.create_user(svc, world.admin, "admin2", "赵管理", Role.ADMIN, "admin-pass-2")
    admin.set_user_active(svc, second, world.admin.user_id, False)
    with pytest.raises(DomainError, match="唯一在用的管理员"):
        admin.set_user_role(svc, world.admin, second.user_id, Role.CLERK)
    admin.set_user_active(svc, second, world.admin.user_id, True)
    admin.set_user_role(svc, second, world.admin.user_id, Role.SUPERVISOR)
    assert not events(world, "deactivate_user")[0]["details"].get("password")


def test_a_deactivated_user_cannot_sign_in_until_reactivated(world: World) -> None:
    svc = world.svc
    admin.set_user_active(svc, world.admin, world.clerk.user_id, False)
    with pytest.raises(DomainError, match="用户名或密码不正确"):
        users.authenticate(svc, "clerk", "clerk-pass-1")
    assert not next(u for u in admin.list_users(svc) if u.username == "clerk").active
    admin.set_user_active(svc, world.admin, world.clerk.user_id, True)
    assert users.authenticate(svc, "clerk", "clerk-pass-1").user_id == world.clerk.user_id
    assert len(events(world, "deactivate_user")) == len(events(world, "reactivate_user")) == 1


def test_resetting_a_password_logs_who_but_never_the_password(world: World) -> None:
    svc = world.svc
    with pytest.raises(PermissionDenied):
        admin.reset_password(svc, world.clerk, world.clerk.user_id, "new-password-1")
    with pytest.raises(ValidationError, match="至少 8 位"):
        admin.reset_password(svc, world.admin, world.clerk.user_id, "short")
    admin.reset_password(svc, world.admin, world.clerk.user_id, "new-password-1")
    with pytest.raises(DomainError):
        users.authenticate(svc, "clerk", "clerk-pass-1")
    assert users.authenticate(svc, "clerk", "new-password-1").username == "clerk"
    (event,) = events(world, "reset_password")
    assert "new-password-1" not in json.dumps(event, default=str)
    assert event["details"] == {"user_id": world.clerk.user_id}


# ----- calendar -----------------------------------------------------------------------------------


def test_year_calendar_marks_holidays_and_swapped_working_days(world: World) -> None:
    view = admin.year_calendar(world.svc, 2025)
    assert not view.provisional and view.warning is None
    assert "holidays" in view.source
    assert view.days[date(2025, 10, 1)] is DayType.HOLIDAY  # National Day, a Wednesday
    assert view.days[date(2025, 9, 28)] is DayType.SWAPPED_WORKDAY  # a Sunday worked
    assert view.days[date(2025, 10, 11)] is DayType.SWAPPED_WORKDAY  # a Saturday worked
    assert view.days[date(2025, 10, 4)] is DayType.WEEKEND
    assert view.days[date(2025, 10, 9)] is DayType.WORKDAY
    assert len(view.days) == 365
    assert date(2025, 9, 28) in view.dates_of(DayType.SWAPPED_WORKDAY)


def test_an_unpublished_year_is_provisional_until_its_schedule_is_loaded(
    world: World, tmp_path: Path
) -> None:
    svc = world.svc
    view = admin.year_calendar(svc, 2027)
    assert view.provisional and view.warning is not None and "2027年" in view.warning
    assert not view.dates_of(DayType.SWAPPED_WORKDAY)

    template = tmp_path / "2027.json"
    written = admin.export_calendar_template(svc, 2027, template)
    assert not written.known
    with pytest.raises(ValidationError):
        load_schedule_file(template)  # the skeleton has no source: it cannot be loaded unedited
    data = json.loads(template.read_text("utf-8"))
    data.update(source="国办发明电〔2026〕9号", holidays=["2027-01-01"], workdays=["2027-01-02"])
    template.write_text(json.dumps(data), "utf-8")
    loaded = calendar_admin.load_schedule(svc, world.admin, template)
    assert loaded.year == 2027

    view = admin.year_calendar(svc, 2027)
    assert not view.provisional and view.warning is None
    assert view.source == "管理员导入：国办发明电〔2026〕9号" and view.loaded_at is not None
    assert view.days[date(2027, 1, 2)] is DayType.SWAPPED_WORKDAY
    # Exporting a loaded year gives back what was loaded.
    again = tmp_path / "again.json"
    assert admin.export_calendar_template(svc, 2027, again).known
    assert load_schedule_file(again).source == "国办发明电〔2026〕9号"


def test_exporting_an_announced_year_writes_the_official_schedule(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "2025.json"
    written = admin.export_calendar_template(world.svc, 2025, path)
    official = schedule_from_package(2025)
    assert official is not None
    assert written.known and written.holidays == len(official.holidays)
    assert load_schedule_file(path).workdays == official.workdays
    with pytest.raises(DomainError, match="无法写入"):
        admin.export_calendar_template(world.svc, 2025, tmp_path / "missing" / "x.json")


# ----- rules --------------------------------------------------------------------------------------


def test_profiles_show_validity_and_lapse(world: World) -> None:
    world.clock.set("2026-01-21")
    found = {p.key: p for p in admin.profiles(world.svc)}
    assert set(found) == {"yangjiang-2022", "jieyang-2015"}
    yangjiang = found["yangjiang-2022"]
    assert yangjiang.valid_until == date(2025, 12, 9)
    assert yangjiang.lapse_warning is not None and "2025-12-09" in yangjiang.lapse_warning


def test_profile_schedule_round_trips_and_refuses_gaps(world: World) -> None:
    svc = world.svc
    entries = [(date(2001, 1, 1), "yangjiang-2022"), (date(2026, 1, 1), "jieyang-2015")]
    with pytest.raises(PermissionDenied):
        admin.save_profile_schedule(svc, world.supervisor, entries)
    with pytest.raises(ValidationError, match="同一日期"):
        admin.save_profile_schedule(
            svc, world.admin, [*entries, (date(2026, 1, 1), "yangjiang-2022")]
        )
    with pytest.raises(ValidationError, match="最早"):
        admin.save_profile_schedule(svc, world.admin, [(date(2030, 1, 1), "yangjiang-2022")])
    with pytest.raises(ValidationError, match="至少"):
        admin.save_profile_schedule(svc, world.admin, [])
    admin.save_profile_schedule(svc, world.admin, list(reversed(entries)))
    assert admin.profile_schedule(svc) == entries
    assert settings.get_setting(svc, "profile_schedule") == [
        ["2001-01-01", "yangjiang-2022"],
        ["2026-01-01", "jieyang-2015"],
    ]


def test_urgent_list_round_trips(world: World) -> None:
    admin.save_urgent_list(world.svc, world.admin, ["台风期间的险情", " ", "燃气泄漏"])
    assert admin.urgent_list(world.svc) == ["台风期间的险情", "燃气泄漏"]
    with pytest.raises(PermissionDenied):
        admin.save_urgent_list(world.svc, world.clerk, ["x"])


# ----- fonts and backups --------------------------------------------------------------------------


def test_font_folder_and_backup_folder_must_exist(world: World, tmp_path: Path) -> None:
    svc = world.svc
    assert admin.backup_dir(svc) == ""
    with pytest.raises(ValidationError, match="文件夹不存在"):
        admin.set_backup_dir(svc, world.admin, str(tmp_path / "nowhere"))
    with pytest.raises(PermissionDenied):
        admin.set_backup_dir(svc, world.clerk, str(tmp_path))
    admin.set_backup_dir(svc, world.admin, f" {tmp_path} ")
    assert admin.backup_dir(svc) == str(tmp_path)
    admin.set_font_dir(svc, world.admin, str(tmp_path))
    assert settings.get_setting(svc, "font_dir") == str(tmp_path)
    admin.set_font_dir(svc, world.admin, "")
    assert settings.get_setting(svc, "font_dir") == ""
    keys = [e["details"]["key"] for e in events(world, "change_setting")]
    assert keys == ["backup_dir", "font_dir", "font_dir"]


def test_font_report_names_the_faces_printing_will_use(tmp_path: Path) -> None:
    report = admin.font_report("")
    # The test machine has the Debian CJK fonts (make system-deps installs them).
    assert report.error is None, report.error
    assert {role for role, _ in report.roles} == {"标题", "正文", "表头、标注"}
    assert all(Path(face.path).exists() for _, face in report.roles)
    assert report.folder_fonts == []
    empty = admin.font_report(str(tmp_path))
    assert empty.folder_fonts == [] and empty.error is None
