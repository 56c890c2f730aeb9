"""Wide tables scroll inside their own box, never the page: a focusable, named region (WCAG 1.4.10, 2.1.1).

Works on a page's rendered HTML, so hand-written tables in the guide get the same box as generated ones.
"""

from __future__ import annotations

import re
from html import escape, unescape

_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return " ".join(unescape(_TAGS.sub("", html)).split())


def wrap_tables(html: str, page_title: str) -> str:
    """Each <table> in <div class="kb-tabellruta" role="region" tabindex="0" aria-label="Tabell: …">."""
    headings = [(m.start(), _text(m.group(1))) for m in _HEADING.finditer(html)]

    def wrap(match: re.Match) -> str:
        before = html[:match.start()]
        if before.rfind('class="kb-tabellruta"') > before.rfind("</table>"):
            return match.group(0)  # a view made its box already (the knowledge map, the results)
        caption = _CAPTION.search(match.group(0))
        name = _text(caption.group(1)) if caption else next(
            (text for start, text in reversed(headings) if start < match.start() and text), page_title)
        return (f'<div class="kb-tabellruta" role="region" tabindex="0" aria-label="Tabell: {escape(name)}">'
                f"{match.group(0)}</div>")

    return _TABLE.sub(wrap, html)
