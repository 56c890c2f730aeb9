"""Atom feeds of newly published documents: one for everything, one per area.

Addresses: when mkdocs.yml sets site_url, links in the feeds are absolute. When it does
not (an intranet copy that may be served from any address), links are relative to the
feed file itself, which Atom allows (RFC 4287 §2, resolved against the feed's own
address) and feed readers resolve. Entry and feed ids never depend on the address:
they are tag URIs (RFC 4151), tag:kunskapsbanken,2013:…, so a reader does not show
every entry again when the site moves.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from ..catalog import Catalog, DocumentEntry
from ..model import PartialDate
from ..swedish import slugify
from ..urls import project_url

FEED_ALL = "flode/dokument.xml"
MAX_ENTRIES = 50
# The authority and date of the tag URIs: the programme's name and the year its
# knowledge bank was planned (FoU-plan 2013). Never change them: readers key on ids.
TAG_PREFIX = "tag:kunskapsbanken,2013:"
_MEDIA_TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def area_feed(area: str) -> str:
    return f"flode/omraden/{slugify(area)}.xml"


def _timestamp(date: PartialDate) -> str:
    """Atom wants a full time; a document known to the month is dated the first of it."""
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def _href(target: str, feed_path: str, site_url: str) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + target
    relative = posixpath.relpath(target, posixpath.dirname(feed_path))
    return relative + ("/" if target.endswith("/") and not relative.endswith("/") else "")


def _entry(entry: DocumentEntry, feed_path: str, site_url: str) -> str:
    project, document = entry.project, entry.document
    number = project.documents.index(document) + 1
    page = project_url(project.id)
    kind = document.kind.capitalize()
    lines = [
        "  <entry>",
        f"    <id>{TAG_PREFIX}projekt/{project.id}/dokument/{number}</id>",
        f"    <title>{escape(f'{kind}: {document.title}')}</title>",
        f"    <updated>{_timestamp(document.date)}</updated>",
        f"    <published>{_timestamp(document.date)}</published>",
        f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(page, feed_path, site_url))}/>",
    ]
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
    lines.append(f"    <summary>{escape(f'{project.title} ({project.type.value}). {project.summary}')}</summary>")
    lines.append("  </entry>")
    return "\n".join(lines)


def render_feed(feed_path: str, title: str, alternate: str, entries: Iterable[DocumentEntry],
                site_url: str = "") -> str:
    dated = [e for e in entries if e.document.date][:MAX_ENTRIES]
    updated = max((_timestamp(e.document.date) for e in dated), default="2013-01-01T00:00:00Z")
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <id>{TAG_PREFIX}{feed_path}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(_href(feed_path, feed_path, site_url))}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_href(alternate, feed_path, site_url))}/>",
        "  <author><name>Kunskapsbanken</name></author>",
        "  <generator>Kunskapsbanken</generator>",
    ]
    parts += [_entry(e, feed_path, site_url) for e in dated]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def render_all(catalog: Catalog, site_url: str = "") -> Iterator[tuple[str, bytes]]:
    """(path in the site, bytes) of every feed."""
    yield FEED_ALL, render_feed(FEED_ALL, "Kunskapsbanken: nya dokument", "dokument/",
                                catalog.documents(), site_url).encode("utf-8")
    for term in catalog.terms("area"):
        path = area_feed(term.name)
        yield path, render_feed(path, f"Kunskapsbanken: nya dokument om {term.name.lower()}",
                                f"omraden/{slugify(term.name)}/", catalog.documents(projects=term.projects),
                                site_url).encode("utf-8")
