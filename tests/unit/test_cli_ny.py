"""`kb ny` in a copy of the real content: one new page, nothing existing touched, never an overwrite."""

import builtins
import io

from kunskapsbanken.loader import load_project
from kunskapsbanken.vocabulary import Vocabulary

from tests.unit.cli_support import added_files, content_copy, kb, snapshot

OPTIONS = ["--typ", "LUM", "--år", "2025", "--område", "Bostadslöshet", "--förvaltning", "Farsta",
           "--status", "pågående", "--sammanfattning", "Ett nytt projekt. Två meningar.", "--fråga-inte"]


def test_new_page_from_options_gets_its_id_from_the_title(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    assert kb("ny", "--projektmapp", corpus, "--titel", "Våld i nära relationer på Östermalm", *OPTIONS) == 0
    assert added_files(before, corpus) == ["vald-i-nara-relationer-pa-ostermalm.md"]
    page = corpus / "vald-i-nara-relationer-pa-ostermalm.md"
    project, problems = load_project(page, corpus, Vocabulary.load(corpus / "vokabular.yml"))
    assert problems == [] and project.areas == ["Hemlöshet"]  # the alias is written as the term
    assert "Skapade" in capsys.readouterr().out


def test_an_existing_page_is_never_overwritten(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    assert kb("ny", "--projektmapp", corpus, "--titel", "Bo kvar", *OPTIONS) == 1
    assert "finns redan" in capsys.readouterr().err
    assert added_files(before, corpus) == []


def test_invalid_answers_write_nothing_and_say_why(tmp_path, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    options = [o if o != "Bostadslöshet" else "Hemlöshe" for o in OPTIONS]
    assert kb("ny", "--projektmapp", corpus, "--titel", "Helt nytt", *options) == 1
    assert "okänt område 'Hemlöshe' – menade du 'Hemlöshet'?" in capsys.readouterr().err
    assert added_files(before, corpus) == []


def test_asks_for_each_field_and_asks_again_on_a_misspelt_term(tmp_path, monkeypatch, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    answers = iter(["Studieresa till Åbo", "MUL", "2025", "Hemlöshe", "Hemlöshet", "Farsta", "Åbo, Finland",
                    "avslutat", "Fältassistenter besökte Åbo.", "", "20000", "", "", ""])
    questions = []

    def answer(prompt=""):
        questions.append(prompt)
        return next(answers)

    monkeypatch.setattr(builtins, "input", answer)
    monkeypatch.setattr("sys.stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    assert kb("ny", "--projektmapp", corpus) == 0
    assert added_files(before, corpus) == ["studieresa-till-abo.md"]
    assert "menade du 'Hemlöshet'?" in capsys.readouterr().err
    assert questions[3] == questions[4]  # the area was asked for again
    text = (corpus / "studieresa-till-abo.md").read_text(encoding="utf-8")
    assert "resmål: Åbo, Finland" in text and "belopp: 20000" in text
