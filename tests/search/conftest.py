"""The people, organisations and places of the reports, with the spellings sources use."""

from dataclasses import dataclass

import pytest

from casetracker.models import Place
from people.models import Organization, Person
from tests.factories import (
    OrganizationFactory,
    OrganizationNameFactory,
    PersonFactory,
    PersonNameFactory,
    PlaceFactory,
    PlaceNameFactory,
)


@dataclass
class World:
    people: dict[str, Person]
    organisations: dict[str, Organization]
    places: dict[str, Place]


# slug: (display name, native name, stored variants). Only some spellings are stored: the rest
# of the table must be found through transliteration and typo tolerance.
PEOPLE = {
    "sisenbaev": ("Kuanysh Sisenbaev", "Куаныш Сисенбаев", ["Kuanish Sisenbaev"]),
    "azhigalieva": ("Natalia Azhigalieva", "Наталья Ажигалиева", ["Natalia Azhigalievaja"]),
    "mamai": ("Zhanbolat Mamai", "", ["Zhanbolat Mamay"]),
    "sokolova": ("Natalia Sokolova", "", []),
    "aminov": ("Akzhanat Aminov", "", []),
    "tuletaeva": ("Roza Tuletaeva", "Роза Тулетаева", []),
}
ORGANISATIONS = {
    "ozenmunaigaz": ("Ozenmunaigaz", "Озенмунайгаз", ["OzenMunaiGaz"]),
    "kazmunaigas": ("KazMunayGas", "", []),
}
PLACES = {
    "zhanaozen": ("Zhanaozen", "Жанаозен", []),
    "aktau": ("Aktau", "", ["Актау"]),
    "mangistau": ("Mangistau region", "", ["Mangystau"]),
}


@pytest.fixture
def world(db) -> World:
    people = {}
    for slug, (name, native, variants) in PEOPLE.items():
        people[slug] = PersonFactory(name=name, native_name=native, slug=slug)
        for variant in variants:
            PersonNameFactory(person=people[slug], name=variant)
    organisations = {}
    for slug, (name, native, variants) in ORGANISATIONS.items():
        organisations[slug] = OrganizationFactory(name=name, native_name=native, slug=slug)
        for variant in variants:
            OrganizationNameFactory(organization=organisations[slug], name=variant)
    places = {}
    for slug, (name, native, variants) in PLACES.items():
        places[slug] = PlaceFactory(name=name, native_name=native, slug=slug)
        for variant in variants:
            PlaceNameFactory(place=places[slug], name=variant)
    return World(people, organisations, places)
