"""Builds the Pagefind index of the search records into the built site (<site>/pagefind/)."""

from __future__ import annotations

import asyncio
import base64
import gzip
import json
import shutil
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .lexicon import FILE_NAME as LEXICON_FILE, lexicon_json
from .records import SearchRecord

OUTPUT_DIR = "pagefind"
# Records sent to the Pagefind service before waiting for its answers.
BATCH = 500
# How long the index files may take to reach the disk after Pagefind has answered.
WRITE_TIMEOUT = 120.0
_COMPRESSED = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter")


class IndexNotWritten(RuntimeError):
    pass


def _file_problem(path: Path) -> str | None:
    """Why a file of the bundle is not (yet) whole, or None."""
    data = path.read_bytes()
    if not data:
        return "tom"
    if path.suffix in _COMPRESSED or path.name.startswith("wasm."):
        try:
            gzip.decompress(data)  # gzip ends in a checksum and the length: a cut file fails
        except (OSError, EOFError, zlib.error) as error:
            return f"ofullständig ({error})"
    return None


def _bundle_state(output: Path) -> tuple[str | None, dict[str, int]]:
    """(why the bundle is not whole yet or None, size of every file)."""
    sizes = {str(p.relative_to(output)): p.stat().st_size for p in output.rglob("*") if p.is_file()}
    try:
        entry = json.loads((output / "pagefind-entry.json").read_bytes())
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"pagefind-entry.json kan inte läsas ({error})", sizes
    for language in languages.values():
        if f"pagefind.{language['hash']}.pf_meta" not in sizes:
            return f"pagefind.{language['hash']}.pf_meta saknas", sizes
    for name in sizes:
        problem = _file_problem(output / name)
        if problem:
            return f"{name} är {problem}", sizes
    return None, sizes


def wait_until_written(output: Path, timeout: float = WRITE_TIMEOUT) -> None:
    """Return once every file of the bundle is whole and no file is still growing.

    Pagefind answers 'written' when its writes are queued, not done (tokio's File::write_all
    returns before the bytes reach the disk, and Pagefind never flushes). Ending the service
    at that moment could leave an empty pagefind-entry.json: on a busy machine, about one
    search test in twenty found no index."""
    deadline = time.monotonic() + timeout
    previous: dict[str, int] | None = None
    while True:
        problem, sizes = _bundle_state(output)
        if problem is None and sizes == previous:
            return
        if time.monotonic() > deadline:
            raise IndexNotWritten(f"Sökindexet blev inte färdigskrivet: {problem or 'filerna växer fortfarande'}")
        previous = sizes if problem is None else None
        time.sleep(0.05)


def _service_class():
    from pagefind.service import PagefindService

    class FastService(PagefindService):
        """Pagefind's service, reading answers as they come.

        pagefind 1.5's Python API sleeps 0.1 s before reading each answer, which makes
        5,000 records take over eight minutes; this loop is the same without the pause.
        """

        async def _wait_for_responses(self) -> None:
            while True:
                output = await self._backend.stdout.readuntil(b",")
                response = json.loads(base64.b64decode(output[:-1]))
                if response is None:
                    continue
                message_id = response.get("message_id")
                payload = response["payload"]
                if message_id is None and payload.get("original_message"):
                    message_id = json.loads(payload["original_message"]).get("message_id")
                future = self._responses.get(message_id)
                if future is None or future.done():
                    continue
                if payload["type"] == "Error":
                    future.set_exception(RuntimeError(f"Pagefind: {payload.get('message')}"))
                else:
                    future.set_result(payload)

    return FastService


async def _write(records: list[SearchRecord], output: Path) -> int:
    service = await _service_class()().launch()
    try:
        # write_playground stays off: nothing but the search bundle goes into the site.
        index = await service.create_index({"output_path": str(output)})
        count, batch = 0, []
        for record in records:
            batch.append(index.add_custom_record(url=record.url, content=record.content, language=record.language,
                                                 meta=record.meta, filters=record.filters, sort=record.sort))
            if len(batch) >= BATCH:
                count += len(await asyncio.gather(*batch))
                batch = []
        count += len(await asyncio.gather(*batch))
        await index.write_files()
        # Still inside the service's lifetime: its queued writes must land before it is ended.
        await asyncio.to_thread(wait_until_written, output)
        (output / LEXICON_FILE).write_text(lexicon_json(records), encoding="utf-8")
        return count
    finally:
        await service.close()


def metadata_file(site_dir: Path, language: str) -> str | None:
    """The name of the index's metadata for a language ('pagefind.sv_<hash>.pf_meta'), or None.

    Pagefind learns it from pagefind-entry.json and only then fetches it; a page that names it
    can fetch both at once."""
    try:
        entry = json.loads((Path(site_dir) / OUTPUT_DIR / "pagefind-entry.json").read_bytes())
        return f"pagefind.{entry['languages'][language]['hash']}.pf_meta"
    except (OSError, ValueError, KeyError, TypeError):
        return None


def build_index(records: list[SearchRecord], site_dir: Path) -> int:
    """Write the index into site_dir/pagefind, replacing an older one; return the record count."""
    output = Path(site_dir) / OUTPUT_DIR
    if output.exists():
        shutil.rmtree(output)
    # A thread of its own: the caller may already run an event loop (mkdocs serve, Playwright in tests).
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _write(records, output.resolve())).result()
