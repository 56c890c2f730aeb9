"""The checker: every check on the content, behind one entry point that `kb kontrollera`
and the MkDocs build both call, so an editor sees the same messages in both.

The loader already reports what a single page's text says wrong (encoding, YAML, schema,
vocabulary, required fields per type, impossible dates) and the catalog what only shows
across pages (duplicate ids, `relaterade` that lead nowhere). The modules here add the
checks that need more than the front matter: the files beside a page, the body (Markdown,
never HTML) and its links, the programme's rules and personal data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .. import background, pdf
from ..background import Forked
from ..catalog import Catalog, catalog_problems
from ..loader import discover, load_project, read_source, vocabulary_path
from ..model import Project
from ..problems import Problem, sort_problems
from ..vocabulary import Vocabulary
from . import attachments, body, links, personal_data, rules
from .cache import CheckedPage, PageCache


def check_all(projects_dir: Path, vocabulary_file: Path | None = None,
              paths: Iterable[Path] | None = None, cache: PageCache | None = None) -> tuple[Catalog, list[Problem]]:
    """Load and check every page under projects_dir; problems are sorted by file and line.

    With paths, only problems in those pages (files or folders) are returned; the whole
    content is still read, since ids, related projects and the per-administration rule
    are only right across all of it. Raises VocabularyError if the vocabulary is broken.
    With a cache (`mkdocs serve`), pages whose files did not change since the cache's last
    check are not read again (checks.cache); the checks across pages run every time.
    """
    projects_dir = Path(projects_dir)
    vocabulary_file = vocabulary_file or vocabulary_path(projects_dir)
    vocabulary = cache.vocabulary(vocabulary_file) if cache is not None else Vocabulary.load(vocabulary_file)
    pages = discover(projects_dir)
    wanted = None if paths is None else [Path(p).resolve() for p in paths]
    in_content = set(pages)
    outside = []
    if wanted:  # resolving every page's path costs a system call each: only when paths are asked for
        known = {p.resolve() for p in pages}
        outside = [p for p in wanted if p.suffix == ".md" and p.is_file() and p not in known]
    if cache is not None:
        # Every page's own checks, kept for the next time (so also those of pages not asked for).
        checked = cache.pages(pages, lambda chosen: _read_all(chosen, in_content, projects_dir, vocabulary, None))
        checked += _read_all(outside, in_content, projects_dir, vocabulary, wanted)
    else:
        checked = _read_all(pages + outside, in_content, projects_dir, vocabulary, wanted)
    problems: list[Problem] = [problem for page in checked for problem in page.problems]
    projects: list[Project] = [page.project for path, page in zip(pages + outside, checked)
                               if page.project is not None and path in in_content]
    problems += catalog_problems(projects)
    unique = list({p.id: p for p in reversed(projects)}.values())
    catalog = Catalog(unique, vocabulary)
    for project in catalog.projects:
        if wanted is None or _selected(project.source, wanted):
            problems += links.check(project, catalog)
    problems += rules.check(catalog)
    problems += _synonym_problems(projects_dir, catalog, {id(page.project): page.words for page in checked})
    if wanted is not None:
        problems = [p for p in problems if _selected(Path(p.path), wanted)]
    return catalog, sort_problems(list(dict.fromkeys(problems)))


# Reading and checking one page needs no other page. From this many pages on, every other page is
# read in a forked process meanwhile: nothing else runs yet, so the second core is free.
PARALLEL_PAGES = 200


def _read_all(paths: list[Path], in_content: set[Path], projects_dir: Path, vocabulary: Vocabulary,
              wanted: list[Path] | None) -> list[CheckedPage]:
    """Each page loaded, with the problems of the page alone and its words, in order."""
    def read(chosen: list[Path]) -> list[CheckedPage]:
        results = []
        for path in chosen:
            project, found = load_project(path, projects_dir if path in in_content else path.parent, vocabulary)
            if wanted is None or _selected(path, wanted):
                found = found + _page_checks(path, project)
            results.append(CheckedPage(project, tuple(found), _words(project)))
        return results

    if len(paths) < PARALLEL_PAGES or not background.fork_is_safe() or not background.has_spare_core():
        return read(paths)
    before = pdf.known()
    job = Forked(lambda: (read(paths[1::2]), pdf.read_since(before)))
    first = read(paths[0::2])
    second, read_there = job.result()
    pdf.adopt(read_there)  # the search index, forked later, starts with every PDF's text
    results: list[CheckedPage] = [None] * len(paths)  # type: ignore[list-item]
    results[0::2], results[1::2] = first, second
    return results


def _synonym_problems(projects_dir: Path, catalog: Catalog, words: dict[int, frozenset[str]]) -> list[Problem]:
    """The search's synonym list (projects/synonymer.yml): its form, and words that no project uses.

    words: each loaded project's words (_words), by the id() of its Project."""
    from ..search.synonyms import load_groups, synonyms_path, unknown_words

    path = synonyms_path(projects_dir)
    groups, problems = load_groups(path)
    known: set[str] = set()
    for project in catalog.projects:
        known.update(words[id(project)])
    return problems + unknown_words(groups, path, known)


def _words(project: Project | None) -> frozenset[str]:
    """The words a project's text uses, which synonyms must be among."""
    from ..search.words import tokens

    if project is None:
        return frozenset()
    return frozenset(tokens(" ".join([project.title, project.summary, project.body, *project.keywords, *project.areas])))


def _page_checks(path: Path, project: Project | None) -> list[Problem]:
    """Checks of one page's own files; personal data is looked for even in a page that does not load."""
    try:
        text = read_source(path).text
    except OSError:
        return []  # the loader has said so already
    problems = personal_data.check_page(path, text, project)
    if project is not None:
        problems += body.check(project)
        for index, document in enumerate(project.documents):
            pages, found = attachments.check(project, index, document)
            problems += found
            if pages:
                problems += personal_data.check_attachment(project, index, document, pages)
    return problems


def _selected(path: Path, wanted: list[Path]) -> bool:
    """A page is selected by its own path, its folder, a file in its folder or a parent folder."""
    path = Path(path).resolve()
    own_folder = path.parent if path.name == "index.md" else None
    for target in wanted:
        if target == path or target in path.parents:
            return True
        if own_folder is not None and (target == own_folder or target.parent == own_folder):
            return True
    return False
