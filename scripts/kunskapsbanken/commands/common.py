"""What every subcommand needs: finding the content folder and loading the catalog."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_PROJECTS_DIR = Path("projects")


def add_projects_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projektmapp", type=Path, default=DEFAULT_PROJECTS_DIR, metavar="MAPP",
                        help="mappen med projektsidor och vokabular.yml (standard: projects)")


def add_command(subparsers, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    """A subcommand with Swedish help flags (-h, --hjälp and --help)."""
    parser = subparsers.add_parser(name, help=summary, description=description, add_help=False)
    parser.add_argument("-h", "--hjälp", "--help", action="help", help="visa hjälpen")
    return parser
