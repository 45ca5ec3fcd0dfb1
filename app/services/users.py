"""Users: the first administrator, accounts with hashed passwords, and signing in."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select

from app.domain.errors import DomainError, ValidationError
from app.domain.events import Event
from app.domain.users import Action, Actor, Role
from app.persistence import tables as t
from app.services.context import Services, UnitOfWork

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The one place passwords are hashed (argon2id with the library's defaults)."""
    return _hasher.hash(password)


def _check_new_user(username: str, display_name: str, password: str) -> tuple[str, str]:
    username = username.strip()
    display_name = display_name.strip() or username
    if not username or len(username) > 40 or any(c.isspace() for c in username):
        raise ValidationError("username", "用户名不能为空、不能含空格，最长 40 个字符。")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password", f"密码至少 {MIN_PASSWORD_LENGTH} 位，请重新设置。")
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


def authenticate(svc: Services, username: str, password: str) -> Actor:
    """Sign in; the same message for an unknown user and a wrong password."""
    with svc.uow(write=False) as uow:
        row = (
            uow.session.execute(select(t.users).where(t.users.c.username == username.strip()))
            .mappings()
            .first()
        )
    wrong = DomainError("用户名或密码不正确，请重新输入。")
    if row is None or not row["active"]:
        _hasher.hash(password)  # same cost either way, so timing does not reveal usernames
        raise wrong
    try:
        _hasher.verify(row["password_hash"], password)
    except (VerificationError, InvalidHashError):
        raise wrong from None
    return Actor(row["id"], row["username"], row["display_name"], row["role"])


def user_names(svc: Services) -> dict[int, str]:
    with svc.uow(write=False) as uow:
        return dict(
            uow.session.execute(select(t.users.c.id, t.users.c.display_name)).tuples().all()
        )
