"""Swedish words for the search: tokens, stems (Snowball, the algorithm Pagefind uses) and compounds.

Compounds are split with a real dictionary: wordfreq's Swedish word list (words seen in
subtitles, Wikipedia, news and web text), so 'föräldrastöd' becomes 'föräldra stöd' and
'relationsvåld' 'relations våld', while a word that is not a compound is left alone.
"""

from __future__ import annotations

import functools
import re

import wordfreq


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A part of a compound must be at least this common (Zipf scale: 3 = once per million words).
PART_ZIPF = 3.0
# A word this common on its own is not split ('samverkan', 'redovisas', 'riktar').
WHOLE_ZIPF = 3.0
MIN_PART = 3
# The last part is at least this long, so that endings are not taken for words ('prioritera-des').
MIN_TAIL = 4
# Linking letters between the parts of a Swedish compound: relation-s-våld, skol-a, pojk-e.
_LINKS = ("", "s", "a", "e", "u", "o")
# Derivational endings that are words of their own too, never the last part of a compound:
# hemlös-het is not 'hem lös het'.
_SUFFIXES = frozenset("het heten heter skap skapet dom domen else lös lösa fri fria full fulla lig liga ning".split())


def tokens(text: str) -> list[str]:
    """The words of a text, lowercased; hyphenated words also give their parts."""
    found = _WORD.findall(text.casefold())
    if "-" not in text:
        return found
    joined = []
    for word in found:
        if "-" in word:
            joined.append(word.replace("-", ""))
            joined += [part for part in word.split("-") if part]
        else:
            joined.append(word)
    return joined


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    return wordfreq.zipf_frequency(word, "sv")


def _head_forms(head: str) -> list[str]:
    """What the first part of a compound may have been as a word of its own: 'föräldra' -> 'föräldrar'."""
    forms = [head]
    for link in _LINKS[1:]:
        if head.endswith(link) and len(head) - len(link) >= MIN_PART:
            forms.append(head[: -len(link)])
    forms += [head + ending for ending in ("a", "e", "r", "ar")]
    return forms


@functools.lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound ('relationsvåld' -> ('relations', 'våld')), or () if it is not one.

    A split is taken when the whole is not a common word itself and both parts are (the first
    part possibly with a linking letter); the tail may be split again.
    """
    word = word.casefold()
    if len(word) < MIN_PART + MIN_TAIL:
        return ()
    whole = zipf(word)
    if whole >= WHOLE_ZIPF:
        return ()
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for cut in range(MIN_PART, len(word) - MIN_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        if tail in _SUFFIXES:
            continue
        head_zipf = max(zipf(form) for form in _head_forms(head))
        if head_zipf < PART_ZIPF:
            continue
        tail_zipf = zipf(tail)
        tail_parts: tuple[str, ...] = (tail,)
        if tail_zipf < PART_ZIPF:
            rest = split_compound(tail)
            if not rest:
                continue
            tail_parts, tail_zipf = rest, min(zipf(p) for p in rest if zipf(p) > 0) if rest else 0.0
            tail_zipf = max(tail_zipf, PART_ZIPF)
        score = min(head_zipf, tail_zipf)
        if score > whole and score > best[0]:
            best = (score, (head, *tail_parts))
    return best[1]
