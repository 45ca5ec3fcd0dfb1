"""People who bring items to the counter: one record per document number, masked when shown."""

from __future__ import annotations

from datetime import date

from app.domain.people import (
    DocumentType,
    Sex,
    mask_id,
    mask_name,
    mask_phone,
)


class Person:
    """A submitter or reporter; identified by document number when one is given (RULES §5)."""

    def __init__(
        self,
        *,
        name: str,
        doc_type: DocumentType | None = None,
        doc_number: str | None = None,
        phone: str | None = None,
        address: str = "",
        birth_date: date | None = None,
        sex: Sex | None = None,
        region_code: str | None = None,
        region_name: str = "",
    ) -> None:
        self.id: int | None = None
        self.name = name
        self.doc_type = doc_type
        self.doc_number = doc_number
        self.phone = phone
        self.address = address
        self.birth_date = birth_date
        self.sex = sex
        self.region_code = region_code
        self.region_name = region_name

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_doc_number(self) -> str:
        return mask_id(self.doc_number) if self.doc_number else ""

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""

    def __repr__(self) -> str:
        return f"Person({self.masked_name!r}, {self.masked_doc_number!r})"
