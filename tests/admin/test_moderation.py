"""A researcher alone can put nothing on the public site: editor-only fields and pending changes.

Each test drives the admin as the researcher who found the hole did: a real POST of the change
form, with the values a browser would send (``form_values``) and the one field changed.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from cases.models import Charge, ChargeEvent
from casetracker.models import AuditEntry, PendingChange
from casetracker.moderation import ProposalError, accept, is_live
from events.models import Incident
from people.models import Person, PersonName
from tests import factories
from tests.admin.editing import form_values

pytestmark = pytest.mark.django_db


def change_page(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def post_change(client, record, **changes):
    url = change_page(record)
    return client.post(url, {**form_values(client.get(url)), **changes})


def field_errors(response, name: str) -> list[str]:
    assert response.status_code == 200, "the save was not refused"
    return list(response.context["adminform"].form.errors.get(name, []))


# Hole 1 and 2: visibility, anonymity, the public label and a published status are editors' own.


@pytest.mark.parametrize(
    ("factory", "field", "value"),
    [
        (lambda: factories.PersonFactory(visibility="restricted"), "visibility", "public"),
        (lambda: factories.IncidentFactory(visibility="restricted"), "visibility", "public"),
        (
            lambda: factories.PersonFactory(anonymity="minor", public_label="a 12-year-old boy"),
            "anonymity",
            "named",
        ),
        (
            lambda: factories.PersonFactory(anonymity="minor", public_label="a 12-year-old boy"),
            "public_label",
            "Real Name",
        ),
        (lambda: factories.PersonFactory(), "status", "draft"),
        (lambda: factories.PersonFactory(status="in_review"), "visibility", "restricted"),
    ],
    ids=["person-visibility", "incident-visibility", "anonymity", "label", "status", "draft"],
)
def test_a_researcher_cannot_change_an_editor_only_field(
    researcher, researcher_user, reader, factory, field, value
):
    record = factory()
    before = reader.get(record.get_absolute_url()).status_code

    refused = post_change(researcher, record, **{field: value})

    assert field_errors(refused, field) == ["Only an editor can change this."]
    stored = type(record).objects.get(pk=record.pk)
    assert getattr(stored, field) == getattr(record, field)
    assert not PendingChange.objects.exists()
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.action, entry.object_id) == (
        researcher_user,
        AuditEntry.Action.REFUSED,
        record.pk,
    )
    assert field in entry.detail
    assert reader.get(record.get_absolute_url()).status_code == before


def test_the_researcher_sees_those_fields_disabled(researcher):
    person = factories.PersonFactory(anonymity="minor", public_label="a 12-year-old boy")
    form = researcher.get(change_page(person)).context["adminform"].form
    assert all(form.fields[name].disabled for name in ("status", "visibility", "anonymity"))
    assert form.fields["public_label"].disabled


def test_an_editor_changes_them(editor, reader):
    person = factories.PersonFactory(visibility="restricted")
    assert reader.get(person.get_absolute_url()).status_code == 404
    assert post_change(editor, person, visibility="public").status_code == 302
    assert reader.get(person.get_absolute_url()).status_code == 200


def test_a_researcher_may_anonymise_a_new_person(researcher):
    add = reverse("admin:people_person_add")
    data = {
        **form_values(researcher.get(add)),
        "name": "Real Name",
        "slug": "real-name",
        "anonymity": "minor",
        "public_label": "a 16-year-old",
        "not_a_duplicate": "on",
        "status": "draft",
    }
    response = researcher.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get()
    assert (person.anonymity, person.public_label) == ("minor", "a 16-year-old")


# Hole 5: a researcher's change to what readers see waits for an editor.


def test_a_researchers_edit_of_a_published_person_waits_for_an_editor(
    researcher, researcher_user, editor, editor_user, reader
):
    person = factories.PersonFactory(summary="As reported.")
    response = post_change(researcher, person, summary="Unreviewed words.")

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.summary == "As reported."
    assert "Unreviewed words." not in reader.get(person.get_absolute_url()).content.decode()
    change = PendingChange.objects.get()
    assert (change.proposed_by, change.state, change.object_id) == (
        researcher_user,
        "pending",
        person.pk,
    )
    # The researcher's page says what happened and lists the proposal.
    page = researcher.get(change_page(person))
    assert "Proposed changes waiting for an editor" in page.content.decode()

    review = editor.get(reverse("admin:casetracker_pendingchange_change", args=[change.pk]))
    diff = review.content.decode()
    assert "As reported." in diff
    assert "Unreviewed words." in diff
    decided = editor.post(
        reverse("admin:casetracker_pendingchange_decide", args=[change.pk]),
        {"decision": "accept"},
    )
    assert decided.status_code == 302

    person.refresh_from_db()
    assert person.summary == "Unreviewed words."
    assert "Unreviewed words." in reader.get(person.get_absolute_url()).content.decode()
    change.refresh_from_db()
    assert (change.state, change.decided_by) == ("accepted", editor_user)
    latest = Version.objects.get_for_object(person).order_by("-pk").first()
    assert latest.revision.user == editor_user
    assert f"Accepted proposal #{change.pk}" in latest.revision.comment


def test_a_rejected_change_leaves_the_record_as_it_was(researcher, editor, reader):
    person = factories.PersonFactory(summary="As reported.")
    post_change(researcher, person, summary="Unreviewed words.")
    change = PendingChange.objects.get()

    editor.post(
        reverse("admin:casetracker_pendingchange_decide", args=[change.pk]),
        {"decision": "reject", "note": "Not in the source."},
    )

    change.refresh_from_db()
    assert (change.state, change.decision_note) == ("rejected", "Not in the source.")
    person.refresh_from_db()
    assert person.summary == "As reported."
    with pytest.raises(ProposalError):
        accept(change, by=change.decided_by)


def test_a_researcher_cannot_decide(researcher):
    change = factories.PendingChangeFactory()
    url = reverse("admin:casetracker_pendingchange_decide", args=[change.pk])
    assert researcher.post(url, {"decision": "accept"}).status_code == 403
    change.refresh_from_db()
    assert change.state == "pending"


def test_a_researcher_sees_only_their_own_proposals(researcher, researcher_user):
    mine = factories.PendingChangeFactory(proposed_by=researcher_user)
    factories.PendingChangeFactory()
    listed = researcher.get(reverse("admin:casetracker_pendingchange_changelist"))
    assert list(listed.context["cl"].result_list) == [mine]


def test_a_researcher_cannot_read_the_audit_log(researcher):
    factories.AuditEntryFactory()
    url = reverse("admin:casetracker_auditentry_changelist")
    assert researcher.get(url).status_code == 403


def test_accepting_over_a_newer_change_is_refused(researcher, editor):
    person = factories.PersonFactory(summary="As reported.")
    post_change(researcher, person, summary="Proposed words.")
    change = PendingChange.objects.get()
    assert post_change(editor, person, summary="The editor's own words.").status_code == 302

    response = editor.post(
        reverse("admin:casetracker_pendingchange_decide", args=[change.pk]),
        {"decision": "accept"},
        follow=True,
    )

    assert "changed since this was proposed" in response.content.decode()
    person.refresh_from_db()
    assert person.summary == "The editor's own words."
    change.refresh_from_db()
    assert change.state == "pending"


def test_an_inline_row_added_to_a_published_person_waits_too(researcher, editor_user, reader):
    person = factories.PersonFactory()
    response = post_change(
        researcher,
        person,
        **{"names-TOTAL_FORMS": "1", "names-0-name": "Zzproposed", "names-0-script": "latin"},
    )
    assert response.status_code == 302
    assert not PersonName.objects.exists()
    search = reader.get(reverse("search"), {"q": "Zzproposed"})
    assert not any(group.hits for group in search.context["groups"])

    accept(PendingChange.objects.get(), by=editor_user)
    assert PersonName.objects.get().name == "Zzproposed"


def test_a_new_row_and_its_own_rows_are_added_on_acceptance(researcher, editor_user):
    """A charge added on its own page, with a step: the step points at the charge once made."""
    case = factories.CaseFactory()
    defendant = factories.PersonFactory()
    case.defendants.add(defendant)
    article = factories.LegalArticleFactory()
    add = reverse("admin:cases_charge_add")
    data = {
        **form_values(researcher.get(add)),
        "case": case.pk,
        "defendant": defendant.pk,
        "article": article.pk,
        "events-TOTAL_FORMS": "1",
        "events-0-status": "brought",
        "events-0-occurred_on": "2011-12-20",
        "events-0-occurred_precision": "day",
    }
    assert researcher.post(add, data).status_code == 302
    assert not Charge.objects.exists()

    accept(PendingChange.objects.get(), by=editor_user)

    charge = Charge.objects.get()
    assert (charge.case, charge.defendant, charge.article) == (case, defendant, article)
    assert ChargeEvent.objects.get().charge == charge


def test_a_researchers_draft_saves_at_once(researcher):
    person = factories.PersonFactory(status="in_review", summary="As reported.")
    assert post_change(researcher, person, summary="Draft words.").status_code == 302
    person.refresh_from_db()
    assert person.summary == "Draft words."
    assert not PendingChange.objects.exists()


@pytest.mark.parametrize(
    ("build", "live"),
    [
        (lambda: factories.PersonFactory(), True),
        (lambda: factories.PersonFactory(visibility="restricted"), True),
        (lambda: factories.PersonFactory(status="in_review"), False),
        (lambda: factories.PersonNameFactory(person__status="draft"), False),
        (lambda: factories.ChargeFactory(case__status="draft"), False),
        (lambda: factories.ChargeFactory(), True),
        (lambda: factories.CitationFactory(record=factories.CaseFactory(status="draft")), False),
        (lambda: factories.CitationFactory(source=factories.SourceDocumentFactory()), True),
        (lambda: factories.LegalArticleFactory(), True),
    ],
)
def test_what_counts_as_live(build, live):
    assert is_live(build()) is live


def test_an_editors_edit_is_saved_at_once(editor):
    incident = factories.IncidentFactory(summary="As reported.")
    assert post_change(editor, incident, summary="Edited.").status_code == 302
    assert Incident.objects.get().summary == "Edited."
    assert not PendingChange.objects.exists()
