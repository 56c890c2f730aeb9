"""Generated structure reaches the page as HTML after Markdown; what MkDocs no longer sees is checked by us."""

from __future__ import annotations

import logging
import re

import pytest
from mkdocs.exceptions import Abort

from kunskapsbanken import background
from kunskapsbanken.publish.linkcheck import check_generated_links
from kunskapsbanken.views import GeneratedPage
from tests.support import FIXTURE_PROJECTS, build_site


def _normalized(text: str) -> str:
    # The search index's build tag and its metadata file's hash (preloaded on /sok/) differ between two
    # builds; white space around blocks may too.
    text = re.sub(r'(data-sokindex="|\?ts=)[0-9a-f]+', r"\1", text)
    text = re.sub(r"(pagefind\.[\w-]*?_?)[0-9a-f]+(\.pf_meta)", r"\1\2", text)
    return re.sub(r"\s+", " ", text)


def _differences(site, other) -> list[str]:
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    assert len(files) > 50 and files == sorted(p.relative_to(other) for p in other.rglob("*")
                                                if p.is_file() and "pagefind" not in p.parts)
    return [str(p) for p in files if p.suffix == ".html"
            and _normalized((site / p).read_text()) != _normalized((other / p).read_text())]


def test_the_navigation_rendered_once_per_kind_of_page_is_materials_own(tmp_path):
    cached = build_site(FIXTURE_PROJECTS, tmp_path / "cached")
    plain = build_site(FIXTURE_PROJECTS, tmp_path / "plain", plugin_options={"navigation_cache": False})
    assert _differences(cached, plain) == []
    # And the sidebar is really there, with the lit tab of a project page (Bläddra › Områden).
    project = (cached / "projekt/bostad-forst-farsta/index.html").read_text()
    assert 'data-md-type="navigation"' in project and "md-nav__item--active" in project
    assert '<nav class="md-tabs"' in project and "md-tabs__item--active" in project


def test_listings_without_markdown_are_the_same_as_through_markdown(tmp_path, caplog):
    direct = build_site(FIXTURE_PROJECTS, tmp_path / "direct")
    through = build_site(FIXTURE_PROJECTS, tmp_path / "through", plugin_options={"skip_markdown": False})
    assert _differences(direct, through) == []
    # The table of contents is there too: 'Projekt' on an area's list.
    listing = (direct / "omraden/hemloshet/index.html").read_text()
    assert 'href="#projekt"' in listing and '<h2 id="projekt">Projekt</h2>' in listing


def test_pages_rendered_by_the_second_process_are_the_same(tmp_path, monkeypatch, caplog):
    from kunskapsbanken import mkdocs_parallel

    monkeypatch.setattr(mkdocs_parallel, "MIN_PAGES", 1)  # the fixture has fewer pages than make a fork pay
    monkeypatch.setattr(background, "fork_is_safe", lambda: True)  # other tests' servers may have left threads
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        shared = build_site(FIXTURE_PROJECTS, tmp_path / "shared", plugin_options={"second_process": True})
    # Every other page outside the navigation was rendered by the child, not written here.
    assert sum("Page skipped" in r.getMessage() for r in caplog.records) > 20
    alone = build_site(FIXTURE_PROJECTS, tmp_path / "alone", plugin_options={"second_process": False})
    assert _differences(shared, alone) == []


def test_a_warning_in_the_second_process_fails_the_strict_build(tmp_path, monkeypatch, caplog):
    from kunskapsbanken import mkdocs_parallel
    from kunskapsbanken.views import project_page

    monkeypatch.setattr(mkdocs_parallel, "MIN_PAGES", 1)
    monkeypatch.setattr(background, "fork_is_safe", lambda: True)
    real = project_page.render

    def with_a_broken_body_link(catalog, project, mailbox=None):
        page = real(catalog, project, mailbox)
        return type(page)(page.src_uri, page.markdown + "\n[trasig](../finns-inte/index.md#x)\n", page.trail,
                          page.crumb, page.html_blocks)

    monkeypatch.setattr(project_page, "render", with_a_broken_body_link)
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        build_site(FIXTURE_PROJECTS, tmp_path / "site", plugin_options={"second_process": True})
    assert any("andra processen" in r.getMessage() for r in caplog.records)


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
