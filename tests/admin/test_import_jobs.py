"""A long file is imported in the background: the upload answers at once with the job's page,
which shows the progress and then what was imported, or why nothing was."""

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision

from casetracker.import_jobs import run_import_job
from casetracker.models import ImportJob
from people.models import Person
from tests import factories
from tests.admin.importing import upload

HEADER = "slug,name,native_name,anonymity,public_label,summary"


def people(count: int, *, bad_row: int | None = None) -> str:
    """A file of ``count`` new people; row ``bad_row`` is anonymised without a public label."""
    rows = [
        f"person-{n},Person {n},,{'minor' if n == bad_row else 'named'},,Worker {n}."
        for n in range(1, count + 1)
    ]
    return "\n".join([HEADER, *rows])


def queued_from_upload(client, text: str) -> ImportJob:
    response = upload(client, "people_person", text)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:casetracker_importjob_change", args=[job.pk])
    return job


def join_thread(job: ImportJob) -> None:
    """Wait for the thread the upload started, if it is still running."""
    for thread in threading.enumerate():
        if thread.name == f"import-job-{job.pk}":
            thread.join(timeout=60)


def test_a_long_import_runs_as_a_job_and_imports_every_row(researcher, researcher_user):
    job = queued_from_upload(researcher, people(3000))
    assert (job.state, job.rows_total, job.user) == ("queued", 3000, researcher_user)
    assert not Person.objects.exists()  # the request only queued the file

    started = time.perf_counter()
    run_import_job(job)  # what the upload's thread runs
    print(f"3,000 people imported in {time.perf_counter() - started:.1f} s")

    assert (job.state, job.rows_done, job.totals, job.errors) == ("done", 3000, {"new": 3000}, [])
    assert Person.objects.count() == 3000
    assert Person.objects.filter(status="draft").count() == 3000
    [revision] = Revision.objects.all()
    assert (revision.user, revision.version_set.count()) == (researcher_user, 3000)
    page = researcher.get(job.get_absolute_url()).content.decode()
    assert "3,000 of 3,000 rows" in page
    assert "3,000 new" in page
    assert 'http-equiv="refresh"' not in page


def test_a_long_file_with_one_bad_row_writes_nothing(researcher):
    factories.PersonFactory(slug="roza-tuletaeva", name="Roza Tuletaeva", summary="Old.")
    job = queued_from_upload(researcher, people(3000, bad_row=1500))
    run_import_job(job)
    assert job.state == "failed"
    assert [error["row"] for error in job.errors] == [1500]
    assert Person.objects.count() == 1
    assert not Revision.objects.exists()
    page = researcher.get(job.get_absolute_url()).content.decode()
    assert "<td>1500</td>" in page
    assert "A person shown without a name needs a public label" in page


def test_a_short_file_is_still_previewed(researcher, settings):
    settings.IMPORT_SYNC_ROWS = 3
    response = upload(researcher, "people_person", people(3))
    assert response.status_code == 200
    assert response.context["confirm_form"] is not None
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    ("state", "reloads"), [("queued", True), ("running", True), ("done", False)]
)
def test_the_job_page_shows_progress_and_reloads_until_over(
    researcher, researcher_user, state, reloads
):
    job = factories.ImportJobFactory(
        user=researcher_user,
        state=state,
        rows_total=3000,
        rows_done=1200,
        finished_at=timezone.now() if state == "done" else None,
    )
    page = researcher.get(job.get_absolute_url()).content.decode()
    assert "1,200 of 3,000 rows" in page
    assert ('<meta http-equiv="refresh" content="3">' in page) is reloads
    assert "<script>" not in page


def test_a_job_is_seen_by_its_owner_and_editors_only(researcher, editor, researcher_user):
    other = factories.UserFactory()
    other.groups.add(Group.objects.get(name="Researcher"))
    mine = factories.ImportJobFactory(user=researcher_user, file_name="mine.csv")
    theirs = factories.ImportJobFactory(user=other, file_name="theirs.csv")
    listing = reverse("admin:casetracker_importjob_changelist")

    page = researcher.get(listing).content.decode()
    assert "mine.csv" in page
    assert "theirs.csv" not in page
    assert researcher.get(theirs.get_absolute_url()).status_code == 302  # "does not exist"
    assert researcher.get(mine.get_absolute_url()).status_code == 200
    assert "theirs.csv" in editor.get(listing).content.decode()
    assert editor.get(theirs.get_absolute_url()).status_code == 200


def test_the_command_runs_the_jobs_left_queued(researcher_user, capsys):
    job = factories.ImportJobFactory(user=researcher_user, data=people(5), rows_total=5)
    call_command("run_import_jobs", verbosity=1)
    job.refresh_from_db()
    assert (job.state, job.rows_done) == ("done", 5)
    assert Person.objects.count() == 5
    assert "5 of 5 rows" in capsys.readouterr().out


def test_a_job_no_longer_queued_is_not_run_again(researcher_user):
    job = factories.ImportJobFactory(
        user=researcher_user, data=people(5), rows_total=5, state="running"
    )
    run_import_job(job)
    assert job.state == "running"
    assert not Person.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_upload_starts_the_job_in_a_thread(researcher, settings):
    settings.IMPORT_SYNC_ROWS = 2
    job = queued_from_upload(researcher, people(5))
    join_thread(job)
    job.refresh_from_db()
    assert (job.state, job.rows_done) == ("done", 5)
    assert Person.objects.count() == 5


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one connection write at a time: there the count moves at the end only",
)
@pytest.mark.django_db(transaction=True)
def test_the_progress_is_seen_while_the_job_runs(researcher, settings):
    settings.IMPORT_SYNC_ROWS = 2
    job = queued_from_upload(researcher, people(400))
    seen = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db(fields=["state", "rows_done"])
        seen.add(job.rows_done)
        if job.is_over:
            break
        time.sleep(0.05)
    join_thread(job)
    assert job.state == "done"
    assert {done for done in seen if 0 < done < 400}, seen
