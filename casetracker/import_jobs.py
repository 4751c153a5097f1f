"""Imports too long to run while the browser waits: an ``ImportJob`` runs in a thread of the app
server, or later through ``manage.py run_import_jobs``, while its admin page shows the progress.

A job is all or nothing like an import in the page (``imports.import_dataset``: one transaction,
one revision, rolled back when any row is refused). It is checked and written in that one pass
rather than in a dry run followed by the import: half the time, and a dry run's transaction holds
the same locks as the import's. What the file may change is decided by the rights of the user
who queued it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from casetracker.imports import (
    IMPORT_FORMATS,
    RESOURCES,
    import_dataset,
    read_dataset,
    refused_rows,
)
from casetracker.models import ImportJob

logger = logging.getLogger(__name__)
State = ImportJob.State


def queue_import_job(
    *, records: str, file_format: str, text: str, file_name: str, rows: int, user: Any
) -> ImportJob:
    """Save the file as a queued job and start it in the background once the save commits."""
    job = ImportJob.objects.create(
        records=records,
        format=file_format,
        data=text,
        file_name=file_name,
        rows_total=rows,
        user=user,
    )
    transaction.on_commit(lambda: start_import_job(job.pk))
    return job


def start_import_job(job_id: int) -> threading.Thread:
    """Run the job in a thread of this process: the request that queued it answers at once."""
    thread = threading.Thread(
        target=_run_in_thread, args=(job_id,), name=f"import-job-{job_id}", daemon=True
    )
    thread.start()
    return thread


def _run_in_thread(job_id: int) -> None:
    try:
        run_import_job(ImportJob.objects.get(pk=job_id))
    finally:
        connection.close()  # the thread's own connection, which Django closes for requests only


def run_import_job(
    job: ImportJob, *, on_progress: Callable[[int], None] | None = None
) -> ImportJob:
    """Run a queued job to its end (done or failed) and return it; ``on_progress(rows_read)``
    is called after every row. A job that is not queued, being run elsewhere say, is left as it
    is."""
    if not ImportJob.objects.filter(pk=job.pk, state=State.QUEUED).update(state=State.RUNNING):
        job.refresh_from_db()
        return job
    job.refresh_from_db()
    try:
        _run(job, on_progress)
    except Exception:  # whatever went wrong, the job ends and says so; the log has the traceback
        logger.exception("Import job %s stopped on an error", job.pk)
        _finish(
            job, State.FAILED, errors=[_whole_file("The import stopped on an unexpected error.")]
        )
    return job


def _run(job: ImportJob, on_progress: Callable[[int], None] | None) -> None:
    resource_class = RESOURCES[job.records]
    if not job.user.is_active:
        _finish(job, State.FAILED, errors=[_whole_file("The account that queued it is inactive.")])
        return
    try:
        dataset = read_dataset(job.data, IMPORT_FORMATS[job.format], resource_class)
    except ValidationError as error:
        _finish(job, State.FAILED, errors=[_whole_file(*error.messages)])
        return
    with Progress(job, on_progress) as progress:
        result = import_dataset(
            resource=resource_class(), dataset=dataset, user=job.user, progress=progress
        )
    refused = refused_rows(result)
    job.rows_done = job.rows_total
    _finish(
        job,
        State.FAILED if refused else State.DONE,
        errors=refused,
        totals={} if refused else {kind: count for kind, count in result.totals.items() if count},
    )


def _whole_file(*messages: str) -> dict[str, Any]:
    return {"row": None, "messages": [*messages, "Nothing was imported."]}


def _finish(
    job: ImportJob,
    state: str,
    *,
    errors: list[dict[str, Any]],
    totals: dict[str, int] | None = None,
) -> None:
    job.state = state
    job.errors = errors
    job.totals = totals or {}
    job.finished_at = timezone.now()
    job.data = ""  # the records hold what was imported; the file is not kept a second time
    job.save()


class Progress:
    """Writes how many rows a job has read, as it reads them, where its page can see it.

    The import's own transaction would hide the count until its end, so the count is written
    through a connection of its own, each update committed at once. SQLite lets only one
    connection write at a time and the import holds that lock until it ends, so there the count
    moves at the end only.
    """

    def __init__(self, job: ImportJob, on_progress: Callable[[int], None] | None) -> None:
        self.job = job
        self.on_progress = on_progress
        self.every = max(1, job.rows_total // 100)
        self.connection: Any = None

    def __enter__(self) -> Progress:
        if connection.vendor != "sqlite":
            self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.connection is not None:
            self.connection.close()

    def __call__(self, rows_read: int) -> None:
        if self.on_progress is not None:
            self.on_progress(rows_read)
        if self.connection is None or rows_read % self.every:
            return
        table = self.connection.ops.quote_name(ImportJob._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET rows_done = %s WHERE id = %s",  # noqa: S608 (a model's table)
                [rows_read, self.job.pk],
            )
