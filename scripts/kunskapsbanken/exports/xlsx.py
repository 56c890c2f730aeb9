"""The catalog as an Excel workbook: one sheet of projects, one of documents."""

from __future__ import annotations

import datetime as dt
import io
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..catalog import Catalog
from ..model import Project
from . import COLUMNS, document_address

KRONOR_FORMAT = '#,##0 "kr"'  # Excel shows this with the reader's own digit grouping: 3 500 000 kr
# A fixed creation time keeps the build reproducible.
_CREATED = dt.datetime(2013, 1, 1)


def write_sheet(sheet, headers: Sequence[str], rows: Iterable[Sequence], money_columns: Sequence[int] = (),
                widths: Sequence[int] | None = None) -> None:
    """Headers in bold, frozen and filterable; the given columns shown as kronor."""
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(["" if value is None else value for value in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl takes text starting with '=' for a formula; it is text
                cell.data_type = "s"
    for index in money_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            if isinstance(cell.value, int):
                cell.number_format = KRONOR_FORMAT
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(headers):
        width = widths[index] if widths else max(10, min(50, len(header) + 4))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.properties.created = _CREATED
    workbook.properties.modified = _CREATED
    workbook.properties.creator = "Kunskapsbanken"
    return workbook


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(projects: Iterable[Project], catalog: Catalog, site_url: str = "") -> bytes:
    projects = list(projects)
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Projekt"
    money = [i for i, column in enumerate(COLUMNS) if column.header == "belopp_kr"]
    widths = [{"titel": 45, "sammanfattning": 60, "områden": 30, "id": 30}.get(c.header, 16) for c in COLUMNS]
    write_sheet(sheet, [c.header for c in COLUMNS], ([c.value(p) for c in COLUMNS] for p in projects),
                money, widths)
    documents = workbook.create_sheet("Dokument")
    rows = ([e.project.id, e.document.kind, e.document.title, e.document.date.iso() if e.document.date else None,
             document_address(e, site_url)] for e in catalog.documents(projects=projects))
    write_sheet(documents, ["projekt", "typ", "titel", "datum", "adress"], rows, widths=[30, 14, 50, 12, 50])
    return save(workbook)
