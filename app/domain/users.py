"""Users, roles and what each role may do (a supervisor approves returns, extensions and reviews)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import PermissionDenied


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    # Reads everything, changes nothing: an inspector from the county or the discipline office.
    AUDITOR = "auditor"

    @property
    def label(self) -> str:
        return {
            "clerk": "窗口人员",
            "supervisor": "负责人",
            "admin": "管理员",
            "auditor": "审计员",
        }[self.value]


class Action(StrEnum):
    """Every service action that changes something; queries are open to all signed-in users."""

    REGISTER = "register"
    REFUSE = "refuse"
    REQUEST_MATERIALS = "request_materials"
    SUPPLY_MATERIALS = "supply_materials"
    WITHDRAW = "withdraw"
    ACCEPT = "accept"
    ANSWER_AT_ONCE = "answer_at_once"
    DISPATCH = "dispatch"
    REQUEST_RETURN = "request_return"
    DECIDE_RETURN = "decide_return"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    RECORD_CONTACT = "record_contact"
    SUBMIT_RESULT = "submit_result"
    REVIEW = "review"
    RECORD_EVALUATION = "record_evaluation"
    # Call-backs after completion (JY12345 art. 14, 15; YJ12345 art. 8): every role logs them.
    RECORD_CALLBACK = "record_callback"
    # Redo (YJ12345 art. 20; JY12345 art. 16, 17): the counter records the request, the
    # centre's review (a supervisor) decides.
    REQUEST_REDO = "request_redo"
    DECIDE_REDO = "decide_redo"
    CLOSE = "close"
    LINK_DUPLICATE = "link_duplicate"
    ADD_ATTACHMENT = "add_attachment"
    PRINT_DOCUMENT = "print_document"
    REVEAL_IDENTITY = "reveal_identity"
    MANAGE_UNITS = "manage_units"
    MANAGE_USERS = "manage_users"
    MANAGE_CALENDAR = "manage_calendar"
    MANAGE_SETTINGS = "manage_settings"
    # Fire-hazard tip-off rewards (RULES §4): the counter's steps, the supervisor's decisions.
    OPEN_REWARD = "open_reward"
    RECORD_VERIFICATION = "record_verification"
    DECIDE_AWARD = "decide_award"
    NOTIFY_AWARD = "notify_award"
    CHECK_IDENTITY = "check_identity"
    APPROVE_PAYOUT = "approve_payout"
    PAY_AWARD = "pay_award"
    MARK_FRAUDULENT = "mark_fraudulent"
    EXPIRE_AWARDS = "expire_awards"
    DECLARE_RELATIVES = "declare_relatives"
    MANAGE_EXCLUSIONS = "manage_exclusions"
    # Objections to reward decisions (RULES §3): the counter receives, a supervisor reviews.
    RECEIVE_OBJECTION = "receive_objection"
    REVIEW_OBJECTION = "review_objection"
    # Abuse (YJ12345 art. 7): a supervisor restricts (and lifts early); everyone sees the list.
    RESTRICT_PERSON = "restrict_person"
    LIST_RESTRICTIONS = "list_restrictions"
    # Excel for upstream (RULES §6): statistics, ledgers, disclosure and case list exports are
    # every role's; the reward ledger names reporters (RULES §5, internal) and is a supervisor's.
    EXPORT_REPORT = "export_report"
    EXPORT_REWARD_LEDGER = "export_reward_ledger"
    # Work orders from the county hotline registered from a workbook: the counter's job.
    IMPORT_ORDERS = "import_orders"
    # Trust (issue 8): one's own password; the audit chain; who saw which identity (RULES §5);
    # backups; restrictions and deletions each prepared by one user and approved by another.
    CHANGE_OWN_PASSWORD = "change_own_password"
    VERIFY_AUDIT = "verify_audit"
    VIEW_IDENTITY_LOG = "view_identity_log"
    BACKUP = "backup"
    RESTORE = "restore"
    APPROVE_RESTRICTION = "approve_restriction"
    REQUEST_DELETION = "request_deletion"
    APPROVE_DELETION = "approve_deletion"


# RULES §5: only roles that need a reporter's identity see it unmasked (and it is logged).
_SUPERVISOR_ONLY = {
    Action.DECIDE_RETURN,
    Action.DECIDE_EXTENSION,
    Action.REVIEW,
    Action.DECIDE_REDO,
    Action.REVEAL_IDENTITY,
    # A supervisor decides and approves rewards; that the approver differs from the one who
    # decided (maker–checker) is the claim's own rule (RewardClaim.approve_share).
    Action.DECIDE_AWARD,
    Action.APPROVE_PAYOUT,
    Action.MARK_FRAUDULENT,
    # RULES §3: reviewed by a supervisor other than the one who decided (RewardClaim's rule).
    Action.REVIEW_OBJECTION,
    # YJ12345 art. 7: restricting a person's use of the line (or lifting it early) is the
    # supervisor's decision, with its reason.
    Action.RESTRICT_PERSON,
    Action.EXPORT_REWARD_LEDGER,
    Action.VERIFY_AUDIT,
    Action.VIEW_IDENTITY_LOG,
    Action.BACKUP,
    Action.APPROVE_RESTRICTION,
}
# The auditor changes nothing: it reads, checks the audit chain, sees who viewed identities and
# exports the figures; the reward ledger (names) and unmasking stay with those who need them.
_AUDITOR = {
    Action.CHANGE_OWN_PASSWORD,
    Action.VERIFY_AUDIT,
    Action.VIEW_IDENTITY_LOG,
    Action.EXPORT_REPORT,
    Action.LIST_RESTRICTIONS,
}
_ADMIN_ONLY = {
    Action.RESTORE,
    Action.REQUEST_DELETION,
    Action.APPROVE_DELETION,
    Action.MANAGE_UNITS,
    Action.MANAGE_USERS,
    Action.MANAGE_CALENDAR,
    Action.MANAGE_SETTINGS,
    Action.MANAGE_EXCLUSIONS,
}

# The administrator keeps every case power so that a one-person centre can work; the
# maker-checker split between users is enforced per action by the trust issue.
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.CLERK: frozenset(set(Action) - _SUPERVISOR_ONLY - _ADMIN_ONLY),
    Role.SUPERVISOR: frozenset(set(Action) - _ADMIN_ONLY),
    Role.ADMIN: frozenset(Action),
    Role.AUDITOR: frozenset(_AUDITOR),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf a service acts."""

    user_id: int
    username: str
    display_name: str
    role: Role

    def can(self, action: Action) -> bool:
        return action in PERMISSIONS[self.role]

    def require(self, action: Action) -> None:
        if not self.can(action):
            raise PermissionDenied(
                f"{self.role.label}「{self.display_name}」无权执行此操作，请由负责人或管理员办理。"
            )
