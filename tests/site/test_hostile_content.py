"""Content text is text in every output: markup, quotes and entities in every text field and in the
vocabulary come out of a real build exactly as written, and never as an element or attribute.

A property test (Hypothesis) writes a project whose every text field mixes HTML, Markdown, Jinja
and entities, builds the site, and compares each page with a build of the same project written
in plain words: the same elements with the same attributes, and the text shown as written.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kunskapsbanken import swedish
from kunskapsbanken.views.markdown import one_line

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE, site_config

# Vocabulary terms are content too: an area and a performer whose names are markup.
HOSTILE_AREA = 'Område <b onclick="x()">&amp; "citat"</b> {: .x }'
HOSTILE_PERFORMER = "Utförare <script>alert('u')</script> & *söner*"

FRAGMENTS = [
    '<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "<b>", "</div>", "<!--", "-->",
    '"', "'", "&amp;", "&lt;i&gt;", "&", "<", ">", "&#60;", "{: onclick=\"alert(1)\" }", "{#id}",
    "*", "**", "_", "`", "|", "#", "- ", "+ ", "1. ", ": ", "---", "\\", "[länk](javascript:alert(1))",
    "![bild](x.png)", "{{ config.site_name }}", "{% raw %}", "]]>", "\u00a0", "\n", "  ", "å", "Ö",
]
texts = (st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text("abcåäö XYZ", min_size=1, max_size=6)),
                  min_size=1, max_size=7)
         .map("".join)
         .filter(lambda text: any(c.isalpha() for c in text) and len(text) <= 200))
no_commas = texts.map(lambda text: text.replace(",", ";"))


def fields_strategy():
    return st.fixed_dictionaries({
        "titel": texts, "sammanfattning": texts, "kontakt": texts, "diarienummer": texts,
        "jämställdhetsanalys": texts, "nyckelord": st.lists(texts, min_size=1, max_size=2),
        "källor": st.lists(texts, min_size=1, max_size=2), "dokumenttitel": texts,
        "stad": no_commas, "land": no_commas,
    })


PLAIN = {"titel": "Titel", "sammanfattning": "Sammanfattning", "kontakt": "Kontakt", "diarienummer": "Diarienummer",
         "jämställdhetsanalys": "Analys", "nyckelord": ["Ord"], "källor": ["Källa"], "dokumenttitel": "Rapport",
         "stad": "Stad", "land": "Land"}


def write_corpus(root: Path, fields: dict) -> Path:
    """One MUL project with every text field from fields, one plain project relating to it."""
    corpus = root / "projects"
    shutil.rmtree(corpus, ignore_errors=True)
    (corpus / "fientlig").mkdir(parents=True)
    shutil.copy(FIXTURE_PROJECTS / "bostad-forst-farsta" / "slutrapport.pdf", corpus / "fientlig" / "rapport.pdf")
    vocabulary = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    vocabulary["områden"].append({"namn": HOSTILE_AREA})
    vocabulary["utförare"].append({"namn": HOSTILE_PERFORMER})
    (corpus / "vokabular.yml").write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    front = {
        "titel": fields["titel"], "typ": "MUL", "år": 2019, "områden": [HOSTILE_AREA, "Hemlöshet"],
        "förvaltning": "Skärholmen", "utförare": [HOSTILE_PERFORMER], "belopp": 20000, "status": "avslutat",
        "resmål": f"{fields['stad']}, {fields['land']}", "kontakt": fields["kontakt"],
        "diarienummer": fields["diarienummer"], "nyckelord": fields["nyckelord"], "källor": fields["källor"],
        "sammanfattning": fields["sammanfattning"], "jämställdhetsanalys": fields["jämställdhetsanalys"],
        "dokument": [{"typ": "reserapport", "titel": fields["dokumenttitel"], "fil": "rapport.pdf",
                      "datum": "2019-11-02"}],
    }
    page = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\nBrödtext.\n"
    (corpus / "fientlig" / "index.md").write_text(page, encoding="utf-8")
    other = {"titel": "Annat", "typ": "LUM", "år": 2019, "områden": ["Hemlöshet"], "förvaltning": "Farsta",
             "status": "avslutat", "relaterade": ["fientlig"], "sammanfattning": "Ett annat projekt.",
             "jämställdhetsanalys": "Ja."}
    (corpus / "annat.md").write_text("---\n" + yaml.safe_dump(other, allow_unicode=True) + "---\n\nText.\n",
                                     encoding="utf-8")
    return corpus


def build(root: Path, fields: dict) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    corpus = write_corpus(root, fields)
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    config_file = site_config(corpus, site)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kunskapsbanken" in plugin:
            plugin["kunskapsbanken"]["vocabulary"] = str(corpus / "vokabular.yml")
            plugin["kunskapsbanken"]["nav_facets"] = ["area"]  # vocabulary terms in the navigation too
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mkdocs_build(load_config(str(config_file), strict=True))
    return site


PAGES = ["projekt/fientlig/", "projekt/annat/", f"omraden/{swedish.slugify(HOSTILE_AREA)}/", "omraden/hemloshet/",
         "omraden/", f"utforare/{swedish.slugify(HOSTILE_PERFORMER)}/", "utforare/", "typ/mul/",
         "dokument/reserapport/", "status/avslutat/", "forvaltningar/skarholmen/", "ar/2019/", ""]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def structure(document: BeautifulSoup) -> Counter:
    """Every element with the names of its attributes; ids and targets vary with the text."""
    return Counter((tag.name, tuple(sorted(tag.attrs))) for tag in document.find_all(True))


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("plain"), PLAIN)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def text_of(element) -> str:
    return one_line(element.get_text())


def assert_text_is_text(site: Path, plain_site: Path, fields: dict) -> None:
    for page in PAGES:
        assert structure(soup(site, page)) == structure(soup(plain_site, page)), page
    title, summary = one_line(fields["titel"]), one_line(fields["sammanfattning"])
    document_title = one_line(fields["dokumenttitel"])

    project = soup(site, "projekt/fientlig/")
    assert project.title.string == f"{title} - Kunskapsbanken"
    assert text_of(project.select_one('[data-md-component="header-topic"]')) == title
    assert project.select_one('meta[name="description"]')["content"] == summary
    crumbs = [text_of(a) for a in project.select('nav[aria-label="Brödsmulor"] a')]
    assert crumbs[-1] == title and HOSTILE_AREA in crumbs
    article = project.select_one("article")
    assert text_of(article.h1) == title
    assert text_of(article.select_one(".kb-ingress")) == summary
    facts = {text_of(dt): text_of(dd) for dt, dd in zip(article.select(".kb-faktaruta dt"),
                                                         article.select(".kb-faktaruta dd"))}
    assert facts["Kontakt"] == one_line(fields["kontakt"])
    assert facts["Diarienummer"] == one_line(fields["diarienummer"])
    assert facts["Resmål"] == f"{one_line(fields['stad'])}, {one_line(fields['land'])}"
    assert facts["Områden"] == f"Hemlöshet, {HOSTILE_AREA}" or facts["Områden"] == f"{HOSTILE_AREA}, Hemlöshet"
    assert facts["Utförare"] == HOSTILE_PERFORMER
    # The list is one value: white space at its ends (a no-break space too) is not content.
    assert text_of(article.select_one(".kb-kalla")) == "Källa: " + one_line(swedish.join_list(fields["källor"]))
    documents = [text_of(a) for a in article.select("h2#dokument + ul a")]
    document_link = one_line(f"Reserapport: {fields['dokumenttitel']} (PDF, 1,9\u00a0kB)")
    assert documents[0] == document_link
    reference = text_of(article.select_one(".kb-referens"))
    assert document_title in reference and title in reference

    related = soup(site, "projekt/annat/").select_one("article")
    assert title in [text_of(a) for a in related.select("h2#relaterade-projekt + ul a")]
    for listing in (f"omraden/{swedish.slugify(HOSTILE_AREA)}/", "typ/mul/", "status/avslutat/"):
        card = next(c for c in soup(site, listing).select(".kb-projektkort") if c.select_one('a[href*="fientlig"]'))
        assert text_of(card.h3) == title, listing
        assert text_of(card.select("p")[-1]) == summary, listing
    area_page = soup(site, f"omraden/{swedish.slugify(HOSTILE_AREA)}/")
    assert text_of(area_page.select_one("article h1")) == f"Område: {HOSTILE_AREA}"
    assert area_page.title.string == f"Område: {HOSTILE_AREA} - Kunskapsbanken"
    assert text_of(area_page.select_one('[data-md-component="header-topic"]')) == f"Område: {HOSTILE_AREA}"
    assert text_of(area_page.select('nav[aria-label="Brödsmulor"] a')[-1]) == HOSTILE_AREA
    assert HOSTILE_AREA in [text_of(a) for a in soup(site, "omraden/").select("article td a")]
    assert HOSTILE_AREA in [text_of(a) for a in soup(site, "omraden/").select("nav.md-nav--primary a")]
    rows = soup(site, "dokument/reserapport/").select("article tbody tr")
    assert [text_of(td) for td in rows[0].select("td")][:2] == [document_link, title]

    feed = feedparser.parse((site / "flode" / "dokument.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert one_line(feed.entries[0].title) == one_line(f"Reserapport: {fields['dokumenttitel']}")
    assert title in one_line(feed.entries[0].summary) and summary in one_line(feed.entries[0].summary)

    # The search index holds the text as text; the search page escapes it when it shows a hit.
    records = [_fragment(path) for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    record = next(r for r in records if r["url"].endswith("projekt/fientlig/"))
    assert record["meta"]["title"] == fields["titel"]
    # Pagefind folds every white space, a no-break space too, into one space in its content.
    assert " ".join(fields["sammanfattning"].split()) in " ".join(record["content"].split())

    exported = json.loads((site / "export" / "kunskapsbanken.json").read_text(encoding="utf-8"))
    record = next(p for p in exported["projekt"] if p["id"] == "fientlig")
    assert (record["titel"], record["sammanfattning"], record["kontakt"]) == (
        fields["titel"], fields["sammanfattning"], fields["kontakt"])
    rows = list(csv.DictReader(io.StringIO((site / "export" / "kunskapsbanken.csv").read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    row = next(r for r in rows if r["id"] == "fientlig")
    for column, written in (("titel", fields["titel"]), ("sammanfattning", fields["sammanfattning"])):
        shown = row[column][1:] if written.startswith(("=", "+", "-", "@", "\t", "\r")) else row[column]
        assert shown == written
    sheet = load_workbook(site / "export" / "kunskapsbanken.xlsx")["Projekt"]
    headers = [cell.value for cell in sheet[1]]
    cells = next(dict(zip(headers, (c.value for c in r))) for r in sheet.iter_rows(min_row=2) if r[0].value == "fientlig")
    assert (cells["titel"], cells["kontakt"]) == (fields["titel"], fields["kontakt"])
    ris = (site / "export" / "rapporter.ris").read_bytes().decode("utf-8")
    assert f"TI  - {one_line(fields['dokumenttitel'])}\r\n" in ris
    assert ris.count("ER  - ") == ris.count("TY  - ")
    bib = (site / "export" / "rapporter.bib").read_text(encoding="utf-8")
    unescaped = bib.replace("\\{", "").replace("\\}", "")
    assert unescaped.count("{") == unescaped.count("}") and bib.count("@techreport{") == 1


# Each example is a real build (about a second): few examples, and no shrinking, which would
# build hundreds more. A failing example is printed whole and kept in Hypothesis' database.
def _fragment(path: Path) -> dict:
    """A Pagefind fragment: gzip, a signature, then JSON."""
    data = gzip.decompress(path.read_bytes())
    return json.loads(data[data.index(b"{"):])


HOSTILE = settings(max_examples=int(os.environ.get("FUZZ_SITE_EXAMPLES", "8")), deadline=None,
                   phases=[Phase.explicit, Phase.reuse, Phase.generate],
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                          HealthCheck.data_too_large])


@HOSTILE
@given(fields_strategy())
def test_markup_in_every_text_field_is_shown_as_text(plain_site, workdir, fields):
    site = build(workdir, fields)
    assert_text_is_text(site, plain_site, fields)


def test_the_issue_examples_are_text(plain_site, workdir):
    fields = dict(PLAIN, titel="<script>alert('titel')</script> & \"citat\"",
                  sammanfattning="\\<script> &lt;b&gt; {: onclick=\"x()\" }", kontakt="1. Enheten",
                  dokumenttitel="- Rapport *viktig*")
    site = build(workdir, fields)
    assert_text_is_text(site, plain_site, fields)
    for page in PAGES:
        document = soup(site, page)
        assert not [tag.name for tag in document.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
        assert not [script for script in document.find_all("script") if "alert" in script.get_text()]
