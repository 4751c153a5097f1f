"""Name search: the NameKey table (filled for existing records) and, on PostgreSQL, pg_trgm and
unaccent with a trigram index on place spellings (people's are in people 0003)."""

import django.db.models.deletion
from django.db import migrations, models

from casetracker.name_search import SPELLING_FIELDS, keys_for

# Owners of spelling variants when this migration was written: (app, model) of each.
OWNERS = (("casetracker", "place"), ("people", "person"), ("people", "organization"))


def fill_keys(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    NameKey = apps.get_model("casetracker", "NameKey")
    for app_label, model_name in OWNERS:
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        rows = []
        for record in model.objects.prefetch_related("names"):
            spellings = [getattr(record, field) for field in SPELLING_FIELDS]
            spellings += [variant.name for variant in record.names.all()]
            rows += [
                NameKey(content_type=content_type, object_id=record.pk, key=key, removed=removed)
                for key, removed in keys_for(spelling for spelling in spellings if spelling)
            ]
        NameKey.objects.bulk_create(rows, batch_size=2000)


def enable_extensions(apps, schema_editor):
    # Not django.contrib.postgres's TrigramExtension: unapplying it queries pg_extension on
    # every database. Left in place when unapplied: other database objects may use them.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS casetracker_placename_folded_trgm "
            "ON casetracker_placename USING gin (folded gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS casetracker_placename_folded_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("casetracker", "0003_editorial_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0002_personredirect"),
    ]

    operations = [
        migrations.RunPython(enable_extensions, migrations.RunPython.noop),
        migrations.CreateModel(
            name="NameKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("key", models.CharField(max_length=200)),
                ("removed", models.PositiveSmallIntegerField(default=0, help_text="Letters removed from the word's skeleton (0 or 1), to find typos.")),
                ("content_type", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
            ],
            options={
                "indexes": [
                    models.Index(fields=["content_type", "removed", "key", "object_id"], name="namekey_lookup_idx"),
                    models.Index(fields=["content_type", "object_id"], name="namekey_owner_idx"),
                ],
            },
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
