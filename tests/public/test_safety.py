"""Nothing unpublished or restricted reaches a public page, list, count, chart, export or feed."""

import json
import re
from datetime import date

import pytest
from django.urls import URLResolver, get_resolver, resolve, reverse

from casetracker.site.sitemaps import sitemaps
from tests import factories as f
from tests.public.conftest import HIDDEN, build_world

pytestmark = pytest.mark.django_db

MARK = "Zzhidden"


def walk(patterns=None, namespace: str = ""):
    """(name, converters) of every URL pattern, from the resolver itself."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner)
        else:
            yield f"{namespace}{pattern.name}", sorted(pattern.pattern.converters)


# Patterns that are no public page of records, each with its reason. Anything else the resolver
# knows is walked below: a new URL pattern fails these tests until it is covered or listed here.
NOT_RECORD_PAGES = {
    "livez": "answers 'ok', reads nothing",
    "healthz": "answers whether the database works, reads no record",
    "set_language": "a POST that sets a cookie and redirects",
    "two_factor": "staff only: readers are sent to the admin login",
    "cases:hearing_by_number": "a redirect to a public hearing's page (test_old_hearing_address)",
    "api:api-root": "django-ninja's root: a 404 that names the docs' address",
}
# The record behind each detail pattern, as named in World and in hide_everything().
RECORD_OF = {
    "people:person_detail": "person",
    "people:organization_detail": "organization",
    "cases:case_detail": "case",
    "cases:hearing_detail": "hearing",
    "cases:article_detail": "article",
    "events:incident_detail": "incident",
    "casetracker:source_detail": "source",
    "casetracker:place_detail": "place",
}
# The API's detail patterns: the record, and its attribute the address holds.
API_RECORD_OF = {
    "api:person_detail": ("person", "slug"),
    "api:organization_detail": ("organization", "slug"),
    "api:case_detail": ("case", "slug"),
    "api:hearing_detail": ("hearing", "slug"),
    "api:article_detail": ("article", "slug"),
    "api:incident_detail": ("incident", "slug"),
    "api:source_detail": ("source", "key"),
    "api:place_detail": ("place", "slug"),
}
RECORD_OF.update({name: kind for name, (kind, _key) in API_RECORD_OF.items()})
# Records without a workflow: reference data (the code's articles, places), always public.
ALWAYS_PUBLIC = {"article", "place"}
PUBLIC_PATTERNS = [
    (name, converters)
    for name, converters in walk()
    if not name.startswith("admin:") and name not in NOT_RECORD_PAGES
]


def entries_of(name: str, converters: list[str]) -> list:
    if not converters:
        return [name]
    if converters == ["fmt"]:
        return [(name, fmt) for fmt in ("csv", "json")]
    if converters == ["section"]:
        return [(name, section) for section in sitemaps()]
    if name in API_RECORD_OF:
        return [(name, API_RECORD_OF[name][0])]
    return [RECORD_OF[name]]


def address_of(name: str, record) -> str:
    """The address of ``record`` under the detail pattern ``name``: its page or its API."""
    if name in API_RECORD_OF:
        return reverse(name, args=[getattr(record, API_RECORD_OF[name][1])])
    return record.get_absolute_url()


PUBLIC_URLS = [
    # A court is an organisation with its own page; the detail pattern walked twice.
    "court",
    *(entry for name, converters in PUBLIC_PATTERNS for entry in entries_of(name, converters)),
]


def test_every_public_url_pattern_is_walked():
    """A new pattern with arguments needs a record here; one without is walked as it is."""
    assert {"search", "casetracker:feed", "cases:hearing_export"} <= {n for n, _ in PUBLIC_PATTERNS}
    for name, converters in PUBLIC_PATTERNS:
        if converters and converters not in (["fmt"], ["section"]):
            assert name in RECORD_OF, f"{name}: which record does it show? Add it to RECORD_OF."


# Public rows of each list in build_world(3) once hide_everything has run: three of each, the
# NGOs that designated people, and one public hearing before a court that is itself hidden.
PUBLIC_ROWS = {
    "people:person_list": 3,
    "people:organization_list": 5,
    "cases:case_list": 3,
    "cases:hearing_list": 4,
    "events:incident_list": 3,
    "casetracker:source_list": 1,
}
PUBLIC_ROWS.update({f"api:{name.split(':')[1]}": n for name, n in PUBLIC_ROWS.items()})
PUBLIC_ROWS.update({name.replace("_list", "_export"): n for name, n in PUBLIC_ROWS.items()})


def hide_everything(hidden: dict, w) -> dict:
    """One hidden record of each kind, each tied to public records and carrying MARK."""
    person = f.PersonFactory(name=f"{MARK} Person", slug="hidden-person", **hidden)
    f.PersonNameFactory(person=person, name=f"{MARK} Variant")
    f.ChargeFactory(case=w.case, defendant=person, article=w.article)
    f.DetentionFactory(person=person, place=w.place, facility=f"{MARK} jail 1")
    f.OutcomeFactory(hearing=w.hearing, defendant=person)
    # A hidden judge presiding a public hearing: the hearing is shown, the judge never.
    f.HearingJudgeFactory(hearing=w.hearing, judge=person, presiding=True)
    f.InvolvementFactory(incident=w.incident, person=person, note=f"{MARK} involvement")
    f.AffiliationFactory(person=person, organization=w.organization, role=f"{MARK} role")
    f.DesignationFactory(person=person, designated_by=w.organization)
    case = f.CaseFactory(title=f"{MARK} Case", slug="hidden-case", **hidden)
    f.ChargeFactory(case=case, defendant=w.person, article=w.article)
    f.HearingFactory(case=case, court=w.court, summary=MARK)
    hearing = f.HearingFactory(case=w.case, court=w.court, summary=f"{MARK} hearing", **hidden)
    f.OutcomeFactory(hearing=hearing, defendant=w.person, note=f"{MARK} outcome")
    incident = f.IncidentFactory(
        title=f"{MARK} Incident", slug="hidden-incident", place=w.place, **hidden
    )
    f.InvolvementFactory(incident=incident, person=w.person)
    # The hidden incident's counts and their citations of a public source: public only with it.
    hidden_count = f.IncidentCountFactory(incident=incident, kind="other", note=f"{MARK} count")
    f.CitationFactory(record=hidden_count, source=w.source, summary=f"{MARK} count citation")
    w.incident.cases.add(case)
    source = f.SourceDocumentFactory(title=f"{MARK} Source", key="hidden-source", **hidden)
    f.CitationFactory(record=w.person, source=source, summary=f"{MARK} citation")
    organization = f.OrganizationFactory(name=f"{MARK} Org", slug="hidden-org", **hidden)
    f.AffiliationFactory(person=w.person, organization=organization)
    court = f.CourtFactory(name=f"{MARK} Court", slug="hidden-court", **hidden)
    f.HearingFactory(case=w.case, court=court, held_on=date(2012, 8, 1))
    f.DetentionFactory(
        person=w.person,
        place=w.place,
        facility=f"{MARK} jail 2",
        started_on=date(2013, 1, 1),
        **hidden,
    )
    return {
        "person": person,
        "case": case,
        "hearing": hearing,
        "incident": incident,
        "source": source,
        "organization": organization,
    }


def url_of(entry, w) -> str:
    if isinstance(entry, tuple) and entry[0] in API_RECORD_OF:
        return address_of(entry[0], getattr(w, entry[1]))
    if isinstance(entry, tuple):
        return reverse(entry[0], args=[entry[1]])
    record = getattr(w, entry, None)
    if record is not None:
        return record.get_absolute_url()
    if entry == "search":
        return f"{reverse(entry)}?q={MARK}"
    return reverse(entry)


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("entry", PUBLIC_URLS, ids=str)
def test_hidden_records_never_appear_nor_count(reader, hidden, entry):
    w = build_world(3)
    records = hide_everything(hidden, w)
    response = reader.get(url_of(entry, w))
    assert response.status_code == 200
    body = body_of(response)
    # Addresses carry no MARK: the sitemaps (and every page) must not hold a hidden one.
    for record in records.values():
        assert f"{record.get_absolute_url()}<" not in body
        assert f'{record.get_absolute_url()}"' not in body
    if entry == "search":
        # The page repeats the query; what it found is what must be empty.
        assert not any(group.hits for group in response.context["groups"])
        # Drop the echoes of the bare query; a hidden record's name ("Zzhidden Person") stays.
        body = re.sub(rf"{MARK}(?! \w)", "", body, flags=re.IGNORECASE)
    assert MARK.lower() not in body.lower()
    name = entry[0] if isinstance(entry, tuple) else entry
    if name in PUBLIC_ROWS:
        if name.startswith("api:"):
            assert len(response.json()["results"]) == PUBLIC_ROWS[name], "a hidden record listed"
        elif response.streaming:
            rows = json.loads(body) if entry[1] == "json" else body.strip().splitlines()[1:]
            assert len(rows) == PUBLIC_ROWS[name], "a hidden record was exported"
        else:
            assert response.context["count"] == PUBLIC_ROWS[name], "a hidden record was counted"
    if entry == "home":
        totals = response.context["totals"]
        assert sum(response.context["people_concern"].values()) == 3
        assert (totals["cases"], totals["incidents"]) == (3, 3)
        assert (totals["hearings"], totals["detentions"], totals["sources"]) == (4, 3, 1)
        by_status = next(c for c in response.context["charts"] if c.slug == "people-by-status")
        assert sum(bar.value for bar in by_status.bars) == 3


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(
    "name", [name for name, converters in PUBLIC_PATTERNS if name in RECORD_OF], ids=str
)
def test_a_hidden_records_page_is_not_found(reader, hidden, name):
    """Every detail pattern of the resolver: guessing a hidden record's address answers 404."""
    w = build_world(1)
    records = hide_everything(hidden, w)
    kind = RECORD_OF[name]
    if kind in ALWAYS_PUBLIC:
        assert not hasattr(getattr(w, kind), "status"), f"{kind} has a workflow now: hide one"
        return
    url = address_of(name, records[kind])
    assert resolve(url).view_name == name
    assert reader.get(url).status_code == 404


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_redirect_to_a_hidden_person_is_not_followed(reader, hidden):
    person = f.PersonFactory(**hidden)
    f.PersonRedirectFactory(old_slug="old-name", person=person)
    assert reader.get(reverse("people:person_detail", args=["old-name"])).status_code == 404


def test_an_old_hearing_address_leads_to_its_page(reader, db):
    hearing = f.HearingFactory()
    response = reader.get(reverse("cases:hearing_by_number", args=[hearing.pk]))
    assert response.status_code == 301
    assert response["Location"] == hearing.get_absolute_url()
    assert reader.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("hidden", HIDDEN)
def test_an_old_hearing_address_of_a_hidden_hearing_is_not_found(reader, db, hidden):
    """The redirect would hand out the hidden hearing's new address: it answers 404 instead."""
    for hearing in (f.HearingFactory(**hidden), f.HearingFactory(case=f.CaseFactory(**hidden))):
        response = reader.get(reverse("cases:hearing_by_number", args=[hearing.pk]))
        assert response.status_code == 404
        assert hearing.slug not in response.content.decode()


@pytest.mark.parametrize("slug", ["no-such-person", "x" * 190])
def test_unknown_slugs_are_not_found(reader, db, slug):
    for name in ("people:person_detail", "cases:case_detail", "events:incident_detail"):
        assert reader.get(reverse(name, args=[slug])).status_code == 404
    assert reader.get(reverse("cases:hearing_by_number", args=[999999])).status_code == 404
    assert reader.get(reverse("cases:hearing_detail", args=[slug])).status_code == 404


def test_anonymised_people_are_never_named(reader, db):
    w = build_world(1)
    minor = f.PersonFactory(
        name=f"{MARK} Minor", anonymity="minor", public_label="a 16-year-old", slug="minor-1"
    )
    f.PersonNameFactory(person=minor, name=f"{MARK} Minorvariant")
    minor.native_name = f"{MARK} native"
    minor.save()
    f.ChargeFactory(case=w.case, defendant=minor, article=w.article)
    f.OutcomeFactory(hearing=w.hearing, defendant=minor)
    f.InvolvementFactory(incident=w.incident, person=minor)
    f.CitationFactory(record=minor, source=w.source)
    for url in [
        minor.get_absolute_url(),
        w.case.get_absolute_url(),
        w.hearing.get_absolute_url(),
        w.incident.get_absolute_url(),
        w.article.get_absolute_url(),
        w.source.get_absolute_url(),
        reverse("people:person_list"),
        reverse("cases:case_list"),
        reverse("cases:hearing_list"),
        reverse("people:person_export", args=["csv"]),
        reverse("cases:case_export", args=["json"]),
        reverse("cases:hearing_export", args=["csv"]),
    ]:
        body = body_of(reader.get(url))
        assert MARK.lower() not in body.lower(), url
        assert "a 16-year-old" in body, url


def test_researcher_text_is_escaped(reader, db):
    w = build_world(1)
    w.person.summary = "<script>alert(1)</script>"
    w.person.save()
    body = reader.get(w.person.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_a_pending_change_reaches_no_public_url(reader, researcher):
    """Researchers' proposed edits of published records, made through the admin as they would,
    stay out of every public page, export, feed, count and search until an editor accepts."""
    from casetracker.models import PendingChange
    from tests.admin.editing import form_values

    w = build_world(3)
    before = {}
    for entry in PUBLIC_URLS:
        response = reader.get(url_of(entry, w))
        body_of(response)  # an export left unread would hold its database cursor open
        before[entry] = response
    proposals = [
        (w.person, {"summary": f"{MARK} summary", "native_name": f"{MARK} native"}),
        (w.case, {"title": f"{MARK} Case"}),
        (w.hearing, {"summary": f"{MARK} hearing"}),
        (w.incident, {"title": f"{MARK} Incident", "counts-0-note": f"{MARK} count"}),
        (w.source, {"title": f"{MARK} Source"}),
        (w.organization, {"name": f"{MARK} Org"}),
        (w.place, {"name": f"{MARK} Place"}),
        (w.article, {"title": f"{MARK} Article"}),
        (w.person, {"names-TOTAL_FORMS": "1", "names-0-name": f"{MARK} Variant"}),
    ]
    for record, changes in proposals:
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        response = researcher.post(url, {**form_values(researcher.get(url)), **changes})
        assert response.status_code == 302, (record, response.context["adminform"].form.errors)
    assert PendingChange.objects.filter(state="pending").count() == len(proposals)

    for entry in PUBLIC_URLS:
        response = reader.get(url_of(entry, w))
        assert response.status_code == before[entry].status_code, entry
        body = body_of(response)
        if entry == "search":
            assert not any(group.hits for group in response.context["groups"])
            body = re.sub(rf"{MARK}(?! \w)", "", body, flags=re.IGNORECASE)
        assert MARK.lower() not in body.lower(), entry
        if entry == "home":
            assert response.context["totals"] == before[entry].context["totals"]
