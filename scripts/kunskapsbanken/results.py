"""Structured results across projects: a figure in Swedish, and the same measure grouped.

The results page (/resultat/), the project page and the exports read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import swedish
from .model import Project, Result


def format_value(value: float) -> str:
    """2.41 -> '2,41', 4.0 -> '4', 1500 -> '1 500'."""
    if float(value).is_integer():
        return swedish.format_number(int(value))
    decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
    return swedish.format_number(value, min(decimals, 6))


def figure_text(result: Result) -> str:
    """'2,41 → 4,1' or '44'."""
    if result.value is not None:
        return format_value(result.value)
    return f"{format_value(result.before)} → {format_value(result.after)}"


def result_text(result: Result) -> str:
    """'Självskattad kunskap om samhället: 2,41 → 4,1 (medelvärde, skala 1–5; 2020)'."""
    return f"{result.measure}: {figure_text(result)} ({result.unit}; {result.year})"


def measure_key(measure: str) -> str:
    # 'Självskattad kunskap' and 'självskattad  kunskap' are one measure.
    return " ".join(measure.casefold().split())


@dataclass(frozen=True)
class MeasureGroup:
    """Every result of one measure, with the project each comes from, newest first."""

    measure: str
    rows: tuple[tuple[Project, Result], ...]

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(result.unit for _, result in self.rows))


def measure_groups(projects: Iterable[Project]) -> list[MeasureGroup]:
    """The measures of all results, A–Ö, each with its rows."""
    groups: dict[str, list[tuple[Project, Result]]] = {}
    names: dict[str, str] = {}
    for project in projects:
        for result in project.results:
            key = measure_key(result.measure)
            names.setdefault(key, result.measure)
            groups.setdefault(key, []).append((project, result))
    ordered = sorted(groups, key=lambda key: swedish.sort_key(names[key]))
    return [MeasureGroup(names[key], tuple(sorted(groups[key], key=lambda row: (-row[1].year,
                                                                               swedish.sort_key(row[0].title)))))
            for key in ordered]
