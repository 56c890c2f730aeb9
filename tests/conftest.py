"""Session fixtures shared by all test folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE, build_site

# The fuzz and property tests explore new inputs on a developer's machine (and keep what failed
# in .hypothesis/); in CI they run the same examples every time, so that a submission's result
# does not depend on a draw. Loaded here, before any test module builds its own settings on it.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture corpus built once per test session."""
    return build_site(FIXTURE_PROJECTS, tmp_path_factory.mktemp("fixture") / "site")


@pytest.fixture
def projects(tmp_path) -> Path:
    """A writable copy of the fixture corpus with the vocabulary beside it, as projects/ is laid out."""
    folder = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, folder)
    shutil.copy(VOCABULARY_FILE, folder / "vokabular.yml")
    return folder
