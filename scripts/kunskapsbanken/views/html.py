"""HTML for the structure that comes from the catalog: fact boxes, document lists, citation
boxes, listing items, tables and pagination.

It never goes through Markdown: a generated page carries it as blocks that reach the page
after Markdown (GeneratedPage.fill), so only what editors write is parsed. Content text is
escaped here, once, as HTML text or attribute values; nothing in it is read as markup.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from .markdown import one_line


def text(value: object) -> str:
    """Content text as HTML text: markup, entities and quotes shown as written, on one line."""
    value = str(value)
    if not _NEEDS_WORK.search(value):  # most titles and names: nothing to escape or join
        return value
    return html.escape(one_line(value), quote=True)


# What text() changes: HTML's special characters, and white space other than single inner spaces.
_NEEDS_WORK = re.compile(r"""[&<>"'\t\n\r\f\v]|  |^\s|\s$""")


def heading_text(value: object) -> str:
    """Content text as Markdown writes a heading's text in HTML: on one line, &, < and > as entities,
    quotes as they are (PageParts.heading gives the same HTML with or without Markdown)."""
    return html.escape(one_line(str(value)), quote=False)


def attribute(value: object) -> str:
    return html.escape(str(value), quote=True)


def a(label_html: str, href: str, **attributes: str) -> str:
    """A link whose label is HTML already (text() it first); attributes named class_ → class."""
    extra = "".join(f' {name.rstrip("_").replace("_", "-")}="{attribute(value)}"' for name, value in attributes.items())
    return f'<a href="{attribute(href)}"{extra}>{label_html}</a>'


def link(label: str, href: str, **attributes: str) -> str:
    """A link with a text label."""
    return a(text(label), href, **attributes)


def paragraph(inner_html: str, class_: str | None = None) -> str:
    return f'<p class="{attribute(class_)}">{inner_html}</p>' if class_ else f"<p>{inner_html}</p>"


def bullet_list(items: Iterable[str], class_: str | None = None) -> str:
    """A <ul> of items that are HTML already."""
    opening = f'<ul class="{attribute(class_)}">' if class_ else "<ul>"
    return opening + "\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def table(headers: list[str], rows: Iterable[list[str]], align: list[str] | None = None,
          row_headers: bool = False) -> str:
    """A table of cells that are HTML already; headers are plain text. align: left, right, center.
    row_headers makes each row's first cell its header (<th scope="row">)."""
    align = align or ["left"] * len(headers)
    styles = ["" if side == "left" else f' style="text-align: {side};"' for side in align]
    head = "".join(f'<th scope="col"{style}>{text(header)}</th>' for header, style in zip(headers, styles))
    body = []
    for row in rows:
        cells = []
        for index, (cell, style) in enumerate(zip(row, styles)):
            tag = "th" if row_headers and index == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}{style}>{cell}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


def definition_list(rows: Iterable[tuple[str, str]]) -> str:
    """<dl> of (plain-text term, HTML description)."""
    return "<dl>\n" + "\n".join(f"<dt>{text(term)}</dt>\n<dd>{description}</dd>" for term, description in rows) + "\n</dl>"


def admonition(kind: str, title: str, inner_html: str) -> str:
    """Material's note box (what '!!! kind "title"' makes), written directly."""
    return (f'<div class="admonition {attribute(kind)}">\n<p class="admonition-title">{text(title)}</p>\n'
            f"{inner_html}\n</div>")
