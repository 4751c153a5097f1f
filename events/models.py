"""Incidents (strikes, protests, dispersals, shootings ...) and who took part in them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from casetracker.bounds import BoundsAttribute, count_bound_fields, min_not_above_max
from casetracker.models import Cited, Place
from casetracker.partial_dates import (
    PartialDateAttribute,
    check_order,
    end_not_before_start,
    partial_date_fields,
    partial_dates_in_window,
    partial_dates_start_their_period,
)
from casetracker.publication import CaseTrackerQuerySet, NaturalKeyMixin, Publishable
from people.models import Organization, Person

COUNTED = ("participants", "detained", "injured", "killed")


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
    started_on, started_precision = partial_date_fields(_("from"), required=True)
    ended_on, ended_precision = partial_date_fields(_("until"))
    started = PartialDateAttribute("started")
    ended = PartialDateAttribute("ended")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    summary = models.TextField(_("summary"), help_text=_("What happened, in our own words."))
    participants_min, participants_max = count_bound_fields(_("participants"))
    detained_min, detained_max = count_bound_fields(_("detained"))
    injured_min, injured_max = count_bound_fields(_("injured"))
    killed_min, killed_max = count_bound_fields(_("killed"))
    participants = BoundsAttribute("participants")
    detained = BoundsAttribute("detained")
    injured = BoundsAttribute("injured")
    killed = BoundsAttribute("killed")
    cases = models.ManyToManyField(
        Case, blank=True, related_name="incidents", verbose_name=_("cases that followed")
    )

    NATURAL_KEY = ("slug",)

    class Meta:
        ordering = ["started_on", "title"]
        # The incident list's order and its date range filter.
        indexes = [models.Index(fields=["started_on", "title", "id"], name="incident_started_idx")]
        constraints = [
            end_not_before_start("events_incident", "started", "ended"),
            *partial_dates_in_window("events_incident", "started", "ended"),
            *partial_dates_start_their_period("events_incident", "started", "ended"),
            *(min_not_above_max("events_incident", counted) for counted in COUNTED),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:incident_detail", args=[self.slug])

    def clean(self) -> None:
        check_order(self.started, self.ended, end_field="ended_on")


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
