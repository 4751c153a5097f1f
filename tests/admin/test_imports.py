"""CSV import and export: matching rows update, one bad row refuses the whole file."""

import tablib
from django.urls import reverse

from cases.models import Detention, Hearing
from cases.resources import DetentionResource, HearingResource
from casetracker.publication import Status
from people.models import Person
from people.resources import PersonResource
from tests import factories
from tests.admin.importing import confirm, upload


def csv(text: str) -> tablib.Dataset:
    return tablib.Dataset().load(text.strip() + "\n", format="csv")


def test_a_person_import_updates_by_slug_and_adds_the_new(editor_user):
    factories.PersonFactory(slug="roza-tuletaeva", name="Roza Tuletaeva", summary="Old.")
    data = csv(
        """
slug,name,native_name,anonymity,public_label,summary,status,visibility
roza-tuletaeva,Roza Tuletaeva,Роза Тулетаева,named,,Oil worker and strike leader.,draft,public
natalia-azhigalieva,Natalia Azhigalieva,,named,,Journalist.,published,public
"""
    )
    result = PersonResource().import_data(
        data, rollback_on_validation_errors=True, user=editor_user
    )
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert Person.objects.count() == 2
    roza = Person.objects.get(slug="roza-tuletaeva")
    assert (roza.summary, roza.native_name) == ("Oil worker and strike leader.", "Роза Тулетаева")
    # Workflow columns are exported, never imported: the updated record stays published and
    # the new one arrives as a draft, whatever the file says.
    assert roza.status == Status.PUBLISHED
    assert Person.objects.get(slug="natalia-azhigalieva").status == Status.DRAFT


def test_a_detention_import_updates_the_matching_detention(editor_user):
    person = factories.PersonFactory(slug="roza-tuletaeva")
    detention = factories.DetentionFactory(person=person, started_on="2012-01-23", facility="")
    factories.PlaceFactory(slug="aktau")
    data = csv(
        """
person,kind,started_on,started_precision,ended_on,ended_precision,case,place,authority,facility,ended_reason
roza-tuletaeva,pre_trial,2012-01-23,day,2012-06-04,day,,aktau,,Aktau pre-trial centre,sentenced
"""
    )
    result = DetentionResource().import_data(
        data, rollback_on_validation_errors=True, user=editor_user
    )
    assert not result.has_errors()
    assert not result.has_validation_errors()
    detention.refresh_from_db()
    assert Detention.objects.count() == 1
    assert detention.facility == "Aktau pre-trial centre"
    assert detention.place.slug == "aktau"
    assert str(detention.ended_on) == "2012-06-04"


def test_one_bad_row_refuses_the_whole_file(editor_user):
    factories.PersonFactory(slug="roza-tuletaeva")
    data = csv(
        """
person,kind,started_on,started_precision,ended_on,ended_precision,case,place,authority,facility,ended_reason
roza-tuletaeva,pre_trial,2012-01-23,day,,day,,,,,
roza-tuletaeva,administrative_arrest,2011-12-20,day,2011-12-01,day,,,,,
"""
    )
    result = DetentionResource().import_data(
        data, rollback_on_validation_errors=True, user=editor_user
    )
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "is before the start" in str(invalid.error_dict)
    assert not Detention.objects.exists()


def test_hearing_import_matches_case_court_instance_and_date(editor_user):
    case = factories.CaseFactory(slug="zhanaozen-strikers")
    court = factories.CourtFactory(slug="aktau-city-court")
    hearing = factories.HearingFactory(case=case, court=court, held_on="2012-06-04", summary="")
    data = csv(
        """
case,court,instance,held_on,held_precision,judge,closed_to_public,lawyer_present,summary
zhanaozen-strikers,aktau-city-court,first,2012-06-04,day,,0,1,Verdict for 37 defendants.
"""
    )
    result = HearingResource().import_data(
        data, rollback_on_validation_errors=True, user=editor_user
    )
    assert not result.has_errors()
    assert not result.has_validation_errors()
    hearing.refresh_from_db()
    assert Hearing.objects.count() == 1
    assert hearing.summary == "Verdict for 37 defendants."
    assert hearing.lawyer_present is True


def test_the_admin_previews_errors_per_row_and_writes_nothing(researcher):
    factories.PersonFactory(slug="roza-tuletaeva")
    response = upload(
        researcher,
        "cases_detention",
        """
person,kind,started_on,started_precision,ended_on,ended_precision
roza-tuletaeva,pre_trial,2012-01-23,day,,day
nobody-known,pre_trial,2012-01-23,day,,day
""",
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors() or result.has_errors()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Detention.objects.exists()


def test_the_admin_imports_after_a_clean_preview(researcher):
    factories.PersonFactory(slug="roza-tuletaeva", summary="Old.", status=Status.DRAFT)
    text = """
slug,name,native_name,anonymity,public_label,summary
roza-tuletaeva,Roza Tuletaeva,,named,,New.
"""
    preview = upload(researcher, "people_person", text)
    assert preview.status_code == 200
    assert confirm(researcher, "people_person", preview).status_code == 302
    assert Person.objects.get().summary == "New."


def test_export_lists_people(editor):
    factories.PersonFactory(slug="roza-tuletaeva")
    response = editor.post(
        reverse("admin:people_person_export"),
        {"format": "0", **{f"personresource_{name}": "on" for name in ["slug", "name", "status"]}},
    )
    assert response.status_code == 200
    assert "roza-tuletaeva" in response.content.decode()
