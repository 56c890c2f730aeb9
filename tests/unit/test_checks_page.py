"""Each rule of a single page and across pages, as `check_all` reports it: a page that breaks
exactly that rule gets a message naming line and field, and the good page gets none."""

import pytest

from tests.unit.checker_support import GOOD, OTHER, problems_of

# (what is broken, the page text, expected field, line, words in the message)
CASES = [
    ("yaml that does not parse", GOOD.replace("titel: Bo kvar", "titel: Bo kvar: igen"), "", 2, "YAML kan inte läsas"),
    ("no front matter", GOOD.replace("---\n", "", 1), "", 1, "saknar front matter"),
    ("unclosed front matter", GOOD.replace("---\n\n## Syfte", "\n## Syfte"), "", 1, "avslutas aldrig"),
    ("wrong type", GOOD.replace("belopp: 400000", "belopp: mycket"), "belopp", 7, "heltal"),
    ("text given as a number", GOOD.replace("kontakt: Enheten för vuxna", "kontakt: 2019"), "kontakt", 11, "ska vara text"),
    ("unknown key", GOOD.replace("kontakt:", "kontakter:"), "kontakter", 11, "okänt fält"),
    ("misspelt area", GOOD.replace("[Hemlöshet]", "[Hemlöshe]"), "områden.1", 5, "okänt område 'Hemlöshe'"),
    ("misspelt administration", GOOD.replace("Skärholmen", "Skärholm"), "förvaltning", 6, "okänd förvaltning"),
    ("misspelt status", GOOD.replace("status: avslutat", "status: avslutad"), "status", 8, "okänt värde"),
    ("missing required field", GOOD.replace("sammanfattning: Vräkningsförebyggande arbete. Två meningar.\n", ""),
     "sammanfattning", 2, "obligatoriskt fält saknas"),
    ("missing field required by the type", GOOD.replace("förvaltning: Skärholmen\n", ""), "förvaltning", 2,
     "obligatoriskt för LUM"),
    ("impossible date", GOOD.replace("2019-12-31", "2019-02-30"), "slutdatum", 10, "ogiltigt datum"),
    ("end before start", GOOD.replace("2019-12-31", "2018-12-31"), "slutdatum", None, "ligger före startdatum"),
]


@pytest.mark.parametrize("name,text,field,line,words", CASES, ids=[c[0] for c in CASES])
def test_a_page_breaking_one_rule_gets_one_clear_error(tmp_path, name, text, field, line, words):
    found = [p for p in problems_of(tmp_path, {"bo-kvar.md": text}) if p.is_error]
    assert [p.field for p in found] == [field], found
    assert words in found[0].message
    if line is not None:
        assert found[0].line == line
    assert str(found[0]).startswith(f"{tmp_path / 'projects' / 'bo-kvar.md'}:{found[0].line}:")


def test_the_good_page_has_no_problem_at_all(tmp_path):
    assert problems_of(tmp_path, {"bo-kvar.md": GOOD, "annat-projekt.md": OTHER}) == []


def test_duplicate_ids_are_an_error(tmp_path):
    found = problems_of(tmp_path, {"bo-kvar.md": GOOD, "bo-kvar/index.md": GOOD})
    errors = [p for p in found if p.is_error]
    assert len(errors) == 1 and errors[0].message.startswith("id:t 'bo-kvar' används redan av ")


def test_related_that_points_nowhere_is_an_error_with_a_suggestion(tmp_path):
    broken = GOOD.replace("status: avslutat", "status: avslutat\nrelaterade: [annat-projek]")
    found = problems_of(tmp_path, {"bo-kvar.md": broken, "annat-projekt.md": OTHER})
    assert [(p.field, p.line, p.suggestion) for p in found] == [("relaterade.1", 9, "annat-projekt")]
    fixed = broken.replace("annat-projek]", "annat-projekt]")
    assert problems_of(tmp_path / "ok", {"bo-kvar.md": fixed, "annat-projekt.md": OTHER}) == []


def test_not_utf8_is_an_error_and_the_rest_is_still_read(tmp_path):
    raw = GOOD.encode("utf-8").replace("Brödtext".encode("utf-8"), "Brödtext".encode("cp1252"))
    found = problems_of(tmp_path, {"bo-kvar.md": raw})
    errors = [p for p in found if p.is_error]
    assert len(errors) == 1 and "inte UTF-8" in errors[0].message
    assert (errors[0].line, errors[0].column) == (18, 3)  # the 'ö' saved as Windows-1252


def test_byte_order_mark_and_crlf_are_warnings_that_say_what_was_found(tmp_path):
    raw = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    found = problems_of(tmp_path, {"bo-kvar.md": raw})
    assert not [p for p in found if p.is_error]
    messages = " ".join(p.message for p in found)
    assert "BOM" in messages and "CRLF" in messages
    assert problems_of(tmp_path / "ok", {"bo-kvar.md": GOOD.encode("utf-8")}) == []


def test_only_the_given_pages_are_reported_but_checked_against_all(tmp_path):
    broken = GOOD.replace("[Hemlöshet]", "[Hemlöshe]")
    related = OTHER.replace("status: avslutat", "status: avslutat\nrelaterade: [bo-kvar]")
    corpus = tmp_path / "projects"
    found = problems_of(tmp_path, {"bo-kvar.md": broken, "annat-projekt.md": related},
                        paths=[corpus / "annat-projekt.md"])
    assert found == []  # bo-kvar exists (even though it has an error of its own)
    found = problems_of(tmp_path, {}, paths=[corpus / "bo-kvar.md"])
    assert [p.field for p in found] == ["områden.1"]


def test_a_folder_selects_its_page(tmp_path):
    broken = GOOD.replace("[Hemlöshet]", "[Hemlöshe]")
    corpus = tmp_path / "projects"
    found = problems_of(tmp_path, {"bo-kvar/index.md": broken, "annat-projekt.md": OTHER.replace("Farsta", "Farst")},
                        paths=[corpus / "bo-kvar"])
    assert [p.field for p in found] == ["områden.1"]
