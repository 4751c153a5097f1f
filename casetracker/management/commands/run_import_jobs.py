"""Run the background imports still queued, oldest first: those whose app server restarted
before it could start them, for instance."""

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from casetracker.import_jobs import run_import_job
from casetracker.models import ImportJob


class Command(BaseCommand):
    help = "Run the imports left queued, oldest first."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = ImportJob.objects.filter(state=ImportJob.State.QUEUED).order_by("created_at", "id")
        for job in queued.defer("data"):
            with tqdm(
                total=job.rows_total, unit="rows", desc=f"Import #{job.pk}",
                disable=options["verbosity"] < 1,
            ) as bar:  # fmt: skip
                run_import_job(job, on_progress=lambda rows: bar.update(rows - bar.n))
            self.stdout.write(f"{job}: {job.rows_done:,} of {job.rows_total:,} rows")
