"""Admin of proceedings: cases with defendants and charges, detentions, hearings and outcomes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet, prefetch_related_objects
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cases.models import (
    ArticleCorrespondence,
    Case,
    Charge,
    ChargeEvent,
    Detention,
    Hearing,
    HearingJudge,
    LegalArticle,
    Outcome,
    ProceduralConcern,
    Sentence,
)
from cases.resources import DetentionResource, HearingResource
from cases.status import custody_prefetches, detention_days, status_report, with_status
from cases.status import days_detained as days_deprived_of_liberty
from casetracker.admin import admin_link
from casetracker.admin_base import (
    PreloadedAutocompleteMixin,
    PreloadedLabelsForm,
    PublishableAdmin,
    ReadOnlyStatusInlineMixin,
    RecordAdmin,
)
from casetracker.footnotes import cited
from casetracker.imports import RecordImportExportMixin
from casetracker.partial_dates import UNKNOWN_DATE
from people.admin import PersonAdmin
from people.models import Person

DETENTION_FIELDS = [
    "kind", "started_on", "started_precision", "started_qualifier",
    "ended_on", "ended_precision", "ended_qualifier",
    "duration_days", "release_reported", "certainty",
    "place", "authority", "facility", "ended_reason",
]  # fmt: skip


def charge_history(charge: Charge) -> str:
    """The charge's steps in order (uses prefetched ``events``)."""
    steps = [str(event) for event in charge.events.all()]
    return "; ".join(steps) or "—"


# Inlines shown on a person's page, added to people.admin.PersonAdmin below.


class DetentionInline(ReadOnlyStatusInlineMixin, PreloadedAutocompleteMixin, admin.TabularInline):
    """Detentions under a person or a case; subclasses name the one they hang on."""

    model = Detention
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Detention]:
        return super().get_queryset(request).select_related("person", "case", "place", "authority")


class PersonDetentionInline(DetentionInline):
    fk_name = "person"
    fields = ["case", *DETENTION_FIELDS, "status"]
    autocomplete_fields = ["case", "place", "authority"]


class PersonChargeInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Charge
    fk_name = "defendant"
    extra = 0
    fields = ["case", "article", "described_as", "note", "history"]
    readonly_fields = ["history"]
    autocomplete_fields = ["case", "article"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Charge]:
        return (
            super()
            .get_queryset(request)
            .select_related("case", "article", "defendant")
            .prefetch_related("events")
        )

    @admin.display(description=_("history"))
    def history(self, charge: Charge) -> str:
        return charge_history(charge) if charge.pk else "—"


class PersonOutcomeInline(admin.TabularInline):
    """Verdicts are entered on the hearing; the person's page lists them."""

    model = Outcome
    fk_name = "defendant"
    extra = 0
    fields = ["hearing", "verdict", "sentence_terms"]
    readonly_fields = ["hearing", "verdict", "sentence_terms"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Outcome]:
        return (
            super()
            .get_queryset(request)
            .select_related("defendant", "sentence", "hearing__case", "hearing__court")
        )

    @admin.display(description=_("sentence"))
    def sentence_terms(self, outcome: Outcome) -> str:
        sentence = getattr(outcome, "sentence", None)
        return str(sentence) if sentence else "—"


def prefetch_person_records(person: Person) -> None:
    """What the status, the days and the expected release read, fetched once: every record,
    draft or published, and the public citations, whose sources date the status as on the
    site."""
    today = timezone.localdate()
    derived = with_status(Person.objects.filter(pk=person.pk), today, public=False).values(
        "derived_status", "status_certainty"
    )
    for name, value in (derived.first() or {}).items():
        setattr(person, name, value)
    prefetch_related_objects([person], cited(), *custody_prefetches(today, public=False))


@admin.display(description=_("status"))
def current_status(person: Person) -> str:
    if person.pk is None:
        return "—"
    return str(status_report(person, timezone.localdate()))


def _since(detention: Detention) -> str:
    if detention.started is None:
        return f"({UNKNOWN_DATE})"
    return str(_("from %(date)s") % {"date": detention.started})


@admin.display(description=_("days deprived of liberty"))
def days_detained(person: Person) -> str:
    if person.pk is None:
        return "—"
    today = timezone.localdate()
    rows = [
        (detention.get_kind_display(), _since(detention), str(days))
        for detention in person.detentions.all()
        if (days := detention_days(detention, today)) is not None
    ]
    if not rows:
        return "—"
    total = days_deprived_of_liberty(person, today)
    return format_html_join(mark_safe("<br>"), "{} {}: {}", rows) + format_html(
        "<br>{}: {}", _("in all, overlaps counted once"), str(total)
    )


@admin.display(description=_("expected release"))
def expected_release(person: Person) -> str:
    if person.pk is None:
        return "—"
    releases = [
        (str(outcome.hearing), str(release))
        for outcome in person.outcomes.all()
        if not outcome.superseded and (release := outcome.expected_release()) is not None
    ]
    if not releases:
        return "—"
    return format_html_join(mark_safe("<br>"), "{}: {}", releases)


# A person's page shows what this app hangs on a person; people may not import cases.
PersonAdmin.extend(
    inlines=[PersonDetentionInline, PersonChargeInline, PersonOutcomeInline],
    derived=[current_status, days_detained, expected_release],
    prefetch=prefetch_person_records,
)


class LaterArticleInline(admin.TabularInline):
    model = ArticleCorrespondence
    fk_name = "earlier"
    extra = 0
    fields = ["later", "note"]
    autocomplete_fields = ["later"]
    verbose_name_plural = _("corresponding articles of later versions")


@admin.register(LegalArticle)
class LegalArticleAdmin(RecordAdmin):
    inlines = [LaterArticleInline]
    list_display = ["__str__", "version", "title", "charge_count"]
    list_filter = ["code", "version"]
    search_fields = ["article", "part", "instrument", "title", "slug"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[LegalArticle]:
        # An aggregate drops Meta.ordering; autocomplete pages need an order.
        return (
            super()
            .get_queryset(request)
            .annotate(charge_total=Count("charges"))
            .order_by(*LegalArticle._meta.ordering)
        )

    @admin.display(description=_("charges"), ordering="charge_total")
    def charge_count(self, article: Any) -> int:
        return article.charge_total


@admin.register(ArticleCorrespondence)
class ArticleCorrespondenceAdmin(RecordAdmin):
    list_display = ["earlier", "later", "note"]
    autocomplete_fields = ["earlier", "later"]
    search_fields = ["earlier__article", "later__article", "note"]


@admin.register(ProceduralConcern)
class ProceduralConcernAdmin(RecordAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class CaseChargeFormSet(BaseInlineFormSet):
    """Charges on the case page may name defendants added in the same submission."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        form.posted_defendants = getattr(self.instance, "_posted_defendants", set())
        return form


class CaseChargeForm(PreloadedLabelsForm):
    def _post_clean(self) -> None:
        # Only Charge.clean's error is forgiven: a posted value that names no person ("abc")
        # keeps its own, though the instance still holds the stored defendant.
        named_a_person = "defendant" not in self.errors
        super()._post_clean()  # type: ignore[misc]
        posted: set[int] = getattr(self, "posted_defendants", set())
        # Charge.clean looks the defendants up in the database, where the ones ticked in this
        # very form are not yet saved (the admin saves them before the charges).
        if named_a_person and self.instance.defendant_id in posted and "defendant" in self.errors:
            del self.errors["defendant"]
            # Django dropped the field from cleaned_data with its error; without it the formset
            # would compare rows on (case, article) alone and call two defendants' charges
            # under one article duplicates.
            self.cleaned_data["defendant"] = self.instance.defendant
            self.validate_unique()


class CaseChargeInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Charge
    fk_name = "case"
    form = CaseChargeForm
    formset = CaseChargeFormSet
    extra = 1
    fields = ["defendant", "article", "described_as", "reclassified_from", "note", "history"]
    readonly_fields = ["history"]
    autocomplete_fields = ["defendant", "article", "reclassified_from"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Charge]:
        return (
            super()
            .get_queryset(request)
            .select_related(
                "case",
                "article",
                "defendant",
                "reclassified_from__article",
                "reclassified_from__defendant",
            )
            .prefetch_related("events")
        )

    @admin.display(description=_("history"))
    def history(self, charge: Charge) -> str:
        return charge_history(charge) if charge.pk else "—"


class CaseHearingInline(admin.TabularInline):
    """The case's hearings, each a link to its page where outcomes are entered."""

    model = Hearing
    extra = 0
    fields = ["hearing_link", "instance", "court", "held", "status"]
    readonly_fields = ["hearing_link", "instance", "court", "held", "status"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Hearing]:
        return super().get_queryset(request).select_related("case", "court")

    @admin.display(description=_("hearing"))
    def hearing_link(self, hearing: Hearing) -> str:
        return admin_link(hearing)


class CaseDetentionInline(DetentionInline):
    fk_name = "case"
    fields = ["person", *DETENTION_FIELDS, "status"]
    autocomplete_fields = ["person", "place", "authority"]


@admin.register(Case)
class CaseAdmin(PublishableAdmin):
    list_display = ["title", "kind", "number", "opened", "defendant_count", "status"]
    list_filter = ["status", "kind", "visibility", "charges__article__code"]
    search_fields = ["title", "number", "slug"]
    people_search = ("defendants",)
    date_hierarchy = "opened_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["defendants"]
    inlines = [CaseChargeInline, CaseHearingInline, CaseDetentionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "number", "defendants", "summary"]}),
        (_("Opened"), {"fields": ["opened_on", "opened_precision", "opened_qualifier"]}),
        (_("Publication"), {"fields": ["status", "visibility", "published_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return (
            super()
            .get_queryset(request)
            .annotate(defendant_total=Count("defendants", distinct=True))
            .order_by(*Case._meta.ordering)
        )

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        case = super().save_form(request, form, change)
        case._posted_defendants = {person.pk for person in form.cleaned_data.get("defendants", [])}
        return case

    @admin.display(description=_("defendants"), ordering="defendant_total")
    def defendant_count(self, case: Any) -> int:
        return case.defendant_total


class ChargeEventInline(admin.TabularInline):
    model = ChargeEvent
    extra = 1
    fields = ["status", "occurred_on", "occurred_precision", "occurred_qualifier", "note"]


@admin.register(Charge)
class ChargeAdmin(RecordAdmin):
    list_display = ["defendant", "offence", "case", "history"]
    list_filter = ["article__code", "events__status"]
    list_select_related = ["defendant", "article", "case"]
    search_fields = ["case__title", "article__article", "described_as"]
    people_search = ("defendant",)
    autocomplete_fields = ["case", "defendant", "article", "reclassified_from"]
    inlines = [ChargeEventInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Charge]:
        return super().get_queryset(request).prefetch_related("events")

    @admin.display(description=_("charge"), ordering="article")
    def offence(self, charge: Charge) -> str:
        return charge.offence

    @admin.display(description=_("history"))
    def history(self, charge: Charge) -> str:
        return charge_history(charge)


@admin.register(ChargeEvent)
class ChargeEventAdmin(RecordAdmin):
    list_display = ["charge", "status", "occurred"]
    list_filter = ["status"]
    list_select_related = ["charge__defendant", "charge__article"]
    search_fields = ["note"]
    people_search = ("charge__defendant",)
    autocomplete_fields = ["charge"]
    date_hierarchy = "occurred_on"


@admin.register(Detention)
class DetentionAdmin(RecordImportExportMixin, PublishableAdmin):
    resource_classes = [DetentionResource]
    list_display = ["person", "kind", "started", "ended", "place", "case", "status"]
    list_filter = ["status", "kind", "visibility", "place"]
    list_select_related = ["person", "place", "case"]
    search_fields = ["facility", "case__title"]
    people_search = ("person",)
    date_hierarchy = "started_on"
    autocomplete_fields = ["person", "case", "place", "authority"]
    fieldsets = [
        (None, {"fields": ["person", "case", "kind"]}),
        (
            _("Period"),
            {
                "fields": [
                    "started_on",
                    "started_precision",
                    "started_qualifier",
                    "ended_on",
                    "ended_precision",
                    "ended_qualifier",
                    "duration_days",
                    "release_reported",
                    "ended_reason",
                    "certainty",
                ]
            },
        ),
        (_("Where and by whom"), {"fields": ["place", "facility", "authority"]}),
        (_("Publication"), {"fields": ["status", "visibility", "published_at"]}),
    ]


class SentenceInline(admin.StackedInline):
    model = Sentence
    extra = 1
    max_num = 1


class OutcomeInlineFormSet(BaseInlineFormSet):
    """A hearing's outcomes name defendants of the case heard (Outcome.clean checks saved ones)."""

    def clean(self) -> None:
        super().clean()
        case = getattr(self.instance, "case", None) if self.instance.case_id else None
        if case is None:
            return
        defendants = set(case.defendants.values_list("pk", flat=True))
        for form in self.forms:
            defendant = form.cleaned_data.get("defendant") if form.cleaned_data else None
            if defendant is not None and defendant.pk not in defendants:
                form.add_error(
                    "defendant",
                    _("%(person)s is not a defendant in the case heard.") % {"person": defendant},
                )


class HearingOutcomeInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Outcome
    formset = OutcomeInlineFormSet
    extra = 1
    fields = ["defendant", "verdict", "certainty", "note", "sentence_terms"]
    readonly_fields = ["sentence_terms"]
    autocomplete_fields = ["defendant"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Outcome]:
        return (
            super()
            .get_queryset(request)
            .select_related("defendant", "sentence", "hearing__case", "hearing__court")
        )

    @admin.display(description=_("sentence (edit on the outcome's page)"))
    def sentence_terms(self, outcome: Outcome) -> str:
        sentence = getattr(outcome, "sentence", None) if outcome.pk else None
        return str(sentence) if sentence else "—"


class PanelFormSet(BaseInlineFormSet):
    """One presiding judge among the rows kept: the database's condition, said on the form (a
    row alone cannot check it against rows saved in the same submission)."""

    def clean(self) -> None:
        super().clean()
        presiding = [
            form
            for form in self.forms
            if form.cleaned_data.get("presiding") and not form.cleaned_data.get("DELETE")
        ]
        if len(presiding) > 1:
            raise forms.ValidationError(_("A panel has one presiding judge."))


class HearingJudgeInline(PreloadedAutocompleteMixin, admin.TabularInline):
    """The panel. Saved through the hearing's page, so a researcher's change to a published
    hearing's panel waits for an editor like any other change to it."""

    model = HearingJudge
    formset = PanelFormSet
    extra = 1
    fields = ["judge", "presiding"]
    autocomplete_fields = ["judge"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[HearingJudge]:
        return super().get_queryset(request).select_related("judge")


@admin.register(Hearing)
class HearingAdmin(RecordImportExportMixin, PublishableAdmin):
    resource_classes = [HearingResource]
    list_display = [
        "case",
        "instance",
        "court",
        "held",
        "closed_to_public",
        "lawyer_present",
        "status",
    ]
    list_filter = ["status", "instance", "court", "closed_to_public", "lawyer_present", "concerns"]
    list_select_related = ["case", "court"]
    search_fields = ["case__title", "court__name", "summary"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["case", "court"]
    filter_horizontal = ["concerns"]
    inlines = [HearingJudgeInline, HearingOutcomeInline]


@admin.register(HearingJudge)
class HearingJudgeAdmin(RecordAdmin):
    """Every seat on every panel, to find what a judge heard; entered on the hearing's page."""

    list_display = ["judge", "presiding", "hearing"]
    list_filter = ["presiding", "hearing__instance", "hearing__court"]
    list_select_related = ["judge", "hearing__case", "hearing__court"]
    search_fields = ["hearing__case__title"]
    people_search = ("judge",)
    autocomplete_fields = ["hearing", "judge"]


@admin.register(Outcome)
class OutcomeAdmin(RecordAdmin):
    list_display = ["defendant", "verdict", "hearing", "sentence_terms"]
    list_filter = ["verdict", "hearing__instance", "hearing__court"]
    list_select_related = ["defendant", "sentence", "hearing__case", "hearing__court"]
    search_fields = ["hearing__case__title"]
    people_search = ("defendant",)
    autocomplete_fields = ["hearing", "defendant"]
    inlines = [SentenceInline]

    @admin.display(description=_("sentence"))
    def sentence_terms(self, outcome: Outcome) -> str:
        sentence = getattr(outcome, "sentence", None)
        return str(sentence) if sentence else "—"


@admin.register(Sentence)
class SentenceAdmin(RecordAdmin):
    list_display = ["outcome", "__str__", "regime"]
    list_filter = ["regime"]
    list_select_related = ["outcome__defendant"]
    search_fields = ["ban"]
    people_search = ("outcome__defendant",)
    autocomplete_fields = ["outcome"]
