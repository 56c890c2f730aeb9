"""Relevance benchmark: our search against Material's built-in search, on the same site and queries.

    python -m kunskapsbanken.bench relevans [--innehåll projects] [--frågor FIL] [--arbetsmapp DIR] [--visa-missar]

Builds the site from the real content twice (with our Pagefind index, and with Material's search
plugin instead), then asks both engines every query of relevans.yml in headless Chromium: ours
through the search page's own module (kunskapsbanken-sok.js), Material's by typing into its
search box. A hit in a PDF counts for its project; each project counts once. Prints the zero-hit
count, recall@10 and nDCG@10 (binary relevance) for each engine, overall and per kind of query.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from .common import REPO, fmt, our_config, timed_build

JUDGEMENTS = Path(__file__).with_name("relevans.yml")
CUTOFF = 10
KINDS = ["ord", "böjning", "flera ord", "synonym", "sammansättning", "felstavning", "stadsdel"]

OURS = """async ([query, module, limit]) => {
  const search = await import(module);
  const result = await search.search(query);
  const data = await Promise.all(result.results.slice(0, limit * 4).map((r) => r.data()));
  return data.map((d) => d.meta.project_url || d.url);
}"""
MATERIAL = """async (query) => {
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const until = async (test, ms) => { const end = performance.now() + ms; while (!test() && performance.now() < end) await new Promise((r) => setTimeout(r, 20)); };
  const type = (text) => { input.value = text; input.focus(); input.dispatchEvent(new Event('input', {bubbles: true})); input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'a'})); };
  // The empty box's text ("Skriv för att söka") changes only when the worker has answered the query.
  type('');
  await until(() => list.children.length === 0, 5000);
  const empty = meta.textContent;
  type(query);
  await until(() => meta.textContent !== empty, 15000);
  let count = -1;
  await until(() => { const same = list.children.length === count; count = list.children.length; return same; }, 5000);
  return [...list.querySelectorAll(':scope > .md-search-result__item > a')].map((a) => a.href);
}"""


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    relevant: tuple[str, ...]


def load_queries(path: Path = JUDGEMENTS) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["fråga"]), q["slag"], tuple(q["relevanta"])) for q in data["frågor"]]


def project_of(url: str) -> str | None:
    """'…/projekt/bo-kvar/slutrapport.pdf#page=2' -> 'bo-kvar'; None for other pages."""
    parts = [p for p in unquote(urlparse(url).path).split("/") if p]
    if "projekt" in parts and parts.index("projekt") + 1 < len(parts):
        return parts[parts.index("projekt") + 1]
    return None


def ranked_projects(urls: list[str], limit: int = CUTOFF) -> list[str]:
    """The distinct projects of a ranked list of hits, best first, at most limit."""
    found: list[str] = []
    for url in urls:
        project = project_of(url)
        if project and project not in found:
            found.append(project)
    return found[:limit]


def recall(ranked: list[str], relevant: tuple[str, ...]) -> float:
    return len(set(ranked[:CUTOFF]) & set(relevant)) / len(relevant)


def ndcg(ranked: list[str], relevant: tuple[str, ...]) -> float:
    gain = sum(1 / math.log2(i + 2) for i, p in enumerate(ranked[:CUTOFF]) if p in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), CUTOFF)))
    return gain / ideal


@dataclass
class Scores:
    zero_hits: int
    recall: float
    ndcg: float
    count: int


def score(queries: list[Query], answers: dict[str, list[str]]) -> Scores:
    """answers: query text -> ranked projects (all hits, not only the first ten)."""
    return Scores(
        zero_hits=sum(1 for q in queries if not answers[q.text]),
        recall=sum(recall(answers[q.text], q.relevant) for q in queries) / len(queries),
        ndcg=sum(ndcg(answers[q.text], q.relevant) for q in queries) / len(queries),
        count=len(queries),
    )


def ask_ours(page, base_url: str, queries: list[Query]) -> dict[str, list[str]]:
    page.goto(base_url + "sok/")
    page.wait_for_selector("[data-kb-sok][data-klar]", state="attached", timeout=60000)
    module = base_url + "assets/javascripts/kunskapsbanken-sok.js"
    return {q.text: ranked_projects(page.evaluate(OURS, [q.text, module, CUTOFF])) for q in queries}


def ask_material(page, base_url: str, queries: list[Query]) -> dict[str, list[str]]:
    page.goto(base_url)
    page.wait_for_selector(".md-search__input", state="attached", timeout=60000)
    # Material's search worker builds its lunr index after the page loads: ask until it answers
    # a query that has hits (the first query's relevant projects exist), at most half a minute.
    deadline = time.monotonic() + 30
    while not page.evaluate(MATERIAL, queries[0].text) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    return {q.text: ranked_projects(page.evaluate(MATERIAL, q.text)) for q in queries}


def build_sites(projects: Path, workdir: Path) -> tuple[Path, Path]:
    from .search import _variant

    ours, material = workdir / "site-var", workdir / "site-material"
    timed_build(our_config(projects, ours))
    timed_build(_variant(our_config(projects, material), material_search=True))
    return ours, material


def measure(projects: Path, workdir: Path, queries: list[Query], browser=None) -> dict[str, dict[str, list[str]]]:
    """Both engines' ranked projects for every query, from sites built in workdir (in browser, or a Chromium of its own)."""
    sites = dict(zip(("vår", "material"), build_sites(projects, workdir)))
    if browser is not None:
        return _ask_both(browser, sites, queries)
    from playwright.sync_api import sync_playwright

    from .search import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            return _ask_both(browser, sites, queries)
        finally:
            browser.close()


def _ask_both(browser, sites: dict[str, Path], queries: list[Query]) -> dict[str, dict[str, list[str]]]:
    from .search import Server

    answers = {}
    for engine, site in sites.items():
        server = Server(site)
        context = browser.new_context(locale="sv-SE")
        try:
            ask = ask_ours if engine == "vår" else ask_material
            answers[engine] = ask(context.new_page(), server.url(""), queries)
        finally:
            context.close()
            server.close()
    return answers


def table(queries: list[Query], answers: dict[str, dict[str, list[str]]]) -> str:
    ours, material = score(queries, answers["vår"]), score(queries, answers["material"])
    lines = [f"{len(queries)} frågor mot det riktiga innehållet, relevanta projekt bedömda i förväg "
             f"(`bench/relevans.yml`); samma webbplats och samma körning för båda motorerna.", "",
             "| Mått | Vår sökning | Materials sökning | Mål |", "| --- | --: | --: | --- |",
             f"| Frågor utan träffar | {ours.zero_hits} | {material.zero_hits} | 0 |",
             f"| Recall@10 | {fmt(ours.recall, 2)} | {fmt(material.recall, 2)} | ≥ 0,9 |",
             f"| nDCG@10 | {fmt(ours.ndcg, 2)} | {fmt(material.ndcg, 2)} | bättre än Material |", "",
             "| Slag av fråga | Antal | Recall@10, vår | Recall@10, Material | nDCG@10, vår | nDCG@10, Material |",
             "| --- | --: | --: | --: | --: | --: |"]
    for kind in KINDS:
        subset = [q for q in queries if q.kind == kind]
        if not subset:
            continue
        o, m = score(subset, answers["vår"]), score(subset, answers["material"])
        lines.append(f"| {kind} | {len(subset)} | {fmt(o.recall, 2)} | {fmt(m.recall, 2)} | {fmt(o.ndcg, 2)} | {fmt(m.ndcg, 2)} |")
    return "\n".join(lines)


def misses(queries: list[Query], answers: dict[str, list[str]]) -> str:
    """The queries where an engine left relevant projects out of its first ten, for tuning."""
    lines = []
    for q in queries:
        got = answers[q.text]
        missing = [p for p in q.relevant if p not in got]
        if missing:
            lines.append(f"- ”{q.text}” ({q.kind}): saknar {', '.join(missing)}; fick {', '.join(got) or 'inget'}")
    return "\n".join(lines) or "- inga"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench relevans", description=__doc__.split("\n")[0])
    parser.add_argument("--innehåll", dest="projects", type=Path, default=REPO / "projects", help="innehållsmappen (standard projects/)")
    parser.add_argument("--arbetsmapp", type=Path, default=None, help="mapp för byggena (standard: tillfällig)")
    parser.add_argument("--frågor", dest="judgements", type=Path, default=JUDGEMENTS,
                        help="frågor och bedömningar (standard bench/relevans.yml)")
    parser.add_argument("--visa-missar", action="store_true", help="lista frågorna där relevanta projekt saknas bland de tio första")
    args = parser.parse_args(argv)
    queries = load_queries(args.judgements)
    with tempfile.TemporaryDirectory(prefix="kb-relevans-") as tmp:
        answers = measure(args.projects, args.arbetsmapp or Path(tmp), queries)
    print("\n## Sökningens relevans\n")
    print(table(queries, answers))
    if args.visa_missar:
        for engine, label in (("vår", "Vår sökning"), ("material", "Materials sökning")):
            print(f"\n{label}, missar:\n")
            print(misses(queries, answers[engine]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
