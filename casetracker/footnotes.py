"""Footnotes: every fact on a public page points at the public sources that state it.

Records carry their citations through the ``citations`` generic relation; pages prefetch them with
``cited()`` so only citations of public sources are ever read, in one query per relation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from casetracker import claims
from casetracker.models import Citation, Reading


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


@dataclass
class Version:
    """One value the sources give for a disputed attribute, with the citations that give it."""

    attribute: claims.Attribute
    value: Any
    citations: list[Citation] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)
    is_reading: bool = False
    related: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.attribute.text(self.value, self.related)

    @property
    def sources(self) -> list[tuple[Citation, list[int]]]:
        """Each citation with its footnote number, as a list for the ``refs`` tag."""
        return [
            (citation, [number]) for citation, number in zip(self.citations, self.refs, strict=True)
        ]

    @property
    def wordings(self) -> list[str]:
        """The sources' own terms where they differ from the value shown ("over 2,500")."""
        shown = self.text.casefold()
        return list(
            dict.fromkeys(
                c.claim for c in self.citations if c.claim and c.claim.casefold() != shown
            )
        )


@dataclass
class Disagreement:
    """Sources that give different values for one attribute of one record, each version with
    its sources; ``reading`` is why the tracker stores the value it does, or None.

    Readings and the names of related records are read for all of a page's disagreements at
    once, the first time one of them is shown (``Footnotes.complete``)."""

    record: Any
    attribute: claims.Attribute
    found_versions: list[Version]
    notes: Footnotes
    found_reading: Reading | None = None

    @property
    def label(self) -> str:
        return self.attribute.label

    @property
    def versions(self) -> list[Version]:
        self.notes.complete()
        return self.found_versions

    @property
    def reading(self) -> Reading | None:
        self.notes.complete()
        return self.found_reading

    @property
    def reading_chosen(self) -> bool:
        return self.reading is not None and self.reading.chosen


def versions_of(record: Any, name: str, citations: list[Citation]) -> list[Version]:
    """The distinct values ``citations`` give for ``record``'s attribute ``name``, equal values
    grouped whatever their wording, in the order of their first citation."""
    attribute = claims.attribute_of(type(record), name)
    if attribute is None:
        return []
    by_key: dict[str, Version] = {}
    for citation in citations:
        if citation.claim_field != name:
            continue
        key = attribute.group_key(citation.claim_value)
        version = by_key.setdefault(key, Version(attribute, citation.claim_value))
        version.citations.append(citation)
    return list(by_key.values())


@dataclass
class Footnotes:
    """Numbers citations in the order the page first shows them; one number per citation.

    Disagreements found on the page are completed in one go when first shown: their readings
    in one query, the names of the records their values point at in one query per model."""

    notes: list[Citation] = field(default_factory=list)
    _numbers: dict[int, int] = field(default_factory=dict)
    _disagreements: list[Disagreement] = field(default_factory=list)
    _completed: int = 0

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

    def disagreements(self, *records: Any) -> list[Disagreement]:
        """The attributes of ``records`` on which their public sources give different values."""
        found = []
        for record in records:
            if record is None:
                continue
            names = dict.fromkeys(c.claim_field for c in record.public_citations if c.claim_field)
            for name in names:
                versions = versions_of(record, name, record.public_citations)
                if len(versions) < 2:
                    continue
                for version in versions:
                    version.refs = [self._number(c) for c in version.citations]
                found.append(Disagreement(record, versions[0].attribute, versions, self))
        self._disagreements.extend(found)
        return found

    def complete(self) -> None:
        """Fill in the readings and related names of the disagreements not yet completed."""
        pending = self._disagreements[self._completed :]
        self._completed = len(self._disagreements)
        if not pending:
            return
        readings = Reading.objects.filter(
            reduce(
                or_,
                (
                    Q(
                        content_type=ContentType.objects.get_for_model(d.record),
                        object_id=d.record.pk,
                        attribute=d.attribute.name,
                    )
                    for d in pending
                ),
            )
        )
        by_key = {(r.content_type_id, r.object_id, r.attribute): r for r in readings}
        names = _related_names(pending)
        for disagreement in pending:
            content_type = ContentType.objects.get_for_model(disagreement.record)
            key = (content_type.pk, disagreement.record.pk, disagreement.attribute.name)
            disagreement.found_reading = by_key.get(key)
            for version in disagreement.found_versions:
                version.related = names.get(disagreement.attribute.related_model, {})
            if disagreement.reading_chosen:
                _mark_reading(disagreement)


def _mark_reading(disagreement: Disagreement) -> None:
    attribute = disagreement.attribute
    versions = disagreement.found_versions
    stored = attribute.group_key(attribute.stored(disagreement.record))
    for version in versions:
        version.is_reading = attribute.group_key(version.value) == stored
    if not any(version.is_reading for version in versions):
        # The tracker's reading is none of the sources' values (a range that spans them).
        versions.append(Version(attribute, attribute.stored(disagreement.record), is_reading=True))


def _related_names(disagreements: list[Disagreement]) -> dict[Any, dict[int, str]]:
    """The public names of the records that RECORD values point at, by model; a value that
    points at a record readers may not see is left unnamed."""
    wanted: dict[Any, set[int]] = {}
    for disagreement in disagreements:
        model = disagreement.attribute.related_model
        if model is not None:
            wanted.setdefault(model, set()).update(v.value for v in disagreement.found_versions)
    names = {}
    for model, pks in wanted.items():
        manager = model._default_manager
        rows = manager.public() if hasattr(manager, "public") else manager.all()
        names[model] = {row.pk: str(row) for row in rows.filter(pk__in=pks)}
    return names
