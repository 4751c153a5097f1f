"""How detentions and hearings are imported and exported as CSV (see casetracker.imports)."""

from __future__ import annotations

from typing import Any

from import_export import fields, widgets

from cases.models import Case, Detention, Hearing, HearingJudge
from casetracker.imports import WORKFLOW, RecordResource, by_slug
from casetracker.models import ImportJob, Place
from people.models import Organization, Person

# Between the judges of the ``judges`` column: "presiding;member;member".
PANEL_SEPARATOR = ";"


class DetentionResource(RecordResource):
    records = ImportJob.Records.DETENTIONS
    person = by_slug(Person, "person")
    case = by_slug(Case, "case")
    place = by_slug(Place, "place")
    authority = by_slug(Organization, "authority")

    class Meta(RecordResource.Meta):
        model = Detention
        import_id_fields = ["person", "kind", "started_on"]
        fields = [
            "person", "kind", "started_on", "started_precision", "started_qualifier",
            "ended_on", "ended_precision", "ended_qualifier",
            "case", "place", "authority", "facility", "ended_reason", *WORKFLOW,
        ]  # fmt: skip


def panel_text(presiding: str | None, members: list[str]) -> str:
    """The panel as the ``judges`` column writes it: the presiding judge's slug first, then the
    others by slug; an empty first entry when no source says who presided (";a;b")."""
    if presiding is None and not members:
        return ""
    return PANEL_SEPARATOR.join([presiding or "", *sorted(members)])


class PanelWidget(widgets.Widget):
    """Reads a ``judges`` cell as person slugs, refusing one that names nobody or repeats."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        slugs = [slug.strip() for slug in str(value or "").split(PANEL_SEPARATOR)]
        if not any(slugs):
            return ""
        presiding, members = slugs[0] or None, [slug for slug in slugs[1:] if slug]
        named = [slug for slug in [presiding, *members] if slug]
        if repeated := sorted({slug for slug in named if named.count(slug) > 1}):
            raise ValueError(f"Judges named twice: {', '.join(repeated)}.")
        known = set(Person.objects.filter(slug__in=named).values_list("slug", flat=True))
        if unknown := [slug for slug in named if slug not in known]:
            raise ValueError(f"No person has the slug {', '.join(unknown)}.")
        return panel_text(presiding, members)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return str(value or "")


class PanelColumn(fields.Field):
    """The ``judges`` column: the panel, written after the hearing is saved (``save_panel``)."""

    def __init__(self) -> None:
        super().__init__(attribute="judges", column_name="judges", widget=PanelWidget())

    def get_value(self, instance: Any) -> str:
        posted = instance.__dict__.get("_posted_panel")
        if posted is not None:
            return str(posted)
        if instance.pk is None:
            return ""
        seats = list(instance.panel.values_list("judge__slug", "presiding"))
        presiding = next((slug for slug, chair in seats if chair), None)
        return panel_text(presiding, [slug for slug, chair in seats if not chair])

    def save(self, instance: Any, row: Any, is_m2m: bool = False, **kwargs: Any) -> None:
        instance.__dict__["_posted_panel"] = self.clean(row, **kwargs)


def save_panel(hearing: Hearing, text: str) -> None:
    """Make the hearing's panel the one ``text`` (as ``panel_text`` writes it) names."""
    slugs = text.split(PANEL_SEPARATOR) if text else []
    people = Person.objects.in_bulk([slug for slug in slugs if slug], field_name="slug")
    hearing.panel.all().delete()
    HearingJudge.objects.bulk_create(
        HearingJudge(hearing=hearing, judge=people[slug], presiding=index == 0)
        for index, slug in enumerate(slugs)
        if slug
    )


class HearingResource(RecordResource):
    records = ImportJob.Records.HEARINGS
    case = by_slug(Case, "case")
    court = by_slug(Organization, "court")
    judges = PanelColumn()

    class Meta(RecordResource.Meta):
        model = Hearing
        import_id_fields = ["case", "court", "instance", "held_on"]
        fields = [
            "case", "court", "instance", "held_on", "held_precision", "held_qualifier", "judges",
            "closed_to_public", "lawyer_present", "summary", *WORKFLOW,
        ]  # fmt: skip

    def after_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        super().after_save_instance(instance, row, **kwargs)
        posted = instance.__dict__.pop("_posted_panel", None)
        if posted is not None and posted != self.fields["judges"].get_value(instance):
            save_panel(instance, posted)
