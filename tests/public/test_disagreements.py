"""Claims as data: where sources give different values for one attribute, the page that shows
the value shows every version next to it, each with its sources, and marks the tracker's reading
only where one was chosen."""

from datetime import date

import html5lib
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from casetracker import claims
from casetracker.bounds import Bounds
from casetracker.models import Citation, Reading
from casetracker.publication import Status
from events.models import IncidentCount
from tests import factories as f
from tests.public.conftest import build_world

COUNT = {"minimum": 16, "maximum": None, "approximate": False}
EXACT_17 = {"minimum": 17, "maximum": 17, "approximate": False}


BLOCK = "div[@class='disagreement']"


def blocks(response, within: str = ".//") -> list:
    """The disagreement blocks of the page, those ``within`` an ElementTree path if given."""
    page = html5lib.parse(response.content, treebuilder="etree", namespaceHTMLElements=False)
    return page.findall(f"{within}{BLOCK}")


def items(block) -> list:
    return block.findall(".//li")


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def claim(record, source, name: str, value, wording: str = "") -> Citation:
    citation = f.CitationFactory.build(
        record=record, source=source, claim_field=name, claim_value=value, claim=wording
    )
    citation.full_clean()
    citation.save()
    return citation


@pytest.fixture
def killed(world):
    return world.incident.counts.get(kind="killed")


@pytest.fixture
def second_source(db):
    return f.SourceDocumentFactory(
        key="nhc-2012", title="Second report", publisher="Helsinki Committee"
    )


def test_two_figures_are_shown_side_by_side_where_the_count_is(
    reader, world, killed, second_source
):
    claim(killed, world.source, "count", COUNT, "at least 16")
    claim(killed, second_source, "count", EXACT_17)
    response = reader.get(world.incident.get_absolute_url())
    [block] = blocks(response, ".//dl[@class='facts counts']//")
    shown = text_of(block)
    assert "Sources differ on the number" in shown
    first, second = items(block)
    assert text_of(first).startswith("at least 16")
    assert "Human rights group" in text_of(first)
    assert text_of(second).startswith("17")
    assert "Helsinki Committee" in text_of(second)
    # Each version's sources are footnoted, and nothing is called the tracker's reading.
    for version in (first, second):
        assert [a.get("href")[:4] for a in version.findall(".//a")] == ["#fn-"]
    assert "We have not chosen between these versions." in shown
    assert not block.findall(".//li[@class='reading']")


def test_equal_figures_in_other_words_are_one_version(reader, world, killed, second_source):
    claim(killed, world.source, "count", COUNT, "at least 16")
    claim(killed, second_source, "count", COUNT, "at least 16 killed")
    assert not blocks(reader.get(world.incident.get_absolute_url()))

    third = f.SourceDocumentFactory(key="third", publisher="Third group")
    claim(killed, third, "count", EXACT_17)
    [block] = blocks(reader.get(world.incident.get_absolute_url()))
    first, second = items(block)
    assert "Human rights group" in text_of(first)
    assert "Helsinki Committee" in text_of(first)
    # The wording that differs from the figure is kept, in the source's terms.
    assert [q.text for q in first.findall(".//q")] == ["at least 16 killed"]
    assert "Third group" in text_of(second)


def test_a_chosen_reading_is_marked_with_why(reader, world, killed, second_source):
    killed.minimum, killed.maximum = 17, 17
    killed.save()
    claim(killed, world.source, "count", COUNT)
    claim(killed, second_source, "count", EXACT_17)
    Reading.objects.create(
        record=killed, attribute="count", basis=Reading.Basis.OFFICIAL, note="The court's list."
    )
    [block] = blocks(reader.get(world.incident.get_absolute_url()))
    [reading] = block.findall(".//li[@class='reading']")
    assert text_of(reading).startswith("17")
    assert "our reading" in text_of(reading)
    assert "an official document gives it" in text_of(block)
    assert "The court's list." in text_of(block)


def test_a_reading_that_is_no_source_s_value_is_shown_as_its_own(
    reader, world, killed, second_source
):
    killed.minimum, killed.maximum = 16, 17
    killed.save()
    claim(killed, world.source, "count", {"minimum": 16, "maximum": 16})
    claim(killed, second_source, "count", EXACT_17)
    Reading.objects.create(
        record=killed, attribute="count", basis="other", note="Both counts may be right."
    )
    [block] = blocks(reader.get(world.incident.get_absolute_url()))
    shown = [text_of(li) for li in items(block)]
    assert shown[-1].startswith("16–17")
    assert "our reading" in shown[-1]


def test_no_reading_chosen_is_said_so(reader, world, killed, second_source):
    claim(killed, world.source, "count", COUNT)
    claim(killed, second_source, "count", EXACT_17)
    Reading.objects.create(record=killed, attribute="count", basis=Reading.Basis.NONE)
    [block] = blocks(reader.get(world.incident.get_absolute_url()))
    assert "We have not chosen between these versions." in text_of(block)
    assert not block.findall(".//li[@class='reading']")


@pytest.mark.parametrize(
    "hidden", [{"status": Status.DRAFT}, {"status": Status.IN_REVIEW}, {"visibility": "restricted"}]
)
def test_a_claim_from_a_source_readers_cannot_see_is_not_shown(reader, world, killed, hidden):
    claim(killed, world.source, "count", COUNT)
    draft = f.SourceDocumentFactory(key="draft-memo", publisher="Unpublished memo", **hidden)
    claim(killed, draft, "count", EXACT_17, "seventeen")
    response = reader.get(world.incident.get_absolute_url())
    assert not blocks(response)
    body = response.content.decode()
    assert "Unpublished memo" not in body
    assert "seventeen" not in body


def test_a_disputed_start_of_detention_is_shown_in_the_persons_timeline(
    reader, world, second_source
):
    detention = world.person.detentions.get()
    on = {"on": "2011-09-08", "precision": "day", "qualifier": ""}
    claim(detention, world.source, "started", on)
    claim(detention, second_source, "started", {"on": "2011-09-01", "precision": "month"})
    response = reader.get(world.person.get_absolute_url())
    [block] = blocks(response, ".//li[@class='entry entry-detention']//")
    assert "Sources differ on when the detention began" in text_of(block)
    assert [text_of(li).split(" —")[0] for li in items(block)] == [
        "8 September 2011",
        "September 2011",
    ]


def test_a_disputed_prison_term_is_shown_wherever_the_sentence_is(reader, world, second_source):
    outcome = world.person.outcomes.get()
    sentence = outcome.sentence
    claim(sentence, world.source, "prison_months", 60)
    claim(sentence, second_source, "prison_months", 66, "five and a half years")
    for url, where in [
        (world.person.get_absolute_url(), ".//li[@class='entry entry-hearing']//"),
        (world.case.get_absolute_url(), ".//li[@class='entry entry-hearing']//"),
        (world.hearing.get_absolute_url(), ".//ul/li/"),
    ]:
        [block] = blocks(reader.get(url), where)
        shown = text_of(block)
        assert "Sources differ on the prison term" in shown, url
        assert "5 years" in shown, url
        assert "5 years 6 months" in shown, url


def test_a_disputed_court_names_each_public_court_and_no_hidden_one(reader, world, second_source):
    other_court = f.CourtFactory(name="Aktau regional court", slug="aktau-court")
    hidden_court = f.CourtFactory(name="Secret tribunal", slug="secret", status=Status.DRAFT)
    claim(world.hearing, world.source, "court", world.court.pk)
    claim(world.hearing, second_source, "court", other_court.pk)
    third = f.SourceDocumentFactory(key="third", publisher="Third group")
    claim(world.hearing, third, "court", hidden_court.pk)
    response = reader.get(world.hearing.get_absolute_url())
    [block] = blocks(response)
    shown = text_of(block)
    assert "Zhanaozen city court" in shown
    assert "Aktau regional court" in shown
    assert "Secret tribunal" not in response.content.decode()
    assert "a record not shown here" in shown


def test_a_disputed_charge_is_shown_with_the_charge(reader, world, second_source):
    charge = world.case.charges.get()
    claim(charge, world.source, "described_as", "organising an unsanctioned gathering")
    claim(charge, second_source, "described_as", "Organising  an unsanctioned gathering")
    assert not blocks(reader.get(world.case.get_absolute_url()))  # case and spacing aside
    claim(charge, f.SourceDocumentFactory(key="t"), "described_as", "speaking to strikers")
    [block] = blocks(reader.get(world.case.get_absolute_url()), ".//ul/li/")
    assert "Sources differ on the charge as described" in text_of(block)
    assert len(items(block)) == 2


@pytest.mark.parametrize("rows", [3, 30])
def test_disagreements_cost_the_same_queries_whatever_their_number(
    reader, db, django_assert_num_queries, rows
):
    world = build_world(3)
    court = f.CourtFactory(name="Aktau regional court", slug="aktau-court")
    sources = [f.SourceDocumentFactory(key=f"s{n}") for n in range(2)]
    for index in range(rows):
        count = f.IncidentCountFactory(
            incident=world.incident, kind="other", note=f"group {index}", minimum=1
        )
        claim(count, sources[0], "count", {"minimum": index})
        claim(count, sources[1], "count", {"minimum": index + 1})
        Reading.objects.create(record=count, attribute="count", basis="corroborated")
    claim(world.hearing, sources[0], "court", world.court.pk)
    claim(world.hearing, sources[1], "court", court.pk)
    for url in (world.incident.get_absolute_url(), world.hearing.get_absolute_url()):
        reader.get(url)
        # The page's own queries, then one for all the readings, one per kind of record named.
        with django_assert_num_queries(8 if url == world.incident.get_absolute_url() else 10):
            response = reader.get(url)
        assert response.status_code == 200
    assert len(blocks(reader.get(world.incident.get_absolute_url()))) == rows


# --- the claim itself: a named attribute and a value of its kind


def test_a_claim_must_name_an_attribute_of_its_record(world, killed):
    citation = f.CitationFactory.build(
        record=killed, source=world.source, claim_field="killed", claim_value=COUNT
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "claim_field" in error.value.message_dict


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("count", {"minimum": 17, "maximum": 16}),
        ("count", {"minimum": None, "maximum": None}),
        ("count", {"minimum": -1}),
        ("count", "sixteen"),
    ],
)
def test_a_claim_of_the_wrong_kind_is_refused_with_a_message(world, killed, name, value):
    citation = f.CitationFactory.build(
        record=killed, source=world.source, claim_field=name, claim_value=value
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "claim_value" in error.value.message_dict


def test_a_claim_is_stored_in_its_one_canonical_form(world):
    hearing = world.hearing
    citation = f.CitationFactory.build(
        record=hearing,
        source=world.source,
        claim_field="held",
        claim_value={"on": "2012-06-17", "precision": "month"},
    )
    citation.full_clean()
    assert citation.claim_value == {"on": "2012-06-01", "precision": "month", "qualifier": ""}
    assert citation.claim_text == "June 2012"


def test_every_claimable_name_is_a_real_attribute():
    from django.apps import apps

    named = {m: claims.attributes(m) for m in apps.get_models()}
    assert sum(len(attributes) for attributes in named.values()) > 20
    for model, attributes in named.items():
        for attribute in attributes.values():
            for column in attribute.columns:
                model._meta.get_field(column)


@given(
    low=st.integers(min_value=0, max_value=10**6),
    extra=st.one_of(st.none(), st.integers(min_value=0, max_value=10**6)),
    approximate=st.booleans(),
)
def test_a_count_read_back_from_its_words_is_the_same_count(low, extra, approximate):
    attribute = claims.attribute_of(IncidentCount, "count")
    high = None if extra is None else low + extra
    if approximate and high is not None and high != low:
        approximate = False  # "about 3–5" is not a form the registry writes
    bounds = Bounds(low, high, approximate)
    value = attribute.normalise({"minimum": low, "maximum": high, "approximate": approximate})
    assert attribute.parse(str(bounds)) == value


@given(st.text(max_size=40))
def test_any_words_are_a_count_or_a_clear_refusal(words):
    attribute = claims.attribute_of(IncidentCount, "count")
    try:
        value = attribute.parse(words)
    except ValidationError as error:
        value = {"refused": error.messages}
    if "refused" in value:
        assert value["refused"]
    else:
        assert value["minimum"] is not None or value["maximum"] is not None


def test_a_reading_is_for_a_claimable_attribute(db, world, killed):
    reading = Reading(
        content_type=ContentType.objects.get_for_model(killed),
        object_id=killed.pk,
        attribute="note",
        basis="corroborated",
    )
    with pytest.raises(ValidationError):
        reading.full_clean()


def test_dates_in_words_read_as_partial_dates(db):
    from cases.models import Detention

    attribute = claims.attribute_of(Detention, "started")
    assert attribute.parse("about 2011-12") == {
        "on": "2011-12-01",
        "precision": "month",
        "qualifier": "about",
    }
    assert attribute.text(attribute.parse("on or before 2011-07-08")) == "on or before 8 July 2011"
    assert attribute.stored(f.DetentionFactory.build(started_on=date(2011, 7, 8))) == {
        "on": "2011-07-08",
        "precision": "day",
        "qualifier": "",
    }
    with pytest.raises(ValidationError):
        attribute.parse("last summer")
