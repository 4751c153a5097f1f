"""An article's page names the articles of other versions that correspond to it, both ways."""

import pytest

from cases.models import ArticleCorrespondence
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_each_article_page_names_the_other_version(reader):
    earlier = f.LegalArticleFactory(version="1997", article="164", slug="criminal-1997-164")
    later = f.LegalArticleFactory(version="2014", article="174", slug="criminal-2014-174")
    ArticleCorrespondence.objects.create(earlier=earlier, later=later)
    shown = reader.get(earlier.get_absolute_url()).content.decode()
    assert "In the 2014 version:" in shown
    assert later.get_absolute_url() in shown
    shown = reader.get(later.get_absolute_url()).content.decode()
    assert "In the 1997 version:" in shown
    assert earlier.get_absolute_url() in shown
