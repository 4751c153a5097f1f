"""Two researchers on the same record: the second save is refused, never a silent overwrite.

Each change form carries the version it was opened on (casetracker.admin_base.version_token);
a save whose version is stale changes nothing and says who changed what.
"""

import pytest
from django.db import IntegrityError
from django.db.models.signals import pre_save
from django.urls import reverse

from cases.models import Outcome, Sentence
from casetracker.models import Citation
from tests import factories
from tests.admin.editing import VERSION_TOKEN, form_values

pytestmark = pytest.mark.django_db


def errors_of(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_the_second_save_is_refused_and_the_first_kept(researcher, editor):
    person = factories.PersonFactory(summary="As reported.", status="in_review")
    url = reverse("admin:people_person_change", args=[person.pk])
    first, second = form_values(researcher.get(url)), form_values(editor.get(url))

    assert researcher.post(url, {**first, "summary": "First account."}).status_code == 302
    refused = editor.post(url, {**second, "summary": "Second account."})

    assert "changed by researcher" in errors_of(refused)
    conflict = refused.context["edit_conflict"]
    assert conflict["authors"][0].startswith("researcher")
    assert ("summary", "As reported.", "First account.") not in conflict["changes"]  # no base
    assert "Changed since you opened this page" in refused.content.decode()
    person.refresh_from_db()
    assert person.summary == "First account."

    # The refused page carries the current version: saving again is an informed choice.
    again = {**form_values(refused), "summary": "Second account."}
    assert editor.post(url, again).status_code == 302
    person.refresh_from_db()
    assert person.summary == "Second account."


def test_the_refusal_shows_the_fields_the_other_changed(researcher, editor):
    person = factories.PersonFactory(summary="As reported.", status="in_review")
    url = reverse("admin:people_person_change", args=[person.pk])
    # A first save through the admin gives the record a version to compare with.
    assert researcher.post(url, form_values(researcher.get(url))).status_code == 302
    first, second = form_values(researcher.get(url)), form_values(editor.get(url))
    assert researcher.post(url, {**first, "summary": "First account."}).status_code == 302

    refused = editor.post(url, {**second, "native_name": "Роза"})

    assert ("summary", "As reported.", "First account.") in refused.context["edit_conflict"][
        "changes"
    ]
    body = refused.content.decode()
    assert "First account." in body
    assert "As reported." in body
    person.refresh_from_db()
    assert (person.summary, person.native_name) == ("First account.", "")


def test_a_normal_save_still_works(editor):
    person = factories.PersonFactory(summary="As reported.", status="in_review")
    url = reverse("admin:people_person_change", args=[person.pk])
    for summary in ("One.", "Two."):
        response = editor.post(url, {**form_values(editor.get(url)), "summary": summary})
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.summary == summary


def test_a_post_without_a_version_is_refused(editor):
    person = factories.PersonFactory(summary="As reported.", status="in_review")
    url = reverse("admin:people_person_change", args=[person.pk])
    data = form_values(editor.get(url))
    del data[VERSION_TOKEN]
    assert "changed after you opened it" in errors_of(editor.post(url, {**data, "summary": "x"}))
    person.refresh_from_db()
    assert person.summary == "As reported."


def outcome_page(outcome: Outcome) -> str:
    return reverse("admin:cases_outcome_change", args=[outcome.pk])


def test_a_model_without_updated_at_is_protected_by_its_values(researcher, editor):
    outcome = factories.OutcomeFactory(note="", hearing__status="in_review")
    assert not any(field.name == "updated_at" for field in Outcome._meta.fields)
    url = outcome_page(outcome)
    first, second = form_values(researcher.get(url)), form_values(editor.get(url))
    assert researcher.post(url, {**first, "note": "Appeal lodged."}).status_code == 302

    assert "changed by researcher" in errors_of(editor.post(url, {**second, "note": "Other."}))
    outcome.refresh_from_db()
    assert outcome.note == "Appeal lodged."


def test_a_change_made_only_in_an_inline_refuses_the_other_save(researcher, editor):
    outcome = factories.OutcomeFactory(note="", hearing__status="in_review")
    factories.SentenceFactory(outcome=outcome, prison_months=60)
    url = outcome_page(outcome)
    first, second = form_values(researcher.get(url)), form_values(editor.get(url))
    assert researcher.post(url, {**first, "sentence-0-prison_months": "48"}).status_code == 302

    refused = editor.post(url, {**second, "note": "Other."})
    assert "changed by researcher" in errors_of(refused)
    assert "the change is in the rows listed below it" in refused.content.decode()
    outcome.refresh_from_db()
    assert (outcome.note, outcome.sentence.prison_months) == ("", 48)


def test_a_change_outside_the_admin_refuses_the_save(editor):
    outcome = factories.OutcomeFactory(note="")
    url = outcome_page(outcome)
    opened = form_values(editor.get(url))
    Outcome.objects.filter(pk=outcome.pk).update(note="Imported.")

    refused = editor.post(url, {**opened, "note": "Typed."})
    assert "outside the admin" in errors_of(refused)
    outcome.refresh_from_db()
    assert outcome.note == "Imported."


def test_a_failing_inline_row_leaves_nothing_of_the_parent_changed(editor):
    """The admin saves the record and its inlines in one transaction: all or nothing."""
    outcome = factories.OutcomeFactory(note="")
    url = outcome_page(outcome)
    citation = "casetracker-citation-content_type-object_id"
    data = {
        **form_values(editor.get(url)),
        "note": "Should not stay.",
        "sentence-0-prison_months": "48",
        f"{citation}-TOTAL_FORMS": "1",
        f"{citation}-0-source": factories.SourceDocumentFactory().pk,
        f"{citation}-0-locator": "p. 4",
        f"{citation}-0-summary": "Sentenced to four years.",
        f"{citation}-0-confidence": "reported",
        f"{citation}-0-certainty": "reported",
    }

    def fail(**kwargs):  # the database refusing the row, after the parent was written
        raise IntegrityError("refused by the database")

    pre_save.connect(fail, sender=Citation)
    try:
        with pytest.raises(IntegrityError):
            editor.post(url, data)
    finally:
        pre_save.disconnect(fail, sender=Citation)
    outcome.refresh_from_db()
    assert outcome.note == ""
    assert not Sentence.objects.exists()
    assert not Citation.objects.exists()


def test_an_inline_row_changed_on_its_own_page_refuses_the_stale_page(researcher, editor):
    """R2 opens a person; R1 edits a detention on the detention's page; R2 saves the summary."""
    person = factories.PersonFactory(status="in_review", summary="As reported.")
    detention = factories.DetentionFactory(person=person, status="in_review", facility="SIZO 1")
    person_url = reverse("admin:people_person_change", args=[person.pk])
    detention_url = reverse("admin:cases_detention_change", args=[detention.pk])
    stale = form_values(researcher.get(person_url))
    first = form_values(editor.get(detention_url))
    assert editor.post(detention_url, {**first, "facility": "Colony 158/2"}).status_code == 302

    refused = researcher.post(person_url, {**stale, "summary": "New summary."})

    assert refused.status_code == 200
    errors = " ".join(
        " ".join(inline.formset.non_form_errors())
        for inline in refused.context["inline_admin_formsets"]
    )
    assert "changed after you opened this page" in errors
    detention.refresh_from_db()
    person.refresh_from_db()
    assert (detention.facility, person.summary) == ("Colony 158/2", "As reported.")

    # The refused page carries the rows' current versions: saving again is an informed choice.
    again = {**form_values(refused), "summary": "New summary."}
    assert researcher.post(person_url, again).status_code == 302
    detention.refresh_from_db()
    assert detention.facility == "SIZO 1"


def test_an_untouched_page_with_inline_rows_saves(researcher):
    person = factories.PersonFactory(status="in_review")
    factories.DetentionFactory(person=person, status="in_review")
    factories.PersonNameFactory(person=person)
    url = reverse("admin:people_person_change", args=[person.pk])
    response = researcher.post(url, {**form_values(researcher.get(url)), "summary": "New."})
    assert response.status_code == 302
