"""A document's id: its own 'id', else its file's name, else its title; unique within the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from kunskapsbanken.loader import load_project
from kunskapsbanken.model import Document
from kunskapsbanken.schema import project_schema
from kunskapsbanken.vocabulary import Vocabulary
from tests.support import VOCABULARY_FILE

HEAD = """---
titel: Bo kvar
typ: LUM
år: 2018
områden: [Hemlöshet]
förvaltning: Skärholmen
status: avslutat
sammanfattning: Vräkningsförebyggande arbete.
dokument:
"""


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.load(VOCABULARY_FILE)


def load(tmp_path: Path, vocabulary, documents: str):
    path = tmp_path / "bo-kvar.md"
    path.write_text(HEAD + documents + "---\n", encoding="utf-8")
    return load_project(path, tmp_path, vocabulary)


def test_the_id_comes_from_id_then_file_then_title():
    assert Document(typ="slutrapport", titel="Slutrapport Bo kvar 2018").id == "slutrapport-bo-kvar-2018"
    assert Document(typ="slutrapport", titel="Slutrapport", fil="Slutrapport_2019.pdf").id == "slutrapport-2019"
    assert Document(typ="slutrapport", titel="Slutrapport", fil="rapport.pdf", id="bo-kvar-2018").id == "bo-kvar-2018"
    # Editing the title does not move a document that has a file or an id.
    assert Document(typ="slutrapport", titel="Ny titel", fil="rapport.pdf").id == "rapport"


def test_a_long_title_gives_a_readable_id_cut_at_a_word():
    title = ("Användning av Motiverande samtal i Stockholms stad och kompetens vid 4 enheter efter "
             "handledning grundad på objektiv prestation")
    identifier = Document(typ="slutrapport", titel=title).id
    assert identifier == "anvandning-av-motiverande-samtal-i-stockholms-stad-och"
    assert len(identifier) <= 60


def test_two_documents_with_the_same_id_is_an_error_that_says_what_to_do(tmp_path, vocabulary):
    project, problems = load(tmp_path, vocabulary, """\
  - typ: slutrapport
    titel: Slutrapport
  - typ: delrapport
    titel: Slutrapport
""")
    assert project is None
    problem, = problems
    assert (problem.field, problem.line) == ("dokument.2", 12)
    assert "dokument 2 får samma id 'slutrapport' som dokument 1" in problem.message
    assert "'slutrapport-2'" in problem.message


def test_an_id_that_is_not_slug_like_is_reported_with_a_suggestion(tmp_path, vocabulary):
    project, problems = load(tmp_path, vocabulary, """\
  - typ: slutrapport
    titel: Slutrapport
    id: Rapport Två
""")
    assert project is None
    problem, = problems
    assert (problem.field, problem.line, problem.column) == ("dokument.1.id", 12, 9)
    assert "kan inte vara ett id" in problem.message and problem.suggestion == "rapport-tva"


def test_the_json_schema_offers_the_id_to_editors():
    documents = project_schema()["$defs"]["Document"]["properties"]
    assert documents["id"]["anyOf"][0]["pattern"] == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
