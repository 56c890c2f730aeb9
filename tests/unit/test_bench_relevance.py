"""The relevance benchmark's judgements and measures (the benchmark itself runs in `make bench`)."""

import math

import pytest

from kunskapsbanken.bench import relevance
from kunskapsbanken.bench.relevance import Query, load_queries, ndcg, ranked_projects, recall, score

from tests.support import REPO


def test_the_judgements_cover_every_kind_of_query_and_name_real_projects():
    queries = load_queries()
    assert len(queries) >= 60
    assert {q.kind for q in queries} == set(relevance.KINDS)
    ids = {p.stem for p in (REPO / "projects").glob("*.md")} | {p.parent.name for p in (REPO / "projects").glob("*/index.md")}
    for query in queries:
        assert query.relevant and set(query.relevant) <= ids, query
    assert len({q.text for q in queries}) == len(queries)


def test_hits_count_once_per_project_pdf_pages_included():
    urls = ["http://x/projekt/a/", "http://x/projekt/b/rapport.pdf#page=2", "http://x/projekt/a/rapport.pdf#page=1",
            "http://x/omraden/hemloshet/", "http://x/projekt/c/"]
    assert ranked_projects(urls, limit=2) == ["a", "b"]


def test_recall_and_ndcg():
    assert recall(["a", "x", "b"], ("a", "b")) == 1.0
    assert recall(["x"], ("a", "b")) == 0.0
    assert ndcg(["a", "b"], ("a", "b")) == pytest.approx(1.0)
    assert ndcg(["x", "a"], ("a",)) == pytest.approx(1 / math.log2(3))
    queries = [Query("q1", "ord", ("a",)), Query("q2", "ord", ("b",))]
    scores = score(queries, {"q1": ["a"], "q2": []})
    assert (scores.zero_hits, scores.recall, scores.ndcg) == (1, 0.5, 0.5)
