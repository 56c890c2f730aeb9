"""Generated structure reaches the page as HTML after Markdown; what MkDocs no longer sees is checked by us."""

from __future__ import annotations

import logging
import re

import pytest
from mkdocs.exceptions import Abort

from kunskapsbanken.publish.linkcheck import check_generated_links
from kunskapsbanken.views import GeneratedPage
from tests.support import FIXTURE_PROJECTS, build_site


def _normalized(text: str) -> str:
    # The search index's build tag differs between two builds; white space around blocks may too.
    text = re.sub(r'(data-sokindex="|\?ts=)[0-9a-f]+', r"\1", text)
    return re.sub(r"\s+", " ", text)


def test_the_sidebar_rendered_once_per_kind_of_page_is_materials_own(tmp_path):
    cached = build_site(FIXTURE_PROJECTS, tmp_path / "cached")
    plain = build_site(FIXTURE_PROJECTS, tmp_path / "plain", plugin_options={"sidebar_cache": False})
    pages = sorted(p.relative_to(cached) for p in cached.rglob("*.html"))
    assert len(pages) > 50
    different = [str(p) for p in pages if _normalized((cached / p).read_text()) != _normalized((plain / p).read_text())]
    assert different == []
    # And the sidebar is really there, with the lit tab of a project page (Bläddra › Områden).
    project = (cached / "projekt/bostad-forst-farsta/index.html").read_text()
    assert 'data-md-type="navigation"' in project and "md-nav__item--active" in project


def test_a_broken_generated_link_fails_the_strict_build(tmp_path, monkeypatch, caplog):
    from kunskapsbanken.views import listing_pages

    real = listing_pages.selection_links
    monkeypatch.setattr(listing_pages, "selection_links",
                        lambda *args: real(*args).replace(".csv", "-finns-inte.csv", 1))
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        build_site(FIXTURE_PROJECTS, tmp_path / "site")
    assert any("En genererad länk leder ingenstans" in r.getMessage() and "-finns-inte.csv" in r.getMessage()
               for r in caplog.records)


def test_generated_links_are_checked_against_the_built_files(tmp_path):
    site = tmp_path / "site"
    (site / "omraden/hemloshet").mkdir(parents=True)
    (site / "omraden/hemloshet/index.html").write_text('<h2 id="projekt">Projekt</h2>', encoding="utf-8")
    (site / "export").mkdir()
    (site / "export/a.csv").write_text("x", encoding="utf-8")
    (site / "projekt/a").mkdir(parents=True)
    (site / "projekt/a/index.html").write_text('<p id="fakta">x</p>', encoding="utf-8")
    page = GeneratedPage("projekt/a/index.md", "", html_blocks=(
        '<a href="../../omraden/hemloshet/">ok</a> <a href="../../export/a.csv">ok</a> <a href="#fakta">ok</a>'
        '<a href="mailto:a@b.se?subject=x&amp;body=y">ut</a> <a href="https://example.org/">ut</a>',
        '<a href="../../omraden/saknas/">1</a> <a href="../../export/b.csv">2</a>'
        '<a href="../../omraden/hemloshet/#finns-inte">3</a> <a href="../../../../utanfor/">4</a>'))
    broken = check_generated_links([page], site)
    assert [(b.target, b.reason) for b in broken] == [
        ("../../omraden/saknas/", "filen finns inte"),
        ("../../export/b.csv", "filen finns inte"),
        ("../../omraden/hemloshet/#finns-inte", "ankaret #finns-inte finns inte på sidan"),
        ("../../../../utanfor/", "pekar utanför webbplatsen"),
    ]
