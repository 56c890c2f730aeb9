"""References for reports in RIS, the format Zotero, EndNote and Mendeley import."""

from __future__ import annotations

import re
from typing import Iterable

from ..catalog import DocumentEntry
from . import document_address, report_authors, report_year


# RIS is one field per line: line breaks become spaces; a no-break space is text and stays.
_WHITE_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {_WHITE_SPACE.sub(' ', str(value)).strip()}"


def entry(report: DocumentEntry, site_url: str = "") -> str:
    project, document = report.project, report.document
    lines = [_line("TY", "RPRT"), _line("ID", f"{project.id}-{project.documents.index(document) + 1}"),
             _line("TI", document.title)]
    # Performers and administrations are organisations, not persons: RIS takes them as authors as they are.
    lines += [_line("AU", name) for name in report_authors(project)]
    lines.append(_line("PY", str(report_year(report))))
    if document.date:
        # RIS dates are YYYY/MM/DD/ with empty parts for what is not known.
        date = document.date
        parts = [str(date.year), f"{date.month:02d}" if date.month else "", f"{date.day:02d}" if date.day else ""]
        lines.append(_line("DA", "/".join(parts) + "/"))
    lines.append(_line("M3", document.kind.capitalize()))
    if project.administration:
        lines.append(_line("PB", project.administration))
    lines.append(_line("T2", f"{project.title} ({project.type.value})"))
    lines += [_line("KW", word) for word in project.keywords]
    address = document_address(report, site_url)
    if address and (address.startswith("http") or site_url):
        lines.append(_line("UR", address))
    lines.append(_line("LA", "sv"))
    lines.append(_line("N1", f"Kunskapsbanken, projekt {project.id}"))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def render(reports: Iterable[DocumentEntry], site_url: str = "") -> bytes:
    return "\r\n".join(entry(report, site_url) for report in reports).encode("utf-8")
