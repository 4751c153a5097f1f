"""Proceedings and what they did to people: charges, detentions, hearings, outcomes, sentences."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from casetracker.claims import format_months
from casetracker.models import Cited, Place, certainty_field
from casetracker.partial_dates import (
    DateBounds,
    PartialDate,
    PartialDateAttribute,
    check_order,
    date_text,
    end_not_before_start,
    partial_date_constraints,
    partial_date_fields,
    undated_last,
)
from casetracker.publication import CaseTrackerQuerySet, NaturalKeyMixin, Publishable, free_slug
from people.models import Organization, Person

# The largest value of the ``number`` column (PositiveIntegerField) on every database we run on.
MAX_ARTICLE_NUMBER = 2_147_483_647


def article_number(article: str) -> int:
    """The leading digits of an article as a number, for sorting: 164 for '164-1', 0 for none."""
    leading_digits = re.match(r"\d+", article)
    return int(leading_digits.group()) if leading_digits else 0


def validate_article_number(article: str) -> None:
    # A number past the column would fail on save with a database error, not a form error.
    if article_number(article) > MAX_ARTICLE_NUMBER:
        raise ValidationError(
            _("No code has an article numbered %(number)s: check the number."),
            code="article_number_too_large",
            params={"number": article_number(article)},
        )


# The kinds of law that are not one code each: the article's instrument names the law or treaty.
NAMED_INSTRUMENTS = ("law", "international")


class LegalArticle(NaturalKeyMixin, Cited, models.Model):
    """An article (and part) of a code, a law or an international instrument, in the version that
    was in force."""

    class Code(models.TextChoices):
        CRIMINAL = "criminal", _("Criminal Code")
        ADMINISTRATIVE = "administrative", _("Code of Administrative Offences")
        LABOUR = "labour", _("Labour Code")
        CRIMINAL_PROCEDURE = "criminal_procedure", _("Criminal Procedure Code")
        CONSTITUTION = "constitution", _("Constitution")
        LAW = "law", _("Law")
        INTERNATIONAL = "international", _("International instrument")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices)
    instrument = models.CharField(
        _("instrument"),
        max_length=200,
        blank=True,
        help_text=_(
            'For a law or an international instrument, its name ("Law on Peaceful Assemblies", '
            '"ICCPR", "ILO Convention No. 87"); empty for the codes.'
        ),
    )
    version = models.CharField(
        _("version"),
        max_length=20,
        help_text=_(
            "The code's edition by year of adoption (e.g. '1997'); "
            "article numbers change between editions."
        ),
    )
    article = models.CharField(
        _("article"),
        max_length=20,
        validators=[validate_article_number],
        help_text=_("As numbered in that version, e.g. '164'."),
    )
    part = models.CharField(
        _("part"), max_length=20, blank=True, help_text=_("Part or paragraph, e.g. '1'.")
    )
    number = models.PositiveIntegerField(
        editable=False, default=0, help_text=_("For sorting articles numerically.")
    )
    title = models.CharField(
        _("title"), max_length=300, help_text=_("What the article punishes, in short.")
    )
    slug = models.SlugField(max_length=100, unique=True)
    in_force_from = models.PositiveSmallIntegerField(
        _("in force from (year)"), null=True, blank=True
    )
    in_force_until = models.PositiveSmallIntegerField(
        _("in force until (year)"), null=True, blank=True
    )

    NATURAL_KEY = ("code", "instrument", "version", "article", "part")
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["code", "number", "article", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "instrument", "version", "article", "part"],
                name="cases_legalarticle_unique_reference",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(code__in=NAMED_INSTRUMENTS) & ~models.Q(instrument="")
                    | ~models.Q(code__in=NAMED_INSTRUMENTS) & models.Q(instrument="")
                ),
                name="cases_legalarticle_instrument_only_for_laws",
                violation_error_message=_(
                    "A law or an international instrument needs its name; a code has none."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(in_force_until__isnull=True)
                | models.Q(in_force_from__isnull=True)
                | models.Q(in_force_until__gte=models.F("in_force_from")),
                name="cases_legalarticle_in_force_in_order",
            ),
        ]

    def __str__(self) -> str:
        reference = f"{self.instrument or self.get_code_display()} art. {self.article}"
        return f"{reference} part {self.part}" if self.part else reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number = article_number(self.article)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cases:article_detail", args=[self.slug])


class ArticleCorrespondence(models.Model):
    """An article of one version of a code that corresponds to an article of a later version."""

    earlier = models.ForeignKey(
        LegalArticle, on_delete=models.CASCADE, related_name="corresponds_later"
    )
    later = models.ForeignKey(
        LegalArticle, on_delete=models.CASCADE, related_name="corresponds_earlier"
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("How far the two correspond, e.g. where the later article is narrower."),
    )

    class Meta:
        ordering = ["earlier", "later"]
        constraints = [
            models.UniqueConstraint(
                fields=["earlier", "later"], name="cases_articlecorrespondence_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(earlier=models.F("later")),
                name="cases_articlecorrespondence_two_articles",
                violation_error_message=_("An article cannot correspond to itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.earlier} → {self.later}"

    def clean(self) -> None:
        # Across the two rows, so not a database constraint.
        if not (self.earlier_id and self.later_id):
            return
        if self.earlier.code != self.later.code or self.earlier.instrument != self.later.instrument:
            raise ValidationError(_("Both articles must be of the same code."))
        if self.earlier.version == self.later.version:
            raise ValidationError(_("The two articles must be of different versions."))


class ProceduralConcern(NaturalKeyMixin, models.Model):
    """A recognised problem with a proceeding: closed trial, no lawyer, torture allegation ..."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    NATURAL_KEY = ("slug",)
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(NaturalKeyMixin, Cited, Publishable):
    """One proceeding, criminal or administrative, against one or more defendants."""

    class Kind(models.TextChoices):
        CRIMINAL = "criminal", _("criminal")
        ADMINISTRATIVE = "administrative", _("administrative")
        CIVIL = "civil", _("civil or labour")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    number = models.CharField(
        _("case number"), max_length=100, blank=True, help_text=_("Official number, if known.")
    )
    defendants = models.ManyToManyField(
        Person, blank=True, related_name="cases", verbose_name=_("defendants")
    )
    opened_on, opened_precision, opened_qualifier = partial_date_fields(_("opened"))
    opened = PartialDateAttribute("opened")
    summary = models.TextField(_("summary"), blank=True)

    NATURAL_KEY = ("slug",)
    CLAIMABLE = {
        "opened": _("when the case was opened"),
        "number": _("the case number"),
        "kind": _("the kind of case"),
    }

    class Meta:
        ordering = ["opened_on", "title"]
        # The case list's order and its "opened" range filter.
        indexes = [models.Index(fields=["opened_on", "title", "id"], name="case_opened_idx")]
        constraints = [
            *partial_date_constraints("cases_case", "opened"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.slug])


class Charge(Cited, models.Model):
    """One charge against one defendant in one case: an article, or the charge as described when
    the source gives no article. Its history is in ChargeEvent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="charges")
    defendant = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="charges")
    article = models.ForeignKey(
        LegalArticle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
        help_text=_("Empty when the source names the charge but not its article."),
    )
    described_as = models.CharField(
        _("described as"),
        max_length=200,
        blank=True,
        help_text=_(
            'The charge in the source\'s terms ("abuse of power"), when the source gives no '
            "article; may also accompany an article."
        ),
    )
    reclassified_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reclassified_as",
        help_text=_(
            "The earlier charge this one replaced when the prosecution changed the article."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    PUBLIC_VIA = ("case", "defendant")
    CLAIMABLE = {
        "article": _("the article charged"),
        "described_as": _("the charge as described"),
    }
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["case", "defendant", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "defendant", "article"], name="cases_charge_once_per_article"
            ),
            # With no article, NULLs are distinct: the description keeps such charges apart.
            models.UniqueConstraint(
                fields=["case", "defendant", "described_as"],
                condition=models.Q(article__isnull=True),
                name="cases_charge_once_per_description",
                violation_error_message=_(
                    "This defendant already has a charge with this description in this case."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(article__isnull=False) | ~models.Q(described_as=""),
                name="cases_charge_article_or_description",
                violation_error_message=_("A charge needs an article or a description (or both)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.defendant}: {self.offence}"

    @property
    def offence(self) -> str:
        """What to show for the charge: its article, else its description marked as such."""
        if self.article is not None:
            return str(self.article)
        return _("%(description)s (no article given)") % {"description": self.described_as}

    def clean(self) -> None:
        if (
            self.case_id
            and self.defendant_id
            and self.case.pk
            and not self.case.defendants.filter(pk=self.defendant_id).exists()
        ):
            raise ValidationError(
                {
                    "defendant": _("%(person)s is not a defendant in this case.")
                    % {"person": self.defendant}
                }
            )

    @property
    def status(self) -> ChargeEvent.Status | None:
        """The latest step of the charge's history (uses prefetched ``events``)."""
        events = list(self.events.all())
        return ChargeEvent.Status(events[-1].status) if events else None


class ChargeEvent(Cited, models.Model):
    """A dated step in a charge's history: brought, reclassified, dropped, convicted, acquitted."""

    class Status(models.TextChoices):
        BROUGHT = "brought", _("brought")
        RECLASSIFIED = "reclassified", _("reclassified")
        DROPPED = "dropped", _("dropped")
        CONVICTED = "convicted", _("convicted")
        ACQUITTED = "acquitted", _("acquitted")

    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    occurred_on, occurred_precision, occurred_qualifier = partial_date_fields(_("date"))
    occurred = PartialDateAttribute("occurred")
    note = models.CharField(_("note"), max_length=300, blank=True)

    PUBLIC_VIA = ("charge",)
    CLAIMABLE = {
        "occurred": _("the date of this step of the charge"),
        "status": _("this step of the charge"),
    }
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["charge", "status"], name="cases_chargeevent_once_per_status"
            ),
            *partial_date_constraints("cases_chargeevent", "occurred"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.occurred or ''}".strip()


# Terms beyond these are typing errors; within them, a term added to any date the window of
# casetracker.partial_dates allows stays far inside the calendar.
MAX_TERM_MONTHS = 1200  # a century
MAX_ARREST_DAYS = 3660  # ten years
MAX_SERVICE_HOURS = 10_000


class Detention(Cited, Publishable):
    """A period in which a person was deprived of liberty."""

    class Kind(models.TextChoices):
        POLICE_CUSTODY = "police_custody", _("police custody (short-term)")
        ADMINISTRATIVE_ARREST = "administrative_arrest", _("administrative arrest")
        PRE_TRIAL = "pre_trial", _("pre-trial custody")
        HOUSE_ARREST = "house_arrest", _("house arrest")
        IMPRISONMENT = "imprisonment", _("imprisonment")
        INCOMMUNICADO = "incommunicado", _("incommunicado detention")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="detentions")
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="detentions"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    started_on, started_precision, started_qualifier = partial_date_fields(
        _("from"),
        help_text=_(
            "The first day of the period known: 1 September 2011 for 'September 2011'. Empty "
            "when no source dates it ('held for five days'): give the duration instead."
        ),
    )
    ended_on, ended_precision, ended_qualifier = partial_date_fields(
        _("until"), help_text=_("Empty while no source reports a release.")
    )
    started = PartialDateAttribute("started")
    ended = PartialDateAttribute("ended")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="detentions"
    )
    authority = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="detentions_made",
        help_text=_("The police or security body that detained the person."),
    )
    facility = models.CharField(_("facility"), max_length=200, blank=True)
    ended_reason = models.CharField(
        _("how it ended"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'released on bail', 'amnesty'."),
    )
    duration_days = models.PositiveSmallIntegerField(
        _("duration (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_ARREST_DAYS)],
        help_text=_(
            "How long it lasted when the source gives a length but no end, e.g. 5 for "
            "'five days' administrative arrest'. Leave empty when the end is dated."
        ),
    )
    release_reported = models.BooleanField(
        _("release reported, date not given"),
        default=False,
        help_text=_("A source says the person was released but gives no date."),
    )
    certainty = certainty_field()

    PUBLIC_VIA = ("person", "case")
    CLAIMABLE = {
        "started": _("when the detention began"),
        "ended": _("when the detention ended"),
        "duration_days": _("how long the detention lasted"),
        "kind": _("the kind of detention"),
        "place": _("where the person was held"),
        "authority": _("who detained the person"),
        "facility": _("the place of detention"),
    }

    class Meta:
        # Undated detentions last, on every database.
        ordering = [undated_last("started_on"), "pk"]
        constraints = [
            end_not_before_start("cases_detention", "started", "ended"),
            *partial_date_constraints("cases_detention", "started", "ended"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(duration_days__isnull=True, release_reported=False),
                name="cases_detention_one_kind_of_end",
                violation_error_message=_(
                    "A dated end says it all: leave the duration and 'release reported' empty."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(duration_days__isnull=True) | models.Q(release_reported=False),
                name="cases_detention_duration_or_undated_release",
                violation_error_message=_(
                    "A known duration already says when the release came: leave 'release "
                    "reported' unticked."
                ),
            ),
        ]
        indexes = [models.Index(fields=["started_on", "ended_on"], name="detention_period_idx")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} from {date_text(self.started)}"

    def clean(self) -> None:
        check_order(self.started, self.ended, end_field="ended_on")


HEARING_SLUG_LENGTH = 120


class Hearing(Cited, Publishable):
    """A court sitting that decided something in a case."""

    class Instance(models.TextChoices):
        FIRST = "first", _("first instance")
        APPEAL = "appeal", _("appeal")
        CASSATION = "cassation", _("cassation")
        SUPERVISORY = "supervisory", _("supervisory review")
        REMAND = "remand", _("remand (custody before trial)")
        DETENTION_APPEAL = "detention_appeal", _("appeal against custody")
        PAROLE = "parole", _("parole or early release")
        SENTENCE_EXECUTION = "execution", _("serving of the sentence (regime, transfer)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    slug = models.SlugField(
        _("address"),
        max_length=HEARING_SLUG_LENGTH,
        unique=True,
        blank=True,
        # All digits would be taken for one of the numeric addresses hearings used to have.
        validators=[
            RegexValidator(
                r"\D", message=_("An address needs a letter or a hyphen, not only digits.")
            )
        ],
        help_text=_(
            "Part of the page's address. Left empty, it is made from the case, the instance and "
            "the date; once published, keep it: links to the page use it."
        ),
    )
    court = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="hearings",
        limit_choices_to={"kind": Organization.Kind.COURT},
    )
    instance = models.CharField(
        _("instance"), max_length=16, choices=Instance.choices, db_index=True
    )
    held_on, held_precision, held_qualifier = partial_date_fields(
        _("date"),
        help_text=_(
            "The first day of the period known: 1 September 2011 for 'September 2011'. Empty "
            "when the source says a hearing took place but not when."
        ),
    )
    held = PartialDateAttribute("held")
    judges: models.ManyToManyField[Person, HearingJudge] = models.ManyToManyField(
        Person,
        through="HearingJudge",
        related_name="hearings_judged",
        verbose_name=_("judges"),
        help_text=_("The panel: one judge, or several with one presiding."),
    )
    closed_to_public = models.BooleanField(
        _("closed to the public"), null=True, blank=True, help_text=_("Empty when no source says.")
    )
    lawyer_present = models.BooleanField(
        _("defence lawyer present"),
        null=True,
        blank=True,
        help_text=_("Empty when no source says."),
    )
    concerns = models.ManyToManyField(ProceduralConcern, blank=True, related_name="hearings")
    summary = models.TextField(_("summary"), blank=True)

    PUBLIC_VIA = ("case",)
    CLAIMABLE = {
        "held": _("the date of the hearing"),
        "court": _("the court"),
        "instance": _("the kind of hearing"),
    }
    # The judges readers may see, the presiding judge first: prefetched by
    # cases.selectors.public_panel().
    public_panel: list[HearingJudge]

    class Meta:
        ordering = [undated_last("held_on"), "pk"]
        # The hearing list's order and its date range filter.
        indexes = [models.Index(fields=["held_on", "id"], name="hearing_held_idx")]
        constraints = [
            *partial_date_constraints("cases_hearing", "held"),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_instance_display()}, {self.court}, {date_text(self.held)}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = free_slug(
                Hearing.objects.exclude(pk=self.pk), "slug", self.slug_words(), HEARING_SLUG_LENGTH
            )
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def slug_words(self) -> str:
        """What a new hearing's address is made of: "case-of-the-strikers first 2012-06-04"."""
        # Read as the database will store it: forms and imports may still hold the text.
        held_on = parse_date(self.held_on) if isinstance(self.held_on, str) else self.held_on
        when = PartialDate.of(held_on, self.held_precision).isoformat() if held_on else "undated"
        return f"{self.case.slug} {self.instance} {when}"

    def get_absolute_url(self) -> str:
        return reverse("cases:hearing_detail", args=[self.slug])


class HearingJudge(models.Model):
    """One judge of a hearing's panel."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="panel")
    judge = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="panel_seats", verbose_name=_("judge")
    )
    presiding = models.BooleanField(
        _("presiding"),
        default=False,
        db_default=False,
        help_text=_("The judge who presided; a panel has at most one."),
    )

    PUBLIC_VIA = ("hearing", "judge")
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        verbose_name = _("judge of the panel")
        verbose_name_plural = _("panel of judges")
        # The presiding judge first, then the others by name; never by the real name of an
        # anonymised judge (sort_name).
        ordering = ["-presiding", "judge__sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "judge"],
                name="cases_hearingjudge_once_per_hearing",
                violation_error_message=_("This judge is on the panel already."),
            ),
            models.UniqueConstraint(
                fields=["hearing"],
                condition=models.Q(presiding=True),
                name="cases_hearingjudge_one_presiding",
                violation_error_message=_("A panel has one presiding judge."),
            ),
        ]

    def __str__(self) -> str:
        role = _("presiding") if self.presiding else _("judge")
        return f"{self.judge} ({role})"

    def absorb(self, folded: HearingJudge) -> None:
        """A merge folded ``folded``, the same judge's seat on this panel, into this one."""
        if folded.presiding and not self.presiding:
            self.presiding = True
            self.save(update_fields=["presiding"])


class Outcome(Cited, models.Model):
    """What one hearing decided for one defendant."""

    class Verdict(models.TextChoices):
        CONVICTED = "convicted", _("convicted")
        ACQUITTED = "acquitted", _("acquitted")
        DISMISSED = "dismissed", _("case dismissed")
        UPHELD = "upheld", _("appeal rejected, sentence upheld")
        CHANGED = "changed", _("sentence changed on appeal")
        RETRIAL = "retrial", _("sent back for retrial")
        ADJOURNED = "adjourned", _("adjourned")
        REMANDED = "remanded", _("remanded in custody")
        RELEASED_EARLY = "released_early", _("released early (parole, amnesty or pardon)")
        REGIME_CHANGED = "regime_changed", _("moved to another regime")

    CONVICTIONS = (Verdict.CONVICTED, Verdict.UPHELD, Verdict.CHANGED)

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="outcomes")
    defendant = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="outcomes")
    verdict = models.CharField(
        _("verdict"),
        max_length=16,
        choices=Verdict.choices,
        help_text=_(
            "A sentence changed on appeal or a move to another regime gets its own sentence; "
            "an appeal rejected leaves the earlier one standing; an early release ends the "
            "prison term's custody."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    certainty = certainty_field()

    PUBLIC_VIA = ("hearing", "defendant")
    CLAIMABLE = {"verdict": _("the verdict")}
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = [undated_last("hearing__held_on"), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "defendant"], name="cases_outcome_once_per_defendant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.defendant}: {self.get_verdict_display()}"

    def clean(self) -> None:
        if (
            self.hearing_id
            and self.defendant_id
            and not self.hearing.case.defendants.filter(pk=self.defendant_id).exists()
        ):
            raise ValidationError(
                {
                    "defendant": _("%(person)s is not a defendant in the case heard.")
                    % {"person": self.defendant}
                }
            )

    @property
    def is_conviction(self) -> bool:
        return self.verdict in self.CONVICTIONS

    def custody_started(self) -> PartialDate | None:
        """When the defendant's custody in this case began; it is credited against a prison term.

        Uses ``defendant.detentions`` (prefetch it for lists).
        """
        starts = [
            detention.started
            for detention in self._custody_in_case()
            if detention.started is not None
        ]
        return min(starts, key=lambda start: start.earliest) if starts else None

    def undated_custody(self) -> bool:
        """Whether the defendant's custody in this case includes a detention no source dates:
        it cannot be credited by date, so the expected release may come sooner than stated."""
        return any(detention.started is None for detention in self._custody_in_case())

    def _custody_in_case(self) -> list[Detention]:
        return [
            detention
            for detention in self.defendant.detentions.all()
            if detention.case_id == self.hearing.case_id and detention.kind in CUSTODIAL_KINDS
        ]

    def expected_release(self) -> DateBounds | None:
        """End of the prison term counted from the start of custody in the case (credited
        against the term), or from the verdict when no custody is recorded, day for day; for a
        group's range of terms, from the end of the shortest to the end of the longest.

        Custody no source dates is not credited (``undated_custody``): the release is then the
        latest it can be. None when there is no prison term to serve, no date to count from (an
        undated verdict and no dated custody), or the end would fall past the calendar's end
        (unknown). ``cases.status.term_end_latest`` is the same rule in SQL.
        """
        sentence = getattr(self, "sentence", None)
        if sentence is None or not sentence.prison_months:
            return None
        start = self.custody_started() or self.hearing.held
        if start is None:
            return None
        return DateBounds(start.earliest, start.latest).shifted_by_months(
            sentence.prison_months, longest=sentence.prison_months_max
        )


CUSTODIAL_KINDS = (
    Detention.Kind.PRE_TRIAL,
    Detention.Kind.IMPRISONMENT,
    Detention.Kind.HOUSE_ARREST,
)


class Sentence(Cited, models.Model):
    """The penalty attached to a conviction, in structured terms."""

    class Regime(models.TextChoices):
        SETTLEMENT = "settlement", _("colony-settlement")
        GENERAL = "general", _("general regime")
        STRICT = "strict", _("strict regime")
        SPECIAL = "special", _("special regime")

    outcome = models.OneToOneField(Outcome, on_delete=models.CASCADE, related_name="sentence")
    prison_months = models.PositiveSmallIntegerField(
        _("prison term (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TERM_MONTHS)],
        help_text=_(
            "Term to be served; 7 years is 84. For a group sentenced to a range of terms, the "
            "shortest."
        ),
    )
    prison_months_max = models.PositiveSmallIntegerField(
        _("longest prison term of a group (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TERM_MONTHS)],
        help_text=_(
            "Only for a group sentenced to terms from the shortest to this: '3 to 7 years' is "
            "36 here and 84 here."
        ),
    )
    regime = models.CharField(_("regime"), max_length=12, choices=Regime.choices, blank=True)
    suspended_months = models.PositiveSmallIntegerField(
        _("suspended term (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TERM_MONTHS)],
        help_text=_("Prison term suspended, not served."),
    )
    suspended_length_not_given = models.BooleanField(
        _("suspended, length not given"),
        default=False,
        db_default=False,
        help_text=_("The source says the sentence was suspended but not for how long."),
    )
    probation_months = models.PositiveSmallIntegerField(
        _("probation (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TERM_MONTHS)],
        help_text=_("Probation period of a suspended term."),
    )
    fine_amount = models.DecimalField(
        _("fine"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fine_currency = models.CharField(
        _("fine currency"), max_length=3, blank=True, help_text=_("ISO 4217 code: KZT, EUR, USD.")
    )
    fine_amount_not_given = models.BooleanField(
        _("fined, amount not given"),
        default=False,
        db_default=False,
        help_text=_("The source says a fine was imposed but not how much."),
    )
    fine_amount_eur = models.DecimalField(
        _("fine in euros, as reported"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The euro figure the source gives, not our conversion."),
    )
    arrest_days = models.PositiveSmallIntegerField(
        _("administrative arrest (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_ARREST_DAYS)],
    )
    community_service_hours = models.PositiveSmallIntegerField(
        _("community service (hours)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_SERVICE_HOURS)],
    )
    ban = models.CharField(
        _("ban"),
        max_length=200,
        blank=True,
        help_text=_("What the person is barred from, e.g. 'trade union posts'."),
    )
    ban_months = models.PositiveSmallIntegerField(
        _("ban (months)"), null=True, blank=True, validators=[MaxValueValidator(MAX_TERM_MONTHS)]
    )
    confiscation = models.CharField(
        _("confiscation"),
        max_length=200,
        blank=True,
        help_text=_("What the court confiscated, e.g. 'property', 'a car'."),
    )
    court_costs = models.DecimalField(
        _("court costs"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Costs the defendant was ordered to pay."),
    )
    court_costs_currency = models.CharField(
        _("court costs currency"), max_length=3, blank=True, help_text=_("ISO 4217 code.")
    )

    PUBLIC_VIA = ("outcome",)
    CLAIMABLE = {
        "prison_months": _("the prison term"),
        "prison_months_max": _("the longest prison term in the group"),
        "regime": _("the prison regime"),
        "suspended_months": _("the suspended term"),
        "probation_months": _("the probation"),
        "arrest_days": _("the days of administrative arrest"),
        "community_service_hours": _("the hours of community service"),
        "ban_months": _("the length of the ban"),
    }
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(prison_months__isnull=False)
                | models.Q(suspended_months__isnull=False)
                | models.Q(suspended_length_not_given=True)
                | models.Q(fine_amount__isnull=False)
                | models.Q(fine_amount_not_given=True)
                | models.Q(arrest_days__isnull=False)
                | models.Q(community_service_hours__isnull=False)
                | ~models.Q(ban="")
                | ~models.Q(confiscation=""),
                name="cases_sentence_has_a_term",
                violation_error_message=_(
                    "A sentence needs at least one term: prison, suspended (or suspended for a "
                    "length not given), fine (or a fine of an amount not given), arrest, "
                    "community service, ban or confiscation."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(court_costs__isnull=True, court_costs_currency="")
                | (models.Q(court_costs__isnull=False) & ~models.Q(court_costs_currency="")),
                name="cases_sentence_court_costs_have_currency",
                violation_error_message=_("Court costs need both an amount and a currency."),
            ),
            models.CheckConstraint(
                condition=models.Q(fine_amount__isnull=True, fine_currency="")
                | (models.Q(fine_amount__isnull=False) & ~models.Q(fine_currency="")),
                name="cases_sentence_fine_has_currency",
                violation_error_message=_("A fine needs both an amount and a currency."),
            ),
            models.CheckConstraint(
                condition=models.Q(fine_amount__isnull=True)
                | models.Q(fine_amount_not_given=False),
                name="cases_sentence_fine_amount_given_or_not",
                violation_error_message=_(
                    "The fine's amount is given: untick 'fined, amount not given'."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(suspended_months__isnull=True)
                | models.Q(suspended_length_not_given=False),
                name="cases_sentence_suspended_length_given_or_not",
                violation_error_message=_(
                    "The suspended term's length is given: untick 'suspended, length not given'."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(fine_amount_eur__isnull=True)
                | models.Q(fine_amount__isnull=False),
                name="cases_sentence_euro_figure_needs_fine",
                violation_error_message=_("A euro figure belongs to a fine: enter the fine first."),
            ),
            models.CheckConstraint(
                condition=models.Q(probation_months__isnull=True)
                | models.Q(suspended_months__isnull=False),
                name="cases_sentence_probation_needs_suspended_term",
                violation_error_message=_("Probation goes with a suspended term."),
            ),
            models.CheckConstraint(
                condition=models.Q(ban_months__isnull=True) | ~models.Q(ban=""),
                name="cases_sentence_ban_months_needs_ban",
                violation_error_message=_("Say what the ban is for."),
            ),
            models.CheckConstraint(
                condition=models.Q(prison_months_max__isnull=True)
                | models.Q(
                    prison_months__isnull=False, prison_months_max__gt=models.F("prison_months")
                ),
                name="cases_sentence_range_above_shortest_term",
                violation_error_message=_(
                    "The longest term of a range is above the shortest (the prison term)."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(regime="") | models.Q(prison_months__isnull=False),
                name="cases_sentence_regime_needs_prison_term",
                violation_error_message=_("A prison regime goes with a prison term."),
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(self.terms()) or "—"

    def clean(self) -> None:
        # The outcome may be new and unsaved (an inline on its add page), so not by its id.
        has_outcome = self.outcome_id is not None or Sentence.outcome.is_cached(self)
        if (
            self.prison_months_max is not None
            and has_outcome
            and self.outcome.defendant_id is not None
            and not self.outcome.defendant.is_group
        ):
            raise ValidationError(
                {"prison_months_max": _("A range of terms is for a group; one person has one.")}
            )

    def terms(self) -> list[str]:
        """The sentence in words, in the reader's language: ['7 years in prison (strict
        regime)', 'fine of 100,000 KZT']."""
        parts = []
        if self.prison_months:
            term = format_months(self.prison_months)
            if self.prison_months_max:
                term = _("%(shortest)s to %(longest)s") % {
                    "shortest": term,
                    "longest": format_months(self.prison_months_max),
                }
            if self.regime:
                parts.append(
                    _("%(term)s in prison (%(regime)s)")
                    % {"term": term, "regime": self.get_regime_display()}
                )
            else:
                parts.append(_("%(term)s in prison") % {"term": term})
        if self.suspended_months:
            suspended = format_months(self.suspended_months)
            if self.probation_months:
                parts.append(
                    _("%(term)s suspended, %(probation)s probation")
                    % {"term": suspended, "probation": format_months(self.probation_months)}
                )
            else:
                parts.append(_("%(term)s suspended") % {"term": suspended})
        if self.suspended_length_not_given:
            parts.append(str(_("suspended sentence (length not given)")))
        if self.fine_amount is not None:
            fine = {"amount": format_amount(self.fine_amount), "currency": self.fine_currency}
            if self.fine_amount_eur is not None:
                fine["euros"] = format_amount(self.fine_amount_eur)
                parts.append(_("fine of %(amount)s %(currency)s (about %(euros)s EUR)") % fine)
            else:
                parts.append(_("fine of %(amount)s %(currency)s") % fine)
        if self.fine_amount_not_given:
            parts.append(str(_("fine (amount not given)")))
        if self.arrest_days:
            parts.append(
                ngettext(
                    "%(count)d day's administrative arrest",
                    "%(count)d days' administrative arrest",
                    self.arrest_days,
                )
                % {"count": self.arrest_days}
            )
        if self.community_service_hours:
            parts.append(
                ngettext(
                    "%(count)d hour's community service",
                    "%(count)d hours' community service",
                    self.community_service_hours,
                )
                % {"count": self.community_service_hours}
            )
        if self.ban:
            if self.ban_months:
                parts.append(
                    _("ban on %(ban)s for %(duration)s")
                    % {"ban": self.ban, "duration": format_months(self.ban_months)}
                )
            else:
                parts.append(_("ban on %(ban)s") % {"ban": self.ban})
        if self.confiscation:
            parts.append(_("confiscation of %(what)s") % {"what": self.confiscation})
        if self.court_costs is not None:
            parts.append(
                _("court costs of %(amount)s %(currency)s")
                % {
                    "amount": format_amount(self.court_costs),
                    "currency": self.court_costs_currency,
                }
            )
        return parts


def format_amount(amount: Decimal) -> str:
    """A sum of money as the reader's language writes it: "151,200", "151 200", "75.50"."""
    places = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, decimal_pos=places, force_grouping=True)
