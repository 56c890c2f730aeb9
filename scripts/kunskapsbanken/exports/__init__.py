"""Downloads: the catalog, or one listing's selection, as CSV, JSON and xlsx; reports as RIS and BibTeX.

Every format reads the same columns (COLUMNS) and the same report list (reports()),
so a figure means the same thing in every file. Files are made in memory during the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..catalog import Catalog, DocumentEntry
from ..facets import FACETS, Facet
from ..model import PartialDate, Project
from ..results import result_text
from ..swedish import slugify
from ..urls import project_dir, project_url

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


# A cell: text, a number, a date known to the year, month or day, or a list of years. Each
# format writes these its own way: CSV as text, xlsx as numbers and real dates (exports.xlsx).
Value = str | int | PartialDate | list[int] | None


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Project, str], Value]  # (project, site_url)
    numeric: bool = False


# One row per project in CSV and xlsx; JSON keeps the lists as lists (exports.json).
COLUMNS: tuple[Column, ...] = (
    Column("id", lambda p, _: p.id),
    Column("titel", lambda p, _: p.title),
    Column("typ", lambda p, _: p.type.value),
    Column("år", lambda p, _: list(p.years), numeric=True),
    Column("områden", lambda p, _: _join(p.areas)),
    Column("målgrupper", lambda p, _: _join(p.target_groups)),
    Column("kunskapstyp", lambda p, _: _join(p.knowledge_kinds)),
    Column("förvaltning", lambda p, _: p.administration),
    Column("medsökande", lambda p, _: _join(p.co_applicants)),
    Column("utförare", lambda p, _: _join(p.performers)),
    Column("belopp_kr", lambda p, _: p.total_amount, numeric=True),
    Column("belopp_per_år", lambda p, _: _amount_by_year(p)),
    Column("status", lambda p, _: p.status.value),
    Column("startdatum", lambda p, _: p.start),
    Column("slutdatum", lambda p, _: p.end),
    Column("resmål", lambda p, _: str(p.destination) if p.destination else None),
    Column("kontakt", lambda p, _: p.contact),
    Column("diarienummer", lambda p, _: p.diarienummer),
    Column("nyckelord", lambda p, _: _join(p.keywords)),
    Column("antal_dokument", lambda p, _: len(p.documents), numeric=True),
    Column("resultat", lambda p, _: _join(result_text(r) for r in p.results)),
    Column("sammanfattning", lambda p, _: p.summary),
    Column("adress", lambda p, site_url: site_address(project_url(p.id), site_url)),
)


def as_text(value: Value) -> str:
    """A cell as CSV writes it: '2018, 2019', '2020-12', ''."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, list):
        return _join(str(item) for item in value)
    return value


def reports(catalog: Catalog, projects: Iterable[Project] | None = None) -> list[DocumentEntry]:
    """Every report of the selection, newest first."""
    return [e for e in catalog.documents(projects=projects) if e.document.kind in REPORT_KINDS]


# Who stands behind a report when the project names neither performer nor administration:
# the administration that runs the FoU programme and publishes Kunskapsbanken.
PUBLISHER = "Socialförvaltningen"


def report_authors(project: Project) -> list[str]:
    """Who wrote a project's reports: its performers, else the administration that ran it,
    else the programme's publisher. Always organisations, never persons; never empty."""
    if project.performers:
        return list(project.performers)
    return [project.administration or PUBLISHER]


def report_publisher(project: Project) -> str:
    """Who issued the report: the administration that ran the project, else its performer,
    else the programme's publisher."""
    return project.administration or (project.performers[0] if project.performers else PUBLISHER)


def report_year(entry: DocumentEntry) -> int | None:
    """The report's own year; None when not known (the grant year is not the report's year)."""
    return entry.document.date.year if entry.document.date else None


def reference_id(entry: DocumentEntry) -> str:
    """The reference's key in RIS (ID) and BibTeX: project id and document id, 'bo-kvar:slutrapport'.
    Stable when documents are reordered or edited (Document.id)."""
    return f"{entry.project.id}:{entry.document.id}"


def reference_address(entry: DocumentEntry, site_url: str) -> str | None:
    """Where a reference leads: the document (its file or link), else its project page.
    Only absolute addresses: a path inside the site means nothing in a reference manager."""
    address = document_address(entry, site_url) or site_address(project_url(entry.project.id), site_url)
    return address if address.startswith(("http://", "https://")) else None


def reference_file(entry: DocumentEntry, extension: str) -> str:
    """One document's reference alone, beside its project page: 'projekt/bo-kvar/referens-slutrapport.ris'."""
    return f"{project_dir(entry.project.id)}/referens-{entry.document.id}.{extension}"


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
    rows = {p.id: csv.row(p, site_url) for p in projects}
    records = {p.id: json.record(p, catalog, site_url) for p in projects}
    yield catalog_file("csv"), csv.render(projects, rows)
    yield catalog_file("json"), json.render(projects, catalog, site_url, records_by_id=records)
    yield f"{EXPORT_DIR}/{json.SCHEMA_NAME}", json.schema_bytes()
    yield catalog_file("xlsx"), xlsx.render(projects, catalog, site_url)
    # Each document's reference once: in the file of all reports, and alone for "Citera" beside it.
    documents = catalog.documents()
    ris_entries = [ris.entry(e, site_url) for e in documents]
    bibtex_entries = [bibtex.entry(e, site_url) for e in documents]
    cited = [i for i, e in enumerate(documents) if e.document.kind in REPORT_KINDS]
    yield f"{EXPORT_DIR}/rapporter.ris", ris.join(ris_entries[i] for i in cited)
    yield f"{EXPORT_DIR}/rapporter.bib", bibtex.join(bibtex_entries[i] for i in cited)
    for entry, ris_entry, bibtex_entry in zip(documents, ris_entries, bibtex_entries):
        yield reference_file(entry, "ris"), ris.join([ris_entry])
        yield reference_file(entry, "bib"), bibtex.join([bibtex_entry])
    # Each project is in many selections: its row and record were computed once above.
    for facet in FACETS:
        for term in catalog.terms(facet.key):
            chosen = list(term.projects)
            yield selection_file(facet, term.name, "csv"), csv.render(chosen, rows)
            yield selection_file(facet, term.name, "json"), json.render(
                chosen, catalog, site_url, schema=f"../{json.SCHEMA_NAME}", records_by_id=records)
