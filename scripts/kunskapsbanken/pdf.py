"""PDF attachments as text, page by page: read once per version of a file.

The checker (personal data in attachments) and the search index (one record per page)
both need the text. Reading is the slow part, so the result is kept per path, size and
modification time: a rebuild under `mkdocs serve` does not read unchanged PDFs again,
and the search index, built in a forked process, starts with what the checker read. The
checker's own second process hands back what it read (read_since / adopt).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

# pypdf logs every oddity of a PDF's structure; malformed files are reported once, as our message.
logging.getLogger("pypdf").setLevel(logging.ERROR)

Key = tuple[str, int, int]  # resolved path, size, modification time in ns

# Limits that keep the checker and the search index quick on any file: the city's largest
# reports are some 10 MB and 200 pages. A larger file is refused by the checker, unread.
MAX_BYTES = 50_000_000
MAX_PAGES = 2_000


@dataclass(frozen=True)
class PdfText:
    # Each page's text; None for a page whose text could not be extracted.
    pages: tuple[str | None, ...] = ()
    # Why the whole file cannot be read ('lösenordsskyddad', 'filen är skadad'), or ''.
    failure: str = ""

    @property
    def readable(self) -> bool:
        """Every page could be read."""
        return not self.failure and None not in self.pages


_cache: dict[Key, PdfText] = {}


def _key(path: Path) -> Key:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def read(path: Path) -> PdfText:
    """The text of each page of the PDF at path (which must exist)."""
    key = _key(Path(path))
    if key not in _cache:
        for old in [k for k in _cache if k[0] == key[0]]:  # an earlier version of the same file
            del _cache[old]
        _cache[key] = _extract(Path(path))
    return _cache[key]


def _extract(path: Path) -> PdfText:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            return PdfText(failure="lösenordsskyddad")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            return PdfText(failure=f"fler än {MAX_PAGES} sidor")
    except Exception:  # pypdf raises many kinds of errors on damaged files
        return PdfText(failure="filen är skadad")
    texts: list[str | None] = []
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # a broken content stream on one page
            texts.append(None)
    return PdfText(tuple(texts))


def read_since(before: set[Key]) -> dict[Key, PdfText]:
    """What was read after before = set(known()), to hand to the process that forked this one."""
    return {key: text for key, text in _cache.items() if key not in before}


def known() -> set[Key]:
    return set(_cache)


def adopt(read: dict[Key, PdfText]) -> None:
    """Take over what a forked process read; an entry is used only while its file is unchanged."""
    _cache.update(read)
