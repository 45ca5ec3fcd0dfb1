"""Payload snapshots: what was printed comes back field for field, so a 补打 is the same text."""

from __future__ import annotations

from datetime import date

import pytest

from app.documents.payloads import DocType, payload_from_json, payload_to_json
from app.documents.samples import sample_documents

SAMPLES = sample_documents(date(2026, 11, 23))


@pytest.mark.parametrize("meta_payload", SAMPLES, ids=lambda mp: mp[0].doc_type.value)
def test_every_payload_survives_a_json_round_trip(meta_payload: tuple) -> None:  # type: ignore[type-arg]
    import json

    _meta, payload = meta_payload
    stored = json.loads(json.dumps(payload_to_json(payload), ensure_ascii=False))
    assert payload_from_json(stored) == payload


def test_samples_cover_every_document_type() -> None:
    assert {meta.doc_type for meta, _ in SAMPLES} == set(DocType)


def test_only_unit_facing_documents_are_marked_so() -> None:
    assert {d for d in DocType if d.unit_facing} == {
        DocType.DISPATCH_ORDER,
        DocType.REDO_NOTICE,
        DocType.REMINDER_NOTICE,
    }
