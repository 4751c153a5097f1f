"""A detention with no reported release is counted to the newest report, as a lower bound."""

from datetime import date

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_person_page_does_not_count_an_unreported_release_up_to_today(reader):
    person = f.PersonFactory(slug="held")
    detention = f.DetentionFactory(person=person, started_on=date(2011, 9, 8), ended_on=None)
    report = f.SourceDocumentFactory(published_on=date(2012, 12, 19), published_precision="day")
    f.CitationFactory(record=detention, source=report)

    page = reader.get("/people/held/").content.decode()

    assert "at least 468 days" in page  # 8 September 2011 to 19 December 2012
    assert "as of 19 December 2012" in page
