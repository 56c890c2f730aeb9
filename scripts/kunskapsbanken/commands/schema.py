"""`kb schema`: the JSON Schema of a project page's front matter, for editors' tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..loader import vocabulary_path
from ..schema import schema_json
from ..vocabulary import Vocabulary, VocabularyError
from .common import add_command, add_projects_option


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "schema", "skriv ut JSON Schema för projektsidornas front matter",
                         "Skriver ut JSON Schema för front matter, med vokabulärens termer som exempel. "
                    "Samma schema publiceras på webbplatsen som schema/projekt.schema.json.")
    add_projects_option(parser)
    parser.add_argument("-o", "--utfil", type=Path, metavar="FIL", help="skriv till FIL i stället för skärmen")
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        vocabulary = Vocabulary.load(vocabulary_path(args.projektmapp))
    except VocabularyError as error:
        print(error, file=sys.stderr)
        return 1
    text = schema_json(vocabulary)
    if args.utfil:
        args.utfil.write_text(text, encoding="utf-8")
        print(f"Skrev {args.utfil}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
