"""Filters in Swedish words (område=, år=, från_år= …), as macros, `kb lista` and exports take them."""

from __future__ import annotations

from .catalog import Catalog

# Swedish macro keywords -> catalog filter names.
FILTER_KEYWORDS = {
    "område": "area", "år": "year", "typ": "type", "förvaltning": "administration",
    "status": "status", "dokumenttyp": "document_kind", "utförare": "performer",
    "från_år": "from_year", "till_år": "to_year",
}


class FilterError(ValueError):
    """A filter or value that the catalog does not know, said in Swedish."""


def resolve_filters(catalog: Catalog, given: dict) -> dict:
    filters = {}
    for keyword, value in given.items():
        if keyword not in FILTER_KEYWORDS:
            raise FilterError(f"okänt filter '{keyword}'; tillåtna: {', '.join(FILTER_KEYWORDS)}")
        name = FILTER_KEYWORDS[keyword]
        if name in ("area", "administration", "performer", "document_kind") and value is not None:
            resolution = catalog.vocabulary.resolve(name, str(value))
            if not resolution.term:
                hint = f" – menade du '{resolution.suggestion}'?" if resolution.suggestion else ""
                raise FilterError(f"okänt värde '{value}' för {keyword}{hint}")
            value = resolution.term
        filters[name] = value
    return filters


