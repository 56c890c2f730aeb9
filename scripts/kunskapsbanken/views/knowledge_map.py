"""The evidence and gap map /kunskapskarta/: areas × kinds of knowledge, as a real table.

Without JavaScript the map is filtered by links: one small page per target group and
window of recent years (/kunskapskarta/unga/fran-2019/). With JavaScript, kunskapsbanken-karta.js
filters in place by target group and a range of years, from karta.json. Each selection
can be downloaded as CSV. Cells link to the search with the same filters set.
"""

from __future__ import annotations

import functools
import json
from html import escape as html_escape
from typing import Iterator
from urllib.parse import urlencode

from .. import swedish
from ..catalog import Catalog
from ..evidence_map import EvidenceMap, evidence_map, final_reports, years
from ..exports.csv import table_bytes
from ..facets import FACET_BY_KEY
from . import GeneratedPage
from .links import href, relative
from .markdown import count_text, front_matter

MAP_DIR = "kunskapskarta"
DATA_FILE = f"{MAP_DIR}/karta.json"
CSV_NAME = "kunskapskarta.csv"
SEARCH_URI = "sok/index.md"
SCRIPT_URI = "assets/javascripts/kunskapsbanken-karta.js"
# Pre-built pages show the last this many years (the script offers any range).
YEAR_WINDOWS = (3, 5, 10)


@functools.lru_cache(maxsize=None)
def search_param(facet_key: str) -> str:
    """The search page's URL parameter of a facet (the same rule as the search page's facets)."""
    return swedish.slugify(FACET_BY_KEY[facet_key].singular)


def map_dir(target_group: str | None = None, from_year: int | None = None) -> str:
    parts = [MAP_DIR] + ([swedish.slugify(target_group)] if target_group else []) + \
        ([f"fran-{from_year}"] if from_year else [])
    return "/".join(parts)


def map_uri(target_group: str | None = None, from_year: int | None = None) -> str:
    return f"{map_dir(target_group, from_year)}/index.md"


def search_link(here: str, area: str, kind: str, the_map: EvidenceMap, all_years: list[int]) -> str:
    params = [(search_param("area"), area), (search_param("knowledge_kind"), kind)]
    if the_map.target_group:
        params.append((search_param("target_group"), the_map.target_group))
    if the_map.from_year or the_map.to_year:
        chosen = [y for y in all_years if (the_map.from_year or 0) <= y <= (the_map.to_year or 9999)]
        params += [(search_param("year"), str(y)) for y in chosen]
    return f"{href(here, SEARCH_URI)}?{urlencode(params)}"


def _cell_html(here: str, the_map: EvidenceMap, area: str, kind: str, all_years: list[int]) -> str:
    cell = the_map.cell(area, kind)
    if not cell.projects:
        return ('<td class="kb-karta__cell kb-karta__cell--lucka"><span aria-hidden="true">–</span>'
                '<span class="kb-dold">Lucka: inga projekt</span></td>')
    level = 1 if len(cell.projects) == 1 else 2 if len(cell.projects) <= 3 else 3
    reports = count_text(cell.final_reports, "slutrapport", "slutrapporter")
    href = html_escape(search_link(here, area, kind, the_map, all_years))
    return (f'<td class="kb-karta__cell kb-karta__cell--{level}"><a href="{href}">'
            f'<span class="kb-karta__antal">{count_text(len(cell.projects), "projekt", "projekt")}</span> '
            f'<span class="kb-karta__rapporter">{reports}</span></a></td>')


def _caption(the_map: EvidenceMap) -> str:
    text = "Projekt och slutrapporter per område och kunskapstyp"
    if the_map.target_group:
        text += f", målgrupp {the_map.target_group}"
    if the_map.from_year:
        text += f", från {the_map.from_year}"
    return html_escape(text)


def map_table(here: str, the_map: EvidenceMap, all_years: list[int]) -> str:
    head = "".join(f'<th scope="col">{html_escape(kind.capitalize())}</th>' for kind in the_map.kinds)
    rows = "\n".join(
        f'<tr><th scope="row">{html_escape(area)}</th>'
        + "".join(_cell_html(here, the_map, area, kind, all_years) for kind in the_map.kinds) + "</tr>"
        for area in the_map.areas)
    return (f'<div class="kb-tabellruta" role="region" tabindex="0" aria-labelledby="kb-karta-rubrik">\n'
            f'<table class="kb-karta" data-kb-karta>\n<caption id="kb-karta-rubrik">{_caption(the_map)}</caption>\n'
            f'<thead><tr><th scope="col">Område</th>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>')


def _choice_links(here: str, label: str, choices: list[tuple[str, str | None, bool]]) -> str:
    """A row of filter links; the current one is marked, a choice without projects has no link."""
    items = []
    for text, uri, current in choices:
        if current:
            items.append(f'<li><a href="./" aria-current="page">{html_escape(text)}</a></li>')
        elif uri is None:
            items.append(f'<li><span class="kb-karta__val--tomt">{html_escape(text)}</span></li>')
        else:
            items.append(f'<li><a href="{html_escape(href(here, uri))}">'
                         f'{html_escape(text)}</a></li>')
    return (f'<nav class="kb-karta__filter" aria-label="{html_escape(label)}"><span class="kb-karta__filternamn">'
            f'{html_escape(label)}:</span> <ul>{"".join(items)}</ul></nav>')


def _summary(the_map: EvidenceMap) -> str:
    projects = {p.id for cell in the_map.cells.values() for p in cell.projects}
    cells = len(the_map.cells)
    text = (f"{count_text(len(projects), 'projekt', 'projekt')} i kartan. "
            f"{swedish.format_number(the_map.gaps)} av {swedish.format_number(cells)} rutor är luckor: "
            "där finns ännu ingen kunskap av det slaget i Kunskapsbanken.")
    if the_map.unclassified:
        text += (f" {count_text(len(the_map.unclassified), 'projekt', 'projekt')} i urvalet anger ingen "
                 "kunskapstyp och står inte i kartan.")
    return f'<p class="kb-karta__sammanfattning" data-kb-karta-summering>{html_escape(text)}</p>'


def render_page(the_map: EvidenceMap, groups: list[tuple[str, int]],
                all_years: list[int], starts: list[int]) -> GeneratedPage:
    here = map_uri(the_map.target_group, the_map.from_year)
    group_choices = [("Alla", map_uri(None, the_map.from_year), the_map.target_group is None)] + [
        (f"{name} ({count})", map_uri(name, the_map.from_year) if count else None, name == the_map.target_group)
        for name, count in groups]
    year_choices = [("Alla år", map_uri(the_map.target_group, None), the_map.from_year is None)] + [
        (f"Från {year}", map_uri(the_map.target_group, year), year == the_map.from_year) for year in starts]
    script = relative(here, SCRIPT_URI)
    data = relative(here, DATA_FILE)
    title = "Kunskapskarta" + (f": {the_map.target_group}" if the_map.target_group else "") + \
        (f" från {the_map.from_year}" if the_map.from_year else "")
    body = f"""# Kunskapskarta

Vad vet vi, och var saknas kunskap? Kartan visar Kunskapsbankens projekt per verksamhetsområde
(rader) och kunskapstyp (kolumner). Varje ruta anger antalet projekt och slutrapporter och leder
till sökningen med samma urval. En tom ruta är en lucka: inget projekt av det slaget finns i
området ännu.

<div class="kb-karta" data-kb-kartdata="{html_escape(data)}" data-kb-sok="{html_escape(href(here, SEARCH_URI))}">
{_choice_links(here, "Målgrupp", group_choices)}
{_choice_links(here, "År", year_choices)}
{_summary(the_map)}
{map_table(here, the_map, all_years)}
</div>

<p><a href="{CSV_NAME}" download="{CSV_NAME}" data-kb-karta-csv>Ladda ned kartan som CSV</a> (för Excel, med samma urval som ovan).</p>

<script type="module" src="{html_escape(script)}"></script>
"""
    # A filtered map sits below the whole map in the breadcrumbs, and lights its tab.
    trail = () if here == map_uri() else (("Kunskapskarta", map_uri()),)
    return GeneratedPage(here, front_matter(title=title, description="Kunskapsbankens kunskapskarta: "
                                            "projekt och slutrapporter per område och kunskapstyp, med luckorna",
                                            render_macros=False, hide=["navigation", "toc"]) + body,
                         trail=trail, crumb=title.removeprefix("Kunskapskarta: ") if trail else None)


def map_csv(the_map: EvidenceMap) -> bytes:
    header = ["Område"] + [f"{kind}: {what}" for kind in the_map.kinds for what in ("projekt", "slutrapporter")]
    rows = [[area] + [value for kind in the_map.kinds
                      for value in (len(the_map.cell(area, kind).projects), the_map.cell(area, kind).final_reports)]
            for area in the_map.areas]
    return table_bytes(header, rows)


def map_data(catalog: Catalog) -> bytes:
    """What the script needs to filter in place: each classified project as indexes into the term lists."""
    areas = catalog.vocabulary.names("area")
    kinds = catalog.vocabulary.names("knowledge_kind")
    groups = catalog.vocabulary.names("target_group")
    projects = [[[areas.index(a) for a in p.areas if a in areas],
                 [kinds.index(k) for k in p.knowledge_kinds if k in kinds],
                 [groups.index(g) for g in p.target_groups if g in groups],
                 [p.years[0], p.years[-1]],
                 final_reports(p)]
                for p in catalog.projects]
    data = {"omraden": areas, "kunskapstyper": kinds, "malgrupper": groups, "ar": years(catalog),
            "parametrar": {key: search_param(key) for key in ("area", "knowledge_kind", "target_group", "year")},
            "projekt": projects}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def first_years(catalog: Catalog) -> list[int]:
    """The first years a pre-built page starts from: the last 3, 5 and 10 years of the catalog.

    A few fixed windows keep the pages bounded however many years the catalog spans (a page per
    group and year cost half the build at 200 projects); the script chooses any range in place."""
    all_years = years(catalog)
    if not all_years:
        return []
    latest = all_years[-1]
    return sorted({latest - span + 1 for span in YEAR_WINDOWS if latest - span + 1 > all_years[0]}, reverse=True)


def _selections(catalog: Catalog) -> Iterator[tuple[str | None, int | None]]:
    groups = [t.name for t in catalog.terms("target_group") if t.count]
    for group in [None, *groups]:
        for year in [None, *first_years(catalog)]:
            yield group, year


def inputs(catalog: Catalog) -> tuple:
    """What the map's pages are made from, for views.PageMemo: per project only what places and
    counts it (no title or text), so that a saved title or body does not make 36 pages again."""
    return (catalog.vocabulary, tuple((p.id, tuple(p.areas), tuple(p.knowledge_kinds), tuple(p.target_groups),
                                       tuple(p.years), final_reports(p)) for p in catalog.projects))


def render_all(catalog: Catalog) -> Iterator[GeneratedPage]:
    groups = [(t.name, t.count) for t in catalog.terms("target_group")]
    all_years, starts = years(catalog), first_years(catalog)
    for group, year in _selections(catalog):
        yield render_page(evidence_map(catalog, group, year), groups, all_years, starts)


def assets(catalog: Catalog) -> Iterator[tuple[str, bytes]]:
    yield DATA_FILE, map_data(catalog)
    for group, year in _selections(catalog):
        yield f"{map_dir(group, year)}/{CSV_NAME}", map_csv(evidence_map(catalog, group, year))
