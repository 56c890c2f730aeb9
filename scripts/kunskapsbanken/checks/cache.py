"""Checked pages kept between checks of the same content folder, for `mkdocs serve`.

Reading and checking one page (YAML, the model, the body's Markdown, its PDFs, personal data)
depends only on the page's file, the files beside it and the vocabulary. A page whose file
status (modification time, size, inode) and neighbours are unchanged is not read again: the
same frozen Project and the same problems come back. Since an unchanged page gives the very
same Project object, later stages can tell "unchanged" by identity (views.PageMemo).
A changed vocabulary drops every kept page, since every page is resolved against it.
The checks across pages (ids, related projects, the programme's rules, synonyms) are not kept:
they are run on every check, from the pages as they are now.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import Project
from ..problems import Problem
from ..vocabulary import Vocabulary

Stamp = tuple


@dataclass(frozen=True)
class CheckedPage:
    """A page as loaded (None if it does not load), the problems found in it alone and the words
    its text uses (for the check of the synonyms, across pages)."""

    project: Project | None
    problems: tuple[Problem, ...]
    words: frozenset[str] = frozenset()


def file_stamp(path: Path) -> Stamp | None:
    """What changes when a file is written or replaced; None if it is not there."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)


def _neighbours(path: Path, project: Project | None) -> Stamp:
    """The files a page's checks read besides itself: its folder's files for <id>/index.md,
    the attachments it names for <id>.md (they lie in projects/ itself, with every other page)."""
    if path.name == "index.md":
        try:
            names = sorted(entry.name for entry in os.scandir(path.parent))
        except OSError:
            return ()
        return tuple((name, file_stamp(path.parent / name)) for name in names if name != "index.md")
    if project is None:
        return ()
    files = [project.attachment_path(document) for document in project.documents if document.file]
    return tuple((str(file), file_stamp(file)) for file in files if file is not None)


class PageCache:
    """Checked pages and the vocabulary, kept while their files are unchanged."""

    def __init__(self) -> None:
        self._vocabulary: tuple[Stamp | None, Vocabulary] | None = None
        self._pages: dict[Path, tuple[Stamp, CheckedPage]] = {}
        self.read = 0  # pages read and checked again by the last check (for the log and the tests)

    def vocabulary(self, path: Path) -> Vocabulary:
        """The vocabulary in path; raises VocabularyError, keeping nothing, if it is broken."""
        stamp = file_stamp(path)
        if self._vocabulary is None or self._vocabulary[0] != stamp or stamp is None:
            vocabulary = Vocabulary.load(path)
            self._vocabulary = (stamp, vocabulary)
            self._pages.clear()
        return self._vocabulary[1]

    def forget(self, path: Path) -> None:
        """Read this page again next time, whatever its file's status says (a draft written anew
        for each check may get the same size, inode and, within the clock's tick, time)."""
        self._pages.pop(path, None)

    def pages(self, paths: list[Path], check: Callable[[list[Path]], list[CheckedPage]]) -> list[CheckedPage]:
        """Each page checked, from what is kept where its files are unchanged; the others by
        check(paths) at once (it may share them out between processes); pages gone are forgotten."""
        kept, self._pages = self._pages, {}
        found: dict[Path, CheckedPage] = {}
        stale: list[tuple[Path, Stamp | None]] = []
        for path in paths:
            # Stamped before reading: a write during the check makes the next check read it again.
            own = file_stamp(path)
            previous = kept.get(path)
            if previous is not None and own is not None and previous[0] == (own, _neighbours(path, previous[1].project)):
                self._pages[path] = previous
                found[path] = previous[1]
            else:
                stale.append((path, own))
        for (path, own), checked in zip(stale, check([path for path, _ in stale])):
            if own is not None:
                self._pages[path] = ((own, _neighbours(path, checked.project)), checked)
            found[path] = checked
        self.read = len(stale)
        return [found[path] for path in paths]
