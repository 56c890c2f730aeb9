"""Where every generated page lives, and relative links between them.

Links are written as relative links to source files ('../omraden/hemloshet/index.md'),
so MkDocs checks them and the site works at the root and under any sub-path.
"""

from __future__ import annotations

import posixpath

from ..facets import FACET_BY_KEY, Facet
from ..swedish import slugify


def facet_uri(facet: Facet | str) -> str:
    facet = FACET_BY_KEY[facet] if isinstance(facet, str) else facet
    return f"{facet.segment}/index.md"


def term_uri(facet: Facet | str, term_name: str, page: int = 1) -> str:
    facet = FACET_BY_KEY[facet] if isinstance(facet, str) else facet
    base = f"{facet.segment}/{slugify(term_name)}"
    return f"{base}/index.md" if page == 1 else f"{base}/sida/{page}/index.md"


def relative(from_uri: str, to_uri: str) -> str:
    """Link from the page at from_uri to to_uri, both source paths in the docs tree."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def page_href(from_uri: str, to_uri: str) -> str:
    """A link written into HTML, which MkDocs does not rewrite: the built page's address,
    relative ('../projekt/bo-kvar/'), for two source paths ending in index.md."""
    return posixpath.dirname(relative(from_uri, to_uri)) + "/"
