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
from .links import facet_uri, relative, term_uri
from .listing_pages import document_rows, project_cards
from .markdown import escape, link, table
from .project_page import document_markdown

def make_macros(catalog_of: Callable[[], Catalog], page_uri: Callable[[], str]) -> dict[str, Callable]:
    """The macros, bound to a way to get the current catalog and the current page."""

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
                             with_destination=kind == "reserapport")

    def senaste_dokument(antal: int = 5) -> str:
        catalog = catalog_of()
        here = page_uri()
        entries = [e for e in catalog.documents() if e.document.date][:antal]
        if not entries:
            return "*Inga daterade dokument ännu.*"
        lines = []
        for entry in entries:
            project = link(entry.project.title, relative(here, project_uri(entry.project.id)))
            lines.append(f"- {document_markdown(entry, here, catalog.vocabulary)} – {project}, "
                         f"{entry.document.date.swedish()}")
        return "\n".join(lines)

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
                 swedish.format_number(sum(1 for t in catalog.terms(f.key) if t.count))] for f in FACETS]
        return table(["Bläddra efter", "Innehåll", "Antal värden"], rows, ["left", "left", "right"])

    return {
        "facettöversikt": facettöversikt,
        "projektlista": projektlista,
        "antal": antal,
        "dokumentlista": dokumentlista,
        "senaste_dokument": senaste_dokument,
        "antal_per_typ": antal_per_typ,
        "facettlänk": facettlänk,
        **guide_macros(catalog_of),
    }
