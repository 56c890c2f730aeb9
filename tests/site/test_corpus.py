"""The benchmark corpus generator writes pages that pass the checker and build strictly."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from kunskapsbanken.bench.corpus import generate
from kunskapsbanken.catalog import load_catalog
from tests.support import build_site

COUNT = 30
PDF_PAGES = 1


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "projects"
    pages = generate(folder, COUNT, seed=7, pdf_pages=PDF_PAGES)
    assert len(pages) == COUNT
    return folder


def test_pages_load_without_problems(corpus):
    catalog, problems = load_catalog(corpus)
    assert [str(p) for p in problems if p.is_error] == []
    assert len(catalog.projects) == COUNT


def test_corpus_has_variety(corpus):
    catalog, _ = load_catalog(corpus)
    projects = catalog.projects
    assert len({p.type for p in projects}) == 3
    assert len({area for p in projects for area in p.areas}) >= 4
    assert len({year for p in projects for year in p.years}) >= 5
    # Seed 7 gives a few projects with PDF reports beside their index.md.
    pdfs = sorted(corpus.glob("*/*.pdf"))
    assert pdfs, "inga PDF-bilagor skrevs"
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_pdfs_have_a_text_layer(corpus):
    from pypdf import PdfReader

    pdf = sorted(corpus.glob("*/*.pdf"))[0]
    text = PdfReader(pdf).pages[0].extract_text()
    words = text.split()
    assert len(words) > 50
    assert {"och", "att", "som", "det"} & set(words)


def test_checker_accepts_corpus(corpus):
    if importlib.util.find_spec("kunskapsbanken.checks") is None:
        pytest.skip("kunskapsbanken.checks finns inte ännu")
    from kunskapsbanken.checks import check_all

    problems = check_all(corpus)
    problems = problems[1] if isinstance(problems, tuple) else problems
    assert [str(p) for p in problems if p.is_error] == []


def test_corpus_builds_strictly(corpus, tmp_path):
    site = build_site(corpus, tmp_path / "site")
    catalog, _ = load_catalog(corpus)
    for project in catalog.projects:
        assert (site / "projekt" / project.id / "index.html").is_file()


def test_same_seed_same_output(corpus, tmp_path):
    again = tmp_path / "again"
    generate(again, COUNT, seed=7, pdf_pages=PDF_PAGES)
    assert _digest(again) == _digest(corpus)
    other = tmp_path / "other"
    generate(other, COUNT, seed=8, pdf_pages=PDF_PAGES)
    assert _digest(other) != _digest(corpus)
