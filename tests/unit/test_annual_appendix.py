"""`kb årsbilaga`: the appendix for one year, compared with tables written out by hand."""

from __future__ import annotations

import io
import shutil

import openpyxl
import pytest

from kunskapsbanken import annual_appendix
from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.cli import main
from kunskapsbanken.decisions import decisions_path, load_decisions
from tests.support import FIXTURES, VOCABULARY_FILE

STATISTIK = FIXTURES / "statistik"

EXPECTED_2020 = """\
## FUM – studier och utvärderingar

| Studie | Genomförs av | Klart | Kostnad |
| --- | --- | --- | --: |
| Ekonomiskt bistånd i förändring | – | – | 900 000 kr |
| Utvärdering av Bostad först | Stockholms universitet | 31 december 2021 | 1 000 000 kr |
| **Summa** |  |  | **1 900 000 kr** |

## LUM – lokala utvecklingsprojekt

| Förvaltning | Projekt | Medsökande | Belopp |
| --- | --- | --- | --: |
| Farsta | Trygga familjer | Skärholmen | 500 000 kr |
| Skärholmen | Unga i Skärholmen | – | – |
| **Summa** |  |  | **500 000 kr** |

Belopp saknas i Kunskapsbanken för 1 av 2 projekt; summan gäller de kända beloppen.

Beslutat enligt Fixturbeslut 2020: 1 000 000 kr för 2 projekt.

## MUL – studieresor

| Förvaltning | Resmål | Resa | Belopp |
| --- | --- | --- | --: |
| Farsta | Oslo, Norge | Studieresa till Oslo (Farsta) | 25 000 kr |
| Skärholmen | Oslo, Norge | Studieresa till Oslo (Skärholmen) | 20 000 kr |
| **Summa** |  |  | **45 000 kr** |

Beslutat enligt Fixturbeslut 2020: 50 000 kr för 2 resor.
"""


@pytest.fixture(scope="module")
def appendix_2020():
    catalog, _ = load_catalog(STATISTIK, VOCABULARY_FILE)
    decisions, _ = load_decisions(decisions_path(STATISTIK))
    return annual_appendix.build(catalog, 2020, decisions)


def test_markdown_has_the_expected_tables_and_totals(appendix_2020):
    markdown = annual_appendix.to_markdown(appendix_2020).replace("\u00a0", " ")
    assert markdown.startswith("# Bilaga: FoU-medel 2020\n")
    assert markdown[markdown.index("## FUM"):] == EXPECTED_2020


def test_totals_count_only_known_amounts(appendix_2020):
    fum, lum, mul = appendix_2020.tables
    assert (fum.total, fum.missing, lum.total, lum.missing, mul.total, mul.missing) == \
        (1_900_000, 0, 500_000, 1, 45_000, 0)
    assert lum.decision.decided_amount == 1_000_000


def test_xlsx_has_one_sheet_per_type_with_numeric_totals(appendix_2020):
    workbook = openpyxl.load_workbook(io.BytesIO(annual_appendix.to_xlsx(appendix_2020)))
    assert workbook.sheetnames == ["FUM", "LUM", "MUL"]
    lum = [[c.value for c in row] for row in workbook["LUM"].iter_rows()]
    assert lum[0] == ["Förvaltning", "Projekt", "Medsökande", "Belopp"]
    assert lum[1] == ["Farsta", "Trygga familjer", "Skärholmen", 500_000]
    assert lum[2][:2] == ["Skärholmen", "Unga i Skärholmen"] and lum[2][3] in (None, "")
    assert lum[3][0] == "Summa" and lum[3][3] == 500_000
    assert workbook["LUM"].cell(4, 4).number_format == '#,##0 "kr"'


def test_the_command_writes_markdown_and_xlsx(tmp_path, capsys):
    projects = tmp_path / "projects"
    shutil.copytree(STATISTIK, projects)
    shutil.copy(VOCABULARY_FILE, projects / "vokabular.yml")
    assert main(["årsbilaga", "2021", "--projektmapp", str(projects), "--ut", str(tmp_path)]) == 0
    markdown = (tmp_path / "arsbilaga-2021.md").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert "| Farsta | Familjer i Farsta | – | 300 000 kr |" in markdown
    assert "| Södermalm | Köpenhamn, Danmark | Studieresa till Köpenhamn | – |" in markdown
    # A study's cost is its whole cost, however many years it runs: 1 000 000 + 1 000 000 + 900 000.
    assert "| **Summa** |  |  | **2 900 000 kr** |" in markdown
    assert openpyxl.load_workbook(tmp_path / "arsbilaga-2021.xlsx").sheetnames == ["FUM", "LUM", "MUL"]


def test_an_impossible_year_is_refused_in_swedish(tmp_path, capsys):
    assert main(["årsbilaga", "20", "--projektmapp", str(STATISTIK), "--ut", str(tmp_path)]) == 2
    assert "orimligt" in capsys.readouterr().err


def test_a_missing_vocabulary_is_reported_without_a_traceback(tmp_path, capsys):
    assert main(["årsbilaga", "2020", "--projektmapp", str(STATISTIK), "--ut", str(tmp_path)]) == 1
    assert "vokabul" in capsys.readouterr().err
