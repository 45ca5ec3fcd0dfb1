"""The administrator's settings: centre details, units, users, holiday calendar, rules, fonts, backups.

Every change checks the actor's role and writes an event, as every other service does; settings
kept as key/value go through ``settings.set_setting`` (which does both). Nothing here returns a
password hash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from app.calendar import YearSchedule, dump_schedule_file, schedule_from_package
from app.calendar.bounds import check_year
from app.documents.fonts import FontFace, find_faces, load_fonts
from app.documents.payloads import DocType
from app.domain.codes import format_case_number, validate_centre_code
from app.domain.errors import DomainError, NotFound, ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor, Role
from app.domain.vocabulary import OPEN_STATES
from app.persistence import tables as t
from app.services import settings
from app.services.context import Services, UnitOfWork
from app.services.units import Unit
from app.services.users import MIN_PASSWORD_LENGTH, hash_password

CENTRE_KEYS = ("centre_name", "centre_code", "centre_address", "centre_phone", "document_prefix")
BACKUP_DIR_KEY = "backup_dir"


# ----- centre details -------------------------------------------------------------------------


@dataclass(frozen=True)
class CentreInfo:
    """What every printed document says about the centre, and the code in every case number."""

    centre_name: str
    centre_code: str
    centre_address: str
    centre_phone: str
    document_prefix: str


def centre_info(svc: Services) -> CentreInfo:
    with svc.uow(write=False) as uow:
        return CentreInfo(**{key: str(uow.setting(key) or "") for key in CENTRE_KEYS})


def save_centre_info(svc: Services, actor: Actor, info: CentreInfo) -> list[str]:
    """Store the fields that changed (one event each); returns their keys."""
    actor.require(Action.MANAGE_SETTINGS)
    if not info.centre_name.strip():
        raise ValidationError("centre_name", "请填写中心名称，它会印在每一份文书上。")
    # Checked before anything is written, so a bad code never leaves half the fields saved.
    validate_centre_code(info.centre_code)
    current = centre_info(svc)
    changed = []
    for key in CENTRE_KEYS:
        value = str(getattr(info, key)).strip()
        if key == "centre_code":
            value = validate_centre_code(value)
        if value != getattr(current, key):
            settings.set_setting(svc, actor, key, value)
            changed.append(key)
    return changed


def document_number_example(prefix: str, year: int, sequence: int = 1) -> str:
    """A receipt's number as it will print, e.g. 江城便民受〔2026〕1号."""
    return f"{prefix.strip()}{DocType.RECEIPT.abbreviation}〔{year}〕{sequence}号"


def case_number_example(centre_code: str, day: date, sequence: int = 1) -> str:
    """A case number as the next registration would make it; raises on an invalid code."""
    return format_case_number(validate_centre_code(centre_code), day, sequence)


# ----- handling units -------------------------------------------------------------------------


def _unit_row(uow: UnitOfWork, unit_id: int) -> Unit:
    row = uow.session.execute(select(t.units).where(t.units.c.id == unit_id)).mappings().first()
    if row is None:
        raise NotFound(f"找不到承办单位（编号 {unit_id}），可能已被删除。")
    return Unit(**row)


def open_cases_at_unit(svc: Services, unit_id: int) -> int:
    """How many unfinished cases the unit holds (they stay with it if it is deactivated)."""
    query = (
        select(func.count())
        .select_from(t.cases)
        .where(t.cases.c.unit_id == unit_id, t.cases.c.state.in_([s.value for s in OPEN_STATES]))
    )
    with svc.uow(write=False) as uow:
        return int(uow.session.execute(query).scalar_one())


def update_unit(svc: Services, actor: Actor, unit_id: int, *, leader: str, phone: str) -> Unit:
    """Change a unit's contact person and phone; its code and name stay (they are on record)."""
    actor.require(Action.MANAGE_UNITS)
    leader, phone = leader.strip(), phone.strip()
    if len(leader) > 40:
        raise ValidationError("leader", "负责人姓名最长 40 个字符。")
    if len(phone) > 20:
        raise ValidationError("phone", "联系电话最长 20 个字符。")
    with svc.uow() as uow:
        before = _unit_row(uow, unit_id)
        uow.session.execute(
            update(t.units).where(t.units.c.id == unit_id).values(leader=leader, phone=phone)
        )
        uow.session.add(
            Event(
                action="update_unit",
                at=svc.now(),
                actor_id=actor.user_id,
                summary=f"修改承办单位「{before.name}」的负责人和电话",
                details={
                    "unit_id": unit_id,
                    "before": {"leader": before.leader, "phone": before.phone},
                    "after": {"leader": leader, "phone": phone},
                },
            )
        )
        uow.commit()
    return Unit(before.id, before.code, before.name, leader, phone, before.active)


def set_unit_active(svc: Services, actor: Actor, unit_id: int, active: bool) -> Unit:
    """Deactivate a unit (no new dispatches to it; its open cases stay with it) or bring it back."""
    actor.require(Action.MANAGE_UNITS)
    with svc.uow() as uow:
        before = _unit_row(uow, unit_id)
        if before.active == active:
            return before
        uow.session.execute(update(t.units).where(t.units.c.id == unit_id).values(active=active))
        uow.session.add(
            Event(
                action="reactivate_unit" if active else "deactivate_unit",
                at=svc.now(),
                actor_id=actor.user_id,
                summary=f"{'恢复启用' if active else '停用'}承办单位「{before.name}」",
                details={"unit_id": unit_id},
            )
        )
        uow.commit()
    return Unit(before.id, before.code, before.name, before.leader, before.phone, active)


# ----- users ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserInfo:
    """A user account as the administrator sees it: never the password hash."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    created_at: datetime
    # The end of a sign-in lock still running (issue 8); None when the user may sign in.
    locked_until: datetime | None = None


def _user_columns() -> tuple[Any, ...]:
    u = t.users.c
    return (u.id, u.username, u.display_name, u.role, u.active, u.created_at, u.locked_until)


def _user_info(row: Any, now: datetime) -> UserInfo:
    info = dict(row)
    # A lock that has run out is no lock: the next sign-in starts afresh.
    if info["locked_until"] is not None and info["locked_until"] <= now:
        info["locked_until"] = None
    return UserInfo(**info)


def list_users(svc: Services) -> list[UserInfo]:
    query = select(*_user_columns()).order_by(t.users.c.username)
    now = svc.now()
    with svc.uow(write=False) as uow:
        return [_user_info(row, now) for row in uow.session.execute(query).mappings()]


def _user_row(uow: UnitOfWork, user_id: int, now: datetime) -> UserInfo:
    row = (
        uow.session.execute(select(*_user_columns()).where(t.users.c.id == user_id))
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"找不到用户（编号 {user_id}），可能已被删除。")
    return _user_info(row, now)


def _other_active_admins(uow: UnitOfWork, user_id: int) -> int:
    u = t.users.c
    query = (
        select(func.count())
        .select_from(t.users)
        .where(u.role == Role.ADMIN.value, u.active.is_(True), u.id != user_id)
    )
    return int(uow.session.execute(query).scalar_one())


def _keep_an_administrator(uow: UnitOfWork, actor: Actor, target: UserInfo, what: str) -> None:
    if target.id == actor.user_id:
        raise DomainError(f"不能{what}自己的账号；请由另一位管理员办理。")
    if target.role is Role.ADMIN and target.active and not _other_active_admins(uow, target.id):
        raise DomainError(f"「{target.display_name}」是唯一在用的管理员，不能{what}。")


def set_user_role(svc: Services, actor: Actor, user_id: int, role: Role) -> UserInfo:
    actor.require(Action.MANAGE_USERS)
    with svc.uow() as uow:
        target = _user_row(uow, user_id, svc.now())
        if target.role is role:
            return target
        if target.role is Role.ADMIN:
            _keep_an_administrator(uow, actor, target, "更改角色")
        elif target.id == actor.user_id:
            raise DomainError("不能更改自己的角色；请由另一位管理员办理。")
        uow.session.execute(update(t.users).where(t.users.c.id == user_id).values(role=role))
        uow.session.add(
            Event(
                action="change_user_role",
                at=svc.now(),
                actor_id=actor.user_id,
                summary=f"将用户「{target.display_name}」的角色由{target.role.label}改为{role.label}",
                details={"user_id": user_id, "before": target.role.value, "after": role.value},
            )
        )
        uow.commit()
    return replace(target, role=role)


def set_user_active(svc: Services, actor: Actor, user_id: int, active: bool) -> UserInfo:
    """Deactivate an account (it can no longer sign in; its history stays) or bring it back."""
    actor.require(Action.MANAGE_USERS)
    with svc.uow() as uow:
        target = _user_row(uow, user_id, svc.now())
        if target.active == active:
            return target
        if not active:
            _keep_an_administrator(uow, actor, target, "停用")
        uow.session.execute(update(t.users).where(t.users.c.id == user_id).values(active=active))
        uow.session.add(
            Event(
                action="reactivate_user" if active else "deactivate_user",
                at=svc.now(),
                actor_id=actor.user_id,
                summary=f"{'恢复启用' if active else '停用'}用户「{target.display_name}」",
                details={"user_id": user_id},
            )
        )
        uow.commit()
    return replace(target, active=active)


def reset_password(svc: Services, actor: Actor, user_id: int, new_password: str) -> None:
    """Set a new password the administrator hands over; the event records who, never what.

    It also lifts a sign-in lock: the user is about to be given the password in person.
    """
    actor.require(Action.MANAGE_USERS)
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password", f"密码至少 {MIN_PASSWORD_LENGTH} 位，请重新设置。")
    new_hash = hash_password(new_password)
    with svc.uow() as uow:
        target = _user_row(uow, user_id, svc.now())
        uow.session.execute(
            update(t.users)
            .where(t.users.c.id == user_id)
            .values(password_hash=new_hash, failed_sign_ins=0, locked_until=None)
        )
        uow.session.add(
            Event(
                action="reset_password",
                at=svc.now(),
                actor_id=actor.user_id,
                summary=f"重置用户「{target.display_name}」的密码",
                details={"user_id": user_id},
            )
        )
        uow.commit()


def unlock_user(svc: Services, actor: Actor, user_id: int) -> UserInfo:
    """Lift a sign-in lock before it runs out (issue 8); the failure count starts again."""
    actor.require(Action.MANAGE_USERS)
    now = svc.now()
    with svc.uow() as uow:
        target = _user_row(uow, user_id, now)
        if target.locked_until is None:
            return target
        uow.session.execute(
            update(t.users)
            .where(t.users.c.id == user_id)
            .values(failed_sign_ins=0, locked_until=None)
        )
        uow.log(
            actor,
            now,
            "unlock_user",
            f"解除用户「{target.display_name}」的登录锁定",
            None,
            user_id=user_id,
            locked_until=target.locked_until.isoformat(),
        )
        uow.commit()
    return replace(target, locked_until=None)


# ----- holiday calendar -----------------------------------------------------------------------


class DayType(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday
    HOLIDAY = "holiday"  # a weekday off: statutory holiday or 调休 day off
    SWAPPED_WORKDAY = "swapped_workday"  # a weekend day worked (调休上班)

    @property
    def label(self) -> str:
        return {
            "workday": "工作日",
            "weekend": "休息日",
            "holiday": "放假",
            "swapped_workday": "调休上班",
        }[self.value]

    @property
    def working(self) -> bool:
        return self in (DayType.WORKDAY, DayType.SWAPPED_WORKDAY)


@dataclass(frozen=True)
class YearCalendar:
    """One year as the deadlines count it, with where its holidays come from."""

    year: int
    days: dict[date, DayType]
    provisional: bool
    source: str
    loaded_at: datetime | None
    warning: str | None

    def dates_of(self, day_type: DayType) -> list[date]:
        return sorted(d for d, kind in self.days.items() if kind is day_type)


def year_calendar(svc: Services, year: int) -> YearCalendar:
    check_year(year)
    calendar = svc.calendar
    with svc.uow(write=False) as uow:
        row = (
            uow.session.execute(
                select(t.calendar_schedules.c.source, t.calendar_schedules.c.loaded_at).where(
                    t.calendar_schedules.c.year == year
                )
            )
            .mappings()
            .first()
        )
    days: dict[date, DayType] = {}
    day = date(year, 1, 1)
    while day.year == year:
        weekend = day.weekday() >= 5
        if calendar.is_working_day(day):
            days[day] = DayType.SWAPPED_WORKDAY if weekend else DayType.WORKDAY
        else:
            days[day] = DayType.WEEKEND if weekend else DayType.HOLIDAY
        day += timedelta(days=1)
    provisional = calendar.is_provisional_year(year)
    if row is not None:
        source, loaded_at = f"管理员导入：{row['source']}", row["loaded_at"]
    elif provisional:
        source, loaded_at = "暂定：仅按法定节假日推算（不含调休）", None
    else:
        source, loaded_at = "程序内置的国务院办公厅放假安排（holidays 软件包）", None
    warning = (
        f"{year}年节假日安排尚未发布：这里的放假日按法定节假日推算，不含调休，涉及该年的期限均为暂定。"
        "国务院办公厅公布放假安排后，请“导出模板…”，按通知填写后再“导入安排…”。"
        if provisional
        else None
    )
    return YearCalendar(year, days, provisional, source, loaded_at, warning)


@dataclass(frozen=True)
class TemplateWritten:
    year: int
    holidays: int
    workdays: int
    known: bool  # False: the year is not announced, an empty skeleton was written


def export_calendar_template(svc: Services, year: int, path: Path) -> TemplateWritten:
    """Write the schedule the calendar uses for ``year`` as an editable file (a skeleton if none)."""
    check_year(year)
    with svc.uow(write=False) as uow:
        row = (
            uow.session.execute(
                select(t.calendar_schedules).where(t.calendar_schedules.c.year == year)
            )
            .mappings()
            .first()
        )
    schedule = (
        YearSchedule(
            year=year,
            holidays=frozenset(date.fromisoformat(d) for d in row["holidays"]),
            workdays=frozenset(date.fromisoformat(d) for d in row["workdays"]),
            source=row["source"],
        )
        if row is not None
        else schedule_from_package(year)
    )
    try:
        if schedule is not None:
            dump_schedule_file(schedule, path)
            return TemplateWritten(year, len(schedule.holidays), len(schedule.workdays), True)
        # As the command line does: an empty source makes loading the unedited skeleton fail
        # instead of silently recording "no holidays".
        skeleton = {"year": year, "source": "", "holidays": [], "workdays": []}
        path.write_text(json.dumps(skeleton, ensure_ascii=False, indent=2) + "\n", "utf-8")
    except OSError as exc:
        raise DomainError(f"无法写入文件 {path}：{exc.strerror or exc}") from None
    return TemplateWritten(year, 0, 0, False)


# ----- rule profiles --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileInfo:
    key: str
    name: str
    valid_from: date
    valid_until: date | None
    lapse_warning: str | None


def profiles(svc: Services) -> list[ProfileInfo]:
    today = svc.today()
    registry = svc.profiles
    result = []
    # ProfileRegistry is not a dict: keys() is its own sorted list.
    known = registry.keys()
    for key in known:
        profile = registry.get(key)
        result.append(
            ProfileInfo(
                key,
                profile.name,
                profile.valid_from,
                profile.valid_until,
                profile.lapse_warning(today),
            )
        )
    return result


def profile_schedule(svc: Services) -> list[tuple[date, str]]:
    with svc.uow(write=False) as uow:
        return sorted(svc.profile_schedule(uow).entries)


def save_profile_schedule(svc: Services, actor: Actor, entries: list[tuple[date, str]]) -> None:
    """Which profile from which date; new cases take the one in force on their registration day."""
    actor.require(Action.MANAGE_SETTINGS)
    if not entries:
        raise ValidationError("profile_schedule", "至少要有一项规则配置安排。")
    starts = [start for start, _ in entries]
    if len(set(starts)) != len(starts):
        raise ValidationError("profile_schedule", "同一日期只能安排一项规则配置。")
    first = min(starts)
    if first > svc.today():
        raise ValidationError(
            "profile_schedule",
            f"最早的一项从 {first} 起才生效，今天就没有适用的规则配置；请让最早一项从今天或更早开始。",
        )
    value = [[start.isoformat(), key] for start, key in sorted(entries)]
    settings.set_setting(svc, actor, "profile_schedule", value)


def urgent_list(svc: Services) -> list[str]:
    return [str(item) for item in settings.get_setting(svc, "urgent_list")]


def save_urgent_list(svc: Services, actor: Actor, items: list[str]) -> None:
    settings.set_setting(svc, actor, "urgent_list", items)


# ----- fonts and backups ----------------------------------------------------------------------


_STYLE_LABELS = {
    "xiaobiaosong": "小标宋",
    "fangsong": "仿宋",
    "song": "宋体",
    "kai": "楷体",
    "hei": "黑体",
}
_ROLE_LABELS = {"title": "标题", "body": "正文", "hei": "表头、标注"}


@dataclass(frozen=True)
class FontInfo:
    family: str
    style: str  # 仿宋, 宋体, …
    path: str
    from_folder: bool  # from the configured folder (else a system font)


@dataclass(frozen=True)
class FontReport:
    """What the documents will print with, given a font folder ('' = the system's fonts only)."""

    folder: str
    folder_fonts: list[FontInfo]
    roles: list[tuple[str, FontInfo]]  # (标题/正文/…, the face chosen)
    error: str | None


def _font_info(face: FontFace) -> FontInfo:
    style = _STYLE_LABELS.get(face.style.value, face.style.value)
    return FontInfo(face.family, style, str(face.path), face.configured)


def font_report(font_dir: str) -> FontReport:
    """Look for fonts as printing will (slow: reads font files); no database, no role needed."""
    folder = Path(font_dir) if font_dir.strip() else None
    folder_fonts = (
        [_font_info(f) for f in find_faces(font_dir=folder, system_dirs=[])] if folder else []
    )
    try:
        fonts = load_fonts(font_dir=folder)
    except DomainError as exc:
        return FontReport(font_dir, folder_fonts, [], str(exc))
    roles = [
        (_ROLE_LABELS.get(role.value, role.value), _font_info(face))
        for role, face in fonts.roles.items()
    ]
    return FontReport(font_dir, folder_fonts, roles, None)


def _check_folder(path: str, what: str) -> str:
    path = path.strip()
    if path and not Path(path).is_dir():
        raise ValidationError(what, f"文件夹不存在：{path}，请重新选择。")
    return path


def set_font_dir(svc: Services, actor: Actor, path: str) -> None:
    actor.require(Action.MANAGE_SETTINGS)
    settings.set_setting(svc, actor, "font_dir", _check_folder(path, "font_dir"))


def backup_dir(svc: Services) -> str:
    return str(settings.get_setting(svc, BACKUP_DIR_KEY) or "")


def set_backup_dir(svc: Services, actor: Actor, path: str) -> None:
    actor.require(Action.MANAGE_SETTINGS)
    settings.set_setting(svc, actor, BACKUP_DIR_KEY, _check_folder(path, BACKUP_DIR_KEY))
