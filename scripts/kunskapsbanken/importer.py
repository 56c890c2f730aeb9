"""The coordinator's spreadsheet of granted projects (xlsx or csv) as new project pages.

One row per project, Swedish column headers in any order (case does not matter); the
columns and the template are defined here once and documented in the editor guide.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import authoring
from .problems import Problem
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # the front matter field
    required: bool
    example: str
    help: str
    kind: str = "text"  # text, list, years, amount, term:<kind>, terms:<kind>


COLUMNS: tuple[Column, ...] = (
    Column("Titel", "titel", True, "Bostad först i Farsta", "Projektets namn; id:t görs av titeln"),
    Column("Typ", "typ", True, "LUM", "FUM, LUM eller MUL"),
    Column("År", "år", True, "2019, 2020", "Året eller åren medel beviljades, med komma emellan", "years"),
    Column("Områden", "områden", True, "Hemlöshet; Förebyggande arbete",
           "Ett eller flera områden ur vokabulären, med semikolon emellan", "terms:area"),
    Column("Målgrupper", "målgrupper", False, "vuxna", "Ur vokabulären, med semikolon emellan",
           "terms:target_group"),
    Column("Kunskapstyp", "kunskapstyp", False, "metodutveckling", "Ur vokabulären, med semikolon emellan",
           "terms:knowledge_kind"),
    Column("Förvaltning", "förvaltning", False, "Farsta", "Sökande förvaltning (krävs för LUM och MUL)",
           "term:administration"),
    Column("Medsökande", "medsökande", False, "", "Andra förvaltningar, med semikolon emellan",
           "terms:administration"),
    Column("Utförare", "utförare", False, "", "Lärosäte eller konsult, med semikolon emellan", "terms:performer"),
    Column("Belopp", "belopp", False, "450000", "Beviljat belopp i kronor, bara siffror", "amount"),
    Column("Status", "status", False, "pågående", "planerat, pågående, avslutat eller avbrutet "
           "(tomt blir planerat)"),
    Column("Startdatum", "startdatum", False, "2019-01-01", "ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ", "date"),
    Column("Slutdatum", "slutdatum", False, "2020-12-31", "ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ", "date"),
    Column("Resmål", "resmål", False, "", "Bara för MUL: 'Stad, Land'"),
    Column("Kontakt", "kontakt", False, "Enheten för vuxna, Farsta", "En enhet eller roll, aldrig en person"),
    Column("Nyckelord", "nyckelord", False, "boendestöd; hyresvärdar", "Med semikolon emellan", "list"),
    Column("Relaterade", "relaterade", False, "", "Id:n för relaterade projekt, med semikolon emellan", "list"),
    Column("Sammanfattning", "sammanfattning", True,
           "Farsta prövar Bostad först för personer i långvarig hemlöshet.", "2–4 meningar som visas i listor"),
    Column("Jämställdhetsanalys", "jämställdhetsanalys", False, "",
           "Krävs för LUM från 2018; skriv varför den inte är aktuell om så är fallet"),
    Column("Diarienummer", "diarienummer", False, "", "Beslutets diarienummer"),
    Column("Källa", "källor", False, "", "Underlaget uppgifterna kommer från", "list"),
    Column("Id", "id", False, "", "Frivilligt: sidans id om det inte ska göras av titeln"),
)
_BY_HEADER = {column.header.casefold(): column for column in COLUMNS}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong kind, no header, unknown columns)."""


@dataclass
class Row:
    number: int  # as the spreadsheet program shows it: the header is row 1
    values: dict[str, str]
    overflow: bool = False  # more cells than headers: an unquoted separator in a CSV cell


@dataclass
class Plan:
    """What an import would do: the pages by id and the rows that cannot be imported."""

    pages: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # id -> row number
    problems: list[str] = field(default_factory=list)


def read_rows(path: Path) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_table(path)
    elif suffix == ".csv":
        table = _csv_table(path)
    else:
        raise ImportFileError(f"{path}: kan bara läsa .xlsx och .csv, inte '{suffix or path.name}'")
    header_index = next((i for i, row in enumerate(table) if any(cell.strip() for cell in row)), None)
    if header_index is None:
        raise ImportFileError(f"{path}: filen är tom")
    headers = [cell.strip() for cell in table[header_index]]
    columns: list[Column | None] = []
    for number, header in enumerate(headers, start=1):
        if not header:
            columns.append(None)
            continue
        column = _BY_HEADER.get(header.casefold())
        if column is None:
            close = difflib.get_close_matches(header.casefold(), list(_BY_HEADER), n=1, cutoff=0.6)
            hint = f" – menade du '{_BY_HEADER[close[0]].header}'?" if close else ""
            raise ImportFileError(f"{path}: rad {header_index + 1}, kolumn {number}: okänd kolumn "
                                  f"'{header}'{hint} (kolumnerna står i redaktörsguiden)")
        columns.append(column)
    missing = [c.header for c in COLUMNS if c.required and c not in columns]
    if missing:
        raise ImportFileError(f"{path}: kolumner saknas: {', '.join(missing)}")
    rows = []
    for index, cells in enumerate(table[header_index + 1:], start=header_index + 2):
        values = {column.key: cells[i].strip() for i, column in enumerate(columns)
                  if column is not None and i < len(cells) and cells[i].strip()}
        overflow = any(cell.strip() for cell in cells[len(columns):])
        if values or overflow:
            rows.append(Row(index, values, overflow))
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_table(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise ImportFileError(f"{path}: kan inte läsa kalkylbladet ({type(error).__name__})") from error
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_table(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's 'CSV' on Swedish Windows
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


_SPLIT = re.compile(r"\s*[;\n]\s*")


def _split(text: str) -> list[str]:
    parts = _SPLIT.split(text) if ";" in text or "\n" in text else re.split(r"\s*,\s*", text)
    return [part for part in parts if part]


def _years(text: str) -> list[int] | str:
    years: list[int] = []
    for part in re.split(r"\s*[,;]\s*|\s+", text.strip()):
        span = re.fullmatch(r"(\d{4})\s*[–-]\s*(\d{4})", part)
        if span and int(span.group(1)) <= int(span.group(2)) <= int(span.group(1)) + 20:
            years += range(int(span.group(1)), int(span.group(2)) + 1)
        elif re.fullmatch(r"\d{4}", part):
            years.append(int(part))
        elif part:
            return text  # left for the schema to report
    return years


def _amount(text: str) -> int | str:
    digits = re.sub(r"(\s|kr|kronor|:-)", "", text, flags=re.IGNORECASE)
    return int(digits) if digits.isdigit() else text


def front_matter(row: Row, vocabulary: Vocabulary) -> dict:
    data: dict = {}
    for column in COLUMNS:
        value = row.values.get(column.key)
        if value is None or column.key == "id":
            continue
        kind, _, term_kind = column.kind.partition(":")
        if kind == "years":
            data[column.key] = _years(value)
        elif kind == "amount":
            data[column.key] = _amount(value)
        elif kind == "term":
            data[column.key] = authoring.clean_term(vocabulary, term_kind, value)
        elif kind == "terms":
            data[column.key] = [authoring.clean_term(vocabulary, term_kind, v) for v in _split(value)]
        elif kind == "list":
            data[column.key] = _split(value)
        else:
            data[column.key] = value
    data.setdefault("status", "planerat")
    return data


def plan_import(path: Path, projects_dir: Path, vocabulary: Vocabulary) -> Plan:
    """Read the file and decide every row; nothing is written. Raises ImportFileError."""
    plan = Plan()
    taken = authoring.existing_ids(projects_dir)
    for row in read_rows(path):
        if row.overflow:
            plan.problems.append(f"rad {row.number}: raden har fler celler än rubrikraden; sätt en cell som "
                                 "innehåller semikolon eller kommatecken inom citattecken")
            continue
        data = front_matter(row, vocabulary)
        page_id = row.values.get("id") or authoring.project_id(str(data.get("titel", "")))
        if not page_id or not authoring.valid_id(page_id):
            plan.problems.append(f"rad {row.number}: Id: '{page_id}' duger inte som id; skriv små bokstäver "
                                 "a–z, siffror och bindestreck" if page_id else
                                 f"rad {row.number}: Titel: titel saknas")
            continue
        if page_id in taken:
            plan.problems.append(f"rad {row.number}: Titel: det finns redan ett projekt med id '{page_id}'; "
                                 "ingenting skrivs över (ange ett annat id i kolumnen Id)")
            continue
        if page_id in plan.pages:
            plan.problems.append(f"rad {row.number}: Titel: id:t '{page_id}' finns också på rad "
                                 f"{plan.rows[page_id]}")
            continue
        plan.pages[page_id] = authoring.page_text(data)
        plan.rows[page_id] = row.number
    return plan


def row_message(row_number: int, problem: Problem) -> str:
    """'rad 4: Områden: okänt område 'Hemlöshe' – menade du 'Hemlöshet'?'"""
    top = problem.field.split(".", 1)[0]
    column = next((c.header for c in COLUMNS if c.key == top), top)
    text = problem.message + (f" – menade du '{problem.suggestion}'?" if problem.suggestion else "")
    return f"rad {row_number}: {column + ': ' if column else ''}{text}"


def template_csv() -> str:
    """The header row alone, semicolon-separated as Swedish Excel writes it."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerow([c.header for c in COLUMNS])
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """Sheet 'Projekt' with the headers (required ones in bold, help as comments); sheet
    'Förklaring' says what each column takes. Only the first sheet is imported."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Projekt"
    sheet.append([c.header for c in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=column.required)
        cell.comment = Comment(("Obligatorisk. " if column.required else "") + column.help, "Kunskapsbanken")
        sheet.column_dimensions[cell.column_letter].width = max(12, len(column.header) + 4)
    help_sheet = workbook.create_sheet("Förklaring")
    help_sheet.append(["Kolumn", "Obligatorisk", "Vad den ska innehålla", "Exempel"])
    for column in COLUMNS:
        help_sheet.append([column.header, "ja" if column.required else "nej", column.help, column.example])
    for letter, width in zip("ABCD", (20, 12, 70, 45)):
        help_sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
