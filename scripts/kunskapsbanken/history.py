"""When each file in projects/ first appeared in the bank, from git history.

A document without its own date is dated by when it first appeared: its PDF's first commit, or,
without a file, the first commit of its project page. One `git log` reads the whole history of
the folder once per build, oldest commit first, and follows renames (projects/<id>.md moved to
projects/<id>/index.md when attachments arrive keeps its date). A file git does not know (not yet
committed, or a copy built without .git) has no date: the caller leaves such a document out of
the feeds and says so, and never falls back to the time of the build.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from .catalog import DocumentEntry

_RECORD = "\x1e"  # git prints it before each commit's date: it cannot occur in a path


def first_appearances(folder: Path) -> dict[Path, dt.datetime]:
    """{absolute path: author date of the commit that added it}; {} without git or history."""
    folder = folder.resolve()
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "log", "--reverse", "--relative", "-M", "--diff-filter=AR",
             "--name-status", "-z", f"--format={_RECORD}%aI", "--", "."],
            capture_output=True, check=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return {}
    return _parse(result.stdout.decode("utf-8", errors="replace"), folder)


def _parse(output: str, folder: Path) -> dict[Path, dt.datetime]:
    """-z output: NUL-separated tokens; a commit's date starts with _RECORD, then per file its
    status (A, or R<score> followed by the old and the new path) and its path."""
    seen: dict[str, dt.datetime] = {}
    tokens = [token.strip("\n") for token in output.split("\0")]
    tokens = [token for token in tokens if token]
    when: dt.datetime | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.startswith(_RECORD):
            when = dt.datetime.fromisoformat(token[len(_RECORD):])
            index += 1
        elif token.startswith("R") and when is not None:
            old, new = tokens[index + 1], tokens[index + 2]
            seen.setdefault(new, seen.get(old, when))
            index += 3
        else:
            if when is not None:
                seen.setdefault(tokens[index + 1], when)
            index += 2
    return {folder / name: when for name, when in seen.items()}


def appearance_of(entry: DocumentEntry, appeared: dict[Path, dt.datetime]) -> dt.datetime | None:
    """When a document first appeared: its file's first commit, else its project page's."""
    path = entry.project.attachment_path(entry.document)
    when = appeared.get(path.resolve()) if path is not None else None
    return when or appeared.get(entry.project.source.resolve())
