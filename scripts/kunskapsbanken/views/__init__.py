"""Views: the catalog as pages, one module per page kind, free of MkDocs."""

from __future__ import annotations

import functools
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from markdown.extensions.toc import slugify, unique

from . import html
from .markdown import escape, one_line

if TYPE_CHECKING:
    from ..model import Project

T = TypeVar("T")

# A generated page's HTML blocks stand in its Markdown as paragraphs 'kb-html-<nonce>-<n>'. The
# nonce is new in every process, so no text an editor writes can be taken for one.
_NONCE = secrets.token_hex(6)
_PLACEHOLDER = re.compile(rf"<p>kb-html-{_NONCE}-(\d+)</p>")
_ID = re.compile(r'\bid="([^"]+)"')
_PLACEHOLDER_LINE = re.compile(rf"^kb-html-{_NONCE}-(\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in memory: where it lives in the site, its Markdown and its HTML.

    markdown: what goes through Markdown (front matter, headings, the editor's body) with a
    placeholder paragraph for each of html_blocks, the structure from the catalog (fact box,
    document lists, listing items …), which fill() puts in after Markdown.
    trail: the pages above it for the breadcrumbs, as (label, src_uri), after "Start";
    crumb: its own short label there ('Hemlöshet' for 'Område: Hemlöshet'), else its title.
    """

    src_uri: str
    markdown: str
    trail: tuple[tuple[str, str], ...] = ()
    crumb: str | None = None
    html_blocks: tuple[str, ...] = ()
    # A page with nothing for Markdown to read (only its title, headings and HTML blocks) also has
    # its content as HTML and its headings as (level, id, HTML), as Markdown's toc would give them.
    html: str | None = None
    headings: tuple[tuple[int, str, str], ...] = ()

    def fill(self, rendered: str) -> str:
        """The page's HTML from Markdown, with its HTML blocks in their places."""
        if not self.html_blocks:
            return rendered
        return _PLACEHOLDER.sub(lambda match: self.html_blocks[int(match.group(1))], rendered)

    def as_markdown(self) -> str:
        """The page as one Markdown text, its HTML blocks inline as raw HTML: what a generator without
        our plugin would have to render (the benchmark's control)."""
        return _PLACEHOLDER_LINE.sub(lambda match: self.html_blocks[int(match.group(1))], self.markdown)

    def block_ids(self) -> set[str]:
        """The ids in the HTML blocks ('fakta', 'bokstav-a'): anchors a link may lead to."""
        return {match for block in self.html_blocks for match in _ID.findall(block)}

    @functools.cached_property
    def source(self) -> str:
        """Markdown and HTML blocks together: what decides whether the page changed."""
        return "\n".join((self.markdown, *self.html_blocks))


class PageParts:
    """A generated page, assembled in order from front matter, headings, Markdown and HTML blocks."""

    def __init__(self, front_matter: str) -> None:
        self._markdown: list[str] = [front_matter.rstrip()]
        self._blocks: list[str] = []
        self._html: list[str] | None = []  # the same page as HTML, while nothing needs Markdown
        self._headings: list[tuple[int, str, str]] = []
        self._ids: set[str] = set()

    def markdown(self, text: str) -> None:
        """Text for Markdown: the editor's body, or a view's own Markdown."""
        self._markdown.append(text)
        self._html = None

    def heading(self, level: int, text: str) -> None:
        """A heading of the page's table of contents, with the id Markdown would give it."""
        self._markdown.append(f"{'#' * level} {escape(text)}")
        if self._html is not None:
            anchor = unique(slugify(one_line(text), "-"), self._ids)
            shown = html.heading_text(text)
            self._html.append(f'<h{level} id="{anchor}">{shown}</h{level}>')
            self._headings.append((level, anchor, shown))

    def html(self, block: str) -> None:
        """A block of HTML, on its own between Markdown paragraphs."""
        if self._html is not None:
            self._html.append(block)
        if self._markdown and isinstance(self._markdown[-1], _Block):
            self._blocks[-1] += "\n" + block  # blocks in a row become one
            return
        self._markdown.append(_Block(f"kb-html-{_NONCE}-{len(self._blocks)}"))
        self._blocks.append(block)

    def page(self, src_uri: str, trail: tuple[tuple[str, str], ...] = (), crumb: str | None = None) -> GeneratedPage:
        return GeneratedPage(src_uri, "\n\n".join(self._markdown) + "\n", trail, crumb, tuple(self._blocks),
                             "\n".join(self._html) if self._html is not None else None, tuple(self._headings))


class _Block(str):
    """The placeholder of an HTML block in the Markdown."""


@dataclass(frozen=True)
class Attachment:
    """A project's file (a PDF) copied into the site as it is."""

    src_uri: str
    source: Path


class PageMemo:
    """Generated pages kept between the builds of one process (`mkdocs serve`): a page is made
    again only when what it is made from changed.

    What a page is made from is listed as its inputs and compared with ==, which for the projects
    in them is first a test of identity: checks.cache gives a page file that did not change the
    very same frozen Project. Every page but a project's own shows only its facts, not its body:
    those pages list stand-ins (facts()), the earlier Project as long as its facts are equal, so
    that saving a project's body makes its own page again and no listing.
    """

    def __init__(self) -> None:
        self._kept: dict[object, tuple[tuple, object]] = {}
        self._now: dict[object, tuple[tuple, object]] = {}
        self._stand_ins: dict[str, Project] = {}
        self.made = 0  # pages made (not kept) in the current build

    def start_build(self, projects: Iterable[Project]) -> None:
        """What the last build made is what this one may keep; pages it did not make are forgotten."""
        self._kept, self._now, self.made = self._now, {}, 0
        earlier, self._stand_ins = self._stand_ins, {}
        for project in projects:
            before = earlier.get(project.id)
            same = before is not None and (before is project or _facts(before) == _facts(project))
            self._stand_ins[project.id] = before if same else project

    def facts(self, project: Project) -> Project:
        """The project as the pages that list it see it: unchanged while its facts are."""
        return self._stand_ins.get(project.id, project)

    def page(self, key: object, inputs: tuple, make: Callable[[], T]) -> T:
        kept = self._kept.get(key)
        if kept is not None and kept[0] == inputs:
            value = kept[1]
        else:
            value = make()
            self.made += 1
        self._now[key] = (inputs, value)
        return value  # type: ignore[return-value]


def _facts(project: Project) -> dict:
    """Everything of a project but its body: what pages other than its own can show."""
    return {name: value for name, value in vars(project).items() if name not in _BODY}


_BODY = {"body", "body_line", "positions"}


def all_pages(catalog, page_size: int = 30, decisions=(), knowledge: bool = True,
              mailbox: str | None = None, memo: PageMemo | None = None) -> Iterator[GeneratedPage]:
    """Every generated page; mailbox is the programme's functional mailbox that documents are ordered from.

    The project pages come last: they show similar projects, which are counted meanwhile in
    another process (Catalog.similar_in_background). With a memo (`mkdocs serve`, started for this
    build with this catalog's projects), the pages whose inputs did not change are not made again."""
    from . import knowledge_map, listing_pages, project_page, results_page, search_page, statistics_page

    if memo is None:
        memo = PageMemo()  # keeps nothing between builds
        memo.start_build(catalog.projects)
    yield from listing_pages.render_all(catalog, page_size, mailbox, memo)
    # The pages made from the whole catalog are made again when any project's facts change.
    everything = (catalog.vocabulary, tuple(memo.facts(p) for p in catalog.projects))
    yield memo.page("statistik", (*everything, tuple(decisions)), lambda: statistics_page.render(catalog, decisions))
    if knowledge:
        yield memo.page("resultat", everything, lambda: results_page.render(catalog))
        yield from memo.page("kunskapskarta", knowledge_map.inputs(catalog), lambda: list(knowledge_map.render_all(catalog)))
    yield memo.page("sök", everything, lambda: search_page.render(catalog))
    for project in catalog.projects:
        yield memo.page(("projekt", project.id), project_page.inputs(catalog, project, mailbox, memo.facts),
                        lambda: project_page.render(catalog, project, mailbox))


def attachments(catalog) -> Iterator[Attachment]:
    from ..urls import project_dir
    import posixpath

    for project in catalog.projects:
        for document in project.documents:
            path = project.attachment_path(document)
            if path is not None and document.file in project.file_sizes:
                yield Attachment(posixpath.join(project_dir(project.id), document.file), path)


def made_files(catalog, site_url: str = "", knowledge: bool = True) -> Iterator[tuple[str, bytes]]:
    """(path in the site, bytes) of every file made from the catalog: downloads, feeds, the map's data.

    No page's Markdown links to them (MkDocs does not know them: they are written beside the
    build); the generated HTML that does is checked after the build."""
    from .. import exports
    from . import feeds, knowledge_map

    yield from exports.render_all(catalog, site_url)
    yield from feeds.render_all(catalog, site_url)
    if knowledge:
        yield from knowledge_map.assets(catalog)


def write_files(made: Iterable[tuple[str, str | bytes]], folder: Path) -> int:
    """Write made files (made_files, editor_files) under folder; how many."""
    count = 0
    for src_uri, content in made:
        path = folder / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        count += 1
    return count
