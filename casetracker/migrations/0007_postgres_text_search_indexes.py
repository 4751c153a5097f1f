"""PostgreSQL only: GIN indexes of the weighted tsvectors ``text_search`` matches, so the search
page does not compute the vector of every row.

``unaccent()`` is only STABLE (its dictionary could change), so no index may use it:
``casetracker_unaccent`` is an IMMUTABLE wrapper with the dictionary named, and each index's
expression is, word for word, the vector ``text_search._postgres_search`` builds. SQLite
searches its FTS5 table (0005) and gets nothing here.
"""

from django.db import migrations

FUNCTION = "casetracker_unaccent"
# Index name: (table, its searched fields from most to least weighty), as text_search is called
# by casetracker.site_search.
INDEXES = {
    "people_person_text_search": ("people_person", ["summary"]),
    "people_organization_text_search": ("people_organization", ["summary"]),
    "cases_case_text_search": ("cases_case", ["title", "summary"]),
    "events_incident_text_search": ("events_incident", ["title", "summary"]),
    "casetracker_sourcedocument_text_search": ("casetracker_sourcedocument", ["title", "summary"]),
}


def vector_sql(fields: list[str]) -> str:
    """The SQL django.contrib.postgres's SearchVector writes for text_search's vector."""
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, COALESCE({FUNCTION}({field}), '')), "
        f"'{weight}')"
        for weight, field in zip("ABCD", fields, strict=False)
    )


# OR REPLACE, IF [NOT] EXISTS: a database that ran this migration under another number (before
# a renumbering) can run it again.
def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # Enabled in 0004, in whatever schema was first on the search path then.
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    # Schema-qualified inside, so that it works whatever the search path (pg_restore empties it).
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        f"AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$"
    )
    for name, (table, fields) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({vector_sql(fields)}))"
        )
        # The planner's statistics on the new expression, lest it guess at a million rows.
        schema_editor.execute(f"ANALYZE {table}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")


class Migration(migrations.Migration):
    # 0005 depends on the migrations that create the tables indexed here.
    dependencies = [("casetracker", "0006_content_version")]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
