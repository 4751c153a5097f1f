"""Merging two records of one person: everything moves to the one kept.

The service lives in ``people`` yet moves charges, detentions, outcomes, involvements and case
defendants, which belong to apps ``people`` may not import. It does not need to: it walks
``Person._meta.related_objects``, the relations other apps declared towards a person, so every
row pointing at the duplicate moves, including relations added later, without an import.
"""

from __future__ import annotations

from typing import Any

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from casetracker.models import Citation
from casetracker.names import Script, VariantKind, fold_name
from people.models import Person, PersonName, PersonRedirect, redirect_reveals


class MergeError(ValueError):
    pass


def person_merge(*, keep: Person, duplicate: Person, by: Any) -> Person:
    """Move every record of ``duplicate`` to ``keep``, keep its spellings, redirect its address
    (unless the redirect would tie a name to an anonymised person).

    Rows that would repeat one ``keep`` already has (the same charge in the same case, the same
    spelling, the same seat on a panel) are folded into that row: their citations and their own
    records move to it, and a row's ``absorb(folded)`` keeps what only the folded row said. All or
    nothing, and recorded as one revision in the history, by ``by``.
    """
    if keep.pk == duplicate.pk:
        raise MergeError("A person cannot be merged into themselves.")
    # A person the source did not name is safely merged into the one a later source names.
    if duplicate.is_anonymised and not duplicate.is_unnamed and not keep.is_anonymised:
        raise MergeError(
            f"Keep the anonymised record ({duplicate.public_label}): merging it into a named one "
            "would tie everything it holds to that name."
        )
    if keep.kind != duplicate.kind:
        raise MergeError(
            "A group and one person are different records: add the person to the group's "
            "members instead."
        )
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(f"Merged {duplicate} ({duplicate.slug}) into this person.")
        keep.roles.add(*duplicate.roles.all())
        keep.members.add(*duplicate.members.all())
        _reassign(duplicate, keep)
        for spelling, script, kind in (
            (duplicate.name, Script.LATIN, VariantKind.TRANSLITERATION),
            (duplicate.native_name, Script.CYRILLIC, VariantKind.NATIVE),
        ):
            if spelling and fold_name(spelling) not in {fold_name(keep.name), ""}:
                PersonName.objects.get_or_create(
                    person=keep, name=spelling, defaults={"script": script, "kind": kind}
                )
        if not keep.native_name and duplicate.native_name:
            keep.native_name = duplicate.native_name
        old_slug = duplicate.slug
        duplicate.delete()
        # A name-derived address must not lead to an anonymised person, nor a made-up one to a
        # named person: it stops answering.
        if not redirect_reveals(old_slug, keep):
            PersonRedirect.objects.create(old_slug=old_slug, person=keep)
        keep.save()
        _add_to_revision(keep)
    return keep


def _add_to_revision(record: models.Model) -> None:
    if reversion.is_registered(type(record)):
        reversion.add_to_revision(record)


def _reassign(old: models.Model, new: models.Model) -> None:
    """Point every row that refers to ``old`` at ``new``; fold rows ``new`` already has."""
    content_type = ContentType.objects.get_for_model(type(old))
    Citation.objects.filter(content_type=content_type, object_id=old.pk).update(object_id=new.pk)

    for relation in type(old)._meta.related_objects:
        if relation.many_to_many:
            # Through a model of its own (a hearing's panel), the rows move as that model's
            # foreign key below, folded like any other row.
            if relation.through._meta.auto_created:  # type: ignore[attr-defined]
                _reassign_many_to_many(relation, old, new)
            continue
        related_model = relation.related_model
        assert isinstance(related_model, type)
        field_name = relation.field.name
        for row in related_model._default_manager.filter(**{field_name: old}):
            twin = _twin(row, field_name, new)
            if twin is None:
                setattr(row, field_name, new)
                row.save()
            else:
                for m2m in related_model._meta.many_to_many:
                    getattr(twin, m2m.name).add(*getattr(row, m2m.name).all())
                _reassign(row, twin)
                row.delete()
                # What the folded row said beyond the twin (its judge presided) stays said.
                if absorb := getattr(twin, "absorb", None):
                    absorb(row)


def _reassign_many_to_many(relation: Any, old: models.Model, new: models.Model) -> None:
    """Rows of a many-to-many table naming ``old`` (e.g. a case's defendants) name ``new``."""
    through = relation.through
    field = relation.field
    ours = field.m2m_reverse_field_name()
    theirs = f"{field.m2m_field_name()}_id"
    already = through.objects.filter(**{ours: new}).values(theirs)
    through.objects.filter(**{ours: old}).exclude(**{f"{theirs}__in": already}).update(
        **{ours: new}
    )
    through.objects.filter(**{ours: old}).delete()


def _twin(row: models.Model, field_name: str, new: models.Model) -> models.Model | None:
    """The row of ``new`` that ``row`` would duplicate under a unique constraint, if any."""
    model = type(row)
    manager = model._default_manager
    field = model._meta.get_field(field_name)
    if getattr(field, "unique", False):
        return manager.filter(**{field_name: new}).first()
    for constraint in model._meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.condition is None
            and field_name in constraint.fields
        ):
            lookup: dict[str, Any] = {}
            for name in constraint.fields:
                other = model._meta.get_field(name)
                if name != field_name and isinstance(other, models.Field):
                    lookup[other.attname] = getattr(row, other.attname)
            twin = manager.filter(**lookup, **{field_name: new}).exclude(pk=row.pk).first()
            if twin is not None:
                return twin
    return None
