"""Build benchmark: our full build against plain Material building the same pages.

    python -m kunskapsbanken.bench.build [--antal 1000 2000 5000] [--upprepningar 3]

Plain Material gets the same project pages as projekt/<id>.md, the same theme settings and
the search plugin, no plugin of ours and the projects out of the navigation. Both builds run
as child processes of this one (`mkdocs build --strict`), alternating, in the same run; the
figures are medians of wall time and of the build process's own peak memory (wait4).
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .common import Runs, corpus, fmt, our_config, plain_config, timed_build

SIZES = (1000, 2000, 5000)
TARGET_RATIO = 1.15
TARGET_GROWTH = 5.5


@dataclass
class BuildResult:
    count: int
    ours: Runs
    plain: Runs

    @property
    def ratio(self) -> float:
        return self.ours.seconds / self.plain.seconds


def site_dir(workdir: Path, variant: str, count: int) -> Path:
    return workdir / f"{variant}-{count}"


def measure(workdir: Path, sizes=SIZES, repeats: int = 3, log=print) -> list[BuildResult]:
    results = []
    for count in sizes:
        projects = corpus(workdir, count)
        ours_file = our_config(projects, site_dir(workdir, "ours", count))
        plain_file = plain_config(projects, site_dir(workdir, "plain", count), workdir)
        result = BuildResult(count, Runs(), Runs())
        # Fewer repeats for the largest corpus keeps `make bench` within its time.
        for _ in range(repeats if count < 5000 else max(1, min(repeats, 2))):
            result.plain.runs.append(timed_build(plain_file))
            result.ours.runs.append(timed_build(ours_file))
        log(f"  {count} projekt: vårt bygge {fmt(result.ours.seconds)} s, {fmt(result.ours.peak_mb, 0)} MB; "
            f"Material {fmt(result.plain.seconds)} s, {fmt(result.plain.peak_mb, 0)} MB; "
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
    rows = ["| Projekt | Vårt bygge | Material utan plugin | Kvot (mål ≤ 1,15 vid 5 000) | Minne, vårt | Minne, Material |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        rows.append(f"| {fmt(r.count, 0)} | {fmt(r.ours.seconds)} s | {fmt(r.plain.seconds)} s | {fmt(r.ratio, 2)} "
                    f"| {fmt(r.ours.peak_mb, 0)} MB | {fmt(r.plain.peak_mb, 0)} MB |")
    grown = growth(results)
    if grown:
        small, large, factor = grown
        target = TARGET_GROWTH / 5 * large.count / small.count
        rows.append("")
        rows.append(f"Tid {fmt(large.count, 0)}/{fmt(small.count, 0)} projekt: {fmt(factor, 2)} för vårt bygge "
                    f"(Material {fmt(large.plain.seconds / small.plain.seconds, 2)}); mål ≤ {fmt(target, 1)}.")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench.build", description=__doc__.split("\n")[0])
    parser.add_argument("--antal", type=int, nargs="+", default=list(SIZES), help="antal projekt (standard 1000 2000 5000)")
    parser.add_argument("--upprepningar", type=int, default=3, help="byggen per storlek; medianen visas (standard 3)")
    parser.add_argument("--arbetsmapp", type=Path, default=None, help="mapp för korpus och byggen (standard: tillfällig)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        workdir = args.arbetsmapp or Path(tmp)
        print(table(measure(workdir, args.antal, args.upprepningar)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
