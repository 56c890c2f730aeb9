"""The evidence and gap map, the results page and similar projects in a real build of the fixtures."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_map_is_a_real_table_whose_cells_link_to_the_search_with_both_filters(fixture_site):
    table = _soup(fixture_site, "kunskapskarta").select_one("table.kb-karta")
    assert table.caption.get_text(strip=True).startswith("Projekt och slutrapporter")
    headers = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
    assert headers[:3] == ["Område", "Utvärdering", "Kartläggning"]
    row = next(tr for tr in table.select("tbody tr") if tr.th.get_text() == "Hemlöshet")
    assert row.th["scope"] == "row"
    cell = row.find_all("td")[headers.index("Utvärdering") - 1]
    assert " ".join(cell.get_text(" ").split()) == "1 projekt 1 slutrapport"
    target = urlsplit(cell.a["href"])
    assert target.path == "../sok/"
    assert parse_qs(target.query) == {"omrade": ["Hemlöshet"], "kunskapstyp": ["utvärdering"]}
    gap = row.find_all("td")[headers.index("Kartläggning") - 1]
    assert "kb-karta__cell--lucka" in gap["class"] and "Lucka: inga projekt" in gap.get_text()


def test_filter_pages_exist_for_target_groups_with_projects_and_recent_years(fixture_site):
    page = _soup(fixture_site, "kunskapskarta/unga")
    nav = page.select_one('nav[aria-label="Målgrupp"]')
    assert nav.select_one("[aria-current=page]").get_text() == "unga (1)"
    # A target group without projects is named without a link: no link leads to an empty map.
    assert nav.find("span", string="äldre (0)") is not None
    assert not (fixture_site / "kunskapskarta" / "aldre").exists()
    cell_links = [a["href"] for a in page.select("table.kb-karta td a")]
    assert cell_links and all("malgrupp=unga" in href for href in cell_links)
    # The fixtures span 2018–2021: the last three years are a page; five and ten years are all of them.
    years_nav = page.select_one('nav[aria-label="År"]')
    assert [a.get_text() for a in years_nav.select("a")] == ["Alla år", "Från 2019"]
    later = _soup(fixture_site, "kunskapskarta/fran-2019")
    assert later.select_one('nav[aria-label="År"] [aria-current=page]').get_text() == "Från 2019"
    links = [a["href"] for a in later.select("table.kb-karta td a")]
    assert links and all("ar=2019&ar=2020&ar=2021" in href for href in links)
    assert not (fixture_site / "kunskapskarta" / "fran-2018").exists()


def test_each_selection_downloads_as_csv_for_excel(fixture_site):
    raw = (fixture_site / "kunskapskarta" / "unga" / "kunskapskarta.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Område", "utvärdering: projekt", "utvärdering: slutrapporter"]
    crime = next(r for r in rows if r[0] == "Ungdomsbrottslighet")
    assert crime[rows[0].index("metodutveckling: projekt")] == "1"


def test_results_show_on_the_project_page_and_group_on_the_results_page(fixture_site):
    project = _soup(fixture_site, "projekt/bostad-forst-farsta").select_one("article")
    table = project.select_one("table.kb-resultat")
    assert [th.get_text() for th in table.select("tbody th")] == ["Nöjda deltagare", "Boende kvar efter ett år"]
    assert "61 → 70,5" in table.get_text()
    page = _soup(fixture_site, "resultat").select_one("article")
    assert [h.get_text() for h in page.select("h2")] == ["Boende kvar efter ett år", "Nöjda deltagare"]
    rows = page.select("h2#matt-2 ~ div table tbody tr")
    assert [r.th.get_text() for r in rows][:2] == ["Bostad först i Farsta", "Ungdomar i Skärholmen"]
    # Written as HTML, so MkDocs does not rewrite it: the built page's own address.
    assert rows[0].th.a["href"] == "../projekt/bostad-forst-farsta/"
    assert "+9,5" in rows[0].get_text()


def test_similar_projects_are_labelled_as_suggestions_beside_the_editors_own(fixture_site):
    page = _soup(fixture_site, "projekt/ungdomar-i-skarholmen").select_one("article")
    heading = page.find("h2", string="Liknande projekt")
    assert heading is not None
    assert "inte valda av en redaktör" in heading.find_next("p").get_text()
    suggested = heading.find_next("ul").select("a")
    assert suggested and all(a["href"].startswith("../") and a["href"].endswith("/") for a in suggested)
    related = [a.get_text() for a in page.find("h2", string="Relaterade projekt").find_next("ul").select("a")]
    assert related == ["Studieresa till Oslo"]
    # The editor's own choice is listed once, under its own heading, not again as a suggestion.
    assert "Studieresa till Oslo" not in [a.get_text() for a in suggested]
