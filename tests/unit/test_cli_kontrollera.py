"""`kb kontrollera`: output format and exit status (0 clean or only warnings, 1 errors, 2 misuse)."""

import json
import re
import shutil

from tests.support import FIXTURE_PROJECTS, REPO, VOCABULARY_FILE
from tests.unit.checker_support import GOOD, make_corpus
from tests.unit.cli_support import kb


def test_the_real_content_has_no_errors(capsys):
    assert kb("kontrollera", "--projektmapp", REPO / "projects") == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"(0 fel och \d+ varningar?|Inga problem); \d+ projekt lästa\.", last)


def test_clean_content_exits_0(capsys):
    assert kb("kontrollera", "--projektmapp", FIXTURE_PROJECTS, "--vokabular", VOCABULARY_FILE) == 0
    assert capsys.readouterr().out.startswith("Inga problem; 5 projekt lästa.")


def test_warnings_are_shown_but_exit_0_unless_strict(tmp_path, capsys):
    corpus = make_corpus(tmp_path, {"bo-kvar.md": GOOD.replace("belopp: 400000", "belopp: 600000")})
    assert kb("kontrollera", "--projektmapp", corpus) == 0
    out = capsys.readouterr().out
    assert f"{corpus / 'bo-kvar.md'}:7:9: varning: belopp: 600" in out
    assert out.rstrip().endswith("0 fel och 1 varning; 1 projekt lästa.")
    assert kb("kontrollera", "--projektmapp", corpus, "--strikt") == 1


def test_errors_exit_1_each_as_file_line_column_field_message(tmp_path, capsys):
    corpus = make_corpus(tmp_path, {"bo-kvar.md": GOOD.replace("[Hemlöshet]", "[Hemlöshe]")})
    assert kb("kontrollera", "--projektmapp", corpus) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{corpus / 'bo-kvar.md'}:5:11: områden.1: okänt område 'Hemlöshe' – menade du 'Hemlöshet'?"


def test_json_for_machines(tmp_path, capsys):
    corpus = make_corpus(tmp_path, {"bo-kvar.md": GOOD.replace("[Hemlöshet]", "[Hemlöshe]"),
                                    "annat.md": GOOD.replace("titel: Bo kvar", "titel: Annat")
                                    .replace("belopp: 400000", "belopp: 600000")})
    assert kb("kontrollera", "--projektmapp", corpus, "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["fel"], report["varningar"]) == (1, 1)
    error = next(p for p in report["problem"] if p["severity"] == "fel")
    assert error == {"path": str(corpus / "bo-kvar.md"), "line": 5, "column": 11, "field": "områden.1",
                     "message": "okänt område 'Hemlöshe'", "severity": "fel", "suggestion": "Hemlöshet"}


def test_only_the_given_paths_are_reported(tmp_path, capsys):
    corpus = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, corpus)
    shutil.copy(VOCABULARY_FILE, corpus / "vokabular.yml")
    page = corpus / "utvardering-av-vald.md"
    page.write_text(page.read_text(encoding="utf-8").replace("titel:", "titell:"), encoding="utf-8")
    assert kb("kontrollera", "--projektmapp", corpus, corpus / "bostad-forst-farsta") == 0
    assert kb("kontrollera", "--projektmapp", corpus, page) == 1
    assert "titell" in capsys.readouterr().out


def test_a_path_that_does_not_exist_is_misuse(tmp_path, capsys):
    assert kb("kontrollera", "--projektmapp", FIXTURE_PROJECTS, tmp_path / "saknas.md") == 2
    assert "finns inte" in capsys.readouterr().err
