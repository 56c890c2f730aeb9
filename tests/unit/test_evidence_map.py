"""The evidence and gap map: areas × kinds of knowledge, with gaps, filtered by target group and years."""

from __future__ import annotations

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.evidence_map import evidence_map, years
from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE


def _catalog():
    return load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)[0]


def test_every_area_and_every_kind_has_a_cell_and_empty_cells_are_gaps():
    catalog = _catalog()
    the_map = evidence_map(catalog)
    assert the_map.areas == tuple(catalog.vocabulary.names("area"))
    assert the_map.kinds == tuple(catalog.vocabulary.names("knowledge_kind"))
    assert len(the_map.cells) == len(the_map.areas) * len(the_map.kinds)
    homelessness = the_map.cell("Hemlöshet", "utvärdering")
    assert [p.id for p in homelessness.projects] == ["bostad-forst-farsta"]
    assert homelessness.final_reports == 1
    assert the_map.cell("Familjerätt", "utvärdering").projects == ()
    filled = sum(1 for cell in the_map.cells.values() if cell.projects)
    assert the_map.gaps == len(the_map.cells) - filled
    # The Älvsjö project names no kind of knowledge: it is counted, not hidden.
    assert [p.id for p in the_map.unclassified] == ["alvsjo-hemloshet"]


def test_a_target_group_and_a_first_year_narrow_the_map():
    catalog = _catalog()
    young = evidence_map(catalog, target_group="unga")
    assert {p.id for c in young.cells.values() for p in c.projects} == {"ungdomar-i-skarholmen"}
    assert young.unclassified == ()
    late = evidence_map(catalog, from_year=2020)
    assert late.cell("Hemlöshet", "utvärdering").projects == ()  # Bostad först ran 2018–2019
    assert [p.id for p in late.cell("Ungdomsbrottslighet", "metodutveckling").projects] == ["ungdomar-i-skarholmen"]
    assert years(catalog) == sorted({y for p in catalog.projects for y in p.years})
