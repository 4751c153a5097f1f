"""The search page's reads: one query string, published records of every kind, best first.

Names (people, organisations, the places incidents happened at, the defendants of cases) go
through ``name_search``; titles and summaries through ``text_search``. Seven queries, whatever
is found: people and their spellings, organisations and theirs, cases, incidents, sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from casetracker.models import Place, SourceDocument
from casetracker.name_search import name_condition, name_score, spellings_of
from casetracker.site.people.filters import public_name_condition
from casetracker.text_search import snippet, text_search
from events.models import Incident
from people.models import Organization, Person

# Shown per kind; ranked by name among the first FETCHED by the database.
SHOWN = 20
FETCHED = 100


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: SafeString


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str | Promise
    hits: list[Hit] = field(default_factory=list)


def _people(query: str) -> Group:
    people = text_search(
        Person.objects.public().prefetch_related("names"),
        query,
        ["summary"],
        snippet_field="summary",
        extra=public_name_condition(query),
    )[:FETCHED]

    def score(person: Person) -> float:
        names = [person.public_label] if person.is_anonymised else spellings_of(person)
        return name_score(query, names)

    ranked = sorted(people, key=score, reverse=True)[:SHOWN]
    hits = [Hit(p.public_name, p.get_absolute_url(), snippet(p, query)) for p in ranked]
    return Group("people", _("People"), hits)


def _organisations(query: str) -> Group:
    by_name = name_condition(Organization, query)
    organisations = text_search(
        Organization.objects.public().prefetch_related("names"),
        query,
        ["summary"],
        snippet_field="summary",
        extra=by_name,
    )[:FETCHED]
    ranked = sorted(
        organisations, key=lambda org: name_score(query, spellings_of(org)), reverse=True
    )[:SHOWN]
    hits = [Hit(org.name, org.get_absolute_url(), snippet(org, query)) for org in ranked]
    return Group("organisations", _("Organisations"), hits)


def _cases(query: str) -> Group:
    by_name = name_condition(Person, query)
    defendants = Person.objects.public().filter(anonymity=Person.Anonymity.NAMED)
    with_defendant = (
        Q(pk__in=Case.objects.filter(defendants__in=defendants.filter(by_name)).values("pk"))
        if by_name is not None
        else None
    )
    cases = text_search(
        Case.objects.public(),
        query,
        ["title", "summary"],
        snippet_field="summary",
        extra=with_defendant,
    )[:SHOWN]
    return Group(
        "cases", _("Cases"), [Hit(c.title, c.get_absolute_url(), snippet(c, query)) for c in cases]
    )


def _incidents(query: str) -> Group:
    by_place_name = name_condition(Place, query)
    at_place = (
        Q(place__in=Place.objects.filter(by_place_name).values("pk"))
        if by_place_name is not None
        else None
    )
    incidents = text_search(
        Incident.objects.public(),
        query,
        ["title", "summary"],
        snippet_field="summary",
        extra=at_place,
    )[:SHOWN]
    hits = [Hit(i.title, i.get_absolute_url(), snippet(i, query)) for i in incidents]
    return Group("incidents", _("Incidents"), hits)


def _sources(query: str) -> Group:
    sources = text_search(
        SourceDocument.objects.public(), query, ["title", "summary"], snippet_field="summary"
    )[:SHOWN]
    hits = [Hit(s.title, s.get_absolute_url(), snippet(s, query)) for s in sources]
    return Group("sources", _("Sources"), hits)


def search_everything(query: str) -> list[Group]:
    """Published, public records matching ``query``, grouped by kind."""
    return [
        _people(query),
        _cases(query),
        _incidents(query),
        _sources(query),
        _organisations(query),
    ]
