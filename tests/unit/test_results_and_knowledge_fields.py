"""Target groups, kinds of knowledge and measured results: checked like every other field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.results import figure_text, measure_groups, result_text
from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE
from tests.unit.checker_support import GOOD, problems_of

RESULT = """resultat:
  - mått: Självskattad kunskap
    enhet: medelvärde, skala 1–5
    före: 2.41
    efter: 4.1
    år: 2020
    källa: Enkät
"""


def _with(extra: str) -> str:
    return GOOD.replace("status: avslutat\n", "status: avslutat\n" + extra)


def _errors(tmp_path: Path, text: str) -> list:
    return [p for p in problems_of(tmp_path, {"bo-kvar.md": text}) if p.is_error]


def test_a_page_with_target_groups_kinds_and_a_result_passes(tmp_path):
    text = _with("målgrupper: [unga, Föräldrar]\nkunskapstyp: Utvärdering\n" + RESULT)
    assert _errors(tmp_path, text) == []


@pytest.mark.parametrize("extra, field, words, suggestion", [
    ("målgrupper: [ungdommar]\n", "målgrupper.1", "okänd målgrupp 'ungdommar'", "unga"),
    ("kunskapstyp: utvärdring\n", "kunskapstyp", "okänd kunskapstyp 'utvärdring'", "utvärdering"),
])
def test_an_unknown_term_gets_a_suggestion_from_the_vocabulary(tmp_path, extra, field, words, suggestion):
    [error] = _errors(tmp_path, _with(extra))
    assert (error.field, error.suggestion) == (field, suggestion)
    assert words in error.message


@pytest.mark.parametrize("broken, field, words", [
    (RESULT.replace("    efter: 4.1\n", ""), "resultat.1.efter", "'före' saknar 'efter'"),
    (RESULT.replace("    före: 2.41\n", ""), "resultat.1.före", "'efter' saknar 'före'"),
    (RESULT.replace("    enhet: medelvärde, skala 1–5\n", ""), "resultat.1.enhet", "obligatoriskt fält saknas"),
    (RESULT.replace("före: 2.41", 'före: "2,41"'), "resultat.1.före", "skriv 2.41 utan citattecken"),
    (RESULT.replace("efter: 4.1", "efter: fyra"), "resultat.1.efter", "ska vara ett tal, inte texten 'fyra'"),
    (RESULT.replace("    före: 2.41\n    efter: 4.1\n", ""), "resultat.1.värde", "ange 'värde', eller 'före' och 'efter'"),
])
def test_the_checker_catches_each_broken_result_at_its_line(tmp_path, broken, field, words):
    text = _with(broken)
    [error] = _errors(tmp_path, text)
    assert error.field == field
    assert words in error.message
    # The line is the result's own, below 'resultat:' in the page.
    assert error.line > text.split("\n").index("resultat:")


def test_results_of_the_same_measure_are_grouped_whatever_the_case():
    catalog, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    groups = measure_groups(catalog.projects)
    assert [g.measure for g in groups] == ["Boende kvar efter ett år", "Nöjda deltagare"]
    satisfied = groups[1]
    assert [(p.id, figure_text(r)) for p, r in satisfied.rows] == [
        ("bostad-forst-farsta", "61 → 70,5"), ("ungdomar-i-skarholmen", "78")]
    assert result_text(satisfied.rows[0][1]) == "Nöjda deltagare: 61 → 70,5 (procent; 2021)"


def test_the_new_facets_list_their_terms_in_the_vocabulary_order():
    catalog, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    kinds = {t.name: [p.id for p in t.projects] for t in catalog.terms("knowledge_kind")}
    assert list(kinds)[:3] == ["utvärdering", "kartläggning", "systematisk översikt"]
    assert kinds["utvärdering"] == ["bostad-forst-farsta", "utvardering-av-vald"]
    groups = {t.name: [p.id for p in t.projects] for t in catalog.terms("target_group")}
    assert groups["unga"] == ["ungdomar-i-skarholmen"]
