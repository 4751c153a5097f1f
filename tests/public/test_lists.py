"""The public lists: counts, filters, validation, sorting, pagination and their query budgets."""

import re
from datetime import date

import pytest
from django.urls import reverse

from cases.models import Hearing, Outcome, Sentence
from casetracker.publication import Status
from people.models import Designation, Person
from tests import factories as f
from tests.public.conftest import build_world

pytestmark = pytest.mark.django_db

# Each list's budget, whatever the number of rows on the page:
LIST_QUERIES = {
    # count, affected and mentioned, page of people, roles, person citations, detentions, their
    # citations, outcomes (+ hearing, case, sentence), their citations; then the filter form's
    # choices: roles, organisations, legal articles, places.
    "people:person_list": 13,
    # count, page (+ place)
    "people:organization_list": 2,
    # count, page, defendants, charges (+ article); form choices: articles, courts
    "cases:case_list": 6,
    # count, page (+ place), counts; form choices: places
    "events:incident_list": 4,
    # count, page (+ case, court), panel (+ judge), outcomes (+ defendant); form choices: courts
    "cases:hearing_list": 5,
    # count, page
    "casetracker:source_list": 2,
}


@pytest.mark.parametrize(("name", "queries"), LIST_QUERIES.items())
@pytest.mark.parametrize("rows", [3, 30])
def test_list_query_count_does_not_grow_with_rows(
    reader, django_assert_num_queries, name, queries, rows
):
    build_world(rows)
    with django_assert_num_queries(queries):
        response = reader.get(reverse(name))
        assert response.status_code == 200
        assert response.context["count"] >= 1


def test_people_list_says_what_it_counts(reader, world):
    response = reader.get(reverse("people:person_list"))
    assert "3 people" in response.content.decode()
    f.PersonFactory(status=Status.DRAFT)
    response = reader.get(reverse("people:person_list"), {"name": "Azhigalieva"})
    assert "1 person" in response.content.decode()


def names(response) -> set[str]:
    return {row.person.public_name for row in response.context["rows"]}


def test_active_filters_are_listed_with_a_link_that_removes_them(reader, world):
    response = reader.get(
        reverse("people:person_list"), {"article": world.article.slug, "year": "2011"}
    )
    active = {a.label: a for a in response.context["active_filters"]}
    assert set(active) == {"Charged under", "Detained in (year)"}
    assert active["Detained in (year)"].remove_query == f"article={world.article.slug}"
    assert str(world.article) in response.content.decode()


@pytest.mark.parametrize("url", ["cases:hearing_list", "events:incident_list"])
def test_a_list_opened_without_filters_lists_none_as_active(reader, world, url):
    response = reader.get(reverse(url))
    assert response.context["active_filters"] == []
    assert 'class="active-filters"' not in response.content.decode()


def test_a_ticked_box_is_an_active_filter_and_an_unticked_one_is_not(reader, world):
    ticked = reader.get(reverse("cases:hearing_list"), {"no_lawyer": "on"})
    assert [a.label for a in ticked.context["active_filters"]] == ["No defence lawyer present"]
    unticked = reader.get(reverse("cases:hearing_list"), {"court": world.court.slug})
    assert [a.label for a in unticked.context["active_filters"]] == ["Court"]


@pytest.mark.parametrize(
    ("url", "legend", "names"),
    [
        ("cases:hearing_list", "Held between", ("held_after", "held_before")),
        ("events:incident_list", "Between", ("started_after", "started_before")),
    ],
)
def test_each_input_of_a_date_range_has_its_own_name(reader, world, url, legend, names):
    page = reader.get(reverse(url)).content.decode()
    assert f"<legend>{legend}</legend>" in page
    assert 'for=""' not in page
    for name, accessible in zip(names, ("from", "until"), strict=True):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
        assert tag, name
        assert f'aria-label="{accessible}"' in tag.group()


def person_filter_cases():
    """(query, who must be listed): one per filter of the people list."""
    return [
        ("name", lambda w: {"name": "ажигалиева"}, {"Natalia Azhigalieva"}),
        ("name-latin", lambda w: {"name": "tuletaeva"}, {"Roza Tuletaeva"}),
        ("role", lambda w: {"role": w.role.slug}, {"Kuanysh Sisenbaev"}),
        ("organisation", lambda w: {"organisation": w.union.slug}, {"Natalia Azhigalieva"}),
        ("article", lambda w: {"article": w.other_article.slug}, {"Roza Tuletaeva"}),
        ("place", lambda w: {"place": w.other_place.slug}, {"Natalia Azhigalieva"}),
        ("year", lambda w: {"year": "2012"}, {"Roza Tuletaeva"}),
        (
            "held-on",
            lambda w: {"held_on": "2012-01-10"},
            {"Kuanysh Sisenbaev", "Natalia Azhigalieva", "Roza Tuletaeva"},
        ),
        (
            "held-on-month-end",
            lambda w: {"held_on": "2012-03-20"},
            {"Kuanysh Sisenbaev", "Roza Tuletaeva"},
        ),
        ("designation", lambda w: {"designation": "political_prisoner"}, {"Kuanysh Sisenbaev"}),
        ("status-released", lambda w: {"status": "released"}, {"Natalia Azhigalieva"}),
        ("status-in-custody", lambda w: {"status": "in_custody"}, {"Kuanysh Sisenbaev"}),
        ("status-non-custodial", lambda w: {"status": "non_custodial"}, {"Roza Tuletaeva"}),
    ]


@pytest.fixture
def varied(world):
    """Three workers who differ in each filtered attribute."""
    w0, w1, w2 = world.people
    world.role = f.RoleFactory(slug="union-leader", name="trade union leader")
    w0.roles.add(world.role)
    world.union = f.OrganizationFactory(slug="union", kind="trade_union")
    f.AffiliationFactory(person=w1, organization=world.union)
    world.other_article = f.LegalArticleFactory(article="334", slug="criminal-1997-334")
    f.ChargeFactory(case=w2.cases.get(), defendant=w2, article=world.other_article)
    world.other_place = f.PlaceFactory(slug="aktau", name="Aktau")
    w1.detentions.update(place=world.other_place, ended_on=date(2012, 2, 1))
    # A second episode for w2, known only to the month: held up to the end of March 2012.
    f.DetentionFactory(
        person=w2,
        started_on=date(2012, 3, 1),
        started_precision="month",
        ended_on=date(2012, 3, 1),
        ended_precision="month",
    )
    w2.detentions.filter(started_on__year=2011).update(ended_on=date(2012, 2, 20))
    w0.detentions.filter(started_on__year=2011).update(started_on=date(2011, 12, 17))
    f.DesignationFactory(person=w0, kind=Designation.Kind.POLITICAL_PRISONER)
    # w0 serves a 25-year term; w1 was released with no conviction; w2 was released, then
    # given a suspended term.
    Sentence.objects.filter(outcome__defendant=w0).update(prison_months=300)
    Outcome.objects.filter(defendant=w1).delete()
    Sentence.objects.filter(outcome__defendant=w2).update(prison_months=None, suspended_months=36)
    return world


@pytest.mark.parametrize(
    ("query", "expected"),
    [pytest.param(build, expected, id=name) for name, build, expected in person_filter_cases()],
)
def test_each_people_filter_narrows(reader, varied, query, expected):
    response = reader.get(reverse("people:person_list"), query(varied))
    assert response.status_code == 200, response.context["filter"].form.errors
    assert names(response) == expected


def test_year_filter_counts_only_public_detentions(reader, world):
    hidden = f.DetentionFactory(person=world.people[1], started_on=date(2015, 1, 1))
    hidden.status = Status.DRAFT
    hidden.save()
    response = reader.get(reverse("people:person_list"), {"year": "2015"})
    assert names(response) == set()


@pytest.mark.parametrize("spelling", ["Sisenbaev", "Сисенбаев", "Sisenbayev", "sisenbaev kuanysh"])
def test_name_box_uses_the_shared_name_matching(reader, world, spelling):
    """Any script, a typo, words in any order: what casetracker.name_search matches."""
    response = reader.get(reverse("people:person_list"), {"name": spelling})
    assert [row.person.name for row in response.context["rows"]] == ["Kuanysh Sisenbaev"]


def test_an_anonymised_person_is_never_found_by_their_real_name(reader, world):
    f.PersonFactory(
        name="Secret Realname",
        slug="witness-a",
        anonymity=Person.Anonymity.MINOR,
        public_label="a 16-year-old",
    )
    response = reader.get(reverse("people:person_list"), {"name": "Realname"})
    assert names(response) == set()
    response = reader.get(reverse("people:person_list"), {"name": "16-year"})
    assert names(response) == {"a 16-year-old"}
    assert "Realname" not in reader.get(reverse("people:person_list")).content.decode()


def test_people_sort_by_the_name_shown(reader, world):
    f.PersonFactory(
        name="Aaron Hidden", anonymity=Person.Anonymity.ON_REQUEST, public_label="z witness"
    )
    response = reader.get(reverse("people:person_list"), {"sort": "-name"})
    shown = [row.person.public_name for row in response.context["rows"]]
    assert shown == ["z witness", "Roza Tuletaeva", "Natalia Azhigalieva", "Kuanysh Sisenbaev"]


@pytest.mark.parametrize(
    ("name", "query", "count"),
    [
        ("cases:case_list", lambda w: {"kind": "criminal"}, 3),
        ("cases:case_list", lambda w: {"kind": "administrative"}, 0),
        ("cases:case_list", lambda w: {"article": w.article.slug}, 3),
        ("cases:case_list", lambda w: {"court": w.court.slug}, 3),
        ("cases:case_list", lambda w: {"outcome": "convicted"}, 3),
        ("cases:case_list", lambda w: {"outcome": "acquitted"}, 0),
        ("cases:case_list", lambda w: {"year": "2011"}, 0),
        ("cases:hearing_list", lambda w: {"held_after": "2012-06-04"}, 3),
        ("cases:hearing_list", lambda w: {"held_before": "2012-06-03"}, 0),
        ("cases:hearing_list", lambda w: {"court": w.court.slug}, 3),
        ("cases:hearing_list", lambda w: {"instance": "appeal"}, 1),
        ("cases:hearing_list", lambda w: {"outcome": "upheld"}, 1),
        ("cases:hearing_list", lambda w: {"closed": "true"}, 1),
        ("cases:hearing_list", lambda w: {"closed": "false"}, 0),
        ("cases:hearing_list", lambda w: {"no_lawyer": "on"}, 1),
        ("events:incident_list", lambda w: {"kind": "protest"}, 3),
        ("events:incident_list", lambda w: {"place": w.place.slug}, 3),
        ("events:incident_list", lambda w: {"deaths": "with"}, 1),
        ("events:incident_list", lambda w: {"deaths": "without"}, 2),
        ("events:incident_list", lambda w: {"started_after": "2012-01-01"}, 0),
        ("casetracker:source_list", lambda w: {"publisher": "rights"}, 1),
        ("casetracker:source_list", lambda w: {"year": "2012"}, 0),
        ("people:organization_list", lambda w: {"kind": "court"}, 1),
        ("people:organization_list", lambda w: {"name": "ozenmun"}, 1),
    ],
)
def test_each_other_filter_narrows(reader, world, name, query, count):
    appeal = f.HearingFactory(
        case=world.case,
        court=world.court,
        instance=Hearing.Instance.APPEAL,
        held_on=date(2012, 9, 1),
        closed_to_public=True,
        lawyer_present=False,
    )
    f.OutcomeFactory(hearing=appeal, defendant=world.person, verdict=Outcome.Verdict.UPHELD)
    response = reader.get(reverse(name), query(world))
    assert response.status_code == 200, response.context["filter"].form.errors
    expected = count + 1 if name == "cases:hearing_list" and count == 3 else count
    assert response.context["count"] == expected


BAD_VALUES = [
    ("people:person_list", {"held_on": "2012-13-45"}),
    ("people:person_list", {"held_on": "yesterday"}),
    ("people:person_list", {"year": "abc"}),
    ("people:person_list", {"year": "99999999999999999999"}),
    ("people:person_list", {"status": "dead"}),
    ("people:person_list", {"article": "no-such-article"}),
    ("people:person_list", {"role": "x" * 500}),
    ("people:person_list", {"organisation": "nope"}),
    ("people:person_list", {"place": "nowhere"}),
    ("people:person_list", {"designation": "saint"}),
    ("people:person_list", {"sort": "password"}),
    ("people:person_list", {"name": "x" * 500}),
    ("cases:case_list", {"kind": "weird"}),
    ("cases:case_list", {"year": "-5"}),
    ("cases:case_list", {"court": "nope"}),
    ("cases:case_list", {"outcome": "pardoned"}),
    ("cases:hearing_list", {"held_after": "not-a-date"}),
    ("cases:hearing_list", {"closed": "maybe"}),
    ("cases:hearing_list", {"instance": "supreme"}),
    ("events:incident_list", {"deaths": "many"}),
    ("events:incident_list", {"started_before": "2012-02-30"}),
    ("casetracker:source_list", {"year": "1.5"}),
    ("people:organization_list", {"kind": "club"}),
]


@pytest.mark.parametrize(("name", "params"), BAD_VALUES)
def test_a_bad_filter_value_shows_the_error_and_no_rows(reader, world, name, params):
    response = reader.get(reverse(name), params)
    assert response.status_code == 400
    assert response.context["filter"].form.errors
    assert response.context["count"] == 0
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("page", ["2", "0", "-1", "abc", "99999999999999999999999"])
def test_a_page_out_of_range_is_not_found(reader, world, page):
    assert reader.get(reverse("people:person_list"), {"page": page}).status_code == 404


def test_pages_keep_the_filters(reader, db):
    build_world(30)
    response = reader.get(reverse("people:person_list"), {"year": "2011"})
    body = response.content.decode()
    assert "year=2011&amp;page=2" in body
    second = reader.get(reverse("people:person_list"), {"year": "2011", "page": "2"})
    assert len(second.context["rows"]) == 5


def test_a_person_the_source_does_not_name_is_described_not_named(reader, world):
    unnamed = f.PersonFactory(
        name="", anonymity=Person.Anonymity.UNNAMED, public_label="a driver from Zhanaozen"
    )
    assert unnamed.slug.startswith("anon-")
    page = reader.get(reverse("people:person_list")).content.decode()
    assert 'a driver from Zhanaozen</a> <span class="note">(not named in the source)</span>' in page
    detail = reader.get(unnamed.get_absolute_url()).content.decode()
    assert "<h1>a driver from Zhanaozen" in detail
    assert "The sources do not name this person" in detail
    export = b"".join(
        reader.get(reverse("people:person_export", args=["csv"])).streaming_content
    ).decode()
    row = next(line for line in export.splitlines() if "a driver from Zhanaozen" in line)
    assert row.startswith("a driver from Zhanaozen,,not_named_in_source,")


def test_an_applied_form_keeps_only_the_filters_set_in_the_address(reader, world):
    response = reader.get(
        reverse("people:person_list"), {"name": "", "year": "2011", "article": "", "page": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('people:person_list')}?year=2011"
    emptied = reader.get(reverse("cases:hearing_list"), {"court": "", "instance": ""})
    assert emptied["Location"] == reverse("cases:hearing_list")


@pytest.mark.parametrize("sort", [None, "opened", "-opened"])
def test_cases_with_no_opening_date_come_last_in_either_order(reader, world, sort):
    for day in (date(2011, 5, 1), date(2012, 1, 9)):
        f.CaseFactory(title=f"Opened {day}", opened_on=day)
    f.CaseFactory(title="Opened on a day no source gives", opened_on=None)
    params = {"sort": sort} if sort else {}
    rows = list(reader.get(reverse("cases:case_list"), params).context["rows"])
    dated = [case.opened_on for case in rows if case.opened_on]
    assert rows[-1].opened_on is None
    assert dated == sorted(dated, reverse=sort == "-opened")
    assert "date not known" in reader.get(reverse("cases:case_list")).content.decode()
