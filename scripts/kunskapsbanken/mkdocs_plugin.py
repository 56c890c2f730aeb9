"""Thin MkDocs adapter: loads the catalog once per build and hands the views to MkDocs.

Everything MkDocs-specific lives here, so that moving to another generator
(Zensical, or a pre-build step writing a staging folder) means replacing this file.
"""

from __future__ import annotations

import gc
import html
import logging
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

import jinja2
import jinja2.bccache
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from .catalog import Catalog
from .checks import check_all
from .checks.cache import PageCache
from .decisions import decisions_path, load_decisions
from .facets import FACETS
from .history import first_appearances
from .problems import errors
from .publish.linkcheck import check_generated_links
from . import background
from .background import BackgroundError, Forked
from .views import GeneratedPage, PageMemo, all_pages, attachments, made_files, write_files
from .views.build_problems import banner
from .views.editor_files import EDITOR_FILES, editor_files
from .views.feeds import page_feeds, undated_problems
from .views.links import facet_uri, term_uri
from .views.macros import make_macros
from .views.scroll_tables import wrap_tables
from . import mkdocs_orientation as orientation
from . import mkdocs_parallel as parallel
from .mkdocs_watch import poll_sooner
from .vocabulary import VocabularyError

log = logging.getLogger("mkdocs.plugins.kunskapsbanken")
_MAILBOX = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MACRO = re.compile(r"\{\{|\{%")  # mkdocs-macros' expressions and statements
_MOST_UNCOLLECTED = 10  # rebuilds under `mkdocs serve` before on_config collects the garbage itself
_IDLE_BEFORE_COLLECTING = 2.0  # seconds without a save before _Finishing collects the garbage


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
    # Material's navigation (sidebar and tabs) rendered once per kind of page (mkdocs_orientation.
    # NavigationCache); off only in the test that proves the pages are the same either way.
    navigation_cache = c.Type(bool, default=True)
    # Generated pages with no Markdown of their own (listings) skip Python-Markdown (without_markdown);
    # off only in the test that proves the pages are the same either way.
    skip_markdown = c.Type(bool, default=True)
    # A share of the generated pages rendered in a second process (mkdocs_parallel). By default with
    # two cores or more: on an idle two-core machine it made the build 14 % faster, on one busy with
    # other jobs 11 % slower (README, Prestanda); true or false forces the choice.
    second_process = c.Optional(c.Type(bool))
    # The programme's functional mailbox: documents not in the bank are ordered from it, it is the
    # contact of every project without its own, and /om/ and the accessibility statement show it.
    mailbox = c.Optional(c.Type(str))


def without_markdown(page, generated: GeneratedPage) -> None:
    """What MkDocs' Page.render sets, for a generated page whose content is HTML already: the
    content, the table of contents (nested as Markdown's toc extension nests its tokens) and the
    anchors; it links to no anchor."""
    tokens = [{"level": level, "id": anchor, "name": shown} for level, anchor, shown in generated.headings]
    page.content = generated.html
    page.toc = get_toc(nest_toc_tokens(tokens))
    page.present_anchor_ids = {anchor for _, anchor, _ in generated.headings}
    page.links_to_anchors = {}


class KunskapsbankenPlugin(BasePlugin[KunskapsbankenConfig]):
    catalog: Catalog | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if getattr(self, "_serving", False):
            if self._finishing is not None:
                self._finishing.stop()  # the last rebuild's downloads and index: this one makes them anew
            # What exists before a rebuild is not searched for garbage during it (a full collection
            # over the catalog, pages and MkDocs' structures took 0.3-0.5 s, every other rebuild);
            # _Finishing collects it when the server has been idle a moment. When saves come faster
            # than that, the tenth rebuild without one collects here: memory stays bounded.
            if self._uncollected >= _MOST_UNCOLLECTED:
                gc.unfreeze()
                gc.collect()
                self._uncollected = 0
            gc.freeze()
            self._uncollected += 1
        base = Path(config.config_file_path).parent
        self.projects_dir = base / self.config.projects_dir
        self.vocabulary_file = base / self.config.vocabulary if self.config.vocabulary else None
        try:
            # Under `mkdocs serve` pages whose files did not change are not read and checked again.
            self.catalog, problems = check_all(self.projects_dir, self.vocabulary_file,
                                               cache=getattr(self, "_checked", None))
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
        if not config.use_directory_urls:
            # Generated HTML links to the built addresses ('../omraden/hemloshet/'), not to files.
            raise PluginError("mkdocs.yml: Kunskapsbanken kräver 'use_directory_urls: true'")
        self.mailbox = (self.config.mailbox or "").strip() or None
        if self.mailbox is None:
            log.warning("Funktionsbrevlådan är inte satt: lägg till 'mailbox: adress@…' under pluginet "
                        "kunskapsbanken i mkdocs.yml. Utan den kan dokument som inte finns digitalt inte "
                        "beställas, och sidan Om Kunskapsbanken saknar kontaktadress.")
        elif not _MAILBOX.match(self.mailbox):
            raise PluginError(f"mkdocs.yml: kunskapsbanken.mailbox '{self.mailbox}' är ingen e-postadress; "
                              "skriv till exempel 'fou.kunskapsbanken@stockholm.se'")
        self._expand_nav(config)
        if getattr(self, "_serving", False):
            self._list_installed_theme_once(config)
        # Similar projects are counted in another process while the pages before them are made;
        # the project pages, which show them, come last (views.all_pages).
        self.catalog.suggest_similar = self.config.knowledge_views
        # Under `mkdocs serve` the pages show the last build's suggestions while this one's are counted.
        self.catalog.similar_in_background(getattr(self, "_similar_earlier", None))
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

    def _list_installed_theme_once(self, config: MkDocsConfig) -> None:
        """Under `mkdocs serve`, list the installed theme's files (Material's thousands of icons) once.

        MkDocs lists every theme folder at every rebuild to find the files to copy; the folders of
        an installed theme do not change while the server runs. overrides/ is listed every time."""
        theme, listed = config.theme, self._theme_files
        make_env = theme.get_env

        def env() -> jinja2.Environment:
            made = make_env()
            everything = made.list_templates

            def list_templates(extensions=None, filter_func=None) -> list[str]:
                if extensions is not None or filter_func is None:
                    return everything(extensions, filter_func)
                # MkDocs asks with the same filter at every build (files to copy, not templates).
                names: set[str] = set()
                for folder in theme.dirs:
                    if folder == theme.custom_dir or folder not in listed:
                        found = [name for name in jinja2.FileSystemLoader(folder).list_templates() if filter_func(name)]
                        if folder == theme.custom_dir:
                            names.update(found)
                            continue
                        listed[folder] = found
                    names.update(listed[folder])
                return sorted(names)

            made.list_templates = list_templates  # type: ignore[method-assign]
            return made

        theme.get_env = env

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
        # Downloads and feeds are written into the site folder by another process while MkDocs
        # renders the pages (MkDocs has cleaned the folder by now); on_post_build waits for it.
        catalog, site_url, knowledge = self.catalog, config.site_url or "", self.config.knowledge_views
        site_dir = Path(config.site_dir)
        # Under `mkdocs serve` they are finished after the pages are shown and yield to the next rebuild.
        self._made = Forked(lambda: write_files(made_files(catalog, site_url, knowledge), site_dir),
                            low_priority=getattr(self, "_serving", False))
        for attachment in attachments(self.catalog):
            files.append(File.generated(config, attachment.src_uri, abs_src_path=str(attachment.source)))
        memo = getattr(self, "_memo", None) or PageMemo()
        memo.start_build(self.catalog.projects)
        self._editor_dir = self._editor_job = None
        if getattr(self, "_serving", False):
            # Under `mkdocs serve` they are made in this process when the vocabulary changed, else kept.
            for src_uri, content in memo.page("redaktörsfiler", (self.catalog.vocabulary,),
                                              lambda: list(editor_files(self.catalog))):
                files.append(self._generated(config, src_uri, content))
        else:
            # The JSON Schema and the import templates: hand-written pages link to them, so MkDocs must
            # know them now; they are made in another process (openpyxl alone takes a second to load)
            # and waited for in on_env, before MkDocs copies files.
            self._editor_dir = Path(tempfile.mkdtemp(prefix="kb-redaktorsfiler-"))
            editor_dir = self._editor_dir
            self._editor_job = Forked(lambda: write_files(editor_files(catalog), editor_dir))
            for src_uri in EDITOR_FILES:
                files.append(File.generated(config, src_uri, abs_src_path=str(editor_dir / src_uri)))
        self._pages: dict[str, GeneratedPage] = {}
        for page in all_pages(self.catalog, self.config.page_size, self.decisions, self.config.knowledge_views,
                              mailbox=self.mailbox, memo=memo):
            if page.src_uri in self._pages:
                raise PluginError(f"två genererade sidor får adressen {page.src_uri}")
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"docs/{page.src_uri} krockar med en genererad sida; byt namn på filen")
            self._pages[page.src_uri] = page
            # Generated pages are reached by listings and search, not the nav: no 'not in nav' notice.
            files.append(self._generated(config, page.src_uri, page.markdown, InclusionLevel.NOT_IN_NAV,
                                         compare=page.source))
        if getattr(self, "_dirty", False):
            self._remove_vanished(files, config)
            self._render_hand_written_on_change(files, memo)
        return files

    def _remove_vanished(self, files: Files, config: MkDocsConfig) -> None:
        """Under `serve --dirty`, a generated file the last build made and this one does not (a project
        whose page no longer loads, a list now empty) is removed from the site: its address gives the
        404 page, with the checker's messages, instead of what it showed before."""
        made = {file.src_uri for file in files if file.generated_by is not None}
        for src_uri in [uri for uri in self._previous if uri not in made]:
            del self._previous[src_uri]
            Path(File.generated(config, src_uri, content="").abs_dest_path).unlink(missing_ok=True)

    def _render_hand_written_on_change(self, files: Files, memo: PageMemo) -> None:
        """Hand-written pages are rendered again under `serve --dirty` when what they show from the
        catalog changed, which MkDocs cannot know: those with macros (the start page's new reports)
        when a project's facts or the vocabulary changed, all of them when the checker's messages
        (the banner at the top of every page) changed."""
        facts = (self.catalog.vocabulary, self.mailbox, tuple(memo.facts(p) for p in self.catalog.projects))
        messages = tuple(str(problem) for problem in self._broken)
        facts_changed = getattr(self, "_facts", None) not in (None, facts)
        messages_changed = getattr(self, "_messages", None) not in (None, messages)
        self._facts, self._messages = facts, messages
        if not facts_changed and not messages_changed:
            return
        for file in files.documentation_pages():
            if file.generated_by is None and (messages_changed or _MACRO.search(file.content_string)):
                file.is_modified = lambda: True  # type: ignore[method-assign]

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # With on_startup the plugin lives on between the rebuilds of `mkdocs serve`. Under
        # `mkdocs serve --dirty` it remembers what it generated, and a generated file whose
        # content is unchanged is not rendered again: saving one project page re-renders that
        # page and the listings it appears in, not the whole site.
        self._command = command
        self._serving = command == "serve"
        self._dirty = self._serving and dirty
        self._previous: dict[str, str | bytes] = {}
        self._rendered: set[str] = set()  # generated files MkDocs writes again in this build
        # Under `mkdocs serve` pages and listings whose files and inputs did not change are neither
        # read, checked nor made again (checks.cache, views.PageMemo).
        self._checked = PageCache() if self._serving else None
        self._memo = PageMemo() if self._serving else None
        self._finishing: _Finishing | None = None
        self._templates = _CompiledTemplates() if self._serving else None
        self._theme_files: dict[str, list[str]] = {}
        self._similar_earlier: dict[str, list[str]] | None = None
        self._uncollected = 0  # rebuilds since the garbage was last collected (on_config, _Finishing)

    def _generated(self, config: MkDocsConfig, src_uri: str, content: str | bytes,
                   inclusion: InclusionLevel = InclusionLevel.UNDEFINED, compare: str | None = None) -> File:
        """A file made in memory; compare is what decides whether it changed (content by default)."""
        file = File.generated(config, src_uri, content=content, inclusion=inclusion)
        if getattr(self, "_dirty", False):
            key = content if compare is None else compare
            if self._previous.get(src_uri) == key:
                file.is_modified = lambda: False  # type: ignore[method-assign]
            else:
                self._rendered.add(src_uri)
            self._previous[src_uri] = key
        return file

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # MkDocs makes a new Jinja environment for every build; under `mkdocs serve` the theme's
        # templates are compiled once, not at every rebuild (a template whose text changes is
        # compiled again: the cache is keyed by its source's checksum).
        if getattr(self, "_templates", None) is not None:
            env.bytecode_cache = self._templates
        self._navigation = orientation.NavigationCache(env) if self.config.navigation_cache else None
        job, self._editor_job = self._editor_job, None
        if job is None:  # under `mkdocs serve` (made above), or the second process (the parent waits)
            return env
        try:
            job.result()
        except BackgroundError as error:
            raise PluginError(f"Redaktörsfilerna (JSON Schema, importmallar) kunde inte göras:\n{error}") from error
        return env

    @event_priority(-100)  # last: the second process starts from what every plugin made of the navigation
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self._files = files
        orientation.keep_previous_and_next_within_sections(nav)
        self._parallel = None
        wanted = self.config.second_process
        if wanted is None:
            wanted = background.has_spare_core()
        if wanted and getattr(self, "_command", "build") == "build" and not self._broken:
            # Pages in the navigation stay here: others show their titles, which reading them sets.
            listed = {id(page) for page in nav.pages}
            generated = [file for file in files.documentation_pages()
                         if file.src_uri in self._pages and id(file.page) not in listed]
            self._parallel = parallel.start(generated, config, files, nav, self._become_second_process)
        return nav

    def _become_second_process(self) -> None:
        """In the forked child that renders a share of the pages: the jobs belong to the parent."""
        self._editor_job = self._made = self._search = self._parallel = None

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        if self._parallel is not None and self._parallel.is_stand_in(page):
            return context  # rendered by the second process
        if getattr(self, "_lit", None) is not None:  # the previous page failed before on_post_page
            self._lit.active = False
        # overrides/main.html announces these feeds in the page head (<link rel="alternate">).
        context["kb_feeds"] = page_feeds(self.catalog, page.file.src_uri)
        # overrides/partials/path.html draws the breadcrumbs.
        generated = self._pages.get(page.file.src_uri)
        trail, crumb = (generated.trail, generated.crumb) if generated else ((), None)
        context["kb_brodsmulor"] = orientation.breadcrumbs(page, nav, self._files, trail, crumb)
        self._lit = orientation.light_tab(page, nav, self._files, trail)
        # overrides/main.html puts them in place of Material's own rendering of partials/nav.html and tabs.html.
        context["kb_navigering"] = self._navigation.html(context, page, nav) if self._navigation else None
        return context

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        if self._parallel is not None and self._parallel.is_stand_in(page):
            return html
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            html = generated.fill(html)  # the structure from the catalog, which skipped Markdown
            # Its ids can be linked to like those Markdown made: 'annat-projekt.md#fakta'.
            page.present_anchor_ids = (page.present_anchor_ids or set()) | generated.block_ids()
        return wrap_tables(html, page.title or "")

    def on_pre_page(self, page, config: MkDocsConfig, files: Files):
        if self._parallel is not None and self._parallel.is_stand_in(page):
            page.render = lambda config, files: parallel.stand_in(page)  # type: ignore[method-assign]
            return page
        generated = self._pages.get(page.file.src_uri)
        if generated is not None and generated.html is not None and self.config.skip_markdown:
            # Nothing on the page for Markdown to read: MkDocs takes its HTML and headings as they are.
            page.render = lambda config, files: without_markdown(page, generated)  # type: ignore[method-assign]
        return page

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # The search index (Pagefind) of the project pages and their PDFs' text, page by page,
        # is built in another process while MkDocs renders the pages.
        from .search import SearchBuild

        self._search = None
        if self.config.search_index:
            self._search = SearchBuild(self.catalog, self.projects_dir, Path(config.site_dir),
                                       low_priority=getattr(self, "_serving", False))

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._parallel is not None:
            second, self._parallel = self._parallel, None
            try:
                second.finish(self._files, config)
            except BackgroundError as error:
                raise PluginError(f"Sidorna i den andra processen kunde inte renderas:\n{error}") from error
        if self._editor_dir is not None:
            shutil.rmtree(self._editor_dir, ignore_errors=True)
        made, self._made = self._made, None
        if getattr(self, "_serving", False):
            # Under `mkdocs serve` the pages are shown as soon as they are written: the downloads,
            # feeds, similar projects and search index are finished in a thread (a new rebuild
            # stops them), and only the pages written again have their links checked.
            search, self._search = self._search, None
            pages = [self._pages[uri] for uri in self._rendered if uri in self._pages] if self._dirty \
                else list(self._pages.values())
            self._rendered = set()
            self._finishing = _Finishing(self, made, search, pages, Path(config.site_dir))
            return
        try:
            made.result()
        except BackgroundError as error:
            raise PluginError(_MADE_FAILED.format(error)) from error
        _check_links(self._pages.values(), Path(config.site_dir))
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
        if getattr(self, "_lit", None) is not None:
            self._lit.active = False  # the next page lights its own tab
            self._lit = None
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
        if getattr(self, "_serving", False):
            gc.unfreeze()  # frozen in on_config; no _Finishing will collect this time
        if getattr(self, "_dirty", False):
            self._rendered = set()
            self._previous.clear()  # a failed build may not have written them: render all next time
            self._facts = self._messages = ()  # nor the hand-written pages
        if getattr(self, "catalog", None) is not None:
            self.catalog.stop_similar()
        for name in ("_editor_job", "_made", "_parallel"):
            if getattr(self, name, None) is not None:
                getattr(self, name).cancel()
                setattr(self, name, None)
        if getattr(self, "_search", None) is not None:
            self._search.cancel()
            self._search = None

    def on_shutdown(self) -> None:
        if getattr(self, "_finishing", None) is not None:
            self._finishing.stop()

    def on_serve(self, server, config: MkDocsConfig, builder):
        # Project pages live outside docs/; a saved page must trigger a rebuild too.
        server.watch(str(self.projects_dir))
        # The folders editors save into are polled more often than MkDocs' half second.
        for path, interval in poll_sooner(server, [str(self.projects_dir), config.docs_dir]).items():
            log.debug(f"{path}: letar efter ändringar var {interval:.2f}:e sekund")
        return server


_MADE_FAILED = "Nedladdningsfilerna och flödena kunde inte skrivas:\n{}"


def _check_links(pages, site_dir: Path) -> None:
    """MkDocs checks the links in Markdown; those in the generated HTML are checked here, against
    the built files, so that `--strict` fails on a broken one just the same (a warning)."""
    for broken in check_generated_links(pages, site_dir):
        log.warning(f"En genererad länk leder ingenstans: {broken}")


class _Finishing:
    """What a rebuild under `mkdocs serve` finishes after its pages are shown, in a thread: the
    downloads and feeds, then the links of the pages written again, the similar projects for the
    next rebuild, the search index, swapped in whole and announced in the log, and last, once no
    save has come for a moment, the garbage."""

    _swap = threading.Lock()  # one index at a time is moved into the site

    def __init__(self, plugin: KunskapsbankenPlugin, made: Forked, search, pages: list[GeneratedPage],
                 site_dir: Path):
        self.plugin, self.made, self.search, self.catalog = plugin, made, search, plugin.catalog
        self.stopped = False
        self._stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(pages, site_dir), daemon=True,
                                       name="kunskapsbanken-efter-bygget")
        self.thread.start()

    def _run(self, pages: list[GeneratedPage], site_dir: Path) -> None:
        started = time.perf_counter()
        try:
            self.made.result()
        except BackgroundError as error:
            if not self.stopped:
                log.error(_MADE_FAILED.format(error))
        else:
            _check_links(pages, site_dir)
        try:
            counted = self.catalog.similar_counted()
            if counted is not None:  # right for this rebuild's catalog, and the nearest for the next
                self.plugin._similar_earlier = counted
        except BackgroundError as error:
            if not self.stopped:
                log.error(f"Liknande projekt kunde inte räknas fram:\n{error}")
        if self.search is not None:
            self._finish_search(started)
        # Frozen when the rebuild began (on_config); collected once no save has come for a moment:
        # the collection holds the interpreter for as long as it runs (0.3-0.5 s at 1,000 projects),
        # and a rebuild that began meanwhile would wait for it.
        if not self._stopping.wait(_IDLE_BEFORE_COLLECTING):
            gc.unfreeze()
            gc.collect()
            self.plugin._uncollected = 0

    def _finish_search(self, started: float) -> None:
        with self._swap:
            try:
                problems = self.search.finish()
            except BackgroundError as error:
                if not self.stopped:
                    log.error(f"Sökindexet kunde inte byggas:\n{error}")
                return
        for problem in problems:
            log.info(problem)
        log.info(f"Sökindexet är uppdaterat ({format(time.perf_counter() - started, '.1f')} s efter sidorna)")

    def stop(self) -> None:
        """Stop what is still at work; what is done stays in the site."""
        self.stopped = True
        self._stopping.set()
        self.made.stop()
        self.catalog.stop_similar()
        if self.search is not None:
            self.search.stop()


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory, by template and the checksum of its source."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)
