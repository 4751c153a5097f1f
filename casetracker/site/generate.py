"""Realistic generated records for load and speed checks, in the proportions of the fixture data.

Everything generated is published and cites the SourceDocument ``generated-data``, and every slug
starts with ``gen-``: real and generated records can always be told apart and removed.
Rows go in with ``bulk_create`` in chunks, so 100,000 people (about a million rows) load in minutes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from cases.models import (
    Case,
    Charge,
    ChargeEvent,
    Detention,
    Hearing,
    LegalArticle,
    Outcome,
    Sentence,
)
from casetracker import derived_stores
from casetracker.models import Citation, Place, SourceDocument
from casetracker.names import Script, VariantKind, fold_name
from casetracker.publication import Status, Visibility
from events.models import CountKind, Incident, IncidentCount, Involvement
from people.models import Organization, Person, PersonName

SOURCE_KEY = "generated-data"
PREFIX = "gen-"
CHUNK = 1000

# (Latin, Cyrillic) pairs: common Kazakh given names and surnames.
GIVEN = [
    ("Aidar", "Айдар"),
    ("Akzhanat", "Акжанат"),
    ("Asel", "Асель"),
    ("Aigul", "Айгуль"),
    ("Bolat", "Болат"),
    ("Dariga", "Дарига"),
    ("Erlan", "Ерлан"),
    ("Gulnara", "Гульнара"),
    ("Kuanysh", "Куаныш"),
    ("Maksat", "Максат"),
    ("Nurlan", "Нурлан"),
    ("Roza", "Роза"),
    ("Serik", "Серик"),
    ("Talgat", "Талгат"),
    ("Zhanbolat", "Жанболат"),
    ("Zhanna", "Жанна"),
    ("Yerbol", "Ербол"),
    ("Saule", "Сауле"),
    ("Marat", "Марат"),
    ("Natalia", "Наталья"),
]
FAMILY = [
    ("Abenov", "Абенов"),
    ("Aminov", "Аминов"),
    ("Baimukhanov", "Баймуханов"),
    ("Dzhaksybekov", "Джаксыбеков"),
    ("Esenov", "Есенов"),
    ("Ibraev", "Ибраев"),
    ("Kaliev", "Калиев"),
    ("Kozhakhmetov", "Кожахметов"),
    ("Mamai", "Мамай"),
    ("Nurgaliev", "Нургалиев"),
    ("Ospanov", "Оспанов"),
    ("Sisenbaev", "Сисенбаев"),
    ("Tuleshov", "Тулешов"),
    ("Utegenov", "Утегенов"),
    ("Zhaksylykov", "Жаксылыков"),
    ("Seitov", "Сеитов"),
    ("Bekov", "Беков"),
    ("Temirov", "Темиров"),
    ("Omarov", "Омаров"),
    ("Sultanov", "Султанов"),
]
PLACES = [
    ("Zhanaozen", 43.34, 52.86),
    ("Aktau", 43.65, 51.17),
    ("Shetpe", 44.16, 52.12),
    ("Kuryk", 43.20, 51.65),
    ("Almaty", 43.24, 76.89),
    ("Astana", 51.17, 71.45),
]
START = date(2011, 5, 1)


@dataclass
class Generated:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, label: str, rows: list[Any]) -> list[Any]:
        self.counts[label] = self.counts.get(label, 0) + len(rows)
        return rows


def published(**values: Any) -> dict[str, Any]:
    return {"status": Status.PUBLISHED, "visibility": Visibility.PUBLIC, **values}


def generate(
    people: int, *, seed: int = 0, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Create ``people`` generated people and their records; return the rows created per model."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    result = Generated()
    with transaction.atomic():
        world = _world(rng, result)
        for first in range(0, people, CHUNK):
            _chunk(rng, result, world, first, min(CHUNK, people - first))
            if progress:
                progress(min(CHUNK, people - first))
        # bulk_create sends no signals: the name keys, the full-text index and the cached
        # pages' version are brought up to date once, at the end.
        result.counts["casetracker.NameKey"] = derived_stores.rebuild()["name keys"]
    return result.counts


@dataclass
class World:
    source: SourceDocument
    places: list[Place]
    courts: list[Organization]
    police: list[Organization]
    articles: list[LegalArticle]
    content_types: dict[type[models.Model], ContentType]


def _world(rng: random.Random, result: Generated) -> World:
    source, _ = SourceDocument.objects.get_or_create(
        key=SOURCE_KEY,
        defaults=published(
            title="Generated data for load tests",
            kind=SourceDocument.Kind.REPORT,
            publisher="case tracker generator",
            published_on=date(2013, 1, 1),
            published_precision="year",
            summary="Made-up records, not facts: used to measure speed at scale.",
        ),
    )
    places = [
        Place.objects.get_or_create(
            slug=f"{PREFIX}{name.lower()}",
            defaults={"name": name, "kind": Place.Kind.CITY, "latitude": lat, "longitude": lon},
        )[0]
        for name, lat, lon in PLACES
    ]

    def organizations(kind: str, label: str) -> list[Organization]:
        return [
            Organization.objects.get_or_create(
                slug=f"{PREFIX}{kind}-{place.slug.removeprefix(PREFIX)}",
                defaults=published(name=f"{place.name} {label}", kind=kind, place=place),
            )[0]
            for place in places
        ]

    articles = [
        LegalArticle.objects.get_or_create(
            code=code,
            version="1997",
            article=article,
            part=part,
            defaults={"title": title, "slug": f"{PREFIX}{code}-{article}-{part}"},
        )[0]
        for code, article, part, title in [
            ("criminal", "164", "1", "Inciting social discord"),
            ("criminal", "334", "1", "Organising an unlawful strike"),
            ("criminal", "241", "2", "Mass disorder"),
            ("administrative", "373", "1", "Breaking the rules for assemblies"),
            ("administrative", "355", "", "Unauthorised protest"),
        ]
    ]
    models_cited = (Person, Case, Detention, Hearing, Incident, IncidentCount)
    return World(
        source=source,
        places=places,
        courts=organizations(Organization.Kind.COURT, "city court"),
        police=organizations(Organization.Kind.POLICE, "police department"),
        articles=articles,
        content_types=ContentType.objects.get_for_models(*models_cited),
    )


def _day(rng: random.Random, within_days: int = 600) -> date:
    return START + timedelta(days=rng.randrange(within_days))


def _chunk(rng: random.Random, result: Generated, world: World, first: int, size: int) -> None:
    bulk = _bulk_creator(result)
    persons = bulk(Person, (_person(rng, first + offset) for offset in range(size)))
    bulk(PersonName, (name for person in persons for name in _spellings(rng, person)))

    cases: list[Case] = []
    defendants: list[tuple[Case, list[Person]]] = []
    pool = persons[:]
    rng.shuffle(pool)
    while len(pool) > size // 3:
        group = [pool.pop() for _ in range(min(len(pool), rng.choice((1, 1, 2, 3, 5))))]
        number = first + len(cases)
        kind = rng.choice((Case.Kind.CRIMINAL, Case.Kind.ADMINISTRATIVE))
        cases.append(
            Case(
                **published(
                    title=f"Case of {group[0].name}" + (" and others" if len(group) > 1 else ""),
                    slug=f"{PREFIX}case-{number}",
                    kind=kind,
                    opened_on=_day(rng),
                )
            )
        )
        defendants.append((cases[-1], group))
    bulk(Case, cases)
    bulk(
        Case.defendants.through,
        (
            Case.defendants.through(case_id=case.pk, person_id=person.pk)
            for case, group in defendants
            for person in group
        ),
    )

    charges = bulk(
        Charge,
        (
            Charge(case=case, defendant=person, article=article)
            for case, group in defendants
            for person in group
            for article in rng.sample(world.articles, rng.choice((1, 1, 2)))
        ),
    )
    bulk(
        ChargeEvent,
        (
            ChargeEvent(
                charge=charge, status=ChargeEvent.Status.BROUGHT, occurred_on=charge.case.opened_on
            )
            for charge in charges
        ),
    )

    detentions = bulk(
        Detention,
        (
            _detention(rng, world, person, case)
            for case, group in defendants
            for person in group
            if rng.random() < 0.8
        ),
    )
    hearings = bulk(
        Hearing,
        (
            Hearing(
                **published(
                    case=case,
                    # bulk_create skips save(): one first instance and one appeal per case.
                    slug=f"{case.slug}-{instance}",
                    court=rng.choice(world.courts),
                    instance=instance,
                    held_on=case.opened_on + timedelta(days=60 + 90 * index + rng.randrange(30)),
                    closed_to_public=rng.choice((None, True, False)),
                    lawyer_present=rng.choice((None, True, False)),
                )
            )
            for case, _ in defendants
            for index, instance in enumerate(
                (Hearing.Instance.FIRST, Hearing.Instance.APPEAL)[: rng.choice((1, 1, 2))]
            )
        ),
    )
    group_of = dict(defendants)
    outcomes = bulk(
        Outcome,
        (
            Outcome(
                hearing=hearing,
                defendant=person,
                verdict=rng.choice(
                    (Outcome.Verdict.CONVICTED,) * 4 + (Outcome.Verdict.ACQUITTED,)
                    if hearing.instance == Hearing.Instance.FIRST
                    else (Outcome.Verdict.UPHELD, Outcome.Verdict.CHANGED)
                ),
            )
            for hearing in hearings
            for person in group_of[hearing.case]
        ),
    )
    bulk(Sentence, (_sentence(rng, outcome) for outcome in outcomes if outcome.is_conviction))

    incidents = bulk(
        Incident,
        (
            Incident(
                **published(
                    title=f"Generated protest {first + index}",
                    slug=f"{PREFIX}incident-{first + index}",
                    kind=rng.choice(list(Incident.Kind)),
                    started_on=_day(rng),
                    place=rng.choice(world.places),
                    summary="A generated incident.",
                )
            )
            for index in range(max(1, size // 20))
        ),
    )
    counts = bulk(
        IncidentCount,
        (count for incident in incidents for count in _counts(rng, incident)),
    )
    bulk(
        Involvement,
        (
            Involvement(incident=incident, person=person, role=rng.choice(list(Involvement.Role)))
            for incident in incidents
            for person in rng.sample(persons, min(len(persons), 4))
        ),
    )
    bulk(
        Incident.cases.through,
        (
            Incident.cases.through(incident_id=incident.pk, case_id=case.pk)
            for incident in incidents
            for case in rng.sample(cases, min(len(cases), 2))
        ),
    )
    bulk(
        Citation,
        (
            Citation(
                source=world.source,
                content_type=world.content_types[type(record)],
                object_id=record.pk,
                locator=f"¶{rng.randrange(1, 60)}",
                summary="Generated citation.",
            )
            for record in (*persons, *cases, *detentions, *hearings, *incidents, *counts)
        ),
    )


def _bulk_creator(result: Generated) -> Callable[..., list[Any]]:
    def bulk(model: type[models.Model], rows: Iterator[Any] | list[Any]) -> list[Any]:
        created = model._default_manager.bulk_create(list(rows), batch_size=500)
        return result.add(model._meta.label, created)

    return bulk


def _counts(rng: random.Random, incident: Incident) -> list[IncidentCount]:
    """Participants, detained and killed in the shapes reports give: about, at least, exact."""
    participants = rng.randrange(10, 3000)
    detained = rng.randrange(0, 100)
    killed = rng.choice((0, 0, 0, 1, 16))
    about = rng.random() < 0.5  # "about 300" (both bounds, approximate), else "at least 300"
    return [
        IncidentCount(
            incident=incident,
            kind=CountKind.PARTICIPANTS,
            minimum=participants,
            maximum=participants if about else None,
            approximate=about,
        ),
        IncidentCount(incident=incident, kind=CountKind.DETAINED, minimum=detained),
        IncidentCount(incident=incident, kind=CountKind.KILLED, minimum=killed, maximum=killed),
    ]


def _person(rng: random.Random, number: int) -> Person:
    (given, _), (family, _) = rng.choice(GIVEN), rng.choice(FAMILY)
    return Person(**published(name=f"{given} {family}", slug=f"{PREFIX}person-{number}"))


def _spellings(rng: random.Random, person: Person) -> list[PersonName]:
    given, family = person.name.split(" ", 1)
    spellings = {
        person.name: (Script.LATIN, VariantKind.TRANSLITERATION),
        f"{dict(GIVEN)[given]} {dict(FAMILY)[family]}": (Script.CYRILLIC, VariantKind.NATIVE),
    }
    misspelt = f"{given} {family.replace('ov', 'off')}"
    if rng.random() < 0.3 and misspelt not in spellings:
        spellings[misspelt] = (Script.LATIN, VariantKind.MISSPELLING)
    return [
        PersonName(person=person, name=name, script=script, kind=kind, folded=fold_name(name))
        for name, (script, kind) in spellings.items()
    ]


def _detention(rng: random.Random, world: World, person: Person, case: Case) -> Detention:
    started = case.opened_on
    ended = started + timedelta(days=rng.randrange(1, 700)) if rng.random() < 0.7 else None
    return Detention(
        **published(
            person=person,
            case=case,
            kind=rng.choice((Detention.Kind.PRE_TRIAL, Detention.Kind.ADMINISTRATIVE_ARREST)),
            started_on=started,
            ended_on=ended,
            place=rng.choice(world.places),
            authority=rng.choice(world.police),
        )
    )


def _sentence(rng: random.Random, outcome: Outcome) -> Sentence:
    if rng.random() < 0.6:
        return Sentence(
            outcome=outcome, prison_months=rng.choice((36, 48, 60, 72, 84)), regime="general"
        )
    if rng.random() < 0.5:
        return Sentence(outcome=outcome, suspended_months=rng.choice((24, 36)), probation_months=24)
    return Sentence(
        outcome=outcome, fine_amount=rng.choice((50000, 100000, 283000)), fine_currency="KZT"
    )
