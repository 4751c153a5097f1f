"""One chronology out of records of many kinds, ordered by what their partial dates allow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casetracker.footnotes import Disagreement, Footnotes
from casetracker.partial_dates import PartialDate, Precision

# Within the same first day, the better-known date first: "8 September" before "September".
_PRECISION_ORDER = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


@dataclass
class Entry:
    when: PartialDate | None
    kind: str
    """A short machine-readable kind (detention, charge, hearing ...) used as a CSS hook."""
    label: str
    text: str = ""
    url: str = ""
    until: PartialDate | None = None
    cited: list[Any] = field(default_factory=list)
    """The records whose citations support this entry (None entries are skipped)."""
    refs: list[int] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    """What the sources of the cited records disagree on, shown with the entry."""

    @property
    def sort_key(self) -> tuple[date, int]:
        if self.when is None:
            return (date.max, 0)
        return (self.when.earliest, _PRECISION_ORDER[Precision(self.when.precision)])


def in_order(entries: list[Entry], notes: Footnotes) -> list[Entry]:
    """Entries by date, undated ones last, ties kept in the order given; footnotes are
    numbered in that order so that the numbers a reader meets go up."""
    ordered = sorted(entries, key=lambda entry: entry.sort_key)
    for entry in ordered:
        entry.refs = [number for record in entry.cited for number in notes.refs(record)]
        entry.disagreements = notes.disagreements(*entry.cited)
    return ordered
