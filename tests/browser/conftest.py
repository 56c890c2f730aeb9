"""Headless Chromium for browser tests, and a local server for built sites.

Outside CI a missing Chromium skips these tests with the reason; in CI (CI=true) it fails.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def _require_chromium() -> None:
    reason = f"Chromium saknas ({CHROMIUM}); installera med 'apt-get install -y chromium'"
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " – i CI måste webbläsartesterna köras")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    tab = context.new_page()
    yield tab
    context.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args):  # keep pytest output readable
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return "/nonexistent-outside-prefix"
        return super().translate_path("/" + path[len(self.prefix):])


class SiteServer:
    """Serves a built site on 127.0.0.1 at a path prefix such as '/kunskapsbanken/'."""

    def __init__(self, root: Path, prefix: str = "/"):
        handler = type("Handler", (_QuietHandler,), {"prefix": prefix})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.prefix = prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str = "") -> str:
        return self.origin + self.prefix + path.lstrip("/")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def served_site(fixture_site):
    server = SiteServer(fixture_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def served_site_subpath(fixture_site):
    server = SiteServer(fixture_site, "/kunskapsbanken/")
    yield server
    server.close()
