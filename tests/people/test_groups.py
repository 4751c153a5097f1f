"""Groups: people a source describes together without naming them all."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cases.models import Sentence
from casetracker.partial_dates import DateBounds, add_months
from people.merge import MergeError, person_merge
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_group_is_shown_by_its_description_and_its_headcount():
    group = f.GroupFactory(
        public_label="oil workers tried in Aktau",
        headcount_min=30,
        headcount_max=30,
        headcount_approximate=True,
    )
    assert group.public_name == "oil workers tried in Aktau"
    assert str(group.headcount) == "about 30"
    assert group.group_description == "a group of about 30 people"
    assert group.slug.startswith("anon-")


def test_a_group_of_unstated_size_says_so():
    group = f.GroupFactory(headcount_min=None, headcount_max=None)
    assert group.group_description == "a group, its size not given"


def test_a_range_of_terms_belongs_to_a_group():
    outcome = f.OutcomeFactory(defendant=f.PersonFactory())
    sentence = Sentence(outcome=outcome, prison_months=36, prison_months_max=84)
    with pytest.raises(ValidationError) as error:
        sentence.full_clean()
    assert "prison_months_max" in error.value.message_dict


def test_a_groups_range_of_terms_reads_as_a_range_and_releases_over_it():
    group = f.GroupFactory()
    outcome = f.OutcomeFactory(
        defendant=group, hearing__held_on=date(2012, 6, 4), hearing__held_precision="day"
    )
    sentence = f.SentenceFactory(outcome=outcome, prison_months=36, prison_months_max=84)
    sentence.full_clean()
    assert sentence.terms()[0].startswith("3 years to 7 years in prison")
    release = outcome.expected_release()
    assert (release.earliest, release.latest) == (date(2015, 6, 4), date(2019, 6, 4))


def test_a_group_and_one_person_are_never_merged():
    editor = f.UserFactory()
    with pytest.raises(MergeError):
        person_merge(keep=f.PersonFactory(), duplicate=f.GroupFactory(), by=editor)


def test_merging_two_records_of_one_group_keeps_every_named_member():
    keep, duplicate = f.GroupFactory(), f.GroupFactory()
    first, second = f.PersonFactory(), f.PersonFactory()
    keep.members.add(first)
    duplicate.members.add(second)
    person_merge(keep=keep, duplicate=duplicate, by=f.UserFactory())
    assert set(keep.members.all()) == {first, second}


def test_a_merged_member_stays_in_the_group():
    group, keep, duplicate = f.GroupFactory(), f.PersonFactory(), f.PersonFactory()
    group.members.add(duplicate)
    person_merge(keep=keep, duplicate=duplicate, by=f.UserFactory())
    assert list(group.members.all()) == [keep]


@given(
    verdict=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    shortest=st.integers(min_value=1, max_value=600),
    longer_by=st.integers(min_value=1, max_value=600),
)
def test_a_range_of_terms_releases_from_the_shortest_to_the_longest(verdict, shortest, longer_by):
    bounds = DateBounds(verdict, verdict).shifted_by_months(shortest, longest=shortest + longer_by)
    assert bounds is not None
    assert bounds.earliest == add_months(verdict, shortest)
    assert bounds.latest == add_months(verdict, shortest + longer_by)
    assert bounds.earliest < bounds.latest
