"""CSV import and export of people, detentions and hearings (django-import-export).

Rows are matched by what identifies a record to a researcher, never by database id: a person by
slug, a detention by person, kind and start, a hearing by case, court, instance and date. A
matching row updates the record; an import with any invalid row writes nothing. Workflow fields
are exported but never imported: publishing stays an editor's act in the admin.

Only editors (``casetracker.publish_records``) may change what decides whether and how a record
is shown (``EDITOR_ONLY``, such as a person's anonymity) or update a published record; a row of
anyone else's that would is refused, and the attempt logged on ``casetracker.audit``.
"""

from __future__ import annotations

import logging
from typing import Any

import reversion
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from import_export import fields, resources
from import_export.admin import ImportExportMixin
from import_export.widgets import ForeignKeyWidget

from cases.models import Case, Detention, Hearing
from casetracker.admin_base import PUBLISH_PERMISSION
from casetracker.models import Place
from casetracker.publication import Status
from people.models import Organization, Person

WORKFLOW = ("status", "visibility")
audit = logging.getLogger("casetracker.audit")


def may_publish(user: PermissionsMixin | AnonymousUser | None) -> bool:
    """Editors publish, and only they may change what is public through an import."""
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


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
    # Fields of an existing record that only editors may change (new rows may set them).
    EDITOR_ONLY: tuple[str, ...] = WORKFLOW

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def import_instance(self, instance: Any, row: dict[str, Any], **kwargs: Any) -> None:
        """Sets the row's values, refusing the row if its user may not make the change."""
        if instance.pk is None:
            super().import_instance(instance, row, **kwargs)
            return
        columns = self.get_import_fields()
        before = {column: column.get_value(instance) for column in columns}
        guarded = {name: getattr(instance, name) for name in self.EDITOR_ONLY}
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        user = kwargs.get("user")
        if may_publish(user):
            if errors:
                raise ValidationError(errors)
            return
        for name, value in guarded.items():
            if getattr(instance, name) != value:
                audit.warning(
                    "Import refused: %s (user %s) may not change %s of %s %s",
                    user, getattr(user, "pk", None), name, instance._meta.label, instance.pk,
                )  # fmt: skip
                label = instance._meta.get_field(name).verbose_name
                errors.setdefault(name, []).append(
                    f"Only an editor may change the {label} of an existing record."
                )
        changed = any(column.get_value(instance) != before[column] for column in columns)
        if changed and instance.status == Status.PUBLISHED:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                f"{instance} is published: propose changes on its page, or ask an editor to import."
            )
        if errors:
            raise ValidationError(errors)


class PersonResource(RecordResource):
    EDITOR_ONLY = (*WORKFLOW, "anonymity", "public_label")

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
