"""The benchmark results as one Markdown report, with the machine they came from."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path


def machine() -> str:
    """'Intel(R) Xeon(R) Processor, 2 kärnor, 23 GB minne, Python 3.11.7, 2026-11-23'."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {round(pages / 2**30)} GB minne"
    except (ValueError, OSError, AttributeError):
        pass
    return (f"{cpu}, {os.cpu_count()} kärnor{memory}, Python {platform.python_version()}, "
            f"{dt.date.today().isoformat()}")


def report(sections: list[tuple[str, str]]) -> str:
    """Sections of (heading, Markdown table) under one heading with the machine."""
    parts = ["# Prestandamätningar", "", f"Maskin: {machine()}.", ""]
    for heading, body in sections:
        parts += [f"## {heading}", "", body, ""]
    return "\n".join(parts)
