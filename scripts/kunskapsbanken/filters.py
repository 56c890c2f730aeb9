"""Filters in Swedish words (område=, år=, från_år= …), as macros, `kb lista` and exports take them."""

from __future__ import annotations

import difflib
from enum import StrEnum

from .catalog import Catalog
from .model import ProjectType, Status

# Filters whose values are fixed by the model, not by the vocabulary.
_FIXED: dict[str, type[StrEnum]] = {"type": ProjectType, "status": Status}

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
        elif name in _FIXED and value is not None:
            value = _fixed_value(_FIXED[name], keyword, str(value))
        filters[name] = value
    return filters


def _fixed_value(enum: type[StrEnum], keyword: str, value: str) -> str:
    """'fum' -> 'FUM', 'Avslutat' -> 'avslutat'; an unknown value is an error with a suggestion."""
    try:
        return enum(value).value
    except ValueError:
        pass
    options = [member.value for member in enum]
    by_key = {option.casefold(): option for option in options}
    key = value.strip().casefold()
    close = [option for option in options if option.casefold().startswith(key)] if len(key) >= 3 else []
    close = close or [by_key[m] for m in difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)]
    hint = f" – menade du '{close[0]}'?" if len(close) == 1 else ""
    raise FilterError(f"okänt värde '{value}' för {keyword}; tillåtna värden: {', '.join(options)}{hint}")
