"""Swedish text rules: alphabetical order, slugs, number and date formats, folding, stems."""

from __future__ import annotations

import functools
import re
import unicodedata

# å, ä and ö are letters of their own that sort after z. Letters with accents that
# are not Swedish letters (é, ü, æ, ø) sort with their Swedish neighbours, as in
# Svenska Akademiens ordlista.
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_EQUIVALENTS = {"æ": "ä", "ø": "ö", "ü": "y", "w": "w", "ß": "ss"}

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


def _base_letter(ch: str) -> str:
    if ch in _RANK:
        return ch
    if ch in _EQUIVALENTS:
        return _EQUIVALENTS[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


# The same titles and names are sorted again and again (each listing, page and export);
# the key is pure, so it is computed once per text.
@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """Key that orders text the Swedish way: a < z < å < ä < ö, case and accents second."""
    folded = unicodedata.normalize("NFC", text).casefold()
    primary = []
    for ch in folded:
        base = _base_letter(ch)
        if base in _RANK:
            primary.append(_RANK[base] + 1)
        elif ch.isspace() or ch in "-–_/,.()":
            primary.append(0)
        else:
            primary.append(len(_ALPHABET) + ord(ch))
    return (tuple(primary), folded, text)


def fold_diacritics(text: str) -> str:
    """The text as someone types it without å, ä, ö or accents: 'Våld' -> 'vald'."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)  # the same terms are slugged for every link to them
def slugify(text: str) -> str:
    """Lowercase ASCII slug for URLs and ids: 'Våld i nära relationer' -> 'vald-i-nara-relationer'."""
    ascii_text = fold_diacritics(text).replace("æ", "a").replace("ø", "o").replace("ß", "ss")
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def distinct_slug(text: str) -> str:
    """A slug that keeps å, ä and ö apart from a, a and o: 'berör' -> 'beroer', 'beror' -> 'beror'.

    For terms editors write freely (keywords), where 'beror' and 'berör' may both occur.
    """
    spelled = text.casefold().replace("å", "aa").replace("ä", "ae").replace("ö", "oe")
    return slugify(spelled)


def format_number(value: int | float, decimals: int = 0) -> str:
    """3500000 -> '3 500 000'; 2.41 with decimals=2 -> '2,41' (non-breaking thin spaces)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def format_kronor(value: int) -> str:
    return f"{format_number(value)}\u00a0kr"


def format_bytes(size: int) -> str:
    """File sizes as Swedish readers expect them: '1,2 MB', '340 kB'."""
    if size < 1000:
        return f"{size}\u00a0byte"
    if size < 10_000:
        return f"{format_number(size / 1000, 1)}\u00a0kB"
    if size < 1_000_000:
        return f"{format_number(size / 1000)}\u00a0kB"
    return f"{format_number(size / 1_000_000, 1)}\u00a0MB"


def join_list(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b och c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


# A corpus has tens of thousands of distinct words: each is stemmed once.
@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem (the algorithm Pagefind uses for Swedish): 'hemlösheten' -> 'hemlös'."""
    return _stemmer().stemWord(word.casefold())
