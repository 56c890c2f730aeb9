"""The relevance benchmark's harness on a handful of queries, so that it cannot rot: both engines
are asked in headless Chromium on the fixture corpus, as `make bench` does on the real content."""

import pytest

from kunskapsbanken.bench.relevance import Query, measure, score, table

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE

pytestmark = pytest.mark.browser

QUERIES = [
    Query("Oslo", "stadsdel", ("studieresa-till-oslo",)),
    Query("hemlöshet", "ord", ("alvsjo-hemloshet", "bostad-forst-farsta")),
    Query("hemlösa", "böjning", ("alvsjo-hemloshet", "bostad-forst-farsta")),
    Query("bostadslöshet", "synonym", ("alvsjo-hemloshet", "bostad-forst-farsta")),
]


def test_both_engines_answer_and_ours_finds_inflections_and_aliases(browser, tmp_path):
    import shutil

    projects = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    shutil.copyfile(VOCABULARY_FILE, projects / VOCABULARY_FILE.name)
    answers = measure(projects, tmp_path, QUERIES, browser)
    assert set(answers) == {"vår", "material"}
    assert answers["material"]["Oslo"] == ["studieresa-till-oslo"], answers  # Material's search was really asked
    ours = score(QUERIES, answers["vår"])
    assert ours.zero_hits == 0 and ours.recall == 1.0, answers
    assert "| Recall@10 | 1,00 |" in table(QUERIES, answers)
