"""The editor writes normal project pages: an existing page keeps its bytes, comments and body."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest

from kunskapsbanken import authoring
from kunskapsbanken.editor.form import body_text, form_spec, form_values, front_matter
from kunskapsbanken.editor.page_file import PageText, _yaml, atomic_write, edited_text, load_front
from kunskapsbanken.loader import split_page
from kunskapsbanken.vocabulary import Vocabulary
from tests.support import FIXTURE_PROJECTS, REPO, VOCABULARY_FILE

VOCABULARY = Vocabulary.load(VOCABULARY_FILE)
SPEC = form_spec(VOCABULARY)
REAL_PAGES = sorted((REPO / "projects").glob("*.md")) + sorted((REPO / "projects").glob("*/index.md"))
ALL_PAGES = REAL_PAGES + sorted(FIXTURE_PROJECTS.rglob("*.md"))


def _through_the_form(text: str) -> tuple[dict, str]:
    raw, problems = split_page(Path("sida.md"), text)
    assert raw is not None, problems
    form = form_values(SPEC, raw.data, VOCABULARY, raw.body)
    return front_matter(SPEC, form), body_text(form)


def test_there_are_real_pages_to_test():
    assert len(REAL_PAGES) >= 40


@pytest.mark.parametrize("path", ALL_PAGES, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_page_opened_and_saved_unchanged_keeps_every_byte(path):
    text = path.read_text(encoding="utf-8")
    front = PageText.parse(text).front
    dumped = io.StringIO()
    _yaml().dump(load_front(front), dumped)
    assert dumped.getvalue() == front  # the YAML library alone
    data, body = _through_the_form(text)
    assert edited_text(text, data, body, VOCABULARY, SPEC.editable) == text  # the whole way through the form


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.name)
def test_changing_the_status_of_a_real_page_changes_only_that_line(path):
    text = path.read_text(encoding="utf-8")
    data, body = _through_the_form(text)
    data["status"] = "avbrutet" if data["status"] != "avbrutet" else "avslutat"
    changed = edited_text(text, data, body, VOCABULARY, SPEC.editable)
    diff = [line for line in difflib.ndiff(text.splitlines(), changed.splitlines()) if line[:1] in "+-"]
    assert diff == [f"- status: {_status(text)}", f"+ status: {data['status']}"]


def _status(text: str) -> str:
    return next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("status: "))


COMMENTED = """---
# Uppgifterna kommer från årsrapporten 2019.
titel: Bo kvar
typ: LUM
år: [2018]   # bara ett år
områden: [Bostadslöshet]
status: avslutat
sammanfattning: >-
  Skärholmen ville samla krafterna kring
  vräkningsförebyggande arbete.
---

## Syfte

Texten   med  dubbla mellanslag, och en rad utan radslut på slutet."""


def test_an_edit_keeps_comments_aliases_folded_text_and_body():
    data, body = _through_the_form(COMMENTED)
    assert data["områden"] == ["Hemlöshet"]  # the form shows the alias as its term …
    data["titel"] = "Bo kvar i Skärholmen"
    data["förvaltning"] = "Skärholmen"
    changed = edited_text(COMMENTED, data, body, VOCABULARY, SPEC.editable)
    assert changed == COMMENTED.replace("titel: Bo kvar\n", "titel: Bo kvar i Skärholmen\n").replace(
        "områden: [Bostadslöshet]\n", "områden: [Bostadslöshet]\nförvaltning: Skärholmen\n")  # … and keeps it


def test_a_new_list_and_a_new_document_are_written_as_kb_ny_writes_them():
    data, body = _through_the_form(COMMENTED)
    data["nyckelord"] = ["vräkning", "samverkan"]
    data["dokument"] = [{"typ": "slutrapport", "titel": "Slutrapport", "fil": "slutrapport.pdf"}]
    changed = edited_text(COMMENTED, data, body, VOCABULARY, SPEC.editable)
    assert "status: avslutat\ndokument:\n  - typ: slutrapport\n    titel: Slutrapport\n    fil: slutrapport.pdf\n" \
           "nyckelord: [vräkning, samverkan]\nsammanfattning:" in changed
    new = authoring.page_text(data, body)
    assert "dokument:\n  - typ: slutrapport\n    titel: Slutrapport\n    fil: slutrapport.pdf\n" in new
    assert "nyckelord: [vräkning, samverkan]\n" in new


def test_a_changed_body_replaces_only_the_body():
    data, _ = _through_the_form(COMMENTED)
    changed = edited_text(COMMENTED, data, "## Resultat\n\nNy text.", VOCABULARY, SPEC.editable)
    assert changed == COMMENTED.split("---\n\n")[0] + "---\n\n## Resultat\n\nNy text.\n"


def test_a_field_left_empty_is_removed():
    data, body = _through_the_form(COMMENTED)
    del data["år"]
    assert "år:" not in edited_text(COMMENTED, data, body, VOCABULARY, SPEC.editable)


def test_atomic_write_never_replaces_when_exclusive_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sida.md"
    atomic_write(target, b"ett")
    atomic_write(target, b"tv\xc3\xa5")
    assert target.read_bytes() == "två".encode()
    with pytest.raises(FileExistsError):
        atomic_write(target, b"tre", exclusive=True)
    assert target.read_bytes() == "två".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["sida.md"]


def test_an_old_type_spelling_is_shown_as_its_type_and_kept_in_the_file():
    text = COMMENTED.replace("typ: LUM", "typ: MUST").replace("status: avslutat", "status: Avslutat")
    raw, _ = split_page(Path("sida.md"), text)
    form = form_values(SPEC, raw.data, VOCABULARY, raw.body)
    assert form["typ"] == ["MUL"] and form["status"] == ["avslutat"]
    data, body = _through_the_form(text)
    assert edited_text(text, data, body, VOCABULARY, SPEC.editable) == text


def test_results_the_form_does_not_edit_stay_as_they_are():
    path = next(p for p in REAL_PAGES if "\nresultat:" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    data, body = _through_the_form(text)
    assert "resultat" not in data and SPEC.by_key("resultat").widget == "kept"
    data["status"] = "avbrutet"
    changed = edited_text(text, data, body, VOCABULARY, SPEC.editable)
    assert changed.split("\nresultat:", 1)[1] == text.split("\nresultat:", 1)[1]
