"""A claim is added on its record's change page: the attribute picked from the record's own,
the value typed as the source gives it and stored in the attribute's kind."""

from datetime import date

from django.urls import reverse

from casetracker.models import Citation
from tests import factories as f
from tests.admin.editing import form_values
from tests.admin.test_bad_input import CITATIONS, all_errors


def _change_page(client, detention):
    return reverse("admin:cases_detention_change", args=[detention.pk])


def _with_claim(client, detention, source, name: str, words: str) -> dict:
    url = _change_page(client, detention)
    data = form_values(client.get(url))
    row = f"{CITATIONS}-0"
    data.update(
        {
            f"{CITATIONS}-TOTAL_FORMS": "1",
            f"{CITATIONS}-INITIAL_FORMS": "0",
            f"{row}-source": str(source.pk),
            f"{row}-locator": "¶4",
            f"{row}-summary": "Dates the arrest.",
            f"{row}-confidence": "reported",
            f"{row}-certainty": "reported",
            f"{row}-claim_field": name,
            f"{row}-claimed": words,
            f"{row}-claim": "early in December",
        }
    )
    return data


def test_the_attribute_is_chosen_from_the_records_own(editor):
    detention = f.DetentionFactory(started_on=date(2011, 12, 17))
    response = editor.get(_change_page(editor, detention))
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == CITATIONS
    )
    choices = dict(formset.empty_form.fields["claim_field"].choices)
    assert choices["started"] == "when the detention began"
    assert choices["duration_days"] == "how long the detention lasted"
    assert "killed" not in choices
    assert "count" not in choices


def test_a_claimed_date_is_stored_as_a_partial_date(editor):
    detention = f.DetentionFactory(started_on=date(2011, 12, 17))
    source = f.SourceDocumentFactory()
    data = _with_claim(editor, detention, source, "started", "about 2011-12")
    response = editor.post(_change_page(editor, detention), data)
    assert response.status_code == 302, all_errors(response)
    citation = Citation.objects.get(source=source)
    assert citation.claim_field == "started"
    assert citation.claim_value == {"on": "2011-12-01", "precision": "month", "qualifier": "about"}
    assert citation.claim == "early in December"
    # Opened again, the value reads as it was typed.
    again = editor.get(_change_page(editor, detention)).content.decode()
    assert 'value="about 2011-12"' in again


def test_a_value_of_the_wrong_kind_is_a_form_error(editor):
    detention = f.DetentionFactory(started_on=date(2011, 12, 17))
    source = f.SourceDocumentFactory()
    data = _with_claim(editor, detention, source, "started", "last winter")
    response = editor.post(_change_page(editor, detention), data)
    assert "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD" in all_errors(response)
    assert not Citation.objects.filter(source=source).exists()


def test_a_value_without_an_attribute_is_a_form_error(editor):
    detention = f.DetentionFactory(started_on=date(2011, 12, 17))
    source = f.SourceDocumentFactory()
    data = _with_claim(editor, detention, source, "", "2011-12")
    response = editor.post(_change_page(editor, detention), data)
    assert "Say which attribute the value is for." in all_errors(response)
    assert not Citation.objects.filter(source=source).exists()
