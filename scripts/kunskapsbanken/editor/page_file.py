"""A project page on disk as the editor reads and writes it: round-trip YAML, hashes, atomic writes.

A new page is written exactly as `kb ny` writes it (authoring.page_text). An existing page is
edited with ruamel.yaml's round-trip mode, so its comments, key order, quoting and folded
texts stay; only the values the editor changed are replaced, and its body is kept byte for
byte unless the editor changed it. PyYAML cannot do this: it drops comments and styles.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..authoring import FIELD_ORDER
from ..loader import FENCE, VOCABULARY_FIELDS
from ..schema import project_schema
from ..vocabulary import Vocabulary
from .form import enum_value


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    # Wide enough never to re-wrap a line that an editor wrapped by hand.
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass(frozen=True)
class PageText:
    """A page split into its front matter text and its body, as bytes on disk have them."""

    front: str        # the YAML between the fences, ending in a newline
    closing: str      # the closing fence line as written ('---' or '...')
    body: str         # everything after the closing fence line

    @classmethod
    def parse(cls, text: str) -> "PageText":
        lines = text.split("\n")
        if not lines or lines[0].strip() != FENCE:
            raise ValueError("sidan saknar front matter")
        for index, line in enumerate(lines[1:], start=1):
            if line.rstrip() in (FENCE, "..."):
                return cls("\n".join(lines[1:index]) + "\n", line, "\n".join(lines[index + 1:]))
        raise ValueError("front matter avslutas aldrig")

    def text(self) -> str:
        return f"{FENCE}\n{self.front}{self.closing}\n{self.body}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_front(front: str) -> CommentedMap:
    data = _yaml().load(front)
    return data if isinstance(data, CommentedMap) else CommentedMap()


def edited_text(original: str, new_data: dict, new_body: str, vocabulary: Vocabulary,
                editable: set[str] | None = None) -> str:
    """The original page with the front matter values in new_data and the body new_body.

    A key whose value means the same as before (the same after aliases and single values
    are resolved) keeps its node untouched; keys the model does not know, and keys outside
    editable (what the form does not show), are left alone.
    """
    page = PageText.parse(original)
    data = load_front(page.front)
    for key in FIELD_ORDER:
        if editable is not None and key not in editable:
            continue
        if key in new_data:
            if key in data and _same(key, data[key], new_data[key], vocabulary):
                continue
            value = _node(key, new_data[key], data.get(key), vocabulary)
            if key in data:
                data[key] = value
            else:
                data.insert(_position(data, key), key, value)
        elif key in data:
            del data[key]
    out = io.StringIO()
    _yaml().dump(data, out)
    body = page.body
    if new_body.strip() != page.body.strip():
        body = ("\n" + new_body.strip() + "\n") if new_body.strip() else ""
    return PageText(out.getvalue(), page.closing, body).text()


def _position(data: CommentedMap, key: str) -> int:
    """Where a new key goes: after the keys that come before it in the model's order."""
    rank = FIELD_ORDER.index(key)
    keys = list(data.keys())
    before = [i for i, existing in enumerate(keys) if existing in FIELD_ORDER and FIELD_ORDER.index(existing) < rank]
    return (before[-1] + 1) if before else 0


def _same(key: str, old: Any, new: Any, vocabulary: Vocabulary) -> bool:
    return _normal(key, old, vocabulary) == _normal(key, new, vocabulary)


def _normal(key: str, value: Any, vocabulary: Vocabulary) -> Any:
    """What a value means, for comparing what the form sent with what the file holds."""
    kind = VOCABULARY_FIELDS.get(key)
    if key in ("typ", "status"):
        return enum_value(key, value)
    if key == "dokument" and isinstance(value, list):
        return [{k: _normal(f"dokument.{k}", v, vocabulary) for k, v in row.items()} if isinstance(row, dict)
                else row for row in value]
    if key == "dokument.typ" and isinstance(value, str):
        return vocabulary.resolve("document_kind", value).term or value
    if isinstance(value, dict):
        return {str(k): _normal("", v, vocabulary) for k, v in value.items()}
    items = value if isinstance(value, list) else None
    if items is None and key in _LIST_KEYS:
        items = [value]
    if items is not None:
        return [_scalar(kind, item, vocabulary) for item in items]
    return _scalar(kind, value, vocabulary)


# Keys where one value may stand for a list of one ('områden: Hemlöshet'), from the schema.
_LIST_KEYS = {key for key, prop in project_schema()["properties"].items()
              if any(option.get("type") == "array" for option in prop.get("anyOf", [prop]))}


def _scalar(kind: str | None, value: Any, vocabulary: Vocabulary) -> Any:
    if isinstance(value, str):
        text = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        if kind:
            return vocabulary.resolve(kind, text).term or text
        return text
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    return str(value) if value is not None else None


def _node(key: str, value: Any, old: Any, vocabulary: Vocabulary) -> Any:
    """A new value in the style `kb ny` writes: lists of words on one line, documents as blocks."""
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            old_rows = list(old) if isinstance(old, list) else []
            seq = CommentedSeq()
            for row in value:
                # An unchanged document keeps its node (and its comments).
                keep = next((r for r in old_rows if isinstance(r, dict)
                         and _same(key, [dict(r)], [row], vocabulary)), None)
                seq.append(keep if keep is not None else CommentedMap(row))
            return seq
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        mapping = CommentedMap(value)
        mapping.fa.set_flow_style()
        return mapping
    return value


def atomic_write(target: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write through a temporary file in the same folder and rename it into place.

    exclusive: fail with FileExistsError rather than replace a file that exists (a hard link
    is created atomically and never replaces anything).
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".kb-tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if exclusive:
            os.link(temporary, target)
        else:
            os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
