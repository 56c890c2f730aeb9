"""Atomic publishing: every build goes into a fresh folder next to the live site, is checked,
and only then becomes live by swapping one symlink, so readers never see half a site.

    /srv/kunskapsbanken            -> kunskapsbanken.byggen/20261123-101500-123456  (the symlink)
    /srv/kunskapsbanken.byggen/    the last few builds, newest last; the web server serves the symlink

The swap is rename(2) of a new symlink over the old one, which POSIX makes atomic. A lock file
keeps two publications of the same target from interleaving.

Only builds that passed the link check and went live may ever be live again. A build that goes
live gets a mark (a file named after it in .publicerade/, outside the served folder) and its name
is added to the history (.historik), the builds that were live, in order. Rolling back goes to the build that was live before the live
one, by the history, never by folder names: a folder that a killed publication left behind has
no mark, is never a rollback target, and the next publication removes it and says so.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from .linkcheck import Report, check_site

DEFAULT_KEEP = 3
BUILDS_SUFFIX = ".byggen"
_BUILD_NAME_LENGTH = len("20261123-101500-123456")
PUBLISHED_MARKS = ".publicerade"
HISTORY_FILE = ".historik"
# Fault tests freeze `kb publicera` at a named step ("länkkontroll", "byte") to kill it exactly there.
FAULT_POINT_VARIABLE = "KUNSKAPSBANKEN_STOPPA_VID"


class PublishError(Exception):
    """A publication that stopped; the message (Swedish) says why. The live site is untouched."""


@dataclass
class Release:
    target: Path
    build: Path
    previous: Path | None
    report: Report | None = None
    removed: tuple[Path, ...] = ()
    # Folders of publications that were interrupted (killed) before going live; removed.
    interrupted: tuple[Path, ...] = ()


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
    _sync_dir(target.parent)


def history(target: Path) -> list[str]:
    """The names of the builds that went live, oldest first; the last one is live."""
    path = builds_dir(target) / HISTORY_FILE
    try:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    except FileNotFoundError:
        return []


def _write_history(target: Path, names: list[str]) -> None:
    folder = builds_dir(target)
    temporary = folder / f"{HISTORY_FILE}.ny"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write("".join(f"{name}\n" for name in names))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, folder / HISTORY_FILE)
    _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _mark(build: Path) -> Path:
    return build.parent / PUBLISHED_MARKS / build.name


def was_published(build: Path) -> bool:
    return build.is_dir() and _mark(build).is_file()


def _went_live(target: Path, build: Path) -> None:
    """Record that build is live: its mark, then the history (each step survives a kill)."""
    mark = _mark(build)
    if not mark.exists():
        mark.parent.mkdir(exist_ok=True)
        with open(mark, "w", encoding="utf-8") as handle:
            handle.write("Det här bygget har passerat länkkontrollen och varit publicerat.\n")
            handle.flush()
            os.fsync(handle.fileno())
    names = history(target)
    if names[-1:] != [build.name]:
        _write_history(target, [name for name in names if name != build.name] + [build.name])


def _reconcile(target: Path) -> Path | None:
    """The live build, recorded as published if a kill came between the switch and the record.

    Only this module switches the link, and only to a build that passed the link check, so
    the live build is always one that may be live again.
    """
    live = current(target)
    if live is not None and live.parent == builds_dir(target).resolve() and live.is_dir():
        _went_live(target, live)
    return live


def interrupted_builds(target: Path) -> list[Path]:
    """Folders that never went live: a publication was killed while building or checking."""
    live = current(target)
    return [b for b in builds(target) if not was_published(b) and (live is None or b.resolve() != live)]


def prune(target: Path, keep: int) -> tuple[Path, ...]:
    """Keep the live build and the `keep` builds that were live most recently; remove the rest."""
    live = current(target)
    wanted = list(dict.fromkeys(reversed(history(target))))[:keep]
    removed = []
    for build in builds(target):
        if build.name in wanted or (live is not None and build.resolve() == live):
            continue
        shutil.rmtree(build)
        _mark(build).unlink(missing_ok=True)
        removed.append(build)
    names = history(target)
    kept = [name for name in names if (builds_dir(target) / name).is_dir()]
    if kept != names:
        _write_history(target, kept)
    return tuple(removed)


def _fault_point(step: str) -> None:
    """Stop this process here when the fault test asks for it (it then kills the process)."""
    if os.environ.get(FAULT_POINT_VARIABLE) == step:
        os.kill(os.getpid(), signal.SIGSTOP)


def publish(target: Path, build: Callable[[Path], None], *, base_path: str = "/", site_url: str = "",
            keep: int = DEFAULT_KEEP) -> Release:
    """Build into a fresh folder, check its links, then make it live and prune old builds.

    `build(folder)` must fill folder with the site or raise; any exception, and any broken
    link, removes the new folder and leaves the live site as it was. Folders that an earlier,
    killed publication left behind are removed first and returned as `interrupted`.
    """
    target = Path(target).absolute()
    if keep < 1:
        raise PublishError("--behåll måste vara minst 1 (bygget som blir publicerat).")
    _check_target(target)
    with _locked(target):
        # Before the first history (builds of an older version) an unmarked folder is an old
        # build, not an interrupted one: prune() below removes it as such.
        known = (builds_dir(target) / HISTORY_FILE).exists()
        previous = _reconcile(target)
        interrupted = tuple(interrupted_builds(target)) if known else ()
        for folder in interrupted:
            shutil.rmtree(folder)
        folder = new_build_dir(target)
        try:
            build(folder)
            _fault_point("länkkontroll")
            report = check_site(folder, base_path, site_url)
            if not report.ok:
                raise PublishError(_broken_message(report))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        _fault_point("byte")
        activate(target, folder)
        _went_live(target, folder)
        removed = prune(target, keep)
    return Release(target, folder, previous, report, removed, interrupted)


def rollback(target: Path) -> Release:
    """Point target back at the build that was live before the live one (by the history)."""
    target = Path(target).absolute()
    _check_target(target)
    with _locked(target):
        live = _reconcile(target)
        if live is None:
            raise PublishError(f"{target} är inte publicerat än; det finns inget att återställa.")
        names = history(target)
        earlier = [name for name in names[:-1] if was_published(builds_dir(target) / name)]
        if not earlier:
            raise PublishError(f"Det finns inget tidigare bygge av {target} att återställa till "
                               f"(sparade byggen som varit publicerade: {len(names)}).")
        back = builds_dir(target) / earlier[-1]
        activate(target, back)
        # The build we leave is no longer in the history: a second rollback goes further back.
        _write_history(target, names[: names.index(earlier[-1]) + 1])
    return Release(target, back, live)


def _broken_message(report: Report, shown: int = 20) -> str:
    lines = [f"Webbplatsen har {len(report.broken)} trasiga länkar eller resurser:"]
    lines += [f"  {broken}" for broken in report.broken[:shown]]
    if len(report.broken) > shown:
        lines.append(f"  … och {len(report.broken) - shown} till")
    return "\n".join(lines)
