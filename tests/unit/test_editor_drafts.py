"""Drafts are checked in the whole content, and saved without losing anything."""

from __future__ import annotations


import pytest

from kunskapsbanken.authoring import page_text
from kunskapsbanken.editor import drafts
from kunskapsbanken.editor.form import form_spec, place
from kunskapsbanken.editor.page_file import digest
from kunskapsbanken.editor.uploads import Staging, UploadError, check_pdf, safe_name
from kunskapsbanken.vocabulary import Vocabulary
from tests.support import VOCABULARY_FILE
from tests.unit.checker_support import pdf_with_text

SPEC = form_spec(Vocabulary.load(VOCABULARY_FILE))
NEW = {"titel": "Unga i Rinkeby", "typ": "FUM", "år": [2020], "områden": ["Barn och unga"],
       "status": "pågående", "sammanfattning": "Rinkeby prövar nytt stöd."}


def test_a_draft_is_checked_against_the_rest_of_the_content(projects):
    text = page_text({**NEW, "relaterade": ["finns-inte", "bostad-forst-farsta"]})
    problems = drafts.check(projects, drafts.Draft("unga-i-rinkeby", text))
    assert [(p.field, p.message) for p in problems] == [
        ("relaterade.1", "det finns inget projekt med id 'finns-inte'")]
    assert not (projects / "unga-i-rinkeby.md").exists()


def test_an_edited_page_replaces_its_saved_self_in_the_check(projects):
    page = projects / "alvsjo-hemloshet.md"
    text = page.read_text(encoding="utf-8").replace("status: avbrutet", "status: kanske")
    problems = drafts.check(projects, drafts.Draft("alvsjo-hemloshet", text, page))
    assert [p.field for p in problems] == ["status"]
    assert "kanske" not in page.read_text(encoding="utf-8")


def test_a_lasting_copy_reads_only_the_draft_and_pages_saved_since_the_last_check(projects, tmp_path):
    copy = drafts.ContentCopy(projects, tmp_path / "kopia")
    page = projects / "alvsjo-hemloshet.md"
    original = page.read_text(encoding="utf-8")
    everything = len(list(projects.glob("*.md"))) + len(list(projects.glob("*/index.md")))

    def check(value: str) -> list[str]:
        text = original.replace("status: avbrutet", f"status: {value}")
        return [p.message for p in drafts.check(projects, drafts.Draft("alvsjo-hemloshet", text, page), copy)
                if p.field == "status"]

    assert any("'kanske'" in message for message in check("kanske"))
    assert copy.checked.read == everything
    # Same size, same place: the draft is read again all the same.
    assert any("'kanskf'" in message for message in check("kanskf"))
    assert copy.checked.read == 1
    # Another editor saves a page meanwhile: it is read again too.
    other = projects / "studieresa-till-oslo.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nEtt nytt stycke.\n", encoding="utf-8")
    assert check("avbrutet") == []
    assert copy.checked.read == 2


def test_every_problem_of_the_checker_lands_at_its_field():
    text = page_text({**NEW, "områden": ["Barn och unga", "Hemlöshe"], "belopp": {2020: 1},
                      "dokument": [{"typ": "slutrapport", "titel": "A"}, {"typ": "rapport", "titel": "B"}]},
                     "## Syfte\n\nRing 19121212-1212.")
    from kunskapsbanken.problems import Problem
    from pathlib import Path

    problems = [Problem(Path("x"), 4, 1, "områden.2", "okänt område 'Hemlöshe'"),
                Problem(Path("x"), 5, 1, "belopp.2020", "för mycket"),
                Problem(Path("x"), 9, 1, "dokument.2.fil", "saknas"),
                Problem(Path("x"), 9, 1, "dokument.2", "fel"),
                Problem(Path("x"), 4, 10, "", "texten innehåller ett personnummer"),  # line 4: år
                Problem(Path("x"), text.count("\n"), 6, "", "texten innehåller ett personnummer"),
                Problem(Path("x"), 1, 1, "", "filnamnet ska vara projektets id")]
    messages = place(SPEC, problems, text)
    assert {target: [p.message for p in found] for target, found in messages.by_field.items()} == {
        "falt-ar": ["texten innehåller ett personnummer"],
        "falt-omraden": ["okänt område 'Hemlöshe'"],
        "falt-belopp": ["för mycket"],
        "dokument-1-fil": ["saknas"],
        "dokument-1-titel": ["fel"],
        "falt-text": ["texten innehåller ett personnummer"],
    }
    assert [p.message for p in messages.page] == ["filnamnet ska vara projektets id"]


def test_a_new_page_is_saved_once_and_never_over_another(projects):
    draft = drafts.Draft("unga-i-rinkeby", page_text(NEW))
    saved = drafts.save(projects, draft)
    assert saved == projects.resolve() / "unga-i-rinkeby.md"
    with pytest.raises(drafts.Conflict, match="finns redan"):
        drafts.save(projects, drafts.Draft("unga-i-rinkeby", page_text({**NEW, "titel": "Annan"})))
    assert "titel: Unga i Rinkeby" in saved.read_text(encoding="utf-8")


def test_the_second_editor_saving_the_same_page_gets_a_conflict(projects):
    page = projects / "alvsjo-hemloshet.md"
    opened = digest(page.read_bytes())
    first = page.read_text(encoding="utf-8").replace("status: avbrutet", "status: avslutat")
    second = page.read_text(encoding="utf-8").replace("avbröts", "stoppades")
    drafts.save(projects, drafts.Draft("alvsjo-hemloshet", first, page, opened))
    with pytest.raises(drafts.Conflict, match="någon annan har sparat sidan"):
        drafts.save(projects, drafts.Draft("alvsjo-hemloshet", second, page, opened))
    assert page.read_text(encoding="utf-8") == first


def test_a_page_that_gets_its_first_pdf_moves_into_its_own_folder(projects, tmp_path):
    page = projects / "alvsjo-hemloshet.md"
    staging = Staging.new(tmp_path / "uppladdningar")
    name = staging.add("Slutrapport Älvsjö.pdf", pdf_with_text(tmp_path / "r.pdf", "Rapport").read_bytes(), set())
    assert name == "slutrapport-alvsjo.pdf"
    text = page.read_text(encoding="utf-8")
    draft = drafts.Draft("alvsjo-hemloshet", text, page, digest(page.read_bytes()), staging.files())
    saved = drafts.save(projects, draft)
    assert saved == projects.resolve() / "alvsjo-hemloshet" / "index.md"
    assert saved.read_text(encoding="utf-8") == text and not page.exists()
    assert (saved.parent / name).read_bytes() == (staging.folder / name).read_bytes()


@pytest.mark.parametrize("page_id", ["../utanfor", "..", "/etc/passwd"])
def test_nothing_is_written_outside_the_content_folder(projects, page_id):
    with pytest.raises((PermissionError, drafts.Conflict, OSError)):
        drafts.save(projects, drafts.Draft(page_id, page_text(NEW)))
    assert not (projects.parent / "utanfor.md").exists()


@pytest.mark.parametrize("filename, expected", [
    ("../../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\anna\\Slutrapport 2019 (slutlig).PDF", "slutrapport-2019-slutlig.pdf"),
    ("..", "dokument.pdf"),
    ("räkning\x00.pdf", "rakning.pdf"),
])
def test_uploaded_file_names_are_made_safe(filename, expected):
    assert safe_name(filename) == expected


def test_only_pdfs_within_the_limit_are_accepted(tmp_path):
    check_pdf("a.pdf", b"%PDF-1.7\n...")
    with pytest.raises(UploadError, match="ingen PDF"):
        check_pdf("rapport.pdf", b"PK\x03\x04 a zip file called .pdf")
    with pytest.raises(UploadError, match="högst"):
        check_pdf("stor.pdf", b"%PDF-" + b"0" * 2000, limit=1000)
    with pytest.raises(UploadError, match="tom"):
        check_pdf("tom.pdf", b"")


def test_a_staging_token_from_a_form_is_never_a_path(tmp_path):
    assert Staging.existing(tmp_path, "../../etc") is None
    assert Staging.existing(tmp_path, "a" * 32).folder == tmp_path / ("a" * 32)


def test_an_upload_never_takes_the_name_of_another_file(tmp_path):
    staging = Staging.new(tmp_path)
    assert staging.add("Rapport.pdf", b"%PDF-1", {"rapport.pdf", "rapport-2.pdf"}) == "rapport-3.pdf"


def test_uploads_of_a_form_left_for_a_day_are_removed(tmp_path):
    import os
    import time

    old = Staging.new(tmp_path)
    old.add("gammal.pdf", b"%PDF-1", set())
    recent = Staging.new(tmp_path)
    recent.add("ny.pdf", b"%PDF-1", set())
    day_ago = time.time() - 25 * 60 * 60
    os.utime(old.folder, (day_ago, day_ago))
    Staging.new(tmp_path)
    assert not old.folder.exists() and recent.files()
