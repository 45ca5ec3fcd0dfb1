"""Issuing printed documents for a case: which ones apply now, their numbers, the 补打 mark, events.

The services decide what a document says (and that unit-facing ones carry no identity); the
renderer in app/documents only lays it out.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload

from app.documents.fonts import FontSet, default_fonts, load_fonts
from app.documents.payloads import (
    DeadlineLine,
    DispatchOrderData,
    DocType,
    DocumentMeta,
    ExtensionNoticeData,
    Letterhead,
    MaterialsData,
    Payload,
    ReceiptData,
    RedoNoticeData,
    RefusalData,
    ReminderData,
    ResultNoticeData,
    payload_from_json,
    payload_to_json,
)
from app.documents.text import plain_date, plain_datetime
from app.domain.cases import Case, CaseRules, RequestStatus
from app.domain.deadlines import Deadline, DeadlineKind
from app.domain.errors import DomainError, NotFound
from app.domain.events import Event
from app.domain.people import mask_phone
from app.domain.users import Action, Actor
from app.domain.vocabulary import CaseState, Kind
from app.persistence import tables as t
from app.persistence.database import DatabaseBusy, is_busy
from app.services.context import Services, UnitOfWork

PRINT_EVENT = "print_document"
REPRINT_EVENT = "reprint_document"

# The rule that calls for each document; printed into the event that records its issue.
DOCUMENT_ARTICLES = {
    DocType.RECEIPT: "YJ12345 art. 8",
    DocType.REFUSAL_NOTICE: "YJ12345 art. 6",
    DocType.MATERIALS_NOTICE: "STD item 6",
    DocType.DISPATCH_ORDER: "YJ12345 art. 10",
    DocType.EXTENSION_NOTICE: "YJ12345 art. 9",
    DocType.RESULT_NOTICE: "YJ12345 art. 14",
    DocType.REDO_NOTICE: "YJ12345 art. 14",
    DocType.REMINDER_NOTICE: "JY12345 art. 19",
}
ESCALATION_WORKING_DAYS = 5  # JY12345 art. 19: still overdue 5 wd after → accountability


@dataclass(frozen=True)
class PrintedDocument:
    doc_type: DocType
    title: str
    number_text: str
    pdf: bytes


def letterhead(uow: UnitOfWork) -> Letterhead:
    return Letterhead(
        centre_name=uow.setting("centre_name"),
        address=uow.setting("centre_address"),
        phone=uow.setting("centre_phone"),
        number_prefix=uow.setting("document_prefix"),
    )


def _addressee(case: Case) -> str:
    if case.anonymous:
        return f"匿名诉求人（查询码 {case.query_code}）"
    return "、".join(s.person.name for s in case.submitters)


def _summary(case: Case, limit: int = 120) -> str:
    text = " ".join(case.content.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _due_text(deadline: Deadline) -> str:
    """Dates as people write them on paper: 2025年10月16日, 2025年9月26日10时10分（暂定）."""
    text = plain_datetime(deadline.due_at) if deadline.due_at else plain_date(deadline.due_date)
    return text + ("（暂定）" if deadline.provisional else "")


def _line(deadline: Deadline) -> DeadlineLine:
    return DeadlineLine(
        deadline.kind.label, _due_text(deadline), deadline.article, deadline.provisional
    )


def _unit(uow: UnitOfWork, unit_id: int | None) -> tuple[str, str]:
    if unit_id is None:
        return "", ""
    row = uow.session.execute(
        select(t.units.c.name, t.units.c.leader).where(t.units.c.id == unit_id)
    ).first()
    return (row.name, row.leader) if row else ("", "")


def _issued(case: Case, doc_type: DocType) -> list[Event]:
    return [
        e
        for e in case.events
        if e.action == PRINT_EVENT and e.details.get("doc_type") == doc_type.value
    ]


def _approved_extensions(case: Case) -> list[int]:
    return [
        r.extra_working_days for r in case.extension_requests if r.status is RequestStatus.APPROVED
    ]


def available_documents(svc: Services, case_id: int) -> list[DocType]:
    """What this case can print now, in the order a clerk meets them."""
    with svc.uow(write=False) as uow:
        return _applicable(uow.get_case(case_id), svc.now())


_APPLIES: dict[DocType, Callable[[Case, datetime], bool]] = {
    DocType.RECEIPT: lambda c, now: c.state is not CaseState.NOT_ACCEPTED,
    DocType.REFUSAL_NOTICE: lambda c, now: c.state is CaseState.NOT_ACCEPTED,
    DocType.MATERIALS_NOTICE: lambda c, now: c.materials_requested_at is not None,
    DocType.DISPATCH_ORDER: lambda c, now: c.unit_id is not None,
    DocType.EXTENSION_NOTICE: lambda c, now: bool(_approved_extensions(c)),
    DocType.RESULT_NOTICE: lambda c, now: c.completed_at is not None,
    DocType.REDO_NOTICE: lambda c, now: (
        c.state is CaseState.SENT_BACK or c.redo_under_way() is not None
    ),
    # JY12345 art. 19: the written reminder is for a unit past its completion deadline.
    DocType.REMINDER_NOTICE: lambda c, now: (
        c.unit_id is not None and c.due_kind is DeadlineKind.COMPLETION and c.is_overdue(now)
    ),
}


def _applicable(case: Case, now: datetime) -> list[DocType]:
    return [d for d, applies in _APPLIES.items() if applies(case, now)]


def _payload(
    svc: Services, uow: UnitOfWork, case: Case, doc_type: DocType, rules: CaseRules, now: datetime
) -> Payload:
    unit_name, unit_leader = _unit(uow, case.unit_id)
    if doc_type is DocType.RECEIPT:
        lines = [_line(d) for k, d in case.deadlines.items() if k is DeadlineKind.DISPATCH]
        completion = case.deadlines.get(DeadlineKind.COMPLETION)
        if completion is not None:
            lines.append(_line(completion))
        else:
            rule = rules.profile.completion_rule(case.kind, case.priority)
            lines.append(
                DeadlineLine(
                    "办结期限",
                    f"承办单位收到工单后{rule.period.describe()}内",
                    rule.period.article,
                )
            )
        lead = case.lead_submitter
        return ReceiptData(
            case_number=case.number,
            query_code=case.query_code,
            kind_label=case.kind.label,
            priority_label=case.priority.label,
            channel_label=case.channel.label,
            received_at=case.received_at,
            submitter_names=tuple(s.person.name for s in case.submitters),
            submitter_phone_masked=mask_phone(lead.phone) if lead and lead.phone else "",
            summary=_summary(case),
            deadlines=tuple(lines),
            fire_tip_off=case.kind is Kind.TIP_OFF and case.hazard_category is not None,
            clerk_name=_user_name(uow, case.registered_by),
            profile_name=rules.profile.name,
        )
    if doc_type is DocType.REFUSAL_NOTICE:
        assert case.refusal_ground is not None
        related = uow.get_case(case.related_case_id).number if case.related_case_id else None
        return RefusalData(
            case_number=case.number,
            addressee=_addressee(case),
            received_at=case.received_at,
            summary=_summary(case),
            ground_number=case.refusal_ground.value,
            ground_label=case.refusal_ground.label,
            ground_article=case.refusal_ground.article,
            reason=case.refusal_reason,
            related_case_number=related,
        )
    if doc_type is DocType.MATERIALS_NOTICE:
        deadline = case.deadlines[DeadlineKind.MATERIALS]
        return MaterialsData(
            case_number=case.number,
            query_code=case.query_code,
            addressee=_addressee(case),
            received_at=case.received_at,
            summary=_summary(case),
            items=tuple(case.missing_materials),
            supply_by=deadline.due_date,
            supply_period_text=deadline.period.describe(),
            article=deadline.article,
        )
    if doc_type is DocType.DISPATCH_ORDER:
        assert case.received_by_unit_at is not None
        unit_lines = tuple(
            _line(case.deadlines[k])
            for k in (
                DeadlineKind.FIRST_CONTACT,
                DeadlineKind.ON_SITE,
                DeadlineKind.COMPLETION,
                DeadlineKind.RETURN_WINDOW,
            )
            if k in case.deadlines
        )
        return DispatchOrderData(
            case_number=case.number,
            unit_name=unit_name,
            kind_label=case.kind.label,
            priority_label=case.priority.label,
            channel_label=case.channel.label,
            received_at=case.received_at,
            dispatched_at=case.received_by_unit_at,
            occurred=case.occurred,
            place=case.place,
            content=case.content,
            request=case.request,
            reported_unit_name=case.reported_unit_name,
            reported_unit_address=case.reported_unit_address,
            hazard_category_label=case.hazard_category.label if case.hazard_category else "",
            deadlines=unit_lines,
            designated=case.designated,
            anonymous=case.anonymous,
        )
    if doc_type is DocType.EXTENSION_NOTICE:
        approved = [r for r in case.extension_requests if r.status is RequestStatus.APPROVED]
        last = approved[-1]
        completion = case.deadlines[DeadlineKind.COMPLETION]
        before_amount = completion.amount - last.extra_working_days
        original = svc.calendar.add_working_days(completion.starts_at.date(), before_amount)
        return ExtensionNoticeData(
            case_number=case.number,
            addressee=_addressee(case),
            unit_name=unit_name,
            original_due=plain_date(original.day) + ("（暂定）" if original.provisional else ""),
            new_due=_due_text(completion),
            extra_working_days=last.extra_working_days,
            reason=last.reason,
            basis=last.basis,
            article=rules.profile.extension_article,
        )
    if doc_type is DocType.RESULT_NOTICE:
        result = [r for r in case.results if r.review_passed][-1]
        return ResultNoticeData(
            case_number=case.number,
            query_code=case.query_code,
            addressee=_addressee(case),
            summary=_summary(case),
            unit_name=unit_name or uow.setting("centre_name"),
            handled_at=result.handled_at,
            method=result.method,
            outcome=result.outcome,
            basis=result.basis,
        )
    if doc_type is DocType.REDO_NOTICE and (redo := case.redo_under_way()) is not None:
        # The citizen was dissatisfied and the centre sent it back (YJ12345 art. 20; JY12345
        # art. 16, 17): the period is the original one, counted from this redo dispatch.
        accepted = [r for r in case.results if r.review_passed]
        approval = next(e for e in reversed(case.events) if e.action == "approve_redo")
        completion = case.deadlines[DeadlineKind.COMPLETION]
        return RedoNoticeData(
            case_number=case.number,
            unit_name=unit_name,
            summary=_summary(case),
            previous_outcome=accepted[-1].outcome if accepted else "",
            reason=f"诉求人评价为「{redo.level.label}」：{redo.reason}",
            instructions=redo.decision_note,
            new_due=_due_text(completion) + "（期限自重办转办起计算）",
            article=approval.article or "YJ12345 art. 20",
            redo_count=case.redo_count,
        )
    if doc_type is DocType.REDO_NOTICE:
        sent_back = [r for r in case.results if r.review_passed is False][-1]
        completion = case.deadlines[DeadlineKind.COMPLETION]
        return RedoNoticeData(
            case_number=case.number,
            unit_name=unit_name,
            summary=_summary(case),
            previous_outcome=sent_back.outcome,
            reason=sent_back.review_comment,
            instructions="请按上述意见重新办理，并在办理期限内重新提交办理结果（写明办理时间、方式、结果和依据）。",
            new_due=_due_text(completion) + "（期限自首次收到工单起计算）",
            article="YJ12345 art. 14",
            review_failed=True,
        )
    if doc_type is DocType.REMINDER_NOTICE:
        completion = case.deadlines[DeadlineKind.COMPLETION]
        overdue_by = svc.calendar.working_days_overdue(completion.due_date, now.date())
        escalation = svc.calendar.add_working_days(completion.due_date, ESCALATION_WORKING_DAYS)
        assert case.first_received_at is not None
        return ReminderData(
            case_number=case.number,
            unit_name=unit_name,
            unit_leader=unit_leader,
            summary=_summary(case),
            received_by_unit=case.first_received_at.date(),
            due=_due_text(completion),
            working_days_overdue=overdue_by,
            reminders_before=len(_issued(case, DocType.REMINDER_NOTICE)),
            accountability_after=plain_date(escalation.day),
        )
    raise DomainError(f"{doc_type.label}由奖励和申诉模块出具，不能从案件直接打印。")


def _user_name(uow: UnitOfWork, user_id: int) -> str:
    name = uow.session.execute(
        select(t.users.c.display_name).where(t.users.c.id == user_id)
    ).scalar_one_or_none()
    return name or ""


def issue(
    svc: Services, actor: Actor, doc_type: DocType, case_id: int, *, reprint: bool = False
) -> PrintedDocument:
    """Number, render and log one document of a case.

    A reprint (补打) prints the very text that was issued, under the same number, and says so.
    """
    from app.documents.render import render

    actor.require(Action.PRINT_DOCUMENT)
    now = svc.now()
    with svc.uow() as uow:
        case = uow.get_case(case_id)
        meta, payload, article = _prepare(svc, uow, case, doc_type, now, reprint=reprint)
        pdf = render(meta, payload, fonts=fonts_for(uow.setting("font_dir")))
        record_document(case, actor, now, meta, payload, article)
        uow.commit()
    return PrintedDocument(doc_type, f"{doc_type.label} {case.number}", meta.number_text, pdf)


def _prepare(
    svc: Services,
    uow: UnitOfWork,
    case: Case,
    doc_type: DocType,
    now: datetime,
    *,
    reprint: bool = False,
    head: Letterhead | None = None,
) -> tuple[DocumentMeta, Payload, str | None]:
    """What a document of ``case`` says and its number (a new one unless it is a reprint)."""
    if reprint:
        return _reprint(uow, case, doc_type)
    if doc_type not in _applicable(case, now):
        raise DomainError(
            f"案件 {case.number} 当前状态为「{case.state.label}」，不能出具{doc_type.label}。"
        )
    payload = _payload(svc, uow, case, doc_type, svc.rules_for(case), now)
    sequence = uow.next_sequence(f"doc:{doc_type.value}:{now.year}")
    meta = DocumentMeta(doc_type, head or letterhead(uow), now.year, sequence, now.date())
    return meta, payload, DOCUMENT_ARTICLES.get(doc_type)


def record_document(
    case: Case,
    actor: Actor,
    now: datetime,
    meta: DocumentMeta,
    payload: Payload,
    article: str | None,
) -> None:
    """The event of an issue (a case's document or a reward's): its number and the full text as
    printed, from which a 补打 is printed unchanged."""
    doc_type = meta.doc_type
    case.events.append(
        Event(
            action=REPRINT_EVENT if meta.reprint else PRINT_EVENT,
            at=now,
            actor_id=actor.user_id,
            summary=f"{'补打' if meta.reprint else '出具'}{doc_type.label} {meta.number_text}",
            article=article,
            details={
                "doc_type": doc_type.value,
                "year": meta.year,
                "sequence": meta.sequence,
                "issued_on": meta.issued_on.isoformat(),
                "number_text": meta.number_text,
                "payload": payload_to_json(payload),
            },
        )
    )


def fonts_for(font_dir: str) -> FontSet:
    """The configured font folder first (settings), else the machine's fonts; found once each."""
    if not font_dir:
        return default_fonts()
    if font_dir not in _FONTS:
        _FONTS[font_dir] = load_fonts(font_dir=Path(font_dir))
    return _FONTS[font_dir]


_FONTS: dict[str, FontSet] = {}


def _reprint(
    uow: UnitOfWork, case: Case, doc_type: DocType
) -> tuple[DocumentMeta, Payload, str | None]:
    """The last issue of ``doc_type``: its number, its text and the article it was issued under.

    Documents issued elsewhere (the reward documents of app/services/rewards.py) log the same
    event with their payload, so they are reprinted here too.
    """
    earlier = _issued(case, doc_type)
    if not earlier:
        raise NotFound(f"{doc_type.label}尚未出具过，不能补打，请直接打印。")
    first = earlier[-1].details
    meta = DocumentMeta(
        doc_type,
        letterhead(uow),
        int(first["year"]),
        int(first["sequence"]),
        date.fromisoformat(first["issued_on"]),
        reprint=True,
    )
    return meta, payload_from_json(first["payload"]), earlier[-1].article


def overdue_reminders(svc: Services, actor: Actor) -> list[int]:
    """Cases with a unit whose completion deadline has passed (JY12345 art. 19)."""
    from app.services.queries import CaseFilter, DueFilter, case_ids

    actor.require(Action.PRINT_DOCUMENT)
    candidates = case_ids(svc, CaseFilter(due=DueFilter.OVERDUE), descending=False)
    if not candidates:
        return []
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(
            select(t.cases.c.id).where(
                t.cases.c.id.in_(candidates),
                t.cases.c.unit_id.is_not(None),
                t.cases.c.due_kind == DeadlineKind.COMPLETION,
            )
        ).scalars()
        chosen = set(rows)
    return [c for c in candidates if c in chosen]


def issue_reminder(svc: Services, actor: Actor, case_id: int) -> PrintedDocument:
    return issue(svc, actor, DocType.REMINDER_NOTICE, case_id)


@dataclass(frozen=True)
class BatchDocument:
    """A document issued in a batch: numbered and recorded like ``issue``'s, printed in the
    batch's one PDF. ``pdf`` renders it alone, on demand (the batch does not need it)."""

    doc_type: DocType
    title: str
    number_text: str
    case_id: int
    meta: DocumentMeta = field(repr=False)
    payload: Payload = field(repr=False)
    fonts: FontSet = field(repr=False, compare=False)

    @property
    def pdf(self) -> bytes:
        from app.documents.render import render

        return render(self.meta, self.payload, fonts=self.fonts)


@dataclass(frozen=True)
class IssuedBatch:
    """What ``issue_reminders`` did: the documents issued (in order) and their one PDF."""

    total: int
    documents: list[BatchDocument]
    skipped: list[tuple[int, str]]  # (case id, why not, in the clerk's words)
    cancelled: bool = False
    # What stopped the batch (a bug, or DatabaseBusy), and at which case; what was issued before
    # it stands.
    error: Exception | None = None
    pdf: bytes | None = None
    stopped_at: int | None = None


# Cases issued per transaction: the write lock is held for about this many layouts (a few ms
# each), so other clerks wait well under a second, and a crash loses no more than one chunk.
BATCH_CHUNK = 25


def issue_reminders(
    svc: Services,
    actor: Actor,
    case_ids: Sequence[int],
    *,
    progress: Callable[[int, int, int | None], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> IssuedBatch:
    """Issue a reminder notice (JY12345 art. 19) for each case, exactly as ``issue_reminder``
    does one (its own number, its event with the full text), and print them all in one PDF.

    Cases go ``BATCH_CHUNK`` to a transaction, each in a savepoint: a case the rules refuse now
    is skipped with the reason; a bug undoes only its own case and stops the batch, keeping
    what was issued before it. Each notice is laid out before its record is kept, as ``issue``
    renders before it commits. ``progress(done, total, case_id)`` is called before each case,
    and with ``(issued, total, None)`` before the PDF is written; ``cancelled()`` is asked between
    cases, and what was issued until then is still printed.
    """
    from app.documents.render import DocumentBatch, Prepared

    actor.require(Action.PRINT_DOCUMENT)
    total = len(case_ids)
    documents: list[BatchDocument] = []
    skipped: list[tuple[int, str]] = []
    stopped = False
    error: Exception | None = None
    stopped_at: int | None = None
    batch: DocumentBatch | None = None
    index = 0
    while index < total and not stopped:
        with svc.uow() as uow:
            if batch is None:
                batch = DocumentBatch(fonts_for(uow.setting("font_dir")))
            kept: list[tuple[BatchDocument, Prepared]] = []
            chunk = case_ids[index : index + BATCH_CHUNK]
            # One query per relationship for the whole chunk, not nine per case.
            loaded = {
                case.id: case
                for case in uow.session.scalars(
                    select(Case)
                    .where(t.cases.c.id.in_(set(chunk)))
                    .options(selectinload(Case.events))  # type: ignore[arg-type]
                )
            }
            head = letterhead(uow)
            for case_id in chunk:
                if cancelled is not None and cancelled():
                    stopped = True
                    break
                if progress is not None:
                    progress(index, total, case_id)
                index += 1
                now = svc.now()
                try:
                    with uow.session.begin_nested():
                        case = loaded.get(case_id) or uow.get_case(case_id)
                        meta, payload, article = _prepare(
                            svc, uow, case, DocType.REMINDER_NOTICE, now, head=head
                        )
                        prepared = batch.prepare(meta, payload)
                        record_document(case, actor, now, meta, payload, article)
                except DomainError as exc:
                    skipped.append((case_id, str(exc)))
                    continue
                except Exception as exc:  # a bug or a busy database: keep what was issued, stop
                    error, stopped_at, stopped = _stopping(exc), case_id, True
                    break
                title = f"{DocType.REMINDER_NOTICE.label} {case.number}"
                document = BatchDocument(
                    DocType.REMINDER_NOTICE,
                    title,
                    meta.number_text,
                    case_id,
                    meta,
                    payload,
                    batch.fonts,
                )
                kept.append((document, prepared))
            try:
                uow.commit()
            except Exception as exc:  # nothing of this chunk was recorded: print none of it
                error, stopped_at, stopped, kept = _stopping(exc), chunk[0], True, []
        for document, prepared in kept:
            documents.append(document)
            batch.append(prepared)
    was_cancelled = cancelled is not None and cancelled() and error is None
    pdf = None
    if batch is not None and len(batch):
        if progress is not None:
            progress(len(documents), total, None)  # writing the PDF: a few ms a page
        pdf = batch.pdf()
    return IssuedBatch(total, documents, skipped, was_cancelled, error, pdf, stopped_at)


def _stopping(error: Exception) -> Exception:
    """What stopped a batch: a busy database in the clerk's words (issue() raises the same)."""
    if isinstance(error, OperationalError) and is_busy(error):
        return DatabaseBusy()
    return error


def printed_count(svc: Services, case_id: int, doc_type: DocType) -> tuple[int, int]:
    """(issued, reprinted) counts of one document type for a case."""
    with svc.uow(write=False) as uow:
        events = uow.get_case(case_id).events
        kinds = [e.action for e in events if e.details.get("doc_type") == doc_type.value]
    return kinds.count(PRINT_EVENT), kinds.count(REPRINT_EVENT)


SAMPLE_CASES = 80


def write_samples(out_dir: Path, *, seed: int = 1) -> list[Path]:
    """One PDF of every document type, from a throwaway demo database (checks printers and fonts).

    Documents 1–6 are issued from demo cases through the same path as at the counter; the reward
    and appeal documents come from the renderer's samples until those modules fill them.
    """
    from app.documents.render import render
    from app.documents.samples import sample_documents
    from app.persistence.migrate import upgrade
    from app.services.demo import DEMO_PASSWORD, build_demo
    from app.services.users import authenticate

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="towndesk-samples-") as tmp:
        svc = Services.open(f"sqlite:///{tmp}/samples.db", Path(tmp))
        try:
            upgrade(svc.database)
            build_demo(svc, cases=SAMPLE_CASES, seed=seed)
            actor = authenticate(svc, "admin", DEMO_PASSWORD)
            pending = list(DOCUMENT_ARTICLES)
            for case_id in _all_case_ids(svc):
                for doc_type in available_documents(svc, case_id):
                    if doc_type in pending:
                        pending.remove(doc_type)
                        document = issue(svc, actor, doc_type, case_id)
                        written.append(_write(out_dir, doc_type, document.pdf))
                if not pending:
                    break
        finally:
            svc.close()
    done = {p.stem.split("_", 1)[1] for p in written}
    for meta, payload in sample_documents(date.today()):
        if meta.doc_type.value not in done:
            done.add(meta.doc_type.value)
            written.append(_write(out_dir, meta.doc_type, render(meta, payload)))
    return sorted(written)


def _all_case_ids(svc: Services) -> list[int]:
    with svc.uow(write=False) as uow:
        return list(uow.session.execute(select(t.cases.c.id).order_by(t.cases.c.id)).scalars())


def _write(out_dir: Path, doc_type: DocType, pdf: bytes) -> Path:
    order = list(DocType).index(doc_type) + 1
    path = out_dir / f"{order:02d}_{doc_type.value}.pdf"
    path.write_bytes(pdf)
    return path
