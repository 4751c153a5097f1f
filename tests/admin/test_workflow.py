"""Who may publish, what may be published, and the history that keeps every change."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from reversion.models import Version

from cases.models import Detention
from casetracker.publication import Status
from people.models import Person
from tests import factories
from tests.admin.editing import opened

PERSON_FORM = {
    "name": "Roza Tuletaeva",
    "native_name": "",
    "slug": "roza-tuletaeva",
    "summary": "",
    "anonymity": "named",
    "public_label": "",
    "kind": "individual",
    "visibility": "public",
    "not_a_duplicate": "on",
}
EMPTY_INLINES = {
    f"{prefix}-{key}": value
    for prefix in [
        "names", "affiliations", "designations", "detentions", "charges", "outcomes",
        "involvements", "casetracker-citation-content_type-object_id",
    ]
    for key, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]
}  # fmt: skip


def changelist(model: str) -> str:
    return reverse(f"admin:{model}_changelist")


def act(client, model: str, action: str, *records):
    return client.post(
        changelist(model),
        {"action": action, ACTION_CHECKBOX_NAME: [record.pk for record in records]},
        follow=True,
    )


def offered_actions(client, model: str) -> set[str]:
    form = client.get(changelist(model)).context["action_form"]
    return {value for value, _label in form.fields["action"].choices if value} if form else set()


def test_anonymous_users_are_sent_to_login(db, reader):
    person = factories.PersonFactory()
    for url in [
        changelist("people_person"),
        reverse("admin:people_person_change", args=[person.pk]),
    ]:
        response = reader.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_researcher_is_not_offered_publishing(researcher):
    response = researcher.get(reverse("admin:people_person_add"))
    assert [
        value for value, _label in response.context["adminform"].form.fields["status"].choices
    ] == [
        "draft",
        "in_review",
    ]
    assert offered_actions(researcher, "people_person") == set()


def test_researcher_cannot_publish_by_posting(researcher):
    response = researcher.post(
        reverse("admin:people_person_add"), {**PERSON_FORM, **EMPTY_INLINES, "status": "published"}
    )
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Person.objects.exists()


def test_researcher_cannot_publish_by_action(researcher):
    person = factories.PersonFactory(status=Status.IN_REVIEW)
    act(researcher, "people_person", "publish", person)
    person.refresh_from_db()
    assert person.status == Status.IN_REVIEW


def test_researcher_sees_a_published_record_status_read_only(researcher):
    person = factories.PersonFactory()
    response = researcher.get(reverse("admin:people_person_change", args=[person.pk]))
    assert response.context["adminform"].form.fields["status"].disabled


def test_researcher_adds_a_draft(researcher):
    response = researcher.post(
        reverse("admin:people_person_add"), {**PERSON_FORM, **EMPTY_INLINES, "status": "in_review"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Person.objects.get().status == Status.IN_REVIEW


def test_editor_publishes_and_unpublishes(editor):
    person = factories.PersonFactory(status=Status.IN_REVIEW)
    act(editor, "people_person", "publish", person)
    person.refresh_from_db()
    assert person.status == Status.PUBLISHED
    assert person.published_at is not None
    act(editor, "people_person", "unpublish", person)
    person.refresh_from_db()
    assert person.status == Status.IN_REVIEW


def test_editor_publishes_on_the_change_form(editor):
    person = factories.PersonFactory(status=Status.DRAFT, name="Roza Tuletaeva")
    data = {**PERSON_FORM, **EMPTY_INLINES, "slug": person.slug, "status": "published"}
    data.pop("not_a_duplicate")
    url = reverse("admin:people_person_change", args=[person.pk])
    response = editor.post(url, {**data, **opened(editor, url)})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == Status.PUBLISHED


def test_a_detention_of_an_unpublished_person_cannot_be_published(editor):
    detention = factories.DetentionFactory(
        status=Status.IN_REVIEW, person=factories.PersonFactory(status=Status.DRAFT)
    )
    response = act(editor, "cases_detention", "publish", detention)
    detention.refresh_from_db()
    assert detention.status == Status.IN_REVIEW
    assert "publish person “" in response.content.decode()

    detention.person.status = Status.PUBLISHED
    detention.person.save()
    act(editor, "cases_detention", "publish", detention)
    detention.refresh_from_db()
    assert detention.status == Status.PUBLISHED


def test_the_change_form_refuses_publishing_under_an_unpublished_case(editor):
    case = factories.CaseFactory(status=Status.DRAFT)
    detention = factories.DetentionFactory(status=Status.IN_REVIEW, case=case)
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    response = editor.post(
        url,
        {
            **opened(editor, url),
            "person": detention.person.pk,
            "case": case.pk,
            "kind": Detention.Kind.PRE_TRIAL,
            "started_on": "2011-09-08",
            "started_precision": "day",
            "ended_precision": "day",
            "status": "published",
            "visibility": "public",
            "casetracker-citation-content_type-object_id-TOTAL_FORMS": "0",
            "casetracker-citation-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["status"]
    assert "Publish case “" in errors[0]
    detention.refresh_from_db()
    assert detention.status == Status.IN_REVIEW


def test_history_shows_the_change_and_an_editor_reverts_it(editor, researcher):
    person = factories.PersonFactory(name="Roza Tuletaeva", status=Status.IN_REVIEW)
    change_url = reverse("admin:people_person_change", args=[person.pk])
    base = {**PERSON_FORM, **EMPTY_INLINES, "slug": person.slug, "status": "in_review"}
    base.pop("not_a_duplicate")
    for summary in ("First account.", "Second account."):
        data = {**base, **opened(researcher, change_url), "summary": summary}
        assert researcher.post(change_url, data).status_code == 302
    versions = Version.objects.get_for_object(person)
    assert versions.count() == 2
    assert versions[0].revision.user.username == "researcher"

    history = editor.get(reverse("admin:people_person_history", args=[person.pk]))
    changes = history.context["history"][0]["changes"]
    assert ("summary", "First account.", "Second account.") in changes

    older = versions[1]
    revert_url = reverse("admin:people_person_revision", args=[person.pk, older.pk])
    assert researcher.get(revert_url).status_code == 403
    data = {**base, **opened(editor, revert_url), "summary": "First account."}
    assert editor.post(revert_url, data).status_code == 302
    person.refresh_from_db()
    assert person.summary == "First account."
    assert Version.objects.get_for_object(person).count() == 3


@pytest.mark.parametrize("model", ["people_person", "cases_detention", "cases_case"])
def test_only_editors_are_offered_publishing_and_deleting(researcher, editor, model):
    assert offered_actions(researcher, model) == set()
    assert {"publish", "unpublish", "delete_selected"} <= offered_actions(editor, model)
