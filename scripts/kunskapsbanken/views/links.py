"""Where every generated page lives, and relative links between them.

Markdown links are written to source files ('../omraden/hemloshet/index.md'), which MkDocs
checks and rewrites; HTML links to the built addresses ('../omraden/hemloshet/', href()),
which the plugin checks after the build. Both are relative: the site works under any sub-path.
"""

from __future__ import annotations

import posixpath

from ..facets import FACET_BY_KEY, Facet


# The hand-written page every listing belongs under (docs/bladdra/index.md): the "Bläddra" tab.
BROWSE_URI = "bladdra/index.md"


def facet_uri(facet: Facet | str) -> str:
    facet = FACET_BY_KEY[facet] if isinstance(facet, str) else facet
    return f"{facet.segment}/index.md"


def term_uri(facet: Facet | str, term_name: str, page: int = 1) -> str:
    facet = FACET_BY_KEY[facet] if isinstance(facet, str) else facet
    base = f"{facet.segment}/{facet.slug(term_name)}"
    return f"{base}/index.md" if page == 1 else f"{base}/sida/{page}/index.md"


def relative(from_uri: str, to_uri: str) -> str:
    """Link from the page at from_uri to to_uri, both source paths in the docs tree."""
    return _relpath(to_uri, posixpath.dirname(from_uri))


def _relpath(target: str, folder: str) -> str:
    """posixpath.relpath for paths inside the site ('' is its root), without the file system:
    relpath asks for the working directory each time, and a build makes some 40,000 links."""
    to = target.split("/") if target else []
    start = folder.split("/") if folder else []
    if ".." in to or ".." in start or "." in to or "." in start:
        return posixpath.relpath(target or ".", folder or ".")
    common = 0
    while common < len(to) and common < len(start) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def built_path(src_uri: str) -> str:
    """Where a source file ends up in the built site, with directory URLs (mkdocs.yml):
    'omraden/hemloshet/index.md' → 'omraden/hemloshet/', 'om.md' → 'om/', 'a/b.pdf' stays."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    if src_uri.endswith(".md"):
        return src_uri[:-3] + "/"
    return src_uri


def href(from_uri: str, to_uri: str) -> str:
    """A link written into HTML, which MkDocs does not rewrite: the built address of to_uri,
    relative to the page built from from_uri ('../../omraden/hemloshet/', 'slutrapport.pdf')."""
    here, target = built_path(from_uri), built_path(to_uri)
    folder = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
    path = _relpath(target.rstrip("/"), folder)
    if target.endswith("/") or not target:
        return "./" if path == "." else path + "/"
    return path
