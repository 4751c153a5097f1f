"""How people are imported and exported as CSV (see casetracker.imports)."""

from __future__ import annotations

from casetracker.imports import WORKFLOW, RecordResource
from casetracker.models import ImportJob
from people.models import Person


class PersonResource(RecordResource):
    records = ImportJob.Records.PEOPLE

    class Meta(RecordResource.Meta):
        model = Person
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "native_name",
            "anonymity",
            "public_label",
            "summary",
            "kind",
            "headcount_min",
            "headcount_max",
            "headcount_approximate",
            *WORKFLOW,
        ]
