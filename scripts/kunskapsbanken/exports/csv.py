"""The catalog as CSV that Swedish Excel opens as it is: UTF-8 with BOM, semicolons, CRLF."""

from __future__ import annotations

import csv
import io
from typing import Iterable

from ..model import Project
from . import COLUMNS, as_text

DELIMITER = ";"
BOM = "\ufeff"
# A cell that starts like a formula is run by Excel when the file is opened ("CSV injection");
# an apostrophe before it makes Excel show the text as written (OWASP's advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def row(project: Project, site_url: str = "") -> list:
    return [as_text(column.value(project, site_url)) for column in COLUMNS]


def table_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    """Any table as a CSV file Swedish Excel opens as it is."""
    buffer = io.StringIO()
    # Swedish Excel reads ';' as the list separator, and only recognises UTF-8 with a BOM.
    writer = csv.writer(buffer, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_as_written(cell) for cell in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def render(projects: Iterable[Project], rows: dict[str, list] | None = None, site_url: str = "") -> bytes:
    """rows: precomputed row() per project id, so that many selections share the work."""
    return table_bytes([column.header for column in COLUMNS],
                       (rows[p.id] if rows is not None else row(p, site_url) for p in projects))


def _as_written(cell):
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell
