"""Loading project pages: every problem at once, each with its file, line and field."""

from pathlib import Path

import pytest

from kunskapsbanken.loader import load_project, project_id_for
from kunskapsbanken.vocabulary import Vocabulary

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.load(VOCABULARY_FILE)


def write(tmp_path: Path, text: str, name: str = "projekt.md", raw: bytes | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return path


GOOD = """---
titel: Bo kvar
typ: LUM
år: 2018
områden: [Hemlöshet]
förvaltning: Skärholmen
status: avslutat
sammanfattning: Vräkningsförebyggande arbete. Två meningar.
---
Brödtext.
"""


def test_fixture_project_loads_with_canonical_terms(vocabulary):
    path = FIXTURE_PROJECTS / "alvsjo-hemloshet.md"
    project, problems = load_project(path, FIXTURE_PROJECTS, vocabulary)
    assert [p for p in problems if p.is_error] == []
    assert project.areas == ["Hemlöshet"]  # written as the alias 'Bostadslöshet'
    assert project.administration == "Älvsjö"  # written as 'Älvsjö stadsdelsförvaltning'
    assert project.id == "alvsjo-hemloshet"
    assert project.body.startswith("Medlen")


def test_folder_project_gets_its_id_from_the_folder():
    assert project_id_for(FIXTURE_PROJECTS / "bostad-forst-farsta" / "index.md", FIXTURE_PROJECTS) == "bostad-forst-farsta"


def test_editor_sees_every_error_with_its_line(tmp_path, vocabulary):
    text = GOOD.replace("typ: LUM", "typ: LUMM").replace("områden: [Hemlöshet]", "områden: [Hemlöshe]") \
        .replace("status: avslutat", "status: klar\ntitell: x")
    project, problems = load_project(write(tmp_path, text), tmp_path, vocabulary)
    assert project is None
    found = {(p.field, p.line) for p in problems}
    assert ("typ", 3) in found
    assert ("områden.1", 5) in found
    assert ("status", 7) in found
    assert ("titell", 8) in found
    by_field = {p.field: p for p in problems}
    assert by_field["områden.1"].suggestion == "Hemlöshet"
    assert by_field["typ"].suggestion == "LUM"
    assert by_field["titell"].suggestion == "titel"
    assert str(by_field["områden.1"]).endswith("okänt område 'Hemlöshe' – menade du 'Hemlöshet'?")


def test_missing_required_field_for_the_type_is_named(tmp_path, vocabulary):
    text = GOOD.replace("typ: LUM", "typ: MUL")
    _, problems = load_project(write(tmp_path, text), tmp_path, vocabulary)
    assert any(p.field == "resmål" and "obligatoriskt för MUL" in p.message for p in problems)


def test_destination_only_for_trips(tmp_path, vocabulary):
    text = GOOD.replace("status: avslutat", "status: avslutat\nresmål: Oslo, Norge")
    _, problems = load_project(write(tmp_path, text), tmp_path, vocabulary)
    assert any(p.field == "resmål" and p.line == 8 for p in problems)


def test_yaml_syntax_error_names_the_line(tmp_path, vocabulary):
    text = GOOD.replace("förvaltning: Skärholmen", "förvaltning: [Skärholmen")
    _, problems = load_project(write(tmp_path, text), tmp_path, vocabulary)
    assert len(problems) == 1 and problems[0].line >= 6 and "YAML" in problems[0].message


def test_missing_and_unclosed_front_matter(tmp_path, vocabulary):
    _, missing = load_project(write(tmp_path, "titel: x\n", "a.md"), tmp_path, vocabulary)
    _, unclosed = load_project(write(tmp_path, "---\ntitel: x\n", "b.md"), tmp_path, vocabulary)
    assert "saknar front matter" in missing[0].message
    assert "avslutas aldrig" in unclosed[0].message


def test_bom_and_crlf_are_read_and_reported(tmp_path, vocabulary):
    raw = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    project, problems = load_project(write(tmp_path, "", raw=raw), tmp_path, vocabulary)
    assert project is not None and project.title == "Bo kvar"
    messages = " ".join(p.message for p in problems)
    assert "BOM" in messages and "CRLF" in messages
    assert all(not p.is_error for p in problems)


def test_latin1_file_is_an_error_with_its_line(tmp_path, vocabulary):
    raw = GOOD.encode("latin-1")
    _, problems = load_project(write(tmp_path, "", raw=raw), tmp_path, vocabulary)
    encoding = [p for p in problems if "UTF-8" in p.message]
    assert encoding and encoding[0].is_error and encoding[0].line == 4  # 'år' holds the first non-UTF-8 byte


def test_impossible_date_is_a_message_not_a_crash(tmp_path, vocabulary):
    text = GOOD.replace("status: avslutat", "status: avslutat\nstartdatum: 2020-13-01")
    _, problems = load_project(write(tmp_path, text), tmp_path, vocabulary)
    assert any(p.field == "startdatum" and "ogiltigt datum" in p.message for p in problems)


def test_loading_never_changes_the_file(tmp_path, vocabulary):
    path = write(tmp_path, GOOD.replace("typ: LUM", "typ: X"))
    before = path.read_bytes()
    load_project(path, tmp_path, vocabulary)
    assert path.read_bytes() == before
