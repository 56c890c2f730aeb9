"""`make serve` with a broken page: the browser gets the checker's message instead of waiting."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.support import FIXTURE_PROJECTS, site_config

DEADLINE = 180  # seconds: a bound on waiting for the server, not an assertion about speed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, condition, server: subprocess.Popen) -> tuple[int, str]:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve avslutades: {server.stdout.read()}")
        try:
            status, body = _get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
            continue
        if condition(status, body):
            return status, body
        time.sleep(0.3)
    pytest.fail(f"{url} svarade inte som väntat inom {DEADLINE} s")


@pytest.fixture
def broken_content(tmp_path):
    projects = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    page = projects / "alvsjo-hemloshet.md"
    page.write_text(page.read_text(encoding="utf-8").replace("typ: LUM", "typ: LUMM"), encoding="utf-8")
    return projects


def test_serve_with_a_broken_page_shows_the_checker_message_and_recovers(broken_content, tmp_path):
    config = site_config(broken_content, tmp_path / "site")
    port = _free_port()
    # The command line of `make serve`.
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
         "--livereload", "--dirty", "--no-strict"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        status, body = _wait_for(base, lambda status, body: status == 200, server)
        assert 'class="kb-byggfel" role="alert"' in body
        # The page's own mistake, and what follows from it: a link to the page that is missing.
        assert "Innehållet har 2 fel." in body
        assert re.search(r"bostad-forst-farsta/index.md:\d+:\d+</code> länken &#x27;alvsjo-hemloshet.md&#x27;", body)
        assert "alvsjo-hemloshet.md:3:6</code> typ: okänt värde &#x27;LUMM&#x27;" in body
        assert "menade du &#x27;LUM&#x27;?" in body
        # The broken page's own address answers at once with the 404 page and the same banner.
        status, body = _get(base + "projekt/alvsjo-hemloshet/")
        assert status == 404 and "okänt värde" in body
        # Fixed: the next build has no banner, and the page is back.
        page = broken_content / "alvsjo-hemloshet.md"
        page.write_text(page.read_text(encoding="utf-8").replace("typ: LUMM", "typ: LUM"), encoding="utf-8")
        status, body = _wait_for(base + "projekt/alvsjo-hemloshet/", lambda status, body: status == 200, server)
        assert "kb-byggfel" not in body
    finally:
        server.terminate()
        server.wait(timeout=30)
