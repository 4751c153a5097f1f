"""A new source's key: made from its title when left empty, never one another source holds."""

import pytest
from django.core.validators import validate_slug
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casetracker.models import KEY_LENGTH, SourceDocument
from tests import factories
from tests.admin.editing import form_values
from tests.admin.test_bad_input import all_errors

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Statement of the International Federation for Human Rights and its member organisations "
    "on the trial of the oil workers of Zhanaozen"
)


def add_source(editor, title: str, language: str, key: str = ""):
    url = reverse("admin:casetracker_sourcedocument_add")
    data = form_values(editor.get(url))
    data.update(
        title=title, key=key, kind="statement", publisher="FIDH", language=language,
        published_on="2012-06-04", published_precision="day", status="draft",
    )  # fmt: skip
    return editor.post(url, data)


def test_language_versions_of_one_long_title_get_keys_of_their_own(editor):
    for language in ("en", "ru", "en"):
        response = add_source(editor, LONG_TITLE, language)
        assert response.status_code == 302, all_errors(response)
    keys = list(SourceDocument.objects.order_by("pk").values_list("key", flat=True))
    assert len(set(keys)) == 3
    assert all(len(key) <= KEY_LENGTH for key in keys)
    assert keys[1].endswith("-ru")
    assert keys[2] == f"{keys[0]}-2"


def test_a_typed_key_is_kept_and_a_taken_one_refused(editor):
    assert add_source(editor, "Report", "en", key="fidh-2012").status_code == 302
    assert SourceDocument.objects.get().key == "fidh-2012"
    refused = add_source(editor, "Another report", "en", key="fidh-2012")
    assert refused.status_code == 200
    assert "key" in refused.context["adminform"].form.errors


def test_a_stored_key_cannot_be_emptied(editor):
    # Addresses and citations use it: a new one would break every link to the source.
    source = factories.SourceDocumentFactory(key="kibhr-2011")
    url = reverse("admin:casetracker_sourcedocument_change", args=[source.pk])
    data = {**form_values(editor.get(url)), "key": ""}
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "key" in response.context["adminform"].form.errors
    source.refresh_from_db()
    assert source.key == "kibhr-2011"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(max_size=400), language=st.sampled_from(["en", "ru", "kk", "en-GB"]))
def test_a_free_key_is_a_slug_no_source_holds(title, language):
    factories.SourceDocumentFactory(key=SourceDocument.free_key(title, language))
    key = SourceDocument.free_key(title, language)
    validate_slug(key)
    assert len(key) <= KEY_LENGTH
    assert not SourceDocument.objects.filter(key=key).exists()
