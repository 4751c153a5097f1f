"""Footnotes: every fact on a public page points at the public sources that state it.

Records carry their citations through the ``citations`` generic relation; pages prefetch them with
``cited()`` so only citations of public sources are ever read, in one query per relation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from casetracker.models import Citation


def cited(relation: str = "") -> Any:
    """Prefetch the public citations of the records at ``relation`` (``""`` for the rows) into
    their ``public_citations`` list.

    A list, not the ``citations`` manager: Django builds a filtered queryset for every record a
    manager prefetch fills, which cost more than the query itself in a 10,000-row export.
    Typed ``Any``: django-stubs cannot check a Prefetch whose lookup is built at run time.
    """
    lookup = f"{relation}__citations" if relation else "citations"
    return Prefetch(
        lookup,
        queryset=Citation.objects.public().select_related("source"),
        to_attr="public_citations",
    )


@dataclass(frozen=True)
class Claim:
    value: str
    refs: list[int]


@dataclass(frozen=True)
class Disagreement:
    """Sources that give different values for one attribute: each is shown with its source."""

    field: str
    claims: list[Claim]


@dataclass
class Footnotes:
    """Numbers citations in the order the page first shows them; one number per citation."""

    notes: list[Citation] = field(default_factory=list)
    _numbers: dict[int, int] = field(default_factory=dict)

    def refs(self, record: Any) -> list[int]:
        """The footnote numbers of ``record``'s citations (prefetched by ``cited()``)."""
        if record is None:
            return []
        return [self._number(citation) for citation in record.public_citations]

    def _number(self, citation: Citation) -> int:
        if citation.pk not in self._numbers:
            self.notes.append(citation)
            self._numbers[citation.pk] = len(self.notes)
        return self._numbers[citation.pk]

    def disagreements(self, record: Any) -> list[Disagreement]:
        """Attributes of ``record`` on which its sources give different values."""
        by_field: dict[str, dict[str, list[int]]] = {}
        for citation in record.public_citations:
            if citation.claim_field:
                claims = by_field.setdefault(citation.claim_field, {})
                claims.setdefault(citation.claim, []).append(self._number(citation))
        return [
            Disagreement(name, [Claim(value, refs) for value, refs in claims.items()])
            for name, claims in by_field.items()
            if len(claims) > 1
        ]
