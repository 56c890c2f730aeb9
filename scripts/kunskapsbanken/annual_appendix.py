"""The appendix to a year's FoU report: FUM studies, LUM projects and MUL trips with their money.

Built from the catalog and the yearly decisions; written as Markdown and as xlsx by `kb årsbilaga`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

from . import swedish
from .catalog import Catalog
from .model import Decision, Project, ProjectType
from .statistics import amount_in_year

Kind = Literal["text", "kronor"]


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "text"


@dataclass(frozen=True)
class AppendixTable:
    type: ProjectType
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str | int | None, ...], ...]
    total: int  # sum of the known amounts in the money column
    missing: int  # rows without an amount
    decision: Decision | None = None

    @property
    def notes(self) -> list[str]:
        noun = {ProjectType.FUM: "studier", ProjectType.LUM: "projekt", ProjectType.MUL: "resor"}[self.type]
        notes = []
        if self.missing:
            notes.append(f"Belopp saknas i Kunskapsbanken för {swedish.format_number(self.missing)} av "
                         f"{swedish.format_number(len(self.rows))} {noun}; summan gäller de kända beloppen.")
        if self.decision is not None:
            decided = self.decision
            text = "Beslutat enligt " + decided.source
            if decided.decided_amount is not None:
                text += f": {swedish.format_kronor(decided.decided_amount)}"
            if decided.project_count is not None:
                text += f" för {swedish.format_number(decided.project_count)} {noun}"
            notes.append(text + ".")
        return notes


@dataclass(frozen=True)
class Appendix:
    year: int
    tables: tuple[AppendixTable, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        return f"Bilaga: FoU-medel {self.year}"


def _text(items: Iterable[str]) -> str | None:
    joined = ", ".join(items)
    return joined or None


def _by_administration(projects: list[Project]) -> list[Project]:
    return sorted(projects, key=lambda p: (swedish.sort_key(p.administration or ""), swedish.sort_key(p.title)))


def _table(type_: ProjectType, title: str, columns: tuple[Column, ...], rows: list[tuple],
           decision: Decision | None) -> AppendixTable:
    money = [i for i, c in enumerate(columns) if c.kind == "kronor"][0]
    amounts = [row[money] for row in rows]
    return AppendixTable(type_, title, columns, tuple(rows), sum(a for a in amounts if a is not None),
                         sum(1 for a in amounts if a is None), decision)


def build(catalog: Catalog, year: int, decisions: Iterable[Decision] = ()) -> Appendix:
    decision_of = {(d.year, d.type): d for d in decisions}
    in_year = [p for p in catalog.projects if year in p.years]
    of_type = {t: [p for p in in_year if p.type is t] for t in ProjectType}

    # A study's cost is its whole cost, as the reports' FUM tables give it; LUM and MUL are granted per year.
    studies = sorted(of_type[ProjectType.FUM], key=lambda p: swedish.sort_key(p.title))
    fum = _table(ProjectType.FUM, "FUM – studier och utvärderingar",
                 (Column("Studie"), Column("Genomförs av"), Column("Klart"), Column("Kostnad", "kronor")),
                 [(p.title, _text(p.performers), p.end.swedish() if p.end else None, p.total_amount) for p in studies],
                 decision_of.get((year, ProjectType.FUM)))
    lum = _table(ProjectType.LUM, "LUM – lokala utvecklingsprojekt",
                 (Column("Förvaltning"), Column("Projekt"), Column("Medsökande"), Column("Belopp", "kronor")),
                 [(p.administration, p.title, _text(p.co_applicants), amount_in_year(p, year))
                  for p in _by_administration(of_type[ProjectType.LUM])],
                 decision_of.get((year, ProjectType.LUM)))
    mul = _table(ProjectType.MUL, "MUL – studieresor",
                 (Column("Förvaltning"), Column("Resmål"), Column("Resa"), Column("Belopp", "kronor")),
                 [(p.administration, str(p.destination) if p.destination else None, p.title, amount_in_year(p, year))
                  for p in _by_administration(of_type[ProjectType.MUL])],
                 decision_of.get((year, ProjectType.MUL)))
    return Appendix(year, (fum, lum, mul))


def _cell(value: str | int | None, kind: Kind) -> str:
    if value is None:
        return "–"
    if kind == "kronor":
        return swedish.format_kronor(int(value))
    return str(value).replace("|", "\\|")


def to_markdown(appendix: Appendix) -> str:
    from .views.markdown import table

    parts = [f"# {appendix.title}\n",
             "Sammanställt ur Kunskapsbanken. Belopp som projektsidorna inte anger visas som –; "
             "ett beslutat totalbelopp fördelas inte ut på projekten.\n"]
    for section in appendix.tables:
        parts.append(f"## {section.title}\n")
        if not section.rows:
            parts.append("Inga projekt i Kunskapsbanken för året.\n")
        else:
            align = ["right" if c.kind == "kronor" else "left" for c in section.columns]
            rows = [[_cell(v, c.kind) for v, c in zip(row, section.columns)] for row in section.rows]
            total = ["**Summa**"] + [""] * (len(section.columns) - 2) + [f"**{swedish.format_kronor(section.total)}**"]
            parts.append(table([c.header for c in section.columns], rows + [total], align) + "\n")
        parts += [note + "\n" for note in section.notes]
    return "\n".join(parts)


def to_xlsx(appendix: Appendix) -> bytes:
    from openpyxl.styles import Font

    from .exports.xlsx import KRONOR_FORMAT, new_workbook, save, write_sheet

    workbook = new_workbook()
    workbook.remove(workbook.active)
    for section in appendix.tables:
        sheet = workbook.create_sheet(section.type.value)
        money = [i for i, c in enumerate(section.columns) if c.kind == "kronor"]
        write_sheet(sheet, [c.header for c in section.columns], section.rows, money,
                    [28 if c.kind == "text" else 16 for c in section.columns])
        total_row = ["Summa"] + [None] * (len(section.columns) - 2) + [section.total]
        sheet.append(total_row)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.cell(sheet.max_row, len(section.columns)).number_format = KRONOR_FORMAT
        sheet.auto_filter.ref = None
        for note in section.notes:
            sheet.append([note])
    return save(workbook)
