"""Views: the catalog as Markdown pages, one module per page kind, free of MkDocs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in memory: where it lives in the site and its Markdown."""

    src_uri: str
    markdown: str


@dataclass(frozen=True)
class GeneratedAsset:
    """A file copied into the site as it is, such as a project's PDF, or made in memory (content)."""

    src_uri: str
    source: Path | None = None
    content: bytes | None = None


def all_pages(catalog, page_size: int = 30, decisions=(), knowledge: bool = True) -> Iterator[GeneratedPage]:
    from . import knowledge_map, listing_pages, project_page, results_page, search_page, statistics_page

    for project in catalog.projects:
        yield project_page.render(catalog, project)
    yield from listing_pages.render_all(catalog, page_size)
    yield statistics_page.render(catalog, decisions)
    if knowledge:
        yield results_page.render(catalog)
        yield from knowledge_map.render_all(catalog)
    yield search_page.render(catalog)


def all_assets(catalog, site_url: str = "", knowledge: bool = True) -> Iterator[GeneratedAsset]:
    from ..urls import project_dir
    import posixpath

    for project in catalog.projects:
        for document in project.documents:
            path = project.attachment_path(document)
            if path is not None and document.file in project.file_sizes:
                yield GeneratedAsset(posixpath.join(project_dir(project.id), document.file), path)
    from .. import exports
    from . import feeds, knowledge_map

    for src_uri, content in itertools.chain(exports.render_all(catalog, site_url), feeds.render_all(catalog, site_url),
                                            knowledge_map.assets(catalog) if knowledge else ()):
        yield GeneratedAsset(src_uri, content=content)
