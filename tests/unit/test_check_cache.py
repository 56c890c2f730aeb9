"""checks.cache: under `mkdocs serve` only pages whose files changed are read and checked again."""

from __future__ import annotations

import os

from kunskapsbanken.checks import check_all
from kunskapsbanken.checks.cache import PageCache


def _touch_later(path, text: str) -> None:
    """Write text and move the modification time on, as a save a moment later does."""
    before = os.stat(path).st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_unchanged_pages_are_not_read_again_and_give_the_same_projects(projects):
    cache = PageCache()
    first, problems = check_all(projects, cache=cache)
    assert cache.read == len(first.projects) == 5
    second, again = check_all(projects, cache=cache)
    assert cache.read == 0
    assert again == problems == check_all(projects)[1]
    assert all(a is b for a, b in zip(first.projects, second.projects))


def test_a_saved_page_is_read_again_alone(projects):
    cache = PageCache()
    before, _ = check_all(projects, cache=cache)
    page = projects / "alvsjo-hemloshet.md"
    _touch_later(page, page.read_text(encoding="utf-8").replace(
        "titel: Vräkningsförebyggande arbete i Älvsjö", "titel: Vräkningar förebyggda i Älvsjö"))
    after, problems = check_all(projects, cache=cache)
    assert cache.read == 1
    assert after.by_id["alvsjo-hemloshet"].title == "Vräkningar förebyggda i Älvsjö"
    assert after.by_id["alvsjo-hemloshet"] is not before.by_id["alvsjo-hemloshet"]
    assert after.by_id["studieresa-till-oslo"] is before.by_id["studieresa-till-oslo"]
    assert problems == check_all(projects)[1]


def test_an_error_after_a_save_is_reported_and_gone_after_the_next(projects):
    cache = PageCache()
    check_all(projects, cache=cache)
    page = projects / "alvsjo-hemloshet.md"
    good = page.read_text(encoding="utf-8")
    _touch_later(page, good.replace("typ: LUM", "typ: LUMM"))
    catalog, problems = check_all(projects, cache=cache)
    assert any("okänt värde 'LUMM'" in p.message and str(p.path).endswith("alvsjo-hemloshet.md") for p in problems)
    assert "alvsjo-hemloshet" not in catalog.by_id
    # The page that links to it is not read again, but the check across pages still says so.
    assert any("alvsjo-hemloshet.md" in p.message and "bostad-forst-farsta" in str(p.path) for p in problems)
    _touch_later(page, good)
    catalog, problems = check_all(projects, cache=cache)
    assert cache.read == 1
    assert "alvsjo-hemloshet" in catalog.by_id
    assert not [p for p in problems if p.is_error]


def test_a_changed_vocabulary_reads_every_page_again(projects):
    cache = PageCache()
    _, problems = check_all(projects, cache=cache)
    assert not [p for p in problems if "Bostadslöshet" in p.message]
    vocabulary = projects / "vokabular.yml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "alias: [Bostadslöshet]" in text
    _touch_later(vocabulary, text.replace("alias: [Bostadslöshet]", "alias: [Bostadslös]"))
    _, problems = check_all(projects, cache=cache)
    assert cache.read == 5
    assert [p for p in problems if "'Bostadslöshet'" in p.message and str(p.path).endswith("alvsjo-hemloshet.md")]


def test_a_file_beside_a_page_reads_that_page_again(projects):
    cache = PageCache()
    check_all(projects, cache=cache)
    (projects / "bostad-forst-farsta" / "slutrapport.pdf").unlink()
    _, problems = check_all(projects, cache=cache)
    assert cache.read == 1
    assert [p for p in problems if "'slutrapport.pdf' finns inte" in p.message]


def test_a_removed_page_is_forgotten_and_a_new_one_read(projects):
    cache = PageCache()
    check_all(projects, cache=cache)
    moved = (projects / "studieresa-till-oslo.md").read_text(encoding="utf-8")
    (projects / "studieresa-till-oslo.md").unlink()
    catalog, _ = check_all(projects, cache=cache)
    assert "studieresa-till-oslo" not in catalog.by_id and cache.read == 0
    (projects / "studieresa-till-oslo.md").write_text(moved, encoding="utf-8")
    catalog, _ = check_all(projects, cache=cache)
    assert "studieresa-till-oslo" in catalog.by_id and cache.read == 1


def test_the_synonym_check_sees_the_words_of_a_saved_page(projects):
    (projects / "synonymer.yml").write_text("- [vräkningg, avhysning]\n", encoding="utf-8")
    cache = PageCache()
    _, problems = check_all(projects, cache=cache)
    assert [p for p in problems if "'vräkningg' finns inte" in p.message and p.suggestion == "vräkning"]
    page = projects / "alvsjo-hemloshet.md"
    _touch_later(page, page.read_text(encoding="utf-8") + "\nOrdet vräkningg står nu i texten.\n")
    _, problems = check_all(projects, cache=cache)
    assert cache.read == 1
    assert not [p for p in problems if "vräkningg" in p.message]
    assert problems == check_all(projects)[1]
