"""The evidence and gap map in the browser: filters by links without JavaScript, in place with it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.test_accessibility import BLOCKING, describe, run_axe

pytestmark = pytest.mark.browser


def _cell(page, area: str, kind: str):
    headers = page.locator("table.kb-karta thead th").all_inner_texts()
    row = page.locator("table.kb-karta tbody tr").filter(has=page.locator(f'th:text-is("{area}")'))
    return row.locator("td").nth(headers.index(kind) - 1)


def test_without_javascript_the_map_filters_by_links(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site.url("kunskapskarta/"))
    assert page.locator(".kb-karta__form").count() == 0
    page.get_by_role("navigation", name="Målgrupp").get_by_role("link", name="unga (1)").click()
    page.wait_for_url("**/kunskapskarta/unga/")
    assert _cell(page, "Ungdomsbrottslighet", "Metodutveckling").inner_text().split("\n")[0] == "1 projekt"
    assert _cell(page, "Hemlöshet", "Utvärdering").inner_text().strip().endswith("Lucka: inga projekt") or \
        "–" in _cell(page, "Hemlöshet", "Utvärdering").inner_text()
    context.close()


def test_with_javascript_the_map_filters_in_place_by_group_and_years(page, served_site):
    page.goto(served_site.url("kunskapskarta/"))
    page.wait_for_selector("[data-kb-kartdata][data-klar]")
    homelessness = _cell(page, "Hemlöshet", "Utvärdering")
    assert homelessness.locator(".kb-karta__antal").inner_text() == "1 projekt"
    page.get_by_label("Från år").select_option("2020")
    page.wait_for_selector("[data-kb-kartdata][data-klar]")
    assert "Lucka" in homelessness.inner_text()
    assert "fran=2020" in page.url
    page.get_by_label("Från år").select_option("2018")
    page.get_by_label("Till år").select_option("2019")
    page.get_by_role("combobox", name="Målgrupp").select_option("vuxna")
    page.wait_for_selector("[data-kb-kartdata][data-klar]")
    assert homelessness.locator(".kb-karta__antal").inner_text() == "1 projekt"
    assert "målgrupp vuxna, 2018–2019" in page.locator("table.kb-karta caption").inner_text()
    query = parse_qs(urlsplit(homelessness.locator("a").get_attribute("href")).query)
    assert query == {"omrade": ["Hemlöshet"], "kunskapstyp": ["utvärdering"], "malgrupp": ["vuxna"],
                     "ar": ["2018", "2019"]}


def test_a_cell_opens_the_search_with_its_filters_chosen(page, served_site):
    page.goto(served_site.url("kunskapskarta/"))
    page.wait_for_selector("[data-kb-kartdata][data-klar]")
    _cell(page, "Hemlöshet", "Utvärdering").locator("a").click()
    page.wait_for_url("**/sok/?**")
    page.wait_for_selector("[data-kb-sok][data-klar]")
    titles = page.locator(".kb-traff__titel").all_inner_texts()
    status = page.locator(".kb-sok__status").inner_text()
    # The project page and its report's pages: nothing from another area or kind of knowledge.
    assert titles and set(titles) == {"Bostad först i Farsta"}, status


@pytest.mark.parametrize("width", [1366, 390])
def test_the_map_has_no_serious_accessibility_problem_and_scrolls_in_its_box(page, served_site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served_site.url("kunskapskarta/"))
    page.wait_for_selector("[data-kb-kartdata][data-klar]")
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(describe(v) for v in blocking)
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, "the page itself must not scroll sideways; the table scrolls in its box"
