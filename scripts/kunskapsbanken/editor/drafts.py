"""A draft of one page: checked and previewed in a copy of the content folder, saved without losing anything.

The copy is a temporary folder of symbolic links to every entry of projects/ except the page
being edited, which is written there as the draft's text with its attachments. `check_all`
then runs on that folder exactly as `kb kontrollera` runs on projects/: ids, related
projects and the per-administration rule see the whole content with the draft in it.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .. import authoring
from ..checks import attachments, check_all, personal_data
from ..checks.cache import PageCache
from ..loader import read_source, split_page
from ..model import Document, Project
from ..problems import Problem
from .page_file import atomic_write, digest

_SAVE_LOCK = threading.Lock()  # one save at a time: the conflict check and the write belong together


class Conflict(Exception):
    """The page changed on disk since the editor opened it, or the new page's id is taken."""


@dataclass(frozen=True)
class Draft:
    page_id: str
    text: str
    original: Path | None = None          # the page's file when an existing page is edited
    original_hash: str | None = None      # its sha256 when the form was opened
    attachments: dict[str, Path] = field(default_factory=dict)   # uploads waiting to be saved, by name

    def location(self, projects_dir: Path) -> Path:
        """projects/<id>/index.md when the page has files beside it, else projects/<id>.md."""
        if self.attachments or (self.original is not None and self.original.name == "index.md"):
            return projects_dir / self.page_id / "index.md"
        return projects_dir / f"{self.page_id}.md"


def _own_entries(draft: Draft) -> set[str]:
    return {f"{draft.page_id}.md", draft.page_id}


class ContentCopy:
    """projects/ as it would be after saving a draft: a lasting folder of symbolic links to every
    entry of projects/, in which the draft's own page is written for the time of one check.

    The links are made once and brought up to date before each use (pages saved or removed
    since), since making and removing a thousand links took longer than checking the content.
    The pages checked in it are kept too (checks.cache, as under `mkdocs serve`): a check reads
    the draft and the pages saved since the last one, not the whole content.
    One draft at a time uses a copy.
    """

    def __init__(self, projects_dir: Path, root: Path):
        self.projects_dir = projects_dir.resolve()
        self.root = root
        self.checked = PageCache()
        self._lock = threading.Lock()

    @contextmanager
    def with_draft(self, draft: Draft) -> Iterator[tuple[Path, Path]]:
        """(content folder, the draft's page in it)."""
        with self._lock:
            own = _own_entries(draft)
            self._mirror(own)
            page = draft.location(self.root)
            try:
                page.parent.mkdir(parents=True, exist_ok=True)
                own_folder = self.projects_dir / draft.page_id
                if page.name == "index.md" and own_folder.is_dir():
                    for entry in own_folder.iterdir():
                        if entry.name != "index.md":
                            (page.parent / entry.name).symlink_to(entry)
                for name, source in draft.attachments.items():
                    link = page.parent / name
                    link.unlink(missing_ok=True)
                    link.symlink_to(source.resolve())
                page.write_text(draft.text, encoding="utf-8")
                yield self.root, page
            finally:
                for name in own:
                    _remove(self.root / name)

    def _mirror(self, own: set[str]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        wanted = {entry.name: entry for entry in self.projects_dir.iterdir() if entry.name not in own}
        for present in self.root.iterdir():
            if present.name not in wanted or not present.is_symlink():
                _remove(present)
        for name, entry in wanted.items():
            link = self.root / name
            if not link.is_symlink():
                link.symlink_to(entry)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def content_with(projects_dir: Path, draft: Draft) -> Iterator[tuple[Path, Path]]:
    """A ContentCopy of its own in a temporary folder, for a single use."""
    root = Path(tempfile.mkdtemp(prefix="kb-redigera-"))
    try:
        with ContentCopy(projects_dir, root).with_draft(draft) as found:
            yield found
    finally:
        shutil.rmtree(root, ignore_errors=True)


def check(projects_dir: Path, draft: Draft, copy: ContentCopy | None = None) -> list[Problem]:
    """Every problem `kb kontrollera` would report in the page after saving the draft.

    `kb kontrollera` looks into the attachments of a page only once the page loads; the editor
    runs the same attachment and personal data checks on them at once, so that a personnummer
    in an uploaded PDF is shown together with the page's first mistakes.
    """
    with (copy.with_draft(draft) if copy else content_with(projects_dir, draft)) as (root, page):
        if copy is not None:
            copy.checked.forget(page)
        catalog, problems = check_all(root, paths=[page], cache=copy.checked if copy else None)
        if draft.page_id not in catalog.by_id:
            problems += _attachment_problems(page)
    return problems


def _attachment_problems(page: Path) -> list[Problem]:
    raw, _ = split_page(page, read_source(page).text)
    rows = raw.data.get("dokument") if raw else None
    if not isinstance(rows, list):
        return []
    project = Project.model_construct(source=page, positions=raw.positions, documents=[])
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        if isinstance(row, dict) and isinstance(row.get("fil"), str) and row["fil"]:
            document = Document.model_construct(file=row["fil"], kind="", title="", link=None, date=None)
            pages, found = attachments.check(project, index, document)
            problems += found
            if pages:
                problems += personal_data.check_attachment(project, index, document, pages)
    return problems


def save(projects_dir: Path, draft: Draft) -> Path:
    """Write the draft and its new attachments into projects/; all of it or nothing.

    Raises Conflict when the page changed since it was opened (another editor saved it), when
    a new page's id is taken, or when an attachment of the same name but other bytes exists.
    """
    projects_dir = projects_dir.resolve()
    if not authoring.valid_id(draft.page_id):
        raise PermissionError(f"'{draft.page_id}' är inget projekt-id")
    target = draft.location(projects_dir)
    _inside(projects_dir, target)
    with _SAVE_LOCK:
        if draft.original is None:
            if draft.page_id in authoring.existing_ids(projects_dir):
                raise Conflict(f"det finns redan ett projekt med id:t '{draft.page_id}'. Välj en annan titel, "
                               "eller öppna det befintliga projektet och ändra det")
        else:
            original = draft.original.resolve()
            _inside(projects_dir, original)
            current = original.read_bytes() if original.is_file() else None
            if current is None or digest(current) != draft.original_hash:
                raise Conflict("någon annan har sparat sidan sedan du öppnade den. Dina ändringar är inte "
                               "sparade men finns kvar i formuläret: kopiera dem, öppna sidan på nytt och "
                               "för in dem där")
            if target != original and target.parent.exists():
                raise Conflict(f"mappen '{target.parent.name}' finns redan i projektmappen")
        created: list[Path] = []
        try:
            if not target.parent.exists():
                target.parent.mkdir()
                created.append(target.parent)
            for name, source in draft.attachments.items():
                destination = target.parent / name
                _inside(projects_dir, destination)
                data = source.read_bytes()
                if destination.exists():
                    if destination.read_bytes() == data:
                        continue
                    raise Conflict(f"det finns redan en annan fil som heter '{name}' bredvid sidan")
                atomic_write(destination, data, exclusive=True)
                created.append(destination)
            moved = draft.original is not None and target != draft.original.resolve()
            atomic_write(target, draft.text.encode("utf-8"), exclusive=draft.original is None or moved)
            if draft.original is None or moved:
                created.append(target)
            if moved:
                draft.original.unlink()
        except BaseException:
            for path in reversed(created):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            raise
    return target


def _inside(projects_dir: Path, path: Path) -> None:
    if not path.resolve().is_relative_to(projects_dir):
        raise PermissionError(f"{path} ligger utanför projektmappen")
