"""Bar charts as inline SVG made at build time, each with a table of the same figures beside it.

No JavaScript and no chart library: the SVG is an image with a title and a description
(role="img"), and the table is what screen readers and copy-paste use.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

from .. import swedish

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), one per series.
PALETTE = ("#004b87", "#a3195b", "#1b6e3a", "#8a4b00", "#5b4b8a")

_LABEL_WIDTH = 260
_BAR_WIDTH = 380
_VALUE_WIDTH = 110
_ROW_HEIGHT = 26
_LEGEND_HEIGHT = 26
_MAX_LABEL = 32


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int | None, ...]  # None: not known, drawn as nothing and shown as '–'

    @property
    def total(self) -> int:
        return sum(v for v in self.values if v is not None)


def _short(label: str) -> str:
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1].rstrip() + "…"


def _svg(chart_id: str, title: str, description: str, rows: Sequence[Row], series: Sequence[str],
         grouped: bool, fmt: Callable[[int], str]) -> str:
    many = len(series) > 1
    # Room for the longest label (about 7.5 px a character at 13 px), so short labels leave no gap.
    label_width = min(_LABEL_WIDTH, 16 + int(7.5 * max(len(_short(r.label)) for r in rows)))
    top = _LEGEND_HEIGHT if many else 4
    lanes = len(series) if grouped and many else 1
    row_height = _ROW_HEIGHT if lanes == 1 else 10 * lanes + 10
    height = top + row_height * len(rows) + 4
    width = label_width + _BAR_WIDTH + _VALUE_WIDTH
    largest = max([max(v or 0 for v in r.values) if grouped else r.total for r in rows] + [1])
    scale = _BAR_WIDTH / largest
    parts = [
        f'<svg class="kb-diagram__bild" role="img" aria-labelledby="{chart_id}-titel {chart_id}-beskrivning" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px;height:auto" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" '
        f'font-size="13">',
        f'<title id="{chart_id}-titel">{escape(title)}</title>',
        f'<desc id="{chart_id}-beskrivning">{escape(description)}</desc>',
    ]
    if many:
        x = label_width
        for index, name in enumerate(series):
            parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>')
            parts.append(f'<text x="{x + 16}" y="16" fill="#1f2933">{escape(name)}</text>')
            x += 24 + 8 * len(name)
    for number, row in enumerate(rows):
        y = top + number * row_height
        parts.append(f'<text x="{label_width - 8}" y="{y + row_height / 2 + 4:.0f}" text-anchor="end" '
                     f'fill="#1f2933">{escape(_short(row.label))}</text>')
        x = label_width
        for index, value in enumerate(row.values):
            colour = PALETTE[index % len(PALETTE)]
            if value is None:
                continue
            bar = value * scale
            if grouped and many:
                lane_y = y + 5 + index * 10
                parts.append(f'<rect x="{label_width}" y="{lane_y}" width="{bar:.1f}" height="9" fill="{colour}"/>')
                parts.append(f'<text x="{label_width + bar + 4:.1f}" y="{lane_y + 8}" font-size="10" '
                             f'fill="#1f2933">{escape(fmt(value))}</text>')
            elif value:
                parts.append(f'<rect x="{x:.1f}" y="{y + 5}" width="{bar:.1f}" height="{row_height - 10}" '
                             f'fill="{colour}"/>')
                x += bar
        if not (grouped and many):
            parts.append(f'<text x="{x + 6:.1f}" y="{y + row_height / 2 + 4:.0f}" fill="#1f2933">'
                         f'{escape(fmt(row.total))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(caption: str, label_header: str, rows: Sequence[Row], series: Sequence[str],
           fmt: Callable[[int], str], with_total: bool) -> str:
    headers = [label_header] + list(series) + (["Totalt"] if with_total else [])
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = "".join(f'<td style="text-align:right">{escape(fmt(v)) if v is not None else "–"}</td>'
                        for v in row.values)
        if with_total:
            cells += f'<td style="text-align:right">{escape(fmt(row.total))}</td>'
        body.append(f'<tr><th scope="row">{escape(row.label)}</th>{cells}</tr>')
    return (f'<table><caption>{escape(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def bar_chart(chart_id: str, title: str, description: str, label_header: str,
              rows: Sequence[Row], series: Sequence[str], *, grouped: bool = False,
              fmt: Callable[[int], str] = swedish.format_number, with_total: bool | None = None) -> str:
    """An HTML block: the SVG chart and a table with the same figures, side by side when there is room.

    Series are stacked in one bar per row, or drawn as separate bars (grouped) when
    their sum means nothing, such as a decided total beside a known sum.
    """
    if not rows:
        return "<p><em>Inga uppgifter ännu.</em></p>"
    with_total = (len(series) > 1 and not grouped) if with_total is None else with_total
    return (
        f'<figure class="kb-diagram" id="{chart_id}" '
        # Material styles figures as a centred column; the chart and its table sit side by side when they fit.
        'style="display:flex;flex-direction:row;flex-wrap:wrap;gap:1em 2em;align-items:flex-start;'
        'justify-content:flex-start;width:auto;margin:1em 0">'
        f'<div style="flex:1 1 28em;min-width:0">{_svg(chart_id, title, description, rows, series, grouped, fmt)}'
        f'</div>'
        f'<div style="flex:0 1 auto;min-width:0;max-width:100%">{_table(title, label_header, rows, series, fmt, with_total)}'
        f'</div></figure>'
    )
