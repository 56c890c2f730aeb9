// Kunskapsbanken's search: one engine (Pagefind, built by kunskapsbanken.search) behind both
// the search box in the header and the search page /sok/ with its filters.
// Everything is loaded from the site itself, relative to this file, so it works under a sub-path.
//
// Two Pagefind instances: the hits come from one on the main thread that loads only the filter
// data a search asks for; the facet counts come from another, in a worker, that loads all of it.
// Once Pagefind holds every filter it counts them on every search, which made a frequent word
// take 250 ms instead of 30 ms: so the hits never wait for the counts.

import { RANKING, find, lexicon, normalize, tooShort } from "./kunskapsbanken-sok-fraga.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const PAGEFIND = new URL("pagefind/pagefind.js", SITE_ROOT).href;
const HEADER_HITS = 5;
const PAGE_SIZE = 10;
// The sort keys of the search records (kunskapsbanken.search.records).
const SORTS = { nyast: { ar: "desc" }, titel: { titel: "asc" } };

// The build's tag for Pagefind's entry file: the page preloads pagefind-entry.json?ts=<tag>, and
// Pagefind asks for exactly that address (without a tag it adds the time, and the preload is wasted).
const INDEX_TAG = document.querySelector("[data-kb-sokruta]")?.dataset.sokindex || "";
const BASE_OPTIONS = { excerptLength: 26, ...(INDEX_TAG ? { metaCacheTag: INDEX_TAG } : {}) };

let hitsEngine = null;
let countsEngine = null;

// Pagefind checks every 50 ms whether its index has loaded before it does what it is asked
// (getPtr); a call made at another moment checks at other moments. The same call made five times,
// 10 ms apart, goes ahead within 10 ms of the index being there instead of up to 50 ms after.
const LOAD_CHECKS = [0, 10, 20, 30, 40];

/** Sets the ranking weights as soon as the index has loaded; resolves then. */
function loaded(pagefind) {
  const after = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  return Promise.race(LOAD_CHECKS.map((ms) => after(ms).then(() => pagefind.options({ ranking: RANKING }))));
}

/**
 * The first Swedish grapheme segmenter (Pagefind splits every query with one) and number format
 * (the hit count) take the browser 10–20 ms to make; made while the index loads, they are ready
 * when the first search needs them instead of delaying it.
 */
function warmIntl() {
  const language = document.documentElement.lang || "sv";
  [...new Intl.Segmenter(language, { granularity: "grapheme" }).segment("å")];
  (0).toLocaleString("sv-SE");
}

/** The engine for hits: the main thread (a worker costs more in start-up and messages than it saves). */
function engine() {
  if (!hitsEngine) {
    lexicon(); // the query planning's word list arrives while Pagefind starts
    hitsEngine = import(PAGEFIND).then(async (pagefind) => {
      await pagefind.options({ ...BASE_OPTIONS, noWorker: true });
      await pagefind.init();
      warmIntl(); // while Pagefind's files are on their way
      // Ranking weights change the index inside Pagefind's WebAssembly. As an init option Pagefind
      // applies them after its metadata has loaded, while a search started meanwhile (the preload
      // below) may be loading index chunks into the same index; now and then the engine then failed
      // to start ("Sökningen kunde inte laddas", no hits). Set here, they wait for the metadata, and
      // no search can start before the first of the calls in loaded() has set them (the others set
      // the same weights again, each a single call between two steps of a search).
      await loaded(pagefind);
      return pagefind;
    });
  }
  return hitsEngine;
}

/** The engine for facet counts: its own instance in a worker, with every filter loaded. */
function counter() {
  if (!countsEngine) {
    countsEngine = import(PAGEFIND).then(async (pagefind) => {
      const instance = pagefind.createInstance(BASE_OPTIONS);
      await instance.init();
      const totals = await instance.filters();
      return { instance, totals };
    });
  }
  return countsEngine;
}

/** Fetches the index for what is being typed, so that the search after the pause finds it loaded. */
function preloadTyped(query) {
  const words = normalize(query);
  if (words && !tooShort(words)) engine().then((pagefind) => pagefind.preload(words)).catch(() => {});
}

/** One search as the page makes it (see kunskapsbanken-sok-fraga.js), for tools: the relevance benchmark. */
export async function search(query, filters = {}) {
  return find(await engine(), query, { filters });
}

/** Resolves when the browser has nothing more urgent to do (drawing the hits comes first). */
function idle() {
  return new Promise((resolve) => (window.requestIdleCallback
    ? requestIdleCallback(() => resolve(), { timeout: 300 })
    : setTimeout(resolve, 0)));
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

function list(values) {
  return Array.isArray(values) ? values : values ? [values] : [];
}

/** The labels of a hit: type, years, areas (and, for a PDF page, which document and page). */
function labels(data) {
  const meta = data.meta || {};
  // The area filter values are exact (an area's name may one day hold a comma); meta.areas is text.
  const areas = data.filters?.area ? list(data.filters.area) : (meta.areas || "").split(/,\s*/).filter(Boolean);
  const items = [
    meta.type && `<li class="kb-etikett kb-etikett--typ">${escapeHtml(meta.type)}</li>`,
    meta.years && `<li class="kb-etikett">${escapeHtml(meta.years)}</li>`,
    ...areas.map((area) => `<li class="kb-etikett kb-etikett--omrade">${escapeHtml(area)}</li>`),
  ].filter(Boolean);
  return `<ul class="kb-traff__etiketter" aria-label="Uppgifter">${items.join("")}</ul>`;
}

/** One hit as a list item: title, labels, the PDF's document and page, the excerpt. */
function renderHit(data, compact = false) {
  const meta = data.meta || {};
  const li = document.createElement("li");
  li.className = "kb-traff" + (meta.kind === "pdf" ? " kb-traff--pdf" : "");
  let where = "";
  if (meta.kind === "pdf") {
    const project = new URL(meta.project_url || "", SITE_ROOT).href;
    where = `<p class="kb-traff__var"><span class="kb-traff__dokument">${escapeHtml(meta.document)}</span> (PDF)` +
      (compact ? ` – ${escapeHtml(meta.project)}` : ` i projektet <a href="${escapeHtml(project)}">${escapeHtml(meta.project)}</a>`) +
      "</p>";
  }
  li.innerHTML =
    `<a class="kb-traff__titel" href="${escapeHtml(data.url)}">${escapeHtml(meta.title || data.url)}</a>` +
    labels(data) + where +
    (compact ? "" : `<p class="kb-traff__utdrag">${excerptHtml(data.excerpt)}</p>`);
  return li;
}

/** Draws hits in their ranked order as their fragments arrive; false when overtaken. */
async function drawHits(target, results, compact, current) {
  const pending = results.map((r) => r.data());
  for (const fragment of pending) {
    const data = await fragment;
    if (!current()) return false;
    target.append(renderHit(data, compact));
  }
  return true;
}

const SOME_WORDS = "Inga träffar på alla orden – här är träffar på några av dem.";

/**
 * The status of a search, read out by screen readers as a whole: the count, the note when only
 * some of the words matched, and "Menade du …?" with a link to that query. When no page had the
 * words but find() answered with the suggestion's hits (match "inga" with results), it says so.
 */
function showStatus(status, text, found, linkTo, query) {
  const corrected = found.match === "inga" && found.results.length > 0;
  const parts = [];
  if (found.match === "några") {
    const note = document.createElement("span");
    note.className = "kb-not";
    note.textContent = SOME_WORDS;
    parts.push(note, " ");
  }
  parts.push(corrected ? `Inga träffar för ”${query}”.` : text);
  if (found.suggestion) {
    const link = document.createElement("a");
    link.href = linkTo(found.suggestion);
    link.dataset.kbMenadeDu = found.suggestion;
    link.textContent = found.suggestion;
    parts.push(" Menade du ", link, "?");
    if (corrected) parts.push(` Nedan visas ${hitCount(found.results.length)} för ”${found.suggestion}”.`);
  }
  status.replaceChildren(...parts);
}

/** fn after a pause of ms; .cancel() drops a call still waiting. */
function debounce(fn, ms) {
  let timer;
  const later = (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  later.cancel = () => clearTimeout(timer);
  return later;
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
  const hits = root.querySelector("[data-kb-resultat]");
  const all = root.querySelector("[data-kb-alla]");
  const searchPage = new URL(root.dataset.sokside, location.href);
  let sequence = 0;

  const open = (yes) => { panel.hidden = !yes; input.setAttribute("aria-expanded", String(yes)); };
  const pageFor = (query) => {
    const target = new URL(searchPage);
    target.searchParams.set("q", query.trim());
    return target.href;
  };

  // data-klar is set when what is shown is the answer to the current query (for tests and tools).
  const done = () => { root.dataset.klar = ""; };
  async function run() {
    const query = input.value;
    const mine = ++sequence;
    const current = () => mine === sequence;
    delete root.dataset.klar;
    if (!query.trim()) { hits.replaceChildren(); open(false); done(); return; }
    open(true);
    if (tooShort(query)) {
      hits.replaceChildren(); all.hidden = true; status.textContent = MESSAGES.short; done(); return;
    }
    let found;
    try {
      found = await find(await engine(), query, { prefetch: HEADER_HITS });
    } catch (error) {
      if (!current()) return;
      console.error(error);
      status.textContent = MESSAGES.error; done(); return;
    }
    if (!current()) return;
    const count = found.results.length;
    const fresh = document.createElement("ol");
    if (!(await drawHits(fresh, found.results.slice(0, HEADER_HITS), true, current))) return;
    hits.replaceChildren(...fresh.children);
    showStatus(status, count ? `${hitCount(count)}${count > HEADER_HITS ? `, de ${HEADER_HITS} bästa visas` : ""}.`
      : MESSAGES.none(query.trim()), found, pageFor, query.trim());
    all.href = pageFor(query);
    all.hidden = false;
    all.textContent = count ? `Visa alla ${hitCount(count)} och filter på söksidan` : "Öppna söksidan";
    done();
  }

  input.addEventListener("input", () => { delete root.dataset.klar; preloadTyped(input.value); });
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
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = root.querySelector("[data-kb-status]");
  const hits = root.querySelector("[data-kb-resultat]");
  const more = root.querySelector("[data-kb-fler]");
  const panel = root.querySelector("[data-kb-filter]");
  const toggle = root.querySelector("[data-kb-filterknapp]");
  const toggleCount = root.querySelector("[data-kb-filterantal]");
  const chosenBox = root.querySelector("[data-kb-valda]");
  const chips = root.querySelector("[data-kb-chips]");
  const sortBox = root.querySelector("[data-kb-sortering]");
  const showButton = root.querySelector("[data-kb-visa]");
  const yearBox = panel.querySelector(".kb-facett--ar");
  const from = yearBox.querySelector("select[name=fran]");
  const to = yearBox.querySelector("select[name=till]");
  const years = [...from.options].map((o) => o.value).filter(Boolean);
  const yearKey = yearBox.dataset.facet;
  const yearLabel = yearBox.querySelector("legend").textContent;

  // The checkbox facets, as drawn by the page: key, label, URL parameter, values.
  const facets = [...panel.querySelectorAll("fieldset[data-facet]:not(.kb-facett--ar)")].map((fieldset) => ({
    key: fieldset.dataset.facet,
    param: fieldset.dataset.param,
    label: fieldset.querySelector("legend").textContent,
    fieldset,
    values: [...fieldset.querySelectorAll("label")].map((label) => ({
      label, input: label.querySelector("input"), count: label.querySelector(".kb-facett__antal"),
      name: label.querySelector(".kb-facett__namn").textContent,
    })),
  }));

  let sequence = 0;
  let current = { results: [] };
  let shown = 0;

  // ------------------------------------------------ state: controls <-> address

  function readUrl() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const facet of facets) {
      const chosen = new Set(params.getAll(facet.param));
      for (const value of facet.values) value.input.checked = chosen.has(value.input.value);
    }
    // An older address may name single years (ar=2018&ar=2019): the range they span.
    const single = params.getAll(yearBox.dataset.param).filter((y) => years.includes(y)).sort();
    from.value = years.includes(params.get("fran")) ? params.get("fran") : (single[0] || "");
    to.value = years.includes(params.get("till")) ? params.get("till") : (single[single.length - 1] || "");
    sortBox.value = SORTS[params.get("sortera")] ? params.get("sortera") : "";
  }

  function chosenValues() {
    const chosen = {};
    for (const facet of facets) {
      const values = facet.values.filter((v) => v.input.checked).map((v) => v.input.value);
      if (values.length) chosen[facet.key] = values;
    }
    return chosen;
  }

  /** The years of the chosen range, or null for all years. */
  function chosenYears() {
    if (!from.value && !to.value) return null;
    let low = from.value || years[0];
    let high = to.value || years[years.length - 1];
    if (Number(low) > Number(high)) [low, high] = [high, low];
    return years.filter((y) => Number(y) >= Number(low) && Number(y) <= Number(high));
  }

  function stateUrl(query = input.value) {
    const params = new URLSearchParams();
    if (query.trim()) params.set("q", query.trim());
    const chosen = chosenValues();
    for (const facet of facets) for (const value of chosen[facet.key] || []) params.append(facet.param, value);
    if (from.value) params.set("fran", from.value);
    if (to.value) params.set("till", to.value);
    if (sortBox.value) params.set("sortera", sortBox.value);
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
  function pagefindFilters(except = null) {
    const filters = {};
    for (const [key, values] of Object.entries(chosenValues())) if (key !== except) filters[key] = { any: values };
    const range = chosenYears();
    if (range && except !== yearKey) filters[yearKey] = { any: range };
    return filters;
  }

  // ------------------------------------------------ chosen filters as chips

  function yearText() {
    if (from.value && to.value) return from.value === to.value ? from.value : `${from.value}–${to.value}`;
    return from.value ? `från ${from.value}` : `till ${to.value}`;
  }

  function chip(text, remove) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kb-chip";
    button.setAttribute("aria-label", `Ta bort filtret ${text}`);
    const cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    button.append(text, " ", cross);
    button.addEventListener("click", () => {
      const place = [...chips.querySelectorAll("button")].indexOf(button);
      remove();
      changed();
      // Focus stays among the chips: the next one, the last one, or the search field if none is left.
      const left = [...chips.querySelectorAll("button")];
      (left[Math.min(place, left.length - 1)] || input).focus();
    });
    li.append(button);
    return li;
  }

  function showChosen() {
    const items = [];
    for (const facet of facets) {
      for (const value of facet.values.filter((v) => v.input.checked)) {
        items.push(chip(`${facet.label}: ${value.name}`, () => { value.input.checked = false; }));
      }
    }
    if (from.value || to.value) items.push(chip(`${yearLabel}: ${yearText()}`, () => { from.value = ""; to.value = ""; }));
    chips.replaceChildren(...items);
    chosenBox.hidden = items.length === 0;
    toggleCount.textContent = items.length ? ` (${items.length})` : "";
  }

  // ------------------------------------------------ facet counts

  function showCounts(countsByFacet) {
    for (const facet of facets) {
      const counts = countsByFacet[facet.key] || {};
      for (const value of facet.values) {
        const n = counts[value.input.value] || 0;
        value.count.textContent = n.toLocaleString("sv-SE");
        value.label.hidden = n === 0 && !value.input.checked;
      }
      facet.fieldset.hidden = facet.values.every((v) => v.label.hidden);
    }
  }

  /** Counts for every facet value: for the query and filters, a chosen facet as if it were not chosen. */
  async function countFacets(query, filtersOnly) {
    const { instance, totals } = await counter();
    if (filtersOnly && !Object.keys(pagefindFilters()).length) return totals;
    const chosenKeys = Object.keys(chosenValues());
    const [all, ...perFacet] = await Promise.all([
      find(instance, query, { filters: pagefindFilters() }),
      ...chosenKeys.map((key) => find(instance, query, { filters: pagefindFilters(key) })),
    ]);
    const counts = { ...all.filters };
    chosenKeys.forEach((key, i) => { counts[key] = perFacet[i].filters?.[key] || {}; });
    return counts;
  }

  // ------------------------------------------------ hits

  async function showMore(mine) {
    const next = current.results.slice(shown, shown + PAGE_SIZE);
    shown += next.length;
    // The button waits below the drawn hits, so that it does not slide down as they arrive.
    more.hidden = true;
    const drawn = await drawHits(hits, next, false, () => mine === sequence);
    if (drawn) more.hidden = shown >= current.results.length;
    return drawn;
  }

  async function run() {
    const mine = ++sequence;
    const isCurrent = () => mine === sequence;
    delete root.dataset.klar;
    const query = input.value;
    const filtersOnly = !normalize(query);
    const anyChosen = Object.keys(pagefindFilters()).length > 0;
    document.title = query.trim() ? `${query.trim()} – Sök – Kunskapsbanken` : "Sök – Kunskapsbanken";
    showChosen();
    try {
      if (tooShort(query) || (filtersOnly && !anyChosen)) {
        current = { results: [] };
        hits.replaceChildren();
        more.hidden = true;
        status.textContent = tooShort(query) ? MESSAGES.short : MESSAGES.empty;
      } else {
        const pagefind = await engine();
        const sort = SORTS[sortBox.value] || null;
        const found = await find(pagefind, query, { filters: pagefindFilters(), sort, prefetch: PAGE_SIZE });
        if (!isCurrent()) return;
        current = found;
        shown = 0;
        hits.replaceChildren();
        // The first page's fragments are fetched before anything else is done.
        const drawing = showMore(mine);
        const count = found.results.length;
        const what = query.trim() ? ` för ”${query.trim()}”` : "";
        const narrowed = anyChosen ? " med valda filter" : "";
        showStatus(status, count ? `${hitCount(count)}${what}${narrowed}.` : MESSAGES.none(query.trim() || "de valda filtren"),
          found, stateUrl, query.trim());
        showButton.textContent = count ? `Visa ${hitCount(count)}` : "Visa träffarna";
        if (!(await drawing)) return;
      }
      // The counts after the hits, when the browser is idle; in a worker, they never hold up a hit.
      await idle();
      if (!isCurrent()) return;
      const counts = await countFacets(query, filtersOnly);
      if (!isCurrent()) return;
      showCounts(counts);
    } catch (error) {
      if (!isCurrent()) return;
      console.error(error);
      status.textContent = MESSAGES.error;
    }
    if (isCurrent()) root.dataset.klar = "";
  }

  function changed() { remember(true); run(); }

  // ------------------------------------------------ the filter panel on narrow screens

  const narrow = window.matchMedia("(max-width: 44.9375em)");
  function openPanel(yes, focus = true) {
    toggle.setAttribute("aria-expanded", String(yes));
    panel.classList.toggle("kb-sok__filter--oppen", yes);
    if (!focus) return;
    if (yes) panel.querySelector("#kb-sok-filterrubrik").focus();
    else toggle.focus();
  }
  toggle.addEventListener("click", () => openPanel(toggle.getAttribute("aria-expanded") !== "true"));
  showButton.addEventListener("click", () => {
    openPanel(false, false);
    root.querySelector("#kb-sok-traffrubrik").focus();
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
      event.preventDefault();
      openPanel(false);
    }
  });
  narrow.addEventListener("change", () => { if (!narrow.matches) openPanel(false, false); });

  // ------------------------------------------------ events

  const typed = debounce(() => { remember(false); run(); }, 200);
  input.addEventListener("input", () => { delete root.dataset.klar; preloadTyped(input.value); });
  input.addEventListener("input", typed);
  // Enter searches at once; the search that was waiting for a pause in the typing is not made too.
  form.addEventListener("submit", (event) => { event.preventDefault(); typed.cancel(); changed(); });
  panel.addEventListener("change", changed);
  sortBox.addEventListener("change", changed);
  root.querySelector("[data-kb-rensa]").addEventListener("click", () => {
    for (const facet of facets) for (const value of facet.values) value.input.checked = false;
    from.value = "";
    to.value = "";
    changed();
    input.focus();
  });
  status.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-kb-menade-du]");
    if (!link) return;
    event.preventDefault();
    input.value = link.dataset.kbMenadeDu;
    changed();
  });
  more.addEventListener("click", () => {
    const first = shown;
    showMore(sequence).then(() => hits.children[first]?.querySelector("a")?.focus());
  });
  window.addEventListener("popstate", () => { readUrl(); run(); });

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
