"""Macros that hand-written pages use to embed any view of the catalog.

Each takes the page it is rendered on (for relative links) and Swedish keyword
filters, the same ones as the facet table: område, år, typ, förvaltning, status,
dokumenttyp, utförare, från_år, till_år.
"""

from __future__ import annotations

from typing import Callable

from .. import swedish
from ..catalog import Catalog
from ..filters import FilterError, resolve_filters
from ..urls import project_uri
from .editor_guide import guide_macros
from .links import facet_uri, href, relative, term_uri
from .listing_pages import document_rows, project_cards
from .markdown import count_text, escape, link, table
from urllib.parse import quote

from . import html
from ..exports import REPORT_KINDS
from ..model import Status
from ..text import years_text
from .project_page import document_html

def make_macros(catalog_of: Callable[[], Catalog], page_uri: Callable[[], str],
                mailbox: str | None = None) -> dict[str, Callable]:
    """The macros, bound to a way to get the current catalog and the current page, and the site's mailbox."""

    def projektlista(max: int | None = None, **filters) -> str:
        catalog = catalog_of()
        projects = catalog.select(**resolve_filters(catalog, filters))
        return project_cards(projects[:max] if max else projects, page_uri())

    def antal(**filters) -> str:
        catalog = catalog_of()
        return swedish.format_number(len(catalog.select(**resolve_filters(catalog, filters))))

    def dokumentlista(max: int | None = None, **filters) -> str:
        catalog = catalog_of()
        kind = filters.pop("dokumenttyp", None)
        projects = catalog.select(**resolve_filters(catalog, filters))
        kind = resolve_filters(catalog, {"dokumenttyp": kind})["document_kind"] if kind else None
        entries = catalog.documents(kind=kind, projects=projects)
        if not entries:
            return "*Inga dokument matchar urvalet.*"
        return document_rows(entries[:max] if max else entries, page_uri(), catalog.vocabulary,
                             with_destination=kind == "reserapport", mailbox=mailbox)

    def senaste_dokument(antal: int = 5) -> str:
        catalog = catalog_of()
        here = page_uri()
        entries = [e for e in catalog.documents() if e.document.date][:antal]
        if not entries:
            return "*Inga daterade dokument ännu.*"
        # An HTML block: content text inside it is not read as Markdown.
        return html.bullet_list(
            f"{document_html(e, here, catalog.vocabulary, mailbox)} – "
            f"{html.link(e.project.title, href(here, project_uri(e.project.id)))}, {e.document.date.swedish()}"
            for e in entries)

    def antal_per_typ() -> str:
        catalog = catalog_of()
        here = page_uri()
        rows = []
        for term in catalog.terms("type"):
            label = catalog.vocabulary.type_label(term.name)
            rows.append([link(f"{term.name} – {label}", relative(here, term_uri("type", term.name))),
                         swedish.format_number(term.count)])
        rows.append(["**Totalt**", f"**{swedish.format_number(len(catalog.projects))}**"])
        return table(["Typ", "Projekt"], rows, ["left", "right"])

    def facettlänk(facett: str) -> str:
        from ..facets import FACET_BY_KEY

        facet = next((f for f in FACET_BY_KEY.values() if f.plural.lower() == facett.lower() or f.key == facett), None)
        if facet is None:
            raise FilterError(f"okänd facett '{facett}'")
        return link(facet.plural, relative(page_uri(), facet_uri(facet)))

    def facettöversikt() -> str:
        """Every facet with its overview link, what it sorts by and how many terms it has."""
        catalog = catalog_of()
        from ..facets import FACETS

        rows = [[link(f.plural, relative(page_uri(), facet_uri(f))), escape(f.intro),
                 swedish.format_number(sum(1 for t in catalog.terms(f.key) if t.linked))] for f in FACETS]
        return table(["Bläddra efter", "Innehåll", "Antal listor"], rows, ["left", "left", "right"])

    def brevlåda() -> str:
        """The programme's functional mailbox as a link, for /om/ and the accessibility statement."""
        if not mailbox:
            return "*(funktionsbrevlådan är inte inställd ännu)*"
        return link(mailbox, f"mailto:{quote(mailbox, safe='@')}")

    def nya_rapporter(antal: int = 5) -> str:
        """The newest dated reports, each with its project: what readers come back for."""
        catalog = catalog_of()
        here = page_uri()
        entries = [e for e in catalog.documents() if e.document.date and e.document.kind in REPORT_KINDS][:antal]
        if not entries:
            return "*Inga daterade rapporter ännu.*"
        return html.bullet_list(
            f"{document_html(e, here, catalog.vocabulary, mailbox)}<br>\n"
            f"Projekt: {html.link(e.project.title, href(here, project_uri(e.project.id)))} · {e.document.date.swedish()}"
            for e in entries)

    def pågående_projekt(max: int = 6) -> str:
        """Ongoing projects, those with the latest years first, and a link to all of them."""
        catalog = catalog_of()
        here = page_uri()
        term = catalog.term("status", Status.ONGOING.value)
        if term is None or not term.count:
            return "*Inga pågående projekt just nu.*"
        newest = sorted(term.projects, key=lambda p: -p.years[-1])[:max]
        lines = [f"- {link(p.title, relative(here, project_uri(p.id)))} "
                 f"({p.type.value}, {years_text(list(p.years))})" for p in newest]
        lines.append(f"\n[Alla {count_text(term.count, 'pågående projekt', 'pågående projekt')}]"
                     f"({relative(here, term_uri('status', term.name))})")
        return "\n".join(lines)

    def områden_med_antal() -> str:
        """Every area with projects, linked, with its count: browsing by area from the start page."""
        catalog = catalog_of()
        here = page_uri()
        items = [f'<li markdown="span">{link(t.name, relative(here, term_uri("area", t.name)))} '
                 f'<span class="kb-antal">{swedish.format_number(t.count)}</span></li>'
                 for t in catalog.terms("area") if t.count]
        return '<ul class="kb-omradeslista" markdown>\n' + "\n".join(items) + "\n</ul>"

    return {
        "facettöversikt": facettöversikt,
        "projektlista": projektlista,
        "antal": antal,
        "dokumentlista": dokumentlista,
        "senaste_dokument": senaste_dokument,
        "antal_per_typ": antal_per_typ,
        "facettlänk": facettlänk,
        "brevlåda": brevlåda,
        "nya_rapporter": nya_rapporter,
        "pågående_projekt": pågående_projekt,
        "områden_med_antal": områden_med_antal,
        **guide_macros(catalog_of),
    }
