"""What the benchmarks share: corpora on disk, MkDocs configs, timed builds in a child process."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..vocabulary import VOCABULARY_FILE
from .corpus import generate

REPO = Path(__file__).resolve().parents[3]
SEED = 1


def corpus(workdir: Path, count: int, seed: int = SEED, pdf_pages: int = 0) -> Path:
    """A generated content folder with count projects, made once per work folder."""
    folder = workdir / f"projekt-{count}-{seed}-{pdf_pages}"
    done = folder / ".klar"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, count, seed=seed, pdf_pages=pdf_pages)
        done.touch()
    return folder


def _repo_config() -> dict:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / config.get("docs_dir", "docs"))
    config.pop("site_url", None)
    return config


def our_config(projects: Path, site_dir: Path, plugin_options: dict | None = None,
               vocabulary: Path | None = None, **overrides) -> Path:
    """The repository's mkdocs.yml with another content folder: our real build (plugin_options: other
    settings of our plugin, such as second_process=False; vocabulary: another than the folder's own).
    The tests build with it too (tests.support.site_config)."""
    config = _repo_config()
    config["site_dir"] = str(site_dir)
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.update(overrides)  # first: other plugins given here get the content folder below too
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kunskapsbanken" in plugin:
            plugin["kunskapsbanken"] = {**(plugin["kunskapsbanken"] or {}), "projects_dir": str(projects),
                                        "vocabulary": str(vocabulary or projects / VOCABULARY_FILE),
                                        **(plugin_options or {})}
    return _write(config, site_dir)


def plain_docs(projects: Path, workdir: Path) -> Path:
    """The same project pages as a plain docs folder: projekt/<id>.md and a start page."""
    docs = workdir / f"docs-{projects.name}"
    done = docs / ".klar"
    if not done.exists():
        shutil.rmtree(docs, ignore_errors=True)
        (docs / "projekt").mkdir(parents=True)
        for page in projects.rglob("*.md"):
            if page.name == "index.md":
                target = docs / "projekt" / page.parent.name
                shutil.copytree(page.parent, target)
            else:
                shutil.copyfile(page, docs / "projekt" / page.name)
        (docs / "index.md").write_text("# Kunskapsbanken\n\nProjekten nås via sökningen.\n", encoding="utf-8")
        done.touch()
    return docs


def plain_config(projects: Path, site_dir: Path, workdir: Path) -> Path:
    """Plain Material: the same theme settings, search, no plugin of ours, projects out of the nav."""
    config = _repo_config()
    config["docs_dir"] = str(plain_docs(projects, workdir))
    config["site_dir"] = str(site_dir)
    config["theme"].pop("custom_dir", None)
    config.pop("extra_css", None)
    # Material's built-in search: our mkdocs.yml replaced it by Pagefind (kunskapsbanken.search).
    config["plugins"] = [{"search": {"lang": "sv"}}]
    config["nav"] = [{"Start": "index.md"}]
    return _write(config, site_dir)


def generated_docs(projects: Path, workdir: Path) -> Path:
    """Our site as plain Markdown: the hand-written pages and every generated page (its HTML blocks
    inline), with the attachments, for plain Material to render (the control)."""
    from ..catalog import load_catalog
    from ..views import all_pages, attachments

    docs = workdir / f"generated-docs-{projects.name}"
    done = docs / ".klar"
    if not done.exists():
        shutil.rmtree(docs, ignore_errors=True)
        shutil.copytree(REPO / "docs", docs)
        catalog, _ = load_catalog(projects, projects / VOCABULARY_FILE)
        for page in all_pages(catalog):
            target = docs / page.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.as_markdown(), encoding="utf-8")
        for attachment in attachments(catalog):
            (docs / attachment.src_uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(attachment.source, docs / attachment.src_uri)
        done.touch()
    return docs


def control_config(projects: Path, site_dir: Path, workdir: Path) -> Path:
    """Plain Material rendering our generated Markdown: our navigation and pages, none of our machinery
    (plugin, checks, exports, feeds, Pagefind), Material's own search. Not strict: the pages link to
    downloads only our plugin makes."""
    config = plain_config(projects, site_dir, workdir)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["docs_dir"] = str(generated_docs(projects, workdir))
    data["nav"] = _repo_config()["nav"]
    data["validation"] = {"nav": {"omitted_files": "info"}, "links": {"not_found": "info", "anchors": "info",
                                                                       "unrecognized_links": "info"}}
    return _write(data, site_dir)


def _write(config: dict, site_dir: Path) -> Path:
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    path = site_dir.parent / f"{site_dir.name}-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Run:
    seconds: float
    # The build and every process it started, at their highest together (PSS, sampled). Not wait4's
    # peak: that counts the benchmark's own memory, which the child has until it execs mkdocs.
    peak_mb: float


@dataclass
class Runs:
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return statistics.median(r.peak_mb for r in self.runs)


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _descendants(pid: int) -> list[int]:
    """pid and every process below it, from the kernel's list of each task's children."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue += [int(child) for child in children.read_text().split()]
            except OSError:
                pass
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: memory a forked child shares with its parent is counted once, not twice."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory:
    """The highest memory of a process and all its descendants together, sampled every 50 ms."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb = pid, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _descendants(self.pid)))

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.peak_kb / 1024


def timed_build(config_file: Path, strict: bool = True) -> Run:
    """One `mkdocs build` in a child process: wall time and the peak memory of the child together with
    every process it starts (the search index, similar projects, downloads, pages)."""
    site_dir = Path(yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_dir"])
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file)]
    if strict:
        command.append("--strict")
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env(), stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(child.pid)
    _, status, _ = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    peak_mb = memory.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read() if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"Bygget med {config_file} misslyckades:\n{errors[-3000:]}")
    return Run(seconds, peak_mb)


def fmt(value: float, decimals: int = 1) -> str:
    """A number the Swedish way, for the tables: 12,3."""
    from ..swedish import format_number

    return format_number(value, decimals)
