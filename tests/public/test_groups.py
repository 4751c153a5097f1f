"""Groups on public pages: described, counted as groups, their named members public only."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from casetracker.publication import Status
from people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def sentenced_group():
    """Seventeen oil workers sentenced together to 3 to 7 years; two of them named, one of
    those still a draft."""
    group = f.GroupFactory(public_label="oil workers sentenced in Aktau")
    case = f.CaseFactory(title="Case of the seventeen")
    case.defendants.add(group)
    hearing = f.HearingFactory(case=case, held_on=date(2012, 6, 4), held_precision="day")
    outcome = f.OutcomeFactory(hearing=hearing, defendant=group, note="terms differ by role")
    f.SentenceFactory(outcome=outcome, prison_months=36, prison_months_max=84, regime="")
    named = f.PersonFactory(name="Named Member")
    draft = f.PersonFactory(name="Draft Member", status=Status.DRAFT)
    group.members.add(named, draft)
    return group


def test_a_groups_page_gives_its_headcount_sentence_range_and_public_members(
    reader, sentenced_group
):
    page = reader.get(sentenced_group.get_absolute_url()).content.decode()
    assert "<h1>oil workers sentenced in Aktau" in page
    assert "People in the group</dt><dd>17</dd>" in page
    assert "Named Member" in page
    assert "Draft Member" not in page
    assert "3 years to 7 years in prison" in page
    assert "expected release: between 4 June 2015 and 4 June 2019" in page
    assert "terms differ by role" in page


def test_a_members_page_links_to_the_group(reader, sentenced_group):
    member = sentenced_group.members.get(name="Named Member")
    page = reader.get(member.get_absolute_url()).content.decode()
    assert f'Member of</dt><dd><a href="{sentenced_group.get_absolute_url()}">' in page


def test_the_list_marks_groups_and_filters_them(reader, sentenced_group):
    f.PersonFactory(name="Single Person")
    response = reader.get(reverse("people:person_list"), {"kind": "group"})
    assert [row.person for row in response.context["rows"]] == [sentenced_group]
    page = response.content.decode()
    assert (
        'oil workers sentenced in Aktau</a> <span class="note">(a group of 17 people)</span>'
        in page
    )
    assert "1 group of at least 17 people" in page


def test_the_export_says_which_rows_are_groups_and_how_large(reader, sentenced_group):
    response = reader.get(reverse("people:person_export", args=["csv"]))
    rows = {
        row["name"]: row
        for row in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    }
    group = rows["oil workers sentenced in Aktau"]
    assert (group["kind"], group["headcount_min"], group["headcount_max"]) == ("group", "17", "17")
    assert group["named"] == "not_named_in_source"
    assert rows["Named Member"]["kind"] == "individual"
    assert rows["Named Member"]["headcount_min"] == ""


def test_home_counts_groups_apart_from_people(reader, sentenced_group):
    f.GroupFactory(headcount_min=None, headcount_max=5)  # only mentioned, size up to five
    counts = reader.get(reverse("home")).context["people_concern"]
    assert counts["groups"] == 2
    # 17, and at least two for a group whose smallest size is not given
    assert counts["in_groups"] == 19
    assert counts["affected"] == 0  # the group is affected; its named members are not
    home = reader.get(reverse("home")).content.decode()
    assert "<strong>2</strong> groups the sources describe without naming everyone" in home
    assert "at least 19 people in all" in home


def test_a_group_is_found_by_its_description_only(reader, sentenced_group):
    response = reader.get(reverse("people:person_list"), {"name": "sentenced in Aktau"})
    assert [row.person for row in response.context["rows"]] == [sentenced_group]


def test_charts_of_people_count_single_people_and_say_so(reader, sentenced_group):
    from casetracker.site import charts

    # The group's longest term ran out in 2019: counted, it would be one person released.
    by_status = {bar.label: bar.value for bar in charts.people_by_status().bars}
    assert by_status["released"] == 0
    assert sum(by_status.values()) == Person.objects.public().filter(kind="individual").count()
    home = reader.get(reverse("home")).content.decode()
    assert home.count("People the sources count only as part of a group are not counted here") == 2
