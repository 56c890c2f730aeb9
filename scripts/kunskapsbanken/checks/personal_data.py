"""Personal data: Swedish personal identity and co-ordination numbers must never be published.

A candidate is 10 or 12 digits, with or without '-' or '+' before the last four. It is
reported only if python-stdnum accepts it (a real date and the Luhn check digit), so
dates, phone numbers and case numbers are almost never flagged.
"""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from ..loader import field_label
from ..model import Document, Project
from ..problems import Problem
from .attachments import position as attachment_position

# 6 or 8 digits of birth date, an optional separator and 4 more; not part of a longer number.
# The look-behind sits after the first digit so that the scan can skip to digits quickly.
_CANDIDATE = re.compile(r"(\d(?<![\d\-+/.]\d)\d{5}(?:\d{2})?)([-+]?)(\d{4})(?![\d\-/]|\.\d)")
_ADVICE = "personuppgifter får inte publiceras i Kunskapsbanken; ta bort numret"


def kind_of(text: str) -> str | None:
    """'personnummer', 'samordningsnummer' or None for a string like '19880320-0016'."""
    match = _CANDIDATE.fullmatch(text.strip())
    return _kind(match) if match else None


def _kind(match: re.Match) -> str | None:
    birth, separator, serial = match.groups()
    number = f"{birth}{separator or '-'}{serial}"
    if personnummer.is_valid(number):
        return "personnummer"
    day = int(birth[-2:])
    if 61 <= day <= 91:  # a co-ordination number adds 60 to the day of birth
        as_birth_date = f"{birth[:-2]}{day - 60:02d}{separator or '-'}{serial}"
        try:
            personnummer.get_birth_date(as_birth_date)
        except (ValidationError, ValueError):
            return None
        if luhn.is_valid(birth[-6:] + serial):
            return "samordningsnummer"
    return None


def find(text: str):
    """(offset, kind) of every identity number in text."""
    for match in _CANDIDATE.finditer(text):
        kind = _kind(match)
        if kind:
            yield match.start(), kind


def check_page(path, text: str, project: Project | None) -> list[Problem]:
    """Numbers anywhere in the page's text: front matter and body, loaded or not."""
    problems = []
    front_matter_end = _front_matter_end(text)
    for offset, kind in find(text):
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        field = _field_at(project, line) if line <= front_matter_end else ""
        problems.append(Problem(path, line, column, field, f"texten innehåller ett {kind}; {_ADVICE}"))
    return problems


def check_attachment(project: Project, index: int, document: Document, pages: list[str]) -> list[Problem]:
    found = sorted({number for number, page in enumerate(pages, start=1) if any(find(page))})
    kinds = sorted({kind for page in pages for _, kind in find(page)})
    if not found:
        return []
    line, column = attachment_position(project, index)
    where = "sidan" if len(found) == 1 else "sidorna"
    return [Problem(project.source, line, column, field_label(("dokument", index, "fil")),
                    f"bilagan '{document.file}' innehåller {' och '.join(kinds)} på {where} "
                    f"{', '.join(map(str, found))}; {_ADVICE} ur PDF:en (eller maskera det) och spara om den")]


def _front_matter_end(text: str) -> int:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return 0
    return next((i + 1 for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")),
                len(lines))


def _field_at(project: Project | None, line: int) -> str:
    """The front matter field whose value the line belongs to: the last key starting at or above it."""
    if project is None:
        return ""
    best, best_line = "", 0
    for key, (key_line, _) in project.positions.items():
        if key and key[-1] != "__value__" and key_line <= line and (key_line, len(key)) >= (best_line, len(best)):
            best, best_line = key, key_line
    if not best:
        return ""
    # List positions are stored as '0', '1' …; year keys of 'belopp' ('2019') are not positions.
    return field_label(tuple(int(p) if p.isdigit() and len(p) < 4 else p for p in best))
