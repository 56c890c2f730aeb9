"""The evidence and gap map: areas × kinds of knowledge, with projects and final reports per cell.

As in the Campbell Collaboration's and 3ie's maps, an empty cell is the finding: nothing
of that kind has been learned in that area. Pure data; views/knowledge_map.py draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .model import Project

FINAL_REPORT = "slutrapport"


def final_reports(project: Project) -> int:
    return sum(1 for document in project.documents if document.kind == FINAL_REPORT)


@dataclass(frozen=True)
class Cell:
    area: str
    kind: str
    projects: tuple[Project, ...]

    @property
    def final_reports(self) -> int:
        return sum(final_reports(project) for project in self.projects)


@dataclass(frozen=True)
class EvidenceMap:
    """One view of the map: every area and every kind of knowledge, filtered by target group and years."""

    areas: tuple[str, ...]
    kinds: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    target_group: str | None
    from_year: int | None
    to_year: int | None
    # Projects in the selection that name no kind of knowledge, and so stand in no cell.
    unclassified: tuple[Project, ...]

    def cell(self, area: str, kind: str) -> Cell:
        return self.cells[(area, kind)]

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells.values() if not cell.projects)


def evidence_map(catalog: Catalog, target_group: str | None = None, from_year: int | None = None,
                 to_year: int | None = None) -> EvidenceMap:
    chosen = catalog.select(from_year=from_year, to_year=to_year, target_group=target_group)
    areas = tuple(catalog.vocabulary.names("area"))
    kinds = tuple(catalog.vocabulary.names("knowledge_kind"))
    members: dict[tuple[str, str], list[Project]] = {(a, k): [] for a in areas for k in kinds}
    for project in chosen:
        for area in project.areas:
            for kind in project.knowledge_kinds:
                members.setdefault((area, kind), []).append(project)
    cells = {key: Cell(key[0], key[1], tuple(projects)) for key, projects in members.items()}
    return EvidenceMap(areas, kinds, cells, target_group, from_year, to_year,
                       tuple(p for p in chosen if not p.knowledge_kinds))


def years(catalog: Catalog) -> list[int]:
    """Every year some project was granted money, oldest first: the map's year choices."""
    return sorted({year for project in catalog.projects for year in project.years})
