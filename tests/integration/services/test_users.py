"""Users: first administrator once, hashed passwords, sign-in with one message for every failure."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError, ValidationError
from app.domain.users import Role
from app.persistence import tables as t
from app.services import users
from tests.conftest import World


def test_first_admin_only_once_and_passwords_are_hashed(world: World) -> None:
    with pytest.raises(DomainError, match="不能再创建初始管理员"):
        users.create_first_admin(world.svc, "root", "根", "another-pass")
    with world.svc.uow(write=False) as uow:
        hashes = uow.session.execute(select(t.users.c.password_hash)).scalars().all()
    assert all(h.startswith("$argon2") for h in hashes)
    assert not any("admin-pass-1" in h for h in hashes)


def test_sign_in(world: World) -> None:
    actor = users.authenticate(world.svc, "clerk", "clerk-pass-1")
    assert actor.role is Role.CLERK and actor.display_name == "李窗口"
    for name, password in (("clerk", "wrong-pass"), ("nobody", "clerk-pass-1")):
        with pytest.raises(DomainError, match="用户名或密码不正确"):
            users.authenticate(world.svc, name, password)


def test_new_users_need_a_unique_name_and_8_characters(world: World) -> None:
    with pytest.raises(ValidationError, match="已存在"):
        users.create_user(world.svc, world.admin, "clerk", "重名", Role.CLERK, "long-enough")
    with pytest.raises(ValidationError, match="至少 8 位"):
        users.create_user(world.svc, world.admin, "new", "新人", Role.CLERK, "short")
