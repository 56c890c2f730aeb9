"""Swedish text rules: å, ä and ö are letters after z, not accents."""

from kunskapsbanken import swedish


def test_swedish_alphabet_puts_aa_ae_oe_after_z():
    words = ["Östermalm", "Zinkensdamm", "Älvsjö", "Årsta", "Aspudden", "Bromma"]
    assert sorted(words, key=swedish.sort_key) == ["Aspudden", "Bromma", "Zinkensdamm", "Årsta", "Älvsjö", "Östermalm"]


def test_case_does_not_change_order_but_letters_do():
    assert sorted(["ö", "A", "å", "b"], key=swedish.sort_key) == ["A", "b", "å", "ö"]


def test_accented_foreign_letters_sort_with_their_base_letter():
    # é is an e with an accent, not a letter of its own: Linné comes between Linne and Linnf.
    assert sorted(["Linnf", "Linné", "Linnd"], key=swedish.sort_key) == ["Linnd", "Linné", "Linnf"]


def test_slug_is_lowercase_ascii():
    assert swedish.slugify("Våld i nära relationer") == "vald-i-nara-relationer"
    assert swedish.slugify("Hägersten-Älvsjö") == "hagersten-alvsjo"
    assert swedish.slugify("  Pilot intern-SIP!  ") == "pilot-intern-sip"


def test_numbers_are_written_the_swedish_way():
    assert swedish.format_number(3_500_000) == "3\u00a0500\u00a0000"
    assert swedish.format_number(2.41, 2) == "2,41"
    assert swedish.format_kronor(174_300) == "174\u00a0300\u00a0kr"
    assert swedish.format_bytes(1_234_567) == "1,2\u00a0MB"


def test_folding_removes_what_a_keyboard_without_aao_loses():
    assert swedish.fold_diacritics("Våld") == "vald"
    assert swedish.fold_diacritics("våld") != "våld"


def test_lists_join_with_och():
    assert swedish.join_list(["Norrmalm", "Östermalm", "Kungsholmen"]) == "Norrmalm, Östermalm och Kungsholmen"
