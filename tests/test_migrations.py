"""Migrations keep data on the way up and leave the schema as it was when one fails."""

import pytest
from django.db import connection, migrations, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import ProjectState

OUR_APPS = ("casetracker", "people", "cases", "events")
FIRST_RELEASE = [(app, "0001_initial") for app in OUR_APPS]


def latest() -> list[tuple[str, str]]:
    return [
        key for key in MigrationExecutor(connection).loader.graph.leaf_nodes() if key[0] in OUR_APPS
    ]


@pytest.mark.django_db(transaction=True)
def test_upgrade_from_the_first_release_keeps_every_row():
    executor = MigrationExecutor(connection)
    executor.migrate(FIRST_RELEASE)
    old = executor.loader.project_state(FIRST_RELEASE).apps
    person = old.get_model("people", "Person").objects.create(
        name="Natalia Sokolova", slug="natalia-sokolova", status="published", visibility="public"
    )
    old.get_model("people", "PersonName").objects.create(
        person=person, name="Наталья Соколова", script="cyrillic", folded="наталья соколова"
    )
    court = old.get_model("people", "Organization").objects.create(
        name="Aktau city court", slug="aktau-city-court", kind="court"
    )
    case = old.get_model("cases", "Case").objects.create(
        title="Case of Sokolova", slug="sokolova", kind="criminal"
    )
    case.defendants.add(person)
    old.get_model("cases", "Hearing").objects.create(
        case=case, court=court, instance="first", held_on="2011-08-08", held_precision="day"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest())

    from cases.models import Hearing
    from people.models import Person

    upgraded = Person.objects.get(slug="natalia-sokolova")
    assert [name.name for name in upgraded.names.all()] == ["Наталья Соколова"]
    hearing = Hearing.objects.get(case__slug="sokolova")
    assert (str(hearing.held), hearing.court.name) == ("8 August 2011", "Aktau city court")
    assert list(hearing.case.defendants.all()) == [upgraded]


@pytest.mark.django_db(transaction=True)
def test_a_failing_migration_leaves_the_schema_as_it_was():
    def fail(apps, schema_editor):
        raise RuntimeError("data step failed")

    broken = migrations.Migration("9999_broken", "people")
    broken.operations = [
        migrations.CreateModel("HalfDone", [("id", models.BigAutoField(primary_key=True))]),
        migrations.AddField("person", "half_added", models.CharField(max_length=10, default="")),
        migrations.RunPython(fail),
    ]
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(latest())
    tables_before = set(connection.introspection.table_names())
    with pytest.raises(RuntimeError, match="data step failed"):
        executor.apply_migration(ProjectState.from_apps(state.apps), broken)
    assert set(connection.introspection.table_names()) == tables_before
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "people_person")
        ]
    assert "half_added" not in columns
