"""Views turn the catalog into Markdown; checked here without MkDocs."""

import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.views import all_assets, all_pages, listing_pages, project_page
from kunskapsbanken.views.links import relative, term_uri
from kunskapsbanken.text import years_text

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)[0]


def test_fact_box_links_every_value_to_its_listing(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert page.src_uri == "projekt/bostad-forst-farsta/index.md"
    for target in ["../../omraden/hemloshet/index.md", "../../ar/2018/index.md", "../../ar/2019/index.md",
                   "../../typ/lum/index.md", "../../forvaltningar/farsta/index.md", "../../status/avslutat/index.md"]:
        assert f"]({target})" in page.markdown


def test_amount_per_year_and_total(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert "2018: 400\u00a0000\u00a0kr; 2019: 450\u00a0000\u00a0kr (totalt 850\u00a0000\u00a0kr)" in page.markdown


def test_document_link_says_kind_format_and_size(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert "[Slutrapport: Bostad först i Farsta (PDF, 1,9\u00a0kB)](slutrapport.pdf)" in page.markdown
    assert "finns ännu inte digitalt" in page.markdown  # the project plan has no file


def test_body_link_to_another_project_points_at_its_page(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert "](../alvsjo-hemloshet/index.md)" in page.markdown


def test_body_headings_are_demoted_below_om_projektet(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert "## Om projektet" in page.markdown and "\n### Bakgrund" in page.markdown


def test_titles_are_escaped(catalog):
    from kunskapsbanken.views.markdown import escape

    assert escape("A|B *C* [d]") == "A\\|B \\*C\\* \\[d\\]"


def test_long_listings_are_paginated(catalog):
    facet = next(f for f in __import__("kunskapsbanken.facets", fromlist=["FACETS"]).FACETS if f.key == "area")
    pages = list(listing_pages.term_pages(catalog, facet, catalog.term("area", "Hemlöshet"), page_size=1))
    assert [p.src_uri for p in pages] == ["omraden/hemloshet/index.md", "omraden/hemloshet/sida/2/index.md"]
    assert "Sida 1 av 2" in pages[0].markdown and "](sida/2/index.md)" in pages[0].markdown
    assert "](../../index.md)" in pages[1].markdown


def test_trip_reports_list_the_destination(catalog):
    uris = {p.src_uri: p.markdown for p in all_pages(catalog)}
    trips = uris["dokument/reserapport/index.md"]
    assert "Resmål" in trips and "Oslo, Norge" in trips


def test_no_page_is_generated_twice_and_attachments_are_copied(catalog):
    uris = [p.src_uri for p in all_pages(catalog)]
    assert len(uris) == len(set(uris))
    assets = list(all_assets(catalog))
    assert len({a.src_uri for a in assets}) == len(assets)
    # Files copied from projects/; downloads and feeds are made in memory (content).
    assert [a.src_uri for a in assets if a.source] == ["projekt/bostad-forst-farsta/slutrapport.pdf"]


def test_year_ranges_are_compact():
    assert years_text([2018, 2019, 2020]) == "2018–2020"
    assert years_text([2013, 2018, 2019]) == "2013, 2018–2019"


def test_relative_links_between_generated_pages():
    assert relative("projekt/a/index.md", term_uri("area", "Våld i nära relationer")) == \
        "../../omraden/vald-i-nara-relationer/index.md"
