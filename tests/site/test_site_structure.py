"""The built site as a whole: no link leads to an empty list, no page repeats an id, and the
build warns when the programme's mailbox is not set."""

from __future__ import annotations

import logging
import posixpath
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

from tests.support import FIXTURE_PROJECTS, site_config

# Listing folders: an overview with one list per term below it.
LISTINGS = {"omraden", "ar", "typ", "dokument", "forvaltningar", "status", "utforare", "nyckelord"}


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def listing_items(soup: BeautifulSoup) -> int:
    """What a listing lists: project cards, document or term rows that lead somewhere, keywords."""
    article = soup.select_one("article.md-content__inner")
    cards = len(article.select(".kb-projektkort"))
    rows = sum(1 for row in article.select("tbody tr") if row.find("a"))
    keywords = len(article.select("h2[id^=bokstav-] + ul > li"))
    return cards + rows + keywords


def internal_targets(site: Path, page: Path, soup: BeautifulSoup):
    """(href, the HTML file it leads to) for every link inside the site on a page."""
    base = page.parent.relative_to(site).as_posix()
    for link in soup.find_all("a", href=True):
        parts = urlsplit(link["href"])
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        file = site / target
        if file.is_dir() or parts.path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            yield link["href"], file


def test_no_internal_link_leads_to_a_listing_with_nothing_in_it(fixture_site):
    # The check can fail: the fixture has document kinds without documents, and their pages are empty.
    empty_kind = soup_of(fixture_site / "dokument" / "forstudie" / "index.html")
    assert listing_items(empty_kind) == 0
    assert listing_items(soup_of(fixture_site / "omraden" / "hemloshet" / "index.html")) == 2

    dead_ends, checked = [], 0
    pages = sorted(fixture_site.rglob("*.html"))
    items = {}
    for page in pages:
        soup = soup_of(page)
        for href, target in internal_targets(fixture_site, page, soup):
            folder = target.relative_to(fixture_site).parts[0]
            if folder not in LISTINGS or target == page:  # a page's link to itself leads nowhere new
                continue
            checked += 1
            if target not in items:
                items[target] = listing_items(soup_of(target))
            if items[target] == 0:
                dead_ends.append(f"{page.relative_to(fixture_site)} → {href}")
    assert checked > 100
    assert not dead_ends, "links to empty lists:\n" + "\n".join(dead_ends)


def duplicate_ids(soup: BeautifulSoup) -> list[str]:
    counts = Counter(tag["id"] for tag in soup.find_all(id=True))
    return sorted(name for name, n in counts.items() if n > 1)


def test_no_page_has_a_duplicate_id(fixture_site):
    assert duplicate_ids(BeautifulSoup('<h2 id="a"></h2><figure id="a"></figure>', "html.parser")) == ["a"]
    pages = sorted(fixture_site.rglob("*.html"))
    assert len(pages) > 50
    found = {page.relative_to(fixture_site).as_posix(): duplicate_ids(soup_of(page)) for page in pages}
    assert not {name: ids for name, ids in found.items() if ids}


def test_the_build_warns_when_the_mailbox_is_not_set(tmp_path, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = site_config(FIXTURE_PROJECTS, tmp_path / "site")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kunskapsbanken" in plugin:
            assert plugin["kunskapsbanken"].pop("mailbox")  # the repository's config sets one
            plugin["kunskapsbanken"]["search_index"] = False
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.kunskapsbanken"):
        build(load_config(str(config_file), strict=False))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("Funktionsbrevlådan är inte satt" in w and "mailbox" in w for w in warnings), warnings
    # Without a mailbox nothing offers a mailto that leads nowhere.
    project = soup_of(tmp_path / "site" / "projekt" / "bostad-forst-farsta" / "index.html")
    assert not project.select("a[href^=mailto]")
    assert "finns ännu inte digitalt" in project.get_text()
