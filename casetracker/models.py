"""Shared records: source documents and the citations that tie every fact to them, and places."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from casetracker import claims
from casetracker.names import NameVariant
from casetracker.partial_dates import (
    PartialDateAttribute,
    partial_date_constraints,
    partial_date_fields,
)
from casetracker.publication import CaseTrackerQuerySet, NaturalKeyMixin, Publishable, free_slug


class Cited(models.Model):
    """A record whose facts are supported by citations."""

    citations = GenericRelation("casetracker.Citation")
    # The public ones, set by the casetracker.footnotes.cited() prefetch that pages use.
    public_citations: list[Citation]

    class Meta:
        abstract = True


class Certainty(models.TextChoices):
    """How firmly a fact stands, as the sources put it; shown next to the fact."""

    CONFIRMED = "confirmed", _("confirmed")
    REPORTED = "reported", _("reported")
    UNCONFIRMED = "unconfirmed", _("reportedly (unconfirmed)")
    INFERRED = "inferred", _("inferred by us")

    @classmethod
    def weakest(cls, certainties: list[str]) -> Certainty:
        """The least firm of several certainties: a conclusion is no firmer than its facts."""
        order = list(cls)
        return max((cls(value) for value in certainties), key=order.index, default=cls.REPORTED)


def certainty_field() -> models.CharField:
    return models.CharField(
        _("certainty"),
        max_length=12,
        choices=Certainty.choices,
        default=Certainty.REPORTED,
        help_text=_(
            "Confirmed: by an official document or several sources. Reported: a source states it. "
            "Reportedly: the source itself hedges ('reportedly', 'presumably', 'according to his "
            "lawyer'). Inferred: we concluded it from other facts."
        ),
    )


KEY_LENGTH = 80


class SourceDocument(NaturalKeyMixin, Publishable):
    """A report, letter, article or statement that facts are taken from."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        BRIEFING = "briefing", _("briefing paper")
        LETTER = "letter", _("open letter")
        ARTICLE = "article", _("article")
        STATEMENT = "statement", _("statement")
        COURT_DOCUMENT = "court_document", _("court document")
        INTERVIEW = "interview", _("interview")

    key = models.SlugField(
        _("key"),
        max_length=KEY_LENGTH,
        unique=True,
        help_text=_("Stable short name used in citations and URLs."),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    publisher = models.CharField(
        _("publisher"), max_length=200, help_text=_("Organisation(s) that issued it.")
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_on, published_precision, published_qualifier = partial_date_fields(_("published"))
    published = PartialDateAttribute("published")
    published_date_inferred = models.BooleanField(
        _("date inferred"),
        default=False,
        help_text=_("The document does not state its date; it was inferred from its content."),
    )
    url = models.URLField(_("address"), blank=True, max_length=500)
    language = models.CharField(_("language"), max_length=8, default="en")
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What it covers, in our words.")
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("Full text with numbered paragraphs, for locators (¶N).")
    )

    NATURAL_KEY = ("key",)

    class Meta:
        ordering = ["published_on", "title"]
        permissions = [("publish_records", "Can publish, unpublish and revert any record")]
        constraints = [
            *partial_date_constraints("casetracker_sourcedocument", "published"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("casetracker:source_detail", args=[self.key])

    @classmethod
    def free_key(cls, title: str, language: str) -> str:
        """A key made from the title that no source holds yet. Versions of one statement in
        several languages share a title: a language other than English is part of the key."""
        ending = "" if language == "en" else f" {language}"
        # The language is kept whole, the title cut to make room for it.
        words = f"{slugify(title)[: KEY_LENGTH - len(ending) - 4]}{ending}"
        return free_slug(cls.objects.all(), "key", words, KEY_LENGTH)


class Citation(models.Model):
    """Ties a record, or one claim about it, to the source that states it."""

    class Confidence(models.TextChoices):
        REPORTED = "reported", _("reported by one source")
        CORROBORATED = "corroborated", _("corroborated by several sources")
        DISPUTED = "disputed", _("disputed")

    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    locator = models.CharField(
        _("locator"),
        max_length=100,
        help_text=_("Where in the source: section and paragraph, e.g. '§4 ¶37'."),
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("What the source says here, in our own words.")
    )
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_("A few words quoted from the source, when wording matters."),
    )
    confidence = models.CharField(
        _("confidence"), max_length=12, choices=Confidence.choices, default=Confidence.REPORTED
    )
    claim_field = models.CharField(
        _("claim about"),
        max_length=60,
        blank=True,
        help_text=_(
            "The attribute of the record this citation gives a value for, when sources differ "
            "or may: one of the record's own fields."
        ),
    )
    claim_value = models.JSONField(
        _("claimed value"),
        null=True,
        blank=True,
        help_text=_("The value this source gives, in the attribute's own form."),
    )
    claim = models.CharField(
        _("wording"),
        max_length=200,
        blank=True,
        help_text=_(
            "The value in the source's terms when they matter ('some 500', 'over 2,500'), "
            "in our words."
        ),
    )
    certainty = certainty_field()

    PUBLIC_VIA = ("source",)
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["source__published_on", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_record_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(claim_field="", claim_value__isnull=True)
                | (~models.Q(claim_field="") & models.Q(claim_value__isnull=False)),
                name="casetracker_citation_claim_has_value",
                violation_error_message=_("A claim names its attribute and gives its value."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.key} {self.locator}"

    @property
    def claim_attribute(self) -> claims.Attribute | None:
        if not self.claim_field or self.content_type_id is None:
            return None
        # get_for_id is cached: a page of footnotes reads no content type from the database.
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        return claims.attribute_of(model, self.claim_field)

    @property
    def claim_text(self) -> str:
        """The claimed value as readers see it ("at least 16"), empty without a claim."""
        attribute = self.claim_attribute
        if attribute is None or attribute.kind == claims.Kind.RECORD:
            return ""
        return attribute.text(self.claim_value)

    def clean(self) -> None:
        super().clean()
        if not self.claim_field:
            if self.claim_value is not None:
                raise ValidationError({"claim_field": _("Say which attribute the value is for.")})
            return
        if self.content_type_id is None:
            return
        attribute = self.claim_attribute
        if attribute is None:
            raise ValidationError(
                {"claim_field": _("Sources cannot be cited for this attribute of this record.")}
            )
        if self.claim_value is None:
            raise ValidationError({"claim_value": _("Give the value the source states.")})
        try:
            self.claim_value = attribute.normalise(self.claim_value)
        except ValidationError as error:
            raise ValidationError({"claim_value": error.messages}) from error


class Reading(models.Model):
    """Why the tracker stores the value it does for an attribute its sources dispute, or that it
    has chosen none: the stored value is then only where the record keeps a value, not a finding."""

    class Basis(models.TextChoices):
        CORROBORATED = "corroborated", _("more sources give it")
        LATER_SOURCE = "later_source", _("the later source gives it")
        OFFICIAL = "official", _("an official document gives it")
        OTHER = "other", _("other reasons, given in the note")
        NONE = "none", _("no reading chosen")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    attribute = models.CharField(_("attribute"), max_length=60)
    basis = models.CharField(_("basis"), max_length=12, choices=Basis.choices)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Why, in our words, when it matters.")
    )

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "attribute"],
                name="casetracker_reading_once_per_attribute",
                violation_error_message=_("This attribute already has a reading."),
            ),
            models.CheckConstraint(
                condition=~models.Q(basis="other") | ~models.Q(note=""),
                name="casetracker_reading_other_says_why",
                violation_error_message=_("Say in the note why this reading was chosen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.attribute}: {self.basis}"

    @property
    def chosen(self) -> bool:
        return self.basis != self.Basis.NONE

    def clean(self) -> None:
        super().clean()
        if self.content_type_id is not None and (
            claims.attribute_of(self.content_type.model_class(), self.attribute) is None
        ):
            raise ValidationError({"attribute": _("Sources cannot be cited for this attribute.")})


class Place(NaturalKeyMixin, Cited, models.Model):
    """A city, settlement, region or country, with coordinates for maps."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        REGION = "region", _("region")
        CITY = "city", _("city")
        TOWN = "town", _("town")
        SETTLEMENT = "settlement", _("settlement")
        SITE = "site", _("site (square, oil field, facility)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    native_name = models.CharField(_("native name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    NATURAL_KEY = ("slug",)
    objects = CaseTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="casetracker_place_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="casetracker_place_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="casetracker_place_coordinates_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("casetracker:place_detail", args=[self.slug])


class PlaceName(NaturalKeyMixin, NameVariant):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")

    NATURAL_KEY = ("place__slug", "name")
    objects = CaseTrackerQuerySet.as_manager()

    class Meta(NameVariant.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["place", "name"], name="casetracker_placename_unique_spelling"
            )
        ]


class NameKey(models.Model):
    """A matching key of a person's, organisation's or place's name, rebuilt from its spellings.

    Derived data, never edited: ``casetracker.name_search`` keeps it in step with the names and
    variants and looks names up here on every database, so SQLite finds what PostgreSQL finds.
    """

    # Not indexed alone: namekey_owner_idx starts with it.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    object_id = models.PositiveBigIntegerField()
    key = models.CharField(max_length=200)
    # A number, not a boolean: SQLite filters booleans as "NOT removed", which no index serves.
    removed = models.PositiveSmallIntegerField(
        default=0, help_text="Letters removed from the word's skeleton (0 or 1), to find typos."
    )

    class Meta:
        indexes = [
            # Name search: one content type's keys IN (...) or in a range, then their owners,
            # answered from the index alone.
            models.Index(
                fields=["content_type", "removed", "key", "object_id"], name="namekey_lookup_idx"
            ),
            # Rebuilding one record's keys deletes them by owner.
            models.Index(fields=["content_type", "object_id"], name="namekey_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class ContentVersion(models.Model):
    """A token that every write to the records replaces: the version public pages are cached at.

    It lives in the database, not the cache, so every app server process sees a change at once
    whatever cache each one has (``casetracker.page_cache``). It is random rather than counted so
    that a restored backup or an emptied table can never bring back a token already used for
    other content.
    """

    token = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.token)


class PendingChange(models.Model):
    """A researcher's save that would change what the public sees, held for an editor.

    Researchers may not change a published record (or a row that hangs on one) by themselves:
    the admin runs their save, records what it would write and rolls it back
    (``casetracker.moderation``). ``entries`` lists each row it would create, change or delete,
    with the values before and after, so an editor sees a field-by-field diff and accepting
    applies exactly that, in one transaction, refused if a row changed since.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The kind of record whose admin page the change was made on."),
    )
    object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text=_("Empty when the change adds a new record.")
    )
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField(
        _("record"), max_length=300, help_text=_("The record as it was named when proposed.")
    )
    entries = models.JSONField(_("changes"), default=list, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_changes",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_changes",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("editor's note"), blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        indexes = [
            # The change page of a record lists its pending proposals.
            models.Index(
                fields=["content_type", "object_id"],
                condition=models.Q(state="pending"),
                name="pendingchange_pending_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="pending", decided_at__isnull=True)
                | (~models.Q(state="pending") & models.Q(decided_at__isnull=False)),
                name="casetracker_pendingchange_decided_when_not_pending",
                violation_error_message=_(
                    "A decided change has a decision time; a pending one not."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"


class AuditEntry(models.Model):
    """Security-relevant acts in the admin: refused editor-only changes, proposals and decisions.

    The history (django-reversion) keeps what was saved; this keeps what was attempted and refused,
    and who decided on which proposal. Written by ``casetracker.moderation.audit`` only.
    """

    class Action(models.TextChoices):
        REFUSED = "refused", _("refused: editor-only change")
        PROPOSED = "proposed", _("change proposed")
        ACCEPTED = "accepted", _("proposal accepted")
        REJECTED = "rejected", _("proposal rejected")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    detail = models.TextField(_("detail"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user}: {self.get_action_display()}"


class ImportJob(models.Model):
    """A file of records imported in the background, because it is too long to import while the
    browser waits (``casetracker.import_jobs``). All or nothing, like an import in the page."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Records(models.TextChoices):
        PEOPLE = "people", _("people")
        DETENTIONS = "detentions", _("detentions")
        HEARINGS = "hearings", _("hearings")

    records = models.CharField(_("records"), max_length=20, choices=Records.choices)
    format = models.CharField(_("format"), max_length=10, help_text=_("csv, tsv or json."))
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    data = models.TextField(_("data"), help_text=_("The uploaded file, as text."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="import_jobs",
        verbose_name=_("imported by"),
        help_text=_("Whose rights the import runs with: what they may not change is refused."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    totals = models.JSONField(
        _("result"), default=dict, blank=True, help_text=_("Rows new, updated and unchanged.")
    )
    errors = models.JSONField(
        _("errors"),
        default=list,
        blank=True,
        help_text=_("Why the file was refused: [{'row': number or null, 'messages': [...]}]."),
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows_done__lte=models.F("rows_total")),
                name="casetracker_importjob_done_within_total",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["done", "failed"], finished_at__isnull=False)
                | models.Q(state__in=["queued", "running"], finished_at__isnull=True),
                name="casetracker_importjob_finished_when_over",
            ),
        ]

    def __str__(self) -> str:
        return f"Import #{self.pk} of {self.get_records_display()} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("admin:casetracker_importjob_change", args=[self.pk])

    @property
    def is_over(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
