"""The text of a PDF attachment, page by page, for the search index."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..problems import Problem, Severity

# pypdf logs every oddity of a PDF's structure; the build only needs our own warning.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_SPACE = re.compile(r"\s+")
# A page with fewer letters than this is taken as having no text layer (a scan, a picture).
MIN_LETTERS = 3


def page_texts(path: Path) -> list[str]:
    """The text of each page, whitespace collapsed; '' for a page without text."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    texts = []
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # a broken content stream on one page must not stop the build
            text = ""
        texts.append(_SPACE.sub(" ", text).strip())
    return texts


def has_text(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= MIN_LETTERS


def extract(path: Path) -> tuple[list[str], list[Problem]]:
    """Page texts and the problems found: a PDF that cannot be read or has no text layer."""
    try:
        texts = page_texts(path)
    except Exception as error:  # pypdf raises many kinds for damaged files
        return [], [Problem(path, 1, 1, "", f"PDF-filen går inte att läsa och blir inte sökbar ({error})",
                            Severity.WARNING)]
    if not any(has_text(t) for t in texts):
        return texts, [Problem(path, 1, 1, "", "PDF-filen saknar textlager (inskannad?) och går inte att söka i; "
                               "spara den med text, till exempel efter OCR-tolkning", Severity.WARNING)]
    return texts, []
