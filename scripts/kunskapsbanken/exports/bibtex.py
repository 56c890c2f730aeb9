"""References for reports in BibTeX, for LaTeX and reference managers.

A dated report is a @techreport. BibTeX's techreport requires a year, and a report whose year
is not known must not be given one (the grant year is not the report's), so an undated report
is a @misc, which takes the same author, title and address without a year.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..catalog import DocumentEntry
from . import reference_address, reference_id, report_authors, report_publisher, report_year

_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(text: str) -> str:
    """LaTeX's special characters made literal; å, ä and ö stay as UTF-8 (biber and bibtex8 read them)."""
    replaced = _SPECIAL.sub(lambda m: {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}",
                                       "^": r"\textasciicircum{}"}.get(m.group(1), "\\" + m.group(1)), text)
    return " ".join(replaced.split())


def protected(text: str) -> str:
    """A value whose case no style may change: '{{Enskede-Årsta-Vantör}}' keeps its capitals."""
    return "{{" + escape(text) + "}}"


def key(report: DocumentEntry) -> str:
    return reference_id(report)


def entry(report: DocumentEntry, site_url: str = "") -> str:
    project, document = report.project, report.document
    year = report_year(report)
    # Double braces keep an organisation's name whole instead of being split into first and last names.
    fields = [("author", " and ".join(protected(name) for name in report_authors(project))),
              ("title", protected(document.title))]
    if year is not None:
        fields.append(("institution", protected(report_publisher(project))))
        fields.append(("type", "{" + escape(document.kind.capitalize()) + "}"))
        fields.append(("year", "{" + str(year) + "}"))
        if document.date.month:
            fields.append(("month", _MONTHS[document.date.month - 1]))
    else:
        fields.append(("howpublished", "{" + escape(f"{document.kind.capitalize()}, {report_publisher(project)}")
                       + "}"))
    address = reference_address(report, site_url)
    if address:
        # A URL is taken verbatim (\url): only braces, which would unbalance the entry, are encoded.
        fields.append(("url", "{" + address.replace("{", "%7B").replace("}", "%7D") + "}"))
    if project.keywords:
        fields.append(("keywords", "{" + escape(", ".join(project.keywords)) + "}"))
    fields.append(("language", "{swedish}"))
    fields.append(("note", "{" + escape(f"{project.title} ({project.type.value}). Kunskapsbanken") + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    kind = "techreport" if year is not None else "misc"
    return f"@{kind}{{{key(report)},\n{body}\n}}\n"


def join(entries: Iterable[str]) -> bytes:
    """The file of the given entries (entry())."""
    return "\n".join(entries).encode("utf-8")
