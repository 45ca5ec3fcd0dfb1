"""Roles: what each may do; a clerk is refused the supervisor's approvals with a clear message;
the documented matrix is the code's."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from app.domain.errors import PermissionDenied
from app.domain.users import PERMISSIONS, Action, Actor, Role

DOC_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "permissions_doc.py"


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


def load_permissions_doc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("permissions_doc", DOC_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_permissions_page_shows_the_matrix_of_the_code() -> None:
    """docs/permissions.md is generated from PERMISSIONS; a change to either must reach both."""
    script = load_permissions_doc()
    page = script.DOC.read_text("utf-8")
    assert script.render(page) == page, "run python scripts/permissions_doc.py"
    for action in Action:
        assert f"| `{action.value}` |" in page


def test_the_auditor_reads_and_changes_nothing() -> None:
    """Issue 8: checks the audit trail and who viewed identities, exports figures, own password."""
    assert PERMISSIONS[Role.AUDITOR] == {
        Action.CHANGE_OWN_PASSWORD,
        Action.VERIFY_AUDIT,
        Action.VIEW_IDENTITY_LOG,
        Action.EXPORT_REPORT,
        Action.LIST_RESTRICTIONS,
    }
    auditor = Actor(4, "audit", "周审计", Role.AUDITOR)
    with pytest.raises(PermissionDenied, match="审计员「周审计」无权"):
        auditor.require(Action.REVEAL_IDENTITY)


def test_every_role_changes_its_own_password() -> None:
    assert all(Action.CHANGE_OWN_PASSWORD in PERMISSIONS[role] for role in Role)
