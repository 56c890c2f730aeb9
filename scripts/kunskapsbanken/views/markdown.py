"""Small Markdown builders shared by the views: escaping, links, tables, year ranges."""

from __future__ import annotations

import html
import json
import re

from .. import swedish

# Characters that Python-Markdown or our extensions read as syntax anywhere in a line, and that
# a backslash escapes: emphasis, code, links and images, attribute lists ({: onclick=…}),
# headings and table cells.
_SPECIAL = re.compile(r"([\\`*_\[\]{}#|])")
# At the start of a block only: list items ('- ', '+ ', '1. ', '1) '), rules ('---') and definitions (': ').
_LEADING = re.compile(r"^(?:([-+])|(\d+)([.)])(?= |$)|:(?= |$))")
# HTML's own: '<' starts a tag and '&' an entity, and a backslash does not escape them in
# Python-Markdown, so they are written as entities, which Markdown passes through as text.
_WHITE_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """Content text as Markdown that shows it exactly as written, markup and all.

    'A|B *C* <script>' stays literal in a paragraph, a heading, a link text, a table cell or
    a fact box. Runs of white space (line breaks in a YAML block) become one space, as HTML
    would show them, so that a value can never start a list, a code block or a new paragraph.
    """
    escaped = _SPECIAL.sub(r"\\\1", one_line(text).translate(_HTML))
    return _LEADING.sub(_leading, escaped, count=1)


def one_line(text: str) -> str:
    """Runs of ASCII white space as one space, none at the ends; a no-break space inside is the
    editor's and stays (at an end it would keep '*title*' from being emphasis)."""
    return _WHITE_SPACE.sub(" ", str(text)).strip()


def _leading(match: re.Match) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    if match.group(2):
        return match.group(2) + "\\" + match.group(3)
    return "&#58;"


def link(text: str, target: str) -> str:
    return f"[{escape(text)}]({target})"


def table(headers: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A Markdown table; cells are expected to be escaped already."""
    align = align or ["left"] * len(headers)
    rule = {"left": "---", "right": "--:", "center": ":-:"}
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule[a] for a in align) + " |"]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def front_matter(**meta: str | bool | list[str]) -> str:
    """MkDocs page metadata. MkDocs and Material treat a page's title and description as HTML
    (a title taken from a heading keeps its entities, and the templates do not escape it), so
    text values are HTML-escaped here, once, for every template that shows them."""
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif isinstance(value, list):  # fixed words from our code, such as Material's hide: [toc]
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{key}: {json.dumps(html.escape(one_line(value)), ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def count_text(count: int, singular: str, plural: str) -> str:
    return f"{swedish.format_number(count)} {singular if count == 1 else plural}"
