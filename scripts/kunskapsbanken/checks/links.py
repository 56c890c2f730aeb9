"""Links in a page's body: to other projects (their .md file) and to the page's own attachments."""

from __future__ import annotations

import difflib
import posixpath
import re
from urllib.parse import unquote

from ..catalog import Catalog
from ..model import Project
from ..problems import Problem
from .body import followed_address

# Inline links and images, '[text](target "title")'; reference definitions '[id]: target'.
_INLINE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\n]*?[\"'])?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`\n]*`+")


def check(project: Project, catalog: Catalog) -> list[Problem]:
    problems = []
    for line_offset, column, target in _targets(project.body):
        message, suggestion = _broken(target, project, catalog)
        if message:
            problems.append(Problem(project.source, project.body_line + line_offset, column, "",
                                    message, suggestion=suggestion))
    return problems


def _targets(body: str):
    """(line in body, column, target) of every link outside code."""
    if "](" not in body and "]:" not in body:
        return
    fenced = False
    for number, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")) or ("](" not in line and "]:" not in line):
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for pattern in (_INLINE, _REFERENCE):
            for match in pattern.finditer(visible):
                yield number, match.start(1) + 1, match.group(1)


def _broken(target: str, project: Project, catalog: Catalog) -> tuple[str | None, str | None]:
    # An address with a scheme leaves the site; body.check refuses those that are not http(s) or mailto,
    # also when the browser reads the scheme only after decoding it ('javascript&#58;').
    if not target or target.startswith("#") or _SCHEME.match(followed_address(target)) or target.startswith("//"):
        return None, None
    if target.startswith("/"):
        return (f"länken '{target}' börjar med '/' och fungerar inte när webbplatsen ligger under en "
                "undermapp; länka till projektets fil, till exempel 'bo-kvar.md'"), None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if path.endswith(".md"):
        name = posixpath.basename(posixpath.dirname(path)) if posixpath.basename(path) == "index.md" \
            else posixpath.splitext(posixpath.basename(path))[0]
        if name in catalog.by_id:
            return None, None
        close = difflib.get_close_matches(name, list(catalog.by_id), n=1, cutoff=0.7)
        return (f"länken '{target}' leder inte till något projekt",
                f"{close[0]}.md" if close else None)
    attached = {document.file for document in project.documents if document.file}
    if path in attached:
        return None, None  # the attachment check reports it if the file is missing
    if (project.attachment_dir / path).is_file():
        return (f"länken '{target}' leder till en fil som inte står under 'dokument' och därför inte "
                "publiceras; lägg till den som dokument"), None
    close = difflib.get_close_matches(path, sorted(attached), n=1, cutoff=0.6)
    return f"länken '{target}' leder till en fil som inte finns", close[0] if close else None
