"""The index's own words, shipped beside the Pagefind index as pagefind/kb-ord.json.

The search page uses them to split a compound query into words the index has
('föräldrastöd' -> 'föräldra stöd'), to search the stem of a word with å, ä or ö
('hemlösa' -> 'hemlös', which Pagefind's exact-diacritics matching then extends), and
to offer "Menade du …?" for a query without hits. Only words that are Swedish words
(in wordfreq's list) or that occur in at least two records are kept.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from .records import SearchRecord
from .words import stem, tokens, zipf

FILE_NAME = "kb-ord.json"
MIN_LENGTH = 3
_DIACRITIC = set("åäö")


def lexicon(records: Iterable[SearchRecord]) -> dict:
    """{'ord': [[word, records with it], ...] most common first, 'stammar': [stems of words with å/ä/ö]}."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(set(tokens(record.content + " " + record.meta.get("title", "") + " " +
                                 record.meta.get("sokord", ""))))
    kept = [(word, n) for word, n in counts.items()
            if len(word) >= MIN_LENGTH and (n >= 2 or zipf(word) > 0)]
    kept.sort(key=lambda item: (-item[1], item[0]))
    stems = sorted({stem(word) for word, _ in kept if _DIACRITIC & set(word)})
    return {"ord": [[word, n] for word, n in kept], "stammar": stems}


def lexicon_json(records: Iterable[SearchRecord]) -> str:
    return json.dumps(lexicon(records), ensure_ascii=False, separators=(",", ":"))
