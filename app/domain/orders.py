"""Work orders from the county hotline: the import template's columns, header matching and row checks."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.errors import ValidationError
from app.domain.people import DocumentType, normalise_document, normalise_phone
from app.domain.vocabulary import HazardCategory, Kind, Priority

# YJ12345 art. 10: the hotline fills in a work order and transfers it; its number identifies it.
ARTICLE = "YJ12345 art. 10"
# YJ12345 art. 14: the period runs from the unit's first receipt of the transferred order.
RECEIVED_ARTICLE = "YJ12345 art. 14"

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
# The header is looked for in the first rows, so a sheet with a title block above it (as the
# program's own workbooks have) is read as well as one with the header on row 1.
HEADER_SEARCH_ROWS = 20
ORDER_SHEET = "工单"
HELP_SHEET = "填写说明"
FORMULA_PROBLEM = "含公式，请改为直接填写的文字或数值后重新导入"

_ZONE = ZoneInfo("Asia/Shanghai")
_Fail = Callable[[str, str], None]
# A work order's time may be a few minutes ahead of this PC's clock without being a mistake.
_CLOCK_SKEW = timedelta(minutes=10)
_EARLIEST_YEAR = 2000


class CellType(StrEnum):
    TEXT = "text"
    DATETIME = "datetime"
    CHOICE = "choice"
    TEXT_OR_DATE = "text_or_date"

    @property
    def label(self) -> str:
        return {
            "text": "文本",
            "datetime": "日期时间",
            "choice": "选项",
            "text_or_date": "文本或日期",
        }[self.value]


@dataclass(frozen=True)
class OrderColumn:
    """One column of the import template (docs/excel-layouts.md, 工单导入模板)."""

    key: str
    header: str
    required: bool
    type: CellType
    example: object
    help: str
    aliases: tuple[str, ...] = ()
    max_length: int | None = None
    choices: tuple[str, ...] = ()  # offered as a drop-down in the template
    width: int = 14


_DOC_TYPE_WORDS: dict[str, DocumentType] = {
    **{d.label: d for d in DocumentType},
    "身份证": DocumentType.RESIDENT_ID,
    "港澳通行证": DocumentType.HK_MACAO_PERMIT,
    "台湾通行证": DocumentType.TAIWAN_PERMIT,
    "台胞证": DocumentType.TAIWAN_PERMIT,
    "外国人永久居留证": DocumentType.FOREIGN_PERMANENT_ID,
}

COLUMNS: tuple[OrderColumn, ...] = (
    OrderColumn(
        "order_number",
        "工单编号",
        True,
        CellType.TEXT,
        "YJ20261120000123",
        "上级热线工单的编号，每张工单唯一；同一编号再次导入不会重复登记。请按文本填写。",
        aliases=("工单号", "热线工单编号", "工单编码"),
        max_length=60,
        width=22,
    ),
    OrderColumn(
        "received_at",
        "工单时间",
        True,
        CellType.DATETIME,
        datetime(2026, 11, 20, 9, 30),
        "上级转派工单的时间，即本中心收到工单的时间，办理时限由此起算（YJ12345 第14条）。"
        "填 Excel 日期时间，或文本 2026-11-20 09:30；不能晚于导入时间。",
        aliases=("派单时间", "转办时间", "登记时间", "受理时间"),
        width=18,
    ),
    OrderColumn(
        "kind",
        "诉求类型",
        True,
        CellType.CHOICE,
        Kind.COMPLAINT.label,
        "填写其中之一：" + "、".join(k.label for k in Kind) + "。",
        aliases=("诉求类别", "工单类型", "类型"),
        choices=tuple(k.label for k in Kind),
        width=10,
    ),
    OrderColumn(
        "priority",
        "紧急程度",
        False,
        CellType.CHOICE,
        Priority.NORMAL.label,
        "普通 或 紧急（YJ12345 第9条），不填按普通。",
        aliases=("缓急程度", "紧急", "是否紧急"),
        choices=(Priority.NORMAL.label, Priority.URGENT.label),
        width=10,
    ),
    OrderColumn(
        "name",
        "诉求人姓名",
        False,
        CellType.TEXT,
        "张三丰",
        "咨询、建议、举报可匿名（姓名、证件号码、电话都不填）；其他类型须填写。",
        aliases=("诉求人", "姓名", "来电人", "反映人", "举报人"),
        max_length=60,
        width=12,
    ),
    OrderColumn(
        "doc_type",
        "证件类型",
        False,
        CellType.CHOICE,
        DocumentType.RESIDENT_ID.label,
        "不填按居民身份证。可填：" + "、".join(d.label for d in DocumentType) + "。",
        choices=tuple(d.label for d in DocumentType),
        width=14,
    ),
    OrderColumn(
        "doc_number",
        "证件号码",
        False,
        CellType.TEXT,
        "441702199003071234",
        "居民身份证为18位，按国家标准 GB 11643 校验。请把单元格设为文本，"
        "否则 Excel 会把号码改成科学计数、末几位丢失。",
        aliases=("身份证号码", "身份证号", "证件号"),
        width=22,
    ),
    OrderColumn(
        "phone",
        "联系电话",
        False,
        CellType.TEXT,
        "13812345678",
        "11位手机号码，或带区号的固定电话（如 0662-3312345）。非匿名诉求须填写。",
        aliases=("电话", "联系方式", "手机号码", "来电号码"),
        width=16,
    ),
    OrderColumn(
        "address",
        "联系地址",
        False,
        CellType.TEXT,
        "江城区东风路1号",
        "诉求人的联系地址，可不填。",
        aliases=("诉求人地址", "住址"),
        max_length=200,
        width=20,
    ),
    OrderColumn(
        "occurred",
        "发生时间",
        False,
        CellType.TEXT_OR_DATE,
        "2026年11月18日晚上",
        "事情发生的时间，可写文字或填日期。求助、反映、投诉、举报须填写（YJ12345 第7条）。",
        aliases=("事发时间",),
        max_length=200,
        width=18,
    ),
    OrderColumn(
        "place",
        "发生地点",
        False,
        CellType.TEXT,
        "江城区东风路",
        "事情发生的地点。求助、反映、投诉须填写（YJ12345 第7条）。",
        aliases=("地点", "事发地点", "诉求地址"),
        max_length=200,
        width=20,
    ),
    OrderColumn(
        "content",
        "诉求内容",
        True,
        CellType.TEXT,
        "东风路路灯不亮已一周，夜间行人摔倒",
        "诉求的具体事实。",
        aliases=("工单内容", "诉求描述", "反映内容", "内容"),
        width=40,
    ),
    OrderColumn(
        "request",
        "诉求人要求",
        False,
        CellType.TEXT,
        "尽快修复路灯",
        "诉求人希望怎样处理，可不填。",
        aliases=("诉求要求", "具体诉求", "期望结果"),
        width=20,
    ),
    OrderColumn(
        "reported_unit_name",
        "被举报单位名称",
        False,
        CellType.TEXT,
        "",
        "举报须填写（FIRE 第8条）。",
        aliases=("被举报单位",),
        max_length=200,
        width=20,
    ),
    OrderColumn(
        "reported_unit_address",
        "被举报单位地址",
        False,
        CellType.TEXT,
        "",
        "举报须填写（FIRE 第8条）。",
        max_length=200,
        width=20,
    ),
    OrderColumn(
        "hazard_category",
        "火灾隐患类别",
        False,
        CellType.CHOICE,
        "",
        "只有举报可填：火灾隐患的类别序号 1–10（FIRE 第4条），可带类别名称，如「2 "
        + HazardCategory.EVACUATION_BLOCKED.label
        + "」；类别见本表末尾。",
        aliases=("隐患类别",),
        choices=tuple(f"{h.value} {h.label}" for h in HazardCategory),
        width=16,
    ),
    OrderColumn(
        "evidence",
        "证据说明",
        False,
        CellType.TEXT,
        "",
        "举报人提供的证据（照片、视频等）的说明，可不填。",
        aliases=("证据",),
        width=20,
    ),
)
COLUMN_BY_KEY: dict[str, OrderColumn] = {c.key: c for c in COLUMNS}
REQUIRED_HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS if c.required)
# The fields whose values a row's fingerprint covers: everything but the number that names it.
FINGERPRINT_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.key != "order_number")


def normalise_header(text: object) -> str:
    """Header text as compared: full-width folded to half-width (NFKC), all spaces removed,
    and a trailing required-mark (*, ※, （必填）) dropped."""
    if text is None:
        return ""
    folded = "".join(unicodedata.normalize("NFKC", str(text)).split())
    folded = folded.strip("*※")
    for suffix in ("(必填)", "(选填)"):
        folded = folded.removesuffix(suffix)
    return folded


_HEADER_KEYS: dict[str, str] = {}
for _column in COLUMNS:
    for _text in (_column.header, *_column.aliases):
        _HEADER_KEYS.setdefault(normalise_header(_text), _column.key)


def header_key(text: object) -> str | None:
    """The template column a header cell names, or None for a column the import ignores."""
    return _HEADER_KEYS.get(normalise_header(text))


@dataclass(frozen=True)
class HeaderMatch:
    """Which sheet column (0-based) holds each template field; unknown columns are ignored."""

    positions: dict[str, int]
    headers: dict[str, str]  # key → the header as written in the sheet
    missing: tuple[str, ...]  # required headers not found
    repeated: tuple[str, ...]  # template headers found more than once

    @property
    def score(self) -> int:
        return len(self.positions)


def match_headers(cells: Sequence[object]) -> HeaderMatch:
    """Match one row of header cells, in any order, against the template's columns."""
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    repeated: list[str] = []
    for index, cell in enumerate(cells):
        key = header_key(cell)
        if key is None:
            continue
        if key in positions:
            repeated.append(COLUMN_BY_KEY[key].header)
            continue
        positions[key] = index
        headers[key] = str(cell).strip()
    missing = tuple(c.header for c in COLUMNS if c.required and c.key not in positions)
    return HeaderMatch(positions, headers, missing, tuple(dict.fromkeys(repeated)))


def header_problem(match: HeaderMatch) -> str | None:
    """What is wrong with a header row, in words the clerk can act on; None when usable."""
    if match.score == 0:
        return (
            "没有找到工单表头（如「工单编号」「工单时间」「诉求类型」「诉求内容」）。"
            "请用本程序的「导出导入模板」生成的表格填写后再导入。"
        )
    if match.missing:
        return (
            "表格缺少必填列：" + "、".join(f"「{h}」" for h in match.missing) + "。"
            "请在表头补上这些列（列的顺序不限）后重新导入。"
        )
    if match.repeated:
        return (
            "表头中以下列出现了不止一次：" + "、".join(f"「{h}」" for h in match.repeated) + "。"
            "请删去重复的列后重新导入。"
        )
    return None


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula (as openpyxl reads it): never evaluated, always refused."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Problem:
    """Why a row cannot be imported: the column (its header; "" for the whole row) and what to do."""

    column: str
    message: str


@dataclass(frozen=True)
class OrderRecord:
    """One work order as checked values, ready to become a registration form."""

    order_number: str
    received_at: datetime
    kind: Kind
    priority: Priority
    name: str
    doc_type: DocumentType | None
    doc_number: str
    phone: str
    address: str
    occurred: str
    place: str
    content: str
    request: str
    reported_unit_name: str
    reported_unit_address: str
    hazard_category: HazardCategory | None
    evidence: str

    @property
    def anonymous(self) -> bool:
        return not (self.name or self.doc_number or self.phone)


@dataclass(frozen=True)
class CheckedRow:
    """A data row after the checks that need no database: a record, or its problems."""

    row_number: int
    order_number: str
    record: OrderRecord | None
    problems: tuple[Problem, ...]
    fingerprint: str
    field_digests: dict[str, str] = field(default_factory=dict)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_formula(value: object) -> bool:
    return isinstance(value, Formula) or (isinstance(value, str) and value.lstrip().startswith("="))


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_text(value: object) -> str:
    """A cell's value as the text a clerk sees (dates as yyyy-mm-dd[ hh:mm]); "" when empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return f"{value:%Y-%m-%d}"
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return _number_text(value)
    return str(value).strip()


class _RowError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_DATETIME_TEXT = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]*(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})秒?)?分?)?"
)


def parse_order_time(value: object, *, now: datetime) -> datetime:
    """The work order's time as an aware Asia/Shanghai datetime, to the minute."""
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None) if value.tzinfo else value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0, 0))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        # A date serial in a "General" cell could be read several ways; ask for a real date.
        raise _RowError(
            "工单时间是一个数字，不是日期。请把单元格设为日期时间格式，或写成 2026-11-20 09:30"
        )
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        found = _DATETIME_TEXT.fullmatch(text)
        if not found:
            raise _RowError("工单时间无法识别，请写成 2026-11-20 09:30 或填 Excel 日期时间")
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in found.groups())
        try:
            moment = datetime(year, month, day, hour, minute, second)
        except ValueError:
            raise _RowError(
                "工单时间不是有效的日期或时刻（如 2 月 30 日、25 点），请核对"
            ) from None
    moment = moment.replace(second=0, microsecond=0, tzinfo=_ZONE)
    if moment.year < _EARLIEST_YEAR:
        raise _RowError(f"工单时间早于{_EARLIEST_YEAR}年，请核对年份")
    if moment > now + _CLOCK_SKEW:
        raise _RowError("工单时间晚于现在，请核对日期（也请确认本机时间正确）")
    return moment


def _choice_text(value: object) -> str:
    return "".join(unicodedata.normalize("NFKC", cell_text(value)).split())


def parse_kind(value: object) -> Kind:
    text = _choice_text(value)
    for kind in Kind:
        if text in (kind.label, f"{kind.label}类", kind.value):
            return kind
    raise _RowError(
        f"诉求类型「{cell_text(value)}」不在可选范围内，请填写：" + "、".join(k.label for k in Kind)
    )


def parse_priority(value: object) -> Priority:
    text = _choice_text(value)
    if not text:
        return Priority.NORMAL
    for priority in Priority:
        if text in (priority.label, f"{priority.label}项", f"{priority.label}件", priority.value):
            return priority
    raise _RowError(f"紧急程度「{cell_text(value)}」无法识别，请填写「普通」或「紧急」，或留空")


def parse_doc_type(value: object) -> DocumentType | None:
    text = _choice_text(value)
    if not text:
        return None
    if text in _DOC_TYPE_WORDS:
        return _DOC_TYPE_WORDS[text]
    for doc_type in DocumentType:
        if text == doc_type.value:
            return doc_type
    raise _RowError(
        f"证件类型「{cell_text(value)}」无法识别，请填写："
        + "、".join(d.label for d in DocumentType)
        + "，或留空（按居民身份证）"
    )


_HAZARD_NUMBER = re.compile(r"第?(\d{1,2})类?(.*)")


def parse_hazard(value: object) -> HazardCategory | None:
    text = _choice_text(value)
    if not text:
        return None
    for hazard in HazardCategory:
        if text == "".join(hazard.label.split()):
            return hazard
    found = _HAZARD_NUMBER.fullmatch(text)
    if found and 1 <= int(found.group(1)) <= len(HazardCategory):
        return HazardCategory(int(found.group(1)))
    raise _RowError(
        f"火灾隐患类别「{cell_text(value)}」无法识别，请填写 1–10 的类别序号（FIRE 第4条），"
        "见「填写说明」表"
    )


def _number_cell(value: object, label: str) -> str:
    """A document or phone number: text, or a whole number Excel kept exactly."""
    if isinstance(value, float):
        # Excel keeps 15 significant digits: an 18-digit ID typed as a number has lost its end.
        if not value.is_integer() or abs(value) >= 1e15:
            raise _RowError(
                f"{label}被 Excel 存成了数字，末几位可能已丢失。"
                "请把该列设为文本格式，重新填写号码后再导入"
            )
        return str(int(value))
    if isinstance(value, datetime | date):
        raise _RowError(f"{label}被 Excel 识别成了日期，请把该列设为文本格式后重新填写")
    return cell_text(value)


def normalise_order_number(value: object) -> str:
    """The work-order number as compared and stored: half-width, no spaces."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(unicodedata.normalize("NFKC", cell_text(value)).split())


def _digest(key: str, canonical: str) -> str:
    return hashlib.sha256(f"{key}\x1f{canonical}".encode()).hexdigest()[:16]


def fingerprint_of(canonical: Mapping[str, str]) -> str:
    """The hash of a row's normalised values (order number excluded): equal rows, equal prints."""
    payload = json.dumps(
        {k: canonical.get(k, "") for k in FINGERPRINT_KEYS}, ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def changed_fields(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[str, ...]:
    """The headers of the fields whose digests differ, in template order."""
    return tuple(
        COLUMN_BY_KEY[k].header for k in FINGERPRINT_KEYS if old.get(k, "") != new.get(k, "")
    )


def check_row(
    row_number: int,
    cells: Mapping[str, object],
    *,
    now: datetime,
    phone: Callable[[str], str] = normalise_phone,
    document: Callable[[DocumentType, str], str] = normalise_document,
) -> CheckedRow:
    """Check one data row (``cells``: template key → raw cell value) without the database.

    Every cell is checked, so the clerk sees all of a row's problems at once (STD item 6's
    one-time notice, in spirit). ID numbers and phones go through the same functions as the
    counter's registration form (RULES §5, GB 11643); ``phone`` and ``document`` are those
    checks, given memoised by an import that checks each number again when registering it.
    """
    problems: list[Problem] = []
    values: dict[str, object] = {}
    canonical: dict[str, str] = {}

    def fail(key: str, message: str) -> None:
        problems.append(Problem(COLUMN_BY_KEY[key].header, message))

    for column in COLUMNS:
        raw = cells.get(column.key)
        if _is_formula(raw):
            fail(column.key, FORMULA_PROBLEM)
            canonical[column.key] = "=" + str(raw).lstrip().lstrip("=")
            continue
        if is_blank(raw):
            if column.required:
                fail(column.key, f"请填写「{column.header}」")
            canonical[column.key] = ""
            values[column.key] = None
            continue
        canonical[column.key] = cell_text(raw)
        try:
            values[column.key] = _parse(column, raw, now)
        except _RowError as exc:
            fail(column.key, exc.message)
            continue
        parsed = values[column.key]
        if isinstance(parsed, datetime):
            canonical[column.key] = parsed.isoformat()
        elif isinstance(parsed, Kind | Priority | DocumentType):
            canonical[column.key] = parsed.value
        elif isinstance(parsed, HazardCategory):
            canonical[column.key] = str(parsed.value)
        elif isinstance(parsed, str):
            canonical[column.key] = parsed

    order_number = normalise_order_number(cells.get("order_number"))
    _check_people(values, canonical, fail, phone, document)
    digests = {k: _digest(k, canonical.get(k, "")) for k in FINGERPRINT_KEYS}
    fingerprint = fingerprint_of(canonical)
    if problems:
        return CheckedRow(row_number, order_number, None, tuple(problems), fingerprint, digests)

    def text(key: str) -> str:
        value = values.get(key)
        return value if isinstance(value, str) else ""

    received_at = values["received_at"]
    kind = values["kind"]
    assert isinstance(received_at, datetime) and isinstance(kind, Kind)
    priority = values.get("priority") or Priority.NORMAL
    doc_type = values.get("doc_type")
    hazard = values.get("hazard_category")
    assert isinstance(priority, Priority)
    assert doc_type is None or isinstance(doc_type, DocumentType)
    assert hazard is None or isinstance(hazard, HazardCategory)
    record = OrderRecord(
        order_number=order_number,
        received_at=received_at,
        kind=kind,
        priority=priority,
        name=text("name"),
        doc_type=doc_type,
        doc_number=text("doc_number"),
        phone=text("phone"),
        address=text("address"),
        occurred=text("occurred"),
        place=text("place"),
        content=text("content"),
        request=text("request"),
        reported_unit_name=text("reported_unit_name"),
        reported_unit_address=text("reported_unit_address"),
        hazard_category=hazard,
        evidence=text("evidence"),
    )
    return CheckedRow(row_number, order_number, record, (), fingerprint, digests)


def _parse(column: OrderColumn, raw: object, now: datetime) -> object:
    key = column.key
    if key == "order_number":
        number = normalise_order_number(raw)
        if isinstance(raw, float) and not raw.is_integer():
            raise _RowError("工单编号被 Excel 存成了小数，请把该列设为文本格式后重新填写")
        if column.max_length and len(number) > column.max_length:
            raise _RowError(f"工单编号超过 {column.max_length} 个字符，请核对")
        return number
    if key == "received_at":
        return parse_order_time(raw, now=now)
    if key == "kind":
        return parse_kind(raw)
    if key == "priority":
        return parse_priority(raw)
    if key == "doc_type":
        return parse_doc_type(raw)
    if key == "hazard_category":
        return parse_hazard(raw)
    if key in ("doc_number", "phone"):
        return _number_cell(raw, column.header)
    text = cell_text(raw)
    if column.max_length and len(text) > column.max_length:
        raise _RowError(
            f"「{column.header}」有 {len(text)} 个字，超过 {column.max_length} 个字，请精简"
        )
    return text


def _check_people(
    values: dict[str, object],
    canonical: dict[str, str],
    fail: _Fail,
    normalise_phone: Callable[[str], str],
    normalise_document: Callable[[DocumentType, str], str],
) -> None:
    """The submitter's document and phone, by the counter's own checks (RULES §5)."""
    doc_type = values.get("doc_type")
    number = values.get("doc_number")
    phone = values.get("phone")
    name = values.get("name")
    if isinstance(number, str) and number:
        try:
            checked = normalise_document(
                doc_type if isinstance(doc_type, DocumentType) else DocumentType.RESIDENT_ID,
                number,
            )
        except ValidationError as exc:
            fail("doc_number", exc.message)
        else:
            values["doc_number"] = checked
            canonical["doc_number"] = checked
    elif isinstance(doc_type, DocumentType):
        fail(
            "doc_number", f"填写了证件类型「{doc_type.label}」，请同时填写证件号码，或清空证件类型"
        )
    if isinstance(phone, str) and phone:
        try:
            normalised = normalise_phone(phone)
        except ValidationError as exc:
            fail("phone", exc.message)
        else:
            values["phone"] = normalised
            canonical["phone"] = normalised
    if not name and ((isinstance(number, str) and number) or (isinstance(phone, str) and phone)):
        fail(
            "name",
            "填写了证件号码或联系电话，请同时填写诉求人姓名；匿名诉求请把姓名、证件号码、电话都留空",
        )


def find_repeats(rows: Iterable[CheckedRow]) -> dict[int, Problem]:
    """Rows whose work-order number another row of the same file also has (YJ12345 art. 10).

    An exact copy of an earlier row is set aside in favour of that row; rows that share a number
    but differ are all refused, since the file cannot say which one is right.
    """
    by_number: dict[str, list[CheckedRow]] = {}
    for row in rows:
        if row.order_number:
            by_number.setdefault(row.order_number, []).append(row)
    found: dict[int, Problem] = {}
    header = COLUMN_BY_KEY["order_number"].header
    for same in by_number.values():
        if len(same) < 2:
            continue
        numbers = [r.row_number for r in same]
        if len({r.fingerprint for r in same}) == 1:
            first = same[0].row_number
            for row in same[1:]:
                found[row.row_number] = Problem(
                    header, f"与第 {first} 行是同一张工单、内容完全相同，已按第 {first} 行处理"
                )
            continue
        for row in same:
            others = "、".join(f"第 {n} 行" for n in numbers if n != row.row_number)
            found[row.row_number] = Problem(
                header,
                f"工单编号与{others}重复且内容不同，请核对后只保留正确的一行再导入",
            )
    return found


def field_key_of(error_field: str) -> str | None:
    """The template column a registration ``ValidationError.field`` points at, if any."""
    if error_field.endswith(".name") or error_field == "submitters":
        return "name"
    if "phone" in error_field:
        return "phone"
    if "document" in error_field or "doc_number" in error_field:
        return "doc_number"
    return error_field if error_field in COLUMN_BY_KEY else None


def template_help_rows() -> list[tuple[str, str, str, object, str]]:
    """The 填写说明 sheet's rows: header, 必填/选填, type, example, explanation."""
    return [
        (c.header, "必填" if c.required else "选填", c.type.label, c.example, c.help)
        for c in COLUMNS
    ]
