"""Registering what a citizen brings: people, facts, attachments, a case number and a query code."""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.cases import Attachment, Case, CaseRules
from app.domain.codes import format_case_number, new_query_code
from app.domain.errors import ValidationError
from app.domain.people import DocumentType, normalise_document, normalise_phone, parse_resident_id
from app.domain.persons import Person
from app.domain.users import Action, Actor
from app.domain.vocabulary import Channel, HazardCategory, Kind, Priority, RefusalGround
from app.persistence import tables as t
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


def resolve_person(uow: UnitOfWork, given: PersonInput, index: int) -> Person:
    """One person per document number (RULES §5): reuse the record, refresh the contact details."""
    name = given.name.strip()
    if not name:
        raise ValidationError(f"submitters[{index}].name", "请填写诉求人姓名。")
    phone = normalise_phone(given.phone) if given.phone.strip() else None
    number = None
    extra: dict[str, Any] = {}
    if given.doc_number.strip():
        doc_type = given.doc_type or DocumentType.RESIDENT_ID
        number = normalise_document(doc_type, given.doc_number)
        if doc_type is DocumentType.RESIDENT_ID:
            info = parse_resident_id(number)
            extra = {
                "birth_date": info.birth_date,
                "sex": info.sex,
                "region_code": info.region_code,
                "region_name": info.region_name,
            }
        existing = uow.session.scalars(
            select(Person).where(t.persons.c.doc_number == number)
        ).first()
        if existing is not None:
            if existing.name != name:
                raise ValidationError(
                    f"submitters[{index}].name",
                    f"该证件号码已登记为「{existing.masked_name}」，与填写的姓名不一致，请核对证件。",
                )
            if phone:
                existing.phone = phone
            if given.address.strip():
                existing.address = given.address.strip()
            return existing
        return Person(
            name=name,
            doc_type=doc_type,
            doc_number=number,
            phone=phone,
            address=given.address.strip(),
            **extra,
        )
    return Person(name=name, doc_type=None, phone=phone, address=given.address.strip())


def _identities(form: RegistrationForm) -> list[tuple[str, str | None, str | None]]:
    """Each submitter's name, normalised phone and document number, for the restriction check.

    A value that does not pass its check is left out here; resolve_person refuses it afterwards
    with its own message, on its own field.
    """
    found: list[tuple[str, str | None, str | None]] = []
    for given in form.submitters:
        phone = number = None
        with contextlib.suppress(ValidationError):
            phone = normalise_phone(given.phone) if given.phone.strip() else None
        with contextlib.suppress(ValidationError):
            if given.doc_number.strip():
                number = normalise_document(
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
    numbers = [p.doc_number for p in people if p.doc_number]
    if len(set(numbers)) != len(numbers) or len({id(p) for p in people}) != len(people):
        raise ValidationError("submitters", "同一人不能重复列为联名诉求人。")
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
