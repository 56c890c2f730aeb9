"""The fixture site served as on the intranet: with its Swedish 404 page for unknown addresses,
at the root and under /kunskapsbanken/ (built with a site_url there, as `kb publicera --adress`
does), and the list of every kind of page to visit. Import the fixtures into a test module."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from tests.browser.conftest import SiteServer, _QuietHandler
from tests.support import FIXTURE_PROJECTS, build_site

SUBPATH = "/kunskapsbanken/"
PROJECT = "projekt/bostad-forst-farsta/"
# Listing folders: an overview each, with one page per term below it.
LISTINGS = ["omraden", "ar", "typ", "dokument", "forvaltningar", "status", "utforare", "nyckelord"]


class _WithNotFoundPage(_QuietHandler):
    """Answers an unknown address with the site's 404.html, as the nginx configuration does."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(root: Path, prefix: str = "/") -> SiteServer:
    server = SiteServer(root, prefix)
    handler = type("Handler", (_WithNotFoundPage,), {"prefix": prefix})
    server.httpd.RequestHandlerClass = functools.partial(handler, directory=str(root))
    return server


def page_kinds(site: Path) -> list[tuple[str, str]]:
    """(kind, path) for every kind of page the site has, found in the built folder."""
    kinds = [("startsida", "")]
    for listing in LISTINGS:
        if (site / listing / "index.html").is_file():
            kinds.append((f"översikt {listing}/", f"{listing}/"))
            terms = sorted(d.name for d in (site / listing).iterdir() if (d / "index.html").is_file())
            if terms:
                kinds.append((f"lista {listing}/…", f"{listing}/{terms[0]}/"))
    paged = sorted(site.glob("*/*/sida/2/index.html"))
    if paged:
        kinds.append(("lista, sida 2", paged[0].parent.relative_to(site).as_posix() + "/"))
    kinds.append(("projektsida", PROJECT))
    for kind, path in [("bläddra", "bladdra/"), ("om", "om/"), ("tillgänglighetsredogörelse", "tillganglighet/"),
                       ("guide", "redaktor/"), ("statistik", "statistik/")]:
        if (site / path / "index.html").is_file():
            kinds.append((kind, path))
    if (site / "sok" / "index.html").is_file():
        kinds.append(("söksida med träffar", "sok/?q=bostad"))
    kinds.append(("404", "projekt/finns-inte/"))
    return kinds


@pytest.fixture(scope="session")
def site_at_root(fixture_site):
    server = serve(fixture_site)
    server.site = fixture_site
    yield server
    server.close()


@pytest.fixture(scope="session")
def site_under_subpath(tmp_path_factory):
    site = build_site(FIXTURE_PROJECTS, tmp_path_factory.mktemp("undersokvag") / "site",
                      site_url="http://intranat.example" + SUBPATH)
    server = serve(site, SUBPATH)
    server.site = site
    yield server
    server.close()
