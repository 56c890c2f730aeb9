"""Text helpers shared by the views, the search index and the command line: year ranges, plain text of Markdown."""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(^|\s)#{1,6}\s|[*_`>|]|<[^>]+>|\{[:#.][^}]*\}")


def plain_text(markdown: str) -> str:
    """Markdown body as searchable text: link texts kept, targets and markup dropped."""
    text = _LINK.sub(r"\1", markdown)
    text = _MARKUP.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def years_text(years: list[int]) -> str:
    """[2018, 2019, 2020] -> '2018–2020'; [2013, 2018] -> '2013, 2018'."""
    if not years:
        return ""
    runs, start, previous = [], years[0], years[0]
    for year in years[1:] + [None]:
        if year is not None and year == previous + 1:
            previous = year
            continue
        runs.append(str(start) if start == previous else f"{start}–{previous}")
        if year is not None:
            start = previous = year
    return ", ".join(runs)
