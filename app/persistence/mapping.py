"""Maps the pure domain classes onto the tables (imperative mapping: the domain never imports us)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import foreign, registry, relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.cases import (
    Attachment,
    Case,
    CaseSubmitter,
    Contact,
    Evaluation,
    ExtensionRequest,
    RedoRequest,
    Result,
    ReturnRequest,
)
from app.domain.deadlines import Deadline
from app.domain.events import Event
from app.domain.persons import Person
from app.domain.rewards import Objection, RewardClaim, RewardShare
from app.persistence import audit
from app.persistence import tables as t

mapper_registry = registry(metadata=t.metadata)
_mapped = False


def map_domain() -> None:
    """Idempotent: called by every engine factory before the first session."""
    global _mapped
    if _mapped:
        return
    _mapped = True
    reg = mapper_registry
    reg.map_imperatively(Person, t.persons)
    # Events and deadlines have two possible owners (a case, or a reward claim): legacy orphan
    # rules make a row an orphan only when it has no owner at all, not when one of them is absent.
    reg.map_imperatively(Event, t.events, legacy_is_orphan=True)
    audit.install()
    reg.map_imperatively(Deadline, t.deadlines, legacy_is_orphan=True)
    reg.map_imperatively(
        CaseSubmitter,
        t.case_submitters,
        properties={"person": relationship(Person, lazy="joined")},
    )
    for cls, table in (
        (Attachment, t.attachments),
        (ReturnRequest, t.return_requests),
        (ExtensionRequest, t.extension_requests),
        (Contact, t.contacts),
        (Result, t.results),
        (RedoRequest, t.redo_requests),
    ):
        reg.map_imperatively(cls, table)
    # The reason tags are one JSON list; the domain reads them as EvaluationTag (``tags``).
    reg.map_imperatively(Evaluation, t.evaluations, properties={"tag_values": t.evaluations.c.tags})

    def children(cls: type, order_by: Any) -> Any:
        return relationship(cls, order_by=order_by, cascade="all, delete-orphan", lazy="selectin")

    reg.map_imperatively(
        Case,
        t.cases,
        properties={
            "submitters": children(CaseSubmitter, t.case_submitters.c.position),
            "attachments": children(Attachment, t.attachments.c.id),
            "return_requests": children(ReturnRequest, t.return_requests.c.id),
            "extension_requests": children(ExtensionRequest, t.extension_requests.c.id),
            "contacts": children(Contact, t.contacts.c.id),
            "results": children(Result, t.results.c.id),
            "evaluations": children(Evaluation, t.evaluations.c.id),
            "redo_requests": children(RedoRequest, t.redo_requests.c.sequence),
            # Events outlive their case (JY12345 art. 5: the trail stays when a case is deleted
            # after retention): saved with it, never deleted with it; the database's ON DELETE
            # SET NULL unlinks them, the ORM does not touch them ("all").
            "events": relationship(
                Event,
                order_by=t.events.c.id,
                cascade="save-update, merge",
                passive_deletes="all",
                lazy="select",
            ),
            "deadlines": relationship(
                Deadline,
                collection_class=attribute_keyed_dict("kind"),
                cascade="all, delete-orphan",
                lazy="selectin",
            ),
        },
    )
    reg.map_imperatively(RewardShare, t.reward_shares)
    reg.map_imperatively(Objection, t.reward_objections)
    reg.map_imperatively(
        RewardClaim,
        t.reward_claims,
        properties={
            "shares": children(RewardShare, t.reward_shares.c.position),
            # RULES §3: the objections against its decisions, oldest first.
            "objections": children(Objection, t.reward_objections.c.id),
            # A claim's events are its case's events (one timeline per case): the claim appends
            # with its case_id and reads the case's rows. Claims are never deleted (RULES §5).
            "events": relationship(
                Event,
                primaryjoin=t.reward_claims.c.case_id == foreign(t.events.c.case_id),
                order_by=t.events.c.id,
                cascade="save-update, merge",
                passive_deletes="all",
                lazy="select",
                overlaps="events",
            ),
            "deadlines": relationship(
                Deadline,
                collection_class=attribute_keyed_dict("kind"),
                cascade="all, delete-orphan",
                lazy="selectin",
            ),
        },
    )
