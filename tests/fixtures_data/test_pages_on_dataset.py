"""Every public page and every admin page, on the real data set: 200, well-formed, small.

HTML is parsed with html5lib's strict parser, which fails on every parse error the HTML standard
defines (bad nesting, stray end tags, duplicate attributes, unclosed elements ...). It does not
check content models the way the Nu validator does.
"""

import html5lib
import pytest
from django.contrib import admin
from django.urls import reverse

from cases.models import Case, Hearing, LegalArticle
from casetracker.models import Place, SourceDocument
from events.models import Incident
from people.models import Organization, Person
from tests.admin.test_pages import MADE_BY_THE_SYSTEM

pytestmark = [pytest.mark.usefixtures("dataset"), pytest.mark.django_db]

LISTS = [
    "/",
    "/people/",
    "/organisations/",
    "/cases/",
    "/hearings/",
    "/incidents/",
    "/sources/",
    "/articles/",
]
DETAILS = (Person, Organization, Case, Hearing, Incident, SourceDocument, Place, LegalArticle)
MAX_BYTES = 100_000
OUR_APPS = {"casetracker", "people", "cases", "events"}


def assert_good_page(response) -> None:
    assert response.status_code == 200, response.request["PATH_INFO"]
    assert len(response.content) < MAX_BYTES, (response.request["PATH_INFO"], len(response.content))
    html5lib.HTMLParser(strict=True).parse(response.content)  # raises on any parse error


@pytest.mark.parametrize("path", LISTS)
def test_every_list_is_a_good_page(reader, path):
    assert_good_page(reader.get(path))


@pytest.mark.parametrize("model", DETAILS, ids=lambda model: model.__name__)
def test_every_public_record_has_a_good_page(reader, model):
    records = model.objects.public() if hasattr(model.objects, "public") else model.objects.all()
    urls = [record.get_absolute_url() for record in records]
    assert urls
    for url in urls:
        assert_good_page(reader.get(url))


OUR_ADMINS = [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


@pytest.mark.parametrize("model", OUR_ADMINS, ids=lambda model: model._meta.label)
def test_every_admin_page_answers_an_editor(editor, model):
    info = model._meta.app_label, model._meta.model_name
    assert editor.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    added_by_hand = model._meta.label_lower not in MADE_BY_THE_SYSTEM
    add_page = editor.get(reverse("admin:{}_{}_add".format(*info)))
    assert add_page.status_code == (200 if added_by_hand else 403)
    first = model._default_manager.order_by("pk").first()
    if first is not None:
        response = editor.get(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
        assert response.status_code == 200, model._meta.label


def test_the_home_charts_state_what_the_data_set_says(reader):
    charts = {chart.slug: chart for chart in reader.get("/").context["charts"]}
    hearings = charts["hearings-per-month"]
    # Three hearings are known only to their year (two in 2011, one in 2012): beside the bars,
    # not in a January; the months between stand as zeros.
    assert hearings.year_only == ((2011, 2), (2012, 1))
    labels = [bar.label for bar in hearings.bars]
    assert labels[0] == "2011-05"
    assert labels[-1] == "2012-06"
    assert len(labels) == 14
    assert {bar.label: bar.value for bar in hearings.bars}["2012-01"] == 0
    total = sum(bar.value for bar in hearings.bars) + sum(n for _year, n in hearings.year_only)
    # The three women's hearing (KIBHR §4a ¶26) and the Almaty arrests' (NHC ¶11) have no date:
    # in no month, and said so.
    assert hearings.unplaced == 2
    assert "plus 2 with no month known (undated, or only before or after a date)" in hearings.notes
    assert total + hearings.unplaced == Hearing.objects.public().count()
    # Aminov's charge under 164 was reclassified as 334: his sentence counts under 334 alone.
    by_article = {bar.label: bar.value for bar in charts["sentences-by-article"].bars}
    assert by_article["Criminal Code, 164"] == 1
    assert by_article["Criminal Code, 334"] == 3
