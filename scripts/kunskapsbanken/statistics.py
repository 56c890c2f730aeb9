"""Figures for the statistics page, the exports and the annual appendix, computed from the catalog.

Amounts are only ever summed from what project pages say. A year's decided total
(projects/beslut.yml) is shown beside the known sum, never spread over projects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from . import swedish
from .catalog import Catalog
from .model import Decision, Project, ProjectType

FINAL_REPORT = "slutrapport"
NO_ADMINISTRATION = "Ingen förvaltning angiven"


@dataclass(frozen=True)
class AmountSummary:
    """Known amounts for a set of projects in one year (or over all years)."""

    projects: int  # how many projects the set holds
    known_sum: int  # the sum of the amounts that project pages give
    known: int  # how many of the projects give an amount
    decision: Decision | None = None  # the committee's decision for the year and type, if recorded

    @property
    def missing(self) -> int:
        return self.projects - self.known

    @property
    def decided(self) -> int | None:
        return self.decision.decided_amount if self.decision else None

    @property
    def difference(self) -> int | None:
        """Decided total minus the known sum: money not (yet) traced to a project page."""
        return None if self.decided is None else self.decided - self.known_sum


@dataclass(frozen=True)
class YearFigures:
    year: int
    projects_by_type: dict[str, int]
    amounts_by_type: dict[str, AmountSummary]
    final_reports: int

    @property
    def projects(self) -> int:
        return sum(self.projects_by_type.values())


@dataclass(frozen=True)
class Statistics:
    types: list[str]
    years: list[YearFigures]
    projects_by_type: dict[str, int]
    amounts_by_type: dict[str, AmountSummary]
    amounts_by_area: dict[str, int]
    amounts_by_administration: dict[str, int]
    trips_by_destination: dict[str, int]
    final_reports_by_year: dict[int, int]
    undated_final_reports: int
    decisions: list[Decision] = field(default_factory=list)
    projects_by_area: dict[str, int] = field(default_factory=dict)
    reports_by_year: dict[int, int] = field(default_factory=dict)  # every report kind, by its date's year
    undated_reports: int = 0

    def decided_by_year(self) -> dict[int, dict[str, int | None]]:
        """The money the committee decided, per year and type; None where the papers give no amount."""
        years: dict[int, dict[str, int | None]] = {}
        for d in self.decisions:
            if d.decided_amount is not None:
                amounts = years.setdefault(d.year, {t: None for t in self.types})
                amounts[d.type.value] = (amounts[d.type.value] or 0) + d.decided_amount
        return dict(sorted(years.items()))

    @property
    def total_projects(self) -> int:
        return sum(self.projects_by_type.values())

    def year(self, year: int) -> YearFigures | None:
        return next((figures for figures in self.years if figures.year == year), None)

    def known_total(self) -> int:
        return sum(summary.known_sum for summary in self.amounts_by_type.values())

    def decided_total(self) -> int:
        return sum(d.decided_amount for d in self.decisions if d.decided_amount is not None)


def amount_in_year(project: Project, year: int) -> int | None:
    """What the project page says it got for that year; None when the page does not say.

    A total over several years without a split is not an amount for any one of them.
    """
    return project.amount_by_year.get(year)


def summarize_year(projects: Iterable[Project], year: int, decision: Decision | None = None) -> AmountSummary:
    chosen = [p for p in projects if year in p.years]
    amounts = [amount_in_year(p, year) for p in chosen]
    known = [a for a in amounts if a is not None]
    return AmountSummary(len(chosen), sum(known), len(known), decision)


def summarize_total(projects: Iterable[Project]) -> AmountSummary:
    chosen = list(projects)
    known = [p.total_amount for p in chosen if p.total_amount is not None]
    return AmountSummary(len(chosen), sum(known), len(known))


def _sorted_by_value(counts: dict[str, int]) -> dict[str, int]:
    return {name: counts[name] for name in sorted(counts, key=lambda n: (-counts[n], swedish.sort_key(n)))}


def final_report_years(catalog: Catalog) -> tuple[dict[int, int], int]:
    """Published final reports per year of their date, and how many have no date."""
    entries = catalog.documents(kind=FINAL_REPORT)
    years = Counter(entry.document.date.year for entry in entries if entry.document.date)
    undated = sum(1 for entry in entries if not entry.document.date)
    return dict(sorted(years.items())), undated


def compute(catalog: Catalog, decisions: Iterable[Decision] = ()) -> Statistics:
    decisions = sorted(decisions, key=lambda d: (d.year, d.type.value))
    decision_of = {(d.year, d.type.value): d for d in decisions}
    types = [t.value for t in ProjectType]
    by_type = {t: [p for p in catalog.projects if p.type.value == t] for t in types}

    reports_by_year, undated = final_report_years(catalog)
    all_years = sorted({y for p in catalog.projects for y in p.years} | {d.year for d in decisions}
                       | set(reports_by_year))
    years = []
    for year in all_years:
        in_year = [p for p in catalog.projects if year in p.years]
        years.append(YearFigures(
            year=year,
            projects_by_type={t: sum(1 for p in in_year if p.type.value == t) for t in types},
            amounts_by_type={t: summarize_year(by_type[t], year, decision_of.get((year, t))) for t in types},
            final_reports=reports_by_year.get(year, 0),
        ))

    by_area: Counter[str] = Counter()
    by_administration: Counter[str] = Counter()
    for project in catalog.projects:
        if project.total_amount is None:
            continue
        # A project in several areas counts in each: the page says so beside the chart.
        for area in project.areas:
            by_area[area] += project.total_amount
        # Only the owning administration, so the administrations add up to the known total.
        by_administration[project.administration or NO_ADMINISTRATION] += project.total_amount

    trips = Counter(str(p.destination) for p in by_type[ProjectType.MUL.value] if p.destination)
    from .exports import REPORT_KINDS

    reports = [e for e in catalog.documents() if e.document.kind in REPORT_KINDS]
    report_years = Counter(e.document.date.year for e in reports if e.document.date)

    return Statistics(
        types=types,
        years=years,
        projects_by_type={t: len(by_type[t]) for t in types},
        amounts_by_type={t: summarize_total(by_type[t]) for t in types},
        amounts_by_area=_sorted_by_value(dict(by_area)),
        amounts_by_administration=_sorted_by_value(dict(by_administration)),
        trips_by_destination=_sorted_by_value(dict(trips)),
        final_reports_by_year=reports_by_year,
        undated_final_reports=undated,
        decisions=decisions,
        projects_by_area=_sorted_by_value({t.name: t.count for t in catalog.terms("area") if t.count}),
        reports_by_year=dict(sorted(report_years.items())),
        undated_reports=sum(1 for e in reports if not e.document.date),
    )
