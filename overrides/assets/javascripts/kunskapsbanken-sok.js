// Kunskapsbanken's search: one engine (Pagefind, built by kunskapsbanken.search) behind both
// the search box in the header and the search page /sok/ with its facets.
// Everything is loaded from the site itself, relative to this file, so it works under a sub-path.

import { RANKING, find, normalize, tooShort } from "./kunskapsbanken-sok-fraga.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const HEADER_HITS = 5;
const PAGE_SIZE = 10;
let enginePromise = null;

function engine() {
  if (!enginePromise) {
    enginePromise = import(new URL("pagefind/pagefind.js", SITE_ROOT).href).then(async (pagefind) => {
      // The main thread: a worker costs more in start-up and messages than it saves at this size.
      await pagefind.options({ excerptLength: 26, noWorker: true, ranking: RANKING });
      await pagefind.init();
      return pagefind;
    });
  }
  return enginePromise;
}

/** One search (see kunskapsbanken-sok-fraga.js): { results, match, suggestion, filters }. */
export async function search(query, filters = {}) {
  return find(await engine(), query, { filters });
}

export async function allFilters() {
  return (await engine()).filters();
}

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** Pagefind's excerpt with only its <mark> tags kept as markup. Pagefind writes the record's
 *  text with < and > as entities (and & as it is); they are turned back into text and escaped
 *  once, so '<script>' in a title shows as written rather than as '&lt;script&gt;'. */
function excerptHtml(excerpt) {
  return String(excerpt ?? "").split(/(<\/?mark>)/).map((part) => /^<\/?mark>$/.test(part) ? part
    : escapeHtml(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"))).join("");
}

function hitCount(count) {
  return `${count.toLocaleString("sv-SE")} ${count === 1 ? "träff" : "träffar"}`;
}

const SOME_WORDS = "Inga träffar på alla orden – här är träffar på några av dem.";

/** The status text of a search, with the note for a partial match and a "Menade du …?" link. */
function showStatus(status, text, result, suggestionUrl, query) {
  const corrected = result.match === "inga" && result.results.length > 0;
  const parts = [corrected ? `Inga träffar för ”${query}”.` : result.match === "några" ? `${SOME_WORDS} ${text}` : text];
  if (result.suggestion) {
    const link = document.createElement("a");
    link.href = suggestionUrl(result.suggestion);
    link.textContent = result.suggestion;
    link.dataset.kbMenadeDu = "";
    parts.push(" Menade du ", link, "?");
    if (corrected) parts.push(` Nedan visas ${hitCount(result.results.length)} för ”${result.suggestion}”.`);
  }
  status.replaceChildren(...parts);
}

/** One hit as a list item: title, facts, which document matched, excerpt. */
function renderHit(data, compact = false) {
  const meta = data.meta || {};
  const facts = [meta.type, meta.years, meta.administration].filter(Boolean).map(escapeHtml).join(" · ");
  let where = `<span class="kb-traff__dokument">${escapeHtml(meta.document || "Projektsida")}</span>`;
  if (meta.kind === "pdf") {
    const project = new URL(meta.project_url || "", SITE_ROOT).href;
    where = `Träff i <span class="kb-traff__dokument">${escapeHtml(meta.document)}</span> (PDF)` +
      (compact ? ` – ${escapeHtml(meta.project)}` : ` i projektet <a href="${escapeHtml(project)}">${escapeHtml(meta.project)}</a>`);
  } else {
    where = `Träff på ${where}`;
  }
  const li = document.createElement("li");
  li.className = "kb-traff" + (meta.kind === "pdf" ? " kb-traff--pdf" : "");
  li.innerHTML =
    `<a class="kb-traff__titel" href="${escapeHtml(data.url)}">${escapeHtml(meta.title || data.url)}</a>` +
    `<p class="kb-traff__fakta">${facts}</p>` +
    `<p class="kb-traff__var">${where}</p>` +
    (compact ? "" : `<p class="kb-traff__utdrag">${excerptHtml(data.excerpt)}</p>`);
  li.dataset.url = data.url;
  return li;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

const MESSAGES = {
  empty: "Skriv ett eller flera ord i sökrutan, till exempel ”våld ungdomar”, eller välj ett område, ett år eller något annat filter.",
  short: "Skriv minst två bokstäver – en enda bokstav ger inga meningsfulla träffar.",
  none: (q) => `Inga träffar för ”${q}”. Kontrollera stavningen, prova ett annat eller kortare ord (”hemlös” hittar också ”hemlöshet”) eller ta bort några filter.`,
  error: "Sökningen kunde inte laddas. Ladda om sidan; hjälper inte det kan du bläddra via områden, år och dokument.",
};

// ---------------------------------------------------------------- header box

function headerBox(root) {
  const input = root.querySelector("input[name=q]");
  const panel = root.querySelector(".kb-sokruta__panel");
  const status = root.querySelector("[data-kb-status]");
  const list = root.querySelector("[data-kb-resultat]");
  const all = root.querySelector("[data-kb-alla]");
  const searchPage = new URL(root.dataset.sokside, location.href);
  let sequence = 0;

  const open = (yes) => { panel.hidden = !yes; input.setAttribute("aria-expanded", String(yes)); };

  // data-klar is set when the shown results are those of the current query (for tests and tools).
  const done = () => { root.dataset.klar = ""; };
  async function run() {
    const query = input.value;
    const mine = ++sequence;
    delete root.dataset.klar;
    if (!query.trim()) { list.replaceChildren(); open(false); done(); return; }
    open(true);
    all.hidden = true;
    if (tooShort(query)) { list.replaceChildren(); status.textContent = MESSAGES.short; done(); return; }
    let result;
    try { result = await search(query); } catch (error) { status.textContent = MESSAGES.error; done(); return; }
    const data = await Promise.all(result.results.slice(0, HEADER_HITS).map((r) => r.data()));
    if (mine !== sequence) return;
    list.replaceChildren(...data.map((d) => renderHit(d, true)));
    const count = result.results.length;
    const suggestionUrl = (q) => { const url = new URL(searchPage); url.searchParams.set("q", q); return url.href; };
    showStatus(status, count ? `${hitCount(count)}${count > HEADER_HITS ? `, de ${HEADER_HITS} bästa visas` : ""}.` : MESSAGES.none(query.trim()),
               result, suggestionUrl, query.trim());
    const target = new URL(searchPage);
    target.searchParams.set("q", query.trim());
    all.href = target.href;
    all.hidden = false;
    all.textContent = count ? `Visa alla ${hitCount(count)} och filter på söksidan` : "Öppna söksidan";
    done();
  }

  input.addEventListener("input", () => { delete root.dataset.klar; });
  input.addEventListener("input", debounce(run, 120));
  input.addEventListener("focus", () => { engine(); if (input.value.trim()) run(); });
  input.addEventListener("pointerenter", () => engine(), { once: true });
  const links = () => [...panel.querySelectorAll("a")].filter((a) => !a.hidden && a.offsetParent !== null);
  root.addEventListener("keydown", (event) => {
    const items = links();
    const index = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && !panel.hidden && items.length) {
      event.preventDefault();
      items[Math.min(index + 1, items.length - 1)].focus();
    } else if (event.key === "ArrowUp" && index >= 0) {
      event.preventDefault();
      (index === 0 ? input : items[index - 1]).focus();
    } else if (event.key === "Escape") {
      open(false);
      input.focus();
    }
  });
  document.addEventListener("click", (event) => { if (!root.contains(event.target)) open(false); });
  root.addEventListener("focusout", (event) => { if (event.relatedTarget && !root.contains(event.relatedTarget)) open(false); });
  // "/" focuses the box, as on many sites (not while typing somewhere else).
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "") || document.activeElement?.isContentEditable;
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
}

// ---------------------------------------------------------------- search page

function searchPage(root) {
  const facets = JSON.parse(root.dataset.facets);
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[data-kb-status]");
  const list = root.querySelector("[data-kb-resultat]");
  const more = root.querySelector("[data-kb-fler]");
  const facetBox = root.querySelector("[data-kb-facetter]");
  const boxes = {}; // facet key -> value -> {input, count, label}
  let sequence = 0;
  // Pagefind counts filter values only once their index is loaded.
  let filtersLoaded = false;
  const totals = allFilters().then((all) => { filtersLoaded = true; return all; });
  let current = { results: [] };
  let shown = 0;

  // The facets are drawn once; searches only change their counts, so focus stays put.
  for (const facet of facets) {
    const fieldset = document.createElement("fieldset");
    fieldset.className = "kb-facett";
    fieldset.dataset.facet = facet.key;
    const legend = document.createElement("legend");
    legend.textContent = facet.label;
    fieldset.append(legend);
    boxes[facet.key] = {};
    for (const term of facet.terms) {
      const label = document.createElement("label");
      label.className = "kb-facett__val";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = facet.param;
      box.value = term.value;
      const name = document.createElement("span");
      name.textContent = term.label;
      const count = document.createElement("span");
      count.className = "kb-facett__antal";
      label.append(box, " ", name, " ", count);
      fieldset.append(label);
      boxes[facet.key][term.value] = { input: box, count, label };
    }
    facetBox.append(fieldset);
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const facet of facets) {
      const chosen = new Set(params.getAll(facet.param));
      for (const [value, box] of Object.entries(boxes[facet.key])) box.input.checked = chosen.has(value);
    }
  }

  function selection() {
    const chosen = {};
    for (const facet of facets) {
      const values = Object.entries(boxes[facet.key]).filter(([, b]) => b.input.checked).map(([v]) => v);
      if (values.length) chosen[facet.key] = values;
    }
    return chosen;
  }

  function stateUrl() {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    const chosen = selection();
    for (const facet of facets) for (const value of chosen[facet.key] || []) params.append(facet.param, value);
    const url = new URL(location.href);
    url.search = params.toString();
    return url.href;
  }

  function remember(push) {
    const url = stateUrl();
    if (url === location.href) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  // Several values of one facet: any of them; values of different facets: all of them.
  const pagefindFilters = (chosen, except) =>
    Object.fromEntries(Object.entries(chosen).filter(([k]) => k !== except).map(([k, v]) => [k, { any: v }]));

  function showCounts(countsByFacet) {
    for (const facet of facets) {
      const counts = countsByFacet[facet.key] || {};
      for (const [value, box] of Object.entries(boxes[facet.key])) {
        const n = counts[value] || 0;
        box.count.textContent = `(${n.toLocaleString("sv-SE")})`;
        box.label.classList.toggle("kb-facett__val--tom", n === 0);
        box.label.hidden = n === 0 && !box.input.checked;
      }
      const fieldset = facetBox.querySelector(`[data-facet="${facet.key}"]`);
      fieldset.hidden = Object.values(boxes[facet.key]).every((b) => b.label.hidden);
    }
  }

  // Hits are shown as their excerpts arrive, each in its place in the ranking.
  async function showMore() {
    const mine = sequence;
    const next = current.results.slice(shown, shown + PAGE_SIZE);
    const places = next.map(() => {
      const li = document.createElement("li");
      li.className = "kb-traff kb-traff--laddar";
      li.hidden = true;
      return li;
    });
    list.append(...places);
    shown += next.length;
    more.hidden = shown >= current.results.length;
    await Promise.all(next.map(async (r, i) => {
      const data = await r.data();
      if (mine === sequence) places[i].replaceWith(renderHit(data));
    }));
  }

  async function run() {
    const mine = ++sequence;
    delete root.dataset.klar;
    const query = input.value;
    const chosen = selection();
    const anyChosen = Object.keys(chosen).length > 0;
    document.title = query.trim() ? `${query.trim()} – Sök – Kunskapsbanken` : "Sök – Kunskapsbanken";
    try {
      if (tooShort(query) || (!normalize(query) && !anyChosen)) {
        const all = await totals;
        if (mine !== sequence) return;
        current = { results: [] };
        list.replaceChildren();
        more.hidden = true;
        showCounts(all);
        status.textContent = tooShort(query) ? MESSAGES.short : MESSAGES.empty;
        root.dataset.klar = "";
        return;
      }
      // The hits first; the facet counts need the filter index, which may still be loading.
      const countsReady = filtersLoaded;
      const result = await search(query, pagefindFilters(chosen));
      if (mine !== sequence) return;
      current = result;
      shown = 0;
      list.replaceChildren();
      const count = result.results.length;
      const what = query.trim() ? ` för ”${query.trim()}”` : "";
      const narrowed = anyChosen ? " med valda filter" : "";
      const suggestionUrl = (q) => { const url = new URL(location.href); url.searchParams.set("q", q); return url.href; };
      showStatus(status, count ? `${hitCount(count)}${what}${narrowed}.` : MESSAGES.none(query.trim() || "de valda filtren"),
                 result, suggestionUrl, query.trim());
      const shownHits = showMore();
      await totals;
      // A chosen facet counts its values as if it were not chosen, so that more can be added.
      const [again, ...perFacet] = await Promise.all([
        countsReady ? result : search(query, pagefindFilters(chosen)),
        ...Object.keys(chosen).map(async (key) => [key, (await search(query, pagefindFilters(chosen, key))).filters[key]]),
      ]);
      if (mine !== sequence) return;
      showCounts({ ...again.filters, ...Object.fromEntries(perFacet) });
      await shownHits;
    } catch (error) {
      console.error(error);
      status.textContent = MESSAGES.error;
    }
    if (mine === sequence) root.dataset.klar = "";
  }

  const typed = debounce(() => { remember(false); run(); }, 200);
  input.addEventListener("input", () => { delete root.dataset.klar; });
  input.addEventListener("input", typed);
  form.addEventListener("submit", (event) => { event.preventDefault(); remember(true); run(); });
  facetBox.addEventListener("change", () => { remember(true); run(); });
  more.addEventListener("click", () => {
    const first = shown;
    showMore().then(() => list.children[first]?.querySelector("a")?.focus());
  });
  window.addEventListener("popstate", () => { readUrl(); run(); });

  status.textContent = "Söker …";
  readUrl();
  run();
}

// This module runs as soon as it is loaded (async), possibly before the page is parsed.
// On the search page the engine starts at once and fetches the index for the query in the address;
// elsewhere it starts when the box is used.
if (document.querySelector("[data-kb-sokruta][data-pa-soksidan]")) {
  const query = normalize(new URLSearchParams(location.search).get("q") || "");
  engine().then((pagefind) => (query && !tooShort(query) ? pagefind.preload(query) : null)).catch(() => {});
}

/** Run fn(element) for every element matching selector once it and what precedes it are parsed. */
function whenParsed(selector, ready, fn) {
  const start = () => document.querySelectorAll(selector).forEach((element) => {
    if (element.dataset.kbStartad === undefined && (document.readyState !== "loading" || element.querySelector(ready))) {
      element.dataset.kbStartad = "";
      fn(element);
    }
  });
  start();
  if (document.readyState === "loading") {
    const observer = new MutationObserver(start);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", () => { observer.disconnect(); start(); }, { once: true });
  }
}

// The header box is complete when this script runs; the search page may still be arriving:
// it starts when its last element, the "more" button, is there, not after Material's scripts.
whenParsed("[data-kb-sokruta]", "[data-kb-alla]", headerBox);
whenParsed("[data-kb-sok]", "[data-kb-fler]", searchPage);
