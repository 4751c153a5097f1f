"""The editorial groups and what each may do: researchers enter, editors also publish and delete."""

from typing import Any

OUR_APPS = ("casetracker", "people", "cases", "events")
EDITOR_ONLY_ACTIONS = ("delete_", "publish_")


def ensure_editorial_groups(group_model: Any, permission_model: Any) -> None:
    """Create or refresh the Researcher and Editor groups (idempotent).

    Takes the models as arguments so that the data migration can pass its historical ones.
    """
    ours = list(permission_model.objects.filter(content_type__app_label__in=OUR_APPS))
    researcher, _ = group_model.objects.get_or_create(name="Researcher")
    editor, _ = group_model.objects.get_or_create(name="Editor")
    researcher.permissions.set([p for p in ours if not p.codename.startswith(EDITOR_ONLY_ACTIONS)])
    editor.permissions.set(ours)


def refresh_groups_after_migrate(app_config: Any, **kwargs: Any) -> None:
    """post_migrate handler. Django also sends post_migrate after a flush, so tests that empty the
    database get the groups back. Runs once the last of our apps has its permissions."""
    if app_config.label != OUR_APPS[-1]:
        return
    from django.contrib.auth.models import Group, Permission

    ensure_editorial_groups(Group, Permission)
