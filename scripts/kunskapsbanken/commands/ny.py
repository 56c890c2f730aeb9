"""`kb ny`: a new project page, from options or by asking for each field; never overwrites."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import authoring
from ..loader import vocabulary_path
from ..model import REQUIRED_BY_TYPE, FrontMatter, ProjectType, Status
from ..problems import Problem
from ..vocabulary import Vocabulary, VocabularyError
from .common import add_command, add_projects_option

# (option, front matter key, question, vocabulary kind or None, list?)
FIELDS = [
    ("titel", "titel", "Titel", None, False),
    ("typ", "typ", "Typ (FUM, LUM eller MUL)", None, False),
    ("år", "år", "År som medel beviljades (flera med komma: 2019, 2020)", None, True),
    ("område", "områden", "Områden (flera med semikolon)", "area", True),
    ("förvaltning", "förvaltning", "Förvaltning", "administration", False),
    ("resmål", "resmål", "Resmål ('Stad, Land')", None, False),
    ("status", "status", f"Status ({', '.join(s.value for s in Status)})", None, False),
    ("sammanfattning", "sammanfattning", "Sammanfattning (2–4 meningar)", None, False),
    ("utförare", "utförare", "Utförare (frivilligt)", "performer", True),
    ("belopp", "belopp", "Belopp i kronor (frivilligt)", None, False),
    ("jämställdhetsanalys", "jämställdhetsanalys", "Jämställdhetsanalys (frivilligt)", None, False),
    ("kontakt", "kontakt", "Kontakt: enhet eller roll, aldrig en person (frivilligt)", None, False),
    ("nyckelord", "nyckelord", "Nyckelord (frivilligt, med semikolon)", None, True),
]

# Asked again when left empty; status is not (it becomes 'planerat').
REQUIRED = {field.alias or name for name, field in FrontMatter.model_fields.items() if field.is_required()} - {"status"}


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "ny", "skapa en ny projektsida",
                         "Skapar projects/<id>.md. Frågar efter de fält som inte ges som flaggor; id:t görs av "
                    "titeln (å→a, ä→a, ö→o, mellanslag→bindestreck). En befintlig sida skrivs aldrig över.")
    add_projects_option(parser)
    for option, key, question, _, many in FIELDS:
        parser.add_argument(f"--{option}", dest=option, action="append" if many else "store", metavar="VÄRDE",
                            help=question)
    parser.add_argument("--id", help="sidans id, om det inte ska göras av titeln")
    parser.add_argument("--fråga-inte", "--fraga-inte", dest="no_questions", action="store_true",
                        help="fråga inte efter fält som saknas (för skript)")
    return parser


def run(args: argparse.Namespace) -> int:
    projects_dir: Path = args.projektmapp
    try:
        vocabulary = Vocabulary.load(vocabulary_path(projects_dir))
    except VocabularyError as error:
        print(f"kb ny: {error}", file=sys.stderr)
        return 1
    interactive = not args.no_questions and sys.stdin.isatty()
    data: dict = {}
    for option, key, question, kind, many in FIELDS:
        given = getattr(args, option)
        values = [v for item in given for v in _split(item)] if many and given else given
        if values in (None, []) and interactive and _asked(key, data):
            _ask_until_right(key, question, kind, vocabulary, many, data)
        elif values not in (None, "", []):
            data[key] = _convert(key, values, kind, vocabulary)
    if "status" not in data:
        data["status"] = Status.PLANNED.value
    page_id = args.id or authoring.project_id(str(data.get("titel", "")))
    if not page_id:
        print("kb ny: titel saknas (ange --titel)", file=sys.stderr)
        return 1
    if not authoring.valid_id(page_id):
        print(f"kb ny: '{page_id}' duger inte som id; skriv små bokstäver a–z, siffror och bindestreck", file=sys.stderr)
        return 1
    if page_id in authoring.existing_ids(projects_dir):
        print(f"kb ny: det finns redan en sida med id '{page_id}' i {projects_dir}; ingenting skrevs över. "
              "Välj en annan titel eller ange --id.", file=sys.stderr)
        return 1
    with authoring.staging_area(projects_dir) as staging:
        staged = authoring.stage(staging, {page_id: authoring.page_text(data)})
        found = authoring.check_staged(staged, staging, vocabulary, authoring.existing_ids(projects_dir))
        if found:
            for problem in found[page_id]:
                print(_without_path(problem), file=sys.stderr)
            print("\nIngen sida skapades. Rätta uppgifterna och kör igen.", file=sys.stderr)
            if not interactive:
                print("kb ny frågar efter fälten bara i ett terminalfönster. Ange dem som flaggor "
                      "(kb ny --hjälp), eller använd formuläret i webbläsaren: kb redigera.", file=sys.stderr)
            return 1
        created = authoring.publish(staged, projects_dir)
    print(f"Skapade {created[0]}. Skriv projektets text under front matter och kör 'kb kontrollera'.")
    return 0


def _asked(key: str, data: dict) -> bool:
    """Every field is asked for (an empty answer skips an optional one); 'resmål' only for trips."""
    return key != "resmål" or str(data.get("typ", "")).strip().upper() in ("MUL", "MUST")


def _ask_until_right(key: str, question: str, kind: str | None, vocabulary: Vocabulary, many: bool,
                     data: dict) -> None:
    """Ask for one field until the answer is right: each answer is checked as it is given, so a
    wrong type or year is said at once and not after every question."""
    while True:
        try:
            answer = input(f"{question}: ").strip()
        except EOFError:
            return
        if not answer:
            if _required(key, data):
                print("  måste fyllas i", file=sys.stderr)
                continue
            return
        values = _split(answer) if many else answer
        complaints = _unknown_terms(kind, values if many else [values], vocabulary)
        if not complaints:
            candidate = {**data, key: _convert(key, values, kind, vocabulary)}
            complaints = [problem.message + (f" – menade du '{problem.suggestion}'?" if problem.suggestion else "")
                          for problem in authoring.answer_problems(candidate, key)]
            if not complaints:
                data[key] = candidate[key]
                return
        for complaint in complaints:
            print(f"  {complaint}", file=sys.stderr)


def _required(key: str, data: dict) -> bool:
    if key in REQUIRED:
        return True
    try:
        return key in REQUIRED_BY_TYPE[ProjectType(data.get("typ"))]
    except ValueError:
        return False


def _unknown_terms(kind: str | None, values: list[str], vocabulary: Vocabulary) -> list[str]:
    if not kind:
        return []
    complaints = []
    for value in values:
        resolution = vocabulary.resolve(kind, value)
        if resolution.term is None:
            hint = f" – menade du '{resolution.suggestion}'?" if resolution.suggestion else ""
            complaints.append(f"okänt värde '{value}'{hint}")
    return complaints


def _split(text: str) -> list[str]:
    separator = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def _convert(key: str, values, kind: str | None, vocabulary: Vocabulary):
    if key == "år":
        return [int(v) if v.isdigit() else v for v in values]
    if key == "belopp":
        digits = values.replace(" ", "").replace("\u00a0", "").removesuffix("kr")
        return int(digits) if digits.isdigit() else values
    if kind:
        if isinstance(values, list):
            return [authoring.clean_term(vocabulary, kind, v) for v in values]
        return authoring.clean_term(vocabulary, kind, values)
    return values


def _without_path(problem: Problem) -> str:
    text = str(problem)
    return text.split(": ", 1)[1] if ": " in text else text
