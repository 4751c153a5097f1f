"""What an import may change: only editors change a record's anonymity or workflow, or touch a
published record; a researcher's row that would is refused, and the whole file with it."""

import logging

import pytest
from reversion.models import Revision

from cases.models import Detention
from casetracker.publication import Status
from people.models import ANONYMOUS_SLUG, Person
from tests import factories
from tests.admin.importing import confirm, refusals, upload

HEADER = "slug,name,native_name,anonymity,public_label,summary"
MINOR = "anon-0123456789"  # an anonymised person's address is made up


@pytest.fixture
def minor(db):
    """An anonymised minor, still a draft so that only the anonymity rule applies."""
    return factories.PersonFactory(
        slug="anon-0123456789",
        name="Real Name",
        anonymity=Person.Anonymity.MINOR,
        public_label="a 16-year-old",
        status=Status.DRAFT,
    )


@pytest.mark.parametrize(
    ("row", "field"),
    [("named,a 16-year-old", "anonymity"), ("minor,a teenager", "public label")],
)
def test_a_researcher_cannot_change_anonymity_by_import(researcher, minor, caplog, row, field):
    with caplog.at_level(logging.WARNING, logger="casetracker.audit"):
        preview = upload(researcher, "people_person", f"{HEADER}\n{MINOR},Real Name,,{row},")
    assert preview.status_code == 200
    assert refusals(preview) == [f"Only an editor may change the {field} of an existing record."]
    minor.refresh_from_db()
    assert (minor.anonymity, minor.public_label) == ("minor", "a 16-year-old")
    [record] = [r for r in caplog.records if r.name == "casetracker.audit"]
    assert f"researcher (user {preview.wsgi_request.user.pk})" in record.getMessage()
    assert f"{field.replace(' ', '_')} of people.Person {minor.pk}" in record.getMessage()


def test_the_whole_file_is_refused_with_the_row(researcher, minor):
    preview = upload(
        researcher,
        "people_person",
        f"{HEADER}\nnew-person,New Person,,named,,\nanon-0123456789,Real Name,,named,,",
    )
    assert preview.context["result"].invalid_rows[0].number == 2
    assert not Person.objects.filter(slug="new-person").exists()


def test_an_editor_may_change_anonymity_by_import(editor, minor):
    preview = upload(editor, "people_person", f"{HEADER}\nanon-0123456789,Real Name,,named,,")
    assert confirm(editor, "people_person", preview).status_code == 302
    minor.refresh_from_db()
    assert minor.anonymity == Person.Anonymity.NAMED


def test_a_researcher_may_anonymise_a_new_person(researcher):
    preview = upload(researcher, "people_person", f"{HEADER}\nminor-2,Real Name,,minor,a boy,")
    assert confirm(researcher, "people_person", preview).status_code == 302
    # Its address is made up on save, like any anonymised person's (not the file's minor-2).
    person = Person.objects.get(public_label="a boy")
    assert ANONYMOUS_SLUG.fullmatch(person.slug)
    assert (person.anonymity, person.public_label, person.status) == ("minor", "a boy", "draft")


def test_a_researcher_cannot_change_a_published_person_by_import(researcher):
    factories.PersonFactory(slug="roza-tuletaeva", name="Roza Tuletaeva", summary="Old.")
    preview = upload(
        researcher, "people_person", f"{HEADER}\nroza-tuletaeva,Roza Tuletaeva,,named,,New."
    )
    assert refusals(preview) == [
        "Roza Tuletaeva is published: propose changes on its page, or ask an editor to import."
    ]
    assert Person.objects.get().summary == "Old."


def test_an_unchanged_row_of_a_published_person_is_not_refused(researcher):
    """A researcher who exports, edits one row and imports the file back is not stopped by the
    published rows left as they were."""
    factories.PersonFactory(slug="roza-tuletaeva", name="Roza Tuletaeva", summary="Same.")
    preview = upload(
        researcher,
        "people_person",
        f"{HEADER}\nroza-tuletaeva,Roza Tuletaeva,,named,,Same.\nnew-person,New Person,,named,,",
    )
    assert confirm(researcher, "people_person", preview).status_code == 302
    assert Person.objects.count() == 2


def test_a_researcher_cannot_change_a_published_detention_by_import(researcher):
    person = factories.PersonFactory(slug="roza-tuletaeva", name="Roza Tuletaeva")
    factories.DetentionFactory(person=person, started_on="2012-01-23", facility="")
    preview = upload(
        researcher,
        "cases_detention",
        "person,kind,started_on,started_precision,facility\n"
        "roza-tuletaeva,pre_trial,2012-01-23,day,Aktau pre-trial centre",
    )
    [message] = refusals(preview)
    assert message.endswith(
        " is published: propose changes on its page, or ask an editor to import."
    )
    assert Detention.objects.get().facility == ""


def test_an_editor_may_change_a_published_person_by_import(editor):
    factories.PersonFactory(slug="roza-tuletaeva", name="Roza Tuletaeva", summary="Old.")
    preview = upload(
        editor, "people_person", f"{HEADER}\nroza-tuletaeva,Roza Tuletaeva,,named,,New."
    )
    assert confirm(editor, "people_person", preview).status_code == 302
    person = Person.objects.get()
    assert (person.summary, person.status) == ("New.", Status.PUBLISHED)


def test_a_record_published_between_preview_and_confirm_is_not_changed(researcher):
    """The confirm step checks again: nothing is written, not even a revision, and the page
    says why instead of "Import finished"."""
    person = factories.PersonFactory(slug="roza-tuletaeva", name="Roza Tuletaeva", summary="Old.")
    Person.objects.filter(pk=person.pk).update(status=Status.DRAFT)
    preview = upload(
        researcher, "people_person", f"{HEADER}\nroza-tuletaeva,Roza Tuletaeva,,named,,New."
    )
    Person.objects.filter(pk=person.pk).update(status=Status.PUBLISHED)  # an editor publishes
    response = confirm(researcher, "people_person", preview)
    assert response["Location"] == "/admin/people/person/import/"
    shown = [str(message) for message in researcher.get(response["Location"]).context["messages"]]
    assert shown == [
        "Row 1: Roza Tuletaeva is published: propose changes on its page, or ask an editor to "
        "import.",
        "Nothing was imported.",
    ]
    assert Person.objects.get().summary == "Old."
    assert not Revision.objects.exists()
