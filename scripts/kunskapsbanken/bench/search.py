"""Search benchmark: our Pagefind search against Material's built-in search, on the same pages.

    python -m kunskapsbanken.bench.search [--projekt 5000] [--pdf-sidor 1000] [--arbetsmapp DIR] [--före SITE]
        [--bara-webblasare] [--utan-material]

Builds the synthetic corpus (kunskapsbanken.bench.corpus) three times: without search, with our
Pagefind index (our real build) and with Material's search plugin. The sites are served from
127.0.0.1 and measured in headless Chromium: the first result link a user can see after a cold
page load (hidden placeholders do not count), bytes transferred until then, warm query times
for 20 frequent words and 50 queries of mixed frequency, and what indexing adds to the build.
--före measures an earlier build of the same corpus (e.g. from main) in the same run, so that
before and after are compared on the same, shared and noisy, machine; --bara-webblasare measures the
sites already built in the work folder again, without building (the build rows are left out);
--utan-material leaves Material out. The sites are measured in turn, one page load or query at a
time, so that a busy spell of a shared machine falls on all of them alike. Prints a Markdown table
with the figures, the ratios against ours and the targets of issue 11.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import math
import random
import re
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
# Pagefind's gzip files, which deploy/nginx/kunskapsbanken.conf serves with 'Content-Encoding: gzip'.
PAGEFIND_GZIP = re.compile(r"/pagefind/.+\.(pf_(fragment|index|meta|filter)|pagefind)$")
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
    # Connections kept open between requests, as nginx (deploy/nginx) does: with HTTP/1.0 every
    # index chunk and fragment waited for a new connection to this single-process server.
    protocol_version = "HTTP/1.1"
    # Headers and body are separate writes: without this, Nagle's algorithm holds the body back
    # until the browser's delayed acknowledgement (40 ms) on a kept-open connection.
    disable_nagle_algorithm = True

    # Pagefind's files are gzip streams; served with 'Content-Encoding: gzip' (deploy/nginx does so)
    # the browser unpacks them as they arrive, and Pagefind does not unpack them again in JavaScript.
    pagefind_gzip = False

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # a kept-open connection of a closed page
            pass

    def parse_request(self) -> bool:
        self.asked_at = time.time()
        return super().parse_request()

    def end_headers(self):
        if self.pagefind_gzip and PAGEFIND_GZIP.search(self.path.split("?")[0]):
            self.send_header("Content-Encoding", "gzip")
        super().end_headers()

    def copyfile(self, source, outputfile):
        sent = 0
        try:
            while chunk := source.read(64 * 1024):
                outputfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):  # the browser closed the page meanwhile
            pass
        self.log.append((self.path.split("?")[0], sent, self.asked_at))


class Server:
    """A site on 127.0.0.1 that counts the bytes of every file it sends."""

    def __init__(self, root: Path, pagefind_gzip: bool = True):
        self.root = root
        self.log: list[tuple[str, int, float]] = []  # path, bytes sent, when asked (epoch seconds)
        handler = type("Handler", (_Counting,), {"log": self.log, "pagefind_gzip": pagefind_gzip})
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


def _cold_load(browser, server: Server, engine: str) -> tuple[float, list]:
    """One cold load in a fresh context (an empty cache): the first visible result, the files sent."""
    context = browser.new_context(locale="sv-SE")
    try:
        page = context.new_page()
        page.add_init_script(f"({OBSERVER})({FIRST_RESULT[engine]!r})")
        server.log.clear()
        page.goto(server.url("sok/" if engine == "pagefind" else "") + f"?q={COLD_QUERY}")
        page.wait_for_function("window.__kbFirst", timeout=120000, polling=50)
        first, seen_at = page.evaluate("[window.__kbFirst, performance.timeOrigin + window.__kbFirst]")
        # The files asked for until the result was seen (also by workers), not those asked for
        # while this waited to notice it.
        return first, [(path, sent) for path, sent, asked in server.log if asked * 1000 <= seen_at]
    finally:
        context.close()


def _warm_page(browser, server: Server, engine: str):
    """A loaded page for warm queries, its context and its search settled."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(server.url("sok/" if engine == "pagefind" else "") + f"?q={COLD_QUERY}")
    if engine == "pagefind":
        page.wait_for_selector("[data-kb-sok][data-klar]", state="attached", timeout=120000)
    else:
        page.wait_for_selector(FIRST_RESULT[engine], timeout=120000)
        page.wait_for_timeout(200)
    return context, page


def measure(browser, sites: list[tuple[str, str, Path]], cold_runs: int, warm_sets: dict[str, list[str]],
            log=print) -> dict[str, dict]:
    """Every site measured in turn, one load or query at a time, so that a busy spell of a shared
    machine falls on all of them alike: cold loads round by round, then each warm query typed into
    each site's loaded page one after the other."""
    servers = {name: Server(site) for name, _, site in sites}
    engines = {name: engine for name, engine, _ in sites}
    try:
        cold = {name: [] for name in servers}
        transfers = {}
        # One load of each first, not counted: the browser's own first start (its caches of
        # compiled code and fonts) would otherwise fall on whichever site came first.
        for name, server in servers.items():
            _cold_load(browser, server, engines[name])
        names = list(servers)
        for round_ in range(cold_runs):
            # Each round starts with another site: none always follows the heavy Material page.
            for name in names[round_ % len(names):] + names[:round_ % len(names)]:
                elapsed, sent = _cold_load(browser, servers[name], engines[name])
                cold[name].append(elapsed)
                transfers.setdefault(name, sent)
            log(f"Kall laddning {round_ + 1} av {cold_runs}: " +
                ", ".join(f"{name} {fmt(cold[name][-1], 0)} ms" for name in servers))
        results = {}
        for name, server in servers.items():
            first = transfers[name]
            results[name] = {
                "cold_ms": statistics.median(cold[name]),
                "cold_all": cold[name],
                "bytes_total": sum(b for _, b in first),
                "bytes_search": sum(b for p, b in first if _is_search_file(p)),
                "gzip_search": sum(server.gzip_size(p) for p, _ in first if _is_search_file(p)),
                "requests": len(first),
            }
        pages = {name: _warm_page(browser, server, engines[name]) for name, server in servers.items()}
        for set_name, warm_queries in warm_sets.items():
            times = {name: {"first": [], "complete": [], "engine": []} for name in servers}
            for query in warm_queries:
                for name, (_, page) in pages.items():
                    page.bring_to_front()
                    if engines[name] == "pagefind":
                        first, complete = page.evaluate(WARM_PAGEFIND, query)
                        module = servers[name].url("pagefind/pagefind.js")
                        times[name]["engine"].append(page.evaluate(WARM_PAGEFIND_ENGINE, [query, module]))
                    else:
                        first = complete = page.evaluate(WARM_MATERIAL, query)
                    times[name]["first"].append(first)
                    times[name]["complete"].append(complete)
            for name in servers:
                result = {**times[name], "timeouts": sum(1 for t in times[name]["first"] if t < 0)}
                if engines[name] != "pagefind":
                    del result["engine"]
                results[name][set_name] = result
            log(f"Varma frågor ({set_name}) mätta")
        for context, _ in pages.values():
            context.close()
        return results
    finally:
        for server in servers.values():
            server.close()


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
    parser.add_argument("--utan-material", action="store_true",
                        help="mät inte Materials inbyggda sökning (snabbare jämförelse av före och efter)")
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
    with_material = not args.utan_material
    needed = [pagefind_site] + ([material_site] if with_material else [])
    reuse = args.bara_webblasare and all((site / "index.html").is_file() for site in needed)
    if reuse:
        print("Återanvänder byggena i arbetsmappen: bara mätningarna i webbläsaren", file=sys.stderr)
    else:
        base = timed_build(_variant(our_config(projects, plain_site), material_search=False))
        print(f"Bygge utan sökindex: {base.seconds:.1f} s", file=sys.stderr)
        ours = timed_build(our_config(projects, pagefind_site))
        print(f"Bygge med Pagefind (vår vanliga konfiguration): {ours.seconds:.1f} s", file=sys.stderr)
        if with_material:
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
    sites = [("pagefind", "pagefind", pagefind_site)]
    if args.fore:
        sites.append(("före", "pagefind", args.fore))
    if with_material:
        sites.append(("material", "material", material_site))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        results = measure(browser, sites, args.kalla, warm_sets, log=lambda text: print(text, file=sys.stderr))
        browser.close()

    pf = results["pagefind"]
    sizes = {"pagefind": dir_size(pagefind_site / "pagefind"),
             "före": dir_size(args.fore / "pagefind") if args.fore else 0,
             "material": dir_size(material_site / "search") if with_material else 0}

    def ratio(a: float, b: float) -> str:
        return f"{fmt(b / a, 1)}×" if a > 0 and b == b else "–"

    def mb(n: int) -> str:
        return f"{fmt(n / 1e6, 2)} MB"

    def ms(value: float) -> str:
        return f"{fmt(value, 0 if value >= 100 else 1)} ms"

    def warm_median(values: list[float]) -> float:
        return statistics.median([t for t in values if t >= 0] or [float("nan")])

    # Columns: ours, before (--före), Material, then the ratios Material / ours and before / ours.
    others = [name for name in ("före", "material") if name in results]

    def row(label: str, measure_of, show, target: str = "", with_ratio: bool = True) -> tuple:
        ours_value = measure_of(pf)
        cells = [label, show(ours_value)] + [show(measure_of(results[name])) for name in others]
        cells += [ratio(ours_value, measure_of(results[name])) if with_ratio else "" for name in others]
        return tuple(cells + [target])

    def ours_only(label: str, ours: str, before: str = "–", target: str = "") -> tuple:
        cells = [label, ours] + [before if name == "före" else "–" for name in others]
        return tuple(cells + [""] * len(others) + [target])

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
    for name in ("vanliga", "blandade"):
        before = ms(p95(results["före"][name]["engine"])) if "före" in results else "–"
        rows.append(ours_only(f"Varm sökning p95, bara Pagefind (sök + 10 utdrag), {name}",
                              ms(p95(pf[name]["engine"])), before))
    if not reuse:
        ours_added = max(0.0, ours.seconds - base.seconds)
        added = ours_only("Bygget blir längre (mot bygge utan sökindex)",
                          f"{fmt(ours_added, 1)} s ({fmt(100 * ours_added / base.seconds, 0)} %)", target="≤ 25 %")
        if with_material:
            material_added = max(0.0, material.seconds - base.seconds)
            added = list(added)
            added[1 + others.index("material")] = \
                f"{fmt(material_added, 1)} s ({fmt(100 * material_added / base.seconds, 0)} %)"
            added = tuple(added)
        rows += [added, ours_only("Indexeringen ensam (Pagefind: egen process bredvid MkDocs)",
                                  f"{fmt(index_seconds, 1)} s ({fmt(100 * index_seconds / base.seconds, 0)} %)")]
    rows.append(tuple(["Sökindex på disk", mb(sizes["pagefind"])] + [mb(sizes[name]) for name in others]
                      + [ratio(sizes["pagefind"], sizes[name]) for name in others] + [""]))
    print("\n## Sökning: Pagefind mot Materials inbyggda sökning\n")
    built = "byggen från en tidigare körning" if reuse else f"bygge utan sökindex {fmt(base.seconds, 1)} s"
    print(f"{args.projekt} projekt, {len(pdf_files) * per_pdf} PDF-sidor, {built}, "
          f"headless Chromium mot 127.0.0.1 (okomprimerat), kall fråga ”{COLD_QUERY}”, {args.kalla} kalla laddningar "
          "per webbplats, webbplatserna växelvis.\n")
    titles = {"före": "Pagefind före (--före)", "material": "Material"}
    ratios = {"före": "före / vår", "material": "Material / vår"}
    header = ["Mått", "Pagefind (vår)"] + [titles[n] for n in others] + [ratios[n] for n in others] + ["Mål"]
    print("| " + " | ".join(header) + " |")
    print("| --- |" + " --: |" * (len(header) - 2) + " --- |")
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
