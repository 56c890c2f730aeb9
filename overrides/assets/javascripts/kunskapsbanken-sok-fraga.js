// Query planning for Kunskapsbanken's search: what Pagefind is asked for a query typed by a user,
// and how the answers are merged and ranked. kunskapsbanken-sok.js draws what find() returns.

const DIACRITIC = /[åäöÅÄÖ]/;
// Swedish stop words, dropped from a query that has other words: Pagefind wants every word.
const STOP_WORDS = new Set(("och i att det som en på är av för med till den har de inte om ett men var sig " +
  "från vi så kan man när eller nu sin där vid mot ska skulle ut får finns vara hade alla andra än här då " +
  "sedan över bli bara blir upp även vad hur mer dem dessa detta denna deras dess vilka vilken vilket samt").split(" "));

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

/**
 * One search, planned: { results, match, suggestion, filters }.
 * results: Pagefind results (each with .data()), best first; match: "alla" (every word matched),
 * "några" (only some) or "inga"; suggestion: a "Menade du …?" query or null;
 * filters: Pagefind's facet counts for the results shown.
 * A query with å, ä or ö matches those letters exactly ("våld" never finds "vald"); a query without
 * them also finds words with them, ranked after the exact matches.
 */
export async function find(pagefind, query, { filters = {}, sort = null } = {}) {
  const term = normalize(query);
  await pagefind.options({ exactDiacritics: DIACRITIC.test(term) });
  const options = sort ? { filters, sort } : { filters };
  const result = await pagefind.search(term || null, options);
  return { results: result.results, match: result.results.length ? "alla" : "inga", suggestion: null,
           filters: result.filters };
}
