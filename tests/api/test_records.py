"""What the API answers: only public records, never an anonymised person's name, 400 and 404
for bad input, and the same records as the pages."""

import json

import pytest
from django.urls import reverse

from tests import factories as f
from tests.public.conftest import HIDDEN, build_world

pytestmark = pytest.mark.django_db

MARK = "Zzsecret"
LISTS = [
    "person_list",
    "organization_list",
    "case_list",
    "hearing_list",
    "incident_list",
    "source_list",
    "article_list",
    "place_list",
]
DETAILS = {
    "person_detail": "person",
    "organization_detail": "organization",
    "case_detail": "case",
    "hearing_detail": "hearing",
    "incident_detail": "incident",
    "article_detail": "article",
    "place_detail": "place",
}


def test_an_anonymised_persons_real_name_is_never_answered(reader):
    w = build_world(1)
    minor = f.PersonFactory(
        name=f"{MARK} Minor", anonymity="minor", public_label="a 16-year-old", slug="minor-1"
    )
    f.PersonNameFactory(person=minor, name=f"{MARK} Variant")
    minor.native_name = f"{MARK} native"
    minor.save()
    f.ChargeFactory(case=w.case, defendant=minor, article=w.article)
    f.OutcomeFactory(hearing=w.hearing, defendant=minor)
    f.InvolvementFactory(incident=w.incident, person=minor)
    f.CitationFactory(record=minor, source=w.source)
    urls = [reverse(f"api:{name}") for name in LISTS]
    urls += [
        reverse("api:person_detail", args=[minor.slug]),
        reverse("api:case_detail", args=[w.case.slug]),
        reverse("api:hearing_detail", args=[w.hearing.slug]),
        reverse("api:incident_detail", args=[w.incident.slug]),
    ]
    for url in urls:
        body = reader.get(url).content.decode()
        assert MARK.lower() not in body.lower(), url
    person = reader.get(reverse("api:person_detail", args=[minor.slug])).json()
    assert person["name"] == "a 16-year-old"
    assert (person["native_name"], person["name_variants"]) == ("", [])
    assert person["naming"] == "anonymised"


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_hidden_record_is_not_found_nor_listed(reader, hidden):
    person = f.PersonFactory(name=f"{MARK} Person", **hidden)
    case = f.CaseFactory(title=f"{MARK} Case", **hidden)
    assert reader.get(reverse("api:person_detail", args=[person.slug])).status_code == 404
    assert reader.get(reverse("api:case_detail", args=[case.slug])).status_code == 404
    for name in ("person_list", "case_list"):
        assert reader.get(reverse(f"api:{name}")).json()["results"] == []


@pytest.mark.parametrize("name", DETAILS)
def test_an_unknown_record_is_a_json_404(reader, db, name):
    response = reader.get(reverse(f"api:{name}", args=["no-such-record"]))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("person_list", "year=abc"),
        ("person_list", "status=nonsense"),
        ("person_list", "article=no-such-article"),
        ("case_list", "year=abc"),
        ("hearing_list", "court=no-such-court"),
        ("source_list", "kind=nonsense"),
    ],
)
def test_a_bad_filter_is_a_400_with_the_filters_errors(reader, db, name, query):
    response = reader.get(f"{reverse(f'api:{name}')}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "invalid filters"
    assert query.split("=")[0] in body["errors"]


@pytest.mark.parametrize("query", ["cursor=!!!", "cursor=YWJj", "cursor=", "limit=0", "limit=x"])
@pytest.mark.parametrize("name", LISTS)
def test_a_bad_cursor_or_limit_is_a_400(reader, db, name, query):
    response = reader.get(f"{reverse(f'api:{name}')}?{query}")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_the_cursor_walks_every_row_once(reader):
    build_world(3)
    url = f"{reverse('api:person_list')}?limit=2"
    first = reader.get(url).json()
    assert len(first["results"]) == 2
    second = reader.get(first["next"]).json()
    assert second["next"] is None
    slugs = [p["slug"] for p in first["results"] + second["results"]]
    assert sorted(slugs) == ["worker-00", "worker-01", "worker-02"]


def test_filters_match_the_list_page(reader):
    w = build_world(3)
    f.PersonFactory(name="Mentioned only", slug="mentioned")
    for query in ("", "concern=affected", "concern=mentioned", f"article={w.article.slug}"):
        page = reader.get(f"{reverse('people:person_list')}?{query}")
        api = reader.get(f"{reverse('api:person_list')}?{query}").json()
        assert {p.slug for p in page.context["page_obj"]} == {p["slug"] for p in api["results"]}


def test_a_record_says_what_its_page_says(reader):
    w = build_world(1)
    for year, words in [("2011", "in 2011"), ("2011", "that year"), ("2012", "in 2012")]:
        f.CitationFactory(
            record=w.case,
            source=w.source,
            claim_field="opened",
            claim_value={"on": f"{year}-01-01", "precision": "year", "qualifier": ""},
            claim=words,
        )
    case = reader.get(reverse("api:case_detail", args=[w.case.slug])).json()
    assert case["title"] == w.case.title
    assert case["page_url"] == f"http://testserver{w.case.get_absolute_url()}"
    assert case["url"] == f"http://testserver{reverse('api:case_detail', args=[w.case.slug])}"
    assert [d["name"] for d in case["defendants"]] == [w.person.public_name]
    assert case["articles"] == [w.article.slug]
    assert case["disputed"] == ["opened"]
    claims = [(c["claim_value"]["on"], c["claim"]) for c in case["citations"] if c["claim_field"]]
    assert claims == [
        ("2011-01-01", "in 2011"),
        ("2011-01-01", "that year"),
        ("2012-01-01", "in 2012"),
    ]
    assert {c["source"]["key"] for c in case["citations"]} == {w.source.key}
    page = reader.get(w.case.get_absolute_url())
    assert [d.name for d in page.context["case"].defendants.all()] == [w.person.public_name]
    hearing = reader.get(reverse("api:hearing_detail", args=[w.hearing.slug])).json()
    outcome = hearing["outcomes"][0]
    assert outcome["sentence"]["prison_months"] == 60
    assert outcome["certainty"] == "reported"
    incident = reader.get(reverse("api:incident_detail", args=[w.incident.slug])).json()
    assert incident["counts"][0]["count"] == {"min": 0, "max": 0, "approximate": False}
    person = reader.get(reverse("api:person_detail", args=[w.person.slug])).json()
    detention = person["detentions"][0]
    assert detention["started"] == {
        "value": "2011-09-08",
        "precision": "day",
        "qualifier": "",
        "edtf": "2011-09-08",
    }
    assert person["status"]["value"] == page_status(reader, w.person)
    event = person["charges"][0]["events"][0]
    assert (event["occurred"]["value"], event["occurred"]["precision"]) == ("2011-09-01", "month")


def page_status(reader, person) -> str:
    return reader.get(person.get_absolute_url()).context["status"].status


def test_the_schema_documents_every_path(reader, db):
    response = reader.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for name in LISTS:
        assert reverse(f"api:{name}") in paths
    for name in [*DETAILS, "source_detail"]:
        assert any(path.startswith(reverse(f"api:{name}", args=["x"])[:-2]) for path in paths)
    people = schema["paths"][reverse("api:person_list")]["get"]
    assert {"concern", "article", "held_on"} <= {p["name"] for p in people["parameters"]}
