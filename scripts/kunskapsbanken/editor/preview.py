"""The preview: the real MkDocs build of the site, with the draft in a copy of the content folder.

Not an approximation: the same mkdocs.yml, theme, plugin and views as `make build`, only the
search index is left out (it is the slowest part and the preview shows one page). Builds run
one at a time; the newest few previews are kept so that a tab opened a moment ago still works.
"""

from __future__ import annotations

import shutil
import threading
from collections import deque
from pathlib import Path

from .drafts import ContentCopy, Draft

KEEP = 3
_BUILD_LOCK = threading.Lock()  # MkDocs' plugins and the macros plugin are not made for parallel builds


class PreviewError(Exception):
    """The build failed; the message is MkDocs' own, for IT."""


class Previews:
    def __init__(self, mkdocs_file: Path, projects_dir: Path, root: Path):
        self.mkdocs_file = mkdocs_file.resolve()
        self.projects_dir = projects_dir
        self.root = root
        self._kept: deque[Path] = deque()
        self._content = ContentCopy(projects_dir, root / "innehall")

    def build(self, draft: Draft, token: str) -> Path:
        """Build the site with the draft into root/token; returns the site folder."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        site = self.root / token
        with _BUILD_LOCK, self._content.with_draft(draft) as (content, _):
            try:
                config = load_config(str(self.mkdocs_file), site_dir=str(site), strict=False)
                plugin = config.plugins["kunskapsbanken"]
                plugin.config.projects_dir = str(content)
                plugin.config.search_index = False
                build(config)
            except (MkDocsException, OSError) as error:
                shutil.rmtree(site, ignore_errors=True)
                raise PreviewError(str(error)) from error
            self._kept.append(site)
            while len(self._kept) > KEEP:
                shutil.rmtree(self._kept.popleft(), ignore_errors=True)
        return site

    def site(self, token: str) -> Path | None:
        path = self.root / token
        return path if path in self._kept and path.is_dir() else None

