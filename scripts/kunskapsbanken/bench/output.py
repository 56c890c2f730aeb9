"""Output benchmark: total site size and HTML bytes per project page, which must not grow with N.

    python -m kunskapsbanken.bench.output [--antal 1000 5000]

The same seed makes the first 1,000 projects of the 5,000 corpus the same pages as the 1,000
corpus, so the per-page figure compares the same projects at both sizes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .build import site_dir
from .common import corpus, fmt, our_config, timed_build

SIZES = (1000, 5000)


@dataclass
class OutputResult:
    count: int
    total_bytes: int
    files: int
    html_bytes: int
    project_pages: dict[str, int]  # project id -> bytes of its index.html

    def mean_project_bytes(self, ids: set[str] | None = None) -> float:
        sizes = [size for pid, size in self.project_pages.items() if ids is None or pid in ids]
        return statistics.mean(sizes) if sizes else 0.0


def measure_site(site: Path, count: int) -> OutputResult:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = {p.parent.name: p.stat().st_size for p in (site / "projekt").glob("*/index.html")}
    return OutputResult(count, sum(p.stat().st_size for p in files), len(files),
                        sum(p.stat().st_size for p in files if p.suffix == ".html"), pages)


def measure(workdir: Path, sizes=SIZES, log=print) -> list[OutputResult]:
    """Measure the sites the build benchmark left, building those it did not."""
    results = []
    for count in sizes:
        site = site_dir(workdir, "ours", count)
        if not (site / "index.html").exists():
            timed_build(our_config(corpus(workdir, count), site))
        results.append(measure_site(site, count))
        log(f"  {count} projekt: {fmt(results[-1].total_bytes / 1e6)} MB, "
            f"{fmt(results[-1].mean_project_bytes() / 1000)} kB per projektsida")
    return results


def table(results: list[OutputResult]) -> str:
    common = set.intersection(*(set(r.project_pages) for r in results)) if results else set()
    rows = ["| Projekt | Webbplatsen | Filer | varav HTML | HTML per projektsida | samma projekt i alla storlekar |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        rows.append(f"| {fmt(r.count, 0)} | {fmt(r.total_bytes / 1e6)} MB | {fmt(r.files, 0)} | "
                    f"{fmt(r.html_bytes / 1e6)} MB | {fmt(r.mean_project_bytes() / 1000)} kB | "
                    f"{fmt(r.mean_project_bytes(common) / 1000)} kB |")
    if len(results) > 1 and common:
        first, last = results[0].mean_project_bytes(common), results[-1].mean_project_bytes(common)
        rows.append("")
        rows.append(f"En projektsida vid {fmt(results[-1].count, 0)} projekt är {fmt(last / first, 3)} gånger "
                    f"så stor som samma sida vid {fmt(results[0].count, 0)} ({fmt(len(common), 0)} gemensamma "
                    "projekt); mål: växer inte med antalet.")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench.output", description=__doc__.split("\n")[0])
    parser.add_argument("--antal", type=int, nargs="+", default=list(SIZES), help="antal projekt (standard 1000 5000)")
    parser.add_argument("--arbetsmapp", type=Path, default=None, help="mapp för korpus och byggen (standard: tillfällig)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        print(table(measure(args.arbetsmapp or Path(tmp), args.antal)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
