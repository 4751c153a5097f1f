"""A hearing's address: readable, made from its case, instance and date, unique, stable."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casetracker.partial_dates import Precision
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_new_hearings_address_says_its_case_instance_and_date():
    case = f.CaseFactory(slug="zhanaozen-trial-2012")
    hearing = f.HearingFactory(case=case, instance="first", held_on=date(2012, 6, 4))
    assert hearing.slug == "zhanaozen-trial-2012-first-2012-06-04"
    assert hearing.get_absolute_url() == "/hearings/zhanaozen-trial-2012-first-2012-06-04/"


def test_the_address_holds_no_more_of_the_date_than_is_known():
    case = f.CaseFactory(slug="kozlov-2012")
    by_month = f.HearingFactory(
        case=case, held_on=date(2012, 10, 1), held_precision=Precision.MONTH
    )
    undated = f.HearingFactory(case=case, instance="appeal", held_on=None)
    assert by_month.slug == "kozlov-2012-first-2012-10"
    assert undated.slug == "kozlov-2012-appeal-undated"


def test_two_sittings_on_one_day_get_addresses_of_their_own():
    case = f.CaseFactory(slug="aminov")
    first, second, third = (f.HearingFactory(case=case, held_on=date(2011, 8, 17)) for _ in "abc")
    assert [first.slug, second.slug, third.slug] == [
        "aminov-first-2011-08-17",
        "aminov-first-2011-08-17-2",
        "aminov-first-2011-08-17-3",
    ]


def test_a_stored_address_stays_when_the_hearing_changes():
    hearing = f.HearingFactory(held_on=date(2011, 8, 17))
    slug = hearing.slug
    hearing.held_on = date(2011, 8, 18)
    hearing.save()
    hearing.refresh_from_db()
    assert hearing.slug == slug


def test_an_address_of_digits_only_is_refused():
    # /hearings/42/ is the old numeric address of hearing 42.
    hearing = f.HearingFactory()
    hearing.slug = "42"
    with pytest.raises(ValidationError) as error:
        hearing.full_clean()
    assert "slug" in error.value.message_dict
