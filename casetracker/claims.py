"""Claims: the value one source gives for one attribute of one record, typed like the attribute.

A citation that carries a claim names the attribute in ``claim_field``, one of the names its
record's model lists in ``CLAIMABLE``, and holds the value in ``claim_value``, normalised for the
attribute's kind so that equal values group whatever their wording ("at least 16" and "at least
16 killed" are one lower bound of 16); ``claim`` keeps the source's wording. The record's own
stored value is the tracker's reading; a ``Reading`` says why it was chosen, or that none was.

``CLAIMABLE`` maps each claimable name to the attribute in words. A name is a model field, the
stem of a partial date (``started`` for ``started_on``, ``started_precision`` and
``started_qualifier``), the stem of a count (``headcount`` for ``headcount_min``, ``_max`` and
``_approximate``), or ``count`` for a row that is itself a count (``minimum``, ``maximum``,
``approximate``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casetracker.bounds import Bounds
from casetracker.partial_dates import PartialDate, Qualifier

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Kind(StrEnum):
    DATE = "date"
    COUNT = "count"
    NUMBER = "number"
    CHOICE = "choice"
    RECORD = "record"
    TEXT = "text"
    FLAG = "flag"


def format_months(months: int | None) -> str:
    """A term in years and months, in the reader's language: "1 year 6 months"."""
    if not months:
        return ""
    years, rest = divmod(months, 12)
    pieces = []
    if years:
        pieces.append(ngettext("%(count)d year", "%(count)d years", years) % {"count": years})
    if rest:
        pieces.append(ngettext("%(count)d month", "%(count)d months", rest) % {"count": rest})
    return " ".join(pieces)


def _format_number(name: str, value: int) -> str:
    if name.endswith("_months"):
        return format_months(value) or _("no time")
    if name.endswith("_days") or name == "duration_days":
        return ngettext("%(count)s day", "%(count)s days", value) % {"count": value}
    if name.endswith("_hours"):
        return ngettext("%(count)s hour", "%(count)s hours", value) % {"count": value}
    return number_format(value, force_grouping=True)


_COUNT_WORDS = [
    (re.compile(r"^at least about\s+(?P<n>[\d,\s]+)$"), "low", True),
    (re.compile(r"^up to about\s+(?P<n>[\d,\s]+)$"), "high", True),
    (re.compile(r"^(?:at least|no fewer than|not less than)\s+(?P<n>[\d,\s]+)$"), "low", False),
    (re.compile(r"^(?:more than|over)\s+(?P<n>[\d,\s]+)$"), "low", False),
    (re.compile(r"^(?:about|some|around|approximately|nearly)\s+(?P<n>[\d,\s]+)$"), "both", True),
    (re.compile(r"^(?:up to|at most|no more than)\s+(?P<n>[\d,\s]+)$"), "high", False),
    (re.compile(r"^(?P<n>[\d,\s]+)$"), "both", False),
]
# A plural of a round number is its lower bound, as the fixtures store "thousands" (2,000).
_MAGNITUDES = {"dozens": 24, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000}
_DATE_WORDS = {
    "about ": Qualifier.ABOUT,
    "on or before ": Qualifier.ON_OR_BEFORE,
    "on or after ": Qualifier.ON_OR_AFTER,
}


@dataclass(frozen=True)
class Attribute:
    """One claimable attribute of a model: how its values are read, compared and shown."""

    model: type[models.Model]
    name: str
    kind: Kind
    columns: tuple[str, ...]
    words: StrOrPromise

    @property
    def label(self) -> str:
        """The attribute in words, in the reader's language: "when the detention began"."""
        return str(self.words)

    def stored(self, record: models.Model) -> Any:
        """The record's own value (the tracker's reading) in the form claims are stored."""
        if self.kind == Kind.DATE:
            on, precision, qualifier = (getattr(record, column) for column in self.columns)
            if on is None:
                return None
            return self.normalise(
                {"on": on.isoformat(), "precision": precision, "qualifier": qualifier}
            )
        if self.kind == Kind.COUNT:
            low, high, approximate = (getattr(record, column) for column in self.columns)
            return {"minimum": low, "maximum": high, "approximate": approximate}
        if self.kind == Kind.RECORD:
            return getattr(record, f"{self.name}_id")
        value = getattr(record, self.name)
        return self.normalise(value) if value not in (None, "") else None

    def normalise(self, value: Any) -> Any:
        """``value`` in its one canonical form, or ValidationError saying what is wrong."""
        try:
            return self._normalise(value)
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise ValidationError(
                _("%(value)r is not a value for %(attribute)s: %(error)s")
                % {"value": value, "attribute": self.label, "error": error}
            ) from error

    def _normalise(self, value: Any) -> Any:
        if self.kind == Kind.DATE:
            partial = PartialDate.of(
                date.fromisoformat(value["on"]), value["precision"], value.get("qualifier", "")
            )
            return {
                "on": partial.value.isoformat(),
                "precision": str(partial.precision),
                "qualifier": str(partial.qualifier),
            }
        if self.kind == Kind.COUNT:
            bounds = Bounds(
                _whole(value.get("minimum")),
                _whole(value.get("maximum")),
                bool(value.get("approximate")),
            )
            if not bounds.known:
                raise ValueError("give at least one bound")
            return {
                "minimum": bounds.minimum,
                "maximum": bounds.maximum,
                "approximate": bounds.approximate,
            }
        if self.kind in (Kind.NUMBER, Kind.RECORD):
            number = _whole(value)
            if number is None:
                raise ValueError("a whole number is needed")
            return number
        if self.kind == Kind.FLAG:
            if not isinstance(value, bool):
                raise ValueError("yes or no is needed")
            return value
        text = " ".join(str(value).split())
        if not text:
            raise ValueError("the value is empty")
        if self.kind == Kind.CHOICE:
            choices = self.choices
            if text not in choices:
                raise ValueError(f"choose one of {', '.join(map(str, choices))}")
        return text

    def parse(self, text: str) -> Any:
        """A value typed in words: "about 2011-12", "at least 16", "72", "first_instance"."""
        text = " ".join(text.split())
        if self.kind == Kind.DATE:
            qualifier = Qualifier.STATED
            for words, meant in _DATE_WORDS.items():
                if text.lower().startswith(words):
                    qualifier, text = meant, text[len(words) :]
            try:
                partial = PartialDate.parse(text)
            except ValueError as error:
                raise ValidationError(str(error)) from error
            return self.normalise(
                {
                    "on": partial.value.isoformat(),
                    "precision": partial.precision,
                    "qualifier": qualifier,
                }
            )
        if self.kind == Kind.COUNT:
            try:
                return self.normalise(_count_from_words(text.lower()))
            except ValueError as error:
                raise ValidationError(str(error)) from error
        if self.kind == Kind.FLAG:
            return self.normalise({"yes": True, "no": False}.get(text.lower(), text))
        if self.kind in (Kind.NUMBER, Kind.RECORD):
            return self.normalise(text.replace(",", ""))
        return self.normalise(text)

    def as_words(self, value: Any) -> str:
        """``value`` written so that ``parse`` reads it back: what a claim's form field shows."""
        if value is None:
            return ""
        if self.kind == Kind.DATE:
            partial = PartialDate.of(
                date.fromisoformat(value["on"]), value["precision"], value["qualifier"]
            )
            words = {meant: words for words, meant in _DATE_WORDS.items()}
            return f"{words.get(partial.qualifier, '')}{partial.isoformat()}"
        if self.kind == Kind.COUNT:
            low, high, approximate = value["minimum"], value["maximum"], value["approximate"]
            about = "about " if approximate else ""
            if low is not None and high is not None:
                return f"{about}{low}" if low == high else f"{low}-{high}"
            return f"at least {about}{low}" if high is None else f"up to {about}{high}"
        if self.kind == Kind.FLAG:
            return "yes" if value else "no"
        return str(value)

    def group_key(self, value: Any) -> str:
        """Equal claims share a key: text ignores case and spacing, the rest its canonical form."""
        if self.kind == Kind.TEXT:
            return " ".join(str(value).split()).casefold()
        return json.dumps(value, sort_keys=True)

    def text(self, value: Any, related: dict[int, str] | None = None) -> str:
        """``value`` as a reader sees it; ``related`` names the records a RECORD value points at."""
        if value is None:
            return _("not known")
        if self.kind == Kind.DATE:
            return str(
                PartialDate.of(
                    date.fromisoformat(value["on"]), value["precision"], value["qualifier"]
                )
            )
        if self.kind == Kind.COUNT:
            return str(Bounds(value["minimum"], value["maximum"], value["approximate"]))
        if self.kind == Kind.NUMBER:
            return _format_number(self.name, value)
        if self.kind == Kind.CHOICE:
            return str(self.choices.get(value, value))
        if self.kind == Kind.RECORD:
            return (related or {}).get(value) or _("a record not shown here")
        if self.kind == Kind.FLAG:
            return _("yes") if value else _("no")
        return str(value)

    @property
    def choices(self) -> dict[Any, Any]:
        field = self.model._meta.get_field(self.name)
        assert isinstance(field, models.Field)
        return dict(field.flatchoices)

    @property
    def related_model(self) -> type[models.Model] | None:
        if self.kind != Kind.RECORD:
            return None
        return self.model._meta.get_field(self.name).related_model  # type: ignore[return-value]


def _whole(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError(f"{value!r} is not a whole number")
    number = int(value)
    if number < 0:
        raise ValueError("a count cannot be negative")
    return number


def _count_from_words(text: str) -> dict[str, Any]:
    text = text.replace("–", "-").replace("—", "-")
    if text in _MAGNITUDES:
        return {"minimum": _MAGNITUDES[text], "maximum": None, "approximate": False}
    between = re.match(r"^(?:between\s+)?(?P<low>[\d,]+)\s*(?:-|and|to)\s*(?P<high>[\d,]+)$", text)
    if between:
        return {
            "minimum": between["low"].replace(",", ""),
            "maximum": between["high"].replace(",", ""),
            "approximate": False,
        }
    for pattern, side, approximate in _COUNT_WORDS:
        match = pattern.match(text)
        if match:
            number = re.sub(r"[,\s]", "", match["n"])
            low = number if side in ("low", "both") else None
            high = number if side in ("high", "both") else None
            return {"minimum": low, "maximum": high, "approximate": approximate}
    raise ValueError(
        f"{text!r} is not a count: write '16', 'at least 16', 'about 30', 'up to 5,000'"
    )


def _resolve(model: type[models.Model], name: str, words: StrOrPromise) -> Attribute:
    fields = {field.name: field for field in model._meta.get_fields()}
    if f"{name}_precision" in fields:
        columns = (f"{name}_on", f"{name}_precision", f"{name}_qualifier")
        return Attribute(model, name, Kind.DATE, columns, words)
    if f"{name}_min" in fields:
        columns = (f"{name}_min", f"{name}_max", f"{name}_approximate")
        return Attribute(model, name, Kind.COUNT, columns, words)
    if name == "count" and "minimum" in fields:
        return Attribute(model, name, Kind.COUNT, ("minimum", "maximum", "approximate"), words)
    field = fields.get(name)
    if not isinstance(field, models.Field):
        raise LookupError(f"{model.__name__}.CLAIMABLE names {name!r}, which is not its field")
    if field.many_to_one:
        kind = Kind.RECORD
    elif field.choices:
        kind = Kind.CHOICE
    elif isinstance(field, models.BooleanField):
        kind = Kind.FLAG
    elif isinstance(field, models.IntegerField):
        kind = Kind.NUMBER
    elif isinstance(field, (models.CharField, models.TextField)):
        kind = Kind.TEXT
    else:
        raise LookupError(f"{model.__name__}.{name} is of a kind claims cannot hold")
    return Attribute(model, name, kind, (name,), words)


@cache
def attributes(model: type[models.Model]) -> dict[str, Attribute]:
    """The attributes of ``model`` that sources may give values for, by name: its
    ``CLAIMABLE`` maps each name to the attribute in words."""
    claimable: dict[str, StrOrPromise] = getattr(model, "CLAIMABLE", {})
    return {name: _resolve(model, name, words) for name, words in claimable.items()}


def attribute_of(model: type[models.Model] | None, name: str) -> Attribute | None:
    if model is None:
        return None
    return attributes(model).get(name)
