"""Dates typed by researchers stay within 1900 to ten years ahead; terms stay within reason.

Beyond that window a derived date (a release, a count of days) would leave the calendar and
the pages would fail; the admin refuses such a date with a form error and writes nothing.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Detention, Sentence
from tests import factories
from tests.admin.editing import opened
from tests.admin.test_bad_input import all_errors, detention_form, sentence_form

pytestmark = pytest.mark.django_db


def ten_years_ahead() -> date:
    today = timezone.localdate()
    return today.replace(year=today.year + 10, day=28 if today.month == 2 else today.day)


def day_after(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


TOO_EARLY = date(1899, 12, 31)
OUT_OF_WINDOW = {
    "the last day there is": lambda: date.max,
    "before 1900": lambda: TOO_EARLY,
    "more than ten years ahead": lambda: day_after(ten_years_ahead()),
}
IN_WINDOW = {"1 January 1900": lambda: date(1900, 1, 1), "ten years ahead": ten_years_ahead}


@pytest.mark.parametrize("field", ["started_on", "ended_on"])
@pytest.mark.parametrize("when", OUT_OF_WINDOW)
def test_a_detention_out_of_the_window_is_refused_on_the_add_form(researcher, field, when):
    person = factories.PersonFactory()
    data = detention_form(person, **{field: OUT_OF_WINDOW[when]().isoformat()})
    if field == "ended_on":
        data["started_on"] = "1900-01-01"
    response = researcher.post(reverse("admin:cases_detention_add"), data)
    assert "Enter a date between 1 January 1900 and" in all_errors(response)
    assert not Detention.objects.exists()


@pytest.mark.parametrize("when", OUT_OF_WINDOW)
def test_a_detention_out_of_the_window_is_refused_on_the_change_form(researcher, when):
    detention = factories.DetentionFactory(status="draft")
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    data = detention_form(detention.person, started_on=OUT_OF_WINDOW[when]().isoformat())
    response = researcher.post(url, {**data, **opened(researcher, url)})
    assert "Enter a date between 1 January 1900 and" in all_errors(response)
    detention.refresh_from_db()
    assert detention.started_on == date(2011, 9, 8)


@pytest.mark.parametrize("when", IN_WINDOW)
def test_a_detention_at_the_edges_of_the_window_is_saved(researcher, when):
    person = factories.PersonFactory()
    day = IN_WINDOW[when]()
    response = researcher.post(
        reverse("admin:cases_detention_add"), detention_form(person, started_on=day.isoformat())
    )
    assert response.status_code == 302, all_errors(response)
    assert Detention.objects.get().started_on == day


@pytest.mark.parametrize(
    ("term", "largest"),
    [("prison_months", 1200), ("suspended_months", 1200), ("probation_months", 1200),
     ("ban_months", 1200), ("arrest_days", 3660), ("community_service_hours", 10000)],
)  # fmt: skip
def test_a_term_beyond_reason_is_refused(editor, term, largest):
    outcome = factories.OutcomeFactory()
    terms = {"suspended_months": "12", "ban": "posts", "prison_months": "60"}
    url = reverse("admin:cases_sentence_add")
    response = editor.post(url, sentence_form(outcome, **{**terms, term: str(largest + 1)}))
    assert "Ensure this value is less than or equal to" in all_errors(response)
    assert not Sentence.objects.exists()
    response = editor.post(url, sentence_form(outcome, **{**terms, term: str(largest)}))
    assert response.status_code == 302, all_errors(response)
