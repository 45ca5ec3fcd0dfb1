"""Users: first administrator once, hashed passwords, sign-in with a lockout that tells nothing,
changing one's password, and the administrator's recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError
from app.domain.users import Role
from app.persistence import tables as t
from app.services import admin, users
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


# ----- lockout (issue 8) --------------------------------------------------------------------------


def sign_in_errors(world: World, name: str, password: str, times: int) -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(DomainError) as refused:
            users.authenticate(world.svc, name, password)
        messages.append(str(refused.value))
    return messages


def events_of(world: World, *actions: str) -> list[dict[str, object]]:
    query = select(t.events).where(t.events.c.action.in_(actions)).order_by(t.events.c.id)
    with world.svc.uow(write=False) as uow:
        return [dict(row) for row in uow.session.execute(query).mappings()]


def test_five_failures_lock_the_name_for_15_minutes_and_say_until_when(world: World) -> None:
    assert users.MAX_FAILED_SIGN_INS == 5
    assert users.LOCKOUT.total_seconds() == 15 * 60
    messages = sign_in_errors(world, "clerk", "wrong-pass", 5)
    assert messages[:2] == ["用户名或密码不正确，请重新输入。"] * 2
    assert "再错 2 次" in messages[2] and "再错 1 次" in messages[3]
    locked = "登录失败次数过多，此用户名暂停登录至 9月26日 09:15，请届时再试，或请管理员解除锁定。"
    assert messages[4] == locked
    # Locked: even the right password is refused, with the same words.
    assert sign_in_errors(world, "clerk", "clerk-pass-1", 1) == [locked]
    world.clock.now += timedelta(minutes=14, seconds=59)
    assert sign_in_errors(world, "clerk", "clerk-pass-1", 1) == [locked]
    world.clock.now += timedelta(seconds=1)
    assert users.authenticate(world.svc, "clerk", "clerk-pass-1").user_id == world.clerk.user_id
    # Counting starts afresh after the lock and after a success.
    assert sign_in_errors(world, "clerk", "wrong-pass", 1) == ["用户名或密码不正确，请重新输入。"]


def test_a_success_resets_the_count(world: World) -> None:
    sign_in_errors(world, "lead", "wrong-pass", 4)
    users.authenticate(world.svc, "lead", "lead-pass-1")
    assert "暂停登录至" not in sign_in_errors(world, "lead", "wrong-pass", 4)[-1]
    users.authenticate(world.svc, "lead", "lead-pass-1")


def test_an_unknown_name_gets_the_same_messages_as_a_real_one(world: World) -> None:
    real = sign_in_errors(world, "clerk", "wrong-pass", 7)
    assert sign_in_errors(world, "nobody", "wrong-pass", 7) == real
    admin.set_user_active(world.svc, world.admin, world.supervisor.user_id, False)
    assert sign_in_errors(world, "lead", "lead-pass-1", 7) == real  # deactivated: the same


def test_every_failure_costs_one_hash_whether_the_name_exists_or_not(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    hasher = users._hasher
    monkeypatch.setattr(
        users,
        "_hasher",
        type(
            "Counting",
            (),
            {
                "hash": lambda self, p: calls.append("hash") or hasher.hash(p),
                "verify": lambda self, h, p: calls.append("verify") or hasher.verify(h, p),
            },
        )(),
    )
    for name in ("clerk", "nobody"):
        calls.clear()
        sign_in_errors(world, name, "wrong-pass", 6)  # past the lock too
        assert len(calls) == 6, name


def test_failures_and_locks_are_events_without_the_typed_name(world: World) -> None:
    sign_in_errors(world, "clerk", "wrong-pass", 5)
    sign_in_errors(world, "no-such-user", "secret-typed-here", 5)
    logged = events_of(world, "sign_in_failed", "sign_in_locked")
    assert [(e["action"], e["actor_id"]) for e in logged] == [
        *[("sign_in_failed", world.clerk.user_id)] * 4,
        ("sign_in_locked", world.clerk.user_id),
        *[("sign_in_failed", None)] * 4,
        ("sign_in_locked", None),
    ]
    assert logged[4]["details"]["locked_until"] == "2025-09-26T09:15:00+08:00"  # type: ignore[index]
    assert all(e["case_id"] is None for e in logged)
    text = repr(logged[5:])
    assert "no-such-user" not in text and "secret-typed-here" not in text


def test_the_administrator_unlocks_and_a_password_reset_unlocks_too(world: World) -> None:
    svc = world.svc
    sign_in_errors(world, "clerk", "wrong-pass", 5)
    listed = {u.username: u for u in admin.list_users(svc)}
    assert listed["clerk"].locked_until is not None and listed["lead"].locked_until is None
    with pytest.raises(PermissionDenied):
        admin.unlock_user(svc, world.supervisor, world.clerk.user_id)
    assert admin.unlock_user(svc, world.admin, world.clerk.user_id).locked_until is None
    assert users.authenticate(svc, "clerk", "clerk-pass-1").username == "clerk"
    (event,) = events_of(world, "unlock_user")
    assert event["actor_id"] == world.admin.user_id
    # Not locked: nothing to do, nothing logged.
    admin.unlock_user(svc, world.admin, world.clerk.user_id)
    assert len(events_of(world, "unlock_user")) == 1

    sign_in_errors(world, "clerk", "wrong-pass", 5)
    admin.reset_password(svc, world.admin, world.clerk.user_id, "handed-over-1")
    assert users.authenticate(svc, "clerk", "handed-over-1").username == "clerk"


def test_an_expired_lock_is_not_listed(world: World) -> None:
    sign_in_errors(world, "clerk", "wrong-pass", 5)
    world.clock.now += users.LOCKOUT
    assert all(u.locked_until is None for u in admin.list_users(world.svc))


# ----- passwords (issue 8) ------------------------------------------------------------------------


def test_changing_ones_own_password(world: World) -> None:
    svc, clerk = world.svc, world.clerk
    with pytest.raises(ValidationError, match="原密码不正确") as wrong:
        users.change_own_password(svc, clerk, "not-it", "brand-new-1")
    assert wrong.value.field == "old_password"
    with pytest.raises(ValidationError, match="至少 8 位") as short:
        users.change_own_password(svc, clerk, "clerk-pass-1", "short")
    assert short.value.field == "new_password"
    with pytest.raises(ValidationError, match="不能与原密码相同"):
        users.change_own_password(svc, clerk, "clerk-pass-1", "clerk-pass-1")
    users.change_own_password(svc, clerk, "clerk-pass-1", "brand-new-1")
    with pytest.raises(DomainError, match="用户名或密码不正确"):
        users.authenticate(svc, "clerk", "clerk-pass-1")
    assert users.authenticate(svc, "clerk", "brand-new-1").user_id == clerk.user_id
    (event,) = events_of(world, "change_own_password")
    assert event["actor_id"] == clerk.user_id
    assert "brand-new-1" not in repr(event) and "clerk-pass-1" not in repr(event)


def test_the_auditor_changes_its_own_password_and_nothing_else(world: World) -> None:
    auditor = users.create_user(
        world.svc, world.admin, "audit", "周审计", Role.AUDITOR, "audit-pass-1"
    )
    users.change_own_password(world.svc, auditor, "audit-pass-1", "audit-pass-2")
    assert users.authenticate(world.svc, "audit", "audit-pass-2").role is Role.AUDITOR
    with pytest.raises(PermissionDenied, match="审计员「周审计」无权"):
        admin.reset_password(world.svc, auditor, world.clerk.user_id, "whatever-1")


# ----- recovery (issue 8, docs/permissions.md "Recovery") -----------------------------------------


def test_recovery_resets_a_locked_administrator_without_signing_in(world: World) -> None:
    svc = world.svc
    sign_in_errors(world, "admin", "forgotten-1", 5)
    recovered = users.recover_admin(svc, "admin", "recovered-1", operator="root")
    assert recovered.user_id == world.admin.user_id
    assert users.authenticate(svc, "admin", "recovered-1").role is Role.ADMIN
    (event,) = events_of(world, "recover_admin")
    assert event["actor_id"] is None
    assert event["details"] == {
        "user_id": world.admin.user_id,
        "reactivated": False,
        "operator": "root",
    }
    assert "recovered-1" not in repr(event)


def test_recovery_reactivates_a_deactivated_administrator(world: World) -> None:
    svc = world.svc
    second = users.create_user(svc, world.admin, "admin2", "赵管理", Role.ADMIN, "admin-pass-2")
    admin.set_user_active(svc, second, world.admin.user_id, False)
    users.recover_admin(svc, "admin", "recovered-1")
    assert users.authenticate(svc, "admin", "recovered-1").user_id == world.admin.user_id


def test_recovery_is_for_administrators_and_names_them(world: World) -> None:
    with pytest.raises(DomainError, match="不是管理员"):
        users.recover_admin(world.svc, "clerk", "recovered-1")
    with pytest.raises(NotFound, match="管理员账号：admin"):
        users.recover_admin(world.svc, "root", "recovered-1")
    with pytest.raises(ValidationError, match="至少 8 位"):
        users.recover_admin(world.svc, "admin", "short")
    users.authenticate(world.svc, "clerk", "clerk-pass-1")


def test_trying_many_other_names_does_not_unlock_an_unknown_one(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(users, "_UNKNOWN_NAMES_KEPT", 3)
    locked = sign_in_errors(world, "ghost", "guess-0001", 5)[-1]
    for name in ("a1", "a2", "a3", "a4"):
        sign_in_errors(world, name, "guess-0001", 1)
    assert sign_in_errors(world, "ghost", "guess-0002", 1) == [locked]
