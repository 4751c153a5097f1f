"""A small public world built with factories, and hidden records that must never show."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from casetracker.publication import Status, Visibility
from tests import factories as f


@dataclass
class World:
    person: Any
    case: Any
    hearing: Any
    incident: Any
    article: Any
    court: Any
    source: Any
    place: Any
    organization: Any
    people: list[Any] = field(default_factory=list)


# Distinct names, so that the name box (which forgives typos) tells them apart.
NAMED = [
    ("Kuanysh Sisenbaev", "Куаныш Сисенбаев"),
    ("Natalia Azhigalieva", "Наталья Ажигалиева"),
    ("Roza Tuletaeva", "Роза Тулетаева"),
]


def build_person(index: int, source: Any, place: Any, article: Any, court: Any) -> Any:
    """A defendant with a detention, a charge with its history, a sentence and an incident."""
    name, native = NAMED[index] if index < len(NAMED) else (f"Worker {index:02d}", "")
    person = f.PersonFactory(name=name, slug=f"worker-{index:02d}")
    if native:
        f.PersonNameFactory(person=person, name=native, script="cyrillic")
    case = f.CaseFactory(title=f"Case of worker {index:02d}", slug=f"case-{index:02d}")
    charge = f.ChargeFactory(case=case, defendant=person, article=article)
    event = f.ChargeEventFactory(
        charge=charge, occurred_on=date(2011, 9, 1), occurred_precision="month"
    )
    detention = f.DetentionFactory(
        person=person, case=case, place=place, started_on=date(2011, 9, 8), ended_on=None
    )
    hearing = f.HearingFactory(case=case, court=court, held_on=date(2012, 6, 4))
    outcome = f.OutcomeFactory(hearing=hearing, defendant=person)
    f.SentenceFactory(outcome=outcome, prison_months=60)
    incident = f.IncidentFactory(
        title=f"Protest {index:02d}", slug=f"protest-{index:02d}", place=place
    )
    # Odd protests had a death; even ones a toll of none (a count of 0 is not "with deaths").
    killed = f.IncidentCountFactory(incident=incident, minimum=index % 2, maximum=index % 2)
    f.CitationFactory(record=killed, source=source)
    f.InvolvementFactory(incident=incident, person=person)
    for record in (person, case, charge, event, detention, hearing, outcome, incident):
        f.CitationFactory(record=record, source=source)
    return person


def build_world(count: int) -> World:
    source = f.SourceDocumentFactory(key="hrw-2012", title="Striking oil, striking workers")
    place = f.PlaceFactory(name="Zhanaozen", slug="zhanaozen")
    article = f.LegalArticleFactory(article="164", slug="criminal-1997-164")
    court = f.CourtFactory(name="Zhanaozen city court", slug="zhanaozen-court")
    organization = f.OrganizationFactory(name="Ozenmunaigaz", slug="ozenmunaigaz")
    people = [build_person(index, source, place, article, court) for index in range(count)]
    for person in people:
        f.AffiliationFactory(person=person, organization=organization)
        f.DesignationFactory(person=person)
    person = people[0]
    return World(
        person=person,
        case=person.cases.get(),
        hearing=person.outcomes.get().hearing,
        incident=person.involvements.get().incident,
        article=article,
        court=court,
        source=source,
        place=place,
        organization=organization,
        people=people,
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world(3)


HIDDEN = [
    pytest.param({"status": Status.DRAFT}, id="draft"),
    pytest.param({"status": Status.IN_REVIEW}, id="in-review"),
    pytest.param({"visibility": Visibility.RESTRICTED}, id="restricted"),
]
