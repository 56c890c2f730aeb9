"""References for reports in RIS, the format Zotero, EndNote and Mendeley import."""

from __future__ import annotations

import re
from typing import Iterable

from ..catalog import DocumentEntry
from . import reference_address, reference_id, report_authors, report_publisher


# RIS is one field per line: line breaks become spaces; a no-break space is text and stays.
_WHITE_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {_WHITE_SPACE.sub(' ', str(value)).strip()}"


def corporate(name: str) -> str:
    """An organisation as an author: the trailing comma tells EndNote and Zotero that the name
    is whole ('Stockholms universitet,'), not a last name and a first name."""
    return name + ","


def entry(report: DocumentEntry, site_url: str = "") -> str:
    project, document = report.project, report.document
    lines = [_line("TY", "RPRT"), _line("ID", reference_id(report)), _line("TI", document.title)]
    # Performers and administrations are organisations, never persons: corporate authors.
    lines += [_line("AU", corporate(name)) for name in report_authors(project)]
    if document.date:
        # Only the report's own year: a report without a date gets no year rather than a wrong one.
        date = document.date
        lines.append(_line("PY", str(date.year)))
        # RIS dates are YYYY/MM/DD/ with empty parts for what is not known.
        parts = [str(date.year), f"{date.month:02d}" if date.month else "", f"{date.day:02d}" if date.day else ""]
        lines.append(_line("DA", "/".join(parts) + "/"))
    lines.append(_line("M3", document.kind.capitalize()))
    lines.append(_line("PB", report_publisher(project)))
    lines.append(_line("T2", f"{project.title} ({project.type.value})"))
    lines += [_line("KW", word) for word in project.keywords]
    address = reference_address(report, site_url)
    if address:
        lines.append(_line("UR", address))
    lines.append(_line("LA", "sv"))
    lines.append(_line("N1", f"Kunskapsbanken, projekt {project.id}"))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def join(entries: Iterable[str]) -> bytes:
    """The file of the given entries (entry())."""
    return "\r\n".join(entries).encode("utf-8")
