"""The site satisfies the Content-Security-Policy that deploy/nginx/kunskapsbanken.conf sends:
every kind of page, and a search (Pagefind's WebAssembly), in Chromium through a real nginx."""

from __future__ import annotations

import pytest

from tests.browser.sites import page_kinds
from tests.site.nginx_server import PREFIX, nginx_site  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_the_site_satisfies_its_content_security_policy(page, nginx_site):
    csp = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script("""document.addEventListener('securitypolicyviolation', e =>
        (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI + ' '
                                                 + e.sourceFile + ':' + e.lineNumber));""")
    kinds = page_kinds(nginx_site.target)
    for kind, path in kinds:
        response = page.goto(nginx_site.url(PREFIX + path))
        assert "Content-Security-Policy" in response.headers or "content-security-policy" in response.headers
        page.wait_for_load_state("networkidle")
        if path.startswith("sok/"):
            page.wait_for_selector("[data-kb-sok][data-klar]", state="attached", timeout=10000)
            assert page.locator(".kb-traff__titel").count() > 0, "the search ran under the CSP"
        csp += [f"{kind}: {v}" for v in page.evaluate("window.__csp || []")]
    assert len(kinds) >= 10
    assert not csp, "\n".join(csp)
