"""Bad input gets a form error that says what is wrong, never a server error."""

import pytest
from django.apps import apps
from django.contrib.admin import site
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.forms.models import InlineForeignKeyField
from django.urls import reverse

from cases.models import Charge, Detention, LegalArticle, Outcome, Sentence
from casetracker.admin_base import version_token
from casetracker.models import Citation
from tests import factories
from tests.admin.editing import VERSION_TOKEN, form_values, opened
from tests.admin.test_pages import MADE_BY_THE_SYSTEM

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
        "certainty": "reported",
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
    return {"outcome": outcome.pk, "regime": "", "ban": "", **NO_CITATIONS, **values}


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


def new_case_form(defendants: list, charges: list[tuple]) -> dict:
    """The case add page posted with ``defendants`` ticked and ``charges`` as (defendant,
    article or None, described as) rows."""
    form = {
        "title": "Case of the strikers", "slug": "case-of-the-strikers", "kind": "criminal",
        "number": "", "defendants": [person.pk for person in defendants], "summary": "",
        "opened_precision": "day", "status": "draft", "visibility": "public", **NO_CITATIONS,
        "charges-TOTAL_FORMS": str(len(charges)), "charges-INITIAL_FORMS": "0",
        "detentions-TOTAL_FORMS": "0", "detentions-INITIAL_FORMS": "0",
        "hearings-TOTAL_FORMS": "0", "hearings-INITIAL_FORMS": "0",
    }  # fmt: skip
    for index, (defendant, article, described_as) in enumerate(charges):
        form[f"charges-{index}-defendant"] = defendant.pk
        form[f"charges-{index}-article"] = article.pk if article else ""
        form[f"charges-{index}-described_as"] = described_as
    return form


@pytest.mark.parametrize("with_article", [True, False])
def test_a_charge_may_name_a_defendant_added_in_the_same_form(editor, with_article):
    # Without an article, the charge as the source describes it is enough.
    person = factories.PersonFactory()
    article = factories.LegalArticleFactory() if with_article else None
    described_as = "" if article else "abuse of power"
    response = editor.post(
        reverse("admin:cases_case_add"), new_case_form([person], [(person, article, described_as)])
    )
    assert response.status_code == 302, all_errors(response)
    assert person.charges.get().article == article


def case_page_adding(editor, case, defendants: list, charges: list[tuple]) -> object:
    """The case's change page posted back with ``defendants`` ticked too and ``charges`` as
    new (defendant, article) rows."""
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = form_values(editor.get(url))
    data["defendants"] = [*data.get("defendants", []), *(str(p.pk) for p in defendants)]
    data["charges-TOTAL_FORMS"] = str(len(charges))
    for index, (defendant, article) in enumerate(charges):
        data[f"charges-{index}-defendant"] = str(defendant.pk)
        data[f"charges-{index}-article"] = str(article.pk)
    return editor.post(url, data)


def test_two_new_defendants_may_be_charged_under_one_article_in_one_save(editor):
    # The formset compared rows without the defendant and refused them as duplicates.
    case = factories.CaseFactory()
    first, second = factories.PersonFactory(), factories.PersonFactory()
    article = factories.LegalArticleFactory()
    response = case_page_adding(
        editor, case, [first, second], [(first, article), (second, article)]
    )
    assert response.status_code == 302, all_errors(response)
    assert set(Charge.objects.filter(article=article).values_list("defendant", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_one_new_defendant_charged_twice_under_one_article_is_still_refused(editor):
    case = factories.CaseFactory()
    person = factories.PersonFactory()
    article = factories.LegalArticleFactory()
    response = case_page_adding(editor, case, [person], [(person, article), (person, article)])
    assert "duplicate" in all_errors(response).lower()
    assert not Charge.objects.exists()
    assert not case.defendants.exists()  # nothing half-saved


# What a browser or a hand-made request may post where an admin widget expects an id.
BAD_IDS = ["abc", "-1", "9" * 20, " ", "1\x00"]
OUR_APPS = {"casetracker", "people", "cases", "events"}


def one_of_each() -> dict[type, object]:
    """A stored record of every model our admin edits, with its related rows filled in."""
    charge = factories.ChargeFactory()
    factories.ChargeEventFactory(charge=charge)
    hearing = factories.HearingFactory(case=charge.case)
    seat = factories.HearingJudgeFactory(hearing=hearing, presiding=True)
    hearing.concerns.add(factories.ProceduralConcernFactory())
    outcome = factories.OutcomeFactory(hearing=hearing, defendant=charge.defendant)
    person = charge.defendant
    person.roles.add(factories.RoleFactory())
    involvement = factories.InvolvementFactory(person=person)
    involvement.incident.cases.add(charge.case)
    records = [
        charge, charge.case, charge.article, hearing, seat, outcome, person, involvement,
        involvement.incident, factories.SentenceFactory(outcome=outcome),
        factories.DetentionFactory(person=person, case=charge.case, place=factories.PlaceFactory()),
        factories.CitationFactory(record=person), factories.PlaceNameFactory(),
        factories.PersonNameFactory(person=person), factories.OrganizationNameFactory(),
        factories.AffiliationFactory(person=person), factories.DesignationFactory(person=person),
        factories.PersonRedirectFactory(person=person), factories.RoleFactory(),
        factories.ProceduralConcernFactory(), factories.ChargeEventFactory(),
        factories.SourceDocumentFactory(), factories.PlaceFactory(),
        factories.OrganizationFactory(), factories.PendingChangeFactory(),
        factories.AuditEntryFactory(), factories.ImportJobFactory(),
        factories.IncidentCountFactory(incident=involvement.incident),
        factories.ArticleCorrespondenceFactory(), factories.ReadingFactory(),
    ]  # fmt: skip
    return {type(record): record for record in records}


def admin_url(record, view: str) -> str:
    opts = record._meta
    args = [record.pk] if view == "change" else []
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def id_fields(response) -> list[str]:
    """The posted names of the form's and its inline rows' fields that take ids."""
    forms_ = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms_.extend(inline.formset.forms)
    return [
        form[name].html_name
        for form in forms_
        for name, field in form.fields.items()
        # The hidden id of an inline row and its parent's key are the formset's own business.
        if isinstance(field, ModelChoiceField | ModelMultipleChoiceField)
        and name != form._meta.model._meta.pk.name
        and not isinstance(field, InlineForeignKeyField)
    ]


def error_of(response, html_name: str) -> str:
    assert response.status_code == 200
    forms_ = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms_.extend(inline.formset.forms)
    for form in forms_:
        for name in form.fields:
            if form[name].html_name == html_name:
                return str(form.errors.get(name, ""))
    raise AssertionError(f"no field {html_name} on the page")


def as_new(data: dict[str, object]) -> dict[str, object]:
    """The change form's values posted to the add page: its inline rows become new rows."""
    new = {key: value for key, value in data.items() if not key.endswith("-id")}
    new.pop(VERSION_TOKEN, None)
    for key in new:
        if key.endswith("-INITIAL_FORMS"):
            new[key] = "0"
    return new


def test_every_model_of_our_admin_has_a_record_to_try(db):
    registered = {model for model in site._registry if model._meta.app_label in OUR_APPS}
    assert registered == set(one_of_each())
    assert {model._meta.label for model in registered} == set(ADMIN_MODELS)


# Every model of ours with an admin; the test above fails when one is added and not tried.
ADMIN_MODELS = [
    "cases.ArticleCorrespondence",
    "cases.Case", "cases.Charge", "cases.ChargeEvent", "cases.Detention", "cases.Hearing",
    "cases.HearingJudge",
    "cases.LegalArticle", "cases.Outcome", "cases.ProceduralConcern", "cases.Sentence",
    "casetracker.AuditEntry", "casetracker.Citation", "casetracker.ImportJob",
    "casetracker.PendingChange", "casetracker.Reading",
    "casetracker.Place", "casetracker.PlaceName",
    "casetracker.SourceDocument", "events.Incident", "events.IncidentCount",
    "events.Involvement", "people.Affiliation",
    "people.Designation", "people.Organization", "people.OrganizationName", "people.Person",
    "people.PersonName", "people.PersonRedirect", "people.Role",
]  # fmt: skip


@pytest.mark.parametrize("view", ["add", "change"])
@pytest.mark.parametrize(
    "label",
    # Redirects, proposals and the audit log take no input at all: their add and change answer
    # 403 (tests/admin/test_pages.py, test_anonymised_addresses.py).
    [label for label in ADMIN_MODELS if label.lower() not in MADE_BY_THE_SYSTEM],
)
def test_a_bad_id_in_any_admin_form_is_a_form_error(editor, label, view):
    """Autocompletes (single and multiple), filter_horizontal boxes and plain selects alike."""
    record = one_of_each()[apps.get_model(label)]
    model = type(record)
    url = admin_url(record, "change")
    opened_page = editor.get(url)
    stored = form_values(opened_page)
    fields = id_fields(opened_page)
    for field in fields:
        for bad in BAD_IDS:
            data = {**stored, field: [bad] if isinstance(stored.get(field), list) else bad}
            before = model.objects.count(), version_token(model.objects.get(pk=record.pk))
            if view == "add":
                response = editor.post(admin_url(record, "add"), as_new(data))
            else:
                response = editor.post(url, data)
            assert error_of(response, field), (field, bad)
            after = model.objects.count(), version_token(model.objects.get(pk=record.pk))
            assert after == before, (field, bad)


@pytest.mark.parametrize("view", ["add", "change"])
def test_an_article_number_past_the_database_integer(editor, view):
    article = factories.LegalArticleFactory(article="164")
    data = {"code": "criminal", "version": "1997", "article": "9" * 20, "part": "",
            "title": "Inciting discord", "slug": "criminal-1997-huge", **NO_CITATIONS}  # fmt: skip
    if view == "add":
        response = editor.post(reverse("admin:cases_legalarticle_add"), data)
    else:
        url = reverse("admin:cases_legalarticle_change", args=[article.pk])
        response = editor.post(url, {**data, **opened(editor, url)})
    assert "No code has an article numbered 99999999999999999999" in all_errors(response)
    article.refresh_from_db()
    assert (article.article, LegalArticle.objects.count()) == ("164", 1)


# Unknown dates: empty is allowed; what goes with a date needs one.


def test_a_detention_with_no_start_and_a_length_is_saved(editor):
    person = factories.PersonFactory()
    response = editor.post(
        reverse("admin:cases_detention_add"),
        detention_form(person, started_on="", duration_days="5", kind="administrative_arrest"),
    )
    assert response.status_code == 302
    detention = Detention.objects.get()
    assert (detention.started, detention.duration_days) == (None, 5)
    listing = editor.get(reverse("admin:cases_detention_changelist"))
    assert listing.status_code == 200
    assert ">None<" not in listing.content.decode()
    assert editor.get(reverse("admin:cases_detention_changelist"), {"o": "3"}).status_code == 200
    assert editor.get(reverse("admin:people_person_change", args=[person.pk])).status_code == 200


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"started_on": "", "started_qualifier": "about"},
            "A qualifier (about, on or before, on or after) needs a date to qualify.",
        ),
        (
            {"started_on": "", "ended_on": "2011-12-20", "duration_days": "5"},
            "A dated end says it all",
        ),
        ({"started_on": "2011-13-45"}, "Enter a valid date."),
        ({"started_on": "", "duration_days": "-5"}, "greater than or equal to 0"),
    ],
)
def test_a_detention_with_no_start_still_keeps_its_rules(editor, values, message):
    person = factories.PersonFactory()
    response = editor.post(reverse("admin:cases_detention_add"), detention_form(person, **values))
    assert message in all_errors(response)
    assert not Detention.objects.exists()


def test_a_hearing_and_an_incident_with_no_date_are_listed_in_the_admin(editor):
    factories.HearingFactory(held_on=None)
    factories.HearingFactory()
    factories.IncidentFactory(started_on=None)
    for name in ("cases_hearing", "events_incident"):
        for params in ({}, {"o": "-4"}, {"o": "4"}):
            response = editor.get(reverse(f"admin:{name}_changelist"), params)
            assert response.status_code == 200
            assert ">None<" not in response.content.decode()
