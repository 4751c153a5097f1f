"""A hearing's panel of judges in the admin: an inline on the hearing, reviewed like any edit."""

import pytest
from django.urls import reverse

from cases.models import HearingJudge
from casetracker.models import PendingChange
from casetracker.moderation import accept
from tests import factories
from tests.admin.editing import form_values

pytestmark = pytest.mark.django_db


def change_page(hearing) -> str:
    return reverse("admin:cases_hearing_change", args=[hearing.pk])


def with_panel(client, hearing, *seats, keep=0):
    """The hearing's form as the browser posts it, with ``seats`` (judge, presiding) added as
    new rows of the panel after the ``keep`` rows it shows."""
    data = form_values(client.get(change_page(hearing)))
    for index, (judge, presiding) in enumerate(seats, start=keep):
        data[f"panel-{index}-judge"] = str(judge.pk)
        if presiding:
            data[f"panel-{index}-presiding"] = "on"
    data["panel-TOTAL_FORMS"] = str(keep + len(seats))
    return data


def panel_of(hearing) -> list[tuple[str, bool]]:
    return [(seat.judge.name, seat.presiding) for seat in hearing.panel.all()]


def test_the_hearing_page_has_the_panel_with_an_autocomplete(editor):
    hearing = factories.HearingFactory()
    factories.HearingJudgeFactory(hearing=hearing, presiding=True)
    body = editor.get(change_page(hearing)).content.decode()
    assert 'name="panel-0-judge"' in body
    assert "admin-autocomplete" in body


def test_an_editor_names_a_panel(editor):
    hearing = factories.HearingFactory()
    chair, member = factories.PersonFactory(name="A Chair"), factories.PersonFactory(name="B")
    response = editor.post(
        change_page(hearing), with_panel(editor, hearing, (member, False), (chair, True))
    )
    assert response.status_code == 302
    assert panel_of(hearing) == [("A Chair", True), ("B", False)]
    assert list(hearing.judges.order_by("name")) == [chair, member]


def test_two_presiding_judges_are_refused_on_the_form(editor):
    hearing = factories.HearingFactory()
    one, two = factories.PersonFactory(), factories.PersonFactory()
    response = editor.post(
        change_page(hearing), with_panel(editor, hearing, (one, True), (two, True))
    )
    assert response.status_code == 200
    assert "A panel has one presiding judge." in response.content.decode()
    assert not HearingJudge.objects.exists()


def test_a_judge_is_on_a_panel_once(editor):
    hearing = factories.HearingFactory()
    judge = factories.PersonFactory()
    response = editor.post(
        change_page(hearing), with_panel(editor, hearing, (judge, True), (judge, False))
    )
    assert response.status_code == 200
    assert not HearingJudge.objects.exists()


def test_a_researchers_panel_for_a_published_hearing_waits_for_an_editor(
    researcher, editor_user, reader
):
    hearing = factories.HearingFactory()
    judge = factories.PersonFactory(name="Zhanar Abenova")
    response = researcher.post(change_page(hearing), with_panel(researcher, hearing, (judge, True)))
    assert response.status_code == 302
    assert not HearingJudge.objects.exists()
    assert "Zhanar Abenova" not in reader.get(hearing.get_absolute_url()).content.decode()

    accept(PendingChange.objects.get(), by=editor_user)

    assert panel_of(hearing) == [("Zhanar Abenova", True)]
    assert "Zhanar Abenova (presiding)" in reader.get(hearing.get_absolute_url()).content.decode()


def test_a_researchers_change_of_who_presides_waits_and_only_an_editor_removes_a_judge(
    researcher, editor, editor_user
):
    hearing = factories.HearingFactory()
    seat = factories.HearingJudgeFactory(hearing=hearing, presiding=True)
    data = with_panel(researcher, hearing, keep=1)
    del data["panel-0-presiding"]
    data["panel-0-DELETE"] = "on"  # researchers delete nothing: the tick is not theirs to give
    assert researcher.post(change_page(hearing), data).status_code == 302
    seat.refresh_from_db()
    assert seat.presiding

    accept(PendingChange.objects.get(), by=editor_user)
    seat.refresh_from_db()
    assert not seat.presiding

    data = with_panel(editor, hearing, keep=1)
    data["panel-0-DELETE"] = "on"
    assert editor.post(change_page(hearing), data).status_code == 302
    assert not HearingJudge.objects.exists()


def test_a_researcher_names_the_panel_of_a_draft_hearing_at_once(researcher):
    hearing = factories.HearingFactory(status="draft")
    judge = factories.PersonFactory(name="Ainur Sadykova")
    response = researcher.post(change_page(hearing), with_panel(researcher, hearing, (judge, True)))
    assert response.status_code == 302
    assert panel_of(hearing) == [("Ainur Sadykova", True)]
    assert not PendingChange.objects.exists()
