from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The layer that puts the apps together: public pages, search, charts, feeds, the data
    generator. It imports every app; no app imports it (docs/architecture.md)."""

    name = "casetracker.site"
    label = "site"
    verbose_name = "Public site"
