"""Importing the county hotline's work orders from Excel: the template, the import, and its history."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from app.documents.workbook import (
    DATETIME_FORMAT,
    Column,
    ColumnType,
    SheetSpec,
    display_width,
    is_formula_like,
    shanghai_wall_time,
    storable_text,
    write_book,
)
from app.domain import orders as o
from app.domain.errors import DomainError
from app.domain.people import DocumentType
from app.domain.reporting import Progress, no_progress
from app.domain.users import Action, Actor
from app.domain.vocabulary import Channel, HazardCategory
from app.persistence import tables as t
from app.persistence.batches import in_batches
from app.services.context import Services, UnitOfWork
from app.services.registration import (
    BatchRegistration,
    Draft,
    IdentityChecks,
    PersonInput,
    RegistrationForm,
)

MAX_FILE_BYTES = o.MAX_FILE_BYTES
MAX_ROWS = o.MAX_ROWS
PROGRESS_EVERY = 100
ARCHIVE_FOLDER = "imports"
TEMPLATE_FILE_NAME = "工单导入模板.xlsx"
ERROR_SHEET = "未导入的行"
# Numbers, IDs and phones are kept as text in the template so Excel drops no leading zero and
# does not turn an 18-digit ID into scientific notation.
_TEXT_KEYS = frozenset({"order_number", "doc_number", "phone"})

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_THIN = Side(style="thin")
_BORDER = Border(top=_THIN, bottom=_THIN, left=_THIN, right=_THIN)


# ----- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedRow:
    row: int
    order_number: str
    case_id: int
    case_number: str


@dataclass(frozen=True)
class AlreadyRow:
    row: int
    order_number: str
    case_number: str


@dataclass(frozen=True)
class ChangedRow:
    """A work order imported before whose row now reads differently; the case was left as it is."""

    row: int
    order_number: str
    case_number: str
    fields: tuple[str, ...]  # the headers of the fields that differ


@dataclass(frozen=True)
class RejectedRow:
    """One problem of a row not imported: the column's header ("" for the whole row)."""

    row: int
    order_number: str  # as read, "" when the row has none
    column: str
    problem: str


@dataclass(frozen=True)
class ImportOutcome:
    batch_id: int
    file_name: str
    sha256: str
    rows_total: int
    created: tuple[CreatedRow, ...]
    already: tuple[AlreadyRow, ...]
    changed: tuple[ChangedRow, ...]
    rejected: tuple[RejectedRow, ...]  # one entry per problem; a row may have several
    error_workbook: bytes | None  # the rejected rows, to fix and import again

    @property
    def error_file_name(self) -> str:
        """Where to suggest saving ``error_workbook``: beside the file, named after it."""
        return f"{Path(self.file_name).stem}-未导入行.xlsx"

    @property
    def rejected_rows(self) -> int:
        return len({r.row for r in self.rejected})

    def summary(self) -> str:
        return (
            f"共 {self.rows_total} 行：新建 {len(self.created)} 件，"
            f"已导入 {len(self.already)} 行，内容有变化 {len(self.changed)} 行，"
            f"未导入 {self.rejected_rows} 行"
        )

    def lines(self) -> list[str]:
        """One line per row that needs the clerk's attention, for the command line and the log."""
        out = [
            f"第 {r.row} 行 工单 {r.order_number}：已导入（案件编号 {r.case_number}）"
            for r in self.already
        ]
        out += [
            f"第 {r.row} 行 工单 {r.order_number}：内容有变化（{'、'.join(r.fields)}），"
            f"未覆盖案件 {r.case_number}，请核对后在案件中处理"
            for r in self.changed
        ]
        out += [
            f"第 {r.row} 行" + (f"「{r.column}」" if r.column else "") + f"：{r.problem}"
            for r in self.rejected
        ]
        return out


@dataclass(frozen=True)
class ImportBatchRow:
    """One import as the history shows it (newest first)."""

    id: int
    file_name: str
    sha256: str
    size: int
    archived_file: Path
    imported_at: datetime
    imported_by: str
    rows_total: int
    created: int
    already: int
    changed: int
    rejected: int


# ----- the template -------------------------------------------------------------------------------


def _write_cell(cell: Any, value: object) -> None:
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = shanghai_wall_time(value)
    if isinstance(value, str):
        value = storable_text(value)
    cell.value = value
    if isinstance(value, str) and (cell.data_type == "f" or is_formula_like(value)):
        # Formula injection: the same literal-text rule as every workbook TownDesk writes.
        cell.data_type = "s"
        cell.quotePrefix = True
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT


def template_workbook(rows: Iterable[Mapping[str, object]] = ()) -> bytes:
    """The import template (docs/excel-layouts.md): sheet 工单 with the header on row 1, and
    sheet 填写说明 describing each column. ``rows`` (header → value) fill it in, e.g. for tests
    or to hand a prepared file to another centre."""
    book = Workbook()
    ws: Any = book.active
    ws.title = o.ORDER_SHEET
    for index, column in enumerate(o.COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = _REQUIRED_FONT if column.required else _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(index)
        dimension = ws.column_dimensions[letter]
        dimension.width = max(column.width, display_width(column.header) + 2)
        # A column style applies to the cells the clerk types into later.
        if column.type is o.CellType.DATETIME:
            dimension.number_format = DATETIME_FORMAT
        elif column.key in _TEXT_KEYS:
            dimension.number_format = "@"
        if column.choices:
            choices = (
                [str(h.value) for h in HazardCategory]
                if column.key == "hazard_category"
                else list(column.choices)
            )
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=True,
                errorStyle="warning",
                showErrorMessage=True,
                error=column.help,
                errorTitle=column.header,
            )
            check.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            ws.add_data_validation(check)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    for row_index, given in enumerate(rows, start=2):
        for index, column in enumerate(o.COLUMNS, start=1):
            value = given.get(column.header)
            if value is not None:
                cell = ws.cell(row=row_index, column=index)
                _write_cell(cell, value)
                if column.key in _TEXT_KEYS and isinstance(value, str):
                    cell.number_format = "@"
    _help_sheet(book.create_sheet(o.HELP_SHEET))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _help_sheet(ws: Any) -> None:
    headers = ("列名", "必填", "类型", "示例", "说明")
    widths = (16, 8, 12, 22, 90)
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=index, value=header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(index)].width = width
    row = 2
    for values in o.template_help_rows():
        for index, value in enumerate(values, start=1):
            _write_cell(ws.cell(row=row, column=index), value)
        ws.cell(row=row, column=5).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    notes = (
        "",
        "导入规则",
        "1. 在「工单」表第 1 行表头下逐行填写，每行一张工单；列的顺序可以调整，多余的列不会导入。",
        "2. 同一工单编号只登记一次：再次导入时报告「已导入」；内容有变化的报告变化的列，不会覆盖已登记的案件。",
        f"3. 每个文件不超过 {MAX_FILE_BYTES // (1024 * 1024)} MB、{MAX_ROWS} 行工单；单元格不能含公式。",
        "4. 每行按窗口登记的同样规则检查，整行导入或整行不导入；未导入的行会列在错误表中，改正后可直接把错误表再导入。",
        "5. 导入的原始文件会按内容存档，并记录导入人和时间。",
        "",
        "火灾隐患类别（FIRE 第4条）",
    )
    for text in notes:
        if text:
            cell = ws.cell(row=row, column=1, value=text)
            if not text[0].isdigit():
                cell.font = _BOLD
        row += 1
    for hazard in HazardCategory:
        ws.cell(row=row, column=1, value=hazard.value)
        ws.cell(row=row, column=2, value=hazard.label)
        row += 1
    ws.freeze_panes = "A2"


# ----- reading the workbook ----------------------------------------------------------------------


@dataclass(frozen=True)
class _DataRow:
    row_number: int
    cells: dict[str, object]  # template key → raw value (a formula as o.Formula)


def _refuse_unreadable() -> DomainError:
    return DomainError(
        "这个文件不是有效的 Excel 工作簿（.xlsx），可能是其他格式改了扩展名，或文件已损坏。"
        "请在 Excel 或 WPS 中打开后「另存为」Excel 工作簿（*.xlsx）再导入。"
    )


def _open(data: bytes) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ParseError, ValueError, OSError):
        raise _refuse_unreadable() from None


def _cell_value(cell: Any) -> object:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return o.Formula(str(value))
    return value


def _sheets(book: Any) -> list[Any]:
    """The order sheet first, the explanation sheet last: where a header is looked for."""
    sheets = list(book.worksheets)
    return sorted(sheets, key=lambda s: (s.title != o.ORDER_SHEET, s.title == o.HELP_SHEET))


def _find_header(book: Any) -> tuple[Any, int, o.HeaderMatch]:
    best: tuple[Any, int, o.HeaderMatch] | None = None
    for sheet in _sheets(book):
        sheet.reset_dimensions()  # the stored dimension may be wrong; read what is there
        for number, row in enumerate(
            sheet.iter_rows(max_row=o.HEADER_SEARCH_ROWS, values_only=True), start=1
        ):
            match = o.match_headers(row)
            if best is None or match.score > best[2].score:
                best = (sheet, number, match)
    if best is None:
        raise DomainError("工作簿里没有工作表，请使用导入模板填写后重新导入。")
    problem = o.header_problem(best[2])
    if problem:
        raise DomainError(problem)
    return best


def _data_rows(sheet: Any, header_row: int, match: o.HeaderMatch) -> Iterator[_DataRow]:
    positions = match.positions
    for number, row in enumerate(sheet.iter_rows(min_row=header_row + 1), start=header_row + 1):
        cells = {
            key: _cell_value(row[index]) if index < len(row) else None
            for key, index in positions.items()
        }
        if all(o.is_blank(v) for v in cells.values()):
            continue  # an empty or only-formatted line, or one with nothing the import reads
        yield _DataRow(number, cells)


def _read(data: bytes, file_name: str) -> tuple[str, list[_DataRow]]:
    """The sheet's name and its non-empty data rows; refuses what cannot be imported at all."""
    book = _open(data)
    try:
        sheet, header_row, match = _find_header(book)
        rows: list[_DataRow] = []
        for row in _data_rows(sheet, header_row, match):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise DomainError(
                    f"「{file_name}」的工单超过 {MAX_ROWS} 行，一次导入不了。"
                    f"请把表格拆成每份不超过 {MAX_ROWS} 行的几个文件，分别导入。"
                )
    except (zipfile.BadZipFile, KeyError, ParseError, ValueError, OSError):
        raise _refuse_unreadable() from None
    finally:
        book.close()
    if not rows:
        raise DomainError(
            f"工作表「{sheet.title}」只有表头，没有工单数据。请在表头下逐行填写工单后再导入。"
        )
    return sheet.title, rows


def _load(path: Path) -> bytes:
    if not path.is_file():
        raise DomainError(f"找不到文件「{path.name}」，请重新选择要导入的 Excel 文件。")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DomainError(
            f"文件「{path.name}」有 {size / (1024 * 1024):.1f} MB，超过 "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB 的上限。请删去图片和多余的工作表，"
            "或把工单拆成几个文件分别导入。"
        )
    if size == 0:
        raise DomainError(
            f"文件「{path.name}」是空的（0 字节），请确认选对了文件，或重新从热线系统导出。"
        )
    return path.read_bytes()


# ----- importing ----------------------------------------------------------------------------------


def _form_of(record: o.OrderRecord) -> RegistrationForm:
    submitters = []
    if not record.anonymous:
        submitters.append(
            PersonInput(
                name=record.name,
                doc_type=record.doc_type or DocumentType.RESIDENT_ID,
                doc_number=record.doc_number,
                phone=record.phone,
                address=record.address,
            )
        )
    return RegistrationForm(
        kind=record.kind,
        content=record.content,
        priority=record.priority,
        channel=Channel.UPSTREAM,
        submitters=submitters,
        occurred=record.occurred,
        place=record.place,
        request=record.request,
        reported_unit_name=record.reported_unit_name,
        reported_unit_address=record.reported_unit_address,
        hazard_category=record.hazard_category,
        evidence=record.evidence,
    )


def _existing(uow: UnitOfWork, numbers: Sequence[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    u = t.upstream_orders.c
    for chunk in in_batches(numbers):
        statement = (
            select(u.order_number, u.case_id, u.fingerprint, u.field_digests, t.cases.c.number)
            .join(t.cases, t.cases.c.id == u.case_id)
            .where(u.order_number.in_(chunk))
        )
        for row in uow.session.execute(statement).mappings():
            found[row["order_number"]] = row
    return found


def _archive(svc: Services, data: bytes, sha: str) -> str:
    """Keep the file as it was read, under data/imports/, named by its content hash."""
    relative = f"{ARCHIVE_FOLDER}/{sha[:2]}/{sha}.xlsx"
    target = svc.data_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
    return relative


def import_orders(
    svc: Services, actor: Actor, path: Path, *, progress: Progress = no_progress
) -> ImportOutcome:
    """Register the county hotline's work orders from a workbook (YJ12345 art. 10).

    Every row is checked by the counter's rules and imports whole or not at all; an order
    number seen before is reported, never registered twice or overwritten. Everything is
    written in one transaction after the last row, so a refusal, an error or a cancel through
    ``progress`` leaves the database as it was.
    """
    actor.require(Action.IMPORT_ORDERS)
    data = _load(path)
    sha = hashlib.sha256(data).hexdigest()
    _sheet_name, rows = _read(data, path.name)
    now = svc.now()
    total = len(rows)
    steps = 2 * total

    # Each phone and ID number is checked here and again when registering: once is enough.
    checks = IdentityChecks.memoised()
    checked: list[o.CheckedRow] = []
    for index, row in enumerate(rows):
        if index % PROGRESS_EVERY == 0:
            progress(index, steps, f"正在检查第 {index + 1}/{total} 行")
        checked.append(
            o.check_row(
                row.row_number, row.cells, now=now, phone=checks.phone, document=checks.document
            )
        )

    _ = svc.calendar  # loaded before the write transaction: it reads in its own session
    with svc.uow() as uow:
        batch_id = int(
            uow.session.execute(
                insert(t.import_batches)
                .values(
                    file_name=path.name[:255],
                    sha256=sha,
                    size=len(data),
                    archived_path="",
                    imported_at=now,
                    imported_by=actor.user_id,
                    rows_total=total,
                    created=0,
                    already=0,
                    changed=0,
                    rejected=0,
                )
                .returning(t.import_batches.c.id)
            ).scalar_one()
        )
        known = _existing(uow, sorted({c.order_number for c in checked if c.order_number}))
        fresh = [c for c in checked if c.order_number not in known]
        repeats = o.find_repeats(fresh)
        raced: set[str] = set()
        for attempt in range(_ATTEMPTS):
            try:
                with uow.session.begin_nested():
                    created, already, changed, rejected = _register(
                        _Run(svc, uow, actor, path.name, sha, now, batch_id, progress, checks),
                        checked,
                        known,
                        repeats,
                        raced,
                    )
                break
            except IntegrityError:
                # Another counter imported some of these orders a moment ago (PostgreSQL lets
                # both read before either writes): those rows wait for the next import to
                # compare, and the others are written again without them.
                tried = [c.order_number for c in fresh if c.order_number and c.record is not None]
                taken = set(_existing(uow, sorted(set(tried)))) - raced
                if attempt == _ATTEMPTS - 1:
                    raise
                raced |= taken

        rejected.sort(key=lambda r: r.row)
        progress(steps, steps, "正在保存")
        outcome_rejected = tuple(rejected)
        rejected_rows = len({r.row for r in outcome_rejected})
        uow.session.execute(
            update(t.import_batches)
            .where(t.import_batches.c.id == batch_id)
            .values(
                archived_path=_archive(svc, data, sha),
                created=len(created),
                already=len(already),
                changed=len(changed),
                rejected=rejected_rows,
            )
        )
        error_book = (
            _error_workbook(uow, actor, path.name, now, rows, outcome_rejected)
            if outcome_rejected
            else None
        )
        uow.commit()
    return ImportOutcome(
        batch_id=batch_id,
        file_name=path.name,
        sha256=sha,
        rows_total=total,
        created=tuple(created),
        already=tuple(already),
        changed=tuple(changed),
        rejected=outcome_rejected,
        error_workbook=error_book,
    )


# A write refused because another import took the same orders meanwhile is tried again this
# many times in all, without the orders it took.
_ATTEMPTS = 3


@dataclass(frozen=True)
class _Run:
    """What every row of one import is registered with."""

    svc: Services
    uow: UnitOfWork
    actor: Actor
    file_name: str
    sha: str
    now: datetime
    batch_id: int
    progress: Progress
    checks: IdentityChecks


def _register(
    run: _Run,
    checked: Sequence[o.CheckedRow],
    known: Mapping[str, Any],
    repeats: Mapping[int, o.Problem],
    raced: set[str],
) -> tuple[list[CreatedRow], list[AlreadyRow], list[ChangedRow], list[RejectedRow]]:
    """Sort the checked rows into already imported, changed, refused and new; register the new
    ones by the counter's rules (YJ12345 art. 14: received when the order was, numbered on the
    day it is registered), all written at the end with Core, the events through the chain."""
    created: list[CreatedRow] = []
    already: list[AlreadyRow] = []
    changed: list[ChangedRow] = []
    rejected: list[RejectedRow] = []
    total, now, batch_id = len(checked), run.now, run.batch_id
    forms = {
        item.row_number: _form_of(item.record)
        for item in checked
        if item.record is not None and item.order_number not in known
    }
    batch = BatchRegistration(run.svc, run.uow, run.actor, now=now, checks=run.checks)
    batch.prepare(list(forms.values()))
    pending: list[tuple[o.CheckedRow, Draft]] = []
    for index, item in enumerate(checked):
        if index % PROGRESS_EVERY == 0:
            run.progress(total + index, 2 * total, f"正在登记第 {index + 1}/{total} 行")
        stored = known.get(item.order_number)
        if stored is not None:
            fields = o.changed_fields(stored["field_digests"], item.field_digests)
            if item.fingerprint == stored["fingerprint"] or not fields:
                already.append(AlreadyRow(item.row_number, item.order_number, stored["number"]))
                continue
            changed.append(ChangedRow(item.row_number, item.order_number, stored["number"], fields))
            # The case keeps what was registered; its timeline says the hotline's row moved.
            batch.log(
                now,
                "import_order_changed",
                f"上级工单 {item.order_number} 再次导入时内容有变化（{'、'.join(fields)}），"
                f"未覆盖（{run.file_name} 第 {item.row_number} 行）",
                o.ARTICLE,
                case_id=stored["case_id"],
                batch_id=batch_id,
                order_number=item.order_number,
                fields=list(fields),
            )
            continue
        problems = list(item.problems)
        if item.row_number in repeats:
            problems.insert(0, repeats[item.row_number])
        if problems or item.record is None:
            rejected.extend(
                RejectedRow(item.row_number, item.order_number, p.column, p.message)
                for p in problems
            )
            continue
        if item.order_number in raced:
            rejected.append(
                RejectedRow(
                    item.row_number,
                    item.order_number,
                    o.COLUMN_BY_KEY["order_number"].header,
                    "该工单刚被其他窗口导入，请稍后把本文件再导入一次以核对",
                )
            )
            continue
        try:
            draft = batch.add(forms[item.row_number], received_at=item.record.received_at)
        except DomainError as exc:
            key = o.field_key_of(getattr(exc, "field", ""))
            header = o.COLUMN_BY_KEY[key].header if key else ""
            rejected.append(RejectedRow(item.row_number, item.order_number, header, str(exc)))
            continue
        batch.log(
            now,
            "import_order",
            f"由上级转办工单 {item.order_number} 导入登记"
            f"（{run.file_name} 第 {item.row_number} 行，导入批次 {batch_id}）",
            o.ARTICLE,
            draft=draft,
            batch_id=batch_id,
            order_number=item.order_number,
            row_number=item.row_number,
            sha256=run.sha,
        )
        pending.append((item, draft))
    batch.write()
    links = []
    for item, draft in pending:
        assert draft.case_id is not None
        created.append(
            CreatedRow(item.row_number, item.order_number, draft.case_id, draft.columns["number"])
        )
        links.append(
            {
                "order_number": item.order_number,
                "case_id": draft.case_id,
                "batch_id": batch_id,
                "row_number": item.row_number,
                "fingerprint": item.fingerprint,
                "field_digests": item.field_digests,
                "imported_at": now,
            }
        )
    if links:
        run.uow.session.connection().execute(insert(t.upstream_orders), links)
    return created, already, changed, rejected


ERROR_COLUMNS: tuple[Column, ...] = (
    Column("行号", ColumnType.INTEGER),
    Column("列", ColumnType.TEXT),
    Column("问题", ColumnType.TEXT),
    *(Column(c.header, ColumnType.TEXT) for c in o.COLUMNS),
)


def _error_workbook(
    uow: UnitOfWork,
    actor: Actor,
    file_name: str,
    now: datetime,
    rows: Sequence[_DataRow],
    rejected: Sequence[RejectedRow],
) -> bytes:
    """The rows not imported with their problems and their original values, as text, under the
    template's headers: corrected, the sheet can be imported again as it is."""
    by_row: dict[int, list[RejectedRow]] = {}
    for item in rejected:
        by_row.setdefault(item.row, []).append(item)
    originals = {r.row_number: r.cells for r in rows}
    lines = []
    for number in sorted(by_row):
        items = by_row[number]
        columns = list(dict.fromkeys(i.column for i in items if i.column))
        cells = originals.get(number, {})
        lines.append(
            [
                number,
                "、".join(columns),
                "；".join(i.problem for i in items),
                *(o.cell_text(cells.get(c.key)) or None for c in o.COLUMNS),
            ]
        )
    spec = SheetSpec(
        sheet_name=ERROR_SHEET,
        centre_name=str(uow.setting("centre_name")),
        title="工单导入：未导入的行",
        period=f"{file_name}（{now:%Y-%m-%d %H:%M} 导入）",
        generated_at=now,
        generated_by=actor.display_name,
        columns=ERROR_COLUMNS,
        rows=lines,
        totals_label="合计（{count} 行）",
        # The rows carry names, ID numbers and phones as the hotline sent them (RULES §5).
        marking="内部资料",
    )
    return write_book([spec])


# ----- history ------------------------------------------------------------------------------------


def import_batches(svc: Services, *, limit: int | None = None) -> list[ImportBatchRow]:
    """Every import, newest first, with who imported it and what came of its rows."""
    b = t.import_batches.c
    statement = (
        select(t.import_batches, t.users.c.display_name)
        .join(t.users, t.users.c.id == b.imported_by)
        .order_by(b.imported_at.desc(), b.id.desc())
    )
    if limit is not None:
        statement = statement.limit(limit)
    with svc.uow(write=False) as uow:
        rows = uow.session.execute(statement).mappings().all()
    return [
        ImportBatchRow(
            id=r["id"],
            file_name=r["file_name"],
            sha256=r["sha256"],
            size=r["size"],
            archived_file=svc.data_dir / r["archived_path"],
            imported_at=r["imported_at"],
            imported_by=r["display_name"],
            rows_total=r["rows_total"],
            created=r["created"],
            already=r["already"],
            changed=r["changed"],
            rejected=r["rejected"],
        )
        for r in rows
    ]


def batch_cases(svc: Services, batch_id: int) -> list[tuple[int, str, str]]:
    """The cases one import created: (row number, work-order number, case number), by row."""
    u = t.upstream_orders.c
    statement = (
        select(u.row_number, u.order_number, t.cases.c.number)
        .join(t.cases, t.cases.c.id == u.case_id)
        .where(u.batch_id == batch_id)
        .order_by(u.row_number)
    )
    with svc.uow(write=False) as uow:
        return [(r[0], r[1], r[2]) for r in uow.session.execute(statement).all()]
