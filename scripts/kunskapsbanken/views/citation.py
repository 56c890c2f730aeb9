"""Citing from a project page: "Citera" beside each document, with a reference in Swedish and
that document's own RIS and BibTeX files; a box that cites the page when there are no documents."""

from __future__ import annotations

from ..catalog import DocumentEntry
from ..exports import reference_file, report_authors, report_publisher, report_year
from ..model import Project, ProjectType
from .. import swedish
from . import html
from .links import href

_KIND_OF_PROJECT = {ProjectType.FUM: "FUM-studie", ProjectType.LUM: "LUM-projekt", ProjectType.MUL: "studieresa (MUL)"}
# Swedish reference style for a work without a date: 'u.å.' (utan år).
NO_YEAR = "u.å."


def _context(project: Project) -> str:
    return f"{_KIND_OF_PROJECT[project.type]}, {', '.join(str(y) for y in project.years)}"


def reference_parts(entry: DocumentEntry) -> tuple[str, str, str]:
    """(authors and year, title, the rest) of a document's reference, as plain text:
    ('Stockholms universitet (2022)', 'Titel', 'Slutrapport. Socialförvaltningen. Projekt: … Kunskapsbanken.')."""
    project, document = entry.project, entry.document
    year = report_year(entry)
    authors = swedish.join_list(report_authors(project))
    head = f"{authors} ({year if year is not None else NO_YEAR})"
    publisher = report_publisher(project)
    rest = [document.kind.capitalize()]
    if publisher not in report_authors(project):
        rest.append(publisher)
    rest.append(f"Projekt: {project.title} ({_context(project)})")
    return head, document.title, ". ".join(rest) + ". Kunskapsbanken."


def document_citation(entry: DocumentEntry, here: str) -> str:
    """'Citera' for one document: a disclosure with its reference and its own RIS and BibTeX files.

    HTML on one line, to end the document's line in the list on the project page."""
    head, title, rest = reference_parts(entry)
    ris, bibtex = (href(here, reference_file(entry, extension)) for extension in ("ris", "bib"))
    name = f"{entry.project.id}-{entry.document.id}"
    about = f'<span class="kb-dold"> för {html.text(entry.document.title)}</span>'
    return (
        '<details class="kb-citera">'
        f'<summary>Citera<span class="kb-dold">: {html.text(entry.document.title)}</span></summary>'
        f'<span class="kb-referens">{html.text(head)}. <em>{html.text(title)}</em>. {html.text(rest)}</span> '
        f'<span class="kb-citera__filer">Referensen som fil: '
        f'{html.a("RIS" + about, ris, download=name + ".ris")} · '
        f'{html.a("BibTeX" + about, bibtex, download=name + ".bib")}</span>'
        "</details>"
    )


def page_citation_box(project: Project) -> str:
    """For a project without documents: how to cite its page."""
    authors = swedish.join_list(report_authors(project))
    reference = (f"{html.text(authors)} ({NO_YEAR}). <em>{html.text(project.title)}</em>. "
                 f"Projektsida ({html.text(_context(project))}). Kunskapsbanken.")
    return html.admonition("quote", "Citera", "<p>Projektet har inga dokument ännu. Föreslagen referens till "
                           f'projektsidan:</p>\n{html.paragraph(reference, "kb-referens")}')
