"""Downloads: CSV for Swedish Excel, xlsx, JSON with its schema, RIS and BibTeX references."""

from __future__ import annotations

import copy
import csv
import io
import json as jsonlib
import re

import datetime as dt

import bibtexparser
import jsonschema
import openpyxl
import pybtex.database
import pybtex.errors
import pytest
import rispy
from bs4 import BeautifulSoup
from pybtex.plugin import find_plugin

from kunskapsbanken import exports
from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.exports import bibtex, json as json_export, ris, xlsx
from kunskapsbanken.facets import FACET_BY_KEY
from kunskapsbanken.views import citation
from tests.support import FIXTURES, VOCABULARY_FILE


@pytest.fixture(scope="module")
def catalog():
    catalog, _ = load_catalog(FIXTURES / "statistik", VOCABULARY_FILE)
    return catalog


@pytest.fixture(scope="module")
def files(catalog):
    return dict(exports.render_all(catalog))


def test_csv_opens_in_swedish_excel(catalog, files):
    data = files["export/kunskapsbanken.csv"]
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel otherwise reads it as Windows-1252
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == len(catalog.projects)
    assert rows[0].keys() == {c.header for c in exports.COLUMNS}
    by_id = {row["id"]: row for row in rows}
    assert by_id["trygga-familjer"]["medsökande"] == "Skärholmen"
    assert by_id["trygga-familjer"]["belopp_kr"] == "500000"
    assert by_id["unga-i-skarholmen"]["belopp_kr"] == ""
    assert by_id["utvardering-av-bostad-forst"]["belopp_per_år"] == "2020: 400000, 2021: 600000"
    assert by_id["studieresa-till-kopenhamn"]["resmål"] == "Köpenhamn, Danmark"


def test_a_listing_offers_its_own_selection(catalog, files):
    area = FACET_BY_KEY["area"]
    data = files[exports.selection_file(area, "Barn och unga", "csv")]
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert sorted(r["id"] for r in rows) == sorted(p.id for p in catalog.select(area="Barn och unga"))
    assert exports.selection_file(area, "Barn och unga", "json") in files


def test_xlsx_opens_with_amounts_years_and_dates_as_numbers_and_dates(catalog, files):
    workbook = openpyxl.load_workbook(io.BytesIO(files["export/kunskapsbanken.xlsx"]))
    sheet = workbook["Projekt"]
    headers = [c.value for c in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(catalog.projects)
    amounts = {r["id"]: r["belopp_kr"] for r in rows}
    assert amounts["oversikt-av-missbruksvarden"] == 1_000_000
    assert sum(a for a in amounts.values() if isinstance(a, int)) == 3_745_000
    by_id = {r["id"]: r for r in rows}
    assert by_id["trygga-familjer"]["år"] == 2020  # one year: a number
    assert by_id["utvardering-av-bostad-forst"]["år"] == "2020, 2021"  # several: text
    for row in rows:
        for header in ("startdatum", "slutdatum"):
            assert row[header] is None or isinstance(row[header], dt.datetime), (row["id"], header, row[header])
    dates = [r["slutdatum"] for r in rows if r["slutdatum"] is not None]
    assert dates
    documents = workbook["Dokument"]
    assert documents.max_row - 1 == len(catalog.documents())
    cells = {c.value: c for c in documents["E"][1:] if c.value is not None}
    assert all(isinstance(value, dt.datetime) for value in cells)
    assert {c.number_format for c in cells.values()} >= {"yyyy-mm-dd", "yyyy-mm"}


def test_csv_and_xlsx_addresses_are_absolute_like_json_with_a_site_url(catalog):
    site = "https://intra.example/kb/"
    files = dict(exports.render_all(catalog, site))
    rows = list(csv.DictReader(io.StringIO(files["export/kunskapsbanken.csv"].decode("utf-8-sig"), newline=""),
                               delimiter=";"))
    records = {r["id"]: r for r in jsonlib.loads(files["export/kunskapsbanken.json"])["projekt"]}
    sheet = openpyxl.load_workbook(io.BytesIO(files["export/kunskapsbanken.xlsx"]))["Projekt"]
    column = [c.value for c in sheet[1]].index("adress")
    in_xlsx = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    for row in rows:
        assert row["adress"] == records[row["id"]]["adress"] == in_xlsx[row["id"]]
        assert row["adress"] == f"{site}projekt/{row['id']}/"


def test_json_validates_against_its_schema(catalog, files):
    schema = jsonlib.loads(files[f"export/{json_export.SCHEMA_NAME}"])
    data = jsonlib.loads(files["export/kunskapsbanken.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["antal"] == len(data["projekt"]) == len(catalog.projects)
    broken = copy.deepcopy(data)
    broken["projekt"][0]["typ"] = "MUST"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


def test_json_addresses_are_absolute_only_with_a_site_url(catalog):
    relative = jsonlib.loads(json_export.render(catalog.projects, catalog))
    absolute = jsonlib.loads(json_export.render(catalog.projects, catalog, "https://intra.example/kb/"))
    assert relative["projekt"][0]["adress"].startswith("projekt/")
    assert absolute["projekt"][0]["adress"].startswith("https://intra.example/kb/projekt/")


def test_ris_has_one_record_per_report(catalog, files):
    text = files["export/rapporter.ris"].decode("utf-8")
    records = [r for r in re.split(r"ER  - \r\n", text) if r.strip()]
    reports = exports.reports(catalog)
    assert len(records) == len(reports) == 4
    for record in records:
        lines = record.strip("\r\n").split("\r\n")
        assert lines[0] == "TY  - RPRT"
        assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
    assert "DA  - 2022/03//" in text


def test_rispy_reads_every_record_with_an_author_and_a_year_only_when_known(catalog):
    files = dict(exports.render_all(catalog, "https://intra.example/kb/"))
    records = {r["id"]: r for r in rispy.loads(files["export/rapporter.ris"].decode("utf-8"))}
    reports = exports.reports(catalog)
    assert set(records) == {exports.reference_id(e) for e in reports}
    for entry in reports:
        record = records[exports.reference_id(entry)]
        assert record["authors"] and record["publisher"], record
        assert record.get("year") == (str(entry.document.date.year) if entry.document.date else None)
        assert record["urls"][0].startswith("https://"), record
    undated = records["oversikt-av-missbruksvarden:missbruksvarden-i-oversikt"]
    assert "year" not in undated and "date" not in undated
    assert undated["authors"] == ["Sweco,"]  # an organisation: whole, not split into names
    assert undated["urls"] == ["https://intra.example/kb/projekt/oversikt-av-missbruksvarden/"]
    linked = records["utvardering-av-bostad-forst:bostad-forst-boendestod-utvardering"]
    assert linked["urls"] == ["https://example.org/bostad-forst.pdf"]


def test_without_a_site_url_ris_links_only_to_other_sites(catalog, files):
    records = rispy.loads(files["export/rapporter.ris"].decode("utf-8"))
    assert all(url.startswith("https://") for r in records for url in r.get("urls", []))
    assert any("urls" not in r for r in records)


def bibliography(text: str):
    """pybtex's own plain style, strict: a missing field or a warning is an error."""
    pybtex.errors.set_strict_mode(True)
    data = pybtex.database.parse_string(text, "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    return data, {e.key: e.text.render_as("text") for e in style.format_entries(data.entries.values())}


def test_pybtex_formats_every_entry_in_the_plain_style(catalog, files):
    text = files["export/rapporter.bib"].decode("utf-8")
    data, formatted = bibliography(text)
    assert set(formatted) == {exports.reference_id(e) for e in exports.reports(catalog)}
    assert formatted["utvardering-av-bostad-forst:bostad-forst-boendestod-utvardering"].startswith(
        "Stockholms universitet. Bostad först & boendestöd – utvärdering. Slutrapport, Stockholms universitet, "
        "March 2022.")
    undated = data.entries["oversikt-av-missbruksvarden:missbruksvarden-i-oversikt"]
    assert undated.type == "misc" and "year" not in undated.fields
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert len(library.entries) == len(formatted)


def test_bibtex_titles_keep_their_case_and_special_characters_are_escaped(files):
    text = files["export/rapporter.bib"].decode("utf-8")
    assert r"title = {{Bostad först \& boendestöd – utvärdering}}" in text
    assert "author = {{Stockholms universitet}}" in text
    assert text.count("{") == text.count("}")


def test_an_entry_without_performer_or_administration_has_an_author(tmp_path):
    write_project(tmp_path, "motiverande-samtal", """\
titel: Motiverande samtal
typ: FUM
år: 2018
områden: [Ekonomiskt bistånd]
status: avslutat
dokument:
  - typ: slutrapport
    titel: Globenmodellen i Enskede-Årsta-Vantör
    datum: "2018"
sammanfattning: En studie.
""")
    catalog, problems = load_catalog(tmp_path, VOCABULARY_FILE)
    assert not [p for p in problems if p.is_error], problems
    entry = catalog.documents()[0]
    _, formatted = bibliography(bibtex.join([bibtex.entry(entry)]).decode("utf-8"))
    assert formatted == {"motiverande-samtal:globenmodellen-i-enskede-arsta-vantor":
                         "Socialförvaltningen. Globenmodellen i Enskede-Årsta-Vantör. Slutrapport, "
                         "Socialförvaltningen, 2018. Motiverande samtal (FUM). Kunskapsbanken."}
    record, = rispy.loads(ris.join([ris.entry(entry)]).decode("utf-8"))
    assert record["authors"] == ["Socialförvaltningen,"] and record["year"] == "2018"


def write_project(folder, name: str, front_matter: str) -> None:
    (folder / f"{name}.md").write_text(f"---\n{front_matter}---\n", encoding="utf-8")


def test_reference_ids_survive_reordering_the_documents(tmp_path):
    documents = ["  - typ: slutrapport\n    titel: Första rapporten\n    datum: 2020\n",
                 "  - typ: delrapport\n    titel: Andra rapporten\n    fil: andra.pdf\n",
                 "  - id: plan\n    typ: utvärdering\n    titel: Tredje\n"]
    keys = []
    for order in (documents, documents[::-1]):
        folder = tmp_path / str(len(keys))
        folder.mkdir()
        write_project(folder, "projekt-a", "titel: A\ntyp: FUM\når: 2020\nområden: [Hemlöshet]\n"
                      "status: avslutat\nsammanfattning: A.\ndokument:\n" + "".join(order))
        catalog, _ = load_catalog(folder, VOCABULARY_FILE)
        keys.append({e.document.title: (exports.reference_id(e), bibtex.key(e)) for e in exports.reports(catalog)})
    assert keys[0] == keys[1]
    assert keys[0]["Andra rapporten"][0] == "projekt-a:andra"
    assert keys[0]["Tredje"][0] == "projekt-a:plan"
    assert keys[0]["Första rapporten"][0] == "projekt-a:forsta-rapporten"


def test_each_document_has_its_own_reference_files(catalog, files):
    for entry in catalog.documents():
        ris_file = files[exports.reference_file(entry, "ris")]
        bib_file = files[exports.reference_file(entry, "bib")]
        record, = rispy.loads(ris_file.decode("utf-8"))
        assert record["title"] == entry.document.title
        _, formatted = bibliography(bib_file.decode("utf-8"))
        assert list(formatted) == [exports.reference_id(entry)]


def test_citera_beside_a_document_gives_its_reference_and_own_files(catalog):
    entry = next(e for e in catalog.documents() if e.project.id == "utvardering-av-bostad-forst")
    assert citation.reference_parts(entry) == (
        "Stockholms universitet (2022)", "Bostad först & boendestöd – utvärdering",
        "Slutrapport. Projekt: Utvärdering av Bostad först (FUM-studie, 2020, 2021). Kunskapsbanken.")
    here = "projekt/utvardering-av-bostad-forst/index.md"
    snippet = citation.document_citation(entry, here)
    assert 'href="referens-bostad-forst-boendestod-utvardering.ris"' in snippet
    assert "Bostad först &amp; boendestöd" in snippet
    undated = next(e for e in catalog.documents() if e.project.id == "oversikt-av-missbruksvarden")
    assert citation.reference_parts(undated)[:2] == ("Sweco (u.å.)", "Missbruksvården i översikt")


def test_citera_escapes_content_text(tmp_path):
    write_project(tmp_path, "projekt-b", """\
titel: "B <b>"
typ: FUM
år: 2020
områden: [Hemlöshet]
status: avslutat
utförare: [Stockholms universitet]
dokument:
  - typ: slutrapport
    titel: "<script>alert(1)</script> *viktigt* & [länk](http://x)"
sammanfattning: B.
""")
    catalog, _ = load_catalog(tmp_path, VOCABULARY_FILE)
    snippet = citation.document_citation(catalog.documents()[0], "projekt/projekt-b/index.md")
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    # The citation reaches the page as HTML, after Markdown (views.GeneratedPage.fill).
    text = BeautifulSoup(snippet, "html.parser")
    assert text.find("script") is None and text.find("b") is None and text.find("a", href="http://x") is None
    assert "<script>alert(1)</script> *viktigt* & [länk](http://x)" in text.select_one(".kb-referens").get_text()


def test_json_gives_each_document_its_id(catalog, files):
    data = jsonlib.loads(files["export/kunskapsbanken.json"])
    in_json = {(p["id"], d["id"]) for p in data["projekt"] for d in p["dokument"]}
    assert in_json == {(e.project.id, e.document.id) for e in catalog.documents()}


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path):
    workbook = xlsx.new_workbook()
    xlsx.write_sheet(workbook.active, ["titel"], [["=HYPERLINK(\"http://x\")"]])
    reread = openpyxl.load_workbook(io.BytesIO(xlsx.save(workbook)))
    cell = reread.active["A2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"
