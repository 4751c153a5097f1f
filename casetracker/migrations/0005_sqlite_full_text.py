"""Full-text search on SQLite: an FTS5 table of titles and summaries (see casetracker.fts),
created and filled only on SQLite builds with FTS5. PostgreSQL searches the tables themselves."""

from django.db import migrations

from casetracker.fts import CREATE_SQL, DROP_SQL, fill_index, fts_in_use


def create_index(apps, schema_editor):
    if fts_in_use(schema_editor.connection):
        schema_editor.execute(CREATE_SQL)
        fill_index(apps.get_model, schema_editor.connection)


def drop_index(apps, schema_editor):
    if fts_in_use(schema_editor.connection):
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("casetracker", "0004_namekey_search"),
        ("people", "0003_name_trigram_indexes"),
        ("cases", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
