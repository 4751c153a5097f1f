"""A hearing's panel of judges on the public pages: presiding first, only public judges."""

import csv
import io
import json

import pytest
from django.urls import reverse

from casetracker.publication import Status, Visibility
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    """A published hearing heard by a presiding judge and two members, one of them anonymised,
    and by two judges readers may not see."""
    hearing = f.HearingFactory()
    f.HearingJudgeFactory(hearing=hearing, judge=f.PersonFactory(name="Berik Zhaksylykov"))
    f.HearingJudgeFactory(
        hearing=hearing, judge=f.PersonFactory(name="Zhanar Abenova"), presiding=True
    )
    f.HearingJudgeFactory(
        hearing=hearing,
        judge=f.PersonFactory(
            name="Real Name Of Judge", anonymity="on_request", public_label="the judge who asked"
        ),
    )
    f.HearingJudgeFactory(
        hearing=hearing, judge=f.PersonFactory(name="Draft Judge", status=Status.DRAFT)
    )
    f.HearingJudgeFactory(
        hearing=hearing,
        judge=f.PersonFactory(name="Restricted Judge", visibility=Visibility.RESTRICTED),
    )
    return hearing


def test_the_hearing_page_names_the_presiding_judge_first_and_only_public_judges(reader, panel):
    response = reader.get(panel.get_absolute_url())
    assert [(seat.judge.public_name, seat.presiding) for seat in response.context["panel"]] == [
        ("Zhanar Abenova", True),
        ("Berik Zhaksylykov", False),
        ("the judge who asked", False),
    ]
    body = response.content.decode()
    assert "Panel of judges" in body
    assert "Zhanar Abenova (presiding), Berik Zhaksylykov, the judge who asked" in body
    for hidden in ("Real Name Of Judge", "Draft Judge", "Restricted Judge"):
        assert hidden not in body


def test_a_judge_alone_is_the_judge(reader):
    hearing = f.HearingFactory()
    f.HearingJudgeFactory(hearing=hearing, judge=f.PersonFactory(name="Ainur Sadykova"))
    body = reader.get(hearing.get_absolute_url()).content.decode()
    assert "<dt>Judge</dt><dd>Ainur Sadykova</dd>" in body


def test_a_hearing_without_a_known_judge_says_nothing_of_one(reader):
    hearing = f.HearingFactory()
    f.HearingJudgeFactory(hearing=hearing, judge=f.PersonFactory(status=Status.DRAFT))
    body = reader.get(hearing.get_absolute_url()).content.decode()
    assert "<dt>Judge</dt>" not in body
    assert "Panel of judges" not in body


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_hearing_export_lists_the_public_panel(reader, panel, fmt):
    response = reader.get(reverse("cases:hearing_export", args=[fmt]))
    body = b"".join(response.streaming_content).decode()
    if fmt == "json":
        [row] = json.loads(body)
        judges = row["judges"]
    else:
        [row] = csv.DictReader(io.StringIO(body))
        judges = row["judges"]
    assert "Zhanar Abenova" in str(judges)
    assert str(judges).index("Zhanar Abenova") < str(judges).index("Berik Zhaksylykov")
    for hidden in ("Real Name Of Judge", "Draft Judge", "Restricted Judge"):
        assert hidden not in body


@pytest.mark.parametrize("rows", [3, 30])
def test_the_hearing_list_reads_every_panel_in_one_query(reader, django_assert_num_queries, rows):
    for _ in range(rows):
        hearing = f.HearingFactory()
        f.HearingJudgeFactory(hearing=hearing, presiding=True)
        f.HearingJudgeFactory(hearing=hearing)
    # count, page (+ case, court), panel (+ judge), outcomes (+ defendant); form choices: courts
    with django_assert_num_queries(5):
        response = reader.get(reverse("cases:hearing_list"))
        assert response.status_code == 200
    # hearings (+ case, court), panel (+ judge), outcomes (+ defendant)
    with django_assert_num_queries(3):
        response = reader.get(reverse("cases:hearing_export", args=["json"]))
        rows_out = json.loads(b"".join(response.streaming_content))
    assert len(rows_out) == rows
    assert all(len(row["judges"]) == 2 for row in rows_out)
