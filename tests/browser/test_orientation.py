"""From a hit to the report, as a social worker meets it: a way to every document, honest status,
breadcrumbs and the lit tab, previous/next within a section, keyword pages, no dead ends, a readable
statistics page, editor guide code that renders, and a start page that leads with search."""

from __future__ import annotations

import re
import shutil
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.browser.sites import serve, site_at_root  # noqa: F401 (fixture)
from tests.support import FIXTURE_PROJECTS, FIXTURES, build_site

pytestmark = pytest.mark.browser

MAILBOX = "fou.kunskapsbanken@stockholm.se"  # the placeholder in mkdocs.yml
ARTICLE = "article.md-content__inner"

UNKNOWN = """---
titel: Utvärdering av lågtröskelboende
typ: FUM
år: 2013
områden: [Hemlöshet]
status: okänd
diarienummer: 3.1-42/2013
dokument:
  - typ: slutrapport
    titel: Lågtröskelboende & "härbärgen" – utvärdering
    datum: 2014
nyckelord: [lågtröskelboende, Boendestöd]
sammanfattning: FoU-planen 2013 aviserade en utvärdering; underlagen säger inte hur det gick.
---
"""


@pytest.fixture(scope="module")
def site_with_unknown_status(tmp_path_factory):
    """The fixture corpus and one project whose status nobody knows, with a report to order."""
    projects = tmp_path_factory.mktemp("okand") / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    (projects / "utvardering-av-lagtroskelboende.md").write_text(UNKNOWN, encoding="utf-8")
    site = build_site(projects, projects.parent / "site")
    server = serve(site)
    yield server
    server.close()


@pytest.fixture(scope="module")
def statistics_site(tmp_path_factory):
    """The statistics fixture: projects with amounts and the yearly decisions (beslut.yml)."""
    site = build_site(FIXTURES / "statistik", tmp_path_factory.mktemp("statistik") / "site")
    server = serve(site)
    yield server
    server.close()


# ------------------------------------------------------------------ every document has a way to it

def test_every_document_is_a_link_or_can_be_ordered_from_the_mailbox(page, site_with_unknown_status):
    page.goto(site_with_unknown_status.url("projekt/utvardering-av-lagtroskelboende/"))
    items = page.locator(f"{ARTICLE} h2#dokument + ul > li")
    assert items.count() == 1
    order = items.first.get_by_role("link", name=re.compile("^Beställ rapporten"))
    # Visible 'Beställ rapporten'; the title is there for screen readers only.
    hidden = order.locator(".kb-dold")
    assert hidden.inner_text().strip() == 'Lågtröskelboende & "härbärgen" – utvärdering'
    assert hidden.bounding_box()["width"] <= 1
    assert order.inner_text().startswith("Beställ rapporten")
    href = order.get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and unquote(parts.path) == MAILBOX
    assert " " not in href and "&body=" in href  # percent-encoded, two fields
    query = parse_qs(parts.query)
    assert query["subject"] == ['Beställning: Lågtröskelboende & "härbärgen" – utvärdering']
    body = query["body"][0]
    for wanted in ['Slutrapport: Lågtröskelboende & "härbärgen" – utvärdering',
                   "Projekt: Utvärdering av lågtröskelboende (FUM, 2013)", "Diarienummer: 3.1-42/2013"]:
        assert wanted in body, body
    assert "\r\n" in body  # RFC 6068 line breaks
    # The project names no contact of its own: the mailbox is its contact.
    contact = page.locator(".kb-faktaruta dt:text-is('Kontakt') + dd")
    assert MAILBOX in contact.inner_text()
    assert contact.get_by_role("link").get_attribute("href") == f"mailto:{MAILBOX}"

    # Every document on every project page: a PDF, a link or an order.
    for project in ["bostad-forst-farsta", "utvardering-av-vald", "studieresa-till-oslo"]:
        page.goto(site_with_unknown_status.url(f"projekt/{project}/"))
        for item in page.locator(f"{ARTICLE} h2#dokument + ul > li").all():
            hrefs = [a.get_attribute("href") for a in item.get_by_role("link").all()]
            assert any(h.endswith(".pdf") or h.startswith(("http", "mailto:")) for h in hrefs), item.inner_text()


def test_the_mailbox_is_on_the_about_page_and_in_the_accessibility_statement(page, site_at_root):
    for path, section in [("om/", "#kontakt"), ("tillganglighet/", "")]:
        page.goto(site_at_root.url(path))
        links = page.locator(f"{ARTICLE} a[href='mailto:{MAILBOX}']")
        assert links.count() >= 1, path
        assert links.first.inner_text() == MAILBOX
    page.goto(site_at_root.url("om/"))
    contact = page.locator(f"{ARTICLE} h2#kontakt")
    assert contact.is_visible()
    # the address stands in the contact section, not somewhere else on the page
    assert page.evaluate("""() => {
        const h = document.querySelector('h2#kontakt'), a = document.querySelector('article a[href^="mailto:"]');
        return !!(h.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")


# ------------------------------------------------------------------ status never misleads

def test_an_unknown_status_says_so_and_has_its_list(page, site_with_unknown_status):
    page.goto(site_with_unknown_status.url("projekt/utvardering-av-lagtroskelboende/"))
    status = page.locator(".kb-faktaruta dt:text-is('Status') + dd")
    assert status.inner_text().strip() == "Status okänd"
    status.get_by_role("link").click()
    page.wait_for_url("**/status/okand/")
    assert page.locator(".kb-projektkort h3").all_inner_texts() == ["Utvärdering av lågtröskelboende"]
    assert "status okänd" in page.locator(".kb-projektkort .kb-meta").inner_text()
    page.goto(site_with_unknown_status.url("status/"))
    row = page.locator(f"{ARTICLE} tr", has_text="Status okänd")
    assert row.get_by_role("link", name="Status okänd").count() == 1


# ------------------------------------------------------------------ orientation

def crumbs(page) -> list[str]:
    trail = page.locator("nav[aria-label='Brödsmulor'] > ol > li")
    return [" ".join(t.split()) for t in trail.all_inner_texts()]


def active_tab(page) -> list[str]:
    return [t.strip() for t in page.locator(".md-tabs__item--active").all_inner_texts()]


def test_breadcrumbs_and_the_lit_tab_on_generated_pages(page, site_at_root):
    page.goto(site_at_root.url("projekt/bostad-forst-farsta/"))
    assert crumbs(page) == ["Start", "Bläddra", "Områden", "Hemlöshet", "Bostad först i Farsta"]
    current = page.locator("nav[aria-label='Brödsmulor'] [aria-current='page']")
    assert current.count() == 1 and current.inner_text() == "Bostad först i Farsta"
    assert page.locator("nav[aria-label='Brödsmulor'] li[itemprop='itemListElement'] meta[itemprop='position']") \
        .count() == 5
    assert active_tab(page) == ["Bläddra"]
    # the left column shows the section the page belongs to
    assert page.locator(".md-sidebar--primary").get_by_role("link", name="Nyckelord").count() >= 1

    page.locator("nav[aria-label='Brödsmulor']").get_by_role("link", name="Hemlöshet").click()
    page.wait_for_url("**/omraden/hemloshet/")
    assert crumbs(page) == ["Start", "Bläddra", "Områden", "Hemlöshet"]
    assert active_tab(page) == ["Bläddra"]

    for path, trail, tab in [
        ("dokument/slutrapport/", ["Start", "Bläddra", "Dokument", "Slutrapporter"], "Bläddra"),
        ("nyckelord/boendestoed/", ["Start", "Bläddra", "Nyckelord", "boendestöd"], "Bläddra"),
        ("malgrupper/unga/", ["Start", "Bläddra", "Målgrupper", "unga"], "Bläddra"),
        ("kunskapskarta/unga/", ["Start", "Kunskapskarta", "unga"], "Kunskapskarta"),
        ("statistik/", ["Start", "Statistik"], "Statistik"),
        ("resultat/", ["Start", "Statistik", "Resultat"], "Statistik"),
        ("redaktor/import/", ["Start", "Redaktörsguide", "Importera"], "Redaktörsguide"),
        ("om/", ["Start", "Om Kunskapsbanken"], "Om Kunskapsbanken"),
    ]:
        page.goto(site_at_root.url(path))
        assert crumbs(page) == trail, path
        assert active_tab(page) == [tab], path
    page.goto(site_at_root.url(""))
    assert page.locator("nav[aria-label='Brödsmulor']").count() == 0  # the start page is the start


def test_breadcrumbs_wrap_on_a_phone(browser, site_at_root):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
    tab = context.new_page()
    tab.goto(site_at_root.url("projekt/bostad-forst-farsta/"))
    trail = tab.locator("nav[aria-label='Brödsmulor']")
    assert trail.is_visible()
    box = trail.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def footer_links(page) -> list[str]:
    return page.locator(".md-footer__link").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")


def test_previous_and_next_stay_within_a_section(page, site_at_root):
    page.goto(site_at_root.url("om/"))
    assert footer_links(page) == []  # not 'Föregående: Med terminalen', the guide's last page
    page.goto(site_at_root.url("redaktor/terminal/"))
    assert footer_links(page) == ["Föregående: Importera"]
    page.goto(site_at_root.url("redaktor/"))
    assert footer_links(page) == ["Nästa: Fälten"]
    page.goto(site_at_root.url("bladdra/"))
    assert footer_links(page) == ["Nästa: Områden"]


def test_keywords_lead_to_keyword_pages_with_an_a_to_o_index(page, site_with_unknown_status):
    page.goto(site_with_unknown_status.url("projekt/bostad-forst-farsta/"))
    keywords = page.locator(f"{ARTICLE} p", has_text="Nyckelord:")
    # a keyword only this project has is text: its list would lead back here
    assert keywords.inner_text().startswith("Nyckelord: boendestöd, hyresvärdar")
    assert keywords.get_by_role("link").all_inner_texts() == ["boendestöd", "Alla nyckelord A–Ö"]
    keywords.get_by_role("link", name="boendestöd").click()
    page.wait_for_url("**/nyckelord/boendestoed/")
    assert page.locator("h1").inner_text() == "Nyckelord: boendestöd"
    # 'Boendestöd' and 'boendestöd' are one keyword
    assert page.locator(".kb-projektkort h3").all_inner_texts() == [
        "Bostad först i Farsta", "Utvärdering av lågtröskelboende", "Vräkningsförebyggande arbete i Älvsjö"]
    page.goto(site_with_unknown_status.url("nyckelord/"))
    letters = page.locator("nav.kb-bokstaver a").all_inner_texts()
    assert letters == sorted(letters, key=lambda c: "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ".index(c))
    assert "B" in letters and "H" in letters and "L" in letters
    page.locator("nav.kb-bokstaver").get_by_role("link", name="L", exact=True).click()
    assert page.locator("h2#bokstav-l").is_visible()
    assert page.locator(f"{ARTICLE} li", has_text="boendestöd").inner_text() == "boendestöd (3 projekt)"
    single = page.locator(f"{ARTICLE} li", has_text="lågtröskelboende")
    assert single.inner_text() == "lågtröskelboende – Utvärdering av lågtröskelboende"
    single.get_by_role("link").click()
    page.wait_for_url("**/projekt/utvardering-av-lagtroskelboende/")


# ------------------------------------------------------------------ no dead ends, plain Swedish

def test_empty_terms_are_not_links_and_labels_are_plain_swedish(page, site_at_root):
    page.goto(site_at_root.url("dokument/"))
    rows = page.locator(f"{ARTICLE} tbody tr")
    assert rows.count() >= 5
    for row in rows.all():
        cells = row.locator("td").all_inner_texts()
        has_link = row.get_by_role("link").count() == 1
        assert has_link == (cells[1].strip() != "0"), cells
    page.goto(site_at_root.url("bladdra/"))
    text = page.locator(ARTICLE).inner_text()
    assert "Antal värden" not in text and "Antal listor" in text


# ------------------------------------------------------------------ statistics

def test_statistics_lead_with_what_readers_ask_and_gaps_come_last(page, statistics_site):
    page.goto(statistics_site.url("statistik/"))
    headings = page.locator(f"{ARTICLE} h2").all_inner_texts()
    assert headings[:5] == ["Projekt och rapporter per år", "Projekt per typ", "Projekt per område",
                            "Beslutade medel per år", "Studieresor per resmål"]
    assert headings.index("Om uppgifterna") > headings.index("Beslutade medel per år")
    first_screen = page.locator(f"{ARTICLE}").inner_text().split("Om uppgifterna\n")[0]
    assert "Utan belopp" not in first_screen
    assert not re.search(r"(^|[^\d ])0 kr", first_screen.replace("\u00a0", " ")), "no '0 kr' for unknown money"
    money = page.locator("figure#diagram-beslutat-per-ar table")
    assert "1 050 000 kr" in money.inner_text().replace("\u00a0", " ")  # 2020: LUM 1 000 000 + MUL 50 000
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def table_boxes(page):
    return page.evaluate("""() => [...document.querySelectorAll('article .kb-tabellruta')].map(box => ({
        role: box.getAttribute('role'), tabindex: box.getAttribute('tabindex'), label: box.getAttribute('aria-label'),
        scroll: box.scrollWidth, client: box.clientWidth,
        right: box.getBoundingClientRect().right}))""")


def test_tables_fit_at_1366_and_scroll_in_their_own_box_at_390(browser, statistics_site):
    for width in (1366, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
        tab = context.new_page()
        tab.goto(statistics_site.url("statistik/"))
        tab.wait_for_load_state("load")
        boxes = table_boxes(tab)
        assert len(boxes) >= 8
        for box in boxes:
            assert box["role"] == "region" and box["tabindex"] == "0" and box["label"].startswith("Tabell: ")
            assert box["right"] <= width
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        if width == 1366:
            assert all(box["scroll"] <= box["client"] for box in boxes), boxes
        else:
            wide = tab.locator("article .kb-tabellruta", has=tab.locator("th", has_text="Kända belopp")).first
            assert wide.evaluate("b => b.scrollWidth > b.clientWidth")
            wide.focus()
            tab.keyboard.press("ArrowRight")
            tab.wait_for_function("b => b.scrollLeft > 0", arg=wide.element_handle())
        context.close()


# ------------------------------------------------------------------ hand-written Markdown

def test_code_in_numbered_steps_and_notes_renders_as_code(page, site_at_root):
    for path, wanted in [("redaktor/", None), ("redaktor/terminal/", "$ kb ny"), ("redaktor/import/", "$ kb importera")]:
        page.goto(site_at_root.url(path))
        article = page.locator(ARTICLE)
        assert "```" not in article.inner_text(), path
        if wanted:
            block = article.locator("pre code", has_text=wanted)
            assert block.count() == 1, path
            assert block.inner_text().count("\n") >= 3, path  # the lines stay lines
    # in a numbered step
    assert page.locator(f"{ARTICLE} ol > li pre code", has_text="$ kb importera").count() == 1
    note = page.locator(f"{ARTICLE} .admonition.note")
    assert note.locator(".admonition-title").inner_text() == "Alla sidor eller ingen"
    assert "Ingenting importerades" in note.locator("pre code").inner_text()


# ------------------------------------------------------------------ the start page

def test_start_page_leads_with_search_then_reports_ongoing_and_areas(page, site_at_root):
    page.goto(site_at_root.url(""))
    article = page.locator(ARTICLE)
    order = article.evaluate("""a => [...a.querySelectorAll('form[role=search], h2')].map(
        e => e.tagName === 'FORM' ? 'sök' : e.textContent.trim())""")
    assert order[:4] == ["sök", "Nya rapporter", "Pågående projekt", "Bläddra efter område"]
    areas = article.locator("ul.kb-omradeslista > li")
    assert areas.count() == 4  # every area of the fixture with projects
    texts = [" ".join(t.split()) for t in areas.all_inner_texts()]
    assert "Hemlöshet 2" in texts and all(re.search(r" \d+$", t) for t in texts)
    ongoing = article.locator("h2:text-is('Pågående projekt') + ul li").all_inner_texts()
    assert ongoing == ["Ungdomar i Skärholmen (LUM, 2020)"]
    reports = article.locator("h2:text-is('Nya rapporter') + ul > li").all_inner_texts()
    assert reports and reports[0].startswith("Slutrapport: Våld i nära relationer – utvärdering")
    article.get_by_label("Sök bland projekt och rapporter").fill("bostad")
    article.get_by_role("button", name="Sök").click()
    page.wait_for_url("**/sok/?q=bostad")
