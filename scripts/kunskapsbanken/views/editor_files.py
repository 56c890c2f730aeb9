"""Files for editors that the site offers for download, made from the same sources as `kb`."""

from __future__ import annotations

from typing import Iterator

from ..importer import template_csv, template_xlsx
from ..schema import SCHEMA_URI, schema_json

IMPORT_TEMPLATE_XLSX = "redaktor/importmall.xlsx"
IMPORT_TEMPLATE_CSV = "redaktor/importmall.csv"
# Their places in the site, known before they are made: hand-written pages link to them.
EDITOR_FILES = (SCHEMA_URI, IMPORT_TEMPLATE_XLSX, IMPORT_TEMPLATE_CSV)


def editor_files(catalog) -> Iterator[tuple[str, str | bytes]]:
    """(src_uri, content) of the JSON Schema and the import templates."""
    yield SCHEMA_URI, schema_json(catalog.vocabulary)
    yield IMPORT_TEMPLATE_XLSX, template_xlsx()
    yield IMPORT_TEMPLATE_CSV, template_csv()
