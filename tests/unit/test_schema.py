"""The JSON Schema: made from the model, valid, accepting every real page and refusing broken ones."""

import json

import jsonschema
import pytest

from kunskapsbanken.loader import discover, read_source, split_page
from kunskapsbanken.schema import project_schema
from kunskapsbanken.vocabulary import Vocabulary

from tests.support import FIXTURE_PROJECTS, REPO, VOCABULARY_FILE
from tests.unit.checker_support import GOOD
from tests.unit.cli_support import kb


@pytest.fixture(scope="module")
def validator():
    schema = project_schema(Vocabulary.load(VOCABULARY_FILE))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def front_matter(text: str, tmp_path) -> dict:
    path = tmp_path / "p.md"
    path.write_text(text, encoding="utf-8")
    raw, _ = split_page(path, read_source(path).text)
    return json.loads(json.dumps(raw.data, default=str))  # as an editor's tool sees the YAML


def test_every_real_and_fixture_page_is_valid(validator, tmp_path):
    pages = discover(REPO / "projects") + discover(FIXTURE_PROJECTS)
    assert len(pages) > 5
    for page in pages:
        raw, _ = split_page(page, read_source(page).text)
        data = json.loads(json.dumps(raw.data, default=str))
        assert list(validator.iter_errors(data)) == [], page


@pytest.mark.parametrize("change", [
    ("titel: Bo kvar\n", ""),
    ("kontakt:", "kontakter:"),
    ("förvaltning: Skärholmen\n", ""),  # required for LUM
    ("status: avslutat", "status: avslutat\nresmål: Oslo, Norge"),  # only for MUL
    ("2019-01-15", "15/1 2019"),
    ("belopp: 400000", "belopp: mycket"),
    ("status: avslutat", "status: klar"),
])
def test_broken_pages_are_invalid(validator, tmp_path, change):
    assert list(validator.iter_errors(front_matter(GOOD, tmp_path))) == []
    assert list(validator.iter_errors(front_matter(GOOD.replace(*change), tmp_path))) != []


def test_single_values_are_accepted_where_lists_are(validator, tmp_path):
    data = front_matter(GOOD.replace("[Hemlöshet]", "Hemlöshet"), tmp_path)
    assert list(validator.iter_errors(data)) == []


def test_kb_schema_prints_the_same_schema(capsys):
    assert kb("schema", "--projektmapp", REPO / "projects") == 0
    assert json.loads(capsys.readouterr().out) == project_schema(Vocabulary.load(REPO / "projects" / "vokabular.yml"))
