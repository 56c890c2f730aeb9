"""The catalog as CSV that Swedish Excel opens as it is: UTF-8 with BOM, semicolons, CRLF."""

from __future__ import annotations

import csv
import io
from typing import Iterable

from ..model import Project
from . import COLUMNS

DELIMITER = ";"
BOM = "\ufeff"


def render(projects: Iterable[Project]) -> bytes:
    buffer = io.StringIO()
    # Swedish Excel reads ';' as the list separator, and only recognises UTF-8 with a BOM.
    writer = csv.writer(buffer, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    for project in projects:
        row = []
        for column in COLUMNS:
            value = column.value(project)
            row.append("" if value is None else value)
        writer.writerow(row)
    return (BOM + buffer.getvalue()).encode("utf-8")
