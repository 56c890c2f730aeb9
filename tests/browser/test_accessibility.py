"""WCAG 2.1 AA: axe-core on every kind of page (zero serious or critical violations; the moderate
and minor ones are listed in the output), and the structure every page must have: lang="sv",
meaningful titles, headings in order, tables with headers, link texts that make sense alone.

axe-core is the axe.min.js that the PyPI package axe-playwright-python ships (MPL-2.0), loaded
from that local file into the page: no CDN.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.sites import page_kinds, site_at_root  # noqa: F401 (fixture)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
GENERATED = {"projekt", "omraden", "ar", "typ", "dokument", "forvaltningar", "status", "utforare", "nyckelord"}
VAGUE_LINK_TEXTS = {"här", "klicka här", "klicka", "läs mer", "mer", "länk", "pdf", "ladda ner", "öppna", "se här"}


def axe_source() -> Path:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert path.is_file(), "axe-playwright-python ships axe.min.js"
    return path


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(axe_source()))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    return result["violations"]


def describe(violation: dict) -> str:
    targets = ", ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                        for node in violation["nodes"][:3])
    more = f" (+{len(violation['nodes']) - 3})" if len(violation["nodes"]) > 3 else ""
    return f"{violation['impact']}: {violation['id']} – {violation['help']} [{targets}{more}]"


@pytest.mark.browser
def test_axe_finds_no_serious_or_critical_violation_on_any_kind_of_page(page, site_at_root):
    kinds = page_kinds(site_at_root.site)
    results: dict[str, list[dict]] = {}
    for kind, path in kinds:
        page.goto(site_at_root.url(path))
        page.wait_for_load_state("networkidle")
        if path.startswith("sok/"):
            page.wait_for_selector("[data-kb-sok][data-klar]", state="attached", timeout=10000)
        results[kind] = run_axe(page)
    # the header search box with its results open
    page.goto(site_at_root.url(""))
    if page.locator("[data-kb-sokruta]").count():
        page.locator("[data-kb-sokruta] input[name=q]").fill("bostad")
        page.wait_for_selector("[data-kb-sokruta][data-klar]", state="attached", timeout=10000)
        results["sökruta med träffar"] = run_axe(page)

    print("\naxe-core (WCAG 2.1 A/AA + best practice) per sorts sida:")
    blocking: list[str] = []
    for kind, violations in results.items():
        by_impact = defaultdict(int)
        for violation in violations:
            by_impact[violation["impact"]] += 1
        summary = ", ".join(f"{impact} {n}" for impact, n in sorted(by_impact.items())) or "inga anmärkningar"
        print(f"  {kind}: {summary}")
        for violation in violations:
            print(f"    {describe(violation)}")
            if violation["impact"] in BLOCKING:
                blocking.append(f"{kind}: {describe(violation)}")
    assert len(results) >= 10, "every kind of page was checked"
    assert not blocking, "serious or critical violations:\n" + "\n".join(blocking)


@pytest.mark.browser
def test_axe_does_find_violations(page, site_at_root):
    """The check can fail: a page with an unlabelled image link and a low contrast is caught."""
    page.goto(site_at_root.url(""))
    page.evaluate("""() => {
        const a = document.createElement('a'); a.href = 'om/'; a.innerHTML = '<img src="x.png">';
        const p = document.createElement('p'); p.textContent = 'Svag text'; p.style.color = '#eee';
        document.querySelector('article').append(a, p);
    }""")
    ids = {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
    assert {"link-name", "color-contrast"} <= ids


# ------------------------------------------------------------------ structure of every built page

def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_of(soup):
    return soup.select_one("article.md-content__inner") or soup.body


def test_every_page_is_swedish_with_a_meaningful_unique_title(fixture_site):
    titles: dict[str, str] = {}
    shared: dict[str, list[str]] = {}
    for name, soup in pages(fixture_site):
        assert soup.html.get("lang") == "sv", name
        title = soup.title.get_text().strip()
        assert title.endswith("Kunskapsbanken"), f"{name}: {title!r}"
        h1 = article_of(soup).find("h1")
        if name != "index.html" and h1 is not None:
            heading = " ".join(h1.get_text().split())
            topic = title.removesuffix(" - Kunskapsbanken")
            # generated pages are titled by their heading; a guide page may shorten it in the menu
            fits = topic.startswith(heading) if name.split("/")[0] in GENERATED else \
                topic and (heading.startswith(topic) or topic.startswith(heading))
            assert fits, f"{name}: title {title!r} vs h1 {heading!r}"
        if name.split("/")[0] in GENERATED:  # listings and projects: a title tells them apart
            assert title not in titles, f"{name} and {titles.get(title)} share the title {title!r}"
            titles[title] = name
        else:
            shared.setdefault(title, []).append(name)
    for title, names in shared.items():
        if len(names) > 1 or title in titles:
            print(f"\nsamma titel {title!r}: {names + ([titles[title]] if title in titles else [])}")


def test_headings_are_in_order(fixture_site):
    for name, soup in pages(fixture_site):
        levels = [int(h.name[1]) for h in article_of(soup).find_all(re.compile(r"^h[1-6]$"))]
        assert levels[:1] == [1] and levels.count(1) == 1, f"{name}: one h1 first, got {levels}"
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{name}: h{before} followed by h{after} ({levels})"


def test_tables_have_headers(fixture_site):
    seen = 0
    for name, soup in pages(fixture_site):
        for table in article_of(soup).find_all("table"):
            seen += 1
            headers = table.select("thead th") or table.select("tr:first-child th")
            assert headers, f"{name}: a table without header cells"
            assert all(th.get_text(strip=True) or th.get("aria-label") for th in headers), f"{name}: empty header"
    assert seen > 0


def test_link_texts_make_sense_alone(fixture_site):
    documents = 0
    for name, soup in pages(fixture_site):
        for link in article_of(soup).find_all("a", href=True):
            text = " ".join(link.get_text().split())
            label = link.get("aria-label") or link.get("title") or (link.img.get("alt") if link.img else "")
            assert text or label, f"{name}: a link without text to {link['href']}"
            assert text.lower().rstrip(".:") not in VAGUE_LINK_TEXTS, f"{name}: link text {text!r}"
            if link["href"].lower().endswith(".pdf"):
                documents += 1
                # 'Slutrapport: Bostad först i Farsta (PDF, 1,9 kB)': kind, title, format and size;
                # a report elsewhere says that it leads out of the intranet
                pattern = r"\(extern länk\)$" if "://" in link["href"] else r"\(PDF, [\d ,\u00a0]+ [kMG]?B\)$"
                assert re.search(pattern, text), f"{name}: document link {text!r}"
    assert documents > 0


def test_every_page_offers_the_accessibility_statement(fixture_site):
    for name, soup in pages(fixture_site):
        footer = soup.select_one("footer")
        assert footer and footer.find("a", string=re.compile("Tillgänglighetsredogörelse")), name
    statement = BeautifulSoup((fixture_site / "tillganglighet/index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text(strip=True) for h in article_of(statement).find_all(re.compile("^h[1-4]$"))]
    for wanted in ["Hur tillgänglig är webbplatsen?", "Vad kan du göra om du inte kan använda delar av webbplatsen?",
                   "Rapportera brister i webbplatsens tillgänglighet", "Tillsyn",
                   "Teknisk information om webbplatsens tillgänglighet", "Innehåll som inte är tillgängligt",
                   "Bristande förenlighet med lagkraven", "Oskäligt betungande anpassning",
                   "Innehåll som inte omfattas av lagkraven", "Hur vi testat webbplatsen", "Om redogörelsen"]:
        assert wanted in headings, wanted
    text = article_of(statement).get_text()
    assert "delvis förenlig" in text and "Senaste bedömningen gjordes den" in text
    assert statement.find("a", href="https://www.digg.se/tdosanmalan")
