"""The download line of a listing page: its selection as CSV and JSON, and an area's feed."""

from __future__ import annotations

from ..catalog import Catalog
from ..exports import SELECTION_FORMATS, selection_file
from ..facets import Facet
from .feeds import area_feed, feed_areas
from . import html
from .links import href

_LABELS = {"csv": "CSV för Excel", "json": "JSON"}


def selection_links(catalog: Catalog, facet: Facet, term_name: str, here: str) -> str:
    links = [html.link(_LABELS[f], href(here, selection_file(facet, term_name, f))) for f in SELECTION_FORMATS]
    if facet.key == "area" and term_name in feed_areas(catalog):
        links.append(html.link("Atom-flöde med nya dokument", href(here, area_feed(term_name))))
    return html.paragraph("Ladda ner urvalet: " + " · ".join(links), "kb-nedladdning")
