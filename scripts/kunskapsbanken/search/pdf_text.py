"""The text of a PDF attachment, page by page, for the search index."""

from __future__ import annotations

import re
from pathlib import Path

from .. import pdf
from ..problems import Problem, Severity

_SPACE = re.compile(r"\s+")
# A page with fewer letters than this is taken as having no text layer (a scan, a picture).
MIN_LETTERS = 3


def page_texts(path: Path) -> list[str]:
    """The text of each page, whitespace collapsed; '' for a page without text."""
    text = pdf.read(path)
    if text.failure:
        raise ValueError(text.failure)
    return [_SPACE.sub(" ", page or "").strip() for page in text.pages]


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
