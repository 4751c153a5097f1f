"""Who may change what readers see: editor-only fields, and researchers' changes held for review.

Two rules, checked for every way into the records that researchers have:

- ``EDITOR_FIELDS`` (workflow status, visibility, anonymity, the public label) change only by an
  editor's hand. A researcher's attempt is refused and written to the audit log.
- A researcher's save that would change a *live* row (``is_live``: published, or reference data
  that has no workflow, or hanging only on such rows) is not written. The admin runs it inside a
  transaction, a ``ChangeRecorder`` notes every row it creates, changes or deletes with its values
  before and after, the transaction is rolled back and a ``PendingChange`` keeps the notes. Readers
  keep seeing the published version until an editor accepts (``accept``), which writes exactly the
  recorded fields in one transaction and refuses when any of them changed since.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

import reversion
from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casetracker.models import AuditEntry, Citation, PendingChange
from casetracker.publication import Publishable, Status

EDITOR_FIELDS = ("status", "visibility", "anonymity", "public_label")

logger = logging.getLogger("casetracker.audit")


class ProposalError(Exception):
    """A proposal cannot be accepted as it stands; the message says why."""


def is_live(record: models.Model) -> bool:
    """Whether readers see ``record``, or would without another editor's act.

    Published counts whatever the visibility, since lifting a restriction is one click of an
    editor who is not reviewing every past edit. Rows without a workflow (places, articles,
    roles) are public reference data. A dependent row is live when all it hangs on is.
    """
    if isinstance(record, Publishable) and record.status != Status.PUBLISHED:
        return False
    parents = [getattr(record, relation) for relation in getattr(type(record), "PUBLIC_VIA", ())]
    if isinstance(record, Citation):
        parents.append(record.record)
    return all(parent is None or is_live(parent) for parent in parents)


def audit(user: Any, action: AuditEntry.Action, record: models.Model | None, detail: str) -> None:
    """Keep a security-relevant act in the audit log (the admin's *Audit log*) and the logs."""
    content_type = ContentType.objects.get_for_model(type(record)) if record is not None else None
    AuditEntry.objects.create(
        user=user,
        action=action,
        content_type=content_type,
        object_id=record.pk if record is not None else None,
        detail=detail,
    )
    logger.info(
        "%s %s %s: %s", user, action, record and f"{record._meta.label}#{record.pk}", detail
    )


# What a change records: the fields a form can write. Derived columns (timestamps, generated and
# folded names, publication time) follow from them when the change is applied.
def _recorded_fields(model: type[models.Model]) -> list[Any]:
    concrete = [
        f
        for f in model._meta.concrete_fields
        if f.editable
        and not f.primary_key
        and not getattr(f, "generated", False)
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    ]
    # A many-to-many with its own through model (a hearing's panel) is written as rows of that
    # model, by its inline, and recorded as such: recording it here too would write it twice.
    return concrete + [
        f
        for f in model._meta.many_to_many
        if f.editable and f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    ]


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(record: models.Model) -> dict[str, Any]:
    """The recorded fields of ``record`` as JSON values; many-to-many as sorted primary keys."""
    values: dict[str, Any] = {}
    for f in _recorded_fields(type(record)):
        if f.many_to_many:
            manager = getattr(record, f.name)
            values[f.name] = sorted(manager.values_list("pk", flat=True)) if record.pk else []
        else:
            values[f.name] = _json(f.value_from_object(record))
    return values


@dataclass
class _Row:
    record: models.Model
    before: dict[str, Any] | None
    stored: models.Model | None = None


@dataclass
class ChangeRecorder:
    """Notes what one admin save writes, to be held back as a proposal."""

    rows: dict[tuple[str, int], _Row] = field(default_factory=dict)
    created: list[models.Model] = field(default_factory=list)
    deleted: list[_Row] = field(default_factory=list)
    messages: list[tuple[Any, ...]] = field(default_factory=list)
    page_record: Any = None
    """The record of the admin page, as the save left it."""
    written: list[dict[str, Any]] = field(default_factory=list)

    def remember(self, records: list[models.Model]) -> None:
        """Read ``records`` as stored, before the save overwrites them."""
        by_model: dict[type[models.Model], list[Any]] = {}
        for record in records:
            if record.pk is not None and (record._meta.label, record.pk) not in self.rows:
                by_model.setdefault(type(record), []).append(record.pk)
        for model, pks in by_model.items():
            for stored in model._base_manager.filter(pk__in=pks):
                self.rows[(model._meta.label, stored.pk)] = _Row(stored, snapshot(stored), stored)

    def saved(self, record: models.Model) -> None:
        key = (record._meta.label, record.pk)
        if key in self.rows:
            self.rows[key].record = record
        elif all(known is not record for known in self.created):
            self.created.append(record)

    def will_delete(self, record: models.Model) -> None:
        self.remember([record])
        self.deleted.append(self.rows.pop((record._meta.label, record.pk)))

    def entries(self) -> list[dict[str, Any]]:
        """Each row written, with the fields that differ (all of them for a new row)."""
        entries = []
        for record in self.created:
            after = snapshot(record)
            fields = {name: [None, value] for name, value in after.items()}
            entries.append(_entry(record, "create", fields))
        for row in self.rows.values():
            assert row.before is not None
            after = snapshot(row.record)
            fields = {
                name: [row.before[name], value]
                for name, value in after.items()
                if value != row.before[name]
            }
            if fields:
                entries.append(_entry(row.record, "change", fields))
        for row in self.deleted:
            assert row.before is not None
            fields = {name: [value, None] for name, value in row.before.items()}
            entries.append(
                _entry(row.record, "delete", fields, pk=row.stored.pk if row.stored else None)
            )
        return entries

    def finish(self) -> bool:
        """Fix what the save wrote, while it is still written; whether any of it is live,
        before or after the save."""
        self.written = self.entries()
        changed = {(entry["model"], entry["pk"]) for entry in self.written}
        for key, row in self.rows.items():
            if key in changed and (is_live(row.record) or (row.stored and is_live(row.stored))):
                return True
        return any(is_live(record) for record in self.created) or any(
            row.stored is not None and is_live(row.stored) for row in self.deleted
        )


def _entry(
    record: models.Model, action: str, fields: dict[str, Any], pk: Any = None
) -> dict[str, Any]:
    return {
        "model": record._meta.label,
        "pk": record.pk if pk is None else pk,
        "action": action,
        "fields": fields,
    }


def propose(
    *, recorder: ChangeRecorder, record: models.Model, adding: bool, by: Any
) -> PendingChange:
    """Keep what ``recorder`` saw (``finish`` it first) as a pending change of ``record``, the
    page's record."""
    change = PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=None if adding else record.pk,
        title=str(record)[:300],
        entries=recorder.written,
        proposed_by=by,
    )
    audit(by, AuditEntry.Action.PROPOSED, None if adding else record, f"proposal #{change.pk}")
    return change


def accept(change: PendingChange, *, by: Any) -> None:
    """Write the proposal in one transaction, recorded in the history as ``by``'s revision.

    Refused (``ProposalError``, nothing written) when the proposal was decided already, when a
    row it changes was deleted, or when a field it changes holds another value than the one the
    researcher saw: accepting would overwrite that newer change.
    """
    with transaction.atomic():
        change = PendingChange.objects.select_for_update().get(pk=change.pk)
        if change.state != PendingChange.State.PENDING:
            raise ProposalError(_("This proposal was decided already."))
        with reversion.create_revision():
            reversion.set_user(by)
            reversion.set_comment(
                _("Accepted proposal #%(number)s by %(author)s.")
                % {"number": change.pk, "author": change.proposed_by}
            )
            created: dict[tuple[str, Any], Any] = {}
            for entry in change.entries:
                _apply(entry, created)
        _decide(change, PendingChange.State.ACCEPTED, by=by, note="")
        audit(by, AuditEntry.Action.ACCEPTED, change.record, f"proposal #{change.pk}")


def reject(change: PendingChange, *, by: Any, note: str = "") -> None:
    """Close the proposal unapplied; ``note`` tells the researcher why."""
    with transaction.atomic():
        change = PendingChange.objects.select_for_update().get(pk=change.pk)
        if change.state != PendingChange.State.PENDING:
            raise ProposalError(_("This proposal was decided already."))
        _decide(change, PendingChange.State.REJECTED, by=by, note=note)
        audit(by, AuditEntry.Action.REJECTED, change.record, f"proposal #{change.pk}: {note}")


def _decide(change: PendingChange, state: str, *, by: Any, note: str) -> None:
    change.state = state
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_note = note
    change.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])


def _apply(entry: dict[str, Any], created: dict[tuple[str, Any], Any]) -> None:
    model = apps.get_model(entry["model"])
    name = f"{model._meta.verbose_name} #{entry['pk']}"
    if entry["action"] == "create":
        record = model()
    else:
        stored = model._base_manager.select_for_update().filter(pk=entry["pk"]).first()
        if stored is None:
            if entry["action"] == "delete":
                return
            raise ProposalError(
                _("%(record)s was deleted since it was proposed.") % {"record": name}
            )
        record = stored
        current = snapshot(record)
        moved = [
            str(model._meta.get_field(f).verbose_name)
            for f, (before, _after) in entry["fields"].items()
            if current.get(f) != before
        ]
        if moved:
            raise ProposalError(
                _(
                    "“%(record)s” changed since this was proposed (%(fields)s): accepting would "
                    "overwrite that. Reject it and ask for a new proposal."
                )
                % {"record": record, "fields": ", ".join(moved)}
            )
        if entry["action"] == "delete":
            record.delete()
            return
    many: dict[str, list[Any]] = {}
    for field_name, (_before, after) in entry["fields"].items():
        model_field = model._meta.get_field(field_name)
        if model_field.many_to_many:
            many[field_name] = after
        else:
            value = _remapped(model, model_field, after, entry["fields"], created)
            setattr(record, model_field.attname, model_field.to_python(value))
    try:
        record.full_clean(validate_unique=True)
        record.save()
    except (ValidationError, IntegrityError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        raise ProposalError(
            _("“%(record)s” cannot be saved as proposed: %(errors)s")
            % {"record": record, "errors": " ".join(messages)}
        ) from error
    for field_name, pks in many.items():
        getattr(record, field_name).set(pks)
    if entry["action"] == "create":
        created[(entry["model"], entry["pk"])] = record.pk
    if reversion.is_registered(model):
        reversion.add_to_revision(record)


def _remapped(
    model: type[models.Model],
    model_field: Any,
    value: Any,
    fields: dict[str, Any],
    created: dict[tuple[str, Any], Any],
) -> Any:
    """A reference to a row created earlier in the same proposal points at its new key."""
    if value is None:
        return value
    if model_field.is_relation and model_field.related_model is not None:
        return created.get((model_field.related_model._meta.label, value), value)
    for generic in model._meta.private_fields:
        if isinstance(generic, GenericForeignKey) and generic.fk_field == model_field.name:
            content_type_pk = fields.get(generic.ct_field, [None, None])[1]
            if content_type_pk is not None:
                target = ContentType.objects.get_for_id(content_type_pk).model_class()
                if target is not None:
                    return created.get((target._meta.label, value), value)
    return value


@dataclass(frozen=True)
class ShownEntry:
    """One row of a proposal as an editor reads it: what, which record, and each field's diff."""

    action: str
    record: str
    changes: list[tuple[str, str, str]]


ACTIONS = {
    "create": gettext_lazy("add"),
    "change": gettext_lazy("change"),
    "delete": gettext_lazy("delete"),
}


def describe(change: PendingChange) -> list[ShownEntry]:
    """The proposal field by field, with names instead of keys, for the editor's review."""
    shown = []
    for entry in change.entries:
        model = apps.get_model(entry["model"])
        stored = (
            model._base_manager.filter(pk=entry["pk"]).first()
            if entry["action"] != "create"
            else None
        )
        record = str(stored) if stored is not None else f"{model._meta.verbose_name} ({_('new')})"
        rows = [
            (
                str(model._meta.get_field(name).verbose_name),
                _shown(model._meta.get_field(name), before),
                _shown(model._meta.get_field(name), after),
            )
            for name, (before, after) in entry["fields"].items()
        ]
        shown.append(ShownEntry(str(ACTIONS[entry["action"]]), record, rows))
    return shown


def _shown(model_field: Any, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if model_field.is_relation and model_field.related_model is not None:
        related = model_field.related_model._base_manager.filter(
            pk__in=value if model_field.many_to_many else [value]
        )
        return ", ".join(str(record) for record in related) or f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)
