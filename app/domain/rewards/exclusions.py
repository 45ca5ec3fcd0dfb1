"""The staff-exclusion register: who may not be rewarded, and matching reporters against it.

FIRE art. 6: persons with fire supervision duties, and their direct relatives (直系亲属), get
no reward; RULES §4.2: the centre keeps them by ID number, a reporter declares relationships,
and a match blocks the award and flags the case for review (FIRE art. 13).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

# The reporter himself or herself on the register; not a relationship one declares.
SELF = "本人"

# 直系亲属 = lineal relatives (直系血亲 and the lineal kin the law treats alike). The default
# list of both shipped profiles. 民法典 art. 1045 lists 配偶 apart from 血亲 and 姻亲, so a
# spouse is a close relative (近亲属) but not a lineal one; adoptive parents and children stand
# as natural ones (民法典 art. 1111), step-parents and step-children who raised or were raised
# by each other likewise (民法典 art. 1072).
DEFAULT_DIRECT_RELATIVES: tuple[str, ...] = (
    "父母",
    "子女",
    "祖父母",
    "外祖父母",
    "孙子女",
    "外孙子女",
    "养父母",
    "养子女",
    "有扶养关系的继父母",
    "有扶养关系的继子女",
)

# What the reporter is offered to declare: the lineal relatives, and the close relatives that
# are not lineal, so that a spouse or a sibling declared is on record even though it does not
# block the award (the profile's list decides which ones match).
DECLARABLE_RELATIONSHIPS: tuple[str, ...] = (*DEFAULT_DIRECT_RELATIVES, "配偶", "兄弟姐妹")


class ExclusionCategory(StrEnum):
    """The persons FIRE art. 6 excludes, each with its item."""

    AGENCY_STAFF = "agency_staff"
    FULL_TIME_FIRE_WORKER = "full_time_fire_worker"
    FIREFIGHTER = "firefighter"
    FIRE_CLERK = "fire_clerk"

    @property
    def label(self) -> str:
        return {
            "agency_staff": "消防救援机构工作人员",
            "full_time_fire_worker": "县（市、区）、镇（街）、村（社区）专职消防工作人员",
            "firefighter": "专兼职消防队员",
            "fire_clerk": "消防文员",
        }[self.value]

    @property
    def article(self) -> str:
        return {
            "agency_staff": "FIRE art. 6(1)",
            "full_time_fire_worker": "FIRE art. 6(2)",
            "firefighter": "FIRE art. 6(3)",
            "fire_clerk": "FIRE art. 6(3)",
        }[self.value]


def normalise_id_number(raw: str) -> str:
    """Full-width digits and a lower-case x typed through an IME compare equal to the printed ID."""
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()


@dataclass(frozen=True)
class ExclusionEntry:
    """One person on the register, kept by ID number (RULES §4.2)."""

    id_number: str
    name: str
    category: ExclusionCategory

    @property
    def key(self) -> str:
        return normalise_id_number(self.id_number)


@dataclass(frozen=True)
class DeclaredRelative:
    """A relationship the reporter declared: how the relative is related, and the relative's ID."""

    relationship: str
    id_number: str


@dataclass(frozen=True)
class ExclusionMatch:
    """A reporter found on the register, as the person or through a direct relative."""

    reporter_id_number: str
    entry: ExclusionEntry
    relationship: str  # SELF or one of the profile's direct relatives

    @property
    def article(self) -> str:
        return self.entry.category.article

    def describe(self) -> str:
        if self.relationship == SELF:
            return f"举报人本人为{self.entry.category.label}"
        return f"举报人的{self.relationship}为{self.entry.category.label}"


def match_exclusions(
    reporter_id_number: str,
    declared_relatives: Sequence[DeclaredRelative],
    register: Iterable[ExclusionEntry],
    direct_relatives: Collection[str] = DEFAULT_DIRECT_RELATIVES,
) -> list[ExclusionMatch]:
    """Every way this reporter falls under FIRE art. 6's exclusion.

    A declared relative whose relationship is not lineal (e.g. 配偶, 兄弟姐妹) is not a match:
    FIRE art. 6 names direct relatives only.
    """
    by_id = {entry.key: entry for entry in register}
    matches: list[ExclusionMatch] = []
    own = by_id.get(normalise_id_number(reporter_id_number))
    if own is not None:
        matches.append(ExclusionMatch(reporter_id_number, own, SELF))
    for relative in declared_relatives:
        if relative.relationship not in direct_relatives:
            continue
        entry = by_id.get(normalise_id_number(relative.id_number))
        if entry is not None:
            matches.append(ExclusionMatch(reporter_id_number, entry, relative.relationship))
    return matches
