"""The catalog of the fixture corpus: facets, queries and relations, with no MkDocs."""

import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.facets import FACETS

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE


@pytest.fixture(scope="module")
def catalog():
    catalog, problems = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    assert [p for p in problems if p.is_error] == []
    return catalog


def test_projects_are_in_swedish_order(catalog):
    titles = [p.title for p in catalog.projects]
    assert titles == ["Bostad först i Farsta", "Studieresa till Oslo", "Ungdomar i Skärholmen",
                      "Utvärdering av arbetet mot våld", "Vräkningsförebyggande arbete i Älvsjö"]


def test_every_facet_has_terms_with_counts(catalog):
    for facet in FACETS:
        terms = catalog.terms(facet.key)
        assert terms, facet.key
        assert all(t.count == len(t.projects) for t in terms)
        if facet.order != "declared":  # only declared terms (types, statuses, kinds) may be empty
            assert all(t.count > 0 for t in terms), facet.key


def test_declared_terms_exist_even_when_empty(catalog):
    kinds = {t.name: t.count for t in catalog.terms("document_kind")}
    assert kinds["förstudie"] == 0 and kinds["slutrapport"] == 2
    assert [t.name for t in catalog.terms("status")] == ["planerat", "pågående", "avslutat", "avbrutet"]


def test_area_terms_with_counts(catalog):
    assert {t.name: t.count for t in catalog.terms("area")} == {
        "Barn och unga": 1, "Hemlöshet": 2, "Ungdomsbrottslighet": 2, "Våld i nära relationer": 1}


def test_years_newest_first(catalog):
    assert [t.name for t in catalog.terms("year")] == ["2021", "2020", "2019", "2018"]


def test_types_in_declared_order_and_must_counts_as_mul(catalog):
    assert [(t.name, t.count) for t in catalog.terms("type")] == [("FUM", 1), ("LUM", 3), ("MUL", 1)]


def test_merged_district_project_is_listed_under_its_successor(catalog):
    successor = catalog.term("administration", "Hägersten-Älvsjö")
    assert [p.id for p in successor.projects] == ["alvsjo-hemloshet"]


def test_co_applicant_finds_the_project_too(catalog):
    assert "ungdomar-i-skarholmen" in [p.id for p in catalog.term("administration", "Farsta").projects]


def test_related_projects_in_both_directions(catalog):
    oslo = catalog.by_id["studieresa-till-oslo"]
    skarholmen = catalog.by_id["ungdomar-i-skarholmen"]
    assert catalog.related(skarholmen) == [oslo]
    assert catalog.related(oslo) == [skarholmen]


def test_select_combines_facets_and_year_range(catalog):
    assert [p.id for p in catalog.select(area="Hemlöshet", type="LUM")] == ["bostad-forst-farsta", "alvsjo-hemloshet"]
    assert [p.id for p in catalog.select(area="Hemlöshet", from_year=2019, status="avbrutet")] == ["alvsjo-hemloshet"]
    assert catalog.select(area="Hemlöshet", year=2021) == []


def test_final_reports_newest_first(catalog):
    reports = catalog.documents(kind="slutrapport")
    assert [e.project.id for e in reports] == ["utvardering-av-vald", "bostad-forst-farsta"]
    assert reports[1].size == (FIXTURE_PROJECTS / "bostad-forst-farsta" / "slutrapport.pdf").stat().st_size


def test_dangling_related_id_is_reported_with_suggestion(tmp_path):
    import shutil

    corpus = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, corpus)
    page = corpus / "ungdomar-i-skarholmen.md"
    page.write_text(page.read_text(encoding="utf-8").replace("[studieresa-till-oslo]", "[studieresa-till-osl]"),
                    encoding="utf-8")
    _, problems = load_catalog(corpus, VOCABULARY_FILE)
    problem = next(p for p in problems if p.field == "relaterade.1")
    line = page.read_text(encoding="utf-8").split("\n").index("relaterade: [studieresa-till-osl]") + 1
    assert problem.line == line and problem.suggestion == "studieresa-till-oslo"


def test_duplicate_ids_are_reported(tmp_path):
    import shutil

    corpus = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, corpus)
    (corpus / "studieresa-till-oslo").mkdir()
    shutil.copy(corpus / "studieresa-till-oslo.md", corpus / "studieresa-till-oslo" / "index.md")
    _, problems = load_catalog(corpus, VOCABULARY_FILE)
    assert any("används redan" in p.message for p in problems)
