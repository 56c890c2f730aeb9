"""The statistics page, downloads on listing pages and the Citera box in the built fixture site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def target(site: Path, path: str, href: str) -> Path:
    return (site / path / href).resolve()


def test_statistics_page_has_charts_with_tables_and_is_in_the_navigation(fixture_site):
    html = page(fixture_site, "statistik")
    figures = html.select("figure.kb-diagram")
    assert figures
    for figure in figures:
        svg = figure.find("svg")
        assert svg["role"] == "img" and svg.find("title").get_text() and svg.find("desc").get_text()
        assert figure.find("table").find("caption").get_text() == svg.find("title").get_text()
    assert not html.find("script", src=lambda s: s and "http" in s)
    assert page(fixture_site, "").find("a", href="statistik/")


def test_statistics_page_download_links_lead_to_files(fixture_site):
    html = page(fixture_site, "statistik")
    links = [a["href"] for a in html.select("article a") if "export/" in a["href"] or "flode/" in a["href"]]
    assert any(h.endswith("kunskapsbanken.csv") for h in links)
    assert any(h.endswith("kunskapsbanken.xlsx") for h in links)
    for href in links:
        assert target(fixture_site, "statistik", href).is_file(), href


def test_every_listing_page_offers_its_selection(fixture_site):
    html = page(fixture_site, "omraden/hemloshet")
    links = {a.get_text(): a["href"] for a in html.select(".kb-nedladdning a")}
    assert links["CSV för Excel"].endswith("export/omraden/hemloshet.csv")
    assert links["Atom-flöde med nya dokument"].endswith("flode/omraden/hemloshet.xml")
    for href in links.values():
        assert target(fixture_site, "omraden/hemloshet", href).is_file(), href
    csv_text = target(fixture_site, "omraden/hemloshet", links["CSV för Excel"]).read_text(encoding="utf-8-sig")
    projects = [card.h3.get_text(strip=True) for card in html.select(".kb-projektkort")]
    assert len(csv_text.strip().splitlines()) - 1 == len(projects)


def test_project_page_has_a_citera_box(fixture_site):
    html = page(fixture_site, "projekt/utvardering-av-vald")
    box = html.select_one(".admonition.quote")
    assert box.select_one(".admonition-title").get_text() == "Citera"
    text = " ".join(box.get_text().split())
    assert "Stockholms universitet (2022). Våld i nära relationer – utvärdering. Slutrapport." in text
    for a in box.select("a"):
        assert target(fixture_site, "projekt/utvardering-av-vald", a["href"]).is_file()
