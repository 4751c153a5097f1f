"""The Atom feed of newly published hearings and incidents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from cases.models import Hearing
from casetracker.partial_dates import date_text
from events.models import Incident

FEED_SIZE = 30


class NewlyPublished(Feed):
    feed_type = Atom1Feed
    title = _("Mangistau case tracker: newly published hearings and incidents")
    subtitle = _("Hearings and incidents, newest publication first.")

    def link(self) -> str:
        return reverse("home")

    def items(self) -> list[Any]:
        hearings = (
            Hearing.objects.public()
            .select_related("case")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )
        incidents = Incident.objects.public().order_by("-published_at", "-pk")[:FEED_SIZE]
        newest = sorted(
            [*hearings, *incidents], key=lambda record: record.published_at, reverse=True
        )
        return newest[:FEED_SIZE]

    def item_title(self, item: Any) -> str:
        if isinstance(item, Hearing):
            return f"{item.case.title}: {item.get_instance_display()}, {date_text(item.held)}"
        return f"{item.title} ({date_text(item.started)})"

    def item_description(self, item: Any) -> str:
        return item.summary

    def item_pubdate(self, item: Any) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Any) -> datetime:
        return item.updated_at
