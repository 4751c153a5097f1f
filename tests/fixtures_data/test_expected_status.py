"""The audit of expected statuses covers every person in the fixtures, once, with real sources."""

import json
from pathlib import Path

from tests.fixtures_data.expected_status import (
    AS_OF,
    CERTAINTIES,
    EXPECTED,
    MENTIONED_ONLY,
    NO_CERTAINTY,
    NOT_DETAINED,
    STATUSES,
    UNKNOWN,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _rows(name: str) -> list[dict]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_every_person_is_audited_once() -> None:
    people = {r["fields"]["slug"] for r in _rows("05_people.json") if r["model"] == "people.person"}
    audited = [e.slug for e in EXPECTED] + MENTIONED_ONLY + NOT_DETAINED
    assert len(audited) == len(set(audited))
    assert set(audited) == people


def test_entries_use_the_vocabulary_and_the_sources() -> None:
    sources = {r["fields"]["key"] for r in _rows("01_sources.json")}
    assert set(AS_OF) == sources
    for entry in EXPECTED:
        assert entry.status in STATUSES, entry.slug
        if entry.status == UNKNOWN:
            assert entry.certainty == NO_CERTAINTY, entry.slug
        else:
            assert entry.certainty in CERTAINTIES, entry.slug
        assert entry.locator.startswith("§" if entry.source == "kibhr-iphr-2011-10" else "¶")
        if entry.days is not None:
            assert entry.days.most is None or entry.days.most >= entry.days.least, entry.slug
