"""The search's Swedish words: stems, compounds split with wordfreq's dictionary, synonym groups."""

from pathlib import Path

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.checks import check_all
from kunskapsbanken.search.lexicon import lexicon
from kunskapsbanken.search.records import records
from kunskapsbanken.search.synonyms import Synonyms, load_groups, unknown_words, vocabulary_groups
from kunskapsbanken.search.words import split_compound, tokens
from kunskapsbanken.swedish import stem

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE


def test_inflections_share_a_stem():
    assert stem("hemlösa") == stem("hemlöshet") == stem("hemlösheten")
    assert stem("ungdom") == stem("ungdomar")
    assert stem("kriminell") == stem("kriminella")
    assert stem("våld") != stem("vald")


def test_compounds_split_into_swedish_words_and_other_words_do_not():
    assert split_compound("relationsvåld") == ("relations", "våld")
    assert split_compound("föräldrastöd") == ("föräldra", "stöd")
    assert split_compound("boendestöd") == ("boende", "stöd")
    for word in ["hemlöshet", "hemlösheten", "samverkan", "uppföljning", "ungdomar", "kriminella", "riktar"]:
        assert split_compound(word) == (), word


def test_tokens_keep_hyphenated_parts():
    assert tokens("Hägersten-Älvsjö och barn- och") == ["hägerstenälvsjö", "hägersten", "älvsjö", "och", "barn", "och"]


def test_a_group_brings_its_other_members(tmp_path):
    synonyms = Synonyms(load_groups(_write(tmp_path, "- [unga, ungdomar]\n- [våld i nära relationer, relationsvåld]\n"))[0])
    assert synonyms.expand([stem(w) for w in tokens("Många ungdomarna")]) == ["unga"]
    assert synonyms.expand([stem(w) for w in tokens("mot våld i nära relationer")]) == ["relationsvåld"]
    assert synonyms.expand([stem(w) for w in tokens("våld och relationer")]) == []


def test_vocabulary_aliases_are_groups():
    catalog, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    groups = {g.members[0]: g.members for g in vocabulary_groups(catalog.vocabulary)}
    assert "Försörjningsstöd" in groups["Ekonomiskt bistånd"]
    assert "Slutrapporter" in groups["slutrapport"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "synonymer.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_faults_in_the_synonym_list_are_named_with_their_line(tmp_path):
    path = _write(tmp_path, "# kommentar\n- [unga, ungdomar]\n- []\n- [brott, brott, kriminalitet]\n- [missbruk]\n"
                            "- [ungdomar, tonåringar]\n- hej\n")
    groups, problems = load_groups(path)
    text = [str(p) for p in problems]
    assert any(":3:" in t and "tom" in t for t in text)
    assert any(":4:" in t and "'brott' står två gånger" in t for t in text)
    assert any(":5:" in t and "minst två ord" in t for t in text)
    assert any(":6:" in t and "'ungdomar' står redan i gruppen på rad 2" in t for t in text)
    assert any("'hej' är inte en grupp" in t for t in text)
    assert [g.members for g in groups] == [("unga", "ungdomar"), ("brott", "kriminalitet")]


def test_broken_yaml_is_one_error_with_its_line(tmp_path):
    groups, problems = load_groups(_write(tmp_path, "- [unga, ungdomar\n- [a, b]\n"))
    assert groups == [] and len(problems) == 1 and "inte giltig YAML" in str(problems[0])


def test_a_misspelt_synonym_gets_menade_du(tmp_path):
    path = _write(tmp_path, "- [unga, ungdommar]\n- [missbruk, substansbruk]\n")
    groups, _ = load_groups(path)
    warnings = [str(p) for p in unknown_words(groups, path, {"ungdomar", "missbruk", "unga"})]
    assert warnings == [f"{path}:1:1: varning: 'ungdommar' finns inte i något projekt – menade du 'ungdomar'?"]


def test_kontrollera_reads_the_synonym_list(tmp_path):
    import shutil

    projects = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    (projects / "synonymer.yml").write_text("- [bostad]\n", encoding="utf-8")
    _, problems = check_all(projects, VOCABULARY_FILE)
    assert any(p.path.name == "synonymer.yml" and p.line == 1 and p.is_error for p in problems)


def test_the_word_list_is_sorted_for_binary_search_with_counts_and_the_words_without_dots():
    catalog, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    found, _ = records(catalog)
    words = lexicon(found)
    listed = words["ord"].split(" ")
    counts = dict(zip(listed, words["antal"]))
    assert len(words["antal"]) == len(listed) == len(counts)
    assert "hemlöshet" in counts and counts["hemlöshet"] >= 1
    # the order of JavaScript's < (UTF-16 code units), which the page's binary search relies on
    assert listed == sorted(listed, key=lambda word: word.encode("utf-16-be"))
    # å, ä and ö typed as a, a and o, for the words that have them: "hemlöshet" -> "hemloshet"
    folded = words["utan_prickar"].split(" ")
    assert "hemloshet" in folded and "hemlöshet" not in folded
    assert folded == sorted(folded, key=lambda word: word.encode("utf-16-be"))
    assert not any(ch in word for word in folded for ch in "åäö")


def test_javascript_order_is_by_utf16_code_unit_not_by_code_point():
    from kunskapsbanken.search.lexicon import _js_order

    # a letter outside the BMP (a surrogate pair in UTF-16, 0xD835 …) comes before U+FF21 in
    # JavaScript, after it in Python's default order of code points
    letters = ["\uFF21", "\U0001D400"]
    assert sorted(letters) == letters
    assert sorted(letters, key=_js_order) == letters[::-1]
