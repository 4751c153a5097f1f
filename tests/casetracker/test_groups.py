import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


def test_researchers_enter_records_but_cannot_publish_or_delete():
    researcher = codenames("Researcher")
    assert {
        "add_person",
        "change_person",
        "add_citation",
        "change_hearing",
        "view_incident",
    } <= researcher
    assert "publish_records" not in researcher
    assert not any(codename.startswith("delete_") for codename in researcher)


def test_editors_also_publish_and_delete():
    editor = codenames("Editor")
    assert codenames("Researcher") < editor
    assert {"publish_records", "delete_person", "delete_personredirect"} <= editor


@pytest.mark.django_db(transaction=True)
def test_groups_survive_a_flush():
    """Transactional tests empty the database; the groups come back with the permissions."""
    from django.core.management import call_command

    call_command("flush", "--no-input")
    assert "publish_records" in codenames("Editor")
    assert "add_person" in codenames("Researcher")
