"""Where am I: breadcrumbs, the lit top tab and previous/next links, from MkDocs' navigation.

Part of the MkDocs adapter. Generated pages are outside the navigation (listing every project
there makes the build quadratic), so MkDocs lights no tab for them; their views name the pages
above them (GeneratedPage.trail), and the nearest of those that is in the navigation lights its tab.
"""

from __future__ import annotations

import html

from typing import Iterator

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

HOME = "Start"


def _pages(item) -> Iterator[Page]:
    if isinstance(item, Page):
        yield item
    elif isinstance(item, Section):
        for child in item.children:
            yield from _pages(child)


def keep_previous_and_next_within_sections(nav: Navigation) -> None:
    """'Föregående' and 'Nästa' lead to pages of the same top tab only: /om/ never leads to 'Importera'."""
    for item in nav.items:
        pages = list(_pages(item))
        for index, page in enumerate(pages):
            page.previous_page = pages[index - 1] if index > 0 else None
            page.next_page = pages[index + 1] if index + 1 < len(pages) else None


def _in_nav(page: Page | None, nav: Navigation) -> bool:
    return page is not None and any(listed is page for listed in nav.pages)


def _section_crumbs(page: Page, skip: Page) -> list[dict]:
    """The sections above a page in the navigation, each linked to its first page (its index)."""
    crumbs = []
    for section in reversed(page.ancestors):
        first = next(_pages(section), None)
        if first is None or first is skip:
            continue
        crumbs.append({"title": html.unescape(section.title), "url": first.url})
    return crumbs


def breadcrumbs(page: Page, nav: Navigation, files: Files, trail, crumb: str | None) -> list[dict]:
    """[{title, url, current}] from Start to the page; empty on the start page."""
    if page.is_homepage:
        return []
    items = [{"title": HOME, "url": nav.homepage.url if nav.homepage else ""}]
    if trail:
        first = files.get_file_from_path(trail[0][1])
        if first is not None and first.page is not None:
            items += _section_crumbs(first.page, first.page)
        for label, src_uri in trail:
            file = files.get_file_from_path(src_uri)
            if file is not None:
                items.append({"title": label, "url": file.url})
    else:
        items += _section_crumbs(page, page)
    # Page and section titles are HTML to MkDocs and Material (ours are escaped once, in
    # views.markdown.front_matter); a crumb is text, which the template escapes.
    items.append({"title": crumb or html.unescape(page.title or ""), "url": page.url, "current": True})
    return items


def light_tab(page: Page, nav: Navigation, files: Files, trail) -> Page | None:
    """Light the tab (and the sidebar section) of a generated page: its nearest listed ancestor's.

    Returns the page lit, to be put out again after this page is rendered.
    """
    if _in_nav(page, nav):
        return None
    for _, src_uri in reversed(trail):
        file = files.get_file_from_path(src_uri)
        if file is not None and _in_nav(file.page, nav):
            file.page.active = True
            return file.page
    return None


def _items(items) -> Iterator:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or ())


class NavigationCache:
    """Material's navigation (the sidebar and the tabs), rendered once per kind of page, not on every page.

    Material renders the whole navigation twice for each page, which at 1,000 projects was a fifth
    of the build. On a page outside the navigation (every generated page) it differs only by the
    items lit (light_tab) and by where the page lies (links are relative): pages alike in both
    get the same HTML. Pages in the navigation mark themselves in it and are rendered as usual.
    """

    # The partials as base.html includes them, with the names base.html gives them.
    _PARTIAL = ('{% import "partials/language.html" as lang with context %}'
                '{% set features = config.theme.features or [] %}{% include "partials/NAME.html" %}')

    def __init__(self, env) -> None:
        self._templates = {name: env.from_string(self._PARTIAL.replace("NAME", name)) for name in ("nav", "tabs")}
        self._rendered: dict[tuple, dict[str, str]] = {}

    def html(self, context: dict, page: Page, nav: Navigation) -> dict[str, str] | None:
        """{'nav': …, 'tabs': …} for this page, or None for a page in the navigation."""
        if _in_nav(page, nav):
            return None
        items = list(_items(nav.items))
        addresses = [item.url for item in items if getattr(item, "url", None) is not None]
        if nav.homepage is not None:
            addresses.append(nav.homepage.url)
        key = (tuple(bool(getattr(item, "active", False)) for item in items),
               tuple(normalize_url(address, page=page) for address in addresses))
        if key not in self._rendered:
            self._rendered[key] = {name: template.render(context) for name, template in self._templates.items()}
        return self._rendered[key]
