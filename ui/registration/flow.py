"""What one press of 保存 / 不予受理 / 材料不全 does, as a plain function for a background worker.

Register, link the duplicates the clerk ticked, take the intake decision, issue the document to
preview. The first step decides whether anything was written: if registering fails, nothing
was; after that, a failing step is reported alongside the case that now exists, never as
"nothing was saved".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.documents.payloads import DocType
from app.domain.errors import DomainError, ValidationError
from app.domain.users import Actor
from app.domain.vocabulary import RefusalGround
from app.services import duplicates, printing, queries
from app.services.context import Services
from app.services.forms import check_case_number
from app.services.printing import PrintedDocument
from app.services.queries import CaseFilter
from app.services.registration import (
    IntakeDecision,
    MaterialsAtIntake,
    RefuseAtIntake,
    Registered,
    RegistrationForm,
    register,
)
from ui.i18n import QT_TRANSLATE_NOOP
from ui.registration.widgets import _t

log = logging.getLogger(__name__)

RELATED_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Registration", "Case {number} not found; please check the earlier case's number."
)
STEP_FAILED = QT_TRANSLATE_NOOP("Registration", "{step} not completed: {message}")
INTERNAL = QT_TRANSLATE_NOOP(
    "Registration", "an internal error occurred (the details are in the log)"
)
LINK_STEP = QT_TRANSLATE_NOOP("Registration", "Linking as a duplicate of {number}")
ISSUE_STEP = QT_TRANSLATE_NOOP("Registration", "Issuing {document}")


@dataclass(frozen=True)
class Refusal:
    """不予受理 on one of the seven grounds (YJ12345 art. 6); ground 6 names the earlier case."""

    ground: RefusalGround
    reason: str
    related_number: str = ""


@dataclass(frozen=True)
class MissingMaterials:
    """一次性告知: every missing or wrong item at once (STD item 6)."""

    items: tuple[str, ...]


Decision = Refusal | MissingMaterials | None


@dataclass(frozen=True)
class Outcome:
    registered: Registered
    document: PrintedDocument | None
    problems: tuple[str, ...] = field(default=())


def document_for(decision: Decision) -> DocType:
    if isinstance(decision, Refusal):
        return DocType.REFUSAL_NOTICE
    if isinstance(decision, MissingMaterials):
        return DocType.MATERIALS_NOTICE
    return DocType.RECEIPT


def find_case_id(svc: Services, number: str) -> int:
    """The id of the case with this number, or a ValidationError on ``related_case``."""
    check = check_case_number(number)
    if not check.ok:
        raise ValidationError(
            "related_case", check.message or _t(RELATED_NOT_FOUND).format(number=number)
        )
    ids = queries.case_ids(svc, CaseFilter(text=check.normalised))
    rows = [row for row in queries.case_rows(svc, ids) if row.number == check.normalised]
    if not rows:
        raise ValidationError("related_case", _t(RELATED_NOT_FOUND).format(number=check.normalised))
    return rows[0].id


def _failed(step: str, exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return _t(STEP_FAILED).format(step=step, message=str(exc))
    log.error("internal error after registering", exc_info=exc)
    return _t(STEP_FAILED).format(step=step, message=_t(INTERNAL))


def submit(
    svc: Services,
    actor: Actor,
    form: RegistrationForm,
    *,
    decision: Decision = None,
    link_to: tuple[int, ...] = (),
    link_numbers: dict[int, str] | None = None,
) -> Outcome:
    """Register the form, then the rest; raises only if nothing was written."""
    related_id = None
    if isinstance(decision, Refusal) and decision.ground is RefusalGround.REPEAT:
        related_id = find_case_id(svc, decision.related_number)
    intake: IntakeDecision | None = None
    if isinstance(decision, Refusal):
        intake = RefuseAtIntake(decision.ground, decision.reason, related_id)
    elif isinstance(decision, MissingMaterials):
        intake = MaterialsAtIntake(tuple(decision.items))
    # Registration and the intake decision are one transaction: either both or nothing.
    registered = register(svc, actor, form, intake=intake)
    case_id = registered.case_id
    problems: list[str] = []
    for other in link_to:
        try:
            duplicates.link_duplicate(svc, actor, case_id, other)
        except Exception as exc:  # the case exists: report, do not pretend nothing was saved
            number = (link_numbers or {}).get(other, str(other))
            problems.append(_failed(_t(LINK_STEP).format(number=number), exc))
    doc_type = document_for(decision)
    try:
        document = printing.issue(svc, actor, doc_type, case_id)
    except Exception as exc:
        problems.append(_failed(_t(ISSUE_STEP).format(document=doc_type.label), exc))
        return Outcome(registered, None, tuple(problems))
    return Outcome(registered, document, tuple(problems))
