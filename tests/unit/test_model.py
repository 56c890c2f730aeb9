"""The schema: what an editor may write and how it is read."""

import pytest
from pydantic import ValidationError

from kunskapsbanken.model import FrontMatter, PartialDate, ProjectType, Status

MINIMAL = {"titel": "Ett projekt", "typ": "FUM", "år": 2020, "områden": ["Hemlöshet"],
           "status": "pågående", "sammanfattning": "Två meningar. Om projektet."}


def test_must_is_the_old_name_of_mul():
    assert ProjectType("MUST") is ProjectType.MUL
    assert ProjectType("lum") is ProjectType.LUM


def test_a_single_year_becomes_a_list_and_years_are_sorted():
    front = FrontMatter.model_validate({**MINIMAL, "år": [2021, 2019, 2021]})
    assert front.years == [2019, 2021]


def test_dates_may_be_known_to_the_month_or_year():
    assert PartialDate.parse("2021-01").swedish() == "januari 2021"
    assert PartialDate.parse("2022-03-31").swedish() == "31 mars 2022"
    assert PartialDate.parse(2018).swedish() == "2018"
    assert PartialDate.parse("2021") < PartialDate.parse("2021-01") < PartialDate.parse("2021-01-02")


def test_impossible_dates_are_refused():
    with pytest.raises(ValidationError):
        FrontMatter.model_validate({**MINIMAL, "startdatum": "2021-02-30"})


def test_end_before_start_is_an_error_on_slutdatum():
    with pytest.raises(ValidationError) as error:
        FrontMatter.model_validate({**MINIMAL, "startdatum": "2021-05-01", "slutdatum": "2021-01-01"})
    assert error.value.errors()[0]["type"] == "slutdatum"


def test_amount_per_year_must_name_granted_years():
    front = FrontMatter.model_validate({**MINIMAL, "år": [2019, 2020], "belopp": {2019: 100, 2020: 200}})
    assert front.total_amount == 300 and front.amount_by_year == {2019: 100, 2020: 200}
    with pytest.raises(ValidationError):
        FrontMatter.model_validate({**MINIMAL, "år": [2019], "belopp": {2018: 100}})


def test_unknown_keys_are_refused():
    with pytest.raises(ValidationError) as error:
        FrontMatter.model_validate({**MINIMAL, "titell": "x"})
    assert error.value.errors()[0]["type"] == "extra_forbidden"


def test_status_values_are_swedish_words():
    assert [s.value for s in Status] == ["planerat", "pågående", "avslutat", "avbrutet", "okänd"]


def test_an_unknown_status_is_said_as_such():
    assert Status("okänd") is Status.UNKNOWN and Status.UNKNOWN.label == "Status okänd"
    assert Status("Pågående").label == "Pågående"
    with pytest.raises(ValueError):
        Status("okand")  # å, ä, ö are letters: no silent guess


def test_a_document_has_a_file_or_a_link_not_both():
    doc = {"typ": "slutrapport", "titel": "R", "fil": "r.pdf", "länk": "https://example.org/r.pdf"}
    with pytest.raises(ValidationError):
        FrontMatter.model_validate({**MINIMAL, "dokument": [doc]})


def test_text_fields_refuse_numbers_and_yes_no():
    with pytest.raises(ValidationError):
        FrontMatter.model_validate({**MINIMAL, "titel": 2020})
