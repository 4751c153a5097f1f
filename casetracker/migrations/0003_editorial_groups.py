"""Create the Researcher and Editor groups with the permissions their work needs.

Researchers add and change records but cannot publish or delete; editors also publish, unpublish,
revert and delete.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from casetracker.roles import ensure_editorial_groups


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_editorial_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Researcher", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("casetracker", "0002_sourcedocument_publish_permission"),
        ("people", "0002_personredirect"),
        ("cases", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
