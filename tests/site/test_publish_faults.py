"""`kb publicera` killed with SIGKILL while building, while checking links and just before the switch:
the live site keeps serving the last good build, rollback goes to the build that was live before it,
and the next publication removes what the killed one left and says so."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kunskapsbanken.cli import main as kb
from kunskapsbanken.publish import release
from tests.support import FIXTURE_PROJECTS, REPO, site_config


@pytest.fixture
def config(tmp_path) -> Path:
    projects = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    return site_config(projects, tmp_path / "ignored-site")


def live(target: Path) -> Path:
    return Path(os.path.realpath(target))


def start(target: Path, config: Path, log: Path, step: str | None = None) -> subprocess.Popen:
    """`kb publicera` as a real process in a session of its own (with its search-index helper)."""
    env = dict(os.environ)
    env.pop(release.FAULT_POINT_VARIABLE, None)
    if step:
        env[release.FAULT_POINT_VARIABLE] = step
    with open(log, "wb") as output:
        return subprocess.Popen([sys.executable, "-m", "kunskapsbanken.cli", "publicera", str(target),
                                 "--konfiguration", str(config)], cwd=REPO, env=env, stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the whole process group, as a crashing machine or an OOM killer would."""
    os.killpg(process.pid, signal.SIGKILL)
    os.waitpid(process.pid, 0)
    process.returncode = -signal.SIGKILL


def wait_until_stopped(process: subprocess.Popen) -> None:
    """The process stopped itself at its fault point (SIGSTOP)."""
    _, status = os.waitpid(process.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), f"kb publicera ended before its fault point (status {status})"


def wait_for_a_half_written_build(process: subprocess.Popen, target: Path, known: set[str]) -> Path:
    """The new build folder once MkDocs has written its first page; the build goes on for seconds."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, "kb publicera ended before it was killed"
        for folder in release.builds(target):
            if folder.name not in known and any(folder.glob("*/index.html")):
                os.killpg(process.pid, signal.SIGSTOP)  # freeze the build where it is
                return folder
        time.sleep(0.01)  # polling the file system, not waiting for a race to pass
    raise AssertionError("no build folder appeared")


def test_killed_publications_never_become_live_or_a_rollback_target(tmp_path, config, capsys):
    target = tmp_path / "www" / "kunskapsbanken"
    assert kb(["publicera", str(target), "--konfiguration", str(config)]) == 0
    first = live(target)
    assert kb(["publicera", str(target), "--konfiguration", str(config)]) == 0
    good = live(target)
    served = (target / "index.html").read_bytes()
    assert release.was_published(good) and not [p.name for p in good.iterdir() if p.name.startswith(".")]
    capsys.readouterr()

    left: list[Path] = []
    for step in ("bygge", "länkkontroll", "byte"):
        known = {b.name for b in release.builds(target)}
        process = start(target, config, tmp_path / f"{step}.log", None if step == "bygge" else step)
        if step == "bygge":
            folder = wait_for_a_half_written_build(process, target, known)
            files = sum(1 for _ in folder.rglob("*"))
            assert files < sum(1 for _ in good.rglob("*")), "frozen during the build, not after it"
        else:
            wait_until_stopped(process)
        kill(process)
        # the live site serves the last good build, untouched
        assert live(target) == good and (target / "index.html").read_bytes() == served
        new = [b for b in release.builds(target) if b.name not in known]
        assert len(new) == 1 and not release.was_published(new[0]), step
        left.append(new[0])
        # the next publication removed what the one before it left
        assert all(not folder.exists() for folder in left[:-1])

    # rollback goes to the build that was live before the good one, never to a killed one
    assert kb(["publicera", str(target), "--återställ"]) == 0
    assert live(target) == first and left[-1].exists()
    assert kb(["publicera", str(target), "--konfiguration", str(config)]) == 0
    out = capsys.readouterr().out
    assert f"Tog bort {left[-1].name}: en avbruten publicering" in out
    assert not left[-1].exists()
    third = live(target)
    assert kb(["publicera", str(target), "--återställ"]) == 0
    assert live(target) == first != third
    assert release.history(target) == [first.name]


def test_a_kill_between_the_switch_and_its_record_keeps_the_build_a_rollback_target(tmp_path):
    """The link switched but the history was not written: the live build is still one that went live."""
    target = tmp_path / "kunskapsbanken"

    def site(folder: Path) -> None:
        (folder / "index.html").write_text("<p>sida</p>", encoding="utf-8")

    first = release.publish(target, site).build
    second = release.new_build_dir(target)
    site(second)
    release.activate(target, second)  # ... and killed here, before the mark and the history
    third = release.publish(target, site)
    assert third.previous == second and release.interrupted_builds(target) == []
    assert release.history(target) == [first.name, second.name, third.build.name]
    assert release.rollback(target).build == second
    assert release.rollback(target).build == first
