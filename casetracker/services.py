"""Writes of the publication workflow, the same for the admin, commands and tests.

Callers check who may publish (editors: ``casetracker.admin_base.can_publish``); these record
who did it in the history.
"""

from __future__ import annotations

from typing import Any

import reversion
from django.db import models, transaction

from casetracker.publication import Publishable, Status, public_condition


class PublishError(ValueError):
    """The record hangs on records readers cannot see: ``hidden`` names them."""

    def __init__(self, hidden: list[str]) -> None:
        super().__init__(", ".join(hidden))
        self.hidden = hidden


def unpublished_parents(record: models.Model, values: dict[str, Any] | None = None) -> list[str]:
    """The records ``record`` hangs on (``PUBLIC_VIA``) that readers cannot see.

    ``.public()`` already hides a record whose parent is hidden, so publishing it anyway would not
    leak it; but it would not show either, and an editor who publishes a detention expects to see
    it. So publishing is refused until its person and case are public. ``values`` holds relations
    as a form is about to set them.
    """
    values = values or {}
    hidden = []
    for relation in getattr(type(record), "PUBLIC_VIA", ()):
        parent = values[relation] if relation in values else getattr(record, relation, None)
        if parent is None:
            continue
        parent_model = type(parent)
        visible = (
            parent_model._default_manager.filter(pk=parent.pk)
            .filter(public_condition(parent_model))
            .exists()
        )
        if not visible:
            hidden.append(f"{parent_model._meta.verbose_name} “{parent}”")
    return hidden


def publish(record: Publishable, *, by: Any) -> bool:
    """Publish ``record`` (its first publication time is kept); whether it changed.

    Refused with ``PublishError`` while a record it hangs on is not public.
    """
    hidden = unpublished_parents(record)
    if hidden:
        raise PublishError(hidden)
    return _set_status(record, Status.PUBLISHED, by=by, comment="Published.")


def unpublish(record: Publishable, *, by: Any) -> bool:
    """Take ``record`` off the public site; whether it was on it.

    Back to review, not draft: the record was checked once and goes back to the queue.
    """
    if record.status != Status.PUBLISHED:
        return False
    return _set_status(record, Status.IN_REVIEW, by=by, comment="Unpublished.")


def _set_status(record: Publishable, status: str, *, by: Any, comment: str) -> bool:
    if record.status == status:
        return False
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(comment)
        record.status = status
        # save() rather than update(): published_at is set and the history records it.
        record.save()
        if reversion.is_registered(type(record)):
            reversion.add_to_revision(record)
    return True
