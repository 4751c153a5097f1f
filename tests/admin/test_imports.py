"""CSV import and export: matching rows update, one bad row refuses the whole file."""

import pytest
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
case,court,instance,held_on,held_precision,judges,closed_to_public,lawyer_present,summary
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


PANEL_HEADER = "case,court,instance,held_on,held_precision,judges"


def panel_of(hearing: Hearing) -> list[tuple[str, bool]]:
    return [(seat.judge.slug, seat.presiding) for seat in hearing.panel.all()]


@pytest.fixture
def hearing_to_import(db) -> Hearing:
    for slug in ("abenova", "sadykova", "zhaksylykov"):
        factories.PersonFactory(slug=slug)
    return factories.HearingFactory(
        case=factories.CaseFactory(slug="strikers"),
        court=factories.CourtFactory(slug="aktau-court"),
        held_on="2012-06-04",
    )


def import_panel(user, judges: str):
    data = csv(f"{PANEL_HEADER}\nstrikers,aktau-court,first,2012-06-04,day,{judges}")
    return HearingResource().import_data(data, rollback_on_validation_errors=True, user=user)


@pytest.mark.parametrize(
    ("judges", "panel"),
    [
        (
            "abenova;zhaksylykov;sadykova",
            [("abenova", True), ("sadykova", False), ("zhaksylykov", False)],
        ),
        (" abenova ", [("abenova", True)]),
        (";sadykova;abenova", [("abenova", False), ("sadykova", False)]),
        ("", []),
    ],
    ids=["panel", "one", "no-one-presiding", "none"],
)
def test_the_judges_column_sets_the_panel_presiding_judge_first(
    editor_user, hearing_to_import, judges, panel
):
    factories.HearingJudgeFactory(hearing=hearing_to_import, presiding=True)
    result = import_panel(editor_user, f'"{judges}"')
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert panel_of(hearing_to_import) == panel


def test_the_same_panel_in_another_order_changes_nothing(editor_user, hearing_to_import):
    assert not import_panel(editor_user, "abenova;sadykova;zhaksylykov").has_validation_errors()
    seats = list(hearing_to_import.panel.values_list("pk", flat=True))
    result = import_panel(editor_user, "abenova;zhaksylykov;sadykova")
    assert [row.import_type for row in result.rows] == ["skip"]
    assert list(hearing_to_import.panel.values_list("pk", flat=True)) == seats


@pytest.mark.parametrize(
    ("judges", "error"),
    [
        ("abenova;nobody-known", "No person has the slug nobody-known."),
        ("abenova;sadykova;abenova", "Judges named twice: abenova."),
    ],
)
def test_a_judges_cell_that_names_nobody_or_repeats_is_refused(
    editor_user, hearing_to_import, judges, error
):
    result = import_panel(editor_user, judges)
    [invalid] = result.invalid_rows
    assert error in str(invalid.error_dict)
    assert not hearing_to_import.panel.exists()


def test_a_researcher_cannot_change_a_published_hearings_panel_by_import(
    researcher_user, hearing_to_import
):
    result = import_panel(researcher_user, "abenova")
    [invalid] = result.invalid_rows
    assert "is published: propose changes on its page" in str(invalid.error_dict)
    assert not hearing_to_import.panel.exists()


def test_the_hearing_export_writes_the_panel_as_it_is_imported(hearing_to_import):
    factories.HearingJudgeFactory(
        hearing=hearing_to_import, judge=Person.objects.get(slug="sadykova")
    )
    factories.HearingJudgeFactory(
        hearing=hearing_to_import, judge=Person.objects.get(slug="abenova")
    )
    exported = HearingResource().export(Hearing.objects.all())
    assert exported.dict[0]["judges"] == ";abenova;sadykova"


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
