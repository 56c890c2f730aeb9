"""Thin MkDocs adapter: loads the catalog once per build and hands the views to MkDocs.

Everything MkDocs-specific lives here, so that moving to another generator
(Zensical, or a pre-build step writing a staging folder) means replacing this file.
"""

from __future__ import annotations

import html
import logging
import re
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .catalog import Catalog
from .checks import check_all
from .decisions import decisions_path, load_decisions
from .facets import FACETS
from .history import first_appearances
from .problems import errors
from .views import all_assets, all_pages
from .views.build_problems import banner
from .views.editor_files import editor_files
from .views.feeds import page_feeds, undated_problems
from .views.links import facet_uri, term_uri
from .views.macros import make_macros
from .views.scroll_tables import wrap_tables
from . import mkdocs_orientation as orientation
from .vocabulary import VocabularyError

log = logging.getLogger("mkdocs.plugins.kunskapsbanken")
_MAILBOX = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class KunskapsbankenConfig(Config):
    projects_dir = c.Type(str, default="projects")
    # The vocabulary file; by default vokabular.yml in projects_dir.
    vocabulary = c.Optional(c.Type(str))
    page_size = c.Type(int, default=30)
    # Facets whose term pages are listed in the navigation. Off by default: the terms are
    # bounded by the vocabulary, but Material renders the whole nav on every page, and with
    # the area, year, type and document-kind terms there a 1,000-project build took 20 % longer.
    # The overview pages (Områden, År …) list every term with its count instead.
    nav_facets = c.Type(list, default=[])
    # Build the search index (Pagefind) with the site; off only for benchmarks.
    search_index = c.Type(bool, default=True)
    # The evidence and gap map, the results page and similar-project suggestions; off only for
    # benchmarks (kunskapsbanken.bench.knowledge measures what they add to the build).
    knowledge_views = c.Type(bool, default=True)
    # The programme's functional mailbox: documents not in the bank are ordered from it, it is the
    # contact of every project without its own, and /om/ and the accessibility statement show it.
    mailbox = c.Optional(c.Type(str))


class KunskapsbankenPlugin(BasePlugin[KunskapsbankenConfig]):
    catalog: Catalog | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path).parent
        self.projects_dir = base / self.config.projects_dir
        self.vocabulary_file = base / self.config.vocabulary if self.config.vocabulary else None
        try:
            self.catalog, problems = check_all(self.projects_dir, self.vocabulary_file)
        except VocabularyError as error:
            raise PluginError(str(error)) from error
        # Documents without a date of their own are dated in the feeds by their first commit.
        self.catalog.first_appeared = first_appearances(self.projects_dir)
        problems = list(problems) + undated_problems(self.catalog)
        # The yearly decisions (beslut.yml) feed the statistics page only.
        self.decisions, decision_problems = load_decisions(decisions_path(self.projects_dir))
        problems = list(problems) + decision_problems
        for problem in problems:
            # Warnings are the editor's business (`kb kontrollera` shows them); a
            # strict build must not fail on a programme-rule reminder.
            (log.error if problem.is_error else log.info)(str(problem))
        found = errors(problems)
        # Under `mkdocs serve` a failed build leaves the browser waiting for ever: build what
        # loads and show the errors on every page instead (on_post_page). A build still fails.
        self._broken = found if getattr(self, "_serving", False) else []
        if found and not self._broken:
            raise PluginError(f"Innehållet har {len(found)} fel (se ovan). Rätta dem eller kör "
                              "'kb kontrollera' för en lista.")
        self.mailbox = (self.config.mailbox or "").strip() or None
        if self.mailbox is None:
            log.warning("Funktionsbrevlådan är inte satt: lägg till 'mailbox: adress@…' under pluginet "
                        "kunskapsbanken i mkdocs.yml. Utan den kan dokument som inte finns digitalt inte "
                        "beställas, och sidan Om Kunskapsbanken saknar kontaktadress.")
        elif not _MAILBOX.match(self.mailbox):
            raise PluginError(f"mkdocs.yml: kunskapsbanken.mailbox '{self.mailbox}' är ingen e-postadress; "
                              "skriv till exempel 'fou.kunskapsbanken@stockholm.se'")
        self._expand_nav(config)
        # A tag for this build's search index: pages ask for pagefind-entry.json?ts=<tag>, which they
        # can preload (Pagefind otherwise adds the time of each page load). Not under `mkdocs serve`,
        # where pages that did not change keep their HTML while the index changes under them.
        if self.config.search_index and not getattr(self, "_serving", False):
            config.extra["kb_sokindex"] = format(time.time_ns() // 1_000_000, "x")
        macros = config.plugins.get("macros")
        if macros is not None:
            functions = make_macros(lambda: self.catalog, lambda: macros.page.file.src_uri, self.mailbox)
            try:
                macros.register_macros(functions)
            except KeyError:  # registered already by an earlier build of this process
                pass
        return config

    def _expand_nav(self, config: MkDocsConfig) -> None:
        """Give each facet overview in the navigation its term pages as children."""
        if not config.nav:
            return
        wanted = {facet_uri(f): f for f in FACETS if f.key in self.config.nav_facets}

        def expand(items: list) -> list:
            result = []
            for item in items:
                if isinstance(item, dict):
                    (title, value), = item.items()
                    if isinstance(value, list):
                        result.append({title: expand(value)})
                    elif value in wanted:
                        facet = wanted[value]
                        # Nav titles are HTML to Material's templates, like page titles.
                        children = [{html.escape(t.name if facet.key != "document_kind"
                                                 else self.catalog.vocabulary.document_kind_plural(t.name)):
                                     term_uri(facet, t.name)} for t in self.catalog.terms(facet.key) if t.linked]
                        result.append({title: [value] + children})
                    else:
                        result.append(item)
                else:
                    result.append(item)
            return result

        config.nav = expand(config.nav)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Similar projects are counted in another process while the exports and feeds are
        # written here; the project pages, which show them, come after.
        self.catalog.suggest_similar = self.config.knowledge_views
        self.catalog.similar_in_background()
        for asset in all_assets(self.catalog, config.site_url or "", self.config.knowledge_views):
            if asset.content is not None:
                files.append(self._generated(config, asset.src_uri, asset.content))
            else:
                files.append(File.generated(config, asset.src_uri, abs_src_path=str(asset.source)))
        for src_uri, content in editor_files(self.catalog):  # JSON Schema, import templates
            files.append(self._generated(config, src_uri, content))
        self._trails: dict[str, tuple[tuple[tuple[str, str], ...], str | None]] = {}
        for page in all_pages(self.catalog, self.config.page_size, self.decisions, self.config.knowledge_views,
                              mailbox=self.mailbox):
            if page.src_uri in self._trails:
                raise PluginError(f"två genererade sidor får adressen {page.src_uri}")
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"docs/{page.src_uri} krockar med en genererad sida; byt namn på filen")
            self._trails[page.src_uri] = (page.trail, page.crumb)
            # Generated pages are reached by listings and search, not the nav: no 'not in nav' notice.
            files.append(self._generated(config, page.src_uri, page.markdown, InclusionLevel.NOT_IN_NAV))
        return files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # With on_startup the plugin lives on between the rebuilds of `mkdocs serve`. Under
        # `mkdocs serve --dirty` it remembers what it generated, and a generated file whose
        # content is unchanged is not rendered again: saving one project page re-renders that
        # page and the listings it appears in, not the whole site.
        self._serving = command == "serve"
        self._dirty = self._serving and dirty
        self._previous: dict[str, str | bytes] = {}

    def _generated(self, config: MkDocsConfig, src_uri: str, content: str | bytes,
                   inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        file = File.generated(config, src_uri, content=content, inclusion=inclusion)
        if getattr(self, "_dirty", False):
            if self._previous.get(src_uri) == content:
                file.is_modified = lambda: False  # type: ignore[method-assign]
            self._previous[src_uri] = content
        return file

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self._files = files
        orientation.keep_previous_and_next_within_sections(nav)
        return nav

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        if getattr(self, "_lit", None) is not None:  # the previous page failed before on_post_page
            self._lit.active = False
        # overrides/main.html announces these feeds in the page head (<link rel="alternate">).
        context["kb_feeds"] = page_feeds(self.catalog, page.file.src_uri)
        # overrides/partials/path.html draws the breadcrumbs.
        trail, crumb = self._trails.get(page.file.src_uri, ((), None))
        context["kb_brodsmulor"] = orientation.breadcrumbs(page, nav, self._files, trail, crumb)
        self._lit = orientation.light_tab(page, nav, self._files, trail)
        return context

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        return wrap_tables(html, page.title or "")

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        if getattr(self, "_lit", None) is not None:
            self._lit.active = False  # the next page lights its own tab
            self._lit = None
        return output

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # The search index (Pagefind) of the project pages and their PDFs' text, page by page,
        # is built in another process while MkDocs renders the pages.
        from .search import SearchBuild

        self._search = None
        if self.config.search_index:
            self._search = SearchBuild(self.projects_dir, self.vocabulary_file, Path(config.site_dir))

    def on_post_build(self, config: MkDocsConfig) -> None:
        if getattr(self, "_search", None) is not None:
            for problem in self._search.finish():
                log.info(problem)  # a PDF without text: the editor's business, as above
            self._search = None
            if config.extra.get("kb_sokindex"):
                self._preload_search_metadata(config)

    def _preload_search_metadata(self, config: MkDocsConfig) -> None:
        """The search page also preloads the index's metadata, whose name is known only now that
        the index is written (Pagefind would fetch it after pagefind-entry.json, one wait later)."""
        from .search.index import metadata_file
        from .views.search_page import SEARCH_URI

        name = metadata_file(Path(config.site_dir), config.theme.get("language") or "sv")
        page = self._files.get_file_from_path(SEARCH_URI) if getattr(self, "_files", None) else None
        if name is None or page is None or not Path(page.abs_dest_path).is_file():
            return
        path = Path(page.abs_dest_path)
        text = path.read_text(encoding="utf-8")
        entry = re.search(r'<link rel="preload" href="([^"]*)pagefind-entry\.json\?ts=[^"]*" as="fetch" crossorigin>', text)
        if entry is None:
            return
        link = f'\n<link rel="preload" href="{entry.group(1)}{html.escape(name)}" as="fetch" crossorigin>'
        path.write_text(text[: entry.end()] + link + text[entry.end():], encoding="utf-8")

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        return self._with_banner(output, config)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self._with_banner(output_content, config)  # 404.html: the address of a broken page

    def _with_banner(self, html: str, config: MkDocsConfig) -> str:
        if not getattr(self, "_broken", None):
            return html
        body = re.search(r"<body[^>]*>", html)
        if body is None:
            return html
        text = banner(self._broken, Path(config.config_file_path).parent)
        return html[: body.end()] + text + html[body.end():]

    def on_build_error(self, error: Exception) -> None:
        if getattr(self, "_dirty", False):
            self._previous.clear()  # a failed build may not have written them: render all next time
        if getattr(self, "_search", None) is not None:
            self._search.cancel()
            self._search = None

    def on_serve(self, server, config: MkDocsConfig, builder):
        # Project pages live outside docs/; a saved page must trigger a rebuild too.
        server.watch(str(self.projects_dir))
        return server
