"""Users: the first administrator, accounts with hashed passwords, signing in with a lockout."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from threading import Lock
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update

from app.domain.errors import DomainError, NotFound, ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor, Role
from app.persistence import tables as t
from app.services.context import Services, UnitOfWork

MIN_PASSWORD_LENGTH = 8
# Sign-in lockout (issue 8): this many failed sign-ins in a row lock the name for LOCKOUT.
# Five tries leave room for a mistyped password and a caps-lock; fifteen minutes make guessing
# impractical (about 480 tries a day) while a clerk locked out by mistake waits less than a
# queue at the counter, or an administrator unlocks at once (settings › users). Documented in
# docs/permissions.md.
MAX_FAILED_SIGN_INS = 5
LOCKOUT = timedelta(minutes=15)
# Warn on the last tries before the lock, so nobody is locked out by surprise.
WARN_WHEN_REMAINING = 2
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The one place passwords are hashed (argon2id with the library's defaults)."""
    return _hasher.hash(password)


def _check_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(field, f"密码至少 {MIN_PASSWORD_LENGTH} 位，请重新设置。")


def _check_new_user(username: str, display_name: str, password: str) -> tuple[str, str]:
    username = username.strip()
    display_name = display_name.strip() or username
    if not username or len(username) > 40 or any(c.isspace() for c in username):
        raise ValidationError("username", "用户名不能为空、不能含空格，最长 40 个字符。")
    _check_password(password)
    return username, display_name


def _insert_user(
    svc: Services,
    uow: UnitOfWork,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    by: int | None,
) -> Actor:
    exists = uow.session.execute(select(t.users.c.id).where(t.users.c.username == username)).first()
    if exists:
        raise ValidationError("username", f"用户名「{username}」已存在，请换一个。")
    now = svc.now()
    user_id = uow.session.execute(
        insert(t.users)
        .values(
            username=username,
            display_name=display_name,
            role=role,
            password_hash=hash_password(password),
            active=True,
            created_at=now,
        )
        .returning(t.users.c.id)
    ).scalar_one()
    uow.session.add(
        Event(
            action="create_user",
            at=now,
            actor_id=by if by is not None else user_id,
            summary=f"创建用户「{display_name}」（{role.label}）",
            details={"user_id": user_id, "role": role.value},
        )
    )
    return Actor(user_id, username, display_name, role)


def has_users(svc: Services) -> bool:
    with svc.uow(write=False) as uow:
        return bool(uow.session.execute(select(func.count()).select_from(t.users)).scalar_one())


def create_first_admin(svc: Services, username: str, display_name: str, password: str) -> Actor:
    """The first run creates an administrator; once any user exists this is refused."""
    username, display_name = _check_new_user(username, display_name, password)
    with svc.uow() as uow:
        if uow.session.execute(select(func.count()).select_from(t.users)).scalar_one():
            raise DomainError("系统已有用户，不能再创建初始管理员；请由管理员在用户管理中添加。")
        actor = _insert_user(svc, uow, username, display_name, Role.ADMIN, password, None)
        uow.commit()
    return actor


def create_user(
    svc: Services, actor: Actor, username: str, display_name: str, role: Role, password: str
) -> Actor:
    actor.require(Action.MANAGE_USERS)
    username, display_name = _check_new_user(username, display_name, password)
    with svc.uow() as uow:
        created = _insert_user(svc, uow, username, display_name, role, password, actor.user_id)
        uow.commit()
    return created


# ----- signing in -------------------------------------------------------------------------------


def describe_moment(moment: datetime) -> str:
    """A lock's end as the clerk reads it: 11月23日 23:15 (Shanghai time, as stored)."""
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"


def locked_message(until: datetime) -> str:
    """The same words for every name, known or not (issue 8: the lock tells nothing)."""
    return (
        f"登录失败次数过多，此用户名暂停登录至 {describe_moment(until)}，"
        "请届时再试，或请管理员解除锁定。"
    )


def wrong_message(failures: int) -> str:
    remaining = MAX_FAILED_SIGN_INS - failures
    if remaining > WARN_WHEN_REMAINING:
        return "用户名或密码不正确，请重新输入。"
    return (
        f"用户名或密码不正确，请重新输入；再错 {remaining} 次，"
        f"此用户名将暂停登录 {int(LOCKOUT.total_seconds()) // 60} 分钟。"
    )


@dataclass
class _Strikes:
    failures: int = 0
    locked_until: datetime | None = None


# Names that are not accounts (or deactivated ones) lock exactly like accounts, or the lock
# would tell which names exist. There is no account row to count on, and writing every typed
# name to the database would keep passwords typed into the name field; so they are counted in
# memory, per database and per process. A name under a lock is never dropped to make room, so
# trying many other names cannot unlock it early (at one hash per try, 15 minutes allow far
# fewer than this many locks). Limits: a restart, or another counter on the same PostgreSQL
# database, does not see these counts (docs/permissions.md).
_UNKNOWN_NAMES_KEPT = 10_000
_unknown: dict[str, OrderedDict[str, _Strikes]] = {}
_unknown_lock = Lock()


def _unknown_strike(svc: Services, name: str, now: datetime) -> tuple[int, datetime | None, bool]:
    """Count a failure for a name with no active account: (failures, locked until, was locked)."""
    with _unknown_lock:
        names = _unknown.setdefault(svc.database.url, OrderedDict())
        strikes = names.pop(name, None) or _Strikes()
        names[name] = strikes
        if len(names) > _UNKNOWN_NAMES_KEPT:
            _forget_one(names, now)
        return _strike(strikes, now)


def _forget_one(names: OrderedDict[str, _Strikes], now: datetime) -> None:
    """Drop the least recent name that is not locked (the oldest of all if every one is)."""
    for key, strikes in names.items():
        if strikes.locked_until is None or strikes.locked_until <= now:
            del names[key]
            return
    names.popitem(last=False)


def _strike(strikes: _Strikes, now: datetime) -> tuple[int, datetime | None, bool]:
    """One failed sign-in against a count: the rule shared by accounts and unknown names."""
    if strikes.locked_until is not None and strikes.locked_until > now:
        return strikes.failures, strikes.locked_until, True
    strikes.locked_until = None
    strikes.failures += 1
    if strikes.failures >= MAX_FAILED_SIGN_INS:
        # The count restarts after a lock: the next five failures lock again.
        strikes.failures, strikes.locked_until = 0, now + LOCKOUT
    return strikes.failures, strikes.locked_until, False


def _refusal(failures: int, locked_until: datetime | None) -> DomainError:
    if locked_until is not None:
        return DomainError(locked_message(locked_until))
    return DomainError(wrong_message(failures))


def _user_by_name(uow: UnitOfWork, username: str) -> dict[str, Any] | None:
    row = (
        uow.session.execute(select(t.users).where(t.users.c.username == username))
        .mappings()
        .first()
    )
    return dict(row) if row is not None else None


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(row["id"], row["username"], row["display_name"], row["role"])


def _log_failure(
    uow: UnitOfWork,
    who: Actor | None,
    now: datetime,
    failures: int,
    locked_until: datetime | None,
    was_locked: bool,
) -> None:
    """A failed sign-in is an event; so is the lock it causes (issue 8). The typed name of an
    unknown account is not recorded (it is sometimes a password typed in the wrong field)."""
    name = f"用户「{who.display_name}」" if who is not None else "不存在或已停用的用户名"
    if was_locked:
        action, summary = "sign_in_failed", f"{name}在暂停登录期间尝试登录，已拒绝"
    elif locked_until is not None:
        action = "sign_in_locked"
        summary = f"{name}连续 {MAX_FAILED_SIGN_INS} 次登录失败，暂停登录至 {describe_moment(locked_until)}"
    else:
        action, summary = "sign_in_failed", f"{name}登录失败（连续第 {failures} 次）"
    details: dict[str, Any] = {"failures": failures, "account": who is not None}
    if locked_until is not None:
        details["locked_until"] = locked_until.isoformat()
    if who is not None:
        uow.log(who, now, action, summary, None, **details)
    else:
        uow.session.add(
            Event(action=action, at=now, actor_id=None, summary=summary, details=details)
        )


def authenticate(svc: Services, username: str, password: str) -> Actor:
    """Sign in, or refuse with the same words for an unknown name and a wrong password.

    Every path hashes once and writes once on failure, so neither the message nor the time
    taken tells whether a name exists. A locked name is refused even with the right password.
    """
    name = username.strip()
    now = svc.now()
    with svc.uow(write=False) as uow:
        row = _user_by_name(uow, name)
    if row is None or not row["active"]:
        _hasher.hash(password)  # same cost either way, so timing does not reveal usernames
        failures, locked_until, was_locked = _unknown_strike(svc, name, now)
        with svc.uow() as uow:
            _log_failure(uow, None, now, failures, locked_until, was_locked)
            uow.commit()
        raise _refusal(failures, locked_until)
    try:
        _hasher.verify(row["password_hash"], password)
        right = True
    except (VerificationError, InvalidHashError):
        right = False
    with svc.uow() as uow:
        # Read again under the write lock (FOR UPDATE on PostgreSQL): two counters failing at
        # once must both count.
        current = (
            uow.session.execute(
                select(t.users.c.failed_sign_ins, t.users.c.locked_until)
                .where(t.users.c.id == row["id"])
                .with_for_update()
            )
            .mappings()
            .one()
        )
        strikes = _Strikes(current["failed_sign_ins"], current["locked_until"])
        locked = strikes.locked_until is not None and strikes.locked_until > now
        if right and not locked:
            if strikes.failures or strikes.locked_until is not None:
                _set_strikes(uow, row["id"], 0, None)
                uow.commit()
            return _actor(row)
        failures, locked_until, was_locked = _strike(strikes, now)
        _set_strikes(uow, row["id"], failures, locked_until)
        _log_failure(uow, _actor(row), now, failures, locked_until, was_locked)
        uow.commit()
    raise _refusal(failures, locked_until)


def _set_strikes(uow: UnitOfWork, user_id: int, failures: int, until: datetime | None) -> None:
    uow.session.execute(
        update(t.users)
        .where(t.users.c.id == user_id)
        .values(failed_sign_ins=failures, locked_until=until)
    )


# ----- passwords ----------------------------------------------------------------------------------


def change_own_password(svc: Services, actor: Actor, old: str, new: str) -> None:
    """The signed-in user replaces their password; the old one must be given (issue 8)."""
    actor.require(Action.CHANGE_OWN_PASSWORD)
    if not old:
        raise ValidationError("old_password", "请输入原密码。")
    with svc.uow(write=False) as uow:
        row = (
            uow.session.execute(
                select(t.users.c.password_hash, t.users.c.active).where(
                    t.users.c.id == actor.user_id
                )
            )
            .mappings()
            .first()
        )
    if row is None or not row["active"]:
        raise DomainError("此账号已停用或已不存在，不能修改密码；请联系管理员。")
    try:
        _hasher.verify(row["password_hash"], old)
    except (VerificationError, InvalidHashError):
        raise ValidationError("old_password", "原密码不正确，密码没有修改。") from None
    _check_password(new, "new_password")
    if new == old:
        raise ValidationError("new_password", "新密码不能与原密码相同。")
    new_hash = hash_password(new)  # outside the write transaction: hashing takes a while
    with svc.uow() as uow:
        uow.session.execute(
            update(t.users).where(t.users.c.id == actor.user_id).values(password_hash=new_hash)
        )
        # Who and when, never what.
        uow.log(
            actor,
            svc.now(),
            "change_own_password",
            f"用户「{actor.display_name}」修改了自己的密码",
            None,
        )
        uow.commit()


def administrators(svc: Services) -> list[str]:
    """The user names of the administrator accounts (for the recovery command's messages)."""
    u = t.users.c
    query = select(u.username).where(u.role == Role.ADMIN.value).order_by(u.username)
    with svc.uow(write=False) as uow:
        return list(uow.session.execute(query).scalars())


def recover_admin(svc: Services, username: str, new_password: str, *, operator: str = "") -> Actor:
    """Recovery: a new password for an administrator, unlocked and active again.

    No signed-in actor: this runs from the command line on the machine that holds the database
    (``towndesk user reset-password --username U``). Whoever can open the database file can
    already read and change every row, so it gives nothing away that the file does not; it is
    the one way in that no lockout, lost password or deactivation can close (docs/permissions.md,
    "Recovery"). ``operator`` names who ran it (the system user), recorded in the event.
    """
    _check_password(new_password)
    new_hash = hash_password(new_password)
    known = "、".join(administrators(svc)) or "（无）"
    with svc.uow() as uow:
        row = _user_by_name(uow, username.strip())
        if row is None:
            raise NotFound(f"没有用户名为「{username.strip()}」的账号。管理员账号：{known}。")
        if row["role"] is not Role.ADMIN:
            raise DomainError(
                f"「{row['display_name']}」不是管理员；命令行恢复只用于管理员账号，"
                "其他用户的密码请由管理员在 设置 › 用户 中重置。"
            )
        uow.session.execute(
            update(t.users)
            .where(t.users.c.id == row["id"])
            .values(password_hash=new_hash, failed_sign_ins=0, locked_until=None, active=True)
        )
        details: dict[str, Any] = {"user_id": row["id"], "reactivated": not row["active"]}
        if operator.strip():
            details["operator"] = operator.strip()
        uow.session.add(
            Event(
                action="recover_admin",
                at=svc.now(),
                actor_id=None,
                summary=(
                    f"在数据库所在计算机上用命令行重置管理员「{row['display_name']}」的密码，"
                    "解除锁定" + ("并恢复启用" if not row["active"] else "")
                ),
                details=details,
            )
        )
        uow.commit()
    return _actor(row)


def user_names(svc: Services) -> dict[int, str]:
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(select(t.users.c.id, t.users.c.display_name))
        return {user_id: name for user_id, name in rows}
