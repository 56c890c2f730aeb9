"""Test support: paths to the repository and fixture corpus, and real MkDocs builds of it."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
FIXTURE_PROJECTS = FIXTURES / "projects"
VOCABULARY_FILE = REPO / "projects" / "vokabular.yml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def site_config(projects_dir: Path, site_dir: Path, site_url: str = "", plugin_options: dict | None = None,
                **overrides) -> Path:
    """Write a config that is the repository's mkdocs.yml with another content folder and the
    fixture vocabulary (and, with plugin_options, other settings of our plugin): the benchmarks' own."""
    from kunskapsbanken.bench.common import our_config

    if site_url:
        overrides["site_url"] = site_url
    return our_config(projects_dir, site_dir, plugin_options, vocabulary=VOCABULARY_FILE, **overrides)


def build_site(projects_dir: Path, site_dir: Path, site_url: str = "", plugin_options: dict | None = None,
               **overrides) -> Path:
    """A real, strict MkDocs build of projects_dir into site_dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = site_config(projects_dir, site_dir, site_url, plugin_options, **overrides)
    config = load_config(str(config_file), strict=True)
    build(config)
    return site_dir
