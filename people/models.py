"""People, the organisations they belong to, and who designated them what."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casetracker.bounds import Bounds, count_fields, min_not_above_max
from casetracker.models import Cited, Place
from casetracker.names import NameVariant
from casetracker.partial_dates import (
    PartialDateAttribute,
    check_order,
    end_not_before_start,
    partial_date_constraints,
    partial_date_fields,
)
from casetracker.publication import CaseTrackerQuerySet, NaturalKeyMixin, Publishable

# The address of an anonymised person: made up, so that it names nobody (see Person.save).
ANONYMOUS_SLUG_PREFIX = "anon-"
ANONYMOUS_SLUG = re.compile(r"anon-[0-9a-f]{10}")


def anonymous_slug() -> str:
    return f"{ANONYMOUS_SLUG_PREFIX}{secrets.token_hex(5)}"


class Role(NaturalKeyMixin, models.Model):
    """What a person is in these events: oil worker, trade union leader, lawyer, journalist ..."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)

    NATURAL_KEY = ("slug",)
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(NaturalKeyMixin, Cited, Publishable):
    """A person, or a group of people a source describes without naming them all ("17 oil
    workers sentenced on 4 June 2012"): a group is the subject of detentions, charges, outcomes
    and involvements as a person is, with its headcount as bounds and its named members."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("one person")
        GROUP = "group", _("a group of people")

    class Anonymity(models.TextChoices):
        NAMED = "named", _("named")
        MINOR = "minor", _("minor: never named publicly")
        ON_REQUEST = "on_request", _("asked not to be named")
        UNNAMED = "unnamed", _("not named in the source")

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.INDIVIDUAL,
        db_default=Kind.INDIVIDUAL,
        help_text=_(
            "A group is described, never named: choose 'not named in the source' and describe "
            "it in the public label ('oil workers tried in Aktau')."
        ),
    )
    headcount_min, headcount_max, headcount_approximate = count_fields()
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="member_of",
        limit_choices_to={"kind": Kind.INDIVIDUAL},
        verbose_name=_("named members"),
        help_text=_("The people of the group whom a source names; a group may have none."),
    )
    name = models.CharField(
        _("display name"),
        max_length=200,
        blank=True,
        help_text=_(
            "The Latin spelling most sources use. Empty for a person the source does not name."
        ),
    )
    native_name = models.CharField(
        _("native-script name"),
        max_length=200,
        blank=True,
        help_text=_(
            "Cyrillic spelling, only where it is well established; leave empty rather than guess."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    roles = models.ManyToManyField(Role, blank=True, related_name="people", verbose_name=_("roles"))
    anonymity = models.CharField(
        _("anonymity"), max_length=10, choices=Anonymity.choices, default=Anonymity.NAMED
    )
    public_label = models.CharField(
        _("public label"),
        max_length=100,
        blank=True,
        help_text=_(
            "Shown instead of the name: for an anonymised person a label, e.g. 'a "
            "16-year-old'; for one the source does not name, its description, e.g. 'a driver "
            "from Zhanaozen'."
        ),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Who they are, in our words."))
    # What lists sort people by: an anonymised person's label, never their real name, which would
    # place them among its letters. Stored and indexed so a page of a long list reads 25 rows.
    sort_name = models.GeneratedField(
        expression=models.Case(
            models.When(anonymity=Anonymity.NAMED, then=models.F("name")),
            default=models.F("public_label"),
        ),
        output_field=models.CharField(max_length=200),
        db_persist=True,
        verbose_name=_("sort name"),
    )

    NATURAL_KEY = ("slug",)
    CLAIMABLE = {"headcount": _("the number of people in the group")}

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["sort_name", "id"], name="person_sort_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity="named") | ~models.Q(public_label=""),
                name="people_person_anonymised_has_label",
                violation_error_message=_(
                    "A person shown without a name needs a public label or description."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(anonymity="named") | ~models.Q(name=""),
                name="people_person_named_has_a_name",
                violation_error_message=_(
                    "A named person needs a name; for one the source does not name, choose "
                    "'not named in the source'."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(anonymity="unnamed") | models.Q(name=""),
                name="people_person_unnamed_has_no_invented_name",
                violation_error_message=_(
                    "The source does not name this person: leave the name empty and describe "
                    "them in the public label."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(kind="individual") | models.Q(anonymity="unnamed"),
                name="people_person_group_is_described",
                violation_error_message=_(
                    "A group is described, not named: choose 'not named in the source' and "
                    "describe it in the public label."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(kind="group")
                | models.Q(
                    headcount_min__isnull=True,
                    headcount_max__isnull=True,
                    headcount_approximate=False,
                ),
                name="people_person_headcount_only_for_groups",
                violation_error_message=_("Only a group has a headcount."),
            ),
            models.CheckConstraint(
                condition=models.Q(headcount_min__isnull=True) | models.Q(headcount_min__gte=2),
                name="people_person_group_of_two_or_more",
                violation_error_message=_(
                    "A group is two people or more; enter one person as a person."
                ),
            ),
            min_not_above_max("people_person", "headcount_min", "headcount_max"),
            # The shape only; save() gives the random part, which SQL cannot check portably.
            models.CheckConstraint(
                condition=models.Q(anonymity="named")
                | models.Q(
                    Exact(Length("slug"), len(anonymous_slug())),
                    slug__startswith=ANONYMOUS_SLUG_PREFIX,
                ),
                name="people_person_anonymised_slug_names_nobody",
                violation_error_message=_(
                    "An anonymised person's address is made up (anon-…), never typed."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.public_label

    def clean(self) -> None:
        self._make_up_slug()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._make_up_slug() and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def _make_up_slug(self) -> bool:
        """A typed or prefilled slug would carry an anonymised person's real name into every
        public address: theirs is made up. Whether it had to be."""
        if self.is_anonymised and not ANONYMOUS_SLUG.fullmatch(self.slug):
            self.slug = anonymous_slug()
            return True
        return False

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", args=[self.slug])

    @property
    def is_anonymised(self) -> bool:
        """Shown by a label, never a name: anonymised, or not named in the source."""
        return self.anonymity != self.Anonymity.NAMED

    @property
    def is_unnamed(self) -> bool:
        """The source gives no name: the label describes the person."""
        return self.anonymity == self.Anonymity.UNNAMED

    @property
    def is_group(self) -> bool:
        return self.kind == self.Kind.GROUP

    @property
    def headcount(self) -> Bounds:
        """How many people a group is, as the sources give it (unknown for one person)."""
        return Bounds(self.headcount_min, self.headcount_max, self.headcount_approximate)

    @property
    def group_description(self) -> str:
        """What a list says beside a group's label: 'a group of about 30 people'."""
        if not self.headcount.known:
            return str(_("a group, its size not given"))
        return str(_("a group of %(headcount)s people") % {"headcount": self.headcount})

    @property
    def public_name(self) -> str:
        """The only name a public page may show."""
        return self.public_label if self.is_anonymised else self.name


class PersonRedirectQuerySet(CaseTrackerQuerySet):
    def servable(self) -> PersonRedirectQuerySet:
        """Redirects that reveal nothing: between two named addresses, or two anonymous ones.

        A name-derived slug answering with an anonymised person's page would confirm who they
        are to anyone who guesses the name; an anonymous slug leading to a named person would
        name them. Checked when serving, since a person may be anonymised after the redirect
        was made.
        """
        anonymous_slug = models.Q(old_slug__startswith=ANONYMOUS_SLUG_PREFIX)
        named = models.Q(person__anonymity=Person.Anonymity.NAMED)
        return self.filter((named & ~anonymous_slug) | (~named & anonymous_slug))


class PersonRedirect(models.Model):
    """An old address of a person merged into another: ``/people/<old_slug>/`` redirects here."""

    old_slug = models.SlugField(max_length=200, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    PUBLIC_VIA = ("person",)
    objects = PersonRedirectQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.person.slug}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if redirect_reveals(self.old_slug, self.person):
            raise ValidationError(
                _("A redirect may not link a named address with an anonymised person.")
            )
        super().save(*args, **kwargs)


def redirect_reveals(old_slug: str, person: Person) -> bool:
    """Whether ``old_slug`` leading to ``person`` would tie a name to an anonymised record."""
    return old_slug.startswith(ANONYMOUS_SLUG_PREFIX) != person.is_anonymised


class PersonName(NaturalKeyMixin, NameVariant):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")

    NATURAL_KEY = ("person__slug", "name")
    PUBLIC_VIA = ("person",)
    objects = CaseTrackerQuerySet.as_manager()

    class Meta(NameVariant.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"], name="people_personname_unique_spelling"
            )
        ]


class Organization(NaturalKeyMixin, Cited, Publishable):
    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        TRADE_UNION = "trade_union", _("trade union")
        PARTY = "party", _("political party")
        MOVEMENT = "movement", _("movement")
        NGO = "ngo", _("non-governmental organisation")
        MEDIA = "media", _("media")
        COURT = "court", _("court")
        POLICE = "police", _("police or security body")
        PROSECUTOR = "prosecutor", _("prosecutor's office")
        GOVERNMENT = "government", _("government body")
        INTERGOVERNMENTAL = "intergovernmental", _("intergovernmental body")

    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(_("native-script name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidiaries",
        help_text=_("The owning company, or the body this one is part of."),
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.TextField(_("summary"), blank=True)

    NATURAL_KEY = ("slug",)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="people_organization_not_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:organization_detail", args=[self.slug])


class OrganizationName(NaturalKeyMixin, NameVariant):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="names")

    NATURAL_KEY = ("organization__slug", "name")
    PUBLIC_VIA = ("organization",)
    objects = CaseTrackerQuerySet.as_manager()

    class Meta(NameVariant.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="people_organizationname_unique_spelling"
            )
        ]


class Affiliation(Cited, models.Model):
    """Who belonged to what, in which role, and when."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="affiliations"
    )
    role = models.CharField(
        _("role"), max_length=120, help_text=_("E.g. 'lawyer', 'chair', 'employee'.")
    )
    started_on, started_precision, started_qualifier = partial_date_fields(_("from"))
    ended_on, ended_precision, ended_qualifier = partial_date_fields(_("until"))
    started = PartialDateAttribute("started")
    ended = PartialDateAttribute("ended")

    PUBLIC_VIA = ("person", "organization")
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            end_not_before_start("people_affiliation", "started", "ended"),
            *partial_date_constraints("people_affiliation", "started", "ended"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role}, {self.organization}"

    def clean(self) -> None:
        check_order(self.started, self.ended, end_field="ended_on")


class Designation(Cited, models.Model):
    """An organisation's finding about a person, e.g. 'prisoner of conscience' by Amnesty."""

    class Kind(models.TextChoices):
        PRISONER_OF_CONSCIENCE = "prisoner_of_conscience", _("prisoner of conscience")
        POLITICAL_PRISONER = "political_prisoner", _("political prisoner")
        HUMAN_RIGHTS_DEFENDER = "human_rights_defender", _("human rights defender at risk")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="designations")
    kind = models.CharField(_("designation"), max_length=30, choices=Kind.choices)
    designated_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="designations_made",
        verbose_name=_("by"),
    )
    designated_on, designated_precision, designated_qualifier = partial_date_fields(_("designated"))
    designated = PartialDateAttribute("designated")

    PUBLIC_VIA = ("person", "designated_by")
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["designated_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "designated_by"],
                name="people_designation_once_per_organization",
            ),
            *partial_date_constraints("people_designation", "designated"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} ({self.designated_by})"
