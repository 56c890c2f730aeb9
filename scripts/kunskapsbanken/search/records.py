"""The catalog as search records: one per project page and one per page of each PDF report.

A record is what Pagefind indexes: a URL relative to the site root, plain Swedish text,
metadata shown in a hit, and the facet values (filters) the search page counts.
Pure data: no MkDocs, no Pagefind.
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
from ..views.links import project_url
from ..views.markdown import years_text
from . import pdf_text

# The facets of the search page, in the order they are shown.
SEARCH_FACETS = ("area", "year", "type", "target_group", "knowledge_kind", "administration", "status",
                 "document_kind")
LANGUAGE = "sv"


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the site root: 'projekt/x/' or 'projekt/x/rapport.pdf#page=3'
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    language: str = LANGUAGE


def document_label(document: Document, page: int | None = None) -> str:
    """'Slutrapport, sida 12': which document of a project a hit is in."""
    label = document.kind.capitalize()
    return f"{label}, sida {page}" if page is not None else label


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(^|\s)#{1,6}\s|[*_`>|]|<[^>]+>|\{[:#.][^}]*\}")


def plain_text(markdown: str) -> str:
    """Markdown body as searchable text: link texts kept, targets and markup dropped."""
    text = _LINK.sub(r"\1", markdown)
    text = _MARKUP.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _filters(catalog: Catalog, project: Project) -> dict[str, list[str]]:
    return {key: FACET_BY_KEY[key].terms_of(project, catalog.vocabulary) for key in SEARCH_FACETS}


def _meta(project: Project) -> dict[str, str]:
    return {
        "type": project.type.value,
        "years": years_text(list(project.years)),
        "administration": project.administration or ", ".join(project.performers),
    }


def project_record(catalog: Catalog, project: Project) -> SearchRecord:
    parts = [project.title, project.summary, plain_text(project.body), " ".join(project.keywords),
             " ".join(project.areas), project.administration or "", " ".join(project.co_applicants),
             " ".join(project.performers), str(project.destination or ""), project.contact or "",
             " ".join(d.title for d in project.documents), project.gender_analysis or ""]
    meta = {"title": project.title, **_meta(project), "kind": "projekt", "document": "Projektsida"}
    return SearchRecord(project_url(project.id), " ".join(p for p in parts if p), meta, _filters(catalog, project))


def pdf_records(catalog: Catalog, project: Project, document: Document, pages: list[str]) -> Iterator[SearchRecord]:
    filters = {**_filters(catalog, project), "document_kind": [document.kind]}
    for number, text in enumerate(pages, start=1):
        if not pdf_text.has_text(text):
            continue
        meta = {"title": document.title, **_meta(project), "kind": "pdf", "project": project.title,
                "project_url": project_url(project.id), "document": document_label(document, number)}
        url = f"{project_url(project.id)}{document.file}#page={number}"
        yield SearchRecord(url, text, meta, filters)


def records(catalog: Catalog, extract: Callable[[Path], tuple[list[str], list[Problem]]] = pdf_text.extract
            ) -> tuple[list[SearchRecord], list[Problem]]:
    """Every record of the catalog, and the problems met reading its PDFs."""
    found: list[SearchRecord] = []
    problems: list[Problem] = []
    for project in catalog.projects:
        found.append(project_record(catalog, project))
        for document in project.documents:
            path = project.attachment_path(document)
            if path is None or document.file not in project.file_sizes or path.suffix.lower() != ".pdf":
                continue
            pages, trouble = extract(path)
            problems += trouble
            found += pdf_records(catalog, project, document, pages)
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
