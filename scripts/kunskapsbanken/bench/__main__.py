"""`make bench`: every benchmark in one run, printed as a Markdown report.

    python -m kunskapsbanken.bench [--snabb] [--utan-sök] [--andra-processen] [--upprepningar 3] [--arbetsmapp DIR]
    python -m kunskapsbanken.bench relevans [--visa-missar]   (only the search's relevance)

The full run (1,000/5,000 projects, rebuild at 1,000) takes about a quarter of an hour
on a two-core machine; --snabb runs the same measurements on 200 and 500 projects.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from . import build, output, rebuild
from .report import report


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["relevans"]:
        from . import relevance

        return relevance.main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--snabb", action="store_true", help="små korpusar (200 och 500 projekt), en upprepning")
    parser.add_argument("--antal", type=int, nargs="+", default=None, help="antal projekt för byggmätningen")
    parser.add_argument("--upprepningar", type=int, default=None, help="byggen per storlek (standard 3, snabb 1)")
    parser.add_argument("--utan-sök", dest="search", action="store_false", help="hoppa över sökmätningen")
    parser.add_argument("--utan-omtagning", dest="rebuild", action="store_false", help="hoppa över mkdocs serve-mätningen")
    parser.add_argument("--arbetsmapp", type=Path, default=None, help="mapp för korpus och byggen (standard: tillfällig)")
    parser.add_argument("--andra-processen", action="store_true",
                        help="mät också vårt bygge med och utan den andra renderingsprocessen")
    args = parser.parse_args(argv)
    sizes = args.antal or ([200, 500] if args.snabb else list(build.SIZES))
    repeats = args.upprepningar or (1 if args.snabb else 3)
    output_sizes = [sizes[0], sizes[-1]] if len(sizes) > 1 else sizes
    rebuild_size = 200 if args.snabb else 1000
    started = time.perf_counter()

    def log(text: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {text}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        workdir = args.arbetsmapp or Path(tmp)
        log(f"Bygge: {', '.join(map(str, sizes))} projekt, {repeats} upprepningar")
        sections = [("Bygge", build.table(build.measure(workdir, sizes, repeats, log, second=args.andra_processen)))]
        log("Utdata")
        sections.append(("Utdata", output.table(output.measure(workdir, output_sizes, log))))
        if args.rebuild:
            log(f"Omtagning under mkdocs serve: {rebuild_size} projekt")
            sections.append(("Ändring under mkdocs serve",
                             rebuild.table(rebuild.measure_all(workdir, rebuild_size, 3, log))))
        print(report(sections), flush=True)
        if args.search:
            try:
                from . import search
            except ImportError:
                log("Sökmätningen (kunskapsbanken.bench.search) finns inte; hoppar över den")
            else:
                log("Sök (kunskapsbanken.bench.search)")
                print("## Sök\n", flush=True)
                search_args = ["--arbetsmapp", str(workdir / "sok")]
                if args.snabb:
                    search_args += ["--projekt", "500", "--pdf-sidor", "100", "--kalla", "1"]
                code = search.main(search_args)
                if code:
                    return code
            from . import relevance

            log("Sökningens relevans (kunskapsbanken.bench.relevance)")
            code = relevance.main(["--arbetsmapp", str(workdir / "relevans")])
            if code:
                return code
    log("Klart")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
