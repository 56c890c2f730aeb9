"""Above a number of pages the checker reads every other page in a forked process: same answer."""

from __future__ import annotations

import shutil

from kunskapsbanken import background, checks, pdf
from kunskapsbanken.checks import check_all

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE
from tests.unit.checker_support import GOOD


def _answer(corpus, monkeypatch, parallel_from: int):
    forks = []

    class Counted(checks.Forked):
        def __init__(self, job):
            forks.append(job)
            super().__init__(job)

    monkeypatch.setattr(checks, "PARALLEL_PAGES", parallel_from)
    monkeypatch.setattr(checks, "Forked", Counted)
    monkeypatch.setattr(background, "fork_is_safe", lambda: True)  # other tests' servers may have left threads
    catalog, problems = check_all(corpus, VOCABULARY_FILE)
    return [p.id for p in catalog.projects], [str(p) for p in problems], len(forks)


def test_two_processes_give_the_same_catalog_and_problems(tmp_path, monkeypatch):
    corpus = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, corpus)
    for number in range(12):  # good pages and broken ones, with errors and warnings on either side
        page = GOOD.replace("titel: Bo kvar", f"titel: Projekt {number}")
        if number % 3 == 0:
            page = page.replace("områden: [Hemlöshet]", "områden: [Hemlöshe]")
        if number % 4 == 1:
            page = page.replace("Brödtext om projektet.", "Ring 19121212-1212 om projektet.")
        (corpus / f"projekt-{number}.md").write_text(page, encoding="utf-8")
    pdf._cache.clear()
    *alone, forks_alone = _answer(corpus, monkeypatch, 10**9)
    pdf._cache.clear()
    *shared, forks_shared = _answer(corpus, monkeypatch, 1)
    assert (forks_alone, forks_shared) == (0, 1)
    assert shared == alone
    assert any("Hemlöshe" in p for p in alone[1]) and any("personnummer" in p for p in alone[1])
    assert len(alone[0]) == 5 + 12
    # The PDF the child read (every other page) came back: the search index is not made to read it again.
    assert any(key[0].endswith("slutrapport.pdf") for key in pdf.known())
