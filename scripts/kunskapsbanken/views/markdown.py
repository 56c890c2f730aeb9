"""Small Markdown builders shared by the views: escaping, links, tables, year ranges."""

from __future__ import annotations

import re

from .. import swedish

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Text that Markdown shows as written: 'A|B *C*' stays literal."""
    return _SPECIAL.sub(r"\\\1", text)


def link(text: str, target: str) -> str:
    return f"[{escape(text)}]({target})"


def table(headers: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A Markdown table; cells are expected to be escaped already."""
    align = align or ["left"] * len(headers)
    rule = {"left": "---", "right": "--:", "center": ":-:"}
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule[a] for a in align) + " |"]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def front_matter(**meta: str | bool | list[str]) -> str:
    """MkDocs page metadata; values are quoted so titles with colons stay intact."""
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif isinstance(value, list):  # fixed words from our code, such as Material's hide: [toc]
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            quoted = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            lines.append(f'{key}: "{quoted}"')
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def count_text(count: int, singular: str, plural: str) -> str:
    return f"{swedish.format_number(count)} {singular if count == 1 else plural}"
