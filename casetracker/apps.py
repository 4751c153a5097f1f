from django.apps import AppConfig


class CasetrackerConfig(AppConfig):
    name = "casetracker"
    verbose_name = "Sources, places and publication"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from casetracker import fts, page_cache
        from casetracker.name_search import connect_signals
        from casetracker.roles import refresh_groups_after_migrate

        post_migrate.connect(refresh_groups_after_migrate)
        connect_signals()
        fts.connect_signals()
        page_cache.connect_signals()
