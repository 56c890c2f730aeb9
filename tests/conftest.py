"""Session fixtures shared by all test folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support import FIXTURE_PROJECTS, build_site

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
