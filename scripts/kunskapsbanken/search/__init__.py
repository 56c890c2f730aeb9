"""Search: the catalog and its PDF reports as Pagefind records, and the index built from them.

records.py knows nothing of MkDocs or Pagefind; index.py runs Pagefind's Python API.
The build runs both in a process of its own while MkDocs renders the pages (SearchBuild).
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def build_search(catalog, site_dir: Path, projects_dir: Path | None = None) -> list:
    """Index the catalog and its PDFs into site_dir/pagefind; return the problems met (PDFs without text).

    The synonyms come from projects_dir/synonymer.yml (none without projects_dir); `kb kontrollera`
    reports what is wrong with that file, the index uses the groups that are right.
    """
    from .index import build_index
    from .records import records
    from .synonyms import load_groups, synonyms_path

    groups = load_groups(synonyms_path(projects_dir))[0] if projects_dir is not None else []
    found, problems = records(catalog, groups=groups)
    build_index(found, site_dir)
    return problems


def _build_in_child(projects_dir: str, vocabulary: str | None, output: str, known_pdfs: dict) -> list[str]:
    from .. import pdf
    from ..catalog import load_catalog

    pdf.seed(known_pdfs)  # the PDFs the checker has read already are not read again
    catalog, _ = load_catalog(Path(projects_dir), Path(vocabulary) if vocabulary else None)
    return [str(problem) for problem in build_search(catalog, Path(output), Path(projects_dir))]


class SearchBuild:
    """The search index, built in another process from the same content while MkDocs renders.

    Reading the PDFs and indexing take about a third of the time MkDocs needs for the pages;
    side by side they add little to the build. finish() moves the index into the site.
    """

    def __init__(self, projects_dir: Path, vocabulary: Path | None, site_dir: Path):
        self.site_dir = Path(site_dir)
        self.temp = Path(tempfile.mkdtemp(prefix="kb-sokindex-"))
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        from .. import pdf

        self.future = self.pool.submit(_build_in_child, str(projects_dir), str(vocabulary) if vocabulary else None,
                                       str(self.temp), pdf.entries())

    def finish(self) -> list[str]:
        """Wait for the index, put it into site_dir/pagefind; the problems met, as text."""
        from .index import OUTPUT_DIR

        try:
            problems = self.future.result()
            target = self.site_dir / OUTPUT_DIR
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(self.temp / OUTPUT_DIR), str(target))
            return problems
        finally:
            self.cancel()

    def cancel(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.temp, ignore_errors=True)
