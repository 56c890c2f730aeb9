"""Keyboard alone: the skip link, the search box, the navigation and a project's documents, with a
visible focus on every element that Tab reaches on the way (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7)."""

from __future__ import annotations

import re

import pytest

from tests.browser.sites import PROJECT, site_at_root  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  return {
    tag: e.tagName, text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' '),
    href: e.getAttribute('href'), name: e.getAttribute('name'),
    inArticle: !!e.closest('article'), inHeader: !!e.closest('header'), inTabs: !!e.closest('.md-tabs'),
    visibleFocus: e.matches(':focus-visible') && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
                  || (style.boxShadow && style.boxShadow !== 'none')),
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
              && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, wanted, limit: int = 80) -> dict:
    """Press Tab until wanted(focused element) holds; every stop on the way must show its focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["tag"] == "BODY":
            continue  # past the last element: the browser's own UI, then round again
        seen.append(f"{element['tag']} {element['text'][:40]!r}")
        assert element["visibleFocus"], f"no visible focus on {seen[-1]}"
        assert element["onScreen"], f"focus on {seen[-1]} is off screen"
        if wanted(element):
            return element
    raise AssertionError("not reached by Tab; the way went: " + " → ".join(seen))


def test_skip_link_is_first_visible_and_leads_to_the_content(page, site_at_root):
    page.goto(site_at_root.url(PROJECT))
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Gå till innehållet" and first["visibleFocus"] and first["onScreen"]
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#" + page.locator("article h1").get_attribute("id")
    nxt = tab_to(page, lambda e: True)
    assert nxt["inArticle"], f"after the skip link, Tab goes into the content, not to {nxt}"


def test_search_box_by_keyboard_alone(page, site_at_root):
    page.goto(site_at_root.url(""))
    box = tab_to(page, lambda e: e["tag"] == "INPUT" and e["name"] == "q", limit=10)
    assert box["inHeader"]
    page.keyboard.type("bostad")
    page.wait_for_selector("[data-kb-sokruta][data-klar]", state="attached", timeout=10000)
    page.keyboard.press("ArrowDown")
    hit = focused(page)
    assert hit["tag"] == "A" and hit["visibleFocus"] and "Bostad först i Farsta" in hit["text"]
    page.keyboard.press("Enter")  # the hit is the project page or its report
    page.wait_for_url(re.compile(r"/projekt/bostad-forst-farsta/"))
    # Enter in the box itself leads to the search page with all hits
    page.goto(site_at_root.url(""))
    tab_to(page, lambda e: e["tag"] == "INPUT" and e["name"] == "q", limit=10)
    page.keyboard.type("bostad")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=bostad*")
    page.wait_for_selector("[data-kb-sok][data-klar]", state="attached", timeout=10000)
    assert "Bostad först i Farsta" in page.locator(".kb-traff__titel").all_inner_texts()


def test_navigation_to_a_projects_documents_by_keyboard_alone(page, site_at_root):
    page.goto(site_at_root.url(""))
    tab_to(page, lambda e: e["inTabs"] and e["text"] == "Bläddra")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bladdra/")
    tab_to(page, lambda e: e["inArticle"] and e["text"] == "Områden")
    page.keyboard.press("Enter")
    page.wait_for_url("**/omraden/")
    tab_to(page, lambda e: e["inArticle"] and e["text"] == "Hemlöshet")
    page.keyboard.press("Enter")
    page.wait_for_url("**/omraden/hemloshet/")
    tab_to(page, lambda e: e["inArticle"] and e["text"] == "Bostad först i Farsta")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + PROJECT)
    document = tab_to(page, lambda e: e["inArticle"] and (e["href"] or "").endswith(".pdf"))
    assert document["text"].replace("\u00a0", " ") == "Slutrapport: Bostad först i Farsta (PDF, 1,9 kB)"
    # answered without a body, so that no PDF viewer opens in the headless browser
    page.route("**/*.pdf", lambda route: route.fulfill(status=204))
    with page.expect_request("**/slutrapport.pdf") as request:
        page.keyboard.press("Enter")
    assert request.value.url == site_at_root.url(PROJECT + "slutrapport.pdf")


def test_the_focus_check_can_fail(page, site_at_root):
    page.goto(site_at_root.url(""))
    page.add_style_tag(content="*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }")
    with pytest.raises(AssertionError, match="no visible focus"):
        tab_to(page, lambda e: False, limit=3)
