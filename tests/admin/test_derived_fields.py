"""Every derived value the admin shows is shown, not replaced by the empty-value dash.

Django's admin renders an ``@admin.display`` method, a ``list_display`` callable or a model
attribute (``__str__``, a partial date, a count's bounds) that raises AttributeError, ValueError
or ObjectDoesNotExist as "-", the same as an empty value: a broken field looks like a blank one.
So each test renders the real page with records that give the field a value and asserts the
text in that field's cell of that record's row.
"""

from dataclasses import dataclass
from datetime import date

import html5lib
import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cases.models import ChargeEvent, LegalArticle, Sentence
from tests import factories

OUR_APPS = {"casetracker", "people", "cases", "events"}


def admin_url(target, view: str = "change") -> str:
    """The admin page of a record (``view="change"``) or of its model (``"changelist"``)."""
    opts = target._meta
    args = [target.pk] if view == "change" else []
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@dataclass
class Shown:
    """What ``page`` must show in the field's cell of the row of record ``row``.

    ``row`` is the primary key of a changelist row or an inline row; None for a read-only field
    of the change form itself. ``link`` is where the cell's one link must go, if it has one.
    """

    page: str
    text: str
    row: int | None = None
    link: str | None = None


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _is_row_of(tr, pk: int) -> bool:
    """A changelist row (its action checkbox) or an inline row (its hidden id) of record pk."""
    for field in tr.iter("input"):
        name = field.get("name") or ""
        if field.get("value") == str(pk) and (name == "_selected_action" or name.endswith("-id")):
            return True
    return False


def field_cells(content: str, field: str, row: int | None = None) -> list:
    """The elements showing ``field``: its cells in the rows of record ``row``, or else its
    read-only value in the change form."""
    page = html5lib.parse(content, treebuilder="etree", namespaceHTMLElements=False)
    scopes = [page] if row is None else [tr for tr in page.iter("tr") if _is_row_of(tr, row)]
    cells = []
    for scope in scopes:
        for element in scope.iter():
            if f"field-{field}" in _classes(element):
                readonly = [inner for inner in element.iter() if "readonly" in _classes(inner)]
                cells.append(readonly[0] if readonly else element)
    return cells


# What the changelists show, one builder per column: records that give it a value, and the text.


def _legal_article_name():
    article = factories.LegalArticleFactory(
        code=LegalArticle.Code.CRIMINAL, article="164", part="1"
    )
    return Shown(admin_url(article, "changelist"), "Criminal Code art. 164 part 1", article.pk)


def _legal_article_charge_count():
    article = factories.LegalArticleFactory()
    factories.ChargeFactory.create_batch(3, article=article)
    return Shown(admin_url(article, "changelist"), "3", article.pk)


def _case_defendant_count():
    case = factories.CaseFactory(defendants=factories.PersonFactory.create_batch(2))
    factories.ChargeFactory(case=case, defendant=case.defendants.first())
    return Shown(admin_url(case, "changelist"), "2", case.pk)


def _case_opened():
    case = factories.CaseFactory(opened_on=date(2011, 12, 1), opened_precision="month")
    return Shown(admin_url(case, "changelist"), "December 2011", case.pk)


def _charge_with_history():
    charge = factories.ChargeFactory()
    factories.ChargeEventFactory(
        charge=charge, status=ChargeEvent.Status.BROUGHT, occurred_on=date(2011, 12, 20)
    )
    factories.ChargeEventFactory(
        charge=charge, status=ChargeEvent.Status.CONVICTED, occurred_on=date(2012, 6, 4)
    )
    return charge


HISTORY = "brought 20 December 2011; convicted 4 June 2012"


def _charge_history():
    charge = _charge_with_history()
    return Shown(admin_url(charge, "changelist"), HISTORY, charge.pk)


def _charge_offence():
    charge = factories.ChargeFactory(article=None, described_as="abuse of power")
    return Shown(admin_url(charge, "changelist"), "abuse of power (no article given)", charge.pk)


def _charge_event_occurred():
    event = factories.ChargeEventFactory(occurred_on=date(2011, 9, 1), occurred_precision="month")
    return Shown(admin_url(event, "changelist"), "September 2011", event.pk)


def _detention_started():
    detention = factories.DetentionFactory(started_on=date(2011, 12, 17))
    return Shown(admin_url(detention, "changelist"), "17 December 2011", detention.pk)


def _detention_ended():
    detention = factories.DetentionFactory(ended_on=date(2012, 6, 1), ended_precision="month")
    return Shown(admin_url(detention, "changelist"), "June 2012", detention.pk)


def _hearing_held():
    hearing = factories.HearingFactory(held_on=date(2012, 6, 4))
    return Shown(admin_url(hearing, "changelist"), "4 June 2012", hearing.pk)


def _outcome_sentence_terms():
    sentence = factories.SentenceFactory(prison_months=60, regime=Sentence.Regime.STRICT)
    outcome = sentence.outcome
    return Shown(admin_url(outcome, "changelist"), "5 years in prison (strict regime)", outcome.pk)


def _sentence_terms_as_its_name():
    sentence = factories.SentenceFactory(
        prison_months=None, suspended_months=24, probation_months=12
    )
    text = "2 years suspended, 1 year probation"
    return Shown(admin_url(sentence, "changelist"), text, sentence.pk)


def _group_by_its_label():
    group = factories.GroupFactory(public_label="oil workers sentenced in Aktau")
    return Shown(admin_url(group, "changelist"), "oil workers sentenced in Aktau", group.pk)


def _affiliation_started():
    affiliation = factories.AffiliationFactory(
        started_on=date(2009, 1, 1), started_precision="year"
    )
    return Shown(admin_url(affiliation, "changelist"), "2009", affiliation.pk)


def _affiliation_ended():
    affiliation = factories.AffiliationFactory(
        started_on=date(2009, 1, 1), started_precision="year", ended_on=date(2011, 12, 16)
    )
    return Shown(admin_url(affiliation, "changelist"), "16 December 2011", affiliation.pk)


def _designation_designated():
    designation = factories.DesignationFactory(
        designated_on=date(2012, 8, 1), designated_precision="month"
    )
    return Shown(admin_url(designation, "changelist"), "August 2012", designation.pk)


def _incident_started():
    incident = factories.IncidentFactory(started_on=date(2011, 12, 16))
    return Shown(admin_url(incident, "changelist"), "16 December 2011", incident.pk)


def _incident_killed():
    incident = factories.IncidentCountFactory(kind="killed", minimum=16).incident
    return Shown(admin_url(incident, "changelist"), "at least 16", incident.pk)


def _incident_detained():
    incident = factories.IncidentCountFactory(kind="detained", minimum=37, maximum=37).incident
    return Shown(admin_url(incident, "changelist"), "37", incident.pk)


def _incident_count_bounds():
    count = factories.IncidentCountFactory(
        kind="participants", minimum=5000, maximum=5000, approximate=True
    )
    return Shown(admin_url(count, "changelist"), "about 5,000", count.pk)


def _source_citation_count():
    source = factories.SourceDocumentFactory()
    factories.CitationFactory.create_batch(2, source=source)
    return Shown(admin_url(source, "changelist"), "2", source.pk)


def _source_published():
    source = factories.SourceDocumentFactory(
        published_on=date(2011, 10, 1), published_precision="month"
    )
    return Shown(admin_url(source, "changelist"), "October 2011", source.pk)


def _citation_record_link():
    person = factories.PersonFactory(name="Roza Tuletaeva")
    detention = factories.DetentionFactory(person=person, started_on=date(2011, 12, 17))
    citation = factories.CitationFactory(record=detention)
    factories.CitationFactory(record=factories.HearingFactory())  # another kind of record
    return Shown(
        admin_url(citation, "changelist"),
        "Roza Tuletaeva: pre-trial custody from 17 December 2011",
        citation.pk,
        link=admin_url(detention),
    )


def _reading_record_link():
    person = factories.PersonFactory(name="Roza Tuletaeva")
    detention = factories.DetentionFactory(person=person, started_on=date(2011, 12, 17))
    reading = factories.ReadingFactory(record=detention, attribute="started_on")
    factories.ReadingFactory()  # another kind of record
    return Shown(
        admin_url(reading, "changelist"),
        "Roza Tuletaeva: pre-trial custody from 17 December 2011",
        reading.pk,
        link=admin_url(detention),
    )


def _person_redirect_target():
    redirect = factories.PersonRedirectFactory(person__name="Roza Tuletaeva")
    return Shown(
        admin_url(redirect, "changelist"),
        "Roza Tuletaeva",
        redirect.pk,
        link=admin_url(redirect.person),
    )


def _proposed_summary():
    return factories.PendingChangeFactory(
        record=factories.PersonFactory(name="Roza Tuletaeva", summary="As reported.")
    )


def _pending_change_name():
    change = _proposed_summary()
    return Shown(admin_url(change, "changelist"), f"#{change.pk} Roza Tuletaeva", change.pk)


def _import_job_name():
    job = factories.ImportJobFactory(records="detentions", state="running")
    return Shown(admin_url(job, "changelist"), f"Import #{job.pk} of detentions (running)", job.pk)


def _import_job_progress():
    job = factories.ImportJobFactory(state="running", rows_total=3000, rows_done=1200)
    return Shown(admin_url(job, "changelist"), "1,200 of 3,000 rows", job.pk)


CHANGELIST_COLUMNS = {
    "LegalArticleAdmin.__str__": _legal_article_name,
    "LegalArticleAdmin.charge_count": _legal_article_charge_count,
    "CaseAdmin.defendant_count": _case_defendant_count,
    "CaseAdmin.opened": _case_opened,
    "ChargeAdmin.history": _charge_history,
    "ChargeAdmin.offence": _charge_offence,
    "ChargeEventAdmin.occurred": _charge_event_occurred,
    "DetentionAdmin.started": _detention_started,
    "DetentionAdmin.ended": _detention_ended,
    "HearingAdmin.held": _hearing_held,
    "OutcomeAdmin.sentence_terms": _outcome_sentence_terms,
    "SentenceAdmin.__str__": _sentence_terms_as_its_name,
    "PersonAdmin.__str__": _group_by_its_label,
    "AffiliationAdmin.started": _affiliation_started,
    "AffiliationAdmin.ended": _affiliation_ended,
    "DesignationAdmin.designated": _designation_designated,
    "IncidentAdmin.started": _incident_started,
    "IncidentAdmin.killed": _incident_killed,
    "IncidentAdmin.detained": _incident_detained,
    "IncidentCountAdmin.bounds": _incident_count_bounds,
    "SourceDocumentAdmin.citation_count": _source_citation_count,
    "SourceDocumentAdmin.published": _source_published,
    "CitationAdmin.record_link": _citation_record_link,
    "ReadingAdmin.record_link": _reading_record_link,
    "PersonRedirectAdmin.target": _person_redirect_target,
    "PendingChangeAdmin.__str__": _pending_change_name,
    "ImportJobAdmin.__str__": _import_job_name,
    "ImportJobAdmin.progress": _import_job_progress,
}


# What the change pages show: read-only fields of the form and of inline rows.


def _person_page_charge_history():
    charge = _charge_with_history()
    return Shown(admin_url(charge.defendant), HISTORY, charge.pk)


def _person_page_sentence_terms():
    outcome = factories.SentenceFactory(prison_months=60).outcome
    return Shown(admin_url(outcome.defendant), "5 years in prison", outcome.pk)


def _case_page_charge_history():
    charge = _charge_with_history()
    return Shown(admin_url(charge.case), HISTORY, charge.pk)


def _case_hearing():
    return factories.HearingFactory(
        case__title="Striking oil workers on trial",
        court__name="Aktau city court",
        held_on=date(2012, 6, 4),
    )


def _case_page_hearing_link():
    hearing = _case_hearing()
    return Shown(
        admin_url(hearing.case),
        "Striking oil workers on trial: first instance, Aktau city court, 4 June 2012",
        hearing.pk,
        link=admin_url(hearing),
    )


def _case_page_hearing_held():
    hearing = _case_hearing()
    return Shown(admin_url(hearing.case), "4 June 2012", hearing.pk)


def _hearing_page_sentence_terms():
    outcome = factories.SentenceFactory(prison_months=18).outcome
    return Shown(admin_url(outcome.hearing), "1 year 6 months in prison", outcome.pk)


def _source_page_records_citing_it():
    source = factories.SourceDocumentFactory()
    person = factories.PersonFactory(name="Roza Tuletaeva")
    detention = factories.DetentionFactory(person=person, started_on=date(2011, 12, 17))
    factories.CitationFactory(
        source=source, record=detention, locator="§4 ¶37", summary="Held from the 17th."
    )
    return Shown(
        admin_url(source),
        "detention Roza Tuletaeva: pre-trial custody from 17 December 2011 §4 ¶37 "
        "Held from the 17th.",
        link=admin_url(detention),
    )


def _pending_change_record_link():
    change = _proposed_summary()
    return Shown(admin_url(change), "Roza Tuletaeva", link=admin_url(change.record))


def _pending_change_diff():
    change = _proposed_summary()
    return Shown(
        admin_url(change),
        "change Roza Tuletaeva field now proposed summary As reported. A proposed summary.",
    )


def _import_job_result():
    job = factories.ImportJobFactory(
        state="done", finished_at=timezone.now(), totals={"new": 2800, "update": 150, "skip": 50}
    )
    return Shown(admin_url(job), "2,800 new, 150 updated, 50 unchanged")


def _import_job_refused():
    job = factories.ImportJobFactory(
        state="failed",
        finished_at=timezone.now(),
        errors=[
            {"row": None, "messages": ["Unknown columns: foo.", "Nothing was imported."]},
            {"row": 7, "messages": ["anonymity: Only an editor may change it."]},
        ],
    )
    return Shown(
        admin_url(job),
        "row why file Unknown columns: foo. Nothing was imported. "
        "7 anonymity: Only an editor may change it.",
    )


CHANGE_PAGE_FIELDS = {
    "PersonChargeInline.history": _person_page_charge_history,
    "PersonOutcomeInline.sentence_terms": _person_page_sentence_terms,
    "CaseChargeInline.history": _case_page_charge_history,
    "CaseHearingInline.hearing_link": _case_page_hearing_link,
    "CaseHearingInline.held": _case_page_hearing_held,
    "HearingOutcomeInline.sentence_terms": _hearing_page_sentence_terms,
    "SourceDocumentAdmin.supports": _source_page_records_citing_it,
    "PendingChangeAdmin.record_link": _pending_change_record_link,
    "PendingChangeAdmin.diff": _pending_change_diff,
    "ImportJobAdmin.result": _import_job_result,
    "ImportJobAdmin.refused": _import_job_refused,
}

# The person's status, days deprived of liberty and expected release (added by cases.admin).
TESTED_IN_TEST_PAGES = {
    "PersonAdmin.current_status",
    "PersonAdmin.days_detained",
    "PersonAdmin.expected_release",
}


def _assert_shown(editor, field: str, shown: Shown) -> None:
    response = editor.get(shown.page)
    assert response.status_code == 200
    cells = field_cells(response.content.decode(), field, shown.row)
    assert [_text(cell) for cell in cells] == [shown.text]
    if shown.link is not None:
        assert [link.get("href") for link in cells[0].iter("a")] == [shown.link]


@pytest.mark.parametrize(("key", "build"), CHANGELIST_COLUMNS.items(), ids=CHANGELIST_COLUMNS)
def test_changelist_column_shows_the_derived_value(editor, key, build):
    _assert_shown(editor, key.split(".")[1], build())


@pytest.mark.parametrize(("key", "build"), CHANGE_PAGE_FIELDS.items(), ids=CHANGE_PAGE_FIELDS)
def test_change_page_shows_the_derived_value(editor, key, build):
    _assert_shown(editor, key.split(".")[1], build())


def _is_field(model, name) -> bool:
    if callable(name):
        return False
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def derived_fields_in_the_admin() -> set[str]:
    """``Admin.name`` of every list column and read-only field that is not a model field."""
    request = RequestFactory().get("/")
    found = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        names = [*model_admin.get_list_display(request), *model_admin.get_readonly_fields(request)]
        found |= {f"{type(model_admin).__name__}.{n}" for n in names if not _is_field(model, n)}
        for inline_class in model_admin.get_inlines(request, None):
            inline = inline_class(model, admin.site)
            found |= {
                f"{inline_class.__name__}.{name}"
                for name in inline.get_readonly_fields(request)
                if not _is_field(inline.model, name)
            }
    return found


def test_every_derived_field_of_the_admin_has_a_test_of_its_text():
    tested = set(CHANGELIST_COLUMNS) | set(CHANGE_PAGE_FIELDS) | TESTED_IN_TEST_PAGES
    assert derived_fields_in_the_admin() == tested
