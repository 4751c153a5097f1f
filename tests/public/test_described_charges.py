"""A charge the source describes without an article is shown, exported and counted as described."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

SHOWN = "abuse of power (no article given)"


@pytest.fixture
def described(world):
    """A second public case of the world's person, sentenced on a charge with no article."""
    case = f.CaseFactory(title="Described case", slug="described-case")
    charge = f.ChargeFactory(
        case=case, defendant=world.person, article=None, described_as="abuse of power"
    )
    hearing = f.HearingFactory(case=case)
    f.SentenceFactory(outcome=f.OutcomeFactory(hearing=hearing, defendant=world.person))
    return charge


def test_the_case_page_shows_the_description(reader, described):
    response = reader.get(described.case.get_absolute_url())
    assert SHOWN in response.content.decode()


def test_the_person_page_shows_the_description(reader, described):
    response = reader.get(described.defendant.get_absolute_url())
    assert SHOWN in response.content.decode()


def test_the_case_list_and_its_export_show_the_description(reader, described):
    assert SHOWN in reader.get(reverse("cases:case_list")).content.decode()
    response = reader.get(reverse("cases:case_export", args=["csv"]))
    assert SHOWN in b"".join(response.streaming_content).decode()


def test_the_article_filter_does_not_match_a_described_charge(reader, described, world):
    article = world.person.charges.exclude(article=None).get().article
    response = reader.get(reverse("cases:case_list"), {"article": article.pk})
    assert described.case not in response.context["rows"]


def test_the_chart_counts_described_convictions_in_their_own_bar(reader, described):
    response = reader.get(reverse("home"))
    charts = {chart.slug: chart for chart in response.context["charts"]}
    bars = {bar.label: bar.value for bar in charts["sentences-by-article"].bars}
    assert bars["no article given"] == 1
