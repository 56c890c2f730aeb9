"""kunskapsbanken.pdf: page texts read once per version of a file, and handed to another process."""

from __future__ import annotations

import os
import shutil

from kunskapsbanken import pdf
from tests.support import FIXTURE_PROJECTS

SOURCE = FIXTURE_PROJECTS / "bostad-forst-farsta" / "slutrapport.pdf"


def test_pages_are_read_once_per_version(tmp_path, monkeypatch):
    copy = tmp_path / "rapport.pdf"
    shutil.copyfile(SOURCE, copy)
    calls = []
    real = pdf._extract
    monkeypatch.setattr(pdf, "_extract", lambda path: calls.append(path) or real(path))
    first = pdf.read(copy)
    assert first.readable and any("Farsta" in (page or "") for page in first.pages)
    assert pdf.read(copy) is first and len(calls) == 1
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # saved again
    pdf.read(copy)
    assert len(calls) == 2
    assert sum(1 for key in pdf._cache if key[0] == str(copy.resolve())) == 1  # the old version is gone


def test_a_damaged_file_says_why(tmp_path):
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    text = pdf.read(broken)
    assert not text.readable and text.failure == "filen är skadad"
