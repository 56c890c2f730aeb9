"""Atom feeds of the documents in the bank: one for everything, one per area that has documents.

Addresses: when mkdocs.yml sets site_url, links in the feeds are absolute. When it does
not (an intranet copy that may be served from any address), links are relative to the
feed file itself, which Atom allows (RFC 4287 §2, resolved against the feed's own
address) and feed readers resolve. Entry and feed ids never depend on the address:
they are tag URIs (RFC 4151), tag:kunskapsbanken,2013:…, so a reader does not show
every entry again when the site moves. An entry's id is its project's id and the
document's id (Document.id), never its position in a list.

Dates: a document is dated by its own date, or else by the day it first appeared in the bank
(kunskapsbanken.history: git). One without either is left out, with a warning for the editor;
the time of the build is never used. Atom wants an instant, and readers order entries by it, so
every entry gets its own second, derived from its id so that it stays fixed: a document dated
2018 gets a time on 1 January 2018 (the first day of what is known), one dated by its first
commit a time within the minute before that commit. Two entries never share an instant.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import weakref
from dataclasses import dataclass
from typing import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from ..catalog import Catalog, DocumentEntry
from ..exports import report_authors
from ..facets import FACET_BY_KEY
from ..history import appearance_of
from ..problems import Problem, Severity
from ..swedish import slugify
from ..urls import project_url

FEED_ALL = "flode/dokument.xml"
FEED_ALL_TITLE = "Kunskapsbanken: nya dokument"
MAX_ENTRIES = 50
# The authority and date of the tag URIs: the programme's name and the year its
# knowledge bank was planned (FoU-plan 2013). Never change them: readers key on ids.
TAG_PREFIX = "tag:kunskapsbanken,2013:"
_MEDIA_TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
_SECONDS_PER_DAY = 86_400


def area_feed(area: str) -> str:
    return f"flode/omraden/{slugify(area)}.xml"


def area_feed_title(area: str) -> str:
    return f"Kunskapsbanken: nya dokument om {area.lower()}"


@dataclass(frozen=True)
class FeedEntry:
    """A document with the instant it is published under in every feed."""

    entry: DocumentEntry
    instant: dt.datetime

    @property
    def timestamp(self) -> str:
        return self.instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_key(entry: DocumentEntry) -> str:
    return f"projekt/{entry.project.id}/dokument/{entry.document.id}"


def _anchor(entry: DocumentEntry, first_appeared: dict) -> tuple[dt.datetime, int, int] | None:
    """(instant, direction, span in seconds) that an entry's time is chosen from.

    Its own date: the first day of the known period, and any second of that day (the time of day
    is not known). Its first appearance: the commit's instant and at most a minute before it, so
    never later than the document really appeared."""
    date = entry.document.date
    if date is not None:
        return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.timezone.utc), 1, _SECONDS_PER_DAY
    appeared = appearance_of(entry, first_appeared)
    if appeared is None:
        return None
    return appeared.astimezone(dt.timezone.utc).replace(microsecond=0), -1, 60


# Computed once per build; keyed on the history too, which the build sets after loading.
_CACHE: "weakref.WeakKeyDictionary[Catalog, tuple[dict, list[FeedEntry]]]" = weakref.WeakKeyDictionary()


def feed_entries(catalog: Catalog) -> list[FeedEntry]:
    """Every document that has a date, newest first, each with its own instant."""
    cached = _CACHE.get(catalog)
    if cached is not None and cached[0] is catalog.first_appeared:
        return cached[1]
    anchored = [(anchor, entry) for entry in catalog.documents()
                if (anchor := _anchor(entry, catalog.first_appeared)) is not None]
    taken: set[dt.datetime] = set()
    found = []
    for (start, direction, span), entry in sorted(anchored, key=lambda pair: (pair[0][0], entry_key(pair[1]))):
        # The second comes from the entry's id: it stays put when other documents come and go.
        digest = hashlib.sha256(entry_key(entry).encode("utf-8")).digest()
        second = int.from_bytes(digest[:4], "big") % span
        instant = start + dt.timedelta(seconds=direction * second)
        while instant in taken:  # two documents the same second: the next free one, in order of id
            second += 1  # past the span only when more documents share it than it has seconds
            instant = start + dt.timedelta(seconds=direction * second)
        taken.add(instant)
        found.append(FeedEntry(entry, instant))
    found.sort(key=lambda f: f.instant, reverse=True)
    _CACHE[catalog] = (catalog.first_appeared, found)
    return found


def undated_problems(catalog: Catalog) -> list[Problem]:
    """Documents the feeds leave out: no date of their own and no git history yet."""
    problems = []
    for project in catalog.projects:
        for index, document in enumerate(project.documents):
            entry = DocumentEntry(project, document)
            if _anchor(entry, catalog.first_appeared) is None:
                line, column = project.positions.get(("dokument", str(index)), (1, 1))
                problems.append(Problem(
                    project.source, line, column, f"dokument.{index + 1}",
                    "dokumentet har inget datum och sidan finns inte i git ännu, så det kommer inte med i "
                    "Atom-flödena; ange 'datum' eller checka in sidan", Severity.WARNING))
    return problems


def _dated(catalog: Catalog) -> Iterator[DocumentEntry]:
    """The documents the feeds show, in no particular order (feed_entries orders and times them)."""
    for project in catalog.projects:
        for document in project.documents:
            entry = DocumentEntry(project, document)
            if _anchor(entry, catalog.first_appeared) is not None:
                yield entry


_AREAS: "weakref.WeakKeyDictionary[Catalog, tuple[dict, list[str]]]" = weakref.WeakKeyDictionary()


def feed_areas(catalog: Catalog) -> list[str]:
    """The areas that have a feed: those with at least one dated document, in the catalog's order."""
    cached = _AREAS.get(catalog)
    if cached is not None and cached[0] is catalog.first_appeared:
        return cached[1]
    with_documents = {area for entry in _dated(catalog) for area in entry.project.areas}
    areas = [term.name for term in catalog.terms("area") if term.name in with_documents]
    _AREAS[catalog] = (catalog.first_appeared, areas)
    return areas


def has_site_feed(catalog: Catalog) -> bool:
    return next(_dated(catalog), None) is not None


@dataclass(frozen=True)
class FeedLink:
    """A feed that a page announces in its head (<link rel="alternate">): readers find it there."""

    title: str
    path: str  # from the site root


def page_feeds(catalog: Catalog, src_uri: str) -> list[FeedLink]:
    """The site's feed on every page, and an area's feed on that area's pages."""
    if not has_site_feed(catalog):
        return []
    links = [FeedLink(FEED_ALL_TITLE, FEED_ALL)]
    parts = src_uri.split("/")
    if len(parts) > 2 and parts[0] == FACET_BY_KEY["area"].segment:
        area = next((name for name in feed_areas(catalog) if slugify(name) == parts[1]), None)
        if area is not None:
            links.append(FeedLink(area_feed_title(area), area_feed(area)))
    return links


def _href(target: str, feed_path: str, site_url: str) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + target
    relative = posixpath.relpath(target, posixpath.dirname(feed_path))
    return relative + ("/" if target.endswith("/") and not relative.endswith("/") else "")


def _entry(item: FeedEntry, feed_path: str, site_url: str) -> str:
    entry = item.entry
    project, document = entry.project, entry.document
    page = project_url(project.id)
    kind = document.kind.capitalize()
    lines = [
        "  <entry>",
        f"    <id>{TAG_PREFIX}{escape(entry_key(entry))}</id>",
        f"    <title>{escape(f'{kind}: {document.title}')}</title>",
        f"    <updated>{item.timestamp}</updated>",
        f"    <published>{item.timestamp}</published>",
        f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(page, feed_path, site_url))}/>",
    ]
    lines += [f"    <author><name>{escape(name)}</name></author>" for name in report_authors(project)]
    if document.file:
        extension = posixpath.splitext(document.file)[1].lower()
        size = entry.size
        length = f' length="{size}"' if size is not None else ""
        media = _MEDIA_TYPES.get(extension, "application/octet-stream")
        lines.append(f"    <link rel=\"enclosure\" type=\"{media}\"{length} "
                     f"href={quoteattr(_href(page + document.file, feed_path, site_url))}/>")
    elif document.link:
        lines.append(f"    <link rel=\"related\" href={quoteattr(document.link)}/>")
    lines.append(f"    <category term={quoteattr(document.kind)} label={quoteattr(kind)}/>")
    lines += [f"    <category term={quoteattr(area)} scheme=\"{TAG_PREFIX}omraden\"/>" for area in project.areas]
    dated = f" ({document.date.swedish()})" if document.date else ""
    lines.append(f"    <summary>{escape(f'{project.title} ({project.type.value}){dated}. {project.summary}')}</summary>")
    lines.append("  </entry>")
    return "\n".join(lines)


def render_feed(feed_path: str, title: str, alternate: str, entries: Iterable[FeedEntry],
                site_url: str = "") -> str:
    """entries: newest first and not empty (a feed's updated is its newest entry's)."""
    chosen = list(entries)[:MAX_ENTRIES]
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <id>{TAG_PREFIX}{feed_path}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{chosen[0].timestamp}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(_href(feed_path, feed_path, site_url))}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(alternate, feed_path, site_url))}/>",
        "  <author><name>Kunskapsbanken</name></author>",
        "  <generator>Kunskapsbanken</generator>",
    ]
    parts += [_entry(item, feed_path, site_url) for item in chosen]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def render_sitemap(paths: list[str], site_url: str = "") -> str:
    """A sitemap of the feeds in one folder.

    Material for MkDocs takes every <link rel="alternate"> in a page's head for another language's
    site and fetches sitemap.xml beside it (flode/sitemap.xml for flode/dokument.xml): this one
    answers that request. Like MkDocs's own sitemap it lists nothing without site_url, since a
    sitemap's addresses must be absolute."""
    urls = "".join(f"  <url><loc>{escape(site_url.rstrip('/') + '/' + path)}</loc></url>\n"
                   for path in paths) if site_url else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')


def render_all(catalog: Catalog, site_url: str = "") -> Iterator[tuple[str, bytes]]:
    """(path in the site, bytes) of every feed: the site's, and one per area with documents."""
    entries = feed_entries(catalog)
    if not entries:
        return
    yield FEED_ALL, render_feed(FEED_ALL, FEED_ALL_TITLE, "dokument/", entries, site_url).encode("utf-8")
    area_paths = []
    for area in feed_areas(catalog):
        path = area_feed(area)
        area_paths.append(path)
        chosen = [f for f in entries if area in f.entry.project.areas]
        yield path, render_feed(path, area_feed_title(area), f"omraden/{slugify(area)}/", chosen,
                                site_url).encode("utf-8")
    for folder, paths in ((posixpath.dirname(FEED_ALL), [FEED_ALL]),
                          (posixpath.dirname(area_feed("x")), area_paths)):
        if paths:
            yield f"{folder}/sitemap.xml", render_sitemap(paths, site_url).encode("utf-8")
