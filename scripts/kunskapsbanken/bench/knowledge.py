"""What the evidence map, the results page and similar-project suggestions add to the build.

    python -m kunskapsbanken.bench.knowledge [--antal 1000 5000] [--upprepningar 3] [--arbetsmapp DIR]

Our real build of the same generated corpus, alternately with and without these views
(the plugin option knowledge_views), in child processes on the same machine in the same run.
Goal (issue 17): at 5,000 projects the build grows by no more than 10 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .common import REPO, corpus, fmt, our_config, timed_build

GOAL = 1.10
# Nav entries that lead to the knowledge views: without the views they would lead nowhere.
_KNOWLEDGE_PAGES = {"kunskapskarta/index.md", "resultat/index.md"}


def _nav_without_knowledge(nav):
    if isinstance(nav, list):
        return [item for item in (_nav_without_knowledge(i) for i in nav) if item is not None]
    if isinstance(nav, dict):
        (title, target), = nav.items()
        if isinstance(target, str):
            return None if target in _KNOWLEDGE_PAGES else nav
        return {title: _nav_without_knowledge(target)}
    return None if nav in _KNOWLEDGE_PAGES else nav


def configs(projects: Path, workdir: Path, count: int) -> tuple[Path, Path]:
    with_views = our_config(projects, workdir / f"site-kunskap-{count}")
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    without = our_config(projects, workdir / f"site-utan-kunskap-{count}", nav=_nav_without_knowledge(nav))
    config = yaml.safe_load(without.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kunskapsbanken" in plugin:
            plugin["kunskapsbanken"]["knowledge_views"] = False
    without.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return with_views, without


def measure(workdir: Path, sizes: list[int], repeats: int, log=print) -> list[tuple[int, float, float]]:
    rows = []
    for count in sizes:
        projects = corpus(workdir, count)
        with_views, without = configs(projects, workdir, count)
        seconds = {"med": [], "utan": []}
        # Alternate the two builds, so that a slow spell of a shared machine hits both.
        for run in range(repeats):
            for name, config in (("utan", without), ("med", with_views)):
                result = timed_build(config)
                seconds[name].append(result.seconds)
                log(f"{count} projekt, {name} kunskapsvyer, körning {run + 1}: {result.seconds:.1f} s")
        rows.append((count, statistics.median(seconds["utan"]), statistics.median(seconds["med"])))
    return rows


def table(rows: list[tuple[int, float, float]]) -> str:
    lines = ["| Projekt | Utan kunskapsvyer | Med | Kvot | Mål |", "| ---: | ---: | ---: | ---: | --- |"]
    for count, without, with_views in rows:
        ratio = with_views / without
        lines.append(f"| {count} | {fmt(without)} s | {fmt(with_views)} s | {fmt(ratio, 2)} | "
                     f"≤ {fmt(GOAL, 2)}: {'nås' if ratio <= GOAL else 'nås inte'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench.knowledge", description=__doc__.split("\n")[0])
    parser.add_argument("--antal", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--upprepningar", type=int, default=3)
    parser.add_argument("--arbetsmapp", type=Path, default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def log(text: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {text}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kb-bench-kunskap-") as tmp:
        rows = measure(args.arbetsmapp or Path(tmp), args.antal, args.upprepningar, log)
    print("Bygget med och utan kunskapskarta, resultatsida och liknande projekt "
          f"(median av {args.upprepningar} växelvisa byggen per storlek, samma maskin, samma körning):\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
