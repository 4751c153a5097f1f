"""Counts that reports give as bounds: "at least 16 killed", "between 14 and 17", "about 30".

A count is stored as what the report says, never as a number it does not give: "at least 16" is a
lower bound of 16, "up to 5,000" an upper bound of 5,000, "16" both bounds 16, "about 30" both
bounds 30 marked approximate, and "more than 2,500" a lower bound of 2,500 with "more than" said
in words beside it (a lower bound of 2,501 would be a number no source gives).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


def _number(value: int) -> str:
    """A count as the reader's language groups its digits: 5,000 in English, 5 000 in Russian."""
    return number_format(value, force_grouping=True)


@dataclass(frozen=True)
class Bounds:
    """A count known to lie between ``minimum`` and ``maximum``; ``None`` means not stated.

    ``approximate``: the source hedges ("about 30", "some 200"); the bounds are its figures.
    """

    minimum: int | None
    maximum: int | None
    approximate: bool = False

    def __post_init__(self) -> None:
        for value in (self.minimum, self.maximum):
            if value is not None and value < 0:
                raise ValueError("a count cannot be negative")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum} is above maximum {self.maximum}")

    @property
    def known(self) -> bool:
        return self.minimum is not None or self.maximum is not None

    @property
    def sort_key(self) -> tuple[int, int]:
        """Orders counts by what is known of them: the lower bound, then the upper (unbounded last).

        An unknown lower bound is 0 (no count is below it); an unknown upper bound is above any.
        """
        low = self.minimum or 0
        return (low, self.maximum if self.maximum is not None else 2**63)

    def __str__(self) -> str:
        low, high = self.minimum, self.maximum
        if low is None and high is None:
            return str(_("unknown"))
        if low is not None and high is not None:
            shown = _number(low) if low == high else f"{_number(low)}–{_number(high)}"
            return str(_("about %(n)s") % {"n": shown}) if self.approximate else shown
        if high is None:
            assert low is not None
            template = _("at least about %(n)s") if self.approximate else _("at least %(n)s")
            return str(template % {"n": _number(low)})
        template = _("up to about %(n)s") if self.approximate else _("up to %(n)s")
        return str(template % {"n": _number(high)})


def count_fields() -> tuple[Any, Any, Any]:
    """``minimum, maximum, approximate = count_fields()``: a count as a source gives it."""
    return (
        models.PositiveIntegerField(
            _("at least"),
            null=True,
            blank=True,
            help_text=_(
                "Lower bound as reported: 'at least 16' is 16; 'more than 16' is also 16, with "
                "'more than' in the note. Empty when no source gives one ('up to 5,000')."
            ),
        ),
        models.PositiveIntegerField(
            _("at most"),
            null=True,
            blank=True,
            help_text=_(
                "Upper bound as reported: 'up to 5,000' is 5,000; an exact count is both bounds. "
                "Empty when no source caps the number."
            ),
        ),
        models.BooleanField(
            _("approximate"),
            default=False,
            help_text=_(
                "The source hedges its figure ('about 30', 'some 200'): both bounds 30, ticked."
            ),
        ),
    )


def min_not_above_max(
    model: str, low: str = "minimum", high: str = "maximum"
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{low}__isnull": True})
        | models.Q(**{f"{high}__isnull": True})
        | models.Q(**{f"{high}__gte": models.F(low)}),
        name=f"{model}_min_not_above_max",
        violation_error_message=_("The lower bound is above the upper bound."),
    )


def some_bound(model: str, low: str = "minimum", high: str = "maximum") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{low}__isnull": False}) | models.Q(**{f"{high}__isnull": False}),
        name=f"{model}_has_a_bound",
        violation_error_message=_(
            "Give at least one bound: 'at least 16' is a lower bound, 'up to 5,000' an upper one."
        ),
    )
