"""`kb årsbilaga ÅR`: the appendix to a year's FoU report, as Markdown and as xlsx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..annual_appendix import build, to_markdown, to_xlsx
from ..catalog import load_catalog
from ..decisions import decisions_path, load_decisions
from ..problems import errors
from ..vocabulary import VocabularyError
from .common import add_command, add_projects_option


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "årsbilaga", "skriv bilagan till årsrapporten för ett år",
                         "Skriver bilagan till FoU-årsrapporten: FUM-studier (utförare, klart, kostnad), "
                    "LUM-projekt (förvaltning, medsökande, belopp) och MUL-resor (förvaltning, resmål, "
                    "belopp) med summor, som Markdown och som Excel (xlsx).")
    parser.add_argument("år", type=int, metavar="ÅR", help="året som bilagan gäller, t.ex. 2020")
    add_projects_option(parser)
    parser.add_argument("--ut", type=Path, default=Path("."), metavar="MAPP",
                        help="mappen där arsbilaga-ÅR.md och arsbilaga-ÅR.xlsx skrivs (standard: aktuell mapp)")
    return parser


def run(args: argparse.Namespace) -> int:
    if not 1990 <= args.år <= 2100:
        print(f"kb årsbilaga: året {args.år} är orimligt", file=sys.stderr)
        return 2
    try:
        catalog, problems = load_catalog(args.projektmapp)
    except VocabularyError as error:
        print(f"kb årsbilaga: {error}", file=sys.stderr)
        return 1
    decisions, decision_problems = load_decisions(decisions_path(args.projektmapp))
    if errors(decision_problems):
        for problem in errors(decision_problems):
            print(problem, file=sys.stderr)
        print("kb årsbilaga: rätta beslut.yml först.", file=sys.stderr)
        return 1
    appendix = build(catalog, args.år, decisions)
    args.ut.mkdir(parents=True, exist_ok=True)
    markdown_path = args.ut / f"arsbilaga-{args.år}.md"
    xlsx_path = args.ut / f"arsbilaga-{args.år}.xlsx"
    markdown_path.write_text(to_markdown(appendix), encoding="utf-8")
    xlsx_path.write_bytes(to_xlsx(appendix))
    print(markdown_path)
    print(xlsx_path)
    counts = ", ".join(f"{t.type.value} {len(t.rows)}" for t in appendix.tables)
    print(f"Bilaga för {args.år}: {counts}.", file=sys.stderr)
    if not any(t.rows for t in appendix.tables):
        print(f"Obs: Kunskapsbanken har inga projekt för {args.år}.", file=sys.stderr)
    if errors(problems):
        print(f"Obs: {len(errors(problems))} sidor har fel och kan saknas; kör 'kb kontrollera'.", file=sys.stderr)
    return 0
