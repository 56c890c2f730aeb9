"""Personal identity and co-ordination numbers are errors wherever they are; dates and case numbers are not."""

import pytest

from kunskapsbanken.checks.personal_data import kind_of

from tests.unit.checker_support import GOOD, pdf_with_text, problems_of

PERSONNUMMER = ["19880320-0016", "198803200016", "880320-0016", "8803200016", "880320+0016"]
SAMORDNINGSNUMMER = ["701063-2391", "19701063-2391", "7010632391"]
NOT_NUMBERS = ["19880320-0017", "2019-03-20", "20190320", "2019/1234", "SoN 2019/123-45", "070-123 45 67",
               "880320-001", "1.2.3-4567/2019"]


@pytest.mark.parametrize("number", PERSONNUMMER)
def test_personnummer_in_every_form(number):
    assert kind_of(number) == "personnummer"


@pytest.mark.parametrize("number", SAMORDNINGSNUMMER)
def test_samordningsnummer_in_every_form(number):
    assert kind_of(number) == "samordningsnummer"


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_dates_case_numbers_and_bad_check_digits_are_not_flagged(text):
    assert kind_of(text) is None


def test_a_number_in_the_front_matter_names_the_field(tmp_path):
    page = GOOD.replace("kontakt: Enheten för vuxna", "kontakt: Enheten för vuxna, 880320-0016")
    found = [p for p in problems_of(tmp_path, {"bo-kvar.md": page}) if p.is_error]
    assert [(p.field, p.line, p.column) for p in found] == [("kontakt", 11, 29)]
    assert "personnummer" in found[0].message


def test_a_number_in_the_body_is_an_error_even_when_the_page_does_not_load(tmp_path):
    page = GOOD.replace("Brödtext om projektet.", "Klienten 19701063-2391 deltog.").replace("typ: LUM", "typ: LUMM")
    found = problems_of(tmp_path, {"bo-kvar.md": page})
    personal = [p for p in found if "samordningsnummer" in p.message]
    assert [(p.line, p.column, p.is_error) for p in personal] == [(18, 10, True)]


def test_dates_and_case_numbers_in_a_page_pass(tmp_path):
    page = GOOD.replace("Brödtext om projektet.", "Beslut 2019-03-20, dnr 1.2.3-4567/2019, tel 08-508 25 000.")
    assert problems_of(tmp_path, {"bo-kvar.md": page}) == []


def test_a_number_in_an_attachment_names_the_page_of_the_pdf(tmp_path):
    page = GOOD.replace("status: avslutat", "status: avslutat\ndokument:\n  - {typ: bilaga, titel: B, fil: b.pdf}")
    pdf = pdf_with_text(tmp_path / "b.pdf", "Ingen uppgift här.", "Deltagare 198803200016 intervjuades.")
    found = problems_of(tmp_path, {"bo-kvar/index.md": page, "bo-kvar/b.pdf": pdf.read_bytes()})
    assert [(p.field, p.is_error) for p in found] == [("dokument.1.fil", True)]
    assert "innehåller personnummer på sidan 2" in found[0].message
    clean = pdf_with_text(tmp_path / "c.pdf", "Beslut 2019-03-20.")
    assert problems_of(tmp_path / "ok", {"bo-kvar/index.md": page, "bo-kvar/b.pdf": clean.read_bytes()}) == []
