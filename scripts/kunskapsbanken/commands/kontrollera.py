"""`kb kontrollera`: every problem in the content at once, the same messages as the build.

Exit status: 0 no errors (warnings may have been shown), 1 errors (or, with --strikt,
warnings), 2 the command was used wrongly (a path that does not exist).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..checks import check_all
from ..problems import errors
from ..vocabulary import VocabularyError
from .common import add_command, add_projects_option


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "kontrollera", "kontrollera projektsidorna",
                         "Kontrollerar alla projektsidor (eller de angivna) och visar alla fel och varningar på en "
                    "gång. Slutstatus: 0 inga fel, 1 fel, 2 felaktigt anrop.")
    parser.add_argument("sökvägar", nargs="*", type=Path, metavar="SÖKVÄG",
                        help="sidor eller mappar att kontrollera (standard: alla)")
    add_projects_option(parser)
    parser.add_argument("--vokabular", type=Path, metavar="FIL", help="vokabulären (standard: MAPP/vokabular.yml)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="text (standard) eller json")
    parser.add_argument("--strikt", action="store_true", help="räkna varningar som fel (slutstatus 1)")
    return parser


def run(args: argparse.Namespace) -> int:
    missing = [str(p) for p in [args.projektmapp, *args.sökvägar] if not p.exists()]
    if missing:
        print(f"kb kontrollera: finns inte: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        catalog, problems = check_all(args.projektmapp, args.vokabular, args.sökvägar or None)
    except VocabularyError as error:
        print(f"{error}", file=sys.stderr)
        return 1
    found = errors(problems)
    warnings = len(problems) - len(found)
    if args.format == "json":
        json.dump({"fel": len(found), "varningar": warnings, "projekt": len(catalog.projects),
                   "problem": [p.as_dict() for p in problems]}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for problem in problems:
            print(problem)
        summary = (f"{len(found)} fel och {warnings} {'varning' if warnings == 1 else 'varningar'}; "
                   f"{len(catalog.projects)} projekt lästa.")
        print(("\n" if problems else "") + (summary if problems else f"Inga problem; {len(catalog.projects)} projekt lästa."))
    failed = bool(found) or (args.strikt and warnings > 0)
    return 1 if failed else 0
