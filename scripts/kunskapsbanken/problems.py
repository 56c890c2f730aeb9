"""What goes wrong in a content file, said so that an editor can find and fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR
    suggestion: str | None = None

    def __str__(self) -> str:
        text = self.message
        if self.suggestion:
            text += f" – menade du '{self.suggestion}'?"
        label = "" if self.severity is Severity.ERROR else "varning: "
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {label}{where}{text}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path)
        data["severity"] = self.severity.value
        return data

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.is_error]


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.column, p.field, p.message))
