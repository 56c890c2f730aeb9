"""Similar projects: alike in their own words, stemmed the Swedish way, never the editor's own choice."""

from __future__ import annotations

from pathlib import Path

from kunskapsbanken.model import Project, ProjectType, Status
from kunskapsbanken.similarity import analyse, similar_projects


def _project(pid: str, title: str, summary: str, related: tuple[str, ...] = ()) -> Project:
    return Project.model_construct(
        id=pid, title=title, summary=summary, body="", keywords=[], related=list(related), documents=[],
        type=ProjectType.FUM, years=[2020], areas=["Hemlöshet"], status=Status.FINISHED, source=Path(f"{pid}.md"),
        file_sizes={})


def test_inflected_forms_are_one_word():
    assert analyse("hemlösa")[0] == analyse("hemlösheten")[0] == analyse("Hemlöshet")[0]
    assert analyse("ungdomar") == analyse("ungdomarna")


def test_the_most_alike_project_comes_first_and_neither_itself_nor_a_named_relation_is_suggested():
    projects = [
        _project("a", "Hemlösa i Farsta", "Stöd till hemlösa med bostad först och boendestöd."),
        _project("b", "Hemlösheten i Älvsjö", "Bostad först för personer i hemlöshet, med boendestöd."),
        _project("c", "Skolsociala team", "Elever, skola och kuratorer i skolsociala team."),
        _project("d", "Vräkningar", "Vräkningsförebyggande arbete för hemlösa familjer och bostad.", related=("a",)),
    ]
    suggestions = similar_projects(projects, attachments=lambda p: "")
    assert [p.id for p in suggestions["a"]][0] == "b"
    assert all(p.id != "a" for p in suggestions["a"])
    # 'd' names 'a' as related: the page lists that already, so it is no suggestion either way.
    assert "d" not in [p.id for p in suggestions["a"]]
    assert "a" not in [p.id for p in suggestions["d"]]
    # Nothing in common with the school project: no suggestion rather than a bad one.
    assert "c" not in [p.id for p in suggestions["a"]]


def test_at_most_five_suggestions():
    projects = [_project(str(i), f"Hemlöshet {i}", "Bostad först och boendestöd för hemlösa.") for i in range(9)]
    suggestions = similar_projects(projects, attachments=lambda p: "")
    assert all(len(found) == 5 for found in suggestions.values())
