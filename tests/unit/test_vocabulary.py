"""The one vocabulary: aliases, suggestions and administrations' history."""

import pytest

from kunskapsbanken.vocabulary import Vocabulary

from tests.support import VOCABULARY_FILE


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.load(VOCABULARY_FILE)


def test_aliases_lead_to_one_term(vocabulary):
    assert vocabulary.resolve("area", "Försörjningsstöd").term == "Ekonomiskt bistånd"
    assert vocabulary.resolve("area", "hemlöshet").term == "Hemlöshet"
    assert vocabulary.resolve("administration", "Östermalms stadsdelsförvaltning").term == "Östermalm"


def test_misspelt_value_gets_a_suggestion(vocabulary):
    resolution = vocabulary.resolve("area", "Hemlöshe")
    assert resolution.term is None and resolution.suggestion == "Hemlöshet"


def test_aao_are_letters_so_vald_is_not_vald(vocabulary):
    # 'Vald i nära relationer' is not the term, but the term is the obvious suggestion.
    resolution = vocabulary.resolve("area", "Vald i nara relationer")
    assert resolution.term is None
    assert resolution.suggestion == "Våld i nära relationer"


def test_merged_district_belongs_to_its_successor(vocabulary):
    assert vocabulary.administration_lineage("Hägersten-Liljeholmen") == ["Hägersten-Liljeholmen", "Hägersten-Älvsjö"]


def test_unit_belongs_to_its_administration(vocabulary):
    assert vocabulary.administration_lineage("Socialjouren") == ["Socialjouren", "Socialförvaltningen"]


def test_every_programme_type_has_a_label(vocabulary):
    from kunskapsbanken.model import ProjectType

    assert {t for t in ProjectType} == set(vocabulary.types)


def test_broken_reference_in_vocabulary_is_reported(tmp_path):
    from kunskapsbanken.vocabulary import VocabularyError

    text = VOCABULARY_FILE.read_text(encoding="utf-8").replace("uppgick_i: Hägersten-Älvsjö", "uppgick_i: Hägersten-Älvsjöö", 1)
    broken = tmp_path / "vokabular.yml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError, match="Hägersten-Älvsjöö"):
        Vocabulary.load(broken)
