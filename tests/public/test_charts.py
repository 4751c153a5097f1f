"""The home page's charts state what the records say: no invented month, no hidden gap."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import ChargeEvent, Detention, Hearing
from casetracker.partial_dates import PartialDate, Precision, Qualifier
from casetracker.publication import Status, Visibility
from casetracker.site import charts
from tests import factories as f
from tests.public.conftest import build_world

pytestmark = pytest.mark.django_db


def home_charts(client) -> dict[str, charts.BarChart]:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return {chart.slug: chart for chart in response.context["charts"]}


def bars(chart: charts.BarChart) -> dict[str, int]:
    return {bar.label: bar.value for bar in chart.bars}


# --- Per month: dates known only to the year ----------------------------------------------------


def test_a_hearing_known_only_to_the_year_is_not_counted_in_january(reader, world):
    # world: three hearings on 4 June 2012. One more known only to 2011, one only to 2012.
    f.HearingFactory(case=world.case, held_on=date(2011, 1, 1), held_precision=Precision.YEAR)
    f.HearingFactory(case=world.case, held_on=date(2012, 1, 1), held_precision=Precision.YEAR)
    chart = home_charts(reader)["hearings-per-month"]
    assert bars(chart) == {"2012-06": 3}
    assert chart.year_only == ((2011, 1), (2012, 1))
    assert chart.notes == [
        "plus 1 in 2011 known only to the year",
        "plus 1 in 2012 known only to the year",
    ]
    assert chart.description == (
        "2012-06: 3; plus 1 in 2011 known only to the year; plus 1 in 2012 known only to the year"
    )


def test_a_hearing_known_to_the_month_is_counted_in_its_month(reader, world):
    f.HearingFactory(case=world.case, held_on=date(2012, 4, 1), held_precision=Precision.MONTH)
    chart = home_charts(reader)["hearings-per-month"]
    assert bars(chart) == {"2012-04": 1, "2012-05": 0, "2012-06": 3}
    assert chart.year_only == ()


def test_a_date_known_only_as_a_bound_is_counted_in_no_month(reader, world):
    """ "Held since before July 2012": July is a bound, not the month the detention began."""
    f.DetentionFactory(
        person=world.person,
        started_on=date(2012, 7, 1),
        started_precision=Precision.MONTH,
        started_qualifier=Qualifier.ON_OR_BEFORE,
    )
    f.DetentionFactory(
        person=world.person, started_on=date(2011, 10, 5), started_qualifier=Qualifier.ABOUT
    )
    chart = home_charts(reader)["detentions-per-month"]
    assert bars(chart) == {"2011-09": 3, "2011-10": 1}
    assert chart.unplaced == 1
    assert chart.notes == ["plus 1 with no month known (undated, or only before or after a date)"]


def test_the_page_says_what_is_known_only_to_the_year_beside_the_chart(reader, world):
    f.DetentionFactory(
        person=world.person, started_on=date(2011, 1, 1), started_precision=Precision.YEAR
    )
    f.DetentionFactory(
        person=world.person, started_on=date(2011, 1, 1), started_precision=Precision.YEAR
    )
    body = reader.get(reverse("home")).content.decode()
    figure = body[body.index('id="detentions-per-month"') :]
    figure = figure[: figure.index("</figure>")]
    assert '<p class="chart-note">Plus 2 in 2011 known only to the year.</p>' in figure
    assert (
        '<desc id="detentions-per-month-desc">2011-09: 3; plus 2 in 2011 known only to the year'
        in figure
    )
    assert "2011-01" not in figure


def test_records_known_only_to_the_year_are_said_even_without_a_bar(reader, db):
    case = f.CaseFactory()
    f.HearingFactory(case=case, held_on=date(2011, 1, 1), held_precision=Precision.YEAR)
    chart = home_charts(reader)["hearings-per-month"]
    assert chart.bars == []
    body = reader.get(reverse("home")).content.decode()
    figure = body[body.index('id="hearings-per-month"') :]
    figure = figure[: figure.index("</figure>")]
    assert "<svg" not in figure
    assert "Plus 1 in 2011 known only to the year." in figure


def test_the_note_is_in_russian_for_a_russian_reader(reader, world):
    f.HearingFactory(case=world.case, held_on=date(2011, 1, 1), held_precision=Precision.YEAR)
    f.HearingFactory(case=world.case, held_on=date(2011, 1, 1), held_precision=Precision.YEAR)
    body = reader.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Заседания по месяцам" in body
    assert "Ещё 2 в 2011 году — известен только год." in body
    assert "known only to the year" not in body


# --- Per month: every month of the span, empty ones too -----------------------------------------


def test_a_month_without_records_is_a_zero_bar(reader, world):
    # world: three detentions begun on 8 September 2011. One more in December.
    f.DetentionFactory(person=world.person, started_on=date(2011, 12, 17))
    chart = home_charts(reader)["detentions-per-month"]
    assert [(bar.label, bar.value) for bar in chart.bars] == [
        ("2011-09", 3),
        ("2011-10", 0),
        ("2011-11", 0),
        ("2011-12", 1),
    ]
    empty = chart.bars[1]
    assert empty.width == 0
    assert "2011-10: 0" in chart.description


def test_the_months_run_across_a_new_year(reader, db):
    case = f.CaseFactory()
    f.HearingFactory(case=case, held_on=date(2011, 11, 30))
    f.HearingFactory(case=case, held_on=date(2012, 2, 1), held_precision=Precision.MONTH)
    chart = home_charts(reader)["hearings-per-month"]
    assert bars(chart) == {"2011-11": 1, "2011-12": 0, "2012-01": 0, "2012-02": 1}


# --- The property: every public record is on a bar or in a note, once ---------------------------


@contextmanager
def rolled_back() -> Iterator[None]:
    """One hypothesis example's records, gone before the next example starts."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


SHOWN = {}
HIDDEN = [{"status": Status.DRAFT}, {"visibility": Visibility.RESTRICTED}]
records = st.lists(
    st.tuples(
        st.dates(min_value=date(2010, 11, 1), max_value=date(2013, 2, 28)),
        st.sampled_from(Precision),
        st.sampled_from([SHOWN, SHOWN, *HIDDEN]),
    ),
    max_size=12,
)


def assert_every_public_record_counted_once(chart: charts.BarChart, stored: list) -> None:
    public = [partial for partial, shown in stored if shown is SHOWN]
    in_months = Counter(
        f"{p.value:%Y-%m}" for p in public if p.precision in (Precision.DAY, Precision.MONTH)
    )
    in_years = Counter(p.value.year for p in public if p.precision == Precision.YEAR)
    assert sum(bar.value for bar in chart.bars) + sum(n for _y, n in chart.year_only) == len(public)
    assert {label: n for label, n in bars(chart).items() if n} == dict(in_months)
    assert dict(chart.year_only) == dict(in_years)
    labels = [bar.label for bar in chart.bars]
    assert labels == sorted(labels)
    if labels:  # no month left out between the first and the last
        first, last = date.fromisoformat(f"{labels[0]}-01"), date.fromisoformat(f"{labels[-1]}-01")
        assert len(labels) == (last.year - first.year) * 12 + last.month - first.month + 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hearings=records, detentions=records)
def test_bars_and_year_only_notes_add_up_to_the_public_records(hearings, detentions):
    with rolled_back():
        case = f.CaseFactory()
        person = f.PersonFactory()
        stored_hearings, stored_detentions = [], []
        for day, precision, shown in hearings:
            partial = PartialDate.of(day, precision)
            f.HearingFactory(case=case, held_on=partial.value, held_precision=precision, **shown)
            stored_hearings.append((partial, shown))
        for day, precision, shown in detentions:
            partial = PartialDate.of(day, precision)
            f.DetentionFactory(
                person=person, started_on=partial.value, started_precision=precision, **shown
            )
            stored_detentions.append((partial, shown))
        assert Hearing.objects.count() == len(hearings)
        assert Detention.objects.count() == len(detentions)
        by_slug = {chart.slug: chart for chart in charts.per_month_charts()}
        assert_every_public_record_counted_once(by_slug["hearings-per-month"], stored_hearings)
        assert_every_public_record_counted_once(by_slug["detentions-per-month"], stored_detentions)


# --- Sentences by article: the articles that stand at the sentence -----------------------------
# world: three defendants, each sentenced in their own case on a charge under 164 ("brought").

CRIMINAL = "Criminal Code"


def sentences(client) -> list[tuple[str, int]]:
    return [(bar.label, bar.value) for bar in home_charts(client)["sentences-by-article"].bars]


def charge_of(person):
    return person.charges.get()


def test_a_reclassified_charge_counts_under_its_new_article_only(reader, world):
    old = charge_of(world.person)
    new_article = f.LegalArticleFactory(article="334", slug="criminal-1997-334")
    f.ChargeFactory(
        case=world.case, defendant=world.person, article=new_article, reclassified_from=old
    )
    assert sentences(reader) == [(f"{CRIMINAL}, 164", 2), (f"{CRIMINAL}, 334", 1)]


def test_a_reclassified_step_takes_the_old_article_out_even_without_its_successor(reader, world):
    f.ChargeEventFactory(charge=charge_of(world.person), status=ChargeEvent.Status.RECLASSIFIED)
    assert sentences(reader) == [(f"{CRIMINAL}, 164", 2)]


@pytest.mark.parametrize("status", [ChargeEvent.Status.DROPPED, ChargeEvent.Status.ACQUITTED])
def test_a_dropped_or_acquitted_charge_does_not_count(reader, world, status):
    f.ChargeEventFactory(charge=charge_of(world.person), status=status)
    assert sentences(reader) == [(f"{CRIMINAL}, 164", 2)]


def test_where_a_charge_was_convicted_that_is_the_article(reader, world):
    # Charged under 164 (brought) and 334, convicted under 334 alone.
    other = f.LegalArticleFactory(article="334", slug="criminal-1997-334")
    convicted = f.ChargeFactory(case=world.case, defendant=world.person, article=other)
    f.ChargeEventFactory(charge=convicted, status=ChargeEvent.Status.CONVICTED)
    assert sentences(reader) == [(f"{CRIMINAL}, 164", 2), (f"{CRIMINAL}, 334", 1)]


def test_a_conviction_reclassified_on_appeal_counts_under_the_new_article(reader, world):
    old = charge_of(world.person)
    f.ChargeEventFactory(charge=old, status=ChargeEvent.Status.CONVICTED)
    other = f.LegalArticleFactory(article="334", slug="criminal-1997-334")
    f.ChargeFactory(case=world.case, defendant=world.person, article=other, reclassified_from=old)
    assert sentences(reader) == [(f"{CRIMINAL}, 164", 2), (f"{CRIMINAL}, 334", 1)]


def test_sentences_by_article_is_one_query(world, django_assert_num_queries):
    old = charge_of(world.person)
    other = f.LegalArticleFactory(article="334", slug="criminal-1997-334")
    f.ChargeFactory(case=world.case, defendant=world.person, article=other, reclassified_from=old)
    f.ChargeEventFactory(charge=charge_of(world.people[1]), status=ChargeEvent.Status.DROPPED)
    with django_assert_num_queries(1):
        chart = charts.sentences_by_article()
    assert [(bar.label, bar.value) for bar in chart.bars] == [
        (f"{CRIMINAL}, 164", 1),
        (f"{CRIMINAL}, 334", 1),
    ]


# --- The home page's queries do not grow with the records ---------------------------------------


@pytest.mark.parametrize("rows", [3, 30])
def test_home_query_count_does_not_grow_with_rows(reader, django_assert_num_queries, rows):
    build_world(rows)
    # six totals; detentions per month; hearings per month; sentences by article; people by
    # status; the map; latest hearings (+ case); latest incidents.
    with django_assert_num_queries(13):
        response = reader.get(reverse("home"))
        assert response.status_code == 200


def test_home_lists_the_latest_hearings_and_incidents_by_their_own_date(reader, world):
    # Entered (and so published) after the world's records, but held and begun years earlier.
    f.HearingFactory(case=world.case, held_on=date(2009, 3, 2))
    f.IncidentFactory(title="An old strike", started_on=date(2009, 3, 2))
    f.HearingFactory(case=world.case, held_on=date(2013, 6, 4))
    page = reader.get(reverse("home"))
    held = [hearing.held_on for hearing in page.context["latest_hearings"]]
    begun = [incident.started_on for incident in page.context["latest_incidents"]]
    assert held == sorted(held, reverse=True)
    assert held[0] == date(2013, 6, 4)
    assert held[-1] == date(2009, 3, 2)
    assert begun == sorted(begun, reverse=True)
    assert begun[-1] == date(2009, 3, 2)
