"""Session fixtures shared by all test folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import FIXTURE_PROJECTS, build_site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture corpus built once per test session."""
    return build_site(FIXTURE_PROJECTS, tmp_path_factory.mktemp("fixture") / "site")
