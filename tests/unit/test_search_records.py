"""Search records: the catalog and its PDFs' pages as Pagefind records, with no MkDocs."""

import json
import shutil

import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.facets import FACET_BY_KEY
from kunskapsbanken.search import pdf_text
from kunskapsbanken.search.records import SEARCH_FACETS, facet_definitions, records
from kunskapsbanken.text import plain_text

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    assert [p for p in problems if p.is_error] == []
    return catalog


@pytest.fixture(scope="module")
def found(catalog):
    return records(catalog)


def pdf_without_text(path):
    """A PDF whose only page is a drawing: what a scan without OCR looks like to a text extractor."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))


def test_one_record_per_project_with_its_facets(catalog, found):
    recs, problems = found
    assert problems == []
    pages = {r.url: r for r in recs if r.meta["kind"] == "projekt"}
    assert sorted(pages) == sorted(f"projekt/{p.id}/" for p in catalog.projects)
    for project in catalog.projects:
        record = pages[f"projekt/{project.id}/"]
        assert record.language == "sv"
        assert record.meta["title"] == project.title
        assert record.meta["type"] == project.type.value
        assert set(record.filters) == set(SEARCH_FACETS)
        for key in SEARCH_FACETS:
            assert record.filters[key] == FACET_BY_KEY[key].terms_of(project, catalog.vocabulary)
        assert project.summary.split()[0] in record.content


def test_record_facts_follow_the_project(found):
    recs, _ = found
    farsta = next(r for r in recs if r.url == "projekt/bostad-forst-farsta/")
    assert farsta.meta["years"] == "2018–2019"
    assert farsta.meta["administration"] == "Farsta"
    assert farsta.filters["year"] == ["2018", "2019"]
    assert farsta.meta["areas"] == "Hemlöshet"
    assert farsta.sort["ar"] == "2019"
    # keywords and document titles are searchable, but as search words, not in the snippet's text
    assert "hyresvärdar" in farsta.meta["sokord"] and "Projektplan Bostad först" in farsta.meta["sokord"]
    assert "hyresvärdar" not in farsta.content and "Projektplan" not in farsta.content
    assert "alvsjo-hemloshet.md" not in farsta.content and "erfarenheter från Älvsjö" in farsta.content


def test_the_snippet_text_is_summary_and_body_without_headings(catalog, found):
    recs, _ = found
    for project in catalog.projects:
        record = next(r for r in recs if r.url == f"projekt/{project.id}/")
        assert record.content.startswith(project.summary.split()[0])
        for line in project.body.splitlines():
            if line.startswith("#"):
                heading = line.lstrip("#").strip()
                assert f"{heading} {heading}" not in record.content  # no 'Syfte Syftet med' runs
        for keyword in project.keywords:
            assert keyword in record.meta["sokord"]


def test_areas_bring_their_vocabulary_aliases_as_search_words(catalog, found):
    recs, _ = found
    for project in catalog.projects:
        record = next(r for r in recs if r.url == f"projekt/{project.id}/")
        for area in project.areas:
            for alias, name in catalog.vocabulary.terms["area"].aliases.items():
                if name == area:
                    assert alias in record.meta["sokord"], (project.id, alias)


def test_titles_sort_the_swedish_way(catalog, found):
    recs, _ = found
    projects = [r for r in recs if r.meta["kind"] == "projekt"]
    by_key = [r.meta["title"] for r in sorted(projects, key=lambda r: r.sort["titel"])]
    from kunskapsbanken import swedish

    assert by_key == sorted(by_key, key=swedish.sort_key)


def test_a_pdf_page_sorts_by_the_title_it_shows_its_documents(catalog):
    """Sorted A–Ö, a PDF page's hit stands where the title it shows belongs, not its project's."""
    from kunskapsbanken.search.records import pdf_records, project_record

    project = next(p for p in catalog.projects if p.id == "bostad-forst-farsta")
    report = next(d for d in project.documents if d.file).model_copy(update={"title": "Årsrapport om boendet"})
    page = next(pdf_records(catalog, project, report, ["Deltagarna hade kvar sin bostad efter ett år."]))
    own = project_record(catalog, project)
    assert page.meta["title"] == "Årsrapport om boendet" and own.meta["title"] == "Bostad först i Farsta"
    assert own.sort["titel"] < page.sort["titel"], "B before Å"


def test_each_pdf_page_is_a_record_that_names_document_and_page(found):
    recs, _ = found
    pages = [r for r in recs if r.meta["kind"] == "pdf"]
    texts = pdf_text.page_texts(FIXTURE_PROJECTS / "bostad-forst-farsta" / "slutrapport.pdf")
    assert len(pages) == len(texts) >= 2
    for number, (record, text) in enumerate(zip(pages, texts), start=1):
        assert record.url == f"projekt/bostad-forst-farsta/slutrapport.pdf#page={number}"
        assert record.meta["document"] == f"Slutrapport, sida {number}"
        assert record.meta["project"] == "Bostad först i Farsta"
        assert record.meta["project_url"] == "projekt/bostad-forst-farsta/"
        assert record.filters["document_kind"] == ["slutrapport"]
        assert record.filters["area"] == ["Hemlöshet"]
        assert record.content == text and text


def test_a_pdf_without_text_layer_is_a_warning_naming_the_file(tmp_path, catalog):
    scanned = tmp_path / "inskannad.pdf"
    pdf_without_text(scanned)
    texts, problems = pdf_text.extract(scanned)
    assert texts == [""]
    assert len(problems) == 1 and not problems[0].is_error
    assert "inskannad.pdf" in str(problems[0]) and "saknar textlager" in str(problems[0])
    assert "varning" in str(problems[0])


def test_a_scanned_report_gives_no_records_but_a_warning(tmp_path):
    projects = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    pdf_without_text(projects / "bostad-forst-farsta" / "slutrapport.pdf")
    catalog, _ = load_catalog(projects, VOCABULARY_FILE)
    recs, problems = records(catalog)
    assert [r for r in recs if r.meta["kind"] == "pdf"] == []
    assert [p.path.name for p in problems] == ["slutrapport.pdf"]


def test_an_unreadable_pdf_is_a_warning_not_a_crash(tmp_path):
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    texts, problems = pdf_text.extract(broken)
    assert texts == [] and len(problems) == 1 and "trasig.pdf" in str(problems[0])


def test_plain_text_drops_markdown():
    assert plain_text("## Bakgrund\n\nSe [rapporten](a/b.md) och *detta*.") == "Bakgrund Se rapporten och detta ."


def test_facet_definitions_follow_the_catalog(catalog):
    definitions = facet_definitions(catalog)
    assert [d["key"] for d in definitions] == list(SEARCH_FACETS)
    assert [d["param"] for d in definitions] == ["omrade", "ar", "typ", "malgrupp", "kunskapstyp", "forvaltning",
                                                     "status", "dokumenttyp"]
    for definition in definitions:
        assert [t["value"] for t in definition["terms"]] == [t.name for t in catalog.terms(definition["key"])]
    kinds = next(d for d in definitions if d["key"] == "document_kind")
    assert {"value": "slutrapport", "label": "Slutrapport"} in kinds["terms"]


def test_the_build_writes_a_swedish_pagefind_index_of_every_record(fixture_site, found):
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] == len(found[0])
    assert (fixture_site / "sok" / "index.html").exists()
    # Material's own search index is gone with its plugin
    assert not (fixture_site / "search" / "search_index.json").exists()


def test_the_build_reports_a_scanned_pdf_by_name_and_still_succeeds(tmp_path, caplog):
    import logging

    from tests.support import build_site

    projects = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    pdf_without_text(projects / "bostad-forst-farsta" / "slutrapport.pdf")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.kunskapsbanken"):
        site = build_site(projects, tmp_path / "site")
    reported = [r.getMessage() for r in caplog.records if "saknar textlager" in r.getMessage()]
    assert len(reported) == 1 and "bostad-forst-farsta/slutrapport.pdf" in reported[0]
    assert (site / "pagefind" / "pagefind-entry.json").exists()

