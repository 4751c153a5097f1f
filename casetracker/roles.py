"""The editorial groups and what each may do: researchers enter, editors also publish and delete."""

from typing import Any

OUR_APPS = ("casetracker", "people", "cases", "events")
EDITOR_ONLY_ACTIONS = ("delete_", "publish_")
# The audit log records researchers' refused attempts: editors read it, researchers do not.
EDITOR_ONLY_MODELS = ("auditentry",)
EDITOR_GROUP = "Editor"
RESEARCHER_GROUP = "Researcher"
# Editors read the login audit (django-axes: attempts, lockouts, successful logins), never edit it.
AUDIT_APPS = ("axes",)


def ensure_editorial_groups(group_model: Any, permission_model: Any) -> None:
    """Create or refresh the Researcher and Editor groups (idempotent).

    Takes the models as arguments so that the data migration can pass its historical ones.
    """
    ours = list(
        permission_model.objects.filter(content_type__app_label__in=OUR_APPS).select_related(
            "content_type"
        )
    )
    audit = list(
        permission_model.objects.filter(
            content_type__app_label__in=AUDIT_APPS, codename__startswith="view_"
        )
    )
    researcher, _ = group_model.objects.get_or_create(name=RESEARCHER_GROUP)
    editor, _ = group_model.objects.get_or_create(name=EDITOR_GROUP)
    researcher.permissions.set(
        [
            p
            for p in ours
            if not p.codename.startswith(EDITOR_ONLY_ACTIONS)
            and p.content_type.model not in EDITOR_ONLY_MODELS
        ]
    )
    editor.permissions.set(ours + audit)


def refresh_groups_after_migrate(app_config: Any, **kwargs: Any) -> None:
    """post_migrate handler. Django also sends post_migrate after a flush, so tests that empty the
    database get the groups back. Runs once the last of our apps has its permissions."""
    if app_config.label != OUR_APPS[-1]:
        return
    from django.contrib.auth.models import Group, Permission

    ensure_editorial_groups(Group, Permission)
