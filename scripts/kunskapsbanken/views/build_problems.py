"""The banner that `make serve` puts on every page while the content has errors.

Without it a broken page left the browser waiting for a build that never finished; now the
site is built from the pages that load and every page says what is wrong, with file and line.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..problems import Problem


def banner(problems: list[Problem], base: Path) -> str:
    items = "".join(f"<li><code>{escape(_where(p, base))}</code> {escape(_what(p))}</li>" for p in problems)
    count = "1 fel" if len(problems) == 1 else f"{len(problems)} fel"
    return (
        '<div class="kb-byggfel" role="alert">'
        f"<p><strong>Innehållet har {count}.</strong> Webbplatsen visar de sidor som går att bygga; "
        "en sida med fel saknas tills felet är rättat. Spara den rättade filen, så laddas sidan om.</p>"
        f"<ul>{items}</ul></div>"
    )


def _where(problem: Problem, base: Path) -> str:
    path = Path(problem.path)
    try:
        path = path.resolve().relative_to(base.resolve())
    except ValueError:
        pass
    return f"{path.as_posix()}:{problem.line}:{problem.column}"


def _what(problem: Problem) -> str:
    text = str(problem)
    return text.split(": ", 1)[1] if ": " in text else text
