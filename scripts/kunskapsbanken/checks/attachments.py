"""Attachments: every file named under `dokument` must lie beside the page and be a readable PDF."""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath

from .. import pdf, swedish
from ..loader import field_label
from ..model import Document, Project
from ..problems import Problem

PDF_MAGIC = b"%PDF-"


def position(project: Project, index: int) -> tuple[int, int]:
    return project.positions.get(("dokument", str(index), "fil", "__value__"), (1, 1))


def check(project: Project, index: int, document: Document) -> tuple[list[str] | None, list[Problem]]:
    """The attachment's text page by page (for the personal data check), and its problems."""
    if not document.file:
        return None, []
    line, column = position(project, index)
    label = field_label(("dokument", index, "fil"))

    def problem(message: str, suggestion: str | None = None) -> list[Problem]:
        return [Problem(project.source, line, column, label, message, suggestion=suggestion)]

    name = PurePosixPath(document.file.replace("\\", "/"))
    if name.is_absolute() or len(name.parts) != 1:
        return None, problem(f"bilagan '{document.file}' ska ligga i samma mapp som projektsidan; "
                             "skriv bara filnamnet", name.name or None)
    path = project.attachment_path(document)
    if not path.is_file():
        present = sorted(p.name for p in path.parent.iterdir() if p.is_file() and p.suffix.lower() == ".pdf") \
            if path.parent.is_dir() else []
        close = difflib.get_close_matches(document.file, present, n=1, cutoff=0.6)
        return None, problem(f"bilagan '{document.file}' finns inte bredvid projektsidan",
                             close[0] if close else None)
    if name.suffix.lower() != ".pdf":
        return None, problem(f"bilagan '{document.file}' är ingen PDF; spara den som PDF "
                             "(Arkiv > Spara som > PDF) och ange den nya filen")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        return None, problem(f"bilagan '{document.file}' kan inte läsas: {error.strerror}")
    if size > pdf.MAX_BYTES:
        return None, problem(f"bilagan '{document.file}' är för stor ({swedish.format_bytes(size)}; högst "
                             f"{swedish.format_bytes(pdf.MAX_BYTES)}); spara den med mindre bilder "
                             "(Arkiv > Exportera > Reducera filstorlek) eller dela upp den")
    if PDF_MAGIC not in head:
        return None, problem(f"bilagan '{document.file}' heter .pdf men är ingen PDF-fil; "
                             "spara om originalet som PDF")
    text = pdf.read(path)
    if not text.readable:
        return None, problem(f"bilagan '{document.file}' kan inte läsas ({text.failure or 'filen är skadad'}); "
                             "spara om den som PDF utan lösenord")
    return list(text.pages), []
