"""The built site asks for nothing outside itself: every request of every kind of page, at the root
and under a sub-path, stays under the site's own address; anything else is blocked and fails."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.sites import page_kinds, site_at_root, site_under_subpath  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def visit_every_kind(browser, server) -> tuple[list[str], list[str], list[str]]:
    """(all request URLs, requests outside the site, failed responses) while visiting every page kind."""
    inside = server.url("")
    requests: list[str] = []
    outside: list[str] = []
    failed: list[str] = []
    context = browser.new_context(locale="sv-SE")

    def route(route):
        url = route.request.url
        requests.append(url)
        if url.startswith(inside):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and "finns-inte" not in r.url else None)
    # A navigation cancels the previous page's pending requests (net::ERR_ABORTED, often the favicon
    # on a busy machine); a file that is missing answers 404, which the response handler catches.
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}")
            if r.url.startswith(inside) and r.failure != "net::ERR_ABORTED" else None)
    try:
        for kind, path in page_kinds(server.site):
            page.goto(server.url(path))
            page.wait_for_load_state("networkidle")
            if path.startswith("sok/"):
                page.wait_for_selector("[data-kb-sok][data-klar]", state="attached", timeout=10000)
        # the header search box of an ordinary page loads the search engine too
        page.goto(server.url(""))
        box = page.locator("[data-kb-sokruta] input[name=q]")
        if box.count():
            # the box's script is deferred: typing before it has started would go unheard
            page.wait_for_selector("[data-kb-sokruta][data-kb-startad]", state="attached", timeout=10000)
            box.fill("bostad")
            page.wait_for_selector("[data-kb-sokruta][data-klar]", state="attached", timeout=10000)
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return requests, outside, failed


def origins(urls: list[str]) -> set[str]:
    return {"{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in urls}


@pytest.mark.parametrize("where", ["site_at_root", "site_under_subpath"])
def test_no_request_leaves_the_site(browser, request, where):
    server = request.getfixturevalue(where)
    requests, outside, failed = visit_every_kind(browser, server)
    print(f"\n{where}: {len(requests)} anrop, ursprung: {sorted(origins(requests))}")
    assert not outside, "requests outside the site:\n" + "\n".join(sorted(set(outside)))
    assert not failed, "failed requests:\n" + "\n".join(sorted(set(failed)))
    # the visit really loaded the theme, the styles and (where built) the search engine
    assert any("/assets/javascripts/bundle." in u for u in requests)
    assert any(u.endswith("stylesheets/kunskapsbanken.css") for u in requests)
    if (server.site / "pagefind").is_dir():
        assert any("/pagefind/" in u and u.endswith(".pf_fragment") for u in requests)
    assert all(u.startswith(server.url("")) for u in requests)
