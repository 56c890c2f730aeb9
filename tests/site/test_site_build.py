"""The MkDocs plugin through a real, strict build of the fixture corpus: the generated HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import FIXTURE_PROJECTS, REPO, build_site


def html(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, path: str):
    return html(site, path).select_one("article.md-content__inner")


def test_every_project_gets_a_page_at_its_stable_url(fixture_site):
    ids = sorted(p.name.removesuffix(".md") for p in FIXTURE_PROJECTS.iterdir())
    for project_id in ids:
        assert (fixture_site / "projekt" / project_id / "index.html").is_file(), project_id


def test_project_page_has_fact_box_documents_and_body(fixture_site):
    page = article(fixture_site, "projekt/bostad-forst-farsta")
    assert page.h1.get_text() == "Bostad först i Farsta"
    facts = page.select_one(".kb-faktaruta")
    terms = {dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text().split()) for dt in facts.select("dt")}
    assert terms["Typ"].startswith("LUM")
    assert terms["År"] == "2018, 2019"
    assert terms["Område"] == "Hemlöshet"
    assert "Farsta" in terms["Förvaltning"]
    assert terms["Belopp"].replace("\u00a0", " ") == "2018: 400 000 kr; 2019: 450 000 kr (totalt 850 000 kr)"
    assert terms["Status"] == "Avslutat"
    # every fact value links to its listing page
    assert facts.find("a", string="Hemlöshet")["href"] == "../../omraden/hemloshet/"
    assert facts.find("a", string="2019")["href"] == "../../ar/2019/"
    link = page.find("a", string=lambda s: s and s.replace("\u00a0", " ") == "Slutrapport: Bostad först i Farsta (PDF, 1,9 kB)")
    assert link is not None and link["href"] == "slutrapport.pdf"
    assert (fixture_site / "projekt/bostad-forst-farsta/slutrapport.pdf").read_bytes().startswith(b"%PDF")
    # a document without a file says so, and can be ordered from the programme's mailbox
    assert "Projektplan Bostad först – finns inte digitalt. Beställ dokumentet" in " ".join(page.get_text().split())
    assert page.find("a", class_="kb-bestall")["href"].startswith("mailto:fou.kunskapsbanken@stockholm.se?subject=")
    # the body's link to another project's source file became a link to its page
    assert page.find("a", string="erfarenheter från Älvsjö")["href"] == "../alvsjo-hemloshet/"


def test_related_projects_are_linked_in_both_directions(fixture_site):
    forward = article(fixture_site, "projekt/ungdomar-i-skarholmen")
    backward = article(fixture_site, "projekt/studieresa-till-oslo")
    assert forward.find("a", string="Studieresa till Oslo")["href"] == "../studieresa-till-oslo/"
    assert backward.find("a", string="Ungdomar i Skärholmen")["href"] == "../ungdomar-i-skarholmen/"


def test_area_listing_is_sorted_the_swedish_way_with_counts(fixture_site):
    overview = article(fixture_site, "omraden")
    names = [a.get_text() for a in overview.select("a")]
    known = [n for n in names if n in {"Barn och unga", "Hemlöshet", "Våld i nära relationer"}]
    assert known == ["Barn och unga", "Hemlöshet", "Våld i nära relationer"]
    counts = {row.a.get_text(): row.select("td")[1].get_text() for row in overview.select("tbody tr")}
    assert counts["Hemlöshet"] == "2" and counts["Barn och unga"] == "1"
    hemloshet = article(fixture_site, "omraden/hemloshet")
    assert hemloshet.h1.get_text() == "Område: Hemlöshet"
    # the alias 'Bostadslöshet' in the Älvsjö page was resolved to Hemlöshet
    assert [h.get_text() for h in hemloshet.select(".kb-projektkort h3")] == [
        "Bostad först i Farsta", "Vräkningsförebyggande arbete i Älvsjö"]


def test_old_type_name_must_is_listed_as_mul_and_trip_reports_show_destination(fixture_site):
    mul = article(fixture_site, "typ/mul")
    assert "Studieresa till Oslo" in mul.get_text()
    facts = article(fixture_site, "projekt/studieresa-till-oslo").select_one(".kb-faktaruta").get_text()
    assert "Oslo, Norge" in facts and "MUL" in facts


def test_merged_district_lists_its_predecessors_projects(fixture_site):
    merged = article(fixture_site, "forvaltningar/hagersten-alvsjo")
    assert "Vräkningsförebyggande arbete i Älvsjö" in merged.get_text()


def test_final_reports_listing(fixture_site):
    reports = article(fixture_site, "dokument/slutrapport")
    assert "Bostad först i Farsta" in reports.get_text()
    assert reports.find("table") is not None and reports.find("th") is not None


def test_projects_are_not_listed_in_the_navigation(fixture_site):
    nav = html(fixture_site, "").select_one("nav.md-nav--primary")
    assert nav is not None
    assert not nav.select('a[href*="projekt/"]')
    assert any("Områden" in a.get_text() for a in nav.select("a"))


def test_start_page_has_latest_documents_and_counts_per_type(fixture_site):
    start = article(fixture_site, "")
    text = start.get_text(" ", strip=True)
    assert "Bostad först i Farsta" in text  # the newest document
    for type_name in ("FUM", "LUM", "MUL"):
        assert type_name in text


def test_long_listings_are_paginated(tmp_path):
    site = build_site(FIXTURE_PROJECTS, tmp_path / "site", plugins=_with_page_size(2))
    first = article(site, "omraden/hemloshet")
    assert len(first.select(".kb-projektkort")) == 2
    year = article(site, "typ/lum")
    assert len(year.select(".kb-projektkort")) == 2
    second = article(site, "typ/lum/sida/2")
    assert len(second.select(".kb-projektkort")) == 1
    assert second.find("a", string=lambda s: s and "Föregående" in s) is not None


def _with_page_size(size: int) -> list:
    import yaml

    plugins = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    for plugin in plugins:
        if isinstance(plugin, dict) and "kunskapsbanken" in plugin:
            plugin["kunskapsbanken"] = {**plugin["kunskapsbanken"], "page_size": size}
    return plugins


def _snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    return {str(f): (f.stat().st_size, f.stat().st_mtime_ns) for folder in folders for f in folder.rglob("*")}


def test_build_writes_nothing_into_the_source_folders(tmp_path):
    folders = (REPO / "docs", FIXTURE_PROJECTS)
    before = _snapshot(*folders)
    build_site(FIXTURE_PROJECTS, tmp_path / "site")
    assert _snapshot(*folders) == before


def test_content_errors_stop_the_build_with_the_checker_messages(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    projects = tmp_path / "projects"
    projects.mkdir()
    (projects / "trasig.md").write_text("---\ntitel: Trasig\ntyp: LUM\når: 2020\nområden: [Hemlöshe]\n---\n",
                                        encoding="utf-8")
    with pytest.raises(Abort):
        build_site(projects, tmp_path / "site")
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert "trasig.md:5:11: områden.1: okänt område" in messages and "Innehållet har 4 fel" in messages and "menade du 'Hemlöshet'?" in messages


def test_an_empty_document_kind_has_a_page_that_says_so(fixture_site):
    page = article(fixture_site, "dokument/forstudie")
    assert page.h1.get_text() == "Förstudier"
    assert "Det finns inga förstudier i Kunskapsbanken ännu" in page.get_text()
    assert page.find("table") is None and not page.find("a", string="CSV för Excel")
