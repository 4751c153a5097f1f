"""Every admin page answers for an editor, and no changelist makes a query per row."""

from collections import Counter
from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

FACTORIES = {
    "casetracker.sourcedocument": factories.SourceDocumentFactory,
    "casetracker.citation": factories.CitationFactory,
    "casetracker.reading": factories.ReadingFactory,
    "casetracker.place": factories.PlaceFactory,
    "casetracker.placename": factories.PlaceNameFactory,
    "people.role": factories.RoleFactory,
    "people.person": factories.PersonFactory,
    "people.personredirect": factories.PersonRedirectFactory,
    "people.personname": factories.PersonNameFactory,
    "people.organization": factories.OrganizationFactory,
    "people.organizationname": factories.OrganizationNameFactory,
    "people.affiliation": factories.AffiliationFactory,
    "people.designation": factories.DesignationFactory,
    "cases.legalarticle": factories.LegalArticleFactory,
    "cases.articlecorrespondence": factories.ArticleCorrespondenceFactory,
    "cases.proceduralconcern": factories.ProceduralConcernFactory,
    "cases.case": factories.CaseFactory,
    "cases.charge": factories.ChargeFactory,
    "cases.chargeevent": factories.ChargeEventFactory,
    "cases.detention": factories.DetentionFactory,
    "cases.hearing": factories.HearingFactory,
    "cases.hearingjudge": factories.HearingJudgeFactory,
    "cases.outcome": factories.OutcomeFactory,
    "cases.sentence": factories.SentenceFactory,
    "events.incident": factories.IncidentFactory,
    "events.incidentcount": factories.IncidentCountFactory,
    "events.involvement": factories.InvolvementFactory,
    "casetracker.pendingchange": factories.PendingChangeFactory,
    "casetracker.auditentry": factories.AuditEntryFactory,
    "casetracker.importjob": factories.ImportJobFactory,
}
# Queued by uploading a long file on an import page, never added by hand.
OUR_APPS = {"casetracker", "people", "cases", "events"}
MADE_BY_THE_SYSTEM = {
    "people.personredirect",
    "casetracker.pendingchange",
    "casetracker.auditentry",
    "casetracker.importjob",
}


def repeated(queries: CaptureQueriesContext) -> list[str]:
    """The queries run more than once: what a per-row query looks like, for the failure message."""
    counts = Counter(query["sql"][:300] for query in queries.captured_queries)
    return [f"{count}x {sql}" for sql, count in counts.most_common() if count > 1]


def url(model_label: str, view: str, *args) -> str:
    app_label, model_name = model_label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


# Derived tables, rebuilt from the records, and the page cache's version: nobody edits them by hand.
NOT_IN_ADMIN = {"casetracker.namekey", "casetracker.contentversion"}


def test_every_model_of_ours_is_in_the_admin():
    ours = {
        model._meta.label_lower
        for app_label in OUR_APPS
        for model in apps.get_app_config(app_label).get_models()
    }
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert ours - NOT_IN_ADMIN <= registered
    assert set(FACTORIES) == ours - NOT_IN_ADMIN


@pytest.mark.parametrize("label", sorted(FACTORIES))
def test_changelist_queries_stay_flat_as_rows_grow(editor, label):
    factory = FACTORIES[label]
    factory.create_batch(3)
    editor.get(url(label, "changelist"))  # warms caches (content types) shared by every request
    with CaptureQueriesContext(connection) as three_rows:
        response = editor.get(url(label, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 3

    factory.create_batch(27)
    with CaptureQueriesContext(connection) as thirty_rows:
        response = editor.get(url(label, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 30
    assert len(thirty_rows) == len(three_rows), repeated(thirty_rows)


def test_person_changelist_exact_queries(editor, django_assert_num_queries):
    factories.PersonFactory.create_batch(30)
    editor.get(url("people.person", "changelist"))
    # session, user, the session's OTP device (the editor's second factor), the user's own and
    # group permissions, savepoint and release around the view (reversion keeps the changes an
    # action makes in one revision), the roles the filter offers, filtered count, full count, the
    # page of people.
    with django_assert_num_queries(11):
        response = editor.get(url("people.person", "changelist"))
    assert len(response.context["cl"].result_list) == 30


@pytest.mark.parametrize("label", sorted(FACTORIES))
def test_add_and_change_pages_answer(editor, label):
    record = FACTORIES[label]()
    # Redirects come from merges, proposals from researchers' saves, import jobs from long
    # uploads, the audit log from the admin itself: nobody adds them by hand.
    added_by_hand = label not in MADE_BY_THE_SYSTEM
    assert editor.get(url(label, "add")).status_code == (200 if added_by_hand else 403)
    assert editor.get(url(label, "change", record.pk)).status_code == 200
    assert editor.get(url(label, "history", record.pk)).status_code == 200


def _person_with_records(count: int):
    person = factories.PersonFactory()
    for _ in range(count):
        factories.PersonNameFactory(person=person)
        factories.DetentionFactory(person=person, case=factories.CaseFactory())
        factories.ChargeEventFactory(charge=factories.ChargeFactory(defendant=person))
        factories.SentenceFactory(outcome=factories.OutcomeFactory(defendant=person))
        factories.InvolvementFactory(person=person)
        factories.AffiliationFactory(person=person)
        factories.DesignationFactory(person=person)
        factories.CitationFactory(record=person)
    return person


def _case_with_records(count: int):
    case = factories.CaseFactory()
    for _ in range(count):
        charge = factories.ChargeFactory(case=case)
        factories.ChargeEventFactory(charge=charge)
        factories.HearingFactory(case=case)
        factories.DetentionFactory(case=case, person=charge.defendant)
        factories.CitationFactory(record=case)
    return case


def _hearing_with_records(count: int):
    hearing = factories.HearingFactory()
    for _ in range(count):
        factories.SentenceFactory(outcome=factories.OutcomeFactory(hearing=hearing))
    return hearing


def _incident_with_records(count: int):
    incident = factories.IncidentFactory()
    kinds = ["participants", "detained", "arrested", "fined", "injured", "killed", "dismissed"]
    for index in range(count):
        factories.InvolvementFactory(incident=incident)
        if index < len(kinds):
            factories.IncidentCountFactory(incident=incident, kind=kinds[index])
        else:
            factories.IncidentCountFactory(incident=incident, kind="other", note=f"other {index}")
        factories.CitationFactory(record=incident)
    return incident


def _source_with_records(count: int):
    source = factories.SourceDocumentFactory()
    for _ in range(count):
        factories.CitationFactory(source=source, record=factories.PersonFactory())
        factories.CitationFactory(source=source, record=factories.DetentionFactory())
    return source


@pytest.mark.parametrize(
    ("label", "build"),
    [
        ("people.person", _person_with_records),
        ("cases.case", _case_with_records),
        ("cases.hearing", _hearing_with_records),
        ("events.incident", _incident_with_records),
        ("casetracker.sourcedocument", _source_with_records),
    ],
)
def test_change_page_queries_stay_flat_as_inline_rows_grow(editor, label, build):
    few, many = build(3), build(30)
    editor.get(url(label, "change", few.pk))
    with CaptureQueriesContext(connection) as three_rows:
        assert editor.get(url(label, "change", few.pk)).status_code == 200
    with CaptureQueriesContext(connection) as thirty_rows:
        assert editor.get(url(label, "change", many.pk)).status_code == 200
    assert len(thirty_rows) == len(three_rows), repeated(thirty_rows)


def test_person_search_finds_any_spelling(editor):
    person = factories.PersonFactory(name="Kuanysh Sisenbaev")
    factories.PersonNameFactory(person=person, name="Куаныш Сисенбаев", script="cyrillic")
    factories.PersonFactory(name="Someone Else")
    for query in ["Куаныш", "sisenbaev", "KUANYSH"]:
        response = editor.get(url("people.person", "changelist"), {"q": query})
        assert list(response.context["cl"].result_list) == [person], query


def test_autocomplete_finds_a_person_by_cyrillic_spelling(editor):
    person = factories.PersonFactory(name="Natalia Azhigalieva")
    factories.PersonNameFactory(person=person, name="Наталья Ажигалиева", script="cyrillic")
    response = editor.get(
        reverse("admin:autocomplete"),
        {
            "term": "Ажигалиева",
            "app_label": "cases",
            "model_name": "detention",
            "field_name": "person",
        },
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(person.pk)]


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name", "factory", "term"),
    [
        ("casetracker", "citation", "source", factories.SourceDocumentFactory, "Report"),
        ("cases", "charge", "article", factories.LegalArticleFactory, "Offence"),
        ("events", "incident", "cases", factories.CaseFactory, "Case"),
        ("cases", "detention", "place", factories.PlaceFactory, "Town"),
        ("cases", "hearing", "court", factories.CourtFactory, "court"),
    ],
)
def test_autocomplete_answers(editor, app_label, model_name, field_name, factory, term):
    factory.create_batch(3)
    response = editor.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": app_label, "model_name": model_name,
         "field_name": field_name},
    )  # fmt: skip
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_person_change_page_shows_the_derived_status_days_and_release(editor):
    source = factories.SourceDocumentFactory(published_on=date(2012, 9, 1))
    person = factories.PersonFactory()
    case = factories.CaseFactory()
    detention = factories.DetentionFactory(
        person=person, case=case, started_on=date(2011, 12, 17), ended_on=None
    )
    outcome = factories.OutcomeFactory(hearing__case=case, defendant=person)
    factories.SentenceFactory(outcome=outcome, prison_months=60)
    factories.CitationFactory(record=detention, source=source)
    # The admin shows an error in a derived field as "-": each is asserted by its text.
    body = editor.get(url("people.person", "change", person.pk)).content.decode()
    # Five years from the start of custody; with no release reported, that it came is our
    # conclusion, dated by the end of the source's month.
    assert "released (our inference), as of 30 September 2012" in body
    # Custody with no reported end lasts to the verdict; the term follows it.
    assert "pre-trial custody from 17 December 2011: 170 days" in body
    assert "in all, overlaps counted once: 1827 days" in body
    assert "4 June 2012: 17 December 2016" in body
