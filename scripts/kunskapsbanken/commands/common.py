"""What every subcommand needs: finding the content folder and loading the catalog."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_PROJECTS_DIR = Path("projects")


def add_projects_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--projektmapp", type=Path, default=DEFAULT_PROJECTS_DIR, metavar="MAPP",
                        help="mappen med projektsidor och vokabular.yml (standard: projects)")
