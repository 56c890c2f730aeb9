"""Files made beside the build: a forked process writes them straight into the site folder.

The downloads and feeds (kunskapsbanken.views.made_files) take seconds at 5,000 projects and
need nothing from the rendering of pages; in a process of their own they use the machine's
second core while the main process renders. Forked, not spawned: the child starts with the
catalog already in memory instead of reading every page again.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable


def _write_all(make: Callable[[], Iterable[tuple[str, bytes]]], folder: Path) -> None:
    try:
        for src_uri, content in make():
            path = folder / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        sys.stderr.flush()
        raise SystemExit(1)


class FilesInBackground:
    """make() is run and its (path, bytes) written under folder, in a forked process."""

    def __init__(self, make: Callable[[], Iterable[tuple[str, bytes]]], folder: Path):
        context = multiprocessing.get_context("fork")
        self.process = context.Process(target=_write_all, args=(make, Path(folder)), daemon=True)
        self.process.start()

    def wait(self) -> bool:
        """Whether every file was written (the child's error is on stderr otherwise)."""
        self.process.join()
        return self.process.exitcode == 0

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
