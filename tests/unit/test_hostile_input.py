"""Hostile or careless input to the loader and the checker: bounded work, Swedish messages
with the right line, Unicode normalised, duplicate keys and implausible years reported."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from kunskapsbanken import loader
from kunskapsbanken.loader import load_project
from kunskapsbanken.vocabulary import Vocabulary

from tests.support import VOCABULARY_FILE
from tests.unit.checker_support import GOOD, problems_of


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.load(VOCABULARY_FILE)


def load(tmp_path: Path, vocabulary, text: str, name: str = "bo-kvar.md"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return load_project(path, tmp_path, vocabulary)


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines)


def test_billion_laughs_is_refused_before_anything_is_expanded(tmp_path, vocabulary, monkeypatch):
    # The events are measured before composing: the composer never sees the page.
    composed = []
    monkeypatch.setattr(loader._FrontMatterLoader, "get_single_node",
                        lambda self: composed.append(1) or None)
    project, problems = load(tmp_path, vocabulary, f"---\ntitel: x\n{billion_laughs()}\n---\n")
    assert project is None and composed == []
    assert len(problems) == 1 and problems[0].path.name == "bo-kvar.md"
    assert "för många värden" in problems[0].message and "alias" in problems[0].message
    assert problems[0].line == 7  # e: 9^5 values, the first level past the limit


def test_a_few_aliases_within_the_limit_are_fine(tmp_path, vocabulary):
    text = GOOD.replace("områden: [Hemlöshet]", "områden: &o [Hemlöshet]\nnyckelord: *o")
    project, problems = load(tmp_path, vocabulary, text)
    assert project is not None and project.keywords == ["Hemlöshet"]


def test_alias_inside_itself_is_an_error_not_endless(tmp_path, vocabulary):
    project, problems = load(tmp_path, vocabulary, "---\ntitel: &t [x, *t]\n---\n")
    assert project is None and "*t" in problems[0].message and problems[0].line == 2


@pytest.mark.parametrize("depth", [21, 5_000, 200_000])
def test_deep_nesting_is_an_error_naming_the_file(tmp_path, vocabulary, depth):
    text = "---\ntitel: Bo kvar\nområden: " + "[" * depth + "]" * depth + "\n---\n"
    project, problems = load(tmp_path, vocabulary, text)
    assert project is None
    assert [(p.line, "för djupt nästlad" in p.message) for p in problems] == [(3, True)]


def test_nesting_of_real_pages_is_far_below_the_limit(tmp_path, vocabulary):
    # The front matter itself is the first level.
    inner = loader.MAX_DEPTH - 1
    deepest = "---\ntitel: Bo kvar\nx: " + "[" * inner + "]" * inner + "\n---\n"
    _, problems = load(tmp_path, vocabulary, deepest)
    assert not any("nästlad" in p.message for p in problems)


def test_page_over_the_size_limit_is_not_read(tmp_path, vocabulary):
    text = GOOD + "x" * (loader.MAX_PAGE_BYTES + 1)
    project, problems = load(tmp_path, vocabulary, text)
    assert project is None and len(problems) == 1
    assert problems[0].path.name == "bo-kvar.md" and "sidan är för stor" in problems[0].message
    assert "högst 1,0\u00a0MB" in problems[0].message


def test_page_too_large_is_one_message_from_the_whole_checker(tmp_path):
    found = problems_of(tmp_path, {"bo-kvar.md": GOOD + "x" * (loader.MAX_PAGE_BYTES + 1)})
    assert [p.message.split(" (")[0] for p in found] == ["sidan är för stor"]


def test_decomposed_unicode_keys_and_values_are_read_as_composed(tmp_path, vocabulary):
    text = unicodedata.normalize("NFD", GOOD.replace("Skärholmen", "Skärholmen"))
    assert "områden" not in text  # really decomposed
    project, problems = load(tmp_path, vocabulary, text)
    assert [p for p in problems if p.is_error] == []
    assert project.areas == ["Hemlöshet"] and project.administration == "Skärholmen"
    assert project.body == unicodedata.normalize("NFC", project.body)


def test_decomposed_vocabulary_is_read_as_composed(tmp_path):
    path = tmp_path / "vokabular.yml"
    path.write_text(unicodedata.normalize("NFD", VOCABULARY_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    vocabulary = Vocabulary.load(path)
    assert vocabulary.resolve("area", "Våld i nära relationer").term == "Våld i nära relationer"


def test_duplicate_key_names_both_lines(tmp_path, vocabulary):
    text = GOOD.replace("status: avslutat", "status: avslutat\ntitel: Bo kvar igen")
    project, problems = load(tmp_path, vocabulary, text)
    duplicates = [p for p in problems if "två gånger" in p.message]
    assert [(p.line, p.field, p.is_error) for p in duplicates] == [(9, "titel", True)]
    assert "rad 2 och rad 9" in duplicates[0].message


def test_duplicate_key_in_a_document_and_in_decomposed_form(tmp_path, vocabulary):
    text = GOOD.replace("status: avslutat", "status: avslutat\ndokument:\n  - typ: slutrapport\n"
                                            "    titel: A\n    titel: B\n    länk: https://example.org/")
    text = text.replace("områden: [Hemlöshet]", "områden: [Hemlöshet]\n" + unicodedata.normalize("NFD", "områden: [Missbruk]"))
    _, problems = load(tmp_path, vocabulary, text)
    found = sorted((p.field, p.line) for p in problems if "två gånger" in p.message)
    assert found == [("dokument.1.titel", 13), ("områden", 6)]


YAML_BREAKS = {
    # broken front matter line -> (line reported, words that must be in the message)
    "områden: [Hemlöshet, Missbruk": (5, "listan avslutas aldrig"),
    'titel: "Bo kvar': (2, "citattecknet avslutas aldrig"),
    "titel: Bo kvar: steg två": (2, "kolon på fel ställe"),
    "belopp: {2019: 1, 2020 2": (7, "tabellen avslutas aldrig"),
    "kontakt: @enheten": (11, "kan inte inleda"),
    "kontakt: Enheten\n\tjämställdhetsanalys: x": (12, "tabbtecken"),
}


@pytest.mark.parametrize("broken", YAML_BREAKS)
def test_yaml_errors_are_swedish_and_point_at_the_broken_line(tmp_path, vocabulary, broken):
    key = broken.split(":")[0]
    lines = GOOD.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(key + ":"))
    lines[at] = broken
    project, problems = load(tmp_path, vocabulary, "\n".join(lines))
    line, words = YAML_BREAKS[broken]
    assert project is None and len(problems) == 1
    assert problems[0].line == line
    assert words in problems[0].message
    english = re.findall(r"\b(?:expected|found|while|scanning|parsing|mapping|allowed|did not)\b",
                         problems[0].message)
    assert english == []


def test_unknown_yaml_error_is_still_swedish(tmp_path, vocabulary):
    _, problems = load(tmp_path, vocabulary, "---\ntitel: !!binary ***\n---\n")
    assert problems and all(not re.search(r"[a-z]+ [a-z]+ (?:the|a|an|of) ", p.message) for p in problems)


def test_year_after_next_year_is_an_error(tmp_path):
    next_year = dt.date.today().year + 1
    found = problems_of(tmp_path, {"bo-kvar.md": GOOD.replace("år: 2019", "år: [2019, 2081]")})
    assert [(p.field, p.is_error) for p in found if "2081" in p.message] == [("år", True)]
    ok = problems_of(tmp_path / "ok", {"bo-kvar.md": GOOD.replace("år: 2019", f"år: {next_year}")
                                       .replace("startdatum: 2019-01-15\nslutdatum: 2019-12-31\n", "")})
    assert not any(p.field == "år" for p in ok)


def test_year_before_the_programme_is_a_warning(tmp_path):
    found = problems_of(tmp_path, {"bo-kvar.md": GOOD.replace("år: 2019", "år: [2009, 2019]")})
    early = [p for p in found if p.field == "år"]
    assert [(p.is_error, p.line) for p in early] == [(False, 4)]
    assert "2009" in early[0].message and "2013" in early[0].message


def test_pdf_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    from kunskapsbanken import pdf

    read = []
    monkeypatch.setattr(pdf, "_extract", lambda path: read.append(path))
    page = GOOD.replace("status: avslutat", "status: avslutat\ndokument:\n  - typ: slutrapport\n"
                                            "    titel: Rapport\n    fil: rapport.pdf")
    corpus = tmp_path / "projects"
    (corpus / "bo-kvar").mkdir(parents=True)
    with open(corpus / "bo-kvar" / "rapport.pdf", "wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(pdf.MAX_BYTES + 1)  # sparse: no 50 MB written
    found = problems_of(tmp_path, {"bo-kvar/index.md": page})
    assert [(p.field, "är för stor" in p.message, p.path.name) for p in found] == [("dokument.1.fil", True, "index.md")]
    assert read == []


@pytest.mark.parametrize("body, line, words", [
    ("Text.\n\n<script>alert(1)</script>\n", 18, "<script>"),
    ("Text med <b>fet</b> stil.\n", 16, "<b>"),
    ("Bild: <img src=x onerror=alert(1)>\n", 16, "<img>"),
    ("<div markdown>\n*x*\n</div>\n", 16, "<div>"),
    ("[klicka](javascript:alert(1))\n", 16, "'javascript:'"),
    # Character references are decoded by the browser, tabs and line breaks dropped from addresses.
    ("[klicka](javascript&#58;alert(1))\n", 16, "'javascript&#58;alert(1)'"),
    ("[klicka](javascript&colon;alert(1))\n", 16, "börjar med 'javascript:'"),
    ("[klicka](java&#9;script:alert(1))\n", 16, "börjar med 'javascript:'"),
    ("[klicka](&#32;JavaScript&#x3A;alert(1))\n", 16, "börjar med 'JavaScript:'"),
    ("Se [källan][k].\n\n[k]: data&#58;text/html,<script>alert(1)</script>\n", 18, "börjar med 'data:'"),
    ("Stycke.\n{: onclick=\"alert(1)\" }\n", 17, "'onclick'"),
    ("Stycke.\n{: style=\"display:none\" }\n", 17, "'style'"),
])
def test_raw_html_in_the_body_is_refused_with_its_line(tmp_path, body, line, words):
    page = GOOD.split("---\n\n")[0] + "---\n\n" + body
    found = [p for p in problems_of(tmp_path, {"bo-kvar.md": page}) if p.is_error]
    assert [(p.line, words in p.message) for p in found] == [(line, True)]


def test_markdown_and_markup_shown_as_code_are_fine(tmp_path):
    body = ("Text &amp; mer, **fet**, [länk](https://example.org/) och <https://example.org/>.\n\n"
            "Koden `<script>` visas som text.\n\n```html\n<b>exempel</b>\n```\n\n<!-- anteckning -->\n\n"
            "| A | B |\n|:-:|--:|\n| 1 | 2 |\n\n## Rubrik {: #egen .klass }\n\n!!! note\n    Obs.\n\n"
            # Fenced code inside a numbered step and a collapsible note (superfences, details).
            "1. Kör\n\n    ```text\n    kb kontrollera <fil>\n    ```\n\n??? note \"Mer\"\n    Se `<b>`.\n")
    page = GOOD.split("---\n\n")[0] + "---\n\n" + body
    assert [p for p in problems_of(tmp_path, {"bo-kvar.md": page}) if p.is_error] == []


def test_the_body_is_checked_with_the_extensions_of_the_site():
    import yaml

    from kunskapsbanken.checks import body
    from tests.support import REPO

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(names) == sorted(body.EXTENSIONS)


def test_the_message_page_of_the_editor_guide_lists_the_new_messages():
    from tests.support import REPO

    guide = (REPO / "docs" / "redaktor" / "kontroll.md").read_text(encoding="utf-8")
    for phrase in ["sidan är för stor", "står två gånger", "för djupt nästlad", "för många värden",
                   "upprepar sig i oändlighet", "citattecknet avslutas aldrig", "listan avslutas aldrig",
                   "tabellen avslutas aldrig", "raden är felaktigt indragen", "kan inte inleda ett värde",
                   "ligger för långt fram", "då FoU-medel började delas ut", "visas inte: sidans text skrivs i Markdown",
                   "bara http-, https- och mailto-länkar", "i en attributlista", "är för stor (", "fler än 2000 sidor", "osynligt styrtecken (U+", "texten har för många '['",
                   "texten är för djupt nästlad"]:
        assert phrase in guide, phrase


def test_control_characters_in_a_text_field_are_an_error(tmp_path, vocabulary):
    text = GOOD.replace("titel: Bo kvar", 'titel: "Bo\\vkvar\\x1b"')
    project, problems = load(tmp_path, vocabulary, text)
    assert project is None
    assert [(p.field, p.line, "U+000B" in p.message) for p in problems] == [("titel", 2, True)]


@pytest.mark.parametrize("body, words", [
    ("[" * 2_001, "för många '['"),
    ("<a " * 2_001, "för många '<'"),
    ("a\n: b\n" * 2_500, "för djupt nästlad"),
    ("".join("    " * i + "- x\n" for i in range(400)), "för djupt nästlad"),
])
def test_bodies_that_markdown_cannot_read_in_bounded_work_are_refused(tmp_path, body, words):
    page = GOOD.split("---\n\n")[0] + "---\n\n" + body
    found = [p for p in problems_of(tmp_path, {"bo-kvar.md": page}) if p.is_error]
    assert [words in p.message for p in found] == [True]


def test_duplicate_key_in_the_decisions_names_both_lines(tmp_path):
    from kunskapsbanken.decisions import load_decisions

    path = tmp_path / "beslut.yml"
    path.write_text("- år: 2013\n  typ: FUM\n  år: 2014\n  källa: Beslut\n", encoding="utf-8")
    _, problems = load_decisions(path)
    assert [(p.line, p.field, "rad 1 och rad 3" in p.message) for p in problems] == [(3, "1.år", True)]
