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


# Counts were columns of the incident, and claims two strings of a citation.
BEFORE_COUNTS = [
    ("events", "0004_partial_dates_start_their_period"),
    ("casetracker", "0012_date_qualifiers"),
]


@pytest.mark.django_db(transaction=True)
def test_fixed_counts_become_rows_and_their_citations_follow():
    """Every count pair becomes an IncidentCount; a citation stating one moves to its row, with
    its claim, typed as the row's bounds; other citations of the incident stay on it, their
    words kept; no citation is lost."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_COUNTS)
    old = executor.loader.project_state(BEFORE_COUNTS).apps
    incident_model = old.get_model("events", "Incident")
    shooting = incident_model.objects.create(
        title="Shooting", slug="shooting", kind="shooting", started_on="2011-12-16",
        started_precision="day", summary="Police fired.", killed_min=16, injured_min=64,
        status="published", visibility="public",
    )  # fmt: skip
    square = incident_model.objects.create(
        title="Square", slug="square", kind="protest", started_on="2011-07-01",
        started_precision="month", summary="Protest.", participants_max=5000,
        detained_min=9, detained_max=9,
    )  # fmt: skip
    incident_model.objects.create(
        title="Quiet", slug="quiet", kind="other", started_on="2011-01-01",
        started_precision="year", summary="Nothing counted.",
    )  # fmt: skip
    content_type = old.get_model("contenttypes", "ContentType").objects
    incident_type = content_type.get(app_label="events", model="incident")
    source = old.get_model("casetracker", "SourceDocument").objects.create(
        key="ls", title="LabourStart", kind="article", publisher="LabourStart"
    )
    citation = old.get_model("casetracker", "Citation").objects

    def cite(incident, claim_field="", claim=""):
        return citation.create(
            source=source, content_type=incident_type, object_id=incident.pk, locator="¶5",
            summary="Says so.", claim_field=claim_field, claim=claim,
        ).pk  # fmt: skip

    at_least_16 = cite(shooting, "killed", "at least 16")
    more_than_16 = cite(shooting, "killed", "more than 16")
    wounded = cite(shooting, "injured", "at least 64")
    whole = cite(shooting)
    self_harm = cite(shooting, "self-harm", "four cut their veins")
    dismissed = cite(square, "dismissed", "hundreds")  # no such count stored: stays put

    executor = MigrationExecutor(connection)
    executor.migrate(latest())

    from casetracker.models import Citation
    from events.models import Incident, IncidentCount

    rows = {
        (count.incident.slug, count.kind): (count.minimum, count.maximum, count.approximate)
        for count in IncidentCount.objects.select_related("incident")
    }
    assert rows == {
        ("shooting", "killed"): (16, None, False),
        ("shooting", "injured"): (64, None, False),
        ("square", "participants"): (None, 5000, False),
        ("square", "detained"): (9, 9, False),
    }
    killed = IncidentCount.objects.get(incident__slug="shooting", kind="killed")
    injured = IncidentCount.objects.get(incident__slug="shooting", kind="injured")
    assert Citation.objects.count() == 6
    moved = {pk: Citation.objects.get(pk=pk) for pk in (at_least_16, more_than_16, wounded)}
    lower = {"minimum": 16, "maximum": None, "approximate": False}
    assert {pk: (c.record, c.claim_field, c.claim_value, c.claim) for pk, c in moved.items()} == {
        at_least_16: (killed, "count", lower, "at least 16"),
        more_than_16: (killed, "count", lower, "more than 16"),
        wounded: (injured, "count", {**lower, "minimum": 64}, "at least 64"),
    }
    stayed = Citation.objects.filter(pk__in=[whole, self_harm, dismissed])
    assert {c.record for c in stayed} == {
        Incident.objects.get(slug="shooting"),
        Incident.objects.get(slug="square"),
    }
    # A claim no field of the incident holds is no longer a claim; its words stay.
    assert {(c.claim_field, c.claim) for c in stayed} == {
        ("", ""),
        ("", "self-harm: four cut their veins"),
        ("", "dismissed: hundreds"),
    }
    assert str(killed.bounds) == "at least 16"


@pytest.mark.django_db(transaction=True)
def test_going_back_refuses_to_drop_a_count_the_columns_cannot_hold():
    from tests import factories as f

    executor = MigrationExecutor(connection)
    executor.migrate(latest())
    exact = f.IncidentCountFactory(kind="killed", minimum=16, maximum=None)
    f.CitationFactory(
        record=exact,
        claim_field="count",
        claim_value={"minimum": 16, "maximum": None, "approximate": False},
        claim="at least 16",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_COUNTS)
    old = executor.loader.project_state(BEFORE_COUNTS).apps
    incident = old.get_model("events", "Incident").objects.get()
    assert (incident.killed_min, incident.killed_max) == (16, None)
    assert old.get_model("casetracker", "Citation").objects.get().object_id == incident.pk

    executor = MigrationExecutor(connection)
    executor.migrate(latest())
    f.IncidentCountFactory(kind="participants", minimum=30, maximum=30, approximate=True)
    executor = MigrationExecutor(connection)
    with pytest.raises(RuntimeError, match="going back would lose it"):
        executor.migrate(BEFORE_COUNTS)
    executor = MigrationExecutor(connection)
    executor.migrate(latest())


def before_panel() -> list[tuple[str, str]]:
    """Every app as it is now, but cases before the panel of judges."""
    return [key for key in latest() if key[0] != "cases"] + [
        ("cases", "0011_sentence_term_ranges_and_unstated_fines")
    ]


@pytest.mark.django_db(transaction=True)
def test_each_hearings_judge_becomes_the_presiding_judge_of_its_panel():
    executor = MigrationExecutor(connection)
    executor.migrate(before_panel())
    old = executor.loader.project_state(before_panel()).apps
    person = old.get_model("people", "Person").objects
    judge = person.create(name="Judge Ilyasov", slug="ilyasov")
    court = old.get_model("people", "Organization").objects.create(
        name="Aktau city court", slug="aktau-city-court", kind="court"
    )
    case = old.get_model("cases", "Case").objects.create(title="Case", slug="c", kind="criminal")
    hearing = old.get_model("cases", "Hearing").objects
    judged = hearing.create(
        case=case, court=court, instance="first", held_on="2012-06-04", held_precision="day",
        judge=judge,
    )  # fmt: skip
    unjudged = hearing.create(
        case=case, court=court, instance="appeal", held_on="2012-08-01", held_precision="day"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest())

    from cases.models import Hearing, HearingJudge
    from tests import factories as f

    [seat] = HearingJudge.objects.all()
    assert (seat.hearing_id, seat.judge.slug, seat.presiding) == (judged.pk, "ilyasov", True)
    assert not Hearing.objects.get(pk=unjudged.pk).judges.exists()

    # Going back gives the hearing its judge again; a panel of several cannot go back.
    executor = MigrationExecutor(connection)
    executor.migrate(before_panel())
    old = executor.loader.project_state(before_panel()).apps
    assert old.get_model("cases", "Hearing").objects.get(pk=judged.pk).judge_id == judge.pk
    executor = MigrationExecutor(connection)
    executor.migrate(latest())
    HearingJudge.objects.create(hearing_id=judged.pk, judge=f.PersonFactory())
    executor = MigrationExecutor(connection)
    with pytest.raises(RuntimeError, match="going back would lose it"):
        executor.migrate(before_panel())
    executor = MigrationExecutor(connection)
    executor.migrate(latest())


BEFORE_UNKNOWN_DATES = [("cases", "0012_hearing_panel")]
BEFORE_UNKNOWN_INCIDENT_START = [("events", "0008_date_qualifiers")]


@pytest.mark.django_db(transaction=True)
def test_dates_may_become_unknown_and_going_back_refuses_to_invent_one():
    from tests import factories as f

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_UNKNOWN_DATES + BEFORE_UNKNOWN_INCIDENT_START)
    old = executor.loader.project_state(BEFORE_UNKNOWN_DATES).apps
    person = f.PersonFactory()  # people's tables stay at their latest migration
    old.get_model("cases", "Detention").objects.create(
        person_id=person.pk, kind="pre_trial", started_on="2011-12-01", started_precision="month"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest())
    from cases.models import Detention

    assert str(Detention.objects.get().started) == "December 2011"
    undated = [
        f.DetentionFactory(started_on=None, duration_days=5),
        f.HearingFactory(held_on=None),
        f.IncidentFactory(started_on=None),
    ]
    for target in (BEFORE_UNKNOWN_DATES, BEFORE_UNKNOWN_INCIDENT_START):
        executor = MigrationExecutor(connection)
        with pytest.raises(RuntimeError, match="going back would lose them"):
            executor.migrate(target)
    for record in undated:
        record.delete()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_UNKNOWN_DATES + BEFORE_UNKNOWN_INCIDENT_START)
    executor = MigrationExecutor(connection)
    executor.migrate(latest())
    assert str(Detention.objects.get().started) == "December 2011"


BEFORE_HEARING_ADDRESSES = [("cases", "0013_unknown_detention_and_hearing_dates")]


@pytest.mark.django_db(transaction=True)
def test_stored_hearings_get_the_addresses_new_ones_would():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_HEARING_ADDRESSES)
    old = executor.loader.project_state(BEFORE_HEARING_ADDRESSES).apps
    court = old.get_model("people", "Organization").objects.create(
        name="Zhanaozen city court", slug="zhanaozen-city-court", kind="court"
    )
    case = old.get_model("cases", "Case").objects.create(
        title="Trial", slug="zhanaozen-trial-2012", kind="criminal"
    )
    hearing = old.get_model("cases", "Hearing").objects
    dates = [("2012-06-04", "day"), ("2012-06-04", "day"), ("2012-06-01", "month"), (None, "day")]
    sittings = [
        hearing.create(case=case, court=court, instance="first", held_on=day, held_precision=kind)
        for day, kind in dates
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(latest())
    from cases.models import Hearing

    assert [Hearing.objects.get(pk=sitting.pk).slug for sitting in sittings] == [
        "zhanaozen-trial-2012-first-2012-06-04",
        "zhanaozen-trial-2012-first-2012-06-04-2",
        "zhanaozen-trial-2012-first-2012-06",
        "zhanaozen-trial-2012-first-undated",
    ]
