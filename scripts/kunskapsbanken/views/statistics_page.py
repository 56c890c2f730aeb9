"""The page /statistik/: figures from the catalog and the yearly decisions, as charts and tables."""

from __future__ import annotations

from typing import Iterable

from .. import statistics, swedish
from ..catalog import Catalog
from ..exports import SELECTION_FORMATS, catalog_file, EXPORT_DIR
from ..exports.json import SCHEMA_NAME
from ..facets import FACET_BY_KEY
from ..model import Decision
from . import GeneratedPage, PageParts, html
from .charts import Row, bar_chart
from .feeds import FEED_ALL, area_feed, feed_areas, has_site_feed
from .links import href, relative, term_uri
from .markdown import count_text, escape, front_matter, link, table

PAGE_URI = "statistik/index.md"



def _amount_chart(chart_id: str, title: str, description: str, label: str, rows: list) -> str:
    """A bar chart of kronor per label, with its text alternative listing every bar."""
    text = description + ": " + ", ".join(f"{r.label} {swedish.format_kronor(r.total)}" for r in rows) + "."
    return bar_chart(chart_id, title, text, label, rows, ["Belopp"], fmt=swedish.format_kronor) + "\n"

def _kronor_or_dash(value: int | None) -> str:
    return swedish.format_kronor(value) if value is not None else "–"


def _missing_text(summary: statistics.AmountSummary) -> str:
    if summary.projects == 0:
        return "–"
    return f"{swedish.format_number(summary.missing)} av {swedish.format_number(summary.projects)}"


def decisions_table(stats: statistics.Statistics) -> str:
    rows = []
    for figures in stats.years:
        for type_name, summary in figures.amounts_by_type.items():
            decision = summary.decision
            if decision is None and summary.projects == 0:
                continue
            decided_count = decision.project_count if decision and decision.project_count is not None else None
            rows.append([
                str(figures.year), type_name,
                _kronor_or_dash(summary.decided),
                swedish.format_number(decided_count) if decided_count is not None else "–",
                swedish.format_kronor(summary.known_sum) if summary.known else "–",
                swedish.format_number(summary.projects),
                _missing_text(summary),
            ])
    if not rows:
        return "*Inga beslut eller belopp ännu.*"
    return table(["År", "Typ", "Beslutat", "Antal i beslutet", "Kända belopp", "Projekt", "Utan belopp"], rows,
                 ["left", "left", "right", "right", "right", "right", "right"])


def _decision_notes(decisions: Iterable[Decision]) -> str:
    notes = []
    for d in decisions:
        facts = [f"Källa: {escape(d.source)}."]
        if d.decision_date:
            facts.append(f"Beslutsdatum: {d.decision_date.swedish()}.")
        if d.diarienummer:
            facts.append(f"Diarienummer: {escape(d.diarienummer)}.")
        if d.note:
            facts.append(escape(d.note))
        notes.append(f"- **{d.type.value} {d.year}:** " + " ".join(facts))
    return "\n".join(notes)


def downloads(here: str, catalog: Catalog) -> str:
    """The download list, as HTML: the files are written beside the build (exports, feeds), not by MkDocs."""
    def link_to(label: str, target: str) -> str:
        return html.link(label, href(here, target))

    items = [
        f"Hela katalogen: {link_to('CSV för Excel', catalog_file('csv'))} · {link_to('Excel (xlsx)', catalog_file('xlsx'))}"
        f" · {link_to('JSON', catalog_file('json'))} ({link_to('JSON Schema', f'{EXPORT_DIR}/{SCHEMA_NAME}')})",
        f"Alla rapporter som referenser: {link_to('RIS', f'{EXPORT_DIR}/rapporter.ris')} · "
        f"{link_to('BibTeX', f'{EXPORT_DIR}/rapporter.bib')}",
    ]
    if has_site_feed(catalog):
        items.append(f"Nya dokument som Atom-flöde: {link_to('alla områden', FEED_ALL)}")
    areas = [link_to(name, area_feed(name)) for name in feed_areas(catalog)]
    if areas:
        items.append(f"Flöde per område: {' · '.join(areas)}")
    formats = " och ".join(f.upper() for f in SELECTION_FORMATS)
    items.append(f"Varje listsida har samma uppgifter för sitt urval som {formats}.")
    return html.bullet_list(items)


def _knowledge_section(catalog: Catalog, here: str) -> str:
    """Projects per kind of knowledge and per target group, with the map and the results page beside them."""
    parts = ["## Kunskapstyper och målgrupper\n",
             "Ett projekt kan ha flera kunskapstyper och målgrupper och räknas då under var och en. "
             f"Se också {link('kunskapskartan', relative(here, 'kunskapskarta/index.md'))}, som visar var "
             f"kunskap saknas, och {link('mätta resultat', relative(here, 'resultat/index.md'))}.\n"]
    for key, chart_id, title, label in [("knowledge_kind", "diagram-projekt-per-kunskapstyp", "Projekt per kunskapstyp",
                                         "Kunskapstyp"),
                                        ("target_group", "diagram-projekt-per-malgrupp", "Projekt per målgrupp", "Målgrupp")]:
        rows = [Row(t.name.capitalize(), (t.count,)) for t in catalog.terms(key) if t.count]
        unnamed = sum(1 for p in catalog.projects if not FACET_BY_KEY[key].terms_of(p, catalog.vocabulary))
        if not rows:
            continue
        parts.append(bar_chart(
            chart_id, title,
            f"Antal projekt per {label.lower()}: " + ", ".join(f"{r.label} {swedish.format_number(r.total)}"
                                                              for r in rows) + ".",
            label, rows, ["Projekt"]) + "\n")
        if unnamed:
            parts.append(f"{count_text(unnamed, 'projekt', 'projekt')} anger ingen {label.lower()}.\n")
    return "\n".join(parts)


def render(catalog: Catalog, decisions: Iterable[Decision] = ()) -> GeneratedPage:
    """What readers ask first (how many, of what kind, where, when, for how much), then the data gaps."""
    here = PAGE_URI
    stats = statistics.compute(catalog, decisions)
    types = stats.types
    reports = sum(stats.reports_by_year.values()) + stats.undated_reports
    parts = [front_matter(title="Statistik", description="Projekt, rapporter och beslutade FoU-medel i siffror.",
                          render_macros=False),
             "# Statistik\n",
             f"Kunskapsbanken har {count_text(stats.total_projects, 'projekt', 'projekt')} och "
             f"{count_text(reports, 'rapport', 'rapporter')}. Siffrorna räknas fram ur projektsidorna och "
             "nämndens årliga beslut varje gång webbplatsen byggs. Vad uppgifterna bygger på och vad som "
             "saknas står under [Om uppgifterna](#om-uppgifterna).\n"]

    parts.append("## Projekt och rapporter per år\n")
    parts.append("Ett projekt som har fått medel flera år räknas under vart och ett av åren.\n")
    year_rows = [Row(str(y.year), tuple(y.projects_by_type[t] for t in types)) for y in stats.years if y.projects]
    parts.append(bar_chart(
        "diagram-projekt-per-ar", "Projekt per beviljat år och typ",
        "Staplat stapeldiagram med antal projekt per beviljat år, uppdelat på FUM, LUM och MUL. "
        + "; ".join(f"{r.label}: {swedish.format_number(r.total)}" for r in year_rows) + ".",
        "År", year_rows, types) + "\n")
    year_links = [link(str(y.year), relative(here, term_uri("year", str(y.year)))) for y in stats.years if y.projects]
    if year_links:
        parts.append("Projekten per år: " + " · ".join(year_links) + "\n")
    report_rows = [Row(str(y), (n,)) for y, n in stats.reports_by_year.items()]
    undated = (f" ({count_text(stats.undated_reports, 'rapport', 'rapporter')} saknar datum och räknas inte här)"
               if stats.undated_reports else "")
    parts.append(f"Rapporterna efter det år som står som rapportens datum{undated}:\n")
    parts.append(bar_chart(
        "diagram-rapporter-per-ar", "Rapporter per år",
        "Antal förstudier, delrapporter, utvärderingar, slutrapporter och reserapporter per det år som står "
        "som rapportens datum: " + ", ".join(f"{r.label}: {swedish.format_number(r.total)}" for r in report_rows)
        + ".", "År", report_rows, ["Rapporter"]) + "\n")

    parts.append("## Projekt per typ\n")
    parts.append(bar_chart(
        "diagram-projekt-per-typ", "Projekt per typ, alla år",
        "Antal projekt per typ: " + ", ".join(f"{t} {swedish.format_number(n)}" for t, n in stats.projects_by_type.items())
        + ".", "Typ", [Row(t, (n,)) for t, n in stats.projects_by_type.items()], ["Projekt"]) + "\n")
    parts.append(" · ".join(link(f"{t} – {catalog.vocabulary.type_label(t)}", relative(here, term_uri("type", t)))
                            for t, n in stats.projects_by_type.items() if n) + "\n")

    parts.append("## Projekt per område\n")
    parts.append("Ett projekt i flera områden räknas i vart och ett.\n")
    area_rows = [Row(a, (n,)) for a, n in stats.projects_by_area.items()]
    parts.append(bar_chart(
        "diagram-projekt-per-omrade", "Projekt per verksamhetsområde, alla år",
        "Antal projekt per verksamhetsområde, flest först: "
        + ", ".join(f"{r.label} {swedish.format_number(r.total)}" for r in area_rows) + ".",
        "Område", area_rows, ["Projekt"]) + "\n")

    parts.append("## Beslutade medel per år\n")
    decided = stats.decided_by_year()
    if decided:
        parts.append("Det belopp som socialnämnden beslutade om för året, enligt beslutsunderlagen. "
                     "År och typer där underlagen inte anger beloppet saknas.\n")
        money_rows = [Row(str(year), tuple(amounts[t] for t in types)) for year, amounts in decided.items()]
        parts.append(bar_chart(
            "diagram-beslutat-per-ar", "Beslutade FoU-medel per år och typ",
            "Staplat stapeldiagram med beslutat belopp per år, uppdelat på FUM, LUM och MUL: "
            + "; ".join(f"{r.label}: {swedish.format_kronor(r.total)}" for r in money_rows) + ".",
            "År", money_rows, types, fmt=swedish.format_kronor) + "\n")
    else:
        parts.append("*Inga beslutade belopp är inlagda ännu.*\n")

    parts.append("## Studieresor per resmål\n")
    trip_rows = [Row(d, (n,)) for d, n in stats.trips_by_destination.items()]
    parts.append(bar_chart(
        "diagram-resor-per-resmal", "Studieresor (MUL) per resmål",
        "Antal studieresor per resmål: " + ", ".join(f"{r.label} {swedish.format_number(r.total)}" for r in trip_rows) + ".",
        "Resmål", trip_rows, ["Studieresor"]) + "\n")

    parts.append(_knowledge_section(catalog, here))
    parts.append(_about_the_data(here, stats))
    parts.append("## Ladda ner\n")
    front, text = "\n".join(parts).split("---\n\n", 1)
    page = PageParts(front + "---")
    page.markdown(text)
    page.html(downloads(here, catalog))
    return page.page(here)


def _about_the_data(here: str, stats: statistics.Statistics) -> str:
    """The data gaps, for those who need them: decided against known amounts, missing amounts, dates."""
    parts = ["## Om uppgifterna\n",
             "Uppgifterna kommer ur socialnämndens beslutsunderlag. Underlagen anger ofta bara årets totala "
             "belopp och antal projekt, inte vad varje projekt fick. Ett belopp räknas därför bara när "
             "projektsidan anger det, och ett beslutat totalbelopp fördelas aldrig ut på projekten.\n"]
    parts.append("### Beslutat belopp och belopp på projektsidorna\n")
    parts.append("Tabellen visar det beslutade beloppet och antalet projekt i beslutet bredvid summan av de "
                 "belopp som står på projektsidorna, hur många projekt Kunskapsbanken har för året och hur många "
                 "av dem som saknar belopp. Ett belopp för flera år utan fördelning per år räknas inte in i "
                 "något enskilt år.\n")
    parts.append(decisions_table(stats) + "\n")
    compared = [(y.year, t, s) for y in stats.years for t, s in y.amounts_by_type.items() if s.decided is not None]
    if compared:
        rows = [Row(f"{t} {year}", (s.decided, s.known_sum)) for year, t, s in compared]
        parts.append(bar_chart(
            "diagram-beslutat-och-kant", "Beslutat belopp och summa av belopp på projektsidorna",
            "Grupperat stapeldiagram: för varje år och typ med ett beslut visas det beslutade beloppet och "
            "summan av de belopp som projektsidorna anger. "
            + "; ".join(f"{r.label}: beslutat {swedish.format_kronor(r.values[0])}, på projektsidorna "
                        f"{swedish.format_kronor(r.values[1])}" for r in rows) + ".",
            "År och typ", rows, ["Beslutat", "På projektsidorna"], grouped=True, fmt=swedish.format_kronor) + "\n")
    notes = _decision_notes(stats.decisions)
    if notes:
        parts.append("### Källor till besluten\n")
        parts.append(notes + "\n")

    parts.append("### Belopp enligt projektsidorna\n")
    parts.append(f"Summan av de belopp som projektsidorna anger är {swedish.format_kronor(stats.known_total())}. "
                 + "Projekt utan belopp: "
                 + "; ".join(f"{t} {_missing_text(s)}" for t, s in stats.amounts_by_type.items()) + ".\n")
    type_rows = [Row(t, (s.known_sum,)) for t, s in stats.amounts_by_type.items()]
    parts.append(_amount_chart("diagram-belopp-per-typ", "Belopp på projektsidorna per typ, alla år",
                               "Summa av kända belopp per typ", "Typ", type_rows))
    parts.append("Ett projekt i flera områden räknas med hela sitt belopp i vart och ett, så områdena "
                 "tillsammans blir mer än summan ovan.\n")
    area_rows = [Row(a, (v,)) for a, v in stats.amounts_by_area.items()]
    parts.append(_amount_chart("diagram-belopp-per-omrade", "Belopp på projektsidorna per område, alla år",
                               "Summa av kända belopp per verksamhetsområde, störst först", "Område", area_rows))
    parts.append("Beloppet räknas till den förvaltning eller enhet som äger projektet, inte till medsökande.\n")
    administration_rows = [Row(a, (v,)) for a, v in stats.amounts_by_administration.items()]
    parts.append(_amount_chart("diagram-belopp-per-forvaltning", "Belopp på projektsidorna per förvaltning, alla år",
                               "Summa av kända belopp per ägande förvaltning, störst först", "Förvaltning",
                               administration_rows))

    parts.append("### Slutrapporter per år\n")
    final_rows = [Row(str(y), (n,)) for y, n in stats.final_reports_by_year.items()]
    parts.append(bar_chart(
        "diagram-slutrapporter-per-ar", "Publicerade slutrapporter per år",
        "Antal slutrapporter per det år som står som rapportens datum: "
        + ", ".join(f"{r.label}: {swedish.format_number(r.total)}" for r in final_rows) + ".",
        "År", final_rows, ["Slutrapporter"]) + "\n")
    if stats.undated_reports:
        of_which = (f", varav {count_text(stats.undated_final_reports, 'slutrapport', 'slutrapporter')}"
                    if stats.undated_final_reports else "")
        parts.append(f"{count_text(stats.undated_reports, 'rapport', 'rapporter')} saknar datum{of_which}; "
                     "de räknas inte in i något år.\n")
    return "\n".join(parts)
