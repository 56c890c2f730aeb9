"""Search (Pagefind) in headless Chromium: the search page /sok/ with its filters, and the header box.

Expected counts come from the search records of the fixture catalog, computed in Python.
Every helper that reads hits returns them with the page's status text and any script errors,
so that a failing assertion says what the page said (see `Shown`).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from kunskapsbanken.catalog import load_catalog
from kunskapsbanken.search.records import facet_definitions, records
from kunskapsbanken.swedish import sort_key

from tests.browser.conftest import SiteServer
from tests.browser.test_accessibility import BLOCKING, describe, run_axe
from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE, build_site

pytestmark = pytest.mark.browser

PAGE = "[data-kb-sok]"
BOX = "[data-kb-sokruta]"
NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 768}


def project_page(slug_title: str, title: str, years: str, area: str, summary: str) -> str:
    return f"""---
titel: {title}
typ: FUM
år: {years}
områden: [{area}]
förvaltning: Socialförvaltningen
status: avslutat
sammanfattning: >-
  {summary}
---

{slug_title}
"""


# A project that uses the word 'vald' (chosen) and the word 'ungdom', for known answers; two whose
# titles start with Å and Ä (Swedish order: Å before Ä, code point order: Ä before Å).
EXTRA_PROJECTS = {
    "vald-arbetsmodell.md": project_page(
        "Modellen valdes efter en upphandling.", "Uppföljning av vald arbetsmodell", "2022", "Barn och unga",
        "Den arbetsmodell som blev vald av nämnden följdes upp under ett år, med stöd till varje ungdom\n"
        "  i familjehem."),
    "atgarder-unga-vuxna.md": project_page(
        "Projektet gällde boende.", "Åtgärder för unga vuxna utan bostad", "2017", "Hemlöshet",
        "Ett projekt om bostad för unga vuxna som stod utan kontrakt."),
    "arendegang-barnavard.md": project_page(
        "Ärendena följdes ett år.", "Ärendegång i barnavården", "2016", "Barn och unga",
        "En genomgång av hur ärenden om barn och unga handläggs, med bostad som ett av teman."),
}


# ------------------------------------------------------------------ helpers


class Shown(list):
    """Hit titles (or urls) as a list, which tells in an assertion message what the page said."""

    def __init__(self, items, status: str, errors: list[str]):
        super().__init__(items)
        self.status = status
        self.errors = errors

    def __repr__(self) -> str:
        # Errors first, each without its stack (which would push the message out of pytest's summary):
        # Pagefind puts the cause on the line after its own message ("Failed to load …:\n<cause>").
        errors = [" ".join(line for line in e.splitlines()[:2] if not line.lstrip().startswith("at ")) for e in self.errors]
        return f"{list(self)!r} (fel i konsolen: {errors}; sidans status: {self.status!r})"


@pytest.fixture
def page(page):
    """The conftest page, keeping the errors its scripts report (for assertion messages)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.kb_errors = errors
    return page


@pytest.fixture(scope="module")
def catalog():
    catalog, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    return catalog


REPORT_TITLE = "Årsrapport om Bostad först"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    """The fixture corpus plus the extra pages above, served at the root."""
    base = tmp_path_factory.mktemp("sok")
    projects = base / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    for name, text in EXTRA_PROJECTS.items():
        (projects / name).write_text(text, encoding="utf-8")
    # A report whose title is not its project's, and sorts elsewhere (Å after B): its PDF pages' hits
    # show that title, and sorted A–Ö they stand where it belongs.
    page = projects / "bostad-forst-farsta" / "index.md"
    text = page.read_text(encoding="utf-8")
    old = "    titel: Bostad först i Farsta\n    fil: slutrapport.pdf"
    assert text.count(old) == 1, "the fixture's report changed; update this test"
    page.write_text(text.replace(old, f"    titel: {REPORT_TITLE}\n    fil: slutrapport.pdf"), encoding="utf-8")
    server = SiteServer(build_site(projects, base / "site"))
    server.catalog, _ = load_catalog(projects, VOCABULARY_FILE)
    yield server
    server.close()


def wait(page, selector=PAGE):
    """Until the page shows the answer to its current query: hits and facet counts (data-klar)."""
    page.wait_for_selector(f"{selector}[data-klar]", state="attached", timeout=15000)


def open_search(page, server, query: str = "", viewport=None, **params) -> None:
    if viewport:
        page.set_viewport_size(viewport)
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


def shown(page, items, selector=PAGE) -> Shown:
    return Shown(items, status(page, selector), list(getattr(page, "kb_errors", [])))


def hit_titles(page, selector=PAGE) -> Shown:
    return shown(page, page.locator(f"{selector} .kb-traff__titel").all_inner_texts(), selector)


def hit_urls(page, selector=PAGE) -> Shown:
    return shown(page, [a.get_attribute("href") for a in page.locator(f"{selector} .kb-traff__titel").all()], selector)


def count_of(page, facet_key: str, value: str) -> int | None:
    """The count beside a facet value, or None when the value is hidden (no hits)."""
    label = page.locator(f'{PAGE} fieldset[data-facet="{facet_key}"] label', has=page.locator(
        f'input[value="{value}"]'))
    if not label.is_visible():
        return None
    return int(label.locator(".kb-facett__antal").inner_text().replace("\u00a0", ""))


def check(page, facet_key: str, value: str) -> None:
    page.locator(f'{PAGE} fieldset[data-facet="{facet_key}"] input[value="{value}"]').click()
    wait(page)


def choose(page, name: str, value: str) -> None:
    """Pick a value in one of the page's selects (fran, till, sortera) and wait for the answer."""
    page.locator(f"{PAGE} select[name={name}]").select_option(value)
    wait(page)


def result_count(page) -> int:
    text = status(page)
    match = re.match(r"([\d\u00a0 ]+) träff", text)
    assert match, f"no count in the status: {text!r}"
    return int(match.group(1).replace("\u00a0", "").replace(" ", ""))


def query_of(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def expected_counts(catalog, years: list[str] | None = None, **chosen: list[str]) -> dict[str, Counter]:
    """Facet counts for a filter-only search: values within a facet OR, facets AND,
    and a chosen facet counted as if it were not chosen."""
    recs, _ = records(catalog)
    if years is not None:
        chosen = {**chosen, "year": years}

    def matching(except_key=None):
        return [r for r in recs if all(set(r.filters[k]) & set(v) for k, v in chosen.items() if k != except_key)]

    counts = {}
    for definition in facet_definitions(catalog):
        key = definition["key"]
        counts[key] = Counter(v for r in matching(key if key in chosen else None) for v in r.filters[key])
    counts["_total"] = len(matching())
    return counts


# ------------------------------------------------------------------ finding


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
    assert titles[0] == "Uppföljning av vald arbetsmodell", titles
    assert "Utvärdering av arbetet mot våld" in titles[1:]


# ------------------------------------------------------------------ what a hit shows


def test_each_hit_shows_type_years_and_areas_as_labels(page, search_site):
    open_search(page, search_site, "farsta")
    hit = page.locator(f"{PAGE} .kb-traff", has=page.locator(".kb-traff__titel", has_text="Bostad först i Farsta"))
    labels = hit.first.locator(".kb-traff__etiketter li").all_inner_texts()
    project = next(p for p in search_site.catalog.projects if p.title == "Bostad först i Farsta")
    assert labels[:2] == [project.type.value, "2018–2019"], labels
    assert set(project.areas) <= set(labels[2:]), labels
    # no generic "Träff på Projektsida" under every hit any more
    assert "Träff på" not in page.locator(f"{PAGE} [data-kb-resultat]").inner_text()


def test_a_hit_in_a_pdf_names_document_and_page_and_opens_it_there(page, served_site_subpath):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_search(page, served_site_subpath, "lärdomar")
    assert page.locator(f"{PAGE} .kb-traff--pdf").count(), hit_urls(page)  # says what the page said if not
    hit = page.locator(f"{PAGE} .kb-traff--pdf").first
    where = hit.locator(".kb-traff__var")
    assert "Slutrapport, sida 3" in where.inner_text(), hit_titles(page)
    # ... and links to its project
    project = where.locator("a")
    assert project.inner_text() == "Bostad först i Farsta"
    assert project.get_attribute("href").endswith("/kunskapsbanken/projekt/bostad-forst-farsta/")
    href = hit.locator(".kb-traff__titel").get_attribute("href")
    assert href == "/kunskapsbanken/projekt/bostad-forst-farsta/slutrapport.pdf#page=3"
    response = page.request.get(served_site_subpath.origin + href.split("#")[0])
    assert response.ok and response.body().startswith(b"%PDF")
    assert "<mark>" in hit.locator(".kb-traff__utdrag").inner_html()
    # everything, the index too, came from the site under its sub-path
    assert requests and all(r.startswith(served_site_subpath.url("")) for r in requests)


def test_partial_match_note_and_did_you_mean_link(page, search_site):
    """How the page shows find()'s answer (kunskapsbanken-sok-fraga.js): a note when only some
    words matched, and "Menade du …?" that searches for the suggestion. find() is wrapped here so
    that both answers are certain, whatever the relevance work makes of these words."""
    def wrapper(route):
        route.fulfill(content_type="text/javascript", body="""
            import * as real from "./kunskapsbanken-sok-fraga.js?verklig";
            export * from "./kunskapsbanken-sok-fraga.js?verklig";  // all but find, which is ours
            export async function find(pagefind, query, options) {
              const found = await real.find(pagefind, query, options);
              if (query.trim() === "bostdd") return { ...found, results: [], match: "inga", suggestion: "bostad" };
              if (query.trim() === "bostad zzyzx") return { ...(await real.find(pagefind, "bostad", options)), match: "några" };
              return found;
            }""")
    page.route(lambda url: url.endswith("/kunskapsbanken-sok-fraga.js"), wrapper)

    open_search(page, search_site, "bostad zzyzx")
    assert "Inga träffar på alla orden – här är träffar på några av dem" in status(page)
    assert "Bostad först i Farsta" in hit_titles(page)

    open_search(page, search_site, "bostdd")
    assert hit_titles(page) == []
    link = page.locator(f"{PAGE} [data-kb-status] a[data-kb-menade-du]")
    assert "Menade du bostad?" in status(page) and link.inner_text() == "bostad"
    link.click()
    wait(page)
    assert query_of(page)["q"] == ["bostad"]
    assert page.locator(f"{PAGE} input[name=q]").input_value() == "bostad"
    assert "Bostad först i Farsta" in hit_titles(page)


# ------------------------------------------------------------------ facets, years, sorting


def test_every_facet_counts_like_the_catalog(page, served_site, catalog):
    open_search(page, served_site)
    assert "Skriv ett eller flera ord" in status(page)
    expected = expected_counts(catalog)
    for definition in facet_definitions(catalog):
        if definition["key"] == "year":  # a range, not one box per year
            years = [y for y in page.locator(f"{PAGE} select[name=fran] option").all_inner_texts() if y != "Alla"]
            assert years == sorted(t["value"] for t in definition["terms"])
            continue
        for term in definition["terms"]:
            want = expected[definition["key"]][term["value"]]
            assert count_of(page, definition["key"], term["value"]) == (want or None), (definition["key"], term)


def test_facets_combine_and_counts_follow_the_choice(page, served_site, catalog):
    open_search(page, served_site)
    check(page, "area", "Hemlöshet")
    expected = expected_counts(catalog, area=["Hemlöshet"])
    assert result_count(page) == expected["_total"]
    assert count_of(page, "type", "LUM") == expected["type"]["LUM"]
    assert count_of(page, "area", "Ungdomsbrottslighet") == expected["area"]["Ungdomsbrottslighet"]

    # a second value of the same facet widens, another facet narrows
    check(page, "area", "Ungdomsbrottslighet")
    expected = expected_counts(catalog, area=["Hemlöshet", "Ungdomsbrottslighet"])
    assert result_count(page) == expected["_total"]
    choose(page, "fran", "2019")
    choose(page, "till", "2019")
    check(page, "type", "LUM")
    expected = expected_counts(catalog, ["2019"], area=["Hemlöshet", "Ungdomsbrottslighet"], type=["LUM"])
    assert result_count(page) == expected["_total"] == len(hit_titles(page))
    for key, value in [("type", "MUL"), ("status", "avslutat"), ("administration", "Farsta"),
                       ("document_kind", "slutrapport")]:
        assert count_of(page, key, value) == (expected[key][value] or None), (key, value)


def test_counts_follow_the_query(page, served_site):
    open_search(page, served_site, "hyresvärdar")
    assert result_count(page) == 2, hit_titles(page)  # the project page and page 3 of its final report
    assert count_of(page, "area", "Hemlöshet") == 2
    assert count_of(page, "area", "Ungdomsbrottslighet") is None
    assert count_of(page, "document_kind", "slutrapport") == 2


def test_a_range_of_years_limits_the_hits(page, search_site):
    catalog = search_site.catalog
    open_search(page, search_site, fran="2019", till="2020")
    expected = expected_counts(catalog, ["2019", "2020"])
    assert result_count(page) == expected["_total"], hit_titles(page)
    years = {p.title: set(p.years) for p in catalog.projects}
    for title in hit_titles(page):
        if title in years:
            assert years[title] & {2019, 2020}, title
    # only a start: every later year
    choose(page, "till", "")
    assert query_of(page) == {"fran": ["2019"]}
    assert result_count(page) == expected_counts(catalog, [str(y) for y in range(2019, 2023)])["_total"]
    # an older address with single years gives their range
    open_search(page, search_site, ar="2018")
    assert page.locator(f"{PAGE} select[name=fran]").input_value() == "2018"
    assert page.locator(f"{PAGE} select[name=till]").input_value() == "2018"
    assert result_count(page) == expected_counts(catalog, ["2018"])["_total"]


def test_sorting_newest_first_and_by_title_in_swedish_order(page, search_site):
    catalog = search_site.catalog
    last_year = {p.title: max(p.years) for p in catalog.projects}
    open_search(page, search_site, "bostad")
    relevance = hit_urls(page)

    choose(page, "sortera", "nyast")
    assert query_of(page) == {"q": ["bostad"], "sortera": ["nyast"]}
    years = [last_year[t] for t in hit_titles(page) if t in last_year]
    assert len(years) >= 3 and years == sorted(years, reverse=True), hit_titles(page)

    choose(page, "sortera", "titel")
    titles = [t for t in hit_titles(page) if t in last_year]
    assert len(titles) >= 3 and titles == sorted(titles, key=sort_key), hit_titles(page)
    # every hit where its shown title belongs: a PDF page shows (and sorts by) its document's title
    shown = hit_titles(page)
    assert REPORT_TITLE in shown, shown
    assert [sort_key(t)[0] for t in shown] == sorted(sort_key(t)[0] for t in shown), shown
    assert titles.index("Åtgärder för unga vuxna utan bostad") < titles.index("Ärendegång i barnavården")

    # the order is in the address, and the back button brings the earlier order back
    page.go_back()
    wait(page)
    assert page.locator(f"{PAGE} select[name=sortera]").input_value() == "nyast"
    page.go_back()
    wait(page)
    assert page.locator(f"{PAGE} select[name=sortera]").input_value() == ""
    assert hit_urls(page) == relevance


def test_chosen_filters_show_as_chips_removed_one_by_one_or_all_at_once(page, search_site):
    open_search(page, search_site, "bostad", omrade="Hemlöshet", fran="2018", till="2019")
    chips = page.locator(f"{PAGE} [data-kb-chips] button")
    assert chips.all_inner_texts() == ["Område: Hemlöshet ×", "År: 2018–2019 ×"]
    assert chips.first.get_attribute("aria-label") == "Ta bort filtret Område: Hemlöshet"
    narrowed = result_count(page)

    chips.first.click()
    wait(page)
    assert query_of(page) == {"q": ["bostad"], "fran": ["2018"], "till": ["2019"]}
    assert not page.locator(f'{PAGE} input[value="Hemlöshet"]').is_checked()
    assert chips.all_inner_texts() == ["År: 2018–2019 ×"]
    # focus stays among the chips, so a keyboard user can go on removing
    assert page.evaluate("document.activeElement.textContent") == "År: 2018–2019 ×"
    assert result_count(page) >= narrowed

    page.locator(f"{PAGE} input[value='Hemlöshet']").check()
    wait(page)
    assert len(chips.all()) == 2
    page.locator(f"{PAGE} [data-kb-rensa]").click()
    wait(page)
    assert query_of(page) == {"q": ["bostad"]}
    assert chips.count() == 0 and page.locator(f"{PAGE} [data-kb-valda]").is_hidden()
    page.go_back()
    wait(page)
    assert len(chips.all()) == 2


def test_state_lives_in_the_url_and_the_back_button_works(page, served_site):
    open_search(page, served_site, "projektet", omrade="Hemlöshet")
    assert page.locator(f"{PAGE} input[name=q]").input_value() == "projektet"
    assert page.locator(f'{PAGE} input[value="Hemlöshet"]').is_checked()
    first = hit_urls(page)
    assert first

    choose(page, "fran", "2018")
    choose(page, "till", "2018")
    assert query_of(page) == {"q": ["projektet"], "omrade": ["Hemlöshet"], "fran": ["2018"], "till": ["2018"]}
    narrowed = hit_urls(page)
    assert len(narrowed) < len(first), (first, narrowed)

    page.go_back()
    page.go_back()
    wait(page)
    assert query_of(page) == {"q": ["projektet"], "omrade": ["Hemlöshet"]}
    assert page.locator(f"{PAGE} select[name=fran]").input_value() == ""
    assert hit_urls(page) == first

    # a bookmarked address gives the same search
    page.goto(served_site.url("sok/") + "?q=projektet&omrade=Heml%C3%B6shet&fran=2018&till=2018")
    wait(page)
    assert hit_urls(page) == narrowed


# ------------------------------------------------------------------ narrow screens, layout, loading


def test_on_a_narrow_screen_the_results_come_first_and_the_filters_open_behind_a_button(page, search_site):
    open_search(page, search_site, "bostad", viewport=NARROW, omrade="Hemlöshet")
    first_hit = page.locator(f"{PAGE} .kb-traff__titel").first
    panel = page.locator(f"{PAGE} [data-kb-filter]")
    toggle = page.locator(f"{PAGE} [data-kb-filterknapp]")
    assert panel.is_hidden() and first_hit.is_visible()
    assert first_hit.bounding_box()["y"] + 20 < NARROW["height"], "a hit on the first screen"
    assert toggle.inner_text() == "Filter (1)"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == panel.get_attribute("id")

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and panel.is_visible()
    assert page.evaluate("document.activeElement.id") == "kb-sok-filterrubrik", "focus moves into the panel"
    violations = [describe(v) for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not violations, violations

    # choosing in the open panel searches at once; Escape closes it and focus goes back to the button
    page.locator(f"{PAGE} input[value='Barn och unga']").check()
    wait(page)
    assert toggle.inner_text() == "Filter (2)"
    page.keyboard.press("Escape")
    assert panel.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.dataset.kbFilterknapp") == ""

    # "Visa N träffar" closes it too and leads to the hits
    toggle.click()
    show = page.locator(f"{PAGE} [data-kb-visa]")
    assert re.fullmatch(r"Visa \d+ träff(ar)?", show.inner_text()), show.inner_text()
    show.click()
    assert panel.is_hidden() and page.evaluate("document.activeElement.id") == "kb-sok-traffrubrik"


def test_on_a_wide_screen_the_filters_are_beside_the_results_without_a_button(page, search_site):
    open_search(page, search_site, "bostad", viewport=WIDE)
    panel = page.locator(f"{PAGE} [data-kb-filter]").bounding_box()
    hits = page.locator(f"{PAGE} [data-kb-resultat]").bounding_box()
    assert page.locator(f"{PAGE} [data-kb-filterknapp]").is_hidden()
    assert panel["x"] + panel["width"] <= hits["x"], (panel, hits)


LAYOUT_SHIFT = """() => {
  window.__kbShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__kbShift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}"""


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1366", "390"])
def test_the_layout_stays_still_while_the_search_page_loads(page, search_site, viewport):
    """Cumulative layout shift (what Lighthouse reports) at most 0.1 from a cold load until the
    hits and counts are drawn, measured in Chromium with a PerformanceObserver for 'layout-shift'."""
    page.set_viewport_size(viewport)
    page.add_init_script(f"({LAYOUT_SHIFT})()")
    open_search(page, search_site, "bostad")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shift = page.evaluate("window.__kbShift")
    assert shift <= 0.1, f"cumulative layout shift {shift:.3f} > 0.1"
    # the measurement is real: pushing the page down is seen
    page.evaluate("""() => { const block = document.createElement('div'); block.style.height = '300px';
                             document.querySelector('.kb-sok').prepend(block); }""")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.__kbShift") > shift + 0.05


def test_the_first_query_is_preloaded_and_hits_are_drawn_before_the_facets_are_counted(page, search_site):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_search(page, search_site, "bostad")
    preloads = page.evaluate("""() => [...document.querySelectorAll('link[rel=preload], link[rel=modulepreload]')]
                                .map((link) => link.href)""")
    entry = [u for u in requests if "/pagefind/pagefind-entry.json" in u]
    # Pagefind asks for exactly the preloaded address (the build's tag), not one with the time
    assert entry and set(entry) <= set(preloads), (entry, preloads)
    # and the index's metadata, whose name the build learns after the page is written
    meta = [u for u in requests if u.endswith(".pf_meta")]
    assert meta and set(meta) <= set(preloads), (meta, preloads)
    assert any(u.endswith("/pagefind/wasm.sv.pagefind") for u in preloads)
    assert any(u.endswith("/pagefind/pagefind.js") for u in preloads)
    assert all(u.startswith(search_site.url("")) for u in preloads), "relative addresses: a sub-path works"
    first_fragment = next(i for i, u in enumerate(requests) if "/pagefind/fragment/" in u)
    filters = [i for i, u in enumerate(requests) if "/pagefind/filter/" in u]
    assert filters and first_fragment < min(filters), "the hits were fetched before the facet data"


def test_the_index_for_typed_words_is_fetched_while_typing(page, search_site):
    """Before the pause after typing ends and the search runs, the index for the words is on its way."""
    open_search(page, search_site)
    fetched = page.evaluate("""async ([engine, planner]) => {
      // The page's own Pagefind has loaded its index (setting the weights waits for that) and no words.
      await (await import(engine)).options({ ranking: (await import(planner)).RANKING });
      const urls = [];
      const fetchBefore = window.fetch;
      window.fetch = (input, init) => { urls.push(String(input.url || input)); return fetchBefore(input, init); };
      const input = document.querySelector('[data-kb-sok] input[name=q]');
      input.value = 'hyresvärdar';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((done) => setTimeout(done, 0));  // the search waits for a pause of 200 ms
      const searched = 'klar' in document.querySelector('[data-kb-sok]').dataset;
      window.fetch = fetchBefore;
      return { urls, searched };
    }""", [search_site.url("pagefind/pagefind.js"), search_site.url("assets/javascripts/kunskapsbanken-sok-fraga.js")])
    assert not fetched["searched"] and any("/pagefind/index/" in u for u in fetched["urls"]), fetched
    wait(page)
    assert hit_titles(page), "and the search then runs"


def test_enter_right_after_typing_searches_once(page, search_site):
    """Enter searches at once, and the search that waited for a pause in the typing is not made as well."""
    open_search(page, search_site)
    shown = page.evaluate("""async () => {
      const root = document.querySelector('[data-kb-sok]');
      const status = root.querySelector('[data-kb-status]');
      let answers = 0;
      new MutationObserver(() => { answers += 1; }).observe(status, { childList: true });
      const input = root.querySelector('input[name=q]');
      input.value = 'hyresvärdar';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      root.querySelector('form').requestSubmit();
      const until = (test) => new Promise((done) => {
        const check = () => (test() ? done() : setTimeout(check, 20));
        check();
      });
      await until(() => 'klar' in root.dataset);
      await new Promise((done) => setTimeout(done, 400));  // past the pause the typing waits for (200 ms)
      await until(() => 'klar' in root.dataset);
      return { answers, status: status.textContent };
    }""")
    assert shown["answers"] == 1, shown


# ------------------------------------------------------------------ header box, messages, keyboard


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
