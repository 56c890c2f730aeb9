"""The "Citera" box on a project page: a suggested reference in Swedish, and the reference files."""

from __future__ import annotations

from ..catalog import Catalog, DocumentEntry
from ..exports import EXPORT_DIR, REPORT_KINDS, report_authors, report_year
from ..model import Project, ProjectType
from .. import swedish
from .links import relative
from .markdown import escape

_KIND_OF_PROJECT = {ProjectType.FUM: "FUM-studie", ProjectType.LUM: "LUM-projekt", ProjectType.MUL: "studieresa (MUL)"}


def cited_report(catalog: Catalog, project: Project) -> DocumentEntry | None:
    """The report to cite: the newest final report, else the newest report of any kind."""
    entries = [e for e in catalog.documents(projects=[project]) if e.document.kind in REPORT_KINDS]
    finals = [e for e in entries if e.document.kind == "slutrapport"]
    return (finals or entries or [None])[0]


def suggested_reference(catalog: Catalog, project: Project) -> str:
    """'Stockholms universitet (2022). *Titel*. Slutrapport. Projekt: … (FUM-studie, 2021). Kunskapsbanken.'"""
    authors = swedish.join_list(report_authors(project))
    report = cited_report(catalog, project)
    context = f"{_KIND_OF_PROJECT[project.type]}, {', '.join(str(y) for y in project.years)}"
    if report is None:
        year, title = project.years[-1], project.title
        about = f"Projektsida ({context})"
    else:
        year, title = report_year(report), report.document.title
        about = f"{report.document.kind.capitalize()}. Projekt: {escape(project.title)} ({context})"
    head = f"{escape(authors)} ({year}). *{escape(title)}*" if authors else f"*{escape(title)}* ({year})"
    return f"{head}. {about}. Kunskapsbanken."


def citation_box(catalog: Catalog, project: Project, here: str) -> str:
    ris = relative(here, f"{EXPORT_DIR}/rapporter.ris")
    bibtex = relative(here, f"{EXPORT_DIR}/rapporter.bib")
    return (
        '!!! quote "Citera"\n'
        "    Föreslagen referens:\n\n"
        f"    {suggested_reference(catalog, project)}\n"
        "    { .kb-referens }\n\n"
        f"    Alla rapporter i Kunskapsbanken som referenser: [RIS]({ris}) · [BibTeX]({bibtex})\n"
    )
