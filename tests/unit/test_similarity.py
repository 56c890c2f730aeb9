"""Similar projects: alike in their own words, stemmed the Swedish way, never the editor's own choice."""

from __future__ import annotations

from pathlib import Path

from kunskapsbanken.model import Project, ProjectType, Status
from kunskapsbanken.similarity import entries, similar_ids, term_counts


def _project(pid: str, title: str, summary: str, related: tuple[str, ...] = ()) -> Project:
    return Project.model_construct(
        id=pid, title=title, summary=summary, body="", keywords=[], related=list(related), documents=[],
        type=ProjectType.FUM, years=[2020], areas=["Hemlöshet"], status=Status.FINISHED, source=Path(f"{pid}.md"),
        file_sizes={})


def test_inflected_forms_are_one_word():
    counts = term_counts("hemlösa hemlösheten Hemlöshet ungdomar ungdomarna i")
    assert sorted(counts.values()) == [2, 3]  # one stem each; words under three letters are no terms
    assert term_counts("våld") != term_counts("vald")


def test_the_most_alike_project_comes_first_and_neither_itself_nor_a_named_relation_is_suggested():
    projects = [
        _project("a", "Hemlösa i Farsta", "Stöd till hemlösa med bostad först och boendestöd."),
        _project("b", "Hemlösheten i Älvsjö", "Bostad först för personer i hemlöshet, med boendestöd."),
        _project("c", "Skolsociala team", "Elever, skola och kuratorer i skolsociala team."),
        _project("d", "Vräkningar", "Vräkningsförebyggande arbete för hemlösa familjer och bostad.", related=("a",)),
    ]
    suggestions = similar_ids(entries(projects, attachments=lambda p: ""))
    assert suggestions["a"][0] == "b"
    assert "a" not in suggestions["a"]
    # 'd' names 'a' as related: the page lists that already, so it is no suggestion either way.
    assert "d" not in suggestions["a"]
    assert "a" not in suggestions["d"]
    # Nothing in common with the school project: no suggestion rather than a bad one.
    assert "c" not in suggestions["a"]


def test_at_most_five_suggestions():
    projects = [_project(str(i), f"Hemlöshet {i}", "Bostad först och boendestöd för hemlösa.") for i in range(9)]
    suggestions = similar_ids(entries(projects, attachments=lambda p: ""))
    assert all(len(found) == 5 for found in suggestions.values())


def test_the_background_job_gives_what_the_catalog_computes_itself():
    from kunskapsbanken.catalog import load_catalog
    from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE

    direct, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    background, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    background.similar_in_background()
    for project in direct.projects:
        assert [p.id for p in background.similar(project)] == [p.id for p in direct.similar(project)]
