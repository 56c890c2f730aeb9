"""Small corpora for the checker tests: a page that passes every check, and ways to break it."""

from __future__ import annotations

import shutil
from pathlib import Path

from kunskapsbanken.checks import check_all

from tests.support import VOCABULARY_FILE

# A page that passes every check with no warning: the base that each test breaks in one way.
GOOD = """---
titel: Bo kvar
typ: LUM
år: 2019
områden: [Hemlöshet]
förvaltning: Skärholmen
belopp: 400000
status: avslutat
startdatum: 2019-01-15
slutdatum: 2019-12-31
kontakt: Enheten för vuxna
sammanfattning: Vräkningsförebyggande arbete. Två meningar.
jämställdhetsanalys: Kvinnor och män fick samma stöd.
---

## Syfte

Brödtext om projektet.
"""

OTHER = GOOD.replace("titel: Bo kvar", "titel: Annat projekt").replace("förvaltning: Skärholmen",
                                                                       "förvaltning: Farsta")


def make_corpus(root: Path, pages: dict[str, str | bytes]) -> Path:
    """projects/ with the given pages ('bo-kvar.md', 'x/index.md', 'x/bilaga.pdf') and the vocabulary."""
    corpus = root / "projects"
    corpus.mkdir(parents=True, exist_ok=True)
    shutil.copy(VOCABULARY_FILE, corpus / "vokabular.yml")
    for name, content in pages.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return corpus


def problems_of(root: Path, pages: dict[str, str | bytes], **options):
    corpus = make_corpus(root, pages)
    return check_all(corpus, **options)[1]


def pdf_with_text(path: Path, *pages: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    pdf.output(str(path))
    return path
