"""PostgreSQL only: trigram indexes on the folded spellings, for name search's similarity match."""

from django.db import migrations

INDEXES = {
    "people_personname_folded_trgm": "people_personname",
    "people_organizationname_folded_trgm": "people_organizationname",
}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (folded gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_personredirect"),
        # pg_trgm is enabled there.
        ("casetracker", "0004_namekey_search"),
    ]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
