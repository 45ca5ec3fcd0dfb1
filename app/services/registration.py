"""Registering what a citizen brings: people, facts, attachments, a case number and a query code."""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app.domain.cases import FACT_FIELDS, Attachment, Case, CaseRules, clean_text
from app.domain.codes import format_case_number, new_query_code
from app.domain.deadlines import DueAt, PeriodUnit, compute_due
from app.domain.duplicates import hazard_key
from app.domain.errors import ValidationError
from app.domain.people import (
    DocumentType,
    ResidentIdInfo,
    mask_name,
    normalise_document,
    normalise_phone,
    parse_resident_id,
)
from app.domain.persons import Person
from app.domain.users import Action, Actor
from app.domain.vocabulary import Channel, HazardCategory, Kind, Priority, RefusalGround
from app.persistence import tables as t
from app.persistence.audit import insert_events
from app.services.context import Services, UnitOfWork
from app.services.restrictions import check_submitters

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


@dataclass
class PersonInput:
    """A submitter as typed at the counter."""

    name: str
    doc_type: DocumentType | None = DocumentType.RESIDENT_ID
    doc_number: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class RegistrationForm:
    """Everything the registration screen collects; plain values only."""

    kind: Kind
    content: str
    priority: Priority = Priority.NORMAL
    channel: Channel = Channel.WALK_IN
    submitters: list[PersonInput] = field(default_factory=list)
    occurred: str = ""
    place: str = ""
    request: str = ""
    reported_unit_name: str = ""
    reported_unit_address: str = ""
    hazard_category: HazardCategory | None = None
    evidence: str = ""
    attachments: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class RefuseAtIntake:
    """Not accepted on the spot (YJ12345 art. 6): decided in the same transaction as the intake."""

    ground: RefusalGround
    reason: str
    related_case_id: int | None = None


@dataclass(frozen=True)
class MaterialsAtIntake:
    """Materials missing, told at once (STD item 6): decided in the same transaction."""

    items: tuple[str, ...]


IntakeDecision = RefuseAtIntake | MaterialsAtIntake


@dataclass(frozen=True)
class Registered:
    case_id: int
    number: str
    query_code: str


def _unique_query_code(uow: UnitOfWork) -> str:
    while True:
        code = new_query_code()
        taken = uow.session.execute(
            select(t.cases.c.id).where(t.cases.c.query_code == code)
        ).first()
        if not taken:
            return code


@dataclass(frozen=True)
class IdentityChecks:
    """How phones and document numbers are checked (app.domain.people, RULES §5). A batch uses
    memoised ones: each number is checked at several steps, and the checks are pure."""

    phone: Callable[[str], str] = normalise_phone
    document: Callable[[DocumentType, str], str] = normalise_document
    resident: Callable[[str], ResidentIdInfo] = parse_resident_id

    @classmethod
    def memoised(cls) -> IdentityChecks:
        return cls(cache(normalise_phone), cache(normalise_document), cache(parse_resident_id))


COUNTER_CHECKS = IdentityChecks()


def person_values(
    given: PersonInput, index: int, checks: IdentityChecks = COUNTER_CHECKS
) -> dict[str, Any]:
    """A submitter's checked values (the persons row's columns but ``id``), before the register
    is asked: the counter's and the batch's one check of a person."""
    name = given.name.strip()
    if not name:
        raise ValidationError(f"submitters[{index}].name", "请填写诉求人姓名。")
    values: dict[str, Any] = {
        "name": name,
        "doc_type": None,
        "doc_number": None,
        "phone": checks.phone(given.phone) if given.phone.strip() else None,
        "address": given.address.strip(),
        "birth_date": None,
        "sex": None,
        "region_code": None,
        "region_name": "",
    }
    if given.doc_number.strip():
        doc_type = given.doc_type or DocumentType.RESIDENT_ID
        number = checks.document(doc_type, given.doc_number)
        values["doc_type"], values["doc_number"] = doc_type, number
        if doc_type is DocumentType.RESIDENT_ID:
            info = checks.resident(number)
            values["birth_date"], values["sex"] = info.birth_date, info.sex
            values["region_code"], values["region_name"] = info.region_code, info.region_name
    return values


def check_same_person(registered_name: str, name: str, index: int) -> None:
    """One document number is one person (RULES §5): the name must be the one on record."""
    if registered_name != name:
        raise ValidationError(
            f"submitters[{index}].name",
            f"该证件号码已登记为「{mask_name(registered_name)}」，与填写的姓名不一致，请核对证件。",
        )


def resolve_person(uow: UnitOfWork, given: PersonInput, index: int) -> Person:
    """One person per document number (RULES §5): reuse the record, refresh the contact details."""
    values = person_values(given, index)
    number = values["doc_number"]
    if number is not None:
        existing = uow.session.scalars(
            select(Person).where(t.persons.c.doc_number == number)
        ).first()
        if existing is not None:
            check_same_person(existing.name, values["name"], index)
            if values["phone"]:
                existing.phone = values["phone"]
            if values["address"]:
                existing.address = values["address"]
            return existing
    return Person(**values)


def check_distinct(numbers: Sequence[str | None], people: int, distinct: int) -> None:
    """A joint submission names each person once (``distinct``: the records they resolve to)."""
    given = [n for n in numbers if n]
    if len(set(given)) != len(given) or distinct != people:
        raise ValidationError("submitters", "同一人不能重复列为联名诉求人。")


def _identities(
    form: RegistrationForm, checks: IdentityChecks = COUNTER_CHECKS
) -> list[tuple[str, str | None, str | None]]:
    """Each submitter's name, normalised phone and document number, for the restriction check.

    A value that does not pass its check is left out here; resolve_person refuses it afterwards
    with its own message, on its own field.
    """
    found: list[tuple[str, str | None, str | None]] = []
    for given in form.submitters:
        phone = number = None
        with contextlib.suppress(ValidationError):
            phone = checks.phone(given.phone) if given.phone.strip() else None
        with contextlib.suppress(ValidationError):
            if given.doc_number.strip():
                number = checks.document(
                    given.doc_type or DocumentType.RESIDENT_ID, given.doc_number
                )
        found.append((given.name, phone, number))
    return found


def check_attachment(path: Path) -> None:
    if not path.is_file():
        raise ValidationError("attachments", f"找不到附件文件「{path.name}」，请重新选择。")
    if path.stat().st_size > MAX_ATTACHMENT_BYTES:
        raise ValidationError("attachments", f"附件「{path.name}」超过 50 MB，请压缩后再添加。")


def store_attachment(svc: Services, path: Path, *, actor_id: int, now: datetime) -> Attachment:
    """Copy the file under data/attachments/, named by its content hash (the same file is kept once)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    target = svc.attachments_dir / sha[:2] / sha
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        shutil.copyfile(path, partial)
        partial.replace(target)
    return Attachment(
        file_name=path.name, sha256=sha, size=path.stat().st_size, added_at=now, added_by=actor_id
    )


# The schema's limits (app/persistence/tables.py), checked before writing so that a long entry
# is the clerk's error to fix on every database, not an internal error on PostgreSQL only.
TEXT_LIMITS = {
    "occurred": ("发生时间", 200),
    "place": ("发生地点", 200),
    "reported_unit_name": ("被举报单位", 200),
    "reported_unit_address": ("被举报单位地址", 200),
}
NAME_LIMIT = 60
ADDRESS_LIMIT = 200


# Control characters other than tab and line breaks come from pasting, not from typing: PostgreSQL
# refuses NUL outright and printed notices would show boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _check_text(field: str, label: str, text: str, limit: int | None) -> None:
    if _CONTROL.search(text):
        raise ValidationError(
            field, f"{label}含有不可见的控制字符（多为复制粘贴带入），请删除后再保存。"
        )
    if limit is not None and len(text.strip()) > limit:
        raise ValidationError(field, f"{label}最多 {limit} 个字，请精简后再保存。")


def check_text(form: RegistrationForm) -> None:
    """What the schema and the printed notices cannot hold is the clerk's to fix, before saving."""
    _check_text("content", "诉求内容", form.content, None)
    _check_text("request", "诉求人要求", form.request, None)
    _check_text("evidence", "证据说明", form.evidence, None)
    for attribute, (label, limit) in TEXT_LIMITS.items():
        _check_text(attribute, label, getattr(form, attribute), limit)
    for index, person in enumerate(form.submitters):
        prefix = f"submitters[{index}]"
        _check_text(f"{prefix}.name", "姓名", person.name, NAME_LIMIT)
        _check_text(f"{prefix}.address", "住址", person.address, ADDRESS_LIMIT)
        _check_text(f"{prefix}.document_number", "证件号码", person.doc_number, None)
        _check_text(f"{prefix}.phone", "联系电话", person.phone, None)


def build_case(
    svc: Services,
    uow: UnitOfWork,
    actor: Actor,
    form: RegistrationForm,
    *,
    now: datetime,
    received_at: datetime | None = None,
) -> Case:
    """A new case from the form, inside the caller's transaction: the counter's and the import's.

    YJ12345 art. 7: a restricted person is refused, with the end date, before anything (a person,
    a case number) is written. The case number is the centre's daily sequence of ``now`` (when it
    is registered); the rules are those in force when it was ``received_at`` (by default ``now``;
    an upstream work order's own time, YJ12345 art. 14).
    """
    check_text(form)
    received = received_at or now
    # Anonymous submissions cannot be matched against restrictions.
    check_submitters(uow, now.date(), _identities(form))
    profile = svc.profile_in_force(uow, received.date())
    people = [resolve_person(uow, p, i) for i, p in enumerate(form.submitters)]
    check_distinct([p.doc_number for p in people], len(people), len({id(p) for p in people}))
    sequence = uow.next_sequence(f"case:{now:%Y%m%d}")
    return Case.register(
        rules=CaseRules(profile, svc.calendar),
        actor_id=actor.user_id,
        now=received,
        number=format_case_number(uow.setting("centre_code"), now.date(), sequence),
        query_code=_unique_query_code(uow),
        kind=form.kind,
        priority=form.priority,
        channel=form.channel,
        profile_key=profile.key,
        occurred=form.occurred,
        place=form.place,
        content=form.content,
        request=form.request,
        submitters=people,
        reported_unit_name=form.reported_unit_name,
        reported_unit_address=form.reported_unit_address,
        hazard_category=form.hazard_category,
        evidence=form.evidence,
    )


def register(
    svc: Services, actor: Actor, form: RegistrationForm, *, intake: IntakeDecision | None = None
) -> Registered:
    """Register a submission (YJ12345 art. 7): validate everything first, then write it in one go.

    With ``intake`` the refusal or the one-time materials notice is part of the same transaction,
    so the counter never leaves a case registered but undecided when the second step fails.
    """
    actor.require(Action.REGISTER)
    if isinstance(intake, RefuseAtIntake):
        actor.require(Action.REFUSE)
    elif isinstance(intake, MaterialsAtIntake):
        actor.require(Action.REQUEST_MATERIALS)
    for path in form.attachments:
        check_attachment(path)
    now = svc.now()
    with svc.uow() as uow:
        case = build_case(svc, uow, actor, form, now=now)
        rules = CaseRules(svc.profile_in_force(uow, now.date()), svc.calendar)
        for path in form.attachments:
            case.attachments.append(store_attachment(svc, path, actor_id=actor.user_id, now=now))
        if isinstance(intake, RefuseAtIntake):
            related_note = ""
            if intake.related_case_id is not None:
                related = uow.get_case(intake.related_case_id)
                if intake.ground is RefusalGround.REPEAT:
                    # YJ12345 art. 6(6); JY12345 art. 17: the earlier case is being handled or
                    # was confirmed complete; one never accepted grounds no repeat refusal.
                    related_note = related.repeat_basis()
            case.refuse(
                intake.ground,
                intake.reason,
                actor_id=actor.user_id,
                now=now,
                related_case_id=intake.related_case_id,
                related_note=related_note,
            )
        elif isinstance(intake, MaterialsAtIntake):
            case.request_materials(list(intake.items), rules=rules, actor_id=actor.user_id, now=now)
        uow.session.add(case)
        uow.session.flush()
        assert case.id is not None
        registered = Registered(case.id, case.number, case.query_code)
        uow.commit()
    return registered


# ----- many registrations at once (the work-order import) ----------------------------------------

# Identities per restriction query and numbers per IN list: well under every database's limits.
_CHUNK = 500


@dataclass
class _Slot:
    """A person as a batch knows them: on record (``id``) or new in it, with refreshed contacts."""

    id: int | None
    values: dict[str, Any]
    changed: bool = False


@dataclass
class _Template:
    """What Case.register made of one combination of the inputs its checks read: the case's
    columns, its clocks' periods and its own events, or the refusal it raised."""

    error: ValidationError | None
    columns: dict[str, Any] = field(default_factory=dict)
    deadlines: tuple[tuple[Any, int, Any, str], ...] = ()  # kind, amount, unit, article
    events: tuple[tuple[str, str | None, str, dict[str, Any]], ...] = ()  # action, article, …


@dataclass
class Draft:
    """One case of a batch, checked and waiting to be written; ``case_id`` once written."""

    columns: dict[str, Any]
    people: list[_Slot]
    deadlines: list[dict[str, Any]]
    case_id: int | None = None


class BatchRegistration:
    """Many registrations in the caller's transaction, by the counter's rules, written with Core.

    ``add`` runs build_case's checks in build_case's order (text, restrictions, people, joint
    submitters, then Case.register's own), on what ``prepare`` read in a few queries instead of
    one per form; ``write`` numbers the cases (the counter's daily sequence, in the order added),
    gives query codes and writes the rows with executemany, and the events through the audit
    chain (``audit.insert_events``) in the order they were added or logged.
    """

    def __init__(
        self,
        svc: Services,
        uow: UnitOfWork,
        actor: Actor,
        *,
        now: datetime,
        checks: IdentityChecks | None = None,
    ) -> None:
        self.svc = svc
        self.checks = checks or IdentityChecks.memoised()
        self.uow = uow
        self.actor = actor
        self.now = now
        self.calendar = svc.calendar
        self.schedule = svc.profile_schedule(uow)
        self.drafts: list[Draft] = []
        self._events: list[tuple[Draft | None, dict[str, Any]]] = []
        self._people: dict[str, _Slot] = {}  # by document number
        self._cleared: set[tuple[tuple[str, str | None, str | None], ...]] = set()
        self._templates: dict[tuple[Any, ...], _Template] = {}
        self._dues: dict[tuple[Any, ...], Any] = {}

    # ----- reading ahead ---------------------------------------------------------------------

    def prepare(self, forms: Sequence[RegistrationForm]) -> None:
        """Read once what ``add`` would look up form by form: people on record by document
        number, and whether anyone named is under a restriction (YJ12345 art. 7)."""
        identities = [tuple(_identities(form, self.checks)) for form in forms]
        numbers = sorted({d for found in identities for _n, _p, d in found if d})
        columns = [c for c in t.persons.c if c.name != "id"]
        for start in range(0, len(numbers), _CHUNK):
            chunk = numbers[start : start + _CHUNK]
            rows = self.uow.session.execute(
                select(t.persons.c.id, *columns).where(t.persons.c.doc_number.in_(chunk))
            ).mappings()
            for row in rows:
                values = {c.name: row[c.name] for c in columns}
                self._people[row["doc_number"]] = _Slot(row["id"], values)
        # Restrictions are rare: a chunk nobody in it is restricted is cleared in one query,
        # and only a chunk that is not has its forms checked one by one in ``add``.
        today = self.now.date()
        unique = list(dict.fromkeys(found for found in identities if found))
        for start in range(0, len(unique), _CHUNK):
            named = unique[start : start + _CHUNK]
            try:
                check_submitters(self.uow, today, [i for found in named for i in found])
            except ValidationError:
                continue
            self._cleared.update(named)
        self._cleared.add(())  # anonymous: nobody to match

    # ----- checking --------------------------------------------------------------------------

    def add(self, form: RegistrationForm, *, received_at: datetime | None = None) -> Draft:
        """Check one form as build_case would (raising what it would raise) and keep its case."""
        check_text(form)
        received = received_at or self.now
        identities = tuple(_identities(form, self.checks))
        if identities not in self._cleared:
            check_submitters(self.uow, self.now.date(), identities)
        profile = self.svc.profiles.get(self.schedule.key_for(received.date()))
        people: list[_Slot] = []
        fresh: dict[str, _Slot] = {}
        refreshed: dict[int, dict[str, Any]] = {}
        for index, given in enumerate(form.submitters):
            values = person_values(given, index, self.checks)
            number = values["doc_number"]
            slot = fresh.get(number) or self._people.get(number) if number else None
            if slot is None:
                slot = _Slot(None, values)
                if number:
                    fresh[number] = slot
            else:
                check_same_person(slot.values["name"], values["name"], index)
                # Refreshed only once the whole form passes, as a refused one changes nothing.
                contact = refreshed.setdefault(id(slot), {})
                if values["phone"]:
                    contact["phone"] = values["phone"]
                if values["address"]:
                    contact["address"] = values["address"]
            people.append(slot)
        check_distinct(
            [p.values["doc_number"] for p in people], len(people), len({id(p) for p in people})
        )
        phones = tuple(
            bool(refreshed.get(id(p), {}).get("phone") or p.values["phone"]) for p in people
        )
        template = self._template(form, profile, received, phones)
        if template.error is not None:
            error = template.error
            raise ValidationError(error.field, error.message, article=error.article)
        for slot in people:
            refresh = refreshed.get(id(slot))
            if refresh:
                changed = {k: v for k, v in refresh.items() if slot.values[k] != v}
                slot.values.update(changed)
                slot.changed = slot.changed or (bool(changed) and slot.id is not None)
        self._people.update(fresh)
        draft = self._draft(form, template, received, people)
        self.drafts.append(draft)
        for action, article, summary, details in template.events:
            self._events.append(
                (
                    draft,
                    {
                        "at": received,
                        "actor_id": self.actor.user_id,
                        "action": action,
                        "article": article,
                        "summary": summary,
                        "details": dict(details),
                    },
                )
            )
        return draft

    def _template(
        self,
        form: RegistrationForm,
        profile: Any,
        received: datetime,
        phones: tuple[bool, ...],
    ) -> _Template:
        """Case.register's outcome for this combination of kind, priority, channel, rules, which
        facts are given, hazard category and submitters' phones: what its checks read. Asked of
        Case.register itself (the domain's one set of rules) once per combination, with
        stand-in texts, since a mapped Case costs more to build than the rest of a row."""
        given = tuple(bool(clean_text(getattr(form, name))) for name in FACT_FIELDS)
        key = (
            profile.key,
            form.kind,
            form.priority,
            form.channel,
            given,
            form.hazard_category,
            phones,
        )
        found = self._templates.get(key)
        if found is not None:
            return found
        stand_ins = [Person(name="-", phone="-" if phone else None) for phone in phones]
        try:
            case = Case.register(
                rules=CaseRules(profile, self.calendar),
                actor_id=self.actor.user_id,
                now=received,
                number="-",
                query_code="-",
                kind=form.kind,
                priority=form.priority,
                channel=form.channel,
                profile_key=profile.key,
                submitters=stand_ins,
                hazard_category=form.hazard_category,
                **{
                    name: "-" if flag else "" for name, flag in zip(FACT_FIELDS, given, strict=True)
                },
            )
        except ValidationError as exc:
            found = _Template(exc)
        else:
            # Clocks and events all start at the receipt, so they carry over to any case
            # with the same inputs; the case's own texts are its own (``_draft``).
            assert all(d.starts_at == received for d in case.deadlines.values())
            assert all(e.at == received for e in case.events)
            found = _Template(
                None,
                {c.name: getattr(case, c.name) for c in t.cases.c if c.name != "id"},
                tuple((d.kind, d.amount, d.unit, d.article) for d in case.deadlines.values()),
                tuple((e.action, e.article, e.summary, dict(e.details)) for e in case.events),
            )
        self._templates[key] = found
        return found

    def _due(self, start: datetime, amount: int, unit: PeriodUnit) -> DueAt:
        """compute_due, once per start day for periods counted in days (they ignore the hour)."""
        if unit is PeriodUnit.MINUTES:
            return compute_due(self.calendar, start, amount, unit)
        key = (start.date(), amount, unit)
        found = self._dues.get(key)
        if found is None:
            found = self._dues[key] = compute_due(self.calendar, start, amount, unit)
        return found

    def _draft(
        self, form: RegistrationForm, template: _Template, received: datetime, people: list[_Slot]
    ) -> Draft:
        columns = dict(template.columns)
        facts = {name: clean_text(getattr(form, name)) for name in FACT_FIELDS}
        if form.kind is Kind.TIP_OFF and not facts["place"]:
            facts["place"] = facts["reported_unit_address"]  # as Case.register (FIRE art. 8)
        columns.update(facts)
        columns["received_at"] = received
        columns["registered_by"] = self.actor.user_id
        columns["missing_materials"] = list(columns["missing_materials"])
        columns["hazard_key"] = (
            hazard_key(
                facts["reported_unit_name"],
                facts["reported_unit_address"],
                form.hazard_category,
            )
            if form.kind is Kind.TIP_OFF
            else None
        )
        deadlines = []
        for kind, amount, unit, article in template.deadlines:
            due = self._due(received, amount, unit)
            deadlines.append(
                {
                    "claim_id": None,
                    "kind": kind,
                    "starts_at": received,
                    "amount": amount,
                    "unit": unit,
                    "article": article,
                    "due_date": due.day,
                    "due_at": due.instant,
                    "provisional": due.provisional,
                    "met_at": None,
                }
            )
            if kind is columns["due_kind"]:
                columns["due_date"], columns["due_at"] = due.day, due.instant
                columns["due_provisional"] = due.provisional
        return Draft(columns, people, deadlines)

    # ----- writing ---------------------------------------------------------------------------

    def log(
        self,
        now: datetime,
        action: str,
        summary: str,
        article: str | None,
        *,
        draft: Draft | None = None,
        case_id: int | None = None,
        **details: object,
    ) -> None:
        """An event like ``UnitOfWork.log``'s, on a draft's case (once written) or a stored one,
        chained after the events added before it."""
        self._events.append(
            (
                draft,
                {
                    "case_id": case_id,
                    "at": now,
                    "actor_id": self.actor.user_id,
                    "action": action,
                    "article": article,
                    "summary": summary,
                    "details": {k: v for k, v in details.items() if v is not None},
                },
            )
        )

    def write(self) -> list[Registered]:
        """Number and write every draft, then the events, in one go; returns them in order."""
        connection = self.uow.session.connection()
        drafts = self.drafts
        registered: list[Registered] = []
        if drafts:
            numbers = _take_numbers(self.uow, self.now, len(drafts))
            codes = _unique_query_codes(self.uow, len(drafts))
            new = [s for s in self._people.values() if s.id is None]
            if new:
                for slot, person_id in zip(
                    new, _new_ids(connection, "persons", len(new)), strict=True
                ):
                    slot.id = person_id
                connection.execute(insert(t.persons), [{"id": s.id, **s.values} for s in new])
            changed = [s for s in self._people.values() if s.changed]
            if changed:
                connection.execute(
                    update(t.persons)
                    .where(t.persons.c.id == bindparam("person_id"))
                    .values(phone=bindparam("phone"), address=bindparam("address")),
                    [
                        {
                            "person_id": s.id,
                            "phone": s.values["phone"],
                            "address": s.values["address"],
                        }
                        for s in changed
                    ],
                )
            ids = _new_ids(connection, "cases", len(drafts))
            rows = []
            for draft, number, code, case_id in zip(drafts, numbers, codes, ids, strict=True):
                draft.case_id = case_id
                rows.append({"id": case_id, **draft.columns, "number": number, "query_code": code})
                draft.columns["number"], draft.columns["query_code"] = number, code
            connection.execute(insert(t.cases), rows)
            submitters = [
                {"case_id": d.case_id, "person_id": p.id, "position": i}
                for d in drafts
                for i, p in enumerate(d.people)
            ]
            if submitters:
                connection.execute(insert(t.case_submitters), submitters)
            clocks = [{"case_id": d.case_id, **row} for d in drafts for row in d.deadlines]
            if clocks:
                connection.execute(insert(t.deadlines), clocks)
            registered = [
                Registered(d.case_id, d.columns["number"], d.columns["query_code"])
                for d in drafts
                if d.case_id is not None
            ]
        events = []
        for owner, row in self._events:
            if owner is not None:
                row["case_id"] = owner.case_id
            events.append(row)
        insert_events(connection, events)
        return registered


def _new_ids(connection: Connection, table: str, count: int) -> list[int]:
    """Ids for ``count`` new rows, given before the insert so that one executemany writes them
    (SQLite answers an ordered RETURNING one row at a time): PostgreSQL's own sequence, or on
    SQLite the next after the largest, as SQLite would give them (the write lock is ours)."""
    if connection.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table, "id")
        return list(
            connection.execute(
                select(func.nextval(sequence)).select_from(func.generate_series(1, count))
            ).scalars()
        )
    id_ = t.metadata.tables[table].c.id
    last = connection.execute(select(func.max(id_))).scalar() or 0
    return list(range(last + 1, last + 1 + count))


def _take_numbers(uow: UnitOfWork, now: datetime, count: int) -> list[str]:
    """``count`` case numbers of the day in one step: the same counter (``next_sequence``) the
    counter takes one from at a time, so numbers stay unique and in order between both."""
    dialect = uow.session.get_bind().dialect.name
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    c = t.counters.c
    last = uow.session.execute(
        upsert(t.counters)
        .values(name=f"case:{now:%Y%m%d}", value=count)
        .on_conflict_do_update(index_elements=[c.name], set_={"value": c.value + count})
        .returning(c.value)
    ).scalar_one()
    centre = uow.setting("centre_code")
    return [
        format_case_number(centre, now.date(), sequence)
        for sequence in range(int(last) - count + 1, int(last) + 1)
    ]


def _unique_query_codes(uow: UnitOfWork, count: int) -> list[str]:
    """``count`` query codes, different from each other and from every stored one."""
    codes: list[str] = []
    chosen: set[str] = set()
    while len(codes) < count:
        wanted: set[str] = set()
        while len(wanted) < count - len(codes):
            code = new_query_code()
            if code not in chosen:
                wanted.add(code)
        taken: set[str] = set()
        ordered = sorted(wanted)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            taken.update(
                uow.session.execute(
                    select(t.cases.c.query_code).where(t.cases.c.query_code.in_(chunk))
                ).scalars()
            )
        for code in wanted - taken:
            chosen.add(code)
            codes.append(code)
    return codes
