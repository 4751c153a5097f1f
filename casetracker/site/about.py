"""What the registry is, how it is made, and what its downloads hold.

The data dictionary is read from the public lists' own ``Column`` definitions and the certainty
levels from ``Certainty``, so neither page can say something the code does not do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.views import CASES, HEARINGS
from casetracker.listing import PublicList
from casetracker.models import Certainty, Citation, SourceDocument
from casetracker.site.people.views import ORGANIZATIONS, PEOPLE
from casetracker.site.views import SOURCES
from events.views import INCIDENTS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What each certainty level says of a fact, beside the label the pages show (a test checks
# that every level has its line).
CERTAINTY_MEANINGS: dict[Certainty, StrOrPromise] = {
    Certainty.CONFIRMED: _("An official document or several independent sources state it."),
    Certainty.REPORTED: _("A source states it."),
    Certainty.UNCONFIRMED: _(
        "The source itself hedges: “reportedly”, “presumably”, “according to his lawyer”."
    ),
    Certainty.INFERRED: _("Not stated by a source: we concluded it from facts that are."),
}


@dataclass(frozen=True)
class Download:
    """One public list's downloads, as the data dictionary describes them."""

    title: StrOrPromise
    spec: PublicList
    list_url_name: str
    export_url_name: str

    @property
    def slug(self) -> str:
        return self.spec.export_name

    @property
    def list_url(self) -> str:
        return reverse(self.list_url_name)

    @property
    def csv_url(self) -> str:
        return reverse(self.export_url_name, args=["csv"])

    @property
    def json_url(self) -> str:
        return reverse(self.export_url_name, args=["json"])


DOWNLOADS = [
    Download(_("People"), PEOPLE, "people:person_list", "people:person_export"),
    Download(
        _("Organisations"),
        ORGANIZATIONS,
        "people:organization_list",
        "people:organization_export",
    ),
    Download(_("Cases"), CASES, "cases:case_list", "cases:case_export"),
    Download(_("Hearings"), HEARINGS, "cases:hearing_list", "cases:hearing_export"),
    Download(_("Incidents"), INCIDENTS, "events:incident_list", "events:incident_export"),
    Download(_("Sources"), SOURCES, "casetracker:source_list", "casetracker:source_export"),
]


def about(request: HttpRequest) -> HttpResponse:
    """The registry, its coverage, method, certainty levels, corrections, licence and citation.

    Queries: the public sources' count, their oldest and their newest.
    """
    sources = SourceDocument.objects.public()
    dated = sources.filter(published_on__isnull=False)
    context = {
        "source_count": sources.count(),
        "first_source": dated.order_by("published_on", "pk").first(),
        "last_source": dated.order_by("-published_on", "-pk").first(),
        "certainty_levels": [(level.label, CERTAINTY_MEANINGS[level]) for level in Certainty],
        "confidences": [confidence.label for confidence in Citation.Confidence],
        "licence": settings.DATA_LICENCE,
        "contact_email": settings.CONTACT_EMAIL,
    }
    return render(request, "casetracker/about.html", context)


def data_dictionary(request: HttpRequest) -> HttpResponse:
    """Every column of every public download with what it means (no query)."""
    context = {"downloads": DOWNLOADS, "licence": settings.DATA_LICENCE}
    return render(request, "casetracker/data_dictionary.html", context)
