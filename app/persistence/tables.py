"""The schema: one Table per stored thing; Alembic migrations create it, the mapper maps onto it."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
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

from app.domain.cases import EvaluationStage, RequestStatus
from app.domain.deadlines import DeadlineKind, PeriodUnit
from app.domain.people import DocumentType, Sex
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
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
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
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), index=True),
    Column("at", AwareDateTime, nullable=False, index=True),
    Column("actor_id", ForeignKey("users.id")),
    Column("action", String(40), nullable=False, index=True),
    Column("article", String(60)),
    Column("summary", Text, nullable=False),
    Column("details", JSON, nullable=False),
)

Index("ix_cases_state_due", cases.c.state, cases.c.due_date)
