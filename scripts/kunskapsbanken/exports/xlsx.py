"""The catalog as an Excel workbook: one sheet of projects, one of documents."""

from __future__ import annotations

import datetime as dt
import io
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..catalog import Catalog
from ..model import PartialDate, Project
from . import COLUMNS, Value, document_address

KRONOR_FORMAT = '#,##0 "kr"'  # Excel shows this with the reader's own digit grouping: 3 500 000 kr
# A date is a real Excel date (it sorts and filters as one), shown as precisely as it is known.
DATE_FORMATS = {3: "yyyy-mm-dd", 2: "yyyy-mm", 1: "yyyy"}
# A fixed creation time keeps the build reproducible.
_CREATED = dt.datetime(2013, 1, 1)


def cell_value(value: Value) -> str | int | dt.date:
    """What Excel should hold: numbers as numbers, dates as dates; several years stay text."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return dt.date(value.year, value.month or 1, value.day or 1)
    if isinstance(value, list):
        return value[0] if len(value) == 1 else ", ".join(str(item) for item in value)
    return value


def _date_format(value: Value) -> str | None:
    if isinstance(value, PartialDate):
        return DATE_FORMATS[1 + (value.month is not None) + (value.day is not None)]
    return None


def write_sheet(sheet, headers: Sequence[str], rows: Iterable[Sequence], money_columns: Sequence[int] = (),
                widths: Sequence[int] | None = None) -> None:
    """Headers in bold, frozen and filterable; the given columns shown as kronor; dates as dates."""
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        sheet.append([cell_value(value) for value in row])
        # By position: sheet[sheet.max_row] would look through every cell again for each row.
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):
                # openpyxl takes text starting with '=' for a formula; it is text
                sheet.cell(number, column).data_type = "s"
            elif (number_format := _date_format(value)) is not None:
                sheet.cell(number, column).number_format = number_format
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
    write_sheet(sheet, [c.header for c in COLUMNS], ([c.value(p, site_url) for c in COLUMNS] for p in projects),
                money, widths)
    documents = workbook.create_sheet("Dokument")
    rows = ([e.project.id, e.document.id, e.document.kind, e.document.title, e.document.date,
             document_address(e, site_url)] for e in catalog.documents(projects=projects))
    write_sheet(documents, ["projekt", "dokument", "typ", "titel", "datum", "adress"], rows,
                widths=[30, 30, 14, 50, 12, 50])
    return save(workbook)
