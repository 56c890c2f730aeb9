"""Every internal link and asset reference of a built site folder, checked against the files.

The site may be served under a sub-path (base_path, e.g. '/kunskapsbanken/'): relative
addresses are resolved from each page's own address, absolute ones must lie under base_path.
References to other hosts are links out (allowed in <a>) or, for anything the browser loads by
itself (scripts, styles, images, frames, fonts), breaks of the offline rule.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that hold an address, by tag; (tag, attribute) pairs whose target the browser
# fetches by itself are "assets": they must never leave the site.
_LINK_ATTRS = {("a", "href"), ("area", "href")}
_ASSET_ATTRS = {
    ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("embed", "src"),
    ("source", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
    ("object", "data"), ("input", "src"), ("image", "href"), ("use", "href"), ("image", "xlink:href"),
    ("use", "xlink:href"), ("form", "action"),
}
_SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "blob", "about", "sms"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


@dataclass(frozen=True)
class Broken:
    """One reference that leads nowhere: the page it is on (relative to the site), what it says, why."""

    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} – {self.reason}"


@dataclass
class Report:
    pages: int = 0
    references: int = 0
    external_links: set[str] = field(default_factory=set)
    broken: list[Broken] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken


@dataclass
class _Document:
    references: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = _Document()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.document.ids.add(values[name])
        if tag == "link" and values.get("rel", "").lower() in {"canonical", "alternate"} and "://" in values.get("href", ""):
            return  # the canonical address with site_url's host is a name, not something fetched
        for name, value in values.items():
            if (tag, name) in _LINK_ATTRS or (tag, name) in _ASSET_ATTRS:
                self.document.references.append((tag, name, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.document.references.append((tag, name, candidate.split()[0]))
            elif name == "style":
                self._css(tag, value)
        if tag == "style":
            self._in_style = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css("style", data)

    def _css(self, tag: str, text: str) -> None:
        for match in _CSS_URL.finditer(text):
            self.document.references.append((tag, "url", match.group(2) or match.group(4)))


def _parse_text(text: str) -> _Document:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.document


def _parse_html(path: Path) -> _Document:
    return _parse_text(path.read_text(encoding="utf-8", errors="replace"))


def html_references(text: str) -> list[tuple[str, str, str]]:
    """The addresses in an HTML text as (tag, attribute, address), e.g. ('a', 'href', '../om/')."""
    return _parse_text(text).references


def is_fetched(tag: str, attribute: str) -> bool:
    """Whether the browser loads this reference by itself (an asset) rather than on a click."""
    return _is_asset(tag, attribute)


def _is_asset(tag: str, attribute: str) -> bool:
    return (tag, attribute) not in _LINK_ATTRS


class LinkChecker:
    """Checks one built site folder as if it were served at base_path."""

    def __init__(self, site_dir: Path, base_path: str = "/", site_url: str = "", check_anchors: bool = True):
        self.site_dir = Path(site_dir)
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.site_url = site_url
        self.check_anchors = check_anchors
        self._documents: dict[Path, _Document] = {}

    def document(self, path: Path) -> _Document:
        if path not in self._documents:
            self._documents[path] = _parse_html(path)
        return self._documents[path]

    def url_of(self, path: Path) -> str:
        """The address a file of the site is served at."""
        return self.base_path + path.relative_to(self.site_dir).as_posix()

    def resolve(self, url_path: str) -> Path | None:
        """The file a server gives for a path under base_path (directories give their index.html;
        a folder without its slash is fine too: servers redirect and browsers follow)."""
        if not url_path.startswith(self.base_path):
            return None
        relative = posixpath.normpath(unquote(url_path[len(self.base_path):]) or ".")
        if relative.startswith(".."):
            return None
        candidate = self.site_dir / relative
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def check(self) -> Report:
        report = Report()
        html_files = sorted(self.site_dir.rglob("*.html"))
        for path in html_files:
            report.pages += 1
            for tag, attribute, value in self.document(path).references:
                report.references += 1
                self._check_reference(path, tag, attribute, value, report)
        for path in sorted(self.site_dir.rglob("*.css")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in _CSS_URL.finditer(text):
                report.references += 1
                self._check_reference(path, "css", "url", match.group(2) or match.group(4), report)
        sitemap = self.site_dir / "sitemap.xml"
        if sitemap.is_file() and self.site_url:
            for loc in _SITEMAP_LOC.findall(sitemap.read_text(encoding="utf-8")):
                report.references += 1
                if not loc.startswith(self.site_url):
                    report.broken.append(Broken("sitemap.xml", loc, f"ligger utanför webbplatsen {self.site_url}"))
                elif self.resolve(self.base_path + loc[len(self.site_url):].lstrip("/")) is None:
                    report.broken.append(Broken("sitemap.xml", loc, "sidan finns inte"))
        return report

    def _check_reference(self, path: Path, tag: str, attribute: str, value: str, report: Report) -> None:
        page = path.relative_to(self.site_dir).as_posix()
        value = value.strip()
        if not value or value.startswith("{{") or value.startswith("%7B%7B"):
            return
        parts = urlsplit(value)
        if parts.scheme in _SKIPPED_SCHEMES:
            return
        if parts.scheme or parts.netloc:
            if _is_asset(tag, attribute) and not (tag == "form" and attribute == "action"):
                report.broken.append(Broken(page, value, "hämtas från en annan webbplats (webbplatsen ska fungera utan internet)"))
            else:
                report.external_links.add(value)
            return
        if not parts.path and not parts.query:  # '#anchor' on the same page
            if parts.fragment and self.check_anchors and path.suffix == ".html":
                self._check_anchor(page, value, path, parts.fragment, report)
            return
        absolute = urlsplit(urljoin(self.url_of(path), value)).path
        if not absolute.startswith(self.base_path):
            report.broken.append(Broken(page, value, f"pekar utanför webbplatsen ({absolute} ligger inte under {self.base_path})"))
            return
        target = self.resolve(absolute)
        if target is None:
            report.broken.append(Broken(page, value, "filen finns inte"))
            return
        if parts.fragment and self.check_anchors and target.suffix == ".html":
            self._check_anchor(page, value, target, parts.fragment, report)

    def _check_anchor(self, page: str, value: str, target: Path, fragment: str, report: Report) -> None:
        fragment = unquote(fragment)
        if fragment in {"", "top"} or fragment.startswith("__"):
            return  # the top of the page; Material's own state anchors (#__drawer, #__search)
        if fragment not in self.document(target).ids:
            report.broken.append(Broken(page, value, f"ankaret #{fragment} finns inte på sidan"))


def check_site(site_dir: Path, base_path: str = "/", site_url: str = "", check_anchors: bool = True) -> Report:
    """Check every internal link and asset reference of the built site in site_dir."""
    return LinkChecker(site_dir, base_path, site_url, check_anchors).check()


def base_path_of(site_url: str) -> str:
    """The path a site is served under, from its site_url ('' means the root)."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


# The addresses in HTML that our own views write: every attribute value in double quotes, escaped.
_GENERATED_ADDRESS = re.compile(r'<(?:a|link|img|script)\b[^>]*?\b(?:href|src)="([^"]*)"')


def check_generated_links(pages: Iterable, site_dir: Path) -> list[Broken]:
    """The links in the HTML blocks of generated pages (views.GeneratedPage), which reached the
    built site without passing Markdown and so without MkDocs' link check, against the built files.

    Relative addresses only (our views write no other internal kind); each address is looked up
    once, so a build with 40,000 generated links checks them in a few hundred milliseconds, and a
    rebuild under `mkdocs serve` that checks one page does not list the whole site."""
    from ..views.links import built_path

    site_dir = Path(site_dir)
    known: dict[str, bool] = {}

    def exists(target: str) -> bool:
        if target not in known:
            known[target] = (site_dir / target).is_file()
        return known[target]

    broken: list[Broken] = []
    for page in pages:
        if not page.html_blocks:
            continue
        folder = built_path(page.src_uri).rstrip("/")
        own = f"{folder}/index.html" if folder else "index.html"
        seen: set[str] = set()
        for value in _GENERATED_ADDRESS.findall("\n".join(page.html_blocks)):
            value = html.unescape(value)
            if value in seen:
                continue
            seen.add(value)
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                continue  # mailto: and links out
            if parts.path:
                target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
                if target.startswith("..") or target.startswith("/"):
                    broken.append(Broken(own, value, "pekar utanför webbplatsen"))
                    continue
                target = "" if target == "." else target
                if not target or not exists(target):
                    target = f"{target}/index.html" if target else "index.html"
                if not exists(target):
                    broken.append(Broken(own, value, "filen finns inte"))
                    continue
            else:
                target = own
            if parts.fragment and target.endswith(".html") and \
                    f'id="{parts.fragment}"' not in (site_dir / target).read_text(encoding="utf-8"):
                broken.append(Broken(own, value, f"ankaret #{parts.fragment} finns inte på sidan"))
    return broken
