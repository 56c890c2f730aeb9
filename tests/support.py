"""Test support: paths to the repository and fixture corpus, and real MkDocs builds of it."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
FIXTURE_PROJECTS = FIXTURES / "projects"
VOCABULARY_FILE = REPO / "projects" / "vokabular.yml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def site_config(projects_dir: Path, site_dir: Path, site_url: str = "", plugin_options: dict | None = None,
                **overrides) -> Path:
    """Write a config that is the repository's mkdocs.yml with another content folder (and, with
    plugin_options, other settings of our plugin)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / "docs")
    config["site_dir"] = str(site_dir)
    config["site_url"] = site_url
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.update(overrides)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kunskapsbanken" in plugin:
            plugin["kunskapsbanken"] = {**(plugin["kunskapsbanken"] or {}), "projects_dir": str(projects_dir),
                                        "vocabulary": str(VOCABULARY_FILE), **(plugin_options or {})}
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    path = site_dir.parent / f"{site_dir.name}-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_site(projects_dir: Path, site_dir: Path, site_url: str = "", plugin_options: dict | None = None,
               **overrides) -> Path:
    """A real, strict MkDocs build of projects_dir into site_dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = site_config(projects_dir, site_dir, site_url, plugin_options, **overrides)
    config = load_config(str(config_file), strict=True)
    build(config)
    return site_dir
