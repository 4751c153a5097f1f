"""Bad input gets a form error that says what is wrong, never a server error."""

from django.urls import reverse

from cases.models import Detention, Outcome, Sentence
from casetracker.models import Citation
from tests import factories
from tests.admin.editing import opened

CITATIONS = "casetracker-citation-content_type-object_id"
NO_CITATIONS = {f"{CITATIONS}-TOTAL_FORMS": "0", f"{CITATIONS}-INITIAL_FORMS": "0"}


def all_errors(response) -> str:
    """Every error the admin page shows: the form's, and each inline row's."""
    assert response.status_code == 200
    texts = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        texts.append(str(inline.formset.errors))
        texts.append(str(inline.formset.non_form_errors()))
    return " ".join(texts)


def detention_form(person, **values):
    return {
        "person": person.pk, "kind": Detention.Kind.PRE_TRIAL, "started_on": "2011-12-17",
        "started_precision": "day", "ended_on": "", "ended_precision": "day",
        "status": "draft", "visibility": "public", **NO_CITATIONS, **values,
    }  # fmt: skip


def test_a_detention_ending_before_it_started(editor):
    person = factories.PersonFactory()
    response = editor.post(
        reverse("admin:cases_detention_add"), detention_form(person, ended_on="2011-12-01")
    )
    assert "The end (1 December 2011) is before the start (17 December 2011)." in all_errors(
        response
    )
    assert not Detention.objects.exists()


def test_an_end_in_the_same_month_as_the_start_is_allowed(editor):
    person = factories.PersonFactory()
    response = editor.post(
        reverse("admin:cases_detention_add"),
        detention_form(person, ended_on="2011-12-01", ended_precision="month"),
    )
    assert response.status_code == 302


def sentence_form(outcome, **values):
    return {"outcome": outcome.pk, "regime": "", "ban": "", **values}


def test_a_sentence_without_a_term(editor):
    outcome = factories.OutcomeFactory()
    response = editor.post(reverse("admin:cases_sentence_add"), sentence_form(outcome))
    assert "A sentence needs at least one term" in all_errors(response)
    assert not Sentence.objects.exists()


def test_a_fine_without_currency(editor):
    outcome = factories.OutcomeFactory()
    response = editor.post(
        reverse("admin:cases_sentence_add"), sentence_form(outcome, fine_amount="200000")
    )
    assert "A fine needs both an amount and a currency." in all_errors(response)


def test_a_fine_without_currency_in_the_outcome_inline(editor):
    outcome = factories.OutcomeFactory()
    url = reverse("admin:cases_outcome_change", args=[outcome.pk])
    response = editor.post(
        url,
        {
            **opened(editor, url),
            "hearing": outcome.hearing.pk, "defendant": outcome.defendant.pk,
            "verdict": "convicted", "note": "", **NO_CITATIONS,
            "sentence-TOTAL_FORMS": "1", "sentence-INITIAL_FORMS": "0",
            "sentence-0-fine_amount": "200000", "sentence-0-regime": "", "sentence-0-ban": "",
        },
    )  # fmt: skip
    assert "A fine needs both an amount and a currency." in all_errors(response)


def test_a_citation_without_a_source(editor):
    person = factories.PersonFactory()
    response = editor.post(
        reverse("admin:cases_detention_add"),
        detention_form(
            person,
            **{
                f"{CITATIONS}-TOTAL_FORMS": "1",
                f"{CITATIONS}-0-locator": "¶37",
                f"{CITATIONS}-0-summary": "Detained after the dispersal.",
                f"{CITATIONS}-0-confidence": "reported",
            },
        ),
    )
    assert "source" in all_errors(response)
    assert "This field is required." in all_errors(response)
    assert not Citation.objects.exists()


def hearing_form(hearing, defendant):
    return {
        "case": hearing.case.pk, "court": hearing.court.pk, "instance": "first",
        "held_on": "2012-06-04", "held_precision": "day", "status": "draft",
        "visibility": "public", **NO_CITATIONS,
        "outcomes-TOTAL_FORMS": "1", "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-defendant": defendant.pk, "outcomes-0-verdict": "convicted",
    }  # fmt: skip


def test_an_outcome_for_someone_not_in_the_case(editor):
    hearing = factories.HearingFactory()
    stranger = factories.PersonFactory(name="Not A Defendant")
    url = reverse("admin:cases_hearing_change", args=[hearing.pk])
    response = editor.post(url, {**hearing_form(hearing, stranger), **opened(editor, url)})
    assert "Not A Defendant is not a defendant in the case heard." in all_errors(response)
    assert not Outcome.objects.exists()


def test_an_outcome_for_someone_not_in_the_case_on_a_new_hearing(editor):
    hearing = factories.HearingFactory.build(case=factories.CaseFactory(),
                                             court=factories.CourtFactory())  # fmt: skip
    stranger = factories.PersonFactory(name="Not A Defendant")
    response = editor.post(reverse("admin:cases_hearing_add"), hearing_form(hearing, stranger))
    assert "Not A Defendant is not a defendant in the case heard." in all_errors(response)


def test_a_charge_may_name_a_defendant_added_in_the_same_form(editor):
    person, article = factories.PersonFactory(), factories.LegalArticleFactory()
    response = editor.post(
        reverse("admin:cases_case_add"),
        {
            "title": "Case of the strikers", "slug": "case-of-the-strikers", "kind": "criminal",
            "number": "", "defendants": [person.pk], "summary": "", "opened_precision": "day",
            "status": "draft", "visibility": "public", **NO_CITATIONS,
            "charges-TOTAL_FORMS": "1", "charges-INITIAL_FORMS": "0",
            "charges-0-defendant": person.pk, "charges-0-article": article.pk,
            "detentions-TOTAL_FORMS": "0", "detentions-INITIAL_FORMS": "0",
            "hearings-TOTAL_FORMS": "0", "hearings-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, all_errors(response)
    assert person.charges.get().article == article
