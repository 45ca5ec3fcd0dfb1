"""Every action × every role through the real services: refused exactly when the matrix says so.

docs/permissions.md promises that each permission is enforced in the services, not only by
greyed-out buttons (issue 8). For every ``Action`` one call of the service function that
requires it runs as each role on a real database; ``PermissionDenied`` must come exactly when
the role lacks the action. When the role has it, any other refusal (NotFound, a state rule, a
validation) is fine: the permission check came first and passed. Also the maker–checker rule of
returns and extensions (a request is never decided by whoever recorded it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from app.calendar import YearSchedule
from app.documents.payloads import DocType
from app.domain.callbacks import CallbackOutcome
from app.domain.errors import DomainError, PermissionDenied
from app.domain.reporting import parse_period
from app.domain.rewards.claims import NoticeMethod, PaymentMethod, Verification
from app.domain.rewards.exclusions import ExclusionCategory
from app.domain.rewards.objections import ObjectionGround
from app.domain.users import PERMISSIONS, Action, Actor, Role
from app.domain.vocabulary import CaseState, ContactMethod, Kind, RefusalGround, Satisfaction
from app.persistence.types import SHANGHAI
from app.services import (
    admin,
    audit,
    backup,
    calendar_admin,
    callbacks,
    case_view,
    duplicates,
    exclusions,
    handling,
    identity_log,
    imports,
    ledgers,
    printing,
    registration,
    restrictions,
    retention,
    rewards,
    settings,
    statistics,
    units,
    users,
)
from app.services.case_view import reveal_identity
from app.services.context import Services
from app.services.registration import PersonInput, RegistrationForm
from tests.conftest import World, valid_resident_id


@dataclass(frozen=True)
class Target:
    """What the calls act on: a registered case, a unit to send it to, a file to attach."""

    svc: Services
    case_id: int
    unit_id: int
    photo: Path


Thunk = Callable[[Target, Actor], object]

NOW = datetime(2025, 9, 26, 9, 0, tzinfo=SHANGHAI)
PERIOD = parse_period("2025-09")
NO_SUCH = 999_999


def form() -> RegistrationForm:
    return RegistrationForm(
        kind=Kind.COMPLAINT,
        content="小区垃圾三天未清运",
        occurred="本周一至周三",
        place="江城区幸福小区",
        submitters=[
            PersonInput(
                name="陈美玲",
                doc_number=valid_resident_id("44170419880215004"),
                phone="13712345678",
            )
        ],
    )


VERIFICATION = Verification(
    verified=True,
    penalty_imposed=True,
    decision_number="阳消行罚决字〔2025〕1号",
    decision_date=date(2025, 9, 20),
    fine_fen=500_000,
    brigade="江城区消防救援大队",
    closing_date=date(2025, 9, 22),
    filed_on=date(2025, 9, 25),
)

# One call per action: the real service function that requires it (grep `require(Action.` in
# app/services). Each gets the case registered by the administrator for the test.
CALLS: dict[Action, Thunk] = {
    Action.REGISTER: lambda w, a: registration.register(w.svc, a, form()),
    Action.REFUSE: lambda w, a: handling.refuse(
        w.svc, a, w.case_id, RefusalGround.OUTSIDE_JURISDICTION, "不属本市管辖"
    ),
    Action.REQUEST_MATERIALS: lambda w, a: handling.request_materials(
        w.svc, a, w.case_id, ["现场照片"]
    ),
    Action.SUPPLY_MATERIALS: lambda w, a: handling.supply_materials(w.svc, a, w.case_id, "已补"),
    Action.WITHDRAW: lambda w, a: handling.withdraw_for_missing_materials(w.svc, a, w.case_id),
    Action.ACCEPT: lambda w, a: handling.accept(w.svc, a, w.case_id),
    Action.ANSWER_AT_ONCE: lambda w, a: handling.answer_at_once(w.svc, a, w.case_id, "已答复"),
    Action.DISPATCH: lambda w, a: handling.dispatch(w.svc, a, w.case_id, w.unit_id),
    Action.REQUEST_RETURN: lambda w, a: handling.request_return(
        w.svc, a, w.case_id, "不属本单位", "三定方案"
    ),
    Action.DECIDE_RETURN: lambda w, a: handling.refuse_return(w.svc, a, w.case_id, "属本单位"),
    Action.REQUEST_EXTENSION: lambda w, a: handling.request_extension(
        w.svc, a, w.case_id, 2, "需协调", "条例"
    ),
    Action.DECIDE_EXTENSION: lambda w, a: handling.decide_extension(
        w.svc, a, w.case_id, approve=True
    ),
    Action.RECORD_CONTACT: lambda w, a: handling.record_contact(
        w.svc, a, w.case_id, ContactMethod.PHONE
    ),
    Action.SUBMIT_RESULT: lambda w, a: handling.submit_result(
        w.svc, a, w.case_id, handled_at=NOW, method="现场", outcome="已清运", basis="条例"
    ),
    Action.REVIEW: lambda w, a: handling.review(w.svc, a, w.case_id, passed=True),
    Action.RECORD_EVALUATION: lambda w, a: handling.record_evaluation(
        w.svc, a, w.case_id, Satisfaction.SATISFIED
    ),
    Action.RECORD_CALLBACK: lambda w, a: callbacks.record_attempt(
        w.svc, a, w.case_id, outcome=CallbackOutcome.REACHED
    ),
    Action.REQUEST_REDO: lambda w, a: handling.request_redo(w.svc, a, w.case_id, "仍有垃圾"),
    Action.DECIDE_REDO: lambda w, a: handling.decide_redo(
        w.svc, a, w.case_id, approve=True, note="同意重办"
    ),
    Action.CLOSE: lambda w, a: handling.close(w.svc, a, w.case_id),
    Action.LINK_DUPLICATE: lambda w, a: duplicates.link_duplicate(w.svc, a, w.case_id, NO_SUCH),
    Action.ADD_ATTACHMENT: lambda w, a: handling.add_attachment(w.svc, a, w.case_id, w.photo),
    Action.PRINT_DOCUMENT: lambda w, a: printing.issue(w.svc, a, DocType.RECEIPT, w.case_id),
    Action.REVEAL_IDENTITY: lambda w, a: reveal_identity(w.svc, a, w.case_id, "核实身份"),
    Action.MANAGE_UNITS: lambda w, a: units.add_unit(w.svc, a, "ZZB", "镇综治办"),
    Action.MANAGE_USERS: lambda w, a: admin.unlock_user(w.svc, a, a.user_id),
    Action.MANAGE_CALENDAR: lambda w, a: calendar_admin.store_schedule(
        w.svc, a, YearSchedule(2030, frozenset(), frozenset(), "测试")
    ),
    Action.MANAGE_SETTINGS: lambda w, a: settings.set_setting(w.svc, a, "centre_phone", "0662-1"),
    Action.OPEN_REWARD: lambda w, a: rewards.open_claim(w.svc, a, w.case_id),
    Action.RECORD_VERIFICATION: lambda w, a: rewards.record_verification(
        w.svc, a, w.case_id, VERIFICATION
    ),
    Action.DECIDE_AWARD: lambda w, a: rewards.decide(
        w.svc, a, w.case_id, clue_already_known=False, already_under_investigation=False
    ),
    Action.NOTIFY_AWARD: lambda w, a: rewards.notify(
        w.svc, a, w.case_id, NoticeMethod.IN_PERSON, NOW
    ),
    Action.CHECK_IDENTITY: lambda w, a: rewards.claim_share(
        w.svc, a, w.case_id, NO_SUCH, valid_resident_id("44170419880215004")
    ),
    Action.APPROVE_PAYOUT: lambda w, a: rewards.approve_share(w.svc, a, w.case_id, NO_SUCH),
    Action.PAY_AWARD: lambda w, a: rewards.pay_share(
        w.svc,
        a,
        w.case_id,
        NO_SUCH,
        paid_on=NOW.date(),
        method=PaymentMethod.CASH,
        voucher_number="P-1",
    ),
    Action.MARK_FRAUDULENT: lambda w, a: rewards.mark_fraudulent(w.svc, a, w.case_id, "伪造"),
    Action.EXPIRE_AWARDS: lambda w, a: rewards.cancel_unreachable(w.svc, a, w.case_id, "联系不上"),
    Action.DECLARE_RELATIVES: lambda w, a: exclusions.declared_relatives(w.svc, a, NO_SUCH),
    Action.MANAGE_EXCLUSIONS: lambda w, a: exclusions.add_entry(
        w.svc,
        a,
        valid_resident_id("44170219800101001"),
        "林消防",
        next(iter(ExclusionCategory)),
    ),
    Action.RECEIVE_OBJECTION: lambda w, a: rewards.receive_objection(
        w.svc, a, w.case_id, ObjectionGround.NOT_ELIGIBLE, "我是第一个举报的"
    ),
    Action.REVIEW_OBJECTION: lambda w, a: rewards.review_objection(
        w.svc, a, w.case_id, upheld=True, reasons="维持"
    ),
    Action.RESTRICT_PERSON: lambda w, a: restrictions.lift(w.svc, a, NO_SUCH, "误会已澄清"),
    Action.LIST_RESTRICTIONS: lambda w, a: restrictions.list_restrictions(w.svc, a),
    Action.EXPORT_REPORT: lambda w, a: statistics.statistics_workbook(w.svc, a, PERIOD),
    Action.EXPORT_REWARD_LEDGER: lambda w, a: ledgers.reward_ledger_workbook(w.svc, a, PERIOD),
    Action.IMPORT_ORDERS: lambda w, a: imports.import_orders(
        w.svc, a, Path("/nonexistent/orders.xlsx")
    ),
    Action.CHANGE_OWN_PASSWORD: lambda w, a: users.change_own_password(w.svc, a, "", "x"),
    Action.BACKUP: lambda w, a: backup.backup_now(w.svc, a, reason="manual"),
    Action.RESTORE: lambda w, a: backup.restore(w.svc, Path("/nonexistent/backup.db"), a),
    Action.VERIFY_AUDIT: lambda w, a: audit.verify_chain(w.svc, a),
    Action.VIEW_IDENTITY_LOG: lambda w, a: identity_log.identity_views(w.svc, a, PERIOD),
    Action.APPROVE_RESTRICTION: lambda w, a: restrictions.approve(w.svc, a, NO_SUCH),
    Action.REQUEST_DELETION: lambda w, a: retention.request_deletion(
        w.svc, a, [w.case_id], "保存期满"
    ),
    Action.APPROVE_DELETION: lambda w, a: retention.approve_deletion(w.svc, a, NO_SUCH),
}

ROLES = (Role.CLERK, Role.SUPERVISOR, Role.ADMIN, Role.AUDITOR)


def test_every_action_has_a_call() -> None:
    assert set(CALLS) == set(Action), "add the new action's service call to CALLS"


def actors(world: World) -> dict[Role, Actor]:
    auditor = users.create_user(
        world.svc, world.admin, "audit", "周审计", Role.AUDITOR, "audit-pass-1"
    )
    return {
        Role.CLERK: world.clerk,
        Role.SUPERVISOR: world.supervisor,
        Role.ADMIN: world.admin,
        Role.AUDITOR: auditor,
    }


def refused(call: Thunk, target: Target, actor: Actor) -> bool:
    try:
        call(target, actor)
    except PermissionDenied:
        return True
    except DomainError:
        return False  # the role check passed; the case's state or the input stopped it
    return False


@pytest.mark.parametrize("action", list(CALLS), ids=lambda a: a.value)
def test_the_services_refuse_exactly_the_roles_without_the_action(
    world: World, action: Action, tmp_path: Path
) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not much of a photo")
    case_id = registration.register(world.svc, world.admin, form()).case_id
    target = Target(world.svc, case_id, world.unit_a.id, photo)
    outcome = {role: refused(CALLS[action], target, actor) for role, actor in actors(world).items()}
    wrong = {
        role.value: "refused" if was_refused else "allowed"
        for role, was_refused in outcome.items()
        if was_refused is (action in PERMISSIONS[role])
    }
    assert wrong == {}, f"{action.value}: against PERMISSIONS for {wrong}"


# ----- maker–checker: returns and extensions (issue 8) -------------------------------------------


def dispatched(world: World) -> int:
    case_id = registration.register(world.svc, world.clerk, form()).case_id
    handling.accept(world.svc, world.clerk, case_id)
    handling.dispatch(world.svc, world.clerk, case_id, world.unit_a.id)
    return case_id


def state(world: World, case_id: int) -> CaseState:
    with world.svc.uow(write=False) as uow:
        return uow.get_case(case_id).state


def test_a_return_is_decided_by_someone_other_than_who_recorded_it(world: World) -> None:
    svc, lead = world.svc, world.supervisor
    case_id = dispatched(world)
    handling.request_return(svc, lead, case_id, "不属本单位职责", "镇机构职能规定")
    for decide in (
        lambda: handling.approve_return(svc, lead, case_id, world.unit_b.id, "改派"),
        lambda: handling.refuse_return(svc, lead, case_id, "属本单位职责"),
    ):
        with pytest.raises(PermissionDenied, match="您本人登记的，不能由您审批"):
            decide()
    assert state(world, case_id) is CaseState.RETURN_REQUESTED  # nothing was decided
    # The case screen does not offer the decision to whoever asked; it does to another.
    assert Action.DECIDE_RETURN not in case_view.case_detail(svc, lead, case_id).actions
    assert Action.DECIDE_RETURN in case_view.case_detail(svc, world.admin, case_id).actions
    handling.approve_return(svc, world.admin, case_id, world.unit_b.id, "改派应急办")
    assert state(world, case_id) is not CaseState.RETURN_REQUESTED


def test_an_extension_is_decided_by_someone_other_than_who_recorded_it(world: World) -> None:
    svc = world.svc
    case_id = dispatched(world)
    # Even the administrator, who holds every power, needs a second person.
    handling.request_extension(svc, world.admin, case_id, 3, "需协调环卫公司", "管理条例")
    for approve in (True, False):
        with pytest.raises(PermissionDenied, match="延期申请是您本人登记的"):
            handling.decide_extension(svc, world.admin, case_id, approve=approve, note="x")
    assert Action.DECIDE_EXTENSION not in case_view.case_detail(svc, world.admin, case_id).actions
    assert Action.DECIDE_EXTENSION in case_view.case_detail(svc, world.supervisor, case_id).actions
    handling.decide_extension(svc, world.supervisor, case_id, approve=True, note="同意")
    with svc.uow(write=False) as uow:
        (request,) = uow.get_case(case_id).extension_requests
        assert (request.recorded_by, request.decided_by) == (
            world.admin.user_id,
            world.supervisor.user_id,
        )
