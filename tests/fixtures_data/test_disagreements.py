"""Every disagreement between the five reports that the data set holds as claims is shown on the
public page of its subject, each version with its sources; equal values given in other words are
one version, and a status that changed between reports is a history, not a disagreement.

The disagreements are listed, with their paragraphs, in docs/disagreements.md."""

from collections.abc import Callable

import html5lib
import pytest

from cases.models import Case, Charge, Detention, Sentence
from events.models import Incident

pytestmark = pytest.mark.usefixtures("dataset")

AI = "Amnesty International"
KIBHR = "Kazakhstan International Bureau"
NHC = "Norwegian Helsinki Committee"
LABOURSTART = "LabourStart"
CAMPAIGN = "Campaign Kazakhstan"


def _blocks(response) -> list[tuple[str, list[str]]]:
    """Each disagreement block of the page: its heading, and the text of each version."""
    page = html5lib.parse(response.content, treebuilder="etree", namespaceHTMLElements=False)
    found = []
    for block in page.iter("div"):
        if block.get("class") != "disagreement":
            continue
        heading = " ".join("".join(block.find("p").itertext()).split())
        versions = [" ".join("".join(li.itertext()).split()) for li in block.iter("li")]
        found.append((heading, versions))
    return found


def _incident(slug: str) -> Callable[[], str]:
    return lambda: Incident.objects.get(slug=slug).get_absolute_url()


def _charges_case(pk: int) -> Callable[[], str]:
    return lambda: Charge.objects.get(pk=pk).case.get_absolute_url()


def _detained(pk: int) -> Callable[[], str]:
    return lambda: Detention.objects.get(pk=pk).person.get_absolute_url()


# (what, the page, the attribute in words, each version: its value and its sources)
DISAGREEMENTS = [
    (
        # AI ¶15 against KIBHR §4b ¶30
        "D2 what Sokolova was punished for on 24 May 2011",
        _charges_case(2),
        "the charge as described",
        [
            ("organising an unsanctioned mass gathering", [AI]),
            ("speaking before protesting workers", [KIBHR]),
        ],
    ),
    (
        # KIBHR §4b ¶30 against NHC ¶7
        "D3 when Sokolova's imprisonment began",
        _detained(3),
        "when the detention began",
        [("8 August 2011", [KIBHR]), ("on or after September 2011", [NHC])],
    ),
    (
        # AI ¶13 against KIBHR §4a ¶25
        "D6 how many marched in Aktau on 5 June 2011",
        _incident("aktau-march-2011-06-05"),
        "the number",
        [("at least 1,000", [AI]), ("about 500", [KIBHR])],
    ),
    (
        # AI ¶13 against KIBHR §4a ¶25
        "D7 where the Aktau march of 5 June 2011 was stopped",
        _incident("aktau-march-2011-06-05"),
        "where it happened",
        [("Square outside", [AI]), ("bus station", [KIBHR])],
    ),
    (
        # KIBHR §3 ¶13 and AI ¶7-8 ("hundreds") against Campaign Kazakhstan ¶9
        "D8 how many strikers were dismissed",
        _incident("strikers-dismissed-2011"),
        "the number",
        [("at least 2,500", [CAMPAIGN]), ("at least 200", [AI, KIBHR])],
    ),
    (
        # LabourStart ¶5 and NHC ¶5 against NHC ¶4 and ¶15
        "D9 how many were killed on 16 December 2011",
        _incident("zhanaozen-shooting-2011-12-16"),
        "the number",
        [("at least 16", [LABOURSTART, NHC]), ("16", [NHC, NHC])],
    ),
]


@pytest.mark.parametrize(
    ("page", "attribute", "versions"),
    [pytest.param(*row[1:], id=row[0]) for row in DISAGREEMENTS],
)
def test_each_disagreement_is_shown_on_its_subjects_page(reader, page, attribute, versions):
    response = reader.get(page())
    assert response.status_code == 200
    on_attribute = [found for heading, found in _blocks(response) if attribute in heading]
    [block] = [found for found in on_attribute if versions[0][0] in found[0]]
    assert len(block) == len(versions), block
    for text, (value, sources) in zip(block, versions, strict=True):
        assert value in text, (value, text)
        for source in sources:
            assert text.count(source) >= sources.count(source), (source, text)


def test_the_same_term_in_other_words_is_no_disagreement(reader):
    # Community service: AI ¶18 "200 hours of community service", KIBHR §4b ¶32 "200 hours
    # public work": one value, two sources.
    sentence = Sentence.objects.get(pk=6)
    assert sentence.community_service_hours == 200
    response = reader.get(sentence.outcome.defendant.get_absolute_url())
    assert not [h for h, _ in _blocks(response) if "community service" in h]
    assert "200 hours public work" in response.content.decode()


def test_a_status_that_changed_between_reports_is_a_history(reader):
    # LabourStart ¶14 (July 2012): awaiting trial; NHC ¶8 (December 2012): sentenced.
    case = Case.objects.get(slug="kozlov-2012")
    response = reader.get(case.get_absolute_url())
    assert _blocks(response) == []
    body = response.content.decode()
    assert "awaiting trial (July 2012)" in body
    assert "sentenced (December 2012)" in body
