"""Builds the Pagefind index of the search records into the built site (<site>/pagefind/)."""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .lexicon import FILE_NAME as LEXICON_FILE, lexicon_json
from .records import SearchRecord

OUTPUT_DIR = "pagefind"
# Records sent to the Pagefind service before waiting for its answers.
BATCH = 500


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
        (output / LEXICON_FILE).write_text(lexicon_json(records), encoding="utf-8")
        return count
    finally:
        await service.close()


def build_index(records: list[SearchRecord], site_dir: Path) -> int:
    """Write the index into site_dir/pagefind, replacing an older one; return the record count."""
    output = Path(site_dir) / OUTPUT_DIR
    if output.exists():
        shutil.rmtree(output)
    # A thread of its own: the caller may already run an event loop (mkdocs serve, Playwright in tests).
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _write(records, output.resolve())).result()
