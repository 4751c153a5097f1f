"""Publishing as a service: the admin's actions and any command write through the same calls."""

import pytest
from reversion.models import Version

from casetracker.services import PublishError, publish, unpublish
from tests import factories

pytestmark = pytest.mark.django_db


def test_publish_sets_the_time_and_keeps_who_did_it(editor_user):
    person = factories.PersonFactory(status="in_review")
    assert publish(person, by=editor_user) is True
    person.refresh_from_db()
    assert (person.status, person.published_at is not None) == ("published", True)
    revision = Version.objects.get_for_object(person).get().revision
    assert (revision.user, revision.comment) == (editor_user, "Published.")
    assert publish(person, by=editor_user) is False


def test_a_record_hanging_on_a_hidden_one_is_not_published(editor_user):
    detention = factories.DetentionFactory(status="in_review", person__status="draft")
    with pytest.raises(PublishError) as refused:
        publish(detention, by=editor_user)
    assert str(detention.person) in refused.value.hidden[0]
    detention.refresh_from_db()
    assert detention.status == "in_review"


def test_unpublish_sends_the_record_back_to_review(editor_user):
    incident = factories.IncidentFactory()
    first_published = incident.published_at
    assert unpublish(incident, by=editor_user) is True
    incident.refresh_from_db()
    assert (incident.status, incident.published_at) == ("in_review", first_published)
    assert unpublish(incident, by=editor_user) is False
