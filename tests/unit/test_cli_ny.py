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


def test_a_wrong_type_or_year_is_said_at_once_and_asked_again(tmp_path, monkeypatch, capsys):
    corpus = content_copy(tmp_path)
    before = snapshot(corpus)
    answers = iter(["", "Stöd i Farsta", "LUMM", "LUM", "tjugonitton", "2019", "Hemlöshet", "", "Farsta",
                    "pågående", "Farsta prövar stöd.", "", "", "", "", ""])
    questions: list[str] = []
    errors_when_asked: list[str] = []

    def answer(prompt=""):
        questions.append(prompt)
        errors_when_asked.append(capsys.readouterr().err)
        return next(answers)

    monkeypatch.setattr(builtins, "input", answer)
    monkeypatch.setattr("sys.stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    assert kb("ny", "--projektmapp", corpus) == 0
    assert added_files(before, corpus) == ["stod-i-farsta.md"]
    assert questions[0] == questions[1] == "Titel: "  # an empty title is asked for again …
    assert "måste fyllas i" in errors_when_asked[1]
    assert questions[2] == questions[3] and questions[2].startswith("Typ")  # … a wrong type at once …
    assert "okänt värde 'LUMM'" in errors_when_asked[3] and "menade du 'LUM'?" in errors_when_asked[3]
    assert questions[4] == questions[5] and questions[4].startswith("År")  # … and a wrong year too
    assert "ska vara ett heltal, inte 'tjugonitton'" in errors_when_asked[5]
    assert questions[7] == questions[8] and questions[7].startswith("Förvaltning")  # required for LUM
    text = (corpus / "stod-i-farsta.md").read_text(encoding="utf-8")
    assert "typ: LUM\når: [2019]\n" in text and "förvaltning: Farsta\n" in text


def test_without_a_terminal_it_says_how_to_give_the_fields(tmp_path, monkeypatch, capsys):
    corpus = content_copy(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert kb("ny", "--projektmapp", corpus, "--titel", "Utan terminal") == 1
    err = capsys.readouterr().err
    assert "obligatoriskt fält saknas" in err and "kb redigera" in err
