"""Dates and terms at the edges of what can be stored: the pages still answer.

Rows are written with factories, around the admin's forms, as an import or a script would; a row
the database refuses is no page at all. Whatever is stored, the person, case and hearing pages of
a convicted defendant in custody answer 200, on the public site and in the admin: a derived date
beyond the calendar is not shown.
"""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from tests import factories as f
from tests.hostile.strategies import hostile_settings

pytestmark = pytest.mark.django_db

EDGES = [date.min, date(1899, 12, 31), date(1900, 1, 1), date(2199, 12, 31), date(2200, 1, 1),
         date(9999, 12, 1), date.max]  # fmt: skip
dates = st.one_of(st.sampled_from(EDGES), st.dates())
precisions = st.sampled_from(["day", "month", "year"])
# Up to the largest value a small integer column holds: the database's own limit.
terms = st.one_of(st.sampled_from([0, 1, 1200, 1201, 32767]), st.integers(0, 32767))


def stored(**rows):
    """The records of one convicted defendant, or None where the database refuses them."""
    try:
        with transaction.atomic():
            return build(**rows)
    except IntegrityError:
        return None


def build(*, started_on, ended_on, held_on, opened_on, prison_months, arrest_days):
    person = f.PersonFactory()
    case = f.CaseFactory(opened_on=opened_on, defendants=[person])
    f.DetentionFactory(
        person=person, case=case, started_on=started_on, ended_on=ended_on, ended_precision="day"
    )
    hearing = f.HearingFactory(case=case, held_on=held_on)
    outcome = f.OutcomeFactory(hearing=hearing, defendant=person)
    f.SentenceFactory(outcome=outcome, prison_months=prison_months, arrest_days=arrest_days)
    return person, case, hearing


@hostile_settings
@given(
    started_on=dates, ended_on=st.none() | dates, held_on=dates, opened_on=st.none() | dates,
    prison_months=terms, arrest_days=terms,
)  # fmt: skip
@example(started_on=date.max, ended_on=None, held_on=date(2012, 6, 4), opened_on=None,
         prison_months=60, arrest_days=0)  # fmt: skip
@example(started_on=date(2199, 12, 31), ended_on=None, held_on=date(2199, 12, 31),
         opened_on=date(2199, 12, 31), prison_months=32767, arrest_days=32767)  # fmt: skip
@example(started_on=date(1900, 1, 1), ended_on=date(2199, 12, 31), held_on=date(1900, 1, 1),
         opened_on=date(1900, 1, 1), prison_months=1, arrest_days=1)  # fmt: skip
def test_pages_answer_whatever_dates_and_terms_are_stored(reader, editor, **rows):
    records = stored(**rows)
    if records is None:
        return
    for record in records:
        opts = record._meta
        admin_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        for client, url in ((reader, record.get_absolute_url()), (editor, admin_url)):
            response = client.get(url)
            assert response.status_code == 200, url
