"""Generated pages rendered in a second process, beside MkDocs' own (MkDocs adapter).

MkDocs reads, renders and writes the pages one after another in one process, and the build
otherwise leaves a core idle. At the end of on_nav, the last event before MkDocs reads the
pages, the plugin forks: the child reads, renders and writes a share of the generated pages
with MkDocs' own functions and the very same objects; the parent does the rest, and for each
page of the share an empty stand-in (template kb-tom.html), which MkDocs does not write.

The child sends back each page's anchors and its links to anchors, so the parent checks
them as MkDocs would have, and the number of warnings it logged, so `--strict` still fails.
Only for `mkdocs build` without other threads: under `mkdocs serve` few pages are rendered, and
its server has threads.
"""

from __future__ import annotations

import logging
from typing import Callable

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from . import background
from .background import Forked

log = logging.getLogger("mkdocs.plugins.kunskapsbanken")

STAND_IN = "---\ntemplate: kb-tom.html\nrender_macros: false\n---\n"
# Below this many pages the fork costs more than it saves.
MIN_PAGES = 200
# The child costs more CPU than the parent saves (it compiles the templates again, and the pages it
# shares are copied as it touches them). On an idle two-core machine it still won (README, Prestanda);
# on one core it cannot: the plugin uses it by default only with background.has_spare_core().


def _render(share: list[File], config, files: Files, nav) -> tuple[dict, dict, int]:
    from mkdocs.commands.build import _build_page, _populate_page

    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    for file in share:
        _populate_page(file.page, config, files)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for file in share:
        _build_page(file.page, config, pages, nav, env)
    anchors = {file.src_uri: sorted(file.page.present_anchor_ids or ()) for file in share}
    links = {file.src_uri: {target.src_uri: dict(found) for target, found in (file.page.links_to_anchors or {}).items()}
             for file in share}
    return anchors, links, sum(count for _, count in counter.get_counts())


def stand_in(page: Page) -> None:
    """Page.render for a page the second process renders: nothing to read, its anchors unknown here
    (the second process sends them, PagesInSecondProcess.finish)."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = None
    page.links_to_anchors = {}


class PagesInSecondProcess:
    """Renders share (generated files, every other one) in a forked process from now on."""

    def __init__(self, share: list[File], config, files: Files, nav, in_child: Callable[[], None]):
        self.src_uris = {file.src_uri for file in share}

        def job() -> tuple[dict, dict, int]:
            in_child()
            return _render(share, config, files, nav)

        self.job = Forked(job)
        for file in share:  # after the fork: the child renders the real page
            file.content_string = STAND_IN

    def is_stand_in(self, page: Page) -> bool:
        return page.file.src_uri in self.src_uris

    def finish(self, files: Files, config) -> None:
        """Wait for the child; check the anchor links it could not, as MkDocs would have."""
        anchors, links, warnings = self.job.result()
        for src_uri, ids in anchors.items():
            files.get_file_from_path(src_uri).page.present_anchor_ids = set(ids)
        level = config.validation.links.anchors
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            page = file.page
            if page is None:
                continue
            if file.src_uri in self.src_uris:
                own = {files.get_file_from_path(target): found for target, found in links[file.src_uri].items()}
            else:  # MkDocs checked this page's links to the others already
                own = {target: found for target, found in (page.links_to_anchors or {}).items()
                       if target.src_uri in self.src_uris}
            if own:
                kept, page.links_to_anchors = page.links_to_anchors, own
                page.validate_anchor_links(files=files, log_level=level)
                page.links_to_anchors = kept
        if warnings:
            log.warning(f"Sidorna som renderades i den andra processen gav {warnings} varningar (se ovan).")

    def cancel(self) -> None:
        self.job.cancel()


def start(generated: list[File], config, files: Files, nav, in_child: Callable[[], None]) -> PagesInSecondProcess | None:
    """Every other generated page to the second process, or None when there are too few, or when
    the build runs beside other threads (the editor's preview server): a fork copies none of them,
    and a lock one of them held would stay held in the child."""
    if len(generated) < MIN_PAGES or not background.fork_is_safe():
        return None
    return PagesInSecondProcess(generated[1::2], config, files, nav, in_child)
