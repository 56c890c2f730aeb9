"""Running `kb` in a temporary copy of the real content, and proving what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from kunskapsbanken.cli import main

from tests.support import REPO


def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "projects"
    shutil.copytree(REPO / "projects", target)
    return target


def snapshot(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {p.relative_to(root): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def added_files(before: dict, root: Path) -> list[str]:
    """The files that are new since the snapshot; fails if an existing file changed or vanished."""
    after = snapshot(root)
    for path, state in before.items():
        assert after.get(path) == state, f"{path} ändrades"
    assert not [p for p in root.iterdir() if p.name.startswith("_kb-ny-")], "staging folder left behind"
    return sorted(str(p) for p in after if p not in before)


def kb(*args: str) -> int:
    return main([str(a) for a in args])
