"""The search index is whole before the Pagefind service is ended: no empty entry file, no cut chunk."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from kunskapsbanken.search.index import IndexNotWritten, wait_until_written


def _bundle(root: Path) -> Path:
    """A small bundle of the shape Pagefind writes: entry, meta, a fragment, the wasm."""
    output = root / "pagefind"
    (output / "fragment").mkdir(parents=True)
    (output / "pagefind-entry.json").write_text(json.dumps({"version": "1", "languages": {"sv": {"hash": "sv_ab"}}}))
    (output / "pagefind.sv_ab.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd meta"))
    (output / "fragment" / "sv_1.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd {}"))
    (output / "wasm.sv.pagefind").write_bytes(gzip.compress(b"\0asm"))
    (output / "pagefind.js").write_text("const pagefind_version = '1';")
    return output


def test_a_whole_bundle_is_accepted(tmp_path):
    wait_until_written(_bundle(tmp_path), timeout=5)


@pytest.mark.parametrize("broken, words", [
    ("pagefind-entry.json", "pagefind-entry.json kan inte läsas"),
    ("fragment/sv_1.pf_fragment", "sv_1.pf_fragment är"),
    ("pagefind.js", "pagefind.js är tom"),
])
def test_an_empty_or_cut_file_is_never_taken_for_a_finished_index(tmp_path, broken, words):
    output = _bundle(tmp_path)
    path = output / broken
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2] if path.suffix == ".pf_fragment" else b"")
    with pytest.raises(IndexNotWritten, match=words):
        wait_until_written(output, timeout=0.3)


def test_it_waits_for_a_write_that_lands_late(tmp_path):
    output = _bundle(tmp_path)
    entry = output / "pagefind-entry.json"
    whole = entry.read_bytes()
    entry.write_bytes(b"")  # created, not yet written: what a queued tokio write leaves behind
    threading.Timer(0.3, entry.write_bytes, args=(whole,)).start()
    started = time.monotonic()
    wait_until_written(output, timeout=10)
    assert time.monotonic() - started >= 0.3
    assert json.loads(entry.read_bytes())["languages"]


def test_the_real_pagefind_bundle_passes(tmp_path):
    from kunskapsbanken.catalog import load_catalog
    from kunskapsbanken.search.index import OUTPUT_DIR, build_index
    from kunskapsbanken.search.records import records
    from tests.support import FIXTURE_PROJECTS, VOCABULARY_FILE

    catalog, _ = load_catalog(FIXTURE_PROJECTS, VOCABULARY_FILE)
    found, _ = records(catalog)
    build_index(found, tmp_path)
    wait_until_written(tmp_path / OUTPUT_DIR, timeout=5)
    shutil.rmtree(tmp_path / OUTPUT_DIR)
