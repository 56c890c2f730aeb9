"""Atomic publishing: every build goes into a fresh folder next to the live site, is checked,
and only then becomes live by swapping one symlink, so readers never see half a site.

    /srv/kunskapsbanken            -> kunskapsbanken.byggen/20261123-101500-123456  (the symlink)
    /srv/kunskapsbanken.byggen/    the last few builds, newest last; the web server serves the symlink

The swap is rename(2) of a new symlink over the old one, which POSIX makes atomic. Rolling back
points the symlink at the newest build older than the live one. A lock file keeps two
publications of the same target from interleaving.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from .linkcheck import Report, check_site

DEFAULT_KEEP = 3
BUILDS_SUFFIX = ".byggen"
_BUILD_NAME_LENGTH = len("20261123-101500-123456")


class PublishError(Exception):
    """A publication that stopped; the message (Swedish) says why. The live site is untouched."""


@dataclass
class Release:
    target: Path
    build: Path
    previous: Path | None
    report: Report | None = None
    removed: tuple[Path, ...] = ()


def builds_dir(target: Path) -> Path:
    target = Path(target)
    return target.parent / (target.name + BUILDS_SUFFIX)


def builds(target: Path) -> list[Path]:
    """The kept builds of target, oldest first (their names are UTC time stamps)."""
    folder = builds_dir(target)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_dir() and not p.is_symlink() and len(p.name) == _BUILD_NAME_LENGTH and p.name[:8].isdigit())


def current(target: Path) -> Path | None:
    """The build the live site shows now, or None before the first publication."""
    target = Path(target)
    if not target.is_symlink():
        return None
    return (target.parent / os.readlink(target)).resolve()


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_symlink():
        raise PublishError(
            f"{target} finns redan och är en vanlig mapp, inte en symbolisk länk. Kunskapsbanken "
            f"publicerar genom att byta en länk; flytta undan mappen eller välj ett annat mål.")


@contextmanager
def _locked(target: Path) -> Iterator[None]:
    folder = builds_dir(target)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lås", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"En annan publicering av {target} pågår redan; försök igen om en stund.") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def new_build_dir(target: Path) -> Path:
    """A fresh, empty folder for the next build, named by the current UTC time."""
    folder = builds_dir(target)
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        name = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        candidate = folder / name
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue


def activate(target: Path, build: Path) -> None:
    """Point target at build in one atomic step (a relative link, so the pair can be moved)."""
    target = Path(target)
    temporary = target.parent / f".{target.name}.ny-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(os.path.relpath(build, target.parent), temporary)
    os.replace(temporary, target)


def prune(target: Path, keep: int) -> tuple[Path, ...]:
    """Remove all but the newest `keep` builds; the live one is always kept."""
    live = current(target)
    removed = []
    for build in builds(target)[:-keep] if keep > 0 else builds(target):
        if live is not None and build.resolve() == live:
            continue
        shutil.rmtree(build)
        removed.append(build)
    return tuple(removed)


def publish(target: Path, build: Callable[[Path], None], *, base_path: str = "/", site_url: str = "",
            keep: int = DEFAULT_KEEP) -> Release:
    """Build into a fresh folder, check its links, then make it live and prune old builds.

    `build(folder)` must fill folder with the site or raise; any exception, and any broken
    link, removes the new folder and leaves the live site as it was.
    """
    target = Path(target).absolute()
    if keep < 1:
        raise PublishError("--behåll måste vara minst 1 (bygget som blir publicerat).")
    _check_target(target)
    with _locked(target):
        previous = current(target)
        folder = new_build_dir(target)
        try:
            build(folder)
            report = check_site(folder, base_path, site_url)
            if not report.ok:
                raise PublishError(_broken_message(report))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        activate(target, folder)
        removed = prune(target, keep)
    return Release(target, folder, previous, report, removed)


def rollback(target: Path) -> Release:
    """Point target back at the newest kept build older than the live one."""
    target = Path(target).absolute()
    _check_target(target)
    with _locked(target):
        live = current(target)
        if live is None:
            raise PublishError(f"{target} är inte publicerat än; det finns inget att återställa.")
        older = [b for b in builds(target) if b.resolve() != live and b.name < live.name]
        if not older:
            raise PublishError(f"Det finns inget tidigare bygge av {target} att återställa till "
                               f"(sparade byggen: {len(builds(target))}).")
        activate(target, older[-1])
    return Release(target, older[-1], live)


def _broken_message(report: Report, shown: int = 20) -> str:
    lines = [f"Webbplatsen har {len(report.broken)} trasiga länkar eller resurser:"]
    lines += [f"  {broken}" for broken in report.broken[:shown]]
    if len(report.broken) > shown:
        lines.append(f"  … och {len(report.broken) - shown} till")
    return "\n".join(lines)
