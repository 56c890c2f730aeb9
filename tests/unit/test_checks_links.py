"""Links in the body: to other projects' files and to the page's own attachments."""

import pytest

from tests.unit.checker_support import GOOD, OTHER, pdf_with_text, problems_of


def with_body(text: str) -> str:
    return GOOD.replace("Brödtext om projektet.", text)


@pytest.mark.parametrize("body", [
    "Se [annat projekt](annat-projekt.md) och [samma](../annat-projekt.md#resultat).",
    "Extern [länk](https://www.stockholm.se/) och [ankare](#syfte) och <mailto:fou@example.org>.",
    "Kod: `[inte en länk](saknas.md)`\n\n```\n[inte heller](saknas.md)\n```",
])
def test_links_that_lead_somewhere_pass(tmp_path, body):
    assert problems_of(tmp_path, {"bo-kvar.md": with_body(body), "annat-projekt.md": OTHER}) == []


def test_a_link_to_a_project_that_does_not_exist_names_line_column_and_suggestion(tmp_path):
    found = problems_of(tmp_path, {"bo-kvar.md": with_body("Rad ett.\n\nSe [det](annat-projek.md)."),
                                   "annat-projekt.md": OTHER})
    assert [(p.line, p.column, p.message, p.suggestion) for p in found] == [
        (20, 10, "länken 'annat-projek.md' leder inte till något projekt", "annat-projekt.md")]


def test_a_link_to_a_missing_file_is_an_error(tmp_path):
    found = problems_of(tmp_path, {"bo-kvar.md": with_body("Se [bilagan](bilaga.pdf).")})
    assert [p.message for p in found] == ["länken 'bilaga.pdf' leder till en fil som inte finns"]


def test_a_link_to_a_file_not_listed_as_a_document_is_an_error(tmp_path):
    pdf = pdf_with_text(tmp_path / "r.pdf", "Text").read_bytes()
    found = problems_of(tmp_path, {"bo-kvar/index.md": with_body("Se [bilagan](bilaga.pdf)."), "bo-kvar/bilaga.pdf": pdf})
    assert len(found) == 1 and "inte står under 'dokument'" in found[0].message


def test_a_link_to_a_listed_attachment_passes(tmp_path):
    pdf = pdf_with_text(tmp_path / "r.pdf", "Text").read_bytes()
    page = with_body("Se [bilagan](bilaga.pdf).").replace("status: avslutat", """status: avslutat
dokument:
  - {typ: bilaga, titel: Bilaga, fil: bilaga.pdf}""")
    assert problems_of(tmp_path, {"bo-kvar/index.md": page, "bo-kvar/bilaga.pdf": pdf}) == []


def test_an_absolute_link_is_an_error(tmp_path):
    found = problems_of(tmp_path, {"bo-kvar.md": with_body("Se [projekt](/projekt/annat-projekt/)."),
                                   "annat-projekt.md": OTHER})
    assert len(found) == 1 and "börjar med '/'" in found[0].message
