"""Whom the registry is about and whom it only mentions: derived from public records only."""

import csv
import io

import pytest
from django.urls import reverse

from casetracker.publication import Visibility
from events.models import Involvement
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    detained = f.DetentionFactory(person__name="Detained Person").person
    charged = f.ChargeFactory(defendant__name="Charged Person").defendant
    tried = f.OutcomeFactory(defendant__name="Tried Person").defendant
    shot = f.InvolvementFactory(person__name="Shot Person", role=Involvement.Role.VICTIM).person
    f.InvolvementFactory(person__name="Witness Person", role=Involvement.Role.WITNESS)
    f.PersonFactory(name="Official Person")
    hidden = f.PersonFactory(name="Restricted-detention Person")
    f.DetentionFactory(person=hidden, visibility=Visibility.RESTRICTED)
    return {detained.name, charged.name, tried.name, shot.name}


def listed(reader, **query) -> set[str]:
    response = reader.get(reverse("people:person_list"), query)
    return {row.person.name for row in response.context["rows"]}


def test_the_filter_tells_the_affected_from_the_mentioned(reader, people):
    affected = listed(reader, concern="affected")
    # Outcome and charge factories bring defendants of other cases too: check ours.
    assert people <= affected
    mentioned = listed(reader, concern="mentioned")
    assert {"Witness Person", "Official Person", "Restricted-detention Person"} <= mentioned
    assert not affected & mentioned


def test_a_restricted_record_does_not_make_anyone_affected(reader, people):
    response = reader.get(reverse("home"))
    counts = response.context["people_concern"]
    assert "Restricted-detention Person" in listed(reader, concern="mentioned")
    assert counts["affected"] == len(listed(reader, concern="affected"))
    assert counts["mentioned"] == len(listed(reader, concern="mentioned"))


def test_home_and_list_say_which_people_they_count(reader, people):
    home = reader.get(reverse("home")).content.decode()
    affected = len(listed(reader, concern="affected"))
    mentioned = len(listed(reader, concern="mentioned"))
    assert f"<strong>{affected}</strong> people the record is about" in home
    assert f"<strong>{mentioned}</strong> more people only mentioned" in home
    page = reader.get(reverse("people:person_list")).content.decode()
    assert f"{affected} affected (detained, charged, tried, harmed or targeted), " in page
    assert f"{mentioned} only mentioned" in page
    assert 'Official Person</a> <span class="note">(only mentioned)</span>' in page


def test_the_export_says_each_persons_concern(reader, people):
    response = reader.get(reverse("people:person_export", args=["csv"]))
    rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    concern = {row["name"]: row["concern"] for row in rows}
    assert concern["Shot Person"] == "affected"
    assert concern["Witness Person"] == "mentioned"
