import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from cases.models import Case, Detention, Hearing, Sentence
from casetracker.models import Citation
from casetracker.name_search import filter_by_name
from casetracker.site.generate import PREFIX, SOURCE_KEY, generate
from casetracker.text_search import text_search
from events.models import Incident
from people.models import Person, PersonName

pytestmark = pytest.mark.django_db


def generated_people(seed: int) -> list[tuple[str, str]]:
    with transaction.atomic():
        generate(40, seed=seed)
        people = list(Person.objects.order_by("slug").values_list("slug", "name"))
        transaction.set_rollback(True)
    return people


def test_the_same_seed_gives_the_same_records():
    assert generated_people(7) == generated_people(7)
    assert generated_people(7) != generated_people(8)


def test_generated_records_are_published_marked_and_valid():
    counts = generate(60, seed=1)
    assert counts["people.Person"] == 60
    assert Person.objects.public().count() == 60
    assert not Person.objects.exclude(slug__startswith=PREFIX).exists()
    assert Case.objects.public().count() == counts["cases.Case"] > 0
    assert Detention.objects.public().count() == counts["cases.Detention"] > 0
    assert Hearing.objects.public().count() == counts["cases.Hearing"] > 0
    assert Incident.objects.public().count() == counts["events.Incident"] > 0
    # Every person has a Latin and a Cyrillic spelling, folded for matching.
    assert PersonName.objects.filter(script="cyrillic").count() == 60
    assert not PersonName.objects.filter(folded="").exists()
    assert set(Citation.objects.values_list("source__key", flat=True)) == {SOURCE_KEY}
    # Bulk-created, yet findable by name in either script.
    someone = Person.objects.order_by("pk").first()
    cyrillic = someone.names.get(script="cyrillic").name
    assert someone in filter_by_name(Person.objects.all(), cyrillic)
    for model in (Person, Case, Detention, Hearing, Sentence, Incident):
        for row in model.objects.all()[:20]:
            row.full_clean()


def test_command_reports_rows_and_refuses_nonsense(capsys):
    call_command("generate_data", people=5, seed=3, verbosity=0)
    assert "people.Person" in capsys.readouterr().out
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_data", people=0)


def test_generated_incidents_are_found_by_the_words_of_their_summaries():
    # bulk_create sends no signals: on SQLite the full-text table must be filled afterwards.
    generate(20, seed=3)
    found = text_search(Incident.objects.public(), "generated", ["title", "summary"],
                        snippet_field="summary")  # fmt: skip
    assert found.count() == Incident.objects.public().count() > 0
