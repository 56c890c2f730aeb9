"""The catalog: every loaded project, its facets' terms and the queries views ask."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import swedish
from .facets import FACET_BY_KEY, FACETS, Facet, declared_order
from .loader import discover, load_project, vocabulary_path
from .model import Document, Project
from .problems import Problem, Severity
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Term:
    """One value of a facet and the projects that have it (a Hugo taxonomy term)."""

    facet: Facet
    name: str
    slug: str
    projects: tuple[Project, ...]

    @property
    def count(self) -> int:
        return len(self.projects)

    @property
    def has_page(self) -> bool:
        """A declared term has its page even while empty; others from the facet's minimum on."""
        return self.facet.order == "declared" or self.count >= self.facet.min_projects

    @property
    def linked(self) -> bool:
        """Whether links lead to its list: never to an empty one, never to one below the minimum."""
        return self.count >= max(1, self.facet.min_projects)


@dataclass(frozen=True)
class DocumentEntry:
    """A document together with the project it belongs to, for document listings."""

    project: Project
    document: Document

    @property
    def size(self) -> int | None:
        return self.project.file_sizes.get(self.document.file) if self.document.file else None

    def sort_key(self) -> tuple:
        date = self.document.date
        return (-(date.year if date else 0), -((date.month or 0) if date else 0),
                -((date.day or 0) if date else 0), swedish.sort_key(self.document.title))


class Catalog:
    """All projects, sorted the Swedish way, with their terms computed once."""

    def __init__(self, projects: Iterable[Project], vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.projects: tuple[Project, ...] = tuple(
            sorted(projects, key=lambda p: (swedish.sort_key(p.title), p.id))
        )
        self.by_id = {project.id: project for project in self.projects}
        # When each file under projects/ first appeared in the bank (kunskapsbanken.history), for
        # documents without a date of their own; the build fills it in, the checker does not need it.
        self.first_appeared: dict[Path, dt.datetime] = {}
        self._terms = {facet.key: self._build_terms(facet) for facet in FACETS}
        self._term_by_slug = {key: {t.slug: t for t in terms} for key, terms in self._terms.items()}
        self._referrers: dict[str, list[Project]] = {}
        self._related: dict[str, list[Project]] = {}
        self._similar: dict[str, list[str]] | None = None
        self._background = None
        self._earlier: dict[str, list[str]] | None = None
        # Off only in benchmarks that measure what the suggestions cost.
        self.suggest_similar = True
        for project in self.projects:
            for other in project.related:
                self._referrers.setdefault(other, []).append(project)

    def _build_terms(self, facet: Facet) -> list[Term]:
        members: dict[str, list[Project]] = {}
        spelling: dict[str, str] = {}  # slug -> the first name with it: one page per address
        for project in self.projects:
            names = dict.fromkeys(spelling.setdefault(facet.slug(n), n) for n in facet.terms_of(project, self.vocabulary))
            for name in names:
                members.setdefault(name, []).append(project)
        if facet.order == "swedish":
            names = sorted(members, key=swedish.sort_key)
        elif facet.order == "newest_first":
            names = sorted(members, key=int, reverse=True)
        else:
            # A declared term has its page even while it is empty ("Inga reserapporter ännu").
            order = declared_order(facet, self.vocabulary)
            names = order + [n for n in members if n not in order]
        return [Term(facet, name, facet.slug(name), tuple(members.get(name, ()))) for name in names]

    def terms(self, facet_key: str) -> list[Term]:
        return self._terms[facet_key]

    def term(self, facet_key: str, name: str) -> Term | None:
        """The term of that name, or of another spelling with the same address ('Covid-19', 'covid 19')."""
        return self._term_by_slug[facet_key].get(FACET_BY_KEY[facet_key].slug(name))

    def select(self, from_year: int | None = None, to_year: int | None = None,
               **filters: str | int | None) -> list[Project]:
        """Projects that have every given facet value, e.g. select(area='Hemlöshet', type='LUM')."""
        chosen = list(self.projects)
        for key, value in filters.items():
            if value is None:
                continue
            facet = FACET_BY_KEY[key]
            chosen = [p for p in chosen if str(value) in facet.terms_of(p, self.vocabulary)]
        if from_year is not None:
            chosen = [p for p in chosen if p.years[-1] >= from_year]
        if to_year is not None:
            chosen = [p for p in chosen if p.years[0] <= to_year]
        return chosen

    def similar(self, project: Project) -> list[Project]:
        """Projects alike in their own words (suggestions beside 'relaterade'), best first.

        Computed for the whole catalog at once, since each needs every other's words: on
        first use, or by a background job started with similar_in_background()."""
        if not self.suggest_similar:
            return []
        if self._similar is None and self._earlier is not None:
            # The last build's suggestions while this one's are counted: without projects gone
            # since, or those the editor has named as related meanwhile.
            named = {p.id for p in self.related(project)}
            return [self.by_id[pid] for pid in self._earlier.get(project.id, [])
                    if pid in self.by_id and pid not in named and pid != project.id]
        if self._similar is None:
            from .similarity import entries, similar_ids

            self._similar = self._background.result() if self._background else similar_ids(entries(self.projects))
            self._background = None
        return [self.by_id[pid] for pid in self._similar.get(project.id, [])]

    def similar_in_background(self, earlier: dict[str, list[str]] | None = None) -> None:
        """Start computing the suggestions in another process; similar() waits for them.

        Given earlier suggestions (the last build's, under `mkdocs serve`), similar() answers from
        those at once instead, and similar_counted() gives this catalog's when they are done."""
        from .similarity import SimilarInBackground

        if self.suggest_similar and self._similar is None and self._background is None:
            # With earlier suggestions nothing waits for these: they yield to the rebuild.
            self._background = SimilarInBackground(self.projects, low_priority=earlier is not None)
            self._earlier = earlier

    def similar_counted(self) -> dict[str, list[str]] | None:
        """The suggestions counted for this catalog (waiting for them); None if none are counted."""
        if self._similar is None and self._background is not None:
            self._similar = self._background.result()
            self._background = None
        return self._similar

    def stop_similar(self) -> None:
        """Stop counting suggestions in the background; similar_counted() then raises."""
        if self._background is not None:
            self._background.job.stop()

    def related(self, project: Project) -> list[Project]:
        """Projects this one names as related, and those that name it: both directions."""
        if project.id in self._related:
            return list(self._related[project.id])
        ids = list(dict.fromkeys(list(project.related) + [p.id for p in self._referrers.get(project.id, [])]))
        found = [self.by_id[i] for i in ids if i in self.by_id and i != project.id]
        self._related[project.id] = sorted(found, key=lambda p: swedish.sort_key(p.title))
        return list(self._related[project.id])

    def documents(self, kind: str | None = None, projects: Iterable[Project] | None = None) -> list[DocumentEntry]:
        """Documents, newest first; undated ones last."""
        entries = [DocumentEntry(p, d) for p in (self.projects if projects is None else projects)
                   for d in p.documents if kind is None or d.kind == kind]
        return sorted(entries, key=DocumentEntry.sort_key)

    def count_by_type(self) -> dict[str, int]:
        return {term.name: term.count for term in self.terms("type")}


def catalog_problems(projects: list[Project]) -> list[Problem]:
    """Problems that only show across pages: duplicate ids and related ids that lead nowhere."""
    problems: list[Problem] = []
    first_with_id: dict[str, Project] = {}
    for project in projects:
        if project.id in first_with_id:
            problems.append(Problem(project.source, 1, 1, "",
                                    f"id:t '{project.id}' används redan av {first_with_id[project.id].source}"))
        else:
            first_with_id[project.id] = project
    for project in projects:
        for index, other in enumerate(project.related):
            if other in first_with_id and other != project.id:
                continue
            line, column = project.positions.get(("relaterade", str(index)), (1, 1))
            message = ("ett projekt kan inte vara relaterat till sig självt" if other == project.id
                       else f"det finns inget projekt med id '{other}'")
            close = [] if other == project.id else _close_ids(other, list(first_with_id))
            problems.append(Problem(project.source, line, column, f"relaterade.{index + 1}", message,
                                    Severity.ERROR, close[0] if close else None))
    return problems


def _close_ids(wanted: str, ids: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(wanted, ids, n=1, cutoff=0.7)


def load_catalog(projects_dir: Path, vocabulary_file: Path | None = None) -> tuple[Catalog, list[Problem]]:
    """Load every project page under projects_dir; all problems are returned together."""
    vocabulary = Vocabulary.load(vocabulary_file or vocabulary_path(projects_dir))
    projects: list[Project] = []
    problems: list[Problem] = []
    for path in discover(projects_dir):
        project, found = load_project(path, projects_dir, vocabulary)
        problems += found
        if project is not None:
            projects.append(project)
    problems += catalog_problems(projects)
    unique = list({p.id: p for p in reversed(projects)}.values())
    return Catalog(unique, vocabulary), problems
