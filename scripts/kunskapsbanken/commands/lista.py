"""`kb lista`: the catalog as a table in the terminal, with the facet filters."""

from __future__ import annotations

import argparse
import sys

from ..catalog import load_catalog
from ..problems import errors
from ..text import years_text
from ..filters import FILTER_KEYWORDS, FilterError, resolve_filters
from .common import add_command, add_projects_option


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "lista", "lista projekten, med filter",
                         "Listar projekten i katalogen som en tabell.")
    add_projects_option(parser)
    for keyword in FILTER_KEYWORDS:
        kind = int if keyword in ("år", "från_år", "till_år") else str
        parser.add_argument(f"--{keyword.replace('_', '-')}", dest=keyword, type=kind, metavar="VÄRDE")
    return parser


def run(args: argparse.Namespace) -> int:
    catalog, problems = load_catalog(args.projektmapp)
    given = {k: getattr(args, k) for k in FILTER_KEYWORDS if getattr(args, k) is not None}
    try:
        projects = catalog.select(**resolve_filters(catalog, given))
    except FilterError as error:
        print(f"kb lista: {error}", file=sys.stderr)
        return 2
    rows = [(p.id, p.type.value, years_text(list(p.years)), p.administration or "–", p.status.value, p.title)
            for p in projects]
    headers = ("ID", "TYP", "ÅR", "FÖRVALTNING", "STATUS", "TITEL")
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers[:-1])]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)) + "  " + cells[-1]
    print(line(headers))
    for row in rows:
        print(line(row))
    print(f"\n{len(rows)} projekt", file=sys.stderr)
    if errors(problems):
        print(f"Obs: {len(errors(problems))} sidor har fel och kan saknas; kör 'kb kontrollera'.", file=sys.stderr)
    return 0
