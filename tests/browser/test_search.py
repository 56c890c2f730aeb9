"""Search (Pagefind) in headless Chromium: the search page /sok/ with facets, and the header box.

Expected counts come from the search records of the fixture catalog, computed in Python.
"""

from __future__ import annotations

import shutil
from collections import Counter
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.search.records import facet_definitions, records

from tests.browser.conftest import SiteServer
from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE, build_site

pytestmark = pytest.mark.browser

PAGE = "[data-kb-sok]"
BOX = "[data-kb-sokruta]"

# A project that uses the word 'vald' (chosen) and the word 'ungdom', for known answers.
VALD_PROJECT = """---
titel: Uppföljning av vald arbetsmodell
typ: FUM
år: 2022
områden: [Barn och unga]
förvaltning: Socialförvaltningen
status: avslutat
sammanfattning: >-
  Den arbetsmodell som blev vald av nämnden följdes upp under ett år, med stöd till varje ungdom
  i familjehem.
---

Modellen valdes efter en upphandling.
"""


@pytest.fixture(scope="module")
def catalog():
    catalog, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    return catalog


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    """The fixture corpus plus one page with 'vald' and 'ungdom', served at the root."""
    base = tmp_path_factory.mktemp("sok")
    projects = base / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    (projects / "vald-arbetsmodell.md").write_text(VALD_PROJECT, encoding="utf-8")
    server = SiteServer(build_site(projects, base / "site"))
    yield server
    server.close()


def wait(page, selector=PAGE):
    page.wait_for_selector(f"{selector}[data-klar]", state="attached", timeout=10000)


def open_search(page, server, query: str = "", **params) -> None:
    url = server.url("sok/")
    parts = ([f"q={quote(query)}"] if query else []) + [f"{k}={quote(v)}" for k, v in params.items()]
    page.goto(url + ("?" + "&".join(parts) if parts else ""))
    wait(page)


def goto_with_box(page, url: str) -> None:
    """Open a page and wait until its header search box has started (its script is deferred)."""
    page.goto(url)
    page.wait_for_selector(f"{BOX}[data-kb-startad]", state="attached", timeout=10000)


def status(page, selector=PAGE) -> str:
    return page.locator(f"{selector} [data-kb-status]").inner_text()


def hit_titles(page, selector=PAGE) -> list[str]:
    return page.locator(f"{selector} .kb-traff__titel").all_inner_texts()


def hit_urls(page, selector=PAGE) -> list[str]:
    return [a.get_attribute("href") for a in page.locator(f"{selector} .kb-traff__titel").all()]


def count_of(page, facet_key: str, value: str) -> int | None:
    """The count beside a facet value, or None when the value is hidden (no hits)."""
    label = page.locator(f'{PAGE} fieldset[data-facet="{facet_key}"] label', has=page.locator(
        f'input[value="{value}"]'))
    if not label.is_visible():
        return None
    return int(label.locator(".kb-facett__antal").inner_text().strip("()").replace("\u00a0", ""))


def check(page, facet_key: str, value: str) -> None:
    page.locator(f'{PAGE} fieldset[data-facet="{facet_key}"] input[value="{value}"]').click()
    wait(page)


def result_count(page) -> int:
    text = status(page).split(" ")[0]
    return int(text.replace("\u00a0", ""))


def expected_counts(catalog, **chosen: list[str]) -> dict[str, Counter]:
    """Facet counts for a filter-only search: values within a facet OR, facets AND,
    and a chosen facet counted as if it were not chosen."""
    recs, _ = records(catalog)

    def matching(except_key=None):
        return [r for r in recs if all(set(r.filters[k]) & set(v) for k, v in chosen.items() if k != except_key)]

    counts = {}
    for definition in facet_definitions(catalog):
        key = definition["key"]
        counts[key] = Counter(v for r in matching(key if key in chosen else None) for v in r.filters[key])
    counts["_total"] = len(matching())
    return counts


def test_swedish_stemming_and_prefixes(page, search_site):
    open_search(page, search_site, "ungdomarna")
    assert "Uppföljning av vald arbetsmodell" in hit_titles(page)  # the page says 'ungdom'
    assert "Ungdomar i Skärholmen" in hit_titles(page)
    open_search(page, search_site, "utvärderingar")
    assert "Utvärdering av arbetet mot våld" in hit_titles(page)
    open_search(page, search_site, "hemlös")  # a prefix of 'hemlöshet'
    assert "Bostad först i Farsta" in hit_titles(page)


def test_a_and_a_ring_are_different_letters_and_exact_matches_come_first(page, search_site):
    open_search(page, search_site, "våld")
    titles = hit_titles(page)
    assert "Utvärdering av arbetet mot våld" in titles
    assert "Uppföljning av vald arbetsmodell" not in titles
    open_search(page, search_site, "vald")
    titles = hit_titles(page)
    # typed without å: the exact word first, 'våld' still found after it
    assert titles[0] == "Uppföljning av vald arbetsmodell"
    assert "Utvärdering av arbetet mot våld" in titles[1:]


def test_every_facet_counts_like_the_catalog(page, served_site, catalog):
    open_search(page, served_site)
    assert "Skriv ett eller flera ord" in status(page)
    expected = expected_counts(catalog)
    for definition in facet_definitions(catalog):
        for term in definition["terms"]:
            want = expected[definition["key"]][term["value"]]
            assert count_of(page, definition["key"], term["value"]) == (want or None), (definition["key"], term)


def test_facets_combine_and_counts_follow_the_choice(page, served_site, catalog):
    open_search(page, served_site)
    check(page, "area", "Hemlöshet")
    expected = expected_counts(catalog, area=["Hemlöshet"])
    assert result_count(page) == expected["_total"]
    assert count_of(page, "year", "2019") == expected["year"]["2019"]
    assert count_of(page, "area", "Ungdomsbrottslighet") == expected["area"]["Ungdomsbrottslighet"]

    # a second value of the same facet widens, another facet narrows
    check(page, "area", "Ungdomsbrottslighet")
    expected = expected_counts(catalog, area=["Hemlöshet", "Ungdomsbrottslighet"])
    assert result_count(page) == expected["_total"]
    check(page, "year", "2019")
    check(page, "type", "LUM")
    expected = expected_counts(catalog, area=["Hemlöshet", "Ungdomsbrottslighet"], year=["2019"], type=["LUM"])
    assert result_count(page) == expected["_total"] == len(hit_titles(page))
    for key, value in [("type", "MUL"), ("year", "2018"), ("status", "avslutat"), ("administration", "Farsta"),
                       ("document_kind", "slutrapport")]:
        assert count_of(page, key, value) == (expected[key][value] or None), (key, value)


def test_counts_follow_the_query(page, served_site):
    open_search(page, served_site, "hyresvärdar")
    assert result_count(page) == 2  # the project page and page 3 of its final report
    assert count_of(page, "area", "Hemlöshet") == 2
    assert count_of(page, "area", "Ungdomsbrottslighet") is None
    assert count_of(page, "document_kind", "slutrapport") == 2


def test_state_lives_in_the_url_and_the_back_button_works(page, served_site):
    open_search(page, served_site, "projektet", omrade="Hemlöshet")
    assert page.locator(f"{PAGE} input[name=q]").input_value() == "projektet"
    assert page.locator(f'{PAGE} input[value="Hemlöshet"]').is_checked()
    first = hit_urls(page)
    assert first

    check(page, "year", "2018")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["projektet"], "omrade": ["Hemlöshet"], "ar": ["2018"]}
    narrowed = hit_urls(page)
    assert len(narrowed) < len(first)

    page.go_back()
    wait(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["projektet"], "omrade": ["Hemlöshet"]}
    assert not page.locator(f'{PAGE} input[value="2018"]').is_checked()
    assert hit_urls(page) == first

    # a bookmarked address gives the same search
    page.goto(served_site.url("sok/") + "?q=projektet&omrade=Heml%C3%B6shet&ar=2018")
    wait(page)
    assert hit_urls(page) == narrowed


def test_a_hit_in_a_pdf_names_document_and_page_and_opens_it_there(page, served_site_subpath):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_search(page, served_site_subpath, "lärdomar")
    hit = page.locator(f"{PAGE} .kb-traff--pdf").first
    assert "Slutrapport, sida 3" in hit.locator(".kb-traff__var").inner_text()
    assert "Bostad först i Farsta" in hit.inner_text()
    href = hit.locator(".kb-traff__titel").get_attribute("href")
    assert href == "/kunskapsbanken/projekt/bostad-forst-farsta/slutrapport.pdf#page=3"
    response = page.request.get(served_site_subpath.origin + href.split("#")[0])
    assert response.ok and response.body().startswith(b"%PDF")
    assert "<mark>" in hit.locator(".kb-traff__utdrag").inner_html()
    # everything, the index too, came from the site under its sub-path
    assert requests and all(r.startswith(served_site_subpath.url("")) for r in requests)


def test_header_box_and_search_page_agree(page, served_site):
    goto_with_box(page, served_site.url("omraden/"))
    box = page.locator(f"{BOX} input[name=q]")
    box.fill("farsta")
    wait(page, BOX)
    in_box = hit_urls(page, BOX)
    assert in_box and "Bostad först i Farsta" in hit_titles(page, BOX)
    page.locator(f"{BOX} [data-kb-alla]").click()
    page.wait_for_url("**/sok/?q=farsta")
    wait(page)
    assert hit_urls(page)[:len(in_box)] == in_box


def test_helpful_messages_for_no_hits_one_letter_and_nothing(page, served_site):
    open_search(page, served_site, "xyzzyq")
    assert status(page).startswith("Inga träffar för ”xyzzyq”")
    assert hit_titles(page) == []
    open_search(page, served_site, "a")
    assert "minst två bokstäver" in status(page)
    open_search(page, served_site)
    assert "Skriv ett eller flera ord" in status(page)
    goto_with_box(page, served_site.url(""))
    page.locator(f"{BOX} input[name=q]").fill("ö")
    wait(page, BOX)
    assert "minst två bokstäver" in status(page, BOX)


def test_keyboard_only_and_announced_results(page, served_site):
    goto_with_box(page, served_site.url(""))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("våld")
    wait(page, BOX)
    assert page.locator(f"{BOX} [data-kb-status]").get_attribute("aria-live") == "polite"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Utvärdering av arbetet mot våld"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.press("Enter")  # the full search page
    page.wait_for_url("**/sok/?q=*")
    wait(page)
    assert page.locator(f"{PAGE} [data-kb-status]").get_attribute("aria-live") == "polite"
    assert "Utvärdering av arbetet mot våld" in hit_titles(page)

    # on the page: focus the query, tab to a facet, tick it with the space bar
    page.locator(f"{PAGE} input[name=q]").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    assert page.evaluate("document.activeElement.type") == "checkbox"
    value = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    wait(page)
    assert page.locator(f'{PAGE} input[value="{value}"]').is_checked()
    assert "träff" in status(page)
