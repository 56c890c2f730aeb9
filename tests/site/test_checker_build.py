"""One checker, two callers: the build stops on errors with the messages of `kb kontrollera`,
shows warnings without stopping, and publishes the editor's downloads."""

from __future__ import annotations

import json
import logging
import shutil

import pytest
from mkdocs.exceptions import Abort, PluginError
from openpyxl import load_workbook

from kunskapsbanken.checks import check_all
from kunskapsbanken.importer import COLUMNS

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE, build_site


def test_the_build_stops_on_errors_with_the_checkers_messages(tmp_path, caplog):
    corpus = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, corpus)
    page = corpus / "utvardering-av-vald.md"
    page.write_text(page.read_text(encoding="utf-8").replace("titel:", "titell:", 1) + "\nKlient 880320-0016.\n",
                    encoding="utf-8")
    expected = [str(p) for p in check_all(corpus, VOCABULARY_FILE)[1] if p.is_error]
    assert len(expected) == 3  # titel missing, titell unknown, a personnummer
    with caplog.at_level(logging.ERROR), pytest.raises((PluginError, Abort)):
        build_site(corpus, tmp_path / "site")
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert [m for m in logged if m in expected] == expected
    assert any(m.startswith("Innehållet har 3 fel") for m in logged)
    assert not (tmp_path / "site" / "index.html").exists()


def test_warnings_are_shown_but_do_not_stop_a_strict_build(tmp_path, caplog):
    corpus = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, corpus)
    page = corpus / "bostad-forst-farsta" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("450000", "650000"), encoding="utf-8")
    with caplog.at_level(logging.INFO):
        site = build_site(corpus, tmp_path / "site")
    assert (site / "projekt" / "bostad-forst-farsta" / "index.html").is_file()
    assert any("varning: belopp.2019: 650" in r.getMessage() for r in caplog.records)


def test_the_schema_and_import_templates_are_published(fixture_site):
    schema = json.loads((fixture_site / "schema" / "projekt.schema.json").read_text(encoding="utf-8"))
    assert "titel" in schema["required"] and schema["properties"]["områden"]["examples"]
    sheet = load_workbook(fixture_site / "redaktor" / "importmall.xlsx")["Projekt"]
    assert [cell.value for cell in sheet[1]] == [c.header for c in COLUMNS]
    assert (fixture_site / "redaktor" / "importmall.csv").read_text(encoding="utf-8").startswith("Titel;Typ;År")


def test_the_guide_lists_the_vocabulary_and_import_columns(fixture_site):
    vocabulary = (fixture_site / "redaktor" / "vokabular" / "index.html").read_text(encoding="utf-8")
    assert "Bostadslöshet" in vocabulary and "500\u00a0000\u00a0kr per år" in vocabulary
    guide = (fixture_site / "redaktor" / "import" / "index.html").read_text(encoding="utf-8")
    assert all(column.header in guide for column in COLUMNS)
