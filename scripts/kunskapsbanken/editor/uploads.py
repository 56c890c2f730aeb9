"""Uploaded PDFs: checked by their bytes, given safe names and kept aside until the page is saved.

An upload waits in the editor's own staging folder (outside projects/, so that neither
`make serve` nor the checker of other editors sees it) under a random token that the form
carries; saving copies it beside the page.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from .. import swedish
from ..checks.attachments import PDF_MAGIC

MAX_UPLOAD_BYTES = 50_000_000  # 50 MB, as format_bytes counts
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
ABANDONED_AFTER = 24 * 60 * 60  # seconds


class UploadError(ValueError):
    """An upload that is refused, said in Swedish for the field it was sent in."""


def safe_name(filename: str) -> str:
    """'C:\\Rapporter\\Slutrapport Bo kvar (2).PDF' -> 'slutrapport-bo-kvar-2.pdf'.

    Only the last part of any path survives; å, ä, ö and spaces become what URLs carry well.
    """
    last = PureWindowsPath(PurePosixPath(filename.replace("\x00", "")).name).name
    stem = last.rsplit(".", 1)[0] if "." in last else last
    return (swedish.slugify(stem)[:80].strip("-") or "dokument") + ".pdf"


def check_pdf(filename: str, data: bytes, limit: int = MAX_UPLOAD_BYTES) -> None:
    if len(data) > limit:
        raise UploadError(f"filen '{filename}' är {swedish.format_bytes(len(data))}; "
                          f"den får vara högst {swedish.format_bytes(limit)}")
    if not data:
        raise UploadError(f"filen '{filename}' är tom")
    # The same test as the checker's: a PDF starts with '%PDF-' within its first kilobyte.
    if PDF_MAGIC not in data[:1024]:
        raise UploadError(f"filen '{filename}' är ingen PDF; spara den som PDF (Arkiv > Spara som > PDF) "
                          "och ladda upp den igen")


@dataclass(frozen=True)
class Staging:
    """One form's uploads: a folder named by a random token under the editor's staging root."""

    root: Path
    token: str

    @classmethod
    def new(cls, root: Path) -> "Staging":
        # Forms left open for a day are given up: their uploads would otherwise fill the disk of
        # an editor that runs for months.
        if root.is_dir():
            for folder in root.iterdir():
                if folder.is_dir() and time.time() - folder.stat().st_mtime > ABANDONED_AFTER:
                    shutil.rmtree(folder, ignore_errors=True)
        return cls(root, secrets.token_hex(16))

    @classmethod
    def existing(cls, root: Path, token: str) -> "Staging | None":
        """The staging of a token from a form; anything but 32 hex digits is refused."""
        if not _TOKEN.match(token or ""):
            return None
        return cls(root, token)

    @property
    def folder(self) -> Path:
        return self.root / self.token

    def add(self, filename: str, data: bytes, taken: set[str], limit: int = MAX_UPLOAD_BYTES) -> str:
        """Keep an upload; returns the name it gets beside the page (never one in taken)."""
        check_pdf(filename, data, limit)
        name = safe_name(filename)
        stem, counter = name[:-4], 2
        while name in taken:
            name, counter = f"{stem}-{counter}.pdf", counter + 1
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(data)
        return name

    def files(self) -> dict[str, Path]:
        if not self.folder.is_dir():
            return {}
        return {path.name: path for path in self.folder.iterdir() if path.is_file() and path.suffix == ".pdf"}

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
