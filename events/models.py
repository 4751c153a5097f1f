"""Incidents (strikes, protests, dispersals, shootings ...) and who took part in them."""

from __future__ import annotations

from itertools import chain

from django.db import models
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import Case
from casetracker.bounds import Bounds, count_fields, min_not_above_max, some_bound
from casetracker.models import Cited, Place
from casetracker.partial_dates import (
    PartialDateAttribute,
    check_order,
    end_not_before_start,
    partial_date_constraints,
    partial_date_fields,
    period_text,
    undated_last,
)
from casetracker.publication import CaseTrackerQuerySet, NaturalKeyMixin, Publishable
from people.models import Organization, Person


class Incident(NaturalKeyMixin, Cited, Publishable):
    class Kind(models.TextChoices):
        STRIKE = "strike", _("strike")
        PROTEST = "protest", _("protest or rally")
        HUNGER_STRIKE = "hunger_strike", _("hunger strike")
        DISPERSAL = "dispersal", _("dispersal")
        MASS_DETENTION = "mass_detention", _("mass detention")
        DISMISSAL = "dismissal", _("dismissals")
        COURT_RULING = "court_ruling", _("court ruling")
        ATTACK = "attack", _("attack")
        SHOOTING = "shooting", _("shooting")
        DEATH = "death", _("death")
        SEARCH = "search", _("search")
        KIDNAPPING = "kidnapping", _("kidnapping or attempt")
        HARASSMENT = "harassment", _("intimidation or harassment")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    started_on, started_precision, started_qualifier = partial_date_fields(
        _("from"),
        help_text=_(
            "The first day of the period known: 1 September 2011 for 'September 2011'. Empty "
            "when no source dates it."
        ),
    )
    ended_on, ended_precision, ended_qualifier = partial_date_fields(_("until"))
    started = PartialDateAttribute("started")
    ended = PartialDateAttribute("ended")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    summary = models.TextField(_("summary"), help_text=_("What happened, in our own words."))
    cases = models.ManyToManyField(
        Case, blank=True, related_name="incidents", verbose_name=_("cases that followed")
    )

    NATURAL_KEY = ("slug",)
    CLAIMABLE = {
        "started": _("when it began"),
        "ended": _("when it ended"),
        "kind": _("the kind of incident"),
        "place": _("where it happened"),
    }

    class Meta:
        # Undated incidents last, on every database.
        ordering = [undated_last("started_on"), "title"]
        # The incident list's order and its date range filter.
        indexes = [models.Index(fields=["started_on", "title", "id"], name="incident_started_idx")]
        constraints = [
            end_not_before_start("events_incident", "started", "ended"),
            *partial_date_constraints("events_incident", "started", "ended"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:incident_detail", args=[self.slug])

    def clean(self) -> None:
        check_order(self.started, self.ended, end_field="ended_on")

    @property
    def period(self) -> str:
        return period_text(self.started, self.ended)

    def count_of(self, kind: str) -> IncidentCount | None:
        """The count of ``kind`` (one of ``IncidentCount.Kind``), from the prefetched counts."""
        return next((count for count in self.counts.all() if count.kind == kind), None)

    @property
    def killed(self) -> IncidentCount | None:
        return self.count_of(IncidentCount.Kind.KILLED)

    @property
    def detained(self) -> IncidentCount | None:
        return self.count_of(IncidentCount.Kind.DETAINED)


class CountKind(models.TextChoices):
    """What an incident's count counts, in the order pages show them."""

    PARTICIPANTS = "participants", pgettext_lazy("people counted", "participants")
    DETAINED = "detained", pgettext_lazy("people counted", "detained")
    ARRESTED = "arrested", pgettext_lazy("people counted", "administrative arrest")
    FINED = "fined", pgettext_lazy("people counted", "fined")
    SENTENCED = "sentenced", pgettext_lazy("people counted", "sentenced")
    INJURED = "injured", pgettext_lazy("people counted", "injured")
    HOSPITALISED = "hospitalised", pgettext_lazy("people counted", "hospitalised")
    KILLED = "killed", pgettext_lazy("people counted", "killed")
    DISMISSED = "dismissed", pgettext_lazy("people counted", "dismissed")
    RESIGNED = "resigned", pgettext_lazy("people counted", "left an organisation")
    OTHER = "other", pgettext_lazy("people counted", "other")


# What each kind counts, shown to researchers under the choice.
COUNTED = {
    CountKind.PARTICIPANTS: _("people who took part: strikers, marchers, hunger strikers"),
    CountKind.DETAINED: _("people the police or security services took into custody"),
    CountKind.ARRESTED: _("people a court sentenced to administrative arrest (days in custody)"),
    CountKind.FINED: _("people a court or official fined"),
    CountKind.SENTENCED: _("people a criminal court sentenced (prison, suspended or other terms)"),
    CountKind.INJURED: _("people wounded or beaten"),
    CountKind.HOSPITALISED: _("people taken to hospital, by force or for their injuries"),
    CountKind.KILLED: _("people who died: shot, beaten to death or found dead"),
    CountKind.DISMISSED: _("workers their employer dismissed"),
    CountKind.RESIGNED: _("people who left a party, union or post (the note says which)"),
    CountKind.OTHER: _("anything else counted: the note says what"),
}
# Counts sorted in the order of CountKind.
KIND_ORDER = models.Case(
    *(models.When(kind=kind, then=index) for index, kind in enumerate(CountKind)),
    output_field=models.IntegerField(),
)


class IncidentCount(NaturalKeyMixin, Cited, models.Model):
    """How many people an incident involved in one way, as the sources give it, with its citations.

    One row per kind and incident ("other" rows are told apart by their note). Where sources
    disagree, each citation states its figure in ``claim`` (with ``claim_field`` the kind) and the
    row holds the tracker's reading.
    """

    Kind = CountKind

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="counts")
    kind = models.CharField(
        _("counted"),
        max_length=12,
        choices=Kind.choices,
        help_text=format_lazy(
            "; ".join(["{}: {}"] * len(COUNTED)),
            *chain.from_iterable((kind.label, counted) for kind, counted in COUNTED.items()),
        ),
    )
    minimum, maximum, approximate = count_fields()
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_(
            "Short, in our words: 'of whom 3 women', 'more than', 'by late November'. "
            "Required for 'other': what is counted."
        ),
    )

    PUBLIC_VIA = ("incident",)
    CLAIMABLE = {"count": _("the number")}
    NATURAL_KEY = ("incident__slug", "kind", "note")
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        # Counts in the order of Kind, as pages show them: participants first, other last.
        ordering = ["incident_id", KIND_ORDER, "note"]
        verbose_name = _("incident count")
        verbose_name_plural = _("incident counts")
        constraints = [
            min_not_above_max("events_incidentcount"),
            some_bound("events_incidentcount"),
            models.UniqueConstraint(
                fields=["incident", "kind"],
                condition=~models.Q(kind="other"),
                name="events_incidentcount_once_per_kind",
                violation_error_message=_("This incident already has a count of this kind."),
            ),
            models.UniqueConstraint(
                fields=["incident", "note"],
                condition=models.Q(kind="other"),
                name="events_incidentcount_other_once_per_note",
                violation_error_message=_("This incident already has this count."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="other") | ~models.Q(note=""),
                name="events_incidentcount_other_says_what",
                violation_error_message=_("Say in the note what an 'other' count counts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident}: {self.label}"

    def get_absolute_url(self) -> str:
        return f"{self.incident.get_absolute_url()}#counts"

    @property
    def bounds(self) -> Bounds:
        return Bounds(self.minimum, self.maximum, self.approximate)

    @property
    def label(self) -> str:
        """``"killed: at least 16"``, ``"dismissed: at least 2,500 (more than)"``; an "other"
        count is named by its note."""
        if self.kind == self.Kind.OTHER:
            return f"{self.note}: {self.bounds}"
        shown = f"{self.get_kind_display()}: {self.bounds}"
        return f"{shown} ({self.note})" if self.note else shown


class Involvement(Cited, models.Model):
    """A person's or an organisation's part in an incident."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("organiser")
        PARTICIPANT = "participant", _("participant")
        VICTIM = "victim", _("victim")
        WITNESS = "witness", _("witness")
        PERPETRATOR = "perpetrator", _("perpetrator")
        SPEAKER = "speaker", _("speaker")
        EMPLOYER = "employer", _("employer")
        TARGET = "target", _("target")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="involvements"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="involvements"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    PUBLIC_VIA = ("incident", "person", "organization")
    CLAIMABLE = {"role": _("the part taken")}
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["incident", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organization__isnull=True)
                | models.Q(person__isnull=True, organization__isnull=False),
                name="events_involvement_person_or_organization",
                violation_error_message=_("Name either a person or an organisation."),
            ),
            models.UniqueConstraint(
                fields=["incident", "person", "role"],
                name="events_involvement_person_once_per_role",
            ),
            models.UniqueConstraint(
                fields=["incident", "organization", "role"],
                name="events_involvement_organization_once_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organization}: {self.get_role_display()} in {self.incident}"
