"""Column types: timezone-aware timestamps (Asia/Shanghai) and enums stored as their values."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, Dialect, Integer, String
from sqlalchemy.types import TypeDecorator

SHANGHAI = ZoneInfo("Asia/Shanghai")


class AwareDateTime(TypeDecorator[datetime]):
    """Stores UTC, returns Asia/Shanghai; refuses naive datetimes so no time is ever ambiguous."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to an AwareDateTime column")
        value = value.astimezone(UTC)
        # SQLite keeps no zone: store naive UTC there so that text order is time order.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(SHANGHAI)


class _EnumValue(TypeDecorator[Any]):
    """An Enum stored as its value, so the raw database stays readable."""

    cache_ok = True

    def __init__(self, enum_class: type[Enum]) -> None:
        super().__init__()
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        # The members' own lookup table first: Enum.__call__ costs a microsecond or two, and a
        # report reads a million of these.
        member = self.enum_class._value2member_map_.get(value)
        return member if member is not None else self.enum_class(value)


class StrEnumValue(_EnumValue):
    impl = String(40)
    cache_ok = True


class IntEnumValue(_EnumValue):
    impl = Integer
    cache_ok = True


def EnumValue(enum_class: type[Enum]) -> _EnumValue:
    """The column type for ``enum_class``: integer for IntEnums, short text for StrEnums."""
    if all(isinstance(m.value, int) for m in enum_class):
        return IntEnumValue(enum_class)
    return StrEnumValue(enum_class)
