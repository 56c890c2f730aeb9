"""The page /statistik/: figures from the catalog and the yearly decisions, as charts and tables."""

from __future__ import annotations

from typing import Iterable

from .. import statistics, swedish
from ..catalog import Catalog
from ..exports import SELECTION_FORMATS, catalog_file, EXPORT_DIR
from ..exports.json import SCHEMA_NAME
from ..facets import FACET_BY_KEY
from ..model import Decision
from . import GeneratedPage
from .charts import Row, bar_chart
from .feeds import FEED_ALL, area_feed, feed_areas, has_site_feed
from .links import relative, term_uri
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
    lines = [
        f"- Hela katalogen: [CSV för Excel]({relative(here, catalog_file('csv'))}) · "
        f"[Excel (xlsx)]({relative(here, catalog_file('xlsx'))}) · "
        f"[JSON]({relative(here, catalog_file('json'))}) "
        f"([JSON Schema]({relative(here, f'{EXPORT_DIR}/{SCHEMA_NAME}')}))",
        f"- Alla rapporter som referenser: [RIS]({relative(here, f'{EXPORT_DIR}/rapporter.ris')}) · "
        f"[BibTeX]({relative(here, f'{EXPORT_DIR}/rapporter.bib')})",
    ]
    if has_site_feed(catalog):
        lines.append(f"- Nya dokument som Atom-flöde: [alla områden]({relative(here, FEED_ALL)})")
    areas = [f"[{escape(name)}]({relative(here, area_feed(name))})" for name in feed_areas(catalog)]
    if areas:
        lines.append(f"- Flöde per område: {' · '.join(areas)}")
    formats = " och ".join(f.upper() for f in SELECTION_FORMATS)
    lines.append(f"- Varje listsida har samma uppgifter för sitt urval som {formats}.")
    return "\n".join(lines)


def _knowledge_section(catalog: Catalog, here: str) -> str:
    """Projects per kind of knowledge and per target group, with the map and the results page beside them."""
    parts = ["## Kunskapstyper och målgrupper\n",
             "Ett projekt kan ha flera kunskapstyper och målgrupper och räknas då under var och en. "
             f"Se också {link('kunskapskartan', relative(here, 'kunskapskarta/index.md'))}, som visar var "
             f"kunskap saknas, och {link('mätta resultat', relative(here, 'resultat/index.md'))}.\n"]
    for key, chart_id, title, label in [("knowledge_kind", "projekt-per-kunskapstyp", "Projekt per kunskapstyp",
                                         "Kunskapstyp"),
                                        ("target_group", "projekt-per-malgrupp", "Projekt per målgrupp", "Målgrupp")]:
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
    here = PAGE_URI
    stats = statistics.compute(catalog, decisions)
    types = stats.types
    parts = [front_matter(title="Statistik", description="Projekt, belopp, studieresor och slutrapporter i siffror.",
                          render_macros=False),
             "# Statistik\n",
             "Alla siffror räknas fram ur projektsidorna och de årliga besluten när webbplatsen byggs. "
             f"Kunskapsbanken har {count_text(stats.total_projects, 'projekt', 'projekt')}. "
             "Ett belopp räknas bara när projektsidan anger det; ett beslutat totalbelopp för ett år "
             "fördelas aldrig ut på projekten.\n"]

    parts.append("## Projekt per typ\n")
    parts.append(bar_chart(
        "projekt-per-typ", "Projekt per typ, alla år",
        "Antal projekt per typ: " + ", ".join(f"{t} {swedish.format_number(n)}" for t, n in stats.projects_by_type.items()) + ".",
        "Typ", [Row(t, (n,)) for t, n in stats.projects_by_type.items()],
        ["Projekt"]) + "\n")

    parts.append("## Projekt per år\n")
    parts.append("Ett projekt som har fått medel flera år räknas under vart och ett av åren.\n")
    year_rows = [Row(str(y.year), tuple(y.projects_by_type[t] for t in types)) for y in stats.years if y.projects]
    parts.append(bar_chart(
        "projekt-per-ar", "Projekt per år och typ",
        "Staplat stapeldiagram med antal projekt per beviljat år, uppdelat på FUM, LUM och MUL. "
        + "; ".join(f"{r.label}: {swedish.format_number(r.total)}" for r in year_rows) + ".",
        "År", year_rows, types) + "\n")
    year_links = [link(str(y.year), relative(here, term_uri("year", str(y.year)))) for y in stats.years if y.projects]
    if year_links:
        parts.append("Projekten per år: " + " · ".join(year_links) + "\n")

    parts.append("## Beslutade och kända belopp per år\n")
    parts.append("Beslutsunderlagen anger ofta bara årets totala belopp och antal projekt. Tabellen visar "
                 "det beslutade beloppet och antalet projekt i beslutet bredvid summan av de belopp som står "
                 "på projektsidorna, hur många projekt Kunskapsbanken har för året och hur många av dem som "
                 "saknar belopp. Ett belopp för flera år utan fördelning per år räknas inte in i något "
                 "enskilt år.\n")
    parts.append(decisions_table(stats) + "\n")
    notes = _decision_notes(stats.decisions)
    if notes:
        parts.append("### Källor och anmärkningar till besluten\n")
        parts.append(notes + "\n")
    compared = [(y.year, t, s) for y in stats.years for t, s in y.amounts_by_type.items() if s.decided is not None]
    if compared:
        rows = [Row(f"{t} {year}", (s.decided, s.known_sum)) for year, t, s in compared]
        parts.append(bar_chart(
            "beslutat-och-kant", "Beslutat belopp och summa av kända belopp",
            "Grupperat stapeldiagram: för varje år och typ med ett beslut visas det beslutade beloppet och "
            "summan av de belopp som projektsidorna anger. "
            + "; ".join(f"{r.label}: beslutat {swedish.format_kronor(r.values[0])}, kända "
                        f"{swedish.format_kronor(r.values[1])}" for r in rows) + ".",
            "År och typ", rows, ["Beslutat", "Kända belopp"], grouped=True, fmt=swedish.format_kronor) + "\n")

    parts.append("## Beviljade belopp enligt projektsidorna\n")
    parts.append(f"Summan av alla kända belopp är {swedish.format_kronor(stats.known_total())}. "
                 + "Projekt utan belopp: "
                 + "; ".join(f"{t} {_missing_text(s)}" for t, s in stats.amounts_by_type.items()) + ".\n")
    type_rows = [Row(t, (s.known_sum,)) for t, s in stats.amounts_by_type.items()]
    parts.append("### Per typ\n")
    parts.append(_amount_chart("belopp-per-typ", "Kända belopp per typ, alla år",
                               "Summa av kända belopp per typ", "Typ", type_rows))
    parts.append("### Per område\n")
    parts.append("Ett projekt i flera områden räknas med hela sitt belopp i vart och ett, så områdena "
                 "tillsammans blir mer än summan ovan.\n")
    area_rows = [Row(a, (v,)) for a, v in stats.amounts_by_area.items()]
    parts.append(_amount_chart("belopp-per-omrade", "Kända belopp per område, alla år",
                               "Summa av kända belopp per verksamhetsområde, störst först", "Område", area_rows))
    parts.append("### Per förvaltning\n")
    parts.append("Beloppet räknas till den förvaltning eller enhet som äger projektet, inte till medsökande.\n")
    administration_rows = [Row(a, (v,)) for a, v in stats.amounts_by_administration.items()]
    parts.append(_amount_chart("belopp-per-forvaltning", "Kända belopp per förvaltning, alla år",
                               "Summa av kända belopp per ägande förvaltning, störst först", "Förvaltning",
                               administration_rows))

    parts.append("## Studieresor per resmål\n")
    trip_rows = [Row(d, (n,)) for d, n in stats.trips_by_destination.items()]
    parts.append(bar_chart(
        "resor-per-resmal", "Studieresor (MUL) per resmål",
        "Antal studieresor per resmål: " + ", ".join(f"{r.label} {swedish.format_number(r.total)}" for r in trip_rows) + ".",
        "Resmål", trip_rows, ["Studieresor"]) + "\n")

    parts.append("## Slutrapporter per år\n")
    report_rows = [Row(str(y), (n,)) for y, n in stats.final_reports_by_year.items()]
    parts.append(bar_chart(
        "slutrapporter-per-ar", "Publicerade slutrapporter per år",
        "Antal slutrapporter per det år som står som rapportens datum: "
        + ", ".join(f"{r.label}: {swedish.format_number(r.total)}" for r in report_rows) + ".",
        "År", report_rows, ["Slutrapporter"]) + "\n")
    if stats.undated_final_reports:
        parts.append(f"Dessutom finns {count_text(stats.undated_final_reports, 'slutrapport', 'slutrapporter')} "
                     "utan datum, som inte räknas in i något år.\n")

    parts.append(_knowledge_section(catalog, here))

    parts.append("## Ladda ner\n")
    parts.append(downloads(here, catalog) + "\n")
    return GeneratedPage(here, "\n".join(parts))
