"""References for reports in BibTeX (@techreport), for LaTeX and reference managers."""

from __future__ import annotations

import re
from typing import Iterable

from ..catalog import DocumentEntry
from ..swedish import slugify
from . import document_address, report_authors, report_year

_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(text: str) -> str:
    """LaTeX's special characters made literal; å, ä and ö stay as UTF-8 (biber and bibtex8 read them)."""
    replaced = _SPECIAL.sub(lambda m: {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}",
                                       "^": r"\textasciicircum{}"}.get(m.group(1), "\\" + m.group(1)), text)
    return " ".join(replaced.split())


def key(report: DocumentEntry) -> str:
    project, document = report.project, report.document
    return f"{slugify(project.id)}-{project.documents.index(document) + 1}-{report_year(report)}"


def entry(report: DocumentEntry, site_url: str = "") -> str:
    project, document = report.project, report.document
    authors = report_authors(project)
    # Double braces keep an organisation's name whole instead of being split into first and last names.
    fields = [("title", "{" + escape(document.title) + "}")]
    if authors:
        fields.append(("author", " and ".join("{{" + escape(name) + "}}" for name in authors)))
    institution = project.administration or (authors[0] if authors else None)
    if institution:
        fields.append(("institution", "{" + escape(institution) + "}"))
    fields.append(("type", "{" + escape(document.kind.capitalize()) + "}"))
    fields.append(("year", "{" + str(report_year(report)) + "}"))
    if document.date and document.date.month:
        fields.append(("month", _MONTHS[document.date.month - 1]))
    address = document_address(report, site_url)
    if address and (address.startswith("http") or site_url):
        fields.append(("url", "{" + escape(address) + "}"))
    if project.keywords:
        fields.append(("keywords", "{" + escape(", ".join(project.keywords)) + "}"))
    fields.append(("language", "{swedish}"))
    fields.append(("note", "{" + escape(f"{project.title} ({project.type.value}). Kunskapsbanken") + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@techreport{{{key(report)},\n{body}\n}}\n"


def render(reports: Iterable[DocumentEntry], site_url: str = "") -> bytes:
    return "\n".join(entry(report, site_url) for report in reports).encode("utf-8")
