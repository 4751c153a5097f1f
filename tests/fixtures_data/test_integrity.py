"""The fixtures/ data set: loads twice alike, every fact cited, no dangling links, dates ordered."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from cases.models import (
    Case,
    Charge,
    ChargeEvent,
    Detention,
    Hearing,
    LegalArticle,
    Outcome,
    ProceduralConcern,
    Sentence,
)
from casetracker.models import Citation, Place, PlaceName, SourceDocument
from casetracker.publication import Publishable
from events.models import Incident, IncidentCount, Involvement
from people.models import (
    Affiliation,
    Designation,
    Organization,
    OrganizationName,
    Person,
    PersonName,
    Role,
)
from tests.fixtures_data.conftest import FIXTURE_FILES, load_fixtures

pytestmark = pytest.mark.usefixtures("dataset")

# Every model the data set fills (the derived NameKey table is rebuilt by signals, not loaded).
LOADED = (
    SourceDocument,
    Place,
    PlaceName,
    Role,
    LegalArticle,
    ProceduralConcern,
    Organization,
    OrganizationName,
    Person,
    PersonName,
    Affiliation,
    Designation,
    Case,
    Charge,
    ChargeEvent,
    Detention,
    Hearing,
    Outcome,
    Sentence,
    Incident,
    IncidentCount,
    Involvement,
    Citation,
)
# Records that state facts and so must each be cited. Vocabulary (roles, articles, concerns),
# spellings (cited through their owner) and the sources themselves are not.
FACTUAL = (
    Place,
    Organization,
    Person,
    Affiliation,
    Designation,
    Case,
    Charge,
    ChargeEvent,
    Detention,
    Hearing,
    Outcome,
    Sentence,
    Incident,
    IncidentCount,
    Involvement,
)
MINIMUM_ROWS = {
    SourceDocument: 5,
    Person: 38,
    Organization: 55,
    Place: 36,
    Case: 30,
    Incident: 45,
    IncidentCount: 40,
    Citation: 500,
}


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in LOADED}


def _dump() -> str:
    out = StringIO()
    labels = [model._meta.label_lower for model in LOADED]
    call_command("dumpdata", *labels, natural_foreign=True, stdout=out)
    return out.getvalue()


def test_fixture_files_are_numbered_in_dependency_order() -> None:
    names = [path.rsplit("/", 1)[-1] for path in FIXTURE_FILES]
    assert names == sorted(names)
    assert names[0] == "01_sources.json"
    assert names[-1] == "09_citations.json"


@pytest.mark.parametrize(
    ("model", "minimum"), MINIMUM_ROWS.items(), ids=[model.__name__ for model in MINIMUM_ROWS]
)
def test_the_whole_data_set_is_loaded(db: None, model: type[models.Model], minimum: int) -> None:
    assert model.objects.count() >= minimum


def test_loading_twice_changes_nothing(db: None) -> None:
    counts, dump = _counts(), _dump()
    load_fixtures()
    assert _counts() == counts
    assert _dump() == dump


@pytest.mark.parametrize("model", FACTUAL, ids=lambda model: model.__name__)
def test_every_factual_record_is_cited(db: None, model: type[models.Model]) -> None:
    from django.contrib.contenttypes.models import ContentType

    cited = set(
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(model)).values_list(
            "object_id", flat=True
        )
    )
    uncited = [str(row) for row in model.objects.exclude(pk__in=cited)]
    assert not uncited


def test_every_citation_points_at_an_existing_record_and_source(db: None) -> None:
    dangling = []
    for citation in Citation.objects.select_related("content_type", "source"):
        model = citation.content_type.model_class()
        assert model is not None, citation.content_type
        if not model._default_manager.filter(pk=citation.object_id).exists():
            dangling.append(f"{citation.content_type.model} #{citation.object_id}")
    assert not dangling
    assert not Citation.objects.exclude(source__in=SourceDocument.objects.all()).exists()


def test_citations_have_locators_summaries_and_a_value_per_claim(db: None) -> None:
    assert not Citation.objects.filter(locator="").exists()
    assert not Citation.objects.filter(summary="").exists()
    for citation in Citation.objects.exclude(claim_field=""):
        citation.full_clean()  # names a claimable attribute and holds a value of its kind
    briefing = Citation.objects.filter(source__key="kibhr-iphr-2011-10")
    # The briefing is the one report with numbered sections; its locators name them.
    assert all(locator.startswith("§") for locator in briefing.values_list("locator", flat=True))


@pytest.mark.parametrize("model", LOADED, ids=lambda model: model.__name__)
def test_every_record_passes_full_clean(db: None, model: type[models.Model]) -> None:
    """Field validation, constraints and clean(): dates in order, defendants in their case ..."""
    for row in model._default_manager.all():
        row.full_clean()


@pytest.mark.parametrize(
    "model",
    [model for model in LOADED if issubclass(model, Publishable)],
    ids=lambda model: model.__name__,
)
def test_everything_is_published_and_public(db: None, model: type[Publishable]) -> None:
    assert model.objects.public().count() == model.objects.count()


def test_the_minor_is_anonymised_and_has_no_stored_spelling(db: None) -> None:
    minors = Person.objects.filter(anonymity=Person.Anonymity.MINOR)
    assert minors.count() == 1
    boy = minors.get()
    assert boy.public_name == "a 12-year-old boy"
    assert not boy.names.exists()
    assert boy.involvements.get().role == Involvement.Role.VICTIM


def test_source_dates_are_marked_as_inferred(db: None) -> None:
    assert SourceDocument.objects.filter(published_date_inferred=True).count() == 5
    for source in SourceDocument.objects.all():
        assert "inferred" in source.summary or "undated" in source.summary.lower()


def test_every_loaded_model_is_listed() -> None:
    """A model that gains rows in fixtures/ must be checked above."""
    in_files = set()
    import json

    for path in FIXTURE_FILES:
        with open(path, encoding="utf-8") as handle:
            in_files |= {row["model"] for row in json.load(handle)}
    assert in_files == {model._meta.label_lower for model in LOADED}
    assert all(apps.get_model(label) for label in in_files)


@pytest.mark.django_db
def test_no_anonymised_person_is_identifiable_by_address():
    """A public URL carries the slug: an anonymised person's slug must not name anyone."""
    from people.models import ANONYMOUS_SLUG, Person

    named_slugs = set(Person.objects.filter(anonymity="named").values_list("slug", flat=True))
    for person in Person.objects.exclude(anonymity="named"):
        assert ANONYMOUS_SLUG.fullmatch(person.slug)
        name_parts = {part for slug in named_slugs for part in slug.split("-") if len(part) > 3}
        assert not name_parts & set(person.slug.split("-"))


def test_a_counts_claims_are_about_its_own_kind(db: None) -> None:
    """A citation on a count that states a figure names the count's kind, as the migration
    that moved them from the incident left them; an incident keeps no claim about a count."""
    from django.contrib.contenttypes.models import ContentType

    counts = {count.pk: count for count in IncidentCount.objects.all()}
    on_counts = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(IncidentCount)
    )
    for citation in on_counts.exclude(claim_field=""):
        assert citation.claim_field == "count", citation
        assert citation.object_id in counts
    on_incidents = Citation.objects.filter(content_type=ContentType.objects.get_for_model(Incident))
    assert not on_incidents.filter(claim_field="count").exists()
