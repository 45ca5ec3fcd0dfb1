"""Roles: what each may do; a clerk is refused the supervisor's approvals with a clear message."""

from __future__ import annotations

import pytest

from app.domain.errors import PermissionDenied
from app.domain.users import PERMISSIONS, Action, Actor, Role


@pytest.mark.parametrize("action", [Action.DECIDE_RETURN, Action.DECIDE_EXTENSION, Action.REVIEW])
def test_a_supervisor_approves_returns_extensions_and_reviews(action: Action) -> None:
    clerk = Actor(1, "clerk", "李窗口", Role.CLERK)
    with pytest.raises(PermissionDenied, match="窗口人员「李窗口」无权"):
        clerk.require(action)
    Actor(2, "lead", "王负责", Role.SUPERVISOR).require(action)


def test_only_the_administrator_manages_users_units_and_calendar() -> None:
    for action in (Action.MANAGE_USERS, Action.MANAGE_UNITS, Action.MANAGE_CALENDAR):
        assert PERMISSIONS[Role.ADMIN] >= {action}
        assert action not in PERMISSIONS[Role.SUPERVISOR]
        assert action not in PERMISSIONS[Role.CLERK]


def test_every_action_is_allowed_to_some_role() -> None:
    assert set(Action) == set().union(*PERMISSIONS.values())
