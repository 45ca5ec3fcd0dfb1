"""The schema: one Table per stored thing; Alembic migrations create it, the mapper maps onto it."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

from app.calendar import DueDate
from app.domain.callbacks import CallbackOutcome
from app.domain.cases import EvaluationStage, RequestStatus
from app.domain.deadlines import DeadlineKind, PeriodUnit
from app.domain.people import DocumentType, Sex
from app.domain.restrictions import RestrictionState
from app.domain.retention import DeletionState
from app.domain.rewards import (
    AwardComputation,
    ClaimState,
    ComputationStep,
    ExclusionCategory,
    Ineligibility,
    NoticeMethod,
    ObjectionGround,
    ObjectionState,
    PaymentMethod,
    ShareComputation,
    ShareState,
    Verification,
)
from app.domain.users import Role
from app.domain.vocabulary import (
    CaseState,
    Channel,
    ContactMethod,
    HazardCategory,
    Kind,
    Priority,
    RefusalGround,
    Satisfaction,
)
from app.persistence.types import AwareDateTime, EnumValue


class _JsonValue(TypeDecorator[Any]):
    """A small frozen domain value kept as one JSON document: read and written whole, never queried."""

    impl = JSON
    cache_ok = True

    def dump(self, value: Any) -> Any:
        raise NotImplementedError

    def load(self, data: Any) -> Any:
        raise NotImplementedError

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return None if value is None else self.dump(value)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return None if value is None else self.load(value)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class VerificationJson(_JsonValue):
    """The brigade's filing (FIRE art. 9)."""

    cache_ok = True

    def dump(self, v: Verification) -> Any:
        return {
            "verified": v.verified,
            "penalty_imposed": v.penalty_imposed,
            "decision_number": v.decision_number,
            "decision_date": None if v.decision_date is None else v.decision_date.isoformat(),
            "fine_fen": v.fine_fen,
            "brigade": v.brigade,
            "closing_date": v.closing_date.isoformat(),
            "filed_on": v.filed_on.isoformat(),
        }

    def load(self, d: Any) -> Verification:
        return Verification(
            verified=d["verified"],
            penalty_imposed=d["penalty_imposed"],
            decision_number=d["decision_number"],
            decision_date=_day(d["decision_date"]),
            fine_fen=d["fine_fen"],
            brigade=d["brigade"],
            closing_date=date.fromisoformat(d["closing_date"]),
            filed_on=date.fromisoformat(d["filed_on"]),
        )


class ComputationJson(_JsonValue):
    """The award computation with every step, as the decision showed it (FIRE art. 5, 6)."""

    cache_ok = True

    def dump(self, c: AwardComputation) -> Any:
        return {
            "fine_fen": c.fine_fen,
            "rate_fen": c.rate_fen,
            "case_award_fen": c.case_award_fen,
            "shares": [
                [
                    s.person_id,
                    s.position,
                    s.equal_share_fen,
                    s.awarded_so_far_fen,
                    s.remaining_cap_fen,
                    s.award_fen,
                ]
                for s in c.shares
            ],
            "steps": [[s.label, s.amount_fen, s.article] for s in c.steps],
        }

    def load(self, d: Any) -> AwardComputation:
        return AwardComputation(
            d["fine_fen"],
            d["rate_fen"],
            d["case_award_fen"],
            tuple(ShareComputation(*s) for s in d["shares"]),
            tuple(ComputationStep(*s) for s in d["steps"]),
        )


class IneligibilityJson(_JsonValue):
    """Every reason a tip-off earned nothing, with its article (FIRE art. 8)."""

    cache_ok = True

    def dump(self, reasons: tuple[Ineligibility, ...]) -> Any:
        return [[r.reason, r.article] for r in reasons]

    def load(self, d: Any) -> tuple[Ineligibility, ...]:
        return tuple(Ineligibility(*r) for r in d)


class DueDateJson(_JsonValue):
    """A computed last day with its provisional flag (RULES §2.1)."""

    cache_ok = True

    def dump(self, due: DueDate) -> Any:
        return {"day": due.day.isoformat(), "provisional": due.provisional}

    def load(self, d: Any) -> DueDate:
        return DueDate(date.fromisoformat(d["day"]), d["provisional"])


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(40), nullable=False, unique=True),
    Column("display_name", String(40), nullable=False),
    Column("role", EnumValue(Role), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", AwareDateTime, nullable=False),
    # Sign-in lockout (issue 8): failures in a row since the last success or lock, and the end
    # of the current lock (None: not locked). Constants in app/services/users.py.
    Column("failed_sign_ins", Integer, nullable=False, default=0, server_default="0"),
    Column("locked_until", AwareDateTime),
)

units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(20), nullable=False, unique=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("leader", String(40), nullable=False, default=""),
    Column("phone", String(20), nullable=False, default=""),
    Column("active", Boolean, nullable=False, default=True),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(60), primary_key=True),
    Column("value", JSON, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("value", Integer, nullable=False),
)

calendar_schedules = Table(
    "calendar_schedules",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("holidays", JSON, nullable=False),
    Column("workdays", JSON, nullable=False),
    Column("source", String(200), nullable=False),
    Column("loaded_at", AwareDateTime, nullable=False),
    Column("loaded_by", ForeignKey("users.id"), nullable=False),
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(60), nullable=False),
    Column("doc_type", EnumValue(DocumentType)),
    # RULES §1/§5: one person per document number.
    Column("doc_number", String(40), unique=True),
    Column("phone", String(20), index=True),
    Column("address", String(200), nullable=False, default=""),
    Column("birth_date", Date),
    Column("sex", EnumValue(Sex)),
    Column("region_code", String(6)),
    Column("region_name", String(100), nullable=False, default=""),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(40), nullable=False, unique=True),
    Column("query_code", String(6), nullable=False, unique=True),
    Column("kind", EnumValue(Kind), nullable=False, index=True),
    Column("priority", EnumValue(Priority), nullable=False),
    Column("channel", EnumValue(Channel), nullable=False),
    Column("profile_key", String(40), nullable=False),
    Column("state", EnumValue(CaseState), nullable=False, index=True),
    Column("received_at", AwareDateTime, nullable=False, index=True),
    Column("registered_by", ForeignKey("users.id"), nullable=False),
    Column("anonymous", Boolean, nullable=False),
    Column("occurred", String(200), nullable=False, default=""),
    Column("place", String(200), nullable=False, default=""),
    Column("content", Text, nullable=False),
    Column("request", Text, nullable=False, default=""),
    Column("reported_unit_name", String(200), nullable=False, default=""),
    Column("reported_unit_address", String(200), nullable=False, default=""),
    Column("hazard_category", EnumValue(HazardCategory)),
    Column("hazard_key", String(420), index=True),
    Column("evidence", Text, nullable=False, default=""),
    Column("unit_id", ForeignKey("units.id"), index=True),
    Column("designated", Boolean, nullable=False, default=False),
    Column("first_received_at", AwareDateTime),
    Column("received_by_unit_at", AwareDateTime),
    Column("first_contact_at", AwareDateTime),
    Column("completed_at", AwareDateTime),
    Column("closed_at", AwareDateTime),
    Column("refusal_ground", EnumValue(RefusalGround)),
    Column("refusal_reason", Text, nullable=False, default=""),
    Column("related_case_id", ForeignKey("cases.id")),
    Column("missing_materials", JSON, nullable=False),
    Column("materials_requested_at", AwareDateTime),
    # The clock that matters now, kept on the row so lists sort and filter by it with an index.
    Column("due_date", Date, index=True),
    Column("due_at", AwareDateTime),
    Column("due_kind", EnumValue(DeadlineKind)),
    Column("due_provisional", Boolean, nullable=False, default=False),
)

case_submitters = Table(
    "case_submitters",
    metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("persons.id"), primary_key=True, index=True),
    Column("position", Integer, nullable=False),
)

deadlines = Table(
    "deadlines",
    metadata,
    Column("id", Integer, primary_key=True),
    # A clock belongs to a case or to a reward claim (FIRE art. 9), never both: one table and
    # one mapped Deadline class serve both, the unused key left empty.
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), index=True),
    Column("claim_id", ForeignKey("reward_claims.id", ondelete="CASCADE"), index=True),
    Column("kind", EnumValue(DeadlineKind), nullable=False),
    Column("starts_at", AwareDateTime, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("unit", EnumValue(PeriodUnit), nullable=False),
    Column("article", String(60), nullable=False),
    Column("due_date", Date, nullable=False),
    Column("due_at", AwareDateTime),
    Column("provisional", Boolean, nullable=False),
    Column("met_at", AwareDateTime),
    UniqueConstraint("case_id", "kind", name="uq_deadlines_case_kind"),
    UniqueConstraint("claim_id", "kind", name="uq_deadlines_claim_kind"),
    CheckConstraint("(case_id IS NULL) <> (claim_id IS NULL)", name="ck_deadlines_one_owner"),
)

attachments = Table(
    "attachments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", BigInteger, nullable=False),
    Column("added_at", AwareDateTime, nullable=False),
    Column("added_by", ForeignKey("users.id"), nullable=False),
)

return_requests = Table(
    "return_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("unit_id", ForeignKey("units.id"), nullable=False),
    Column("requested_at", AwareDateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("basis", Text, nullable=False),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    Column("status", EnumValue(RequestStatus), nullable=False),
    Column("decided_by", ForeignKey("users.id")),
    Column("decided_at", AwareDateTime),
    Column("decision_note", Text, nullable=False, default=""),
    Column("new_unit_id", ForeignKey("units.id")),
)

extension_requests = Table(
    "extension_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("requested_at", AwareDateTime, nullable=False),
    Column("extra_working_days", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("basis", Text, nullable=False),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    Column("status", EnumValue(RequestStatus), nullable=False),
    Column("decided_by", ForeignKey("users.id")),
    Column("decided_at", AwareDateTime),
    Column("decision_note", Text, nullable=False, default=""),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", AwareDateTime, nullable=False),
    Column("method", EnumValue(ContactMethod), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("submitted_at", AwareDateTime, nullable=False),
    Column("handled_at", AwareDateTime, nullable=False),
    Column("method", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("basis", Text, nullable=False),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    Column("review_passed", Boolean),
    Column("review_comment", Text, nullable=False, default=""),
    Column("reviewed_by", ForeignKey("users.id")),
    Column("reviewed_at", AwareDateTime),
)

evaluations = Table(
    "evaluations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", AwareDateTime, nullable=False),
    Column("level", EnumValue(Satisfaction), nullable=False),
    Column("stage", EnumValue(EvaluationStage), nullable=False),
    Column("method", EnumValue(ContactMethod), nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    # Optional reason tags (EvaluationTag values), a JSON list; added by migration 0006.
    Column("tags", JSON, nullable=False, default=list),
)

case_links = Table(
    "case_links",
    metadata,
    # Stored once per direction so that "linked both ways" is a plain lookup from either side.
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("other_case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("confirmed_by", ForeignKey("users.id"), nullable=False),
    Column("confirmed_at", AwareDateTime, nullable=False),
)

events = Table(
    "events",
    metadata,
    # Given by app.persistence.audit (one more than the largest), so that the chain can cover it.
    Column("id", Integer, primary_key=True),
    # A case deleted after its retention period (JY12345 art. 5) keeps its audit trail: the
    # link goes, ``case_number`` (chained, never changed, never reused) still says which it was.
    Column("case_id", ForeignKey("cases.id", ondelete="SET NULL"), index=True),
    Column("at", AwareDateTime, nullable=False, index=True),
    Column("actor_id", ForeignKey("users.id")),
    Column("action", String(40), nullable=False, index=True),
    Column("article", String(60)),
    Column("summary", Text, nullable=False),
    Column("details", JSON, nullable=False),
    # The audit chain (RULES §5, issue 8): position 1, 2, 3… and sha256 of the canonical row
    # and the previous row's hash; see app.persistence.audit for the canonical form.
    Column("seq", BigInteger, nullable=False, unique=True),
    Column("case_number", String(40)),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# ----- fire-hazard tip-off rewards (RULES §4, FIRE) ----------------------------------------------

reward_claims = Table(
    "reward_claims",
    metadata,
    Column("id", Integer, primary_key=True),
    # One claim per tip-off case (FIRE art. 6: a joint report is one case and one award).
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("case_number", String(40), nullable=False),
    Column("state", EnumValue(ClaimState), nullable=False, index=True),
    Column("verification", VerificationJson),
    Column("ineligibility", IneligibilityJson, nullable=False),
    Column("review_flag", Boolean, nullable=False, default=False),
    Column("computation", ComputationJson),
    Column("decided_by", ForeignKey("users.id")),
    Column("decided_at", AwareDateTime, index=True),
    Column("notified_at", AwareDateTime),
    Column("notice_method", EnumValue(NoticeMethod)),
    Column("collect_by", DueDateJson),
    Column("objection_due", DueDateJson),
    Column("end_reason", Text, nullable=False, default=""),
)

reward_shares = Table(
    "reward_shares",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "claim_id", ForeignKey("reward_claims.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("person_id", ForeignKey("persons.id"), nullable=False, index=True),
    Column("id_number", String(40), nullable=False),
    Column("position", Integer, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("capped", Boolean, nullable=False),
    Column("state", EnumValue(ShareState), nullable=False),
    Column("claimed_at", AwareDateTime),
    Column("identity_checked_by", ForeignKey("users.id")),
    Column("approved_at", AwareDateTime),
    Column("approved_by", ForeignKey("users.id")),
    Column("paid_on", Date),
    Column("paid_by", ForeignKey("users.id")),
    Column("payment_method", EnumValue(PaymentMethod)),
    Column("voucher_number", String(60), nullable=False, default=""),
    UniqueConstraint("claim_id", "person_id", name="uq_reward_shares_claim_person"),
)

# RULES §4.2: the staff-exclusion register, kept by ID number (FIRE art. 6). Entries are
# deactivated, never deleted, so that a past decision's match can still be traced.
exclusion_entries = Table(
    "exclusion_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("id_number", String(40), nullable=False, unique=True),
    Column("name", String(60), nullable=False),
    Column("category", EnumValue(ExclusionCategory), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("added_at", AwareDateTime, nullable=False),
    Column("added_by", ForeignKey("users.id"), nullable=False),
    Column("deactivated_at", AwareDateTime),
    Column("deactivated_by", ForeignKey("users.id")),
    Column("note", Text, nullable=False, default=""),
)

# RULES §4.2: the relatives a reporter declared, matched against the register (FIRE art. 6).
reporter_relatives = Table(
    "reporter_relatives",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("relationship", String(20), nullable=False),
    Column("id_number", String(40), nullable=False),
    Column("declared_at", AwareDateTime, nullable=False),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    UniqueConstraint("person_id", "id_number", name="uq_reporter_relatives_person_id_number"),
)

Index("ix_cases_state_due", cases.c.state, cases.c.due_date)
# Searching inside names, phones and ID numbers scans this narrow index, not the table (0011).
Index("ix_persons_search", persons.c.name, persons.c.phone, persons.c.doc_number)

# The search index over the cases' text (migration 0011) is kept by triggers, not mapped here:
# an FTS5 virtual table (and its shadow tables) on SQLite, a tsvector table on PostgreSQL.
SEARCH_TABLE = "case_search"


def is_mapped_object(name: str | None, type_: str, _parent: object = None) -> bool:
    """For schema comparison: everything but the search index, which this module does not map."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE))


# ----- reward objections (issue 6; RULES §3) ---------------------------------------------------

# RULES §3: a reporter's objections (申诉) against a reward decision — a refusal, the amount, or a
# forfeiture — each with its review. One per decision (counted on decision_at by the claim);
# rows are never deleted (RULES §5): a changed decision keeps the objection that changed it.
reward_objections = Table(
    "reward_objections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "claim_id", ForeignKey("reward_claims.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("ground", EnumValue(ObjectionGround), nullable=False),
    Column("statement", Text, nullable=False),
    Column("decision_at", AwareDateTime, nullable=False),
    Column("decision_by", ForeignKey("users.id")),
    Column("decision_summary", Text, nullable=False),
    Column("window_due", DueDateJson, nullable=False),
    Column("received_at", AwareDateTime, nullable=False),
    Column("received_by", ForeignKey("users.id"), nullable=False),
    Column("state", EnumValue(ObjectionState), nullable=False, index=True),
    Column("reviewed_at", AwareDateTime),
    Column("reviewed_by", ForeignKey("users.id")),
    Column("review_reasons", Text, nullable=False, default=""),
    Column("new_total_fen", BigInteger),
    Column("review_article", Text, nullable=False, default=""),
)

# ----- restrictions of abusive submitters (issue 6; YJ12345 art. 7) ----------------------------

# YJ12345 art. 7: a person who harasses or threatens staff is restricted for 30 natural days,
# recorded with its reason and end. Matched by normalised phone and/or document number; rows are
# never deleted (RULES §5) — an early lift is recorded on the row, and the end is computed.
# Issue 8 (maker–checker, migration 0010): proposed by one user, approved or rejected by another;
# ``decided_*`` and the period are the approval's (a rejection's ``decided_*`` are the rejecter's).
restrictions = Table(
    "restrictions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("phone", String(20), index=True),
    Column("doc_type", EnumValue(DocumentType)),
    Column("doc_number", String(40), index=True),
    Column("reason", Text, nullable=False),
    Column("starts_on", Date),
    Column("ends_on", Date, index=True),
    # The case that caused it, if any; the restriction outlives a case deleted after 2 years.
    Column("case_id", ForeignKey("cases.id", ondelete="SET NULL")),
    Column("state", EnumValue(RestrictionState), nullable=False, index=True),
    Column("proposed_at", AwareDateTime, nullable=False),
    Column("proposed_by", ForeignKey("users.id"), nullable=False),
    Column("decided_at", AwareDateTime),
    Column("decided_by", ForeignKey("users.id")),
    Column("reject_reason", Text, nullable=False, default=""),
    Column("lifted_at", AwareDateTime),
    Column("lifted_by", ForeignKey("users.id")),
    Column("lift_reason", Text, nullable=False, default=""),
    CheckConstraint("phone IS NOT NULL OR doc_number IS NOT NULL", name="ck_restrictions_identity"),
    # An approved restriction always has its period and its approver.
    CheckConstraint(
        "state <> 'approved' OR (starts_on IS NOT NULL AND ends_on IS NOT NULL"
        " AND decided_by IS NOT NULL AND decided_at IS NOT NULL)",
        name="ck_restrictions_approved",
    ),
)

# ----- call-backs after completion (issue 6; JY12345 art. 20, 21) ------------------------------

# JY12345 art. 15 (call back within 3 working days of completion, "每次回访均作记录") and
# art. 14 (3 consecutive days of failed calls = answered, each call's time recorded); YJ12345
# art. 8 (call back after the result). One row per attempt, never deleted (RULES §5).
# ``completed_at`` is the completion the call follows: a redo completes the case again and
# starts a new round. ``deems_answered`` marks the attempt that met the unreachable rule.

callback_attempts = Table(
    "callback_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("completed_at", AwareDateTime, nullable=False),
    Column("at", AwareDateTime, nullable=False),
    Column("method", EnumValue(ContactMethod), nullable=False),
    Column("outcome", EnumValue(CallbackOutcome), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("article", String(60), nullable=False),
    Column("deems_answered", Boolean, nullable=False, default=False),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    Column("recorded_at", AwareDateTime, nullable=False),
)

# ----- redo requests and evaluation details (issue 6; YJ12345 art. 20; JY12345 art. 16, 17) ----

# YJ12345 art. 20; JY12345 art. 16, 17: each request for a redo, the centre's decision, and
# for an approved one the unit it went back to and the new completion date. Never deleted
# ("每次发回重办均作记录", JY12345 art. 16).
redo_requests = Table(
    "redo_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sequence", Integer, nullable=False),
    Column("requested_at", AwareDateTime, nullable=False),
    Column("level", EnumValue(Satisfaction), nullable=False),
    Column("method", EnumValue(ContactMethod), nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_by", ForeignKey("users.id"), nullable=False),
    Column("status", EnumValue(RequestStatus), nullable=False),
    Column("decided_by", ForeignKey("users.id")),
    Column("decided_at", AwareDateTime),
    Column("decision_note", Text, nullable=False, default=""),
    Column("unit_fault", Boolean),
    Column("instructions_not_followed", Boolean),
    Column("unit_id", ForeignKey("units.id")),
    Column("previous_due_date", Date),
    Column("new_due_date", Date),
    UniqueConstraint("case_id", "sequence", name="uq_redo_requests_case_sequence"),
)

# ----- work orders imported from the county hotline's workbooks (issue 7; YJ12345 art. 10) -----

# Nothing is lost (RULES §5): every workbook that was read is kept under the data folder by its
# content hash, with who imported it, when, and what came of its rows. Never deleted.
import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", BigInteger, nullable=False),
    # Relative to the data folder, e.g. imports/ab/ab12….xlsx: the folder may move with the data.
    Column("archived_path", String(300), nullable=False),
    Column("imported_at", AwareDateTime, nullable=False, index=True),
    Column("imported_by", ForeignKey("users.id"), nullable=False),
    Column("rows_total", Integer, nullable=False),
    Column("created", Integer, nullable=False),
    Column("already", Integer, nullable=False),
    Column("changed", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
)

# YJ12345 art. 10: the hotline's work-order number identifies an order, so importing the same
# order twice finds it here instead of opening a second case. ``fingerprint`` hashes the row's
# normalised values and ``field_digests`` each value on its own, so a changed row can say which
# fields changed without keeping a second copy of anyone's identity (RULES §5).
upstream_orders = Table(
    "upstream_orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_number", String(60), nullable=False, unique=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("batch_id", ForeignKey("import_batches.id"), nullable=False, index=True),
    Column("row_number", Integer, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("field_digests", JSON, nullable=False),
    Column("imported_at", AwareDateTime, nullable=False),
)

# ----- deletions after the retention period (issue 8; JY12345 art. 5; RULES §5) -----------------

# RULES §5: nothing about a case is deleted before 2 years after its completion; afterwards an
# administrator requests it with a reason and another administrator approves (maker–checker).
# The request and its case numbers outlive the cases (``case_id`` is emptied by the deletion), so
# the register says what was deleted, when, why and by whom — by number, never by content.
deletion_requests = Table(
    "deletion_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("requested_at", AwareDateTime, nullable=False),
    Column("requested_by", ForeignKey("users.id"), nullable=False),
    Column("state", EnumValue(DeletionState), nullable=False, index=True),
    Column("decided_at", AwareDateTime),
    Column("decided_by", ForeignKey("users.id")),
    Column("decision_note", Text, nullable=False, default=""),
)

deletion_request_cases = Table(
    "deletion_request_cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "request_id",
        ForeignKey("deletion_requests.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("case_id", ForeignKey("cases.id", ondelete="SET NULL"), index=True),
    Column("case_number", String(40), nullable=False),
    Column("retention_start", Date, nullable=False),
    UniqueConstraint(
        "request_id", "case_number", name="uq_deletion_request_cases_request_id_case_number"
    ),
)
