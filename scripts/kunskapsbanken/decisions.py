"""projects/beslut.yml -> Decision objects, or problems that name file, line and field."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .loader import _duplicate_keys, _positions, parse_yaml, read_source
from .model import Decision
from .problems import Problem

DECISIONS_FILE = "beslut.yml"

_FIELD_LABELS = {name: field.alias or name for name, field in Decision.model_fields.items()}


def decisions_path(projects_dir: Path) -> Path:
    return projects_dir / DECISIONS_FILE


def _message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "obligatoriskt fält saknas"
    if kind == "extra_forbidden":
        return f"okänt fält; tillåtna fält: {', '.join(_FIELD_LABELS.values())}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"ska vara ett heltal (utan mellanslag), inte {error.get('input')!r}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"värdet {error.get('input')!r} är orimligt"
    if kind == "enum":
        return f"okänd typ '{error.get('input')}'; tillåtna värden: {ctx.get('expected', '')}"
    if kind in ("string_type", "text"):
        return "ska vara text"
    if kind == "too_short":
        return "får inte vara tomt"
    return str(error.get("msg", "ogiltigt värde"))


def load_decisions(path: Path) -> tuple[list[Decision], list[Problem]]:
    """Every decision in the file; a missing file means no decisions are recorded yet."""
    if not path.is_file():
        return [], []
    source = read_source(path)
    problems = list(source.problems)
    node, data, yaml_problems = parse_yaml(path, source.text, first_line=1)
    if yaml_problems:
        return [], problems + yaml_problems
    if data is None:
        return [], problems
    if not isinstance(data, list):
        return [], problems + [Problem(path, 1, 1, "", "filen ska vara en lista med beslut, ett per '- år: …'")]
    positions = _positions(node)
    problems += [Problem(path, line, column, field, message)
                 for line, column, field, message in _duplicate_keys(node, first_line=1)]

    def where(*loc: str) -> tuple[int, int]:
        for depth in range(len(loc), -1, -1):
            if loc[:depth] in positions:
                return positions[loc[:depth]]
        return 1, 1

    decisions: list[Decision] = []
    seen: dict[tuple[int, str], int] = {}
    for index, item in enumerate(data):
        try:
            decision = Decision.model_validate(item)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                loc = tuple(str(part) for part in detail["loc"])
                key = loc[0] if loc else ""
                at = (str(index), key) if detail["type"] in ("extra_forbidden", "missing") or not key \
                    else (str(index), key, "__value__")
                line, column = where(*at)
                label = f"{index + 1}.{key}" if key else str(index + 1)
                problems.append(Problem(path, line, column, label, _message(detail)))
            continue
        identity = (decision.year, decision.type.value)
        if identity in seen:
            line, column = where(str(index))
            problems.append(Problem(path, line, column, str(index + 1),
                                    f"beslutet för {decision.type.value} {decision.year} står redan som "
                                    f"nummer {seen[identity] + 1}; slå ihop dem"))
            continue
        seen[identity] = index
        decisions.append(decision)
    return sorted(decisions, key=lambda d: (d.year, d.type.value)), problems
