"""`kb importera` in a copy of the real content: all pages or none, never an overwrite,
every bad row named with its number and reason – also when writing fails half-way."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from kunskapsbanken import authoring
from kunskapsbanken.checks import check_all
from kunskapsbanken.importer import COLUMNS, template_csv, template_xlsx

from tests.unit.cli_support import added_files, content_copy, kb, snapshot

HEADERS = ["Titel", "Typ", "År", "Områden", "Förvaltning", "Belopp", "Status", "Resmål", "Sammanfattning",
           "Jämställdhetsanalys"]
ROWS = [
    ["Boendestöd i Farsta", "LUM", "2025", "Bostadslöshet; Förebyggande arbete", "Farsta stadsdelsförvaltning",
     "450 000 kr", "pågående", "", "Farsta prövar boendestöd.", "Kvinnor och män får samma stöd."],
    ["Studieresa till Åbo", "MUL", 2025, "Hemlöshet", "Farsta", 20000, "", "Åbo, Finland", "En resa.", ""],
    ["Kartläggning av hemlöshet", "FUM", "2025-2026", "Hemlöshet", "", "", "planerat", "", "En studie.", ""],
]
NEW = ["boendestod-i-farsta.md", "kartlaggning-av-hemloshet.md", "studieresa-till-abo.md"]


def xlsx(path, rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def csv_file(path, rows, headers=HEADERS, encoding="utf-8"):
    """As Swedish Excel saves 'CSV (semikolonavgränsad)': cells with ';' quoted, CRLF."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([headers] + rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("make", [xlsx, csv_file, lambda p, r: csv_file(p, r, encoding="cp1252")],
                         ids=["xlsx", "csv", "csv-windows-1252"])
def test_every_row_becomes_a_page_that_passes_the_checker(tmp_path, make, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    sheet = make(tmp_path / ("granted.xlsx" if make is xlsx else "granted.csv"), ROWS)
    assert kb("importera", sheet, "--projektmapp", corpus) == 0
    assert added_files(before, corpus) == NEW
    catalog, problems = check_all(corpus, paths=[corpus / name for name in NEW])
    assert [p for p in problems if p.is_error] == []
    farsta = catalog.by_id["boendestod-i-farsta"]
    assert farsta.areas == ["Hemlöshet", "Förebyggande arbete"] and farsta.administration == "Farsta"
    assert farsta.amount == 450000
    assert catalog.by_id["kartlaggning-av-hemloshet"].years == [2025, 2026]
    assert str(catalog.by_id["studieresa-till-abo"].destination) == "Åbo, Finland"


def test_dry_run_writes_nothing(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    assert kb("importera", xlsx(tmp_path / "a.xlsx", ROWS), "--projektmapp", corpus, "--torrkörning") == 0
    out = capsys.readouterr().out
    assert f"skulle skapa {corpus / 'boendestod-i-farsta.md'} (rad 2)" in out
    assert added_files(before, corpus) == []


def test_bad_rows_are_named_and_nothing_is_written(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    rows = ROWS + [
        ["Bo kvar", "LUM", "2018", "Hemlöshet", "Skärholmen", "", "avslutat", "", "Finns redan.", ""],
        ["Ny resa", "MUL", "2025", "Hemlöshe", "Farsta", "", "", "", "Saknar resmål.", ""],
        ["Uppgifter", "FUM", "2025", "Hemlöshet", "", "", "", "", "Klient 880320-0016.", ""],
    ]
    assert kb("importera", xlsx(tmp_path / "a.xlsx", rows), "--projektmapp", corpus) == 1
    err = capsys.readouterr().err
    assert "a.xlsx: rad 5: Titel: det finns redan ett projekt med id 'bo-kvar'" in err
    assert "a.xlsx: rad 6: Områden: okänt område 'Hemlöshe' – menade du 'Hemlöshet'?" in err
    assert "a.xlsx: rad 6: Resmål: obligatoriskt för MUL" in err
    assert "a.xlsx: rad 7: Sammanfattning: texten innehåller ett personnummer" in err
    assert "rad 2:" not in err and "Ingenting importerades" in err
    assert added_files(before, corpus) == []


def test_a_failure_half_way_through_writing_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    calls = []

    class DiskFull(io.BytesIO):
        def write(self, data):
            raise OSError(28, "Inget utrymme kvar på enheten")

    def failing_open(path, mode="r", *args, **kwargs):
        calls.append(path)
        handle = open(path, mode, *args, **kwargs)
        if len(calls) < 2:
            return handle
        handle.close()  # the second page's file now exists, empty, as after a full disk
        return DiskFull()

    monkeypatch.setattr(authoring, "open", failing_open, raising=False)
    assert kb("importera", xlsx(tmp_path / "a.xlsx", ROWS), "--projektmapp", corpus) == 1
    assert len(calls) == 2
    assert "ingenting importerades" in capsys.readouterr().err
    assert added_files(before, corpus) == []


def test_a_page_that_appears_during_the_import_is_not_overwritten(tmp_path, monkeypatch):
    corpus = content_copy(tmp_path)
    real_publish = authoring.publish

    def someone_else_was_quicker(staged, projects_dir):
        (projects_dir / "kartlaggning-av-hemloshet.md").write_text("min egen sida", encoding="utf-8")
        return real_publish(staged, projects_dir)

    monkeypatch.setattr(authoring, "publish", someone_else_was_quicker)
    before = {**snapshot(corpus)}
    assert kb("importera", xlsx(tmp_path / "a.xlsx", ROWS), "--projektmapp", corpus) == 1
    assert (corpus / "kartlaggning-av-hemloshet.md").read_text(encoding="utf-8") == "min egen sida"
    assert added_files(before, corpus) == ["kartlaggning-av-hemloshet.md"]


def test_a_row_with_an_unquoted_separator_is_reported(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    sheet = tmp_path / "a.csv"
    sheet.write_text("Titel;Typ;År;Områden;Sammanfattning\nA;FUM;2025;Hemlöshet;Förebyggande arbete;Text\n",
                     encoding="utf-8")
    assert kb("importera", sheet, "--projektmapp", corpus) == 1
    assert "rad 2: raden har fler celler än rubrikraden" in capsys.readouterr().err


def test_unknown_column_is_named_with_a_suggestion(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    headers = ["Titel", "Typ", "År", "Område", "Sammanfattning"]
    assert kb("importera", xlsx(tmp_path / "a.xlsx", [], headers), "--projektmapp", corpus) == 1
    assert "okänd kolumn 'Område' – menade du 'Områden'?" in capsys.readouterr().err


def test_the_downloadable_template_can_be_filled_in_and_imported(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    template = tmp_path / "mall.xlsx"
    template.write_bytes(template_xlsx())
    workbook = load_workbook(template)
    sheet = workbook["Projekt"]
    assert [cell.value for cell in sheet[1]] == [c.header for c in COLUMNS]
    values = {"Titel": "Från mallen", "Typ": "FUM", "År": 2025, "Områden": "Hemlöshet", "Sammanfattning": "Test."}
    sheet.append([values.get(c.header) for c in COLUMNS])
    workbook.save(template)
    assert kb("importera", template, "--projektmapp", corpus) == 0
    assert added_files(before, corpus) == ["fran-mallen.md"]
    assert template_csv().splitlines() == [";".join(c.header for c in COLUMNS)]
