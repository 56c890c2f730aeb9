"""Views turn the catalog into pages (Markdown and HTML blocks); checked here without MkDocs."""

import markdown
import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.views import all_pages, attachments, listing_pages, made_files, project_page
from kunskapsbanken.views.links import href, relative, term_uri
from kunskapsbanken.text import years_text

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)[0]


def rendered(page) -> str:
    """The page's content as the build makes it: its Markdown converted, its HTML blocks filled in."""
    return page.fill(markdown.markdown(page.markdown.split("---\n", 2)[-1]))


def test_structure_from_the_catalog_skips_markdown(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert "Fakta" not in page.markdown and "Slutrapport:" not in page.markdown and page.html_blocks
    html = rendered(page)
    assert '<div class="kb-faktaruta">' in html and "kb-html-" not in html
    assert html.index("<h2>Dokument</h2>") < html.index("Slutrapport: Bostad först") < html.index("<h2>Om projektet</h2>")


def test_fact_box_links_every_value_to_its_listing(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert page.src_uri == "projekt/bostad-forst-farsta/index.md"
    for target in ["../../omraden/hemloshet/", "../../ar/2018/", "../../ar/2019/",
                   "../../typ/lum/", "../../forvaltningar/farsta/", "../../status/avslutat/"]:
        assert f'href="{target}"' in rendered(page)


def test_amount_per_year_and_total(catalog):
    page = project_page.render(catalog, catalog.by_id["bostad-forst-farsta"])
    assert "2018: 400\u00a0000\u00a0kr; 2019: 450\u00a0000\u00a0kr (totalt 850\u00a0000\u00a0kr)" in rendered(page)


def test_document_link_says_kind_format_and_size(catalog):
    html = rendered(project_page.render(catalog, catalog.by_id["bostad-forst-farsta"]))
    assert '<a href="slutrapport.pdf">Slutrapport: Bostad först i Farsta (PDF, 1,9\u00a0kB)</a>' in html
    assert "finns ännu inte digitalt" in html  # the project plan has no file


@pytest.mark.parametrize("from_uri, to_uri, expected", [
    ("projekt/a/index.md", "projekt/a/slutrapport.pdf", "slutrapport.pdf"),
    ("projekt/a/index.md", "omraden/hemloshet/index.md", "../../omraden/hemloshet/"),
    ("projekt/a/index.md", "projekt/a/index.md", "./"),
    ("index.md", "om.md", "om/"),
    ("om.md", "index.md", "../"),
    ("omraden/hemloshet/sida/2/index.md", "omraden/hemloshet/index.md", "../../"),
    ("ar/index.md", "export/ar/2018.csv", "../export/ar/2018.csv"),
])
def test_html_links_go_to_built_addresses(from_uri, to_uri, expected):
    assert href(from_uri, to_uri) == expected


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
    first, second = rendered(pages[0]), rendered(pages[1])
    assert "Sida 1 av 2" in first and '<a href="sida/2/" rel="next">' in first
    assert '<a href="../../" rel="prev">' in second


def test_trip_reports_list_the_destination(catalog):
    uris = {p.src_uri: p for p in all_pages(catalog)}
    trips = rendered(uris["dokument/reserapport/index.md"])
    assert "Resmål" in trips and "Oslo, Norge" in trips


def test_no_page_is_generated_twice_and_attachments_are_copied(catalog):
    uris = [p.src_uri for p in all_pages(catalog)]
    assert len(uris) == len(set(uris))
    # Files copied from projects/; downloads and feeds are made from the catalog.
    assert [a.src_uri for a in attachments(catalog)] == ["projekt/bostad-forst-farsta/slutrapport.pdf"]
    made = [src_uri for src_uri, _ in made_files(catalog)]
    assert len(made) == len(set(made)) and "export/kunskapsbanken.xlsx" in made and not set(made) & set(uris)


def test_year_ranges_are_compact():
    assert years_text([2018, 2019, 2020]) == "2018–2020"
    assert years_text([2013, 2018, 2019]) == "2013, 2018–2019"


def test_relative_links_between_generated_pages():
    assert relative("projekt/a/index.md", term_uri("area", "Våld i nära relationer")) == \
        "../../omraden/vald-i-nara-relationer/index.md"


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("a å<&\"'\t\n\r\x0b\u00a0\u2003")), max_size=8))
def test_html_text_is_content_text_on_one_line_escaped(value):
    import html as stdlib_html

    from kunskapsbanken.views.html import text
    from kunskapsbanken.views.markdown import one_line

    assert text(value) == stdlib_html.escape(one_line(value), quote=True)
