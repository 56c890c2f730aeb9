"""Listing pages: one overview per facet and one (paginated) page per term."""

from __future__ import annotations

from typing import Iterator

from .. import swedish
from ..catalog import Catalog, DocumentEntry, Term
from ..facets import FACETS, Facet
from ..model import Project
from ..text import years_text
from ..urls import project_uri
from . import GeneratedPage
from .downloads import selection_links
from .links import facet_uri, relative, term_uri
from .markdown import count_text, escape, front_matter, link, table
from .project_page import document_markdown


def project_card(project: Project, here: str) -> str:
    """A project in a list: title, the facts that tell projects apart, and the summary."""
    facts = [project.type.value, years_text(list(project.years))]
    if project.administration:
        facts.append(project.administration)
    if project.destination:
        facts.append(str(project.destination))
    facts.append(project.status.value)
    return (
        f'<div class="kb-projektkort" markdown>\n\n'
        f"### {link(project.title, relative(here, project_uri(project.id)))}\n\n"
        f'<p class="kb-meta">{escape(" · ".join(facts))}</p>\n\n'
        f"{escape(project.summary)}\n\n</div>"
    )


def project_cards(projects: list[Project], here: str) -> str:
    if not projects:
        return "*Inga projekt matchar urvalet.*"
    return "\n\n".join(project_card(p, here) for p in projects)


def document_rows(entries: list[DocumentEntry], here: str, vocabulary, with_destination: bool) -> str:
    if not entries:
        return "*Inga dokument av det här slaget ännu.*"
    headers = ["Dokument", "Projekt", "Datum", "Förvaltning"] + (["Resmål"] if with_destination else [])
    rows = []
    for entry in entries:
        project = entry.project
        row = [
            document_markdown(entry, here, vocabulary),
            link(project.title, relative(here, project_uri(project.id))),
            entry.document.date.swedish() if entry.document.date else "–",
            escape(project.administration or "–"),
        ]
        if with_destination:
            row.append(escape(str(project.destination)) if project.destination else "–")
        rows.append(row)
    return table(headers, rows)


def _pagination(facet: Facet, term: Term, page: int, pages: int) -> str:
    here = term_uri(facet, term.name, page)
    items = []
    if page > 1:
        items.append(f'[← Föregående]({relative(here, term_uri(facet, term.name, page - 1))}){{ rel="prev" }}')
    items.append(f"Sida {page} av {pages}")
    if page < pages:
        items.append(f'[Nästa →]({relative(here, term_uri(facet, term.name, page + 1))}){{ rel="next" }}')
    return '<nav class="kb-sidnumrering" aria-label="Sidnumrering" markdown>\n\n' + " · ".join(items) + "\n\n</nav>"


def _type_breakdown(projects: tuple[Project, ...]) -> str:
    counts: dict[str, int] = {}
    for project in projects:
        counts[project.type.value] = counts.get(project.type.value, 0) + 1
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))


def _administration_note(catalog: Catalog, name: str) -> str:
    entry = catalog.vocabulary.administrations.get(name)
    if entry is None:
        return ""
    notes = []
    if entry.merged_into:
        when = f" {entry.valid_to + 1}" if entry.valid_to else ""
        notes.append(f"{name} uppgick{when} i {entry.merged_into}.")
    if entry.formed_from:
        when = f" {entry.valid_from}" if entry.valid_from else ""
        notes.append(f"{name} bildades{when} av {swedish.join_list(entry.formed_from)}; deras projekt visas också här.")
    if entry.part_of:
        notes.append(f"{name} är en del av {entry.part_of}.")
    units = [u.name for u in catalog.vocabulary.administrations.values() if u.part_of == name]
    if units:
        notes.append(f"Här visas även projekt från {swedish.join_list(units)}.")
    return " ".join(notes)


def facet_overview(catalog: Catalog, facet: Facet) -> GeneratedPage:
    here = facet_uri(facet)
    terms = catalog.terms(facet.key)
    if facet.key == "document_kind":
        rows = [[link(catalog.vocabulary.document_kind_plural(t.name), relative(here, term_uri(facet, t.name))),
                 swedish.format_number(len(catalog.documents(kind=t.name))), swedish.format_number(t.count)]
                for t in terms]
        body = table(["Dokumenttyp", "Dokument", "Projekt"], rows, ["left", "right", "right"])
    else:
        rows = [[link(t.name, relative(here, term_uri(facet, t.name))), swedish.format_number(t.count),
                 _type_breakdown(t.projects)] for t in terms]
        body = table([facet.singular, "Projekt", "Varav typ"], rows, ["left", "right", "left"])
    markdown = (front_matter(title=facet.plural, render_macros=False) + f"# {facet.plural}\n\n{facet.intro}\n\n"
                + (body if terms else "*Inga projekt ännu.*") + "\n")
    return GeneratedPage(here, markdown)


def term_pages(catalog: Catalog, facet: Facet, term: Term, page_size: int) -> Iterator[GeneratedPage]:
    if facet.key == "document_kind":
        yield from document_kind_pages(catalog, facet, term, page_size)
        return
    projects = list(term.projects)
    pages = max(1, -(-len(projects) // page_size))
    title = f"{facet.singular}: {term.name}" if facet.key != "type" else \
        f"{term.name} – {catalog.vocabulary.type_label(term.name)}"
    for page in range(1, pages + 1):
        here = term_uri(facet, term.name, page)
        chunk = projects[(page - 1) * page_size: page * page_size]
        intro = f"{count_text(term.count, 'projekt', 'projekt')}"
        if facet.key == "administration":
            note = _administration_note(catalog, term.name)
            intro += f". {note}" if note else ""
        if facet.key == "type":
            intro += f". {catalog.vocabulary.types[term.name].description}"
        parts = [
            front_matter(title=title + (f" (sida {page})" if page > 1 else ""), render_macros=False),
            f"# {escape(title)}\n",
            f"{escape(intro)}\n",
            f"[Alla {facet.plural.lower()}]({relative(here, facet_uri(facet))})\n",
            selection_links(catalog, facet, term.name, here) if term.count else "",
            "## Projekt\n",  # the cards are h3: headings in order (WCAG 1.3.1)
            project_cards(chunk, here),
        ]
        if pages > 1:
            parts.append(_pagination(facet, term, page, pages))
        yield GeneratedPage(here, "\n".join(parts) + "\n")


def document_kind_pages(catalog: Catalog, facet: Facet, term: Term, page_size: int) -> Iterator[GeneratedPage]:
    entries = catalog.documents(kind=term.name)
    plural = catalog.vocabulary.document_kind_plural(term.name)
    pages = max(1, -(-len(entries) // page_size))
    for page in range(1, pages + 1):
        here = term_uri(facet, term.name, page)
        chunk = entries[(page - 1) * page_size: page * page_size]
        parts = [
            front_matter(title=plural + (f" (sida {page})" if page > 1 else ""), render_macros=False),
            f"# {escape(plural)}\n",
        ]
        if entries:
            parts += [
                f"{count_text(len(entries), 'dokument', 'dokument')} i {count_text(term.count, 'projekt', 'projekt')}"
                ", nyaste först.\n",
                f"[Alla dokumenttyper]({relative(here, facet_uri(facet))})\n",
                selection_links(catalog, facet, term.name, here),
                document_rows(chunk, here, catalog.vocabulary, with_destination=term.name == "reserapport"),
            ]
        else:
            parts += [
                f"Det finns inga {escape(plural.lower())} i Kunskapsbanken ännu. När ett projekt lägger till "
                "ett dokument av det här slaget visas det här.\n",
                f"[Alla dokumenttyper]({relative(here, facet_uri(facet))})\n",
            ]
        if pages > 1:
            parts.append(_pagination(facet, term, page, pages))
        yield GeneratedPage(here, "\n".join(parts) + "\n")


def render_all(catalog: Catalog, page_size: int) -> Iterator[GeneratedPage]:
    for facet in FACETS:
        yield facet_overview(catalog, facet)
        for term in catalog.terms(facet.key):
            yield from term_pages(catalog, facet, term, page_size)
