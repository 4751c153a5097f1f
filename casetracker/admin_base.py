"""What every admin page of a record shares: citations, the publication workflow and history.

Researchers draft and review; only users with ``casetracker.publish_records`` (the Editor group)
publish, unpublish and revert. Every change made through the admin is kept by django-reversion
(its own tables, nothing in our migrations); the history page shows each version as a field diff.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from casetracker import claims, services
from casetracker.models import AuditEntry, Citation, PendingChange
from casetracker.moderation import EDITOR_FIELDS, ChangeRecorder, audit, propose
from casetracker.name_search import filter_by_name_or_label
from casetracker.publication import Publishable, Status
from casetracker.services import unpublished_parents

PUBLISH_PERMISSION = "casetracker.publish_records"


def can_publish(request: HttpRequest) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


def can_be_key(field: models.Field[Any, Any], value: Any) -> bool:
    """Whether ``value`` could be stored in ``field``: it parses, and an integer fits the column.

    A posted " ", "abc" or an id past the column's range makes the database (or its driver) fail
    with a 500 when it is looked up; such a value names no record and is refused beforehand.
    """
    try:
        prepared = field.get_prep_value(field.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    if isinstance(prepared, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or prepared >= low) and (high is None or prepared <= high)
    return True


class KeysOnlyAutocompleteMixin:
    """For autocomplete widgets: a re-shown form looks up only posted values that can be ids.

    A form re-shown with its errors holds what was posted: Django's widget would look up " " or
    "abc" as an id and fail with a 500. Values that cannot be an id are dropped (the field's own
    error already says the choice is invalid).
    """

    field: Any

    def optgroups(self, name: str, value: Any, attr: Any = None) -> Any:
        keys = [v for v in value if can_be_key(self.field.target_field, v)]
        return super().optgroups(name, keys, attr)  # type: ignore[misc]


class PreloadedAutocompleteSelect(KeysOnlyAutocompleteMixin, AutocompleteSelect):
    """An autocomplete that names the chosen record from the row already loaded.

    Django's widget looks the chosen record up again for every inline row: thirty detentions
    on a person's page would cost thirty queries per autocomplete column. ``PreloadedLabelsForm``
    hands the widget the record the inline's ``select_related`` already fetched.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.preloaded: dict[str, str] = {}

    def optgroups(self, name: str, value: Any, attr: Any = None) -> Any:
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if len(chosen) != 1 or chosen[0] not in self.preloaded:
            return super().optgroups(name, value, attr)
        options: list[Any] = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        options.append(self.create_option(name, chosen[0], self.preloaded[chosen[0]], True, 1))
        return [(None, options, 0)]


class KeysOnlyAutocompleteSelectMultiple(KeysOnlyAutocompleteMixin, AutocompleteSelectMultiple):
    """A many-to-many autocomplete that survives any posted value."""


class KeysOnlyMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many field that refuses values that cannot be ids before querying them.

    Django looks each posted value up with ``__in``, which has no guard for an integer past the
    column's range (an OverflowError on SQLite, a DataError on PostgreSQL).
    """

    def _check_values(self, value: Any) -> Any:
        model = self.queryset.model  # type: ignore[union-attr]  # set by the admin
        target = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        for candidate in value:
            if not can_be_key(target, candidate):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": candidate},
                )
        return super()._check_values(value)  # type: ignore[misc]  # not in django-stubs


class PreloadedLabelsForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, PreloadedAutocompleteSelect):
                continue
            model_field = self.instance._meta.get_field(name)
            if model_field.is_cached(self.instance):
                related = getattr(self.instance, name)
                if related is not None:
                    widget.preloaded[str(related.pk)] = str(related)


class SafeAutocompleteMixin:
    """For admins and inlines: autocomplete widgets that survive any posted value."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        model_admin: Any = self
        autocomplete = model_admin.get_autocomplete_fields(request)
        if db_field.name in autocomplete and "widget" not in kwargs:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, model_admin.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        model_admin: Any = self
        autocomplete = model_admin.get_autocomplete_fields(request)
        if db_field.name in autocomplete and "widget" not in kwargs:
            kwargs["widget"] = KeysOnlyAutocompleteSelectMultiple(
                db_field, model_admin.admin_site, using=kwargs.get("using")
            )
        # Autocompletes and filter_horizontal boxes alike.
        kwargs.setdefault("form_class", KeysOnlyMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class PreloadedAutocompleteMixin(SafeAutocompleteMixin):
    """For admins and inlines: autocomplete widgets that reuse the rows already fetched."""

    form: Any = PreloadedLabelsForm


class WorkflowForm(PreloadedLabelsForm):
    """Refuses to publish a record whose parents are not public, with a message saying which,
    and a non-editor's change of an editor-only field (``locked_fields``, set by the admin)."""

    locked_fields: frozenset[str] = frozenset()
    editing_user: Any = None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self._refuse_locked_changes()
        if cleaned.get("status") == Status.PUBLISHED:
            relations = getattr(self._meta.model, "PUBLIC_VIA", ())
            values = {name: cleaned.get(name) for name in relations if name in self.fields}
            hidden = unpublished_parents(self.instance, values)
            if hidden:
                self.add_error(
                    "status",
                    _("Publish %(parents)s first: until then this record cannot be shown.")
                    % {"parents": ", ".join(hidden)},
                )
        return cleaned

    def _refuse_locked_changes(self) -> None:
        """A locked field is disabled, so Django would quietly keep its value: a posted change
        is an attempt past the page (a crafted request), refused aloud and logged."""
        for name in self.locked_fields:
            field = self.fields.get(name)
            key = self.add_prefix(name)
            if field is None or key not in self.data:
                continue
            posted = field.widget.value_from_datadict(self.data, self.files, key)
            if str(posted) == str(self.get_initial_for_field(field, name)):
                continue
            self.add_error(name, _("Only an editor can change this."))
            audit(
                self.editing_user,
                AuditEntry.Action.REFUSED,
                self.instance,
                f"{name}: {self.get_initial_for_field(field, name)!r} -> {posted!r}",
            )


_CITED = ["source", "locator", "summary", "excerpt", "confidence", "certainty", "claim_field"]


class CitationForm(PreloadedLabelsForm):
    """A citation, and the value it gives for one of its record's attributes when it gives one:
    the attribute is picked from the record's own, the value typed as the source gives it and
    read into the attribute's kind ("about 2011-12", "at least 16", a court's number)."""

    claimed = forms.CharField(
        label=_("claimed value"),
        required=False,
        help_text=_(
            "As the source gives it: a date as 2011-12-16, 2011-12 or 2011, after 'about', "
            "'on or before' or 'on or after' if hedged; a count as 16, at least 16, about 30, "
            "up to 5,000 or 14-17; a term in months; a choice by its code; a record by its number."
        ),
    )
    record_model: type[models.Model] | None = None

    class Meta:
        model = Citation
        fields = [*_CITED, "claim"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attributes = claims.attributes(self.record_model) if self.record_model else {}
        self.fields["claim_field"] = forms.ChoiceField(
            label=_("claim about"),
            required=False,
            choices=[("", "—"), *((name, a.label) for name, a in attributes.items())],
        )
        attribute = attributes.get(self.instance.claim_field)
        if attribute is not None:
            self.initial.setdefault("claimed", attribute.as_words(self.instance.claim_value))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        name, words = cleaned.get("claim_field") or "", (cleaned.get("claimed") or "").strip()
        attribute = claims.attribute_of(self.record_model, name)
        if attribute is None:
            if words:
                self.add_error("claim_field", _("Say which attribute the value is for."))
            self.instance.claim_value = None
        elif not words:
            self.add_error("claimed", _("Give the value the source states."))
        else:
            try:
                self.instance.claim_value = attribute.parse(words)
            except ValidationError as error:
                self.add_error("claimed", error)
        return cleaned


class CitationInline(PreloadedAutocompleteMixin, GenericTabularInline):
    """The sources for a record, on the record's own page: every fact is cited."""

    model = Citation
    form = CitationForm
    extra = 0
    autocomplete_fields = ["source"]
    # "claimed" is the value in words, which the form reads into claim_value.
    fields = [*_CITED, "claimed", "claim"]
    verbose_name_plural = _("citations (sources for this record)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citation]:
        return super().get_queryset(request).select_related("source")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs["form"] = type("CitationForm", (CitationForm,), {"record_model": self.parent_model})
        return super().get_formset(request, obj, **kwargs)


class ReadOnlyStatusInlineMixin:
    """Inlines of publishable records show their status; publishing happens on their own page.

    A status edited in an inline would be checked against a parent that is being edited in the
    same form; publishing each record from its own page or list keeps the check simple and exact.
    """

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        return [*readonly, "status"]


VERSION_TOKEN = "_version_token"  # noqa: S105 (the name of a form field, not a secret)


def version_token(record: models.Model) -> str:
    """What a change form was opened on: the record's newest history entry and its stored values.

    The values (``updated_at`` included where the model has it) catch changes made outside the
    admin, such as imports and scripts, and serve the models that have no ``updated_at``; the
    newest django-reversion version catches a save that changed only rows of an inline, since
    every admin save records a version of the record whose page it was. ``record`` must be as
    stored: a form's instance carries unsaved values once validated.
    """
    latest = (
        Version.objects.get_for_object(record).order_by("-pk").values_list("pk", flat=True).first()
    )
    values = [field.value_to_string(record) for field in record._meta.concrete_fields]
    digest = hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()[:20]
    return f"{latest or 0}-{digest}"


def edit_conflict(record: models.Model, opened: str) -> dict[str, Any]:
    """Who saved the record since ``opened`` and which of its fields they changed."""
    opened_pk = int(opened.split("-", 1)[0]) if opened[:1].isdigit() else 0
    versions = Version.objects.get_for_object(record).select_related("revision__user")
    newer = list(versions.filter(pk__gt=opened_pk).order_by("pk"))
    start = versions.filter(pk=opened_pk).first()
    authors = []
    for version in newer:
        user = version.revision.user
        when = localize(localtime(version.revision.date_created))
        authors.append(f"{user.get_username() if user else _('someone')} ({when})")
    return {
        "authors": authors,
        "changes": field_changes(type(record), start, newer[-1]) if newer and start else [],
        "outside_history": not newer,
    }


class OptimisticLockForm(forms.ModelForm):
    """Refuses to save over a record that changed since the form was opened.

    The page carries ``version_token`` of the record as it was opened, in a hidden input. On
    save the row is read again and locked (``select_for_update``: a second save waits for the
    first, inside the transaction that the admin wraps around each change view), and a
    different token refuses the whole save, inlines included, with who changed what.
    """

    edit_conflict: dict[str, Any] | None = None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.instance.pk is None or self.instance._state.adding:
            return cleaned
        model = type(self.instance)
        stored = model._base_manager.select_for_update().filter(pk=self.instance.pk).first()
        if stored is None:
            raise ValidationError(_("This record was deleted while you were editing it."))
        opened = self.data.get(VERSION_TOKEN, "")
        if opened != version_token(stored):
            self.edit_conflict = edit_conflict(stored, opened)
            authors = self.edit_conflict["authors"]
            raise ValidationError(
                _(
                    "Not saved: this record was changed by %(authors)s after you opened it. "
                    "Nothing of yours was written. Check what they changed (listed above the "
                    "form); saving again will replace it with the values in this form."
                )
                % {"authors": ", ".join(authors)}
                if authors
                else _(
                    "Not saved: this record was changed after you opened it (outside the "
                    "admin, or the page is out of date). Nothing of yours was written. Open "
                    "the record again in another tab to compare; saving again will replace "
                    "it with the values in this form."
                ),
                code="edit_conflict",
            )
        return cleaned


class OptimisticLockMixin:
    """For model admins: every change form carries a version token and refuses stale saves."""

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        base = kwargs.get("form", getattr(self, "form", forms.ModelForm))
        if obj is not None and not issubclass(base, OptimisticLockForm):
            kwargs["form"] = type(base.__name__, (OptimisticLockForm, base), {})
        return super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and obj.pk is not None and change:
            # After a refused or invalid POST the form has written its values onto ``obj``.
            stored = obj if request.method == "GET" else type(obj)._base_manager.get(pk=obj.pk)
            context["version_token"] = version_token(stored)
            context["edit_conflict"] = getattr(context["adminform"].form, "edit_conflict", None)
        return super().render_change_form(  # type: ignore[misc]
            request, context, add, change, form_url, obj
        )


ROW_VERSIONS = "_row_versions"


def row_version(form: forms.BaseForm) -> str:
    """What an inline row showed when its page was opened: the values its form would save."""
    values = [(name, str(form.initial.get(name))) for name in sorted(form.fields)]
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()[:20]


def _row_versions(formsets: list[Any]) -> dict[str, dict[str, str]]:
    return {
        formset.prefix: {
            str(form.instance.pk): row_version(form)
            for form in formset.initial_forms
            if form.instance.pk is not None
        }
        for formset in formsets
    }


class StaleRowsFormSetMixin:
    """Refuses the page's save when a row it shows was changed elsewhere since it was opened.

    The page carries each inline row's ``row_version`` in one hidden input. Saving the page
    writes back every row whose posted values differ from the stored ones, so a row edited on
    its own page meanwhile would silently return to the values this page was opened with.
    """

    def clean(self) -> None:
        super().clean()  # type: ignore[misc]
        formset: Any = self
        try:
            opened = json.loads(formset.data.get(ROW_VERSIONS) or "{}").get(formset.prefix, {})
        except (ValueError, AttributeError):
            opened = {}
        stale = [
            str(form.instance)
            for form in formset.initial_forms
            if form.instance.pk is not None
            and str(form.instance.pk) in opened
            and opened[str(form.instance.pk)] != row_version(form)
        ]
        if stale:
            raise ValidationError(
                _(
                    "Not saved: %(rows)s changed after you opened this page. Nothing of yours "
                    "was written. Open the page again in another tab to see the stored rows; "
                    "saving this form again replaces them with its values."
                )
                % {"rows": ", ".join(f"“{row}”" for row in stale)},
                code="edit_conflict",
            )


class ModerationMixin:
    """A non-editor's save that would change what readers see is held as a pending change.

    The save runs as usual inside a transaction, so every validation and every inline works the
    same; the admin's save hooks tell a ``ChangeRecorder`` what it writes. If any row written is
    live, the transaction is rolled back and the recorded change waits for an editor.
    """

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method != "POST" or can_publish(request):
            return super().changeform_view(  # type: ignore[misc]
                request, object_id, form_url, extra_context
            )
        recorder = ChangeRecorder()
        request._change_recorder = recorder  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                response = super().changeform_view(  # type: ignore[misc]
                    request, object_id, form_url, extra_context
                )
                if recorder.finish():
                    raise _HeldBack
        except _HeldBack:
            del request._change_recorder  # type: ignore[attr-defined]
            return self._proposed(request, recorder, adding=object_id is None)
        del request._change_recorder  # type: ignore[attr-defined]
        for args in recorder.messages:
            self.message_user(request, *args)
        return response

    def _proposed(self, request: HttpRequest, recorder: ChangeRecorder, *, adding: bool) -> Any:
        model_admin: Any = self
        record = recorder.page_record
        change = propose(recorder=recorder, record=record, adding=adding, by=request.user)
        self.message_user(
            request,
            _(
                "Not yet public: your change is proposal #%(number)s, waiting for an editor. "
                "Readers see the published version until an editor accepts it."
            )
            % {"number": change.pk},
            messages.SUCCESS,
        )
        opts = model_admin.model._meta
        if adding:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        else:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return HttpResponseRedirect(url)

    def _recorder(self, request: HttpRequest) -> ChangeRecorder | None:
        return getattr(request, "_change_recorder", None)

    def message_user(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        recorder = self._recorder(request)
        if recorder is not None:
            # Said only once it is known whether the save happened or became a proposal.
            recorder.messages.append(args)
            return
        super().message_user(request, *args, **kwargs)  # type: ignore[misc]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        recorder = self._recorder(request)
        if recorder is not None:
            recorder.remember([obj])
            recorder.page_record = obj
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if recorder is not None:
            recorder.saved(obj)  # before its inline rows, which may point at it

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        recorder = self._recorder(request)
        if recorder is None:
            super().save_formset(request, form, formset, change)  # type: ignore[misc]
            return
        recorder.remember([f.instance for f in formset.initial_forms if f.instance.pk])
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                recorder.will_delete(deleted.instance)
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for record in formset.new_objects:
            recorder.saved(record)
        for record, _fields in formset.changed_objects:
            recorder.saved(record)


class PeopleSearchMixin:
    """Finds records by the names of the people they belong to (``people_search``: the paths
    to them, e.g. ``"defendant"`` or ``"charge__defendant"``), through the one name matcher: any
    stored spelling, either script, a typo or two, as the public search finds them.

    The admin's own ``search_fields`` (titles, notes) still apply; either may match.
    """

    people_search: tuple[str, ...] = ()

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        model_admin: Any = self
        found, _duplicates = super().get_search_results(  # type: ignore[misc]
            request, queryset, search_term
        )
        if not search_term.strip() or not self.people_search:
            return found, False
        condition = models.Q(pk__in=found.values("pk"))
        for path in self.people_search:
            person_model = _related_model(model_admin.model, path)
            people = filter_by_name_or_label(person_model._default_manager.all(), search_term)
            owners = model_admin.model._default_manager.filter(**{f"{path}__in": people})
            condition |= models.Q(pk__in=owners.values("pk"))
        # Semi-joins, so a case with two matching defendants is listed once.
        return queryset.filter(condition), False


def _related_model(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        related = model._meta.get_field(name).related_model
        assert isinstance(related, type), f"{path} is a relation"
        model = related
    return model


class _HeldBack(Exception):  # noqa: N818 (a signal to roll back, not an error)
    pass


class RecordAdmin(
    ModerationMixin, OptimisticLockMixin, PeopleSearchMixin, SafeAutocompleteMixin, VersionAdmin
):
    """Base admin: citations inline, history with diffs, editor-only revert, no lost edits,
    researchers' changes to what readers see held for an editor."""

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            guarded = type(formset.__name__, (StaleRowsFormSetMixin, formset), {})
            yield guarded, inline

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
        context["row_versions"] = json.dumps(_row_versions(formsets))
        if obj is not None and obj.pk is not None:
            context["pending_changes"] = PendingChange.objects.filter(
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_id=obj.pk,
                state=PendingChange.State.PENDING,
            ).select_related("proposed_by")
        return super().render_change_form(request, context, add, change, form_url, obj)

    object_history_template = "admin/casetracker/object_history.html"
    list_per_page = 50

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        inlines = list(super().get_inlines(request, obj))
        if hasattr(self.model, "citations") and CitationInline not in inlines:
            inlines.append(CitationInline)
        return inlines

    def revision_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if not can_publish(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(
        self, request: HttpRequest, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not can_publish(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {
            "history": self.history_with_changes(object_id),
            "can_revert": can_publish(request),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def history_with_changes(self, object_id: str) -> list[dict[str, Any]]:
        """Each version, newest first, with the fields it changed from the one before it."""
        versions = list(
            Version.objects.get_for_object_reference(self.model, object_id)
            .select_related("revision", "revision__user")
            .order_by("-revision__date_created", "-pk")
        )
        opts = self.model._meta
        history = []
        for index, version in enumerate(versions):
            older = versions[index + 1] if index + 1 < len(versions) else None
            history.append(
                {
                    "version": version,
                    "revision": version.revision,
                    "url": reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                        args=[version.object_id, version.pk],
                    ),
                    "changes": field_changes(self.model, older, version),
                }
            )
        return history


def field_changes(
    model: type[models.Model], older: Version | None, newer: Version
) -> list[tuple[str, Any, Any]]:
    """(label, before, after) for every field that differs; all fields for the first version."""
    before = older.field_dict if older else {}
    after = newer.field_dict
    changes = []
    for field in model._meta.concrete_fields + model._meta.many_to_many:
        if field.name in {"updated_at", "created_at", "folded"}:
            continue
        old, new = before.get(field.attname), after.get(field.attname)
        if old != new:
            changes.append((str(field.verbose_name), _display(old), _display(new)))
    return changes


def _display(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


class PublishableAdmin(RecordAdmin):
    """Admin of a record with a workflow: publish and unpublish, for editors only."""

    form = WorkflowForm
    actions = ["publish", "unpublish"]
    readonly_fields: Any = ["published_at"]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(request)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        """Editors set every field. Others choose draft or in review, and the other editor-only
        fields only while adding a record (a researcher entering a minor anonymises them); on a
        stored record those fields are disabled, and a posted change is refused."""
        form = super().get_form(request, obj, change, **kwargs)
        form.editing_user = request.user
        if can_publish(request):
            return form
        locked = set()
        if obj is not None:
            locked = {name for name in EDITOR_FIELDS if name != "status"}
            if obj.status == Status.PUBLISHED:
                locked.add("status")
        locked &= set(form.base_fields)
        for name in locked:
            form.base_fields[name].disabled = True
        form.locked_fields = frozenset(locked)
        status = form.base_fields.get("status")
        if status is not None and "status" not in locked:
            assert isinstance(status, forms.ChoiceField)
            status.choices = [
                (value, label) for value, label in Status.choices if value != Status.PUBLISHED
            ]
        return form

    @admin.action(description=_("Publish the selected records"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Publishable]) -> None:
        published, refused = 0, []
        for record in queryset:
            try:
                published += services.publish(record, by=request.user)
            except services.PublishError as error:
                refused.append(f"“{record}” (publish {', '.join(error.hidden)} first)")
        if published:
            self.message_user(
                request,
                ngettext("Published %d record.", "Published %d records.", published) % published,
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("Not published, because what they depend on is not public: %(records)s.")
                % {"records": "; ".join(refused)},
                messages.ERROR,
            )

    @admin.action(description=_("Unpublish the selected records"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Publishable]) -> None:
        count = sum(services.unpublish(record, by=request.user) for record in queryset)
        self.message_user(
            request,
            ngettext("Unpublished %d record.", "Unpublished %d records.", count) % count,
            messages.SUCCESS,
        )


class NameSearchMixin:
    """Search by any stored spelling, in either script, through the one name matcher.

    The admin's own ``search_fields`` would only see the display name; autocomplete widgets use
    this too, so a researcher picking a defendant finds "Kuanish" under "Куаныш".
    """

    search_fields = ["name"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        if not search_term.strip():
            return queryset, False
        return filter_by_name_or_label(queryset, search_term), False
