"""Listing pages: one overview per facet and one (paginated) page per term.

Everything on them comes from the catalog, so it is HTML (views.html); only the title is Markdown."""

from __future__ import annotations

from typing import Iterator

from .. import swedish
from ..catalog import Catalog, DocumentEntry, Term
from ..facets import FACETS, Facet
from ..model import Project, Status
from ..text import years_text
from ..urls import project_uri
from . import GeneratedPage, PageParts, html
from .downloads import selection_links
from .feeds import feed_areas
from .links import BROWSE_URI, facet_uri, href, term_uri
from .markdown import count_text, front_matter
from .project_page import document_html


def project_card(project: Project, here: str) -> str:
    """A project in a list: title, the facts that tell projects apart, and the summary."""
    facts = [project.type.value, years_text(list(project.years))]
    if project.administration:
        facts.append(project.administration)
    if project.destination:
        facts.append(str(project.destination))
    facts.append(project.status.label.lower())
    return (
        '<div class="kb-projektkort">\n'
        f"<h3>{html.link(project.title, href(here, project_uri(project.id)))}</h3>\n"
        f'{html.paragraph(html.text(" · ".join(facts)), "kb-meta")}\n'
        f"{html.paragraph(html.text(project.summary))}\n</div>"
    )


def project_cards(projects: list[Project], here: str) -> str:
    if not projects:
        return html.paragraph("<em>Inga projekt matchar urvalet.</em>")
    return "\n".join(project_card(p, here) for p in projects)


def document_rows(entries: list[DocumentEntry], here: str, vocabulary, with_destination: bool,
                  mailbox: str | None = None) -> str:
    if not entries:
        return html.paragraph("<em>Inga dokument av det här slaget ännu.</em>")
    headers = ["Dokument", "Projekt", "Datum", "Förvaltning"] + (["Resmål"] if with_destination else [])
    rows = []
    for entry in entries:
        project = entry.project
        row = [
            document_html(entry, here, vocabulary, mailbox),
            html.link(project.title, href(here, project_uri(project.id))),
            entry.document.date.swedish() if entry.document.date else "–",
            html.text(project.administration or "–"),
        ]
        if with_destination:
            row.append(html.text(str(project.destination)) if project.destination else "–")
        rows.append(row)
    return html.table(headers, rows)


def _pagination(facet: Facet, term: Term, page: int, pages: int) -> str:
    here = term_uri(facet, term.name, page)
    items = []
    if page > 1:
        items.append(html.a("← Föregående", href(here, term_uri(facet, term.name, page - 1)), rel="prev"))
    items.append(f"Sida {page} av {pages}")
    if page < pages:
        items.append(html.a("Nästa →", href(here, term_uri(facet, term.name, page + 1)), rel="next"))
    return ('<nav class="kb-sidnumrering" aria-label="Sidnumrering">\n' + html.paragraph(" · ".join(items))
            + "\n</nav>")


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


def term_link(facet: Facet, term: Term, label: str, here: str) -> str:
    """A term's name, linked to its list only when the list has something in it: no dead ends."""
    return html.link(label, href(here, term_uri(facet, term.name))) if term.linked else html.text(label)


def facet_overview(catalog: Catalog, facet: Facet) -> GeneratedPage:
    here = facet_uri(facet)
    terms = catalog.terms(facet.key)
    if facet.key == "keyword":
        body = keyword_index(terms, here)
    elif facet.key == "document_kind":
        rows = [[term_link(facet, t, catalog.vocabulary.document_kind_plural(t.name), here),
                 swedish.format_number(len(catalog.documents(kind=t.name))), swedish.format_number(t.count)]
                for t in terms]
        body = html.table(["Dokumenttyp", "Dokument", "Projekt"], rows, ["left", "right", "right"])
    else:
        label = (lambda t: Status(t.name).label) if facet.key == "status" else (lambda t: t.name)
        rows = [[term_link(facet, t, label(t), here), swedish.format_number(t.count),
                 html.text(_type_breakdown(t.projects) or "–")] for t in terms]
        body = html.table([facet.singular, "Projekt", "Varav typ"], rows, ["left", "right", "left"])
    page = PageParts(front_matter(title=facet.plural, render_macros=False))
    page.heading(1, facet.plural)
    page.html(html.paragraph(html.text(facet.intro)))
    page.html(body if terms else html.paragraph("<em>Inga projekt ännu.</em>"))
    return page.page(here, trail=(("Bläddra", BROWSE_URI),))


def _initial(name: str) -> str:
    first = name[:1].upper()
    return first if first.isalpha() else "0–9"


_LETTER_IDS = {"Å": "aa", "Ä": "ae", "Ö": "oe", "0–9": "siffror"}


def _keyword_entry(term: Term, here: str) -> str:
    """'boendestöd (3 projekt)' to its list, or 'lågtröskelboende – Utvärdering av …' to its one project."""
    if term.linked:
        return (f"{html.link(term.name, href(here, term_uri(term.facet, term.name)))} "
                f"({count_text(term.count, 'projekt', 'projekt')})")
    project = term.projects[0]
    return f"{html.text(term.name)} – {html.link(project.title, href(here, project_uri(project.id)))}"


def keyword_index(terms: list[Term], here: str) -> str:
    """Every keyword under its initial, A to Ö, with a row of letters to jump with."""
    groups: dict[str, list[Term]] = {}
    for term in terms:  # already in Swedish order
        groups.setdefault(_initial(term.name), []).append(term)
    letter_id = {letter: "bokstav-" + _LETTER_IDS.get(letter, swedish.slugify(letter)) for letter in groups}
    jump = " ".join(html.link(letter, f"#{letter_id[letter]}") for letter in groups)
    parts = [f'<nav class="kb-bokstaver" aria-label="Nyckelord efter begynnelsebokstav">{jump}</nav>']
    for letter, members in groups.items():
        parts.append(f'<h2 id="{letter_id[letter]}">{html.text(letter)}</h2>')
        parts.append(html.bullet_list(_keyword_entry(t, here) for t in members))
    return "\n".join(parts)


def term_crumb(catalog: Catalog, facet: Facet, term_name: str) -> str:
    """The term's short name in breadcrumbs: 'Hemlöshet', 'Slutrapporter', 'Status okänd'."""
    if facet.key == "document_kind":
        return catalog.vocabulary.document_kind_plural(term_name)
    if facet.key == "status":
        return Status(term_name).label
    return term_name


def _trail(catalog: Catalog, facet: Facet, term: Term, page: int) -> tuple[tuple[tuple[str, str], ...], str]:
    trail = (("Bläddra", BROWSE_URI), (facet.plural, facet_uri(facet)))
    crumb = term_crumb(catalog, facet, term.name)
    if page == 1:
        return trail, crumb
    return trail + ((crumb, term_uri(facet, term.name)),), f"Sida {page}"


def term_pages(catalog: Catalog, facet: Facet, term: Term, page_size: int,
               mailbox: str | None = None) -> Iterator[GeneratedPage]:
    if facet.key == "document_kind":
        yield from document_kind_pages(catalog, facet, term, page_size, mailbox)
        return
    projects = list(term.projects)
    pages = max(1, -(-len(projects) // page_size))
    title = f"{facet.singular}: {term.name}" if facet.key != "type" else \
        f"{term.name} – {catalog.vocabulary.type_label(term.name)}"
    for number in range(1, pages + 1):
        here = term_uri(facet, term.name, number)
        chunk = projects[(number - 1) * page_size: number * page_size]
        intro = f"{count_text(term.count, 'projekt', 'projekt')}"
        if facet.key == "administration":
            note = _administration_note(catalog, term.name)
            intro += f". {note}" if note else ""
        if facet.key == "type":
            intro += f". {catalog.vocabulary.types[term.name].description}"
        page = PageParts(front_matter(title=title + (f" (sida {number})" if number > 1 else ""), render_macros=False))
        page.heading(1, title)
        page.html(html.paragraph(html.text(intro)) + "\n"
                  + html.paragraph(html.link(f"Alla {facet.plural.lower()}", href(here, facet_uri(facet)))))
        if term.count:
            page.html(selection_links(catalog, facet, term.name, here))
        page.heading(2, "Projekt")  # the cards are h3: headings in order (WCAG 1.3.1)
        page.html(project_cards(chunk, here))
        if pages > 1:
            page.html(_pagination(facet, term, number, pages))
        yield page.page(here, *_trail(catalog, facet, term, number))


def document_kind_pages(catalog: Catalog, facet: Facet, term: Term, page_size: int,
                        mailbox: str | None = None) -> Iterator[GeneratedPage]:
    entries = catalog.documents(kind=term.name)
    plural = catalog.vocabulary.document_kind_plural(term.name)
    pages = max(1, -(-len(entries) // page_size))
    for number in range(1, pages + 1):
        here = term_uri(facet, term.name, number)
        chunk = entries[(number - 1) * page_size: number * page_size]
        page = PageParts(front_matter(title=plural + (f" (sida {number})" if number > 1 else ""), render_macros=False))
        page.heading(1, plural)
        everything = html.paragraph(html.link("Alla dokumenttyper", href(here, facet_uri(facet))))
        if entries:
            page.html(html.paragraph(f"{count_text(len(entries), 'dokument', 'dokument')} i "
                                     f"{count_text(term.count, 'projekt', 'projekt')}, nyaste först.") + "\n"
                      + everything + "\n" + selection_links(catalog, facet, term.name, here) + "\n"
                      + document_rows(chunk, here, catalog.vocabulary, with_destination=term.name == "reserapport",
                                      mailbox=mailbox))
        else:
            page.html(html.paragraph(f"Det finns inga {html.text(plural.lower())} i Kunskapsbanken ännu. När ett "
                                     "projekt lägger till ett dokument av det här slaget visas det här.")
                      + "\n" + everything)
        if pages > 1:
            page.html(_pagination(facet, term, number, pages))
        yield page.page(here, *_trail(catalog, facet, term, number))


def render_all(catalog: Catalog, page_size: int, mailbox: str | None = None, memo=None) -> Iterator[GeneratedPage]:
    """Every overview and term page; with a memo (views.PageMemo), those whose projects did not change are kept."""
    from . import PageMemo

    memo = memo or PageMemo()
    vocabulary = catalog.vocabulary
    # The areas with a feed: those with a dated document (by its date or its first commit).
    with_feed = memo.page("flödesområden", (tuple(map(memo.facts, catalog.projects)), catalog.first_appeared),
                          lambda: set(feed_areas(catalog)))
    for facet in FACETS:
        terms = catalog.terms(facet.key)
        # What a page is made from: its terms' projects and the vocabulary (names, labels, notes).
        yield memo.page(("översikt", facet.key),
                        (vocabulary, tuple((t.name, tuple(map(memo.facts, t.projects))) for t in terms)),
                        lambda: facet_overview(catalog, facet))
        for term in terms:
            if term.has_page:
                yield from memo.page(("term", facet.key, term.name),
                                     (vocabulary, page_size, mailbox, tuple(map(memo.facts, term.projects)),
                                      term.name in with_feed),
                                     lambda: list(term_pages(catalog, facet, term, page_size, mailbox)))
