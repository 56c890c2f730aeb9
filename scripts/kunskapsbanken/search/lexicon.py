"""The index's own words, shipped beside the Pagefind index as pagefind/kb-ord.json.

The search page uses them to split a compound query into words the index has
('föräldrastöd' -> 'föräldra stöd'), to tell a misspelt word from an inflected one, and to
offer "Menade du …?" with the nearest word the index has. Only words that are Swedish words
(in wordfreq's list) or that occur in at least two records are kept.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from .records import SearchRecord
from .words import tokens, zipf

FILE_NAME = "kb-ord.json"
MIN_LENGTH = 3


def lexicon(records: Iterable[SearchRecord]) -> dict:
    """{'ord': 'word word …' most common first, 'antal': [records with each word]}: the words
    space-separated, a third smaller than a list of strings."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(set(tokens(record.content + " " + record.meta.get("title", "") + " " +
                                 record.meta.get("sokord", ""))))
    kept = [(word, n) for word, n in counts.items()
            if len(word) >= MIN_LENGTH and (n >= 2 or zipf(word) > 0)]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return {"ord": " ".join(word for word, _ in kept), "antal": [n for _, n in kept]}


def lexicon_json(records: Iterable[SearchRecord]) -> str:
    return json.dumps(lexicon(records), ensure_ascii=False, separators=(",", ":"))
