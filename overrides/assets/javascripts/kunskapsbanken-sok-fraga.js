// Query planning for Kunskapsbanken's search: what Pagefind is asked for a query typed by a user,
// and how the answers are merged and ranked. kunskapsbanken-sok.js draws what find() returns.
//
// Pagefind (built by kunskapsbanken.search) already knows the vocabulary's aliases, the editors'
// synonyms and the parts of compound words of every record (its meta field "sokord"). Here:
// - every word (or quoted phrase) of the query is searched on its own, and the pages are ranked
//   by how many of the words they have, then by Pagefind's score: pages with all words first;
// - a word with å, ä or ö is searched as its stem with Pagefind's exactDiacritics, so "hemlösa"
//   finds "hemlöshet" and "våld" never finds "vald" (see term());
// - a compound is also searched as its parts ("föräldrastöd" -> "föräldra stöd");
// - a word without hits gets a "Menade du …?" from the index's own words (pagefind/kb-ord.json).

const LEXICON_URL = new URL("../../pagefind/kb-ord.json", import.meta.url);
const DIACRITIC = /[åäö]/;
// Swedish stop words, dropped from a query that has other words.
const STOP_WORDS = new Set(("och i att det som en på är av för med till den har de inte om ett men var sig " +
  "från vi så kan man när eller nu sin där vid mot ska skulle ut får finns vara hade alla andra än här då " +
  "sedan över bli bara blir upp även vad hur mer dem dessa detta denna deras dess vilka vilken vilket samt").split(" "));
// Linking letters of Swedish compounds (relation-s-våld) and endings that are never a compound's last part.
const LINKS = ["s", "a", "e", "u", "o"];
const SUFFIXES = new Set("het heten heter skap skapet dom domen else lös lösa fri fria full fulla lig liga ning".split(" "));
const MIN_PART = 3;
const MIN_TAIL = 4;
// How many letters longer than a prefix a word of the index may be and still count as its form.
const MAX_EXTRA = 3;
// How much a hit found through a word's parts counts against one found through the word itself.
const PARTS_WEIGHT = 0.6;
// A compound's first part alone counts less again, and only a part this long is searched alone.
const HEAD_WEIGHT = 0.3;
const HEAD_LENGTH = 6;
// A word in fewer records than this (in any of its forms) is also searched as its compound parts.
const RARE = 3;
/**
 * Pagefind's ranking, to be set before pagefind.init() (setting it later races with the loading of
 * index chunks): a word in the title counts most; a word found only among a record's search words
 * (aliases, synonyms, compound parts in the meta field "sokord") less than one in its text.
 */
export const RANKING = { metaWeights: { title: 5, sokord: 0.5 } };
// How much a hit for the corrected word of a misspelt one counts.
const CORRECTED_WEIGHT = 0.9;

/** The words Pagefind is asked for: trimmed, stop words dropped unless only stop words remain. */
export function normalize(query) {
  const words = (query || "").trim().split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !STOP_WORDS.has(w.toLocaleLowerCase("sv")));
  return (kept.length ? kept : words).join(" ");
}

/** Too short to search: a single letter (or nothing but one letter and spaces). */
export function tooShort(query) {
  const letters = (query || "").replace(/\s+/g, "");
  return letters.length === 1;
}

// ---------------------------------------------------------------- Swedish stems

const VOWELS = new Set("aeiouyäåö");
const S_ENDINGS = new Set("bcdfghjklmnoprtvy");
const STEP1 = ("heterna hetens anden heten heter arnas ernas ornas andes arens andet arna erna orna ande arne " +
  "aste aren ades erns ade are ern ens het ast ad en ar er or as es at a e").split(" ");
const STEP2 = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];

/** The Snowball stem of a Swedish word (the algorithm Pagefind's index uses): "hemlösheten" -> "hemlös". */
export function stem(word) {
  let w = word.toLocaleLowerCase("sv");
  let r1 = w.length;
  for (let i = 1; i < w.length; i++) {
    if (!VOWELS.has(w[i]) && VOWELS.has(w[i - 1])) { r1 = i + 1; break; }
  }
  r1 = Math.max(r1, 3);
  const inR1 = (suffix) => w.endsWith(suffix) && w.length - suffix.length >= r1;
  const suffix = STEP1.filter(inR1).sort((a, b) => b.length - a.length)[0];
  if (suffix) w = w.slice(0, -suffix.length);
  else if (inR1("s") && S_ENDINGS.has(w[w.length - 2])) w = w.slice(0, -1);
  if (STEP2.some(inR1)) w = w.slice(0, -1);
  if (inR1("löst")) w = w.slice(0, -1);
  else if (inR1("fullt")) w = w.slice(0, -1);
  else {
    const last = ["lig", "els", "ig"].find(inR1);
    if (last) w = w.slice(0, -last.length);
  }
  return w;
}

// ---------------------------------------------------------------- the index's words

let lexiconPromise = null;

/**
 * The index's words (pagefind/kb-ord.json, made by kunskapsbanken.search.lexicon), sorted as
 * JavaScript compares strings: a word's forms and the words that begin with it are found by binary
 * search, so nothing is sorted or tabulated here before the first search. Starts the fetch (the
 * search page preloads the file); the search page calls it as soon as its engine starts.
 */
export function lexicon() {
  if (!lexiconPromise) {
    // Without the list (an older index, a failed fetch) the search still works, without these aids.
    lexiconPromise = fetch(LEXICON_URL)
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}))
      .then(({ ord, antal, utan_prickar: folded }) => ({
        words: ord && Array.isArray(antal) ? ord.split(" ") : [],
        counts: Array.isArray(antal) ? antal : [],
        folded: folded ? folded.split(" ") : [],
      }));
  }
  return lexiconPromise;
}

/** The first index in the sorted list whose word is not before prefix. */
function lowerBound(list, prefix) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle] < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Calls fn(word, index) for every word of the sorted list that begins with prefix, until fn returns true. */
function withPrefix(list, prefix, fn) {
  for (let i = lowerBound(list, prefix); i < list.length && list[i].startsWith(prefix); i++) {
    if (fn(list[i], i)) return true;
  }
  return false;
}

/** Some word of the index starts with prefix and is at most `longer` letters longer: its record count, else 0. */
function extended(lex, prefix, longer) {
  const most = prefix.length + Math.min(longer, MAX_EXTRA);
  let best = 0;
  withPrefix(lex.words, prefix, (word, i) => { if (word.length <= most && lex.counts[i] > best) best = lex.counts[i]; });
  return best;
}

/** The sorted list has a word of this stem. A Swedish stem is the word's beginning (Snowball only cuts endings). */
function hasStem(list, wordStem) {
  return withPrefix(list, wordStem, (word) => stem(word) === wordStem);
}

/** The index has the word, in this form or another of the same stem, or words that begin with it. */
function known(lex, word) {
  return hasStem(lex.words, stem(word)) || extended(lex, word, 3) > 0;
}

/** A compound's parts, as words the index has ("relationsvåld" -> ["relation", "våld"]), or null. */
function compoundParts(lex, word, depth = 0) {
  if (word.length < MIN_PART + MIN_TAIL || depth > 2) return null;
  let best = null;
  for (let cut = word.length - MIN_TAIL; cut >= MIN_PART; cut--) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    if (SUFFIXES.has(tail)) continue;
    let headWord = null;
    for (const form of [head, ...LINKS.filter((l) => head.endsWith(l)).map((l) => head.slice(0, -l.length))]) {
      if (form.length >= MIN_PART && extended(lex, form, 2)) { headWord = form; break; }
    }
    if (!headWord) continue;
    const tailCount = extended(lex, tail, 3);
    const tailParts = tailCount ? [tail] : compoundParts(lex, tail, depth + 1);
    if (!tailParts) continue;
    const score = Math.min(extended(lex, headWord, 2), tailCount || 1);
    if (!best || score > best.score) best = { score, parts: [headWord, ...tailParts] };
  }
  return best && best.parts;
}

/** Damerau–Levenshtein distance, stopping early above limit. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** The index's word nearest to word (at most `most` edits, the more common first), or null. */
function nearestWord(lex, word, most = 2) {
  const limit = Math.min(most, word.length <= 4 ? 1 : 2);
  let best = null;
  for (const [i, candidate] of lex.words.entries()) {
    if (candidate === word) return null;
    const count = lex.counts[i];
    const d = distance(word, candidate, limit);
    if (d <= limit && (!best || d < best.d || (d === best.d && count > best.count))) best = { word: candidate, d, count };
  }
  return best && best.word;
}

// ---------------------------------------------------------------- planning and merging

/** The query's units: quoted phrases as they are, other words normalized, lowercased. */
function units(query) {
  const found = [];
  const rest = (query || "").replace(/["”“]([^"”“]+)["”“]/g, (_, phrase) => {
    const words = phrase.trim().toLocaleLowerCase("sv");
    if (words) found.push({ text: words, phrase: true });
    return " ";
  });
  for (const word of normalize(rest.replace(/["”“]/g, " ")).split(" ").filter(Boolean)) {
    found.push({ text: word.toLocaleLowerCase("sv"), phrase: false });
  }
  return found;
}

/**
 * A word as Pagefind is asked for it. A word with å, ä or ö is searched as its stem with
 * exactDiacritics: Pagefind then compares the word as asked with the words as written, by prefix,
 * so the stem ("hemlös") finds every form ("hemlöshet", "hemlösheten"), and never "vald" for "våld".
 */
function term(word) {
  const exact = DIACRITIC.test(word);
  return { term: exact ? stem(word) : word, exact };
}

/**
 * A rare compound's searches by its parts, or null: all the parts ("relationsvåld" -> "relation våld"),
 * and a long first part alone, weighted lower ("hemlöshetsfrågor" -> "hemlöshet").
 */
function partsSearch(lex, word) {
  // A compound that many records have as such is found as it is.
  const parts = extended(lex, word, 3) < RARE ? compoundParts(lex, word) : null;
  if (!parts || parts.length < 2) return null;
  const terms = parts.map((part) => term(part));
  const searches = [{ term: terms.map((t) => t.term).join(" "), exact: terms.some((t) => t.exact), weight: PARTS_WEIGHT }];
  if (parts[0].length >= HEAD_LENGTH) searches.push({ ...terms[0], weight: HEAD_WEIGHT });
  return searches;
}

// Pagefind's exactDiacritics is one setting per instance: its searches run one after the other.
// One queue per instance, so that the search page's hits never wait for its facet counts (another instance).
const queues = new WeakMap();
// The latest answers of each instance: a query typed on ("ungdomar v", "ungdomar våld"), the back
// button or another sort order asks again for searches just made, and gets them without searching.
// Few: the answer for a common word holds thousands of results (megabytes with their locations).
const RECENT = 8;
const recentAnswers = new WeakMap();

function pagefindSearch(pagefind, term, exact, options) {
  const key = JSON.stringify([term, exact, options]);
  let recent = recentAnswers.get(pagefind);
  if (!recent) recentAnswers.set(pagefind, (recent = new Map()));
  const known = recent.get(key);
  if (known) {
    recent.delete(key); // the most recently used last
    recent.set(key, known);
    return known;
  }
  const run = (queues.get(pagefind) || Promise.resolve()).then(async () => {
    await pagefind.options({ exactDiacritics: exact });
    return pagefind.search(term, options);
  });
  queues.set(pagefind, run.catch(() => {}));
  recent.set(key, run);
  run.catch(() => recent.delete(key)); // a failed search is tried again next time
  if (recent.size > RECENT) recent.delete(recent.keys().next().value);
  return run;
}

/** Typed without å, ä, ö ("vald") where the index has both: the ids of the pages with the word exactly as typed. */
async function exactHits(pagefind, lex, unit, first, options) {
  if (unit.phrase || first.exact || !hasStem(lex.folded, stem(unit.text))) return null;
  const exactly = await pagefindSearch(pagefind, unit.text, true, options);
  return new Set(exactly.results.map((result) => result.id));
}

/**
 * One search, planned: { results, match, suggestion, filters }.
 * results: Pagefind results (each with .data()), best first: the pages with all the query's
 * words (in any form, synonym or compound part) when there are any, otherwise the pages with
 * some of them, those with the most words first; match: "alla", "några" or "inga";
 * suggestion: a "Menade du …?" query when a word has no hits, else null;
 * filters: Pagefind's facet counts of the search of all the words together, or of the first
 * word alone when no page has them all (then approximate: forms found only through a
 * compound's parts or the other words are not counted).
 * With sort (Pagefind's sort, e.g. { ar: "desc" }), each group is in that order instead.
 * With prefetch (the hits shown first), the fragments of that many of the likeliest first hits
 * are fetched as soon as they are known, while the answer is still refined (exact matches first,
 * a misspelt word's correction): the page then draws them without waiting for the network.
 */
export async function find(pagefind, query, { filters = {}, sort = null, prefetch = 0 } = {}) {
  const wanted = units(query);
  const options = { filters };
  const early = (found) => {
    if (!sort) for (const result of found.results.slice(0, prefetch)) result.data().catch(() => {});
  };
  if (!wanted.length) {
    const all = await pagefindSearch(pagefind, null, false, sort ? { filters, sort } : options);
    return { results: all.results, match: all.results.length ? "alla" : "inga", suggestion: null, filters: all.filters };
  }
  // Fetch what the words need and the word list at once; the searches then run one by one.
  const [lex] = await Promise.all([lexicon(), ...wanted.map((unit) => pagefind.preload(unit.text, options))]);
  const firsts = wanted.map((unit) => (unit.phrase ? { term: `"${unit.text}"`, exact: DIACRITIC.test(unit.text) } : term(unit.text)));

  // Several known, common words: Pagefind's search of them together is the answer when it has
  // hits (one search instead of one per word; nothing else could add a page with all the words).
  const plain = !sort && wanted.length > 1 && lex.words.length > 0 &&
    wanted.every((unit) => unit.phrase || (known(lex, unit.text) && extended(lex, unit.text, 3) >= RARE));
  if (plain) {
    const together = await pagefindSearch(pagefind, firsts.map((w) => w.term).join(" "), firsts.some((w) => w.exact), options);
    early(together);
    if (together.results.length) {
      const tiers = await Promise.all(wanted.map((unit, i) => exactHits(pagefind, lex, unit, firsts[i], options)));
      const exact = (result) => tiers.filter((ids) => ids?.has(result.id)).length;
      const results = together.results.map((result, i) => ({ result, i, exact: exact(result) }))
        .sort((a, b) => b.exact - a.exact || a.i - b.i).map(({ result }) => result);
      return { results, match: "alla", suggestion: null, filters: together.filters };
    }
  }

  const pages = new Map(); // id -> { result, best score per unit }
  let countsFrom = null;
  const own = wanted.map(() => 0); // hits of each unit through its own forms
  const corrected = wanted.map(() => null); // the index's word used instead of a misspelt one
  const add = (index, found, weight) => {
    for (const result of found.results) {
      const score = result.score * weight;
      let page = pages.get(result.id);
      if (!page) pages.set(result.id, (page = { result, scores: new Array(wanted.length).fill(0), best: 0, exact: new Set() }));
      if (score > page.scores[index]) page.scores[index] = score;
      if (score > page.best && wanted.length === 1) { page.best = score; page.result = result; }
    }
  };
  for (const [index, unit] of wanted.entries()) {
    const found = await pagefindSearch(pagefind, firsts[index].term, firsts[index].exact, options);
    if (wanted.length === 1) early(found);
    // A misspelt word: no hits, or a word the index does not have in any form one letter away from
    // one it has (Pagefind then finds words that merely begin like it: "försörjningstöd" ->
    // "försörjning…"). Its corrected word's hits are shown instead.
    const unknown = !unit.phrase && lex.words.length > 0 && (!found.results.length || !known(lex, unit.text));
    const near = unknown ? nearestWord(lex, unit.text, found.results.length ? 1 : 2) : null;
    if (near) {
      const fixed = term(near);
      const again = await pagefindSearch(pagefind, fixed.term, fixed.exact, options);
      if (again.results.length) {
        corrected[index] = near;
        if (index === 0) countsFrom = again.filters;
        add(index, again, CORRECTED_WEIGHT);
        continue;
      }
    }
    if (index === 0) countsFrom = found.filters;
    own[index] += found.results.length;
    add(index, found, 1);
    if (unit.phrase) continue;
    if (found.results.length) {
      for (const id of (await exactHits(pagefind, lex, unit, firsts[index], options)) || []) pages.get(id)?.exact.add(index);
    }
    const parts = partsSearch(lex, unit.text);
    for (const alternative of parts || []) {
      const byParts = await pagefindSearch(pagefind, alternative.term, alternative.exact, options);
      own[index] += byParts.results.length;
      add(index, byParts, alternative.weight);
    }
  }
  // Several words: the search of them together marks every word in the snippet.
  if (wanted.length > 1) {
    const words = firsts.map((first, i) => (corrected[i] ? term(corrected[i]) : first));
    const together = await pagefindSearch(pagefind, words.map((w) => w.term).join(" "), words.some((w) => w.exact), options);
    if (together.results.length) countsFrom = together.filters;
    for (const result of together.results) {
      const page = pages.get(result.id);
      if (page) page.result = result;
    }
  }
  const ranked = [...pages.values()].map((page) => ({
    ...page,
    words: page.scores.filter((s) => s > 0).length,
    score: page.scores.reduce((a, b) => a + b, 0),
  }));
  let order = (a, b) => b.words - a.words || b.exact.size - a.exact.size || b.score - a.score;
  if (sort) {
    const sorted = await pagefindSearch(pagefind, null, false, { filters, sort });
    const position = new Map(sorted.results.map((r, i) => [r.id, i]));
    order = (a, b) => b.words - a.words || (position.get(a.result.id) ?? 0) - (position.get(b.result.id) ?? 0);
  }
  ranked.sort(order);
  const most = ranked.length ? ranked[0].words : 0;
  // "inga": none of the words has hits of its own (what is shown is for the corrected words).
  const match = !own.some((n) => n > 0) ? "inga" : most === wanted.length ? "alla" : "några";
  // Pages with all the words, when there are any; otherwise those with the most words first.
  const shown = most === wanted.length ? ranked.filter((page) => page.words === wanted.length) : ranked;
  const suggestion = corrected.some(Boolean)
    ? wanted.map((unit, i) => corrected[i] || (unit.phrase ? `"${unit.text}"` : unit.text)).join(" ")
    : null;
  return {
    results: shown.map((page) => page.result),
    match,
    suggestion,
    filters: countsFrom || {},
  };
}
