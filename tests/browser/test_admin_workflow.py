"""A researcher enters a person from a report in the admin, an editor publishes, readers see it."""

from __future__ import annotations

import importlib
import re
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Detention, Sentence
from casetracker.publication import Status
from people.models import Person
from tests import factories
from tests.conftest import totp_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff() -> dict[str, User]:
    """A researcher and an editor; the groups come back if an earlier live test flushed them."""
    if not Group.objects.filter(name="Editor").exists():
        migration = importlib.import_module("casetracker.migrations.0003_editorial_groups")
        migration.create_groups(apps, None)
    users = {}
    for username, group in [("researcher", "Researcher"), ("editor", "Editor")]:
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    # Editors must give a second factor: the editor has an authenticator app.
    TOTPDevice.objects.create(user=users["editor"], name="phone", confirmed=True)
    return users


def log_in(page, live_server, username: str) -> None:
    """Password, then (for whoever has an authenticator) the code it shows, as a person would."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        page.wait_for_url(re.compile(r"/admin/two-factor/"))
        page.fill("#id_token", totp_token(device))
        page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def log_out(page, live_server) -> None:
    page.locator("#logout-form button").click()
    page.wait_for_load_state()


def choose(page, row, text: str) -> None:
    """Pick ``text`` in an autocomplete (select2) widget inside ``row``."""
    row.locator(".select2-selection").first.click()
    page.locator(".select2-dropdown .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def add_arrest_of_known_length(
    page, live_server, person: str, *, days: str, certainty: str, started_on: str = ""
) -> None:
    """Enter an administrative arrest of ``days`` days for the person found by ``person``, from
    ``started_on`` (left empty when no source dates it), and save."""
    page.goto(f"{live_server.url}/admin/cases/detention/add/")
    choose(page, page.locator(".field-person"), person)
    page.select_option("#id_kind", "administrative_arrest")
    if started_on:
        page.fill("#id_started_on", started_on)
    page.fill("#id_duration_days", days)
    page.select_option("#id_certainty", certainty)
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{live_server.url}/admin/cases/detention/")


def published_page(page, live_server, person, *records) -> str:
    """Publish ``person`` and ``records`` as an editor would, and read the person's public page."""
    for record in (person, *records):
        type(record).objects.filter(pk=record.pk).update(status=Status.PUBLISHED)
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    return page.locator("main").inner_text()


def add_conviction(
    page, live_server, case_title: str, defendant: str, shortest: str, longest: str
) -> None:
    """Record a conviction with a prison term from `shortest` to `longest` months."""
    page.goto(f"{live_server.url}/admin/cases/outcome/add/")
    choose(page, page.locator(".field-hearing"), case_title)
    choose(page, page.locator(".field-defendant"), defendant)
    page.select_option("#id_verdict", "convicted")
    page.fill("#id_sentence-0-prison_months", shortest)
    page.fill("#id_sentence-0-prison_months_max", longest)
    page.locator("input[name=_save]").click()


def test_researcher_enters_editor_publishes_reader_sees(live_server, page, staff):
    source = factories.SourceDocumentFactory(title="Striking oil workers on trial", key="hrw-2012")

    log_in(page, live_server, "researcher")
    page.goto(f"{live_server.url}/admin/people/person/add/")
    page.fill("#id_name", "Roza Tuletaeva")
    page.select_option("#id_status", "in_review")

    page.get_by_text("Add another Detention").click()
    detention = page.locator("#detentions-0")
    detention.locator("select[name='detentions-0-kind']").select_option("pre_trial")
    detention.locator("input[name='detentions-0-started_on']").fill("2012-01-23")

    page.get_by_text("Add another Citation").click()
    citation = page.locator("#casetracker-citation-content_type-object_id-0")
    choose(page, citation, "Striking oil workers")
    citation.locator("input[name$='-locator']").fill("¶37")
    citation.locator("input[name$='-summary']").fill("Arrested in January 2012.")
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{live_server.url}/admin/people/person/")
    person = Person.objects.get(slug="roza-tuletaeva")
    assert person.status == Status.IN_REVIEW
    assert person.citations.get().source == source
    assert person.detentions.get().status == Status.DRAFT
    log_out(page, live_server)

    assert page.goto(f"{live_server.url}/people/roza-tuletaeva/").status == 404

    log_in(page, live_server, "editor")
    for changelist in ["people/person", "cases/detention"]:
        page.goto(f"{live_server.url}/admin/{changelist}/")
        page.locator("input.action-select").first.check()
        page.select_option("select[name=action]", "publish")
        page.locator("button[name=index]").click()
        page.wait_for_load_state()
        assert page.locator(".messagelist .success").count() == 1
    assert Detention.objects.get().status == Status.PUBLISHED
    log_out(page, live_server)

    response = page.goto(f"{live_server.url}/people/roza-tuletaeva/")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text().startswith("Roza Tuletaeva")
    body = page.locator("main").inner_text()
    assert "2012" in body
    assert "Striking oil workers on trial" in body
    page.screenshot(path="/tmp/admin-workflow-public-page.png", full_page=True)  # noqa: S108


def test_a_researchers_edit_of_a_published_person_waits_for_an_editor(live_server, page, staff):
    person = factories.PersonFactory(name="Roza Tuletaeva", summary="Nurse from Zhanaozen.")
    public = f"{live_server.url}{person.get_absolute_url()}"

    log_in(page, live_server, "researcher")
    page.goto(f"{live_server.url}/admin/people/person/{person.pk}/change/")
    assert page.locator("#id_visibility").is_disabled()
    page.fill("#id_summary", "Nurse and strike spokesperson.")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert "waiting for an editor" in page.locator(".messagelist").inner_text()
    log_out(page, live_server)

    page.goto(public)
    assert "Nurse from Zhanaozen." in page.locator("main").inner_text()
    assert "spokesperson" not in page.locator("main").inner_text()

    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/casetracker/pendingchange/")
    page.get_by_role("link", name=re.compile(r"Roza Tuletaeva")).first.click()
    assert "Nurse and strike spokesperson." in page.locator(".field-diff").inner_text()
    page.get_by_role("button", name="Accept and publish this change").click()
    page.wait_for_load_state()
    assert "Accepted" in page.locator(".messagelist").inner_text()
    log_out(page, live_server)

    page.goto(public)
    assert "Nurse and strike spokesperson." in page.locator("main").inner_text()
    page.screenshot(path="/tmp/admin-moderation-public-page.png", full_page=True)  # noqa: S108


def test_a_researcher_enters_an_arrest_known_only_by_its_length(live_server, page, staff):
    """KIBHR §4c ¶39: five days' administrative arrest, no date of release."""
    person = factories.PersonFactory(name="Dmitrij Tihonov", status=Status.DRAFT)

    log_in(page, live_server, "researcher")
    add_arrest_of_known_length(
        page,
        live_server,
        "Dmitrij Tihonov",
        days="5",
        certainty="reported",
        started_on="2011-08-18",
    )

    detention = Detention.objects.get(person=person)
    assert (detention.ended_on, detention.duration_days) == (None, 5)
    page.goto(f"{live_server.url}/admin/people/person/{person.pk}/change/")
    derived = page.locator(".field-days_detained").inner_text()
    assert "administrative arrest from 18 August 2011: 5 days" in derived
    assert "released (our inference)" in page.locator(".field-current_status").inner_text()

    # A dated end besides the length is refused with the reason, not stored.
    page.goto(f"{live_server.url}/admin/cases/detention/{detention.pk}/change/")
    page.fill("#id_ended_on", "2011-08-23")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert "A dated end says it all" in page.locator(".errorlist").first.inner_text()
    detention.refresh_from_db()
    assert detention.ended_on is None


def test_a_researcher_enters_an_arrest_known_only_by_its_length_and_no_date(
    live_server, page, staff
):
    """KIBHR §4a ¶26: three women reportedly given five days' arrest; no day is reported."""
    group = factories.GroupFactory(
        public_label="women arrested after the road block",
        headcount_min=3,
        headcount_max=3,
        status=Status.DRAFT,
    )

    log_in(page, live_server, "researcher")
    add_arrest_of_known_length(
        page, live_server, "women arrested", days="5", certainty="unconfirmed"
    )

    detention = Detention.objects.get(person=group)
    assert (detention.started_on, detention.ended_on, detention.duration_days) == (None, None, 5)
    page.goto(f"{live_server.url}/admin/people/person/{group.pk}/change/")
    derived = page.locator(".field-days_detained").inner_text()
    assert "administrative arrest (date not known): 5 days" in derived
    log_out(page, live_server)

    body = published_page(page, live_server, group, detention)
    assert "date not known" in body
    assert "5 days detained" in body
    assert "Days in detention\n5 days" in body
    assert "None" not in body


def test_a_researcher_enters_a_groups_sentence_as_a_range_of_terms(live_server, page, staff):
    """LS ¶15: five senior police officers, each given five to seven years on 28 May 2012."""
    group = factories.GroupFactory(
        public_label="senior police officers tried over the shooting",
        headcount_min=5,
        headcount_max=5,
        status=Status.DRAFT,
    )
    case = factories.CaseFactory(title="Five police officers", status=Status.DRAFT)
    case.defendants.add(group)
    factories.HearingFactory(case=case, held_on=date(2012, 5, 28), status=Status.DRAFT)

    log_in(page, live_server, "researcher")
    add_conviction(page, live_server, "Five police officers", "police officers tried", "60", "84")
    page.wait_for_url(f"{live_server.url}/admin/cases/outcome/")
    assert "5 years to 7 years in prison" in page.locator("#result_list").inner_text()
    sentence = Sentence.objects.get(outcome__defendant=group)
    assert (sentence.prison_months, sentence.prison_months_max) == (60, 84)
    log_out(page, live_server)

    body = published_page(page, live_server, group, case, *case.hearings.all())
    assert "People in the group\n5" in body
    assert "5 years to 7 years in prison" in body
    assert "expected release: between 28 May 2017 and 28 May 2019" in body


def test_a_range_of_terms_for_one_person_is_refused_on_the_page(live_server, page, staff):
    person = factories.PersonFactory(name="Roza Tuletaeva", status=Status.DRAFT)
    case = factories.CaseFactory(title="Zhanaozen trial", status=Status.DRAFT)
    case.defendants.add(person)
    factories.HearingFactory(case=case, status=Status.DRAFT)

    log_in(page, live_server, "researcher")
    add_conviction(page, live_server, "Zhanaozen trial", "Roza Tuletaeva", "36", "84")
    page.wait_for_load_state()
    assert "A range of terms is for a group" in page.locator(".errorlist").first.inner_text()
    assert not Sentence.objects.exists()
