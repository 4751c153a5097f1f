"""CSV import and export of people, detentions and hearings (django-import-export).

Rows are matched by what identifies a record to a researcher, never by database id: a person by
slug, a detention by person, kind and start, a hearing by case, court, instance and date. A
matching row updates the record; an import with any invalid row writes nothing. Workflow fields
are exported but never imported: publishing stays an editor's act in the admin.
"""

from __future__ import annotations

from typing import Any

import reversion
from django.http import HttpRequest
from import_export import fields, resources
from import_export.admin import ImportExportMixin
from import_export.widgets import ForeignKeyWidget

from cases.models import Case, Detention, Hearing
from casetracker.models import Place
from people.models import Organization, Person

WORKFLOW = ("status", "visibility")


def _by_slug(model: type[Any], column: str, attribute: str | None = None) -> fields.Field:
    return fields.Field(
        attribute=attribute or column, column_name=column, widget=ForeignKeyWidget(model, "slug")
    )


def _exported_only(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, readonly=True)


class RecordResource(resources.ModelResource):
    """Validates each row like the admin form would, so errors are reported per row."""

    status = _exported_only("status")
    visibility = _exported_only("visibility")

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True


class PersonResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = Person
        import_id_fields = ["slug"]
        fields = ["slug", "name", "native_name", "anonymity", "public_label", "summary", *WORKFLOW]


class DetentionResource(RecordResource):
    person = _by_slug(Person, "person")
    case = _by_slug(Case, "case")
    place = _by_slug(Place, "place")
    authority = _by_slug(Organization, "authority")

    class Meta(RecordResource.Meta):
        model = Detention
        import_id_fields = ["person", "kind", "started_on"]
        fields = [
            "person", "kind", "started_on", "started_precision", "ended_on", "ended_precision",
            "case", "place", "authority", "facility", "ended_reason", *WORKFLOW,
        ]  # fmt: skip


class HearingResource(RecordResource):
    case = _by_slug(Case, "case")
    court = _by_slug(Organization, "court")
    judge = _by_slug(Person, "judge")

    class Meta(RecordResource.Meta):
        model = Hearing
        import_id_fields = ["case", "court", "instance", "held_on"]
        fields = [
            "case", "court", "instance", "held_on", "held_precision", "judge",
            "closed_to_public", "lawyer_present", "summary", *WORKFLOW,
        ]  # fmt: skip


class RecordImportExportMixin(ImportExportMixin):
    """Imports are all or nothing and kept in the history like any admin change."""

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_dataset(self, dataset: Any, form: Any, request: HttpRequest, **kwargs: Any) -> Any:
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Imported from a file.")
            return super().process_dataset(dataset, form, request, **kwargs)
