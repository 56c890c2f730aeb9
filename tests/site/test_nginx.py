"""A real nginx (Debian's package) on 127.0.0.1 with deploy/nginx/kunskapsbanken.conf: publish the
fixture corpus into it with `kb publicera`, follow every link of the site through the server with
zero broken links, check the headers, republish and roll back while it serves.

Outside CI a missing nginx skips these tests with the reason; in CI (CI=true) it fails.
"""

from __future__ import annotations

from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from kunskapsbanken.cli import main as kb
from kunskapsbanken.publish.linkcheck import html_references
from tests.site.nginx_server import PREFIX, SKIPPED_SCHEMES, Nginx, fetch, nginx_site  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def server(nginx_site):
    return nginx_site


def crawl(server: Nginx) -> tuple[dict[str, int], list[str], set[str]]:
    """Every page and asset reachable from the start page and the sitemap: status per URL, broken
    references, and the origins of what the pages load (not of links out)."""
    start = server.url(PREFIX)
    status: dict[str, int] = {}
    broken: list[str] = []
    origins: set[str] = set()
    queue = deque([(start, "(start)")])
    _, _, sitemap = fetch(server.url(PREFIX + "sitemap.xml"))
    for loc in sitemap.decode().split("<loc>")[1:]:
        queue.append((loc.split("</loc>")[0].strip(), "sitemap.xml"))
    queue.append((server.url(PREFIX + "finns-inte/"), "(404)"))
    while queue:
        url, referrer = queue.popleft()
        url = url.split("#")[0]
        if url in status:
            continue
        code, headers, body = fetch(url)
        status[url] = code
        if code != 200 and referrer != "(404)":
            broken.append(f"{referrer}: {url} -> {code}")
            continue
        if not headers.get("Content-Type", "").startswith("text/html"):
            continue
        for tag, attribute, value in html_references(body.decode("utf-8")):
            parts = urlsplit(value)
            if parts.scheme in SKIPPED_SCHEMES or not value.strip():
                continue
            absolute = urljoin(url, value)
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(absolute))
            if tag != "a":
                origins.add(origin)
            if origin != server.url() or not urlsplit(absolute).path.startswith(PREFIX):
                if tag != "a":
                    broken.append(f"{url}: {value} loads from outside the site")
                continue
            queue.append((absolute, url))
    return status, broken, origins


def test_every_link_of_the_site_works_through_nginx(server):
    status, broken, origins = crawl(server)
    assert not broken, "\n".join(broken)
    pages = [u for u in status if u.endswith("/")]
    assert len(pages) >= 30, "the crawl reached the whole site"
    assert server.url(PREFIX + "projekt/bostad-forst-farsta/slutrapport.pdf") in status
    assert server.url(PREFIX + "tillganglighet/") in status
    assert origins == {server.url()}, "everything a page loads comes from the site itself"


def test_headers_caching_and_security(server):
    code, headers, _ = fetch(server.url(PREFIX))
    assert code == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache"
    assert headers.get("ETag")
    csp = headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'self'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Server"] == "nginx", "no version number"

    code, headers, _ = fetch(server.url(PREFIX), headers={"If-None-Match": headers["ETag"]})
    assert code == 304, "HTML is revalidated cheaply"

    page = (server.target / "index.html").read_text(encoding="utf-8")
    fingerprinted = [v for _, _, v in html_references(page) if ".min.css" in v or ".min.js" in v]
    assert fingerprinted
    for value in fingerprinted:
        code, headers, _ = fetch(server.url(PREFIX + value))
        assert code == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable", value
        assert "Content-Security-Policy" in headers
    code, headers, _ = fetch(server.url(PREFIX + "stylesheets/kunskapsbanken.css"))
    assert code == 200 and headers["Cache-Control"] == "no-cache", "an unhashed name is revalidated"
    # Pagefind's files are gzip streams, sent as they are for the browser to unpack
    fragment = next((server.target / "pagefind" / "fragment").iterdir()).name
    for name in (f"fragment/{fragment}", "wasm.sv.pagefind"):
        code, headers, body = fetch(server.url(PREFIX + "pagefind/" + name))
        assert code == 200 and headers["Content-Encoding"] == "gzip", name
        assert body == (server.target / "pagefind" / name).read_bytes() and body[:2] == b"\x1f\x8b", name
    code, headers, _ = fetch(server.url(PREFIX + "pagefind/fragment/saknas.pf_fragment"))
    assert code == 404 and "Content-Encoding" not in headers, "the 404 page is plain HTML"
    for name in ("pagefind.js", "pagefind-entry.json", "kb-ord.json"):
        code, headers, _ = fetch(server.url(PREFIX + "pagefind/" + name))
        assert code == 200 and "Content-Encoding" not in headers, name
    code, headers, _ = fetch(server.url(PREFIX + "projekt/bostad-forst-farsta/slutrapport.pdf"))
    assert code == 200 and headers["Content-Type"] == "application/pdf"
    assert headers["Cache-Control"] == "public, max-age=3600"


def test_404_page_and_redirects(server):
    code, headers, body = fetch(server.url(PREFIX + "projekt/finns-inte/"))
    assert code == 404 and "Sidan finns inte" in body.decode("utf-8")
    assert headers["Cache-Control"] == "no-cache" and "Content-Security-Policy" in headers
    for _, _, value in html_references(body.decode("utf-8")):
        if value.startswith(PREFIX) and not value.endswith("/"):  # its assets load at any address
            assert fetch(server.url(value))[0] == 200, value
    code, headers, _ = fetch(server.url("/kunskapsbanken"), follow=False)
    assert code == 301 and headers["Location"] == PREFIX
    code, headers, _ = fetch(server.url(PREFIX + "omraden"), follow=False)
    assert code == 301 and headers["Location"] == PREFIX + "omraden/"
    assert fetch(server.url("/"))[0] == 404, "nothing outside the sub-path is served"


def test_republish_and_rollback_are_seen_without_reloading_nginx(server):
    page = server.projects / "alvsjo-hemloshet.md"
    original = page.read_text(encoding="utf-8")
    url = server.url(PREFIX + "projekt/alvsjo-hemloshet/")
    assert "Vräkningsförebyggande arbete i Älvsjö" in fetch(url)[2].decode()
    page.write_text(original.replace("titel: Vräkningsförebyggande arbete i Älvsjö",
                                     "titel: Vräkningsförebyggande arbete i Älvsjö, andra upplagan"), encoding="utf-8")
    try:
        args = ["publicera", str(server.target), "--konfiguration", str(server.config), "--adress", server.address]
        assert kb(args) == 0
        assert "andra upplagan" in fetch(url)[2].decode()
        assert kb(args[:2] + ["--återställ"]) == 0
        body = fetch(url)[2].decode()
        assert "Vräkningsförebyggande arbete i Älvsjö" in body and "andra upplagan" not in body
    finally:
        page.write_text(original, encoding="utf-8")
