"""Detail pages: their query budgets, timelines in date order, footnotes and disagreements."""

from datetime import date

import pytest
from django.urls import reverse

from casetracker.publication import Status
from tests import factories as f
from tests.public.conftest import build_world

pytestmark = pytest.mark.django_db

# Each page's budget, whatever the number of related rows it lists:
DETAIL_QUERIES = {
    # person (one query, then prefetches): names, roles, affiliations (+ organisation) and their
    # citations, designations (+ organisation) and citations, the person's citations,
    # detentions and citations, outcomes (+ hearing, case, court, sentence) and the citations
    # of outcomes, of their hearings and of their sentences, charges (+ article, case) and
    # citations, charge events and citations, involvements (+ incident, place) and the
    # citations of involvements and of incidents, a group's named members and the groups the
    # person is in; then the hearings of their cases and the hearings' citations.
    "person": 25,
    # case; its citations, defendants, charges (+ article, defendant) and citations, charge events
    # and citations, hearings (+ court) and citations, outcomes (+ sentence, defendant), their
    # citations, the sentences' citations and the defendants' detentions, the case's detentions
    # and citations, incidents and citations.
    "case": 16,
    # hearing (+ case, court); citations, concerns, panel (+ judge), outcomes, their citations,
    # their sentences' citations, detentions
    "hearing": 8,
    # incident (+ place); citations, counts and their citations, involvements (+ person,
    # organisation) and citations, cases
    "incident": 7,
    # article; its citations; charges (+ defendant, case), their events, their citations;
    # corresponding articles of other versions (+ both articles)
    "article": 6,
    # source; its citations (+ content type); then one query per kind of record cited (9 here,
    # the incidents' counts with their incident among them)
    "source": 11,
    # place; citations, incidents, detentions (+ person), organisations
    "place": 5,
    # organisation (+ place, parent); citations, members (+ person) and their citations,
    # subsidiaries, designations made (+ person)
    "organization": 6,
}


def page_of(world, kind: str) -> str:
    return getattr(world, kind).get_absolute_url()


def add_many(world, rows: int) -> None:
    """Give the first person, their case and the place ``rows`` of each related record."""
    person, case = world.person, world.case
    for index in range(rows):
        detention = f.DetentionFactory(
            person=person, case=case, place=world.place, started_on=date(2010, 1, 1 + index % 28)
        )
        f.CitationFactory(record=detention, source=world.source)
        hearing = f.HearingFactory(case=case, court=world.court, held_on=date(2013, 1, 1))
        f.HearingJudgeFactory(hearing=world.hearing, presiding=index == 0)
        outcome = f.OutcomeFactory(hearing=hearing, defendant=person)
        f.CitationFactory(record=outcome, source=world.source)
        f.AffiliationFactory(person=person, organization=world.organization)
        incident = f.IncidentFactory(place=world.place)
        f.InvolvementFactory(incident=incident, person=person)
        f.GroupFactory().members.add(person)
        f.ChargeFactory(
            case=case,
            defendant=person,
            article=f.LegalArticleFactory(article=f"9{index:02d}", slug=f"a-9{index:02d}"),
        )


@pytest.mark.parametrize(("kind", "queries"), DETAIL_QUERIES.items())
@pytest.mark.parametrize("rows", [3, 30])
def test_detail_query_count_does_not_grow(reader, django_assert_num_queries, kind, queries, rows):
    world = build_world(3)
    add_many(world, rows)
    url = page_of(world, kind)
    reader.get(url)  # content types are cached once per process, as in production
    with django_assert_num_queries(queries):
        response = reader.get(url)
        assert response.status_code == 200


def test_the_person_timeline_merges_records_in_date_order(reader, world):
    response = reader.get(world.person.get_absolute_url())
    kinds = [entry.kind for entry in response.context["timeline"]]
    # Charge brought "September 2011" (sorted by its first possible day), detention
    # 8 September 2011, protest 16 December 2011, first-instance hearing 4 June 2012.
    assert kinds == ["charge", "detention", "incident", "hearing"]
    body = response.content.decode()
    assert "September 2011" in body
    assert "1 September 2011" not in body, "a month-precise date must not gain a day"


def test_the_timeline_shows_sentence_and_expected_release(reader, world):
    response = reader.get(world.person.get_absolute_url())
    hearing = next(e for e in response.context["timeline"] if e.kind == "hearing")
    assert hearing.details == [
        "convicted",
        "5 years in prison",
        "expected release: 8 September 2016",
    ]


def test_every_fact_has_a_footnote_to_a_public_source(reader, world):
    hidden = f.SourceDocumentFactory(status=Status.DRAFT, title="Unpublished memo")
    f.CitationFactory(record=world.person, source=hidden)
    response = reader.get(world.person.get_absolute_url())
    notes = response.context["footnotes"]
    assert {note.source for note in notes} == {world.source}
    for entry in response.context["timeline"]:
        assert entry.refs, entry
    body = response.content.decode()
    assert 'href="#fn-1"' in body
    assert f'href="{world.source.get_absolute_url()}"' in body
    assert "Unpublished memo" not in body


def test_incident_counts_are_shown_as_bounds(reader, world):
    incident = world.incident
    incident.counts.filter(kind="killed").update(minimum=14, maximum=17)
    f.IncidentCountFactory(incident=incident, kind="injured", minimum=64, maximum=None)
    f.IncidentCountFactory(
        incident=incident, kind="participants", minimum=30, maximum=30, approximate=True
    )
    f.IncidentCountFactory(incident=incident, kind="detained", minimum=None, maximum=5000)
    dismissed = f.IncidentCountFactory(
        incident=incident, kind="dismissed", minimum=2500, note="more than"
    )
    f.CitationFactory(record=dismissed, source=world.source, summary="Over 2,500 sacked.")
    f.IncidentCountFactory(incident=incident, kind="other", minimum=3, maximum=3, note="expelled")
    response = reader.get(incident.get_absolute_url())
    shown = [
        (str(count.get_kind_display()), str(count.bounds))
        for count, _refs, _disagreements in response.context["counts"]
    ]
    # In the order of the kinds, whatever order they were entered in.
    assert shown == [
        ("participants", "about 30"),
        ("detained", "up to 5,000"),
        ("injured", "at least 64"),
        ("killed", "14–17"),
        ("dismissed", "at least 2,500"),
        ("other", "3"),
    ]
    body = response.content.decode()
    assert "<dd>at least 2,500 (more than)" in body
    assert "<dt>Expelled</dt><dd>3" in body
    assert "Over 2,500 sacked." in body  # the count's own footnote


def test_a_merged_persons_old_address_redirects_permanently(reader, world):
    f.PersonRedirectFactory(old_slug="k-sisenbaev", person=world.person)
    response = reader.get(reverse("people:person_detail", args=["k-sisenbaev"]))
    assert response.status_code == 301
    assert response["Location"] == world.person.get_absolute_url()


def test_the_source_page_lists_what_it_supports(reader, world):
    response = reader.get(world.source.get_absolute_url())
    labels = [item.label for item in response.context["supported"]]
    assert "Kuanysh Sisenbaev" in labels
    assert "Detention: Kuanysh Sisenbaev" in labels
    assert "Charge event: Kuanysh Sisenbaev" in labels
    assert "Incident count: Protest 01: killed: 1" in labels
    count = next(i for i in response.context["supported"] if i.label.startswith("Incident count"))
    assert count.url == world.incident.get_absolute_url() + "#counts"


def test_the_article_page_lists_everyone_charged(reader, world):
    response = reader.get(world.article.get_absolute_url())
    names = [charge.defendant.public_name for charge, _refs in response.context["charges"]]
    assert names == ["Kuanysh Sisenbaev", "Natalia Azhigalieva", "Roza Tuletaeva"]


def test_the_article_page_cites_what_the_sources_say_of_the_article(reader, world):
    # KIBHR §3 ¶16 names ICCPR article 21 among the rights engaged: a fact about the article.
    article = f.LegalArticleFactory()
    f.CitationFactory(record=article, source=world.source, locator="§3 ¶16", summary="Engaged.")
    hidden = f.SourceDocumentFactory(title="Zzhidden draft", status=Status.DRAFT)
    f.CitationFactory(record=article, source=hidden, locator="¶1")
    response = reader.get(article.get_absolute_url())
    page = response.content.decode()
    assert [citation.locator for citation in response.context["footnotes"]] == ["§3 ¶16"]
    assert "§3 ¶16" in page
    assert "Zzhidden" not in page


@pytest.mark.parametrize(
    "kind", ["person", "case", "hearing", "incident", "article", "source", "place", "organization"]
)
def test_pages_stay_small(reader, db, kind):
    world = build_world(30)
    add_many(world, 10)
    response = reader.get(page_of(world, kind))
    assert len(response.content) < 100_000


def test_an_incident_of_one_day_names_its_day_once(reader, world):
    incident = f.IncidentFactory(
        title="Shooting in the square", started_on=date(2011, 12, 16), ended_on=date(2011, 12, 16)
    )
    detail = reader.get(incident.get_absolute_url()).content.decode()
    listed = reader.get(reverse("events:incident_list")).content.decode()
    for page in (detail, listed):
        assert "16 December 2011" in page
        assert "16 December 2011 – 16 December 2011" not in page
