"""The statistics page, downloads on listing pages and "Citera" in the built fixture site, each file
opened by the client that real users open it with."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import bibtexparser
import openpyxl
import pybtex.database
import pybtex.errors
import rispy
from bs4 import BeautifulSoup
from pybtex.plugin import find_plugin


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
    # An area without documents has no feed, and offers none.
    without = page(fixture_site, "omraden/barn-och-unga")
    assert [a.get_text() for a in without.select(".kb-nedladdning a")] == ["CSV för Excel", "JSON"]


def test_each_document_on_a_project_page_has_its_own_citera(fixture_site):
    html = page(fixture_site, "projekt/bostad-forst-farsta")
    items = html.select("#dokument + ul > li")
    assert len(items) == 2
    for item in items:
        citera = item.select_one("details.kb-citera")
        assert citera.summary.get_text(" ", strip=True).startswith("Citera")
        reference = citera.select_one(".kb-referens").get_text(" ", strip=True)
        links = {a.find(string=True, recursive=False): a for a in citera.select("a")}
        assert set(links) == {"RIS", "BibTeX"}
        # Each link says which document it is for, to a screen reader's list of links too.
        assert all(a.get_text().endswith(" för " + item.select_one(".kb-dold").get_text().removeprefix(": "))
                   for a in links.values())
        ris = target(fixture_site, "projekt/bostad-forst-farsta", links["RIS"]["href"])
        record, = rispy.loads(ris.read_text(encoding="utf-8"))  # this document alone
        assert record["title"] in reference and record["title"] in citera.summary.get_text()
        assert links["RIS"]["download"].endswith(".ris")
        bib = target(fixture_site, "projekt/bostad-forst-farsta", links["BibTeX"]["href"]).read_text(encoding="utf-8")
        assert len(pybtex.database.parse_string(bib, "bibtex").entries) == 1
    assert items[0].select_one(".kb-referens").get_text(" ", strip=True) == (
        "Farsta (2020). Bostad först i Farsta . Slutrapport. Projekt: Bostad först i Farsta "
        "(LUM-projekt, 2018, 2019). Kunskapsbanken.")
    assert not html.select('a[href$="export/rapporter.ris"]')  # no longer the whole catalogue


def test_a_project_without_documents_cites_its_page(fixture_site):
    html = page(fixture_site, "projekt/ungdomar-i-skarholmen")
    box = html.select_one(".admonition.quote")
    assert box.select_one(".admonition-title").get_text() == "Citera"
    assert "Skärholmen (u.å.). Ungdomar i Skärholmen. Projektsida" in " ".join(box.get_text().split())


def test_every_reference_file_in_the_site_opens_in_reference_managers(fixture_site):
    pybtex.errors.set_strict_mode(True)
    style = find_plugin("pybtex.style.formatting", "plain")()
    ris_files = list(fixture_site.rglob("*.ris"))
    bib_files = list(fixture_site.rglob("*.bib"))
    assert len(ris_files) == len(bib_files) == 1 + 5  # the catalogue's and one per document
    for path in ris_files:
        records = rispy.loads(path.read_text(encoding="utf-8"))
        assert records and all(r["authors"] and r["title"] for r in records), path
    for path in bib_files:
        text = path.read_text(encoding="utf-8")
        data = pybtex.database.parse_string(text, "bibtex")
        formatted = list(style.format_entries(data.entries.values()))
        assert len(formatted) == len(data.entries) > 0
        assert not bibtexparser.parse_string(text).failed_blocks, path
    catalogue = pybtex.database.parse_file(fixture_site / "export" / "rapporter.bib")
    title = next(e for e in catalogue.entries.values() if "Enskede-Årsta-Vantör" in e.fields["title"])
    text = next(style.format_entries([title])).text.render_as("text")
    assert "Enskede-Årsta-Vantör" in text  # brace-protected: the style keeps its capitals


def test_the_workbook_and_csv_in_the_site_have_typed_cells_and_the_same_addresses(fixture_site):
    workbook = openpyxl.load_workbook(fixture_site / "export" / "kunskapsbanken.xlsx")
    sheet = workbook["Projekt"]
    headers = [c.value for c in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(r["slutdatum"], dt.datetime) for r in rows if r["slutdatum"] is not None)
    assert any(isinstance(r["år"], int) for r in rows)
    assert all(isinstance(r["belopp_kr"], int) for r in rows if r["belopp_kr"] is not None)
    records = json.loads((fixture_site / "export" / "kunskapsbanken.json").read_text(encoding="utf-8"))["projekt"]
    text = (fixture_site / "export" / "kunskapsbanken.csv").read_text(encoding="utf-8-sig")
    in_csv = {r["id"]: r["adress"] for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")}
    assert in_csv == {r["id"]: r["adress"] for r in records} == {r["id"]: r["adress"] for r in rows}
