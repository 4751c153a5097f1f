from django.apps import AppConfig


class CasetrackerConfig(AppConfig):
    name = "casetracker"
    verbose_name = "Sources, places and publication"
