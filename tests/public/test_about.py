"""The about page, the data dictionary, how to cite a record, and what a page says of itself
to search engines and link previews (meta description, Open Graph, canonical link, icon)."""

import csv
import io
import itertools
import re
from datetime import date
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from casetracker.models import Certainty, Citation
from casetracker.site.about import CERTAINTY_MEANINGS, DOWNLOADS
from tests import factories as f
from tests.public.test_safety import walk

pytestmark = pytest.mark.django_db

ABOUT = "/about/"
DICTIONARY = "/about/data/"
ACCESSED = date(2030, 5, 4)


@pytest.fixture
def accessed_on(monkeypatch):
    """Today is ACCESSED, for the citations' access date."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: ACCESSED)


def page(client: Client, url: str, language: str = "en") -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


def meta(body: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', body)
    assert found, f"no {name} on the page"
    return unescape(found.group(1))


def headings(body: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[ >]", body)]


def assert_headings_in_order(body: str) -> None:
    levels = headings(body)
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


# The about page


def test_the_about_page_is_in_the_footer_of_every_page(reader, world):
    for url in ("/", "/people/", world.person.get_absolute_url()):
        body = page(reader, url)
        assert f'<a href="{ABOUT}">About</a>' in body
        assert f'<a href="{DICTIONARY}">Data dictionary</a>' in body


def test_the_about_page_says_what_the_registry_covers_and_how_it_is_made(reader, world):
    body = page(reader, ABOUT)
    assert_headings_in_order(body)
    assert "May 2011" in body
    assert "16 and 17 December 2011" in body
    # Where the data comes from: the sources list, counted and dated from the records.
    assert '<a href="/sources/">1 source</a>' in body
    assert f"Oldest source: {world.source.published}; newest: {world.source.published}." in body
    for promise in ("cites the paragraph", "stays unknown", "lower bound", "sources disagree"):
        assert promise in body


def test_the_about_page_explains_every_certainty_level_by_the_codes_labels(reader, db):
    assert set(CERTAINTY_MEANINGS) == set(Certainty)
    body = page(reader, ABOUT)
    for level in Certainty:
        assert f"<dt>{str(level.label).capitalize()}</dt><dd>{CERTAINTY_MEANINGS[level]}</dd>" in (
            unescape(body)
        )
    for confidence in Citation.Confidence:
        assert str(confidence.label) in body


def test_the_corrections_address_and_the_licence_come_from_the_settings(reader, db, settings):
    settings.CONTACT_EMAIL = "fixes@example.net"
    settings.DATA_LICENCE = {
        "name": "ODbL",
        "title": "Open Database",
        "url": "https://odbl.example/",
    }
    body = page(reader, ABOUT)
    assert '<a href="mailto:fixes@example.net">fixes@example.net</a>' in body
    assert '<a rel="license" href="https://odbl.example/">Open Database licence (ODbL)</a>' in body
    assert '<a rel="license" href="https://odbl.example/">ODbL</a>' in page(reader, DICTIONARY)


def test_the_about_page_says_how_to_cite_the_registry(reader, db, accessed_on):
    body = page(reader, ABOUT)
    assert (
        'Mangistau case tracker. <a href="http://testserver/">http://testserver/</a>. '
        'Accessed <time datetime="2030-05-04">4 May 2030</time>.'
    ) in body


def test_the_about_pages_are_complete_in_russian(reader, world, accessed_on):
    for url in (ABOUT, DICTIONARY):
        english = page(reader, url)
        russian = page(reader, url, "ru")
        assert '<html lang="ru">' in russian
        # Every sentence of the English page's text is gone from the Russian one.
        text = re.sub(r"<[^>]+>", "\n", english.split('<main id="main">')[1])
        for sentence in re.findall(r"[A-Z][a-z]+(?: [a-z,]+){3,}", unescape(text)):
            assert sentence not in unescape(russian), sentence
    russian = page(reader, ABOUT, "ru")
    assert "Дела Мангистау" in russian
    assert "Дата обращения:" in russian
    assert '<time datetime="2030-05-04">4 мая 2030</time>' in russian


# The data dictionary


def export_patterns() -> set[str]:
    return {name for name, converters in walk() if converters == ["fmt"]}


def test_every_export_is_in_the_data_dictionary():
    assert {download.export_url_name for download in DOWNLOADS} == export_patterns()


@pytest.mark.parametrize("download", DOWNLOADS, ids=lambda d: d.slug)
def test_every_exported_column_is_described(reader, world, download):
    exported = reader.get(download.csv_url)
    header = next(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert header == [column.header for column in download.spec.columns]
    body = unescape(page(reader, DICTIONARY))
    section = body.split(f'<h2 id="{download.slug}">')[1].split("</section>")[0]
    assert f'href="{download.csv_url}"' in section
    assert f'href="{download.json_url}"' in section
    for column in download.spec.columns:
        assert str(column.description).strip(), f"{column.header} has no description"
        row = f'<th scope="row"><code>{column.header}</code></th><td>{column.description}</td>'
        assert row in section


def test_the_data_dictionary_reads_well(reader, db):
    body = page(reader, DICTIONARY)
    assert_headings_in_order(body)
    assert body.count("<caption") == len(DOWNLOADS)
    # The incidents' counts, one triple per kind, each saying which kind it counts.
    assert "<code>killed_min</code></th><td>“killed”: the lowest number" in body
    russian = unescape(page(reader, DICTIONARY, "ru"))
    assert "<code>killed_min</code></th><td>«погибли»: наименьшее число" in russian


# How to cite a record


def record_urls(w) -> dict[str, str]:
    return {
        "person": w.person.get_absolute_url(),
        "case": w.case.get_absolute_url(),
        "hearing": w.hearing.get_absolute_url(),
        "incident": w.incident.get_absolute_url(),
    }


@pytest.mark.parametrize("kind", ["person", "case", "hearing", "incident"])
def test_every_record_page_says_how_to_cite_it(reader, world, accessed_on, kind):
    url = record_urls(world)[kind]
    title = {
        "person": "Kuanysh Sisenbaev",
        "case": "Case of worker 00",
        "hearing": f"First instance: Case of worker 00, {world.hearing.held}",
        "incident": "Protest 00",
    }[kind]
    # Asked for with a query string, the page cites its permanent address without one.
    body = page(reader, f"{url}?utm_source=x")
    block = body.split('<section class="how-to-cite" aria-labelledby="how-to-cite-heading">')[1]
    block = block.split("</section>")[0]
    assert '<h2 id="how-to-cite-heading">How to cite this page</h2>' in block
    assert (
        f"<cite>{title}</cite>. Mangistau case tracker. "
        f'<a href="http://testserver{url}">http://testserver{url}</a>. '
        'Accessed <time datetime="2030-05-04">4 May 2030</time>.'
    ) in block
    assert_headings_in_order(body)
    russian = page(reader, url, "ru")
    assert "Как цитировать эту страницу" in russian
    assert 'Дата обращения: <time datetime="2030-05-04">4 мая 2030</time>.' in russian


def test_an_anonymised_persons_citation_and_preview_use_the_label_only(reader, world):
    minor = f.PersonFactory(
        name="Secret Realname", anonymity="minor", public_label="a 16-year-old", slug="minor-1"
    )
    body = page(reader, minor.get_absolute_url())
    assert "<cite>a 16-year-old</cite>" in body
    assert meta(body, "property", "og:title") == "a 16-year-old"
    assert "a 16-year-old" in meta(body, "name", "description")
    assert "Realname" not in body


def test_the_access_date_of_a_cached_page_is_todays(reader, world, settings, monkeypatch):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    url = world.person.get_absolute_url()
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2030, 5, 4))
    assert 'datetime="2030-05-04"' in page(reader, url)
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2030, 5, 5))
    assert 'datetime="2030-05-05"' in page(reader, url)


# What a page says of itself


def test_each_page_has_its_own_title_description_and_permanent_address(reader, world):
    pages = {
        world.person.get_absolute_url(): "Kuanysh Sisenbaev",
        world.incident.get_absolute_url(): "Protest 00",
        "/people/": "People",
        ABOUT: "About the registry",
    }
    descriptions = set()
    for url, title in pages.items():
        body = page(reader, f"{url}?page=1")
        assert f"<title>{title} · Mangistau case tracker</title>" in body
        assert meta(body, "property", "og:title") == title
        assert meta(body, "property", "og:url") == f"http://testserver{url}"
        assert f'<link rel="canonical" href="http://testserver{url}">' in body
        description = meta(body, "name", "description")
        assert description
        assert meta(body, "property", "og:description") == description
        descriptions.add(description)
    assert len(descriptions) == len(pages)
    incident = page(reader, world.incident.get_absolute_url())
    assert meta(incident, "name", "description") == world.incident.summary[:200]
    russian = page(reader, world.person.get_absolute_url(), "ru")
    assert meta(russian, "property", "og:locale") == "ru_RU"
    assert meta(russian, "property", "og:site_name") == "Дела Мангистау"


def test_an_error_page_names_no_canonical_address(reader, db):
    body = reader.get("/people/nobody/").content.decode()
    assert 'rel="canonical"' not in body
    assert "og:url" not in body


def test_the_icon_is_served_by_whitenoise_under_the_strict_policy(db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new handler: WhiteNoise reads the collected files as it starts
    body = page(client, "/")
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', body)
    assert icon
    assert re.fullmatch(r"/static/favicon\.[0-9a-f]{12}\.svg", icon.group(1))
    response = client.get(icon.group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = b"".join(response.streaming_content).decode()
    # Nothing a strict policy would block: no script, no inline style, nothing from elsewhere.
    assert "<script" not in svg
    assert "style" not in svg
    assert "href" not in svg
    policy = client.get("/")["Content-Security-Policy"]
    assert "img-src 'self'" in policy


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_download_names_its_licence(reader, world, settings, fmt):
    settings.DATA_LICENCE = {
        "name": "ODbL",
        "title": "Open Database",
        "url": "https://odbl.example/",
    }
    for download in DOWNLOADS:
        response = reader.get(download.csv_url if fmt == "csv" else download.json_url)
        b"".join(response.streaming_content)  # read to the end: the cursor closes
        assert response["Link"] == '<https://odbl.example/>; rel="license"'


def test_the_about_page_counts_and_dates_public_sources_only(reader, world):
    f.SourceDocumentFactory(key="draft", status="draft", published_on=date(2030, 1, 1))
    f.SourceDocumentFactory(key="newer", published_on=date(2013, 2, 1), published_precision="month")
    body = page(reader, ABOUT)
    assert '<a href="/sources/">2 sources</a>' in body
    assert "newest: February 2013." in body


def test_the_about_pages_run_a_fixed_number_of_queries(reader, world, django_assert_num_queries):
    f.SourceDocumentFactory(key="second")
    f.SourceDocumentFactory(key="third")
    # The public sources' count, the oldest dated one, the newest.
    with django_assert_num_queries(3):
        page(reader, ABOUT)
    with django_assert_num_queries(0):  # the columns are code
        page(reader, DICTIONARY)


@pytest.mark.parametrize("download", DOWNLOADS, ids=lambda d: d.slug)
def test_every_list_describes_itself_in_both_languages(reader, db, download):
    site = meta(page(reader, "/"), "name", "description")
    english = meta(page(reader, download.list_url), "name", "description")
    russian = meta(page(reader, download.list_url, "ru"), "name", "description")
    assert site != english != russian
    assert re.search("[а-я]{4}", russian)
