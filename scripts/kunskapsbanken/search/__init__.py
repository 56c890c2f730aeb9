"""Search: the catalog and its PDF reports as Pagefind records, and the index built from them.

records.py knows nothing of MkDocs or Pagefind; index.py runs Pagefind's Python API.
The build runs both in a process of its own while MkDocs renders the pages (SearchBuild).
"""

from __future__ import annotations

import shutil
import tempfile
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


class SearchBuild:
    """The search index, built in another process from the catalog while MkDocs renders.

    Reading the PDFs and indexing take about a third of the time MkDocs needs for the pages;
    side by side they add little to the build. finish() moves the index into the site.
    """

    def __init__(self, catalog, projects_dir: Path, site_dir: Path, low_priority: bool = False):
        from ..background import Forked

        self.site_dir = Path(site_dir)
        self.temp = Path(tempfile.mkdtemp(prefix="kb-sokindex-"))
        temp = self.temp
        self.job = Forked(lambda: [str(problem) for problem in build_search(catalog, temp, Path(projects_dir))],
                          low_priority)

    def finish(self) -> list[str]:
        """Wait for the index, put it into site_dir/pagefind; the problems met, as text."""
        from .index import OUTPUT_DIR

        try:
            problems = self.job.result()
            target = self.site_dir / OUTPUT_DIR
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(self.temp / OUTPUT_DIR), str(target))
            return problems
        finally:
            shutil.rmtree(self.temp, ignore_errors=True)

    def stop(self) -> None:
        """End the indexing without waiting; a finish() waiting in another thread then raises."""
        self.job.stop()

    def cancel(self) -> None:
        self.job.cancel()
        shutil.rmtree(self.temp, ignore_errors=True)
