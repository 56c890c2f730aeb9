"""Downloads: CSV for Swedish Excel, xlsx, JSON with its schema, RIS and BibTeX references."""

from __future__ import annotations

import copy
import csv
import io
import json as jsonlib
import re

import jsonschema
import openpyxl
import pytest

from kunskapsbanken import exports
from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.exports import bibtex, json as json_export, ris, xlsx
from kunskapsbanken.exports import csv as csv_export
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


def test_xlsx_opens_with_amounts_as_numbers(catalog, files):
    workbook = openpyxl.load_workbook(io.BytesIO(files["export/kunskapsbanken.xlsx"]))
    sheet = workbook["Projekt"]
    headers = [c.value for c in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(catalog.projects)
    amounts = {r["id"]: r["belopp_kr"] for r in rows}
    assert amounts["oversikt-av-missbruksvarden"] == 1_000_000
    assert sum(a for a in amounts.values() if isinstance(a, int)) == 3_745_000
    assert workbook["Dokument"].max_row - 1 == len(catalog.documents())


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
    assert "AU  - Stockholms universitet" in text


def test_bibtex_has_one_entry_per_report_with_special_characters_escaped(catalog, files):
    text = files["export/rapporter.bib"].decode("utf-8")
    entries = re.findall(r"@techreport\{([^,]+),", text)
    assert len(entries) == len(set(entries)) == len(exports.reports(catalog))
    assert r"Bostad först \& boendestöd" in text
    assert "author = {{Stockholms universitet}}" in text
    assert text.count("{") == text.count("}")


def test_the_citation_box_suggests_a_swedish_reference(catalog):
    project = catalog.by_id["utvardering-av-bostad-forst"]
    reference = citation.suggested_reference(catalog, project)
    assert reference == ("Stockholms universitet (2022). *Bostad först &amp; boendestöd – utvärdering*. Slutrapport. "
                         "Projekt: Utvärdering av Bostad först (FUM-studie, 2020, 2021). Kunskapsbanken.")
    box = citation.citation_box(catalog, project, "projekt/utvardering-av-bostad-forst/index.md")
    assert box.startswith('!!! quote "Citera"')
    assert "(../../export/rapporter.ris)" in box
    without_report = citation.suggested_reference(catalog, catalog.by_id["unga-i-skarholmen"])
    assert without_report == "Skärholmen (2020). *Unga i Skärholmen*. Projektsida (LUM-projekt, 2020). Kunskapsbanken."
