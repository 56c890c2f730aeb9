"""Feed dates: own date or first appearance in git, never the build time; distinct instants."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from kunskapsbanken import history
from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.views import feeds
from tests.support import VOCABULARY_FILE

HEAD = "titel: {title}\ntyp: FUM\når: 2019\nområden: [{area}]\nstatus: avslutat\nsammanfattning: S.\n"


def write(folder: Path, name: str, documents: str, area: str = "Hemlöshet") -> Path:
    path = folder / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + HEAD.format(title=name.capitalize(), area=area) + "dokument:\n" + documents + "---\n",
                    encoding="utf-8")
    return path


def git(folder: Path, *args: str, when: str = "2024-05-06T10:00:00+02:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Redaktör",
           "GIT_AUTHOR_EMAIL": "r@example.org", "GIT_COMMITTER_NAME": "Redaktör",
           "GIT_COMMITTER_EMAIL": "r@example.org"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repository(tmp_path):
    folder = tmp_path / "projects"
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "vokabular.yml").write_bytes(VOCABULARY_FILE.read_bytes())
    return folder


def test_first_appearance_follows_renames_in_one_git_call(repository, monkeypatch):
    write(repository, "bo-kvar", "  - typ: slutrapport\n    titel: Rapport\n")
    git(repository, "add", ".")
    git(repository, "commit", "-qm", "Bo kvar", when="2019-03-04T09:00:00+01:00")
    (repository / "bo-kvar").mkdir()
    git(repository, "mv", "bo-kvar.md", "bo-kvar/index.md")
    (repository / "bo-kvar" / "rapport.pdf").write_bytes(b"%PDF-1.4\n")
    git(repository, "add", ".")
    git(repository, "commit", "-qm", "Bilaga", when="2021-06-07T12:00:00+02:00")
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(history.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    appeared = history.first_appearances(repository)
    assert len(calls) == 1
    assert appeared[repository.resolve() / "bo-kvar" / "index.md"] == dt.datetime.fromisoformat("2019-03-04T09:00:00+01:00")
    assert appeared[repository.resolve() / "bo-kvar" / "rapport.pdf"].year == 2021


def test_without_git_nothing_is_known(tmp_path):
    assert history.first_appearances(tmp_path) == {}


def test_documents_are_dated_by_their_own_date_else_first_appearance_else_left_out(repository):
    write(repository, "ett", "  - typ: slutrapport\n    titel: Daterad\n    datum: 2018\n"
                             "  - typ: delrapport\n    titel: Odaterad\n")
    git(repository, "add", ".")
    git(repository, "commit", "-qm", "Ett", when="2024-05-06T10:00:00+02:00")
    write(repository, "tva", "  - typ: slutrapport\n    titel: Ny och odaterad\n", area="Missbruk")
    catalog, _ = load_catalog(repository)
    # The build fills in the history; without it only a document's own date is known.
    assert [f.entry.document.title for f in feeds.feed_entries(catalog)] == ["Daterad"]
    catalog.first_appeared = history.first_appearances(repository)
    dated = {f.entry.document.title: f.instant for f in feeds.feed_entries(catalog)}
    assert set(dated) == {"Daterad", "Odaterad"}
    assert dated["Daterad"].date() == dt.date(2018, 1, 1)
    # Never later than the commit it first appeared in, and at most a minute before it.
    commit = dt.datetime.fromisoformat("2024-05-06T10:00:00+02:00")
    assert commit - dt.timedelta(seconds=60) < dated["Odaterad"] <= commit
    problem, = feeds.undated_problems(catalog)
    assert problem.path.name == "tva.md" and problem.field == "dokument.1" and not problem.is_error
    assert feeds.feed_areas(catalog) == ["Hemlöshet"]  # Missbruk has no dated document: no feed


def test_documents_known_to_the_same_year_get_distinct_fixed_instants(tmp_path):
    documents = "".join(f"  - typ: slutrapport\n    titel: Rapport {n}\n    datum: 2018\n" for n in range(40))
    write(tmp_path, "manga", documents)
    write(tmp_path, "andra", "  - typ: slutrapport\n    titel: Rapport 0\n    datum: 2018\n")
    (tmp_path / "vokabular.yml").write_bytes(VOCABULARY_FILE.read_bytes())
    catalog, _ = load_catalog(tmp_path)
    instants = [f.instant for f in feeds.feed_entries(catalog)]
    assert len(instants) == len(set(instants)) == 41
    assert all(i.date() == dt.date(2018, 1, 1) for i in instants)
    assert instants == sorted(instants, reverse=True)
    # Another document in the same year leaves the others' instants as they were.
    write(tmp_path, "tredje", "  - typ: slutrapport\n    titel: Ytterligare\n    datum: 2018\n")
    again, _ = load_catalog(tmp_path)
    before = {feeds.entry_key(f.entry): f.instant for f in feeds.feed_entries(catalog)}
    after = {feeds.entry_key(f.entry): f.instant for f in feeds.feed_entries(again)}
    assert sum(before[key] != after[key] for key in before) <= 1


def test_a_large_import_in_one_commit_still_gets_distinct_instants_before_the_commit(repository):
    documents = "".join(f"  - typ: slutrapport\n    titel: Importerad {n}\n" for n in range(90))
    write(repository, "import", documents)
    git(repository, "add", ".")
    git(repository, "commit", "-qm", "Import", when="2024-05-06T10:00:00+02:00")
    catalog, _ = load_catalog(repository)
    catalog.first_appeared = history.first_appearances(repository)
    instants = [f.instant for f in feeds.feed_entries(catalog)]
    commit = dt.datetime.fromisoformat("2024-05-06T10:00:00+02:00")
    assert len(instants) == len(set(instants)) == 90
    assert all(instant <= commit for instant in instants)
