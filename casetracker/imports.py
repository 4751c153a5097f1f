"""CSV import and export of records (django-import-export); each app declares its resources.

Rows are matched by what identifies a record to a researcher, never by database id: a person by
slug, a detention by person, kind and start, a hearing by case, court, instance and date. A
matching row updates the record; an import with any invalid row writes nothing. Workflow fields
are exported but never imported: publishing stays an editor's act in the admin.

Only editors (``casetracker.publish_records``) may change what decides whether and how a record
is shown (``moderation.EDITOR_FIELDS``, such as a person's anonymity) or update a live record
(``moderation.is_live``); a row of anyone else's that would is refused, and the attempt logged on
``casetracker.audit``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

import reversion
import tablib
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from import_export import fields, resources
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON, TSV, Format
from import_export.forms import ImportForm
from import_export.results import Result
from import_export.widgets import ForeignKeyWidget

from casetracker.admin_base import PUBLISH_PERMISSION
from casetracker.moderation import EDITOR_FIELDS, is_live

WORKFLOW = ("status", "visibility")
audit = logging.getLogger("casetracker.audit")
# What an import reads, by name: text formats tablib parses with no optional package. XLSX, XLS
# and ODS would need openpyxl, xlrd and odfpy, which are not installed; tablib reads an HTML table
# without its header row, which import-export cannot match to columns (a 500 when offered).
IMPORT_FORMATS: dict[str, type[Format]] = {"csv": CSV, "tsv": TSV, "json": JSON}
ENCODING = "utf-8-sig"  # what spreadsheets write as "CSV UTF-8", and plain UTF-8
SCALAR = (str, int, float, bool, type(None))


def may_publish(user: PermissionsMixin | AnonymousUser | None) -> bool:
    """Editors publish, and only they may change what is public through an import."""
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


def by_slug(model: type[Any], column: str, attribute: str | None = None) -> fields.Field:
    """A column that names a related record by its slug, never by database id."""
    return fields.Field(
        attribute=attribute or column, column_name=column, widget=ForeignKeyWidget(model, "slug")
    )


def _exported_only(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, readonly=True)


# What an ImportJob's ``records`` name: each app's resources register here (``records = ...``).
RESOURCES: dict[str, type[RecordResource]] = {}


class RecordResource(resources.ModelResource):
    """Validates each row like the admin form would, so errors are reported per row.

    A subclass names the ImportJob ``records`` it imports, which registers it in ``RESOURCES``.
    """

    status = _exported_only("status")
    visibility = _exported_only("visibility")
    records: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.records:
            RESOURCES[cls.records] = cls

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
        # What only editors may change on an existing record (new rows may set it).
        guarded = {
            name: getattr(instance, name) for name in EDITOR_FIELDS if hasattr(instance, name)
        }
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
        if changed and is_live(instance):
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                f"{instance} is published: propose changes on its page, or ask an editor to import."
            )
        if errors:
            raise ValidationError(errors)

    def import_row(self, row: dict[str, Any], instance_loader: Any, **kwargs: Any) -> Any:
        """Imports one row and tells ``progress`` (a keyword of ``import_data``) how far it got."""
        row_result = super().import_row(row, instance_loader, **kwargs)
        if progress := kwargs.get("progress"):
            progress(kwargs["row_number"])
        return row_result


def import_dataset(
    *,
    resource: RecordResource,
    dataset: tablib.Dataset,
    user: Any,
    progress: Callable[[int], None] | None = None,
) -> Result:
    """Import every row of ``dataset`` as ``user`` in one revision of the history, or none.

    One transaction holds the rows and their revision: when any row is refused, both are rolled
    back (import-export alone rolls back the rows, but the revision around it would still be
    saved, with versions of records that were never written). ``progress(row_number)`` is called
    after each row.
    """
    with transaction.atomic():
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment("Imported from a file.")
            result = resource.import_data(
                dataset,
                dry_run=False,
                raise_errors=False,
                rollback_on_validation_errors=True,
                retain_instance_in_row_result=True,
                user=user,
                progress=progress,
            )
        if result.has_errors() or result.has_validation_errors():
            transaction.set_rollback(True)
    return result


def refused_rows(result: Result) -> list[dict[str, Any]]:
    """Why an import was refused, row by row (``row`` is None for the whole file)."""
    refused: list[dict[str, Any]] = [
        {"row": None, "messages": [str(error.error)]} for error in result.base_errors
    ]
    for number, errors in result.row_errors():
        refused.append({"row": number, "messages": [str(error.error) for error in errors]})
    for invalid in result.invalid_rows:
        refused.append(
            {
                "row": invalid.number,
                "messages": [
                    message if field == NON_FIELD_ERRORS else f"{field}: {message}"
                    for field, field_messages in invalid.error_dict.items()
                    for message in field_messages
                ],
            }
        )
    return sorted(refused, key=lambda entry: entry["row"] or 0)


def read_dataset(
    data: bytes | str, input_format: type[Format], resource_class: type[resources.Resource]
) -> tablib.Dataset:
    """The rows of an uploaded file, or a ``ValidationError`` that says why it cannot be used."""
    try:
        text = data.decode(ENCODING) if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8 text: save it as “CSV UTF-8”.") from None
    if "\x00" in text:
        raise ValidationError("The file contains a NUL character: it is not a text file.")
    title = input_format().get_title().upper()
    try:
        dataset = input_format().create_dataset(text)
    except Exception:  # tablib's parsers raise many kinds of errors; any means "not this format"
        raise ValidationError(f"The file cannot be read as {title}.") from None
    headers = [str(header) for header in dataset.headers or []]
    if not headers:
        raise ValidationError(f"The file has no header row of column names ({title}).")
    resource = resource_class()
    known = {field.column_name for field in resource.fields.values()}
    required = [resource.fields[name].column_name for name in resource.get_import_id_fields()]
    problems = []
    if repeated := sorted(name for name, count in Counter(headers).items() if count > 1):
        problems.append(f"Repeated columns: {', '.join(repeated)}")
    if unknown := [name for name in headers if name not in known]:
        problems.append(f"Unknown columns: {', '.join(unknown)}")
    if missing := [name for name in required if name not in headers]:
        problems.append(f"Missing columns: {', '.join(missing)}")
    if problems:
        raise ValidationError(
            f"{'. '.join(problems)}. The columns are: {', '.join(sorted(known))}."
        )
    if not len(dataset):
        raise ValidationError("The file has no rows to import.")
    for number, row in enumerate(dataset, 1):
        if not all(isinstance(value, SCALAR) for value in row):
            raise ValidationError(f"Row {number} holds a list or an object, not one value a cell.")
    return dataset


class RecordImportForm(ImportForm):
    """Refuses a file that cannot be read in the chosen format as a form error, never a 500;
    ``dataset`` holds the rows of a file that can."""

    def __init__(self, formats: list[type[Format]], resources: list[Any], **kwargs: Any) -> None:
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.resource_classes = resources
        self.dataset: tablib.Dataset | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload, choice = cleaned.get("import_file"), cleaned.get("format")
        if upload is None or choice in (None, ""):
            return cleaned
        resource_class = self.resource_classes[int(cleaned.get("resource") or 0)]
        upload.seek(0)  # the import page may validate a form of the same upload twice
        try:
            self.dataset = read_dataset(upload.read(), self.formats[int(choice)], resource_class)
        except ValidationError as error:
            self.add_error("import_file", error)
        upload.seek(0)
        return cleaned


class RecordImportExportMixin(ImportExportMixin):
    """Imports are all or nothing and kept in the history like any admin change."""

    import_form_class = RecordImportForm

    def get_import_formats(self) -> list[type[Format]]:
        return list(IMPORT_FORMATS.values())

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """A file of more than ``IMPORT_SYNC_ROWS`` rows is imported in the background, without
        a preview: its page shows the progress, then what was imported or why nothing was."""
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid() and len(form.dataset) > settings.IMPORT_SYNC_ROWS:
                # import_jobs imports this module's resources.
                from casetracker.import_jobs import queue_import_job

                upload = form.cleaned_data["import_file"]
                upload.seek(0)
                resource_class = self.choose_import_resource_class(form, request)
                job = queue_import_job(
                    records=next(k for k, v in RESOURCES.items() if v is resource_class),
                    file_format=form.formats[int(form.cleaned_data["format"])]().get_title(),
                    text=upload.read().decode(ENCODING),
                    file_name=upload.name or "",
                    rows=len(form.dataset),
                    user=request.user,
                )
                return redirect(job)
        return super().import_action(request, **kwargs)

    def process_dataset(self, dataset: Any, form: Any, request: HttpRequest, **kwargs: Any) -> Any:
        resource_class = self.choose_import_resource_class(form, request)
        resource = resource_class(**self.get_import_resource_kwargs(request, form=form, **kwargs))
        return import_dataset(resource=resource, dataset=dataset, user=request.user)

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        """The confirm step re-reads the file: rows refused then (a record published since the
        preview, say) mean that nothing was imported, not the usual "Import finished"."""
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        for refused in refused_rows(result):
            where = f"Row {refused['row']}: " if refused["row"] else ""
            messages.error(request, where + " ".join(refused["messages"]))
        messages.error(request, "Nothing was imported.")
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_import")
