"""How detentions and hearings are imported and exported as CSV (see casetracker.imports)."""

from __future__ import annotations

from cases.models import Case, Detention, Hearing
from casetracker.imports import WORKFLOW, RecordResource, by_slug
from casetracker.models import ImportJob, Place
from people.models import Organization, Person


class DetentionResource(RecordResource):
    records = ImportJob.Records.DETENTIONS
    person = by_slug(Person, "person")
    case = by_slug(Case, "case")
    place = by_slug(Place, "place")
    authority = by_slug(Organization, "authority")

    class Meta(RecordResource.Meta):
        model = Detention
        import_id_fields = ["person", "kind", "started_on"]
        fields = [
            "person", "kind", "started_on", "started_precision", "started_qualifier",
            "ended_on", "ended_precision", "ended_qualifier",
            "case", "place", "authority", "facility", "ended_reason", *WORKFLOW,
        ]  # fmt: skip


class HearingResource(RecordResource):
    records = ImportJob.Records.HEARINGS
    case = by_slug(Case, "case")
    court = by_slug(Organization, "court")
    judge = by_slug(Person, "judge")

    class Meta(RecordResource.Meta):
        model = Hearing
        import_id_fields = ["case", "court", "instance", "held_on"]
        fields = [
            "case", "court", "instance", "held_on", "held_precision", "held_qualifier", "judge",
            "closed_to_public", "lawyer_present", "summary", *WORKFLOW,
        ]  # fmt: skip
