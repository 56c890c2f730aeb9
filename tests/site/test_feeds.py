"""Atom feeds in the built fixture site, read as feed readers and validators read them.

Checked with feedparser (bozo: not well-formed or not Atom) and with the RELAX NG schema of
RFC 4287 (Appendix B, converted by rnc2rng and validated by lxml), plus the W3C feed validator's
warnings that a schema cannot express (duplicate ids and updated times, a self link). The W3C
validator itself is not on PyPI; see README (Flöden) for a run of it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urljoin, urlparse

import feedparser
import pytest
import rnc2rng
from bs4 import BeautifulSoup
from lxml import etree

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.history import first_appearances
from kunskapsbanken.swedish import slugify
from kunskapsbanken.views import feeds
from tests.support import FIXTURE_PROJECTS, FIXTURES, VOCABULARY_FILE, build_site

BASE = "http://kunskapsbanken.test/sokvag/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalog():
    catalog = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)[0]
    catalog.first_appeared = first_appearances(FIXTURE_PROJECTS)
    return catalog


@functools.cache
def atom_schema() -> etree.RelaxNG:
    grammar = rnc2rng.dumps(rnc2rng.loads((FIXTURES / "atom-rfc4287.rnc").read_text(encoding="utf-8")))
    # rnc2rng declares the empty namespace as a prefix, which XML namespaces do not allow.
    return etree.RelaxNG(etree.fromstring(grammar.replace('xmlns:local=""', "").encode("utf-8")))


def validate(data: bytes) -> None:
    """What a feed validator would say, as assertions: valid Atom, no duplicates, a self link."""
    document = etree.fromstring(data)
    schema = atom_schema()
    assert schema.validate(document), schema.error_log
    entries = document.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert len(set(ids)) == len(ids), "DuplicateIds"
    assert len(set(updated)) == len(updated), "DuplicateUpdated"
    assert document.findtext(f"{ATOM}updated") == max(updated)
    assert document.find(f"{ATOM}link[@rel='self']") is not None, "MissingSelf"


def parse(site: Path, path: str):
    data = (site / path).read_bytes()
    validate(data)
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_schema_rejects_what_is_not_atom():
    broken = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><unknown/></feed>'
    assert not atom_schema().validate(etree.fromstring(broken))


def resolves_in_site(site: Path, feed_path: str, href: str) -> bool:
    """Resolve href as a reader would, against the feed's own address, and look for the file."""
    url = urljoin(BASE + feed_path, href)
    assert url.startswith(BASE), url
    path = urlparse(url).path[len(urlparse(BASE).path):]
    target = site / path
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file()


def test_every_document_is_in_the_site_feed_newest_first(fixture_site, catalog):
    feed = parse(fixture_site, feeds.FEED_ALL)
    documents = catalog.documents()
    assert len(feed.entries) == len(documents) == 5
    assert {e.title for e in feed.entries} == {f"{d.document.kind.capitalize()}: {d.document.title}" for d in documents}
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert all(e.id.startswith(feeds.TAG_PREFIX) for e in feed.entries)
    by_title = {e.title: e for e in feed.entries}
    assert by_title["Slutrapport: Våld i nära relationer – utvärdering"].author == "Stockholms universitet"
    # An undated document is dated by the day its page first appeared in git, never the build.
    undated = next(e for e in feed.entries if "Enskede-Årsta-Vantör" in e.title)
    appeared = catalog.first_appeared[(FIXTURE_PROJECTS / "alvsjo-hemloshet.md").resolve()]
    assert undated.updated.startswith(appeared.date().isoformat())


def test_entry_ids_are_the_documents_ids_not_their_positions(fixture_site, catalog):
    feed = parse(fixture_site, feeds.FEED_ALL)
    ids = {e.id for e in feed.entries}
    assert f"{feeds.TAG_PREFIX}projekt/bostad-forst-farsta/dokument/slutrapport" in ids  # from its file
    assert f"{feeds.TAG_PREFIX}projekt/bostad-forst-farsta/dokument/projektplan-bostad-forst" in ids  # its title


def test_feed_links_resolve_against_the_feed_address(fixture_site):
    feed = parse(fixture_site, feeds.FEED_ALL)
    for entry in feed.entries:
        for link in entry.links:
            if link.href.startswith("http"):
                continue  # a document that lives elsewhere
            assert resolves_in_site(fixture_site, feeds.FEED_ALL, link.href), link.href
    enclosures = [link for e in feed.entries for link in e.links if link.rel == "enclosure"]
    assert enclosures and enclosures[0].type == "application/pdf"


def test_one_feed_per_area_that_has_documents_and_none_for_the_others(fixture_site, catalog):
    with_documents = {area for e in catalog.documents() for area in e.project.areas}
    present = {p.name for p in (fixture_site / "flode" / "omraden").iterdir()} - {"sitemap.xml"}
    assert present == {f"{slugify(area)}.xml" for area in with_documents}
    assert len(with_documents) < len(catalog.terms("area"))  # some areas have no documents
    for area in with_documents:
        path = feeds.area_feed(area)
        feed = parse(fixture_site, path)
        expected = [e for e in catalog.documents() if area in e.project.areas]
        assert len(feed.entries) == len(expected), area
        assert resolves_in_site(fixture_site, path, feed.feed.link)
        assert feed.feed.link.endswith(f"omraden/{slugify(area)}/")


def alternates(site: Path, page: Path) -> dict[str, str]:
    """The feeds a page announces: {title: the feed's path in the site}."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    found = {}
    for link in html.select('head link[rel="alternate"][type="application/atom+xml"]'):
        target = urljoin(base.replace("//", "/"), link["href"]).lstrip("/")
        assert (site / target).is_file(), (page, link["href"])
        # Material for MkDocs fetches sitemap.xml beside every alternate link: no failed request.
        assert (site / target).with_name("sitemap.xml").is_file(), target
        found[link["title"]] = target
    return found


def test_every_page_announces_the_site_feed_and_area_pages_their_own(fixture_site):
    pages = [p for p in fixture_site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) > 40
    for page in pages:
        assert feeds.FEED_ALL in alternates(fixture_site, page).values(), page
    area = alternates(fixture_site, fixture_site / "omraden" / "hemloshet" / "index.html")
    assert area["Kunskapsbanken: nya dokument om hemlöshet"] == "flode/omraden/hemloshet.xml"
    without_documents = fixture_site / "omraden" / "barn-och-unga" / "index.html"
    assert list(alternates(fixture_site, without_documents).values()) == [feeds.FEED_ALL]


def test_with_a_site_url_links_are_absolute_and_ids_stay_the_same(catalog):
    relative = dict(feeds.render_all(catalog))
    absolute = dict(feeds.render_all(catalog, "https://intra.example/kb/"))
    plain = feedparser.parse(relative[feeds.FEED_ALL])
    full = feedparser.parse(absolute[feeds.FEED_ALL])
    validate(absolute[feeds.FEED_ALL])
    assert not full.bozo
    assert [e.id for e in plain.entries] == [e.id for e in full.entries]
    assert all(e.link.startswith("https://intra.example/kb/projekt/") for e in full.entries)
    assert full.feed.links[0].href == "https://intra.example/kb/flode/dokument.xml"


def test_under_a_sub_path_the_announced_feed_is_reachable(tmp_path):
    site = build_site(FIXTURE_PROJECTS, tmp_path / "site", site_url="https://intra.example/kb/")
    page = site / "projekt" / "bostad-forst-farsta" / "index.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    href = html.select_one('link[type="application/atom+xml"]')["href"]
    assert not href.startswith("/")  # relative: works wherever the site is served
    assert urljoin("https://intra.example/kb/projekt/bostad-forst-farsta/", href) == \
        "https://intra.example/kb/flode/dokument.xml"


def test_without_git_history_an_undated_document_is_left_out_with_a_warning(tmp_path, caplog):
    import logging
    import shutil

    projects = tmp_path / "projects"  # a copy outside git: no first appearance is known
    shutil.copytree(FIXTURE_PROJECTS, projects)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.kunskapsbanken"):
        site = build_site(projects, tmp_path / "site")
    warnings = [r.getMessage() for r in caplog.records if "inte med i Atom-flödena" in r.getMessage()]
    assert len(warnings) == 1 and "alvsjo-hemloshet.md" in warnings[0] and "varning: dokument.1" in warnings[0]
    feed = parse(site, feeds.FEED_ALL)
    assert len(feed.entries) == 4  # the dated ones; never dated by the build
    assert not any("Enskede-Årsta-Vantör" in e.title for e in feed.entries)
