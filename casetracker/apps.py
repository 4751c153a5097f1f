from django.apps import AppConfig


class CasetrackerConfig(AppConfig):
    name = "casetracker"
    verbose_name = "Sources, places and publication"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from casetracker import derived_stores
        from casetracker.roles import refresh_groups_after_migrate

        post_migrate.connect(refresh_groups_after_migrate)
        derived_stores.connect()
