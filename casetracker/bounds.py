"""Counts that reports give as bounds: "at least 16 killed", "between 14 and 17"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Bounds:
    """A count known to lie between ``minimum`` and ``maximum``; ``None`` means not stated."""

    minimum: int | None
    maximum: int | None

    def __post_init__(self) -> None:
        for value in (self.minimum, self.maximum):
            if value is not None and value < 0:
                raise ValueError("a count cannot be negative")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum} is above maximum {self.maximum}")

    @property
    def known(self) -> bool:
        return self.minimum is not None or self.maximum is not None

    def __str__(self) -> str:
        if self.minimum is None and self.maximum is None:
            return str(_("unknown"))
        if self.minimum == self.maximum:
            return str(self.minimum)
        if self.maximum is None:
            return str(_("at least %(n)s") % {"n": self.minimum})
        if self.minimum is None:
            return str(_("at most %(n)s") % {"n": self.maximum})
        return f"{self.minimum}–{self.maximum}"


def count_bound_fields(verbose_name: StrOrPromise) -> tuple[Any, Any]:
    """``killed_min, killed_max = count_bound_fields("killed")``."""
    return (
        models.PositiveIntegerField(
            _("%(name)s, at least") % {"name": verbose_name},
            null=True,
            blank=True,
            help_text=_("Lower bound as reported: 'at least 16' is 16, 'more than 16' is 17."),
        ),
        models.PositiveIntegerField(
            _("%(name)s, at most") % {"name": verbose_name},
            null=True,
            blank=True,
            help_text=_("Upper bound as reported; empty when no source caps the number."),
        ),
    )


class BoundsAttribute:
    """Reads ``<prefix>_min`` and ``<prefix>_max`` as one Bounds."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return Bounds(
            getattr(instance, f"{self.prefix}_min"), getattr(instance, f"{self.prefix}_max")
        )


def min_not_above_max(model: str, prefix: str) -> models.CheckConstraint:
    low, high = f"{prefix}_min", f"{prefix}_max"
    return models.CheckConstraint(
        condition=models.Q(**{f"{low}__isnull": True})
        | models.Q(**{f"{high}__isnull": True})
        | models.Q(**{f"{high}__gte": models.F(low)}),
        name=f"{model}_{prefix}_min_not_above_max",
    )
