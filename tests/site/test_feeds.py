"""Atom feeds in the built fixture site: valid for a feed parser, with links that lead somewhere."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlparse

import feedparser
import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.swedish import slugify
from kunskapsbanken.views import feeds
from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE

BASE = "http://kunskapsbanken.test/sokvag/"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)[0]


def parse(site: Path, path: str):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def resolves_in_site(site: Path, feed_path: str, href: str) -> bool:
    """Resolve href as a reader would, against the feed's own address, and look for the file."""
    url = urljoin(BASE + feed_path, href)
    assert url.startswith(BASE), url
    path = urlparse(url).path[len(urlparse(BASE).path):]
    target = site / path
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file()


def test_document_feed_lists_dated_documents_newest_first(fixture_site, catalog):
    feed = parse(fixture_site, feeds.FEED_ALL)
    dated = [e for e in catalog.documents() if e.document.date]
    assert len(feed.entries) == len(dated) > 0
    assert [e.title for e in feed.entries] == [f"{d.document.kind.capitalize()}: {d.document.title}" for d in dated]
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert all(e.id.startswith(feeds.TAG_PREFIX) for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_feed_links_resolve_against_the_feed_address(fixture_site):
    feed = parse(fixture_site, feeds.FEED_ALL)
    for entry in feed.entries:
        for link in entry.links:
            if link.href.startswith("http"):
                continue  # a document that lives elsewhere
            assert resolves_in_site(fixture_site, feeds.FEED_ALL, link.href), link.href
    enclosures = [link for e in feed.entries for link in e.links if link.rel == "enclosure"]
    assert enclosures and enclosures[0].type == "application/pdf"


def test_one_feed_per_area_with_only_that_area(fixture_site, catalog):
    for term in catalog.terms("area"):
        path = feeds.area_feed(term.name)
        feed = parse(fixture_site, path)
        expected = [e for e in catalog.documents(projects=term.projects) if e.document.date]
        assert len(feed.entries) == len(expected), term.name
        assert resolves_in_site(fixture_site, path, feed.feed.link)
        assert feed.feed.link.endswith(f"omraden/{slugify(term.name)}/")


def test_with_a_site_url_links_are_absolute_and_ids_stay_the_same(catalog):
    relative = dict(feeds.render_all(catalog))
    absolute = dict(feeds.render_all(catalog, "https://intra.example/kb/"))
    plain = feedparser.parse(relative[feeds.FEED_ALL])
    full = feedparser.parse(absolute[feeds.FEED_ALL])
    assert not full.bozo
    assert [e.id for e in plain.entries] == [e.id for e in full.entries]
    assert all(e.link.startswith("https://intra.example/kb/projekt/") for e in full.entries)
