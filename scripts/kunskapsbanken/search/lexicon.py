"""The index's own words, shipped beside the Pagefind index as pagefind/kb-ord.json.

The search page uses them to split a compound query into words the index has
('föräldrastöd' -> 'föräldra stöd'), to tell a misspelt word from an inflected one, and to
offer "Menade du …?" with the nearest word the index has. Only words that are Swedish words
(in wordfreq's list) or that occur in at least two records are kept.

The lists are sorted as JavaScript compares strings (UTF-16 code units), so that the page looks a
word, its forms and the words that begin with it up by binary search in the lists as they arrive:
nothing is sorted or tabulated in the browser before the first search.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from .records import SearchRecord
from .words import tokens, zipf

FILE_NAME = "kb-ord.json"
MIN_LENGTH = 3
# å, ä and ö as someone types them without those letters ("våld" -> "vald"), which the page looks
# up to know that a word typed so also has a form with the letters (exactHits in kunskapsbanken-sok-fraga.js).
_FOLD = str.maketrans("åäö", "aao")


def _js_order(word: str) -> bytes:
    """The order of JavaScript's < on strings: by UTF-16 code unit."""
    return word.encode("utf-16-be")


def lexicon(records: Iterable[SearchRecord]) -> dict:
    """{'ord': 'word word …' in JavaScript's order, 'antal': [records with each word],
    'utan_prickar': 'word …' the words with å, ä or ö as typed without them, in the same order}.
    Space-separated strings: a third smaller than lists of strings, and split at once."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(set(tokens(record.content + " " + record.meta.get("title", "") + " " +
                                 record.meta.get("sokord", ""))))
    kept = sorted((word for word, n in counts.items() if len(word) >= MIN_LENGTH and (n >= 2 or zipf(word) > 0)),
                  key=_js_order)
    folded = sorted({word.translate(_FOLD) for word in kept if word != word.translate(_FOLD)}, key=_js_order)
    return {"ord": " ".join(kept), "antal": [counts[word] for word in kept], "utan_prickar": " ".join(folded)}


def lexicon_json(records: Iterable[SearchRecord]) -> str:
    return json.dumps(lexicon(records), ensure_ascii=False, separators=(",", ":"))
