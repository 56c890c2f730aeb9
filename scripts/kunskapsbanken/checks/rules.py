"""The programme's rules, as warnings: the committee decides, the editor should see the deviation.

The limits are `fou_medel_från_år` and the `typer` entries of vokabular.yml (högsta_belopp_per_år, högst_år_i_rad,
högst_per_förvaltning_och_år, jämställdhetsanalys_från_år); a type without a limit is not checked.
"""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog
from ..model import Project, ProjectType, Status
from ..problems import Problem, Severity
from ..swedish import format_kronor, join_list
from ..vocabulary import TypeEntry

_NOUN = {ProjectType.FUM: ("ett FUM-projekt", "FUM-projekt"), ProjectType.LUM: ("ett LUM-projekt", "LUM-projekt"),
         ProjectType.MUL: ("en studieresa", "studieresor")}


def check(catalog: Catalog, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    for project in catalog.projects:
        problems += _stale_plan(project, today)
        problems += _before_programme(project, catalog.vocabulary.programme_start)
        rule = catalog.vocabulary.types.get(project.type)
        if rule is None:
            continue
        problems += _amount(project, rule) + _years_in_a_row(project, rule) + _gender_analysis(project, rule)
    problems += _per_administration(catalog)
    return problems


def _warning(project: Project, key: tuple[str, ...], field: str, message: str) -> Problem:
    line, column = project.positions.get(key + ("__value__",), project.positions.get(key, (1, 1)))
    return Problem(project.source, line, column, field, message, Severity.WARNING)


def _stale_plan(project: Project, today: dt.date) -> list[Problem]:
    """'planerat' for a project whose time is over tells readers the bank is abandoned."""
    if project.status is not Status.PLANNED:
        return []
    last = project.end.year if project.end else project.years[-1]
    if last >= today.year:
        return []
    return [_warning(project, ("status",), "status",
                     f"status 'planerat' men projektets sista år ({last}) har passerat; skriv 'pågående', "
                     "'avslutat' eller 'avbrutet', eller 'okänd' om underlagen inte säger hur det gick")]


def _amount(project: Project, rule: TypeEntry) -> list[Problem]:
    limit = rule.max_amount_per_year
    if limit is None or project.amount is None:
        return []
    singular = _NOUN[project.type][0]
    if isinstance(project.amount, dict):
        return [_warning(project, ("belopp", str(year)), f"belopp.{year}",
                         f"{format_kronor(amount)} för {year} är mer än de {format_kronor(limit)} per år "
                         f"som {singular} kan beviljas")
                for year, amount in sorted(project.amount.items()) if amount > limit]
    per_year = project.amount / len(project.years)
    if per_year <= limit:
        return []
    spread = "" if len(project.years) == 1 else f" i snitt per år ({len(project.years)} år)"
    return [_warning(project, ("belopp",), "belopp",
                     f"{format_kronor(round(per_year))}{spread} är mer än de {format_kronor(limit)} per år "
                     f"som {singular} kan beviljas")]


def _before_programme(project: Project, start: int | None) -> list[Problem]:
    early = [year for year in project.years if start is not None and year < start]
    if not early:
        return []
    return [_warning(project, ("år",), "år",
                     f"{join_list([str(year) for year in early])} ligger före {start}, då FoU-medel "
                     "började delas ut; stämmer året?")]


def _years_in_a_row(project: Project, rule: TypeEntry) -> list[Problem]:
    limit = rule.max_years_in_a_row
    if limit is None:
        return []
    runs, run = [], [project.years[0]]
    for year in project.years[1:]:
        if year == run[-1] + 1:
            run.append(year)
        else:
            runs.append(run)
            run = [year]
    runs.append(run)
    longest = max(runs, key=len)
    if len(longest) <= limit:
        return []
    return [_warning(project, ("år",), "år",
                     f"medel {longest[0]}–{longest[-1]} är {len(longest)} år i rad; "
                     f"{_NOUN[project.type][0]} kan beviljas högst {limit} år i rad")]


def _gender_analysis(project: Project, rule: TypeEntry) -> list[Problem]:
    start = rule.gender_analysis_from
    if start is None or project.gender_analysis or project.years[-1] < start:
        return []
    return [_warning(project, (), "jämställdhetsanalys",
                     f"jämställdhetsanalys saknas; den efterfrågas för {_NOUN[project.type][1]} från {start}. "
                     "Skriv den, eller skriv varför den inte är aktuell")]


def _per_administration(catalog: Catalog) -> list[Problem]:
    groups: dict[tuple[ProjectType, str, int], list[Project]] = {}
    for project in catalog.projects:
        if project.administration:
            for year in project.years:
                groups.setdefault((project.type, project.administration, year), []).append(project)
    problems = []
    for (kind, administration, year), members in groups.items():
        rule = catalog.vocabulary.types.get(kind)
        limit = rule.max_per_administration_and_year if rule else None
        if limit is None or len(members) <= limit:
            continue
        plural = _NOUN[kind][1]
        for project in members:
            others = join_list([f"'{other.id}'" for other in members if other is not project])
            problems.append(_warning(project, ("förvaltning",), "förvaltning",
                                     f"{administration} har {len(members)} {plural} {year} (högst {limit} per "
                                     f"förvaltning och år); de andra är {others}"))
    return problems
