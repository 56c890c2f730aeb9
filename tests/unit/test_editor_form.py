"""The form is made from the one schema and the vocabulary, and reads back as kb ny would write."""

from __future__ import annotations

from kunskapsbanken import swedish
from kunskapsbanken.editor.form import form_spec, front_matter
from kunskapsbanken.model import FrontMatter
from kunskapsbanken.schema import project_schema
from kunskapsbanken.vocabulary import Vocabulary
from tests.support import VOCABULARY_FILE

VOCABULARY = Vocabulary.load(VOCABULARY_FILE)
SPEC = form_spec(VOCABULARY)


def test_every_field_of_the_model_is_in_the_form_in_the_model_order():
    keys = [field.alias or name for name, field in FrontMatter.model_fields.items()]
    assert [f.key for f in SPEC.fields] == [k for k in keys if k != "dokument"]


def test_choices_come_from_the_vocabulary_and_help_from_the_model_descriptions():
    by_key = {f.key: f for f in SPEC.fields}
    assert [c.value for c in by_key["områden"].choices] == sorted(VOCABULARY.names("area"), key=swedish.sort_key)
    assert by_key["områden"].widget == "checkboxes" and by_key["förvaltning"].widget == "select"
    assert [c.value for c in by_key["typ"].choices] == ["FUM", "LUM", "MUL"]
    assert by_key["förvaltning"].required_for == ("LUM", "MUL") and by_key["resmål"].only_for == "MUL"
    schema = project_schema(VOCABULARY)
    for field in SPEC.fields:
        description = schema["properties"][field.key].get("description")
        assert description, f"{field.key} saknar beskrivning i modellen"
        assert field.help.startswith(description.rstrip("."))
    kinds = next(f for f in SPEC.documents if f.key == "typ")
    assert {c.value for c in kinds.choices} == set(VOCABULARY.names("document_kind"))


def test_form_text_becomes_the_values_kb_ny_writes():
    form = {"titel": ["  Bo kvar  "], "typ": ["LUM"], "år": ["2018, 2019"], "områden": ["Hemlöshet", "Barn och unga"],
            "belopp": ["2018: 400 000, 2019: 250 000"], "status": ["pågående"], "nyckelord": ["vräkning; samverkan"],
            "källor": ["Årsrapport 2018, bilaga 2\r\n\r\nÅrsrapport 2019"], "sammanfattning": ["Rad ett.\r\nRad två."],
            "dokument-0-typ": ["slutrapport"], "dokument-0-titel": ["Slutrapport"], "dokument-0-fil": ["s.pdf"],
            "dokument-3-typ": [""], "kontakt": [""]}
    assert front_matter(SPEC, form) == {
        "titel": "Bo kvar", "typ": "LUM", "år": [2018, 2019], "områden": ["Hemlöshet", "Barn och unga"],
        "belopp": {2018: 400000, 2019: 250000}, "status": "pågående",
        "dokument": [{"typ": "slutrapport", "titel": "Slutrapport", "fil": "s.pdf"}],
        "nyckelord": ["vräkning", "samverkan"], "sammanfattning": "Rad ett.\nRad två.",
        "källor": ["Årsrapport 2018, bilaga 2", "Årsrapport 2019"]}


def test_a_value_the_form_cannot_read_is_left_for_the_checker_to_explain():
    data = front_matter(SPEC, {"år": ["2019, tjugo"], "belopp": ["fyra miljoner"]})
    assert data == {"år": [2019, "tjugo"], "belopp": "fyra miljoner"}
