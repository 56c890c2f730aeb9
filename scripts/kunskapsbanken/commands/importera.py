"""`kb importera`: the coordinator's spreadsheet (xlsx or csv) as new project pages, all or none."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import authoring
from ..importer import ImportFileError, plan_import, row_message
from ..loader import vocabulary_path
from ..vocabulary import Vocabulary, VocabularyError
from .common import add_command, add_projects_option


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "importera", "skapa projektsidor från ett kalkylblad (xlsx eller csv)",
                         "Skapar en projektsida per rad i kalkylbladet. Skriver aldrig över en befintlig sida, och "
                    "skapar alla sidor eller ingen. Mallen finns i redaktörsguiden på webbplatsen.")
    parser.add_argument("fil", type=Path, metavar="FIL", help="kalkylbladet, .xlsx eller .csv")
    add_projects_option(parser)
    parser.add_argument("--torrkörning", "--torrkorning", action="store_true", dest="dry_run",
                        help="visa vad som skulle hända utan att skriva något")
    return parser


def run(args: argparse.Namespace) -> int:
    projects_dir: Path = args.projektmapp
    if not args.fil.is_file():
        print(f"kb importera: filen {args.fil} finns inte", file=sys.stderr)
        return 2
    try:
        vocabulary = Vocabulary.load(vocabulary_path(projects_dir))
        plan = plan_import(args.fil, projects_dir, vocabulary)
    except (VocabularyError, ImportFileError) as error:
        print(f"kb importera: {error}", file=sys.stderr)
        return 1
    problems = list(plan.problems)
    known = authoring.existing_ids(projects_dir) | set(plan.pages)
    with authoring.staging_area(projects_dir) as staging:
        staged = authoring.stage(staging, plan.pages)
        for page_id, found in authoring.check_staged(staged, staging, vocabulary, known).items():
            problems += [row_message(plan.rows[page_id], problem) for problem in found]
        if problems:
            for message in sorted(problems, key=_row_number):
                print(f"{args.fil}: {message}", file=sys.stderr)
            print(f"\nIngenting importerades: {len(problems)} problem. Rätta raderna och kör igen.", file=sys.stderr)
            return 1
        if not plan.pages:
            print("Kalkylbladet har inga projektrader; ingenting att importera.")
            return 0
        if args.dry_run:
            for page_id in plan.pages:
                print(f"skulle skapa {projects_dir / (page_id + '.md')} (rad {plan.rows[page_id]})")
            print(f"\nTorrkörning: {len(plan.pages)} sidor skulle skapas; ingenting skrevs.")
            return 0
        try:
            created = authoring.publish(staged, projects_dir)
        except OSError as error:
            print(f"kb importera: kunde inte skriva sidorna ({error}); ingenting importerades.", file=sys.stderr)
            return 1
    for path in created:
        print(f"skapade {path}")
    print(f"\n{len(created)} sidor skapades. Skriv projekttexten i varje sida och kör 'kb kontrollera'.")
    return 0


def _row_number(message: str) -> int:
    head = message.split(":", 1)[0]
    return int(head.split()[-1]) if head.startswith("rad ") and head.split()[-1].isdigit() else 0
