"""The results page /resultat/: every measured result across projects, the same measure grouped.

Results reach the page as HTML tables (structure from the catalog needs no Markdown);
every text from the content is escaped here.
"""

from __future__ import annotations

from html import escape as html_escape

from .. import swedish
from ..catalog import Catalog
from ..model import Result
from ..results import figure_text, format_value, measure_groups
from ..urls import project_uri
from . import GeneratedPage
from .links import href
from .markdown import count_text, front_matter

RESULTS_URI = "resultat/index.md"


def _scroll_box(label: str, table: str) -> str:
    # A wide table scrolls in its own box on a narrow screen; the box is reachable by keyboard.
    return (f'<div class="kb-tabellruta" role="region" tabindex="0" aria-label="{html_escape(label)}">\n'
            f'{table}\n</div>')


def _change_text(result: Result) -> str:
    change = result.change
    if change is None:
        return ""
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{sign}{format_value(abs(round(change, 6)))}"


def results_table(results: list[Result] | tuple[Result, ...]) -> str:
    """A project's own results: one row per measure."""
    rows = "\n".join(
        f"<tr><th scope=\"row\">{html_escape(r.measure)}</th><td>{html_escape(figure_text(r))}</td>"
        f"<td>{html_escape(r.unit)}</td><td>{r.year}</td><td>{html_escape(r.source)}</td></tr>"
        for r in results)
    table = ('<table class="kb-resultat">\n<thead><tr><th scope="col">Mått</th><th scope="col">Resultat</th>'
             '<th scope="col">Enhet</th><th scope="col">År</th><th scope="col">Källa</th></tr></thead>\n'
             f"<tbody>\n{rows}\n</tbody>\n</table>")
    return _scroll_box("Mätta resultat", table)


def render(catalog: Catalog) -> GeneratedPage:
    here = RESULTS_URI
    groups = measure_groups(catalog.projects)
    parts = [front_matter(title="Resultat", description="Mätta resultat från Kunskapsbankens projekt",
                          render_macros=False),
             "# Resultat\n",
             "Resultat som projekten har mätt, med värden före och efter eller ett enda värde. "
             "Samma mått från olika projekt står tillsammans, så att de kan jämföras. "
             "Läs alltid projektets rapport: skalor och urval kan skilja sig åt.\n"]
    if not groups:
        parts.append("Inget projekt har ännu angett mätta resultat. Redaktörer lägger till dem i fältet "
                     "`resultat` på projektsidan.\n")
        return GeneratedPage(here, "\n".join(parts))
    projects = {p.id for g in groups for p, _ in g.rows}
    parts.append(f"{count_text(len(groups), 'mått', 'mått')} från {count_text(len(projects), 'projekt', 'projekt')}.\n")
    for number, group in enumerate(groups, start=1):
        rows = "\n".join(
            f"<tr><th scope=\"row\"><a href=\"{html_escape(href(here, project_uri(project.id)))}\">"
            f"{html_escape(project.title)}</a></th>"
            f"<td>{html_escape(figure_text(result))}</td><td>{html_escape(_change_text(result))}</td>"
            f"<td>{html_escape(result.unit)}</td><td>{result.year}</td><td>{html_escape(result.source)}</td></tr>"
            for project, result in group.rows)
        table = ('<table class="kb-resultat">\n<thead><tr><th scope="col">Projekt</th><th scope="col">Resultat</th>'
                 '<th scope="col">Förändring</th><th scope="col">Enhet</th><th scope="col">År</th>'
                 '<th scope="col">Källa</th></tr></thead>\n'
                 f"<tbody>\n{rows}\n</tbody>\n</table>")
        # An HTML heading: the measure is content text, and Markdown would read its * and _ as markup.
        parts.append(f'<h2 id="matt-{number}">{html_escape(group.measure)}</h2>\n')
        parts.append(f"{count_text(len(group.rows), 'resultat', 'resultat')}"
                     f"{' i olika enheter: ' + html_escape(swedish.join_list(group.units)) if len(group.units) > 1 else ''}.\n")
        parts.append(_scroll_box(group.measure, table) + "\n")
    return GeneratedPage(here, "\n".join(parts))
