"""The catalog as search records: one per project page and one per page of each PDF report.

A record is what Pagefind indexes: a URL relative to the site root, plain Swedish text,
metadata shown in a hit, the facet values (filters) the search page counts and sort keys.
Pure data: no MkDocs, no Pagefind.

The content is only what a hit's snippet may show: a project's summary and body (headings left
out, so they do not run into the text), or a PDF page's text; the title is the meta field
`title`, which Pagefind searches and ranks higher. Everything else
that should find the record goes into the meta field `sokord`, which Pagefind searches but
never uses for a snippet: keywords, areas, administrations, performers, target groups,
knowledge kinds, document titles,
the vocabulary's aliases of them, synonyms (synonymer.yml) of the words in the text, and the
parts of its compound words ('relationsvåld' -> 'relations våld').

Meta keys of every record (for drawing a hit):
  title     the project's title, or the document's for a PDF page
  kind      'projekt' or 'pdf'
  type      'FUM', 'LUM' or 'MUL'
  years     '2018–2020' (text)
  areas     'Hemlöshet, Förebyggande arbete'
  administration  the administration (or the performers when there is none)
  document  'Projektsida' or 'Slutrapport, sida 3'
  project, project_url   (PDF pages only) the project's title and address
  sokord    search words only; not to be shown
Sort keys (Pagefind `sort`): 'ar' = last year granted ('2020'), 'titel' = the title the hit shows
(a PDF page: its document's) in Swedish order ('titel' ascending is A–Ö). Filters: see SEARCH_FACETS.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .. import swedish
from ..catalog import Catalog
from ..facets import FACET_BY_KEY
from ..model import Document, Project
from ..problems import Problem
from ..swedish import stem
from ..text import plain_text, years_text
from ..urls import project_url
from . import pdf_text
from .synonyms import Synonyms, vocabulary_groups
from .words import split_compound, tokens

# The facets of the search page, in the order they are shown.
SEARCH_FACETS = ("area", "year", "type", "target_group", "knowledge_kind", "administration", "status",
                 "document_kind")
LANGUAGE = "sv"
_HEADING = re.compile(r"^#{1,6}\s.*$", re.M)
_NAME = re.compile(r"\b[A-ZÅÄÖ][\w-]+")


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the site root: 'projekt/x/' or 'projekt/x/rapport.pdf#page=3'
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    language: str = LANGUAGE


def document_label(document: Document, page: int | None = None) -> str:
    """'Slutrapport, sida 12': which document of a project a hit is in."""
    label = document.kind.capitalize()
    return f"{label}, sida {page}" if page is not None else label


class SearchWords:
    """The extra words of a record: vocabulary aliases of its terms, synonyms, compound parts."""

    def __init__(self, catalog: Catalog, groups: list = ()):
        self.vocabulary = catalog.vocabulary
        self.synonyms = Synonyms([*vocabulary_groups(catalog.vocabulary), *groups])
        self._by_term = {member.casefold(): group.members for group in self.synonyms.groups for member in group.members}

    def of_terms(self, names: list[str]) -> list[str]:
        """The names with their aliases: 'Ekonomiskt bistånd' -> also 'Försörjningsstöd', 'Ekonomiskt stöd'."""
        found = []
        for name in names:
            found += self._by_term.get(name.casefold(), (name,))
        return found

    def of_text(self, text: str) -> list[str]:
        words = tokens(text)
        extra = self.synonyms.expand([stem(w) for w in words])
        # Names (Skärholmens, Hägersten) are not compounds to split.
        names = {name.casefold() for name in _NAME.findall(text)}
        for word in [w for w in dict.fromkeys(words) if w not in names]:
            parts = split_compound(word)
            if parts:
                extra.append(" ".join(parts))
        return extra


def _sort(project: Project, title: str) -> dict[str, str]:
    """Sort keys; 'titel' is the title the hit shows (a PDF page shows its document's), so that
    a list sorted A–Ö reads A–Ö."""
    years = list(project.years)
    return {"ar": str(max(years)) if years else "0", "titel": _title_key(title)}


def _title_key(title: str) -> str:
    """The title as a string that sorts the Swedish way byte by byte (å, ä, ö after z)."""
    primary = swedish.sort_key(title)[0]
    return "".join(chr(0x4E00 + rank) for rank in primary)


def _filters(catalog: Catalog, project: Project) -> dict[str, list[str]]:
    return {key: FACET_BY_KEY[key].terms_of(project, catalog.vocabulary) for key in SEARCH_FACETS}


def _meta(project: Project) -> dict[str, str]:
    return {
        "type": project.type.value,
        "years": years_text(list(project.years)),
        "areas": ", ".join(project.areas),
        "administration": project.administration or ", ".join(project.performers),
    }


def _words(*parts: str) -> str:
    """Search words and phrases, each once, in the order first met."""
    return " ".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def project_record(catalog: Catalog, project: Project, words: SearchWords | None = None) -> SearchRecord:
    words = words or SearchWords(catalog)
    body = plain_text(_HEADING.sub(" ", project.body))
    content = " ".join(p for p in [project.summary, body, project.gender_analysis or ""] if p)
    administrations = [project.administration] if project.administration else []
    kinds = [d.kind for d in project.documents]
    named = [*project.keywords, *project.co_applicants, str(project.destination or ""), project.contact or "",
             *(d.title for d in project.documents)]
    terms = words.of_terms([*project.areas, *administrations, *project.performers, *kinds, *project.target_groups,
                            *project.knowledge_kinds])
    sokord = _words(*terms, *named, *words.of_text(" ".join([content, *named])))
    meta = {"title": project.title, **_meta(project), "kind": "projekt", "document": "Projektsida", "sokord": sokord}
    return SearchRecord(project_url(project.id), content, meta, _filters(catalog, project), _sort(project, project.title))


def pdf_records(catalog: Catalog, project: Project, document: Document, pages: list[str],
                words: SearchWords | None = None) -> Iterator[SearchRecord]:
    words = words or SearchWords(catalog)
    filters = {**_filters(catalog, project), "document_kind": [document.kind]}
    kind_words = words.of_terms([document.kind])
    for number, text in enumerate(pages, start=1):
        if not pdf_text.has_text(text):
            continue
        meta = {"title": document.title, **_meta(project), "kind": "pdf", "project": project.title,
                "project_url": project_url(project.id), "document": document_label(document, number),
                "sokord": _words(*kind_words, *words.of_text(text))}
        url = f"{project_url(project.id)}{document.file}#page={number}"
        yield SearchRecord(url, text, meta, filters, _sort(project, document.title))


def records(catalog: Catalog, extract: Callable[[Path], tuple[list[str], list[Problem]]] = pdf_text.extract,
            groups: list = ()) -> tuple[list[SearchRecord], list[Problem]]:
    """Every record of the catalog, and the problems met reading its PDFs; groups: synonymer.yml's."""
    found: list[SearchRecord] = []
    problems: list[Problem] = []
    words = SearchWords(catalog, groups)
    for project in catalog.projects:
        found.append(project_record(catalog, project, words))
        for document in project.documents:
            path = project.attachment_path(document)
            if path is None or document.file not in project.file_sizes or path.suffix.lower() != ".pdf":
                continue
            pages, trouble = extract(path)
            problems += trouble
            found += pdf_records(catalog, project, document, pages, words)
    return found, problems


def facet_definitions(catalog: Catalog) -> list[dict]:
    """What the search page needs to draw its facets: label, URL parameter, terms in order."""
    definitions = []
    for key in SEARCH_FACETS:
        facet = FACET_BY_KEY[key]
        terms = [{"value": t.name, "label": t.name.capitalize() if key == "document_kind" else t.name}
                 for t in catalog.terms(key)]
        definitions.append({"key": key, "label": facet.singular, "param": swedish.slugify(facet.singular),
                            "terms": terms})
    return definitions


def facet_json(catalog: Catalog) -> str:
    return json.dumps(facet_definitions(catalog), ensure_ascii=False, separators=(",", ":"))
