"""Search benchmark: our Pagefind search against Material's built-in search, on the same pages.

    python -m kunskapsbanken.bench.search [--projekt 5000] [--pdf-sidor 1000] [--arbetsmapp DIR] [--före SITE]
        [--bara-webblasare]

Builds the synthetic corpus (kunskapsbanken.bench.corpus) three times: without search, with our
Pagefind index (our real build) and with Material's search plugin. The sites are served from
127.0.0.1 and measured in headless Chromium: the first result link a user can see after a cold
page load (hidden placeholders do not count), bytes transferred until then, warm query times
for 20 frequent words and 50 queries of mixed frequency, and what indexing adds to the build.
--före measures an earlier build of the same corpus (e.g. from main) in the same run, so that
before and after are compared on the same, shared and noisy, machine; --bara-webblasare measures the
sites already built in the work folder again, without building (the build rows are left out).
Prints a Markdown table with the figures, the ratios against Material and the targets of issue 11.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import math
import random
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from .common import corpus, fmt, our_config, timed_build
from .corpus import PDF_SHARE, swedish_words

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
COLD_QUERY = "ungdomar"
# PDFs per project in the corpus generator: PDF_SHARE of the projects, about 0.8 reports each.
PDFS_PER_PROJECT = PDF_SHARE * 0.81
STOP = set("och i att det som en på är av för med till den har de inte om ett men var sig från vi så kan man "
           "när eller nu sin där vid mot ska skulle ut får finns vara hade alla andra än här då sedan över "
           "bli bara blir upp även vad hur mer dem dessa detta denna deras dess".split())

# The first result a user can see in each engine, and how a query is typed into it.
# Pagefind: a visible title link (the page may hold hidden placeholders before that).
FIRST_RESULT = {"pagefind": ".kb-sok__lista a.kb-traff__titel", "material": ".md-search-result__item"}
OBSERVER = """(selector) => {
  const seen = () => {
    if (window.__kbFirst) return;
    for (const element of document.querySelectorAll(selector)) {
      if (element.checkVisibility()) { window.__kbFirst = performance.now(); return; }
    }
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true, attributes: true});
}"""
WARM_PAGEFIND = """async (q) => {
  const root = document.querySelector('[data-kb-sok]');
  const input = root.querySelector('input[name=q]');
  const list = root.querySelector('[data-kb-resultat]');
  input.value = q;
  list.querySelectorAll('.kb-traff__titel').forEach((a) => { a.dataset.gammal = ''; });
  let first = null;
  const started = performance.now();
  const visible = () => [...list.querySelectorAll('a.kb-traff__titel:not([data-gammal])')].some((a) => a.checkVisibility());
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (first === null && visible()) first = performance.now() - started;
      if ('klar' in root.dataset) { observer.disconnect(); resolve(); }
    });
    observer.observe(root, {attributes: true, childList: true, subtree: true});
  });
  root.querySelector('form').requestSubmit();
  await done;
  const all = performance.now() - started;
  return [first ?? all, all];
}"""
WARM_PAGEFIND_ENGINE = """async ([q, module]) => {
  const pagefind = await import(module);
  const started = performance.now();
  const result = await pagefind.search(q);
  await Promise.all(result.results.slice(0, 10).map((r) => r.data()));
  return performance.now() - started;
}"""
WARM_MATERIAL = """async (q) => {
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const started = performance.now();
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(false); });
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
    observer.observe(list, {childList: true});
    setTimeout(() => resolve(true), 10000);
  });
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'a'}));
  const timedOut = await done;
  return timedOut ? -1 : performance.now() - started;
}"""


def queries(count: int = 50, seed: int = 4) -> list[str]:
    """Fixed queries of mixed word frequency: frequent, middling and rare words, and pairs."""
    words = [w for w in swedish_words()[0] if len(w) >= 3 and w not in STOP]
    rng = random.Random(seed)
    frequent, middle, rare = words[50:600], words[600:4000], words[4000:15000]
    chosen = rng.sample(frequent, 12) + rng.sample(middle, 14) + rng.sample(rare, 10)
    chosen += ["ungdomar", "hemlöshet", "våld", "utvärdering"]
    chosen += [f"{rng.choice(frequent)} {rng.choice(middle)}" for _ in range(count - len(chosen))]
    return chosen[:count]


def common_words(count: int = 20, seed: int = 11) -> list[str]:
    """Frequent words, each found in a large share of the records: the slowest single-word queries."""
    words = [w for w in swedish_words()[0] if len(w) >= 3 and w not in STOP]
    return random.Random(seed).sample(words[:200], count)


class _Counting(SimpleHTTPRequestHandler):
    log: list = []

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        sent = 0
        try:
            while chunk := source.read(64 * 1024):
                outputfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):  # the browser closed the page meanwhile
            pass
        self.log.append((self.path.split("?")[0], sent))


class Server:
    """A site on 127.0.0.1 that counts the bytes of every file it sends."""

    def __init__(self, root: Path):
        self.root = root
        self.log: list[tuple[str, int]] = []
        handler = type("Handler", (_Counting,), {"log": self.log})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{path}"

    def gzip_size(self, path: str) -> int:
        file = self.root / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        return len(gzip.compress(file.read_bytes(), 6)) if file.exists() else 0

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _is_search_file(path: str) -> bool:
    return any(part in path for part in ("/pagefind/", "kunskapsbanken-sok", "/search/", "workers/search"))


def measure(browser, server: Server, engine: str, cold_runs: int, warm_sets: dict[str, list[str]]) -> dict:
    """Cold loads in fresh contexts, then each set of warm queries typed into one loaded page."""
    url = server.url("sok/" if engine == "pagefind" else "") + f"?q={COLD_QUERY}"
    cold, transfers = [], []
    for _ in range(cold_runs):
        context = browser.new_context(locale="sv-SE")  # a new context: an empty cache
        page = context.new_page()
        page.add_init_script(f"({OBSERVER})({FIRST_RESULT[engine]!r})")
        server.log.clear()
        page.goto(url)
        page.wait_for_function("window.__kbFirst", timeout=120000, polling=50)
        cold.append(page.evaluate("window.__kbFirst"))
        transfers.append(list(server.log))
        context.close()

    first = transfers[0]
    result = {
        "cold_ms": statistics.median(cold),
        "cold_all": cold,
        "bytes_total": sum(b for _, b in first),
        "bytes_search": sum(b for p, b in first if _is_search_file(p)),
        "gzip_search": sum(server.gzip_size(p) for p, _ in first if _is_search_file(p)),
        "requests": len(first),
    }

    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(url)
    if engine == "pagefind":
        page.wait_for_selector("[data-kb-sok][data-klar]", state="attached", timeout=120000)
    else:
        page.wait_for_selector(FIRST_RESULT[engine], timeout=120000)
        page.wait_for_timeout(200)
    script = WARM_PAGEFIND if engine == "pagefind" else WARM_MATERIAL
    for name, warm_queries in warm_sets.items():
        times, complete = [], []
        for query in warm_queries:
            measured = page.evaluate(script, query)
            times.append(measured[0] if engine == "pagefind" else measured)
            complete.append(measured[1] if engine == "pagefind" else measured)
        result[name] = {"first": times, "complete": complete, "timeouts": sum(1 for t in times if t < 0)}
        if engine == "pagefind":
            module = server.url("pagefind/pagefind.js")
            result[name]["engine"] = [page.evaluate(WARM_PAGEFIND_ENGINE, [q, module]) for q in warm_queries]
    context.close()
    return result


def p95(values: list[float]) -> float:
    ordered = sorted(v for v in values if v >= 0)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def _variant(config_file: Path, material_search: bool) -> Path:
    """Our config without our index, with or without Material's search plugin."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kunskapsbanken" in plugin:
            plugin = {"kunskapsbanken": {**plugin["kunskapsbanken"], "search_index": False}}
        plugins.append(plugin)
    if material_search:
        plugins.insert(0, {"search": {"lang": "sv"}})
    config["plugins"] = plugins
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench.search", description=__doc__.split("\n")[0])
    parser.add_argument("--projekt", type=int, default=5000, help="antal projektsidor (standard 5000)")
    parser.add_argument("--pdf-sidor", type=int, default=1000, help="ungefärligt antal PDF-sidor totalt (standard 1000)")
    parser.add_argument("--kalla", type=int, default=3, help="antal kalla sidladdningar per motor (standard 3)")
    parser.add_argument("--arbetsmapp", type=Path, default=None, help="mapp för korpus och byggen (standard: tillfällig)")
    parser.add_argument("--före", dest="fore", type=Path, default=None,
                        help="en tidigare byggd webbplats med Pagefind (samma korpus) att mäta i samma körning")
    parser.add_argument("--bara-webblasare", action="store_true",
                        help="bygg inte om: mät webbplatserna som redan finns i arbetsmappen (byggtiderna utelämnas)")
    args = parser.parse_args(argv)

    workdir = args.arbetsmapp or Path(tempfile.mkdtemp(prefix="kb-sokbench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    per_pdf = max(1, math.ceil(args.pdf_sidor / max(1.0, args.projekt * PDFS_PER_PROJECT)))
    started = time.perf_counter()
    projects = corpus(workdir, args.projekt, pdf_pages=per_pdf)
    pdf_files = list(projects.glob("*/*.pdf"))
    print(f"Korpus: {args.projekt} projekt, {len(pdf_files)} PDF-filer à {per_pdf} sidor "
          f"= {len(pdf_files) * per_pdf} PDF-sidor ({time.perf_counter() - started:.0f} s)", file=sys.stderr)

    plain_site, pagefind_site, material_site = (workdir / "site-utan-sok", workdir / "site-pagefind",
                                                workdir / "site-material")
    reuse = args.bara_webblasare and all((site / "index.html").is_file() for site in (pagefind_site, material_site))
    if reuse:
        print("Återanvänder byggena i arbetsmappen: bara mätningarna i webbläsaren", file=sys.stderr)
    else:
        base = timed_build(_variant(our_config(projects, plain_site), material_search=False))
        print(f"Bygge utan sökindex: {base.seconds:.1f} s", file=sys.stderr)
        ours = timed_build(our_config(projects, pagefind_site))
        print(f"Bygge med Pagefind (vår vanliga konfiguration): {ours.seconds:.1f} s", file=sys.stderr)
        material = timed_build(_variant(our_config(projects, material_site), material_search=True))
        print(f"Bygge med Materials sökindex: {material.seconds:.1f} s", file=sys.stderr)

        # The indexing work alone (records with the PDFs' text, and Pagefind), which the build does
        # in a process of its own beside MkDocs.
        from ..catalog import load_catalog
        from ..search import build_search

        catalog, _ = load_catalog(projects)
        with tempfile.TemporaryDirectory(prefix="kb-sokbench-index-") as scratch:
            started = time.perf_counter()
            build_search(catalog, Path(scratch))
            index_seconds = time.perf_counter() - started
        print(f"Pagefind-indexering ensam: {index_seconds:.1f} s", file=sys.stderr)

    from playwright.sync_api import sync_playwright

    warm_sets = {"blandade": queries(), "vanliga": common_words()}
    sites = [("pagefind", "pagefind", pagefind_site), ("material", "material", material_site)]
    if args.fore:
        sites.insert(1, ("före", "pagefind", args.fore))
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, engine, site in sites:
            server = Server(site)
            try:
                results[name] = measure(browser, server, engine, args.kalla, warm_sets)
            finally:
                server.close()
            print(f"Mätt: {name}", file=sys.stderr)
        browser.close()

    pf, md = results["pagefind"], results["material"]
    sizes = {"pagefind": dir_size(pagefind_site / "pagefind"),
             "material": dir_size(material_site / "search")}

    def ratio(a: float, b: float) -> str:
        return f"{fmt(b / a, 1)}×" if a > 0 else "–"

    def mb(n: int) -> str:
        return f"{fmt(n / 1e6, 2)} MB"

    def ms(value: float) -> str:
        return f"{fmt(value, 0 if value >= 100 else 1)} ms"

    def warm_median(values: list[float]) -> float:
        return statistics.median([t for t in values if t >= 0] or [float("nan")])

    def row(label: str, measure_of, show, target: str = "", with_ratio: bool = True) -> tuple:
        ours_value, material_value = measure_of(pf), measure_of(md)
        cells = [label, show(ours_value)]
        if "före" in results:
            cells.append(show(measure_of(results["före"])))
        cells += [show(material_value), ratio(ours_value, material_value) if with_ratio else "", target]
        return tuple(cells)

    n_mixed, n_common = len(warm_sets["blandade"]), len(warm_sets["vanliga"])
    rows = [
        row("Första synliga träfflänk efter kall sidladdning (median)", lambda r: r["cold_ms"], ms, "≤ 300 ms"),
        row("Överfört för första sökningen, sökfiler", lambda r: r["bytes_search"], mb, "≤ 1 MB"),
        row("– samma filer gzip-komprimerade", lambda r: r["gzip_search"], mb),
        row("Överfört totalt vid kall laddning (sida, tema, sök)", lambda r: r["bytes_total"], mb),
        row(f"Varm sökning p95, {n_common} vanliga ord, första synliga träff", lambda r: p95(r["vanliga"]["first"]),
            ms, "≤ 50 ms"),
        row(f"Varm sökning p95, {n_mixed} blandade frågor, första synliga träff",
            lambda r: p95(r["blandade"]["first"]), ms, "≤ 50 ms"),
        row("Varm sökning median, blandade frågor", lambda r: warm_median(r["blandade"]["first"]), ms),
        row("Varm sökning p95, blandade, tills alla träffar och facetter visas",
            lambda r: p95(r["blandade"]["complete"]), ms, with_ratio=False),
    ]
    engine_rows = [
        (f"Varm sökning p95, bara Pagefind (sök + 10 utdrag), {name}",
         ms(p95(pf[name]["engine"])), *([ms(p95(results["före"][name]["engine"]))] if "före" in results else []),
         "–", "", "") for name in ("vanliga", "blandade")]
    rows += engine_rows
    before_cells = ["–"] if "före" in results else []
    if not reuse:
        material_added = max(0.0, material.seconds - base.seconds)
        ours_added = max(0.0, ours.seconds - base.seconds)
        rows += [
            ("Bygget blir längre (mot bygge utan sökindex)",
             f"{fmt(ours_added, 1)} s ({fmt(100 * ours_added / base.seconds, 0)} %)", *before_cells,
             f"{fmt(material_added, 1)} s ({fmt(100 * material_added / base.seconds, 0)} %)", "", "≤ 25 %"),
            ("Indexeringen ensam (Pagefind: egen process bredvid MkDocs)",
             f"{fmt(index_seconds, 1)} s ({fmt(100 * index_seconds / base.seconds, 0)} %)", *before_cells, "–", "", ""),
        ]
    rows.append(("Sökindex på disk", mb(sizes["pagefind"]), *before_cells, mb(sizes["material"]),
                 ratio(sizes["pagefind"], sizes["material"]), ""))
    print("\n## Sökning: Pagefind mot Materials inbyggda sökning\n")
    built = "byggen från en tidigare körning" if reuse else f"bygge utan sökindex {fmt(base.seconds, 1)} s"
    print(f"{args.projekt} projekt, {len(pdf_files) * per_pdf} PDF-sidor, {built}, "
          f"headless Chromium mot 127.0.0.1 (okomprimerat), kall fråga ”{COLD_QUERY}”, {args.kalla} kalla laddningar.\n")
    before_header = " Pagefind före (--före) |" if "före" in results else ""
    print(f"| Mått | Pagefind (vår) |{before_header} Material | Material / vår | Mål |")
    print("| --- | --: |" + (" --: |" if before_header else "") + " --: | --: | --- |")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    for name, result in results.items():
        timeouts = sum(result[w]["timeouts"] for w in warm_sets)
        if timeouts:
            print(f"\n{name}: svarade inte inom 10 s på {timeouts} varma frågor (ej medräknade).")
    print("\nKalla mätningar (ms): " + "; ".join(
        f"{name} {', '.join(fmt(v, 0) for v in result['cold_all'])}" for name, result in results.items()) + ".")
    print(f"Vanliga ord: {', '.join(warm_sets['vanliga'])}")
    print(f"Blandade frågor: {', '.join(warm_sets['blandade'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
