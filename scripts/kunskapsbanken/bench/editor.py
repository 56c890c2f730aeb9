"""Editor benchmark: what an editor of `kb redigera` waits for and downloads.

    python -m kunskapsbanken.bench.editor [--antal 0 1000] [--upprepningar 5]

--antal 0 is a copy of the real content in projects/. For each content folder: the form's
weight (bytes and requests of a cold load), the time from a changed field to the checker's
messages (the live check), from pressing Spara on a page with errors to the answer, and
for the preview (a real MkDocs build of the site without the search index). Medians over
the repetitions, against a reference in the same run: `kb kontrollera` of the same content.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from ..checks import check_all
from ..editor.server import make_server, new_app
from .common import REPO, corpus, fmt, our_config


def _multipart(fields: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    boundary = uuid.uuid4().hex
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                    for name, value in fields.items()) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def _timed(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[float, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        body = error.read()
    return time.perf_counter() - start, body


def measure(projects: Path, repetitions: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kb-bench-redigera-"))
    app = new_app(projects, our_config(projects, work / "site"))
    server = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        _, html = _timed(base + "nytt")
        assets = re.findall(rb'(?:href|src)="\./(resurser/[^"]+)"', html)
        weight = len(html) + sum(len(_timed(base + a.decode())[1]) for a in assets)
        fields = {"titel": "Mätning av formuläret", "typ": "LUM", "år": "2019", "områden": "Hemlöshe",
                  "status": "planerat", "sammanfattning": "Kort.", "atgard": "kontrollera"}
        live, save, preview, reference = [], [], [], []
        for _ in range(repetitions):
            body, headers = _multipart(fields)
            live.append(_timed(base + "nytt", body, headers | {"Accept": "application/json"})[0])
            body, headers = _multipart(fields | {"atgard": "spara"})
            save.append(_timed(base + "nytt", body, headers)[0])
            start = time.perf_counter()
            check_all(projects)
            reference.append(time.perf_counter() - start)
        good = fields | {"områden": "Hemlöshet", "förvaltning": "Farsta", "atgard": "forhandsgranska"}
        for _ in range(max(1, repetitions // 2)):
            body, headers = _multipart(good)
            preview.append(_timed(base + "nytt", body, headers)[0])
        return {"projects": len(list(projects.glob("*.md")) + list(projects.glob("*/index.md"))),
                "requests": 1 + len(assets), "bytes": weight,
                "live": statistics.median(live), "save": statistics.median(save),
                "preview": statistics.median(preview), "reference": statistics.median(reference)}
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(app.work_dir, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kunskapsbanken.bench.editor", description=__doc__.split("\n")[0])
    parser.add_argument("--antal", type=int, nargs="+", default=[0, 1000],
                        help="antal påhittade projekt; 0 = kopia av projects/ (standard: 0 1000)")
    parser.add_argument("--upprepningar", type=int, default=5)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.gettempdir()) / "kb-bench"
    print("| Projekt | Anrop | Överfört | Ändrat fält → meddelanden | Spara med fel → svar | "
          "Förhandsgranskning | kb kontrollera (referens) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for count in args.antal:
        with tempfile.TemporaryDirectory() as temporary:
            if count == 0:
                projects = Path(temporary) / "projects"
                shutil.copytree(REPO / "projects", projects)
            else:
                projects = corpus(workdir, count)
            result = measure(projects, args.upprepningar)
        print(f"| {fmt(result['projects'], 0)} | {result['requests']} | {fmt(result['bytes'] / 1000)} kB | "
              f"{fmt(result['live'] * 1000, 0)} ms | {fmt(result['save'] * 1000, 0)} ms | {fmt(result['preview'])} s | "
              f"{fmt(result['reference'] * 1000, 0)} ms |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
