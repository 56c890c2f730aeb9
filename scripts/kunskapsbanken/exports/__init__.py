"""Downloads: the catalog, or one listing's selection, as CSV, JSON and xlsx; reports as RIS and BibTeX.

Every format reads the same columns (COLUMNS) and the same report list (reports()),
so a figure means the same thing in every file. Files are made in memory during the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..catalog import Catalog, DocumentEntry
from ..facets import FACETS, Facet
from ..model import Project
from ..results import result_text
from ..swedish import slugify
from ..views.links import project_url

EXPORT_DIR = "export"
CATALOG_NAME = "kunskapsbanken"
# Document kinds that are reports someone may cite; plans and attachments are not.
REPORT_KINDS = ("förstudie", "delrapport", "slutrapport", "utvärdering", "reserapport")


def site_address(path: str, site_url: str) -> str:
    """Absolute address when the site's address is known, else the path inside the site."""
    return site_url.rstrip("/") + "/" + path if site_url else path


def document_address(entry: DocumentEntry, site_url: str) -> str | None:
    if entry.document.link:
        return entry.document.link
    if entry.document.file:
        return site_address(project_url(entry.project.id) + entry.document.file, site_url)
    return None


def _join(items: Iterable[str]) -> str:
    return ", ".join(items)


def _amount_by_year(project: Project) -> str:
    return _join(f"{year}: {value}" for year, value in sorted(project.amount_by_year.items())) \
        if isinstance(project.amount, dict) else ""


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Project], str | int | None]
    numeric: bool = False


# One row per project in CSV and xlsx; JSON keeps the lists as lists (exports.json).
COLUMNS: tuple[Column, ...] = (
    Column("id", lambda p: p.id),
    Column("titel", lambda p: p.title),
    Column("typ", lambda p: p.type.value),
    Column("år", lambda p: _join(str(y) for y in p.years)),
    Column("områden", lambda p: _join(p.areas)),
    Column("målgrupper", lambda p: _join(p.target_groups)),
    Column("kunskapstyp", lambda p: _join(p.knowledge_kinds)),
    Column("förvaltning", lambda p: p.administration),
    Column("medsökande", lambda p: _join(p.co_applicants)),
    Column("utförare", lambda p: _join(p.performers)),
    Column("belopp_kr", lambda p: p.total_amount, numeric=True),
    Column("belopp_per_år", _amount_by_year),
    Column("status", lambda p: p.status.value),
    Column("startdatum", lambda p: p.start.iso() if p.start else None),
    Column("slutdatum", lambda p: p.end.iso() if p.end else None),
    Column("resmål", lambda p: str(p.destination) if p.destination else None),
    Column("kontakt", lambda p: p.contact),
    Column("diarienummer", lambda p: p.diarienummer),
    Column("nyckelord", lambda p: _join(p.keywords)),
    Column("antal_dokument", lambda p: len(p.documents), numeric=True),
    Column("resultat", lambda p: _join(result_text(r) for r in p.results)),
    Column("sammanfattning", lambda p: p.summary),
    Column("adress", lambda p: project_url(p.id)),
)


def reports(catalog: Catalog, projects: Iterable[Project] | None = None) -> list[DocumentEntry]:
    """Every report of the selection, newest first."""
    return [e for e in catalog.documents(projects=projects) if e.document.kind in REPORT_KINDS]


def report_authors(project: Project) -> list[str]:
    """Who wrote a project's reports: its performers, else the administration that ran it."""
    if project.performers:
        return list(project.performers)
    return [project.administration] if project.administration else []


def report_year(entry: DocumentEntry) -> int:
    return entry.document.date.year if entry.document.date else entry.project.years[-1]


def catalog_file(extension: str) -> str:
    return f"{EXPORT_DIR}/{CATALOG_NAME}.{extension}"


def selection_file(facet: Facet, term_name: str, extension: str) -> str:
    """The download for one listing page: 'export/omraden/hemloshet.csv'."""
    return f"{EXPORT_DIR}/{facet.segment}/{slugify(term_name)}.{extension}"


SELECTION_FORMATS = ("csv", "json")


def render_all(catalog: Catalog, site_url: str = "") -> Iterator[tuple[str, bytes]]:
    """(path in the site, bytes) of every download."""
    from . import bibtex, csv, json, ris, xlsx

    projects = list(catalog.projects)
    rows = {p.id: csv.row(p) for p in projects}
    records = {p.id: json.record(p, catalog, site_url) for p in projects}
    yield catalog_file("csv"), csv.render(projects, rows)
    yield catalog_file("json"), json.render(projects, catalog, site_url, records_by_id=records)
    yield f"{EXPORT_DIR}/{json.SCHEMA_NAME}", json.schema_bytes()
    yield catalog_file("xlsx"), xlsx.render(projects, catalog, site_url)
    yield f"{EXPORT_DIR}/rapporter.ris", ris.render(reports(catalog), site_url)
    yield f"{EXPORT_DIR}/rapporter.bib", bibtex.render(reports(catalog), site_url)
    # Each project is in many selections: its row and record were computed once above.
    for facet in FACETS:
        for term in catalog.terms(facet.key):
            chosen = list(term.projects)
            yield selection_file(facet, term.name, "csv"), csv.render(chosen, rows)
            yield selection_file(facet, term.name, "json"), json.render(
                chosen, catalog, site_url, schema=f"../{json.SCHEMA_NAME}", records_by_id=records)
