"""Build benchmark: our full build against plain Material, in the same run.

    python -m kunskapsbanken.bench.build [--antal 1000 5000] [--upprepningar 3]

Three builds per size, alternating, each a child process of this one (`mkdocs build`):
- ours: the repository's mkdocs.yml on the corpus (plugin, checks, exports, feeds, Pagefind);
- plain Material: the same project pages (front matter and body) as projekt/<id>.md, the same theme
  settings with Material's own search, no plugin of ours, the projects out of the navigation;
- the control: plain Material rendering our generated pages written out as Markdown (their HTML
  inline), with our navigation and Material's search. Ours against plain is the whole cost;
  ours against the control is the cost of our machinery, the control against plain that of the
  content (30 % more pages, fact boxes, document lists).
With --andra-processen also ours with the second rendering process (mkdocs_parallel) on and off,
whatever the number of cores would choose, to show what it wins or loses on this machine.
Figures are medians of wall time; memory is the highest total of the build and every process it
starts (proportional set size, so what a forked child shares is counted once), sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .common import Runs, control_config, corpus, fmt, our_config, plain_config, timed_build

SIZES = (1000, 5000)
TARGET_RATIO = 1.3
TARGET_GROWTH = 5.5
TARGET_MEMORY_MB = 600


@dataclass
class BuildResult:
    count: int
    ours: Runs
    plain: Runs
    control: Runs
    single: Runs | None = None  # second process off
    second: Runs | None = None  # second process on

    @property
    def ratio(self) -> float:
        return self.ours.seconds / self.plain.seconds

    @property
    def machinery(self) -> float:
        """Ours against plain Material rendering our generated Markdown: what our machinery costs."""
        return self.ours.seconds / self.control.seconds


def site_dir(workdir: Path, variant: str, count: int) -> Path:
    return workdir / f"{variant}-{count}"


def measure(workdir: Path, sizes=SIZES, repeats: int = 3, log=print, second: bool = False) -> list[BuildResult]:
    results = []
    for count in sizes:
        projects = corpus(workdir, count)
        ours_file = our_config(projects, site_dir(workdir, "ours", count))
        plain_file = plain_config(projects, site_dir(workdir, "plain", count), workdir)
        control_file = control_config(projects, site_dir(workdir, "control", count), workdir)
        variants = {on: our_config(projects, site_dir(workdir, f"ours-andra-{on}", count),
                                   plugin_options={"second_process": on}) for on in (False, True)} if second else {}
        result = BuildResult(count, Runs(), Runs(), Runs(), Runs() if second else None, Runs() if second else None)
        # Fewer repeats for the largest corpus keeps `make bench` within its time.
        for _ in range(repeats if count < 5000 else max(1, min(repeats, 2))):
            result.plain.runs.append(timed_build(plain_file))
            result.ours.runs.append(timed_build(ours_file))
            result.control.runs.append(timed_build(control_file, strict=False))
            if variants:
                result.single.runs.append(timed_build(variants[False]))
                result.second.runs.append(timed_build(variants[True]))
        log(f"  {count} projekt: vårt bygge {fmt(result.ours.seconds)} s, {fmt(result.ours.peak_mb, 0)} MB; "
            f"Material {fmt(result.plain.seconds)} s; kontrollen {fmt(result.control.seconds)} s; "
            f"kvot {fmt(result.ratio, 2)}")
        results.append(result)
    return results


def growth(results: list[BuildResult]) -> tuple[BuildResult, BuildResult, float] | None:
    """Time of the largest build over the smallest, and the target for that size ratio."""
    if len(results) < 2:
        return None
    small, large = results[0], results[-1]
    return small, large, large.ours.seconds / small.ours.seconds


def table(results: list[BuildResult]) -> str:
    rows = [f"| Projekt | Vårt bygge | Material, samma brödtexter | Kvot (mål ≤ {fmt(TARGET_RATIO, 2)}) "
            "| Material, vår genererade Markdown | Vårt / den | Minne, vårt (alla processer) | Minne, Material |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        rows.append(f"| {fmt(r.count, 0)} | {fmt(r.ours.seconds)} s | {fmt(r.plain.seconds)} s | {fmt(r.ratio, 2)} "
                    f"| {fmt(r.control.seconds)} s | {fmt(r.machinery, 2)} "
                    f"| {fmt(r.ours.peak_mb, 0)} MB | {fmt(r.plain.peak_mb, 0)} MB |")
    if all(r.single for r in results):
        rows.append("")
        rows.append("Den andra renderingsprocessen (samma körning, av och på): " + "; ".join(
            f"{fmt(r.count, 0)} projekt {fmt(r.single.seconds)} s utan och {fmt(r.second.seconds)} s med den "
            f"(med/utan {fmt(r.second.seconds / r.single.seconds, 2)}; {fmt(r.single.peak_mb, 0)} och "
            f"{fmt(r.second.peak_mb, 0)} MB)" for r in results) + ".")
    grown = growth(results)
    if grown:
        small, large, factor = grown
        target = TARGET_GROWTH / 5 * large.count / small.count
        rows.append("")
        rows.append(f"Tid {fmt(large.count, 0)}/{fmt(small.count, 0)} projekt: {fmt(factor, 2)} för vårt bygge "
                    f"(Material {fmt(large.plain.seconds / small.plain.seconds, 2)}); linjärt vore "
                    f"{fmt(large.count / small.count, 1)}, mål ≤ {fmt(target, 1)}. Minnesmål vid 5 000 projekt: "
                    f"≤ {fmt(TARGET_MEMORY_MB, 0)} MB.")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench.build", description=__doc__.split("\n")[0])
    parser.add_argument("--antal", type=int, nargs="+", default=list(SIZES), help="antal projekt (standard 1000 5000)")
    parser.add_argument("--upprepningar", type=int, default=3, help="byggen per storlek; medianen visas (standard 3)")
    parser.add_argument("--arbetsmapp", type=Path, default=None, help="mapp för korpus och byggen (standard: tillfällig)")
    parser.add_argument("--andra-processen", action="store_true",
                        help="mät också vårt bygge med och utan den andra renderingsprocessen")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        workdir = args.arbetsmapp or Path(tmp)
        print(table(measure(workdir, args.antal, args.upprepningar, second=args.andra_processen)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
