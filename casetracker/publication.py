"""The publication workflow every record shares, and the one door to the public: ``.public()``."""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    RESTRICTED = "restricted", _("restricted")


def public_condition(
    model: type[models.Model], prefix: str = "", *, except_via: tuple[str, ...] = ()
) -> Q:
    """What makes a row of ``model`` public: its own workflow and that of every record it hangs on.

    A model lists the relations whose records must be public too in ``PUBLIC_VIA``; a charge is
    public only when its case and its defendant are. Optional relations may be empty.
    ``except_via`` leaves out relations the caller answers for, such as the outer row of a
    correlated subquery, which would otherwise be joined again for every row.
    """
    condition = Q()
    if issubclass(model, Publishable):
        condition &= Q(
            **{f"{prefix}status": Status.PUBLISHED, f"{prefix}visibility": Visibility.PUBLIC}
        )
    for relation in getattr(model, "PUBLIC_VIA", ()):
        if relation in except_via:
            continue
        field = model._meta.get_field(relation)
        assert isinstance(field, models.ForeignKey), f"PUBLIC_VIA names foreign keys: {relation}"
        parent = field.related_model
        assert not isinstance(parent, str)
        related_condition = public_condition(parent, f"{prefix}{relation}__")
        if field.null:
            related_condition |= Q(**{f"{prefix}{relation}__isnull": True})
        condition &= related_condition
    return condition


class CaseTrackerQuerySet(models.QuerySet):
    def public(self, *, except_via: tuple[str, ...] = ()) -> Self:
        """Only what readers may see: every public page, export, feed and count uses this.

        ``except_via``: see ``public_condition``.
        """
        return self.filter(public_condition(self.model, except_via=except_via))

    def get_by_natural_key(self, *key: Any) -> Any:
        return self.get(**dict(zip(self.model.NATURAL_KEY, key, strict=True)))


def free_slug(rows: models.QuerySet[Any], field: str, words: str, max_length: int) -> str:
    """A slug made of ``words`` that no row of ``rows`` holds in ``field``: the words' slug, or
    it followed by -2, -3 ... when taken."""
    stem = slugify(words)[: max_length - 4].strip("-") or "record"
    taken = set(rows.filter(**{f"{field}__startswith": stem}).values_list(field, flat=True))
    candidates = (stem, *(f"{stem}-{number}" for number in range(2, 1000)))
    return next(slug for slug in candidates if slug not in taken)


class NaturalKeyMixin:
    """``NATURAL_KEY`` names the lookups (``"person__slug"``) that identify a row in fixtures."""

    NATURAL_KEY: tuple[str, ...] = ()

    def natural_key(self) -> tuple[Any, ...]:
        values = []
        for path in self.NATURAL_KEY:
            value: Any = self
            for part in path.split("__"):
                value = getattr(value, part)
            values.append(value)
        return tuple(values)


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Publishable(TimeStamped):
    """A record researchers draft, review and publish; restricted records never leave the admin."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Restricted records are kept for researchers and never shown publicly."),
    )
    published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False, db_index=True
    )

    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.visibility == Visibility.PUBLIC
