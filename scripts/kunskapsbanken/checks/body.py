"""The body of a page is Markdown, never HTML: raw HTML, attributes from attribute lists and
script links are refused, so the site only has the elements that Markdown makes.

Refusing rather than cleaning: an editor who pastes HTML from Word or an e-mail sees at once
what will not be shown, with the line, instead of a page that silently lost part of its text.
The body is read with Python-Markdown and the site's extensions, the same parser as the build,
so code spans and code blocks, where markup is shown as text, are never reported.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
from markdown.treeprocessors import Treeprocessor

from ..model import Project
from ..problems import Problem

# The Markdown extensions of the site (mkdocs.yml, markdown_extensions); a test keeps them equal.
EXTENSIONS = ["attr_list", "md_in_html", "def_list", "admonition", "pymdownx.details", "pymdownx.superfences", "tables",
              "toc"]
# Attributes that Markdown itself writes, and what the attribute list syntax may add ({: .klass #id }).
_ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "id", "class", "colspan", "rowspan"}
_TABLE_ALIGN = re.compile(r"^text-align: (?:left|right|center);?$")
_SAFE_LINK = re.compile(r"^(?:https?:|mailto:|[^:]*$)", re.IGNORECASE)
# What a browser drops from an address before reading its scheme (the URL standard): tabs and line
# breaks anywhere, controls and spaces in front.
_DROPPED_IN_ADDRESS = re.compile(r"[\t\n\r]")
_LEADING_CONTROLS = "".join(map(chr, range(0x21)))
_ENTITY = re.compile(r"^&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
_COMMENT = re.compile(r"^<!--.*?-->\s*$", re.DOTALL)
_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)")
# Python-Markdown's time grows with the square of the '[' and '<' in a text (5 000 '[' take
# 18 s), and it recurses once per level of nested lists, quotes and definitions. A real body
# has a few dozen of each; above these counts the body is refused before it is parsed.
MAX_SPECIAL = {"[": 2_000, "<": 2_000}


def _fence_placeholder(*_args, **_kwargs) -> str:
    return "<!-- kod -->"


# Fenced code is code, markup and all. superfences keeps its highlighted HTML aside as a raw
# block; here every fence (any language, or none) becomes a comment, which the check skips.
_FENCES_AS_COMMENTS = {"pymdownx.superfences": {"custom_fences": [
    {"name": "*", "class": "kod", "format": _fence_placeholder}]}}


def check(project: Project) -> list[Problem]:
    if not project.body.strip():
        return []
    for character, limit in MAX_SPECIAL.items():
        count = project.body.count(character)
        if count > limit:
            return [_problem(project, character, f"texten har för många '{character}' ({count}; högst {limit}) "
                                                 "för att kunna läsas som Markdown; dela upp texten eller lägg "
                                                 "den i en PDF-bilaga")]
    parser, collector = _parser()
    try:
        parser.convert(project.body)
    except RecursionError:
        return [Problem(project.source, project.body_line, 1, "",
                        "texten är för djupt nästlad (listor, citat eller definitioner i varandra) för att "
                        "kunna läsas som Markdown; gör strukturen plattare")]
    problems: list[Problem] = []
    reported: set[str] = set()
    for raw in parser.htmlStash.rawHtmlBlocks:
        raw = str(raw)
        if _ENTITY.match(raw) or _COMMENT.match(raw):
            continue
        tag = _TAG.search(raw)
        name = tag.group(1).lstrip("/").lower() if tag else raw.strip()[:20]
        if name in reported:
            continue
        reported.add(name)
        problems.append(_problem(project, f"<{name}",
                                 f"HTML-koden <{name}> visas inte: sidans text skrivs i Markdown. Skriv "
                                 "**fetstil**, *kursiv*, listor med '-' och länkar som [text](adress); se "
                                 "redaktörsguiden"))
    for tag, name, value in collector.found:
        if name in ("href", "src") and not _SAFE_LINK.match(followed_address(value)):
            scheme = followed_address(value).split(":", 1)[0]
            # At the line that holds the address as written, else the line with its scheme.
            needle = value if value and value in project.body else f"{scheme}:"
            problems.append(_problem(project, needle, f"länken '{value}' börjar med '{scheme}:'; "
                                                      "bara http-, https- och mailto-länkar är tillåtna"))
        elif name == "style" and tag in ("th", "td") and _TABLE_ALIGN.match(value or ""):
            continue
        elif name not in _ALLOWED_ATTRIBUTES:
            problems.append(_problem(project, name, f"attributet '{name}' i en attributlista {{: … }} är inte "
                                                    "tillåtet; bara klasser (.namn) och id (#namn)"))
    return problems


def followed_address(value: str | None) -> str:
    """The address as the browser follows it. Markdown keeps character references in an address
    ('javascript&#58;alert(1)'), which the browser decodes, and 'java&#9;script:' is 'javascript:'."""
    decoded = _DROPPED_IN_ADDRESS.sub("", html.unescape(value or ""))
    return decoded.lstrip(_LEADING_CONTROLS)


@functools.lru_cache(maxsize=1)
def _reusable_parser() -> tuple[markdown.Markdown, "_Attributes"]:
    # Without md_in_html every HTML block is kept aside as HTML, '<div markdown>' too.
    parser = markdown.Markdown(extensions=[name for name in EXTENSIONS if name != "md_in_html"],
                               extension_configs=_FENCES_AS_COMMENTS)
    collector = _Attributes(parser)
    parser.treeprocessors.register(collector, "kunskapsbanken_attributes", 0)  # last: after attr_list
    return parser, collector


def _parser() -> tuple[markdown.Markdown, "_Attributes"]:
    """One parser for every body (making one costs as much as reading a short body), reset before each."""
    parser, collector = _reusable_parser()
    parser.reset()
    collector.found = []
    return parser, collector


def _problem(project: Project, needle: str, message: str) -> Problem:
    """The problem at the first line of the body that holds needle, else at the body's start."""
    offset, column = 0, 1
    for number, line in enumerate(project.body.split("\n")):
        at = line.find(needle)
        if at >= 0:
            offset, column = number, at + 1
            break
    return Problem(project.source, project.body_line + offset, column, "", message)


class _Attributes(Treeprocessor):
    """The attributes of the elements that Markdown made (raw HTML is still set aside here)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: list[tuple[str, str, str | None]] = []

    def run(self, root):
        for element in root.iter():
            self.found += [(element.tag, name, value) for name, value in element.attrib.items()]
